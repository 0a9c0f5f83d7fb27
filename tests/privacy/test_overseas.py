"""Section V(II): overseas recipients, the member's separate consent to each, and storage in the PRC."""

import datetime

import pytest
from django.core import checks
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.models import Member
from portal.checks import check_data_region
from privacy import consent, sharing
from privacy.models import LegalBasis, Partner, SharingRecord
from privacy.purposes import Purpose
from tests.portal.test_config import PRODUCTION_ENV, manage
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PAGE = reverse("privacy:overseas-recipients")
CONSENT = reverse("privacy:overseas-consent")


def recipient(code: str = "sg-support", *, active: bool = True, **extra) -> Partner:
    values = {
        "name": "Alibaba.com Singapore E-Commerce Private Limited",
        "kind": Partner.Kind.SERVICE_PROVIDER,
        "role": Partner.Role.ENTRUSTED,
        "country": "SG",
        "contact": "dpo@example.sg",
        "purposes": ["Cross-border customer service"],
        "categories": ["account", "customer_service"],
        "allowed_fields": ["account_id", "ticket"],
        "transfer_methods": "TLS 1.3 API, de-identified where possible",
        "rights_contact": "Write to dpo@example.sg or to our customer service",
        "contract_reference": "DPA-SG-1",
        "assessed_on": TODAY,
        "legal_mechanism": Partner.Mechanism.STANDARD_CONTRACT,
        "filing_reference": "Zhe Wang Xin Chu Jing (2026) 12",
        "audited_on": TODAY - datetime.timedelta(days=30),
        **extra,
    }
    partner = Partner.objects.create(code=code, **values)
    return sharing.activate_partner(partner) if active else partner


@pytest.fixture
def officer(db) -> Member:
    return Member.objects.create_user("officer", "officer password 123", is_staff=True, is_superuser=True)


def _transfer(member, code="sg-support"):
    return sharing.share(
        member=member,
        partner_code=code,
        payload={"account_id": "alice", "ticket": "T-1", "phone": "+8613800138001"},
        purpose="Cross-border customer service",
        legal_basis=LegalBasis.CONSENT,
    )


def test_a_transfer_abroad_is_blocked_without_the_members_consent_for_that_recipient(
    member, web, django_capture_on_commit_callbacks
):
    # clause: STO-07
    recipient()
    recipient("us-analytics", name="Example Analytics Inc.", country="US")
    consent.grant(member, Purpose.CROSS_BORDER_TRANSFER, scope="us-analytics", context=web)

    with pytest.raises(sharing.SharingRefused, match="consent"):
        _transfer(member)
    with pytest.raises(sharing.SharingRefused, match="consent"):
        sharing.share(
            member=member,
            partner_code="sg-support",
            payload={"ticket": "T-1"},
            purpose="Cross-border customer service",
            legal_basis=LegalBasis.CONTRACT,
            note="performance of the contract",
        )
    assert not SharingRecord.objects.exists()

    consent.grant(member, Purpose.CROSS_BORDER_TRANSFER, scope="sg-support", context=web)
    assert set(_transfer(member).payload) == {"account_id", "ticket"}


def test_admin_refuses_to_activate_an_overseas_recipient_without_mechanism_and_filing(client, officer):
    # clause: STO-08
    partner = recipient(active=False, legal_mechanism="", filing_reference="", audited_on=None)
    sign_in_staff(client, officer)

    response = client.post(
        reverse("admin:privacy_overseasrecipient_changelist"),
        {"action": "activate", "_selected_action": [partner.pk]},
        follow=True,
    )

    partner.refresh_from_db()
    assert not partner.is_active
    html = response.content.decode()
    assert "no legal mechanism" in html and "no filing reference" in html
    with pytest.raises(ValidationError):
        sharing.activate_partner(partner)
    Partner.objects.filter(pk=partner.pk).update(
        legal_mechanism="cac_assessment", filing_reference="CAC-2026-3", audited_on=TODAY
    )
    client.post(
        reverse("admin:privacy_overseasrecipient_changelist"), {"action": "activate", "_selected_action": [partner.pk]}
    )
    partner.refresh_from_db()
    assert partner.is_active


def test_the_overseas_page_lists_active_recipients_and_records_the_members_choice(client, member):
    shown = recipient()
    recipient("hidden", active=False, name="Not Active Ltd")
    anonymous = Client().get(PAGE).content.decode()
    assert shown.name in anonymous and "Not Active Ltd" not in anonymous
    assert shown.rights_contact in anonymous and shown.filing_reference in anonymous

    client.force_login(member)
    response = client.post(CONSENT, {"recipient": shown.code, "decision": "grant"})
    assert response.status_code == 302
    assert consent.has_consent(member, Purpose.CROSS_BORDER_TRANSFER, scope=shown.code)
    client.post(CONSENT, {"recipient": shown.code, "decision": "withdraw"})
    assert not consent.has_consent(member, Purpose.CROSS_BORDER_TRANSFER, scope=shown.code)


@pytest.mark.parametrize(
    "data",
    [
        {"recipient": "hidden", "decision": "grant"},
        {"recipient": "nobody", "decision": "grant"},
        {"recipient": "sg-support", "decision": "<script>"},
        {"recipient": "sg\x00support", "decision": "grant"},
        {"recipient": "x" * 500, "decision": "grant"},
    ],
)
def test_the_overseas_consent_form_refuses_hostile_input(client, member, data):
    recipient()
    recipient("hidden", active=False)
    client.force_login(member)

    response = client.post(CONSENT, data)

    assert response.status_code in (400, 404)
    assert "<script>" not in response.content.decode()
    assert not consent.history(member, Purpose.CROSS_BORDER_TRANSFER).exists()


def test_the_overseas_consent_needs_sign_in_and_csrf(member):
    recipient()
    assert Client().post(CONSENT, {"recipient": "sg-support", "decision": "grant"}).status_code == 302
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post(CONSENT, {"recipient": "sg-support", "decision": "grant"}).status_code == 403
    assert not consent.history(member, Purpose.CROSS_BORDER_TRANSFER).exists()


def test_the_overseas_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for n in range(5):
        recipient(f"r{n}")
    with django_assert_max_num_queries(1):
        client.get(PAGE)


@pytest.mark.parametrize(
    ("regions", "production", "errors"),
    [
        ({"DATA_REGION": "cn-hangzhou", "MEDIA_REGION": "cn-shanghai", "BACKUP_REGION": "cn-beijing"}, True, []),
        ({"DATA_REGION": "cn-hangzhou", "MEDIA_REGION": "us-east-1", "BACKUP_REGION": "cn-beijing"}, True, ["E062"]),
        ({"DATA_REGION": "cn-hangzhou", "MEDIA_REGION": "cn-hongkong", "BACKUP_REGION": "cn-beijing"}, True, ["E062"]),
        ({"DATA_REGION": "", "MEDIA_REGION": "", "BACKUP_REGION": ""}, True, ["E061", "E061", "E061"]),
        ({"DATA_REGION": "", "MEDIA_REGION": "", "BACKUP_REGION": ""}, False, []),
    ],
)
def test_the_system_check_fails_for_a_storage_outside_the_prc(settings, regions, production, errors):
    # clause: STO-06
    settings.DEBUG = not production
    for name, value in regions.items():
        setattr(settings, name, value)

    found = check_data_region()

    assert [m.id.split(".")[1] for m in found] == errors
    assert all(m.level == checks.ERROR for m in found)


def test_the_system_check_reads_the_media_storage_endpoint(settings):
    # clause: STO-06
    settings.DEBUG = False
    settings.DATA_REGION = settings.MEDIA_REGION = settings.BACKUP_REGION = "cn-hangzhou"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "x", "OPTIONS": {"endpoint_url": "https://s3.eu-west-1.amazonaws.com"}},
    }

    assert [m.id for m in check_data_region()] == ["portal.E062"]


def test_production_refuses_to_start_without_a_declared_region():
    # clause: STO-06
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DATA_REGION"}
    refused = manage("check", env=env)
    assert refused.returncode != 0 and "DATA_REGION is not set" in refused.stderr

    foreign = manage("check", env={**PRODUCTION_ENV, "MEDIA_REGION": "ap-southeast-1"})
    assert foreign.returncode != 0 and "outside mainland China" in foreign.stderr
