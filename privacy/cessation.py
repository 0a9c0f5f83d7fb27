"""Section III(IV): when a service closes, collection stops at once and its data is erased through the engine (SHR-15)."""

from __future__ import annotations

from datetime import datetime

from django.apps import apps
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from privacy.erasure import erase_rows_of
from privacy.registry import registry
from privacy.retention_models import CeasedService

COLLECTING_METHODS = {"POST", "PUT", "PATCH"}


def cease_service(name: str, *, now: datetime | None = None) -> CeasedService:
    """Stop collection for app `name` and erase its registered data; rows under a legal retention rule are kept restricted."""
    apps.get_app_config(name)  # LookupError for an unknown feature
    now = now or timezone.now()
    ceased, _created = CeasedService.objects.get_or_create(name=name, defaults={"ceased_at": now})
    totals = {"rows_deleted": 0, "rows_anonymized": 0, "rows_kept": 0}
    for registration in registry:
        if registration.model._meta.app_label != name:
            continue
        counts = erase_rows_of(registration, registration.model._base_manager.all(), now=now)
        totals["rows_deleted"] += counts.deleted
        totals["rows_anonymized"] += counts.anonymized
        totals["rows_kept"] = totals["rows_kept"] + counts.kept
    CeasedService.objects.filter(pk=ceased.pk).update(
        rows_deleted=ceased.rows_deleted + totals["rows_deleted"],
        rows_anonymized=ceased.rows_anonymized + totals["rows_anonymized"],
        rows_kept=totals["rows_kept"],
    )
    ceased.refresh_from_db()
    if name != "interactions":
        notify_members(name, now=now)
    return ceased


def notify_members(name: str, *, now: datetime) -> int:
    """Tell every active member, in their Messages, that the feature closed (SHR-15); returns how many were told."""
    from interactions.inbox import forget_unread_counts
    from interactions.models import Message
    from members.models import Member

    title = _("The %(feature)s service has closed") % {"feature": name}
    body = _(
        "We have stopped collecting information for this service and deleted or anonymized what it held. "
        "Records the law requires us to keep are kept, restricted, until their period ends."
    )
    qn = connection.ops.quote_name
    message, member = Message._meta, Member._meta
    columns = ", ".join(qn(message.get_field(f).column) for f in ("member", "kind", "title", "body", "created_at"))
    # One INSERT … SELECT for every member, whatever their number.
    sql = (
        f"INSERT INTO {qn(message.db_table)} ({columns}) "  # noqa: S608 - quoted identifiers, bound values
        f"SELECT {qn(member.pk.column)}, %s, %s, %s, %s FROM {qn(member.db_table)} "
        f"WHERE {qn(member.get_field('is_active').column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [Message.Kind.SERVICE, title[:200], body, now])
        told = cursor.rowcount
    forget_unread_counts()
    return told


class CeasedServiceMiddleware:
    """Requests that would collect data (POST, PUT, PATCH) to a ceased feature's URLs get 410 Gone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Reads stay as they were (and cost no query); only collecting requests check the register.
        if request.method not in COLLECTING_METHODS or request.resolver_match is None:
            return None
        names = set(request.resolver_match.app_names)
        if names and CeasedService.objects.filter(name__in=names).exists():
            return HttpResponse(_("This service has closed and no longer collects information."), status=410)
        return None
