"""The staff queue in admin: due dates, two queues, the workflow page, evidence, and staff changes under a request."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interactions.models import Message
from members.models import Member
from privacy.models import ConsentEvent
from privacy.purposes import Purpose
from rights import requests as services
from rights.models import RequestType, RightsRequest, StaffAction
from tests.rights.test_requests import PDF, file_request
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db) -> Member:
    return Member.objects.create_superuser("officer", "a long officer password", phone="+8613800138088")


@pytest.fixture
def clerk(db) -> Member:
    """Customer service: may work the customer-service queue, nothing more."""
    clerk = Member.objects.create_user("clerk", "a long clerk password", phone="+8613800138089", is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="rights", codename__in=["view_rightsrequest", "change_rightsrequest"]
        )
    )
    return clerk


def act(client, request, **data):
    return client.post(reverse("admin:rights_rightsrequest_act", args=[request.pk]), data)


def test_the_queue_is_sorted_by_due_date_and_highlights_overdue(client, officer, member):
    """RGT-16: admin sorts by due date, overdue requests stand out."""
    now = timezone.now()
    late = file_request(member, now=now - timedelta(days=16))
    soon = file_request(member, type=RequestType.CONSENT, now=now - timedelta(days=13))
    fresh = file_request(member, category="profile")
    sign_in_staff(client, officer)
    url = reverse("admin:rights_rightsrequest_changelist")

    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()

    assert html.index(f">{late.pk}<") < html.index(f">{soon.pk}<") < html.index(f">{fresh.pk}<")
    assert "due-overdue" in html and "due-soon" in html
    assert len(queries) <= 20
    for query in ("?due=overdue", "?type__exact=consent", "?status__exact=submitted", "?due=soon"):
        assert client.get(url + query).status_code == 200
    assert f">{late.pk}<" in client.get(url + "?due=overdue").content.decode()


def test_a_complaint_appears_only_in_the_working_group_queue(client, officer, clerk, member):
    """RGT-15: a complaint sent to the working group appears only in the PIPWG admin queue."""
    complaint = file_request(member, type=RequestType.COMPLAINT, details="Seller saw my phone number")
    children = file_request(member, type=RequestType.CHILDREN, details="My daughter's account")
    sign_in_staff(client, officer)

    customer_service = client.get(reverse("admin:rights_rightsrequest_changelist")).content.decode()
    working_group = client.get(reverse("admin:rights_workinggrouprequest_changelist")).content.decode()

    assert f">{complaint.pk}<" not in customer_service and f">{children.pk}<" not in customer_service
    assert f">{complaint.pk}<" in working_group and f">{children.pk}<" in working_group
    assert client.get(reverse("admin:rights_rightsrequest_change", args=[complaint.pk])).status_code == 302
    sign_in_staff(client, clerk)
    assert client.get(reverse("admin:rights_workinggrouprequest_changelist")).status_code == 403


def test_staff_refuse_with_a_reason_code_and_the_member_sees_it(client, officer, member):
    # clause: RGT-19, RGT-22
    request = file_request(member)
    sign_in_staff(client, officer)

    missing = act(client, request, action="refuse", text="Too much work")
    act(client, request, action="verify", verification_method="sms_code")
    act(client, request, action="refuse", refusal_reason="impractical", text="We cannot reach that archive.")

    assert missing.status_code == 400
    request.refresh_from_db()
    assert request.status == "refused" and request.refusal_reason == "impractical"
    client.force_login(member)
    html = client.get(reverse("rights:request", args=[request.pk])).content.decode()
    assert "Highly impractical" in html and "We cannot reach that archive." in html
    assert services.escalation_paragraph() in Message.objects.get(member=member, title__contains="Refused").body


def test_a_step_that_skips_verification_is_refused_in_admin(client, officer, member):
    request = file_request(member)
    sign_in_staff(client, officer)

    response = act(client, request, action="fulfil", text="Done")

    assert response.status_code == 400
    request.refresh_from_db()
    assert request.status == "submitted"


def test_staff_without_the_permission_cannot_open_evidence(client, officer, clerk, member):
    request = file_request(
        member, requester_type="guardian", requester_name="Wang Fang", proof=SimpleUploadedFile("x.pdf", PDF)
    )
    evidence = request.evidence.get()
    url = reverse("admin:rights_request_evidence", args=[evidence.pk])
    sign_in_staff(client, clerk)

    page = client.get(reverse("admin:rights_rightsrequest_change", args=[request.pk])).content.decode()
    refused = client.get(url)
    sign_in_staff(client, officer)
    allowed = client.get(url)

    assert evidence.file_name not in page
    assert refused.status_code == 403
    assert allowed.status_code == 200 and allowed.content == PDF
    assert allowed["Content-Disposition"] == f'attachment; filename="{evidence.file_name}"'


def test_a_staff_correction_is_audited_with_staff_request_and_fields(client, officer, member):
    """RGT-02: a staff correction creates an audit record that references the request and the fields changed."""
    request = file_request(member, details="My industry is wrong")
    sign_in_staff(client, officer)

    unverified = act(client, request, action="correct", field="industry", value="Tea", text="Member asked")
    act(client, request, action="verify", verification_method="sms_code")
    act(client, request, action="correct", field="industry", value="Tea trade", text="Member's request by phone")

    assert unverified.status_code == 400
    member.refresh_from_db()
    assert member.industry == "Tea trade"
    audit = StaffAction.objects.get()
    assert (audit.request, audit.staff, audit.kind, audit.changed) == (request, officer, "correction", ["industry"])
    assert audit.reason == "Member's request by phone"


def test_a_staff_consent_withdrawal_records_staff_request_and_time(client, officer, member):
    """RGT-09: a consent withdrawal made by staff records the staff user, the request and the time."""
    request = file_request(member, type=RequestType.CONSENT, details="Stop marketing texts")
    sign_in_staff(client, officer)
    act(client, request, action="verify", verification_method="sms_code")

    act(client, request, action="consent", purpose=Purpose.MARKETING_SMS, text="Member cannot reach the setting")

    event = ConsentEvent.objects.get(member=member, purpose=Purpose.MARKETING_SMS)
    assert not event.is_granted and event.channel == "staff"
    assert event.staff_ticket == f"rights-request-{request.pk}"
    audit = StaffAction.objects.get(request=request)
    assert audit.staff == officer and audit.kind == "consent" and audit.occurred_at is not None
    assert RightsRequest.objects.get(pk=request.pk).events.filter(body__contains="withdrawn").exists()


def test_admin_cannot_add_or_delete_requests(client, officer, member):
    request = file_request(member)
    sign_in_staff(client, officer)

    assert client.get(reverse("admin:rights_rightsrequest_add")).status_code == 403
    assert client.post(reverse("admin:rights_rightsrequest_delete", args=[request.pk])).status_code == 403
