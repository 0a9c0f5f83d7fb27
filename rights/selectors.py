"""How the rights app reads: the member's data by category (from the registry), their requests, the queue figures,
and which sweeps and erasures are stalled (no progress past RIGHTS_STALLED_AFTER)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import cast

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db.models import Count, Exists, Max, Model, OuterRef, Prefetch, Q, QuerySet, Value
from django.utils import timezone

from members.models import Member
from privacy.categories import CATEGORY_INFO, DataCategory
from privacy.models import SharingRecord
from privacy.registry import PI, Registration, registry
from rights.erasure import subject_filter
from rights.models import (
    WORKING_GROUP_STAFF,
    ErasureRun,
    RequestEvent,
    RetentionChunk,
    RetentionRun,
    RightsRequest,
    RunStatus,
    SecurityIncident,
)

# Where the member corrects or deletes a kind of record themselves (RGT-01, RGT-04); the rest goes by request.
SELF_SERVICE_EDIT = {
    "members.Member": "members:profile",
    "orders.Address": "orders:addresses",
}
SELF_SERVICE_DELETE = (
    "catalog.BrowsingHistory",
    "catalog.SearchHistory",
    "catalog.OperationHistory",
    "catalog.Favorite",
    "catalog.Follow",
    "catalog.RecommendationBlock",
    "orders.CartItem",
    "orders.Address",
    "interactions.Message",
)


@dataclass
class DataItem:
    registration: Registration
    name: str
    pi: PI
    rows: int

    @property
    def label(self) -> str:
        return self.registration.field_label(self.name)

    @property
    def record(self) -> str:
        return str(self.registration.model._meta.verbose_name_plural)

    @property
    def retention(self) -> str:
        retention = self.registration.retention
        return retention.describe() if retention else ""

    @property
    def edit_url_name(self) -> str:
        return SELF_SERVICE_EDIT.get(self.registration.label, "")

    @property
    def is_self_deletable(self) -> bool:
        return self.registration.label in SELF_SERVICE_DELETE


@dataclass
class CategoryData:
    category: DataCategory
    description: str
    items: list[DataItem] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)

    @property
    def deletable(self) -> list[tuple[str, str]]:
        """(label, name) of the kinds of record here that the member may delete themselves."""
        return sorted({(item.registration.label, item.record) for item in self.items if item.is_self_deletable})


def rows_of(registration: Registration, member: Member) -> QuerySet[Model]:
    return registration.model._base_manager.filter(subject_filter(registration, member.pk))


def row_counts(member: Member) -> dict[str, int]:
    """How many rows each registered model holds about `member`, in one query (a UNION ALL of counts).

    One COUNT per model would make the My data page's query count grow with the registry.
    """
    parts = [
        rows_of(r, member)
        .order_by()
        .annotate(registration=Value(r.label))
        .values("registration")
        .annotate(rows=Count("pk"))
        for r in registry
    ]
    if not parts:
        return {}
    return dict(parts[0].union(*parts[1:], all=True).values_list("registration", "rows"))


def data_of(member: Member) -> list[CategoryData]:
    """Everything the registry holds about `member`, by data category: purpose, sensitivity, recipients, retention."""
    counts = row_counts(member)
    recipients: dict[str, set[str]] = defaultdict(set)
    for record in (
        SharingRecord.objects.filter(member=member).select_related("partner").only("categories", "partner__name")
    ):
        for category in record.categories:
            recipients[category].add(record.partner.name)
    result = []
    for category, entries in registry.by_category().items():
        items = [DataItem(r, name, pi, counts[r.label]) for r, name, pi in entries if counts[r.label]]
        if not items:
            continue
        result.append(
            CategoryData(category, str(CATEGORY_INFO[category].description), items, sorted(recipients[category.value]))
        )
    return result


def requests_of(member: Member) -> QuerySet[RightsRequest]:
    """The member's own requests: every lookup of a request goes through here, so another's is a 404."""
    return RightsRequest.objects.filter(member=member)


def request_with_timeline(member: Member) -> QuerySet[RightsRequest]:
    visible = RequestEvent.objects.exclude(kind=RequestEvent.Kind.NOTE).order_by("occurred_at", "pk")
    return requests_of(member).prefetch_related(Prefetch("events", queryset=visible, to_attr="timeline"))


def request_list_of(member: Member) -> QuerySet[RightsRequest]:
    return requests_of(member).order_by("-received_at", "-pk")


# Runs of the engine --------------------------------------------------------------

UNFINISHED = [RunStatus.PENDING, RunStatus.RUNNING]


def stalled_cutoff(now: datetime | None = None) -> datetime:
    """Progress older than this is no progress: a run whose last sign of life is before it is stalled."""
    return (now or timezone.now()) - timedelta(seconds=settings.RIGHTS_STALLED_AFTER)


def retention_run_is_stalled(cutoff: datetime) -> Q:
    """A sweep is stalled when it is unfinished, older than the cutoff, and none of its chunks moved since.

    Judged per run, not per chunk: chunks waiting on the queue behind a live chunk are not stalled.
    """
    moved = RetentionChunk.objects.filter(run=OuterRef("pk"), progress_at__gte=cutoff)
    return Q(status__in=UNFINISHED, started_at__lt=cutoff) & ~Q(Exists(moved))


def idle_since(cutoff: datetime) -> Q:
    """An erasure run neither created nor moved since the cutoff."""
    return Q(created_at__lt=cutoff) & (Q(progress_at__isnull=True) | Q(progress_at__lt=cutoff))


def erasure_run_is_stalled(cutoff: datetime, *, max_attempts: int | None) -> Q:
    """An erasure is stalled when it is unfinished and idle since the cutoff.

    A failed run counts while it has been tried fewer than `max_attempts` times (None: always), because
    its own retry may have been lost with the broker; past that it waits for staff.
    """
    failed = Q(status=RunStatus.FAILED)
    if max_attempts is not None:
        failed &= Q(attempts__lt=max_attempts)
    return (Q(status__in=UNFINISHED) | failed) & idle_since(cutoff)


def stalled_retention_runs(*, cutoff: datetime) -> QuerySet[RetentionRun]:
    return RetentionRun.objects.filter(retention_run_is_stalled(cutoff))


def stalled_erasure_runs(*, cutoff: datetime) -> QuerySet[ErasureRun]:
    return ErasureRun.objects.filter(erasure_run_is_stalled(cutoff, max_attempts=settings.RIGHTS_RESUME_MAX_ATTEMPTS))


def idle_held_erasure_runs(*, cutoff: datetime) -> QuerySet[ErasureRun]:
    """Erasures stopped by a legal hold and idle since the cutoff: the reaper checks whether their holds are lifted."""
    return ErasureRun.objects.filter(idle_since(cutoff), status=RunStatus.HELD)


def closable_retention_runs() -> QuerySet[RetentionRun]:
    """Unfinished sweeps whose chunks have all finished: the worker that finished the last one did not close it."""
    open_chunks = RetentionChunk.objects.filter(run=OuterRef("pk")).exclude(status=RunStatus.FINISHED)
    return RetentionRun.objects.filter(status__in=UNFINISHED).filter(~Q(Exists(open_chunks)))


def count_stalled_runs(*, cutoff: datetime) -> dict[str, int]:
    """{"retention": n, "erasure": m}, in one query over the partial indexes of unfinished runs (/healthz)."""
    # No ORDER BY inside the union: SQLite (`make run`) refuses it, and counting needs none.
    retention = stalled_retention_runs(cutoff=cutoff).order_by().annotate(kind=Value("retention"))
    erasure = stalled_erasure_runs(cutoff=cutoff).order_by().annotate(kind=Value("erasure"))
    kinds = retention.values_list("kind", flat=True).union(erasure.values_list("kind", flat=True), all=True)
    found = list(kinds)
    return {"retention": found.count("retention"), "erasure": found.count("erasure")}


def staff_overdue_training(*, today: date | None = None) -> QuerySet[Member]:
    """SEC-10: active staff with no passed PI-protection training still valid today, with `valid_until` (or None)."""
    today = today or timezone.localdate()
    return (
        Member.objects.filter(is_staff=True, is_active=True)
        .annotate(
            valid_until=Max("training_records__expires_on", filter=Q(training_records__exam_passed=True)),
            in_working_group=Exists(Group.objects.filter(user=OuterRef("pk"), name=WORKING_GROUP_STAFF)),
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__lt=today))
        .order_by("-in_working_group", "valid_until", "member_name")
    )


def working_group_staff() -> QuerySet[Member]:
    """SEC-10: the active staff members of the PI protection working group."""
    return Member.objects.filter(is_staff=True, is_active=True, groups__name=WORKING_GROUP_STAFF)


def is_in_working_group(member: Member) -> bool:
    """SEC-10: whether `member` belongs to the PI protection working group's staff group."""
    return member.is_staff and member.groups.filter(name=WORKING_GROUP_STAFF).exists()


# STO-11: an announcement stays on every page for this long; the page itself stays public.
BANNER_DAYS = 30
BANNER_CACHE_KEY = "rights:incident-banner:v1"


@dataclass(frozen=True)
class Banner:
    incident_id: int
    title: str
    until: datetime


def announced_incidents() -> QuerySet[SecurityIncident]:
    """Incidents whose public announcement is published."""
    return SecurityIncident.objects.filter(announced_at__isnull=False)


def current_banners() -> list[Banner]:
    """Announcements still on the banner, from the cache: no query per page, also when there is none."""
    now = timezone.now()
    cached: list[Banner] | None = cache.get(BANNER_CACHE_KEY)
    if cached is None:
        since = now - timedelta(days=BANNER_DAYS)
        cached = [
            Banner(pk, title, cast("datetime", announced_at) + timedelta(days=BANNER_DAYS))
            for pk, title, announced_at in announced_incidents()
            .filter(Q(announced_at__gt=since))
            .order_by("-announced_at")
            .values_list("pk", "title", "announced_at")
        ]
        # Kept until the first banner ends (or a day), and dropped at once when an incident is announced.
        timeout = min([(b.until - now).total_seconds() for b in cached] + [86400.0])
        cache.set(BANNER_CACHE_KEY, cached, max(1, int(timeout)))
    return [banner for banner in cached if banner.until > now]
