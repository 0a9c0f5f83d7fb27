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
        basis=_("Evidence of a lawful basis for processing, kept for the limitation period of claims."),
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
        basis=_("Security audit trail required for systems at MLPS level 3 (section V(III))."),
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

# The retention and erasure engine's own records (privacy/retention_models.py).
from privacy.retention_models import (  # noqa: E402
    CeasedService,
    ErasureRun,
    ErasureStep,
    LegalHold,
    RetentionChunk,
    RetentionRun,
    Tombstone,
)

declare_no_personal_data(RetentionRun, reason="Counts of a retention sweep: rule, times, rows changed, errors.")
declare_no_personal_data(RetentionChunk, reason="An id range of a retention sweep and its counts.")
declare_no_personal_data(
    ErasureRun, reason="Proof that a member id was erased: kinds of records and counts, no personal values."
)
declare_no_personal_data(ErasureStep, reason="Counts of one kind of record erased for a member id.")
declare_no_personal_data(Tombstone, reason="Ids of erased members, re-applied after a restore (RGT-07); nothing else.")
declare_no_personal_data(CeasedService, reason="Names of features that stopped collecting data (SHR-15).")
register(
    LegalHold,
    subject="member",
    row=PI(
        Category.SERVICE_LOG,
        _("Stops the deletion of your data while a court, regulator or dispute requires it to be kept."),
        erase=Erasure.DELETE_ROW,
    ),
    # An active hold has no lifted_at, so no sweep ever removes it.
    retention=Retention(
        after="lifted_at",
        keep=years(3),
        then=Erasure.DELETE_ROW,
        basis=_("Evidence of why data was kept beyond its period, for the limitation period of claims."),
    ),
)
