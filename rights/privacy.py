"""Registry entries of the rights app: the engine's records name no member; holds, requests and copies do."""

from django.utils.translation import gettext_lazy as _

from privacy.purposes import Purpose
from privacy.registry import PI, DataCategory, Erasure, Retention, declare_no_personal_data, register, years
from rights.models import (
    AccountClosure,
    AffectedMember,
    CeasedService,
    DataExport,
    DeletionNotice,
    ErasureRun,
    ErasureStep,
    ExportDownload,
    IncidentTimelineEntry,
    LegalHold,
    RequestEvent,
    RequestEvidence,
    RetentionChunk,
    RetentionRun,
    RightsRequest,
    SecurityIncident,
    StaffAction,
    Tombstone,
    TrainingRecord,
)

# Personal data in a closed request (its texts and evidence) goes three years after closing; the outcome stays.
REQUEST_BASIS = _(
    "Section IV(VII): evidence of how a request was answered, kept for the three-year limitation period of claims "
    "(PRC Civil Code art. 188)."
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
register(
    RightsRequest,
    subject="member",
    fields={
        "details": PI(DataCategory.RIGHTS_REQUEST, _("What you asked for, in your words."), erase=Erasure.BLANK),
        "requester_name": PI(
            DataCategory.RIGHTS_REQUEST,
            _("The guardian, relative or agent who filed the request for you."),
            erase=Erasure.BLANK,
        ),
    },
    not_personal=(
        "type",
        "queue",
        "status",
        "requester_type",
        "category",
        "deletion_ground",
        "decision_id",
        "received_at",
        "due_at",
        "paused_at",
        "verification_method",
        "verified_at",
        "assignee",
        "closed_at",
        "refusal_reason",
        "answer",
        "is_unreasonable_repeat",
        "fee",
        "fee_justification",
        "duplicate_of",
        "warned_at",
        "overdue_at",
    ),
    retention=Retention(after="closed_at", keep=years(3), then=Erasure.ANONYMIZE, basis=REQUEST_BASIS),
)
register(
    RequestEvent,
    subject="request__member",
    fields={
        "body": PI(
            DataCategory.RIGHTS_REQUEST,
            _("Messages between you and customer service about a request."),
            erase=Erasure.BLANK,
        )
    },
    not_personal=("kind", "actor", "staff", "from_status", "to_status", "occurred_at"),
    retention=Retention(after="request__closed_at", keep=years(3), then=Erasure.ANONYMIZE, basis=REQUEST_BASIS),
)
register(
    RequestEvidence,
    subject="request__member",
    row=PI(
        DataCategory.RIGHTS_REQUEST,
        _("Documents proving that a guardian, relative or agent may act for you."),
        erase=Erasure.DELETE_ROW,
        is_sensitive=True,
        consent=Purpose.RIGHTS_EVIDENCE,
        sealed=("content",),
    ),
    retention=Retention(after="request__closed_at", keep=years(3), then=Erasure.DELETE_ROW, basis=REQUEST_BASIS),
)
register(
    StaffAction,
    subject="request__member",
    fields={
        "reason": PI(
            DataCategory.RIGHTS_REQUEST, _("Why staff changed your data or a permission for you."), erase=Erasure.BLANK
        )
    },
    not_personal=("staff", "kind", "changed", "occurred_at"),
    retention=Retention(
        after="occurred_at",
        keep=years(3),
        then=Erasure.ANONYMIZE,
        basis=_("Cybersecurity Law art. 21 and MLPS level 3 (section V(III)): the security audit trail is kept."),
        is_legal_minimum=True,
    ),
)
declare_no_personal_data(
    DeletionNotice,
    reason="Which partner was asked to delete a request's data, and its answer; personal only through the request.",
)
register(
    DataExport,
    subject="member",
    row=PI(
        DataCategory.RIGHTS_REQUEST,
        _("The copies of your data you asked for; the file is deleted when its link expires after 7 days."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=Retention(
        after="created_at",
        keep=years(1),
        then=Erasure.DELETE_ROW,
        basis=_("Shows you and us when a copy was made; the file itself is kept only 7 days."),
    ),
)
register(
    ExportDownload,
    subject="export__member",
    row=PI(DataCategory.RIGHTS_REQUEST, _("When a copy of your data was downloaded."), erase=Erasure.DELETE_ROW),
    retention=Retention(
        after="downloaded_at",
        keep=years(1),
        then=Erasure.DELETE_ROW,
        basis=_("Lets you and us see whether a copy was downloaded by someone else."),
    ),
)

declare_no_personal_data(
    SecurityIncident,
    reason="What happened in a security incident and how it was handled, in general terms; members are in AffectedMember.",
)
declare_no_personal_data(
    IncidentTimelineEntry, reason="Steps of handling an incident, written by staff about the incident, not a member."
)
register(
    AffectedMember,
    subject="member",
    row=PI(
        DataCategory.SECURITY,
        _("Records that a security incident touched your information and when we told you."),
        erase=Erasure.DELETE_ROW,
    ),
    not_personal=("incident", "notified_at"),
    # STO-09: the record of who was told is evidence of the incident's handling for the regulator.
    retention=Retention(
        after="incident__closed_at",
        keep=years(3),
        then=Erasure.DELETE_ROW,
        basis=_(
            "Cybersecurity Law art. 21 and PIPL art. 57: records of incident handling and notification, kept three "
            "years after the incident is closed."
        ),
    ),
)
register(
    TrainingRecord,
    subject="staff",
    row=PI(
        DataCategory.ACCOUNT,
        _("Shows that a staff member finished personal-information protection training."),
        erase=Erasure.DELETE_ROW,
    ),
    kept_while=_("Kept while the person works as staff, as proof of training; deleted with the account."),
)
