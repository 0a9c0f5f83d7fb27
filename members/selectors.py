"""How the members app reads: level rules, public profiles, level rules, real-name status for other apps."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet

from members.models import ApiToken, FaceVerification, IdentityVerification, LevelRule, Member

# RGT-13: other apps read the member's automated decisions here; the risk component alone queries them (SEC-03).
from members.risk import automated_decisions_of, is_automated_decision_of

# The page state read once per request (portal.request_context) includes when the session was last recorded.
from members.session_activity import activity_cache_key

__all__ = ["activity_cache_key", "automated_decisions_of", "is_automated_decision_of"]


LEVEL_RULES_CACHE_KEY = "members:level-rules"
LEVEL_RULES_CACHE_SECONDS = 24 * 60 * 60


def level_rules() -> list[LevelRule]:
    """The level rules, lowest level first; cached until a rule is saved or deleted (members.signals)."""
    rules = cache.get(LEVEL_RULES_CACHE_KEY)
    if rules is None:
        rules = list(LevelRule.objects.order_by("level"))
        cache.set(LEVEL_RULES_CACHE_KEY, rules, LEVEL_RULES_CACHE_SECONDS)
    return rules


def level_rules_key(rules: list[LevelRule]) -> tuple:
    """Everything the dashboard shows of the rules: the key its level section is kept under ({% fragment %})."""
    return tuple((r.level, r.name, r.min_completed_orders, str(r.min_spent), r.benefits) for r in rules)


def forget_level_rules() -> None:
    cache.delete(LEVEL_RULES_CACHE_KEY)


def current_level_rule(member: Member, rules: list[LevelRule]) -> LevelRule | None:
    return next((rule for rule in rules if rule.level == member.level), None)


def public_members() -> QuerySet:
    """Members whose public profile can be shown: active ones, and only the public columns (MEM-05)."""
    # Staff are not members the public may look up (issue 15, item 2): their names are sign-in names for admin.
    return Member.objects.filter(is_active=True, is_staff=False, is_superuser=False).only(
        "member_name", "nickname", "avatar"
    )


def has_passed_real_name(member) -> bool:
    """Yes or no: the member passed real-name authentication (VER-04, VER-07).

    This is all that events, promotions and other apps learn: no name or ID number leaves the members app.
    """
    if not getattr(member, "is_authenticated", False):
        return False
    return IdentityVerification.objects.filter(member=member).exists()


def has_passed_real_person(member) -> bool:
    """Yes or no: the member's latest real-person (face) check passed (VER-05).

    Voice chat with a streamer and posting a short video need it (INT-13); nothing else leaves the members app.
    """
    if not getattr(member, "is_authenticated", False):
        return False
    latest = (
        FaceVerification.objects.filter(member=member)
        .order_by("-verified_at", "-id")
        .values_list("is_passed", flat=True)
        .first()
    )
    return bool(latest)


def api_tokens_for(member: Member) -> QuerySet[ApiToken]:
    """The member's API keys, newest first, without their hashes."""
    return ApiToken.objects.filter(member=member).only("name", "prefix", "created_at", "last_used_at", "member_id")
