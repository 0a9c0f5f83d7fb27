"""Registry entries of the interactions app (section II(VI))."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from interactions.models import (
    AlertSetting,
    AppletChannel,
    ChannelActivity,
    ChannelSubscription,
    ChatMessage,
    EventEnrolment,
    FraudPattern,
    FriendInvitation,
    FriendRequest,
    Friendship,
    MarketingCall,
    MarketingEvent,
    MarketingMessage,
    MarketingPopup,
    Message,
    PopupDismissal,
    PrizeClaim,
    PushNotification,
    SmsMessage,
    StoreChatMute,
    StoreConversation,
)
from privacy.registry import (
    PI,
    DataCategory,
    Erasure,
    Retention,
    days,
    declare_no_personal_data,
    delete_linked_rows,
    register,
    years,
)

register(
    Message,
    subject="member",
    row=PI(
        DataCategory.SOCIAL,
        _("Delivers logistics, event, interaction and service notices to your Messages."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=Retention(
        after="created_at",
        keep=days(180),
        then=Erasure.DELETE_ROW,
        basis=_("Kept only while useful to you: notices expire after 180 days."),
    ),
)
register(
    PushNotification,
    subject="member",
    row=PI(
        DataCategory.SOCIAL,
        _("Notices waiting for your app to show them, sent only while you allow push notifications."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=Retention(
        after="created_at",
        keep=days(30),
        then=Erasure.DELETE_ROW,
        basis=_("Only needed until your app has fetched them."),
    ),
)
register(
    AlertSetting,
    kept_while=_("Kept while your account is open: your own choices, erased when you close it."),
    subject="member",
    row=PI(
        DataCategory.ACCOUNT,
        _("Which notices reach you on which channel (Alert Settings)."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
)
register(
    MarketingMessage,
    subject="member",
    fields={
        "address": PI(DataCategory.EVENTS, _("Where we sent a marketing message you agreed to."), erase=Erasure.MASK),
    },
    not_personal=["channel", "subject", "sent_at", "unsubscribed_at"],
    retention=Retention(
        after="sent_at",
        keep=years(1),
        then=Erasure.DELETE_ROW,
        basis=_("Proof that marketing went only to members who agreed, and that unsubscribes took effect."),
    ),
)
register(
    MarketingCall,
    subject="member",
    fields={
        "phone": PI(
            DataCategory.EVENTS, _("The number staff call with offers you agreed to by phone."), erase=Erasure.MASK
        ),
    },
    not_personal=["topic", "queued_at", "called_at", "called_by", "outcome"],
    retention=Retention(
        after="queued_at",
        keep=years(1),
        then=Erasure.DELETE_ROW,
        basis=_("Proof that marketing calls went only to members who agreed to them."),
    ),
)
declare_no_personal_data(MarketingPopup, reason="The text of a marketing pop-up; it names no member.")
register(
    PopupDismissal,
    subject="member",
    row=PI(
        DataCategory.EVENTS,
        _("Remembers which pop-ups you skipped, so that they are not shown to you again."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    retention=Retention(
        after="dismissed_at",
        keep=years(1),
        then=Erasure.DELETE_ROW,
        basis=_("Needed only while the pop-up could still be shown."),
    ),
)
register(
    SmsMessage,
    subject="member",
    row=PI(
        DataCategory.ACCOUNT, _("Verification codes and security texts sent to your phone."), erase=Erasure.DELETE_ROW
    ),
    retention=Retention(
        after="sent_at",
        keep=days(30),
        then=Erasure.DELETE_ROW,
        basis=_("A code is useless after 15 minutes; the text is kept a month to answer delivery questions."),
    ),
)

# INT-06: store chats. The store's staff read them for as long as the trade may need an answer.
CHAT_RETENTION = Retention(
    after="last_message_at",
    keep=years(1),
    then=Erasure.DELETE_ROW,
    basis=_("Kept a year after the last message, to answer questions and disputes about the trade."),
)
register(
    StoreConversation,
    subject="member",
    row=PI(
        DataCategory.SOCIAL,
        _("Your chats with a store's service staff about goods or your orders, shown in Messages."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=CHAT_RETENTION,
)
register(
    ChatMessage,
    subject="conversation__member",
    row=PI(
        DataCategory.SOCIAL,
        _("What you and the store's staff wrote in a store chat; the store sees it to answer you."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=Retention(after="sent_at", keep=years(1), then=Erasure.DELETE_ROW, basis=CHAT_RETENTION.basis),
)
register(
    StoreChatMute,
    subject="member",
    row=PI(
        DataCategory.SOCIAL,
        _("Which stores' chats you muted, so that their messages send you no notice."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    kept_while=_("Kept while the store's chat is muted; unmuting or closing your account deletes it."),
)
register(
    FriendInvitation,
    subject="inviter",
    row=PI(
        DataCategory.SOCIAL,
        _("Invitation codes you made so that someone can ask to be your friend."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    retention=Retention(
        after="expires_at",
        keep=days(30),
        then=Erasure.DELETE_ROW,
        basis=_("A code works for three days; it is kept a month after, to answer questions about it."),
    ),
)
register(
    FriendRequest,
    subject="from_member",
    row=PI(
        DataCategory.SOCIAL,
        _("Friend requests you sent by using an invitation code, and their answer."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    retention=Retention(
        after="created_at",
        keep=days(90),
        then=Erasure.DELETE_ROW,
        basis=_("Needed only until it is answered; friendships themselves are kept as friends."),
    ),
)
register(
    Friendship,
    subject="member",
    row=PI(
        DataCategory.SOCIAL,
        _("Your friends, until you or they remove the friendship."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    kept_while=_("Kept until you or your friend remove the friendship or close the account."),
)
delete_linked_rows(
    Friendship, link="friend", description=_("Other members' friendships with you, which end with your account.")
)
delete_linked_rows(
    FriendRequest,
    link="to_member",
    only=Q(status=FriendRequest.Status.PENDING),
    description=_("Friend requests waiting for your answer, which can no longer be answered."),
)
declare_no_personal_data(FraudPattern, reason="Anti-fraud patterns staff write; they name no member.")
declare_no_personal_data(MarketingEvent, reason="An event staff set up: its text, dates and the data it declares.")
register(
    EventEnrolment,
    subject="member",
    row=PI(
        DataCategory.EVENTS,
        _("The events you joined, the data you agreed each may use, and whether you won a prize."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    # Counted from the event's end, so that its prize claims (kept less long after it) always go first.
    retention=Retention(
        after="event__ends_at",
        keep=years(1),
        then=Erasure.DELETE_ROW,
        basis=_("An event's records are needed until its prizes are delivered and questions answered."),
    ),
)
register(
    PrizeClaim,
    subject="enrolment__member",
    row=PI(DataCategory.DELIVERY, _("Your claim of a prize you won."), erase=Erasure.DELETE_ROW, is_necessary=False),
    fields={
        "consignee_name": PI(DataCategory.DELIVERY, _("Who receives the prize you won."), erase=Erasure.MASK),
        "phone": PI(DataCategory.DELIVERY, _("The courier's number to reach you with your prize."), erase=Erasure.MASK),
        "address": PI(DataCategory.DELIVERY, _("Where your prize is delivered."), erase=Erasure.MASK),
    },
    retention=Retention(
        after="enrolment__event__ends_at",
        keep=days(180),
        then=Erasure.DELETE_ROW,
        basis=_("Delivery data is needed only until the prize arrives and any loss is settled."),
    ),
)

declare_no_personal_data(AppletChannel, reason="A channel staff register: its name, description and developer.")
register(
    ChannelSubscription,
    subject="member",
    row=PI(
        DataCategory.SOCIAL,
        _("The channels you subscribed to."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    kept_while=_("Kept until you cancel the subscription or close your account."),
)
register(
    ChannelActivity,
    subject="member",
    # SHR-06: sign-ins, views, subscriptions and cancellations in a channel; its developer receives its own.
    row=PI(
        DataCategory.SERVICE_LOG,
        _("What you do in a channel (signing in, viewing, subscribing, cancelling); its developer receives it."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=Retention(
        after="occurred_at",
        keep=days(180),
        then=Erasure.DELETE_ROW,
        basis=_(
            "The developer receives the activity daily; six months covers questions about a channel service, "
            "then it is deleted."
        ),
    ),
)
