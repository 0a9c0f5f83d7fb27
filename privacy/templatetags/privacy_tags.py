from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from privacy.models import PolicyScope
from privacy.policy_text import PolicyDocument
from privacy.policy_text import parse_policy as parse

register = template.Library()


@register.simple_tag
def parse_policy(text: str) -> PolicyDocument:
    return parse(text)


# POL-04: the policy that applies to a page; a page of another scope overrides base.html's footer_policy block.
POLICY_LINKS = {
    PolicyScope.MEMBER: ("privacy:policy", {}, _("Privacy policy")),
    PolicyScope.MERCHANT: ("privacy:scoped-policy", {"scope": "merchant"}, _("Merchant privacy policy")),
    PolicyScope.INDUSTRIAL_PRODUCTS: (
        "privacy:scoped-policy",
        {"scope": "industrial-products"},
        _("Industrial products privacy policy"),
    ),
}


@register.simple_tag
def policy_link(scope: str = PolicyScope.MEMBER) -> str:
    """A link to the privacy policy document of `scope` (member, merchant or industrial_products)."""
    scope = PolicyScope(scope or PolicyScope.MEMBER)
    name, kwargs, text = POLICY_LINKS[scope]
    return format_html('<a href="{}" data-policy-scope="{}">{}</a>', reverse(name, kwargs=kwargs), scope.value, text)
