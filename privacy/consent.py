"""The consent ledger's public interface: every app asks here before processing for an optional purpose.

`has_consent(member, purpose)` is the one question; `grant()` and `withdraw()`
append events. Answers are cached per member in Redis and dropped on every
change; with the cache down the ledger itself answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils.translation import gettext as _

from privacy.models import ConsentEvent, PolicyVersion
from privacy.purposes import PURPOSES, Purpose

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, _User  # django-stubs' name for AUTH_USER_MODEL, the member
    from django.db.models import QuerySet
    from django.http import HttpRequest

CACHE_SECONDS = 60 * 60

Channel = ConsentEvent.Channel


@dataclass(frozen=True)
class RequestContext:
    """Where a consent change came from; build it with `context_from_request`."""

    channel: str
    ip_address: str | None = None
    user_agent: str = ""
    staff_ticket: str = ""


def context_from_request(request: HttpRequest, *, channel: str = Channel.WEB) -> RequestContext:
    return RequestContext(
        channel=channel,
        ip_address=request.META.get("REMOTE_ADDR") or None,
        user_agent=request.headers.get("user-agent", "")[:300],
    )


def state_cache_key(member_id: int) -> str:
    return f"consent-state:{member_id}"


def _state_from_ledger(member_id: int) -> dict[str, bool]:
    """The latest event per (purpose, scope): one query for the ids, one for the events."""
    latest_ids = (
        ConsentEvent.objects.filter(member_id=member_id)
        .values("purpose", "scope")
        .annotate(last=Max("id"))
        .values("last")
    )
    events = ConsentEvent.objects.filter(id__in=latest_ids).values_list("purpose", "scope", "is_granted")
    return {f"{purpose}:{scope}": granted for purpose, scope, granted in events}


def current_state(member: _User) -> dict[str, bool]:
    """{"purpose:scope": granted} for every purpose the member ever decided on."""
    state: dict[str, bool] | None = cache.get(state_cache_key(member.pk))
    if state is None:
        state = _state_from_ledger(member.pk)
        cache.set(state_cache_key(member.pk), state, CACHE_SECONDS)
    return state


def has_consent(member: _User | AnonymousUser | None, purpose: Purpose | str, *, scope: str = "") -> bool:
    """May we process data for `purpose` for this member now? Optional purposes are off until granted (POL-03)."""
    purpose = _purpose(purpose)
    info = PURPOSES[purpose]
    if member is None or not getattr(member, "is_authenticated", False):
        return False
    member = cast("_User", member)  # signed in, so neither None nor AnonymousUser
    if info.is_necessary and purpose is not Purpose.PRIVACY_POLICY:
        return True
    state = current_state(member)
    if info.needs_guardian_for_children and member.is_child and not state.get(f"{Purpose.GUARDIAN}:", False):
        # MIN-03: locked off for a child until a guardian consents.
        return False
    return state.get(f"{purpose}:{scope}", False)


def consenting_member_ids(purpose: Purpose, *, scope: str = "") -> QuerySet[ConsentEvent, dict[str, Any]]:
    """Ids of members whose latest decision on `purpose` (for `scope`) is a grant: a subquery, set-based.

    `has_consent` for many members in one query, for optional purposes that do not wait for a
    guardian (marketing, push notifications, a joint event's sharing).
    """
    latest = (
        ConsentEvent.objects.filter(member_id=OuterRef("member_id"), purpose=purpose, scope=scope)
        .order_by("-id")
        .values("is_granted")[:1]
    )
    return (
        ConsentEvent.objects.filter(purpose=purpose, scope=scope, is_granted=True)
        .annotate(current=Subquery(latest))
        .filter(current=True)
        .values("member_id")
    )


def grant(member: _User, purpose: Purpose | str, *, context: RequestContext, scope: str = "") -> ConsentEvent:
    """Record that the member granted `purpose` (for `scope`)."""
    return _record(member, _purpose(purpose), scope=scope, is_granted=True, context=context)


def withdraw(member: _User, purpose: Purpose | str, *, context: RequestContext, scope: str = "") -> ConsentEvent:
    """Record that the member withdrew `purpose`; necessary purposes cannot be withdrawn (RGT-10)."""
    purpose = _purpose(purpose)
    if PURPOSES[purpose].is_necessary:
        raise ValidationError(
            _("%(purpose)s is needed for your account and cannot be withdrawn. You can close your account instead.")
            % {"purpose": purpose.label},
            code="necessary",
        )
    return _record(member, purpose, scope=scope, is_granted=False, context=context)


def record_policy_acceptance(member: _User, version: PolicyVersion, *, context: RequestContext) -> ConsentEvent:
    """Record that the member accepted this policy version (POL-01)."""
    if version.published_at is None:
        raise ValidationError(_("Only a published policy version can be accepted."), code="unpublished")
    return _record(
        member, Purpose.PRIVACY_POLICY, scope=version.label, is_granted=True, context=context, version=version
    )


def history(member: _User, purpose: Purpose | str | None = None) -> QuerySet[ConsentEvent]:
    """The member's consent events, newest first."""
    events = ConsentEvent.objects.filter(member=member).select_related("policy_version")
    if purpose is not None:
        events = events.filter(purpose=_purpose(purpose))
    return events.order_by("-id")


def set_consent(
    member: _User,
    purpose: Purpose | str,
    *,
    is_granted: bool,
    context: RequestContext,
    scope: str = "",
    expected_event_id: int | None = None,
) -> ConsentEvent:
    """Grant or withdraw; with `expected_event_id` (0: none yet), refuse if it changed since the form was shown."""
    purpose = _purpose(purpose)
    with transaction.atomic():
        if expected_event_id is not None:
            # Lock the member so two tabs cannot both pass the check.
            get_user_model().objects.select_for_update().filter(pk=member.pk).first()
            latest = (
                ConsentEvent.objects.filter(member=member, purpose=purpose, scope=scope)
                .order_by("-id")
                .values_list("id", flat=True)
                .first()
            ) or 0
            if latest != expected_event_id:
                raise ValidationError(
                    _(
                        "%(purpose)s was changed somewhere else (another tab or the app). Nothing was saved; "
                        "check its current state and try again."
                    )
                    % {"purpose": purpose.label},
                    code="stale",
                )
        if is_granted:
            return grant(member, purpose, context=context, scope=scope)
        return withdraw(member, purpose, context=context, scope=scope)


def _purpose(purpose: Purpose | str) -> Purpose:
    try:
        return Purpose(purpose)
    except ValueError:
        raise ValidationError(
            _("Unknown purpose: %(purpose)s.") % {"purpose": purpose}, code="unknown_purpose"
        ) from None


@transaction.atomic
def _record(
    member: _User,
    purpose: Purpose,
    *,
    scope: str,
    is_granted: bool,
    context: RequestContext,
    version: PolicyVersion | None = None,
) -> ConsentEvent:
    info = PURPOSES[purpose]
    if info.is_scoped and not scope:
        raise ValidationError(_("%(purpose)s needs a scope.") % {"purpose": purpose.label}, code="scope_required")
    if not info.is_scoped and purpose is not Purpose.PRIVACY_POLICY and scope:
        raise ValidationError(_("%(purpose)s takes no scope.") % {"purpose": purpose.label}, code="scope_not_allowed")
    if context.channel == Channel.STAFF and not context.staff_ticket:
        raise ValidationError(_("A change made by staff must name the member's ticket."), code="ticket_required")
    event = ConsentEvent.objects.create(
        member=member,
        purpose=purpose,
        scope=scope,
        is_granted=is_granted,
        policy_version=version or PolicyVersion.objects.current(),
        channel=context.channel,
        staff_ticket=context.staff_ticket,
        ip_address=context.ip_address,
        user_agent=context.user_agent,
    )
    # Drop the cached answer now and again after commit, so that no reader
    # re-caches the old state between this write and the commit.
    key = state_cache_key(member.pk)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
    return event
