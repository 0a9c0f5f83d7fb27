"""Section II(VI): notices delivered to the member's Messages inbox."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    class Kind(models.TextChoices):
        LOGISTICS = "logistics", _("Logistics")
        EVENTS = "events", _("Event offers")
        INTERACTIONS = "interactions", _("Interactions")
        SERVICE = "service", _("Service notices")
        SECURITY = "security", _("Security notices")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_messages", verbose_name=_("member")
    )
    kind = models.CharField(_("category"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["member", "-created_at"], name="message_inbox")]

    def __str__(self) -> str:
        return self.title


class PushNotification(models.Model):
    """A notice waiting for the member's app to fetch it through the API (INT-05, PERM-11).

    Written only while the member grants push notifications; the app marks it fetched.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_notifications", verbose_name=_("member")
    )
    kind = models.CharField(_("category"), max_length=20, choices=Message.Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    fetched_at = models.DateTimeField(_("fetched at"), null=True, blank=True)

    class Meta:
        verbose_name = _("push notification")
        verbose_name_plural = _("push notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["member", "fetched_at"], name="push_pending")]

    def __str__(self) -> str:
        return self.title
