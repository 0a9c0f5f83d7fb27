"""Registry entries of the privacy app."""

from django.utils.translation import gettext_lazy as _

from privacy.models import (
    AuthorityRequest,
    ConsentEvent,
    Disclosure,
    NoticeAcknowledgement,
    Partner,
    PolicyVersion,
    ResearchApproval,
    ScopedPolicyVersion,
    SharingRecord,
    StaffAccessLog,
    ThirdPartyScript,
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
declare_no_personal_data(ThirdPartyScript, reason="Partners' scripts and their security reviews (SHR-11).")
declare_no_personal_data(
    ResearchApproval, reason="Which institution may receive which de-identified dataset until when (SHR-10)."
)

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
register(
    Disclosure,
    subject="member",
    row=PI(
        DataCategory.ACCOUNT,
        _("Records that your information was made public or transferred, on what basis, and why."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=Retention(
        after="created_at",
        keep=years(3),
        then=Erasure.DELETE_ROW,
        basis=_("PIPL art. 55-56: records of disclosure and transfer kept at least three years."),
        is_legal_minimum=True,
    ),
)
register(
    AuthorityRequest,
    subject="member",
    row=PI(
        DataCategory.ACCOUNT,
        _("Records an authority's request for your data under law, and our decision."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=Retention(
        after="received_at",
        keep=years(3),
        then=Erasure.DELETE_ROW,
        basis=_("PIPL art. 13 and 55-56: evidence of provision under a legal duty kept at least three years."),
        is_legal_minimum=True,
    ),
)
