"""In Chromium: a copy of my data, account closure (blocked, cooling-off, erasure, receipt), a refused request."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from members.models import Member
from orders.models import Order
from rights.closure import start_due_closures
from rights.erasure import run_erasure
from rights.models import AccountClosure, ErasureRun, RightsRequest
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _export_root(settings, tmp_path):
    settings.RIGHTS_EXPORT_ROOT = tmp_path / "exports"


def sign_in(page, member: Member, base_url: str) -> None:
    """Give the browser a session of the member, as signing in would (staff: with their second factor)."""
    client = Client()
    if member.is_staff:
        sign_in_staff(client, member)
    else:
        client.force_login(member)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def reauthenticate_if_asked(page) -> None:
    if "/accounts/reauthenticate/" in page.url:
        page.get_by_label(re.compile("Password", re.I)).fill(PASSWORD)
        page.get_by_role("button", name=re.compile("Confirm|Re-?authenticate", re.I)).click()


def test_a_member_requests_a_copy_watches_it_build_and_opens_the_zip(page, live_server, celery_worker):
    # clause: RGT-03
    member = Member.objects.create_user("copier", PASSWORD, phone="+8613800138071", nickname="Copier")
    sign_in(page, member, live_server.url)

    page.goto("/me/data/copy/")
    page.get_by_test_id("request-copy").click()
    download_link = page.get_by_test_id("download-copy")
    expect(download_link).to_be_visible(timeout=30_000)
    with page.expect_download() as info:
        download_link.click()

    archive = zipfile.ZipFile(io.BytesIO(open(info.value.path(), "rb").read()))  # noqa: SIM115
    assert "README.txt" in archive.namelist()
    account = json.loads(archive.read("account.json"))
    assert account["records"]["members.Member"][0]["nickname"] == "Copier"
    assert page.console_errors == []


def test_closing_is_blocked_by_an_unfinished_order_then_cools_off_then_erases(page, live_server):
    # clause: RGT-11, RGT-12
    member = Member.objects.create_user("leaver", PASSWORD, phone="+8613800138072", nickname="Leaver")
    order = Order.objects.create(
        number="E2E-1",
        buyer=member,
        status=Order.Status.PAID,
        total_amount=10,
        consignee_name="Lea Ver",
        consignee_phone="+8613800138072",
        delivery_address="1 Wensan Road",
        paid_at=timezone.now(),
    )
    sign_in(page, member, live_server.url)

    page.goto("/me/settings/account/close/")
    reauthenticate_if_asked(page)
    expect(page.locator("[data-blocker]")).to_contain_text("Order E2E-1 is not finished yet.")
    expect(page.get_by_role("button", name="Close my account")).to_have_count(0)

    Order.objects.filter(pk=order.pk).update(status=Order.Status.COMPLETED, completed_at=timezone.now())
    page.reload()
    page.get_by_label(re.compile("I understand")).check()
    page.get_by_role("button", name="Close my account").click()

    expect(page.locator("[data-erasure-starts]")).to_be_visible()
    receipt_url = page.get_by_role("link", name="Erasure receipt").get_attribute("href")
    page.goto("/me/orders/")
    expect(page).to_have_url(re.compile("/me/settings/account/close/$"))

    closure = AccountClosure.objects.get(member=member)
    start_due_closures(now=closure.erasure_starts_at + timedelta(seconds=1))
    run_erasure(ErasureRun.objects.get(member=member).pk)
    page.goto(receipt_url)

    expect(page.get_by_role("heading", name="Erasure receipt")).to_be_visible()
    expect(page.locator('tr[data-record="orders"] [data-kept]')).to_have_text("1")
    expect(page.locator("body")).not_to_contain_text("Lea Ver")
    member.refresh_from_db()
    assert not member.is_active and member.phone is None and member.nickname == ""


def test_staff_refuse_a_request_with_a_reason_code_and_the_member_sees_it(page, live_server, browser):
    # clause: RGT-19
    member = Member.objects.create_user("asker", PASSWORD, phone="+8613800138073")
    officer = Member.objects.create_superuser("officer", "a long officer password", phone="+8613800138074")
    sign_in(page, member, live_server.url)
    page.goto("/me/requests/new/correction/")
    page.get_by_label("Details").fill("My position is wrong")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("[data-status]").first).to_have_text("Submitted")
    request = RightsRequest.objects.get(member=member)

    staff_context = browser.new_context(base_url=live_server.url, locale="en-US")
    staff_page = staff_context.new_page()
    sign_in(staff_page, officer, live_server.url)
    staff_page.goto(f"/admin/rights/rightsrequest/{request.pk}/act/")
    staff_page.get_by_label("Action").select_option("verify")
    staff_page.get_by_label("Verification method").select_option("sms_code")
    staff_page.get_by_role("button", name="Save").click()
    staff_page.goto(f"/admin/rights/rightsrequest/{request.pk}/act/")
    staff_page.get_by_label("Action").select_option("refuse")
    staff_page.get_by_label("Refusal reason").select_option("unrelated")
    staff_page.get_by_label(re.compile("Message, answer")).fill("The position belongs to another account.")
    staff_page.get_by_role("button", name="Save").click()
    staff_context.close()

    page.goto(f"/me/requests/{request.pk}/")
    expect(page.locator("[data-refusal]")).to_have_text("Not related to the requester's identity")
    expect(page.locator("body")).to_contain_text("The position belongs to another account.")
    expect(page.locator("[data-escalation]")).to_be_visible()
