"""Section III: the partner register and privacy.sharing, the one way personal data leaves for a partner."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from members.models import Member
from orders.partners import AlipayAdapter, adapter
from privacy import consent, sharing
from privacy.categories import DataCategory
from privacy.models import Disclosure, LegalBasis, Partner, SharingRecord
from privacy.purposes import Purpose
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def officer(db) -> Member:
    return Member.objects.create_user("officer", "officer password 123", is_staff=True, is_superuser=True)


def activate(code: str) -> Partner:
    partner = Partner.objects.get(code=code)
    partner.contract_reference = partner.contract_reference or "Agreement 2026-01"
    partner.assessed_on = TODAY
    partner.save()
    return sharing.activate_partner(partner)


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, payload):
        self.calls.append(payload)


def test_the_register_names_alipay_mybank_and_cainiao_by_their_legal_entities():
    # clause: DEF-09
    register = {p.code: p for p in Partner.objects.filter(code__in=["alipay", "mybank", "cainiao"])}

    assert register["alipay"].name == "Alipay.com Co., Ltd."
    assert register["mybank"].name == "Zhejiang E-Commerce Bank Co., Ltd. (MYbank)"
    assert register["cainiao"].name == "Zhejiang Cainiao Supply Chain Management Co., Ltd."
    assert (register["alipay"].kind, register["mybank"].kind, register["cainiao"].kind) == (
        "payment",
        "payment",
        "logistics",
    )
    assert all(p.is_affiliate and p.role == Partner.Role.INDEPENDENT and p.is_active for p in register.values())
    assert Partner.objects.get(code="seller-onboarding").role == Partner.Role.ENTRUSTED


def test_sharing_through_the_helper_removes_every_field_not_on_the_whitelist(
    member, django_capture_on_commit_callbacks
):
    # clause: SHR-01
    sent = Recorder()
    payload = {
        "consignee_name": "Li Lei",
        "consignee_phone": "+8613800138001",
        "delivery_address": "1 Wensan Road",
        "id_number": "330106199001011234",
        "browsing_history": "shoes",
    }
    with django_capture_on_commit_callbacks(execute=True):
        shared = sharing.share(
            member=member,
            partner_code="cainiao",
            payload=payload,
            purpose="Delivery",
            legal_basis=LegalBasis.CONTRACT,
            reference="T1",
            send=sent,
        )

    allowed = {"consignee_name", "consignee_phone", "delivery_address"}
    assert set(shared.payload) == allowed and sent.calls == [shared.payload]
    assert set(SharingRecord.objects.get().fields) == allowed


@pytest.mark.parametrize("case", ["unregistered_field", "inactive_partner", "unknown_partner"])
def test_a_refused_share_records_nothing_and_sends_nothing(member, case, django_capture_on_commit_callbacks):
    sent = Recorder()
    code = {"unknown_partner": "nobody"}.get(case, "cainiao")
    if case == "inactive_partner":
        sharing.deactivate_partner(Partner.objects.get(code="cainiao"))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(sharing.SharingRefused):
        if case == "unregistered_field":
            sharing.record_sharing(
                member=member,
                partner_code=code,
                categories=[DataCategory.DELIVERY],
                fields=["consignee_name", "id_number"],
                purpose="Delivery",
                legal_basis=LegalBasis.CONTRACT,
                reference="T1",
            )
        else:
            sharing.share(
                member=member,
                partner_code=code,
                payload={"consignee_name": "Li Lei"},
                purpose="Delivery",
                legal_basis=LegalBasis.CONTRACT,
                reference="T1",
                send=sent,
            )

    assert not SharingRecord.objects.exists() and sent.calls == []


def test_an_inactive_payment_partner_gets_no_hand_off_from_the_order_adapter(
    member, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    monkeypatch.setattr(AlipayAdapter, "transmit", lambda self, ref, payload: calls.append(payload))
    sharing.deactivate_partner(Partner.objects.get(code="alipay"))

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(sharing.SharingRefused):
        adapter("alipay").hand_off(member=member, reference="O1", payload={"order_number": "O1", "amount": "9"})

    assert calls == [] and not SharingRecord.objects.exists()


def test_partner_adapters_are_chosen_by_setting(settings):
    settings.PARTNER_ADAPTERS = {**settings.PARTNER_ADAPTERS, "cainiao": "orders.partners.MyBankAdapter"}

    assert adapter("cainiao").code == "mybank"


def test_every_active_partner_is_on_the_public_page_with_purpose_and_categories(client, django_assert_num_queries):
    # clause: SHR-02
    activate("seller-onboarding")
    with django_assert_num_queries(1):
        html = client.get(reverse("privacy:partners")).content.decode()

    for partner in Partner.objects.active().filter(country="CN").exclude(kind=Partner.Kind.AUTHORITY):
        assert f'data-partner="{partner.code}"' in html
        assert partner.name in html
        for purpose in partner.purposes:
            assert purpose in html
        for category in partner.categories:
            assert str(DataCategory(category).label) in html
    assert 'data-partner="ad-measurement"' not in html  # inactive: no contract yet
    assert reverse("privacy:partners") in client.get(reverse("privacy:policy")).content.decode()


def test_admin_refuses_to_activate_a_partner_without_assessment_or_contract(client, officer):
    # clause: SHR-03
    sign_in_staff(client, officer)
    partner = Partner.objects.get(code="ad-measurement")
    url = reverse("admin:privacy_partner_changelist")

    response = client.post(url, {"action": "activate", "_selected_action": [partner.pk]}, follow=True)

    partner.refresh_from_db()
    assert not partner.is_active
    assert "no contract reference" in response.content.decode()
    assert "no security assessment" in response.content.decode()
    with pytest.raises(IntegrityError), transaction.atomic():
        Partner.objects.filter(pk=partner.pk).update(is_active=True)

    Partner.objects.filter(pk=partner.pk).update(contract_reference="ADS-2026-7", assessed_on=TODAY)
    client.post(url, {"action": "activate", "_selected_action": [partner.pk]})
    partner.refresh_from_db()
    assert partner.is_active


def test_a_stale_assessment_or_a_joint_processor_without_agreement_cannot_be_activated():
    # clause: SHR-03
    partner = Partner.objects.create(
        code="joint-x",
        name="Joint X Co., Ltd.",
        kind=Partner.Kind.OTHER,
        role=Partner.Role.JOINT,
        contract_reference="C-1",
        assessed_on=TODAY - datetime.timedelta(days=400),
    )
    with pytest.raises(ValidationError, match="not current"):
        sharing.activate_partner(partner)
    partner.assessed_on = TODAY
    with pytest.raises(ValidationError, match="joint-processing agreement"):
        sharing.activate_partner(partner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Partner.objects.filter(pk=partner.pk).update(is_active=True, assessed_on=TODAY)


def test_the_partner_admin_form_refuses_hostile_input(client, officer):
    sign_in_staff(client, officer)
    data = {
        "code": "evil",
        "name": "<script>alert(1)</script>",
        "kind": "advertising",
        "role": "entrusted",
        "purposes": '["Ads"]',
        "categories": '["events"]',
        "allowed_fields": '["clicks", "phone"]',
        "legal_basis": "contract",
        "contact": "x\x00y",
    }
    response = client.post(reverse("admin:privacy_partner_add"), data)
    assert response.status_code == 200 and not Partner.objects.filter(code="evil").exists()
    assert "<script>alert(1)</script>" not in response.content.decode()

    data.update(allowed_fields='["clicks"]', categories='["nonsense"]', contact="ok")
    assert client.post(reverse("admin:privacy_partner_add"), data).status_code == 200
    data.update(categories='"events"')
    assert client.post(reverse("admin:privacy_partner_add"), data).status_code == 200
    assert not Partner.objects.filter(code="evil").exists()


def test_an_entrusted_processor_export_with_an_unregistered_purpose_fails(member):
    # clause: SHR-04
    activate("product-analytics")
    with pytest.raises(sharing.SharingRefused, match="purpose"):
        sharing.share(
            member=member,
            partner_code="product-analytics",
            payload={"device_id": "d1", "event": "crash"},
            purpose="Selling audience lists",
            legal_basis=LegalBasis.CONTRACT,
            note="t",
        )
    assert not SharingRecord.objects.exists()
    sharing.share(
        member=member,
        partner_code="product-analytics",
        payload={"device_id": "d1", "event": "crash"},
        purpose="Analysing the stability of our products and services",
        legal_basis=LegalBasis.CONTRACT,
        note="Entrusted under the analytics agreement",
    )
    assert SharingRecord.objects.count() == 1


def test_another_purpose_of_an_entrusted_processor_needs_a_separate_consent(member, web):
    # clause: SHR-04
    activate("product-analytics")

    def other_purpose():
        return sharing.share(
            member=member,
            partner_code="product-analytics",
            payload={"device_id": "d1"},
            purpose="Improving the partner's own products",
            legal_basis=LegalBasis.CONSENT,
        )

    with pytest.raises(sharing.SharingRefused, match="consent"):
        other_purpose()
    Partner.objects.filter(code="product-analytics").update(consent_purpose=Purpose.JOINT_EVENT_SHARING)
    consent.grant(member, Purpose.JOINT_EVENT_SHARING, scope="product-analytics", context=web)
    assert other_purpose().record.legal_basis == LegalBasis.CONSENT


EVERYTHING = {
    "member_name": "alice",
    "name": "Alice",
    "nickname": "Al",
    "phone": "+8613800138001",
    "email": "a@example.com",
    "address": "1 Road",
    "delivery_address": "1 Road",
    "member_id": 7,
    "account_id": "alice",
    "payer_account": "pay@x",
    "amount": "10.00",
    "order_number": "O1",
    "device_id": "d1",
    "device_model": "P60",
    "os_version": "14",
    "app_version": "9.1",
    "ip_address": "203.0.113.9",
    "event": "login",
    "screen": "home",
    "occurred_at": "2026-11-30T00:00:00",
    "campaign": "c1",
    "placement": "p1",
    "day": "2026-11-30",
    "impressions": 100,
    "clicks": 3,
    "conversions": 1,
    "gender": "f",
    "birthday": "1990-01-01",
}


def _shared_to(member, code: str, purpose_index: int = 0) -> dict:
    partner = activate(code)
    return sharing.share(
        member=member,
        partner_code=code,
        payload=EVERYTHING,
        purpose=partner.purposes[purpose_index],
        legal_basis=LegalBasis.CONTRACT,
        note="Entrusted processing under contract",
    ).payload


def test_the_ad_partner_export_has_no_identifying_columns(member, client, officer):
    # clause: SHR-07
    columns = set(_shared_to(member, "ad-measurement"))

    assert columns == {"campaign", "placement", "day", "impressions", "clicks", "conversions"}
    assert not columns & {"name", "member_name", "phone", "email", "address", "member_id", "account_id"}
    # Even registered by mistake, an identifying field never leaves for an advertising partner.
    Partner.objects.filter(code="ad-measurement").update(allowed_fields=["clicks", "phone", "member_id"])
    assert set(_shared_to(member, "ad-measurement")) == {"clicks"}


def test_the_security_partner_payload_has_only_device_account_and_log_fields(member):
    # clause: SHR-08
    columns = set(_shared_to(member, "security-partners"))

    assert columns == {"device_id", "device_model", "os_version", "account_id", "ip_address", "event", "occurred_at"}
    record = SharingRecord.objects.get()
    assert set(record.categories) <= {"device", "account", "service_log"}


def test_the_analytics_partner_payload_has_no_profile_delivery_or_payment_fields(member):
    # clause: SHR-09
    columns = set(_shared_to(member, "product-analytics"))

    assert not columns & {"nickname", "gender", "birthday", "delivery_address", "address", "payer_account", "amount"}
    assert columns == {"device_id", "app_version", "os_version", "event", "screen", "occurred_at"}


def test_a_share_without_consent_is_rejected_unless_an_exemption_with_a_note(member, web):
    # clause: SHR-16
    partner = Partner.objects.get(code="cainiao")

    def attempt(basis, note=""):
        return sharing.record_sharing(
            member=member,
            partner_code="cainiao",
            categories=[DataCategory.DELIVERY],
            fields=["consignee_name"],
            purpose="Delivery",
            legal_basis=basis,
            note=note,
        )

    with pytest.raises(sharing.SharingRefused, match="consent"):
        attempt(LegalBasis.CONSENT)
    with pytest.raises(sharing.SharingRefused, match="basis"):
        attempt(LegalBasis.VIOLATION, note="rule breach")
    with pytest.raises(sharing.SharingRefused, match="note"):
        attempt(LegalBasis.EMERGENCY)
    assert not SharingRecord.objects.exists()

    for basis in sorted(sharing.EXEMPTIONS):
        assert attempt(basis, note="Typhoon evacuation, request of the county").legal_basis == basis
    consent.grant(member, Purpose.JOINT_EVENT_SHARING, scope=partner.code, context=web)
    assert attempt(LegalBasis.CONSENT).legal_basis == LegalBasis.CONSENT
    assert SharingRecord.objects.count() == 7
    assert len(sharing.EXEMPTIONS) == 6


def test_public_disclosure_needs_the_members_choice_or_separate_consent(member, web):
    # clause: SHR-13
    with pytest.raises(sharing.DisclosureRefused):
        sharing.disclose_publicly(member=member, categories=[DataCategory.PROFILE], fields=["nickname"])
    with pytest.raises(sharing.DisclosureRefused):
        sharing.disclose_publicly(
            member=member,
            categories=[DataCategory.PROFILE],
            fields=["nickname"],
            consent_purpose=Purpose.EVENT_PARTICIPATION,
            consent_scope="winners-2026",
        )
    assert not Disclosure.objects.exists()

    consent.grant(member, Purpose.EVENT_PARTICIPATION, scope="winners-2026", context=web)
    by_consent = sharing.disclose_publicly(
        member=member,
        categories=[DataCategory.PROFILE],
        fields=["nickname"],
        consent_purpose=Purpose.EVENT_PARTICIPATION,
        consent_scope="winners-2026",
    )
    own = sharing.disclose_publicly(
        member=member, categories=[DataCategory.CONTENT], fields=["review"], started_by_member=True
    )
    assert (by_consent.legal_basis, own.legal_basis) == (LegalBasis.CONSENT, LegalBasis.SELF_DISCLOSED)


def test_publishing_an_enforcement_notice_logs_basis_violation_and_the_sanction(client, officer, member):
    # clause: SHR-14
    sign_in_staff(client, officer)
    response = client.post(
        reverse("admin:privacy_disclosure_add"),
        {"member": member.pk, "violation": "Sold counterfeit goods", "sanction": "Store closed for 30 days"},
    )

    assert response.status_code == 302
    entry = Disclosure.objects.get()
    assert (entry.kind, entry.legal_basis, entry.sanction) == ("enforcement", "violation", "Store closed for 30 days")
    assert entry.member == member and entry.published_at is not None

    bad = client.post(reverse("admin:privacy_disclosure_add"), {"member": member.pk, "violation": "x", "sanction": ""})
    assert bad.status_code == 200 and Disclosure.objects.count() == 1
