"""The privacy registry: every model is declared, and declarations must match their models."""

import pytest
from django.db import models
from django.test.utils import isolate_apps

from members.models import Member
from orders.models import Order
from privacy.registry import (
    PI,
    DataCategory,
    Erasure,
    Registry,
    RegistryError,
    Retention,
    project_models,
    registry,
    years,
)


def test_every_project_model_is_registered_or_declared_free_of_personal_data():
    assert registry.unaccounted_models() == []


def test_the_check_covers_every_project_app():
    apps_covered = {model._meta.app_label for model in project_models()}

    assert {
        "members",
        "catalog",
        "orders",
        "support",
        "publishing",
        "interactions",
        "privacy",
        "portal",
    } <= apps_covered


@isolate_apps("catalog")
def test_a_new_undeclared_model_fails_the_check():
    class Wishlist(models.Model):
        owner = models.ForeignKey(Member, on_delete=models.CASCADE)
        note = models.CharField(max_length=200)

        class Meta:
            app_label = "catalog"

    unaccounted = registry.unaccounted_models([*project_models(), Wishlist])

    assert unaccounted == ["catalog.Wishlist"]


def test_registered_models_declare_every_field():
    undeclared = {r.label: r.undeclared_fields() for r in registry if r.undeclared_fields()}

    assert undeclared == {}


@isolate_apps("catalog")
def test_a_new_field_on_a_registered_model_fails_the_check():
    class Address(models.Model):
        owner = models.ForeignKey(Member, on_delete=models.CASCADE)
        street = models.CharField(max_length=200)
        postcode = models.CharField(max_length=10)

        class Meta:
            app_label = "catalog"

    registration = Registry().register(
        Address, subject="owner", fields={"street": PI(DataCategory.DELIVERY, "deliver", erase=Erasure.MASK)}
    )

    assert registration.undeclared_fields() == ["postcode"]


def test_the_member_is_registered_with_its_account_data():
    # clause: MEM-01 (mobile number, member name, password are the account's necessary data)
    registration = registry.get(Member)

    assert registration is not None
    assert registration.subject == "pk"
    for name in ("member_name", "phone", "password"):
        assert registration.fields[name].category == DataCategory.ACCOUNT
        assert registration.fields[name].is_necessary


def test_orders_are_kept_three_years_after_completion_then_anonymized():
    # clause: STO-02
    retention = registry.get(Order).retention

    assert retention.after == "completed_at"
    assert retention.keep >= years(3)
    assert retention.then == Erasure.ANONYMIZE
    assert "E-Commerce Law" in str(retention.basis)


class TestDeclarationsAreChecked:
    @pytest.fixture
    def model(self):
        with isolate_apps("catalog"):
            yield self.note_model()

    @staticmethod
    def note_model():
        class Note(models.Model):
            author = models.ForeignKey(Member, on_delete=models.CASCADE)
            body = models.TextField()
            phone = models.CharField(max_length=20, unique=True)
            written_at = models.DateTimeField()
            written_on = models.DateField()

            class Meta:
                app_label = "catalog"

        return Note

    def register(self, model, **kwargs):
        kwargs.setdefault("subject", "author")
        kwargs.setdefault("fields", {"body": PI(DataCategory.CONTENT, "publish", erase=Erasure.BLANK)})
        return Registry().register(model, **kwargs)

    def test_an_unknown_field_is_refused(self, model):
        with pytest.raises(RegistryError, match="no field 'bodyy'"):
            self.register(model, fields={"bodyy": PI(DataCategory.CONTENT, "publish", erase=Erasure.BLANK)})

    def test_null_erasure_needs_a_nullable_field(self, model):
        with pytest.raises(RegistryError, match="null=True"):
            self.register(model, fields={"body": PI(DataCategory.CONTENT, "publish", erase=Erasure.NULL)})

    def test_masking_a_unique_field_is_refused(self, model):
        with pytest.raises(RegistryError, match="unique"):
            self.register(model, fields={"phone": PI(DataCategory.ACCOUNT, "sign in", erase=Erasure.MASK)})

    def test_the_subject_must_lead_to_the_member(self, model):
        with pytest.raises(RegistryError, match="does not lead to"):
            self.register(model, subject="body")

    def test_retention_must_start_at_a_date_and_time(self, model):
        with pytest.raises(RegistryError, match="not a date and time"):
            self.register(model, retention=Retention("written_on", years(1), Erasure.DELETE_ROW, "law"))

    def test_retention_needs_a_legal_basis(self, model):
        with pytest.raises(RegistryError, match="legal basis"):
            self.register(model, retention=Retention("written_at", years(1), Erasure.DELETE_ROW, " "))

    def test_a_model_cannot_be_declared_twice(self, model):
        registry_ = Registry()
        registry_.register(model, subject="author", fields={"body": PI(DataCategory.CONTENT, "x", erase=Erasure.BLANK)})

        with pytest.raises(RegistryError, match="twice"):
            registry_.declare_no_personal_data(model, reason="changed my mind")

    def test_a_personal_row_is_erased_by_deleting_it(self, model):
        with pytest.raises(RegistryError, match="deleting"):
            self.register(model, fields={}, row=PI(DataCategory.CONTENT, "publish", erase=Erasure.BLANK))

    def test_a_valid_declaration_is_kept(self, model):
        registration = self.register(
            model,
            retention=Retention("written_at", years(1), Erasure.DELETE_ROW, "kept one year"),
            not_personal=("written_on",),
        )

        assert [name for name, _ in registration.entries()] == ["body"]
        assert registration.undeclared_fields() == ["phone", "written_at"]


def test_categories_marked_always_sensitive_make_their_items_sensitive():
    assert PI(DataCategory.PAYMENT, "pay").sensitive is True
    assert PI(DataCategory.CONTENT, "publish").sensitive is False
    assert PI(DataCategory.IDENTITY, "verify", is_sensitive=True).sensitive is True
