"""POL-12: a material version turns on a site banner for 30 days after publication, for everyone."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from privacy.models import PolicyVersion
from privacy.policy_versions import publish_version

pytestmark = pytest.mark.django_db
BANNER = 'data-testid="policy-banner"'


def test_a_visitor_sees_the_banner_linking_the_new_material_version(client, material_version):
    # clause: POL-12
    html = client.get(reverse("privacy:policy")).content.decode()

    assert BANNER in html
    assert "version 2026 V2" in html
    assert reverse("privacy:policy-version", args=[material_version.pk]) in html


def test_there_is_no_banner_without_a_recent_material_version(client, db):
    # clause: POL-12
    assert BANNER not in client.get(reverse("privacy:policy")).content.decode()
    PolicyVersion.objects.create(
        label="2026 V3", effective_on=timezone.localdate(), text="[Intro]\nTypo fixes.\n", published_at=timezone.now()
    )
    assert BANNER not in client.get(reverse("privacy:policy")).content.decode()


def test_publishing_a_material_version_turns_the_banner_on_at_once(client, db):
    # clause: POL-12, POL-13
    client.get("/")  # the banner's answer is cached now
    draft = PolicyVersion.objects.create(
        label="2026 V4",
        effective_on=timezone.localdate(),
        text="[Intro]\nNew owner.\n",
        changes_ownership=True,
        is_material=True,
    )
    client.get("/")

    publish_version(draft)

    assert BANNER in client.get("/").content.decode()


def test_the_banner_ends_thirty_days_after_publication(client, material_version):
    # clause: POL-12
    client.get("/")
    with time_machine.travel(material_version.published_at + datetime.timedelta(days=29)):
        assert BANNER in client.get(reverse("privacy:policy")).content.decode()
    with time_machine.travel(material_version.published_at + datetime.timedelta(days=31)):
        assert BANNER not in client.get(reverse("privacy:policy")).content.decode()


def test_a_member_sees_the_banner_too_once_they_accepted(client, member, material_version):
    # clause: POL-12
    client.force_login(member)
    client.post(reverse("privacy:reaccept"), {"label": material_version.label, "next": "/"})

    response = client.get("/")

    assert response.status_code == 200
    assert BANNER in response.content.decode()


def test_dismissing_is_a_plain_form_that_hides_the_banner_for_this_session_only(client, material_version):
    # clause: POL-12
    response = client.post(
        reverse("privacy:dismiss-policy-banner"), {"version": material_version.pk, "next": "/search/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/search/"
    assert BANNER not in client.get(reverse("privacy:policy")).content.decode()
    client.cookies.clear()  # a new session
    assert BANNER in client.get(reverse("privacy:policy")).content.decode()


def test_a_stale_or_forged_dismissal_is_refused_and_changes_nothing(client, material_version):
    for version in (material_version.pk + 100, "x", ""):
        response = client.post(reverse("privacy:dismiss-policy-banner"), {"version": version})
        assert response.status_code == 400
        assert "out of date" in response.content.decode()
    assert BANNER in client.get(reverse("privacy:policy")).content.decode()
    assert client.get(reverse("privacy:dismiss-policy-banner")).status_code == 405


def test_an_offsite_next_is_not_followed(client, material_version):
    response = client.post(
        reverse("privacy:dismiss-policy-banner"), {"version": material_version.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")
