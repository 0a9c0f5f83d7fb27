"""Registry entries of the privacy app."""

from django.utils.translation import gettext_lazy as _

from privacy.models import (
    AlertSetting,
    ConsentEvent,
    MarketingCall,
    MarketingMessage,
    MarketingPopup,
    NoticeAcknowledgement,
    Partner,
    PolicyVersion,
    PopupDismissal,
    ScopedPolicyVersion,
    SharingRecord,
    StaffAccessLog,
)
from privacy.registry import (
    PI,
    Category,
    Erasure,
    Retention,
    declare_no_personal_data,
    register,
    years,
)

declare_no_personal_data(PolicyVersion, reason="The published text of the policy; it names no member.")
declare_no_personal_data(
    ScopedPolicyVersion,
    reason="The published text of the merchant and industrial-products policies; it names no member.",
)
declare_no_personal_data(Partner, reason="Companies that receive data from us: the partner register.")

register(
    ConsentEvent,
    subject="member",
    row=PI(
        Category.ACCOUNT,
        _("Proves what you agreed to or withdrew, when and how; your privacy centre shows it."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=Retention(
        after="occurred_at",
        keep=years(3),
        then=Erasure.DELETE_ROW,
        basis=_(
            "PRC Civil Code art. 188: evidence of a lawful basis for processing, kept for the three-year "
            "limitation period of claims."
        ),
        is_legal_minimum=True,
    ),
)
register(
    SharingRecord,
    subject="member",
    row=PI(
        Category.SERVICE_LOG,
        _("Tells you which partner received which of your data, when and why."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=Retention(
        after="shared_at",
        keep=years(3),
        then=Erasure.DELETE_ROW,
        basis=_("PIPL art. 55-56: records of provision to third parties kept at least three years."),
        is_legal_minimum=True,
    ),
)
register(
    StaffAccessLog,
    subject="member",
    row=PI(
        Category.SECURITY,
        _("Records every time staff looked at your personal data, and why."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=Retention(
        after="accessed_at",
        keep=years(3),
        then=Erasure.DELETE_ROW,
        basis=_("Cybersecurity Law art. 21 and MLPS level 3 (section V(III)): the security audit trail is kept."),
        is_legal_minimum=True,
    ),
)
register(
    AlertSetting,
    subject="member",
    row=PI(
        Category.ACCOUNT,
        _("Which notices reach you on which channel (Alert Settings)."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
)
register(
    NoticeAcknowledgement,
    subject="member",
    row=PI(
        Category.ACCOUNT,
        _("Shows that you read a feature's notice before it first collected your data, so it is not shown again."),
        erase=Erasure.DELETE_ROW,
    ),
    not_personal=["feature", "acknowledged_at"],
)
register(
    MarketingMessage,
    subject="member",
    fields={
        "address": PI(Category.EVENTS, _("Where we sent a marketing message you agreed to."), erase=Erasure.MASK),
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
            Category.EVENTS, _("The number staff call with offers you agreed to by phone."), erase=Erasure.MASK
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
        Category.EVENTS,
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
