"""Pulling authentication data from Alipay needs the member's authorisation and a legal purpose (VER-02)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from members import alipay
from privacy import consent
from privacy.models import SharingRecord
from privacy.purposes import Purpose

pytestmark = pytest.mark.django_db

SENT: list[str] = []


class FakeAlipay:
    """Alipay's identity-check service, outside our system."""

    def fetch(self, account_id: str) -> dict:
        SENT.append(account_id)
        return {"real_name_verified": True, "is_adult": True, "cert_no": "11010519491231002X", "name": "王小明"}


@pytest.fixture(autouse=True)
def fake_alipay(settings):
    SENT.clear()
    settings.ALIPAY_AUTHENTICATION_CLIENT = "tests.members.test_alipay.FakeAlipay"


@pytest.fixture
def authorised(member):
    consent.grant(member, Purpose.ALIPAY_AUTHENTICATION, context=consent.RequestContext("web"))
    return member


def test_a_fetch_without_the_members_authorisation_is_refused_and_sends_nothing(member):
    """VER-02."""
    with pytest.raises(PermissionDenied):
        alipay.fetch_authentication(member=member, purpose="anti_fraud", alipay_account="2088xxxx")

    assert SENT == []
    assert not SharingRecord.objects.exists()


def test_a_fetch_for_a_purpose_outside_the_four_is_refused_and_sends_nothing(authorised):
    """VER-02."""
    with pytest.raises(ValidationError):
        alipay.fetch_authentication(member=authorised, purpose="marketing", alipay_account="2088xxxx")

    assert SENT == []


def test_an_authorised_fetch_keeps_only_the_status_and_is_logged(authorised):
    """VER-02: every fetch is logged; no name or ID number is kept."""
    answer = alipay.fetch_authentication(member=authorised, purpose="minor_protection", alipay_account="2088xxxx")

    assert answer == {"real_name_verified": True, "is_adult": True}
    assert SENT == ["2088xxxx"]
    record = SharingRecord.objects.get(member=authorised)
    assert record.partner.code == "alipay"
    assert "Protection of minors" in record.purpose
