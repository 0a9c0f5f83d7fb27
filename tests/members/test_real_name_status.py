"""Events and promotions learn only yes or no about a member's real-name status (VER-07)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from members import selectors
from privacy import consent
from privacy.purposes import Purpose

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"
REAL_NAME = "王小明"


def authenticate(client, member):
    client.force_login(member)
    client.post(
        reverse("members:real-name"), {"consent_sensitive": "on", "real_name": REAL_NAME, "id_number": ID_NUMBER}
    )


def enrol_in_event(member) -> dict:
    """What an event's enrolment would store: the caller's own row, filled from the members app's answer."""
    return {"member_id": member.pk, "is_real_name_verified": selectors.has_passed_real_name(member)}


def test_an_event_gets_yes_after_real_name_authentication_and_nothing_else(client, member):
    """VER-07: the enrolment row holds a yes/no value, no name or ID number."""
    authenticate(client, member)

    row = enrol_in_event(member)

    assert row == {"member_id": member.pk, "is_real_name_verified": True}
    assert type(row["is_real_name_verified"]) is bool
    assert REAL_NAME not in repr(row)
    assert ID_NUMBER[:6] not in repr(row)


def test_an_event_gets_no_before_authentication(member):
    """VER-07."""
    assert selectors.has_passed_real_name(member) is False


def test_a_visitor_is_never_real_name_verified():
    assert selectors.has_passed_real_name(AnonymousUser()) is False


def test_consent_alone_is_not_a_passed_check(member):
    consent.grant(member, Purpose.SENSITIVE_IDENTITY, context=consent.RequestContext("web"))

    assert selectors.has_passed_real_name(member) is False


def test_the_answer_costs_one_query(client, member, django_assert_num_queries):
    authenticate(client, member)

    with django_assert_num_queries(1):
        selectors.has_passed_real_name(member)
