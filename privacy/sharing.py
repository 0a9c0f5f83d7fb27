"""Section III: the one way personal information leaves for a partner, checked against the partner register.

`share()` filters a payload down to what the register allows the partner, checks the legal basis
(a granted consent in the ledger, or one of the exemptions of III(V) with a note) and writes the
sharing record; the partner's adapter is called only after commit. `record_sharing()` is the same
check for a caller that sends the data itself: it refuses, and writes nothing, when the partner is
inactive or unregistered for a field, category or (for an entrusted processor) purpose.
Disclosures (III(II), III(III)) and authority requests (III(V)2) are recorded here too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from privacy import consent
from privacy.categories import DataCategory
from privacy.deidentify import PSEUDONYMISED_KEYS, REMOVED_KEYS, deidentify_row
from privacy.models import (
    ASSESSMENT_VALID_DAYS,
    EXEMPTIONS,
    AuthorityRequest,
    Disclosure,
    LegalBasis,
    Partner,
    ResearchApproval,
    SharingRecord,
)
from privacy.purposes import Purpose

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member
    from django.db.models import QuerySet


# SHR-07: what identifies a person; an advertising partner never receives any of it, registered or not.
IDENTIFYING_FIELDS = REMOVED_KEYS | PSEUDONYMISED_KEYS | {"account_id", "device_id", "contact", "member_name"}


class SharingRefused(ValidationError):
    """The register or the legal basis does not allow this hand-off; nothing was recorded or sent."""


@dataclass(frozen=True)
class Shared:
    record: SharingRecord
    payload: dict[str, Any]


def _partner(partner_code: str) -> Partner:
    partner = Partner.objects.filter(code=partner_code).first()
    if partner is None:
        raise SharingRefused(
            _("Unknown partner %(code)s: add it to the partner register first.") % {"code": partner_code},
            code="unknown_partner",
        )
    if not partner.is_active:
        raise SharingRefused(
            _("%(partner)s is not active in the partner register.") % {"partner": partner.name}, code="inactive"
        )
    return partner


def _check_legal_basis(partner: Partner, *, member: _User, legal_basis: str, note: str, reference: str) -> LegalBasis:
    """SHR-16: consent read from the ledger, or an exemption of section III(V) with a note saying why."""
    try:
        basis = LegalBasis(legal_basis)
    except ValueError:
        raise SharingRefused(_("Unknown legal basis %(basis)s.") % {"basis": legal_basis}, code="basis") from None
    if basis == LegalBasis.CONSENT:
        if not has_sharing_consent(member, partner, reference=reference):
            raise SharingRefused(
                _("%(partner)s needs the member's separate consent, which is not granted.") % {"partner": partner.name},
                code="no_consent",
            )
        return basis
    if partner.is_overseas:
        # STO-07: a transfer abroad needs the member's separate consent for that recipient.
        raise SharingRefused(_("A transfer abroad needs the member's separate consent."), code="no_consent")
    if basis not in EXEMPTIONS:
        raise SharingRefused(_("%(basis)s is not a basis for sharing.") % {"basis": basis.label}, code="basis")
    if not (note or reference).strip():
        raise SharingRefused(_("A share without consent needs a note on its exemption."), code="note")
    return basis


def has_sharing_consent(member: _User, partner: Partner, *, reference: str = "") -> bool:
    """The member's separate consent for this partner: its consent purpose, scoped to the partner.

    A domestic partner's consent may also be scoped to what the share is about (an event's reference);
    an overseas recipient's only to the recipient itself (STO-07).
    """
    purpose = partner.consent_purpose or (
        Purpose.CROSS_BORDER_TRANSFER if partner.is_overseas else Purpose.JOINT_EVENT_SHARING
    )
    scopes = [partner.code] if partner.is_overseas else [partner.code, *([reference] if reference else [])]
    return any(consent.has_consent(member, purpose, scope=scope) for scope in scopes)


def _check_register(
    partner: Partner, *, categories: Iterable[str], fields: Iterable[str], purpose: str, by_consent: bool
) -> list[str]:
    try:
        cats = [DataCategory(c).value for c in categories]
    except ValueError:
        raise SharingRefused(_("Unknown data category."), code="category") from None
    extra_categories = sorted(set(cats) - set(partner.categories))
    if extra_categories:
        raise SharingRefused(
            _("%(partner)s is not registered for %(what)s.")
            % {"partner": partner.name, "what": ", ".join(extra_categories)},
            code="category",
        )
    allowed = set(partner.allowed_fields)
    if partner.kind == Partner.Kind.ADVERTISING:
        allowed -= IDENTIFYING_FIELDS
    extra_fields = sorted(set(fields) - allowed)
    if extra_fields:
        raise SharingRefused(
            _("%(partner)s is not registered for %(what)s.")
            % {"partner": partner.name, "what": ", ".join(extra_fields)},
            code="field",
        )
    # SHR-04: an entrusted processor acts only for its registered purposes; any other needs the member's
    # separate consent (checked with the legal basis).
    if partner.role == Partner.Role.ENTRUSTED and purpose not in partner.purposes and not by_consent:
        raise SharingRefused(
            _("%(partner)s is not registered for the purpose %(purpose)s.")
            % {"partner": partner.name, "purpose": purpose},
            code="purpose",
        )
    return cats


@transaction.atomic
def record_sharing(
    *,
    member: _User,
    partner_code: str,
    categories: Iterable[DataCategory],
    fields: Iterable[str],
    purpose: str,
    legal_basis: LegalBasis,
    reference: str = "",
    note: str = "",
) -> SharingRecord:
    """Check the hand-off against the register and the legal basis, then write its record; SharingRefused if not allowed.

    Call it in the transaction that decides the hand-off, and send only after commit.
    """
    partner = _partner(partner_code)
    fields = list(fields)
    purpose = str(purpose)[:200]
    cats = _check_register(
        partner, categories=categories, fields=fields, purpose=purpose, by_consent=legal_basis == LegalBasis.CONSENT
    )
    basis = _check_legal_basis(partner, member=member, legal_basis=legal_basis, note=note, reference=reference)
    return SharingRecord.objects.create(
        member=member,
        partner=partner,
        categories=cats,
        fields=fields,
        purpose=purpose,
        legal_basis=basis,
        reference=reference[:100],
        note=note[:300],
    )


def share(
    *,
    member: _User,
    partner_code: str,
    payload: Mapping[str, Any],
    purpose: str,
    legal_basis: LegalBasis,
    reference: str = "",
    note: str = "",
    categories: Iterable[DataCategory] | None = None,
    send: Callable[[dict[str, Any]], object] | None = None,
) -> Shared:
    """Hand `payload` to a partner: only its registered, non-empty fields leave (SHR-01), after commit, through `send`.

    The record names `categories`, by default the partner's registered ones. Refused (SharingRefused, nothing recorded or
    sent) for an unregistered or inactive partner, a purpose an entrusted processor is not registered
    for, or a legal basis that does not hold.
    """
    partner = _partner(partner_code)
    allowed = set(partner.allowed_fields)
    if partner.kind == Partner.Kind.ADVERTISING:
        allowed -= IDENTIFYING_FIELDS
    sent = {key: value for key, value in payload.items() if key in allowed and value not in ("", None)}
    record = record_sharing(
        member=member,
        partner_code=partner.code,
        categories=partner.categories if categories is None else categories,
        fields=sorted(sent),
        purpose=purpose,
        legal_basis=legal_basis,
        reference=reference,
        note=note,
    )
    if send is not None:
        transaction.on_commit(lambda: send(dict(sent)))
    return Shared(record, sent)


def partner_adapter(code: str) -> Any:
    """The adapter that talks to partner `code`, by setting (PARTNER_ADAPTERS), like the SMS backend."""
    adapters: Mapping[str, str] = settings.PARTNER_ADAPTERS
    return import_string(adapters[code])()


def sharing_records_for(member: _User) -> QuerySet[SharingRecord]:
    return SharingRecord.objects.filter(member=member).select_related("partner").order_by("-shared_at", "-id")


# The partner register ---------------------------------------------------------------------------


def activation_problems(partner: Partner, *, today: date | None = None) -> list[str]:
    """Why `partner` cannot be activated (SHR-03, STO-08); empty when it can."""
    today = today or timezone.localdate()
    problems: list[str] = []
    if partner.kind == Partner.Kind.AUTHORITY:
        return problems  # a state body acting under law: no contract, no assessment
    if not partner.contract_reference.strip():
        problems.append(_("no contract reference"))
    if partner.assessed_on is None:
        problems.append(_("no security assessment"))
    elif partner.assessed_on < today - timedelta(days=ASSESSMENT_VALID_DAYS) or partner.assessed_on > today:
        problems.append(_("the security assessment is not current (within the last year)"))
    if partner.role == Partner.Role.JOINT and not partner.joint_agreement_reference.strip():
        problems.append(_("no joint-processing agreement"))
    if partner.is_overseas:
        if not partner.legal_mechanism:
            problems.append(_("no legal mechanism for the transfer abroad"))
        if not partner.filing_reference.strip():
            problems.append(_("no filing reference"))
        if partner.audited_on is None:
            problems.append(_("no audit of the recipient"))
    return problems


@transaction.atomic
def activate_partner(partner: Partner, *, today: date | None = None) -> Partner:
    """Activate a partner whose assessment is current and whose contract (and mechanism abroad) is recorded."""
    problems = activation_problems(partner, today=today)
    if problems:
        raise ValidationError(
            _("%(partner)s cannot be activated: %(problems)s.")
            % {"partner": partner.name, "problems": "; ".join(problems)},
            code="not_ready",
        )
    Partner.objects.filter(pk=partner.pk).update(is_active=True)
    partner.is_active = True
    return partner


def deactivate_partner(partner: Partner) -> Partner:
    Partner.objects.filter(pk=partner.pk).update(is_active=False)
    partner.is_active = False
    return partner


def public_partners() -> QuerySet[Partner]:
    """Active domestic partners, for the public partners page (SHR-02)."""
    return Partner.objects.active().filter(country="CN").exclude(kind=Partner.Kind.AUTHORITY).order_by("kind", "name")


def public_overseas_recipients() -> QuerySet[Partner]:
    """Active overseas recipients, for the public page (STO-07)."""
    return Partner.objects.active().overseas().order_by("name")


# Disclosures (III(II), III(III)) and authority requests (III(V)2) ------------------------------


class DisclosureRefused(ValidationError):
    """A public disclosure without the member's choice, consent or a violation found."""


@transaction.atomic
def disclose_publicly(
    *,
    member: _User,
    categories: Iterable[DataCategory],
    fields: Iterable[str],
    started_by_member: bool = False,
    consent_purpose: Purpose | None = None,
    consent_scope: str = "",
    note: str = "",
) -> Disclosure:
    """SHR-13: nothing is public by default; a disclosure needs the member's own action or a separate consent."""
    if started_by_member:
        basis = LegalBasis.SELF_DISCLOSED
    elif consent_purpose is not None and consent.has_consent(member, consent_purpose, scope=consent_scope):
        basis = LegalBasis.CONSENT
    else:
        raise DisclosureRefused(
            _("Personal information is made public only by the member's choice or with separate consent."),
            code="no_consent",
        )
    return Disclosure.objects.create(
        kind=Disclosure.Kind.PUBLIC,
        member=member,
        legal_basis=basis,
        categories=[DataCategory(c).value for c in categories],
        fields=list(fields),
        note=note[:500],
        published_at=timezone.now(),
    )


@transaction.atomic
def publish_enforcement_notice(
    *, member: _User, violation: str, sanction: str, fields: Iterable[str] = ("member_name",)
) -> Disclosure:
    """SHR-14: a public notice of a violation and the sanction taken, logged with the basis "violation"."""
    if not violation.strip() or not sanction.strip():
        raise DisclosureRefused(_("An enforcement notice states the violation and the sanction."), code="incomplete")
    return Disclosure.objects.create(
        kind=Disclosure.Kind.ENFORCEMENT,
        member=member,
        legal_basis=LegalBasis.VIOLATION,
        categories=[DataCategory.ACCOUNT.value],
        fields=list(fields),
        violation=violation[:500],
        sanction=sanction[:500],
        published_at=timezone.now(),
    )


def decide_authority_request(request: AuthorityRequest, *, officer: _User, approve: bool, note: str) -> bool:
    """SHR-17: the privacy officer approves or refuses a request that is still open, with the reason."""
    if not note.strip():
        raise ValidationError(_("State the reason for the decision."), code="note")
    status = AuthorityRequest.Status.APPROVED if approve else AuthorityRequest.Status.REFUSED
    return bool(
        AuthorityRequest.objects.filter(pk=request.pk, status=AuthorityRequest.Status.RECEIVED).update(
            status=status, decided_by=officer, decided_at=timezone.now(), decision_note=note[:500]
        )
    )


AUTHORITY_PARTNER = "authorities"


@transaction.atomic
def hand_to_authority(
    request: AuthorityRequest,
    *,
    payload: Mapping[str, Any],
    send: Callable[[dict[str, Any]], object] | None = None,
) -> Shared:
    """SHR-17: provide an approved request's data (legal duty), recorded as a share; refused without approval."""
    locked = AuthorityRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != AuthorityRequest.Status.APPROVED:
        raise SharingRefused(_("Data goes to an authority only under an approved request."), code="not_approved")
    # Only the categories the approved request names leave.
    shared = share(
        member=locked.member,
        partner_code=AUTHORITY_PARTNER,
        payload={key: value for key, value in payload.items() if key in locked.categories},
        purpose=_("Request of %(body)s") % {"body": locked.requesting_body},
        legal_basis=LegalBasis.LEGAL_DUTY,
        reference=f"authority-request-{locked.pk}",
        note=locked.legal_document_reference,
        categories=locked.categories,
        send=send,
    )
    AuthorityRequest.objects.filter(pk=locked.pk).update(
        status=AuthorityRequest.Status.FULFILLED, fulfilled_at=timezone.now()
    )
    return shared


# De-identified research data (III(I)5.3.C) -------------------------------------------------------


@transaction.atomic
def release_for_research(
    approval: ResearchApproval, *, rows: Iterable[Mapping[str, Any]], today: date | None = None
) -> list[dict[str, Any]]:
    """SHR-10: de-identified rows for an approved research project, limited to the institution's registered fields.

    Refused (SharingRefused, nothing counted) without a current approval or an active research partner. The
    rows pass through `deidentify()`: direct identifiers go, member and order references become keyed
    pseudonyms that cannot be joined to member ids without the key held apart from the data.
    """
    today = today or timezone.localdate()
    locked = ResearchApproval.objects.select_for_update().select_related("partner").get(pk=approval.pk)
    if not (locked.approved_on <= today <= locked.expires_on):
        raise SharingRefused(_("This research approval is not valid today."), code="not_approved")
    partner = locked.partner
    if partner.kind != Partner.Kind.RESEARCH or not partner.is_active:
        raise SharingRefused(
            _("%(partner)s is not an active research partner.") % {"partner": partner.name}, code="inactive"
        )
    allowed = set(partner.allowed_fields)
    released = [{k: v for k, v in row.items() if k in allowed} for row in map(deidentify_row, rows)]
    ResearchApproval.objects.filter(pk=locked.pk).update(
        exports=models.F("exports") + 1, last_exported_at=timezone.now()
    )
    return released
