"""Account closure: the account stops working at once and its erasure runs to a receipt (RGT-11, RGT-12)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Member
from orders.models import Order
from rights.closure import close_account, receipt_token
from rights.erasure import run_erasure
from rights.models import ErasureRun
from tests.conftest import wait_until

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
    # clause: RGT-11, STO-02
    html = reauthenticated(client, member).get(reverse("account-closure")).content.decode()

    assert "Orders: kept 3 years as the law requires" in html
    assert "E-Commerce Law" in html


def test_closing_without_confirming_changes_nothing(client, member):
    response = reauthenticated(client, member).post(reverse("account-closure"), {"reason": "too many emails"})

    assert response.status_code == 200
    assert "Tick the box" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active
    assert not ErasureRun.objects.exists()


def test_closing_deactivates_signs_out_and_starts_the_erasure(client, member, django_capture_on_commit_callbacks):
    # clause: RGT-11, RGT-12
    reauthenticated(client, member)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("account-closure"), {"confirm": "on", "reason": "moving abroad"})

    member.refresh_from_db()
    run = ErasureRun.objects.get(member=member)
    assert not member.is_active
    assert run.reason == "Account closed by the member: moving abroad"
    assert len(callbacks) >= 1  # the erasure task is sent after commit
    assert response.url == reverse("erasure-receipt", args=[receipt_token(run)])
    # Signed out: member pages now send the browser to sign in.
    assert client.get(reverse("account-closure")).url.startswith(reverse("account_login"))
    assert not client.login(username=member.member_name, password=PASSWORD)


def test_closing_twice_is_refused(member):
    close_account(member=member)

    with pytest.raises(Exception, match="already closed"):
        close_account(member=member)
    assert ErasureRun.objects.count() == 1


def test_the_receipt_link_shows_progress_then_the_receipt(client, member):
    # clause: RGT-12
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
    assert response.url.startswith("/privacy/erasure/")
    member.refresh_from_db()
    assert not member.is_active
