"""Seed the partner register with the partners the policy names (section III(I)5)."""

from django.db import migrations

PARTNERS = [
    ("alipay", "Alipay (China) Network Technology Co., Ltd.", "payment", "Payment for orders; identity checks the law requires."),
    ("mybank", "Zhejiang E-Commerce Bank Co., Ltd. (MYbank)", "payment", "Payment for orders."),
    ("cainiao", "Cainiao Network Technology Co., Ltd.", "logistics", "Delivery of orders, through the carriers sellers choose."),
]


def seed(apps, schema_editor):
    Partner = apps.get_model("privacy", "Partner")
    for code, name, kind, description in PARTNERS:
        Partner.objects.get_or_create(code=code, defaults={"name": name, "kind": kind, "description": description})


def unseed(apps, schema_editor):
    apps.get_model("privacy", "Partner").objects.filter(code__in=[p[0] for p in PARTNERS]).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_consent_ledger_partners_sharing_access_log")]
    operations = [migrations.RunPython(seed, unseed)]
