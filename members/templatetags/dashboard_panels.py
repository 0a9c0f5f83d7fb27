"""`{% dashboard_panel panel %}`: a panel registered by another app, rendered inside the dashboard's own context."""

from django import template
from django.utils.safestring import SafeString

from members.providers import PanelToRender

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard_panel(context, panel: PanelToRender) -> SafeString:
    # As {% include %} does: the page's context (and its context processors' values) plus the panel's own.
    panel_template = context.template.engine.get_template(panel.template_name)
    with context.push(**panel.context):
        return panel_template.render(context)
