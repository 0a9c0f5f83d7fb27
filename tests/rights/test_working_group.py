"""Section V(III)2: the PI protection working group as a staff group, and staff training records (SEC-10)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Member
from rights import requests as services
from rights.models import WORKING_GROUP_STAFF, RequestType, TrainingRecord
from rights.selectors import staff_overdue_training
from tests.rights.test_requests import file_request
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


def staff_in(*groups: str, name: str) -> Member:
    staff = Member.objects.create_user(name, "pw-staff-123", is_staff=True)
    staff.groups.add(*Group.objects.filter(name__in=groups))
    return staff


def test_the_working_group_is_a_staff_group_created_by_migration():
    assert Group.objects.filter(name=WORKING_GROUP_STAFF).exists()


def test_complaints_can_be_assigned_only_to_members_of_the_working_group(member):
    """SEC-10: a complaint to the working group goes to a PIPWG member, never to anyone else."""
    officer = staff_in("privacy_officer", name="officer")
    clerk = staff_in("customer_service", name="clerk")
    pipwg = staff_in(WORKING_GROUP_STAFF, name="wg")
    complaint = file_request(member, type=RequestType.COMPLAINT, details="My data was shared without consent.")

    with pytest.raises(ValidationError):
        services.assign(request=complaint, staff=officer, assignee=clerk)
    with pytest.raises(ValidationError):
        services.assign(request=complaint, staff=officer, assignee=officer)
    complaint.refresh_from_db()
    assert complaint.assignee is None

    assert services.assign(request=complaint, staff=officer, assignee=pipwg).assignee == pipwg


def test_the_admin_assign_action_offers_and_accepts_only_working_group_staff(client, member):
    """SEC-10: the queue's assign form lists only PIPWG staff, and a forged id of anyone else writes nothing."""
    officer = Member.objects.create_superuser("root", "pw-root-1234")
    clerk = staff_in("customer_service", name="clerk")
    pipwg = staff_in(WORKING_GROUP_STAFF, name="wg")
    complaint = file_request(member, type=RequestType.COMPLAINT, details="My data was shared without consent.")
    sign_in_staff(client, officer)
    url = reverse("admin:rights_workinggrouprequest_act", args=[complaint.pk])

    form = client.get(url).content.decode()
    refused = client.post(url, {"action": "assign", "assignee": clerk.pk})
    accepted = client.post(url, {"action": "assign", "assignee": pipwg.pk})

    assert f'value="{pipwg.pk}"' in form and f'value="{clerk.pk}"' not in form
    assert refused.status_code == 400
    assert accepted.status_code == 302
    complaint.refresh_from_db()
    assert complaint.assignee == pipwg


def test_a_correction_still_goes_to_any_staff_member(member):
    clerk = staff_in("customer_service", name="clerk")
    request = file_request(member)

    assert services.assign(request=request, staff=clerk, assignee=clerk).assignee == clerk


def record(staff, *, completed, expires, passed=True, score=90) -> TrainingRecord:
    return TrainingRecord.objects.create(
        staff=staff,
        course="PI protection basics",
        completed_on=completed,
        expires_on=expires,
        exam_passed=passed,
        score=score,
    )


def test_the_overdue_report_lists_staff_never_trained_failed_or_expired():
    current = staff_in(WORKING_GROUP_STAFF, name="current")
    expired = staff_in(WORKING_GROUP_STAFF, name="expired")
    failed = staff_in("customer_service", name="failed")
    never = staff_in("customer_service", name="never")
    Member.objects.create_user("shopper", "pw-member-123")  # not staff: no training needed
    record(current, completed=datetime.date(2026, 1, 10), expires=datetime.date(2027, 1, 10))
    record(expired, completed=datetime.date(2025, 1, 10), expires=datetime.date(2026, 1, 10))
    record(failed, completed=datetime.date(2026, 3, 1), expires=datetime.date(2027, 3, 1), passed=False, score=40)

    overdue = list(staff_overdue_training(today=TODAY))

    assert [s.member_name for s in overdue] == ["expired", "failed", "never"]
    assert overdue[0].in_working_group and overdue[0].valid_until == datetime.date(2026, 1, 10)
    assert never not in [current]


def test_the_privacy_officer_records_training_and_opens_the_overdue_report(client):
    officer = staff_in("privacy_officer", name="officer")
    trainee = staff_in("customer_service", name="trainee")
    sign_in_staff(client, officer)
    changelist = client.get(reverse("admin:rights_trainingrecord_changelist")).content.decode()

    added = client.post(
        reverse("admin:rights_trainingrecord_add"),
        {
            "staff": trainee.pk,
            "course": "PI protection <b>basics</b>",
            "completed_on": "2026-01-10",
            "exam_passed": "on",
            "score": "88",
            "expires_on": "2027-01-10",
            "recorded_at_0": "2026-01-10",
            "recorded_at_1": "10:00:00",
        },
    )
    with CaptureQueriesContext(connection) as queries:
        report = client.get(reverse("admin:rights_trainingrecord_overdue"))

    assert reverse("admin:rights_trainingrecord_overdue") in changelist
    assert added.status_code == 302
    assert TrainingRecord.objects.get().staff == trainee
    assert report.status_code == 200
    assert "officer" in report.content.decode() and ">trainee<" not in report.content.decode()
    assert len(queries) <= 10


@pytest.mark.parametrize(
    "overrides",
    [
        {"expires_on": "2025-01-01"},  # before completion
        {"score": "101"},
        {"score": "-3"},
        {"course": "x\x00y"},
        {"course": "x" * 201},
        {"staff": "999999"},
        {"completed_on": "not a date"},
    ],
)
def test_hostile_or_impossible_training_input_writes_nothing(client, overrides):
    officer = staff_in("privacy_officer", name="officer")
    trainee = staff_in("customer_service", name="trainee")
    sign_in_staff(client, officer)
    data = {
        "staff": trainee.pk,
        "course": "PI protection basics",
        "completed_on": "2026-01-10",
        "score": "88",
        "expires_on": "2027-01-10",
        "recorded_at_0": "2026-01-10",
        "recorded_at_1": "10:00:00",
        **overrides,
    }

    response = client.post(reverse("admin:rights_trainingrecord_add"), data)

    assert response.status_code == 200
    assert not TrainingRecord.objects.exists()


def test_customer_service_cannot_open_training_records_and_csrf_is_required():
    clerk = staff_in("customer_service", name="clerk")
    officer = staff_in("privacy_officer", name="officer")
    client = Client(enforce_csrf_checks=True)
    sign_in_staff(client, clerk)
    assert client.get(reverse("admin:rights_trainingrecord_overdue")).status_code == 403
    sign_in_staff(client, officer)

    response = client.post(reverse("admin:rights_trainingrecord_add"), {"course": "x"})

    assert response.status_code == 403
    assert not TrainingRecord.objects.exists()
