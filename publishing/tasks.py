"""Scheduled jobs of publishing: the public live-channel ranking (INT-12) and the files of erased pictures and videos."""

from celery import shared_task

from privacy.purposes import Purpose, processes, processes_no_personal_data
from publishing.live import rank_live_channels, sweep_orphan_videos
from publishing.services import remove_orphaned_pictures


@shared_task(name="publishing.rank_live_channels", ignore_result=True)
@processes_no_personal_data(
    description="Counts comments, likes and voice chats per live channel; reads no member, writes each channel's rank."
)
def live_ranking() -> int:
    """Rebuild the live-channel ranking from comments, likes and voice chats; safe to run twice."""
    return rank_live_channels()


@shared_task(name="publishing.sweep_orphan_videos", ignore_result=True)
@processes(Purpose.LEGAL_RETENTION, description="Deletes the files of short videos whose records were erased.")
def orphan_videos() -> int:
    """Delete the files of short videos whose rows were erased."""
    return sweep_orphan_videos()


@shared_task(name="publishing.remove_orphaned_pictures", ignore_result=True)
@processes(Purpose.LEGAL_RETENTION, description="Deletes picture files of reviews and posts that were erased.")
def orphaned_pictures() -> int:
    """Delete picture files whose review or post is gone; safe to run twice."""
    return remove_orphaned_pictures()
