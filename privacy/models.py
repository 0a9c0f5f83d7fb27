"""Section VI: the versions of the privacy policy members accept."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def current(self):
        """The published version in force now (the latest effective date not in the future)."""
        from django.utils import timezone

        return (
            self.published()
            .filter(effective_on__lte=timezone.localdate())
            .order_by("-effective_on", "-published_at")
            .first()
        )


class PolicyVersion(models.Model):
    """One version of the privacy policy, with its label and the date it takes effect (POL-11)."""

    label = models.CharField(_("label"), max_length=40, unique=True)
    effective_on = models.DateField(_("effective on"))
    text = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["-effective_on"]

    def __str__(self) -> str:
        return self.label
