"""Celery jobs of the members app."""

from celery import shared_task

from members import services
from privacy.purposes import Purpose, processes


@shared_task(name="members.recalculate_levels")
@processes(Purpose.ACCOUNT, description="Sets each member's level from their completed orders.")
def recalculate_levels() -> int:
    """MEM-03: apply the level rules to every member; safe to run twice (it only sets derived values)."""
    return services.recalculate_levels()
