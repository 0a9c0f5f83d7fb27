"""The Schedule's definitions and section V(I), as the registry applies them: personal information is tagged,
kept for a stated period, service logs expire, and children are told apart by one rule."""

import datetime

import pytest
from django.conf import settings
from django.db import models
from django.test.utils import isolate_apps

from members.minors import is_child
from members.models import Member, SecurityEvent
from privacy.categories import DataCategory
from privacy.registry import PI, Erasure, Registry, project_models, registry


def test_every_registered_model_with_personal_data_has_a_retention_rule_or_a_written_reason():
    """STO-01: a registered model with personal fields but no retention rule and no reason fails this test."""
    assert registry.without_retention() == []


@isolate_apps("catalog")
def test_a_registration_without_a_retention_rule_or_reason_is_reported():
    """STO-01: the check names the model that says nothing about how long it is kept, and only that one.

    (A project model holding personal data that is not registered at all fails
    tests/privacy/test_registry.py::test_a_new_undeclared_model_fails_the_check.)
    """

    class Wish(models.Model):
        owner = models.ForeignKey(Member, on_delete=models.CASCADE)
        note = models.CharField(max_length=200)

        class Meta:
            app_label = "catalog"

    content = {"note": PI(DataCategory.CONTENT, "note", erase=Erasure.BLANK)}
    silent, explained = Registry(), Registry()
    silent.register(Wish, subject="owner", fields=content)
    explained.register(Wish, subject="owner", fields=content, kept_while="Until the member deletes it.")

    assert silent.without_retention() == ["catalog.Wish"]
    assert explained.without_retention() == []


def _member_links(model: type[models.Model]) -> list[str]:
    member_model = Member._meta.label
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is not None and f.related_model._meta.label == member_model
    ]


def test_every_field_of_a_model_linked_to_a_member_is_tagged_personal_or_not():
    """DEF-01: each model linked to a member is registered with every field declared PI or non-PI, or is
    explicitly declared as holding no personal information (with its reason)."""
    untagged = {}
    for model in project_models():
        if not _member_links(model) and model._meta.label != settings.AUTH_USER_MODEL:
            continue
        registration = registry.get(model)
        if registration is None:
            if not registry.holds_no_personal_data(model):
                untagged[model._meta.label] = ["(model)"]
            continue
        if registration.undeclared_fields():
            untagged[model._meta.label] = registration.undeclared_fields()

    assert untagged == {}


def test_every_service_log_field_has_a_retention_rule():
    """DEF-04: service-log information is never kept without a rule."""
    without = [
        f"{r.label}.{name or '(row)'}"
        for r in registry
        for name, pi in r.entries()
        if pi.category == DataCategory.SERVICE_LOG and r.retention is None
    ]

    assert any(pi.category == DataCategory.SERVICE_LOG for r in registry for _, pi in r.entries())
    assert without == []


def test_security_events_with_ip_address_and_user_agent_expire():
    retention = registry.get(SecurityEvent).retention

    assert retention is not None
    assert retention.after == "occurred_at"
    assert retention.then == Erasure.DELETE_ROW
    assert datetime.timedelta(days=183) <= retention.keep <= datetime.timedelta(days=366 * 3)


@pytest.mark.parametrize(
    ("birthdate", "today", "child"),
    [
        (datetime.date(2012, 6, 15), datetime.date(2026, 6, 14), True),  # the day before the 14th birthday
        (datetime.date(2012, 6, 15), datetime.date(2026, 6, 15), False),  # the 14th birthday
        (datetime.date(2012, 2, 29), datetime.date(2026, 2, 28), True),  # leap-day birthdays come on 1 March
        (datetime.date(2012, 2, 29), datetime.date(2026, 3, 1), False),
        (None, datetime.date(2026, 6, 15), False),
    ],
)
def test_is_child_turns_false_on_the_fourteenth_birthday(birthdate, today, child):
    """DEF-07: is_child is true the day before the 14th birthday and false on the birthday."""
    assert is_child(birthdate, today=today) is child


@pytest.mark.django_db
def test_the_member_and_the_consent_check_use_the_one_age_rule(time_machine):
    """DEF-07: Member.is_child (read by the consent ledger and the guardian gate) is the same helper."""
    time_machine.move_to(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC))
    turning = Member.objects.create_user("turning", "pw-member-123", date_of_birth=datetime.date(2012, 6, 15))
    younger = Member.objects.create_user("younger", "pw-member-123", date_of_birth=datetime.date(2012, 6, 16))

    turning.refresh_from_db()
    younger.refresh_from_db()

    assert (turning.is_child, younger.is_child) == (False, True)


def test_no_other_code_works_out_an_age():
    """DEF-07: the age rule is written once; other code asks is_child (or Member.is_child)."""
    root = settings.BASE_DIR
    sources = [
        path
        for app in (
            "members",
            "catalog",
            "orders",
            "support",
            "publishing",
            "interactions",
            "rights",
            "privacy",
            "portal",
        )
        for path in (root / app).rglob("*.py")
        if "migrations" not in path.parts
    ]
    computing = [
        str(path.relative_to(root))
        for path in sources
        if path.name != "minors.py"
        and any(s in path.read_text() for s in ("CHILD_AGE", "date_of_birth.year", "birthdate.year"))
    ]

    assert computing == []
