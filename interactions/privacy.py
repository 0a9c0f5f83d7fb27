"""Registry entries of the interactions app (section II(VI))."""

from django.utils.translation import gettext_lazy as _

from interactions.models import (
    AlertSetting,
    MarketingCall,
    MarketingMessage,
    MarketingPopup,
    Message,
    PopupDismissal,
    PushNotification,
    SmsMessage,
)
from privacy.registry import (
    PI,
    DataCategory,
    Erasure,
    Retention,
    days,
    declare_no_personal_data,
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
