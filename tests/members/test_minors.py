"""Section VII: children under 14 need a guardian's consent to the current Children's Rules (MIN-01..04)."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from interactions.models import SmsMessage
from members import guardians
from members.models import ChildrenRulesVersion, GuardianConsent, Member
from privacy import consent
from privacy.purposes import Purpose
from tests.members.conftest import last_code
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db

PHONE = "+8613912340000"


def child_birthday() -> str:
    return (timezone.localdate() - datetime.timedelta(days=365 * 10)).isoformat()


def register_child(client) -> Member:
    client.post(
        reverse("account_signup"),
        {
            "phone": PHONE,
            "username": "kid",
            "password1": "a long enough secret",
            "password2": "a long enough secret",
            "date_of_birth": child_birthday(),
            "birth_date_consent": "on",
            "accept_policy": "on",
        },
    )
    return Member.objects.get(member_name="kid")


def confirm_code(client):
    return client.post(reverse("account_verify_phone"), {"code": last_code(PHONE)})


def guardian_form(**overrides):
    data = {
        "guardian_name": "Wang Fang",
        "guardian_phone": "13800000099",
        "relationship": "parent",
        "consent": "on",
    } | overrides
    return {key: value for key, value in data.items() if value is not None}


GUARDIAN_PHONE = "+8613800000099"


def consent_as_guardian(client, child, **overrides):
    """The guardian fills in the form, then enters the code texted to their own number."""
    token = guardians.guardian_token(child)
    client.post(reverse("members:guardian-consent", args=[token]), guardian_form(**overrides))
    return client.post(reverse("members:guardian-code", args=[token]), {"code": last_code(GUARDIAN_PHONE)})


def test_a_child_cannot_finish_registration_without_a_guardian(client):
    """MIN-01, MIN-02: after the code the account stays inactive and the child is shown a guardian link."""
    child = register_child(client)

    response = confirm_code(client)

    child.refresh_from_db()
    assert child.is_child
    assert child.phone_verified_at is not None
    assert child.is_active is False
    assert "/members/guardian/pending/" in response.url
    assert client.get(reverse("members:dashboard")).status_code == 302


def test_a_guardians_consent_to_the_current_rules_opens_the_account(client):
    """MIN-02: consent to the current Children's Rules version is recorded with the guardian's details."""
    child = register_child(client)
    confirm_code(client)
    token = guardians.guardian_token(child)

    page = client.get(reverse("members:guardian-consent", args=[token])).content.decode()
    consent_as_guardian(client, child)

    assert ChildrenRulesVersion.objects.current().label in page
    record = GuardianConsent.objects.get(child=child)
    assert record.rules_version == ChildrenRulesVersion.objects.current()
    assert record.guardian_phone == GUARDIAN_PHONE
    assert record.guardian_phone_confirmed_at is not None
    child.refresh_from_db()
    assert child.is_active
    assert consent.has_consent(child, Purpose.GUARDIAN)


def test_a_guardian_form_without_consent_records_nothing(client):
    child = register_child(client)
    confirm_code(client)

    response = client.post(
        reverse("members:guardian-consent", args=[guardians.guardian_token(child)]),
        guardian_form(consent=None, guardian_phone="123"),
    )

    assert {"consent", "guardian_phone"} <= set(response.context["form"].errors)
    assert not GuardianConsent.objects.exists()
    assert Member.objects.get(pk=child.pk).is_active is False


def test_a_forged_guardian_link_is_not_found(client):
    assert client.get(reverse("members:guardian-consent", args=["forged:token"])).status_code == 404


def test_consent_to_an_older_rules_version_no_longer_counts(client):
    """MIN-02: a new version of the Children's Rules needs a new consent."""
    child = register_child(client)
    confirm_code(client)
    consent_as_guardian(client, child)
    ChildrenRulesVersion.objects.create(
        label="2026 V2", effective_on=timezone.localdate(), text="New rules.", published_at=timezone.now()
    )

    assert not guardians.has_guardian_consent(child)


def test_personalised_ads_and_recommendations_are_off_and_locked_for_a_child_without_guardian(client):
    """MIN-04: off by default, and a grant does not switch them on without a guardian's consent."""
    child = register_child(client)
    context = consent.RequestContext("web")

    consent.grant(child, Purpose.PERSONALISED_ADS, context=context)
    consent.grant(child, Purpose.PERSONALISED_RECOMMENDATIONS, context=context)

    assert not consent.has_consent(child, Purpose.PERSONALISED_ADS)
    assert not consent.has_consent(child, Purpose.PERSONALISED_RECOMMENDATIONS)


def test_a_guardian_withdrawing_suspends_the_child_account(client):
    """MIN-03."""
    child = register_child(client)
    confirm_code(client)
    consent_as_guardian(client, child)

    guardians.withdraw_guardian_consent(child=child, context=consent.RequestContext("web"))

    child.refresh_from_db()
    assert child.is_active is False
    assert not guardians.has_guardian_consent(child)


def test_an_adult_registration_needs_no_guardian(client):
    client.post(
        reverse("account_signup"),
        {
            "phone": PHONE,
            "username": "grown",
            "password1": "a long enough secret",
            "password2": "a long enough secret",
            "date_of_birth": "1990-01-01",
            "birth_date_consent": "on",
            "accept_policy": "on",
        },
    )
    confirm_code(client)

    assert Member.objects.get(member_name="grown").is_active


def test_a_date_of_birth_in_the_future_is_refused(client):
    response = client.post(
        reverse("account_signup"),
        {
            "phone": PHONE,
            "username": "future",
            "password1": "a long enough secret",
            "password2": "a long enough secret",
            "date_of_birth": "2999-01-01",
            "birth_date_consent": "on",
            "accept_policy": "on",
        },
    )

    assert "date_of_birth" in response.context["form"].errors
    assert not Member.objects.exists()


def test_staff_withdraw_a_guardians_consent_on_request_and_the_child_is_suspended(client):
    """MIN-03: withdrawal through the working group suspends the child account."""
    from django.contrib.auth.models import Permission

    child = register_child(client)
    confirm_code(client)
    consent_as_guardian(client, child)
    officer = Member.objects.create_user("officer", "pw-staff-123", is_staff=True)
    officer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_guardianconsent", "change_guardianconsent"])
    )
    sign_in_staff(client, officer)

    client.post(
        reverse("admin:members_guardianconsent_changelist"),
        {"action": "withdraw", "_selected_action": [GuardianConsent.objects.get().pk]},
    )

    assert Member.objects.get(pk=child.pk).is_active is False
    assert GuardianConsent.objects.get().withdrawn_at is not None


def test_a_child_signing_in_before_the_guardian_consents_is_shown_the_guardian_link_again(client):
    """MIN-01."""
    child = register_child(client)
    confirm_code(client)
    client.logout()

    response = client.post(reverse("account_login"), {"login": "kid", "password": "a long enough secret"})

    token = response.url.rstrip("/").rsplit("/", 1)[-1]
    assert guardians.child_for_token(token) == child
    assert client.get(reverse("members:dashboard")).status_code == 302


def test_the_consent_counts_only_after_the_code_sent_to_the_guardians_number(client):
    """MIN-02: the guardian's mobile number is confirmed by a six-digit code before the consent counts."""
    child = register_child(client)
    confirm_code(client)
    token = guardians.guardian_token(child)

    response = client.post(reverse("members:guardian-consent", args=[token]), guardian_form())

    assert response.url == reverse("members:guardian-code", args=[token])
    assert re.fullmatch(r"\d{6}", last_code(GUARDIAN_PHONE))
    assert not GuardianConsent.objects.exists()
    assert Member.objects.get(pk=child.pk).is_active is False
    client.post(reverse("members:guardian-code", args=[token]), {"code": last_code(GUARDIAN_PHONE)})
    assert guardians.has_guardian_consent(child)
    assert Member.objects.get(pk=child.pk).is_active


def test_a_wrong_guardian_code_is_refused_and_three_end_the_attempt(client):
    """MIN-02."""
    child = register_child(client)
    confirm_code(client)
    token = guardians.guardian_token(child)
    client.post(reverse("members:guardian-consent", args=[token]), guardian_form())
    code = last_code(GUARDIAN_PHONE)
    wrong = "000000" if code != "000000" else "111111"

    first = client.post(reverse("members:guardian-code", args=[token]), {"code": wrong})
    client.post(reverse("members:guardian-code", args=[token]), {"code": wrong})
    third = client.post(reverse("members:guardian-code", args=[token]), {"code": wrong})
    late = client.post(reverse("members:guardian-code", args=[token]), {"code": code})

    assert "code" in first.context["form"].errors
    assert third.url == reverse("members:guardian-consent", args=[token])
    assert late.url == reverse("members:guardian-consent", args=[token])
    assert not GuardianConsent.objects.exists()
    assert Member.objects.get(pk=child.pk).is_active is False


def test_an_expired_guardian_code_is_refused(client):
    """MIN-02: the code lasts ten minutes."""
    child = register_child(client)
    confirm_code(client)
    token = guardians.guardian_token(child)
    client.post(reverse("members:guardian-consent", args=[token]), guardian_form())

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        response = client.post(reverse("members:guardian-code", args=[token]), {"code": last_code(GUARDIAN_PHONE)})

    assert "code" in response.context["form"].errors
    assert not guardians.has_guardian_consent(child)


def test_the_code_page_without_a_filled_in_form_goes_back_to_the_form(client):
    child = register_child(client)
    token = guardians.guardian_token(child)

    response = client.get(reverse("members:guardian-code", args=[token]))

    assert response.url == reverse("members:guardian-consent", args=[token])


def test_the_code_page_of_a_forged_link_is_not_found(client):
    assert client.get(reverse("members:guardian-code", args=["forged:token"])).status_code == 404


def test_a_code_entered_for_another_child_opens_nothing(client):
    """MIN-02: the pending consent belongs to the child whose link the guardian followed."""
    child = register_child(client)
    confirm_code(client)
    other = Member.objects.create_user("otherkid", "a long enough secret", is_active=False)
    client.post(reverse("members:guardian-consent", args=[guardians.guardian_token(child)]), guardian_form())

    # The signed token carries a timestamp: frozen, the test's token and the redirect's are the same string.
    with time_machine.travel(timezone.now(), tick=False):
        response = client.post(
            reverse("members:guardian-code", args=[guardians.guardian_token(other)]),
            {"code": last_code(GUARDIAN_PHONE)},
        )

        assert response.url == reverse("members:guardian-consent", args=[guardians.guardian_token(other)])
    assert not GuardianConsent.objects.exists()


def test_codes_to_one_guardian_number_are_rate_limited(client):
    """MIN-02: at most three codes an hour to one number."""
    child = register_child(client)
    confirm_code(client)
    token = guardians.guardian_token(child)
    for _attempt in range(3):
        client.post(reverse("members:guardian-consent", args=[token]), guardian_form())

    response = client.post(reverse("members:guardian-consent", args=[token]), guardian_form())

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert SmsMessage.objects.filter(phone=GUARDIAN_PHONE).count() == 3


def test_a_consent_whose_number_was_never_confirmed_does_not_count(member):
    """MIN-02: a record without a confirmed guardian number opens nothing."""
    GuardianConsent.objects.create(
        child=member,
        rules_version=ChildrenRulesVersion.objects.current(),
        guardian_name="Wang Fang",
        guardian_phone=GUARDIAN_PHONE,
        relationship="parent",
    )

    assert not guardians.has_guardian_consent(member)


def test_the_childs_own_number_is_refused_as_the_guardians(client):
    """MIN-02: the code must reach the guardian, not the child."""
    child = register_child(client)
    confirm_code(client)

    response = client.post(
        reverse("members:guardian-consent", args=[guardians.guardian_token(child)]),
        guardian_form(guardian_phone=PHONE),
    )

    assert "guardian_phone" in response.context["form"].errors
    assert not SmsMessage.objects.filter(body__contains="consent").exists()
    assert not GuardianConsent.objects.exists()
