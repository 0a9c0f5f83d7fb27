"""Section III(I)5.1.C: channel (applet) services. Members open and subscribe to channels; each channel's
developer, a partner in the register, receives the activity in its own channel only (SHR-06), through
privacy.sharing, and nothing while the register has it inactive.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from interactions.models import AppletChannel, ChannelActivity, ChannelSubscription
from privacy import sharing
from privacy.categories import DataCategory
from privacy.encryption import keyed_digest
from privacy.models import LegalBasis, Partner

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member

logger = logging.getLogger(__name__)

FEED_BATCH = 500
# What each activity row becomes in the feed: the fields the channel developers are registered for.
FEED_FIELDS = ("channel", "account_id", "action", "occurred_at")
FEED_NOTE = "Activity in the developer's own channel, which the member uses (section III(I)5.1.C)."


class LoggedChannelFeed:
    """The developer's feed intake: simulated; a real adapter per developer is named in PARTNER_ADAPTERS."""

    def deliver(self, rows: list[dict[str, Any]]) -> None:
        logger.info("channel feed: %d rows", len(rows))


def open_channels() -> QuerySet[AppletChannel]:
    """Channels members can use: listed, and run by a developer the register has active."""
    return AppletChannel.objects.filter(is_listed=True, developer__is_active=True, developer__kind=Partner.Kind.CHANNEL)


def channels_for(member: _User | None) -> QuerySet[AppletChannel]:
    """The open channels, each with `subscription_pk`: the member's subscription to it, or None."""
    channels = open_channels().select_related("developer")
    mine = ChannelSubscription.objects.filter(member=member, channel=OuterRef("pk")) if member else None
    return channels.annotate(
        subscription_pk=Subquery(mine.values("pk")[:1]) if mine is not None else Value(None, IntegerField())
    )


def subscriptions_for(member: _User) -> QuerySet[ChannelSubscription]:
    return ChannelSubscription.objects.filter(member=member).select_related("channel")


def record_activity(*, member: _User, channel: AppletChannel, action: str) -> ChannelActivity:
    """Log one action of the member in the channel."""
    return ChannelActivity.objects.create(member=member, channel=channel, action=ChannelActivity.Action(action))


@transaction.atomic
def subscribe(*, member: _User, channel: AppletChannel) -> ChannelSubscription:
    """Subscribe the member to the channel; subscribing again changes nothing."""
    existing = ChannelSubscription.objects.filter(member=member, channel=channel).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            subscription = ChannelSubscription.objects.create(member=member, channel=channel)
    except IntegrityError:  # a concurrent request subscribed first
        return ChannelSubscription.objects.get(member=member, channel=channel)
    record_activity(member=member, channel=channel, action=ChannelActivity.Action.SUBSCRIBE)
    return subscription


@transaction.atomic
def cancel_subscription(*, member: _User, subscription: ChannelSubscription) -> bool:
    """End the member's subscription; False when it had already ended."""
    deleted, _rows = ChannelSubscription.objects.filter(pk=subscription.pk, member=member).delete()
    if deleted:
        record_activity(member=member, channel=subscription.channel, action=ChannelActivity.Action.CANCEL)
    return bool(deleted)


def account_id_for(partner: Partner, member_id: int) -> str:
    """The member's id as one developer sees it: stable for that developer, unlinkable across developers."""
    return keyed_digest(str(member_id), purpose=f"channel-developer:{partner.code}")[:32]


def _feed_adapter(partner: Partner) -> Any:
    if partner.code in settings.PARTNER_ADAPTERS:
        return sharing.partner_adapter(partner.code)
    return LoggedChannelFeed()


def feed_developer(*, partner: Partner) -> list[dict[str, Any]]:
    """SHR-06: hand `partner` the activity not yet sent in its own channels, and return the rows sent.

    Each member's rows of a batch are checked and recorded through privacy.sharing (the register's fields
    and the legal basis) in the transaction that marks them sent, so a rerun sends nothing twice; an
    inactive or non-channel partner gets nothing and its rows wait.
    """
    partner.refresh_from_db(fields=["is_active", "kind", "allowed_fields"])
    if not partner.is_active or partner.kind != Partner.Kind.CHANNEL:
        return []
    adapter = _feed_adapter(partner)
    # SHR-01: only the fields the register allows this developer leave.
    fields = [name for name in FEED_FIELDS if name in partner.allowed_fields]
    pending = ChannelActivity.objects.filter(channel__developer=partner, fed_at__isnull=True).order_by("id")
    purpose = _("Providing the channel (applet) service you use")
    sent: list[dict[str, Any]] = []
    last_id = 0
    while True:
        with transaction.atomic():
            batch = list(
                pending.filter(id__gt=last_id)
                .select_related("member", "channel")
                .select_for_update(skip_locked=True, of=("self",))[:FEED_BATCH]
            )
            by_member: dict[int, list[ChannelActivity]] = defaultdict(list)
            for activity in batch:
                by_member[activity.member_id].append(activity)
            rows = []
            for activities in by_member.values():
                sharing.record_sharing(
                    member=activities[0].member,
                    partner_code=partner.code,
                    categories=[DataCategory.SERVICE_LOG],
                    fields=fields,
                    purpose=purpose,
                    # III(V)1: the member uses the developer's channel; its activity is what the service needs.
                    legal_basis=LegalBasis.CONTRACT,
                    reference=f"channel-activity-{activities[0].pk}-{activities[-1].pk}",
                    note=FEED_NOTE,
                )
                account_id = account_id_for(partner, activities[0].member_id)
                for activity in activities:
                    row = {
                        "channel": activity.channel.code,
                        "account_id": account_id,
                        "action": activity.action,
                        "occurred_at": activity.occurred_at.isoformat(),
                    }
                    rows.append({name: row[name] for name in fields})
            ChannelActivity.objects.filter(pk__in=[a.pk for a in batch]).update(fed_at=timezone.now())
            if rows:
                transaction.on_commit(partial(adapter.deliver, rows))
        sent.extend(rows)
        if len(batch) < FEED_BATCH:
            return sent
        last_id = batch[-1].pk


def feed_developers() -> dict[str, int]:
    """The feed for every active channel developer: rows sent, by partner code; safe to run twice."""
    counts = {}
    for partner in Partner.objects.active().filter(kind=Partner.Kind.CHANNEL).order_by("code"):
        try:
            counts[partner.code] = len(feed_developer(partner=partner))
        except sharing.SharingRefused as refused:
            # The register does not allow this developer the feed (categories, basis): its rows wait, the others go.
            logger.warning("channel feed to %s refused: %s", partner.code, "; ".join(refused.messages))
            counts[partner.code] = 0
    return counts
