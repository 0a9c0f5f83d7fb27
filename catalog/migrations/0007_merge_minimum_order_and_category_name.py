"""Merge: the minimum order quantity and the commodity category renamed, both after 0005."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0006_commodity_minimum_order'),
        ('catalog', '0006_rename_category_to_commodity_category'),
    ]

    operations = [
    ]
