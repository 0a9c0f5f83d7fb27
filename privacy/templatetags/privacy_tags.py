from collections.abc import Iterable

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from privacy.models import PolicyScope
from privacy.policy_text import PolicyDocument
from privacy.policy_text import parse_policy as parse

register = template.Library()

# Members read names, not the codes the code uses (scopes of third-party login, partners, shared fields).
PROVIDER_NAMES = {"weixin": _("WeChat"), "alipay": _("Alipay"), "taobao": _("Taobao"), "dummy": _("Test login")}
FIELD_LABELS = {
    "order_number": _("Order number"),
    "amount": _("Amount"),
    "payer_account": _("Payer's account"),
    "payer_phone": _("Payer's mobile number"),
    "consignee_name": _("Consignee's name"),
    "consignee_phone": _("Consignee's mobile number"),
    "delivery_address": _("Delivery address"),
    "alternative_phone": _("Alternative phone"),
    "delivery_time": _("Preferred delivery time"),
    "remarks": _("Remarks"),
    "items": _("Goods ordered"),
    "alipay_account": _("Alipay account"),
    "id_number": _("ID number"),
    "real_name": _("Real name"),
}


@register.filter
def partner_name(code: str) -> str:
    """The partner's or login provider's name for its code ("alipay" → "Alipay")."""
    if not code:
        return ""
    from privacy.models import Partner

    if code in PROVIDER_NAMES:
        return str(PROVIDER_NAMES[code])
    name = Partner.objects.filter(code=code).values_list("name", flat=True).first()
    return name or code.replace("_", " ").title()


@register.filter
def field_labels(fields: Iterable[str] | None) -> str:
    """Plain labels for a list of field names ("order_number" → "Order number")."""
    return ", ".join(str(FIELD_LABELS.get(name, name.replace("_", " ").capitalize())) for name in fields or ())


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
