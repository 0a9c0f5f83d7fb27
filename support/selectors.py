"""How the support app reads: a member's tickets and their conversation, the quality report, the FAQ."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Avg, Count, Prefetch, Q, QuerySet

from orders.selectors import orders_for
from support.models import AssistantExchange, Attachment, FaqEntry, SatisfactionSurvey, Ticket, TicketMessage

if TYPE_CHECKING:
    from members.models import Member
    from orders.models import Order


def open_tickets_of(member) -> QuerySet[Ticket]:
    """Tickets customer service has not closed yet (an open case stops an account closure, RGT-11)."""
    return Ticket.objects.filter(member=member).exclude(status=Ticket.Status.CLOSED)


def tickets_of(member: Member) -> QuerySet[Ticket]:
    """The member's own tickets, scoped before any lookup (another member's ticket is a 404)."""
    return Ticket.objects.filter(member=member)


def ticket_list_of(member: Member) -> QuerySet[Ticket]:
    return tickets_of(member).select_related("order").annotate(message_count=Count("messages"))


def ticket_detail_of(member: Member) -> QuerySet[Ticket]:
    """The member's tickets with their conversation and attachment names (not their bytes) in three queries."""
    attachments = Attachment.objects.defer("content")
    messages = TicketMessage.objects.prefetch_related(Prefetch("attachments", queryset=attachments))
    return (
        tickets_of(member).select_related("order", "survey").prefetch_related(Prefetch("messages", queryset=messages))
    )


def attachment_of(member: Member, *, ticket_id: int, attachment_id: int) -> Attachment | None:
    return Attachment.objects.filter(
        pk=attachment_id, message__ticket_id=ticket_id, message__ticket__member=member
    ).first()


def orders_to_complain_about(member: Member) -> QuerySet[Order]:
    """The only orders a ticket of this member may link to: their own (CS-02)."""
    return orders_for(member).order_by("-pk")


def published_faq() -> QuerySet[FaqEntry]:
    return FaqEntry.objects.filter(is_published=True)


def quality_report() -> dict[str, Any]:
    """CS-03: aggregated questionnaire scores and assistant metrics; no single answer or member appears."""
    surveys = SatisfactionSurvey.objects.aggregate(
        answered=Count("pk"),
        average=Avg("score"),
        resolved=Count("pk", filter=Q(is_resolved=True)),
        **{f"score_{n}": Count("pk", filter=Q(score=n)) for n in range(1, 6)},
    )
    closed = Ticket.objects.filter(status=Ticket.Status.CLOSED).count()
    assistant = AssistantExchange.objects.aggregate(
        asked=Count("pk"),
        answered=Count("pk", filter=Q(faq__isnull=False)),
        handed=Count("pk", filter=Q(handed_to_person=True)),
    )
    return {
        "closed_tickets": closed,
        "surveys": surveys,
        "distribution": [(n, surveys[f"score_{n}"]) for n in range(1, 6)],
        "response_rate": (surveys["answered"] / closed) if closed else None,
        "assistant": assistant,
    }
