"""Real-name authentication: encrypted ID numbers, masked display, logged reveals, account retrieval (VER, SEC-06)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from members import identity
from members.models import AccountRetrievalRequest, IdentityReveal, IdentityVerification, Member
from privacy import consent
from privacy.models import StaffAccessLog
from privacy.purposes import Purpose
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"
REAL_NAME = "王小明"
PAGE = reverse("members:real-name")


def authenticate(client, **overrides):
    data = {"consent_sensitive": "on", "real_name": REAL_NAME, "id_number": ID_NUMBER} | overrides
    return client.post(PAGE, {k: v for k, v in data.items() if v is not None})


def test_a_member_authenticates_and_sees_only_the_masked_number(client, member):
    """VER-06: shown masked (first and last characters)."""
    client.force_login(member)

    authenticate(client)
    html = client.get(PAGE).content.decode()

    assert "1••••••••••••••••X" in html
    assert ID_NUMBER not in html
    assert consent.has_consent(member, Purpose.SENSITIVE_IDENTITY)


def test_the_id_number_column_never_holds_the_plaintext(client, member):
    """SEC-06: the raw database column does not contain the number."""
    client.force_login(member)
    authenticate(client)

    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number_encrypted, id_number_hmac FROM members_identityverification")
        encrypted, keyed_hash = cursor.fetchone()

    assert ID_NUMBER not in encrypted
    assert ID_NUMBER not in keyed_hash


def test_without_the_sensitive_information_consent_nothing_is_collected(client, member):
    """VER-06: the separate consent comes before collection."""
    client.force_login(member)

    response = authenticate(client, consent_sensitive=None)

    assert "consent_sensitive" in response.context["form"].errors
    assert not IdentityVerification.objects.exists()
    assert not consent.has_consent(member, Purpose.SENSITIVE_IDENTITY)


def test_the_service_refuses_to_store_an_identity_without_consent(member):
    with pytest.raises(PermissionDenied):
        identity.authenticate_real_name(
            member=member, real_name=REAL_NAME, id_number=ID_NUMBER, context=consent.RequestContext("web")
        )
    assert not IdentityVerification.objects.exists()


@pytest.mark.parametrize("bad", ["110105194912310021", "11010519491231002", "1101051949123100XX", "110105194913310026"])
def test_an_invalid_id_number_gets_a_field_error(client, member, bad):
    client.force_login(member)

    response = authenticate(client, id_number=bad)

    assert "id_number" in response.context["form"].errors
    assert not IdentityVerification.objects.exists()


def test_the_full_number_needs_reauthentication_and_every_view_is_logged(client, member):
    """VER-06."""
    client.force_login(member)
    authenticate(client)

    first = client.get(reverse("members:real-name-full"))
    assert first.url.startswith(reverse("account_reauthenticate"))
    assert not IdentityReveal.objects.exists()

    client.post(reverse("account_reauthenticate"), {"password": "correct horse battery"})
    html = client.get(reverse("members:real-name-full")).content.decode()

    assert ID_NUMBER in html
    assert IdentityReveal.objects.filter(member=member, viewer=member).count() == 1


def test_authentication_fills_in_the_date_of_birth_for_minor_checks(client, member):
    """MIN-01: minor status can come from verification."""
    client.force_login(member)

    authenticate(client, id_number="440304201506011239")

    member.refresh_from_db()
    assert member.date_of_birth.isoformat() == "2015-06-01"
    assert member.is_child


def test_a_visitor_is_sent_to_sign_in_from_real_name_pages(client):
    for name in ["members:real-name", "members:real-name-full"]:
        assert client.get(reverse(name)).status_code == 302


def staff(name, *perms):
    user = Member.objects.create_user(name, "pw-staff-123", is_staff=True)
    user.groups.add(Group.objects.get(name="customer_service"))
    for code in perms:
        user.user_permissions.add(Permission.objects.get(codename=code))
    return user


def test_staff_without_view_identity_cannot_see_id_numbers_in_admin(client, member):
    """VER-06."""
    client.force_login(member)
    authenticate(client)
    verification = IdentityVerification.objects.get()
    sign_in_staff(client, staff("agent"))

    page = client.get(reverse("admin:members_identityverification_change", args=[verification.pk])).content.decode()
    reveal = client.post(
        reverse("admin:members_identityverification_reveal", args=[verification.pk]),
        {"fields_to_reveal": ["id_number"], "reason": "ticket 7"},
    )

    assert ID_NUMBER not in page
    assert "1••••••••••••••••X" in page
    assert reveal.status_code == 403
    assert not StaffAccessLog.objects.exists()


def test_staff_with_view_identity_reveal_a_number_and_it_is_logged(client, member):
    """VER-06, SEC-08."""
    client.force_login(member)
    authenticate(client)
    verification = IdentityVerification.objects.get()
    officer = staff("officer", "view_identity")
    sign_in_staff(client, officer)

    html = client.post(
        reverse("admin:members_identityverification_reveal", args=[verification.pk]),
        {"fields_to_reveal": ["id_number"], "reason": "court order 2026-11"},
    ).content.decode()

    assert ID_NUMBER in html
    log = StaffAccessLog.objects.get()
    assert (log.staff, log.member, log.fields) == (officer, member, ["id_number"])
    assert IdentityReveal.objects.filter(viewer=officer).exists()


RETRIEVE = reverse("members:account-retrieval")


def retrieval(**overrides):
    return {
        "member_name": "alice",
        "real_name": REAL_NAME,
        "id_number": ID_NUMBER,
        "new_phone": "13900000003",
    } | overrides


def test_retrieval_matches_only_the_verified_identity_and_keeps_no_submitted_id(client, member):
    """VER-03."""
    client.force_login(member)
    authenticate(client)
    client.logout()

    client.post(RETRIEVE, retrieval())
    client.post(RETRIEVE, retrieval(real_name="Someone Else"))

    matched, unmatched = AccountRetrievalRequest.objects.order_by("id")
    assert (matched.is_identity_matched, unmatched.is_identity_matched) == (True, False)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM members_accountretrievalrequest")
        assert ID_NUMBER not in str(cursor.fetchall())


def test_approving_a_matched_request_moves_the_account_to_the_new_number(client, member):
    """VER-03."""
    client.force_login(member)
    authenticate(client)
    client.logout()
    client.post(RETRIEVE, retrieval())
    request = AccountRetrievalRequest.objects.get()

    assert identity.decide_account_retrieval(request=request, approve=True)
    assert not identity.decide_account_retrieval(request=request, approve=True)

    member.refresh_from_db()
    assert member.phone == "+8613900000003"
    assert member.phone_verified_at is None


def test_an_unmatched_request_cannot_be_approved(client, member):
    client.post(RETRIEVE, retrieval())

    with pytest.raises(ValidationError, match="identity matched"):
        identity.decide_account_retrieval(request=AccountRetrievalRequest.objects.get(), approve=True)


def test_retrieval_requests_are_rate_limited(client, member):
    for _ in range(4):
        client.post(RETRIEVE, retrieval())

    assert AccountRetrievalRequest.objects.count() == 3


def test_a_retrieval_with_an_invalid_id_number_gets_a_field_error(client, member):
    response = client.post(RETRIEVE, retrieval(id_number="123"))

    assert "id_number" in response.context["form"].errors
    assert not AccountRetrievalRequest.objects.exists()


def test_every_verification_is_confirmed_by_a_recognised_provider(member):
    """VER-05: the provider is state_agency or alipay; the database refuses anything else."""
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        IdentityVerification.objects.create(
            member=member,
            real_name="x",
            id_number_encrypted="x",
            id_number_hmac="x",
            id_number_hint="x",
            provider="nobody",
        )


def test_after_authenticating_the_member_returns_to_the_gated_page(client, member):
    """VER-04: the gate's link brings the member back."""
    client.force_login(member)

    response = client.post(
        PAGE + "?next=/members/", {"consent_sensitive": "on", "real_name": REAL_NAME, "id_number": ID_NUMBER}
    )

    assert response.url == "/members/"
