"""Just-in-time notices (POL-02): what a feature collects, shown before its first collection.

Pop-ups and on-page notes about collection are part of the policy. Each feature
that collects data declares its notice here; `notice_required(feature)` shows it
to a member who has not acknowledged it yet, logs the acknowledgement, and never
shows it to them again. `/privacy/notices/` lists every notice, linked from the policy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Concatenate, ParamSpec

from django.db import IntegrityError, transaction
from django.db.models import TextChoices
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    # `_User` is django-stubs' name for the configured AUTH_USER_MODEL: the member, without importing members.
    from django.contrib.auth.models import AnonymousUser, _User
    from django.http import HttpRequest, HttpResponse
    from django.http.response import HttpResponseBase
    from django_stubs_ext import StrOrPromise

    from privacy.forms import NoticeAcknowledgementForm
    from privacy.models import NoticeAcknowledgement

P = ParamSpec("P")


class Feature(TextChoices):
    FACE_VERIFICATION = "face_verification", _("Real-person authentication by face")
    REAL_NAME = "real_name", _("Real-name authentication")
    IMAGE_SEARCH = "image_search", _("Image search")
    CROSS_BORDER_CHECKOUT = "cross_border_checkout", _("Cross-border checkout")


@dataclass(frozen=True)
class Notice:
    collects: StrOrPromise
    why: StrOrPromise
    kept: StrOrPromise
    clauses: tuple[str, ...]


NOTICES: dict[Feature, Notice] = {
    Feature.FACE_VERIFICATION: Notice(
        _("One photo of your face, taken now with your camera."),
        _("To confirm you are a real person, as the law requires for some services."),
        _("The photo goes to the verification provider and is discarded; we keep only the result and its time."),
        ("POL-02", "VER-05"),
    ),
    Feature.REAL_NAME: Notice(
        _("Your real name and ID card number."),
        _("Real-name authentication, required by law for some services."),
        _("Encrypted; shown to you only masked; kept while your account exists."),
        ("POL-02", "VER-06"),
    ),
    Feature.IMAGE_SEARCH: Notice(
        _("The picture you take or choose from your photo album."),
        _("To find goods that look like it."),
        _("Used for that search only and not kept afterwards."),
        ("POL-02", "PERM-03", "PERM-04"),
    ),
    Feature.CROSS_BORDER_CHECKOUT: Notice(
        _("The consignee's name and ID card number, for goods shipped from abroad."),
        _("Customs clearance of cross-border goods, required by customs law."),
        _("Encrypted and sent only to the customs declaration partner for that order."),
        ("POL-02", "TRX-05"),
    ),
}


def has_acknowledged(member: _User, feature: Feature) -> bool:
    from privacy.models import NoticeAcknowledgement

    return NoticeAcknowledgement.objects.filter(member=member, feature=feature).exists()


def acknowledge(member: _User, feature: Feature | str) -> NoticeAcknowledgement:
    """Log that `member` read the notice of `feature` (once; a repeat returns the first acknowledgement)."""
    from privacy.models import NoticeAcknowledgement

    feature = Feature(feature)
    try:
        with transaction.atomic():
            return NoticeAcknowledgement.objects.create(member=member, feature=feature)
    except IntegrityError:
        return NoticeAcknowledgement.objects.get(member=member, feature=feature)


def acknowledged_on(member: _User | AnonymousUser | None) -> dict[str, object]:
    """{feature: acknowledged_at} for one member, in one query."""
    from privacy.models import NoticeAcknowledgement

    if not (member and member.is_authenticated):
        return {}
    return dict(NoticeAcknowledgement.objects.filter(member=member).values_list("feature", "acknowledged_at"))


def notice_page(
    request: HttpRequest, feature: Feature, *, form: NoticeAcknowledgementForm | None = None, status: int = 200
) -> HttpResponse:
    from privacy.forms import NoticeAcknowledgementForm

    next_url = request.get_full_path() if request.method == "GET" else request.headers.get("referer", "/")
    form = form or NoticeAcknowledgementForm(initial={"feature": feature.value, "next": next_url})
    return render(
        request,
        "privacy/notice.html",
        {"feature": feature, "notice": NOTICES[feature], "form": form},
        status=status,
    )


def notice_required(
    feature: Feature | str,
) -> Callable[
    [Callable[Concatenate[HttpRequest, P], HttpResponseBase]], Callable[Concatenate[HttpRequest, P], HttpResponseBase]
]:
    """Decorate a view that collects data: a member meets the feature's notice first, once.

    Place it under `login_required`; a visitor is passed through to the view's own sign-in check.
    Until the notice is acknowledged the view does not run, so nothing is collected.
    """
    feature = Feature(feature)

    def decorator(
        view: Callable[Concatenate[HttpRequest, P], HttpResponseBase],
    ) -> Callable[Concatenate[HttpRequest, P], HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
            if request.user.is_authenticated and not has_acknowledged(request.user, feature):
                return notice_page(request, feature)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
