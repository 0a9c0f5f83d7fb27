"""Section II(VI): what reaches a member: the Messages inbox, push, alert settings, marketing, the SMS outbox."""

import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AlertCategory(models.TextChoices):
    """The categories of notice a member can switch per channel in Alert Settings (INT-01, INT-05)."""

    LOGISTICS = "logistics", _("Logistics")
    EVENTS = "events", _("Event offers")
    INTERACTIONS = "interactions", _("Interactions")
    SERVICE = "service", _("Service notices")
    SECURITY = "security", _("Security notices")


class AlertChannel(models.TextChoices):
    INBOX = "inbox", _("Messages inbox")
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    PUSH = "push", _("Push")


class Message(models.Model):
    """A notice in the member's Messages inbox (INT-04), written only by the notice service."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_messages", verbose_name=_("member")
    )
    kind = models.CharField(_("category"), max_length=20, choices=AlertCategory.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["member", "-created_at"], name="message_inbox")]

    def __str__(self) -> str:
        return self.title


class PushNotification(models.Model):
    """A notice waiting for the member's app to fetch it through the API (INT-05, PERM-11).

    Written only while the member grants push notifications; the app marks it fetched.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_notifications", verbose_name=_("member")
    )
    kind = models.CharField(_("category"), max_length=20, choices=AlertCategory.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    fetched_at = models.DateTimeField(_("fetched at"), null=True, blank=True)

    class Meta:
        verbose_name = _("push notification")
        verbose_name_plural = _("push notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["member", "fetched_at"], name="push_pending")]

    def __str__(self) -> str:
        return self.title


class AlertSetting(models.Model):
    """Whether one category of notice reaches the member on one channel (INT-05). No row means on."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_settings", verbose_name=_("member")
    )
    category = models.CharField(_("category"), max_length=20, choices=AlertCategory.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=AlertChannel.choices)
    is_enabled = models.BooleanField(_("on"))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        db_table = "privacy_alertsetting"
        verbose_name = _("alert setting")
        verbose_name_plural = _("alert settings")
        constraints = [
            models.UniqueConstraint(fields=["member", "category", "channel"], name="one_alert_setting_per_channel"),
            # INT-01: security and service notices cannot be switched off.
            models.CheckConstraint(
                condition=~models.Q(category__in=["security", "service"]) | models.Q(is_enabled=True),
                name="mandatory_alerts_stay_on",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.category}/{self.channel}: {'on' if self.is_enabled else 'off'}"


class MarketingMessage(models.Model):
    """One marketing message sent to a member, with the one-click unsubscribe it carries (INT-02)."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("SMS")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="marketing_messages",
        verbose_name=_("member"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("sent to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    class Meta:
        db_table = "privacy_marketingmessage"
        verbose_name = _("marketing message")
        verbose_name_plural = _("marketing messages")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.channel} · {self.subject}"


class MarketingCall(models.Model):
    """One member on a phone-marketing call list that staff work in admin (INT-02).

    The sender refreshes the list from the ledger; a member who withdraws phone
    marketing leaves the list at once (admin shows only consenting members).
    """

    class Outcome(models.TextChoices):
        REACHED = "reached", _("Reached")
        NO_ANSWER = "no_answer", _("No answer")

    topic = models.CharField(_("topic"), max_length=200, help_text=_("What the call offers, for example a campaign."))
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="marketing_calls", verbose_name=_("member")
    )
    phone = models.CharField(_("mobile number"), max_length=20)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("called by"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        db_table = "privacy_marketingcall"
        verbose_name = _("marketing call")
        verbose_name_plural = _("marketing call list")
        ordering = ["queued_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "topic"],
                condition=models.Q(called_at__isnull=True),
                name="one_open_marketing_call_per_topic",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} · {self.member_id}"


class MarketingPopup(models.Model):
    """A marketing pop-up shown on site pages, only to members who agreed to pop-ups; each can be skipped (INT-02)."""

    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), max_length=500)
    link_url = models.CharField(
        _("link"),
        max_length=200,
        blank=True,
        validators=[RegexValidator(r"^/(?![/\\])", _("Give a path on this site, starting with one /."))],
        help_text=_("A path on this site, optional."),
    )
    starts_at = models.DateTimeField(_("shown from"), default=timezone.now)
    ends_at = models.DateTimeField(_("shown until"))

    class Meta:
        db_table = "privacy_marketingpopup"
        verbose_name = _("marketing pop-up")
        verbose_name_plural = _("marketing pop-ups")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="popup_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title


class PopupDismissal(models.Model):
    """The member pressed "Skip" on a pop-up: it is not shown to them again."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="popup_dismissals", verbose_name=_("member")
    )
    popup = models.ForeignKey(MarketingPopup, on_delete=models.CASCADE, related_name="dismissals")
    dismissed_at = models.DateTimeField(_("skipped at"), default=timezone.now)

    class Meta:
        db_table = "privacy_popupdismissal"
        verbose_name = _("skipped pop-up")
        verbose_name_plural = _("skipped pop-ups")
        constraints = [models.UniqueConstraint(fields=["member", "popup"], name="one_dismissal_per_popup")]

    def __str__(self) -> str:
        return f"{self.member_id} skipped {self.popup_id}"


class SmsMessage(models.Model):
    """A text message as the development SMS backend delivers it: into this table, never to a phone."""

    # Empty when the number has no account (enumeration-prevention texts).
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
    )
    phone = models.CharField(_("mobile number"), max_length=20)
    body = models.CharField(_("text"), max_length=300)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        db_table = "members_smsmessage"
        verbose_name = _("text message")
        verbose_name_plural = _("text messages")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["phone", "-sent_at"], name="sms_by_phone")]

    def __str__(self) -> str:
        return f"SMS {self.pk} {self.sent_at:%Y-%m-%d %H:%M}"


class StoreConversation(models.Model):
    """A member's chat with one store's service staff about a commodity or one of their orders (INT-06).

    The store, commodity and order are named by string: interactions sits below catalog and orders.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="store_conversations",
        verbose_name=_("member"),
    )
    store = models.ForeignKey("catalog.Store", on_delete=models.CASCADE, related_name="+", verbose_name=_("store"))
    commodity = models.ForeignKey(
        "catalog.Commodity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commodity"),
    )
    order = models.ForeignKey(
        "orders.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("order")
    )
    subject = models.CharField(_("about"), max_length=200)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    last_message_at = models.DateTimeField(_("last message at"), default=timezone.now)
    member_read_at = models.DateTimeField(_("read by the member at"), null=True, blank=True)
    store_read_at = models.DateTimeField(_("read by the store at"), null=True, blank=True)

    class Meta:
        verbose_name = _("store conversation")
        verbose_name_plural = _("store conversations")
        ordering = ["-last_message_at", "-id"]
        indexes = [
            models.Index(fields=["member", "-last_message_at"], name="conversation_member"),
            models.Index(fields=["store", "-last_message_at"], name="conversation_store"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_unread_by_member(self) -> bool:
        return self.member_read_at is None or self.member_read_at < self.last_message_at

    @property
    def is_unread_by_store(self) -> bool:
        return self.store_read_at is None or self.store_read_at < self.last_message_at


class ChatMessage(models.Model):
    """One message in a store conversation, from the member or from the store's staff (INT-06)."""

    conversation = models.ForeignKey(
        StoreConversation, on_delete=models.CASCADE, related_name="messages", verbose_name=_("conversation")
    )
    # The staff member who answered for the store; the conversation's member otherwise.
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    is_from_store = models.BooleanField(_("from the store"))
    body = models.TextField(_("message"), max_length=2000)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    # SEC-11: the text matched an anti-fraud pattern; the sender was warned.
    fraud_warning = models.CharField(_("anti-fraud warning shown"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")
        ordering = ["sent_at", "id"]
        indexes = [models.Index(fields=["conversation", "sent_at"], name="chat_message_thread")]

    def __str__(self) -> str:
        return f"{self.conversation_id} · {self.sent_at:%Y-%m-%d %H:%M}"


class StoreChatMute(models.Model):
    """The member silenced one store's chat: its messages are kept, no notice is sent for them (INT-06)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="store_chat_mutes", verbose_name=_("member")
    )
    store = models.ForeignKey("catalog.Store", on_delete=models.CASCADE, related_name="+", verbose_name=_("store"))
    muted_at = models.DateTimeField(_("muted at"), default=timezone.now)

    class Meta:
        verbose_name = _("muted store chat")
        verbose_name_plural = _("muted store chats")
        constraints = [models.UniqueConstraint(fields=["member", "store"], name="one_mute_per_store")]

    def __str__(self) -> str:
        return f"{self.member_id} muted {self.store_id}"


def validate_pattern(value: str) -> None:
    try:
        re.compile(value)
    except re.error as error:
        raise ValidationError(_("Not a valid regular expression: %(error)s"), params={"error": error}) from None


class FraudPattern(models.Model):
    """A pattern staff keep in admin; chat messages and pay-on-behalf details that match it warn the member (SEC-11)."""

    name = models.CharField(_("name"), max_length=120)
    pattern = models.CharField(
        _("pattern"),
        max_length=300,
        validators=[validate_pattern],
        help_text=_("A regular expression, matched case-insensitively, for example QQ|WeChat|微信."),
    )
    warning = models.CharField(_("warning shown to the member"), max_length=500)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("anti-fraud pattern")
        verbose_name_plural = _("anti-fraud patterns")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


# Crockford's alphabet less I, L, O, U: nothing to misread when typed from a screen.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
INVITE_PREFIX = "1688F-"
EVENT_PREFIX = "1688E-"


def new_code(prefix: str) -> str:
    """A platform share code: the kind's prefix and CODE_LENGTH random characters."""
    return prefix + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_event_share_code() -> str:
    return new_code(EVENT_PREFIX)


class FriendInvitation(models.Model):
    """An invitation code (and its QR code) that lets one other member ask to become a friend (INT-07).

    It works once and until it expires; the inviter can revoke it before that.
    """

    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="friend_invitations", verbose_name=_("inviter")
    )
    code = models.CharField(_("invitation code"), max_length=20, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    redeemed_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("friend invitation")
        verbose_name_plural = _("friend invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")), name="friend_invitation_expires_later"
            )
        ]

    def __str__(self) -> str:
        return f"{self.inviter_id} · {self.created_at:%Y-%m-%d}"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.redeemed_at is None and self.revoked_at is None and self.expires_at > now


class FriendRequest(models.Model):
    """A request to become friends, made by redeeming an invitation; the inviter accepts or declines (INT-07)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    from_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="friend_requests_sent",
        verbose_name=_("from"),
    )
    to_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="friend_requests_received",
        verbose_name=_("to"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("friend request")
        verbose_name_plural = _("friend requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_member=models.F("to_member")), name="no_self_friend_request"
            ),
            models.UniqueConstraint(
                fields=["from_member", "to_member"],
                condition=models.Q(status="pending"),
                name="one_pending_friend_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_member_id} → {self.to_member_id}: {self.status}"


class Friendship(models.Model):
    """One side of a friendship: two rows, one per member, written and removed together (INT-07)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="friendships", verbose_name=_("member")
    )
    friend = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("friend")
    )
    since = models.DateTimeField(_("friends since"), default=timezone.now)

    class Meta:
        verbose_name = _("friend")
        verbose_name_plural = _("friends")
        ordering = ["-since", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "friend"], name="one_friendship_per_pair"),
            models.CheckConstraint(condition=~models.Q(member=models.F("friend")), name="no_self_friendship"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} ~ {self.friend_id}"


class EventData(models.TextChoices):
    """The data a marketing event may use (INT-08): staff pick exactly what each event collects."""

    NICKNAME = "nickname", _("Nickname")
    AVATAR = "avatar", _("Profile picture")
    CONTACTS = "contacts", _("Contact details")
    DELIVERY = "delivery", _("Delivery information")
    ORDERS = "orders", _("Purchase orders")
    BROWSING = "browsing", _("Browsing history")
    ACCOUNT_LEVEL = "account_level", _("Account level")


class MarketingEvent(models.Model):
    """A marketing event staff run; it declares the data it uses, and joint events name their partner (INT-08, INT-09)."""

    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=2000)
    data_used = models.JSONField(
        _("data the event uses"), default=list, help_text=_("Exactly the data this event collects and uses.")
    )
    partner = models.ForeignKey(
        "privacy.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("joint-event partner"),
        help_text=_("For an event run jointly with an affiliate or third party."),
    )
    has_prizes = models.BooleanField(_("has prizes"), default=False)
    share_code = models.CharField(_("share code"), max_length=20, unique=True, default=new_event_share_code)
    starts_at = models.DateTimeField(_("starts at"), default=timezone.now)
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("marketing event")
        verbose_name_plural = _("marketing events")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        unknown = set(self.data_used) - set(EventData.values)
        if unknown or len(set(self.data_used)) != len(self.data_used):
            raise ValidationError({"data_used": _("Choose each kind of data once, from the list.")})
        # Prize claims collect delivery data, so an event with prizes must declare it.
        if self.has_prizes and EventData.DELIVERY not in self.data_used:
            raise ValidationError({"data_used": _("An event with prizes collects delivery information: list it.")})

    @property
    def data_labels(self) -> list[str]:
        return [str(EventData(value).label) for value in self.data_used]

    @property
    def consent_scope(self) -> str:
        """The participation consent's scope names the event and the data it lists, so a changed list needs a new one."""
        return f"event:{self.pk}:{','.join(self.data_used)}"[:100]

    @property
    def sharing_scope(self) -> str:
        return f"event:{self.pk}:{self.partner_id or ''}"


class EventEnrolment(models.Model):
    """A member taking part in an event, after the event's own consent (INT-08)."""

    event = models.ForeignKey(
        MarketingEvent, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("event")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_enrolments", verbose_name=_("member")
    )
    data_consented = models.JSONField(_("data agreed to"), default=list)
    enrolled_at = models.DateTimeField(_("joined at"), default=timezone.now)
    won_at = models.DateTimeField(_("won a prize at"), null=True, blank=True)
    shared_with_partner_at = models.DateTimeField(_("shared with the partner at"), null=True, blank=True)

    class Meta:
        verbose_name = _("event participant")
        verbose_name_plural = _("event participants")
        ordering = ["-enrolled_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["event", "member"], name="one_enrolment_per_event")]

    def __str__(self) -> str:
        return f"{self.member_id} @ {self.event_id}"

    @property
    def data_labels(self) -> list[str]:
        return [str(EventData(value).label) for value in self.data_consented if value in EventData.values]


class PrizeClaim(models.Model):
    """Where a prize goes: the delivery data a winner gives to claim it (INT-08)."""

    enrolment = models.OneToOneField(
        EventEnrolment, on_delete=models.CASCADE, related_name="prize_claim", verbose_name=_("participant")
    )
    consignee_name = models.CharField(_("consignee"), max_length=60)
    phone = models.CharField(_("mobile number"), max_length=20)
    address = models.CharField(_("delivery address"), max_length=300)
    claimed_at = models.DateTimeField(_("claimed at"), default=timezone.now)

    class Meta:
        verbose_name = _("prize claim")
        verbose_name_plural = _("prize claims")
        ordering = ["-claimed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.claimed_at:%Y-%m-%d}"


class AppletChannel(models.Model):
    """A channel (applet, mini-program) on the platform, run by a channel developer from the partner register (SHR-06)."""

    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("Names the channel in the developer's feed.")
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    developer = models.ForeignKey(
        "privacy.Partner",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "channel"},
        verbose_name=_("channel developer"),
        help_text=_("A channel developer in the partner register; it receives only this channel's activity."),
    )
    is_listed = models.BooleanField(_("listed for members"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("channel (applet)")
        verbose_name_plural = _("channels (applets)")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ChannelSubscription(models.Model):
    """A member's current subscription to a channel; its history is in ChannelActivity."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="channel_subscriptions",
        verbose_name=_("member"),
    )
    channel = models.ForeignKey(
        AppletChannel, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("channel")
    )
    subscribed_at = models.DateTimeField(_("subscribed at"), default=timezone.now)

    class Meta:
        verbose_name = _("channel subscription")
        verbose_name_plural = _("channel subscriptions")
        ordering = ["-subscribed_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["member", "channel"], name="one_subscription_per_channel")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.channel_id}"


class ChannelActivity(models.Model):
    """What a member did in a channel (SHR-06): the log its developer receives, for its own channel only."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Signed in")
        VIEW = "view", _("Viewed")
        SUBSCRIBE = "subscribe", _("Subscribed")
        CANCEL = "cancel", _("Cancelled the subscription")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="channel_activity", verbose_name=_("member")
    )
    channel = models.ForeignKey(
        AppletChannel, on_delete=models.CASCADE, related_name="activity", verbose_name=_("channel")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)
    # Set in the transaction that records the hand-off to the developer, so a rerun of the feed sends nothing twice.
    fed_at = models.DateTimeField(_("sent to the developer at"), null=True, blank=True)

    class Meta:
        verbose_name = _("channel activity")
        verbose_name_plural = _("channel activity")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(
                fields=["channel", "id"], condition=models.Q(fed_at__isnull=True), name="channel_activity_unfed"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.channel_id} {self.action}"
