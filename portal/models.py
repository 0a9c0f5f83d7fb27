"""Operational records of the portal itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """The last time the scheduler and a worker were seen working together, one row per source."""

    source = models.CharField(_("source"), max_length=40, unique=True)
    beat_at = models.DateTimeField(_("last beat at"))
    worker = models.CharField(_("worker"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.source} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"
