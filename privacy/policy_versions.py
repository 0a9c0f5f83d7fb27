"""Section VI: publishing policy versions and holding members to the material ones (POL-11..15)."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from privacy import consent
from privacy.models import PolicyVersion

REQUIRED_CACHE_KEY = "policy:required-material"
RECENT_MATERIAL_CACHE_KEY = "policy:recent-material"
# POL-12: how long the site-wide banner announces a material version after it is published.
BANNER_DAYS = 30


def prepare_version(version: PolicyVersion) -> PolicyVersion:
    """Apply POL-13 before saving a draft: any of the six triggers makes the version material."""
    if version.published_at is not None and version.pk is not None:
        raise ValidationError(_("A published version cannot be changed."), code="published")
    if version.has_material_trigger:
        version.is_material = True
    return version


@transaction.atomic
def publish_version(version: PolicyVersion) -> PolicyVersion:
    """Publish a draft: from now on it is immutable and, once effective, served and (if material) required."""
    if not version.text.strip():
        raise ValidationError(_("A version needs its English text before it is published."), code="no_text")
    updated = PolicyVersion.objects.filter(pk=version.pk, published_at__isnull=True).update(
        published_at=timezone.now(), is_material=version.is_material or version.has_material_trigger
    )
    if not updated:
        raise ValidationError(_("This version is already published."), code="published")
    forget_required_version()
    version.refresh_from_db()
    return version


def forget_required_version() -> None:
    cache.delete_many([REQUIRED_CACHE_KEY, RECENT_MATERIAL_CACHE_KEY])
    transaction.on_commit(lambda: cache.delete_many([REQUIRED_CACHE_KEY, RECENT_MATERIAL_CACHE_KEY]))


def announced_version() -> tuple[int, str] | None:
    """(id, label) of the material version published in the last 30 days, for the site banner (POL-12); else None.

    The latest material version is cached with its publication time, so the banner costs no query
    and ends by itself 30 days after publication.
    """
    cached = cache.get(RECENT_MATERIAL_CACHE_KEY)
    if cached is None:
        latest = (
            PolicyVersion.objects.published()
            .filter(is_material=True)
            .order_by("-published_at", "-id")
            .values_list("id", "label", "published_at")
            .first()
        )
        cached = latest or (None, "", None)
        cache.set(RECENT_MATERIAL_CACHE_KEY, cached, None)
    version_id, label, published_at = cached
    if version_id is None or timezone.now() - published_at > datetime.timedelta(days=BANNER_DAYS):
        return None
    return version_id, label


def _required_from_db() -> tuple[int | None, str, datetime.date | None]:
    """The latest material version in force, and the date the next published version takes effect (one query)."""
    today = timezone.localdate()
    rows = (
        PolicyVersion.objects.published()
        .filter(Q(is_material=True, effective_on__lte=today) | Q(effective_on__gt=today))
        .order_by("-effective_on", "-published_at")
        .values_list("id", "label", "effective_on")
    )
    required, next_change = None, None
    for version_id, label, effective_on in rows:
        if effective_on > today:
            next_change = effective_on
        else:
            required = (version_id, label)
            break
    return (*required, next_change) if required else (None, "", next_change)


def required_version() -> tuple[int | None, str]:
    """(id, label) of the material version every member must have accepted, or (None, "").

    Read from the cache on almost every request, so checking costs no query;
    the cached answer carries the date it expires (the next version's effective date).
    """
    cached = cache.get(REQUIRED_CACHE_KEY)
    if cached is not None:
        version_id, label, next_change = cached
        if next_change is None or timezone.localdate() < next_change:
            return version_id, label
    version_id, label, next_change = _required_from_db()
    # No expiry: publishing or saving a version drops the key, and the effective date is checked on read.
    cache.set(REQUIRED_CACHE_KEY, (version_id, label, next_change), None)
    return version_id, label


def pending_version(member) -> PolicyVersion | None:
    """The material version this member has still to accept (POL-12), or None."""
    version_id, label = required_version()
    if version_id is None:
        return None
    if consent.current_state(member).get(f"{consent.Purpose.PRIVACY_POLICY}:{label}", False):
        return None
    # The cached id is checked against the database before anyone is blocked on it.
    version = PolicyVersion.objects.published().filter(pk=version_id, is_material=True).first()
    if version is None:
        forget_required_version()
    return version


def accept_version(member, version: PolicyVersion, *, context: consent.RequestContext):
    """Record the member's acceptance of this version (POL-01, POL-12)."""
    return consent.record_policy_acceptance(member, version, context=context)
