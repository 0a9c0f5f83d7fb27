"""The seller's order view: only items, consignee delivery fields and remarks, legal basis contract (TRX-15)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from catalog.models import BrowsingHistory, StoreMembership
from members.models import Member
from orders import customs
from orders.models import Order, OrderItem
from privacy.models import LegalBasis, SharingRecord
from privacy.registry import Erasure, registry
from tests.catalog.factories import CommodityFactory, StoreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller(shelf):
    staff = Member.objects.create_user("ningbo-staff", "pw-seller-123", phone="+8613700137001")
    StoreMembership.objects.create(store=shelf["drill"].store, member=staff)
    return staff


@pytest.fixture
def other_store_item(shelf):
    return CommodityFactory(
        store=StoreFactory(name="Yiwu Paper Co", slug="yiwu-paper"),
        category=shelf["kite"].category,
        title="Paper lantern",
        price=Decimal("12.00"),
    )


@pytest.fixture
def order(member, shelf, other_store_item):
    """Alice's order: a drill from the seller's store and a lantern from another store."""
    member_order = Order.objects.create(
        number="S1",
        buyer=member,
        total_amount=Decimal("211.00"),
        consignee_name="Wang Fang",
        consignee_phone="+8613900139000",
        delivery_address="18 Binjiang Avenue, Shenzhen",
        remarks="Leave it with the concierge",
        invoice_title="Alice Trading Ltd",
        taxpayer_id="91330100MA27XYZ12A",
        invoice_email="alice.private@example.com",
        customs_id_name="Alice Wang",
        customs_id_number_encrypted=customs.seal("330106199001011234"),
    )
    OrderItem.objects.create(
        order=member_order, commodity=shelf["drill"], title="Cordless drill", unit_price=199, quantity=1
    )
    OrderItem.objects.create(
        order=member_order, commodity=other_store_item, title="Paper lantern", unit_price=12, quantity=1
    )
    BrowsingHistory.objects.create(member=member, commodity=shelf["kite"])
    return member_order


def test_the_seller_sees_items_delivery_fields_and_remarks_only(client, seller, order, member):
    # clause: TRX-15
    client.force_login(seller)

    page = client.get(reverse("orders:seller-detail", args=["S1"])).content.decode()

    for shown in ("Cordless drill", "Wang Fang", "+8613900139000", "18 Binjiang Avenue, Shenzhen", "Leave it with"):
        assert shown in page
    for hidden in (
        "Paper lantern",  # another store's goods
        "alice.private@example.com",
        "Alice Trading Ltd",
        "91330100MA27XYZ12A",
        "330106199001011234",
        "Alice Wang",  # the name on the customs ID
        member.member_name,
        member.phone,  # the buyer's own phone, outside delivery
        "Kite",  # browsing history
    ):
        assert hidden not in page


def test_opening_the_order_records_sharing_with_the_seller_on_contract_once(client, seller, order, member):
    # clause: TRX-15
    client.force_login(seller)
    client.get(reverse("orders:seller-detail", args=["S1"]))
    client.get(reverse("orders:seller-detail", args=["S1"]))

    record = SharingRecord.objects.get()
    assert (record.member, record.partner.code, record.reference) == (member, "sellers", "S1")
    assert record.legal_basis == LegalBasis.CONTRACT
    assert "Ningbo Tools Direct" in record.purpose
    assert "consignee_name" in record.fields and "invoice_email" not in record.fields
    client.force_login(member)
    assert "Sellers on the platform" in client.get(reverse("orders:detail", args=["S1"])).content.decode()


def test_the_list_shows_only_orders_with_the_stores_goods(client, seller, order, member, other_store_item):
    # clause: TRX-15
    elsewhere = Order.objects.create(
        number="S2",
        buyer=member,
        total_amount=12,
        consignee_name="X",
        consignee_phone="+8613900139001",
        delivery_address="Y",
    )
    OrderItem.objects.create(
        order=elsewhere, commodity=other_store_item, title="Paper lantern", unit_price=12, quantity=1
    )
    client.force_login(seller)

    response = client.get(reverse("orders:seller-list"))

    assert [o.number for o in response.context["page"]] == ["S1"]
    page = response.content.decode()
    assert "Cordless drill" in page and "Paper lantern" not in page
    assert client.get(reverse("orders:seller-detail", args=["S2"])).status_code == 404
    assert not SharingRecord.objects.exists()


def test_another_stores_seller_gets_404(client, order, other_store_item):
    # clause: TRX-15
    lantern_seller = Member.objects.create_user("yiwu-staff", "pw-seller-456", phone="+8613700137002")
    StoreMembership.objects.create(store=other_store_item.store, member=lantern_seller)
    # S1 holds a lantern too; S3 holds only the other store's drill.
    only_drill = Order.objects.create(
        number="S3",
        buyer=order.buyer,
        total_amount=199,
        consignee_name="Z",
        consignee_phone="+8613900139002",
        delivery_address="W",
    )
    OrderItem.objects.create(
        order=only_drill,
        commodity=order.items.get(title="Cordless drill").commodity,
        title="Cordless drill",
        unit_price=199,
        quantity=1,
    )
    client.force_login(lantern_seller)

    assert client.get(reverse("orders:seller-detail", args=["S3"])).status_code == 404
    assert [o.number for o in client.get(reverse("orders:seller-list")).context["page"]] == ["S1"]
    shared = client.get(reverse("orders:seller-detail", args=["S1"])).content.decode()
    assert "Paper lantern" in shared and "Cordless drill" not in shared


def test_a_member_who_is_no_seller_gets_404_and_a_visitor_is_sent_to_sign_in(client, member, other_member, order):
    # clause: TRX-15
    client.force_login(other_member)
    assert client.get(reverse("orders:seller-list")).status_code == 404
    assert client.get(reverse("orders:seller-detail", args=["S1"])).status_code == 404
    client.force_login(member)  # the buyer is no seller either
    assert client.get(reverse("orders:seller-detail", args=["S1"])).status_code == 404
    client.logout()
    for url in (reverse("orders:seller-list"), reverse("orders:seller-detail", args=["S1"])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not SharingRecord.objects.exists()


def test_the_seller_list_needs_a_bounded_number_of_queries(
    client, seller, member, shelf, django_assert_max_num_queries
):
    # clause: TRX-15
    for n in range(15):
        o = Order.objects.create(
            number=f"L{n}",
            buyer=member,
            total_amount=5,
            consignee_name="A",
            consignee_phone="+8613900139000",
            delivery_address="B",
        )
        OrderItem.objects.create(order=o, commodity=shelf["gloves"], title="Work gloves", unit_price=5, quantity=1)
    client.force_login(seller)
    client.get(reverse("orders:seller-list"))

    # The member (the session comes from the cache), the store check, count, page and items.
    with django_assert_max_num_queries(5):
        response = client.get(reverse("orders:seller-list"))
    assert len(response.context["page"]) == 15


def test_the_store_staff_relation_is_registered_and_deleted_on_erasure():
    # clause: TRX-15
    assert registry.get(StoreMembership).row.erase == Erasure.DELETE_ROW


def test_the_seller_order_page_needs_a_bounded_number_of_queries(client, seller, order, django_assert_max_num_queries):
    # clause: TRX-15
    client.force_login(seller)
    client.get(reverse("orders:seller-detail", args=["S1"]))

    # The member (the session comes from the cache), then order, own items and the one sharing-record
    # check in its savepoint.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("orders:seller-detail", args=["S1"]))
    assert response.status_code == 200


def test_the_demo_seller_sees_their_stores_orders(client, capsys, settings):
    # clause: TRX-15
    from django.core.management import call_command

    settings.DEBUG = True  # seed_demo runs only in development

    call_command("seed_demo")
    client.force_login(Member.objects.get(member_name="seller"))

    page = client.get(reverse("orders:seller-list")).context["page"]

    assert len(page) > 0
    assert all(item.commodity.store.slug == "ningbo-tools-direct" for o in page for item in o.own_items)
