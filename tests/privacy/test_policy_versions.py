"""Policy versions (POL-11..15): triggers force "material", published versions are immutable, the archive,
translations, key clauses, and the blocking re-acceptance after a material version."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, ProgrammingError, transaction
from django.urls import reverse
from django.utils import timezone

from members.models import Member
from privacy import consent
from privacy.models import ConsentEvent, PolicyVersion
from privacy.policy_versions import pending_version, prepare_version, publish_version
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


def draft(**fields) -> PolicyVersion:
    values = {"label": "2027 V3", "effective_on": timezone.localdate(), "text": "[Introduction]\nNew text.\n"}
    values.update(fields)
    return PolicyVersion(**values)


@pytest.mark.parametrize("trigger", PolicyVersion.MATERIAL_TRIGGERS)
def test_ticking_any_of_the_six_triggers_makes_the_version_material(trigger):
    # clause: POL-13
    version = prepare_version(draft(**{trigger: True}))
    version.save()

    assert PolicyVersion.objects.get(pk=version.pk).is_material is True


def test_the_database_refuses_a_trigger_without_the_material_flag():
    # clause: POL-13
    with pytest.raises(IntegrityError), transaction.atomic():
        draft(changes_rights=True, is_material=False).save()


def test_the_database_refuses_to_change_or_delete_a_published_version():
    # clause: POL-14
    seed = PolicyVersion.objects.get(label="2023 V1")

    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        PolicyVersion.objects.filter(pk=seed.pk).update(text="rewritten")
    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        PolicyVersion.objects.filter(pk=seed.pk).delete()

    assert PolicyVersion.objects.get(pk=seed.pk).text.startswith("1688 Platform Privacy Policy")


def test_a_draft_can_be_edited_then_published_once():
    # clause: POL-11
    version = draft()
    version.save()
    PolicyVersion.objects.filter(pk=version.pk).update(text="[Introduction]\nEdited draft.\n")

    published = publish_version(PolicyVersion.objects.get(pk=version.pk))

    assert published.published_at is not None
    with pytest.raises(consent.ValidationError, match="already published"):
        publish_version(published)


@pytest.fixture
def officer(db) -> Member:
    officer = Member.objects.create_user("officer", "officer password 1", is_staff=True)
    officer.user_permissions.add(*Permission.objects.filter(codename__in=["change_policyversion", "add_policyversion"]))
    return officer


def test_the_privacy_officer_publishes_in_admin_and_the_published_version_is_read_only(client, officer):
    # clause: POL-11, POL-13, POL-14
    sign_in_staff(client, officer)
    response = client.post(
        reverse("admin:privacy_policyversion_add"),
        {
            "label": "2027 V3",
            "effective_on": timezone.localdate().isoformat(),
            "text": "[Introduction]\nEnglish text.\n",
            "text_zh": "[Introduction]\n中文文本。\n",
            "changes_contact": "on",
        },
    )
    assert response.status_code == 302
    version = PolicyVersion.objects.get(label="2027 V3")
    assert version.is_material and version.published_at is None

    client.post(
        reverse("admin:privacy_policyversion_changelist"),
        {"action": "publish", "_selected_action": [version.pk]},
    )
    version.refresh_from_db()
    assert version.published_at is not None

    officer.user_permissions.add(Permission.objects.get(codename="view_policyversion"))
    assert client.get(reverse("admin:privacy_policyversion_change", args=[version.pk])).status_code == 200
    response = client.post(reverse("admin:privacy_policyversion_change", args=[version.pk]), {"text": "changed"})
    assert response.status_code == 403
    assert PolicyVersion.objects.get(pk=version.pk).text.endswith("English text.")


def test_the_policy_page_serves_the_newest_version_in_force(client, material_version):
    # clause: POL-11
    html = client.get(reverse("privacy:policy")).content.decode()

    assert "Version 2026 V2, effective as of" in html
    assert "new logistics partner" in html


def test_the_chinese_translation_is_served_in_chinese_and_english_prevails(client, material_version):
    # clause: POL-15
    html = client.get(reverse("privacy:policy"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "新的物流合作伙伴" in html
    assert material_version.text_for("en").startswith("[Introduction]\nWe now share")


def test_key_clauses_are_highlighted_and_the_contents_link_to_sections(client):
    # clause: POL-01
    html = client.get(reverse("privacy:policy")).content.decode()

    assert '<p class="key-clause"><strong>' in html
    assert 'href="#viii-how-to-contact-us"' in html


def test_the_archive_keeps_every_published_version_readable_and_unchanged(client, material_version):
    # clause: POL-14
    PolicyVersion.objects.create(label="draft", effective_on=timezone.localdate(), text="not yet")
    seed = PolicyVersion.objects.get(label="2023 V1")

    html = client.get(reverse("privacy:policy-versions")).content.decode()

    assert 'data-version="2026 V2"' in html and 'data-version="2023 V1"' in html
    assert 'data-version="draft"' not in html
    old = client.get(reverse("privacy:policy-version", args=[seed.pk])).content.decode()
    assert "Version 2023 V1" in old and "An archived version" in old
    draft_pk = PolicyVersion.objects.get(label="draft").pk
    assert client.get(reverse("privacy:policy-version", args=[draft_pk])).status_code == 404


def test_the_archive_needs_one_query(client, material_version, django_assert_num_queries):
    client.get(reverse("privacy:policy-versions"))  # the policy banner's check (POL-12) is cached from then on
    with django_assert_num_queries(1):
        client.get(reverse("privacy:policy-versions"))


def test_after_a_material_version_a_member_is_blocked_until_they_accept(client, member, material_version):
    # clause: POL-12
    client.force_login(member)

    for url in ["/", "/me/settings/privacy/", "/contact/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("privacy:reaccept"))
    page = client.get(reverse("privacy:reaccept") + "?next=/contact/")
    assert "2026 V2" in page.content.decode()
    assert "Changes the main recipients" in page.content.decode()

    response = client.post(reverse("privacy:reaccept"), {"label": "2026 V2", "next": "/contact/"})

    assert response["Location"] == "/contact/"
    event = ConsentEvent.objects.get(member=member, purpose="privacy_policy")
    assert (event.scope, event.policy_version, event.channel) == ("2026 V2", material_version, "web")
    assert client.get("/").status_code == 200


def test_the_policy_pages_and_signing_out_stay_reachable(client, member, material_version):
    client.force_login(member)

    assert client.get(reverse("privacy:policy")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302


def test_accepting_an_outdated_label_records_nothing(client, member, material_version):
    client.force_login(member)

    client.post(reverse("privacy:reaccept"), {"label": "2023 V1"})

    assert pending_version(member) == material_version
    assert not ConsentEvent.objects.exists()


def test_visitors_and_members_under_a_non_material_version_are_not_blocked(client, member):
    PolicyVersion.objects.create(
        label="2026 V2 typo fix",
        effective_on=timezone.localdate(),
        text="[Introduction]\nSame rules.\n",
        published_at=timezone.now(),
    )
    assert client.get("/").status_code == 200
    client.force_login(member)
    assert client.get("/").status_code == 200


def test_a_material_version_blocks_only_from_its_effective_date(client, member, time_machine):
    PolicyVersion.objects.create(
        label="2027 V4",
        effective_on=timezone.localdate() + datetime.timedelta(days=10),
        text="[Introduction]\nLater.\n",
        changes_purposes=True,
        is_material=True,
        published_at=timezone.now(),
    )
    client.force_login(member)
    assert client.get("/").status_code == 200

    time_machine.move_to(timezone.now() + datetime.timedelta(days=11))

    assert client.get("/")["Location"].startswith(reverse("privacy:reaccept"))


def test_the_api_answers_403_until_the_app_accepts(client, member, material_version):
    # clause: POL-12
    client.force_login(member)

    response = client.get("/api/privacy/consents/")
    assert response.status_code == 403
    assert response.json()["code"] == "policy_acceptance_required"
    assert client.get("/api/privacy/policy/").json() == {"pending_version": "2026 V2"}

    bad = client.post("/api/privacy/policy/", {"label": "nope"}, content_type="application/json")
    assert bad.status_code == 400
    ok = client.post("/api/privacy/policy/", {"label": "2026 V2"}, content_type="application/json")
    assert ok.status_code == 201
    assert ConsentEvent.objects.get().channel == "api"
    assert client.get("/api/privacy/consents/").status_code == 200


def test_the_account_closure_page_stays_reachable_while_blocked(rf, member, material_version, settings):
    # clause: POL-12 ("until they accept or close the account")
    from django.http import HttpResponse

    from privacy.middleware import PrivacyMiddleware

    settings.PRIVACY_REACCEPTANCE_EXEMPT_PATHS = ["/me/close-account/"]
    middleware = PrivacyMiddleware(lambda request: HttpResponse("ok"))
    for path, expected in [("/me/close-account/", 200), ("/me/orders/", 302)]:
        request = rf.get(path)
        request.user = member
        request.session = {}
        assert middleware(request).status_code == expected
