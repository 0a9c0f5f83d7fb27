"""Personal data of closed requests expires three years after closing; the outcome stays (section IV(VII), V(I))."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from members.models import Member
from privacy.registry import years
from rights import requests as services
from rights.models import RequestEvidence, RightsRequest
from rights.retention import rule_for, sweep_now
from tests.rights.test_requests import PDF, file_request, in_progress

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db) -> Member:
    return Member.objects.create_user("officer", "a long staff password", phone="+8613800138019", is_staff=True)


def test_texts_and_evidence_of_a_request_closed_three_years_ago_are_erased_but_the_outcome_stays(member, staff):
    request = file_request(
        member, requester_type="guardian", requester_name="Wang Fang", proof=SimpleUploadedFile("p.pdf", PDF)
    )
    request = services.verify_identity(request=request, staff=staff, method="agent_proof")
    request = services.start_processing(request=request, staff=staff)
    request = services.fulfil(request=request, staff=staff, answer="Corrected.")
    recent = services.fulfil(
        request=in_progress(file_request(member, type="consent", details="Recent"), staff), staff=staff, answer="Ok"
    )
    RightsRequest.objects.filter(pk=request.pk).update(closed_at=timezone.now() - years(3) - timedelta(days=1))

    for label in ("rights.RequestEvidence", "rights.RequestEvent", "rights.RightsRequest"):
        sweep_now(rule_for(label))

    request.refresh_from_db()
    recent.refresh_from_db()
    assert (request.details, request.requester_name, request.member_id) == ("", "", None)
    assert request.status == "fulfilled" and request.answer.startswith("Corrected.")
    assert not RequestEvidence.objects.filter(request=request).exists()
    assert set(request.events.values_list("body", flat=True)) == {""}
    assert recent.details == "Recent" and recent.member_id == member.pk


def test_the_policy_page_links_to_a_contact_page_listing_the_channels(client):
    """RGT-20: the policy page links to a contact page that lists the customer-service and online-service channels."""
    policy = client.get(reverse("privacy:policy")).content.decode()
    assert f'href="{reverse("contact")}"' in policy

    contact = client.get(reverse("contact")).content.decode()

    assert "1688 customer service" in contact and "online customer service" in contact
    assert reverse("rights:request-new", args=["complaint"]) in contact
