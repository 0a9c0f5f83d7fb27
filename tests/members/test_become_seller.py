"""Section III(I)3: "become a seller" passes exactly the lead fields to the entrusted onboarding provider."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members import seller_leads
from privacy import sharing
from privacy.models import Partner, SharingRecord

pytestmark = pytest.mark.django_db
URL = reverse("members:become-seller")


@pytest.fixture
def provider(db) -> Partner:
    partner = Partner.objects.get(code="seller-onboarding")
    Partner.objects.filter(pk=partner.pk).update(
        contract_reference="Onboarding agreement", assessed_on=timezone.localdate()
    )
    partner.refresh_from_db()
    return sharing.activate_partner(partner)


@pytest.fixture
def sent(monkeypatch) -> list[dict]:
    calls: list[dict] = []
    monkeypatch.setattr(seller_leads.OnboardingProviderAdapter, "transmit", lambda self, lead: calls.append(lead))
    return calls


def test_the_seller_lead_export_contains_exactly_the_lead_fields(
    client, member, provider, sent, django_capture_on_commit_callbacks
):
    # clause: SHR-05
    client.force_login(member)
    member.refresh_from_db()
    page = client.get(URL).content.decode()
    assert provider.name in page and member.member_name in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL)

    assert response.status_code == 302
    assert len(sent) == 1
    assert set(sent[0]) == {"name", "contact", "account_id", "registered_at", "last_login_at"}
    assert sent[0]["contact"] == member.phone and sent[0]["account_id"] == member.member_name
    record = SharingRecord.objects.get()
    assert (record.partner, record.member) == (provider, member)
    assert set(record.fields) == set(sent[0])
    assert "seller-lead-sent" in client.get(URL).content.decode()
    # Asking again within the month sends nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL)
    assert len(sent) == 1 and SharingRecord.objects.count() == 1


def test_nothing_leaves_while_the_provider_is_not_active(client, member, sent, django_capture_on_commit_callbacks):
    client.force_login(member)
    assert "seller-unavailable" in client.get(URL).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL)

    assert response.status_code == 409 and sent == [] and not SharingRecord.objects.exists()


def test_become_a_seller_needs_sign_in_and_csrf(member, provider, sent):
    assert Client().post(URL).status_code == 302
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post(URL).status_code == 403
    assert not SharingRecord.objects.exists() and sent == []


def test_the_notice_escapes_a_hostile_nickname(client, member, provider):
    member.nickname = "<script>alert(1)</script>"
    member.save(update_fields=["nickname"])
    client.force_login(member)

    html = client.get(URL).content.decode()

    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert reverse("members:become-seller") in client.get(reverse("members:dashboard")).content.decode()


def test_the_become_a_seller_page_costs_a_fixed_number_of_queries(client, member, provider, django_assert_num_queries):
    client.force_login(member)
    client.get(URL)  # session and member cached as on a warm site
    with django_assert_num_queries(3):  # member, the provider, the last lead
        assert client.get(URL).status_code == 200
