"""Account closure: blockers, a cooling-off window, then the erasure runs to a receipt (RGT-11, RGT-12)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from catalog.models import BrowsingHistory, SearchHistory
from interactions.models import Message
from members.models import Member
from orders.models import Order
from rights.closure import (
    close_account,
    closure_blockers,
    closure_preview,
    receipt_token,
    request_closure,
    start_due_closures,
)
from rights.erasure import place_hold, run_erasure
from rights.models import AccountClosure, ErasureRun
from support.models import Ticket
from tests.conftest import wait_until
from tests.rights.rows import row_in_every_registered_model
from tests.rights.test_retention import make_order

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def reauthenticated(client, member):
    client.force_login(member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return client


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("account-closure"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_closing_needs_recent_reauthentication(client, member):
    client.force_login(member)

    response = client.get(reverse("account-closure"))

    assert response.url.startswith(reverse("account_reauthenticate"))


def test_the_page_says_what_is_kept_and_why(client, member):
    make_order(member, completed_ago=timedelta(days=30))

    html = reauthenticated(client, member).get(reverse("account-closure")).content.decode()

    assert "Kept 3 years as the law requires" in html
    assert "E-Commerce Law" in html


def test_closing_without_confirming_changes_nothing(client, member):
    response = reauthenticated(client, member).post(reverse("account-closure"), {"reason": "too_many_messages"})

    assert response.status_code == 200
    assert "Tick the box" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active
    assert not ErasureRun.objects.exists()
    assert not AccountClosure.objects.exists()


def test_an_unknown_reason_is_a_field_error_and_writes_nothing(client, member):
    response = reauthenticated(client, member).post(reverse("account-closure"), {"confirm": "on", "reason": "<x>"})

    assert response.status_code == 200
    assert not AccountClosure.objects.exists()


def test_confirming_locks_the_account_for_the_cooling_off_window(client, member, settings):
    # clause: RGT-11
    settings.RIGHTS_CLOSURE_COOLING_OFF_DAYS = 15
    reauthenticated(client, member)

    response = client.post(reverse("account-closure"), {"confirm": "on", "reason": "privacy"})

    closure = AccountClosure.objects.get(member=member)
    assert response.url == reverse("account-closure")
    assert closure.status == AccountClosure.Status.COOLING_OFF
    assert closure.erasure_starts_at - closure.requested_at == timedelta(days=15)
    member.refresh_from_db()
    assert member.is_active and not ErasureRun.objects.exists()
    page = client.get(reverse("account-closure")).content.decode()
    assert timezone.localtime(closure.erasure_starts_at).strftime("%Y-%m-%d") in page
    # Locked: every page but the closure page and the copy of my data leads back to the closure page.
    assert client.get(reverse("orders:list")).url == reverse("account-closure")
    assert client.get(reverse("rights:copy")).status_code == 200
    assert Message.objects.filter(member=member, title="Your account will be closed").exists()


def test_the_member_can_cancel_during_the_cooling_off_window(client, member):
    reauthenticated(client, member)
    client.post(reverse("account-closure"), {"confirm": "on"})

    client.post(reverse("account-closure"), {"action": "cancel"})

    closure = AccountClosure.objects.get(member=member)
    assert closure.status == AccountClosure.Status.CANCELLED
    assert client.get(reverse("orders:list")).status_code == 200
    assert start_due_closures(now=timezone.now() + timedelta(days=30)) == []


def test_signing_in_during_the_window_finds_the_account_locked(client, member):
    request_closure(member=member)

    client.login(username=member.member_name, password=PASSWORD)

    assert client.get(reverse("orders:list")).url == reverse("account-closure")


def test_the_beat_job_starts_the_erasure_when_the_window_ends(client, member, django_capture_on_commit_callbacks):
    # clause: RGT-11, RGT-12
    closure = request_closure(member=member, reason="privacy")
    assert start_due_closures(now=closure.erasure_starts_at - timedelta(minutes=1)) == []

    with django_capture_on_commit_callbacks(execute=True):
        started = start_due_closures(now=closure.erasure_starts_at)

    closure.refresh_from_db()
    member.refresh_from_db()
    assert started == [closure.run_id] and closure.status == AccountClosure.Status.STARTED
    assert not member.is_active
    assert closure.run.reason == "Account closed by the member: Worried about my privacy"
    assert not client.login(username=member.member_name, password=PASSWORD)
    # Run twice (a second beat worker): nothing more starts.
    assert start_due_closures(now=closure.erasure_starts_at) == []


def test_an_unfinished_order_blocks_the_closure(client, member):
    order = make_order(member, completed_ago=None)  # paid, never shipped
    reauthenticated(client, member)

    html = client.get(reverse("account-closure")).content.decode()
    response = client.post(reverse("account-closure"), {"confirm": "on"})

    assert f"Order {order.number} is not finished yet." in html
    assert response.status_code == 200
    assert not AccountClosure.objects.exists()
    order.refresh_from_db()
    assert order.consignee_name == "Zhang Wei"
    with pytest.raises(ValidationError):
        request_closure(member=member)


def test_unpaid_orders_open_cases_and_legal_holds_block_the_closure(member, other_member):
    Order.objects.create(
        number="U1", buyer=member, total_amount=3, consignee_name="A", consignee_phone="1", delivery_address="x"
    )
    Ticket.objects.create(member=member, subject="Broken lid", description="...")
    place_hold(by=other_member, reason="court order 12", member=member)

    titles = [b.title for b in closure_blockers(member)]

    assert titles[0] == "Order U1 has an unpaid balance."
    assert any("Broken lid" in title for title in titles)
    assert any("legal hold" in title for title in titles)


def test_history_without_a_legal_minimum_is_deleted_at_closure_not_kept(member):
    """A retention ceiling keeps nothing after closure."""
    rows = row_in_every_registered_model(member)
    run = close_account(member=member)

    run_erasure(run.pk)

    run.refresh_from_db()
    items = {item["record"]: item for item in run.receipt["items"]}
    assert not BrowsingHistory.objects.filter(pk=rows["catalog.BrowsingHistory"].pk).exists()
    assert not SearchHistory.objects.filter(member=member).exists()
    for name in ("browsing history", "search history", "operation history"):
        matching = [item for record, item in items.items() if name in record.lower()]
        assert matching and all(item["kept"] == 0 for item in matching)
    assert items["orders"]["kept"] == 1 and "E-Commerce Law" in items["orders"]["why_kept"]


def test_the_closure_page_and_the_receipt_list_the_same_records(client, member):
    """Both come from the registry, so for a member with data everywhere they agree."""
    row_in_every_registered_model(member)
    reauthenticated(client, member)
    page = client.get(reverse("account-closure")).content.decode()
    preview = closure_preview(member)

    run = run_erasure(close_account(member=member).pk)

    receipt = {i["record"]: (i["deleted"], i["anonymized"], i["kept"]) for i in run.receipt["items"]}
    assert {i["record"]: (i["deleted"], i["anonymized"], i["kept"]) for i in preview} == receipt
    assert "payments" in receipt
    assert not any("(development)" in record for record in receipt)
    for record in receipt:
        assert f'data-record="{record}"' in page


def test_closing_twice_is_refused(member):
    close_account(member=member)

    with pytest.raises(Exception, match="already closed"):
        close_account(member=member)
    assert ErasureRun.objects.count() == 1


def test_the_receipt_link_shows_progress_then_the_receipt(client, member):
    Order.objects.create(
        number="R1",
        buyer=member,
        total_amount=5,
        consignee_name="Alice Wang",
        consignee_phone="+8613800138001",
        delivery_address="1 Wensan Road",
        status=Order.Status.COMPLETED,
        completed_at=timezone.now(),
    )
    run = close_account(member=member)
    url = reverse("erasure-receipt", args=[receipt_token(run)])

    assert "in progress" in client.get(url).content.decode()

    run_erasure(run.pk)
    html = client.get(url).content.decode()

    assert "Erasure receipt" in html
    assert "orders" in html.lower()
    assert "Alice" not in html
    assert Member.objects.get(pk=member.pk).phone is None


def test_a_forged_receipt_link_is_404(client):
    assert client.get(reverse("erasure-receipt", args=["not-a-token"])).status_code == 404


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_finishes_the_erasure_after_closure(celery_worker):
    member = Member.objects.create_user("leaver", PASSWORD, phone="+8613800138009", nickname="Leaver")

    run = close_account(member=member)

    finished = wait_until(lambda: ErasureRun.objects.filter(pk=run.pk, status="finished").exists(), timeout=30)
    assert finished
    member.refresh_from_db()
    assert (member.phone, member.nickname) == (None, "")
    assert member.member_name != "leaver"


def test_a_member_blocked_by_a_new_material_policy_can_still_close_the_account(client, member, material_version):
    # clause: POL-12 ("until they accept or close the account"), RGT-11
    client.force_login(member)
    assert client.get(reverse("orders:list")).url.startswith("/privacy/policy/accept/")

    reauthenticated(client, member)
    response = client.post(reverse("account-closure"), {"confirm": "on"})

    assert response.status_code == 302
    assert AccountClosure.objects.filter(member=member, status="cooling_off").exists()
