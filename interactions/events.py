"""Section II(VI)3: marketing events (INT-08..INT-10).

Joining an event needs a consent of its own that lists the data the event declares; a joint
event asks a second, separate consent before anything reaches its partner, and the partner sync
shares only for members who gave it, writing a sharing record each time. Prize winners claim
with delivery data. Staff see statistics as counts and rates only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from interactions.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    EVENT_PREFIX,
    AlertCategory,
    EventData,
    EventEnrolment,
    MarketingEvent,
    PrizeClaim,
)
from interactions.services import notify
from privacy import consent, sharing
from privacy.categories import DataCategory
from privacy.consent import RequestContext
from privacy.models import LegalBasis
from privacy.purposes import Purpose

EVENT_CODE = re.compile(rf"^{EVENT_PREFIX}[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
# INT-10: a count below this is shown as "fewer than" so that no small group can be singled out.
SMALL_COUNT = 5
# The registry category of each kind of event data, for the sharing record.
DATA_CATEGORIES: dict[str, DataCategory] = {
    EventData.NICKNAME: DataCategory.PROFILE,
    EventData.AVATAR: DataCategory.PROFILE,
    EventData.CONTACTS: DataCategory.ACCOUNT,
    EventData.DELIVERY: DataCategory.DELIVERY,
    EventData.ORDERS: DataCategory.TRANSACTION,
    EventData.BROWSING: DataCategory.BROWSING,
    EventData.ACCOUNT_LEVEL: DataCategory.ACCOUNT,
}
SYNC_BATCH = 500


def open_events(now: datetime | None = None) -> QuerySet[MarketingEvent]:
    now = now or timezone.now()
    return MarketingEvent.objects.filter(starts_at__lte=now, ends_at__gt=now).select_related("partner")


def enrolments_for(member) -> QuerySet[EventEnrolment]:
    return (
        EventEnrolment.objects.filter(member=member)
        .select_related("event__partner", "prize_claim")
        .order_by("-enrolled_at", "-id")
    )


def has_sharing_consent(member, event: MarketingEvent) -> bool:
    return event.partner_id is not None and consent.has_consent(
        member, Purpose.JOINT_EVENT_SHARING, scope=event.sharing_scope
    )


@transaction.atomic
def join_event(
    *, member, event: MarketingEvent, data_shown: list[str], share_with_partner: bool, context: RequestContext
) -> EventEnrolment:
    """Record the event's own consent for the data it lists, then the enrolment (INT-08).

    `data_shown` is the list the member read; if staff changed the event's list since, nothing is
    written and the member reads it again. The partner-sharing consent (INT-09) is separate and optional.
    """
    if not (event.starts_at <= timezone.now() < event.ends_at):
        raise ValidationError(_("This event is not open."), code="closed")
    if list(data_shown) != list(event.data_used):
        raise ValidationError(
            _("The data this event uses has changed. Read the new list and agree again."), code="changed"
        )
    if EventEnrolment.objects.filter(event=event, member=member).exists():
        raise ValidationError(_("You have already joined this event."), code="joined")
    consent.grant(member, Purpose.EVENT_PARTICIPATION, scope=event.consent_scope, context=context)
    if share_with_partner and event.partner_id is not None:
        consent.grant(member, Purpose.JOINT_EVENT_SHARING, scope=event.sharing_scope, context=context)
    return _enrol(member=member, event=event)


def _enrol(*, member, event: MarketingEvent) -> EventEnrolment:
    # INT-08: refused unless the event's own consent, listing its data, is on record.
    if not consent.has_consent(member, Purpose.EVENT_PARTICIPATION, scope=event.consent_scope):
        raise ValidationError(_("Agree to the data this event uses to join it."), code="no_consent")
    try:
        with transaction.atomic():
            enrolment = EventEnrolment.objects.create(event=event, member=member, data_consented=list(event.data_used))
    except IntegrityError:  # the same member joining twice at once
        raise ValidationError(_("You have already joined this event."), code="joined") from None
    notify(
        member,
        AlertCategory.EVENTS,
        title=_("You joined %(event)s") % {"event": event.title},
        body=_("You can leave the event at any time on My events."),
    )
    return enrolment


@transaction.atomic
def set_partner_sharing(*, member, enrolment: EventEnrolment, allow: bool, context: RequestContext) -> None:
    """Give or withdraw the joint-event sharing consent; a withdrawal stops the next partner sync (INT-09)."""
    event = enrolment.event
    if event.partner_id is None:
        raise ValidationError(_("This event has no partner."), code="no_partner")
    if allow:
        consent.grant(member, Purpose.JOINT_EVENT_SHARING, scope=event.sharing_scope, context=context)
    else:
        consent.withdraw(member, Purpose.JOINT_EVENT_SHARING, scope=event.sharing_scope, context=context)


@transaction.atomic
def leave_event(*, member, enrolment: EventEnrolment, context: RequestContext) -> None:
    """Leave: the enrolment (and any prize claim) goes, and both of the event's consents are withdrawn."""
    event = enrolment.event
    EventEnrolment.objects.filter(pk=enrolment.pk, member=member).delete()
    consent.withdraw(member, Purpose.EVENT_PARTICIPATION, scope=event.consent_scope, context=context)
    if has_sharing_consent(member, event):
        consent.withdraw(member, Purpose.JOINT_EVENT_SHARING, scope=event.sharing_scope, context=context)


@transaction.atomic
def mark_winners(*, enrolments: QuerySet[EventEnrolment]) -> int:
    """Staff pick prize winners; each is told through the notice service and can then claim."""
    now = timezone.now()
    picked = list(enrolments.filter(won_at__isnull=True, event__has_prizes=True).select_related("event", "member"))
    EventEnrolment.objects.filter(pk__in=[e.pk for e in picked]).update(won_at=now)
    for enrolment in picked:
        notify(
            enrolment.member,
            AlertCategory.EVENTS,
            title=_("You won a prize in %(event)s") % {"event": enrolment.event.title},
            body=_("Claim it on My events by giving a delivery address."),
        )
    return len(picked)


@transaction.atomic
def claim_prize(*, member, enrolment: EventEnrolment, consignee_name: str, phone: str, address: str) -> PrizeClaim:
    """A winner gives the delivery data for the prize, once (INT-08)."""
    if enrolment.member_id != member.pk or enrolment.won_at is None:
        raise ValidationError(_("Only a prize winner can claim a prize."), code="not_winner")
    if EventData.DELIVERY not in enrolment.data_consented:
        raise ValidationError(_("This event did not ask for delivery information."), code="not_declared")
    if PrizeClaim.objects.filter(enrolment=enrolment).exists():
        raise ValidationError(_("This prize has already been claimed."), code="claimed")
    return PrizeClaim.objects.create(enrolment=enrolment, consignee_name=consignee_name, phone=phone, address=address)


def sync_partner(*, event: MarketingEvent) -> int:
    """INT-09: share each participant's event progress with the partner, only with the sharing consent.

    Each hand-off writes its sharing record in the transaction that marks it done, so a rerun
    shares nobody twice; members without the consent are skipped, and stay out of the log.
    """
    if event.partner_id is None:
        return 0
    assert event.partner is not None  # noqa: S101 - for mypy: partner_id is set
    if not event.partner.is_active:
        # SHR-03: nothing goes to a partner the register has deactivated; the rows wait for reactivation.
        return 0
    consenting = consent.consenting_member_ids(Purpose.JOINT_EVENT_SHARING, scope=event.sharing_scope)
    pending = EventEnrolment.objects.filter(
        event=event, shared_with_partner_at__isnull=True, member_id__in=consenting
    ).order_by("id")
    categories = sorted({DATA_CATEGORIES[value] for value in event.data_used})
    shared = 0
    last_id = 0
    while True:
        with transaction.atomic():
            batch = list(
                pending.filter(id__gt=last_id)
                .select_related("member")
                .select_for_update(skip_locked=True, of=("self",))[:SYNC_BATCH]
            )
            for enrolment in batch:
                sharing.record_sharing(
                    member=enrolment.member,
                    partner_code=event.partner.code,
                    categories=categories,
                    fields=[*event.data_used, "event_progress"],
                    purpose=_("Joint event: %(event)s") % {"event": event.title},
                    legal_basis=LegalBasis.CONSENT,
                    # The scope of the member's sharing consent, which privacy.sharing checks in the ledger.
                    reference=event.sharing_scope,
                )
            EventEnrolment.objects.filter(pk__in=[e.pk for e in batch]).update(shared_with_partner_at=timezone.now())
        shared += len(batch)
        if len(batch) < SYNC_BATCH:
            return shared
        last_id = batch[-1].pk


def sync_partners() -> int:
    """The partner sync over every open joint event; safe to run twice."""
    return sum(sync_partner(event=event) for event in open_events().filter(partner__isnull=False))


@dataclass(frozen=True)
class Figure:
    """A count (or "fewer than SMALL_COUNT") and its rate of the participants."""

    label: str
    count: int | None
    rate: float | None

    @property
    def is_suppressed(self) -> bool:
        return self.count is None


def _figure(label: str, count: int, total: int) -> Figure:
    if count < SMALL_COUNT:
        return Figure(label, None, None)
    return Figure(label, count, round(100 * count / total, 1) if total else None)


def event_statistics(event: MarketingEvent) -> list[Figure]:
    """INT-10: the event report is aggregate only: counts and rates, no member, small counts withheld."""
    totals = EventEnrolment.objects.filter(event=event).aggregate(
        participants=Count("id"),
        winners=Count("id", filter=Q(won_at__isnull=False)),
        claims=Count("prize_claim"),
        shared=Count("id", filter=Q(shared_with_partner_at__isnull=False)),
    )
    total = totals["participants"]
    figures = [_figure(_("Participants"), total, total)]
    if event.has_prizes:
        figures += [
            _figure(_("Prize winners"), totals["winners"], total),
            _figure(_("Prizes claimed"), totals["claims"], total),
        ]
    if event.partner_id is not None:
        figures.append(_figure(_("Shared with the partner"), totals["shared"], total))
    return figures


def resolve_share_code(code: str) -> MarketingEvent | None:
    return MarketingEvent.objects.filter(share_code=code).first()
