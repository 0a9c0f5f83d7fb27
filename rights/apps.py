from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    """Section IV (the member's rights) and the execution of V(I): erasure, retention, closure, cessation."""

    name = "rights"
    verbose_name = _("Rights and retention")

    def ready(self) -> None:
        from rights import incident_admin, jobs, request_admin, signals, training_admin  # noqa: F401
