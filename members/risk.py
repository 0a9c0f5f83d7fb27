"""Section II(VII): risk scoring of sign-ins from device and log data; a high score needs an SMS step-up (SEC-02)."""

from __future__ import annotations

from members.models import Member, RiskDecision, SecurityEvent

STEP_UP_AT = 60
NEW_DEVICE = 60
NEW_NETWORK = 20


def assess_login(*, member: Member, ip_address: str | None, user_agent: str) -> RiskDecision:
    """Score a password sign-in against the member's earlier ones and record the decision (SEC-04)."""
    earlier = SecurityEvent.objects.filter(member=member, kind=SecurityEvent.Kind.LOGIN)
    if not earlier.exists():
        # The first sign-in follows the code-confirmed registration: nothing to compare with.
        inputs = {"first_sign_in": True}
        score = 0
    else:
        new_device = not earlier.filter(user_agent=user_agent).exists()
        new_network = not earlier.filter(ip_address=ip_address).exists()
        inputs = {"new_device": new_device, "new_network": new_network}
        score = NEW_DEVICE * new_device + NEW_NETWORK * new_network
    outcome = RiskDecision.Outcome.STEP_UP if score >= STEP_UP_AT else RiskDecision.Outcome.ALLOW
    return RiskDecision.objects.create(member=member, score=score, inputs=inputs, outcome=outcome)


def automated_decisions_of(member: Member, *, limit: int = 50) -> list[tuple[int, str]]:
    """RGT-13: the member's logged automated decisions, newest first, as (id, description) for a review request."""
    decisions = RiskDecision.objects.filter(member=member).order_by("-decided_at", "-pk")[:limit]
    return [(d.pk, f"{d.decided_at:%Y-%m-%d %H:%M} · {d.action} · {d.get_outcome_display()}") for d in decisions]


def is_automated_decision_of(member: Member, decision_id: int) -> bool:
    return RiskDecision.objects.filter(pk=decision_id, member=member).exists()
