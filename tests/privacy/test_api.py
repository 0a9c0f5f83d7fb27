"""The consent API for the mobile app, and its OpenAPI documentation."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from privacy import consent
from privacy.models import ConsentEvent
from privacy.purposes import Purpose

pytestmark = pytest.mark.django_db
API = "/api/privacy"


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_the_app_reads_every_consent_with_its_state(client, member, web):
    # clause: RGT-08, POL-03
    consent.grant(member, Purpose.MARKETING_SMS, context=web)
    client.force_login(member)

    rows = client.get(f"{API}/consents/").json()

    by_purpose = {(row["purpose"], row["scope"]): row for row in rows}
    assert by_purpose[("marketing_sms", "")]["is_granted"] is True
    assert by_purpose[("marketing_email", "")]["is_granted"] is False
    assert by_purpose[("account", "")]["is_necessary"] is True
    assert set(rows[0]) == {
        "purpose", "label", "scope", "explanation", "clauses", "is_necessary", "is_granted", "latest_event_id",
    }  # fmt: skip


def test_the_app_changes_a_consent_with_channel_api(client, member):
    # clause: BRW-10, INT-03
    client.force_login(member)

    response = post(client, f"{API}/consents/auto_launch/", {"is_granted": True, "expected_event_id": 0})

    assert response.status_code == 201
    assert response.json()["channel"] == "api"
    assert consent.has_consent(member, Purpose.AUTO_LAUNCH)


@pytest.mark.parametrize(
    ("purpose", "body", "code"),
    [
        ("nonsense", {"is_granted": False}, "unknown_purpose"),
        ("account", {"is_granted": False}, "necessary"),
        ("marketing_sms", {"is_granted": True, "expected_event_id": 99}, "stale"),
        ("marketing_sms", {"is_granted": True, "scope": "x"}, "scope_not_allowed"),
    ],
)
def test_bad_changes_get_a_clear_error_and_change_nothing(client, member, purpose, body, code):
    client.force_login(member)

    response = post(client, f"{API}/consents/{purpose}/", body)

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not ConsentEvent.objects.exists()


def test_a_missing_decision_is_a_field_error(client, member):
    client.force_login(member)

    response = post(client, f"{API}/consents/marketing_sms/", {})

    assert response.status_code == 400
    assert "is_granted" in response.json()


def test_the_app_reports_permission_grants_shown_in_the_privacy_centre(client, member):
    # clause: PERM-06, PERM-02
    client.force_login(member)

    assert post(client, f"{API}/permissions/", {"permission": "camera", "is_granted": True}).status_code == 201
    assert post(client, f"{API}/permissions/", {"permission": "telepathy", "is_granted": True}).status_code == 400

    assert consent.has_consent(member, Purpose.PERMISSION_CAMERA)
    html = client.get("/me/settings/privacy/").content.decode()
    assert 'data-purpose="permission_camera" data-scope="" data-granted="true"' in html
    history = client.get(f"{API}/consents/history/").json()
    assert [(e["purpose"], e["channel"]) for e in history] == [("permission_camera", "api")]


def test_each_member_reads_only_their_own_history(client, member, other_member, web):
    consent.grant(other_member, Purpose.MARKETING_SMS, context=web)
    client.force_login(member)

    assert client.get(f"{API}/consents/history/").json() == []


def test_a_visitor_is_refused(client):
    for url in [f"{API}/consents/", f"{API}/consents/history/", f"{API}/policy/"]:
        assert client.get(url).status_code == 401
    assert post(client, f"{API}/permissions/", {"permission": "camera", "is_granted": True}).status_code == 401


def test_the_openapi_schema_documents_the_consent_endpoints():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    for path in ["consents/", "consents/history/", "consents/{purpose}/", "permissions/", "policy/", "alerts/"]:
        assert f"/api/v1/{path}" in schema["paths"]
    post_consent = schema["paths"]["/api/v1/consents/{purpose}/"]["post"]
    assert set(post_consent["responses"]) >= {"201", "400", "401", "403"}
    components = schema["components"]["schemas"]
    assert {"ConsentState", "ConsentChange", "ConsentEvent", "PermissionReport"} <= set(components)
