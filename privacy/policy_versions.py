"""Section VI: publishing policy versions and holding members to the material ones (POL-11..15)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from privacy import consent
from privacy.models import PolicyVersion, ScopedPolicyVersion
from privacy.purposes import Purpose

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member

    from privacy.models import ConsentEvent

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

    The latest material version is cached with its publication time (filled by the same query as
    the required version), so the banner costs no query and ends by itself 30 days after publication.
    """
    cached = cache.get(RECENT_MATERIAL_CACHE_KEY)
    if cached is None:
        _required, cached = _versions_from_db()
    version_id, label, published_at = cached
    if version_id is None or timezone.now() - published_at > datetime.timedelta(days=BANNER_DAYS):
        return None
    return version_id, label


def _versions_from_db() -> tuple[
    tuple[int | None, str, datetime.date | None], tuple[int | None, str, datetime.datetime | None]
]:
    """One query: the latest material version in force with the date the next published version takes effect,
    and the most recently published material version. Both are cached without expiry (saving or publishing a
    version drops them; dates are checked on read)."""
    today = timezone.localdate()
    rows = list(
        PolicyVersion.objects.published()
        .filter(Q(is_material=True) | Q(effective_on__gt=today))
        .values_list("id", "label", "effective_on", "is_material", "published_at")
    )
    in_force = [row for row in rows if row[3] and row[2] <= today]
    upcoming = [row[2] for row in rows if row[2] > today]
    current = max(in_force, key=lambda row: (row[2], row[4]), default=None)
    required = (
        (current[0], current[1], min(upcoming, default=None)) if current else (None, "", min(upcoming, default=None))
    )
    latest = max((row for row in rows if row[3]), key=lambda row: (row[4], row[0]), default=None)
    announced = (latest[0], latest[1], latest[4]) if latest else (None, "", None)
    cache.set_many({REQUIRED_CACHE_KEY: required, RECENT_MATERIAL_CACHE_KEY: announced}, None)
    return required, announced


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
    # No expiry: publishing or saving a version drops the key, and the effective date is checked on read.
    (version_id, label, _next_change), _announced = _versions_from_db()
    return version_id, label


def pending_version(member: _User) -> PolicyVersion | None:
    """The material version this member has still to accept (POL-12), or None."""
    version_id, label = required_version()
    if version_id is None:
        return None
    if consent.current_state(member).get(f"{Purpose.PRIVACY_POLICY}:{label}", False):
        return None
    # The cached id is checked against the database before anyone is blocked on it.
    version = PolicyVersion.objects.published().filter(pk=version_id, is_material=True).first()
    if version is None:
        forget_required_version()
    return version


def accept_version(member: _User, version: PolicyVersion, *, context: consent.RequestContext) -> ConsentEvent:
    """Record the member's acceptance of this version (POL-01, POL-12)."""
    return consent.record_policy_acceptance(member, version, context=context)


def publish_scoped_version(version: ScopedPolicyVersion) -> ScopedPolicyVersion:
    """POL-04: publish a draft of the merchant or industrial-products policy; from then on it is immutable."""
    if not version.text.strip():
        raise ValidationError(_("A version needs its English text before it is published."), code="no_text")
    updated = ScopedPolicyVersion.objects.filter(pk=version.pk, published_at__isnull=True).update(
        published_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("This version is already published."), code="published")
    version.refresh_from_db()
    return version
