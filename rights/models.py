"""Records of the retention and erasure engine (sections IV(III), IV(V), V(I)): runs, steps, holds, tombstones.

The tables were created by the privacy app and keep their names (rights/migrations/0001_initial.py).
"""

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.encryption import EncryptedBinaryField
from privacy.models import Disclosure


class LegalHold(models.Model):
    """Stops every erasure and sweep of one member, or of one record, until lifted (STO-03)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_holds",
        verbose_name=_("member"),
    )
    target_label = models.CharField(
        _("record type"), max_length=100, blank=True, help_text=_("A registered model, for example orders.Order.")
    )
    target_id = models.BigIntegerField(_("record id"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("set by")
    )
    set_at = models.DateTimeField(_("set at"), default=timezone.now)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifted by"),
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    class Meta:
        db_table = "privacy_legalhold"  # kept from before the move to rights: no data copied
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-set_at", "-id"]
        constraints = [
            # A hold names a member, or one record, never both and never neither.
            models.CheckConstraint(
                condition=(
                    models.Q(member__isnull=False, target_label="", target_id__isnull=True)
                    | (models.Q(member__isnull=True, target_id__isnull=False) & ~models.Q(target_label=""))
                ),
                name="legal_hold_names_member_or_record",
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="legal_hold_has_reason"),
        ]
        indexes = [models.Index(fields=["target_label", "target_id"], name="legal_hold_target")]

    def __str__(self) -> str:
        target = f"member {self.member_id}" if self.member_id else f"{self.target_label} #{self.target_id}"
        return f"{target}: {self.reason}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class RunStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    HELD = "held", _("Stopped by a legal hold")
    FAILED = "failed", _("Failed")
    FINISHED = "finished", _("Finished")


class RetentionRun(models.Model):
    """One sweep of one retention rule: what it examined and changed, in how many batches (STO-05)."""

    rule = models.CharField(_("rule"), max_length=100, help_text=_("The registered model whose rule was swept."))
    action = models.CharField(_("action"), max_length=20)
    cutoff = models.DateTimeField(_("expired before"))
    status = models.CharField(_("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.PENDING)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    rows_examined = models.BigIntegerField(_("rows examined"), default=0)
    rows_changed = models.BigIntegerField(_("rows changed"), default=0)
    batches = models.IntegerField(_("batches"), default=0)
    interruptions = models.IntegerField(_("interruptions"), default=0)
    errors = models.JSONField(_("errors and events"), default=list, blank=True)
    # When the reaper (rights.resumption) last sent the run's chunks again; spaces its re-sends.
    resumed_at = models.DateTimeField(_("last resumed at"), null=True, blank=True)

    class Meta:
        db_table = "privacy_retentionrun"  # kept from before the move to rights: no data copied
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-id"]
        indexes = [
            # The reaper and /healthz look for unfinished runs only: a handful among years of finished ones.
            models.Index(
                fields=["started_at"],
                condition=models.Q(status__in=[RunStatus.PENDING, RunStatus.RUNNING]),
                name="retention_run_unfinished",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.started_at:%Y-%m-%d %H:%M}"


class RetentionChunk(models.Model):
    """One id range of a sweep; workers take chunks independently, each committing per batch."""

    run = models.ForeignKey(RetentionRun, on_delete=models.CASCADE, related_name="chunks", verbose_name=_("run"))
    first_id = models.BigIntegerField(_("first id"))
    last_id = models.BigIntegerField(_("last id"))
    status = models.CharField(_("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.PENDING)
    attempts = models.IntegerField(_("attempts"), default=0)
    worker = models.CharField(_("worker"), max_length=200, blank=True)
    rows_examined = models.BigIntegerField(_("rows examined"), default=0)
    rows_changed = models.BigIntegerField(_("rows changed"), default=0)
    batches = models.IntegerField(_("batches"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    # Written with every batch: a chunk that is pending or running with no progress is stalled.
    progress_at = models.DateTimeField(_("last progress at"), null=True, blank=True)

    class Meta:
        db_table = "privacy_retentionchunk"  # kept from before the move to rights: no data copied
        verbose_name = _("retention chunk")
        verbose_name_plural = _("retention chunks")
        ordering = ["run", "first_id"]

    def __str__(self) -> str:
        return f"{self.run.rule} [{self.first_id}, {self.last_id}]"


class ErasureRun(models.Model):
    """The erasure of one member: one step per registered model, then a verification pass (RGT-12)."""

    # The identifier needed to finish stays here until every step has succeeded.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="erasure_runs",
        verbose_name=_("member"),
    )
    reason = models.CharField(_("reason"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.PENDING)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    receipt = models.JSONField(_("receipt"), default=dict, blank=True)
    attempts = models.IntegerField(_("attempts"), default=0)
    # Written with every step and batch: a run that is pending or running with no progress is stalled.
    progress_at = models.DateTimeField(_("last progress at"), null=True, blank=True)
    # When the reaper (rights.resumption) last sent the run again, and why (one line per event).
    resumed_at = models.DateTimeField(_("last resumed at"), null=True, blank=True)
    events = models.JSONField(_("events"), default=list, blank=True)

    class Meta:
        db_table = "privacy_erasurerun"  # kept from before the move to rights: no data copied
        verbose_name = _("erasure run")
        verbose_name_plural = _("erasure runs")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The reaper and /healthz look for unfinished runs only: a handful among every closed account's.
            models.Index(
                fields=["created_at"],
                condition=models.Q(status__in=[RunStatus.PENDING, RunStatus.RUNNING, RunStatus.HELD, RunStatus.FAILED]),
                name="erasure_run_unfinished",
            )
        ]

    def __str__(self) -> str:
        return f"erasure #{self.pk} of member {self.member_id}"


class ErasureStep(models.Model):
    """The erasure of one registered model's rows for one member; retried alone when it fails."""

    run = models.ForeignKey(ErasureRun, on_delete=models.CASCADE, related_name="steps", verbose_name=_("run"))
    position = models.PositiveIntegerField(_("position"))
    model_label = models.CharField(_("record type"), max_length=100)
    status = models.CharField(_("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.PENDING)
    attempts = models.IntegerField(_("attempts"), default=0)
    rows_deleted = models.BigIntegerField(_("rows deleted"), default=0)
    rows_anonymized = models.BigIntegerField(_("rows anonymized"), default=0)
    rows_kept = models.BigIntegerField(_("rows kept"), default=0)
    kept_until = models.DateTimeField(_("kept until"), null=True, blank=True)
    kept_basis = models.TextField(_("kept because"), blank=True)
    error = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        db_table = "privacy_erasurestep"  # kept from before the move to rights: no data copied
        verbose_name = _("erasure step")
        verbose_name_plural = _("erasure steps")
        ordering = ["run", "position"]
        constraints = [models.UniqueConstraint(fields=["run", "position"], name="erasure_step_position_unique")]

    def __str__(self) -> str:
        return f"{self.run_id}.{self.position} {self.model_label}"


class Tombstone(models.Model):
    """An erased member's id, and nothing personal: re-applied after a backup is restored (RGT-07)."""

    member_id = models.BigIntegerField(_("member id"), unique=True)
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)

    class Meta:
        db_table = "privacy_tombstone"  # kept from before the move to rights: no data copied
        verbose_name = _("erasure tombstone")
        verbose_name_plural = _("erasure tombstones")
        ordering = ["-erased_at"]

    def __str__(self) -> str:
        return f"member {self.member_id} erased {self.erased_at:%Y-%m-%d}"


class CeasedService(models.Model):
    """A feature that no longer collects data; its data is erased through the engine (SHR-15)."""

    name = models.CharField(_("feature"), max_length=100, unique=True, help_text=_("An app label, e.g. interactions."))
    ceased_at = models.DateTimeField(_("ceased at"), default=timezone.now)
    rows_deleted = models.BigIntegerField(_("rows deleted"), default=0)
    rows_anonymized = models.BigIntegerField(_("rows anonymized"), default=0)
    rows_kept = models.BigIntegerField(_("rows kept"), default=0)

    class Meta:
        db_table = "privacy_ceasedservice"  # kept from before the move to rights: no data copied
        verbose_name = _("ceased service")
        verbose_name_plural = _("ceased services")

    def __str__(self) -> str:
        return self.name


class AccountClosure(models.Model):
    """A member's confirmed closure: the account is locked through the cooling-off window, then erased (RGT-11)."""

    class Status(models.TextChoices):
        COOLING_OFF = "cooling_off", _("Cooling-off: can still be cancelled")
        CANCELLED = "cancelled", _("Cancelled by the member")
        STARTED = "started", _("Erasure started")

    class Reason(models.TextChoices):
        # A fixed list, so that no free text about the member outlives the erasure.
        NONE = "", _("I'd rather not say")
        TOO_MANY_MESSAGES = "too_many_messages", _("Too many messages")
        PRIVACY = "privacy", _("Worried about my privacy")
        NOT_USING = "not_using", _("I no longer use the service")
        OTHER_ACCOUNT = "other_account", _("I have another account")
        OTHER = "other", _("Something else")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="closures", verbose_name=_("member")
    )
    reason = models.CharField(_("reason"), max_length=30, choices=Reason.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.COOLING_OFF)
    requested_at = models.DateTimeField(_("confirmed at"), default=timezone.now)
    erasure_starts_at = models.DateTimeField(_("erasure starts at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    run = models.OneToOneField(
        ErasureRun, on_delete=models.PROTECT, null=True, blank=True, related_name="closure", verbose_name=_("erasure")
    )

    class Meta:
        verbose_name = _("account closure")
        verbose_name_plural = _("account closures")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=models.Q(status="cooling_off"), name="one_closure_cooling_off_per_member"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | models.Q(cancelled_at__isnull=False),
                name="cancelled_closure_has_cancelled_at",
            ),
        ]

    def __str__(self) -> str:
        return f"closure of member {self.member_id} ({self.status})"


# Rights requests (section IV(VII)) ------------------------------------------------


class RequestType(models.TextChoices):
    COPY = "copy", _("A copy of my data")
    CORRECTION = "correction", _("Correct my data")
    DELETION = "deletion", _("Delete my data")
    AUTOMATED_DECISION = "automated_decision", _("Review of an automated decision")
    CONSENT = "consent", _("Change a permission for me")
    COMPLAINT = "complaint", _("Complaint to the personal-information protection working group")
    CHILDREN = "children", _("Children's data")
    CLOSURE = "closure", _("Close my account")


class RequestStatus(models.TextChoices):
    """The workflow of RGT-16/17; each maps one-to-one onto a Data Rights Protocol 1.0 status (README)."""

    SUBMITTED = "submitted", _("Submitted")
    VERIFIED = "verified", _("Identity verified")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for you")
    FULFILLED = "fulfilled", _("Fulfilled")
    REFUSED = "refused", _("Refused")
    OUT_OF_SCOPE = "out_of_scope", _("Closed: out of scope")
    EXPIRED = "expired", _("Closed: identity never verified")
    WITHDRAWN = "withdrawn", _("Withdrawn by you")
    DUPLICATE = "duplicate", _("Linked to an open request")


CLOSED_STATUSES = (
    RequestStatus.FULFILLED,
    RequestStatus.REFUSED,
    RequestStatus.OUT_OF_SCOPE,
    RequestStatus.EXPIRED,
    RequestStatus.WITHDRAWN,
    RequestStatus.DUPLICATE,
)


class Queue(models.TextChoices):
    CUSTOMER_SERVICE = "customer_service", _("Customer service")
    # RGT-15, MIN-03: complaints and children's data go to the working group only.
    WORKING_GROUP = "working_group", _("PI protection working group")


class RequesterType(models.TextChoices):
    SELF = "self", _("The member")
    GUARDIAN = "guardian", _("A guardian")
    CLOSE_RELATIVE = "close_relative", _("A close relative")
    AGENT = "agent", _("An authorised agent")


class DeletionGround(models.TextChoices):
    """RGT-05: the five grounds on which deletion can be demanded."""

    UNLAWFUL = "unlawful", _("The processing breaks a law or regulation")
    NO_CONSENT = "no_consent", _("It was collected or used without my consent")
    SERIOUS_BREACH = "serious_breach", _("It is processed in serious breach of the agreement with me")
    PURPOSE_ENDED = "purpose_ended", _("Its purpose is met, cannot be met, or it is no longer needed")
    SERVICE_ENDED = "service_ended", _("The service has ended or the retention period has expired")


class RefusalReason(models.TextChoices):
    """RGT-19: the five reasons a request may be refused."""

    UNRELATED = "unrelated", _("Not related to the requester's identity")
    REPEATED = "repeated", _("Repeated without a reasonable cause")
    EXCESSIVE = "excessive", _("Needs excessive technical means")
    HARMS_OTHERS = "harms_others", _("Would harm the lawful rights of others")
    IMPRACTICAL = "impractical", _("Highly impractical")


class VerificationMethod(models.TextChoices):
    SIGNED_IN = "signed_in", _("Signed in to the account, recently re-authenticated")
    SMS_CODE = "sms_code", _("Code sent to the account's mobile number")
    WRITTEN = "written", _("Written request with identity documents")
    AGENT_PROOF = "agent_proof", _("Proof of authority of the guardian, relative or agent checked")


class RightsRequest(models.Model):
    """A request under section IV, answered within 15 days of receipt (RGT-16)."""

    # Null once the request is anonymized three years after closing: the outcome stays.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="rights_requests",
        verbose_name=_("member"),
    )
    type = models.CharField(_("type"), max_length=30, choices=RequestType.choices)
    queue = models.CharField(_("queue"), max_length=20, choices=Queue.choices, default=Queue.CUSTOMER_SERVICE)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    requester_type = models.CharField(
        _("filed by"), max_length=20, choices=RequesterType.choices, default=RequesterType.SELF
    )
    requester_name = models.CharField(_("requester's name"), max_length=100, blank=True)
    category = models.CharField(_("data category"), max_length=30, blank=True)
    details = models.TextField(_("details"), blank=True)
    deletion_ground = models.CharField(
        _("ground for deletion"), max_length=20, choices=DeletionGround.choices, blank=True
    )
    decision_id = models.BigIntegerField(_("automated decision"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    due_at = models.DateTimeField(_("due at"))
    paused_at = models.DateTimeField(_("clock paused since"), null=True, blank=True)
    verification_method = models.CharField(
        _("verification method"), max_length=20, choices=VerificationMethod.choices, blank=True
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_rights_requests",
        verbose_name=_("assignee"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    refusal_reason = models.CharField(_("refusal reason"), max_length=20, choices=RefusalReason.choices, blank=True)
    answer = models.TextField(_("answer to the member"), blank=True)
    is_unreasonable_repeat = models.BooleanField(_("unreasonable repeat"), default=False)
    fee = models.DecimalField(_("fee"), max_digits=8, decimal_places=2, default=0)
    fee_justification = models.CharField(_("why a fee"), max_length=300, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    warned_at = models.DateTimeField(_("deadline warning sent at"), null=True, blank=True)
    overdue_at = models.DateTimeField(_("flagged overdue at"), null=True, blank=True)

    class Meta:
        verbose_name = _("rights request")
        verbose_name_plural = _("rights requests")
        ordering = ["due_at", "id"]
        permissions = [
            ("view_request_evidence", _("Can open the evidence of a rights request")),
            ("view_rights_dashboard", _("Can see the privacy officer's dashboard")),
        ]
        constraints = [
            # RGT-18: a fee only on an unreasonable repeat, with its justification.
            models.CheckConstraint(
                condition=models.Q(fee=0)
                | (models.Q(fee__gt=0, is_unreasonable_repeat=True) & ~models.Q(fee_justification="")),
                name="rights_fee_only_on_unreasonable_repeat",
            ),
            models.CheckConstraint(condition=models.Q(fee__gte=0), name="rights_fee_not_negative"),
            # RGT-17: nothing is processed before identity is verified, and the method is recorded.
            models.CheckConstraint(
                condition=~models.Q(status__in=["verified", "in_progress", "waiting", "fulfilled"])
                | (~models.Q(verification_method="") & models.Q(verified_at__isnull=False)),
                name="rights_processing_needs_verification",
            ),
            # RGT-19: a refusal names one of the five reasons and explains it.
            models.CheckConstraint(
                condition=~models.Q(status="refused") | (~models.Q(refusal_reason="") & ~models.Q(answer="")),
                name="rights_refusal_has_reason",
            ),
            # RGT-05: deletion is demanded on one of the five grounds.
            models.CheckConstraint(
                condition=~models.Q(type="deletion") | ~models.Q(deletion_ground="") | models.Q(member__isnull=True),
                name="rights_deletion_has_ground",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=[s.value for s in CLOSED_STATUSES]) | models.Q(closed_at__isnull=False),
                name="rights_closed_request_has_closed_at",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="duplicate") | models.Q(duplicate_of__isnull=False),
                name="rights_duplicate_names_original",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_at"], name="rights_request_queue"),
            models.Index(fields=["member", "-received_at"], name="rights_request_by_member"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_type_display()}"

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.paused_at is None and self.due_at < timezone.now()


class RequestEvent(models.Model):
    """One line of a request's timeline: a change of status or a message; never changed afterwards."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Status change")
        MESSAGE = "message", _("Message")
        NOTE = "note", _("Staff note")

    class Actor(models.TextChoices):
        MEMBER = "member", _("You")
        STAFF = "staff", _("Customer service")
        SYSTEM = "system", _("The system")

    request = models.ForeignKey(
        RightsRequest, on_delete=models.PROTECT, related_name="events", verbose_name=_("request")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    actor = models.CharField(_("by"), max_length=10, choices=Actor.choices)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=RequestStatus.choices, blank=True)
    body = models.TextField(_("text"), blank=True)
    occurred_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ["occurred_at", "id"]
        triggers = [pgtrigger.Protect(name="request_events_append_only", operation=pgtrigger.Update | pgtrigger.Delete)]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind} {self.occurred_at:%Y-%m-%d %H:%M}"

    @property
    def is_visible_to_member(self) -> bool:
        return self.kind != self.Kind.NOTE


class RequestEvidence(models.Model):
    """A proof document (of authority, RGT-14) kept in the database, so deleting the row deletes the file."""

    request = models.ForeignKey(
        RightsRequest, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("request")
    )
    file_name = models.CharField(_("file name"), max_length=60)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))
    # DEF-02: the proof document is sensitive; it is kept encrypted at rest.
    content = EncryptedBinaryField(_("content"), default=b"")
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("request evidence")
        verbose_name_plural = _("request evidence")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.file_name


class DeletionNotice(models.Model):
    """RGT-06: a partner that received the member's data is asked to delete it; one row per partner and request."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        CONFIRMED = "confirmed", _("Deletion confirmed by the partner")
        FAILED = "failed", _("Failed after retries")

    request = models.ForeignKey(
        RightsRequest, on_delete=models.PROTECT, related_name="deletion_notices", verbose_name=_("request")
    )
    partner = models.ForeignKey(
        "privacy.Partner", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("deletion notice")
        verbose_name_plural = _("deletion notices")
        constraints = [
            models.UniqueConstraint(fields=["request", "partner"], name="one_deletion_notice_per_partner"),
        ]

    def __str__(self) -> str:
        return f"{self.partner} · request {self.request_id}"


class StaffAction(models.Model):
    """RGT-02, RGT-09: a correction or consent change made by staff for a member, always under a rights request."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction of data")
        CONSENT = "consent", _("Change of a permission")
        CLOSURE = "closure", _("Closure of the account")

    request = models.ForeignKey(
        RightsRequest, on_delete=models.PROTECT, related_name="staff_actions", verbose_name=_("request")
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("staff member")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    changed = models.JSONField(_("what changed"), default=list, help_text=_("Field names or purposes, no values."))
    reason = models.CharField(_("reason"), max_length=300)
    occurred_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("staff action for a member")
        verbose_name_plural = _("staff actions for members")
        ordering = ["-occurred_at", "-id"]
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="staff_action_has_reason")]
        triggers = [pgtrigger.Protect(name="staff_actions_append_only", operation=pgtrigger.Update | pgtrigger.Delete)]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · request {self.request_id}"


class DataExport(models.Model):
    """RGT-03: a copy of the member's data, built by a job into a ZIP that can be downloaded for 7 days."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        BUILDING = "building", _("Being built")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired and deleted")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports", verbose_name=_("member")
    )
    request = models.OneToOneField(
        RightsRequest, on_delete=models.PROTECT, related_name="export", verbose_name=_("request")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    steps_total = models.PositiveIntegerField(_("steps"), default=0)
    steps_done = models.PositiveIntegerField(_("steps done"), default=0)
    file_name = models.CharField(_("file"), max_length=100, blank=True)
    size = models.BigIntegerField(_("size in bytes"), default=0)
    rows = models.BigIntegerField(_("records"), default=0)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link expires at"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    # When the reaper last sent the build again because its message was lost (issue 16).
    resumed_at = models.DateTimeField(_("sent again at"), null=True, blank=True)

    class Meta:
        verbose_name = _("copy of data")
        verbose_name_plural = _("copies of data")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(status__in=["queued", "building"]),
                name="one_export_being_built_per_member",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | models.Q(expires_at__isnull=False, finished_at__isnull=False),
                name="ready_export_has_expiry",
            ),
        ]

    def __str__(self) -> str:
        return f"copy #{self.pk} of member {self.member_id}"

    @property
    def percent(self) -> int:
        if self.status in (self.Status.READY, self.Status.EXPIRED):
            return 100
        return int(100 * self.steps_done / self.steps_total) if self.steps_total else 0


class ExportDownload(models.Model):
    """Each download of a copy of data (RGT-03)."""

    export = models.ForeignKey(DataExport, on_delete=models.CASCADE, related_name="downloads", verbose_name=_("copy"))
    downloaded_at = models.DateTimeField(_("downloaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("download of a copy of data")
        verbose_name_plural = _("downloads of copies of data")
        ordering = ["-downloaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.export_id} {self.downloaded_at:%Y-%m-%d %H:%M}"


class WorkingGroupRequest(RightsRequest):
    """RGT-15, MIN-03: the PI protection working group's own queue, with its own admin permissions."""

    class Meta:
        proxy = True
        verbose_name = _("working-group request")
        verbose_name_plural = _("working-group queue")


class TransferNotice(Disclosure):
    """SHR-12: a transfer after a merger, division, dissolution or bankruptcy, entered and published in admin."""

    class Meta:
        proxy = True
        verbose_name = _("transfer after a change of owner")
        verbose_name_plural = _("transfers after a change of owner")


class SecurityIncident(models.Model):
    """V(III)3: a personal-information security incident, as the privacy officer records and handles it (STO-09..11)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Being handled")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    discovered_at = models.DateTimeField(_("discovered at"), default=timezone.now)
    scope = models.TextField(_("scope"), help_text=_("Systems, kinds of personal information and period affected."))
    measures = models.TextField(_("measures"), blank=True, help_text=_("What the emergency plan did to limit harm."))
    # STO-10: the five parts of the notice to affected members.
    what_happened = models.TextField(_("what happened"), blank=True)
    likely_impact = models.TextField(_("likely impact"), blank=True)
    measures_taken = models.TextField(_("measures taken"), blank=True)
    self_protection = models.TextField(_("how to protect yourself"), blank=True)
    remedies = models.TextField(_("remedies"), blank=True)
    # STO-09: reported to the regulator, or not required with the reason.
    regulator_reported_on = models.DateField(_("reported to the regulator on"), null=True, blank=True)
    regulator_reference = models.CharField(_("regulator's reference"), max_length=120, blank=True)
    regulator_report_not_required = models.BooleanField(_("no report to the regulator required"), default=False)
    regulator_not_required_reason = models.TextField(_("why no report is required"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    notice_sent_at = models.DateTimeField(_("notice sent at"), null=True, blank=True)
    # STO-11: a public announcement when telling each member is impractical.
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("security incident")
        verbose_name_plural = _("security incidents")
        ordering = ["-discovered_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~(
                    models.Q(regulator_reported_on__isnull=False) & models.Q(regulator_report_not_required=True)
                ),
                name="incident_reported_or_not_required_not_both",
                violation_error_message=_("Either date the report to the regulator or mark it not required, not both."),
            ),
            models.CheckConstraint(
                condition=models.Q(regulator_report_not_required=False) | ~models.Q(regulator_not_required_reason=""),
                name="incident_not_required_has_reason",
                violation_error_message=_("Say why no report to the regulator is required."),
            ),
            # STO-09: a closed incident was reported, or needs no report and says why.
            models.CheckConstraint(
                condition=~models.Q(status="closed")
                | (
                    models.Q(closed_at__isnull=False)
                    & (models.Q(regulator_reported_on__isnull=False) | models.Q(regulator_report_not_required=True))
                ),
                name="closed_incident_has_regulator_outcome",
                violation_error_message=_("An incident is closed only once the regulator report is settled."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    NOTICE_SECTIONS = ("what_happened", "likely_impact", "measures_taken", "self_protection", "remedies")

    def notice_sections(self) -> list[tuple[str, str]]:
        """(heading, text) of the five parts of the notice, in the policy's order."""
        fields = {field.name: field for field in self._meta.concrete_fields}
        return [(str(fields[name].verbose_name), getattr(self, name)) for name in self.NOTICE_SECTIONS]


class IncidentTimelineEntry(models.Model):
    """One step in an incident's handling: what was found or done, and when."""

    incident = models.ForeignKey(
        SecurityIncident, on_delete=models.CASCADE, related_name="timeline", verbose_name=_("incident")
    )
    occurred_at = models.DateTimeField(_("at"), default=timezone.now)
    entry = models.TextField(_("what was found or done"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline")
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.occurred_at:%Y-%m-%d %H:%M}"


class AffectedMember(models.Model):
    """A member whose personal information an incident touched, and when the notice reached them (STO-10)."""

    incident = models.ForeignKey(
        SecurityIncident, on_delete=models.CASCADE, related_name="affected", verbose_name=_("incident")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="security_incidents",
        verbose_name=_("member"),
    )
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("affected member")
        verbose_name_plural = _("affected members")
        constraints = [models.UniqueConstraint(fields=["incident", "member"], name="affected_member_once")]
        indexes = [
            models.Index(
                fields=["incident", "id"], condition=models.Q(notified_at__isnull=True), name="affected_not_notified"
            )
        ]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.member_id}"


# SEC-10: the staff group of the personal-information protection working group (pipwg1688@service.alibaba.com).
WORKING_GROUP_STAFF = "pipwg"


class TrainingRecord(models.Model):
    """SEC-10: one staff member's personal-information protection course, its exam and when it must be renewed."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_records",
        verbose_name=_("staff member"),
        limit_choices_to={"is_staff": True},
    )
    course = models.CharField(_("course"), max_length=200)
    completed_on = models.DateField(_("completed on"))
    exam_passed = models.BooleanField(_("exam passed"), default=False)
    score = models.PositiveSmallIntegerField(_("exam score"), null=True, blank=True, help_text=_("0 to 100."))
    expires_on = models.DateField(_("valid until"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        ordering = ["-completed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__gt=models.F("completed_on")),
                name="training_expires_after_completion",
                violation_error_message=_("The training must stay valid past the day it was completed."),
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__lte=100),
                name="training_score_at_most_100",
                violation_error_message=_("A score is between 0 and 100."),
            ),
        ]
        indexes = [models.Index(fields=["staff", "-expires_on"], name="training_by_staff")]

    def __str__(self) -> str:
        return f"{self.course} ({self.completed_on:%Y-%m-%d})"
