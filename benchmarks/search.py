"""Search latency over 100,000 commodities (II(II)2): what one search page costs the database.

Builds a throwaway database (the configured one's name + "_bench_search"), bulk-creates
the commodities, then times the two queries a search page runs (count and first page)
for several queries and sort orders, and prints median and 95th-percentile latency.
Run with `make bench` (PostgreSQL: full-text search with the GIN index).
"""

import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from catalog.models import Commodity, CommodityCategory, Store  # noqa: E402
from catalog.selectors import search_commodities  # noqa: E402

COMMODITIES = int(os.environ.get("BENCH_COMMODITIES", "100000"))
RUNS = 30
PAGE = 24
ADJECTIVES = ["Bulk", "Premium", "Eco", "Compact", "Heavy-duty", "Classic", "Portable", "Wholesale", "Mini", "Smart"]
NOUNS = [
    "cotton T-shirt", "denim jacket", "work gloves", "wool socks", "USB-C cable", "LED strip", "Bluetooth speaker",
    "power bank", "ceramic planter", "bamboo cutting board", "storage basket", "garden hose", "kraft mailer box",
    "bubble wrap roll", "paper bag", "shipping label", "screwdriver set", "tape measure", "cordless drill",
    "socket wrench", "building blocks", "plush bear", "puzzle set", "kite", "hand cream", "makeup brush set",
    "nail file", "sheet mask", "gel pen", "A4 notebook", "stapler", "desk organiser",
]  # fmt: skip
CASES = [
    ("drill", "general"),
    ("drill", "price"),
    ("cotton gloves", "general"),
    ("bluetooth speaker", "sales"),
    ("kite", "price"),
    ("premium", "general"),  # a common word: about a tenth of all rows match
    ("premium", "price"),
    ("", "sales"),  # no query: the browse order
]
# Issue 14: General sorting of a broad search costs at most twice the Price sort of the same search.
GENERAL_TO_PRICE_TARGET = 2.0


def populate() -> None:
    rng = random.Random(1688)
    categories = [CommodityCategory.objects.create(name=f"Category {i}", slug=f"category-{i}") for i in range(8)]
    stores = [Store.objects.create(name=f"Store {i}", slug=f"store-{i}") for i in range(50)]
    batch = []
    for i in range(COMMODITIES):
        title = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} #{i}"
        batch.append(
            Commodity(
                store=stores[i % len(stores)],
                category=categories[i % len(categories)],
                title=title,
                description=f"{title}. Minimum order {rng.randint(1, 100)} pieces, {rng.choice(NOUNS)} compatible.",
                price=Decimal(rng.randint(100, 99_900)) / 100,
                sales_count=rng.randint(0, 5000),
            )
        )
        if len(batch) == 5000:
            Commodity.objects.bulk_create(batch)
            batch = []
    Commodity.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_commodity")


def time_case(query: str, sort: str) -> tuple[float, float, int]:
    samples = []
    count = 0
    for _ in range(RUNS):
        started = time.perf_counter()
        results = search_commodities(query=query, sort=sort)
        count = results.count()
        list(results[:PAGE])
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], count


def main() -> None:
    creation = connection.creation
    original = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{original}_bench_search"
    creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        populate()
        print(f"{connection.vendor}: {COMMODITIES:,} commodities created in {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            plan = search_commodities(query="drill").explain()
            print("full-text index used:", "commodity_search" in plan)
        print(f"{'query':<22}{'sort':<10}{'matches':>9}{'median ms':>11}{'p95 ms':>9}")
        medians = {}
        for query, sort in CASES:
            median, p95, count = time_case(query, sort)
            medians[query, sort] = median
            print(f"{query or '(none)':<22}{sort:<10}{count:>9,}{median:>11.1f}{p95:>9.1f}")
        for query in ("drill", "premium"):
            ratio = medians[query, "general"] / medians[query, "price"]
            verdict = "ok" if ratio <= GENERAL_TO_PRICE_TARGET else f"over the target of {GENERAL_TO_PRICE_TARGET}"
            print(f"{query}: General sorting takes {ratio:.2f} times the Price sort ({verdict})")
    finally:
        creation.destroy_test_db(original, verbosity=0)


if __name__ == "__main__":
    main()
