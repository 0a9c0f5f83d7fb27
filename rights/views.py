"""Account closure (RGT-11) and the erasure receipt the former member can open from a signed link (RGT-12)."""

from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from privacy.registry import Erasure, registry
from rights.closure import close_account, receipt_token, run_for_token


class CloseAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that closing my account cannot be undone."),
        error_messages={"required": _("Tick the box to confirm that you want to close your account.")},
    )
    reason = forms.CharField(label=_("Why are you leaving? (optional)"), max_length=150, required=False)


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest) -> HttpResponse:
    form = CloseAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = request.user
        try:
            run = close_account(member=member, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            logout(request)
            return redirect("erasure-receipt", token=receipt_token(run))
    # What the law makes us keep after closure, straight from the registry.
    kept = [
        {"records": r.model._meta.verbose_name_plural, "retention": r.retention}
        for r in registry
        if r.retention is not None and r.retention.then == Erasure.ANONYMIZE
    ]
    return render(request, "rights/close_account.html", {"form": form, "kept": kept})


@require_GET
def erasure_receipt(request: HttpRequest, token: str) -> HttpResponse:
    run = run_for_token(token)
    if run is None:
        raise Http404
    return render(request, "rights/erasure_status.html", {"run": run, "token": token})
