"""What the support app does (section II(IV)): tickets and their conversation, identity checks, account actions
at the member's request, the questionnaire and the automated assistant.

Every change is one transaction; notices to the member go through interactions.services.notify, and account
actions through members.services, each with its audit row (TicketAction) in the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from interactions.models import AlertCategory
from interactions.services import notify
from members import services as members
from privacy.links import absolute_url
from support import selectors
from support.models import (
    AssistantExchange,
    Attachment,
    CallRecord,
    FaqEntry,
    IdentityCheck,
    SatisfactionSurvey,
    Ticket,
    TicketAction,
    TicketMessage,
)

if TYPE_CHECKING:
    from datetime import datetime

    from members.models import Member
    from orders.models import Order
    from privacy.uploads import CleanImage


def _attach(message: TicketMessage, images: Sequence[CleanImage]) -> None:
    Attachment.objects.bulk_create(
        Attachment(
            message=message,
            file_name=image.as_file().name or f"image.{image.extension}",
            content_type=image.content_type,
            content=image.content,
        )
        for image in images
    )


@transaction.atomic
def open_ticket(
    *,
    member: Member,
    kind: str,
    subject: str,
    body: str,
    order: Order | None = None,
    images: Sequence[CleanImage] = (),
) -> Ticket:
    """Open a ticket with its first message; it may link only to one of the member's own orders (CS-02)."""
    if order is not None and not selectors.orders_to_complain_about(member).filter(pk=order.pk).exists():
        raise ValidationError(_("Choose one of your own orders."), code="not_your_order")
    ticket = Ticket.objects.create(member=member, kind=kind, subject=subject, description=body, order=order)
    message = TicketMessage.objects.create(ticket=ticket, author_role=TicketMessage.Author.MEMBER, body=body)
    _attach(message, images)
    return ticket


@transaction.atomic
def add_member_message(
    *, ticket: Ticket, member: Member, body: str, images: Sequence[CleanImage] = ()
) -> TicketMessage:
    """The member writes on their open ticket; a closed ticket takes no more messages."""
    if ticket.member_id != member.pk:
        raise ValidationError(_("This is not your ticket."), code="not_yours")
    now = timezone.now()
    if not Ticket.objects.filter(pk=ticket.pk).exclude(status=Ticket.Status.CLOSED).update(last_message_at=now):
        raise ValidationError(_("This ticket is closed; open a new one."), code="closed")
    message = TicketMessage.objects.create(
        ticket=ticket, author_role=TicketMessage.Author.MEMBER, body=body, sent_at=now
    )
    _attach(message, images)
    return message


def _ticket_url(ticket: Ticket) -> str:
    return absolute_url(reverse("support:detail", args=[ticket.pk]))


@transaction.atomic
def answer_ticket(*, ticket: Ticket, staff: Member, body: str) -> TicketMessage:
    """Staff answer on the ticket; the member gets a service notice with a link to read it."""
    now = timezone.now()
    if not Ticket.objects.filter(pk=ticket.pk).exclude(status=Ticket.Status.CLOSED).update(last_message_at=now):
        raise ValidationError(_("This ticket is closed."), code="closed")
    message = TicketMessage.objects.create(
        ticket=ticket, author_role=TicketMessage.Author.STAFF, staff=staff, body=body, sent_at=now
    )
    notify(
        ticket.member,
        AlertCategory.SERVICE,
        title=_("Customer service answered your ticket"),
        body=_("Read the answer to “%(subject)s”: %(url)s") % {"subject": ticket.subject, "url": _ticket_url(ticket)},
    )
    return message


@transaction.atomic
def record_identity_check(*, ticket: Ticket, staff: Member, method: str) -> IdentityCheck:
    """CS-01: record how staff confirmed the member's identity on this ticket (once per ticket)."""
    if method not in IdentityCheck.Method.values:
        raise ValidationError(_("Choose how the identity was confirmed."), code="method")
    check, created = IdentityCheck.objects.get_or_create(ticket=ticket, defaults={"method": method, "staff": staff})
    if not created:
        raise ValidationError(_("The identity on this ticket is already confirmed."), code="already_checked")
    return check


def is_verified(ticket: Ticket) -> bool:
    return IdentityCheck.objects.filter(ticket_id=ticket.pk).exists()


def _require_verified(ticket: Ticket) -> None:
    if not is_verified(ticket):
        raise ValidationError(
            _("Confirm the member's identity on this ticket first; nothing was changed."), code="not_verified"
        )


@transaction.atomic
def start_work(*, ticket: Ticket, staff: Member) -> None:
    """CS-01: a ticket moves to "in progress" only once an identity check is attached to it."""
    _require_verified(ticket)
    if not Ticket.objects.filter(pk=ticket.pk, status=Ticket.Status.OPEN).update(status=Ticket.Status.IN_PROGRESS):
        raise ValidationError(_("Only an open ticket can be taken in hand."), code="status")
    ticket.status = Ticket.Status.IN_PROGRESS


@transaction.atomic
def close_ticket(*, ticket: Ticket, staff: Member) -> None:
    """Close the ticket and invite the member to the questionnaire (CS-03)."""
    now = timezone.now()
    if (
        not Ticket.objects.filter(pk=ticket.pk)
        .exclude(status=Ticket.Status.CLOSED)
        .update(status=Ticket.Status.CLOSED, closed_at=now)
    ):
        raise ValidationError(_("This ticket is already closed."), code="closed")
    ticket.status, ticket.closed_at = Ticket.Status.CLOSED, now
    notify(
        ticket.member,
        AlertCategory.SERVICE,
        title=_("Your ticket was closed"),
        body=_("“%(subject)s” is closed. Tell us how we did: %(url)s")
        % {"subject": ticket.subject, "url": _ticket_url(ticket)},
    )


@transaction.atomic
def record_call(
    *, ticket: Ticket, staff: Member, direction: str, started_at: datetime, duration_seconds: int, summary: str
) -> CallRecord:
    """CS-02: keep the record of a phone call about the ticket."""
    return CallRecord.objects.create(
        ticket=ticket,
        staff=staff,
        direction=direction,
        started_at=started_at,
        duration_seconds=duration_seconds,
        summary=summary,
    )


# Account actions (CS-06): only from a ticket whose identity check is recorded ---------------------------------


@transaction.atomic
def act_on_account(*, ticket: Ticket, staff: Member, kind: str) -> TicketAction:
    """Freeze, unfreeze, sign out everywhere or require a password reset, written to the audit log with the ticket."""
    _require_verified(ticket)
    member = ticket.member
    if kind == TicketAction.Kind.FREEZE:
        if not members.freeze_account(member=member):
            raise ValidationError(_("The account is not active, so it cannot be frozen."), code="state")
    elif kind == TicketAction.Kind.UNFREEZE:
        # Only an account customer service froze, and has not unfrozen since, is unfrozen here; an account that is
        # inactive for another reason (closure, a guardian's consent) stays as it is.
        last = (
            TicketAction.objects.filter(
                ticket__member=member, kind__in=[TicketAction.Kind.FREEZE, TicketAction.Kind.UNFREEZE]
            )
            .order_by("-occurred_at", "-pk")
            .values_list("kind", flat=True)
            .first()
        )
        if last != TicketAction.Kind.FREEZE:
            raise ValidationError(_("Customer service has not frozen this account."), code="state")
        if not members.unfreeze_account(member=member):
            raise ValidationError(_("The account is not frozen."), code="state")
    elif kind == TicketAction.Kind.SIGN_OUT:
        transaction.on_commit(lambda: members.end_all_sessions(member=member))
    elif kind == TicketAction.Kind.PASSWORD_RESET:
        members.require_password_reset(member=member, recovery_url=absolute_url(reverse("members:password-recovery")))
    else:
        raise ValidationError(_("Unknown action."), code="kind")
    return TicketAction.objects.create(ticket=ticket, staff=staff, kind=kind)


# Questionnaire (CS-03) ----------------------------------------------------------------------------------------


@transaction.atomic
def submit_survey(*, ticket: Ticket, member: Member, score: int, is_resolved: bool, comment: str) -> SatisfactionSurvey:
    """Store the member's questionnaire against their closed ticket, once."""
    if ticket.member_id != member.pk:
        raise ValidationError(_("This is not your ticket."), code="not_yours")
    if ticket.status != Ticket.Status.CLOSED:
        raise ValidationError(_("The questionnaire opens when the ticket is closed."), code="open")
    survey, created = SatisfactionSurvey.objects.get_or_create(
        ticket=ticket, defaults={"score": score, "is_resolved": is_resolved, "comment": comment}
    )
    if not created:
        raise ValidationError(_("You have already answered the questionnaire for this ticket."), code="answered")
    return survey


# The automated assistant (CS-04) ------------------------------------------------------------------------------

WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class AssistantReply:
    exchange: AssistantExchange
    entry: FaqEntry | None


def _score(entry: FaqEntry, question: str, words: set[str]) -> int:
    # A phrase counts when the question contains it; a single Latin word only as a whole word.
    return sum(
        1
        for keyword in entry.keyword_list()
        if ((" " in keyword or not keyword.isascii()) and keyword in question) or keyword in words
    )


def ask_assistant(*, question: str) -> AssistantReply:
    """Answer from the FAQ entry whose keywords the question contains most; none when nothing matches.

    Only which entry answered is kept, never the question (CS-03 metrics without the member's words).
    """
    text = question.casefold()
    words = set(WORDS.findall(text))
    best, best_score = None, 0
    for entry in selectors.published_faq():
        score = _score(entry, text, words)
        if score > best_score:
            best, best_score = entry, score
    exchange = AssistantExchange.objects.create(faq=best)
    return AssistantReply(exchange=exchange, entry=best)


def hand_to_person(*, exchange_id: int | None) -> None:
    """The member asked the assistant for a person: count it (CS-03 metric)."""
    if exchange_id is not None:
        AssistantExchange.objects.filter(pk=exchange_id).update(handed_to_person=True)
