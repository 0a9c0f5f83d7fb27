"""The consent ledger: append-only events, one answer for every app, cached and invalidated."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import ProgrammingError, transaction
from django.utils import timezone

from privacy import consent
from privacy.access_log import log_staff_access
from privacy.categories import DataCategory
from privacy.models import ConsentEvent, LegalBasis, PolicyVersion, SharingRecord, StaffAccessLog
from privacy.purposes import PURPOSES, Purpose
from privacy.sharing import record_sharing, sharing_records_for

pytestmark = pytest.mark.django_db

WEB = consent.RequestContext(channel=consent.Channel.WEB, ip_address="203.0.113.9", user_agent="pytest")


def optional_purposes():
    return [p for p, info in PURPOSES.items() if not info.is_necessary and not info.is_scoped]


def test_a_new_member_has_every_optional_consent_off(member):
    # clause: POL-03
    assert [p for p in optional_purposes() if consent.has_consent(member, p)] == []


def test_grant_then_withdraw_changes_the_answer_at_once(member):
    consent.grant(member, Purpose.PERSONALISED_RECOMMENDATIONS, context=WEB)
    assert consent.has_consent(member, Purpose.PERSONALISED_RECOMMENDATIONS)

    consent.withdraw(member, Purpose.PERSONALISED_RECOMMENDATIONS, context=WEB)

    assert not consent.has_consent(member, Purpose.PERSONALISED_RECOMMENDATIONS)
    events = list(consent.history(member, Purpose.PERSONALISED_RECOMMENDATIONS))
    assert [e.is_granted for e in events] == [False, True]
    assert events[0].policy_version.label == "2023 V1"
    assert (events[0].ip_address, events[0].user_agent, events[0].channel) == ("203.0.113.9", "pytest", "web")


def test_the_answer_is_cached_until_the_next_change(member, django_assert_num_queries):
    consent.grant(member, Purpose.MARKETING_EMAIL, context=WEB)
    consent.has_consent(member, Purpose.MARKETING_EMAIL)

    with django_assert_num_queries(0):
        assert consent.has_consent(member, Purpose.MARKETING_EMAIL)
        assert not consent.has_consent(member, Purpose.MARKETING_SMS)


def test_with_the_cache_down_the_ledger_answers(member, settings):
    consent.grant(member, Purpose.MARKETING_EMAIL, context=WEB)
    settings.CACHES = {"default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}

    assert consent.has_consent(member, Purpose.MARKETING_EMAIL)
    consent.withdraw(member, Purpose.MARKETING_EMAIL, context=WEB)
    assert not consent.has_consent(member, Purpose.MARKETING_EMAIL)


def test_the_database_refuses_to_change_or_delete_a_consent_event(member):
    event = consent.grant(member, Purpose.MARKETING_SMS, context=WEB)

    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        ConsentEvent.objects.filter(pk=event.pk).update(is_granted=False)
    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        ConsentEvent.objects.filter(pk=event.pk).delete()

    assert ConsentEvent.objects.get(pk=event.pk).is_granted is True


def test_a_necessary_purpose_cannot_be_withdrawn(member):
    # clause: RGT-10
    with pytest.raises(ValidationError, match="close your account"):
        consent.withdraw(member, Purpose.ACCOUNT, context=WEB)

    assert not ConsentEvent.objects.exists()
    assert consent.has_consent(member, Purpose.ACCOUNT)


def test_an_unknown_purpose_is_refused(member):
    with pytest.raises(ValidationError, match="Unknown purpose"):
        consent.grant(member, "sell_my_data", context=WEB)
    assert not ConsentEvent.objects.exists()


def test_scoped_purposes_are_separate_per_scope(member):
    # clause: MEM-06 (a consent per login provider)
    consent.grant(member, Purpose.THIRD_PARTY_LOGIN, scope="taobao", context=WEB)

    assert consent.has_consent(member, Purpose.THIRD_PARTY_LOGIN, scope="taobao")
    assert not consent.has_consent(member, Purpose.THIRD_PARTY_LOGIN, scope="wechat")
    with pytest.raises(ValidationError, match="needs a scope"):
        consent.grant(member, Purpose.THIRD_PARTY_LOGIN, context=WEB)


def test_staff_changes_must_name_a_ticket(member):
    staff = consent.RequestContext(channel=consent.Channel.STAFF)

    with pytest.raises(ValidationError, match="ticket"):
        consent.withdraw(member, Purpose.MARKETING_PHONE, context=staff)

    event = consent.withdraw(
        member,
        Purpose.MARKETING_PHONE,
        context=consent.RequestContext(channel=consent.Channel.STAFF, staff_ticket="T-42"),
    )
    assert event.staff_ticket == "T-42"


def test_a_child_gets_no_personalisation_without_a_guardian(member):
    # clause: MIN-03
    today = timezone.localdate()
    member.date_of_birth = today.replace(year=today.year - 10)
    member.save(update_fields=["date_of_birth"])
    consent.grant(member, Purpose.PERSONALISED_ADS, context=WEB)

    assert not consent.has_consent(member, Purpose.PERSONALISED_ADS)

    consent.grant(member, Purpose.GUARDIAN, context=consent.RequestContext(channel=consent.Channel.GUARDIAN))

    assert consent.has_consent(member, Purpose.PERSONALISED_ADS)


def test_policy_acceptance_is_recorded_per_version(member):
    # clause: POL-01
    version = PolicyVersion.objects.get(label="2023 V1")
    assert f"privacy_policy:{version.label}" not in consent.current_state(member)

    event = consent.record_policy_acceptance(member, version, context=WEB)

    assert consent.current_state(member)[f"privacy_policy:{version.label}"] is True
    assert (event.purpose, event.scope, event.policy_version) == (Purpose.PRIVACY_POLICY, "2023 V1", version)


def test_a_sharing_record_names_partner_categories_and_basis(member):
    record = record_sharing(
        member=member,
        partner_code="cainiao",
        categories=[DataCategory.DELIVERY],
        fields=["consignee_name", "consignee_phone", "delivery_address"],
        purpose="Deliver order DEMO01001",
        legal_basis=LegalBasis.CONTRACT,
        reference="DEMO01001",
    )

    assert list(sharing_records_for(member)) == [record]
    assert record.partner.name == "Zhejiang Cainiao Supply Chain Management Co., Ltd."
    assert record.categories == ["delivery"]
    with pytest.raises(ValidationError, match="partner register"):
        record_sharing(
            member=member, partner_code="nobody", categories=[], fields=[], purpose="x", legal_basis=LegalBasis.CONTRACT
        )
    assert SharingRecord.objects.count() == 1


def test_revealing_personal_data_needs_the_permission_and_is_logged(member, other_member):
    # clause: VER-06
    with pytest.raises(PermissionDenied):
        log_staff_access(staff=other_member, member=member, record=member, fields=["phone"], reason="ticket T-1")
    assert not StaffAccessLog.objects.exists()

    from django.contrib.auth.models import Group

    other_member.groups.add(Group.objects.get(name="customer_service"))
    other_member = type(other_member).objects.get(pk=other_member.pk)  # fresh permission cache
    entry = log_staff_access(staff=other_member, member=member, record=member, fields=["phone"], reason="ticket T-1")

    assert (entry.staff, entry.member, entry.fields, entry.object_label) == (
        other_member,
        member,
        ["phone"],
        f"members.Member #{member.pk}",
    )
