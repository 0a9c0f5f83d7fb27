"""Records of the retention and erasure engine (sections IV(III), IV(V), V(I)): runs, steps, holds, tombstones.

The tables were created by the privacy app and keep their names (rights/migrations/0001_initial.py).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        db_table = "privacy_retentionrun"  # kept from before the move to rights: no data copied
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-id"]

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

    class Meta:
        db_table = "privacy_erasurerun"  # kept from before the move to rights: no data copied
        verbose_name = _("erasure run")
        verbose_name_plural = _("erasure runs")
        ordering = ["-created_at", "-id"]

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
