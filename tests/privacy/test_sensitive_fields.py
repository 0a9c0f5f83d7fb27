"""Sensitive personal information: encrypted at rest, and collected only with its separate consent."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.urls import reverse

from members.models import Member
from orders.models import AlipayChangeRequest, Order, Payment
from privacy.encryption import SealedTextField
from privacy.models import ConsentEvent
from privacy.purposes import Purpose
from privacy.registry import registry
from rights.models import RequestEvidence, RightsRequest
from tests.members.test_minors import PHONE

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Columns that could hold a sensitive value itself (a row declaring no sealed column must have none).
VALUE_COLUMNS = (models.TextField, models.BinaryField, models.FileField)


def sensitive_entries():
    return [
        pytest.param(registration, name, pi, id=f"{registration.label}.{name or 'row'}")
        for registration in registry
        for name, pi in registration.entries()
        if pi.sensitive
    ]


@pytest.mark.parametrize(("registration", "name", "pi"), sensitive_entries())
def test_every_sensitive_entry_is_encrypted_and_names_the_consent_its_collection_records(registration, name, pi):
    # clause: DEF-02
    model = registration.model
    if name:
        columns = [name]
    else:
        assert pi.sealed is not None, f"{registration.label}: name the encrypted columns of this sensitive row"
        columns = list(pi.sealed)
        if not columns:
            # The row records only an outcome (a face check passed or not): no column may hold the value itself.
            plain = [
                field.name
                for field in model._meta.concrete_fields
                if isinstance(field, VALUE_COLUMNS) and not isinstance(field, SealedTextField)
            ]
            assert not plain, f"{registration.label}: {plain} could hold sensitive values unencrypted"
    for column in columns:
        field = model._meta.get_field(column)
        assert isinstance(field, SealedTextField), f"{registration.label}.{column} is not encrypted at rest"
    assert isinstance(pi.consent, Purpose), f"{registration.label}.{name or 'row'}: name its separate consent"


def raw_column(model, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])  # noqa: S608 - test
        return cursor.fetchone()[0]


def signup(client, **extra):
    return client.post(
        reverse("account_signup"),
        {
            "phone": PHONE,
            "username": "grown",
            "password1": "a long enough secret",
            "password2": "a long enough secret",
            "date_of_birth": "1990-01-01",
            "accept_policy": "on",
            **extra,
        },
    )


def test_sign_up_keeps_a_date_of_birth_only_with_its_separate_consent(client):
    refused = signup(client)

    assert refused.status_code == 200 and "birth_date_consent" in refused.context["form"].errors
    assert not Member.objects.exists() and not ConsentEvent.objects.exists()

    signup(client, birth_date_consent="on")

    member = Member.objects.get(member_name="grown")
    assert str(member.date_of_birth) == "1990-01-01"
    assert "1990" not in raw_column(Member, "date_of_birth", member.pk)
    assert ConsentEvent.objects.filter(member=member, purpose=Purpose.BIRTH_DATE, is_granted=True).exists()


def test_sign_up_without_a_date_of_birth_asks_for_no_birth_date_consent(client):
    signup(client, date_of_birth="")

    member = Member.objects.get(member_name="grown")
    assert member.date_of_birth is None
    assert not ConsentEvent.objects.filter(purpose=Purpose.BIRTH_DATE).exists()


def test_my_alipay_keeps_an_account_only_with_its_separate_consent(client, member):
    client.force_login(member)
    url = reverse("orders:my-alipay")

    refused = client.post(url, {"new_account": "13800135678"})

    assert refused.status_code == 400 and "account_consent" in refused.context["form"].errors
    assert not AlipayChangeRequest.objects.exists() and not ConsentEvent.objects.exists()

    assert client.post(url, {"new_account": "13800135678", "account_consent": "on"}).status_code == 302
    assert AlipayChangeRequest.objects.get(member=member).new_account == "+8613800135678"
    assert ConsentEvent.objects.filter(member=member, purpose=Purpose.FINANCIAL_ACCOUNT, is_granted=True).exists()


def test_pay_on_behalf_keeps_the_payers_details_only_with_their_separate_consent(client, member):
    order = Order.objects.create(
        number="20260101000001",
        buyer=member,
        status=Order.Status.PLACED,
        total_amount=Decimal("199.00"),
        consignee_name="Alice Wang",
        consignee_phone="+8613800138001",
        delivery_address="12 Wensan Road, Hangzhou",
    )
    client.force_login(member)
    url = reverse("orders:pay", args=[order.number])
    data = {"partner": "alipay", "is_paid_by_other": "on", "payer_phone": "13900139000", "payer_agreed": "on"}

    refused = client.post(url, data)

    assert refused.status_code == 400 and "payer_details_consent" in refused.context["payment_form"].errors
    assert not Payment.objects.exists() and not ConsentEvent.objects.exists()
    order.refresh_from_db()
    assert order.status == Order.Status.PLACED

    assert client.post(url, {**data, "payer_details_consent": "on"}).status_code == 302
    assert Payment.objects.get(order=order).payer_phone == "+8613900139000"
    assert ConsentEvent.objects.filter(member=member, purpose=Purpose.FINANCIAL_ACCOUNT, is_granted=True).exists()


@pytest.mark.parametrize("channel", ["form", "api"])
def test_a_proof_document_is_kept_encrypted_and_only_with_its_separate_consent(client, member, channel):
    client.force_login(member)
    data = {"details": "x", "requester_type": "agent", "requester_name": "Li Lei"}
    if channel == "form":
        url, consent = reverse("rights:request-new", args=["correction"]), "on"
    else:
        url, consent = reverse("rights-api:requests"), "true"
        data["type"] = "correction"

    refused = client.post(url, {**data, "proof": SimpleUploadedFile("p.pdf", PDF, "application/pdf")})

    assert refused.status_code == 400 and "proof_consent" in refused.content.decode()
    assert not RightsRequest.objects.exists() and not RequestEvidence.objects.exists()
    assert not ConsentEvent.objects.exists()

    accepted = client.post(
        url, {**data, "proof": SimpleUploadedFile("p.pdf", PDF, "application/pdf"), "proof_consent": consent}
    )

    assert accepted.status_code in (201, 302)
    evidence = RequestEvidence.objects.get()
    assert evidence.content == PDF
    stored = raw_column(RequestEvidence, "content", evidence.pk)
    assert b"%PDF" not in stored.encode()
    assert ConsentEvent.objects.filter(member=member, purpose=Purpose.RIGHTS_EVIDENCE, is_granted=True).exists()
