"""Section III and V(II): the public pages built from the partner register (SHR-02) and the overseas
recipients register (STO-07), and the member's separate consent to each overseas recipient."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_POST

from privacy import consent, sharing
from privacy.categories import DataCategory
from privacy.forms import OverseasConsentForm
from privacy.models import LegalBasis, Partner
from privacy.purposes import Purpose

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member
    from django.http import HttpRequest, HttpResponse


# The purposes the register is seeded with (privacy/migrations/0015), so that the pages show them translated;
# a purpose the officer adds later is shown as entered.
SEEDED_PURPOSES = (
    gettext_noop("Payment for the order"),
    gettext_noop("Delivery of the order through the carrier the seller chose"),
    gettext_noop("Delivery and after-sales by the seller"),
    gettext_noop("Contacting you to help you become a merchant member"),
    gettext_noop("Providing the channel (applet) service you use"),
    gettext_noop("Measuring the placement, reach and effectiveness of advertisements"),
    gettext_noop("Protecting users of the platform from infringement"),
    gettext_noop("Analysing the stability of our products and services"),
    gettext_noop("Academic research with de-identified data"),
)


def _category_labels(partner: Partner) -> list[str]:
    return [str(DataCategory(c).label) for c in partner.categories if c in DataCategory.values]


def _rows(partners: list[Partner]) -> list[dict[str, object]]:
    return [
        {
            "partner": partner,
            "categories": _category_labels(partner),
            "purposes": [_(purpose) for purpose in partner.purposes],
            "legal_basis": LegalBasis(partner.legal_basis).label,
        }
        for partner in partners
    ]


@require_GET
def partners(request: HttpRequest) -> HttpResponse:
    """SHR-02: every active partner, with its purposes, data categories and legal basis; one query."""
    return render(request, "privacy/partners.html", {"rows": _rows(list(sharing.public_partners()))})


@require_GET
def overseas_recipients(request: HttpRequest) -> HttpResponse:
    """STO-07: each active overseas recipient, what it receives and how, and the member's consent to it."""
    recipients = list(sharing.public_overseas_recipients())
    rows = _rows(recipients)
    if request.user.is_authenticated and recipients:
        for row in rows:
            partner = cast("Partner", row["partner"])
            row["consented"] = consent.has_consent(request.user, Purpose.CROSS_BORDER_TRANSFER, scope=partner.code)
    return render(request, "privacy/overseas_recipients.html", {"rows": rows})


@login_required
@require_POST
def overseas_consent(request: HttpRequest) -> HttpResponse:
    """STO-07: grant or withdraw the separate consent to one active overseas recipient."""
    form = OverseasConsentForm(request.POST)
    if not form.is_valid():
        return render(request, "privacy/overseas_recipients.html", {"rows": [], "form": form}, status=400)
    recipient = get_object_or_404(sharing.public_overseas_recipients(), code=form.cleaned_data["recipient"])
    member: _User = request.user  # type: ignore[assignment]  # signed in: login_required
    context = consent.context_from_request(request)
    if form.cleaned_data["decision"] == "grant":
        consent.grant(member, Purpose.CROSS_BORDER_TRANSFER, scope=recipient.code, context=context)
        messages.success(request, _("You agreed to transfers to %(name)s.") % {"name": recipient.name})
    else:
        consent.withdraw(member, Purpose.CROSS_BORDER_TRANSFER, scope=recipient.code, context=context)
        messages.success(request, _("You withdrew your consent to transfers to %(name)s.") % {"name": recipient.name})
    return redirect("privacy:overseas-recipients")
