"""POL-02: just-in-time notices are shown before a feature first collects data, once, and listed from the policy."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from members.models import FaceVerification
from privacy.models import ConsentEvent, NoticeAcknowledgement
from privacy.notices import NOTICES, Feature, acknowledge
from privacy.registry import registry

pytestmark = pytest.mark.django_db

FACE = reverse("members:face-verification")
ACKNOWLEDGE = reverse("privacy:acknowledge-notice")


def test_a_members_first_use_shows_the_notice_and_collects_nothing(client, member):
    # clause: POL-02, VER-05
    client.force_login(member)

    response = client.get(FACE)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="just-in-time-notice"' in html and 'data-feature="face_verification"' in html
    assert str(NOTICES[Feature.FACE_VERIFICATION].collects) in html
    assert 'data-testid="face-instructions"' not in html
    assert not NoticeAcknowledgement.objects.exists()


def test_a_post_before_the_notice_is_read_does_not_reach_the_feature(client, member):
    # clause: POL-02, VER-05
    client.force_login(member)

    response = client.post(FACE, {"consent_biometric": "on"})

    assert 'data-testid="just-in-time-notice"' in response.content.decode()
    assert not ConsentEvent.objects.filter(member=member).exists()
    assert not FaceVerification.objects.exists()


def test_acknowledging_logs_it_once_and_the_notice_is_not_shown_again(client, member):
    # clause: POL-02
    client.force_login(member)

    response = client.post(ACKNOWLEDGE, {"feature": "face_verification", "next": FACE})
    client.post(ACKNOWLEDGE, {"feature": "face_verification", "next": FACE})

    assert response.status_code == 302 and response.url == FACE
    assert list(NoticeAcknowledgement.objects.values_list("member", "feature")) == [(member.pk, "face_verification")]
    html = client.get(FACE).content.decode()
    assert 'data-testid="just-in-time-notice"' not in html
    assert 'data-testid="face-instructions"' in html


def test_another_members_acknowledgement_does_not_count(client, member, other_member):
    # clause: POL-02
    acknowledge(other_member, Feature.FACE_VERIFICATION)
    client.force_login(member)

    assert 'data-testid="just-in-time-notice"' in client.get(FACE).content.decode()


def test_an_unknown_feature_gets_a_field_error_and_logs_nothing(client, member):
    # clause: POL-02
    client.force_login(member)

    response = client.post(ACKNOWLEDGE, {"feature": "mind_reading", "next": FACE})

    assert response.status_code == 400
    assert "Unknown notice: mind_reading." in response.content.decode()
    assert not NoticeAcknowledgement.objects.exists()


def test_an_offsite_next_is_ignored(client, member):
    # clause: POL-02
    client.force_login(member)

    response = client.post(ACKNOWLEDGE, {"feature": "face_verification", "next": "https://evil.example/"})

    assert response.url == reverse("home")


def test_a_visitor_is_sent_to_sign_in_and_cannot_acknowledge(client):
    # clause: POL-02
    assert client.get(FACE).url.startswith(reverse("account_login"))
    assert client.post(ACKNOWLEDGE, {"feature": "face_verification", "next": FACE}).url.startswith(
        reverse("account_login")
    )
    assert not NoticeAcknowledgement.objects.exists()


def test_every_notice_is_listed_from_the_policy_page(client, django_assert_num_queries):
    # clause: POL-02
    assert f'href="{reverse("privacy:notices")}"' in client.get(reverse("privacy:policy")).content.decode()

    with django_assert_num_queries(0):
        html = client.get(reverse("privacy:notices")).content.decode()

    for feature, notice in NOTICES.items():
        assert f'data-feature="{feature.value}"' in html
        assert escape(str(notice.collects)) in html


def test_a_member_sees_which_notices_they_read_in_one_query(client, member):
    # clause: POL-02
    acknowledge(member, Feature.FACE_VERIFICATION)
    client.force_login(member)
    client.get(reverse("privacy:collected-information"))  # warm the per-request caches
    with CaptureQueriesContext(connection) as baseline:
        client.get(reverse("privacy:collected-information"))  # a page that reads nothing of its own

    with CaptureQueriesContext(connection) as notices_page:
        html = client.get(reverse("privacy:notices")).content.decode()

    assert len(notices_page) == len(baseline) + 1
    assert html.count('data-testid="acknowledged"') == 1


def test_acknowledgements_are_in_the_privacy_registry():
    # clause: POL-02
    assert NoticeAcknowledgement in registry
