"""The seller centre: a store's staff reach their stores' orders, chats and loyalty members from the dashboard."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from catalog.models import StoreMembership
from interactions import services as chat_services
from members.models import Member
from orders.models import Order, OrderItem
from tests.catalog.factories import CommodityFactory, StoreFactory

pytestmark = pytest.mark.django_db

CENTRE = reverse("orders:seller-centre")
DASHBOARD = reverse("members:dashboard")


@pytest.fixture
def paper(shelf):
    store = StoreFactory(name="Yiwu Paper Co", slug="yiwu-paper")
    return CommodityFactory(store=store, category=shelf["kite"].category, title="Paper lantern", price=Decimal("12"))


@pytest.fixture
def seller(shelf, paper):
    """Works for both stores."""
    staff = Member.objects.create_user("ningbo-staff", "pw-seller-123", phone="+8613700137001")
    StoreMembership.objects.create(store=shelf["drill"].store, member=staff)
    StoreMembership.objects.create(store=paper.store, member=staff)
    return staff


@pytest.fixture
def orders(member, shelf, paper):
    placed = {}
    for number, commodity in (("T-1", shelf["drill"]), ("P-1", paper)):
        placed[number] = Order.objects.create(
            number=number, buyer=member, total_amount=Decimal("10"), consignee_name="Wang Fang"
        )
        OrderItem.objects.create(
            order=placed[number], commodity=commodity, title=commodity.title, unit_price=10, quantity=1
        )
    return placed


def test_store_staff_reach_each_stores_orders_chats_and_members_from_the_dashboard(
    client, member, seller, shelf, paper, orders
):
    chat_services.start_conversation(member=member, store=paper.store, subject="Paper lantern", body="Red ones?")
    chat_services.start_conversation(member=member, store=shelf["drill"].store, subject="Cordless drill", body="Hi")
    client.force_login(seller)

    dashboard = client.get(DASHBOARD).content.decode()
    assert 'data-testid="seller-centre-link"' in dashboard and f'href="{CENTRE}"' in dashboard

    centre = client.get(CENTRE).content.decode()
    assert "Ningbo Tools Direct" in centre and "Yiwu Paper Co" in centre
    orders_link = f"{reverse('orders:seller-list')}?store=yiwu-paper"
    chats_link = f"{reverse('orders:seller-chats')}?store=yiwu-paper"
    members_link = reverse("catalog:seller-programme-members", args=["yiwu-paper"])
    for link in (orders_link, chats_link, members_link):
        assert f'href="{link}"' in centre

    paper_orders = client.get(orders_link).content.decode()
    assert "P-1" in paper_orders and "T-1" not in paper_orders
    paper_chats = client.get(chats_link).content.decode()
    assert "Paper lantern" in paper_chats and "Cordless drill" not in paper_chats
    assert client.get(members_link).status_code == 200
    everything = client.get(reverse("orders:seller-list")).content.decode()
    assert "P-1" in everything and "T-1" in everything


def test_members_who_are_not_store_staff_see_no_seller_centre_and_get_404(client, member, seller, orders):
    client.force_login(member)

    assert "seller-centre-link" not in client.get(DASHBOARD).content.decode()
    assert client.get(CENTRE).status_code == 404
    assert client.get(reverse("orders:seller-list"), {"store": "yiwu-paper"}).status_code == 404


@pytest.mark.parametrize(
    "store", ["\x00", "x" * 5000, "<script>alert(1)</script>", "ningbo-tools%00", "someone-elses-store"]
)
def test_a_hostile_or_foreign_store_parameter_is_a_4xx_showing_nothing(client, seller, orders, store):
    StoreFactory(name="Someone else", slug="someone-elses-store")
    client.force_login(seller)

    for name in ("orders:seller-list", "orders:seller-chats"):
        response = client.get(reverse(name), {"store": store})
        # A NUL byte is refused by the request checks (400) before the view; anything else is not one of theirs.
        assert response.status_code == (400 if "\x00" in store else 404)
        assert "P-1" not in response.content.decode()


def test_the_seller_centre_runs_a_bounded_number_of_queries(client, seller, django_assert_max_num_queries):
    for n in range(5):
        StoreMembership.objects.create(store=StoreFactory(name=f"Store {n}", slug=f"store-{n}"), member=seller)
    client.force_login(seller)
    client.get(CENTRE)

    # The member, then the stores.
    with django_assert_max_num_queries(2):
        page = client.get(CENTRE).content.decode()
    assert page.count("?store=store-") == 10


def test_an_anonymous_visitor_is_sent_to_sign_in():
    assert Client().get(CENTRE).status_code == 302


def test_the_dashboards_seller_centre_entry_follows_the_memberships_at_once(client, member, shelf):
    """The entry is cached per member: joining, leaving and an erasure of the rows show on the next dashboard."""
    from rights.erasure import run_batches

    client.force_login(member)
    assert "seller-centre-link" not in client.get(DASHBOARD).content.decode()  # cached: not staff

    joined = StoreMembership.objects.create(store=shelf["drill"].store, member=member)
    assert "seller-centre-link" in client.get(DASHBOARD).content.decode()

    joined.delete()
    assert "seller-centre-link" not in client.get(DASHBOARD).content.decode()
    assert client.get(CENTRE).status_code == 404

    StoreMembership.objects.create(store=shelf["drill"].store, member=member)
    assert "seller-centre-link" in client.get(DASHBOARD).content.decode()
    # The erasure engine deletes with its own SQL, which fires no model signal.
    assert run_batches(StoreMembership.objects.filter(member=member), rewrite=None) == 1
    assert "seller-centre-link" not in client.get(DASHBOARD).content.decode()
    assert client.get(CENTRE).status_code == 404
