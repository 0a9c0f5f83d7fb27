"""schemathesis against /api/schema/: every /api/v1/ operation, as a signed-in member, answers within its schema.

Few examples per operation keep the run short; it fails on any server error, undocumented status or
content type, or a response that does not match its declared schema.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from members import services
from portal.wsgi import application

MAX_EXAMPLES = 5
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def _one_connection():
    """The WSGI app runs in the test's thread: keep the test's connection (and its transaction) across requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(_one_connection, db, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None})
    loaded = schemathesis.openapi.from_wsgi("/api/schema/", application)
    # The coverage phase sends hundreds of boundary cases per operation; hypothesis' examples are enough here.
    loaded.config.phases.coverage.enabled = False
    return loaded


@pytest.fixture
def key(member):
    _token, key = services.create_api_token(member=member, name="schemathesis")
    return key


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
)
def test_every_operation_answers_within_its_schema(case, key):
    case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, checks=CHECKS)
