"""Section III(IV): when a service closes, collection stops at once and its data is erased through the engine (SHR-15)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from privacy.registry import registry
from rights.erasure import erase_rows_of
from rights.models import CeasedService

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
    """Tell every active member, through the notice service, that the feature closed (SHR-15); returns how many were told."""
    from interactions.models import AlertCategory
    from interactions.services import notify_all

    title = _("The %(feature)s service has closed") % {"feature": name}
    body = _(
        "We have stopped collecting information for this service and deleted or anonymized what it held. "
        "Records the law requires us to keep are kept, restricted, until their period ends."
    )
    members = apps.get_model(settings.AUTH_USER_MODEL).objects.filter(is_active=True)
    return notify_all(members, AlertCategory.SERVICE, title=title, body=body, now=now)


class CeasedServiceMiddleware:
    """Requests that would collect data (POST, PUT, PATCH) to a ceased feature's URLs get 410 Gone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., HttpResponse], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        # Reads stay as they were (and cost no query); only collecting requests check the register.
        if request.method not in COLLECTING_METHODS or request.resolver_match is None:
            return None
        names = set(request.resolver_match.app_names)
        if names and CeasedService.objects.filter(name__in=names).exists():
            return HttpResponse(_("This service has closed and no longer collects information."), status=410)
        return None
