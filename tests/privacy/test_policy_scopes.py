"""POL-04: merchant and industrial-products policies are documents of their own; each page links the one that applies."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, ProgrammingError, transaction
from django.urls import reverse
from django.utils import timezone

from members.models import Member
from privacy.models import PolicyScope, PolicyVersion, ScopedPolicyVersion
from privacy.policy_versions import publish_scoped_version
from tests.catalog.factories import StoreFactory
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db

MERCHANT = reverse("privacy:scoped-policy", args=["merchant"])
INDUSTRIAL = reverse("privacy:scoped-policy", args=["industrial-products"])


def merchant_version(label="2024 V1", days_ago=30, publish=True, text="[Scope]\nFor merchants selling on 1688.\n"):
    version = ScopedPolicyVersion.objects.create(
        scope=PolicyScope.MERCHANT,
        label=label,
        effective_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        text=text,
    )
    return publish_scoped_version(version) if publish else version


def footer_policy_link(html: str) -> str:
    footer = html[html.index('<footer class="site-footer">') :]
    start = footer.index("data-policy-scope=")
    return footer[footer.rindex("<a ", 0, start) : footer.index("</a>", start)]


def test_member_pages_link_the_member_policy(client):
    # clause: POL-04
    link = footer_policy_link(client.get(reverse("home")).content.decode())

    assert f'href="{reverse("privacy:policy")}"' in link and 'data-policy-scope="member"' in link


def test_store_pages_link_the_merchant_policy(client):
    # clause: POL-04
    store = StoreFactory(name="Ningbo Tools Direct", slug="ningbo-tools")

    link = footer_policy_link(client.get(reverse("catalog:store", args=[store.slug])).content.decode())

    assert f'href="{MERCHANT}"' in link and 'data-policy-scope="merchant"' in link


def test_the_merchant_policy_serves_its_current_version_and_lists_its_own_versions(client):
    # clause: POL-04
    old = merchant_version("2024 V1", days_ago=300, text="[Scope]\nThe first merchant text.\n")
    merchant_version("2025 V1", days_ago=10, text="[Scope]\nThe current merchant text.\n")
    merchant_version("draft", publish=False, text="[Scope]\nNot yet.\n")
    member_policy = PolicyVersion.objects.current()

    html = client.get(MERCHANT).content.decode()

    assert "Version 2025 V1" in html and "The current merchant text." in html
    assert "2024 V1" in html and "draft" not in html and "Not yet." not in html
    assert 'data-policy-scope="merchant"' in footer_policy_link(html)
    archived = client.get(reverse("privacy:scoped-policy-version", args=["merchant", old.pk])).content.decode()
    assert "The first merchant text." in archived and 'data-testid="archived"' in archived
    # The member policy keeps its own versions.
    assert PolicyVersion.objects.current() == member_policy
    assert "The current merchant text." not in client.get(reverse("privacy:policy")).content.decode()


def test_a_scope_without_a_published_document_says_the_member_policy_applies(client):
    # clause: POL-04
    response = client.get(INDUSTRIAL)

    assert response.status_code == 200
    assert 'data-testid="no-scoped-policy"' in response.content.decode()


def test_unknown_scopes_drafts_and_other_scopes_versions_are_not_found(client):
    # clause: POL-04
    draft = merchant_version("draft", publish=False)
    published = merchant_version("2025 V1")

    assert client.get(reverse("privacy:scoped-policy", args=["member"])).status_code == 404
    assert client.get(reverse("privacy:scoped-policy", args=["suppliers"])).status_code == 404
    assert client.get(reverse("privacy:scoped-policy-version", args=["merchant", draft.pk])).status_code == 404
    assert (
        client.get(reverse("privacy:scoped-policy-version", args=["industrial-products", published.pk])).status_code
        == 404
    )


def test_the_scoped_policy_page_costs_one_query(client, django_assert_num_queries):
    # clause: POL-04
    merchant_version("2025 V1")

    with django_assert_num_queries(1):
        client.get(MERCHANT)


def test_a_published_scoped_version_cannot_be_changed_or_deleted_in_the_database():
    # clause: POL-04, POL-14
    version = merchant_version("2025 V1")

    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        ScopedPolicyVersion.objects.filter(pk=version.pk).update(text="rewritten")
    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        ScopedPolicyVersion.objects.filter(pk=version.pk).delete()


def test_the_member_policy_cannot_be_stored_as_a_scoped_document():
    # clause: POL-04
    with pytest.raises(IntegrityError), transaction.atomic():
        ScopedPolicyVersion.objects.create(
            scope=PolicyScope.MEMBER, label="x", effective_on=timezone.localdate(), text="x"
        )


def test_the_privacy_officer_drafts_and_publishes_a_merchant_version_in_admin(client):
    # clause: POL-04
    officer = Member.objects.create_user("officer", "officer password 1", is_staff=True)
    officer.groups.add(Group.objects.get(name="privacy_officer"))
    sign_in_staff(client, officer)

    response = client.post(
        reverse("admin:privacy_scopedpolicyversion_add"),
        {"scope": "merchant", "label": "2026 V1", "effective_on": timezone.localdate().isoformat(), "text": "[A]\nB\n"},
    )
    assert response.status_code == 302
    version = ScopedPolicyVersion.objects.get(label="2026 V1")
    client.post(
        reverse("admin:privacy_scopedpolicyversion_changelist"),
        {"action": "publish", "_selected_action": [version.pk]},
    )

    version.refresh_from_db()
    assert version.published_at is not None
    assert client.post(reverse("admin:privacy_scopedpolicyversion_change", args=[version.pk]), {}).status_code == 403
    assert "Version 2026 V1" in client.get(MERCHANT).content.decode()


def test_the_admin_refuses_a_member_scope_with_a_field_error(client):
    # clause: POL-04
    sign_in_staff(client, Member.objects.create_superuser("root", "root password 1"))

    response = client.post(
        reverse("admin:privacy_scopedpolicyversion_add"),
        {"scope": "member", "label": "x", "effective_on": timezone.localdate().isoformat(), "text": "x"},
    )

    assert response.status_code == 200 and "scope" in response.context["adminform"].form.errors
    assert not ScopedPolicyVersion.objects.exists()
