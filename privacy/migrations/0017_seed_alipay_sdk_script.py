"""SHR-11: the Alipay SDK the policy names (III(I)5.1.A), registered but not approved until its review is recorded."""

from django.db import migrations


def seed(apps, schema_editor):
    Partner = apps.get_model("privacy", "Partner")
    apps.get_model("privacy", "ThirdPartyScript").objects.get_or_create(
        code="alipay-sdk",
        defaults={
            "partner": Partner.objects.get(code="alipay"),
            "src": "https://gw.alipayobjects.com/as/g/h5-lib/alipayjsapi/3.1.1/alipayjsapi.min.js",
            "purpose": "Linking and paying with your Alipay account",
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("privacy", "ThirdPartyScript").objects.filter(code="alipay-sdk").delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0016_third_party_scripts")]
    operations = [migrations.RunPython(seed, unseed)]
