"""Admin for the retention and erasure engine: run records (read-only), legal holds, tombstones, ceased services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import ModelAdmin
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from privacy.admin import AuthorityRequestAdmin, ConsentEventAdmin
from privacy.admin_base import ReadOnlyAdmin, ReadOnlyInline, staff_member
from privacy.models import AuthorityRequest, ConsentEvent, Disclosure
from privacy.sharing import SharingRefused
from rights.erasure import lift_hold
from rights.forms import StaffConsentChangeForm
from rights.models import (
    CeasedService,
    ErasureRun,
    ErasureStep,
    LegalHold,
    RetentionChunk,
    RetentionRun,
    RunStatus,
    Tombstone,
    TransferNotice,
)
from rights.resumption import Resumed, resume_chosen
from rights.selectors import erasure_run_is_stalled, retention_run_is_stalled, stalled_cutoff
from rights.staff_actions import change_consent_for_member
from rights.transfers import TRANSFER_BASIS, authority_file, provide_to_authority, publish_transfer_notice


class RetentionChunkInline(ReadOnlyInline):
    model = RetentionChunk
    fields = [
        "first_id",
        "last_id",
        "status",
        "attempts",
        "worker",
        "rows_examined",
        "rows_changed",
        "batches",
        "progress_at",
        "error",
    ]
    readonly_fields = fields  # type: ignore[assignment]  # a flat list; the stubs widen `fields` to field groups


class StalledFilter(admin.SimpleListFilter):
    title = _("progress")
    parameter_name = "stalled"

    def lookups(self, request: HttpRequest, model_admin: ModelAdmin[Any]) -> list[tuple[str, str]]:
        return [("yes", gettext("Stalled"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(is_stalled=True) if self.value() == "yes" else queryset


class StalledRunsAdmin(ReadOnlyAdmin):
    """Run lists that mark stalled runs (no progress past RIGHTS_STALLED_AFTER) and resume them on request.

    Each subclass says what stalled means for its runs and which service call resumes the chosen ones.
    """

    stalled_condition: Callable[[datetime], Q]
    resume: Callable[[QuerySet[Any], str], Resumed]
    actions = ["resume_now"]

    class Media:
        css = {"all": ["css/admin_runs.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        stalled = ExpressionWrapper(self.stalled_condition(stalled_cutoff()), output_field=BooleanField())
        runs: QuerySet[Any] = super().get_queryset(request)
        marked: QuerySet[Any] = runs.annotate(is_stalled=stalled)
        return marked

    @admin.display(description=_("progress"))
    def stalled(self, obj: Any) -> str:
        if not obj.is_stalled:
            return ""
        minutes = max(1, settings.RIGHTS_STALLED_AFTER // 60)
        text = ngettext(
            "Stalled: no progress for more than %(minutes)d minute",
            "Stalled: no progress for more than %(minutes)d minutes",
            minutes,
        ) % {"minutes": minutes}
        return format_html('<strong class="run-stalled">{}</strong>', text)

    @admin.action(description=_("Resume now: send the stalled work of the selected runs again"))
    def resume_now(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        done = self.resume(queryset, f"staff member #{request.user.pk} in admin")
        self.message_user(
            request,
            gettext(
                "Sent again: %(runs)d run(s), %(chunks)d chunk(s); closed: %(closed)d. "
                "Runs that are not stalled, or that a live worker holds, were left alone."
            )
            % {"runs": done.retention_runs + done.erasure_runs, "chunks": done.chunks, "closed": done.closed_runs},
        )


@admin.register(RetentionRun)
class RetentionRunAdmin(StalledRunsAdmin):
    list_display = [
        "rule",
        "action",
        "status",
        "stalled",
        "started_at",
        "finished_at",
        "rows_examined",
        "rows_changed",
        "batches",
        "interruptions",
    ]
    list_filter = [StalledFilter, "rule", "status"]
    date_hierarchy = "started_at"
    inlines = [RetentionChunkInline]

    def stalled_condition(self, cutoff: datetime) -> Q:
        return retention_run_is_stalled(cutoff)

    def resume(self, queryset: QuerySet[Any], by: str) -> Resumed:
        return resume_chosen(retention_run_ids=list(queryset.values_list("pk", flat=True)), by=by)


class ErasureStepInline(ReadOnlyInline):
    model = ErasureStep
    fields = [
        "position",
        "model_label",
        "status",
        "attempts",
        "rows_deleted",
        "rows_anonymized",
        "rows_kept",
        "kept_until",
        "kept_basis",
        "error",
    ]
    readonly_fields = fields  # type: ignore[assignment]  # a flat list; the stubs widen `fields` to field groups


@admin.register(ErasureRun)
class ErasureRunAdmin(StalledRunsAdmin):
    list_display = ["pk", "member_id", "reason", "status", "stalled", "created_at", "finished_at"]
    list_filter = [StalledFilter, "status"]
    search_fields = ["=member__pk"]
    fields = [
        "member_id",
        "reason",
        "status",
        "attempts",
        "created_at",
        "started_at",
        "progress_at",
        "resumed_at",
        "finished_at",
        "error",
        "events",
        "receipt_view",
    ]
    readonly_fields = fields  # type: ignore[assignment]  # a flat list; the stubs widen `fields` to field groups
    inlines = [ErasureStepInline]
    actions = ["resume_now", "retry"]

    def stalled_condition(self, cutoff: datetime) -> Q:
        return erasure_run_is_stalled(cutoff, max_attempts=settings.RIGHTS_RESUME_MAX_ATTEMPTS)

    def resume(self, queryset: QuerySet[Any], by: str) -> Resumed:
        return resume_chosen(erasure_run_ids=list(queryset.values_list("pk", flat=True)), by=by)

    @admin.display(description=_("receipt"))
    def receipt_view(self, obj: ErasureRun) -> str:
        return render_to_string("rights/erasure_receipt.html", {"run": obj}) if obj.receipt else "—"

    @admin.action(description=_("Retry failed erasures from the failed step"))
    def retry(self, request: HttpRequest, queryset: QuerySet[ErasureRun]) -> None:
        from rights.tasks import erase_member

        runs = list(queryset.filter(status=RunStatus.FAILED).values_list("pk", flat=True))
        for pk in runs:
            erase_member.delay(pk)
        self.message_user(
            request,
            ngettext("%(count)d erasure queued again.", "%(count)d erasures queued again.", len(runs))
            % {"count": len(runs)},
        )


@admin.register(LegalHold)
class LegalHoldAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    list_display = ["__str__", "set_by", "set_at", "lifted_by", "lifted_at"]
    list_filter = ["target_label"]
    list_select_related = ["member", "set_by", "lifted_by"]
    raw_id_fields = ["member"]
    fields = ["member", "target_label", "target_id", "reason"]
    actions = ["lift"]

    def get_readonly_fields(self, request: HttpRequest, obj: LegalHold | None = None) -> list[str]:
        # A hold is evidence of why data was kept: once set it is only lifted, never edited.
        return list(self.fields or []) if obj is not None else []  # type: ignore[arg-type]  # a flat list here

    def has_delete_permission(self, request: HttpRequest, obj: LegalHold | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: LegalHold, form: Any, change: bool) -> None:
        if not change:
            obj.set_by = staff_member(request)
            super().save_model(request, obj, form, change)

    @admin.action(description=_("Lift the selected holds"))
    def lift(self, request: HttpRequest, queryset: QuerySet[LegalHold]) -> None:
        holds = list(queryset.filter(lifted_at__isnull=True))
        for hold in holds:
            lift_hold(hold, by=staff_member(request))
        self.message_user(
            request, ngettext("%(count)d hold lifted.", "%(count)d holds lifted.", len(holds)) % {"count": len(holds)}
        )


@admin.register(Tombstone)
class TombstoneAdmin(ReadOnlyAdmin):
    list_display = ["member_id", "erased_at"]
    search_fields = ["=member_id"]


@admin.register(CeasedService)
class CeasedServiceAdmin(ReadOnlyAdmin):
    list_display = ["name", "ceased_at", "rows_deleted", "rows_anonymized", "rows_kept"]


class ConsentChangeAdmin(ConsentEventAdmin):
    """The consent ledger, where customer service may add a change on the member's behalf under a verified rights
    request; the audit row names the staff member, the request and the reason (RGT-09)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("privacy.add_consentevent")

    def get_form(
        self, request: HttpRequest, obj: ConsentEvent | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = StaffConsentChangeForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: ConsentEvent | None = None) -> Any:
        if obj is None:
            return [*StaffConsentChangeForm.Meta.fields, "rights_request", "reason"]
        return super().get_fields(request, obj)

    def save_model(self, request: HttpRequest, obj: ConsentEvent, form: Any, change: bool) -> None:
        event = change_consent_for_member(
            request=form.cleaned_data["rights_request"],
            staff=staff_member(request),
            purpose=obj.purpose,
            is_granted=obj.is_granted,
            scope=obj.scope,
            reason=form.cleaned_data["reason"],
        )
        obj.pk = event.pk


# The kernel shows the ledger read-only; changing a consent for a member is a rights action.
admin.site.unregister(ConsentEvent)
admin.site.register(ConsentEvent, ConsentChangeAdmin)


@admin.register(TransferNotice)
class TransferNoticeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    """SHR-12: the officer enters the recipient after a merger, division, dissolution or bankruptcy, then publishes:
    every active member is told its name and contact, and a material policy version is drafted."""

    list_display = ["created_at", "recipient_name", "recipient_contact", "published_at", "members_notified"]
    fields = ["recipient_name", "recipient_contact", "note", "published_at", "members_notified"]
    readonly_fields = ["published_at", "members_notified"]
    actions = ["publish"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[TransferNotice]:
        return super().get_queryset(request).filter(kind=Disclosure.Kind.TRANSFER)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        for name in ("recipient_name", "recipient_contact"):
            if name in form.base_fields:
                form.base_fields[name].required = True
        if "note" in form.base_fields:
            form.base_fields["note"].label = _("Reason (merger, division, dissolution or bankruptcy)")
        return form

    def has_change_permission(self, request: HttpRequest, obj: TransferNotice | None = None) -> bool:
        return (obj is None or obj.published_at is None) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: TransferNotice | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: TransferNotice, form: Any, change: bool) -> None:
        obj.kind = Disclosure.Kind.TRANSFER
        obj.legal_basis = TRANSFER_BASIS
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish and notify every member"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[TransferNotice]) -> None:
        for notice in queryset.filter(published_at__isnull=True):
            told = publish_transfer_notice(notice)
            self.message_user(
                request,
                gettext("%(name)s: %(count)d members notified; a material policy version was drafted.")
                % {"name": notice.recipient_name, "count": told},
            )


class AuthorityRequestWithExportAdmin(AuthorityRequestAdmin):
    """SHR-17: the officer provides an approved request's data; refused for any other request."""

    actions = ["provide"]

    @admin.action(description=_("Provide the data of the approved requests"), permissions=["change"])
    def provide(self, request: HttpRequest, queryset: QuerySet[AuthorityRequest]) -> None:
        for authority_request in queryset:
            try:
                shared = provide_to_authority(authority_request)
            except SharingRefused as error:
                self.message_user(request, f"{authority_request}: {error.messages[0]}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("%(request)s: %(categories)s written to %(path)s for the authority.")
                    % {
                        "request": authority_request,
                        "categories": ", ".join(shared.record.categories) or "—",
                        "path": authority_file(authority_request),
                    },
                )


# Providing the data uses the member's copy, which rights builds from the registry.
admin.site.unregister(AuthorityRequest)
admin.site.register(AuthorityRequest, AuthorityRequestWithExportAdmin)
