"""A `next` parameter is followed only as a path on this site, never as a view name (issue 15, item 6)."""

import pytest
from django.urls import reverse

from privacy.notices import Feature
from privacy.purposes import Purpose
from tests.catalog.factories import CategoryFactory, CommodityFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "foo",
    "home",
    "admin:index",
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "javascript:alert(1)",
    "/privacy/\x00",
    "/privacy/\r\nSet-Cookie: x=1",
]


def forms(member):
    """Each form with a `next` field: (url, data, where it goes by default)."""
    commodity = CommodityFactory()
    category = CategoryFactory()
    return {
        "cookie choice": (reverse("privacy:cookies"), {"choice": "reject_all"}, reverse("privacy:cookies")),
        "favourite": (reverse("catalog:favorite", args=[commodity.pk]), {}, reverse("catalog:favorites")),
        "block category": (reverse("catalog:block-category", args=[category.pk]), {}, reverse("home")),
        "consent": (
            reverse("privacy:grant-consent"),
            {"purpose": Purpose.MARKETING_EMAIL.value, "scope": ""},
            reverse("home"),
        ),
        "notice": (
            reverse("privacy:acknowledge-notice"),
            {"feature": Feature.FACE_VERIFICATION.value},
            reverse("home"),
        ),
    }


@pytest.mark.parametrize("form", ["cookie choice", "favourite", "block category", "consent", "notice"])
@pytest.mark.parametrize("next_value", HOSTILE)
def test_a_next_value_that_is_not_a_local_path_goes_to_the_default(client, member, form, next_value):
    client.force_login(member)
    url, data, default = forms(member)[form]

    response = client.post(url, {**data, "next": next_value})

    # A form field with a NUL byte is a field error (400); every other value is a redirect to the default.
    assert (response.status_code, response.get("Location")) in [(302, default), (400, None)]
    assert response.status_code == 302 or "\x00" in next_value


@pytest.mark.parametrize("form", ["cookie choice", "favourite", "block category", "consent", "notice"])
def test_a_local_path_is_followed(client, member, form):
    client.force_login(member)
    url, data, _default = forms(member)[form]

    response = client.post(url, {**data, "next": "/search/?q=lamp"})

    assert response["Location"] == "/search/?q=lamp"


def test_real_name_authentication_follows_only_a_local_next(client, member):
    client.force_login(member)
    data = {"consent_sensitive": "on", "real_name": "Alice Wang", "id_number": "11010519491231002X"}

    response = client.post(reverse("members:real-name") + "?next=foo", data)

    assert response.status_code == 302
    assert response["Location"] == reverse("members:real-name")
