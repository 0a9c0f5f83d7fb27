"""Section III(II) and III(V)2: transfers after a change of owner, and data for authorities."""

import json

import pytest
from django.urls import reverse

from interactions.models import Message
from members.models import Member
from privacy.models import AuthorityRequest, Disclosure, PolicyVersion, SharingRecord
from privacy.sharing import SharingRefused, decide_authority_request
from rights.transfers import authority_file, provide_to_authority
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db) -> Member:
    return Member.objects.create_user("officer", "officer password 123", is_staff=True, is_superuser=True)


def test_publishing_a_transfer_notice_tells_every_active_member_the_recipients_name_and_contact(
    client, officer, member, other_member
):
    # clause: SHR-12
    Member.objects.create_user("gone", "a good password 99", is_active=False)
    sign_in_staff(client, officer)
    client.post(
        reverse("admin:rights_transfernotice_add"),
        {"recipient_name": "Acme Holdings Co., Ltd.", "recipient_contact": "privacy@acme.example", "note": "merger"},
    )
    notice = Disclosure.objects.get(kind=Disclosure.Kind.TRANSFER)

    client.post(
        reverse("admin:rights_transfernotice_changelist"), {"action": "publish", "_selected_action": [notice.pk]}
    )

    told = Message.objects.filter(title__contains="Acme Holdings Co., Ltd.")
    active = Member.objects.filter(is_active=True)
    assert set(told.values_list("member", flat=True)) == set(active.values_list("pk", flat=True))
    assert all("privacy@acme.example" in m.body for m in told)
    notice.refresh_from_db()
    assert notice.published_at is not None and notice.members_notified == active.count()
    draft = PolicyVersion.objects.get(changes_ownership=True)
    assert draft.is_material and draft.published_at is None
    # Publishing twice tells no one twice.
    client.post(
        reverse("admin:rights_transfernotice_changelist"), {"action": "publish", "_selected_action": [notice.pk]}
    )
    assert told.count() == active.count()


def test_a_transfer_notice_without_the_recipients_contact_is_refused(client, officer):
    sign_in_staff(client, officer)
    response = client.post(
        reverse("admin:rights_transfernotice_add"),
        {"recipient_name": "<script>x</script>", "recipient_contact": "", "note": "merger"},
    )
    assert response.status_code == 200 and not Disclosure.objects.exists()
    assert "<script>x</script>" not in response.content.decode()


def test_exporting_to_an_authority_is_impossible_without_an_approved_request(
    client, officer, member, settings, tmp_path, django_capture_on_commit_callbacks
):
    # clause: SHR-17
    settings.VAR_DIR = tmp_path
    request = AuthorityRequest.objects.create(
        member=member,
        requesting_body="Xihu District Public Security Bureau",
        legal_document_reference="Xi Gong (2026) No. 17",
        categories=["account"],
    )
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(SharingRefused):
        provide_to_authority(request)
    assert not authority_file(request).exists() and not SharingRecord.objects.exists()

    sign_in_staff(client, officer)
    client.post(
        reverse("admin:privacy_authorityrequest_changelist"), {"action": "provide", "_selected_action": [request.pk]}
    )
    assert not authority_file(request).exists()
    decide_authority_request(request, officer=officer, approve=False, note="No legal basis shown")
    request.refresh_from_db()
    assert request.status == AuthorityRequest.Status.REFUSED
    with pytest.raises(SharingRefused):
        provide_to_authority(request)

    AuthorityRequest.objects.filter(pk=request.pk).update(status="received")
    response = client.post(
        reverse("admin:privacy_authorityrequest_change", args=[request.pk]),
        {
            "member": member.pk,
            "requesting_body": request.requesting_body,
            "legal_document_reference": request.legal_document_reference,
            "categories": '["account"]',
            "decision": "approve",
            "decision_note": "Criminal investigation, document checked",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == AuthorityRequest.Status.APPROVED and request.decided_by == officer
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:privacy_authorityrequest_changelist"),
            {"action": "provide", "_selected_action": [request.pk]},
        )
    data = json.loads(authority_file(request).read_text())
    assert set(data) == {"account"}
    record = SharingRecord.objects.get()
    assert (record.partner.code, record.legal_basis, record.note) == (
        "authorities",
        "legal_duty",
        "Xi Gong (2026) No. 17",
    )
    request.refresh_from_db()
    assert request.status == AuthorityRequest.Status.FULFILLED


def test_an_authority_decision_needs_a_reason(client, officer, member):
    sign_in_staff(client, officer)
    response = client.post(
        reverse("admin:privacy_authorityrequest_add"),
        {
            "member": member.pk,
            "requesting_body": "Court",
            "legal_document_reference": "\x00",
            "categories": '["nonsense"]',
            "decision": "approve",
            "decision_note": "",
        },
    )
    assert response.status_code == 200 and not AuthorityRequest.objects.exists()
