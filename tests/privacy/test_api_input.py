"""The API takes JSON only and never reads a missing boolean as false (issue 15, item 10)."""

import pytest
from django.http import QueryDict
from django.test.client import MULTIPART_CONTENT

from interactions.api import AlertSettingSerializer
from interactions.services import alert_settings
from privacy import consent
from privacy.api import ConsentChangeSerializer, PermissionReportSerializer
from privacy.models import ConsentEvent
from privacy.purposes import Purpose

pytestmark = pytest.mark.django_db
API = "/api/privacy"


@pytest.fixture
def granted(client, member, web):
    consent.grant(member, Purpose.MARKETING_SMS, context=web)
    consent.grant(member, Purpose.PERMISSION_CAMERA, context=web)
    client.force_login(member)
    return member


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (f"{API}/consents/marketing_sms/", {"scope": ""}),
        (f"{API}/permissions/", {"permission": "camera"}),
    ],
)
@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", MULTIPART_CONTENT])
def test_a_form_or_multipart_body_is_refused_and_changes_nothing(client, granted, url, data, content_type):
    body = "&".join(f"{key}={value}" for key, value in data.items()) if "urlencoded" in content_type else data
    before = ConsentEvent.objects.count()

    response = client.post(url, body, content_type=content_type)

    assert response.status_code == 415
    assert ConsentEvent.objects.count() == before
    assert consent.has_consent(granted, Purpose.MARKETING_SMS)
    assert consent.has_consent(granted, Purpose.PERMISSION_CAMERA)


def test_a_form_encoded_alert_change_is_refused(client, granted):
    response = client.put(
        f"{API}/alerts/", "category=events&channel=email", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 415
    assert alert_settings(granted)[("events", "email")]


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        (f"{API}/permissions/", {"permission": "camera"}, "is_granted"),
        (f"{API}/consents/marketing_sms/", {"scope": ""}, "is_granted"),
    ],
)
def test_a_json_body_without_the_boolean_is_a_field_error(client, granted, url, body, field):
    response = client.post(url, body, content_type="application/json")

    assert response.status_code == 400
    assert field in response.json()
    assert consent.has_consent(granted, Purpose.PERMISSION_CAMERA)


def test_an_alert_row_without_is_enabled_is_a_field_error(client, granted):
    response = client.put(
        f"{API}/alerts/", [{"category": "events", "channel": "email"}], content_type="application/json"
    )

    assert response.status_code == 400
    assert alert_settings(granted)[("events", "email")]


@pytest.mark.parametrize(
    ("serializer", "data", "field"),
    [
        (ConsentChangeSerializer, "scope=", "is_granted"),
        (PermissionReportSerializer, "permission=camera", "is_granted"),
        (AlertSettingSerializer, "category=events&channel=email", "is_enabled"),
    ],
)
def test_the_serializers_require_the_boolean_even_from_form_data(serializer, data, field):
    checked = serializer(data=QueryDict(data))

    assert not checked.is_valid()
    assert checked.errors[field][0].code == "required"
