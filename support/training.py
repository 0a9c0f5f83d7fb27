"""The de-identified export of service conversations for training support models (CS-05, POL-09).

Transcripts leave only through privacy.deidentify: first every identifier value the privacy registry knows for the
members on the ticket (their names, phone numbers, addresses, order and account numbers, ID details) is replaced
wherever it was typed, then the pattern scrubber removes phone numbers, ID numbers and e-mail addresses that the
registry does not know, and member, ticket and order references become keyed pseudonyms. Each line of the file is
encrypted (privacy.encryption.seal), so the training set is both de-identified and encrypted (POL-09).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.db import models, transaction
from django.db.models.constants import LOOKUP_SEP
from django.utils import timezone

from privacy.categories import DataCategory
from privacy.deidentify import REDACTED, deidentify, pseudonym
from privacy.encryption import seal
from privacy.registry import Registration, registry
from support.models import Ticket, TicketMessage, TrainingExport

# Categories whose text values name, reach, locate or identify a person or their account, order or payment.
IDENTIFYING = frozenset(
    {
        DataCategory.ACCOUNT,
        DataCategory.PROFILE,
        DataCategory.THIRD_PARTY_LOGIN,
        DataCategory.IDENTITY,
        DataCategory.TRANSACTION,
        DataCategory.DELIVERY,
        DataCategory.CUSTOMS,
        DataCategory.PAYMENT,
    }
)
# Digit runs the registry cannot know: landlines, account, order and tracking numbers typed from memory.
LONG_NUMBER = re.compile(r"(?<![0-9A-Za-z])(?:\d[\s-]?){7,}\d(?![0-9A-Za-z])")
# Values this short ("Li", "1") would rewrite ordinary words; such a value identifies no one on its own.
MIN_VALUE_LENGTH = 2
BATCH = 200


def export_root() -> Path:
    return Path(settings.VAR_DIR) / "training"


def _is_text(field: object) -> bool:
    return isinstance(field, models.CharField | models.TextField) and not getattr(field, "choices", None)


def identifier_fields(registration: Registration) -> list[str]:
    """The text fields of a registered model whose values identify someone.

    Declared fields in an identifying category; every text field of a row that is personal as a whole in one; and
    any unique text field (an order number, a member name), which names one record by itself.
    """
    names = []
    row_identifies = registration.row is not None and registration.row.category in IDENTIFYING
    for field in registration.model._meta.concrete_fields:
        if not _is_text(field):
            continue
        declared = registration.fields.get(field.name)
        if field.unique or row_identifies or (declared is not None and declared.category in IDENTIFYING):
            names.append(field.name)
    return names


def _subject_lookup(registration: Registration) -> str:
    return "pk" if registration.subject == "pk" else registration.subject


def identifier_values(member_ids: Iterable[int]) -> dict[int, set[str]]:
    """{member id: every identifying text value the registry holds for that member}, one query per model."""
    ids = list(set(member_ids))
    found: dict[int, set[str]] = defaultdict(set)
    if not ids:
        return found
    for registration in registry:
        names = identifier_fields(registration)
        if not names:
            continue
        subject = _subject_lookup(registration)
        rows = registration.model._default_manager.filter(**{f"{subject}{LOOKUP_SEP}in": ids}).values_list(
            subject, *names
        )
        for member_id, *values in rows.iterator(chunk_size=2000):
            found[member_id].update(
                value.strip() for value in values if isinstance(value, str) and len(value.strip()) >= MIN_VALUE_LENGTH
            )
    return found


def scrub(text: str, known: set[str]) -> tuple[str, int]:
    """`text` with every known identifier value, then every phone, ID, e-mail and long number, replaced; and how many."""
    before = text.count(REDACTED)
    if known:
        alternatives = "|".join(re.escape(value) for value in sorted(known, key=len, reverse=True))
        text = re.sub(alternatives, REDACTED, text, flags=re.IGNORECASE)
    cleaned = LONG_NUMBER.sub(REDACTED, str(deidentify(text)))
    return cleaned, cleaned.count(REDACTED) - before


def _batches() -> Iterator[list[Ticket]]:
    last = 0
    while True:
        batch = list(
            Ticket.objects.filter(status=Ticket.Status.CLOSED, pk__gt=last)
            .select_related("order")
            .order_by("pk")[:BATCH]
        )
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def _rows(export: TrainingExport) -> Iterator[dict[str, Any]]:
    for tickets in _batches():
        messages: dict[int, list[TicketMessage]] = defaultdict(list)
        for message in TicketMessage.objects.filter(ticket__in=tickets).order_by("sent_at", "pk"):
            messages[message.ticket_id].append(message)
        people = {t.member_id for t in tickets} | {m.staff_id for ms in messages.values() for m in ms if m.staff_id}
        known = identifier_values(people)
        everyone_known = set().union(*known.values()) if known else set()
        for ticket in tickets:
            turns = []
            for message in messages[ticket.pk]:
                # Names of anyone on the ticket (the member, the agents) may appear in any turn.
                text, count = scrub(message.body, everyone_known)
                export.replaced_count += count
                export.message_count += 1
                turns.append({"from": message.author_role, "text": text})
            subject, count = scrub(ticket.subject, everyone_known)
            export.replaced_count += count
            export.ticket_count += 1
            row = {
                "ticket": pseudonym(ticket.pk, kind="ticket"),
                "member": ticket.member_id,
                "order": ticket.order.number if ticket.order else None,
                "kind": ticket.kind,
                "subject": subject,
            }
            clean = cast("list[dict[str, Any]]", deidentify([row]))  # rows in, rows out
            yield {**clean[0], "turns": turns}


@transaction.atomic
def start_export() -> TrainingExport:
    now = timezone.now()
    return TrainingExport.objects.create(file_name=f"support-transcripts-{now:%Y%m%d-%H%M%S}-{now:%f}.jsonl.enc")


def export_path(export: TrainingExport) -> Path:
    return export_root() / export.file_name


def build_export(export_id: int) -> TrainingExport:
    """Write the de-identified, encrypted transcripts of every closed ticket; safe to run twice (it rewrites)."""
    export = TrainingExport.objects.get(pk=export_id)
    if export.status == TrainingExport.Status.DONE:
        return export
    export.ticket_count = export.message_count = export.replaced_count = 0
    path = export_path(export)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    try:
        with partial.open("w", encoding="utf-8") as out:
            for row in _rows(export):
                out.write(seal(json.dumps(row, ensure_ascii=False)) + "\n")
        partial.replace(path)
    except Exception as error:
        partial.unlink(missing_ok=True)
        TrainingExport.objects.filter(pk=export.pk).update(
            status=TrainingExport.Status.FAILED, error=str(error)[:300], finished_at=timezone.now()
        )
        raise
    export.status, export.finished_at = TrainingExport.Status.DONE, timezone.now()
    export.save(update_fields=["status", "finished_at", "ticket_count", "message_count", "replaced_count"])
    return export
