"""Member pages read like a product: names and labels, never clause or field codes; layout fixes of issue 13."""

import re

import pytest
from django.urls import reverse

from catalog.models import Commodity
from orders.models import Address, CartItem
from privacy.models import PolicyVersion
from tests.member_pages import member_pages, member_with_data

pytestmark = pytest.mark.django_db

CLAUSE_CODE = re.compile(r"\b[A-Z]{2,5}-\d{2}\b")
RAW_CODES = re.compile(
    r"\b(alipay|mybank|cainiao|weixin|order_number|payer_account|consignee_phone|delivery_address)\b"
)


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


@pytest.fixture
def signed_in(client):
    member, number = member_with_data()
    client.force_login(member)
    return client, member, number


def test_no_member_page_shows_a_clause_code_or_a_raw_code(signed_in):
    client, _member, number = signed_in

    for url in member_pages(number):
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        assert not CLAUSE_CODE.search(text), (url, CLAUSE_CODE.search(text).group())
        assert not RAW_CODES.search(text), (url, RAW_CODES.search(text).group())


def test_the_order_page_names_the_partner_and_the_fields_it_received(signed_in):
    client, _member, number = signed_in

    text = visible_text(client.get(reverse("orders:detail", args=[number])).content.decode())

    assert "Paid through Alipay" in text
    assert "Order number, " in text or "Order number" in text


def test_the_privacy_centre_starts_with_a_summary_and_jump_links(signed_in):
    client, _member, _number = signed_in

    html = client.get(reverse("centre:privacy")).content.decode()

    summary = html.split('data-testid="centre-summary"', 1)[1].split("</section>", 1)[0]
    assert "1 choice on" in summary
    assert "Personalised recommendations" in summary or "recommendations" in summary.lower()
    assert 'data-testid="last-change"' in summary and "Never changed" not in summary
    assert html.index('data-testid="centre-summary"') < html.index('class="jump-links"') < html.index("<section id=")


def test_the_dashboard_leads_to_closing_the_account_and_a_copy_of_the_data(signed_in):
    client, _member, _number = signed_in

    html = client.get(reverse("members:dashboard")).content.decode()

    assert f'href="{reverse("account-closure")}"' in html
    assert "Get a copy of my data" in html


def test_the_policy_page_prints_title_version_and_date_once(client):
    version = PolicyVersion.objects.current()

    text = visible_text(client.get(reverse("privacy:policy")).content.decode())

    assert text.count("1688 Platform Privacy Policy") == 1
    assert text.lower().count("effective as of") == 1
    assert f"Version {version.label}" in text


def test_a_new_address_saved_from_checkout_is_preselected(signed_in):
    client, member, _number = signed_in

    response = client.post(
        reverse("orders:address-create") + "?next=checkout",
        {"consignee_name": "Bo Chen", "phone": "+8613900139000", "address": "1 Xixi Road, Hangzhou"},
        follow=True,
    )

    new = Address.objects.get(member=member, consignee_name="Bo Chen")
    assert re.search(rf'<option value="{new.pk}"[^>]*selected', response.content.decode())


def test_the_profile_page_does_not_show_the_avatars_storage_path(signed_in, settings, tmp_path):
    client, member, _number = signed_in
    settings.MEDIA_ROOT = tmp_path
    type(member).objects.filter(pk=member.pk).update(avatar="avatars/secret-name-123.png")

    html = client.get(reverse("members:profile")).content.decode()

    assert "secret-name-123" not in visible_text(html)
    assert "your current avatar" in html


def test_home_says_popular_only_when_the_list_is_not_personalised(client, signed_in):
    signed, _member, _number = signed_in

    assert "Recommended for you" in signed.get(reverse("home")).content.decode()
    signed.logout()
    assert "Popular now" in signed.get(reverse("home")).content.decode()


def test_the_minimum_order_is_enforced_at_add_to_cart_and_checkout(signed_in):
    client, member, _number = signed_in
    bulk = Commodity.objects.create(
        store=Commodity.objects.first().store,
        category=Commodity.objects.first().category,
        title="Bulk gloves",
        price=5,
        minimum_order=10,
    )

    client.post(reverse("orders:cart-add", args=[bulk.pk]), {"quantity": 3})
    assert not CartItem.objects.filter(member=member, commodity=bulk).exists()

    CartItem.objects.create(member=member, commodity=bulk, quantity=3, price_snapshot=bulk.price)
    response = client.post(
        reverse("orders:checkout"),
        {"consignee_name": "Alice Wang", "consignee_phone": "+8613800138001", "delivery_address": "12 Wensan Road"},
    )

    assert response.status_code == 200
    assert "sells from 10 pieces" in response.content.decode()
    assert member.orders.count() == 1
