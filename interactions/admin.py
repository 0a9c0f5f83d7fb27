"""Admin of section II(VI): messages, store chats, anti-fraud patterns, alert settings, marketing (messages, the call list,
pop-ups), friends, events, channels (applets) and their activity, the SMS outbox."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from interactions import applets, events, marketing
from interactions.forms import EventAdminForm
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
    PrizeClaim,
    SmsMessage,
    StoreConversation,
)
from privacy.admin_base import ReadOnlyAdmin, ReadOnlyInline
from privacy.admin_masking import PersonalDataAdminMixin
from privacy.masking import mask


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["title", "member", "kind", "created_at", "read_at"]
    list_filter = ["kind", "created_at"]
    list_select_related = ["member"]
    search_fields = ["title", "member__member_name"]
    raw_id_fields = ["member"]


@admin.register(AlertSetting)
class AlertSettingAdmin(ReadOnlyAdmin):
    list_display = ["member", "category", "channel", "is_enabled", "updated_at"]
    list_filter = ["category", "channel", "is_enabled"]
    list_select_related = ["member"]
    search_fields = ["member__member_name"]


@admin.register(MarketingMessage)
class MarketingMessageAdmin(PersonalDataAdminMixin, ReadOnlyAdmin):
    list_display = ["sent_at", "member", "channel", "subject", "unsubscribed_at"]
    list_filter = ["channel"]
    list_select_related = ["member"]
    search_fields = ["member__member_name", "subject"]
    date_hierarchy = "sent_at"


class CallListRefreshForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=200, help_text=_("What the calls offer."))


@admin.register(MarketingCall)
class MarketingCallAdmin(PersonalDataAdminMixin, ReadOnlyAdmin):
    """The phone-marketing call list (INT-02): only members who agree to calls right now, re-checked per call."""

    list_display = ["topic", "member", "phone", "queued_at"]
    list_filter = ["topic"]
    list_select_related = ["member"]
    search_fields = ["topic", "member__member_name"]
    actions = ["record_reached", "record_no_answer"]
    change_list_template = "admin/interactions/marketingcall/change_list.html"

    def get_queryset(self, request):
        # A member who withdraws phone marketing drops out at once, before the next refresh.
        return marketing.open_calls()

    def get_urls(self):
        refresh = path(
            "refresh/",
            self.admin_site.admin_view(self.refresh_view),
            name="interactions_marketingcall_refresh",
        )
        return [refresh, *super().get_urls()]

    def refresh_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = CallListRefreshForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            count = marketing.refresh_call_list(form.cleaned_data["topic"])
            self.message_user(request, _("%(count)s calls are open on this list.") % {"count": count}, messages.SUCCESS)
            return redirect(reverse("admin:interactions_marketingcall_changelist"))
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form}
        return TemplateResponse(request, "admin/interactions/marketingcall/refresh.html", context)

    def _record(self, request, queryset, outcome):
        for call in queryset:
            try:
                marketing.record_call(call, staff=request.user, outcome=outcome)
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.WARNING)
            else:
                self.message_user(request, _("Recorded the call to %(member)s.") % {"member": call.member})

    @admin.action(description=_("Record: called, reached"), permissions=["view"])
    def record_reached(self, request, queryset):
        self._record(request, queryset, MarketingCall.Outcome.REACHED)

    @admin.action(description=_("Record: called, no answer"), permissions=["view"])
    def record_no_answer(self, request, queryset):
        self._record(request, queryset, MarketingCall.Outcome.NO_ANSWER)


@admin.register(MarketingPopup)
class MarketingPopupAdmin(admin.ModelAdmin):
    """Pop-ups appear only to members who agree to pop-ups, each with a Skip button (INT-02)."""

    list_display = ["title", "starts_at", "ends_at"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"


@admin.register(SmsMessage)
class SmsMessageAdmin(admin.ModelAdmin):
    """The development SMS backend's outbox: read-only, development only, codes and numbers masked."""

    list_display = ["masked_phone", "body", "sent_at"]
    date_hierarchy = "sent_at"
    fields = ["masked_phone", "body", "sent_at"]
    readonly_fields = fields  # type: ignore[assignment]  # a flat list; the stubs widen `fields` to field groups
    change_list_template = "admin/sms_outbox_change_list.html"

    @admin.display(description=_("mobile number"))
    def masked_phone(self, obj) -> str:
        return mask(obj.phone)

    def has_view_permission(self, request, obj=None) -> bool:
        # Production texts go through the carrier's gateway; the outbox exists only where DEBUG is on.
        return settings.DEBUG and super().has_view_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ChatMessageInline(ReadOnlyInline):
    model = ChatMessage
    fields = readonly_fields = ("sent_at", "is_from_store", "sender", "body", "fraud_warning")


@admin.register(StoreConversation)
class StoreConversationAdmin(ReadOnlyAdmin):
    """Store chats (INT-06), read-only: staff look at them when a dispute needs it."""

    list_display = ["subject", "member", "store", "last_message_at"]
    list_select_related = ["member", "store"]
    search_fields = ["subject", "member__member_name", "store__name"]
    date_hierarchy = "last_message_at"
    inlines = [ChatMessageInline]


@admin.register(FraudPattern)
class FraudPatternAdmin(admin.ModelAdmin):
    """The anti-fraud patterns (SEC-11) that warn members in store chats and pay-on-behalf requests."""

    list_display = ["name", "pattern", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "pattern", "warning"]


@admin.register(FriendInvitation)
class FriendInvitationAdmin(ReadOnlyAdmin):
    """Invitation codes are the members' own; staff see when they were made and used, not the codes (INT-07)."""

    list_display = ["inviter", "created_at", "expires_at", "redeemed_at", "revoked_at"]
    list_select_related = ["inviter"]
    search_fields = ["inviter__member_name"]
    exclude = ["code"]


@admin.register(FriendRequest)
class FriendRequestAdmin(ReadOnlyAdmin):
    list_display = ["from_member", "to_member", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["from_member", "to_member"]
    search_fields = ["from_member__member_name", "to_member__member_name"]


@admin.register(Friendship)
class FriendshipAdmin(ReadOnlyAdmin):
    list_display = ["member", "friend", "since"]
    list_select_related = ["member", "friend"]
    search_fields = ["member__member_name"]


@admin.register(MarketingEvent)
class MarketingEventAdmin(admin.ModelAdmin):
    """Staff declare exactly the data each event uses (INT-08) and its partner (INT-09); statistics are aggregate (INT-10)."""

    form = EventAdminForm
    list_display = ["title", "starts_at", "ends_at", "partner", "has_prizes", "share_code"]
    list_select_related = ["partner"]
    search_fields = ["title"]
    readonly_fields = ["share_code"]
    actions = ["sync_with_partner"]
    change_form_template = "admin/interactions/marketingevent/change_form.html"

    def get_urls(self):
        statistics = path(
            "<int:pk>/statistics/",
            self.admin_site.admin_view(self.statistics_view),
            name="interactions_marketingevent_statistics",
        )
        return [statistics, *super().get_urls()]

    def statistics_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        event = get_object_or_404(MarketingEvent, pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "event": event,
            "figures": events.event_statistics(event),
            "threshold": events.SMALL_COUNT,
        }
        return TemplateResponse(request, "admin/interactions/marketingevent/statistics.html", context)

    @admin.action(
        description=_("Share progress with the partner now (members who agreed only)"), permissions=["change"]
    )
    def sync_with_partner(self, request, queryset):
        shared = sum(events.sync_partner(event=event) for event in queryset.select_related("partner"))
        self.message_user(request, _("%(count)s participants shared with partners.") % {"count": shared})


@admin.register(EventEnrolment)
class EventEnrolmentAdmin(ReadOnlyAdmin):
    """Participants; staff pick prize winners here, who are then told and can claim."""

    list_display = ["event", "member", "enrolled_at", "won_at", "shared_with_partner_at"]
    list_filter = ["event"]
    list_select_related = ["event", "member"]
    search_fields = ["member__member_name", "event__title"]
    actions = ["mark_as_winners"]

    @admin.action(description=_("Mark as prize winners and tell them"), permissions=["view"])
    def mark_as_winners(self, request, queryset):
        count = events.mark_winners(enrolments=queryset)
        self.message_user(request, _("%(count)s winners marked and told.") % {"count": count})


@admin.register(PrizeClaim)
class PrizeClaimAdmin(PersonalDataAdminMixin, ReadOnlyAdmin):
    """Delivery data of prize winners: masked unless revealed with a reason (logged)."""

    list_display = ["enrolment", "consignee_name", "phone", "address", "claimed_at"]
    list_select_related = ["enrolment__event", "enrolment__member"]
    date_hierarchy = "claimed_at"


@admin.register(AppletChannel)
class AppletChannelAdmin(admin.ModelAdmin):
    """Staff register each channel with its developer, a channel developer in the partner register (SHR-06)."""

    list_display = ["name", "code", "developer", "is_listed", "created_at"]
    list_filter = ["is_listed"]
    list_select_related = ["developer"]
    search_fields = ["name", "code", "developer__name"]
    actions = ["feed_developers"]

    @admin.action(description=_("Send each developer its channel activity now"), permissions=["change"])
    def feed_developers(self, request, queryset):
        partners = {channel.developer for channel in queryset.select_related("developer")}
        sent = sum(len(applets.feed_developer(partner=partner)) for partner in partners)
        self.message_user(request, _("%(count)s activity rows sent to channel developers.") % {"count": sent})


@admin.register(ChannelSubscription)
class ChannelSubscriptionAdmin(ReadOnlyAdmin):
    list_display = ["channel", "member", "subscribed_at"]
    list_filter = ["channel"]
    list_select_related = ["channel", "member"]
    search_fields = ["member__member_name", "channel__name"]


@admin.register(ChannelActivity)
class ChannelActivityAdmin(ReadOnlyAdmin):
    """The channel activity log; `sent to the developer` shows the feed's progress."""

    list_display = ["occurred_at", "channel", "member", "action", "fed_at"]
    list_filter = ["action", "channel"]
    list_select_related = ["channel", "member"]
    search_fields = ["member__member_name", "channel__name"]
    date_hierarchy = "occurred_at"
