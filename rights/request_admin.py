"""The staff queue of rights requests (RGT-15 to RGT-19): customer service's queue and the working group's, sorted
by due date, with one page of workflow actions that call rights.requests and rights.staff_actions."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from csp.decorators import csp_update
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from members.models import Member
from privacy.admin_base import ReadOnlyInline, staff_member
from privacy.purposes import Purpose
from rights import metrics, staff_actions
from rights import requests as services
from rights.models import (
    CLOSED_STATUSES,
    DeletionNotice,
    Queue,
    RefusalReason,
    RequestEvent,
    RequestEvidence,
    RightsRequest,
    StaffAction,
    VerificationMethod,
    WorkingGroupRequest,
)
from rights.selectors import working_group_staff
from rights.staff_actions import CORRECTABLE_FIELDS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class TimelineInline(ReadOnlyInline):
    model = RequestEvent
    fields = ["occurred_at", "actor", "staff", "kind", "from_status", "to_status", "body"]
    readonly_fields = fields  # type: ignore[assignment]  # a flat list; the stubs widen `fields` to field groups


class DeletionNoticeInline(ReadOnlyInline):
    model = DeletionNotice
    fields = ["partner", "status", "attempts", "last_error", "sent_at", "confirmed_at"]
    readonly_fields = fields  # type: ignore[assignment]  # a flat list; the stubs widen `fields` to field groups


class StaffActionInline(ReadOnlyInline):
    model = StaffAction
    fields = ["occurred_at", "staff", "kind", "changed", "reason"]
    readonly_fields = fields  # type: ignore[assignment]  # a flat list; the stubs widen `fields` to field groups


class EvidenceInline(ReadOnlyInline):
    """Proof documents: listed only for staff with the evidence permission."""

    model = RequestEvidence
    fields = ["uploaded_at", "content_type", "size", "download"]
    readonly_fields = fields  # type: ignore[assignment]  # a flat list; the stubs widen `fields` to field groups

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("rights.view_request_evidence")

    @admin.display(description=_("file"))
    def download(self, obj: RequestEvidence) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:rights_request_evidence", args=[obj.pk]), obj.file_name
        )


class DueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "due"

    def lookups(self, request: HttpRequest, model_admin: ModelAdmin[Any]) -> list[tuple[str, StrOrPromise]]:
        return [("overdue", _("Overdue")), ("soon", _("Due within 3 days")), ("paused", _("Waiting for the member"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[RightsRequest]) -> QuerySet[RightsRequest]:
        now = timezone.now()
        running = queryset.exclude(status__in=CLOSED_STATUSES).filter(paused_at__isnull=True)
        if self.value() == "overdue":
            return running.filter(due_at__lt=now)
        if self.value() == "soon":
            return running.filter(due_at__gte=now, due_at__lt=now + timedelta(days=settings.RIGHTS_REQUEST_WARN_DAYS))
        if self.value() == "paused":
            return queryset.filter(status="waiting")
        return queryset


class ActionForm(forms.Form):
    ACTIONS = [
        ("verify", _("Record identity verification")),
        ("start", _("Start processing")),
        ("ask", _("Ask the member for something (pauses the clock)")),
        ("resume", _("Resume (the member answered elsewhere)")),
        ("message", _("Send the member a message")),
        ("note", _("Add an internal note")),
        ("fulfil", _("Fulfil, with the answer")),
        ("refuse", _("Refuse, with a reason code and explanation")),
        ("out_of_scope", _("Close as out of scope")),
        ("assign", _("Assign to a staff member")),
        ("flag_repeat", _("Flag as an unreasonable repeat")),
        ("fee", _("Set a fee (unreasonable repeats only)")),
        ("correct", _("Correct the member's data")),
        ("consent", _("Change a permission for the member")),
        ("close", _("File the closure of the member's account")),
    ]
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    text = forms.CharField(label=_("Message, answer, explanation or reason"), widget=forms.Textarea, required=False)
    verification_method = forms.ChoiceField(
        label=_("Verification method"), choices=[("", "—"), *VerificationMethod.choices], required=False
    )
    refusal_reason = forms.ChoiceField(
        label=_("Refusal reason"), choices=[("", "—"), *RefusalReason.choices], required=False
    )
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), queryset=Member.objects.filter(is_staff=True, is_active=True), required=False
    )
    fee = forms.DecimalField(label=_("Fee"), min_value=0, max_digits=8, decimal_places=2, required=False)
    field = forms.ChoiceField(
        label=_("Field to correct"), choices=[("", "—"), *[(f, f) for f in CORRECTABLE_FIELDS]], required=False
    )
    value = forms.CharField(label=_("Corrected value"), max_length=200, required=False)
    purpose = forms.ChoiceField(label=_("Permission"), choices=[("", "—"), *Purpose.choices], required=False)
    is_granted = forms.BooleanField(label=_("Grant (unticked: withdraw)"), required=False)


def run_action(request_obj: RightsRequest, staff: Member, data: dict[str, Any]) -> None:
    """Dispatch one workflow action to its service; every rule lives in the service."""
    action, text = data["action"], data.get("text") or ""
    if action == "verify":
        services.verify_identity(request=request_obj, staff=staff, method=data.get("verification_method") or "")
    elif action == "start":
        services.start_processing(request=request_obj, staff=staff)
    elif action == "ask":
        services.ask_member(request=request_obj, staff=staff, message=text)
    elif action == "resume":
        services.resume(request=request_obj, staff=staff)
    elif action in ("message", "note"):
        services.add_staff_message(request=request_obj, staff=staff, message=text, to_member=action == "message")
    elif action == "fulfil":
        services.fulfil(request=request_obj, staff=staff, answer=text)
    elif action == "refuse":
        services.refuse(request=request_obj, staff=staff, reason=data.get("refusal_reason") or "", explanation=text)
    elif action == "out_of_scope":
        services.close_out_of_scope(request=request_obj, staff=staff, explanation=text)
    elif action == "assign":
        if data.get("assignee") is None:
            raise ValidationError({"assignee": _("Choose a staff member.")})
        services.assign(request=request_obj, staff=staff, assignee=data["assignee"])
    elif action == "flag_repeat":
        services.flag_unreasonable_repeat(request=request_obj, staff=staff, reason=text)
    elif action == "fee":
        services.charge_fee(request=request_obj, staff=staff, fee=data.get("fee") or Decimal(0), justification=text)
    elif action == "correct":
        if not data.get("field"):
            raise ValidationError({"field": _("Choose the field to correct.")})
        staff_actions.correct_for_member(
            request=request_obj, staff=staff, values={data["field"]: data.get("value") or ""}, reason=text
        )
    elif action == "consent":
        staff_actions.change_consent_for_member(
            request=request_obj,
            staff=staff,
            purpose=data.get("purpose") or "",
            is_granted=bool(data.get("is_granted")),
            reason=text,
        )
    elif action == "close":
        staff_actions.close_for_member(request=request_obj, staff=staff, reason=text)


class RightsRequestAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    """Customer service's queue: due date = received + 15 days (RGT-16), sorted by due date."""

    queue = Queue.CUSTOMER_SERVICE
    list_display = ["pk", "type", "status", "member", "requester_type", "assignee", "received_at", "due"]
    list_filter = [DueFilter, "type", "status", ("assignee", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["member", "assignee"]
    search_fields = ["=pk", "member__member_name"]
    ordering = ["due_at", "pk"]
    fields = [
        "type",
        "queue",
        "status",
        "member",
        "requester_type",
        "requester_name",
        "category",
        "details",
        "deletion_ground",
        "decision_id",
        "received_at",
        "due_at",
        "paused_at",
        "verification_method",
        "verified_at",
        "assignee",
        "refusal_reason",
        "answer",
        "is_unreasonable_repeat",
        "fee",
        "fee_justification",
        "duplicate_of",
        "closed_at",
        "act_link",
    ]
    readonly_fields = fields  # type: ignore[assignment]  # a flat list; the stubs widen `fields` to field groups
    inlines = [TimelineInline, EvidenceInline, StaffActionInline, DeletionNoticeInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[RightsRequest]:
        return super().get_queryset(request).filter(queue=self.queue)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: RightsRequest | None = None) -> bool:
        return False

    @admin.display(description=_("due"), ordering="due_at")
    def due(self, obj: RightsRequest) -> str | date:
        if not obj.is_open:
            return "—"
        if obj.paused_at:
            return format_html('<span class="due-paused">{}</span>', _("paused"))
        now = timezone.now()
        if obj.due_at < now:
            return format_html(
                '<strong class="due-overdue" style="color:#b00">{} {}</strong>', obj.due_at.date(), _("overdue")
            )
        if obj.due_at < now + timedelta(days=settings.RIGHTS_REQUEST_WARN_DAYS):
            return format_html('<strong class="due-soon" style="color:#a60">{}</strong>', obj.due_at.date())
        return obj.due_at.date()

    @admin.display(description=_("workflow"))
    def act_link(self, obj: RightsRequest) -> str:
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_act", args=[obj.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Act on this request"))

    def get_urls(self) -> list[URLPattern]:
        info = self.opts.app_label, self.opts.model_name
        urls = [
            path("<int:pk>/act/", self.admin_site.admin_view(self.act_view), name=f"{info[0]}_{info[1]}_act"),
        ]
        if self.opts.model is RightsRequest:
            urls += [
                path("evidence/<int:pk>/", self.admin_site.admin_view(evidence_view), name="rights_request_evidence"),
                path("dashboard/", self.admin_site.admin_view(self.dashboard_view), name="rights_dashboard"),
                path(
                    "dashboard/<slug:chart>.svg",
                    self.admin_site.admin_view(dashboard_chart),
                    name="rights_dashboard_chart",
                ),
            ]
        return urls + super().get_urls()

    def act_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        form = ActionForm(request.POST or None)
        if obj.queue == Queue.WORKING_GROUP:
            form.fields["assignee"].queryset = working_group_staff()  # type: ignore[attr-defined]  # a ModelChoiceField
        if request.method == "POST" and form.is_valid():
            try:
                run_action(obj, staff_member(request), form.cleaned_data)
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
            else:
                self.message_user(request, _("Done."), messages.SUCCESS)
                return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "form": form,
            "title": _("Act on request #%(pk)s") % {"pk": obj.pk},
        }
        return TemplateResponse(
            request, "admin/rights/act.html", context, status=400 if request.method == "POST" else 200
        )

    def dashboard_view(self, request: HttpRequest) -> HttpResponse:
        """The privacy officer's dashboard: open requests by type and age, overdue, median days to close."""
        if not request.user.has_perm("rights.view_rights_dashboard"):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Rights requests: dashboard"),
            "overdue": metrics.overdue_count(),
            "median_90": metrics.median_days_to_close(days=90),
            "open_table": metrics.open_by_type_and_age(),
            "charts": list(metrics.CHARTS),
        }
        return TemplateResponse(request, "admin/rights/dashboard.html", context)


@csp_update({"style-src": ["'unsafe-inline'"]})  # type: ignore[arg-type]  # django-csp types a view as taking the request alone
def dashboard_chart(request: HttpRequest, chart: str) -> HttpResponse:
    """One chart as an SVG file; its own styles are inline, and an SVG shown as an image runs no script."""
    if not request.user.has_perm("rights.view_rights_dashboard"):
        raise PermissionDenied
    draw = metrics.CHARTS.get(chart)
    if draw is None:
        raise Http404
    return HttpResponse(draw(), content_type="image/svg+xml")


def evidence_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff with the evidence permission open a proof document; its bytes are served as an attachment."""
    if not request.user.has_perm("rights.view_request_evidence"):
        raise PermissionDenied
    evidence = RequestEvidence.objects.filter(pk=pk).first()
    if evidence is None:
        raise Http404
    response = HttpResponse(bytes(evidence.content), content_type=evidence.content_type)
    response["Content-Disposition"] = f'attachment; filename="{evidence.file_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


class WorkingGroupRequestAdmin(RightsRequestAdmin):
    """RGT-15, MIN-03: complaints and children's data, seen only by the working group."""

    queue = Queue.WORKING_GROUP


admin.site.register(RightsRequest, RightsRequestAdmin)
admin.site.register(WorkingGroupRequest, WorkingGroupRequestAdmin)
