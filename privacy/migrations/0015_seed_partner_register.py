"""DEF-09, SHR-01..10: the partner register with legal names, roles, purposes and allowed fields.

Alipay, MYbank and Cainiao are named by the legal entities the policy's definitions and III(I)5.1
give (their earlier seeded names were wrong). The partners the site hands data to are active, with
the agreements they are bound by; the others describe the cooperation scenarios of III(I)5 and stay
inactive until the privacy officer records their contract and security assessment.
"""

import datetime

from django.db import migrations

ASSESSED = datetime.date(2026, 11, 1)

PARTNERS = {
    "alipay": {
        "name": "Alipay.com Co., Ltd.",
        "kind": "payment",
        "role": "independent",
        "is_affiliate": True,
        "description": "Payment for orders, through the Alipay SDK and secure interfaces (section III(I)5.1.A).",
        "purposes": ["Payment for the order"],
        "categories": ["payment", "transaction"],
        "allowed_fields": ["order_number", "amount", "payer_account", "payer_phone"],
        "contract_reference": "Alipay payment services agreement",
        "assessed_on": ASSESSED,
        "is_active": True,
    },
    "mybank": {
        "name": "Zhejiang E-Commerce Bank Co., Ltd. (MYbank)",
        "kind": "payment",
        "role": "independent",
        "is_affiliate": True,
        "description": "Payment for orders through interfaces to MYbank (section III(I)5.1.A).",
        "purposes": ["Payment for the order"],
        "categories": ["payment", "transaction"],
        "allowed_fields": ["order_number", "amount", "payer_account", "payer_phone"],
        "contract_reference": "MYbank payment services agreement",
        "assessed_on": ASSESSED,
        "is_active": True,
    },
    "cainiao": {
        "name": "Zhejiang Cainiao Supply Chain Management Co., Ltd.",
        "kind": "logistics",
        "role": "independent",
        "is_affiliate": True,
        "description": "Logistics information system: passes delivery details to the carrier the seller chose "
        "(section III(I)5.1.B).",
        "purposes": ["Delivery of the order through the carrier the seller chose"],
        "categories": ["delivery"],
        "allowed_fields": ["consignee_name", "consignee_phone", "delivery_address"],
        "contract_reference": "Cainiao logistics information services agreement",
        "assessed_on": ASSESSED,
        "is_active": True,
    },
    "sellers": {
        "kind": "seller",
        "role": "independent",
        "purposes": ["Delivery and after-sales by the seller"],
        "categories": ["transaction", "delivery"],
        "allowed_fields": [
            "consignee_name",
            "consignee_phone",
            "delivery_address",
            "alternative_phone",
            "delivery_time",
            "remarks",
            "items",
        ],
        "contract_reference": "1688 Platform service agreement for sellers",
        "assessed_on": ASSESSED,
        "is_active": True,
    },
    "seller-onboarding": {
        "name": "Merchant onboarding service provider",
        "kind": "onboarding",
        "role": "entrusted",
        "description": "Contacts members who chose \u201cbecome a seller\u201d and helps them become merchant members "
        "(section III(I)3).",
        "purposes": ["Contacting you to help you become a merchant member"],
        "categories": ["account", "seller_lead"],
        "allowed_fields": ["name", "contact", "account_id", "registered_at", "last_login_at"],
    },
    "channel-developers": {
        "name": "Channel (applet) developers",
        "kind": "channel",
        "role": "independent",
        "description": "Provide channel (applet) services on the platform with your activity in their own channel "
        "(section III(I)5.1.C).",
        "purposes": ["Providing the channel (applet) service you use"],
        "categories": ["service_log"],
        "allowed_fields": ["channel", "account_id", "action", "occurred_at"],
    },
    "ad-measurement": {
        "name": "Advertising placement and measurement partners",
        "kind": "advertising",
        "role": "entrusted",
        "description": "Measure the placement, reach and effectiveness of advertisements; they never receive "
        "information that identifies you (section III(I)5.2).",
        "purposes": ["Measuring the placement, reach and effectiveness of advertisements"],
        "categories": ["events"],
        "allowed_fields": ["campaign", "placement", "day", "impressions", "clicks", "conversions"],
    },
    "security-partners": {
        "name": "Security service partners",
        "kind": "security",
        "role": "entrusted",
        "description": "Use device, account and log information to protect users from fraud and attacks "
        "(section III(I)5.3.A).",
        "purposes": ["Protecting users of the platform from infringement"],
        "categories": ["device", "account", "service_log"],
        "allowed_fields": ["device_id", "device_model", "os_version", "account_id", "ip_address", "event", "occurred_at"],
    },
    "product-analytics": {
        "name": "Product analysis partners",
        "kind": "analytics",
        "role": "entrusted",
        "description": "Analyse the stability of the apps from service usage, device identifiers and installation "
        "overviews (section III(I)5.3.B).",
        "purposes": ["Analysing the stability of our products and services"],
        "categories": ["device", "service_log"],
        "allowed_fields": ["device_id", "app_version", "os_version", "event", "screen", "occurred_at"],
    },
    "research-institutions": {
        "name": "Research institutions and universities",
        "kind": "research",
        "role": "entrusted",
        "description": "Academic research with de-identified or anonymized data only, under an approval "
        "(section III(I)5.3.C).",
        "purposes": ["Academic research with de-identified data"],
        "categories": ["transaction"],
        "allowed_fields": ["number", "buyer_id", "status", "placed_on", "total_amount", "lines", "units"],
    },
    "authorities": {
        "name": "Administrative and judicial authorities",
        "kind": "authority",
        "role": "independent",
        "description": "Authorities that request data under law, each request with its legal document and the "
        "privacy officer's decision (section III(V)2).",
        "legal_basis": "legal_duty",
        "purposes": ["Request of an authority under law"],
        "categories": [
            "account", "profile", "identity", "browsing", "search", "location", "transaction", "delivery",
            "customs", "payment", "customer_service", "content", "social", "events", "device", "service_log",
            "security", "seller_lead", "rights_request", "minors", "live", "third_party_login", "clipboard",
            "cookies", "biometric",
        ],
        "is_active": True,
    },
}
PARTNERS["authorities"]["allowed_fields"] = PARTNERS["authorities"]["categories"]
OLD_NAMES = {
    "alipay": "Alipay (China) Network Technology Co., Ltd.",
    "cainiao": "Cainiao Network Technology Co., Ltd.",
}


def seed(apps, schema_editor):
    Partner = apps.get_model("privacy", "Partner")
    for code, values in PARTNERS.items():
        partner, _created = Partner.objects.get_or_create(code=code, defaults={"name": values.get("name", code)})
        for field, value in values.items():
            setattr(partner, field, value)
        partner.save()


def unseed(apps, schema_editor):
    Partner = apps.get_model("privacy", "Partner")
    Partner.objects.filter(code__in=list(PARTNERS)).update(is_active=False)
    for code, name in OLD_NAMES.items():
        Partner.objects.filter(code=code).update(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0014_partner_register_disclosures_authority_requests"),
        ("orders", "0008_seller_partner"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
