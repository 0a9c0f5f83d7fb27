"""How the members app reads: the dashboard, public profiles, level rules."""

from __future__ import annotations

from django.db.models import QuerySet

from members.models import LevelRule, Member

RECENT_ORDERS = 5


def recent_orders_for(member: Member) -> QuerySet:
    """The member's latest orders, newest first (MEM-07), through the orders app's own scoping."""
    from orders.selectors import orders_for

    return (
        orders_for(member)
        .only("number", "status", "total_amount", "created_at")
        .order_by("-created_at", "-id")[:RECENT_ORDERS]
    )


def level_rules() -> list[LevelRule]:
    return list(LevelRule.objects.order_by("level"))


def current_level_rule(member: Member, rules: list[LevelRule]) -> LevelRule | None:
    return next((rule for rule in rules if rule.level == member.level), None)


def public_members() -> QuerySet:
    """Members whose public profile can be shown: active ones, and only the public columns (MEM-05)."""
    return Member.objects.filter(is_active=True).only("member_name", "nickname", "avatar")
