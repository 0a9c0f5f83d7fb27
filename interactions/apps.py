from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionsConfig(AppConfig):
    name = "interactions"
    verbose_name = _("Messages and interactions")

    def ready(self) -> None:
        from interactions import (
            inbox,  # noqa: F401 - connects the unread-count invalidation
            signals,  # noqa: F401 - connects the receivers
        )
