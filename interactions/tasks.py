"""Celery tasks of the interactions app."""

from celery import shared_task

from interactions.applets import feed_developers
from interactions.events import sync_partners
from privacy.purposes import Purpose, processes


@shared_task(name="interactions.joint_event_partner_sync", ignore_result=True)
@processes(
    Purpose.JOINT_EVENT_SHARING,
    description="Shares event progress with a joint event's partner, only for members who agreed to it.",
)
def joint_event_partner_sync() -> int:
    """INT-09: share event progress with joint-event partners, only with each member's consent; safe to run twice."""
    return sync_partners()


@shared_task(name="interactions.channel_developer_feed", ignore_result=True)
@processes(
    Purpose.ACCOUNT,
    description="Hands each channel (applet) developer the activity in its own channel only.",
)
def channel_developer_feed() -> dict[str, int]:
    """SHR-06: each active channel developer receives its own channels' new activity; safe to run twice."""
    return feed_developers()
