"""The privacy app's records: policy versions (VI), the consent ledger, partners and sharing (III), staff access."""

from __future__ import annotations

from typing import Self

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.notices import Feature
from privacy.purposes import Purpose


class PolicyVersionQuerySet(models.QuerySet["PolicyVersion"]):
    def published(self) -> Self:
        return self.filter(published_at__isnull=False)

    def current(self) -> PolicyVersion | None:
        """The published version in force now (the latest effective date not in the future)."""
        return (
            self.published()
            .filter(effective_on__lte=timezone.localdate())
            .order_by("-effective_on", "-published_at")
            .first()
        )


class PolicyVersion(models.Model):
    """One version of the privacy policy, with its label and the date it takes effect (POL-11)."""

    # POL-13: the six kinds of change that make a version material.
    MATERIAL_TRIGGERS = (
        "changes_purposes",
        "changes_ownership",
        "changes_recipients",
        "changes_rights",
        "changes_contact",
        "has_high_risk_assessment",
    )

    label = models.CharField(_("label"), max_length=40, unique=True)
    effective_on = models.DateField(_("effective on"))
    # POL-15: the English text is canonical and prevails over the translation.
    text = models.TextField(_("text (English, canonical)"))
    text_zh = models.TextField(_("text (Simplified Chinese translation)"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    is_material = models.BooleanField(
        _("material change"),
        default=False,
        help_text=_("Members must accept a material version before they go on (POL-12)."),
    )
    changes_purposes = models.BooleanField(
        _("changes purposes, categories or use of personal information"), default=False
    )
    changes_ownership = models.BooleanField(_("changes the owner (merger, acquisition, restructuring)"), default=False)
    changes_recipients = models.BooleanField(
        _("changes the main recipients of sharing, transfer or disclosure"), default=False
    )
    changes_rights = models.BooleanField(_("changes members' rights or how they exercise them"), default=False)
    changes_contact = models.BooleanField(
        _("changes the department, contact or complaint channel for personal information"), default=False
    )
    has_high_risk_assessment = models.BooleanField(
        _("a personal information impact assessment found high risk"), default=False
    )

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["-effective_on"]
        constraints = [
            # POL-13: ticking any trigger makes the version material; nobody can clear the flag.
            models.CheckConstraint(
                condition=models.Q(is_material=True)
                | models.Q(
                    changes_purposes=False,
                    changes_ownership=False,
                    changes_recipients=False,
                    changes_rights=False,
                    changes_contact=False,
                    has_high_risk_assessment=False,
                ),
                name="policy_trigger_makes_material",
            ),
        ]
        triggers = [
            # POL-14: what members accepted is never rewritten or removed.
            pgtrigger.Protect(
                name="published_policy_is_immutable",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__published_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def has_material_trigger(self) -> bool:
        return any(getattr(self, name) for name in self.MATERIAL_TRIGGERS)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def text_for(self, language_code: str) -> str:
        """The translation for the language when there is one, else the canonical English."""
        if language_code.startswith("zh") and self.text_zh:
            return self.text_zh
        return self.text


class ConsentEvent(models.Model):
    """One grant or withdrawal of consent to one purpose. Append-only: the database refuses UPDATE and DELETE."""

    class Channel(models.TextChoices):
        WEB = "web", _("Web")
        API = "api", _("App (API)")
        STAFF = "staff", _("Staff on the member's behalf")
        GPC = "gpc", _("Global Privacy Control signal")
        UNSUBSCRIBE = "unsubscribe", _("Unsubscribe link")
        GUARDIAN = "guardian", _("Guardian")
        REGISTRATION = "registration", _("Registration")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consent_events", verbose_name=_("member")
    )
    purpose = models.CharField(_("purpose"), max_length=40, choices=Purpose.choices)
    scope = models.CharField(_("scope"), max_length=100, blank=True, help_text=_("Provider, event or recipient."))
    is_granted = models.BooleanField(_("granted"))
    policy_version = models.ForeignKey(
        PolicyVersion, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("policy version in force")
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    staff_ticket = models.CharField(_("staff ticket"), max_length=40, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("consent event")
        verbose_name_plural = _("consent events")
        ordering = ["-id"]
        indexes = [models.Index(fields=["member", "purpose", "scope", "-id"], name="consent_latest")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(channel="staff") | ~models.Q(staff_ticket=""), name="staff_consent_names_ticket"
            ),
        ]
        triggers = [
            pgtrigger.Protect(name="consent_events_append_only", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        verb = "granted" if self.is_granted else "withdrew"
        return f"{self.member_id} {verb} {self.purpose}{':' + self.scope if self.scope else ''}"


class LegalBasis(models.TextChoices):
    """Section III(V): consent, or one of the six cases that need none."""

    CONSENT = "consent", _("The member's consent")
    CONTRACT = "contract", _("Necessary for the contract with the member")
    LEGAL_DUTY = "legal_duty", _("Necessary for a legal duty")
    EMERGENCY = "emergency", _("Necessary to protect life, health or property in an emergency")
    PUBLIC_INTEREST = "public_interest", _("News reporting or public-interest supervision")
    SELF_DISCLOSED = "self_disclosed", _("Information the member made public")
    OTHER_LAW = "other_law", _("Other cases provided by law")
    # Section III(III)2: only for a public disclosure of a violation and the sanction taken, never a share.
    VIOLATION = "violation", _("Violation of laws or platform rules")


# SHR-16: the six cases of section III(V) that need no consent.
EXEMPTIONS = frozenset(
    {
        LegalBasis.CONTRACT,
        LegalBasis.LEGAL_DUTY,
        LegalBasis.EMERGENCY,
        LegalBasis.PUBLIC_INTEREST,
        LegalBasis.SELF_DISCLOSED,
        LegalBasis.OTHER_LAW,
    }
)


class PartnerQuerySet(models.QuerySet["Partner"]):
    def active(self) -> Self:
        return self.filter(is_active=True)

    def overseas(self) -> Self:
        return self.exclude(country="CN")


# SHR-03: a security assessment older than this is no longer current; the partner cannot be (re)activated.
ASSESSMENT_VALID_DAYS = 365


class Partner(models.Model):
    """A company that receives personal information (section III): the register the privacy officer keeps.

    A partner receives only the fields and categories registered here, for the purposes registered
    here, and only while active; `privacy.sharing` enforces it. Activation needs a current security
    assessment and a contract (SHR-03); an overseas recipient also its legal mechanism (STO-08).
    """

    class Kind(models.TextChoices):
        PAYMENT = "payment", _("Payment")
        LOGISTICS = "logistics", _("Logistics")
        SELLER = "seller", _("Seller")
        SERVICE_PROVIDER = "service_provider", _("Entrusted service provider")
        ONBOARDING = "onboarding", _("Merchant onboarding")
        CHANNEL = "channel", _("Channel (applet) developer")
        ADVERTISING = "advertising", _("Advertising and its measurement")
        SECURITY = "security", _("Security")
        ANALYTICS = "analytics", _("Product analysis")
        RESEARCH = "research", _("Academic research")
        INFRASTRUCTURE = "infrastructure", _("Technology infrastructure")
        AUTHORITY = "authority", _("Administrative or judicial authority")
        AFFILIATE = "affiliate", _("Affiliate")
        OTHER = "other", _("Other")

    class Role(models.TextChoices):
        ENTRUSTED = "entrusted", _("Entrusted processor (acts only on our instructions)")
        JOINT = "joint", _("Joint processor")
        INDEPENDENT = "independent", _("Independent recipient")
        SDK = "sdk", _("SDK embedded in our apps")

    class Mechanism(models.TextChoices):
        """STO-08: the legal mechanism of a transfer abroad (PIPL art. 38)."""

        NONE = "", _("None")
        CAC_ASSESSMENT = "cac_assessment", _("CAC security assessment")
        CERTIFICATION = "certification", _("Personal information protection certification")
        STANDARD_CONTRACT = "standard_contract", _("Standard contract filed with the CAC")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("legal name"), max_length=200)
    kind = models.CharField(_("cooperation scenario"), max_length=20, choices=Kind.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.INDEPENDENT)
    is_affiliate = models.BooleanField(_("affiliate of the platform operators"), default=False)
    country = models.CharField(_("country or region"), max_length=2, default="CN", help_text=_("ISO 3166 code."))
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    description = models.TextField(_("what they do for us"), blank=True)
    purposes = models.JSONField(
        _("registered purposes"),
        default=list,
        blank=True,
        help_text=_("The purposes this partner may receive data for, one per entry; an entrusted processor no other."),
    )
    categories = models.JSONField(_("data categories allowed"), default=list, blank=True)
    allowed_fields = models.JSONField(_("fields allowed"), default=list, blank=True)
    legal_basis = models.CharField(
        _("usual legal basis"),
        max_length=20,
        choices=LegalBasis.choices,
        default=LegalBasis.CONTRACT,
        help_text=_("Shown on the partners page."),
    )
    consent_purpose = models.CharField(
        _("consent it needs"),
        max_length=40,
        choices=Purpose.choices,
        blank=True,
        help_text=_("For a share on the basis of consent: the purpose the member grants, scoped to this partner."),
    )
    contract_reference = models.CharField(_("contract reference"), max_length=100, blank=True)
    joint_agreement_reference = models.CharField(
        _("joint-processing agreement"), max_length=100, blank=True, help_text=_("Needed for a joint processor.")
    )
    assessed_on = models.DateField(_("security assessment date"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=False)
    # STO-07/08: an overseas recipient.
    transfer_methods = models.CharField(_("transfer methods"), max_length=300, blank=True)
    legal_mechanism = models.CharField(
        _("legal mechanism"), max_length=30, choices=Mechanism.choices, default="", blank=True
    )
    filing_reference = models.CharField(_("filing reference"), max_length=100, blank=True)
    audited_on = models.DateField(_("last audit"), null=True, blank=True)
    rights_contact = models.CharField(_("how to exercise your rights with them"), max_length=300, blank=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            # SHR-03: no active partner without an assessment and a contract; a joint processor also
            # needs the agreement setting out each side's rights and duties.
            models.CheckConstraint(
                condition=models.Q(is_active=False)
                | models.Q(kind="authority")  # a state body acting under law: no contract, no assessment
                | (
                    models.Q(assessed_on__isnull=False)
                    & ~models.Q(contract_reference="")
                    & (~models.Q(role="joint") | ~models.Q(joint_agreement_reference=""))
                ),
                name="active_partner_is_assessed_and_contracted",
            ),
            # STO-08: no active overseas recipient without its mechanism, filing and audit.
            models.CheckConstraint(
                condition=models.Q(is_active=False)
                | models.Q(country="CN")
                | (~models.Q(legal_mechanism="") & ~models.Q(filing_reference="") & models.Q(audited_on__isnull=False)),
                name="active_overseas_recipient_has_mechanism",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_overseas(self) -> bool:
        return self.country.upper() != "CN"


class OverseasRecipient(Partner):
    """STO-07: the register of overseas recipients, the partners outside mainland China."""

    class Meta:
        proxy = True
        verbose_name = _("overseas recipient")
        verbose_name_plural = _("overseas recipients")


class ThirdPartyScript(models.Model):
    """SHR-11: a partner's script or SDK a page may load, with its security review; only approved ones load,
    and the Content-Security-Policy of that page allows exactly their origins."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="scripts", verbose_name=_("partner"))
    src = models.URLField(_("script address (https)"), max_length=300)
    purpose = models.CharField(_("purpose"), max_length=200)
    review_reference = models.CharField(_("security review reference"), max_length=100, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    is_approved = models.BooleanField(_("approved"), default=False)

    class Meta:
        verbose_name = _("third-party script")
        verbose_name_plural = _("third-party scripts")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_approved=False)
                | (~models.Q(review_reference="") & models.Q(reviewed_on__isnull=False)),
                name="approved_script_has_a_review",
            ),
            models.CheckConstraint(condition=models.Q(src__startswith="https://"), name="third_party_script_is_https"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def origin(self) -> str:
        scheme, _sep, rest = self.src.partition("://")
        return f"{scheme}://{rest.split('/', 1)[0]}"


class SharingRecord(models.Model):
    """One hand-off of a member's personal information to a partner (SHR rows), shown to the member."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sharing_records", verbose_name=_("member")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="sharing_records", verbose_name=_("partner")
    )
    categories = models.JSONField(_("data categories"), default=list)
    fields = models.JSONField(_("fields sent"), default=list)
    purpose = models.CharField(_("purpose"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)
    reference = models.CharField(
        _("reference"), max_length=100, blank=True, help_text=_("For example the order number.")
    )
    # SHR-16: why a share without consent falls under its exemption.
    note = models.CharField(_("note on the legal basis"), max_length=300, blank=True)
    shared_at = models.DateTimeField(_("shared at"), default=timezone.now)

    class Meta:
        verbose_name = _("sharing record")
        verbose_name_plural = _("sharing records")
        ordering = ["-shared_at", "-id"]
        indexes = [models.Index(fields=["member", "-shared_at"], name="sharing_by_member")]

    def __str__(self) -> str:
        return f"{self.partner} · {self.reference or self.purpose}"


class Disclosure(models.Model):
    """A transfer after a change of owner (SHR-12) or a public disclosure (SHR-13, SHR-14): the disclosure log."""

    class Kind(models.TextChoices):
        TRANSFER = "transfer", _("Transfer after a merger, division, dissolution or bankruptcy")
        PUBLIC = "public", _("Public disclosure")
        ENFORCEMENT = "enforcement", _("Public notice of a violation and its sanction")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disclosures",
        verbose_name=_("member"),
        help_text=_("Empty for a transfer, which concerns every member."),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)
    categories = models.JSONField(_("data categories"), default=list, blank=True)
    fields = models.JSONField(_("fields disclosed"), default=list, blank=True)
    recipient_name = models.CharField(_("recipient's name"), max_length=200, blank=True)
    recipient_contact = models.CharField(_("recipient's contact"), max_length=300, blank=True)
    violation = models.CharField(_("violation or breach"), max_length=500, blank=True)
    sanction = models.CharField(_("sanction taken"), max_length=500, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    members_notified = models.PositiveIntegerField(_("members notified"), default=0)

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosure log")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="transfer") | (~models.Q(recipient_name="") & ~models.Q(recipient_contact="")),
                name="transfer_names_its_recipient",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="enforcement")
                | (models.Q(legal_basis="violation") & ~models.Q(sanction="") & models.Q(member__isnull=False)),
                name="enforcement_notice_states_violation_and_sanction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.recipient_name or self.member_id}"


class AuthorityRequest(models.Model):
    """SHR-17: a request for a member's data from an administrative or judicial authority, and the decision."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        FULFILLED = "fulfilled", _("Data provided")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authority_requests", verbose_name=_("member")
    )
    requesting_body = models.CharField(_("requesting authority"), max_length=200)
    legal_document_reference = models.CharField(_("legal document reference"), max_length=200)
    categories = models.JSONField(_("data categories requested"), default=list)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_note = models.CharField(_("officer's decision"), max_length=500, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    fulfilled_at = models.DateTimeField(_("data provided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("authority request")
        verbose_name_plural = _("authority requests")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="received")
                | (
                    models.Q(decided_by__isnull=False)
                    & models.Q(decided_at__isnull=False)
                    & ~models.Q(decision_note="")
                ),
                name="decided_authority_request_names_officer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requesting_body} · {self.legal_document_reference}"


class ResearchApproval(models.Model):
    """SHR-10: the approval a research export needs: which institution, which project, until when."""

    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="research_approvals", verbose_name=_("institution")
    )
    project = models.CharField(_("research project"), max_length=200)
    dataset = models.CharField(_("dataset"), max_length=40, choices=[("order_statistics", _("Order statistics"))])
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("approved by")
    )
    approved_on = models.DateField(_("approved on"), default=timezone.localdate)
    expires_on = models.DateField(_("valid until"))
    exports = models.PositiveIntegerField(_("exports made"), default=0)
    last_exported_at = models.DateTimeField(_("last export"), null=True, blank=True)

    class Meta:
        verbose_name = _("research approval")
        verbose_name_plural = _("research approvals")
        ordering = ["-approved_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__gte=models.F("approved_on")), name="research_approval_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} ({self.partner})"


class StaffAccessLog(models.Model):
    """Every look by staff at a member's personal data: who, whom, which fields, when and why (VER-06)."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("staff member")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff_access_logs", verbose_name=_("member")
    )
    object_label = models.CharField(_("record"), max_length=100, help_text=_("For example orders.Order #42."))
    fields = models.JSONField(_("fields revealed"), default=list)
    reason = models.CharField(_("reason"), max_length=300)
    accessed_at = models.DateTimeField(_("accessed at"), default=timezone.now)

    class Meta:
        verbose_name = _("staff access log entry")
        verbose_name_plural = _("staff access log")
        ordering = ["-accessed_at", "-id"]
        triggers = [
            pgtrigger.Protect(name="staff_access_log_append_only", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.staff_id} → {self.member_id}: {', '.join(self.fields)}"


class NoticeAcknowledgement(models.Model):
    """POL-02: the member read the just-in-time notice of a feature before it first collected their data."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notice_acknowledgements",
        verbose_name=_("member"),
    )
    feature = models.CharField(_("feature"), max_length=40, choices=Feature.choices)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), default=timezone.now)

    class Meta:
        verbose_name = _("notice acknowledgement")
        verbose_name_plural = _("notice acknowledgements")
        constraints = [models.UniqueConstraint(fields=["member", "feature"], name="one_acknowledgement_per_notice")]

    def __str__(self) -> str:
        return f"{self.member_id} acknowledged {self.feature}"


class PolicyScope(models.TextChoices):
    """POL-04: who a privacy policy document applies to. The member policy is `PolicyVersion`."""

    MEMBER = "member", _("1688 Platform Privacy Policy")
    MERCHANT = "merchant", _("Merchant Privacy Policy")
    INDUSTRIAL_PRODUCTS = "industrial_products", _("Industrial Products Privacy Policy")


class ScopedPolicyQuerySet(models.QuerySet["ScopedPolicyVersion"]):
    def published(self) -> Self:
        return self.filter(published_at__isnull=False)

    def current(self, scope: str) -> ScopedPolicyVersion | None:
        """The published version of `scope`'s document in force now, or None."""
        return (
            self.published()
            .filter(scope=scope, effective_on__lte=timezone.localdate())
            .order_by("-effective_on", "-published_at")
            .first()
        )


class ScopedPolicyVersion(models.Model):
    """POL-04: one version of a policy document of its own scope (merchant, industrial products).

    Products with their own privacy policy follow it instead of the member policy; each
    document has its own versions, and a published version is never changed.
    """

    scope = models.CharField(_("applies to"), max_length=30, choices=PolicyScope.choices)
    label = models.CharField(_("label"), max_length=40)
    effective_on = models.DateField(_("effective on"))
    text = models.TextField(_("text (English, canonical)"))
    text_zh = models.TextField(_("text (Simplified Chinese translation)"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = ScopedPolicyQuerySet.as_manager()

    class Meta:
        verbose_name = _("scoped policy version")
        verbose_name_plural = _("scoped policy versions")
        ordering = ["scope", "-effective_on"]
        constraints = [
            models.UniqueConstraint(fields=["scope", "label"], name="one_label_per_policy_scope"),
            # The member policy keeps its own versions in PolicyVersion.
            models.CheckConstraint(condition=~models.Q(scope="member"), name="scoped_policy_is_not_member"),
        ]
        triggers = [
            pgtrigger.Protect(
                name="published_scoped_policy_is_immutable",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__published_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.label}"

    def text_for(self, language_code: str) -> str:
        if language_code.startswith("zh") and self.text_zh:
            return self.text_zh
        return self.text
