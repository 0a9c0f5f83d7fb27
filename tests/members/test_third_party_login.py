"""Third-party login with a separate consent per provider (MEM-06), through allauth's dummy provider (no network)."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from privacy import consent
from privacy.models import ConsentEvent
from privacy.purposes import Purpose

pytestmark = pytest.mark.django_db

LINK = reverse("members:link-provider", args=["dummy"])


@pytest.fixture
def signed_in(member):
    member.phone_verified_at = timezone.now()
    member.save(update_fields=["phone_verified_at"])
    client = Client()
    client.force_login(member)
    # Linking an account is a sensitive action: it asks for the password again.
    client.post(reverse("account_reauthenticate"), {"password": "correct horse battery"})
    return client


def through_provider(client: Client, *, process: str, uid: int = 4242):
    """Go through the provider's sign-in as a browser would: start, then answer its form."""
    start = client.post(reverse("dummy_login") + f"?process={process}")
    return client.post(start.url, {"id": uid, "username": "wx_alice", "first_name": "Alice", "email": "a@example.com"})


def test_the_link_page_names_the_provider_and_the_imported_fields(signed_in):
    html = signed_in.get(LINK).content.decode()

    assert "Dummy" in html
    assert "Account identifier" in html
    assert "User name" in html


def test_linking_with_consent_records_it_and_keeps_only_the_listed_fields(signed_in, member):
    """MEM-06."""
    response = signed_in.post(LINK, {"consent": "on"})
    assert response.status_code == 302

    through_provider(signed_in, process="connect")

    account = SocialAccount.objects.get(user=member, provider="dummy")
    assert set(account.extra_data) <= {"id", "username"}
    assert consent.has_consent(member, Purpose.THIRD_PARTY_LOGIN, scope="dummy")


def test_linking_without_consent_is_refused(signed_in, member):
    """MEM-06: linking without ticking consent is refused."""
    response = signed_in.post(LINK, {})
    assert "consent" in response.context["form"].errors

    through_provider(signed_in, process="connect")

    assert not SocialAccount.objects.exists()
    assert not ConsentEvent.objects.filter(purpose=Purpose.THIRD_PARTY_LOGIN).exists()


def test_a_linked_member_signs_in_through_the_provider(signed_in, member):
    signed_in.post(LINK, {"consent": "on"})
    through_provider(signed_in, process="connect")
    visitor = Client()

    through_provider(visitor, process="login")

    assert visitor.get(reverse("members:dashboard")).status_code == 200


def test_unlinking_withdraws_the_consent_and_the_provider_no_longer_signs_in(signed_in, member):
    """MEM-06: after unlinking, login through that provider fails and the consent shows a withdrawal time."""
    signed_in.post(LINK, {"consent": "on"})
    through_provider(signed_in, process="connect")
    account = SocialAccount.objects.get(user=member)

    signed_in.post(reverse("socialaccount_connections"), {"account": account.pk})

    assert not SocialAccount.objects.exists()
    withdrawal = consent.history(member, Purpose.THIRD_PARTY_LOGIN).first()
    assert (withdrawal.is_granted, withdrawal.scope) == (False, "dummy")
    assert withdrawal.occurred_at is not None
    visitor = Client()
    through_provider(visitor, process="login")
    assert visitor.get(reverse("members:dashboard")).status_code == 302


def test_an_unknown_provider_is_not_found(signed_in):
    assert signed_in.get(reverse("members:link-provider", args=["nowhere"])).status_code == 404


def test_a_visitor_is_sent_to_sign_in_from_the_link_page(client):
    assert client.get(LINK).status_code == 302
