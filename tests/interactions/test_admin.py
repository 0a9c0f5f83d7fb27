"""Admin of interactions: marketing records are masked like every registered personal field."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from interactions.models import MarketingMessage
from members.models import Member
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


def test_staff_see_the_address_of_a_marketing_message_masked(client, member):
    message = MarketingMessage.objects.create(
        member=member, channel="email", address="alice.wong@example.com", subject="Offer"
    )
    staff = Member.objects.create_user("viewer", "viewer password 123", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_marketingmessage"))
    sign_in_staff(client, staff)

    html = client.get(reverse("admin:interactions_marketingmessage_change", args=[message.pk])).content.decode()

    assert "alice.wong@example.com" not in html
    assert "Offer" in html
