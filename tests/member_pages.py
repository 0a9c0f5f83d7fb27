"""Every page a signed-in member opens, and a member with data on each (for crawls and screenshots)."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from catalog.models import Commodity, CommodityCategory, Store
from members.models import Member
from orders import services as orders
from orders.models import Address, CartItem, Order, OrderEvent, OrderItem
from privacy import consent
from privacy.consent import RequestContext
from privacy.purposes import Purpose

PASSWORD = "a long enough secret"


def member_pages(order_number: str) -> list[str]:
    return [
        reverse("home"),
        reverse("members:dashboard"),
        reverse("members:profile"),
        reverse("members:real-name"),
        reverse("members:public-profile", args=["alice"]),
        reverse("centre:privacy"),
        reverse("interactions:alerts"),
        reverse("privacy:cookies"),
        reverse("privacy:policy"),
        reverse("privacy:collected-information"),
        reverse("catalog:search"),
        reverse("catalog:favorites"),
        reverse("catalog:following"),
        reverse("catalog:history"),
        reverse("orders:cart"),
        reverse("orders:checkout"),
        reverse("orders:addresses"),
        reverse("orders:address-create"),
        reverse("orders:list"),
        reverse("orders:detail", args=[order_number]),
        reverse("orders:my-alipay"),
        reverse("interactions:messages"),
        reverse("orders:chats"),
        reverse("live:index"),
        reverse("live:ranking"),
        reverse("publishing:growth-center"),
        reverse("publishing:post-create"),
        reverse("members:password-recovery"),
        reverse("support:list"),
        reverse("support:new"),
        reverse("support:new") + f"?order={order_number}",
        reverse("support:assistant"),
        reverse("interactions:friends"),
        reverse("interactions:friend-redeem"),
        reverse("interactions:events"),
        reverse("interactions:my-events"),
        reverse("interactions:share-code"),
        reverse("catalog:store-memberships"),
        reverse("members:become-seller"),
        reverse("privacy:partners"),
        reverse("privacy:overseas-recipients"),
    ]


def member_with_data() -> tuple[Member, str]:
    """Alice with a paid order shared with Alipay, a cart, an address and a few consents."""
    member = Member.objects.create_user(
        "alice", PASSWORD, phone="+8613800138001", nickname="Alice W.", phone_verified_at=timezone.now()
    )
    store = Store.objects.create(name="Ningbo Tools Direct", slug="ningbo-tools")
    category = CommodityCategory.objects.create(name="Tools", slug="tools")
    drill = Commodity.objects.create(
        store=store, category=category, title="Cordless drill", price=Decimal("199.00"), minimum_order=1
    )
    CartItem.objects.create(member=member, commodity=drill, quantity=2, price_snapshot=drill.price)
    Address.objects.create(
        member=member, consignee_name="Alice Wang", phone="+8613800138001", address="12 Wensan Road, Hangzhou"
    )
    order = Order.objects.create(
        number="20260101000001",
        buyer=member,
        total_amount=Decimal("199.00"),
        consignee_name="Alice Wang",
        consignee_phone="+8613800138001",
        delivery_address="12 Wensan Road, Hangzhou",
    )
    OrderItem.objects.create(order=order, commodity=drill, title="Cordless drill", unit_price=199, quantity=1)
    OrderEvent.objects.create(order=order, status="placed", source="member")
    orders.pay_order(member=member, order=order, partner_code="alipay")
    context = RequestContext(channel="web", ip_address="127.0.0.1", user_agent="test")
    consent.grant(member, Purpose.PERSONALISED_RECOMMENDATIONS, context=context)
    return member, order.number
