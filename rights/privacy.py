"""Registry entries of the rights app: the engine's own records name no member, except legal holds."""

from django.utils.translation import gettext_lazy as _

from privacy.registry import PI, Category, Erasure, Retention, declare_no_personal_data, register, years
from rights.models import (
    AccountClosure,
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
        basis=_(
            "PRC Civil Code art. 188: evidence of why data was kept beyond its period, for the three-year "
            "limitation period of claims."
        ),
        is_legal_minimum=True,
    ),
)
declare_no_personal_data(
    AccountClosure,
    reason=(
        "Dates of a closure and a reason from a fixed list, by member id like an erasure run; kept so that the "
        "receipt link given at confirmation still leads to the receipt."
    ),
)
