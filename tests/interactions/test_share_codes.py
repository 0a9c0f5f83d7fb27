"""Share codes pasted from the clipboard: only a platform code is accepted, and nothing is stored (INT-11)."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from interactions import friends
from interactions.models import new_event_share_code
from privacy import consent
from privacy.purposes import Purpose
from tests.interactions.test_events import make_event

pytestmark = pytest.mark.django_db

SHARE = reverse("interactions:share-code")
PROJECT_APPS = {"privacy", "members", "interactions", "catalog", "orders", "publishing", "support", "rights"}


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and not model._meta.proxy
    }


@pytest.mark.parametrize(
    "text",
    [
        "my bank password is hunter2",
        "call me on 13800138001",
        "<script>alert(1)</script>",
        "1688F-ABCDEFGH and also my address",
        "1688X-ABCDEFGH",
        "\x00",
        "1688F-" + "A" * 5000,
    ],
)
def test_posting_arbitrary_text_to_the_share_code_resolver_returns_400_and_saves_nothing(client, member, text):
    # clause: INT-11
    client.force_login(member)
    before = row_counts()

    response = client.post(SHARE, {"code": text})

    assert response.status_code == 400
    assert row_counts() == before
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_an_invitation_code_leads_to_the_add_friend_form_and_is_not_stored(client, member, other_member):
    # clause: INT-11
    code = friends.create_invitation(member=member).code
    client.force_login(other_member)
    before = row_counts()

    response = client.post(SHARE, {"code": f"  {code.lower()} "})

    assert response.status_code == 302
    assert response.url == f"{reverse('interactions:friend-redeem')}?code={code}"
    assert row_counts() == before


def test_an_event_share_code_leads_to_the_event(client, member):
    event = make_event()
    client.force_login(member)

    response = client.post(SHARE, {"code": event.share_code})

    assert response.status_code == 302 and response.url == reverse("interactions:event", args=[event.pk])
    assert client.post(SHARE, {"code": new_event_share_code()}).status_code == 400


def test_the_paste_button_says_whether_the_clipboard_may_be_read(client, member, web):
    client.force_login(member)
    assert 'data-clipboard-allowed="false"' in client.get(SHARE).content.decode()

    consent.grant(member, Purpose.PERMISSION_CLIPBOARD, context=web)

    html = client.get(SHARE).content.decode()
    assert 'data-clipboard-allowed="true"' in html and "js/share-code.js" in html


def test_the_resolver_needs_a_csrf_token_and_a_signed_in_member(client, member):
    assert client.get(SHARE).status_code == 302
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post(SHARE, {"code": new_event_share_code()}).status_code == 403
