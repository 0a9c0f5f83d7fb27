"""The de-identified training export of service conversations (CS-05, POL-09)."""

import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from members.models import Member
from orders.models import Address, Order
from privacy.encryption import unseal
from privacy.registry import registry
from support import services, training
from support.models import TrainingExport
from support.tasks import export_training_set
from tests.conftest import wait_until


@pytest.fixture
def export_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def _people_and_tickets(agent):
    alice = Member.objects.create_user(
        "alice_w",
        "a long enough secret",
        phone="+8613800138001",
        real_name="Wang Xiaoli",
        nickname="Sunny",
        landline="0571-88886666",
        other_contact="wechat-alicew88",
        phone_verified_at=timezone.now(),
    )
    order = Order.objects.create(
        number="20261130000123",
        buyer=alice,
        total_amount=Decimal("20.00"),
        consignee_name="Zhang Wei",
        consignee_phone="+8613911112222",
        delivery_address="18 Wensan Road, Xihu District, Hangzhou",
    )
    Address.objects.create(
        member=alice, consignee_name="Chen Jing", phone="+8613722223333", address="7 Qingchun Road, Hangzhou"
    )
    ticket = services.open_ticket(
        member=alice,
        kind="dispute",
        subject="Order 20261130000123 for Wang Xiaoli",
        body=(
            "Hi, I am Wang Xiaoli (alice_w, aka Sunny). Order 20261130000123 went to Zhang Wei at "
            "18 Wensan Road, Xihu District, Hangzhou instead of Chen Jing at 7 Qingchun Road, Hangzhou. "
            "Call me on 138 0013 8001 or 0571-88886666, or wechat-alicew88, or mail alice@example.com. "
            "My ID is 330102199001011234. Zhang's phone is 13911112222."
        ),
        order=order,
    )
    services.answer_ticket(ticket=ticket, staff=agent, body="Dear WANG XIAOLI, agent agentli here; we are on it.")
    services.close_ticket(ticket=ticket, staff=agent)
    open_one = services.open_ticket(member=alice, kind="question", subject="Still open", body="Sunny asks again")
    return alice, order, ticket, open_one


def _corpus(export):
    lines = training.export_path(export).read_text(encoding="utf-8").splitlines()
    return [json.loads(unseal(line)) for line in lines]


def _registered_values(member_ids):
    values = set()
    for registration in registry:
        names = training.identifier_fields(registration)
        subject = "pk" if registration.subject == "pk" else registration.subject
        for row in registration.model.objects.filter(**{f"{subject}__in": member_ids}).values_list(*names):
            values.update(v for v in row if isinstance(v, str) and len(v.strip()) >= 2)
    return values


PHONE = re.compile(r"1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}")
ID_NUMBER = re.compile(r"\d{17}[\dXx]")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@pytest.mark.django_db
def test_a_pii_scan_of_the_exported_corpus_finds_no_identifier(client, export_dir):
    """clause: CS-05, POL-09"""
    agent = Member.objects.create_superuser("agentli", "staff password 1234")
    alice, *_rest = _people_and_tickets(agent)

    call_command("export_support_training_set")

    export = TrainingExport.objects.get()
    assert export.status == TrainingExport.Status.DONE and export.ticket_count == 1
    raw = training.export_path(export).read_text(encoding="utf-8")
    assert "Wang" not in raw  # encrypted at rest (POL-09)
    rows = _corpus(export)
    # What a model would train on: the subject and every turn.
    text = "\n".join([row["subject"] for row in rows] + [turn["text"] for row in rows for turn in row["turns"]])
    # The conversation survives, the identifiers do not.
    assert "went to" in text and "we are on it" in text and "Still open" not in text
    assert not PHONE.search(text) and not ID_NUMBER.search(text) and not EMAIL.search(text)
    assert rows[0]["member"].startswith("m-") and rows[0]["order"].startswith("o-")
    for value in _registered_values([alice.pk, agent.pk]):
        assert value.casefold() not in text.casefold(), value
    for digits in ["20261130000123", "88886666", "0571"]:
        assert digits not in text
    # The algorithm-principles page the policy links to exists (POL-09).
    assert client.get(reverse("privacy:algorithms")).status_code == 200


@pytest.mark.django_db
def test_the_export_scans_only_registered_identifier_fields():
    from members.models import Member as M

    fields = training.identifier_fields(registry.get(M))
    assert {"member_name", "phone", "real_name", "nickname", "landline"} <= set(fields)
    assert "number" in training.identifier_fields(registry.get(Order))


def test_the_celery_job_writes_the_same_de_identified_export(celery_worker, export_dir):
    """clause: CS-05"""
    agent = Member.objects.create_superuser("agentli", "staff password 1234")
    _people_and_tickets(agent)
    export = training.start_export()
    export_training_set.delay(export.pk)
    done = wait_until(lambda: TrainingExport.objects.filter(pk=export.pk, status="done").first())
    assert done and done.ticket_count == 1
    text = json.dumps(_corpus(done), ensure_ascii=False)
    assert "Wang Xiaoli" not in text and "13800138001" not in text and "went to" in text
