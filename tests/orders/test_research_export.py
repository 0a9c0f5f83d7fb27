"""Section III(I)5.3.C: research exports are de-identified and need an approval (SHR-10)."""

import csv
import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from members.models import Member
from orders.models import Order
from privacy import sharing
from privacy.models import Partner, ResearchApproval

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def approval(db, member) -> ResearchApproval:
    partner = Partner.objects.get(code="research-institutions")
    Partner.objects.filter(pk=partner.pk).update(contract_reference="Research DPA 2026", assessed_on=TODAY)
    partner.refresh_from_db()
    sharing.activate_partner(partner)
    officer = Member.objects.create_user("officer", "officer password 123", is_staff=True)
    return ResearchApproval.objects.create(
        partner=partner,
        project="Basket sizes in B2B trade",
        dataset="order_statistics",
        approved_by=officer,
        approved_on=TODAY,
        expires_on=TODAY + datetime.timedelta(days=90),
    )


@pytest.fixture
def order(member) -> Order:
    return Order.objects.create(
        buyer=member,
        number="R0001",
        total_amount=Decimal("12.50"),
        consignee_name="Li Lei",
        consignee_phone="+8613800138001",
        delivery_address="1 Wensan Road",
    )


def test_a_research_export_has_no_direct_identifiers_and_unjoinable_pseudonyms(
    approval, order, member, tmp_path, settings
):
    # clause: SHR-10
    out = tmp_path / "research.csv"
    call_command("export_research_data", approval=approval.pk, output=str(out))

    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 1
    text = out.read_text()
    for identifier in ("Li Lei", "13800138001", "Wensan", member.member_name, "R0001"):
        assert identifier not in text
    assert not set(rows[0]) & {"consignee_name", "consignee_phone", "delivery_address", "member_name"}
    pseudonym = rows[0]["buyer_id"]
    assert pseudonym != str(member.pk) and str(member.pk) not in pseudonym.split("-")
    # Without the separately held key the pseudonym cannot be recomputed from the member id.
    settings.IDENTITY_LOOKUP_KEY = "another-key-not-the-one-held-apart-0000000000="
    other = tmp_path / "other.csv"
    call_command("export_research_data", approval=approval.pk, output=str(other))
    assert next(csv.DictReader(other.open()))["buyer_id"] != pseudonym
    approval.refresh_from_db()
    assert approval.exports == 2 and approval.last_exported_at is not None


def test_a_research_export_without_a_current_approval_is_refused(approval, order, tmp_path):
    # clause: SHR-10
    out = tmp_path / "research.csv"
    with pytest.raises(CommandError, match="No research approval"):
        call_command("export_research_data", approval=999999, output=str(out))
    ResearchApproval.objects.filter(pk=approval.pk).update(
        approved_on=TODAY - datetime.timedelta(days=100), expires_on=TODAY - datetime.timedelta(days=1)
    )
    with pytest.raises(CommandError, match="not valid"):
        call_command("export_research_data", approval=approval.pk, output=str(out))
    assert not out.exists()


def test_the_research_approval_admin_refuses_hostile_input_and_records_the_officer(client):
    from django.urls import reverse

    from tests.staff import sign_in_staff

    officer = Member.objects.create_user("officer2", "officer password 123", is_staff=True, is_superuser=True)
    sign_in_staff(client, officer)
    partner = Partner.objects.get(code="research-institutions")
    url = reverse("admin:privacy_researchapproval_add")
    base = {"partner": partner.pk, "project": "Trade study", "dataset": "order_statistics", "approved_on": TODAY}

    ends_first = client.post(url, {**base, "expires_on": TODAY - datetime.timedelta(days=1)})
    wrong_partner = client.post(url, {**base, "partner": Partner.objects.get(code="alipay").pk, "expires_on": TODAY})
    hostile = client.post(url, {**base, "project": "<script>x</script>" + "x" * 300, "expires_on": TODAY})

    assert [r.status_code for r in (ends_first, wrong_partner, hostile)] == [200, 200, 200]
    assert "<script>x</script>" not in hostile.content.decode()
    assert not ResearchApproval.objects.exists()
    assert client.post(url, {**base, "expires_on": TODAY}).status_code == 302
    assert ResearchApproval.objects.get().approved_by == officer
