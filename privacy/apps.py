from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        # Each app declares its personal information in its own privacy.py.
        autodiscover_modules("privacy")
        from privacy import signals  # noqa: F401
