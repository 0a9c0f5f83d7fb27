from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from privacy import sharing, third_party
from privacy.admin_base import ReadOnlyAdmin, staff_member
from privacy.forms import AuthorityDecisionForm, PartnerAdminForm, PolicyVersionAdminForm
from privacy.models import (
    AuthorityRequest,
    ConsentEvent,
    Disclosure,
    OverseasRecipient,
    Partner,
    PolicyScope,
    PolicyVersion,
    ResearchApproval,
    ScopedPolicyVersion,
    SharingRecord,
    StaffAccessLog,
    ThirdPartyScript,
)
from privacy.policy_versions import prepare_version, publish_scoped_version, publish_version

if TYPE_CHECKING:
    from django.db.models import Field, QuerySet
    from django.http import HttpRequest
    from django_stubs_ext import StrOrPromise


def apply_service(
    model_admin: admin.ModelAdmin,  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    request: HttpRequest,
    objects: Iterable[Any],
    service: Callable[[Any], object],
    done: StrOrPromise,
) -> None:
    """An admin action's body: the service per object, its refusal or `done` (with %(name)s) as a message."""
    for obj in objects:
        try:
            service(obj)
        except ValidationError as error:
            model_admin.message_user(request, f"{obj}: {error.messages[0]}", messages.ERROR)
        else:
            model_admin.message_user(request, str(done) % {"name": str(obj)}, messages.SUCCESS)


class PublishedVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    """A policy text that is drafted, then published; a published version is never edited or deleted (POL-14)."""

    actions = ["publish"]
    # The service that publishes one version (checks, then stamps published_at).
    publish_service: staticmethod[[Any], object]

    def has_change_permission(
        self, request: HttpRequest, obj: PolicyVersion | ScopedPolicyVersion | None = None
    ) -> bool:
        return (obj is None or obj.published_at is None) and super().has_change_permission(request, obj)

    def has_delete_permission(
        self, request: HttpRequest, obj: PolicyVersion | ScopedPolicyVersion | None = None
    ) -> bool:
        return (obj is None or obj.published_at is None) and super().has_delete_permission(request, obj)

    @admin.action(description=_("Publish the selected versions"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        apply_service(
            self, request, queryset.filter(published_at__isnull=True), self.publish_service, _("Published %(name)s.")
        )


@admin.register(PolicyVersion)
class PolicyVersionAdmin(PublishedVersionAdmin):
    """The privacy officer drafts, then publishes the member policy (POL-11..15)."""

    form = PolicyVersionAdminForm
    publish_service = staticmethod(publish_version)
    list_display = ["label", "effective_on", "is_material", "published_at"]
    list_filter = ["is_material"]
    search_fields = ["label"]
    fieldsets = [
        (None, {"fields": ["label", "effective_on", "text", "text_zh"]}),
        (
            _("Material change (POL-13): ticking any of these makes the version material"),
            {"fields": [*PolicyVersion.MATERIAL_TRIGGERS, "is_material"]},
        ),
        (_("Publication"), {"fields": ["published_at"]}),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: PolicyVersion | None = None) -> list[str]:
        # A published version is what members accepted: it is never edited (POL-14).
        if obj is not None and obj.published_at is not None:
            return [f.name for f in PolicyVersion._meta.concrete_fields if f.name != "id"]
        if obj is not None and obj.has_material_trigger:
            return ["published_at", "is_material"]
        return ["published_at"]

    def save_model(self, request: HttpRequest, obj: PolicyVersion, form: Any, change: bool) -> None:
        prepare_version(obj)
        super().save_model(request, obj, form, change)


@admin.register(ScopedPolicyVersion)
class ScopedPolicyVersionAdmin(PublishedVersionAdmin):
    """POL-04: the merchant and industrial-products policies, each with its own versions."""

    publish_service = staticmethod(publish_scoped_version)
    list_display = ["scope", "label", "effective_on", "published_at"]
    list_filter = ["scope"]
    fields = ["scope", "label", "effective_on", "text", "text_zh", "published_at"]

    def formfield_for_choice_field(
        self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.TypedChoiceField | None:
        if db_field.name == "scope":
            kwargs["choices"] = [(value, label) for value, label in PolicyScope.choices if value != PolicyScope.MEMBER]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: ScopedPolicyVersion | None = None) -> list[str]:
        if obj is not None and obj.published_at is not None:
            return self.fields  # type: ignore[return-value]  # a flat list; the stubs widen `fields` to field groups
        return ["published_at"]


@admin.register(ConsentEvent)
class ConsentEventAdmin(ReadOnlyAdmin):
    """The ledger, read-only here; the rights app adds the change staff make on a member's behalf (RGT-09)."""

    list_display = ["occurred_at", "member", "purpose", "scope", "is_granted", "channel", "policy_version"]
    list_filter = ["purpose", "is_granted", "channel"]
    list_select_related = ["member", "policy_version"]
    search_fields = ["member__member_name", "scope"]
    date_hierarchy = "occurred_at"
    raw_id_fields = ["member"]


class PartnerRegisterAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    """The register the privacy officer keeps (SHR-01, SHR-03): activation is an action that checks the contract,
    the security assessment and, abroad, the legal mechanism (STO-08); the database refuses the rest."""

    form = PartnerAdminForm
    actions = ["activate", "deactivate"]
    readonly_fields = ["is_active"]
    search_fields = ["name", "code"]

    @admin.action(description=_("Activate the selected partners"), permissions=["change"])
    def activate(self, request: HttpRequest, queryset: QuerySet[Partner]) -> None:
        apply_service(
            self, request, queryset.filter(is_active=False), sharing.activate_partner, _("Activated %(name)s.")
        )

    @admin.action(
        description=_("Deactivate the selected partners (nothing more is shared with them)"), permissions=["change"]
    )
    def deactivate(self, request: HttpRequest, queryset: QuerySet[Partner]) -> None:
        for partner in queryset.filter(is_active=True):
            sharing.deactivate_partner(partner)
        self.message_user(request, _("Deactivated."), messages.SUCCESS)


@admin.register(Partner)
class PartnerAdmin(PartnerRegisterAdmin):
    list_display = ["name", "code", "kind", "role", "is_affiliate", "is_active", "assessed_on", "contract_reference"]
    list_filter = ["is_active", "kind", "role", "is_affiliate"]
    fieldsets = [
        (None, {"fields": ["code", "name", "kind", "role", "is_affiliate", "contact", "description", "is_active"]}),
        (
            _("What they may receive"),
            {"fields": ["purposes", "categories", "allowed_fields", "legal_basis", "consent_purpose"]},
        ),
        (
            _("Contract and security (needed to activate)"),
            {"fields": ["contract_reference", "joint_agreement_reference", "assessed_on"]},
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Partner]:
        return super().get_queryset(request).filter(country="CN")


@admin.register(OverseasRecipient)
class OverseasRecipientAdmin(PartnerRegisterAdmin):
    """STO-07/08: the register of overseas recipients."""

    list_display = ["name", "country", "legal_mechanism", "filing_reference", "audited_on", "is_active"]
    list_filter = ["is_active", "legal_mechanism", "country"]
    fieldsets = [
        (None, {"fields": ["code", "name", "country", "kind", "role", "contact", "rights_contact", "is_active"]}),
        (
            _("What they receive and how"),
            {"fields": ["purposes", "transfer_methods", "categories", "allowed_fields", "consent_purpose"]},
        ),
        (
            _("Legal mechanism, contract and audit (needed to activate)"),
            {
                "fields": [
                    "legal_mechanism",
                    "filing_reference",
                    "audited_on",
                    "contract_reference",
                    "assessed_on",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Partner]:
        return super().get_queryset(request).exclude(country="CN")

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:  # type: ignore[type-arg]
        form = super().get_form(request, obj, change, **kwargs)

        def clean_country(self: forms.ModelForm) -> str:  # type: ignore[type-arg]
            country = (self.cleaned_data.get("country") or "").upper()
            if country in ("", "CN"):
                raise ValidationError(_("An overseas recipient is outside mainland China."))
            return country

        form.clean_country = clean_country  # type: ignore[attr-defined]
        return form


@admin.register(SharingRecord)
class SharingRecordAdmin(ReadOnlyAdmin):
    list_display = ["shared_at", "member", "partner", "purpose", "legal_basis", "reference", "note"]
    list_filter = ["partner", "legal_basis"]
    list_select_related = ["member", "partner"]
    search_fields = ["member__member_name", "reference"]
    date_hierarchy = "shared_at"


@admin.register(StaffAccessLog)
class StaffAccessLogAdmin(ReadOnlyAdmin):
    list_display = ["accessed_at", "staff", "member", "object_label", "reason"]
    list_select_related = ["staff", "member"]
    search_fields = ["staff__member_name", "member__member_name", "object_label"]
    date_hierarchy = "accessed_at"


@admin.register(Disclosure)
class DisclosureAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    """The disclosure log (SHR-12..14). The officer adds an enforcement notice here (SHR-14); transfers after a
    change of owner are entered under rights, which notifies every member."""

    list_display = ["created_at", "kind", "member", "legal_basis", "recipient_name", "sanction", "published_at"]
    list_filter = ["kind", "legal_basis"]
    list_select_related = ["member"]
    raw_id_fields = ["member"]
    search_fields = ["member__member_name", "recipient_name"]
    fields = ["member", "violation", "sanction"]

    def has_change_permission(self, request: HttpRequest, obj: Disclosure | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Disclosure | None = None) -> bool:
        return False

    def get_fields(self, request: HttpRequest, obj: Disclosure | None = None) -> Any:
        if obj is not None:
            return [f.name for f in Disclosure._meta.concrete_fields if f.name != "id"]
        return ["member", "violation", "sanction"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:  # type: ignore[type-arg]
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None:
            for name in ("member", "violation", "sanction"):
                form.base_fields[name].required = True
        return form

    def save_model(self, request: HttpRequest, obj: Disclosure, form: Any, change: bool) -> None:
        # SHR-14: an enforcement notice, logged with the basis "violation", through the service.
        member = form.cleaned_data["member"]  # required on the add form
        notice = sharing.publish_enforcement_notice(member=member, violation=obj.violation, sanction=obj.sanction)
        obj.pk = notice.pk
        obj.refresh_from_db()


@admin.register(AuthorityRequest)
class AuthorityRequestAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    """SHR-17: a request from an authority, its legal document, and the officer's decision; data goes only
    under an approved request (rights adds the action that provides it)."""

    form = AuthorityDecisionForm
    list_display = ["received_at", "requesting_body", "legal_document_reference", "member", "status", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["member", "decided_by"]
    raw_id_fields = ["member"]
    search_fields = ["requesting_body", "legal_document_reference", "member__member_name"]
    readonly_fields = ["status", "decided_by", "decided_at", "fulfilled_at"]

    def has_delete_permission(self, request: HttpRequest, obj: AuthorityRequest | None = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: AuthorityRequest | None = None) -> list[str]:
        if obj is not None and obj.status != AuthorityRequest.Status.RECEIVED:
            return [
                *self.readonly_fields,
                "member",
                "requesting_body",
                "legal_document_reference",
                "categories",
                "decision_note",
            ]
        return list(self.readonly_fields)

    def save_model(self, request: HttpRequest, obj: AuthorityRequest, form: Any, change: bool) -> None:
        decision = form.cleaned_data.get("decision")
        note = obj.decision_note
        if decision:
            obj.decision_note = ""  # written by the service with the decision
        super().save_model(request, obj, form, change)
        if decision:
            sharing.decide_authority_request(
                obj, officer=staff_member(request), approve=decision == "approve", note=note
            )
            obj.refresh_from_db()


@admin.register(ResearchApproval)
class ResearchApprovalAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    """SHR-10: the approval a research export needs; the export command names it."""

    list_display = [
        "project",
        "partner",
        "dataset",
        "approved_by",
        "approved_on",
        "expires_on",
        "exports",
        "last_exported_at",
    ]
    list_select_related = ["partner", "approved_by"]
    fields = ["partner", "project", "dataset", "approved_on", "expires_on"]
    readonly_fields = ["exports", "last_exported_at"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "partner":
            kwargs["queryset"] = Partner.objects.filter(kind=Partner.Kind.RESEARCH)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: ResearchApproval | None = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: ResearchApproval, form: Any, change: bool) -> None:
        obj.approved_by = staff_member(request)
        super().save_model(request, obj, form, change)


@admin.register(ThirdPartyScript)
class ThirdPartyScriptAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    """SHR-11: partners' scripts and SDKs; approval checks the security review (pages allow only approved origins)."""

    list_display = ["code", "partner", "src", "review_reference", "reviewed_on", "is_approved"]
    list_select_related = ["partner"]
    fields = ["code", "partner", "src", "purpose", "review_reference", "reviewed_on", "is_approved"]
    readonly_fields = ["is_approved"]
    actions = ["approve", "withdraw"]

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "src":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.action(description=_("Approve the selected scripts"), permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[ThirdPartyScript]) -> None:
        scripts = queryset.select_related("partner").filter(is_approved=False)
        apply_service(self, request, scripts, third_party.approve_script, _("Approved %(name)s."))

    @admin.action(description=_("Withdraw the approval (pages stop loading them)"), permissions=["change"])
    def withdraw(self, request: HttpRequest, queryset: QuerySet[ThirdPartyScript]) -> None:
        for script in queryset:
            third_party.withdraw_script(script)
        self.message_user(request, _("Withdrawn."), messages.SUCCESS)
