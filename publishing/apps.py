from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self) -> None:
        # The dashboard links the Growth Center through this hook; members never imports publishing.
        from members import providers
        from publishing import selectors, signals  # noqa: F401 - signals connects the receivers

        providers.register_dashboard_panel(
            "publishing",
            template_name="publishing/_dashboard_published.html",
            context=selectors.dashboard_panel_context,
        )
