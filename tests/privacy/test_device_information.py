"""Device information in the registry: its own category, and only the uses the policy allows (definitions)."""

import pytest
from django.db import models
from django.test.utils import isolate_apps
from django.urls import reverse

from members.models import Member
from privacy.categories import DeviceUse, is_device_field_name
from privacy.purposes import Purpose
from privacy.registry import PI, DataCategory, Erasure, Registry, RegistryError, registry

ALLOWED = {DeviceUse.SECURITY, DeviceUse.PAYMENT_SECURITY, DeviceUse.STABILITY_ANALYTICS}


def test_every_device_field_is_in_the_device_category_with_only_the_allowed_uses():
    """DEF-03: every device-information field in the registry is in the device category and lists only
    security, payment security or stability analytics."""
    device_entries = []
    for registration in registry:
        for model_field in registration.model._meta.concrete_fields:
            if is_device_field_name(model_field.name):
                pi = registration.fields.get(model_field.name)
                assert pi is not None, f"{registration.label}.{model_field.name} is not declared"
                assert pi.category is DataCategory.DEVICE, f"{registration.label}.{model_field.name}"
        for name, pi in registration.entries():
            if pi.category is DataCategory.DEVICE:
                device_entries.append((registration.label, name))
                assert pi.uses, f"{registration.label}.{name} lists no use"
                assert set(pi.uses) <= ALLOWED, f"{registration.label}.{name}: {pi.uses}"
    # The security component's device fingerprint (SEC-01) is the device information the site collects.
    assert ("members.SecurityEvent", "device_fingerprint") in device_entries


@pytest.fixture
def device_model():
    with isolate_apps("catalog"):

        class Handset(models.Model):
            owner = models.ForeignKey(Member, on_delete=models.CASCADE)
            device_id = models.CharField(max_length=64, blank=True)

            class Meta:
                app_label = "catalog"

        yield Handset


def _declare(model, pi):
    return Registry().register(model, subject="owner", fields={"device_id": pi})


def test_a_device_field_declared_for_another_purpose_is_refused(device_model):
    with pytest.raises(RegistryError, match="may only be used for"):
        _declare(
            device_model,
            PI(DataCategory.DEVICE, "ads", erase=Erasure.BLANK, uses=(Purpose.PERSONALISED_ADS,)),
        )


def test_a_device_field_without_a_use_is_refused(device_model):
    with pytest.raises(RegistryError, match="what it is used for"):
        _declare(device_model, PI(DataCategory.DEVICE, "security", erase=Erasure.BLANK))


def test_a_device_field_in_another_category_is_refused(device_model):
    with pytest.raises(RegistryError, match="device category"):
        _declare(device_model, PI(DataCategory.SECURITY, "security", erase=Erasure.BLANK))


def test_a_device_field_left_inside_a_personal_row_is_refused(device_model):
    with pytest.raises(RegistryError, match="device category"):
        Registry().register(
            device_model, subject="owner", row=PI(DataCategory.SECURITY, "security", erase=Erasure.DELETE_ROW)
        )


def test_a_device_field_for_payment_security_is_accepted(device_model):
    registration = _declare(
        device_model, PI(DataCategory.DEVICE, "payment", erase=Erasure.BLANK, uses=(DeviceUse.PAYMENT_SECURITY,))
    )
    assert registration.fields["device_id"].uses == (DeviceUse.PAYMENT_SECURITY,)


@pytest.mark.django_db
def test_the_collected_information_page_lists_device_information_with_its_only_uses(client):
    response = client.get(reverse("privacy:collected-information"))
    content = response.content.decode()
    device_section = content.split('data-category="device"', 1)[1].split("</section>", 1)[0]
    assert "Device fingerprint" in device_section
    assert 'data-testid="device-uses"' in device_section
    assert str(DeviceUse.SECURITY.label) in device_section
