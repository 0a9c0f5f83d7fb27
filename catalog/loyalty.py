"""POL-05: a store's own membership programme, under the store's own notified rules.

The member reads the store's current rules (a versioned document of the store) before joining;
the store's staff see of each member only the details those rules name; leaving is one click.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import LoyaltyData, Store, StoreLoyaltyMembership, StoreMembership, StoreMembershipRules


def published_rules(store: Store) -> QuerySet[StoreMembershipRules]:
    return StoreMembershipRules.objects.filter(store=store, published_at__isnull=False).order_by(
        "-effective_on", "-published_at", "-id"
    )


def current_rules(store: Store) -> StoreMembershipRules | None:
    """The published rules of `store` in force today, or None (then the store has no programme)."""
    return published_rules(store).filter(effective_on__lte=timezone.localdate()).first()


def memberships_for(member) -> QuerySet[StoreLoyaltyMembership]:
    return StoreLoyaltyMembership.objects.filter(member=member).select_related("store", "rules")


def staffed_stores(member) -> QuerySet[Store]:
    """Stores `member` works for as seller staff."""
    return Store.objects.filter(pk__in=StoreMembership.objects.filter(member=member).values("store_id"))


def publish_rules(rules: StoreMembershipRules) -> StoreMembershipRules:
    """Publish a draft; a published version is never changed again (a database trigger keeps it so)."""
    updated = StoreMembershipRules.objects.filter(pk=rules.pk, published_at__isnull=True).update(
        published_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("These rules are already published."), code="published")
    rules.refresh_from_db(fields=["published_at"])
    return rules


@transaction.atomic
def join_programme(*, member, store: Store, rules_id: int) -> StoreLoyaltyMembership:
    """Join under the rules the member read; if the store published new ones since, nothing is written."""
    rules = current_rules(store)
    if rules is None:
        raise ValidationError(_("This store has no membership programme."), code="no_programme")
    if rules.pk != rules_id:
        raise ValidationError(
            _("The store's membership rules have changed. Read the current rules and confirm again."), code="changed"
        )
    try:
        with transaction.atomic():
            return StoreLoyaltyMembership.objects.create(store=store, member=member, rules=rules)
    except IntegrityError:
        raise ValidationError(_("You are already a member of this store."), code="joined") from None


def leave_programme(*, member, membership: StoreLoyaltyMembership) -> bool:
    """One click: the membership row goes, and the store sees nothing more of the member."""
    deleted, _rows = StoreLoyaltyMembership.objects.filter(pk=membership.pk, member=member).delete()
    return bool(deleted)


@dataclass(frozen=True)
class ProgrammeMember:
    """One row of the store's member list: only what the member's agreed rules name."""

    joined_at: datetime
    details: list[tuple[str, str]]


def _detail(value: str, membership: StoreLoyaltyMembership) -> str:
    member = membership.member
    if value == LoyaltyData.NICKNAME:
        return member.nickname or "—"
    if value == LoyaltyData.ACCOUNT_LEVEL:
        return str(member.level)
    return member.registered_at.date().isoformat() if member.registered_at else "—"


def programme_members(store: Store, *, limit: int) -> list[ProgrammeMember]:
    """The store's programme members as the store may see them (POL-05), newest first."""
    rows = StoreLoyaltyMembership.objects.filter(store=store).select_related("member", "rules")[:limit]
    return [
        ProgrammeMember(
            joined_at=row.joined_at,
            details=[(str(LoyaltyData(value).label), _detail(value, row)) for value in row.rules.data_seen],
        )
        for row in rows
    ]
