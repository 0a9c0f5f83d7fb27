"""Account closure (RGT-11) and the erasure receipt the former member can open from a signed link (RGT-12)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from rights.closure import (
    SESSION_FLAG,
    cancel_closure,
    closure_blockers,
    closure_preview,
    closure_token,
    cooling_off_closure,
    receipt_for_token,
    request_closure,
)
from rights.models import AccountClosure
from rights.selectors import announced_incidents

if TYPE_CHECKING:
    from members.models import Member


def _member(request: HttpRequest) -> Member:
    return cast("Member", request.user)  # only behind login_required, which lets only members through


class CloseAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that closing my account cannot be undone once the cooling-off period ends."),
        error_messages={"required": _("Tick the box to confirm that you want to close your account.")},
    )
    reason = forms.ChoiceField(
        label=_("Why are you leaving? (optional)"), choices=AccountClosure.Reason.choices, required=False
    )


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    closure = cooling_off_closure(member)
    if closure is not None:
        if request.method == "POST" and request.POST.get("action") == "cancel":
            cancel_closure(member=member)
            request.session.pop(SESSION_FLAG, None)
            return redirect("account-closure")
        return render(
            request,
            "rights/closure_cooling_off.html",
            {"closure": closure, "receipt_token": closure_token(closure)},
        )
    request.session.pop(SESSION_FLAG, None)
    form = CloseAccountForm(request.POST or None)
    blockers = closure_blockers(member)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            request_closure(member=member, reason=form.cleaned_data["reason"], session_key=request.session.session_key)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            request.session[SESSION_FLAG] = True
            return redirect("account-closure")
    return render(
        request,
        "rights/close_account.html",
        {"form": form, "blockers": blockers, "preview": closure_preview(member)},
    )


@require_GET
def erasure_receipt(request: HttpRequest, token: str) -> HttpResponse:
    found = receipt_for_token(token)
    if found is None:
        raise Http404
    closure, run = found
    return render(request, "rights/erasure_status.html", {"closure": closure, "run": run, "token": token})


@require_GET
def incident_announcement(request: HttpRequest, incident_id: int) -> HttpResponse:
    """STO-11: the public announcement of a security incident; only announced incidents exist here."""
    incident = get_object_or_404(announced_incidents(), pk=incident_id)
    return render(request, "rights/incident_announcement.html", {"incident": incident})
