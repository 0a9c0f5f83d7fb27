"""The home page's best sellers and each member's blocked categories, kept per worker and in the cache
(issue 14): every change shows on the very next page, whatever path made it."""

import pytest
from django.test import Client
from django.urls import reverse

from catalog.models import Commodity, RecommendationBlock
from catalog.selectors import LISTING_GENERATION
from members.models import Member
from orders.models import Order
from privacy import generations
from rights.erasure import run_batches
from tests.members.test_session_activity import dead_redis  # noqa: F401 - fixture
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(db):
    staff = Member.objects.create_superuser("editor", "a long enough secret", phone="+8613800138099")
    client = Client()
    sign_in_staff(client, staff)
    return client


def home_titles(client) -> list[str]:
    return [c.title for c in client.get(reverse("home")).context["commodities"]]


def test_a_signed_in_home_page_on_a_warm_worker_loads_only_the_member(client, member, shelf, django_assert_num_queries):
    client.force_login(member)
    client.get(reverse("home"))

    # Session, consent state and blocks from the cache; best sellers and featured posts kept by the worker.
    with django_assert_num_queries(1):
        response = client.get(reverse("home"))
    assert [c.title for c in response.context["commodities"]] == ["Work gloves", "Cordless drill", "Kite"]


def test_a_price_and_title_changed_by_staff_show_on_the_next_home_page(
    client, member, shelf, staff_client, django_capture_on_commit_callbacks
):
    client.force_login(member)
    client.get(reverse("home"))
    drill = shelf["drill"]
    form = {
        "store": drill.store_id,
        "category": drill.category_id,
        "title": "Drill <mk2>",
        "description": drill.description,
        "price": "88.50",
        "sales_count": drill.sales_count,
        "minimum_order": drill.minimum_order,
        "is_listed": "on",
        "created_at_0": drill.created_at.strftime("%Y-%m-%d"),
        "created_at_1": drill.created_at.strftime("%H:%M:%S"),
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:catalog_commodity_change", args=[drill.pk]), form)

    assert response.status_code == 302
    for viewer in (client, Client()):
        page = viewer.get(reverse("home")).content.decode()
        assert "Drill &lt;mk2&gt;" in page and "¥88.50" in page and "<mk2>" not in page


def test_delisted_deleted_renamed_and_new_goods_show_on_the_next_home_page(
    client, member, shelf, django_capture_on_commit_callbacks
):
    client.force_login(member)
    assert home_titles(client) == ["Work gloves", "Cordless drill", "Kite"]

    with django_capture_on_commit_callbacks(execute=True):
        shelf["gloves"].is_listed = False
        shelf["gloves"].save()
    assert home_titles(client) == ["Cordless drill", "Kite"]

    with django_capture_on_commit_callbacks(execute=True):
        shelf["kite"].delete()
        store = shelf["drill"].store
        store.name = "Yiwu Hardware"
        store.save()
    page = client.get(reverse("home")).content.decode()
    assert "Yiwu Hardware" in page and "Ningbo Tools Direct" not in page and ">Kite<" not in page

    with django_capture_on_commit_callbacks(execute=True):
        Commodity.objects.create(
            store=store, category=shelf["drill"].category, title="Angle grinder", price=60, sales_count=2000
        )
    assert home_titles(client)[0] == "Angle grinder"


def test_a_change_from_another_worker_reaches_this_one_through_the_generation(client, member, shelf):
    client.force_login(member)
    client.get(reverse("home"))
    # What another process sees after its commit: the row changed (no signal here) and a new token in Redis.
    Commodity.objects.filter(pk=shelf["drill"].pk).update(title="Hammer drill")
    assert "Cordless drill" in home_titles(client)  # kept: nothing announced the change

    generations.bump(LISTING_GENERATION)

    assert "Hammer drill" in home_titles(client) and "Cordless drill" not in home_titles(client)


def test_blocking_and_unblocking_show_on_the_next_page_of_every_slot(client, member, shelf):
    # clause: BRW-08
    order = Order.objects.create(number="K-1", buyer=member, total_amount=5, consignee_name="A")
    slots = [reverse("catalog:favorites"), reverse("orders:detail", args=[order.number])]
    client.force_login(member)

    def slot_titles() -> list[list[str]]:
        return [[c.title for c in client.get(url).context["recommendations"]] for url in slots]

    assert home_titles(client) == ["Work gloves", "Cordless drill", "Kite"]  # blocks now cached: none
    assert slot_titles() == [["Work gloves", "Cordless drill", "Kite"]] * 2
    toys = shelf["kite"].category

    client.post(reverse("catalog:block-category", args=[toys.pk]), {"next": reverse("home")})
    assert home_titles(client) == ["Work gloves", "Cordless drill"]
    assert slot_titles() == [["Work gloves", "Cordless drill"]] * 2

    block = RecommendationBlock.objects.get(member=member)
    client.post(reverse("catalog:delete-one", args=["blocks", block.pk]))
    assert home_titles(client) == ["Work gloves", "Cordless drill", "Kite"]
    assert slot_titles() == [["Work gloves", "Cordless drill", "Kite"]] * 2


def test_blocks_erased_by_the_erasure_engine_stop_hiding_their_category(client, member, other_member, shelf):
    toys = shelf["kite"].category
    RecommendationBlock.objects.create(member=member, category=toys)
    client.force_login(member)
    assert home_titles(client) == ["Work gloves", "Cordless drill"]

    # The engine deletes with its own SQL, which fires no model signal.
    assert run_batches(RecommendationBlock.objects.filter(member=member), rewrite=None) == 1

    assert home_titles(client) == ["Work gloves", "Cordless drill", "Kite"]


def test_another_members_blocks_never_change_this_members_home_page(client, member, other_member, shelf):
    RecommendationBlock.objects.create(member=other_member, category=shelf["kite"].category)
    other = Client()
    other.force_login(other_member)
    assert home_titles(other) == ["Work gloves", "Cordless drill"]

    client.force_login(member)
    assert home_titles(client) == ["Work gloves", "Cordless drill", "Kite"]


def test_with_redis_down_the_home_page_reads_the_database_every_time(
    client,
    member,
    shelf,
    dead_redis,  # noqa: F811 - fixture
):
    client.force_login(member)
    assert home_titles(client) == ["Work gloves", "Cordless drill", "Kite"]

    Commodity.objects.filter(pk=shelf["drill"].pk).update(title="Hammer drill")  # no token to bump: nothing kept

    assert "Hammer drill" in home_titles(client)
    RecommendationBlock.objects.create(member=member, category=shelf["kite"].category)
    assert home_titles(client) == ["Work gloves", "Hammer drill"]
