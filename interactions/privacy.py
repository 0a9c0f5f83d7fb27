"""Registry entries of the interactions app (section II(VI))."""

from django.utils.translation import gettext_lazy as _

from interactions.models import Message, PushNotification
from privacy.registry import PI, Category, Erasure, Retention, days, register

register(
    Message,
    subject="member",
    row=PI(
        Category.SOCIAL,
        _("Delivers logistics, event, interaction and service notices to your Messages."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=Retention(
        after="created_at",
        keep=days(180),
        then=Erasure.DELETE_ROW,
        basis=_("Kept only while useful to you: notices expire after 180 days."),
    ),
)
register(
    PushNotification,
    subject="member",
    row=PI(
        Category.SOCIAL,
        _("Notices waiting for your app to show them, sent only while you allow push notifications."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=Retention(
        after="created_at",
        keep=days(30),
        then=Erasure.DELETE_ROW,
        basis=_("Only needed until your app has fetched them."),
    ),
)
