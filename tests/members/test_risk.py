"""Risk scoring of sign-ins: a new device needs an SMS step-up before access (SEC-02), every decision audited (SEC-04)."""

import pytest
from django.db import ProgrammingError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.models import RiskDecision
from tests.members.conftest import last_code

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
PASSWORD = "correct horse battery"


@pytest.fixture
def verified(member):
    member.phone_verified_at = timezone.now()
    member.save(update_fields=["phone_verified_at"])
    # The member's usual laptop.
    Client(HTTP_USER_AGENT="Laptop/1.0").post(LOGIN, {"login": "alice", "password": PASSWORD})
    return member


def is_signed_in(client) -> bool:
    return client.get(reverse("members:dashboard")).status_code == 200


def test_a_sign_in_from_a_new_device_needs_the_sms_code_before_access(verified):
    """SEC-02."""
    stranger = Client(HTTP_USER_AGENT="Unknown/9.9")

    response = stranger.post(LOGIN, {"login": "alice", "password": PASSWORD})

    assert response.url == reverse("members:step-up")
    assert not is_signed_in(stranger)
    stranger.post(reverse("members:step-up"), {"code": last_code("+8613800138001")})
    assert is_signed_in(stranger)


def test_a_wrong_step_up_code_gives_no_access_and_three_end_the_attempt(verified):
    stranger = Client(HTTP_USER_AGENT="Unknown/9.9")
    stranger.post(LOGIN, {"login": "alice", "password": PASSWORD})
    code = last_code("+8613800138001")
    wrong = "000000" if code != "000000" else "111111"

    first = stranger.post(reverse("members:step-up"), {"code": wrong})
    assert "code" in first.context["form"].errors
    stranger.post(reverse("members:step-up"), {"code": wrong})
    stranger.post(reverse("members:step-up"), {"code": wrong})
    stranger.post(reverse("members:step-up"), {"code": code})

    assert not is_signed_in(stranger)


def test_the_usual_device_signs_in_without_a_step_up(verified):
    laptop = Client(HTTP_USER_AGENT="Laptop/1.0")

    laptop.post(LOGIN, {"login": "alice", "password": PASSWORD})

    assert is_signed_in(laptop)


def test_every_decision_is_recorded_with_inputs_and_outcome(verified):
    """SEC-04."""
    Client(HTTP_USER_AGENT="Unknown/9.9").post(LOGIN, {"login": "alice", "password": PASSWORD})

    first, second = RiskDecision.objects.order_by("id")
    assert (first.outcome, first.inputs) == (RiskDecision.Outcome.ALLOW, {"first_sign_in": True})
    assert second.outcome == RiskDecision.Outcome.STEP_UP
    assert second.inputs == {"new_device": True, "new_network": False}
    assert second.score >= 60


def test_risk_decisions_cannot_be_changed(verified):
    """SEC-04."""
    with pytest.raises(ProgrammingError), transaction.atomic():
        RiskDecision.objects.update(outcome=RiskDecision.Outcome.STEP_UP)


def test_the_step_up_page_without_a_pending_sign_in_goes_to_sign_in(client):
    response = client.get(reverse("members:step-up"))

    assert response.url == LOGIN
