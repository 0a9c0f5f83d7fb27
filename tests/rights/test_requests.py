"""Rights requests from the member's side and the workflow behind them (section IV(VII), RGT-05, RGT-13 to RGT-22)."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from interactions.models import Message
from members.models import Member, RiskDecision
from privacy.consent import RequestContext
from privacy.models import Partner, SharingRecord
from rights import requests as services
from rights.jobs import send_deletion_notice
from rights.models import (
    DeletionNotice,
    Queue,
    RefusalReason,
    RequestEvent,
    RequestEvidence,
    RequestStatus,
    RequestType,
    RightsRequest,
)
from rights.partners import PartnerUnavailable

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def staff(db) -> Member:
    return Member.objects.create_user("officer", "a long staff password", phone="+8613800138019", is_staff=True)


def file_request(member, type=RequestType.CORRECTION, **values) -> RightsRequest:
    values.setdefault("details", "My landline is wrong.")
    if values.get("proof") is not None:
        values.setdefault("proof_consent", True)
        values.setdefault("context", RequestContext(channel="web"))
    return services.submit_request(member=member, type=type, **values)


def verified(request, staff) -> RightsRequest:
    return services.verify_identity(request=request, staff=staff, method="sms_code")


def in_progress(request, staff) -> RightsRequest:
    return services.start_processing(request=verified(request, staff), staff=staff)


# Member pages ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["rights:my-data", "rights:requests", "rights:copy"])
def test_a_visitor_is_sent_to_sign_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_my_data_shows_purpose_sensitivity_recipients_and_retention(client, member, django_assert_max_num_queries):
    partner = Partner.objects.create(code="rgt-courier", name="Courier Network", kind=Partner.Kind.LOGISTICS)
    SharingRecord.objects.create(
        member=member, partner=partner, categories=["account"], purpose="delivery", legal_basis="contract"
    )
    client.force_login(member)

    with django_assert_max_num_queries(12):
        html = client.get(reverse("rights:my-data")).content.decode()

    assert "Account and registration" in html
    assert "Opens the account, signs you in and confirms it is you" in html
    assert "Courier Network" in html
    assert 'data-item="members.Member.phone"' in html


def test_a_member_deletes_a_whole_kind_of_record_themselves(client, member):
    """The My data page deletes one self-deletable kind of record (the address case of RGT-04 is in tests/orders)."""
    from catalog.models import SearchHistory

    SearchHistory.objects.create(member=member, query="tea")
    client.force_login(member)

    client.post(reverse("rights:delete-records"), {"label": "catalog.SearchHistory"})

    assert not SearchHistory.objects.filter(member=member).exists()


def test_records_that_need_a_request_cannot_be_deleted_from_the_page(client, member):
    client.force_login(member)

    response = client.post(reverse("rights:delete-records"), {"label": "members.Member"})

    assert response.status_code == 400
    assert Member.objects.filter(pk=member.pk).exists()


def test_filing_a_correction_shows_it_with_due_date_and_timeline(client, member):
    client.force_login(member)

    response = client.post(
        reverse("rights:request-new", args=["correction"]), {"requester_type": "self", "details": "Wrong industry"}
    )

    request = RightsRequest.objects.get(member=member)
    assert response.url == reverse("rights:request", args=[request.pk])
    html = client.get(response.url).content.decode()
    assert request.due_at.strftime("%Y-%m-%d") in html
    assert "Wrong industry" in html
    assert 'data-status="submitted"' in html
    listing = client.get(reverse("rights:requests")).content.decode()
    assert f'data-request="{request.pk}"' in listing


def test_another_members_request_is_404(client, member, other_member):
    request = file_request(member)
    client.force_login(other_member)

    assert client.get(reverse("rights:request", args=[request.pk])).status_code == 404
    assert client.post(reverse("rights:request", args=[request.pk]), {"message": "hi"}).status_code == 404
    assert client.post(reverse("rights:request-withdraw", args=[request.pk])).status_code == 404
    assert RequestEvent.objects.filter(request=request).count() == 1


def test_an_unknown_request_type_is_404(client, member):
    client.force_login(member)

    assert client.get(reverse("rights:request-new", args=["anything"])).status_code == 404


def test_the_deletion_form_needs_one_of_the_five_grounds(client, member):
    """RGT-05: the deletion-request form cannot be submitted without one of the five grounds selected."""
    client.force_login(member)
    url = reverse("rights:request-new", args=["deletion"])

    page = client.get(url).content.decode()
    missing = client.post(url, {"requester_type": "self", "details": "Delete my history"})
    invalid = client.post(url, {"requester_type": "self", "deletion_ground": "because"})
    valid = client.post(url, {"requester_type": "self", "deletion_ground": "no_consent"})

    assert page.count('name="deletion_ground"') == 5
    assert missing.status_code == 400 and invalid.status_code == 400
    assert "Choose one of the five grounds for deletion." in missing.content.decode()
    request = RightsRequest.objects.get()
    assert valid.status_code == 302 and request.deletion_ground == "no_consent"
    with pytest.raises(ValidationError), transaction.atomic():
        services.submit_request(member=member, type=RequestType.DELETION)


def test_a_guardian_cannot_file_without_a_proof_document(client, member):
    """RGT-14: a request filed as "guardian" cannot be submitted without a proof document."""
    client.force_login(member)
    url = reverse("rights:request-new", args=["correction"])
    data = {"requester_type": "guardian", "requester_name": "Wang Fang", "details": "Child's birthday is wrong"}

    without = client.post(url, data)
    with_proof = client.post(
        url, {**data, "proof": SimpleUploadedFile("whatever.exe", PDF, "text/plain"), "proof_consent": "on"}
    )

    assert without.status_code == 400
    assert "Upload a document that proves" in without.content.decode()
    request = RightsRequest.objects.get()
    assert with_proof.status_code == 302 and request.requester_type == "guardian"
    evidence = RequestEvidence.objects.get(request=request)
    assert evidence.content_type == "application/pdf"
    assert evidence.file_name.startswith("proof-") and evidence.file_name.endswith(".pdf")
    assert "whatever" not in evidence.file_name


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("proof.pdf", b"<html><script>alert(1)</script>", "application/pdf"),
        SimpleUploadedFile("proof.png", b"GIF89a......", "image/png"),
        # Starts like a PNG, but is a script behind the header: it must decode as an image to be accepted.
        SimpleUploadedFile("proof.png", b"\x89PNG\r\n\x1a\n<script>alert(1)</script>", "image/png"),
    ],
)
def test_a_proof_that_is_not_a_pdf_png_or_jpeg_is_refused(client, member, upload):
    client.force_login(member)

    response = client.post(
        reverse("rights:request-new", args=["correction"]),
        {"requester_type": "agent", "requester_name": "Li Lei", "details": "x", "proof": upload, "proof_consent": "on"},
    )

    assert response.status_code == 400
    assert "Upload a PDF, PNG or JPEG file." in response.content.decode()
    assert not RightsRequest.objects.exists() and not RequestEvidence.objects.exists()


def test_an_image_proof_is_kept_as_its_pixels_only(member):
    """A PNG proof is decoded and re-encoded: trailing bytes after the image never reach storage."""
    out = BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    sent = out.getvalue() + b"<script>alert(1)</script>"

    request = file_request(
        member, requester_type="agent", requester_name="Li Lei", proof=SimpleUploadedFile("id.png", sent)
    )

    evidence = RequestEvidence.objects.get(request=request)
    assert evidence.content_type == "image/png" and evidence.file_name.endswith(".png")
    assert b"<script>" not in bytes(evidence.content)
    assert Image.open(BytesIO(bytes(evidence.content))).size == (4, 4)


def test_a_proof_just_under_the_size_limit_is_accepted_with_its_form(client, member, settings):
    """The page allows the evidence limit plus the form around it, not only the site-wide body limit."""
    client.force_login(member)
    proof = PDF + b"0" * (settings.RIGHTS_EVIDENCE_MAX_BYTES - len(PDF) - 16)

    response = client.post(
        reverse("rights:request-new", args=["correction"]),
        {
            "requester_type": "agent",
            "requester_name": "Li Lei",
            "details": "x",
            "proof": SimpleUploadedFile("p.pdf", proof),
            "proof_consent": "on",
        },
    )

    assert response.status_code == 302
    assert RequestEvidence.objects.get().size == len(proof)


def test_a_proof_over_the_size_limit_is_refused(client, member, settings):
    settings.RIGHTS_EVIDENCE_MAX_BYTES = 1024
    client.force_login(member)

    response = client.post(
        reverse("rights:request-new", args=["correction"]),
        {
            "requester_type": "agent",
            "requester_name": "Li Lei",
            "details": "x",
            "proof": SimpleUploadedFile("p.pdf", PDF + b"0" * 2048, "application/pdf"),
            "proof_consent": "on",
        },
    )

    assert response.status_code == 400
    assert not RightsRequest.objects.exists()


def test_a_review_request_refers_to_a_logged_automated_decision(client, member, other_member, staff):
    """RGT-13: a member opens a review of a logged automated decision, and staff record an override."""
    decision = RiskDecision.objects.create(member=member, score=90, outcome=RiskDecision.Outcome.STEP_UP)
    theirs = RiskDecision.objects.create(member=other_member, score=10, outcome=RiskDecision.Outcome.ALLOW)
    client.force_login(member)
    url = reverse("rights:request-new", args=["automated_decision"])

    refused = client.post(url, {"requester_type": "self", "decision_id": theirs.pk})
    response = client.post(url, {"requester_type": "self", "decision_id": decision.pk, "details": "I was at home"})

    assert refused.status_code == 400
    request = RightsRequest.objects.get()
    assert response.status_code == 302 and request.decision_id == decision.pk
    done = services.fulfil(
        request=in_progress(request, staff), staff=staff, answer="Override: the step-up was a mistake."
    )
    assert done.status == RequestStatus.FULFILLED
    assert "Override: the step-up was a mistake." in done.answer


def test_a_complaint_goes_only_to_the_working_group_and_needs_the_facts(client, member):
    """RGT-15, RGT-21: the PIPWG form cannot be submitted without the facts, and lands in the PIPWG queue."""
    client.force_login(member)
    url = reverse("rights:request-new", args=["complaint"])

    without = client.post(url, {"requester_type": "self"})
    client.post(url, {"requester_type": "self", "details": "My data was shown to a seller."})

    assert without.status_code == 400
    request = RightsRequest.objects.get()
    assert request.queue == Queue.WORKING_GROUP


def test_a_childrens_data_request_lands_in_the_working_group_queue(member):
    """MIN-03: a request in category "children's data" lands in the PIPWG queue."""
    request = file_request(member, type=RequestType.CHILDREN, details="My son's account", requester_type="self")

    assert request.queue == Queue.WORKING_GROUP


def test_a_duplicate_of_an_open_request_is_linked_to_it(client, member):
    first = file_request(member)

    second = file_request(member)

    assert second.status == RequestStatus.DUPLICATE and second.duplicate_of == first
    assert first.events.filter(body__contains=f"#{second.pk}").exists()
    assert RightsRequest.objects.exclude(status=RequestStatus.DUPLICATE).count() == 1


def test_the_member_can_withdraw_an_open_request(client, member):
    request = file_request(member)
    client.force_login(member)

    client.post(reverse("rights:request-withdraw", args=[request.pk]))

    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN and request.closed_at is not None


# Workflow ---------------------------------------------------------------------------


def test_a_request_is_due_fifteen_days_after_receipt_and_flagged_when_overdue(member, staff):
    """RGT-16: due_at = received + 15 days; the SLA job warns before and flags it overdue after."""
    received = timezone.now()
    request = file_request(member, now=received)
    request = services.assign(request=request, staff=staff, assignee=staff)

    assert request.due_at == received + timedelta(days=15)
    assert services.warn_and_flag_deadlines(now=received + timedelta(days=11)) == {"warned": 0, "overdue": 0}
    assert services.warn_and_flag_deadlines(now=received + timedelta(days=13)) == {"warned": 1, "overdue": 0}
    assert services.warn_and_flag_deadlines(now=received + timedelta(days=15, minutes=1)) == {"warned": 0, "overdue": 1}
    assert services.warn_and_flag_deadlines(now=received + timedelta(days=16)) == {"warned": 0, "overdue": 0}
    request.refresh_from_db()
    assert request.overdue_at is not None
    assert Message.objects.filter(member=staff, title__contains="overdue").count() == 1


def test_processing_needs_a_recorded_verification_method(member, staff):
    """RGT-17: a rights request cannot move to processing without a recorded verification method."""
    request = file_request(member)

    with pytest.raises(services.TransitionRefused):
        services.start_processing(request=request, staff=staff)
    with pytest.raises(ValidationError):
        services.verify_identity(request=request, staff=staff, method="")
    with pytest.raises(IntegrityError), transaction.atomic():
        RightsRequest.objects.filter(pk=request.pk).update(status=RequestStatus.IN_PROGRESS)

    request = in_progress(request, staff)
    assert request.verification_method == "sms_code" and request.status == RequestStatus.IN_PROGRESS
    steps = list(request.events.filter(kind="status").values_list("to_status", flat=True))
    assert steps == ["submitted", "verified", "in_progress"]


def test_a_request_filed_by_an_agent_is_verified_by_checking_the_proof(member, staff):
    request = file_request(
        member,
        requester_type="agent",
        requester_name="Li Lei",
        proof=SimpleUploadedFile("p.pdf", PDF),
    )

    with pytest.raises(ValidationError):
        services.verify_identity(request=request, staff=staff, method="sms_code")
    assert services.verify_identity(request=request, staff=staff, method="agent_proof").status == "verified"


def test_a_step_that_skips_the_workflow_is_refused_and_changes_nothing(member, staff):
    request = verified(file_request(member), staff)

    with pytest.raises(services.TransitionRefused):
        services.fulfil(request=request, staff=staff, answer="Done")

    request.refresh_from_db()
    assert request.status == RequestStatus.VERIFIED
    assert not request.events.filter(to_status="fulfilled").exists()


def test_the_timeline_is_append_only(member):
    request = file_request(member)
    event = request.events.get()

    with pytest.raises(Exception, match="Cannot"), transaction.atomic():
        RequestEvent.objects.filter(pk=event.pk).update(body="rewritten")
    with pytest.raises(Exception, match="Cannot"), transaction.atomic():
        RequestEvent.objects.filter(pk=event.pk).delete()


def test_waiting_for_the_member_pauses_the_clock_and_the_member_sees_it(client, member, staff):
    request = in_progress(file_request(member), staff)
    due = request.due_at

    request = services.ask_member(request=request, staff=staff, message="Which landline is right?")
    client.force_login(member)
    html = client.get(reverse("rights:request", args=[request.pk])).content.decode()
    client.post(reverse("rights:request", args=[request.pk]), {"message": "+86 571 1234"})

    assert "clock is paused" in html and "Which landline is right?" in html
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_PROGRESS and request.paused_at is None
    assert request.due_at >= due
    assert Message.objects.filter(member=member, title__contains="needs something from you").exists()


def test_a_fee_needs_the_unreasonable_repeat_flag(member, staff):
    """RGT-18: saving a rights request with a fee above zero fails unless it is flagged as an unreasonable repeat."""
    request = file_request(member)

    with pytest.raises(IntegrityError), transaction.atomic():
        RightsRequest.objects.filter(pk=request.pk).update(fee=Decimal("10"), fee_justification="again")
    with pytest.raises(ValidationError):
        services.charge_fee(request=request, staff=staff, fee=Decimal("10"), justification="Fifth copy this month")

    services.flag_unreasonable_repeat(request=request, staff=staff, reason="Fifth identical request in a month")
    charged = services.charge_fee(request=request, staff=staff, fee=Decimal("10"), justification="Fifth copy")
    assert charged.fee == Decimal("10.00")
    assert RightsRequest._meta.get_field("fee").default == 0


def test_a_refusal_needs_a_reason_code_and_tells_the_member_why(client, member, staff):
    """RGT-19: refusing without a reason code fails; a valid refusal sends the member a message with the reason."""
    request = in_progress(file_request(member), staff)

    with pytest.raises(ValidationError):
        services.refuse(request=request, staff=staff, reason="", explanation="No")
    with pytest.raises(ValidationError):
        services.refuse(request=request, staff=staff, reason=RefusalReason.EXCESSIVE, explanation=" ")
    with pytest.raises(IntegrityError), transaction.atomic():
        RightsRequest.objects.filter(pk=request.pk).update(status="refused", closed_at=timezone.now())

    services.refuse(
        request=request, staff=staff, reason=RefusalReason.EXCESSIVE, explanation="It needs ten years of backups."
    )

    message = Message.objects.get(member=member, title__startswith="Answer to your request")
    assert "Needs excessive technical means" in message.body
    assert "ten years of backups" in message.body
    client.force_login(member)
    html = client.get(reverse("rights:request", args=[request.pk])).content.decode()
    assert 'data-refusal="excessive"' in html


def test_every_final_answer_says_how_to_escalate(member, staff):
    """RGT-22: every final response to a rights request includes a paragraph on how to escalate."""
    fulfilled = services.fulfil(request=in_progress(file_request(member), staff), staff=staff, answer="Corrected.")
    refused = services.refuse(
        request=in_progress(file_request(member, type=RequestType.CONSENT), staff),
        staff=staff,
        reason=RefusalReason.UNRELATED,
        explanation="Not your account.",
    )
    scoped = services.close_out_of_scope(
        request=file_request(member, type=RequestType.COMPLAINT, details="Price of tea"),
        staff=staff,
        explanation="Not about personal information.",
    )
    expired = file_request(
        member, type=RequestType.DELETION, deletion_ground="unlawful", now=timezone.now() - timedelta(days=22)
    )
    services.expire_unverified()
    expired.refresh_from_db()

    for request in (fulfilled, refused, scoped, expired):
        assert services.escalation_paragraph() in request.answer
    finals = Message.objects.filter(member=member, title__startswith="Answer to your request")
    assert finals.count() == 4
    assert all(services.escalation_paragraph() in m.body for m in finals)


def test_staff_can_close_a_request_as_out_of_scope(member, staff):
    """RGT-21: staff can close a request with status "out of scope"."""
    request = file_request(member, type=RequestType.COMPLAINT, details="Where is my parcel?")

    closed = services.close_out_of_scope(request=request, staff=staff, explanation="A delivery question.")

    assert closed.status == RequestStatus.OUT_OF_SCOPE and closed.closed_at is not None


def test_unverified_requests_close_themselves_after_21_days_with_a_notice(member):
    old = file_request(member, now=timezone.now() - timedelta(days=21, minutes=1))
    recent = file_request(member, type=RequestType.CONSENT, now=timezone.now() - timedelta(days=20))

    assert services.expire_unverified() == 1
    assert services.expire_unverified() == 0

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.status == RequestStatus.EXPIRED and recent.status == RequestStatus.SUBMITTED
    assert Message.objects.filter(member=member, body__contains="could not verify your identity").count() == 1


# Deletion notices (RGT-06) ------------------------------------------------------------


def test_approving_a_deletion_sends_one_notice_per_recipient(
    member, staff, django_capture_on_commit_callbacks, monkeypatch
):
    """RGT-06: approving a deletion request creates one deletion-notice task per recipient in the disclosure log."""
    payer = Partner.objects.create(code="rgt-payer", name="Payer", kind=Partner.Kind.PAYMENT)
    courier = Partner.objects.create(code="rgt-courier", name="Courier", kind=Partner.Kind.LOGISTICS)
    Partner.objects.create(code="rgt-never", name="Never received", kind=Partner.Kind.OTHER)
    for partner in (payer, courier, courier):
        SharingRecord.objects.create(member=member, partner=partner, purpose="order", legal_basis="contract")
    request = in_progress(file_request(member, type=RequestType.DELETION, deletion_ground="purpose_ended"), staff)

    queued = []
    monkeypatch.setattr(send_deletion_notice, "delay", queued.append)

    with django_capture_on_commit_callbacks(execute=True):
        services.fulfil(request=request, staff=staff, answer="Your history is deleted.")

    notices = DeletionNotice.objects.filter(request=request)
    assert sorted(notices.values_list("partner__code", flat=True)) == ["rgt-courier", "rgt-payer"]
    assert sorted(queued) == sorted(notices.values_list("pk", flat=True))
    for notice_id in queued:
        send_deletion_notice.apply(args=[notice_id])
    assert set(notices.values_list("status", flat=True)) == {"sent"}


def test_a_partner_that_fails_is_retried_then_marked_failed(member, staff, monkeypatch):
    from rights import partners

    partner = Partner.objects.create(code="rgt-slow", name="Slow partner", kind=Partner.Kind.OTHER)
    SharingRecord.objects.create(member=member, partner=partner, purpose="x", legal_basis="contract")
    request = in_progress(file_request(member, type=RequestType.DELETION, deletion_ground="unlawful"), staff)
    services.fulfil(request=request, staff=staff, answer="Deleted.")
    notice = DeletionNotice.objects.get(request=request)

    def down(partner, *, reference):
        raise PartnerUnavailable("503 from partner")

    monkeypatch.setattr(partners, "transmit", down)
    with pytest.raises(PartnerUnavailable):
        partners.deliver(notice.pk)
    send_deletion_notice.apply(args=[notice.pk], retries=send_deletion_notice.max_retries)

    notice.refresh_from_db()
    assert notice.status == "failed" and notice.attempts == 2 and "503" in notice.last_error


def test_customer_service_files_the_closure_for_a_member_under_a_verified_request(client, member, staff):
    """RGT-11: closure can be asked for through customer service; staff file it, with the member's own rules."""
    # clause: RGT-11
    from rights.closure import cooling_off_closure
    from rights.models import StaffAction
    from rights.staff_actions import close_for_member
    from tests.rights.test_retention import make_order

    client.force_login(member)
    response = client.post(
        reverse("rights:request-new", args=["closure"]), {"requester_type": "self", "details": "Please close it for me"}
    )
    assert response.status_code == 302
    request = RightsRequest.objects.get(member=member, type=RequestType.CLOSURE)

    with pytest.raises(ValidationError):  # identity first (RGT-17)
        close_for_member(request=request, staff=staff, reason="Asked by phone")
    verified(request, staff)
    unfinished = make_order(member, completed_ago=None, n=1)
    with pytest.raises(ValidationError):  # the same blockers as the member's own closure
        close_for_member(request=request, staff=staff, reason="Asked by phone")
    assert cooling_off_closure(member) is None
    unfinished.delete()

    closure = close_for_member(request=request, staff=staff, reason="Asked by phone")

    assert cooling_off_closure(member) == closure
    action = StaffAction.objects.get(request=request)
    assert (action.staff, action.kind, action.reason) == (staff, StaffAction.Kind.CLOSURE, "Asked by phone")
    assert request.events.filter(body__contains="filed the closure").exists()
