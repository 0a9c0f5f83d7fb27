"""Every write endpoint of /api/v1/ refuses bad bodies the same way: nothing is written, the answer is a 4xx."""

import pytest
from django.conf import settings

from interactions.models import Message
from orders.models import Address
from privacy.models import ConsentEvent
from privacy.uploads import FORM_OVERHEAD_BYTES
from rights.models import DataExport, RightsRequest

pytestmark = pytest.mark.django_db

# (method, path, a valid body) for every endpoint that takes a JSON object.
WRITES = [
    ("patch", "/api/v1/profile/", {"nickname": "Ali"}),
    ("post", "/api/v1/addresses/", {"consignee_name": "Li", "phone": "13900139000", "address": "1 Road"}),
    ("post", "/api/v1/messages/read/", {"ids": [1]}),
    ("post", "/api/v1/messages/delete/", {"ids": [1]}),
    ("post", "/api/v1/consents/marketing_sms/", {"is_granted": True}),
    ("post", "/api/v1/permissions/", {"permission": "camera", "is_granted": True}),
    ("post", "/api/v1/policy/", {"label": "2026 V2"}),
    ("post", "/api/v1/push/fetched/", {"ids": [1]}),
    ("post", "/api/v1/exports/", {}),
    ("post", "/api/v1/rights/requests/", {"type": "access"}),
]


def written():
    return (
        Address.objects.count(),
        Message.objects.filter(read_at__isnull=False).count(),
        ConsentEvent.objects.count(),
        DataExport.objects.count(),
        RightsRequest.objects.count(),
    )


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


def send(client, method, path, body):
    return getattr(client, method)(path, body, content_type="application/json")


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_malformed_json_is_a_400_that_writes_nothing(signed_in, method, path, body):
    before = written()

    response = send(signed_in, method, path, '{"broken": ')

    assert response.status_code == 400
    assert response.json()["detail"]
    assert written() == before


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_an_unknown_field_is_a_400_naming_it(signed_in, method, path, body):
    before = written()

    response = send(signed_in, method, path, {**body, "is_staff": True})

    assert response.status_code == 400
    assert response.json()["is_staff"] == ["Unknown field."]
    assert written() == before


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_an_oversized_body_is_a_413_before_it_is_read(signed_in, method, path, body):
    limit = settings.REQUEST_BODY_MAX_BYTES
    if path == "/api/v1/rights/requests/":
        limit = settings.RIGHTS_EVIDENCE_MAX_BYTES + FORM_OVERHEAD_BYTES
    before = written()

    response = send(signed_in, method, path, '{"pad": "' + "x" * limit + '"}')

    assert response.status_code == 413
    assert written() == before


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_a_visitor_gets_401_and_nothing_is_written(client, method, path, body):
    before = written()

    assert send(client, method, path, body).status_code == 401
    assert written() == before
