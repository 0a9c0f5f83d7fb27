"""Figures of the rights requests (RGT-16): the privacy officer's dashboard and the public metrics page.

Charts are SVG drawn on the server by pygal, served from this site with no script (nothing from a CDN).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

import pygal
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from rights.models import CLOSED_STATUSES, RequestStatus, RequestType, RightsRequest

# Ages of open requests, in days since receipt, against the 15-day promise.
AGE_BUCKETS = ((0, 5), (6, 10), (11, 15), (16, None))
SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def _bucket_label(low: int, high: int | None) -> str:
    return (
        _("%(low)d+ days") % {"low": low} if high is None else _("%(low)d-%(high)d days") % {"low": low, "high": high}
    )


def open_by_type_and_age(*, now: datetime | None = None) -> dict[str, dict[str, int]]:
    """{type label: {age bucket: open requests}} for every type."""
    now = now or timezone.now()
    table = {str(t.label): {_bucket_label(*b): 0 for b in AGE_BUCKETS} for t in RequestType}
    open_requests = RightsRequest.objects.exclude(status__in=CLOSED_STATUSES).values_list("type", "received_at")
    for type_value, received_at in open_requests.iterator():
        age = (now - received_at).days
        for low, high in AGE_BUCKETS:
            if age >= low and (high is None or age <= high):
                table[str(RequestType(type_value).label)][_bucket_label(low, high)] += 1
                break
    return table


def overdue_count(*, now: datetime | None = None) -> int:
    now = now or timezone.now()
    return (
        RightsRequest.objects.exclude(status__in=CLOSED_STATUSES).filter(paused_at__isnull=True, due_at__lt=now).count()
    )


def median_days(durations: list[timedelta]) -> float | None:
    return round(statistics.median(d.total_seconds() / 86400 for d in durations), 1) if durations else None


def median_days_to_close(*, days: int = 90, now: datetime | None = None) -> float | None:
    """Median days from receipt to closing, of requests closed in the last `days` days (duplicates left out)."""
    now = now or timezone.now()
    closed = (
        RightsRequest.objects.filter(closed_at__gte=now - timedelta(days=days), closed_at__lte=now)
        .exclude(status=RequestStatus.DUPLICATE)
        .values_list("received_at", "closed_at")
    )
    # closed_at__gte leaves out the requests still open, whose closed_at is None.
    return median_days([cast(datetime, closed_at) - received_at for received_at, closed_at in closed])


@dataclass(frozen=True)
class MonthFigures:
    month: datetime
    received: int
    fulfilled: int
    refused: int
    median_days: float | None


def public_figures(*, now: datetime | None = None) -> tuple[list[MonthFigures], MonthFigures]:
    """Per month over the last 12 months, and in total: received, fulfilled, refused, median days to answer."""
    now = now or timezone.now()
    since = (timezone.localtime(now) - timedelta(days=365)).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    received = dict(
        RightsRequest.objects.filter(received_at__gte=since)
        .exclude(status=RequestStatus.DUPLICATE)
        .annotate(month=TruncMonth("received_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    answered: dict[datetime, dict[str, Any]] = {}
    rows = (
        RightsRequest.objects.filter(closed_at__gte=since, status__in=[RequestStatus.FULFILLED, RequestStatus.REFUSED])
        .annotate(month=TruncMonth("closed_at"))
        .values_list("month", "status", "received_at", "closed_at")
    )
    for month, status, received_at, closed_at in rows.iterator():
        entry = answered.setdefault(month, {"fulfilled": 0, "refused": 0, "durations": []})
        entry[status] += 1
        entry["durations"].append(cast(datetime, closed_at) - received_at)
    months = sorted(set(received) | set(answered))
    figures = [
        MonthFigures(
            month,
            received.get(month, 0),
            answered.get(month, {}).get("fulfilled", 0),
            answered.get(month, {}).get("refused", 0),
            median_days(answered.get(month, {}).get("durations", [])),
        )
        for month in months
    ]
    every_duration = [d for entry in answered.values() for d in entry["durations"]]
    total = MonthFigures(
        since,
        sum(f.received for f in figures),
        sum(f.fulfilled for f in figures),
        sum(f.refused for f in figures),
        median_days(every_duration),
    )
    return figures, total


# Charts ---------------------------------------------------------------------------------


def _config(**options: Any) -> dict[str, Any]:
    # js=[]: pygal would otherwise link its tooltip script from a CDN.
    return {"js": [], "disable_xml_declaration": True, "width": 800, "height": 400, **options}


def _render(chart: Any) -> str:  # a pygal chart; pygal carries no type hints
    # pygal always embeds a small config <script> for its tooltips; the charts are static, so it goes.
    return SCRIPT.sub("", chart.render(is_unicode=True))


def open_requests_chart() -> str:
    table = open_by_type_and_age()
    chart = pygal.StackedBar(**_config(title=_("Open requests by type and age"), x_label_rotation=20))
    chart.x_labels = list(table)
    for low, high in AGE_BUCKETS:
        label = _bucket_label(low, high)
        chart.add(label, [table[type_label][label] for type_label in table])
    return _render(chart)


def closing_time_chart(*, now: datetime | None = None) -> str:
    """Median days to close, per month of the last 12, against the 15-day promise."""
    figures, _total = public_figures(now=now)
    chart = pygal.Line(**_config(title=_("Median days to answer"), range=(0, 30)))
    chart.x_labels = [f"{f.month:%Y-%m}" for f in figures]
    chart.add(_("Median days"), [f.median_days for f in figures])
    chart.add(_("15-day promise"), [15 for _f in figures])
    return _render(chart)


CHARTS: dict[str, Callable[[], str]] = {"open": open_requests_chart, "closing": closing_time_chart}
