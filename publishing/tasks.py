"""Celery tasks of the publishing app."""

from celery import shared_task

from privacy.purposes import Purpose, processes
from publishing.services import remove_orphaned_pictures


@shared_task(name="publishing.remove_orphaned_pictures", ignore_result=True)
@processes(Purpose.LEGAL_RETENTION, description="Deletes picture files of reviews and posts that were erased.")
def orphaned_pictures() -> int:
    """Delete picture files whose review or post is gone; safe to run twice."""
    return remove_orphaned_pictures()
