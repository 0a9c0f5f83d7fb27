"""Consent asked at the point of use: a gated feature shows a prompt and stores nothing until it is granted."""

import pytest
from django.urls import reverse

from privacy import consent
from privacy.models import ConsentEvent
from privacy.purposes import Purpose
from tests.privacy import gated_urls

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.privacy.gated_urls")]


@pytest.fixture(autouse=True)
def _empty_store():
    gated_urls.STORED.clear()


def test_a_gated_view_without_consent_shows_the_prompt_and_stores_nothing(client, member):
    # clause: POL-03, PERM-02
    client.force_login(member)

    response = client.post("/gated/post/", {"location": "Hangzhou"}, HTTP_REFERER="/gated/post/")

    assert response.status_code == 403
    html = response.content.decode()
    assert 'data-testid="consent-prompt"' in html and 'data-purpose="permission_location"' in html
    assert "Attach your location to a post." in html
    assert gated_urls.STORED == []
    assert not ConsentEvent.objects.exists()


def test_granting_from_the_prompt_records_consent_and_returns_to_the_feature(client, member):
    # clause: POL-03
    client.force_login(member)

    response = client.post(
        reverse("privacy:grant-consent"), {"purpose": "permission_camera", "next": "/gated/image-search/"}
    )

    assert response["Location"] == "/gated/image-search/"
    assert consent.has_consent(member, Purpose.PERMISSION_CAMERA)
    assert client.get("/gated/image-search/").content == b"searching"


def test_the_prompt_refuses_unknown_purposes_and_foreign_redirects(client, member):
    client.force_login(member)

    bad = client.post(reverse("privacy:grant-consent"), {"purpose": "mind_reading", "next": "/"})
    assert bad.status_code == 400
    assert "Unknown purpose" in bad.content.decode()
    assert not ConsentEvent.objects.exists()

    response = client.post(
        reverse("privacy:grant-consent"), {"purpose": "permission_camera", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_a_visitor_is_sent_to_sign_in(client):
    for url in ["/gated/post/", "/gated/image-search/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    assert (
        client.post(reverse("privacy:grant-consent"), {"purpose": "permission_camera", "next": "/"}).status_code == 302
    )


def test_a_gated_api_answers_consent_required_and_stores_nothing_until_granted(client, member):
    # clause: POL-03, BRW-06
    client.force_login(member)

    refused = client.post("/gated/api/nearby/", {"location": "30.2,120.1"}, content_type="application/json")

    assert refused.status_code == 403
    body = refused.json()
    assert body["code"] == "consent_required" and body["purpose"] == "location_personalisation"
    assert gated_urls.STORED == []

    client.post(
        "/api/privacy/consents/location_personalisation/", {"is_granted": True}, content_type="application/json"
    )
    allowed = client.post("/gated/api/nearby/", {"location": "30.2,120.1"}, content_type="application/json")

    assert allowed.status_code == 200
    assert gated_urls.STORED == ["30.2,120.1"]
