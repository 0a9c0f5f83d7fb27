"""Customer-service admin (section II(IV)): the ticket queue with its conversation, calls and evidence inline, the
identity check before anything about the account is shown or done (CS-01), account actions (CS-06), the FAQ of the
automated assistant (CS-04), the quality report (CS-03) and the training exports (CS-05). Every change goes through
support.services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from privacy.admin_base import ReadOnlyAdmin, ReadOnlyInline, staff_member
from privacy.masking import mask
from support import selectors, services, tasks, training
from support.models import (
    Attachment,
    CallRecord,
    FaqEntry,
    IdentityCheck,
    SatisfactionSurvey,
    Ticket,
    TicketAction,
    TicketMessage,
    TrainingExport,
)
from support.views import attachment_response

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse
    from django.urls import URLPattern


class AnswerForm(forms.Form):
    body = forms.CharField(label=_("Answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))


class IdentityCheckForm(forms.Form):
    method = forms.ChoiceField(label=_("How was the identity confirmed?"), choices=IdentityCheck.Method.choices)


class CallRecordForm(forms.Form):
    direction = forms.ChoiceField(label=_("Direction"), choices=CallRecord.Direction.choices)
    started_at = forms.DateTimeField(label=_("Started at"), help_text=_("For example 2026-11-30 14:05"))
    duration_seconds = forms.IntegerField(label=_("Duration in seconds"), min_value=0, max_value=86_400)
    summary = forms.CharField(label=_("Summary"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class TicketMessageInline(ReadOnlyInline):
    model = TicketMessage
    fields = ["sent_at", "author_role", "staff", "body", "attachment_links"]
    readonly_fields = fields  # type: ignore[assignment]  # a flat list; the stubs widen `fields` to field groups

    @admin.display(description=_("attachments"))
    def attachment_links(self, obj: TicketMessage) -> str:
        return format_html_join(
            " ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:support_ticket_attachment", args=[obj.ticket_id, a.pk]), a.file_name)
                for a in obj.attachments.all()
            ),
        )

    def get_queryset(self, request: HttpRequest) -> Any:
        return (
            super()
            .get_queryset(request)
            .select_related("staff")
            .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.defer("content")))
        )


class CallRecordInline(ReadOnlyInline):
    model = CallRecord
    fields = ["started_at", "direction", "duration_seconds", "staff", "summary"]
    readonly_fields = fields  # type: ignore[assignment]  # a flat list; the stubs widen `fields` to field groups


class IdentityCheckInline(ReadOnlyInline):
    model = IdentityCheck
    fields = ["method", "staff", "checked_at"]
    readonly_fields = fields  # type: ignore[assignment]  # a flat list; the stubs widen `fields` to field groups


class TicketActionInline(ReadOnlyInline):
    model = TicketAction
    fields = ["occurred_at", "kind", "staff"]
    readonly_fields = fields  # type: ignore[assignment]  # a flat list; the stubs widen `fields` to field groups


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ["id", "subject", "kind", "status", "is_verified", "created_at", "last_message_at"]
    list_filter = ["status", "kind", "created_at"]
    search_fields = ["=id", "subject"]
    ordering = ["status", "-last_message_at"]
    fields = ["kind", "subject", "status", "created_at", "closed_at", "order_number", "account"]
    readonly_fields = fields  # type: ignore[assignment]  # a flat list; the stubs widen `fields` to field groups
    inlines = [IdentityCheckInline, TicketMessageInline, CallRecordInline, TicketActionInline]
    change_form_template = "admin/support/ticket/change_form.html"

    def get_queryset(self, request: HttpRequest) -> Any:
        checked = IdentityCheck.objects.filter(ticket=OuterRef("pk"))
        return super().get_queryset(request).select_related("order", "member").annotate(verified=Exists(checked))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("identity confirmed"), boolean=True, ordering="verified")
    def is_verified(self, obj: Ticket) -> bool:
        return bool(getattr(obj, "verified", False))

    @admin.display(description=_("order"))
    def order_number(self, obj: Ticket) -> str:
        return obj.order.number if obj.order else "—"

    @admin.display(description=_("account"))
    def account(self, obj: Ticket) -> str:
        # CS-01: nothing about the account is shown until the member's identity is confirmed on this ticket.
        if not getattr(obj, "verified", False):
            return str(_("Confirm the member's identity on this ticket to see the account."))
        member = obj.member
        return format_html(
            '{} · {} · {} · <a href="{}">{}</a>',
            mask(member.member_name),
            mask(member.phone or ""),
            _("active") if member.is_active else _("inactive or frozen"),
            reverse("admin:members_member_change", args=[member.pk]),
            _("member record"),
        )

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        ticket = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if ticket is not None:
            extra.update(
                answer_form=AnswerForm(),
                identity_form=IdentityCheckForm(),
                call_form=CallRecordForm(),
                account_actions=TicketAction.Kind.choices,
                ticket_is_verified=getattr(ticket, "verified", False),
                can_act=self.has_change_permission(request, ticket),
            )
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/act/<slug:step>/", wrap(self.ticket_step), name="support_ticket_step"),
            path(
                "<int:pk>/attachments/<int:attachment_pk>/",
                wrap(self.attachment_view),
                name="support_ticket_attachment",
            ),
            *super().get_urls(),
        ]

    def attachment_view(self, request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return attachment_response(get_object_or_404(Attachment, pk=attachment_pk, message__ticket_id=pk))

    def ticket_step(self, request: HttpRequest, pk: int, step: str) -> HttpResponse:
        return require_POST(self._ticket_step)(request, pk, step)

    def _ticket_step(self, request: HttpRequest, pk: int, step: str) -> HttpResponse:
        ticket = get_object_or_404(Ticket.objects.select_related("member"), pk=pk)
        if not self.has_change_permission(request, ticket):
            raise PermissionDenied
        staff = staff_member(request)
        try:
            if step == "answer":
                answer = AnswerForm(request.POST)
                self._require(answer)
                services.answer_ticket(ticket=ticket, staff=staff, body=answer.cleaned_data["body"])
            elif step == "verify":
                identity = IdentityCheckForm(request.POST)
                self._require(identity)
                services.record_identity_check(ticket=ticket, staff=staff, method=identity.cleaned_data["method"])
            elif step == "call":
                call = CallRecordForm(request.POST)
                self._require(call)
                services.record_call(ticket=ticket, staff=staff, **call.cleaned_data)
            elif step == "start":
                services.start_work(ticket=ticket, staff=staff)
            elif step == "close":
                services.close_ticket(ticket=ticket, staff=staff)
            elif step in TicketAction.Kind.values:
                services.act_on_account(ticket=ticket, staff=staff, kind=step)
            else:
                raise Http404
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Done."))
        return redirect("admin:support_ticket_change", pk)

    @staticmethod
    def _require(form: forms.Form) -> None:
        if not form.is_valid():
            raise ValidationError(
                [
                    f"{form.fields[name].label}: {' '.join(str(e) for e in errors)}"
                    for name, errors in form.errors.items()
                ]
            )


@admin.register(TicketAction)
class TicketActionAdmin(ReadOnlyAdmin):
    """The audit log of account actions taken from tickets (CS-06)."""

    list_display = ["occurred_at", "kind", "ticket", "staff"]
    list_filter = ["kind", "occurred_at"]
    list_select_related = ["ticket", "staff"]
    search_fields = ["=ticket__id"]


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ["question", "keywords", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["question", "keywords"]


@admin.register(SatisfactionSurvey)
class SatisfactionSurveyAdmin(ReadOnlyAdmin):
    """CS-03: the quality report. Staff see aggregated scores only, never one member's answers."""

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Customer-service quality report"),
            "opts": self.model._meta,
            "report": selectors.quality_report(),
        }
        return TemplateResponse(request, "admin/support/quality_report.html", context)

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None) -> Any:
        raise Http404


@admin.register(TrainingExport)
class TrainingExportAdmin(ReadOnlyAdmin):
    """Runs of the de-identified training export (CS-05); a new run is started from the list."""

    list_display = ["started_at", "status", "ticket_count", "message_count", "replaced_count", "finished_at"]
    change_list_template = "admin/support/trainingexport/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        return [
            path("run/", self.admin_site.admin_view(self.run_view), name="support_trainingexport_run"),
            *super().get_urls(),
        ]

    def run_view(self, request: HttpRequest) -> HttpResponse:
        return require_POST(self._run)(request)

    def _run(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("support.add_trainingexport"):
            raise PermissionDenied
        export = training.start_export()
        transaction.on_commit(lambda: tasks.export_training_set.delay(export.pk))
        messages.success(request, _("The export is running; refresh this page to see when it is done."))
        return redirect("admin:support_trainingexport_changelist")
