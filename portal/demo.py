"""Demo data for `make run`: members, staff, stores, commodities, orders and reviews.

Every object has a natural key, so seeding twice finds what exists and adds nothing.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import cast

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from catalog.models import Commodity, CommodityCategory, LoyaltyData, Store, StoreMembership, StoreMembershipRules
from interactions.models import AlertCategory, EventData, MarketingEvent
from interactions.services import notify
from members.models import Member
from orders.models import Address, Order, OrderEvent, OrderItem
from privacy import sharing
from privacy.models import Partner
from publishing.models import Review


@dataclass(frozen=True)
class DemoAccount:
    member_name: str
    password: str
    role: str
    phone: str | None = None
    nickname: str = ""
    is_staff: bool = False
    group: str | None = None


# Known demo credentials, printed by `make run`. Never used outside development.
DEMO_ACCOUNTS = [
    DemoAccount("alice", "alice-demo-2023", "member", "+8613800138001", "Alice W."),
    DemoAccount("bob", "bob-demo-2023", "member", "+8613800138002", "Bob"),
    DemoAccount("chen_li", "chenli-demo-2023", "member", "+8613800138003", ""),
    DemoAccount("officer", "officer-demo-2023", "privacy officer", is_staff=True, group="privacy_officer"),
    DemoAccount("service", "service-demo-2023", "customer service", is_staff=True, group="customer_service"),
    DemoAccount("admin", "admin-demo-2023", "superuser", is_staff=True),
    DemoAccount("seller", "seller-demo-2023", "seller staff of Ningbo Tools Direct", "+8613800138009", "Ningbo"),
]
# TRX-15: the demo seller works for this store and sees its orders under /seller/orders/.
SELLER_STORE = ("seller", "ningbo-tools-direct")

CATEGORIES = ["Apparel", "Electronics", "Home and Garden", "Packaging", "Tools", "Toys", "Beauty", "Office Supplies"]
STORES = [
    "Yiwu Trading Co.",
    "Shenzhen Circuit House",
    "Hangzhou Textile Works",
    "Guangzhou Home Goods",
    "Ningbo Tools Direct",
]
ADJECTIVES = ["Bulk", "Premium", "Eco", "Compact", "Heavy-duty", "Classic", "Portable", "Wholesale"]
NOUNS = {
    "Apparel": ["cotton T-shirt", "denim jacket", "work gloves", "wool socks"],
    "Electronics": ["USB-C cable", "LED strip", "Bluetooth speaker", "power bank"],
    "Home and Garden": ["ceramic planter", "bamboo cutting board", "storage basket", "garden hose"],
    "Packaging": ["kraft mailer box", "bubble wrap roll", "paper bag", "shipping label"],
    "Tools": ["screwdriver set", "tape measure", "cordless drill", "socket wrench"],
    "Toys": ["building blocks", "plush bear", "puzzle set", "kite"],
    "Beauty": ["hand cream", "makeup brush set", "nail file", "sheet mask"],
    "Office Supplies": ["gel pen", "A4 notebook", "stapler", "desk organiser"],
}
COMMODITIES_PER_STORE = 60
ADDRESSES = [
    "Room 501, 12 Wensan Road, Xihu District, Hangzhou",
    "18 Binjiang Avenue, Nanshan District, Shenzhen",
    "Unit 3, 88 Zhongshan Road, Yuexiu District, Guangzhou",
]


@dataclass
class SeedReport:
    created: dict[str, int]

    def add(self, name: str, count: int = 1) -> None:
        if count:
            self.created[name] = self.created.get(name, 0) + count


@transaction.atomic
def seed_demo() -> SeedReport:
    """Create whatever demo data is missing; return how many objects of each kind were created."""
    report = SeedReport(created={})
    rng = random.Random(1688)  # noqa: S311 - demo data, not security
    members = _seed_accounts(report)
    commodities = _seed_catalog(report, rng)
    _seed_orders(report, rng, [m for m in members if not m.is_staff and m.member_name != SELLER_STORE[0]], commodities)
    _seed_store_staff(report)
    _seed_event_and_store_programme(report)
    _seed_onboarding_provider(report)
    return report


def _seed_event_and_store_programme(report: SeedReport) -> None:
    """An open prize event (INT-08) and the membership programme of the demo seller's store (POL-05)."""
    now = timezone.now()
    _, created = MarketingEvent.objects.get_or_create(
        title="Spring sourcing prize draw",
        defaults={
            "description": "Join before the end of the event for a chance to win a tool set.",
            "data_used": [EventData.NICKNAME, EventData.DELIVERY, EventData.ACCOUNT_LEVEL],
            "has_prizes": True,
            "starts_at": now,
            "ends_at": now + timedelta(days=60),
        },
    )
    report.add("events", int(created))
    _, created = StoreMembershipRules.objects.get_or_create(
        store=Store.objects.get(slug=SELLER_STORE[1]),
        label="2026 V1",
        defaults={
            "text": "Members collect points on every order and get member prices. "
            "The store sees your nickname and account level, and nothing else.",
            "data_seen": [LoyaltyData.NICKNAME, LoyaltyData.ACCOUNT_LEVEL],
            "effective_on": timezone.localdate(),
            "published_at": now,
        },
    )
    report.add("store membership rules", int(created))


def _seed_onboarding_provider(report: SeedReport) -> None:
    """Demo only: the onboarding provider gets a demo contract and assessment, so "become a seller" works (SHR-05)."""
    provider = Partner.objects.get(code="seller-onboarding")
    if provider.is_active:
        return
    Partner.objects.filter(pk=provider.pk).update(
        contract_reference="DEMO onboarding agreement", assessed_on=timezone.localdate()
    )
    provider.refresh_from_db()
    sharing.activate_partner(provider)
    report.add("active partners")


def _seed_store_staff(report: SeedReport) -> None:
    member_name, slug = SELLER_STORE
    _, created = StoreMembership.objects.get_or_create(
        store=Store.objects.get(slug=slug), member=Member.objects.get(member_name__iexact=member_name)
    )
    report.add("store staff", int(created))


def _seed_accounts(report: SeedReport) -> list[Member]:
    members = []
    for account in DEMO_ACCOUNTS:
        member = Member.objects.filter(member_name__iexact=account.member_name).first()
        if member is None:
            member = Member(
                member_name=account.member_name,
                phone=account.phone,
                nickname=account.nickname,
                is_staff=account.is_staff,
                is_superuser=account.role == "superuser",
            )
            member.set_password(account.password)
            member.save()
            report.add("members")
            if account.group:
                member.groups.add(Group.objects.get_or_create(name=account.group)[0])
            if not account.is_staff:
                notify(
                    member,
                    AlertCategory.SERVICE,
                    title="Welcome to 1688",
                    body="Your account is ready. See what we collect about you under 'Information we collect'.",
                )
        members.append(member)
    return members


def _seed_catalog(report: SeedReport, rng: random.Random) -> list[Commodity]:
    categories = {}
    for name in CATEGORIES:
        categories[name], created = CommodityCategory.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        report.add("categories", int(created))
    for store_name in STORES:
        store, created = Store.objects.get_or_create(
            slug=slugify(store_name), defaults={"name": store_name, "description": f"{store_name}, a 1688 supplier."}
        )
        report.add("stores", int(created))
        existing = set(store.commodities.values_list("title", flat=True))
        new = []
        for i in range(COMMODITIES_PER_STORE):
            category = CATEGORIES[(i + len(store_name)) % len(CATEGORIES)]
            title = f"{ADJECTIVES[i % len(ADJECTIVES)]} {NOUNS[category][i % 4]} #{i + 1:02d}"
            if title in existing:
                continue
            new.append(
                Commodity(
                    store=store,
                    category=categories[category],
                    title=title,
                    description=f"{title} from {store_name}.",
                    minimum_order=10,
                    price=Decimal(rng.randint(100, 99_900)) / 100,
                    sales_count=rng.randint(0, 5000),
                    is_cross_border=i % 10 == 0,
                )
            )
        Commodity.objects.bulk_create(new)
        report.add("commodities", len(new))
    return list(Commodity.objects.order_by("id"))


def _seed_orders(report: SeedReport, rng: random.Random, members: list[Member], commodities: list[Commodity]) -> None:
    now = timezone.now()
    # Ages in days: two completed more than three years ago (past the STO-02
    # retention period), the others recent, in every status.
    plan = [
        (1400, Order.Status.COMPLETED),
        (1200, Order.Status.COMPLETED),
        (400, Order.Status.COMPLETED),
        (60, Order.Status.COMPLETED),
        (5, Order.Status.SHIPPED),
        (1, Order.Status.PAID),
        (0, Order.Status.PLACED),
    ]
    for m_index, member in enumerate(members):
        _, created = Address.objects.get_or_create(
            member=member,
            address=ADDRESSES[m_index % len(ADDRESSES)],
            defaults={"consignee_name": member.nickname or member.member_name, "phone": member.phone or ""},
        )
        report.add("addresses", int(created))
        for o_index, (age_days, status) in enumerate(plan):
            number = f"DEMO{m_index + 1:02d}{o_index + 1:03d}"
            if Order.objects.filter(number=number).exists():
                continue
            created_at = now - timedelta(days=age_days, hours=rng.randint(1, 12))
            picks = rng.sample(commodities, k=rng.randint(1, 3))
            quantities = [rng.randint(1, 20) for _ in picks]
            order = Order.objects.create(
                number=number,
                buyer=member,
                status=status,
                total_amount=sum((c.price * q for c, q in zip(picks, quantities, strict=True)), Decimal("0")),
                consignee_name=member.nickname or member.member_name,
                consignee_phone=member.phone or "",
                delivery_address=ADDRESSES[m_index % len(ADDRESSES)],
                created_at=created_at,
                paid_at=created_at + timedelta(minutes=5) if status != Order.Status.PLACED else None,
                shipped_at=created_at + timedelta(days=1)
                if status in (Order.Status.SHIPPED, Order.Status.COMPLETED)
                else None,
                completed_at=created_at + timedelta(days=4) if status == Order.Status.COMPLETED else None,
            )
            items = OrderItem.objects.bulk_create(
                OrderItem(order=order, commodity=c, title=c.title, unit_price=c.price, quantity=q)
                for c, q in zip(picks, quantities, strict=True)
            )
            report.add("orders")
            report.add("order items", len(items))
            _seed_timeline(order)
            if status == Order.Status.COMPLETED:
                item = items[0]
                Review.objects.create(
                    author=member,
                    commodity=item.commodity,
                    order_item=item,
                    rating=rng.randint(3, 5),
                    text=f"Good quality {item.title.split(' #')[0].lower()}, arrived well packed.",
                    created_at=cast(datetime, order.completed_at) + timedelta(days=1),  # COMPLETED: it is set
                )
                report.add("reviews")


def _seed_timeline(order: Order) -> None:
    """The status steps the order went through, with who reported each (the order page's timeline)."""
    steps = [
        (Order.Status.PLACED, OrderEvent.Source.MEMBER, order.created_at),
        (Order.Status.PAID, OrderEvent.Source.ALIPAY, order.paid_at),
        (Order.Status.SHIPPED, OrderEvent.Source.CAINIAO, order.shipped_at),
        (Order.Status.COMPLETED, OrderEvent.Source.MEMBER, order.completed_at),
    ]
    OrderEvent.objects.bulk_create(
        OrderEvent(order=order, status=status, source=source, occurred_at=at) for status, source, at in steps if at
    )
