"""Registry entries of the support app (section II(IV)): tickets, their conversation and evidence, call records,
identity checks, account actions and questionnaires; the FAQ, assistant metrics and export runs hold none."""

from django.utils.translation import gettext_lazy as _

from privacy.registry import PI, DataCategory, Erasure, Retention, declare_no_personal_data, register, years
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
    TrainingExport,
)

# PRC Civil Code art. 188 and policy V(I): complaint records are evidence for after-sales disputes.
TICKET_BASIS = _(
    "PRC Civil Code art. 188 and policy V(I): complaint records kept as evidence for after-sales "
    "disputes for the three-year limitation period."
)


def _kept_with_ticket(after: str) -> Retention:
    return Retention(after=after, keep=years(3), then=Erasure.DELETE_ROW, basis=TICKET_BASIS, is_legal_minimum=True)


register(
    Ticket,
    subject="member",
    row=PI(
        DataCategory.CUSTOMER_SERVICE,
        _("Records your questions and complaints so that we can resolve them and show how they were resolved."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=_kept_with_ticket("closed_at"),
)
register(
    TicketMessage,
    subject="ticket__member",
    row=PI(
        DataCategory.CUSTOMER_SERVICE,
        _("Your conversation with customer service about a question or dispute."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=_kept_with_ticket("ticket__closed_at"),
)
register(
    Attachment,
    subject="message__ticket__member",
    row=PI(
        DataCategory.CUSTOMER_SERVICE,
        _("Pictures you send customer service as evidence."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=_kept_with_ticket("message__ticket__closed_at"),
)
register(
    CallRecord,
    subject="ticket__member",
    row=PI(
        DataCategory.CUSTOMER_SERVICE,
        _("A summary of your phone calls with customer service."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=_kept_with_ticket("ticket__closed_at"),
)
register(
    IdentityCheck,
    subject="ticket__member",
    row=PI(
        DataCategory.SECURITY,
        _("How we confirmed it was you before acting on your account."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=_kept_with_ticket("ticket__closed_at"),
)
register(
    TicketAction,
    subject="ticket__member",
    row=PI(
        DataCategory.SECURITY,
        _("What customer service did to protect your account at your request (freezing, signing out, a reset)."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=_kept_with_ticket("occurred_at"),
)
register(
    SatisfactionSurvey,
    subject="ticket__member",
    row=PI(
        DataCategory.CUSTOMER_SERVICE,
        _("Your answers to the questionnaire after a ticket, used only in aggregate to improve our service."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    retention=Retention(
        after="submitted_at",
        keep=years(1),
        then=Erasure.DELETE_ROW,
        basis=_("Service quality is reported by year; older answers are no longer needed."),
    ),
)
declare_no_personal_data(FaqEntry, reason="Questions and answers staff write for everyone.")
declare_no_personal_data(
    AssistantExchange, reason="Which FAQ answered a question and whether a person was asked for; no text, no member."
)
declare_no_personal_data(TrainingExport, reason="Counts and the file name of a de-identified export run.")
