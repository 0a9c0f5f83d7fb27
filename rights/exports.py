"""Section IV(II), RGT-03: a copy of my data, built from the privacy registry into a streamed ZIP.

One JSON file per data category, one CSV per kind of record, and a README explaining each file. Rows are read
in chunks and written through zipstream-ng straight to disk, so memory stays flat however much a member has;
a model registered later appears in the copy without a change here.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
import zipstream
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from interactions.models import AlertCategory
from interactions.services import notify
from members.models import Member
from privacy.categories import CATEGORY_INFO, DataCategory
from privacy.encryption import EncryptedDateField, EncryptedTextField
from privacy.registry import Registration, registry
from rights.locks import exclusive
from rights.models import DataExport, ExportDownload, RequestEvent, RequestStatus, RequestType, RightsRequest
from rights.requests import record_event
from rights.selectors import rows_of

LINK_SALT = "rights.export-link"
CHUNK_ROWS = 2000
# Never copied out: secrets of the account and values stored only encrypted or hashed.
WITHHELD_FIELDS = {"password"}
DECRYPTED_ON_READ = (EncryptedTextField, EncryptedDateField)
WITHHELD_SUFFIXES = ("_encrypted", "_hash", "_hmac", "_digest")


# Starting and following --------------------------------------------------------------


def start_export(*, member: Member) -> DataExport:
    """Record a copy request (verified by the signed-in session) and queue its job; one being built at a time."""
    from rights.jobs import build_export_job

    building = DataExport.objects.filter(
        member=member, status__in=[DataExport.Status.QUEUED, DataExport.Status.BUILDING]
    ).first()
    if building is not None:
        return building
    now = timezone.now()
    try:
        with transaction.atomic():
            request = RightsRequest.objects.create(
                member=member,
                type=RequestType.COPY,
                status=RequestStatus.VERIFIED,
                verification_method="signed_in",
                verified_at=now,
                received_at=now,
                due_at=now + timedelta(days=settings.RIGHTS_REQUEST_ANSWER_DAYS),
            )
            record_event(request, actor=RequestEvent.Actor.MEMBER, to_status=RequestStatus.VERIFIED, at=now)
            export = DataExport.objects.create(member=member, request=request, created_at=now)
            transaction.on_commit(lambda: build_export_job.delay(export.pk))
    except IntegrityError:
        # Two clicks at once: the partial unique constraint lets one through.
        return DataExport.objects.get(member=member, status__in=[DataExport.Status.QUEUED, DataExport.Status.BUILDING])
    return export


def exports_of(member: Member) -> models.QuerySet[DataExport]:
    return DataExport.objects.filter(member=member)


def downloadable_exports_of(member: Member) -> models.QuerySet[DataExport]:
    """The member's copies that are built and whose 7 days to download have not run out."""
    return exports_of(member).filter(status=DataExport.Status.READY, expires_at__gt=timezone.now())


def link_token(export: DataExport) -> str:
    return signing.dumps({"export": export.pk, "member": export.member_id}, salt=LINK_SALT)


def export_for_link(token: str, *, member: Member) -> DataExport | None:
    """The export a download link names, only for its own member and only until the link expires (7 days)."""
    try:
        payload = signing.loads(token, salt=LINK_SALT, max_age=timedelta(days=settings.RIGHTS_EXPORT_LINK_DAYS))
    except signing.BadSignature:
        return None
    if (
        not isinstance(payload, dict)
        or payload.get("member") != member.pk
        or not isinstance(payload.get("export"), int)
    ):
        return None
    return downloadable_exports_of(member).filter(pk=payload["export"]).first()


def record_download(export: DataExport) -> ExportDownload:
    return ExportDownload.objects.create(export=export)


def export_path(export: DataExport) -> Path:
    return Path(settings.RIGHTS_EXPORT_ROOT) / export.file_name


# Building ----------------------------------------------------------------------------


def exported_fields(registration: Registration) -> list[str]:
    names = []
    for model_field in registration.model._meta.concrete_fields:
        if model_field.name in WITHHELD_FIELDS or model_field.name.endswith(WITHHELD_SUFFIXES):
            continue
        if isinstance(model_field, models.BinaryField):
            continue
        names.append(model_field.attname)
    return names


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _queryset(
    registration: Registration, member: Member, names: list[str]
) -> models.QuerySet[models.Model, dict[str, Any]]:
    return rows_of(registration, member).order_by("pk").values(*names)


def _database_can_encode(registration: Registration) -> bool:
    """PostgreSQL writes the rows itself, unless a column is encrypted at rest: only Python can decrypt it."""
    return connection.vendor == "postgresql" and not any(
        isinstance(f, DECRYPTED_ON_READ) for f in registration.model._meta.concrete_fields
    )


def _literal_sql(queryset: models.QuerySet[models.Model, dict[str, Any]]) -> str:
    """The queryset's SELECT with its parameters bound by psycopg on the client, for COPY (which takes none)."""
    sql, params = queryset.query.sql_with_params()
    connection.ensure_connection()
    return psycopg.ClientCursor(connection.connection).mogrify(sql, params)


def _json_rows(registration: Registration, member: Member, names: list[str]) -> Iterator[bytes]:
    """Each row as one JSON object; on PostgreSQL the database encodes them, read through a server-side cursor."""
    queryset = _queryset(registration, member, names)
    if not _database_can_encode(registration):
        for row in queryset.iterator(chunk_size=CHUNK_ROWS):
            yield json.dumps({name: _plain(value) for name, value in row.items()}, ensure_ascii=False).encode()
        return
    sql, params = queryset.query.sql_with_params()
    # Selected columns and the inner query come from the ORM; every value is a bound parameter.
    wrapped = f"SELECT row_to_json(t)::text FROM ({sql}) t"  # noqa: S608
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute(wrapped, params)
        while rows := cursor.fetchmany(CHUNK_ROWS):
            for (text,) in rows:
                yield text.encode()


def _category_of(registration: Registration) -> DataCategory:
    """A model's category: that of its row, or of its first declared field."""
    return registration.entries()[0][1].category


def _json_file(
    category: DataCategory, registrations: list[Registration], member: Member, progress: _Progress
) -> Iterator[bytes]:
    """One category as a JSON object, written row by row."""
    yield json.dumps({"category": category.value, "name": str(category.label)})[:-1].encode() + b', "records": {'
    for i, registration in enumerate(registrations):
        names = exported_fields(registration)
        yield (b", " if i else b"") + json.dumps(registration.label).encode() + b": ["
        count = 0
        for encoded in _json_rows(registration, member, names):
            yield (b",\n" if count else b"") + encoded
            count += 1
        progress.rows += count
        yield b"]"
        progress.step()
    yield b"}}\n"


def _csv_file(registration: Registration, member: Member) -> Iterator[bytes]:
    """One kind of record as CSV with a header row; on PostgreSQL straight from COPY ... TO STDOUT."""
    names = exported_fields(registration)
    queryset = _queryset(registration, member, names)
    if _database_can_encode(registration):
        with (
            transaction.atomic(),
            connection.connection.cursor().copy(
                f"COPY ({_literal_sql(queryset)}) TO STDOUT WITH (FORMAT csv, HEADER)"
            ) as copy,
        ):
            yield from (bytes(block) for block in copy)
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(names)
    for row in queryset.values_list(*names).iterator(chunk_size=CHUNK_ROWS):
        writer.writerow([_plain(value) for value in row])
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _readme(plan: dict[DataCategory, list[Registration]]) -> bytes:
    lines = [
        _("A copy of your personal information on the 1688 Platform (privacy policy section IV(II))."),
        "",
        _("Each data category is one JSON file; each kind of record is also one CSV file with a header row."),
        _("Passwords and values we hold only encrypted or hashed are not included."),
        "",
    ]
    for category, registrations in plan.items():
        lines.append(f"{category.value}.json — {category.label}: {CATEGORY_INFO[category].description}")
        for registration in registrations:
            lines.append(f"  csv/{registration.label}.csv — {registration.model._meta.verbose_name_plural}")
            for name, pi in registration.entries():
                lines.append(f"    {registration.field_label(name)}: {pi.purpose}")
            if registration.retention is not None:
                lines.append(f"    {registration.retention.describe()}")
    return ("\n".join(str(line) for line in lines) + "\n").encode()


class _Progress:
    """Counts rows and steps, and writes the steps to the export row so the page can show a progress bar."""

    def __init__(self, export_id: int):
        self.export_id = export_id
        self.rows = 0

    def step(self) -> None:
        DataExport.objects.filter(pk=self.export_id).update(steps_done=F("steps_done") + 1)


def plan_for(member: Member) -> dict[DataCategory, list[Registration]]:
    """The registered models that hold rows of this member, by category."""
    plan: dict[DataCategory, list[Registration]] = defaultdict(list)
    for registration in registry:
        if rows_of(registration, member).exists():
            plan[_category_of(registration)].append(registration)
    return {category: plan[category] for category in DataCategory if category in plan}


def build_export(export_id: int) -> DataExport:
    """Build the ZIP of one export; safe to run twice (a finished export is left alone, a running one to its worker)."""
    with exclusive("data-export", export_id) as acquired:
        if not acquired:
            return DataExport.objects.get(pk=export_id)
        return _build(export_id)


def _build(export_id: int) -> DataExport:
    from rights.requests import fulfil_automatically, start_automatically

    claimed = DataExport.objects.filter(pk=export_id, status=DataExport.Status.QUEUED).update(
        status=DataExport.Status.BUILDING
    )
    export = DataExport.objects.select_related("member", "request").get(pk=export_id)
    if not claimed and export.status != DataExport.Status.BUILDING:
        return export
    member = export.member
    plan = plan_for(member)
    DataExport.objects.filter(pk=export_id).update(steps_total=sum(len(r) for r in plan.values()) or 1, steps_done=0)
    start_automatically(export.request)
    root = Path(settings.RIGHTS_EXPORT_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    file_name = f"copy-{export.pk}-{secrets.token_hex(12)}.zip"
    DataExport.objects.filter(pk=export.pk).update(file_name=file_name)
    progress = _Progress(export.pk)
    # Level 1: most of the gain of deflate on JSON and CSV at a fraction of the time.
    stream = zipstream.ZipStream(compress_type=zipstream.ZIP_DEFLATED, compress_level=1)
    stream.add(_readme(plan), "README.txt")
    for category, registrations in plan.items():
        stream.add(_json_file(category, registrations, member, progress), f"{category.value}.json")
        for registration in registrations:
            stream.add(_csv_file(registration, member), f"csv/{registration.label}.csv")
    path = root / file_name
    with path.open("wb") as out:
        for chunk in stream:
            out.write(chunk)
    finished = timezone.now()
    expires = finished + timedelta(days=settings.RIGHTS_EXPORT_LINK_DAYS)
    with transaction.atomic():
        DataExport.objects.filter(pk=export.pk, status=DataExport.Status.BUILDING).update(
            status=DataExport.Status.READY,
            file_name=file_name,
            size=path.stat().st_size,
            rows=progress.rows,
            steps_done=F("steps_total"),
            finished_at=finished,
            expires_at=expires,
        )
        export.refresh_from_db()
        link = reverse("rights:copy-download", args=[link_token(export)])
        fulfil_automatically(
            export.request,
            answer=_("Your copy is ready: %(link)s (the link works for you only, until %(date)s).")
            % {"link": link, "date": timezone.localtime(expires).strftime("%Y-%m-%d %H:%M")},
        )
        notify(
            member,
            AlertCategory.SERVICE,
            title=_("Your copy of your data is ready"),
            body=_("Download it here until %(date)s: %(link)s")
            % {"link": link, "date": timezone.localtime(expires).strftime("%Y-%m-%d %H:%M")},
        )
    return export


def fail_export(export_id: int, *, error: str) -> None:
    DataExport.objects.filter(pk=export_id, status=DataExport.Status.BUILDING).update(
        status=DataExport.Status.FAILED, error=error[:500]
    )


def expire_exports(*, now: datetime | None = None) -> int:
    """The beat job: delete the files of expired links, and any file whose export no longer exists (erased)."""
    now = now or timezone.now()
    expired = 0
    for export in DataExport.objects.filter(status=DataExport.Status.READY, expires_at__lte=now):
        if DataExport.objects.filter(pk=export.pk, status=DataExport.Status.READY).update(
            status=DataExport.Status.EXPIRED
        ):
            export_path(export).unlink(missing_ok=True)
            expired += 1
    root = Path(settings.RIGHTS_EXPORT_ROOT)
    if root.is_dir():
        # Files of exports erased with their member, or left by a failed build, have no live row.
        live = set(
            DataExport.objects.filter(status__in=[DataExport.Status.READY, DataExport.Status.BUILDING]).values_list(
                "file_name", flat=True
            )
        )
        for path in root.glob("copy-*.zip"):
            if path.name not in live:
                path.unlink(missing_ok=True)
    return expired
