"""The one place the interactions tests make a partner: a joint processor registered for event data, active."""

from django.utils import timezone

from interactions.events import DATA_CATEGORIES
from interactions.models import EventData
from privacy import sharing
from privacy.models import Partner


def make_partner(code: str = "taobao-events", name: str = "Taobao Events Co.", **extra) -> Partner:
    """A partner in the register with a contract, joint-processing agreement and current assessment (SHR-03),
    registered for every kind of event data, and activated, so joint events may share with it."""
    partner = Partner.objects.create(
        code=code,
        name=name,
        kind=Partner.Kind.AFFILIATE,
        role=Partner.Role.JOINT,
        categories=sorted(set(DATA_CATEGORIES.values())),
        allowed_fields=[*EventData.values, "event_progress"],
        contract_reference="Joint event agreement 2026-01",
        joint_agreement_reference="Joint processing agreement 2026-01",
        assessed_on=timezone.localdate(),
        **extra,
    )
    return sharing.activate_partner(partner)
