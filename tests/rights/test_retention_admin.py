"""Admin of the retention engine: run records staff can read, legal holds they set and lift (STO-03, STO-05)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Member
from privacy.registry import years
from rights.erasure import run_erasure, start_erasure
from rights.models import LegalHold
from rights.retention import rule_for, sweep_now
from tests.rights.test_retention import make_order
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db) -> Member:
    return Member.objects.create_superuser("officer", "a long officer password", phone="+8613800138088")


def test_staff_read_retention_runs_with_their_counts(client, officer, member):
    """clause: STO-05 — each run's rule, counts and batches are shown in admin, in a fixed number of queries."""
    make_order(member, completed_ago=years(3) + timedelta(days=1))
    run = sweep_now(rule_for("orders.Order"))
    sign_in_staff(client, officer)
    url = reverse("admin:rights_retentionrun_changelist")
    client.get(url)  # the first request after sign-in records the session (allauth usersessions)
    with CaptureQueriesContext(connection) as one_run:
        client.get(url)
    for _ in range(3):
        sweep_now(rule_for("support.Ticket"))

    with CaptureQueriesContext(connection) as four_runs:
        response = client.get(url)
    # Counted before the next request, which empties the query log the two captures read.
    assert 0 < len(four_runs) == len(one_run) <= 15
    detail = client.get(reverse("admin:rights_retentionrun_change", args=[run.pk]))

    assert response.status_code == 200 and "orders.Order" in response.content.decode()
    assert detail.status_code == 200


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("admin:rights_retentionrun_changelist"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_erasure_page_shows_the_receipt(client, officer, member):
    """clause: RGT-12"""
    make_order(member, completed_ago=years(1))
    run = run_erasure(start_erasure(member=member, reason="account closed").pk)
    sign_in_staff(client, officer)

    response = client.get(reverse("admin:rights_erasurerun_change", args=[run.pk]))

    assert response.status_code == 200
    assert "E-Commerce Law" in response.content.decode()


def test_a_hold_set_in_admin_records_who_set_it_and_can_be_lifted(client, officer, member):
    """clause: STO-03"""
    order = make_order(member, completed_ago=years(4))
    sign_in_staff(client, officer)

    response = client.post(
        reverse("admin:rights_legalhold_add"),
        {"target_label": "orders.Order", "target_id": order.pk, "reason": "Court order 17"},
    )
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert hold.set_by == officer and hold.is_active

    client.post(reverse("admin:rights_legalhold_changelist"), {"action": "lift", "_selected_action": [hold.pk]})
    hold.refresh_from_db()
    assert hold.lifted_by == officer and not hold.is_active


def test_a_hold_without_member_or_record_is_refused_and_writes_nothing(client, officer):
    """clause: STO-03"""
    sign_in_staff(client, officer)

    response = client.post(reverse("admin:rights_legalhold_add"), {"reason": "No target"})

    assert response.status_code == 200
    assert "legal_hold_names_member_or_record" in response.content.decode() or response.context["errors"]
    assert not LegalHold.objects.exists()
