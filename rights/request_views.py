"""Member pages of section IV: my data, my requests and their timelines, filing a request (RGT-01 to RGT-05, RGT-13 to
RGT-15, MIN-03). Every request is looked up through the member's own queryset, so another member's is a 404."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from members.selectors import automated_decisions_of
from privacy.consent import context_from_request
from privacy.uploads import FORM_OVERHEAD_BYTES, upload_limit
from rights import requests as services
from rights.forms import ComplaintForm, DecisionReviewForm, DeletionRequestForm, ReplyForm, RequestForm
from rights.models import RequestType
from rights.requests import escalation_paragraph
from rights.selectors import data_of, request_list_of, request_with_timeline, requests_of
from rights.self_service import delete_my_records

if TYPE_CHECKING:
    from members.models import Member


def _member(request: HttpRequest) -> Member:
    return cast("Member", request.user)  # only behind login_required, which lets only members through


FORMS: dict[str, type[RequestForm]] = {
    RequestType.DELETION: DeletionRequestForm,
    RequestType.COMPLAINT: ComplaintForm,
    RequestType.CHILDREN: ComplaintForm,
    RequestType.AUTOMATED_DECISION: DecisionReviewForm,
}


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "rights/my_data.html", {"categories": data_of(_member(request))})


@login_required
@require_POST
def delete_records(request: HttpRequest) -> HttpResponse:
    try:
        deleted = delete_my_records(member=_member(request), label=request.POST.get("label", ""))
    except ValidationError as error:
        return render(
            request,
            "rights/my_data.html",
            {"categories": data_of(_member(request)), "error": error.messages[0]},
            status=400,
        )
    messages.success(request, _("Deleted %(count)d records.") % {"count": deleted})
    return redirect("rights:my-data")


@login_required
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "rights/request_list.html",
        {"requests": request_list_of(_member(request)), "types": [t for t in RequestType if t != RequestType.COPY]},
    )


@upload_limit(settings.RIGHTS_EVIDENCE_MAX_BYTES + FORM_OVERHEAD_BYTES)
@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest, type: str) -> HttpResponse:
    if type == RequestType.COPY:
        return redirect("rights:copy")
    if type not in RequestType.values:
        raise Http404
    form_class = FORMS.get(type, RequestForm)
    kwargs: dict[str, Any] = {}
    if type == RequestType.AUTOMATED_DECISION:
        kwargs["decisions"] = automated_decisions_of(_member(request))
    initial = {"category": request.GET.get("category", "")}
    form = form_class(request.POST or None, request.FILES or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            filed = services.submit_request(
                member=_member(request),
                type=type,
                details=data.get("details", ""),
                category=data.get("category", ""),
                deletion_ground=data.get("deletion_ground", ""),
                decision_id=data.get("decision_id"),
                requester_type=data["requester_type"],
                requester_name=data.get("requester_name", ""),
                proof=data.get("proof"),
                proof_consent=data.get("proof_consent", False),
                context=context_from_request(request),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if filed.duplicate_of_id:
                messages.info(request, _("You already have this request open; we linked this one to it."))
                return redirect("rights:request", pk=filed.duplicate_of_id)
            messages.success(request, _("Request received. We answer within 15 days."))
            return redirect("rights:request", pk=filed.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "rights/request_form.html", {"form": form, "type": RequestType(type)}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rights_request = get_object_or_404(request_with_timeline(_member(request)), pk=pk)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reply(request=rights_request, member=_member(request), message=form.cleaned_data["message"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("rights:request", pk=pk)
    return render(
        request,
        "rights/request_detail.html",
        {"req": rights_request, "form": form, "escalation": escalation_paragraph()},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    rights_request = get_object_or_404(requests_of(_member(request)), pk=pk)
    try:
        services.withdraw(request=rights_request, member=_member(request))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("rights:request", pk=pk)


@require_GET
def metrics_page(request: HttpRequest) -> HttpResponse:
    """The public page of request figures over the last 12 months."""
    from rights.metrics import public_figures

    months, total = public_figures()
    return render(request, "rights/metrics.html", {"months": months, "total": total})
