"""`manage.py seed_demo` gives `make run` a usable portal, and running it twice adds nothing."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from catalog.models import Commodity
from members.models import Member
from orders.models import Order
from publishing.models import Review

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _development(settings):
    settings.DEBUG = True


def test_seed_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="only in development"):
        call_command("seed_demo")

    assert not Member.objects.filter(is_superuser=True).exists()
    assert not Member.objects.exists()


def test_seed_demo_creates_members_staff_commodities_orders_and_reviews(capsys):
    call_command("seed_demo")

    out = capsys.readouterr().out
    assert "officer" in out
    assert "officer-demo-2023" in out
    officer = Member.objects.get(member_name="officer")
    service = Member.objects.get(member_name="service")
    assert officer.is_staff
    assert officer.groups.filter(name="privacy_officer").exists()
    assert officer.check_password("officer-demo-2023")
    assert service.groups.filter(name="customer_service").exists()
    assert Commodity.objects.count() >= 300
    assert Review.objects.exists()
    three_years_ago = timezone.now() - timedelta(days=3 * 366)
    assert Order.objects.filter(completed_at__lt=three_years_ago).exists()
    assert Order.objects.filter(completed_at__gt=three_years_ago).exists()


def test_seed_demo_run_twice_duplicates_nothing(capsys):
    call_command("seed_demo")
    counts = [model.objects.count() for model in (Member, Commodity, Order, Review)]

    call_command("seed_demo")

    assert [model.objects.count() for model in (Member, Commodity, Order, Review)] == counts
    assert "nothing added" in capsys.readouterr().out
