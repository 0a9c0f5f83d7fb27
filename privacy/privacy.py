"""Registry entries of the privacy app."""

from django.utils.translation import gettext_lazy as _

from privacy.models import (
    ConsentEvent,
    NoticeAcknowledgement,
    Partner,
    PolicyVersion,
    ScopedPolicyVersion,
    SharingRecord,
    StaffAccessLog,
)
from privacy.registry import (
    PI,
    DataCategory,
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
        DataCategory.ACCOUNT,
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
        DataCategory.SERVICE_LOG,
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
        DataCategory.SECURITY,
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
    NoticeAcknowledgement,
    kept_while=_(
        "Kept while your account is open, as proof that you saw the notice before we first collected the data; erased when you close it."
    ),
    subject="member",
    row=PI(
        DataCategory.ACCOUNT,
        _("Shows that you read a feature's notice before it first collected your data, so it is not shown again."),
        erase=Erasure.DELETE_ROW,
    ),
    not_personal=["feature", "acknowledged_at"],
)
