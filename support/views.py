"""Member pages of customer service (section II(IV)): my tickets and disputes, the conversation, the questionnaire,
and the automated assistant. Tickets and orders are looked up through the member's own querysets, so another
member's is a 404."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from privacy.uploads import FORM_OVERHEAD_BYTES, upload_limit
from support import selectors, services
from support.forms import IMAGE_MAX_BYTES, AssistantForm, MessageForm, SurveyForm, TicketForm

if TYPE_CHECKING:
    from members.models import Member

# The "talk to a person" form carries the exchange it follows, signed: no session or cookie is needed for it.
EXCHANGE_SALT = "support.assistant-exchange"


def _member(request: HttpRequest) -> Member:
    return cast("Member", request.user)


@login_required
@require_GET
def ticket_list(request: HttpRequest) -> HttpResponse:
    return render(request, "support/ticket_list.html", {"tickets": selectors.ticket_list_of(_member(request))})


@upload_limit(IMAGE_MAX_BYTES + FORM_OVERHEAD_BYTES)
@login_required
@require_http_methods(["GET", "POST"])
def ticket_new(request: HttpRequest) -> HttpResponse:
    orders = selectors.orders_to_complain_about(_member(request))
    initial = {}
    if number := request.GET.get("order"):
        # "Ask about this order" from an order page: only the member's own order.
        initial = {"order": get_object_or_404(orders, number=number[:32]), "kind": "dispute"}
    form = TicketForm(request.POST or None, request.FILES or None, orders=orders, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        image = data.get("image")
        try:
            ticket = services.open_ticket(
                member=_member(request),
                kind=data["kind"],
                subject=data["subject"],
                body=data["body"],
                order=data.get("order"),
                images=[image] if image else [],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("support:detail", pk=ticket.pk)
    return render(request, "support/ticket_form.html", {"form": form}, status=400 if request.method == "POST" else 200)


@upload_limit(IMAGE_MAX_BYTES + FORM_OVERHEAD_BYTES)
@login_required
@require_http_methods(["GET", "POST"])
def ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = get_object_or_404(selectors.ticket_detail_of(_member(request)), pk=pk)
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        image = form.cleaned_data.get("image")
        try:
            services.add_member_message(
                ticket=ticket, member=_member(request), body=form.cleaned_data["body"], images=[image] if image else []
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("support:detail", pk=pk)
    survey = getattr(ticket, "survey", None)
    return render(
        request,
        "support/ticket_detail.html",
        {
            "ticket": ticket,
            "form": form,
            "survey": survey,
            "survey_form": SurveyForm() if ticket.is_closed and survey is None else None,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = get_object_or_404(selectors.tickets_of(_member(request)).select_related("survey"), pk=pk)
    form = SurveyForm(request.POST)
    if form.is_valid():
        try:
            services.submit_survey(ticket=ticket, member=_member(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("support:detail", pk=pk)
    return render(request, "support/survey_form.html", {"ticket": ticket, "survey_form": form}, status=400)


@login_required
@require_GET
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    found = selectors.attachment_of(_member(request), ticket_id=pk, attachment_id=attachment_pk)
    if found is None:
        raise Http404
    return attachment_response(found)


def attachment_response(found) -> HttpResponse:
    """An attachment, only as the image it was re-encoded to (the same headers as privacy.uploads.serve_media)."""
    response = HttpResponse(bytes(found.content), content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="{found.file_name}"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def assistant(request: HttpRequest) -> HttpResponse:
    """CS-04: the automated first-line assistant, always labelled as automated, with a way to reach a person."""
    form = AssistantForm(request.POST or None)
    reply = None
    if request.method == "POST" and form.is_valid():
        reply = services.ask_assistant(question=form.cleaned_data["question"])
    return render(
        request,
        "support/assistant.html",
        {
            "form": form,
            "reply": reply,
            "question": form.cleaned_data.get("question") if reply else "",
            "exchange": signing.dumps(reply.exchange.pk, salt=EXCHANGE_SALT) if reply else "",
        },
        status=400 if request.method == "POST" and reply is None else 200,
    )


@require_POST
def assistant_to_person(request: HttpRequest) -> HttpResponse:
    """The member asks for a person: counted for the quality report, then a new ticket."""
    try:
        exchange_id = signing.loads(request.POST.get("exchange", ""), salt=EXCHANGE_SALT)
    except signing.BadSignature:
        exchange_id = None
    services.hand_to_person(exchange_id=exchange_id if isinstance(exchange_id, int) else None)
    return redirect("support:new")
