import pytest

from tests.catalog.factories import CategoryFactory, CommodityFactory, StoreFactory


@pytest.fixture
def shelf(db):
    """Three commodities in two categories, each with a distinct price and sales count."""
    tools = CategoryFactory(name="Tools", slug="tools")
    toys = CategoryFactory(name="Toys", slug="toys")
    store = StoreFactory(name="Ningbo Tools Direct", slug="ningbo-tools")
    return {
        "drill": CommodityFactory(
            store=store,
            category=tools,
            title="Cordless drill",
            description="A drill for wood.",
            price=199,
            sales_count=500,
        ),
        "gloves": CommodityFactory(
            store=store, category=tools, title="Work gloves", description="Cotton gloves.", price=5, sales_count=900
        ),
        "kite": CommodityFactory(
            store=store, category=toys, title="Kite", description="A kite with cotton string.", price=20, sales_count=50
        ),
    }
