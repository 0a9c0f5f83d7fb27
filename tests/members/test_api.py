"""/api/v1/profile/ and API keys: a member reads and changes the profile with a session or a key they made."""

import pytest
from django.contrib import admin
from django.urls import reverse
from rest_framework.throttling import SimpleRateThrottle

from members import services
from members.models import ApiToken, Member, SecurityEvent
from tests.privacy.conftest import material_version  # noqa: F401  (a published material version)

pytestmark = pytest.mark.django_db
PROFILE = "/api/v1/profile/"


@pytest.fixture
def key(member):
    _token, key = services.create_api_token(member=member, name="phone")
    return key


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_key_reads_the_profile_with_the_numbers_masked(client, member, key):
    member.landline = "057188157858"
    member.save(update_fields=["landline"])

    response = client.get(PROFILE, **bearer(key))

    assert response.status_code == 200
    body = response.json()
    assert body["member_name"] == "alice"
    assert body["phone"] == "+8••••••••8001"
    assert body["landline"] == "05••••••7858"
    assert "+8613800138001" not in response.content.decode()
    assert "057188157858" not in response.content.decode()
    assert "password" not in body


def test_a_visitor_gets_401_and_is_told_to_send_a_key(client):
    response = client.get(PROFILE)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_wrong_or_revoked_key_is_refused(client, member, key):
    assert client.get(PROFILE, **bearer("not-a-key")).status_code == 401
    services.revoke_api_token(member=member, pk=ApiToken.objects.get().pk)

    assert client.get(PROFILE, **bearer(key)).status_code == 401


def test_the_key_of_a_closed_account_no_longer_works(client, member, key):
    Member.objects.filter(pk=member.pk).update(is_active=False)

    assert client.get(PROFILE, **bearer(key)).status_code == 401


def test_only_a_hash_of_the_key_is_stored_and_staff_have_no_admin_page_for_keys(member, key):
    token = ApiToken.objects.get()
    assert key not in {token.name, token.prefix, token.key_hash}
    assert token.prefix == key[:8]
    assert ApiToken not in admin.site._registry


def test_making_a_key_tells_the_member_in_messages(member, key):
    assert member.inbox_messages.filter(title="A new API key was made for your account").exists()


def test_a_key_is_refused_until_the_member_accepts_a_material_policy_version(client, member, key, material_version):  # noqa: F811
    refused = client.get(PROFILE, **bearer(key))
    pending = client.get("/api/v1/policy/", **bearer(key))

    assert refused.status_code == 403
    assert refused.json()["code"] == "policy_acceptance_required"
    assert pending.json() == {"pending_version": "2026 V2"}


def test_the_member_changes_the_landline_and_sees_it_on_the_next_read(client, member):
    client.force_login(member)

    response = client.patch(PROFILE, {"landline": "0571-88157858", "nickname": "Ali"}, content_type="application/json")

    assert response.status_code == 200
    member.refresh_from_db()
    assert (member.landline, member.nickname) == ("0571-88157858", "Ali")
    assert client.get(PROFILE).json()["nickname"] == "Ali"
    assert SecurityEvent.objects.filter(member=member, kind=SecurityEvent.Kind.PROFILE_CHANGED).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"nickname": "x" * 41}, "nickname"),
        ({"nickname": "a\x00b"}, "nickname"),
        ({"nickname": 5, "level": 9}, "level"),
        ({"phone": "+8613800138999"}, "phone"),
        ({"landline": ["0571"]}, "landline"),
    ],
)
def test_bad_or_unknown_fields_get_a_field_error_and_change_nothing(client, member, body, field):
    client.force_login(member)

    response = client.patch(PROFILE, body, content_type="application/json")

    assert response.status_code == 400
    assert field in response.json()
    member.refresh_from_db()
    assert (member.nickname, member.phone, member.level) == ("Alice W.", "+8613800138001", 1)


def test_malformed_json_is_a_400(client, member):
    client.force_login(member)

    response = client.patch(PROFILE, '{"nickname": ', content_type="application/json")

    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_list_instead_of_an_object_is_a_400(client, member):
    client.force_login(member)

    response = client.patch(PROFILE, '["nickname"]', content_type="application/json")

    assert response.status_code == 400


def test_an_oversized_body_is_refused_before_it_is_read(client, member, settings):
    client.force_login(member)
    body = '{"nickname": "' + "x" * (settings.REQUEST_BODY_MAX_BYTES + 1) + '"}'

    response = client.patch(PROFILE, body, content_type="application/json")

    assert response.status_code == 413
    member.refresh_from_db()
    assert member.nickname == "Alice W."


def test_a_session_without_the_csrf_token_cannot_change_the_profile(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    response = client.patch(PROFILE, {"nickname": "Mallory"}, content_type="application/json")

    assert response.status_code == 403
    member.refresh_from_db()
    assert member.nickname == "Alice W."


def test_too_many_requests_are_throttled(client, member, key, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"user": "2/minute", "anon": "2/minute"})

    statuses = [client.get(PROFILE, **bearer(key)).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_the_profile_read_takes_a_bounded_number_of_queries(client, member, key, django_assert_max_num_queries):
    client.get(PROFILE, **bearer(key))
    with django_assert_max_num_queries(4):
        assert client.get(PROFILE, **bearer(key)).status_code == 200


# -- the API keys page ------------------------------------------------------------


@pytest.fixture
def reauthenticated(client, member):
    client.force_login(member)
    client.post(reverse("account_reauthenticate"), {"password": "correct horse battery"})
    return client


def test_making_a_key_asks_for_the_password_again(client, member):
    client.force_login(member)

    response = client.post("/members/api-keys/", {"name": "My phone"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert not ApiToken.objects.exists()


def test_the_member_makes_a_key_on_the_page_sees_it_once_and_can_use_it(client, member, reauthenticated):
    made = client.post("/members/api-keys/", {"name": "My phone"})
    key = made.context["new_key"]
    again = client.get("/members/api-keys/").content.decode()

    assert made.status_code == 200
    assert key in made.content.decode()
    assert key not in again
    assert "My phone" in again
    assert client.get(PROFILE, **bearer(key)).status_code == 200


def test_the_member_revokes_a_key_on_the_page(client, member, key):
    client.force_login(member)

    response = client.post(f"/members/api-keys/{ApiToken.objects.get().pk}/revoke/")

    assert response.status_code == 302
    assert not ApiToken.objects.exists()
    client.logout()
    assert client.get(PROFILE, **bearer(key)).status_code == 401


def test_another_members_key_cannot_be_revoked(client, other_member, key):
    client.force_login(other_member)

    response = client.post(f"/members/api-keys/{ApiToken.objects.get().pk}/revoke/")

    assert response.status_code == 404
    assert ApiToken.objects.count() == 1


@pytest.mark.parametrize("name", ["", "x" * 61])
def test_a_bad_key_name_makes_no_key(client, member, name, reauthenticated):
    response = client.post("/members/api-keys/", {"name": name})

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_a_script_in_the_key_name_is_shown_escaped(client, member, reauthenticated):
    html = client.post("/members/api-keys/", {"name": "<script>alert(1)</script>"}).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_the_keys_page_needs_csrf_and_sign_in(client, member):
    from django.test import Client

    assert client.get("/members/api-keys/").status_code == 302
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post("/members/api-keys/", {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_the_keys_page_takes_a_bounded_number_of_queries(client, member, key, django_assert_max_num_queries):
    client.force_login(member)
    client.get("/members/api-keys/")
    with django_assert_max_num_queries(12):
        assert client.get("/members/api-keys/").status_code == 200


def test_the_dashboard_links_to_the_keys_page(client, member):
    client.force_login(member)

    assert 'href="/members/api-keys/"' in client.get("/members/").content.decode()


def test_confirming_an_account_closure_revokes_every_key(client, member, key):
    from rights.closure import request_closure

    request_closure(member=member)

    assert not ApiToken.objects.exists()
    assert client.get(PROFILE, **bearer(key)).status_code == 401
