"""Registry entries of the rights app: the engine's own records name no member, except legal holds."""

from django.utils.translation import gettext_lazy as _

from privacy.registry import PI, DataCategory, Erasure, Retention, declare_no_personal_data, register, years
from rights.models import (
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
        DataCategory.SERVICE_LOG,
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
