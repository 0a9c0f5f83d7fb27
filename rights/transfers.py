"""Section III(II) and III(V)2: personal information leaving after a change of owner (SHR-12), and to an
authority under an approved request (SHR-17); both through privacy.sharing's records, members told as promised."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interactions.models import AlertCategory
from interactions.services import notify_all
from members.models import Member
from privacy import sharing
from privacy.models import AuthorityRequest, Disclosure, LegalBasis, PolicyVersion
from rights.exports import exported_fields, plan_for
from rights.selectors import rows_of

# PIPL art. 22: a transfer on merger, division, dissolution or bankruptcy is a case the law provides.
TRANSFER_BASIS = LegalBasis.OTHER_LAW
# Members have this long to read the notice before the successor's policy version takes effect.
POLICY_NOTICE_DAYS = 30


@transaction.atomic
def publish_transfer_notice(notice: Disclosure, *, now: datetime | None = None) -> int:
    """SHR-12: tell every active member the recipient's name and contact, and draft the material policy version.

    Publishes a transfer entered in admin once (a conditional update); returns how many members were told.
    """
    now = now or timezone.now()
    if not Disclosure.objects.filter(pk=notice.pk, kind=Disclosure.Kind.TRANSFER, published_at__isnull=True).update(
        published_at=now
    ):
        return 0
    title = _("Your personal information is being transferred to %(name)s") % {"name": notice.recipient_name}
    body = _(
        "Because of %(reason)s, your personal information will be held by %(name)s (contact: %(contact)s), "
        "which will continue to perform our privacy policy and its legal duties. If it wants to change the "
        "purposes or methods of processing, it will ask for your consent again."
    ) % {
        "reason": notice.note or _("a change of owner"),
        "name": notice.recipient_name,
        "contact": notice.recipient_contact,
    }
    told = notify_all(
        Member.objects.filter(is_active=True), AlertCategory.SERVICE, title=title[:200], body=body, now=now
    )
    Disclosure.objects.filter(pk=notice.pk).update(members_notified=told)
    current = PolicyVersion.objects.current()
    version_name = f"Transfer {notice.pk} draft"  # the officer renames it before publishing
    PolicyVersion.objects.create(
        label=version_name[:40],
        effective_on=timezone.localdate(now) + timedelta(days=POLICY_NOTICE_DAYS),
        text=current.text if current else body,
        text_zh=current.text_zh if current else "",
        changes_ownership=True,
        is_material=True,
    )
    return told


def authority_payload(request: AuthorityRequest) -> dict[str, Any]:
    """The member's registered data in the categories the request names, as {category: [rows]}."""
    member = Member.objects.get(pk=request.member_id)
    payload: dict[str, Any] = {}
    for category, registrations in plan_for(member).items():
        if category.value not in request.categories:
            continue
        payload[category.value] = [
            {"record": registration.label, **row}
            for registration in registrations
            for row in rows_of(registration, member).values(*exported_fields(registration))
        ]
    plain: dict[str, Any] = json.loads(json.dumps(payload, default=str))
    return plain


def authority_file(request: AuthorityRequest) -> Path:
    """Where the data for an approved request is written, outside the web root, for the officer to hand over."""
    return Path(settings.VAR_DIR) / "authority-requests" / f"request-{request.pk}.json"


def provide_to_authority(request: AuthorityRequest) -> sharing.Shared:
    """SHR-17: hand an approved request's data over; privacy.sharing refuses without the approval (nothing written)."""
    path = authority_file(request)

    def write(payload: dict[str, Any]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        path.chmod(0o600)

    return sharing.hand_to_authority(request, payload=authority_payload(request), send=write)
