"""How the support app reads: the member's tickets."""

from django.db.models import QuerySet

from support.models import Ticket


def open_tickets_of(member) -> QuerySet[Ticket]:
    """Tickets customer service has not closed yet (an open case stops an account closure, RGT-11)."""
    return Ticket.objects.filter(member=member).exclude(status=Ticket.Status.CLOSED)
