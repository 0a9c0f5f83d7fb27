"""Section IV(III) and IV(V): erasing personal information, driven by the privacy registry, in set-based SQL.

Every strategy is an SQL expression over the column itself, so one UPDATE per
batch rewrites every personal field of a row at once (never half-anonymized),
and applying it to an already erased value gives the same value (a second run
changes nothing). Rows are taken in primary-key order, `FOR UPDATE SKIP LOCKED`,
one transaction per batch, so several workers can share the work and a killed
worker loses at most the batch in flight.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, cast

import pgtrigger
from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import BooleanField, Max, Q
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from privacy.generations import rows_erased
from privacy.registry import PI, Erasure, LinkedRows, Registration, keeps_rows_after_closure, registry
from rights.locks import exclusive
from rights.models import ErasureRun, ErasureStep, LegalHold, RunStatus, Tombstone

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member

HASH_PREFIX = "h:"
PSEUDONYM_PREFIX = "erased-"


class ErasureBlocked(Exception):
    """A legal hold stops this erasure until it is lifted (STO-03)."""


class VerificationFailed(Exception):
    """Personal values of the member survived every step."""


# SQL of the strategies ------------------------------------------------------------


def _db_column(model: type[models.Model], name: str) -> str:
    # Registered names are concrete fields (the registry checks them at start-up).
    return cast("models.Field[Any, Any]", model._meta.get_field(name)).column


def _column(model: type[models.Model], name: str) -> str:
    qn = connection.ops.quote_name
    return f"{qn(model._meta.db_table)}.{qn(_db_column(model, name))}"


def erased_value_sql(model: type[models.Model], name: str, pi: PI) -> tuple[str, list[Any]]:
    """The SQL expression of field `name` once erased by its strategy; erasing it again gives the same value."""
    column = _column(model, name)
    model_field = model._meta.get_field(name)
    max_length = getattr(model_field, "max_length", None) or 10_000
    if pi.erase is Erasure.NULL:
        return "NULL", []
    if pi.erase is Erasure.BLANK:
        return "''", []
    if pi.erase is Erasure.MASK:
        # Keeps the first and last character, so staff can still tell two consignees apart.
        # substr/length/repeat read the same on PostgreSQL and on SQLite (repeat is Django's there).
        return (
            f"CASE WHEN length({column}) <= 2 THEN repeat('*', length({column})) "
            f"ELSE substr({column}, 1, 1) || repeat('*', length({column}) - 2) "
            f"|| substr({column}, length({column}), 1) END",
            [],
        )
    if pi.erase is Erasure.HASH:
        # Keyed with a server secret, so the value cannot be recovered by hashing guesses;
        # the prefix marks a value as already hashed.
        digest = (
            f"encode(sha256(convert_to(%s || {column}, 'UTF8')), 'hex')"
            if connection.vendor == "postgresql"
            else f"SHA256(%s || {column})"
        )
        return (
            f"CASE WHEN {column} IS NULL OR substr({column}, 1, {len(HASH_PREFIX)}) = %s THEN {column} "
            f"ELSE substr(%s || {digest}, 1, {int(max_length)}) END",
            [HASH_PREFIX, HASH_PREFIX, hash_key()],
        )
    if pi.erase is Erasure.PSEUDONYM:
        pk = _column(model, model._meta.pk.name)
        return f"substr(%s || CAST({pk} AS TEXT), 1, {int(max_length)})", [PSEUDONYM_PREFIX]
    raise ValueError(f"{pi.erase} is not a value strategy")


def hash_key() -> str:
    return getattr(settings, "PRIVACY_HASH_KEY", "") or settings.SECRET_KEY


def _cuttable_subject(registration: Registration) -> models.ForeignKey[Any, Any] | None:
    """The direct, nullable link to the member, which anonymization cuts (orders.Order.buyer)."""
    if registration.subject == "pk" or LOOKUP_SEP in registration.subject:
        return None
    link = registration.model._meta.get_field(registration.subject)
    return link if isinstance(link, models.ForeignKey) and link.null else None


@dataclass(frozen=True)
class Rewrite:
    """One UPDATE: SET clause, and the condition of a row that still needs it."""

    set_sql: str
    set_params: list[Any]
    pending_sql: str
    pending_params: list[Any]

    def pending(self) -> RawSQL:
        # Built from quoted column names and bound parameters only (rewrite_for).
        return RawSQL(self.pending_sql, self.pending_params, output_field=BooleanField())  # noqa: S611


def rewrite_for(registration: Registration, names: Iterable[str], *, cut_link: bool) -> Rewrite | None:
    """The UPDATE that erases `names` (and cuts the member link when asked and possible)."""
    model = registration.model
    sets: list[str] = []
    pending: list[str] = []
    set_params: list[Any] = []
    pending_params: list[Any] = []
    qn = connection.ops.quote_name
    for name in names:
        expression, params = erased_value_sql(model, name, registration.fields[name])
        column = _db_column(model, name)
        sets.append(f"{qn(column)} = {expression}")
        set_params += params
        pending.append(f"NOT ({_column(model, name)} IS NOT DISTINCT FROM {expression})")
        pending_params += params
    link = _cuttable_subject(registration) if cut_link else None
    if link is not None:
        sets.append(f"{qn(link.column)} = NULL")
        pending.append(f"{_column(model, link.name)} IS NOT NULL")
    if not sets:
        return None
    return Rewrite(", ".join(sets), set_params, "(" + " OR ".join(pending) + ")", pending_params)


def full_rewrite(registration: Registration) -> Rewrite | None:
    return rewrite_for(registration, registration.fields, cut_link=True)


# Batches ----------------------------------------------------------------------


def protect_trigger_uris(model: type[models.Model]) -> list[str]:
    """The append-only (pgtrigger Protect) triggers of `model`, which only this engine may bypass."""
    return [
        f"{model._meta.label}:{trigger.name}"
        for registered_model, trigger in pgtrigger.registered()
        # pgtrigger.registered() yields (model class, trigger) pairs; its annotation says instances.
        if registered_model is model  # type: ignore[comparison-overlap]
        and isinstance(trigger, pgtrigger.Protect)
    ]


@contextlib.contextmanager
def _bypassing_protection(model: type[models.Model]) -> Iterator[None]:
    # Ledgers (consent events, staff access log) refuse UPDATE and DELETE to everyone
    # else; their erasure at the end of retention or on closure is the one exception.
    uris = protect_trigger_uris(model)
    if uris and connection.vendor == "postgresql":
        with pgtrigger.ignore(*uris):
            yield
    else:
        yield


@contextlib.contextmanager
def lock_timeout(ms: int | None) -> Iterator[None]:
    """Give up (and fail, to be retried) rather than wait more than `ms` for a lock another session holds."""
    if not ms or connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('lock_timeout'), set_config('lock_timeout', %s, false)", [f"{ms}ms"])
        previous = cursor.fetchone()[0]
    try:
        yield
    finally:
        if not connection.needs_rollback:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('lock_timeout', %s, false)", [previous])


def announce_erased(model: type[models.Model], pks: list[Any]) -> None:
    """No model signal fires for rows changed by SQL: caches that kept them hear it from `rows_erased`.

    A receiver that fails is logged; it never undoes or stops the erasure.
    """
    for receiver, result in rows_erased.send_robust(sender=model, pks=pks):
        if isinstance(result, Exception):
            logger.error("rows_erased receiver %r failed", receiver, exc_info=result)


def run_batches(
    queryset: models.QuerySet[Any],
    *,
    rewrite: Rewrite | None,
    batch_size: int | None = None,
    on_batch: Callable[[int], None] | None = None,
    lock_timeout_ms: int | None = None,
) -> int:
    """Delete (rewrite None) or rewrite the rows of `queryset` in committed batches; returns rows changed.

    `on_batch(count)` runs inside each batch's transaction, so a count recorded
    there commits with exactly the rows it counts.
    """
    model = queryset.model
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    pk = qn(model._meta.pk.column)
    batch_size = batch_size or settings.PRIVACY_RETENTION_BATCH_SIZE
    pause = settings.PRIVACY_RETENTION_BATCH_PAUSE_MS / 1000
    if rewrite is not None:
        queryset = queryset.filter(rewrite.pending())
    lock = f" FOR UPDATE OF {table} SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    total, after = 0, None
    while True:
        page = queryset if after is None else queryset.filter(pk__gt=after)
        inner, inner_params = page.order_by("pk").values("pk")[:batch_size].query.sql_with_params()
        if rewrite is None:
            # Identifiers are quoted by the backend; every value is a bound parameter.
            sql = f"DELETE FROM {table} WHERE {pk} IN ({inner}{lock}) RETURNING {pk}"  # noqa: S608
            params = list(inner_params)
        else:
            sql = f"UPDATE {table} SET {rewrite.set_sql} WHERE {pk} IN ({inner}{lock}) RETURNING {pk}"  # noqa: S608
            params = [*rewrite.set_params, *inner_params]
        with transaction.atomic(), _bypassing_protection(model), connection.cursor() as cursor:
            if lock_timeout_ms and connection.vendor == "postgresql":
                cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{int(lock_timeout_ms)}ms"])
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()]
            if ids and on_batch is not None:
                on_batch(len(ids))
        if ids:
            announce_erased(model, ids)
        total += len(ids)
        if len(ids) < batch_size:
            return total
        after = max(ids)
        if pause:
            time.sleep(pause)


# Which rows of a member, and what happens to them -------------------------------


def subject_filter(registration: Registration, member_id: int) -> Q:
    return Q(pk=member_id) if registration.subject == "pk" else Q(**{registration.subject: member_id})


def retention_cutoff(registration: Registration, now: datetime) -> datetime | None:
    return None if registration.retention is None else now - registration.rule.keep


def inside_retention(registration: Registration, now: datetime) -> Q:
    """Rows whose retention period has started and not ended: kept at closure, restricted (STO-02)."""
    if not keeps_rows_after_closure(registration):
        return Q(pk__in=[])
    return Q(**{f"{registration.rule.after}__gte": retention_cutoff(registration, now)})


def unnecessary_fields(registration: Registration) -> list[str]:
    return [name for name, pi in registration.fields.items() if not pi.is_necessary]


def erasure_order() -> list[Registration]:
    """Registered models, the member's own record last (everything else points at it).

    Models reached through another record (payments through their order) come before the ones they go
    through: anonymizing an order cuts its buyer link, after which its payments could no longer be found.
    """
    registrations = list(registry)
    return sorted(registrations, key=lambda r: (r.subject == "pk", -r.subject.count(LOOKUP_SEP), r.label))


def linked_rows_of(linked: LinkedRows, member_id: int) -> models.QuerySet[Any]:
    """Other members' rows that name the member through `linked.link`: deleted by the erasure (friendships)."""
    return linked.model._base_manager.filter(Q(**{linked.link: member_id}) & linked.only)


def erasure_step_labels() -> list[str]:
    """The steps of a run: the registered models, then the linked rows, the member's own record last."""
    registrations = erasure_order()
    return (
        [r.label for r in registrations if r.subject != "pk"]
        + [linked.label for linked in registry.linked_rows()]
        + [r.label for r in registrations if r.subject == "pk"]
    )


def holds_on_member(member_id: int) -> list[LegalHold]:
    """Active holds on the member, or on any registered record of theirs."""
    holds = list(LegalHold.objects.filter(member_id=member_id, lifted_at__isnull=True))
    record_holds = list(LegalHold.objects.filter(member__isnull=True, lifted_at__isnull=True))
    # One query per kind of record held, not one per hold.
    held_ids: dict[str, set[int]] = {}
    for hold in record_holds:
        held_ids.setdefault(hold.target_label, set()).add(cast("int", hold.target_id))
    theirs: set[tuple[str, int]] = set()
    for registration in registry:
        if registration.label in held_ids:
            rows = registration.model._base_manager.filter(subject_filter(registration, member_id))
            pks = rows.filter(pk__in=held_ids[registration.label]).values_list("pk", flat=True)
            theirs.update((registration.label, pk) for pk in pks)
    return holds + [hold for hold in record_holds if (hold.target_label, hold.target_id) in theirs]


@dataclass
class StepCounts:
    deleted: int = 0
    anonymized: int = 0
    kept: int = 0
    kept_until: datetime | None = None
    kept_basis: str = ""


def erase_rows_of(
    registration: Registration,
    base: models.QuerySet[Any],
    *,
    now: datetime,
    on_deleted: Callable[[int], None] | None = None,
    on_anonymized: Callable[[int], None] | None = None,
    lock_timeout_ms: int | None = None,
) -> StepCounts:
    """Erase the rows of `base` by their registration; rows inside retention keep what the record needs."""
    counts = StepCounts()
    kept = base.filter(inside_retention(registration, now))
    gone = base.exclude(inside_retention(registration, now))
    if registration.row is not None:
        counts.deleted = run_batches(gone, rewrite=None, on_batch=on_deleted, lock_timeout_ms=lock_timeout_ms)
    else:
        counts.anonymized = run_batches(
            gone, rewrite=full_rewrite(registration), on_batch=on_anonymized, lock_timeout_ms=lock_timeout_ms
        )
    if keeps_rows_after_closure(registration):
        # Restricted: what the record does not need goes now, the rest when the period ends.
        partial = rewrite_for(registration, unnecessary_fields(registration), cut_link=False)
        if partial is not None:
            run_batches(kept, rewrite=partial, lock_timeout_ms=lock_timeout_ms)
        counts.kept = kept.count()
        if counts.kept:
            latest = kept.aggregate(latest=Max(registration.rule.after))["latest"]
            counts.kept_until = latest + registration.rule.keep
            counts.kept_basis = str(registration.rule.basis)
    return counts


def surviving_rows(registration: Registration, member_id: int, *, now: datetime) -> int:
    """Rows of the member that still hold personal values they should no longer hold."""
    base = registration.model._base_manager.filter(subject_filter(registration, member_id))
    outside = base.exclude(inside_retention(registration, now))
    if registration.row is not None:
        survivors = outside.count()
    else:
        rewrite = full_rewrite(registration)
        survivors = outside.filter(rewrite.pending()).count() if rewrite else 0
    partial = rewrite_for(registration, unnecessary_fields(registration), cut_link=False)
    if keeps_rows_after_closure(registration) and partial is not None:
        survivors += base.filter(inside_retention(registration, now)).filter(partial.pending()).count()
    return survivors


def verify_erased(member_id: int, *, now: datetime | None = None) -> dict[str, int]:
    """Re-read every registered model for the member: {label: rows with surviving personal values}."""
    now = now or timezone.now()
    found = {r.label: surviving_rows(r, member_id, now=now) for r in erasure_order()}
    found.update({linked.label: linked_rows_of(linked, member_id).count() for linked in registry.linked_rows()})
    return {label: count for label, count in found.items() if count}


# Erasure runs ------------------------------------------------------------------


def start_erasure(*, member: _User, reason: str) -> ErasureRun:
    """Record an erasure run of `member` with one step per registered model; the task runs it after commit."""
    from rights.tasks import erase_member

    with transaction.atomic():
        run = _record_run(member, reason)
        transaction.on_commit(lambda: erase_member.delay(run.pk))
    return run


def _record_run(member: _User, reason: str) -> ErasureRun:
    run = ErasureRun.objects.create(member=member, reason=reason)
    ErasureStep.objects.bulk_create(
        ErasureStep(run=run, position=i, model_label=label) for i, label in enumerate(erasure_step_labels())
    )
    return run


def run_erasure(run_id: int, *, now: datetime | None = None) -> ErasureRun:
    """Run the steps not yet done, in order, then verify and write the receipt; safe to run twice, and beside
    another worker given the same run (only one of them works on it)."""
    now = now or timezone.now()
    with exclusive("erasure-run", run_id) as acquired:
        if not acquired:
            return ErasureRun.objects.get(pk=run_id)
        return _run_claimed(run_id, now=now)


def _claim_run(run_id: int, *, now: datetime) -> int | None:
    """Move the run to running for this worker and return its attempt number; None when it is finished."""
    # Whoever ran it before holds no lock any more (exclusive() says so), so a running run is ours to resume.
    with transaction.atomic():
        claimed = (
            ErasureRun.objects.filter(pk=run_id)
            .exclude(status=RunStatus.FINISHED)
            .update(
                status=RunStatus.RUNNING,
                attempts=models.F("attempts") + 1,
                started_at=Coalesce("started_at", models.Value(now)),
                progress_at=timezone.now(),
                error="",
            )
        )
        if not claimed:
            return None
        return ErasureRun.objects.values_list("attempts", flat=True).get(pk=run_id)


def _run_claimed(run_id: int, *, now: datetime) -> ErasureRun:
    run = ErasureRun.objects.get(pk=run_id)
    if run.status == RunStatus.FINISHED:
        return run
    holds = holds_on_member(run.member_id)
    if holds:
        ErasureRun.objects.filter(pk=run.pk).exclude(status=RunStatus.FINISHED).update(
            status=RunStatus.HELD, error="; ".join(f"{h}" for h in holds)[:2000], progress_at=timezone.now()
        )
        raise ErasureBlocked(run.pk)
    attempt = _claim_run(run.pk, now=now)
    if attempt is None:
        return ErasureRun.objects.get(pk=run_id)
    # Every later change of the run is conditional on this attempt still being the current one.
    mine = ErasureRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING, attempts=attempt)
    _add_missing_steps(run)
    timeout_ms = settings.PRIVACY_ERASURE_LOCK_TIMEOUT_MS
    for step in run.steps.exclude(status=RunStatus.FINISHED).order_by("position"):
        taken = (
            ErasureStep.objects.filter(pk=step.pk)
            .exclude(status=RunStatus.FINISHED)
            .update(status=RunStatus.RUNNING, attempts=models.F("attempts") + 1, error="")
        )
        if not taken:
            continue
        if not mine.update(progress_at=timezone.now()):
            return ErasureRun.objects.get(pk=run_id)  # another attempt took the run over

        def counted(field: str, n: int, pk: int = step.pk) -> None:
            ErasureStep.objects.filter(pk=pk).update(**{field: models.F(field) + n})
            mine.update(progress_at=timezone.now())

        try:
            with lock_timeout(timeout_ms):
                counts = _erase_step(
                    step.model_label,
                    run.member_id,
                    now=now,
                    on_deleted=partial(counted, "rows_deleted"),
                    on_anonymized=partial(counted, "rows_anonymized"),
                    lock_timeout_ms=timeout_ms,
                )
        except Exception as error:
            ErasureStep.objects.filter(pk=step.pk, status=RunStatus.RUNNING).update(
                status=RunStatus.FAILED, error=str(error)[:2000]
            )
            mine.update(status=RunStatus.FAILED, error=f"{step.model_label}: {error}"[:2000])
            raise
        ErasureStep.objects.filter(pk=step.pk, status=RunStatus.RUNNING).update(
            status=RunStatus.FINISHED,
            rows_kept=counts.kept,
            kept_until=counts.kept_until,
            kept_basis=counts.kept_basis,
            finished_at=timezone.now(),
        )
    survivors = verify_erased(run.member_id, now=now)
    if survivors:
        message = _("Verification found personal values left in: %(models)s") % {
            "models": ", ".join(f"{label} ({count})" for label, count in survivors.items())
        }
        # The next attempt redoes the steps of the models where values survived.
        with transaction.atomic():
            run.steps.filter(model_label__in=survivors).update(status=RunStatus.PENDING)
            mine.update(status=RunStatus.FAILED, error=message)
        raise VerificationFailed(message)
    with transaction.atomic():
        Tombstone.objects.get_or_create(member_id=run.member_id, defaults={"erased_at": now})
        finished_at = timezone.now()
        mine.update(
            status=RunStatus.FINISHED,
            finished_at=finished_at,
            progress_at=finished_at,
            receipt=build_receipt(run, finished_at=finished_at),
        )
    run.refresh_from_db()
    return run


def _add_missing_steps(run: ErasureRun) -> None:
    """A run recorded before a step was added to the engine (linked rows) gets it too, after its own steps."""
    existing = set(run.steps.values_list("model_label", flat=True))
    missing = [label for label in erasure_step_labels() if label not in existing]
    if missing:
        last = run.steps.aggregate(last=Max("position"))["last"]
        start = -1 if last is None else last
        ErasureStep.objects.bulk_create(
            ErasureStep(run=run, position=start + 1 + i, model_label=label) for i, label in enumerate(missing)
        )


def _erase_step(
    label: str,
    member_id: int,
    *,
    now: datetime,
    on_deleted: Callable[[int], None],
    on_anonymized: Callable[[int], None],
    lock_timeout_ms: int | None,
) -> StepCounts:
    """One step of a run: the member's rows of a registered model, or other members' rows linked to them."""
    linked = {linked.label: linked for linked in registry.linked_rows()}
    if label in linked:
        rows = linked_rows_of(linked[label], member_id)
        deleted = run_batches(rows, rewrite=None, on_batch=on_deleted, lock_timeout_ms=lock_timeout_ms)
        return StepCounts(deleted=deleted)
    registration = {r.label: r for r in registry}[label]
    return erase_rows_of(
        registration,
        registration.model._base_manager.filter(subject_filter(registration, member_id)),
        now=now,
        on_deleted=on_deleted,
        on_anonymized=on_anonymized,
        lock_timeout_ms=lock_timeout_ms,
    )


def step_name(label: str) -> str:
    """The name of a step's kind of record on the closure page and the receipt."""
    linked = {linked.label: linked for linked in registry.linked_rows()}
    if label in linked:
        return str(linked[label].description)
    registration = {r.label: r for r in registry}.get(label)
    return str(registration.model._meta.verbose_name_plural) if registration else label


def build_receipt(run: ErasureRun, *, finished_at: datetime | None = None) -> dict[str, Any]:
    """What was deleted, anonymized and kept (until when and why), by kind of record; no personal values."""
    items = []
    for step in run.steps.order_by("position"):
        name = step_name(step.model_label)
        if not (step.rows_deleted or step.rows_anonymized or step.rows_kept):
            continue
        items.append(
            {
                "record": name,
                "deleted": step.rows_deleted,
                "anonymized": step.rows_anonymized,
                "kept": step.rows_kept,
                "kept_until": step.kept_until.isoformat() if step.kept_until else None,
                "why_kept": step.kept_basis,
            }
        )
    finished_at = finished_at or run.finished_at
    return {"run": run.pk, "finished_at": finished_at.isoformat() if finished_at else None, "items": items}


# Legal holds and restriction ------------------------------------------------------


def place_hold(*, by: _User, reason: str, member: _User | None = None, record: models.Model | None = None) -> LegalHold:
    """Stop erasure and sweeps of a member, or of one registered record, until the hold is lifted (STO-03)."""
    if (member is None) == (record is None):
        raise ValueError("A legal hold names a member or a record.")
    if record is not None and record.__class__ not in registry:
        raise ValueError(f"{record._meta.label} is not in the privacy registry.")
    return LegalHold.objects.create(
        member=member,
        target_label=record._meta.label if record is not None else "",
        target_id=record.pk if record is not None else None,
        reason=reason,
        set_by=by,
    )


def lift_hold(hold: LegalHold, *, by: _User) -> None:
    """Lift a hold; erasures it stopped are queued again once no other hold stops them."""
    from rights.tasks import erase_member

    with transaction.atomic():
        changed = LegalHold.objects.filter(pk=hold.pk, lifted_at__isnull=True).update(
            lifted_at=timezone.now(), lifted_by=by
        )
        if not changed:
            return
        for run in ErasureRun.objects.filter(status=RunStatus.HELD):
            if not holds_on_member(run.member_id):
                transaction.on_commit(partial(erase_member.delay, run.pk))


def is_restricted(record: models.Model) -> bool:
    """Whether `record` belongs to an erased member and is kept only for its legal retention (RGT-12)."""
    registration = registry.get(record.__class__)
    if registration is None or not keeps_rows_after_closure(registration):
        return False
    erased = Tombstone.objects.values("member_id")
    subject = "pk" if registration.subject == "pk" else registration.subject
    return record.__class__._base_manager.filter(pk=record.pk, **{f"{subject}__in": erased}).exists()


# Tombstones (RGT-07) --------------------------------------------------------------


def reapply_tombstones(*, extra_ids: Iterable[int] = (), now: datetime | None = None) -> list[int]:
    """Erase again every tombstoned member whose personal data a restore brought back; returns their ids."""
    from members.models import Member

    now = now or timezone.now()
    ids = set(Tombstone.objects.values_list("member_id", flat=True)) | set(extra_ids)
    erased = []
    for member in Member.objects.filter(pk__in=ids).order_by("pk"):
        if not verify_erased(member.pk, now=now):
            continue
        Tombstone.objects.get_or_create(member_id=member.pk)
        run = _record_run(member, "re-applied after a restore (RGT-07)")
        run_erasure(run.pk, now=now)
        erased.append(member.pk)
    return erased
