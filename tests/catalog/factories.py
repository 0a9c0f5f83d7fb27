"""Factories for the shopping tests (catalog and orders)."""

from decimal import Decimal

import factory

from catalog.models import Commodity, CommodityCategory, Store


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommodityCategory
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"CommodityCategory {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class StoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Store
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Store {n}")
    slug = factory.Sequence(lambda n: f"store-{n}")


class CommodityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commodity

    store = factory.SubFactory(StoreFactory)
    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Commodity {n}")
    description = "Minimum order 10 pieces."
    price = Decimal("10.00")
    sales_count = 0
