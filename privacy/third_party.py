"""Section III(I)5.4 (SHR-11): partners' scripts and SDKs load only after a security review.

A view names the scripts it may load (`@loads_third_party_scripts("alipay-sdk")`); only approved scripts of
active partners reach the template (`request.third_party_scripts`), and the page's Content-Security-Policy
allows exactly their origins. Pages that load none keep script-src 'self', and cost no query.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from privacy.models import ASSESSMENT_VALID_DAYS, ThirdPartyScript

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


def approved_scripts(codes: tuple[str, ...]) -> list[ThirdPartyScript]:
    return list(
        ThirdPartyScript.objects.filter(code__in=codes, is_approved=True, partner__is_active=True).order_by("code")
    )


def loads_third_party_scripts(*codes: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Let the view's page load these registered scripts, if approved; its CSP then allows their origins only."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            scripts = approved_scripts(codes)
            request.third_party_scripts = scripts  # type: ignore[attr-defined]  # read by the template
            response = view(request, *args, **kwargs)
            if scripts:
                response._csp_update = {"script-src": sorted({s.origin for s in scripts})}  # type: ignore[attr-defined]  # django-csp reads it
            return response

        return wrapped

    return decorator


def approve_script(script: ThirdPartyScript, *, today: date | None = None) -> ThirdPartyScript:
    """Approve a script whose security review is recorded and current, of an active partner."""
    today = today or timezone.localdate()
    problems = []
    if not script.review_reference.strip() or script.reviewed_on is None:
        problems.append(_("no security review recorded"))
    elif not (today - timedelta(days=ASSESSMENT_VALID_DAYS) <= script.reviewed_on <= today):
        problems.append(_("the security review is not current (within the last year)"))
    if not script.partner.is_active:
        problems.append(_("the partner is not active"))
    if problems:
        raise ValidationError(
            _("%(script)s cannot be approved: %(problems)s.") % {"script": script.code, "problems": "; ".join(problems)}
        )
    ThirdPartyScript.objects.filter(pk=script.pk).update(is_approved=True)
    script.is_approved = True
    return script


def withdraw_script(script: ThirdPartyScript) -> None:
    ThirdPartyScript.objects.filter(pk=script.pk).update(is_approved=False)
