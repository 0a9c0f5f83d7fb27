"""RFC 8058 one-click unsubscribe without a CSRF token, and absolute links on SITE_BASE_URL (issue 15, item 5)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from interactions import marketing
from members import guardians
from members.models import Member
from privacy import consent
from privacy.purposes import Purpose

pytestmark = pytest.mark.django_db

BASE = "https://portal.example.com"


@pytest.fixture(autouse=True)
def site_base_url(settings):
    settings.SITE_BASE_URL = BASE


@pytest.fixture
def sent(member, django_capture_on_commit_callbacks):
    context = consent.RequestContext(channel=consent.Channel.WEB, ip_address="203.0.113.9", user_agent="pytest")
    consent.grant(member, Purpose.MARKETING_EMAIL, context=context)
    with django_capture_on_commit_callbacks(execute=True):
        return marketing.send_marketing_email(member, address="a@example.com", subject="Offer", body="Hi")


def one_click(url: str):
    """What a mail client sends for `List-Unsubscribe-Post: List-Unsubscribe=One-Click`: no cookie, no CSRF token."""
    return Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )


def test_a_mail_clients_one_click_post_unsubscribes(member, sent):
    (email,) = mail.outbox
    link = email.extra_headers["List-Unsubscribe"].strip("<>")

    response = one_click(link.removeprefix(BASE))

    assert response.status_code == 200
    assert not consent.has_consent(member, Purpose.MARKETING_EMAIL)


@pytest.mark.parametrize("token", ["forged", "eyJtZXNzYWdlIjoxfQ:forged:signature"])
def test_a_one_click_post_with_a_forged_token_is_refused(member, sent, token):
    response = one_click(reverse("interactions:unsubscribe", args=[token]))

    assert response.status_code == 400
    assert consent.has_consent(member, Purpose.MARKETING_EMAIL)


def test_other_forms_still_need_the_csrf_token(member):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)

    assert strict.post(reverse("privacy:cookies"), {"choice": "accept_all"}).status_code == 403


def test_the_unsubscribe_link_in_the_mail_is_on_the_sites_public_address(sent):
    (email,) = mail.outbox

    assert email.extra_headers["List-Unsubscribe"].startswith(f"<{BASE}/privacy/unsubscribe/")
    assert f"{BASE}/privacy/unsubscribe/" in email.body
    assert "localhost" not in email.body


def test_the_guardian_link_ignores_the_host_the_request_names(client):
    child = Member.objects.create_user("kid", "a long enough secret", phone="+8613900000501", is_active=False)
    token = guardians.guardian_token(child)

    html = client.get(
        reverse("members:guardian-pending", args=[token]), HTTP_HOST="localhost", SERVER_NAME="localhost"
    ).content.decode()

    assert f"{BASE}{reverse('members:guardian-consent', args=[token])}" in html
