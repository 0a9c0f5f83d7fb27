from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("Orders")

    def ready(self) -> None:
        # Members shows orders and counts them towards levels through these hooks, never by importing orders.
        from members import providers
        from orders import selectors, sellers

        providers.register_dashboard_panel(
            "orders", template_name="orders/_dashboard_orders.html", context=selectors.dashboard_panel_context
        )
        providers.register_dashboard_panel(
            "seller", template_name="orders/_dashboard_seller.html", context=sellers.dashboard_panel_context
        )
        providers.register_level_usage(
            completed_count=selectors.completed_order_count, spent=selectors.completed_order_spending
        )
