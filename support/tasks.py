"""Celery task of the support app: the de-identified training export (CS-05, POL-09)."""

from celery import shared_task

from privacy.purposes import processes_no_personal_data
from support import training


@shared_task(name="support.export_training_set", ignore_result=True)
@processes_no_personal_data(
    description="Reads closed tickets only to de-identify them; writes transcripts with no direct identifiers (CS-05)."
)
def export_training_set(export_id: int) -> None:
    """Build one training export run; a rerun of a finished run does nothing, an unfinished one is rewritten."""
    training.build_export(export_id)
