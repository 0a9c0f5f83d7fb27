"""How the rights app reads: the member's data by category (from the registry), their requests, the queue figures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from members.models import Member
from privacy.categories import CATEGORY_INFO, Category
from privacy.models import SharingRecord
from privacy.registry import PI, Registration, registry
from rights.erasure import subject_filter
from rights.models import RequestEvent, RightsRequest

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
    category: Category
    description: str
    items: list[DataItem] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)

    @property
    def deletable(self) -> list[tuple[str, str]]:
        """(label, name) of the kinds of record here that the member may delete themselves."""
        return sorted({(item.registration.label, item.record) for item in self.items if item.is_self_deletable})


def rows_of(registration: Registration, member: Member) -> QuerySet:
    return registration.model._base_manager.filter(subject_filter(registration, member.pk))


def data_of(member: Member) -> list[CategoryData]:
    """Everything the registry holds about `member`, by data category: purpose, sensitivity, recipients, retention."""
    counts = {r.label: rows_of(r, member).count() for r in registry}
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
