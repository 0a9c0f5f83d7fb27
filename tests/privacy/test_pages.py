"""Public privacy pages: the list of information collected (POL-10) and the policy (POL-11)."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import capfirst

from privacy.registry import registry

pytestmark = pytest.mark.django_db


def test_every_registry_entry_appears_on_the_collected_information_page(client):
    # clause: POL-10
    response = client.get(reverse("privacy:collected-information"))

    assert response.status_code == 200
    html = response.content.decode()
    for registration in registry:
        for name, pi in registration.entries():
            assert f">{escape(capfirst(registration.field_label(name)))}" in html
            assert escape(str(pi.purpose)) in html


def test_collected_information_is_grouped_by_category_with_sensitivity_and_retention(client):
    # clause: POL-10, POL-06
    html = client.get(reverse("privacy:collected-information")).content.decode()

    for category in registry.by_category():
        assert f'data-category="{category.value}"' in html
    assert "Optional" in html  # the nickname is optional
    assert "Kept 3 years after completed at, then anonymize every personal field." in html
    assert "E-Commerce Law" in html


def test_the_collected_information_page_needs_no_database_queries(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get(reverse("privacy:collected-information"))


def test_the_policy_page_serves_the_current_version_with_label_and_date(client):
    # clause: POL-11
    response = client.get(reverse("privacy:policy"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Version 2023 V1, effective as of" in html
    assert "Sept. 25, 2023" in html
    assert 'href="#viii-how-to-contact-us"' in html
    assert 'id="viii-how-to-contact-us"' in html
