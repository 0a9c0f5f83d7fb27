"""The real-name gate other apps put in front of special-category actions (VER-04)."""

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpResponse
from django.test import RequestFactory

from members.decorators import requires_real_name
from members.identity import authenticate_real_name
from privacy import consent
from privacy.purposes import Purpose

pytestmark = pytest.mark.django_db


@requires_real_name
def special_checkout(request):
    return HttpResponse("checked out")


def request_by(member):
    request = RequestFactory().post("/orders/special/checkout/")
    request.user = member
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_without_real_name_authentication_the_action_is_blocked_with_a_link_to_authenticate(member):
    """VER-04."""
    response = special_checkout(request_by(member))

    assert response.status_code == 302
    assert response.url.startswith("/members/real-name/?next=/orders/special/checkout/")


def test_after_real_name_authentication_the_action_goes_ahead(member):
    context = consent.RequestContext("web")
    consent.grant(member, Purpose.SENSITIVE_IDENTITY, context=context)
    authenticate_real_name(member=member, real_name="王小明", id_number="11010519491231002X", context=context)

    assert special_checkout(request_by(member)).content == b"checked out"
