"""The app's API for Alert Settings (INT-05); push notifications are in test_notify.py."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from interactions import services
from interactions.models import AlertSetting, Message

pytestmark = pytest.mark.django_db
API = "/api/privacy"


def test_the_openapi_schema_documents_the_alert_and_push_endpoints():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]

    assert {"/api/v1/alerts/", "/api/v1/push/", "/api/v1/push/fetched/"} <= set(paths)
    assert set(paths["/api/v1/alerts/"]["put"]["responses"]) >= {"200", "400", "401", "403"}


def test_a_visitor_is_refused(client):
    assert client.get(f"{API}/alerts/").status_code == 401
    assert client.get(f"{API}/push/").status_code == 401
    assert not AlertSetting.objects.exists()


def test_the_app_reads_and_changes_alert_settings(client, member):
    # clause: INT-05
    client.force_login(member)

    rows = client.get(f"{API}/alerts/").json()
    assert all(row["is_enabled"] for row in rows)
    assert {(r["category"], r["is_mandatory"]) for r in rows if r["channel"] == "sms"} >= {("security", True)}

    response = client.put(
        f"{API}/alerts/",
        [{"category": "events", "channel": "inbox", "is_enabled": False}],
        content_type="application/json",
    )

    assert response.status_code == 200
    assert {(r["category"], r["channel"]): r["is_enabled"] for r in response.json()}[("events", "inbox")] is False
    services.notify(member, "events", title="Sale")
    services.notify(member, "logistics", title="Shipped")
    assert list(Message.objects.values_list("title", flat=True)) == ["Shipped"]


@pytest.mark.parametrize(
    "body",
    [
        [{"category": "security", "channel": "sms", "is_enabled": False}],
        [{"category": "gossip", "channel": "sms", "is_enabled": False}],
        [{"category": "events", "channel": "pigeon", "is_enabled": False}],
    ],
)
def test_bad_alert_changes_are_refused_and_change_nothing(client, member, body):
    client.force_login(member)

    response = client.put(f"{API}/alerts/", body, content_type="application/json")

    assert response.status_code == 400
    assert not AlertSetting.objects.exists()
