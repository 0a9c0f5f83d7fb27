""" "Forgot your password?" never fails: e-mail recovery only with a mail backend and for members' addresses (issue 15, 9)."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

RESET = reverse("account_reset_password")
DONE = reverse("account_reset_password_done")
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def with_email(member):
    EmailAddress.objects.create(user=member, email="alice@example.com", verified=True, primary=True)
    return member


def test_recovery_by_phone_offers_the_e_mail_reset_page_which_opens(client):
    assert RESET in client.get(reverse("members:password-recovery")).content.decode()
    assert client.get(RESET).status_code == 200


@pytest.mark.parametrize(
    "backend", [(SMTP, ""), ("django.core.mail.backends.dummy.EmailBackend", "")], ids=["smtp-no-host", "production"]
)
def test_without_a_mail_backend_the_page_says_so_instead_of_failing(client, with_email, settings, backend):
    settings.EMAIL_BACKEND, settings.EMAIL_HOST = backend

    response = client.post(RESET, {"email": "alice@example.com"})

    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["email"][0].code == "unavailable"
    assert "Password recovery by e-mail is not available." in response.content.decode()


def test_an_address_without_an_account_gets_the_same_answer_and_no_mail(client, with_email):
    stranger = client.post(RESET, {"email": "someone@example.org"})
    owner = client.post(RESET, {"email": "alice@example.com"})

    assert (stranger.status_code, stranger.url) == (owner.status_code, owner.url) == (302, DONE)
    assert [message.to for message in mail.outbox] == [["alice@example.com"]]


def test_the_recovery_mail_links_to_the_sites_public_address(client, with_email, settings):
    settings.SITE_BASE_URL = "https://portal.example.com"

    client.post(RESET, {"email": "alice@example.com"}, HTTP_HOST="localhost")

    (message,) = mail.outbox
    assert "https://portal.example.com/accounts/password/reset/key/" in message.body


def test_a_mail_server_that_does_not_answer_is_no_server_error(client, with_email, settings):
    settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT = SMTP, "127.0.0.1", 9
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 2

    response = client.post(RESET, {"email": "alice@example.com"})

    assert (response.status_code, response.url) == (302, DONE)
