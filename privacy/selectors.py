"""How the privacy app reads: the policy in force, the privacy centre, the consent receipt."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy import consent
from privacy.models import PolicyVersion, ScopedPolicyVersion
from privacy.purposes import PURPOSES, Purpose

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member

    from privacy.models import ConsentEvent, PolicyVersionQuerySet
    from privacy.purposes import PurposeInfo


def current_policy() -> PolicyVersion | None:
    return PolicyVersion.objects.current()


SECTIONS: tuple[tuple[str, object, tuple[Purpose, ...]], ...] = (
    (
        "recommendations",
        _("Recommendation management"),
        (Purpose.PERSONALISED_RECOMMENDATIONS, Purpose.LOCATION_PERSONALISATION),
    ),
    ("ads", _("Advertisement management"), (Purpose.PERSONALISED_ADS,)),
    (
        "marketing",
        _("Marketing messages"),
        (Purpose.MARKETING_SMS, Purpose.MARKETING_PHONE, Purpose.MARKETING_EMAIL, Purpose.MARKETING_POPUP),
    ),
    (
        "permissions",
        _("System permissions"),
        (
            Purpose.PERMISSION_CAMERA,
            Purpose.PERMISSION_PHOTOS,
            Purpose.PERMISSION_MICROPHONE,
            Purpose.PERMISSION_LOCATION,
            Purpose.PERMISSION_CLIPBOARD,
            Purpose.PUSH_NOTIFICATIONS,
        ),
    ),
    ("cookies", _("Non-essential cookies"), (Purpose.COOKIES_PERSONALISATION, Purpose.COOKIES_ADVERTISING)),
    ("third-party-login", _("Third-party login links"), (Purpose.THIRD_PARTY_LOGIN,)),
    ("retention", _("Extended retention"), (Purpose.EXTENDED_RETENTION,)),
    ("app", _("Mobile app"), (Purpose.AUTO_LAUNCH,)),
)
IN_SECTIONS = {purpose for _key, _title, purposes in SECTIONS for purpose in purposes}
SEPARATE = tuple(p for p, info in PURPOSES.items() if not info.is_necessary and p not in IN_SECTIONS)


@dataclass
class ConsentItem:
    purpose: Purpose
    scope: str
    is_granted: bool
    latest_event_id: int
    events: list[ConsentEvent] = field(default_factory=list)

    @property
    def info(self) -> PurposeInfo:
        return PURPOSES[self.purpose]

    @property
    def key(self) -> str:
        return f"{self.purpose}:{self.scope}"


def _items(purposes: Iterable[Purpose], events_by_key: dict[str, list[ConsentEvent]]) -> list[ConsentItem]:
    items = []
    for purpose in purposes:
        if PURPOSES[purpose].is_scoped:
            keys = sorted(key for key in events_by_key if key.startswith(f"{purpose}:"))
        else:
            keys = [f"{purpose}:"]
        for key in keys:
            events = events_by_key.get(key, [])
            items.append(
                ConsentItem(
                    purpose=purpose,
                    scope=key.split(":", 1)[1],
                    is_granted=bool(events) and events[0].is_granted,
                    latest_event_id=events[0].id if events else 0,
                    events=events,
                )
            )
    return items


def privacy_centre(member: _User) -> dict[str, Any]:
    """Every section of the privacy centre with each consent's state and history, from one query."""
    events_by_key: dict[str, list[ConsentEvent]] = defaultdict(list)
    for event in consent.history(member):
        events_by_key[f"{event.purpose}:{event.scope}"].append(event)
    items_by_section = {key: _items(purposes, events_by_key) for key, _title, purposes in SECTIONS}
    sections = [{"key": key, "title": title, "items": items_by_section[key]} for key, title, _purposes in SECTIONS]
    separate = [item for item in _items(SEPARATE, events_by_key) if item.events]
    necessary = [
        {"purpose": p, "info": info, "events": events_by_key.get(f"{p}:", [])}
        for p, info in PURPOSES.items()
        if info.is_necessary and p is not Purpose.PRIVACY_POLICY
    ]
    acceptances = [e for key, events in events_by_key.items() if key.startswith("privacy_policy:") for e in events]
    choices = [item for items in items_by_section.values() for item in items] + separate
    summary = {
        "on": [item for item in choices if item.is_granted],
        "off": [item for item in choices if not item.is_granted],
        "last_change": max((event.occurred_at for item in choices for event in item.events), default=None),
    }
    return {
        "summary": summary,
        "sections": sections,
        "separate": separate,
        "necessary": necessary,
        "acceptances": acceptances,
    }


def consent_receipt(member: _User) -> dict[str, object]:
    """The member's whole consent history as a JSON-ready receipt."""
    events = list(consent.history(member).order_by("id"))
    policy = current_policy()
    return {
        "receipt_for": member.member_name,
        "generated_at": timezone.now().isoformat(),
        "policy_version_in_force": policy.label if policy else None,
        "current_state": dict(sorted(consent.current_state(member).items())),
        "events": [
            {
                "id": event.id,
                "purpose": event.purpose,
                "scope": event.scope,
                "decision": "granted" if event.is_granted else "withdrawn",
                "occurred_at": event.occurred_at.isoformat(),
                "channel": event.channel,
                "policy_version": event.policy_version.label if event.policy_version else None,
                "staff_ticket": event.staff_ticket,
                "ip_address": event.ip_address,
                "user_agent": event.user_agent,
            }
            for event in events
        ],
    }


def published_versions() -> PolicyVersionQuerySet:
    return PolicyVersion.objects.published().order_by("-effective_on", "-published_at")


def scoped_policy(scope: str) -> tuple[ScopedPolicyVersion | None, list[ScopedPolicyVersion]]:
    """(current version or None, every published version) of the merchant or industrial-products policy (POL-04)."""
    versions = list(
        ScopedPolicyVersion.objects.published().filter(scope=scope).order_by("-effective_on", "-published_at")
    )
    today = timezone.localdate()
    current = next((version for version in versions if version.effective_on <= today), None)
    return current, versions
