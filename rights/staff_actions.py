"""RGT-02, RGT-09, RGT-11: customer service corrects data, changes a permission or files the account closure for a
member, always under a request.

The audit row names the staff member, the request and the reason, in the same transaction as the change.
"""

from __future__ import annotations

from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Member
from members.services import PROFILE_FIELDS, update_profile
from privacy import consent
from privacy.models import ConsentEvent
from privacy.purposes import Purpose
from rights.closure import request_closure
from rights.models import AccountClosure, RequestEvent, RequestType, RightsRequest, StaffAction
from rights.requests import record_event

# Text fields staff may correct; the avatar is an upload only the member makes.
CORRECTABLE_FIELDS = tuple(name for name in PROFILE_FIELDS if name != "avatar")


CONSENT_TYPES = (RequestType.CONSENT, RequestType.CHILDREN)


def check_staff_action(request: RightsRequest, *, reason: str, types: tuple[str, ...]) -> None:
    """Staff act for a member only under that member's open, verified request of a matching type, with a reason."""
    if not request.is_open or request.member_id is None:
        raise ValidationError(_("Staff act for a member only under an open request."), code="closed")
    if request.verified_at is None:
        raise ValidationError(_("Verify the requester's identity first."), code="unverified")
    if request.type not in types:
        raise ValidationError(_("This request is not about that."), code="type")
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})


def correct_for_member(*, request: RightsRequest, staff: Member, values: dict[str, str], reason: str) -> StaffAction:
    """Correct profile fields of the request's member; the audit row lists the fields, never their values."""
    check_staff_action(request, reason=reason, types=(RequestType.CORRECTION,))
    unknown = set(values) - set(CORRECTABLE_FIELDS)
    if unknown or not values:
        raise ValidationError(
            {"values": _("Only these fields can be corrected: %(f)s") % {"f": ", ".join(CORRECTABLE_FIELDS)}}
        )
    with transaction.atomic():
        # check_staff_action refused a request without a member
        update_profile(member=cast(Member, request.member), **values)
        action = StaffAction.objects.create(
            request=request,
            staff=staff,
            kind=StaffAction.Kind.CORRECTION,
            changed=sorted(values),
            reason=reason.strip(),
        )
        record_event(
            request,
            actor=RequestEvent.Actor.STAFF,
            staff=staff,
            kind=RequestEvent.Kind.MESSAGE,
            body=_("Corrected for you: %(fields)s.") % {"fields": ", ".join(sorted(values))},
        )
    return action


def change_consent_for_member(
    *, request: RightsRequest, staff: Member, purpose: str, is_granted: bool, reason: str, scope: str = ""
) -> ConsentEvent:
    """Grant or withdraw a permission for the request's member; the consent ledger names the request."""
    check_staff_action(request, reason=reason, types=CONSENT_TYPES)
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": _("Choose a permission.")})
    context = consent.RequestContext(channel=consent.Channel.STAFF, staff_ticket=f"rights-request-{request.pk}")
    with transaction.atomic():
        # check_staff_action refused a request without a member
        event = consent.set_consent(
            cast(Member, request.member), purpose, is_granted=is_granted, scope=scope, context=context
        )
        StaffAction.objects.create(
            request=request, staff=staff, kind=StaffAction.Kind.CONSENT, changed=[purpose], reason=reason.strip()
        )
        record_event(
            request,
            actor=RequestEvent.Actor.STAFF,
            staff=staff,
            kind=RequestEvent.Kind.MESSAGE,
            body=(_("Permission granted for you: %(p)s.") if is_granted else _("Permission withdrawn for you: %(p)s."))
            % {"p": Purpose(purpose).label},
        )
    return event


def close_for_member(*, request: RightsRequest, staff: Member, reason: str) -> AccountClosure:
    """File the member's account closure for them (RGT-11: by customer service), with the same blockers and
    cooling-off as the member's own closure; the audit row names the staff member, the request and the reason."""
    check_staff_action(request, reason=reason, types=(RequestType.CLOSURE,))
    with transaction.atomic():
        # check_staff_action refused a request without a member
        closure = request_closure(member=cast(Member, request.member), reason=reason.strip()[:150])
        StaffAction.objects.create(
            request=request, staff=staff, kind=StaffAction.Kind.CLOSURE, changed=["account"], reason=reason.strip()
        )
        record_event(
            request,
            actor=RequestEvent.Actor.STAFF,
            staff=staff,
            kind=RequestEvent.Kind.MESSAGE,
            body=_("Customer service filed the closure of your account; it can be cancelled until %(date)s.")
            % {"date": timezone.localtime(closure.erasure_starts_at).strftime("%Y-%m-%d %H:%M")},
        )
    return closure
