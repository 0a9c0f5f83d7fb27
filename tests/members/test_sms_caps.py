"""Texts a visitor can trigger are capped per number, per address and platform-wide; no enumeration (issue 15, 3)."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from interactions.models import SmsMessage
from members.models import Member

pytestmark = pytest.mark.django_db

REQUEST_CODE = reverse("account_request_login_code")
STRANGER = "+8613900000077"  # no account


@pytest.fixture
def verified(member):
    Member.objects.filter(pk=member.pk).update(phone_verified_at=timezone.now())
    return member


def request_code(phone: str, *, ip: str = "203.0.113.5"):
    response = Client(REMOTE_ADDR=ip).post(REQUEST_CODE, {"phone": phone})
    return response.status_code, response.get("Location")


def texts_to(phone: str) -> int:
    return SmsMessage.objects.filter(phone=phone).count()


def test_a_number_without_an_account_is_texted_at_most_once_a_day_and_the_answer_never_changes(verified):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        answers = []
        for minute in range(4):
            clock.move_to(start + datetime.timedelta(minutes=2 * minute))
            answers.append(request_code(STRANGER, ip=f"203.0.113.{minute}"))
        registered = request_code("+8613800138001", ip="203.0.113.50")
        assert texts_to(STRANGER) == 1
        clock.move_to(start + datetime.timedelta(days=1, minutes=1))
        request_code(STRANGER, ip="203.0.113.60")

    assert texts_to(STRANGER) == 2
    assert len(set(answers)) == 1
    assert answers[0] == registered


def test_a_registered_number_gets_at_most_five_codes_an_hour_and_ten_a_day(verified):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for minute in range(8):
            clock.move_to(start + datetime.timedelta(minutes=2 * minute))
            request_code("13800138001", ip=f"198.51.100.{minute}")
        assert texts_to("+8613800138001") == 5
        for hour in range(1, 4):
            for minute in range(5):
                clock.move_to(start + datetime.timedelta(hours=hour, minutes=2 * minute))
                request_code("13800138001", ip=f"198.51.{hour}.{minute}")

    assert texts_to("+8613800138001") == 10


def test_one_address_triggers_at_most_ten_texts_an_hour(db):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for number in range(14):
            clock.move_to(start + datetime.timedelta(seconds=10 * number))
            request_code(f"+86139000001{number:02d}", ip="192.0.2.1")
        from_elsewhere = "+8613900000199"
        request_code(from_elsewhere, ip="192.0.2.2")

    assert SmsMessage.objects.exclude(phone=from_elsewhere).count() == 10
    assert texts_to(from_elsewhere) == 1


def test_the_platform_stops_texting_visitors_once_the_daily_budget_is_spent(db, settings):
    settings.SMS_DAILY_BUDGET = 3

    for number in range(5):
        request_code(f"+86139000002{number:02d}", ip=f"192.0.2.{number}")

    assert SmsMessage.objects.count() == 3
