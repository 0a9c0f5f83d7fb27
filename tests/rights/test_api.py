"""/api/v1/rights/: file and follow requests, with Data Rights Protocol 1.0 statuses."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Member
from rights import requests as services
from rights.api import DRP_STATUS, DRP_STATUSES
from rights.models import RequestEvidence, RequestStatus, RightsRequest
from tests.rights.test_requests import PDF, file_request, in_progress

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db) -> Member:
    return Member.objects.create_user("officer", "a long staff password", phone="+8613800138019", is_staff=True)


def test_a_member_files_and_follows_a_request(client, member, staff):
    client.force_login(member)

    created = client.post(
        reverse("rights-api:requests"),
        {"type": "deletion", "deletion_ground": "purpose_ended", "details": "My search history"},
        content_type="application/json",
    )
    pk = created.json()["id"]
    in_progress(RightsRequest.objects.get(pk=pk), staff)
    services.ask_member(request=RightsRequest.objects.get(pk=pk), staff=staff, message="Which searches?")
    replied = client.post(
        reverse("rights-api:request-messages", args=[pk]), {"message": "All of them"}, content_type="application/json"
    )
    detail = client.get(reverse("rights-api:request", args=[pk])).json()
    listing = client.get(reverse("rights-api:requests")).json()

    assert created.status_code == 201 and created.json()["status"] == "needs_user_verification"
    assert replied.status_code == 201 and replied.json()["detail"] == "in_progress"
    assert detail["status"] == "in_progress"
    assert detail["timeline"][-1]["body"] == "All of them"
    assert [r["id"] for r in listing] == [pk]


def test_an_agent_files_with_a_proof_document(client, member):
    client.force_login(member)

    without = client.post(
        reverse("rights-api:requests"),
        {"type": "correction", "details": "x", "requester_type": "agent", "requester_name": "Li Lei"},
    )
    with_proof = client.post(
        reverse("rights-api:requests"),
        {
            "type": "correction",
            "details": "x",
            "requester_type": "agent",
            "requester_name": "Li Lei",
            "proof": SimpleUploadedFile("authority.pdf", PDF, "application/pdf"),
            "proof_consent": True,
        },
    )

    assert without.status_code == 400 and "proof" in without.json()
    assert with_proof.status_code == 201
    assert RequestEvidence.objects.filter(request_id=with_proof.json()["id"]).exists()


def test_a_proof_just_under_the_evidence_limit_is_accepted(client, member, settings):
    client.force_login(member)
    proof = PDF + b"0" * (settings.RIGHTS_EVIDENCE_MAX_BYTES - len(PDF) - 16)

    response = client.post(
        reverse("rights-api:requests"),
        {
            "type": "correction",
            "details": "x",
            "requester_type": "agent",
            "requester_name": "Li Lei",
            "proof": SimpleUploadedFile("authority.pdf", proof, "application/pdf"),
            "proof_consent": True,
        },
    )

    assert response.status_code == 201
    assert RequestEvidence.objects.get().size == len(proof)


def test_bad_input_is_a_400_and_writes_nothing(client, member):
    client.force_login(member)

    for body in (
        {"type": "deletion"},
        {"type": "copy"},
        {"type": "nonsense"},
        {"type": "complaint"},
        {"type": "correction", "details": "x", "category": "<script>"},
    ):
        response = client.post(reverse("rights-api:requests"), body, content_type="application/json")
        assert response.status_code == 400, body
    assert not RightsRequest.objects.exists()


def test_another_members_request_is_404_and_a_visitor_is_refused(client, member, other_member):
    request = file_request(member)
    client.force_login(other_member)

    assert client.get(reverse("rights-api:request", args=[request.pk])).status_code == 404
    assert client.post(reverse("rights-api:request-revoke", args=[request.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("rights-api:requests")).status_code in (401, 403)


def test_revoking_maps_to_the_drp_revoked_status(client, member):
    request = file_request(member)
    client.force_login(member)

    response = client.post(reverse("rights-api:request-revoke", args=[request.pk]))
    again = client.post(reverse("rights-api:request-revoke", args=[request.pk]))

    assert response.json()["status"] == "revoked" and response.json()["detail"] == "withdrawn"
    assert again.status_code == 400


def test_every_status_maps_onto_a_drp_status_and_every_drp_status_is_used():
    assert set(DRP_STATUS) == set(RequestStatus.values)
    assert set(DRP_STATUS.values()) == set(DRP_STATUSES)


def test_the_endpoints_are_in_the_openapi_schema(client):
    schema = client.get(reverse("api-schema")).content.decode()

    for path in ("/api/v1/rights/requests/", "/api/v1/rights/requests/{id}/", "/api/v1/rights/requests/{id}/revoke/"):
        assert path in schema
