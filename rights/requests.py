"""Section IV(VII): rights requests, from filing to the final answer within 15 days (RGT-14 to RGT-19, RGT-22).

Every change of status is a conditional UPDATE from the statuses it may come from, written with its line of the
append-only timeline in one transaction; a transition that skips a step changes nothing and says so.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interactions.models import AlertCategory
from interactions.services import notify
from members.models import Member
from members.selectors import is_automated_decision_of
from privacy.categories import DataCategory
from privacy.consent import RequestContext, grant
from privacy.purposes import Purpose
from rights.models import (
    CLOSED_STATUSES,
    DeletionGround,
    Queue,
    RefusalReason,
    RequesterType,
    RequestEvent,
    RequestEvidence,
    RequestStatus,
    RequestType,
    RightsRequest,
    VerificationMethod,
)
from rights.selectors import is_in_working_group
from rights.uploads import check_evidence

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_stubs_ext import StrOrPromise

S = RequestStatus

# RGT-17: submitted → verified → in progress ⇄ waiting → fulfilled; refusal and closing as out of scope from any
# open step; the member may withdraw while the request is open.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.VERIFIED: (S.SUBMITTED,),
    S.IN_PROGRESS: (S.VERIFIED, S.WAITING),
    S.WAITING: (S.IN_PROGRESS,),
    S.FULFILLED: (S.IN_PROGRESS,),
    S.REFUSED: (S.SUBMITTED, S.VERIFIED, S.IN_PROGRESS, S.WAITING),
    S.OUT_OF_SCOPE: (S.SUBMITTED, S.VERIFIED, S.IN_PROGRESS, S.WAITING),
    S.WITHDRAWN: (S.SUBMITTED, S.VERIFIED, S.IN_PROGRESS, S.WAITING),
    S.EXPIRED: (S.SUBMITTED,),
}

PROOF_CONSENT_NEEDED = gettext_lazy("Giving a proof document needs your separate consent.")

WORKING_GROUP_TYPES = (RequestType.COMPLAINT, RequestType.CHILDREN)


def escalation_paragraph() -> str:
    """RGT-22: every final answer says where to go next. Wording to be confirmed by legal (the source is cut off)."""
    return _(
        "If you are not satisfied with this answer, you can write to the personal information protection working "
        "group (Legal Service Desk, 1/F, Building 4, No. 969 West Wenyi Road, Yuhang District, Hangzhou; "
        "pipwg1688@service.alibaba.com), complain to the authority in charge of personal information protection, "
        "or bring a claim before the people's court with jurisdiction where the provider is located."
    )


class TransitionRefused(ValidationError):
    """The request is not in a status this step may follow."""


# Filing ---------------------------------------------------------------------------


def open_requests_of(member: Member) -> QuerySet[RightsRequest]:
    return RightsRequest.objects.filter(member=member).exclude(status__in=CLOSED_STATUSES)


@transaction.atomic
def submit_request(
    *,
    member: Member,
    type: str,
    details: str = "",
    category: str = "",
    deletion_ground: str = "",
    decision_id: int | None = None,
    requester_type: str = RequesterType.SELF,
    requester_name: str = "",
    proof: UploadedFile | None = None,
    proof_consent: bool = False,
    context: RequestContext | None = None,
    now: datetime | None = None,
) -> RightsRequest:
    """File a request for `member`; a duplicate of one still open is linked to it instead of opening a second."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    if type not in RequestType.values:
        errors["type"] = _("Choose a type of request.")
    if category and category not in DataCategory.values:
        errors["category"] = _("Choose a data category from the list.")
    if type == RequestType.DELETION and deletion_ground not in DeletionGround.values:
        # RGT-05
        errors["deletion_ground"] = _("Choose one of the five grounds for deletion.")
    if type != RequestType.DELETION:
        deletion_ground = ""
    if type in (*WORKING_GROUP_TYPES, RequestType.CORRECTION) and not details.strip():
        # RGT-21: the working group needs the facts; a correction needs to say what is wrong.
        errors["details"] = _("Describe the facts of your request.")
    if type == RequestType.AUTOMATED_DECISION:
        # RGT-13: the review names one of the member's logged automated decisions.
        if decision_id is None or not is_automated_decision_of(member, decision_id):
            errors["decision_id"] = _("Choose the automated decision you want reviewed.")
    else:
        decision_id = None
    if requester_type not in RequesterType.values:
        errors["requester_type"] = _("Say who is filing the request.")
    checked = None
    if requester_type != RequesterType.SELF:
        # RGT-14: a guardian, close relative or agent proves their authority.
        if not requester_name.strip():
            errors["requester_name"] = _("Give the name of the person filing the request.")
        if proof is None:
            errors["proof"] = _("Upload a document that proves you may act for the member.")
    if proof is not None:
        try:
            checked = check_evidence(proof)
        except ValidationError as error:
            errors["proof"] = error.messages[0]
        if not proof_consent or context is None:
            # DEF-02: a proof document is sensitive; it is kept only with its separate consent.
            errors["proof_consent"] = str(PROOF_CONSENT_NEEDED)
    if errors:
        raise ValidationError(errors)
    original = (
        open_requests_of(member)
        .filter(type=type, category=category, deletion_ground=deletion_ground, decision_id=decision_id)
        .order_by("received_at")
        .first()
    )
    request = RightsRequest.objects.create(
        member=member,
        type=type,
        queue=Queue.WORKING_GROUP if type in WORKING_GROUP_TYPES else Queue.CUSTOMER_SERVICE,
        requester_type=requester_type,
        requester_name=requester_name.strip() if requester_type != RequesterType.SELF else "",
        category=category,
        details=details.strip(),
        deletion_ground=deletion_ground,
        decision_id=decision_id,
        received_at=now,
        due_at=now + timedelta(days=settings.RIGHTS_REQUEST_ANSWER_DAYS),  # RGT-16
        status=S.DUPLICATE if original else S.SUBMITTED,
        duplicate_of=original,
        closed_at=now if original else None,
    )
    record_event(request, actor=RequestEvent.Actor.MEMBER, to_status=request.status, body=request.details, at=now)
    if checked is not None and context is not None:
        grant(member, Purpose.RIGHTS_EVIDENCE, context=context)
        RequestEvidence.objects.create(
            request=request,
            file_name=checked.file_name,
            content_type=checked.content_type,
            size=len(checked.content),
            content=checked.content,
            uploaded_at=now,
        )
    if original is not None:
        record_event(
            original,
            actor=RequestEvent.Actor.MEMBER,
            kind=RequestEvent.Kind.MESSAGE,
            body=_("The same request was filed again as #%(pk)s and linked here.") % {"pk": request.pk},
            at=now,
        )
    return request


def record_event(
    request: RightsRequest,
    *,
    actor: str,
    kind: str = RequestEvent.Kind.STATUS,
    staff: Member | None = None,
    from_status: str = "",
    to_status: str = "",
    body: StrOrPromise = "",
    at: datetime | None = None,
) -> RequestEvent:
    return RequestEvent.objects.create(
        request=request,
        kind=kind,
        actor=actor,
        staff=staff,
        from_status=from_status,
        to_status=to_status,
        body=body,  # type: ignore[misc]  # a TextField takes a lazy string (to_python str()s it); the stubs say str only
        occurred_at=at or timezone.now(),
    )


# Moving through the workflow --------------------------------------------------------


def _move(
    request: RightsRequest,
    to: str,
    *,
    actor: str,
    staff: Member | None = None,
    body: StrOrPromise = "",
    now: datetime | None = None,
    **changes: Any,
) -> RightsRequest:
    """The one conditional UPDATE every step goes through; refuses a step the current status may not take."""
    now = now or timezone.now()
    allowed = TRANSITIONS[to]
    with transaction.atomic():
        current = RightsRequest.objects.filter(pk=request.pk).values_list("status", flat=True).first()
        if to in CLOSED_STATUSES:
            changes.setdefault("closed_at", now)
        moved = RightsRequest.objects.filter(pk=request.pk, status__in=allowed).update(status=to, **changes)
        if not moved:
            raise TransitionRefused(
                _("A request that is %(current)s cannot become %(to)s.")
                % {"current": RequestStatus(current).label if current else "?", "to": RequestStatus(to).label},
                code="transition",
            )
        # the UPDATE above found the row, so the SELECT before it did: `current` is a status here
        record_event(request, actor=actor, staff=staff, from_status=cast(str, current), to_status=to, body=body, at=now)
    request.refresh_from_db()
    return request


def verify_identity(*, request: RightsRequest, staff: Member, method: str) -> RightsRequest:
    """RGT-17: record how identity was confirmed; nothing is processed before this step."""
    if method not in VerificationMethod.values:
        raise ValidationError({"verification_method": _("Choose how the identity was verified.")})
    if request.requester_type != RequesterType.SELF and method != VerificationMethod.AGENT_PROOF:
        raise ValidationError(
            {"verification_method": _("A request filed for the member needs the proof of authority checked.")}
        )
    now = timezone.now()
    return _move(
        request,
        S.VERIFIED,
        actor=RequestEvent.Actor.STAFF,
        staff=staff,
        body=VerificationMethod(method).label,
        now=now,
        verification_method=method,
        verified_at=now,
        assignee=request.assignee or (staff if may_be_assigned(request, staff) else None),
    )


def start_processing(*, request: RightsRequest, staff: Member) -> RightsRequest:
    return _move(request, S.IN_PROGRESS, actor=RequestEvent.Actor.STAFF, staff=staff)


def ask_member(*, request: RightsRequest, staff: Member, message: str) -> RightsRequest:
    """Wait for something only the member can supply; the 15-day clock pauses, and the member sees it."""
    if not message.strip():
        raise ValidationError({"message": _("Say what you need from the member.")})
    now = timezone.now()
    with transaction.atomic():
        request = _move(
            request,
            S.WAITING,
            actor=RequestEvent.Actor.STAFF,
            staff=staff,
            body=message.strip(),
            now=now,
            paused_at=now,
        )
        notify(
            request.member,
            AlertCategory.SERVICE,
            title=_("Your request #%(pk)s needs something from you") % {"pk": request.pk},
            body=message.strip(),
        )
    return request


def reply(*, request: RightsRequest, member: Member, message: str) -> RightsRequest:
    """The member answers: a message on the timeline, and a waiting request goes back to work with its clock."""
    if not message.strip():
        raise ValidationError({"message": _("Write your reply.")})
    with transaction.atomic():
        locked = RightsRequest.objects.select_for_update().get(pk=request.pk, member=member)
        if not locked.is_open:
            raise TransitionRefused(_("This request is closed."), code="closed")
        if locked.status == S.WAITING:
            return _resume(locked, actor=RequestEvent.Actor.MEMBER, body=message.strip())
        record_event(locked, actor=RequestEvent.Actor.MEMBER, kind=RequestEvent.Kind.MESSAGE, body=message.strip())
    return locked


def resume(*, request: RightsRequest, staff: Member) -> RightsRequest:
    return _resume(request, actor=RequestEvent.Actor.STAFF, staff=staff)


def _resume(request: RightsRequest, *, actor: str, staff: Member | None = None, body: str = "") -> RightsRequest:
    now = timezone.now()
    paused_for = now - request.paused_at if request.paused_at else timedelta(0)
    # The days spent waiting for the member do not count against the 15 days.
    return _move(
        request,
        S.IN_PROGRESS,
        actor=actor,
        staff=staff,
        body=body,
        now=now,
        paused_at=None,
        due_at=F("due_at") + paused_for,
    )


def fulfil(*, request: RightsRequest, staff: Member, answer: str) -> RightsRequest:
    """Close the request as done, telling the member what was done and how to escalate (RGT-22)."""
    from rights.partners import queue_deletion_notices

    if not answer.strip():
        raise ValidationError({"answer": _("Tell the member what was done.")})
    text = f"{answer.strip()}\n\n{escalation_paragraph()}"
    with transaction.atomic():
        request = _move(request, S.FULFILLED, actor=RequestEvent.Actor.STAFF, staff=staff, body=text, answer=text)
        if request.type == RequestType.DELETION:
            queue_deletion_notices(request)  # RGT-06
        _final_notice(request, text)
    return request


def start_automatically(request: RightsRequest) -> RightsRequest:
    """A self-service request (a copy of my data) is worked on by a job, not by staff."""
    if request.status != S.VERIFIED:
        return request
    return _move(request, S.IN_PROGRESS, actor=RequestEvent.Actor.SYSTEM)


def fulfil_automatically(request: RightsRequest, *, answer: str) -> RightsRequest:
    text = f"{answer}\n\n{escalation_paragraph()}"
    return _move(request, S.FULFILLED, actor=RequestEvent.Actor.SYSTEM, body=text, answer=text)


def refuse(*, request: RightsRequest, staff: Member, reason: str, explanation: str) -> RightsRequest:
    """RGT-19: refuse for one of the five reasons, with an explanation sent to the member with the escalation."""
    errors = {}
    if reason not in RefusalReason.values:
        errors["refusal_reason"] = _("Choose one of the five reasons for refusing.")
    if not explanation.strip():
        errors["answer"] = _("Explain the refusal to the member.")
    if errors:
        raise ValidationError(errors)
    text = f"{RefusalReason(reason).label}. {explanation.strip()}\n\n{escalation_paragraph()}"
    with transaction.atomic():
        request = _move(
            request,
            S.REFUSED,
            actor=RequestEvent.Actor.STAFF,
            staff=staff,
            body=text,
            answer=text,
            refusal_reason=reason,
        )
        _final_notice(request, text)
    return request


def close_out_of_scope(*, request: RightsRequest, staff: Member, explanation: str) -> RightsRequest:
    """RGT-21: a question unrelated to the platform or to personal information closes as out of scope."""
    if not explanation.strip():
        raise ValidationError({"answer": _("Explain why the request is out of scope.")})
    text = f"{explanation.strip()}\n\n{escalation_paragraph()}"
    with transaction.atomic():
        request = _move(request, S.OUT_OF_SCOPE, actor=RequestEvent.Actor.STAFF, staff=staff, body=text, answer=text)
        _final_notice(request, text)
    return request


def withdraw(*, request: RightsRequest, member: Member) -> RightsRequest:
    if request.member_id != member.pk:
        raise RightsRequest.DoesNotExist
    return _move(request, S.WITHDRAWN, actor=RequestEvent.Actor.MEMBER)


def add_staff_message(*, request: RightsRequest, staff: Member, message: str, to_member: bool = True) -> RequestEvent:
    if not message.strip():
        raise ValidationError({"message": _("Write the message.")})
    kind = RequestEvent.Kind.MESSAGE if to_member else RequestEvent.Kind.NOTE
    with transaction.atomic():
        event = record_event(request, actor=RequestEvent.Actor.STAFF, staff=staff, kind=kind, body=message.strip())
        if to_member:
            notify(
                request.member,
                AlertCategory.SERVICE,
                title=_("A message about your request #%(pk)s") % {"pk": request.pk},
                body=message.strip(),
            )
    return event


def _final_notice(request: RightsRequest, text: str) -> None:
    notify(
        request.member,
        AlertCategory.SERVICE,
        title=_("Answer to your request #%(pk)s: %(status)s")
        % {"pk": request.pk, "status": request.get_status_display()},
        body=text,
    )


def charge_fee(*, request: RightsRequest, staff: Member, fee: Decimal, justification: str) -> RightsRequest:
    """RGT-18: a fee only on a request flagged as an unreasonable repeat, with its justification."""
    if fee < 0:
        raise ValidationError({"fee": _("A fee cannot be negative.")})
    if fee > 0 and not justification.strip():
        raise ValidationError({"fee_justification": _("Justify the fee.")})
    with transaction.atomic():
        changed = RightsRequest.objects.filter(pk=request.pk, is_unreasonable_repeat=True).update(
            fee=fee, fee_justification=justification.strip()
        )
        if not changed:
            raise ValidationError({"fee": _("Only a request flagged as an unreasonable repeat can carry a fee.")})
        record_event(
            request,
            actor=RequestEvent.Actor.STAFF,
            staff=staff,
            kind=RequestEvent.Kind.MESSAGE,
            body=_("A fee of %(fee)s applies: %(why)s") % {"fee": fee, "why": justification.strip()},
        )
    request.refresh_from_db()
    return request


def flag_unreasonable_repeat(*, request: RightsRequest, staff: Member, reason: str) -> RightsRequest:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the request is an unreasonable repeat.")})
    with transaction.atomic():
        RightsRequest.objects.filter(pk=request.pk).update(is_unreasonable_repeat=True)
        record_event(
            request, actor=RequestEvent.Actor.STAFF, staff=staff, kind=RequestEvent.Kind.NOTE, body=reason.strip()
        )
    request.refresh_from_db()
    return request


def may_be_assigned(request: RightsRequest, assignee: Member) -> bool:
    """SEC-10: requests in the working group's queue go only to members of its staff group."""
    return request.queue != Queue.WORKING_GROUP or is_in_working_group(assignee)


def assign(*, request: RightsRequest, staff: Member, assignee: Member) -> RightsRequest:
    """Give the request to `assignee`; a working-group request only to a member of the working group (SEC-10)."""
    if not may_be_assigned(request, assignee):
        raise ValidationError(
            {"assignee": _("Complaints and children's data go only to members of the PI protection working group.")}
        )
    with transaction.atomic():
        RightsRequest.objects.filter(pk=request.pk).update(assignee=assignee)
        record_event(
            request,
            actor=RequestEvent.Actor.STAFF,
            staff=staff,
            kind=RequestEvent.Kind.NOTE,
            body=_("Assigned to %(name)s") % {"name": assignee.member_name},
        )
    request.refresh_from_db()
    return request


# Deadlines (RGT-16) -----------------------------------------------------------------


def warn_and_flag_deadlines(*, now: datetime | None = None) -> dict[str, int]:
    """The beat job: warn assignees of requests due soon, and flag overdue ones; each request once for each."""
    now = now or timezone.now()
    running = RightsRequest.objects.exclude(status__in=CLOSED_STATUSES).filter(paused_at__isnull=True)
    warn_before = timedelta(days=settings.RIGHTS_REQUEST_WARN_DAYS)
    warned = overdue = 0
    for request in running.filter(warned_at__isnull=True, due_at__lte=now + warn_before, due_at__gt=now):
        with transaction.atomic():
            if not RightsRequest.objects.filter(pk=request.pk, warned_at__isnull=True).update(warned_at=now):
                continue
            record_event(
                request,
                actor=RequestEvent.Actor.SYSTEM,
                kind=RequestEvent.Kind.NOTE,
                body=_("Due on %(date)s: deadline warning sent.") % {"date": request.due_at.date().isoformat()},
                at=now,
            )
            if request.assignee_id:
                notify(
                    request.assignee,
                    AlertCategory.SERVICE,
                    title=_("Rights request #%(pk)s is due on %(date)s")
                    % {"pk": request.pk, "date": request.due_at.date().isoformat()},
                    body=_("Answer it before the 15-day deadline."),
                )
            warned += 1
    for request in running.filter(overdue_at__isnull=True, due_at__lte=now):
        with transaction.atomic():
            if not RightsRequest.objects.filter(pk=request.pk, overdue_at__isnull=True).update(overdue_at=now):
                continue
            record_event(
                request,
                actor=RequestEvent.Actor.SYSTEM,
                kind=RequestEvent.Kind.NOTE,
                body=_("Overdue: the 15-day deadline has passed."),
                at=now,
            )
            if request.assignee_id:
                notify(
                    request.assignee,
                    AlertCategory.SERVICE,
                    title=_("Rights request #%(pk)s is overdue") % {"pk": request.pk},
                    body=_("The 15-day deadline has passed."),
                )
            overdue += 1
    return {"warned": warned, "overdue": overdue}


def expire_unverified(*, now: datetime | None = None) -> int:
    """Close, with a notice, requests whose identity was never verified within the set number of days."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.RIGHTS_REQUEST_UNVERIFIED_DAYS)
    closed = 0
    for request in RightsRequest.objects.filter(status=S.SUBMITTED, received_at__lte=cutoff):
        text = (
            _(
                "We could not verify your identity within %(days)d days, so this request is closed. You can file it again."
            )
            % {"days": settings.RIGHTS_REQUEST_UNVERIFIED_DAYS}
            + f"\n\n{escalation_paragraph()}"
        )
        try:
            with transaction.atomic():
                request = _move(request, S.EXPIRED, actor=RequestEvent.Actor.SYSTEM, body=text, now=now, answer=text)
                _final_notice(request, text)
        except TransitionRefused:
            continue
        closed += 1
    return closed
