"""Admin masking driven by the privacy registry.

Staff see every registered personal field of a record masked, in lists and on
the change page. Seeing the real values takes the permission
`members.view_personal_data`, a stated reason, and writes a StaffAccessLog row
naming who saw which fields of whom (VER-06).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from privacy.access_log import VIEW_PERSONAL_DATA, log_staff_access
from privacy.masking import mask
from privacy.registry import registry

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member
    from django.db.models import Model
    from django.http import HttpRequest, HttpResponse
    from django.urls import URLPattern
    from django.utils.safestring import SafeString
    from django_stubs_ext import StrOrPromise

    # The mixins are mixed into ModelAdmin; mypy checks them as one (the stubs' generic is Any here).
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = object

MASKED_PREFIX = "masked_"


class RevealForm(forms.Form):
    fields_to_reveal = forms.MultipleChoiceField(label=_("Fields"), widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(
        label=_("Reason"), max_length=300, help_text=_("For example the ticket or request you are working on.")
    )

    def __init__(self, *args: Any, choices: list[tuple[str, StrOrPromise]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.MultipleChoiceField", self.fields["fields_to_reveal"]).choices = choices


class RevealAdminMixin(_ModelAdmin):
    """A "reveal" page for a record's personal values: permission, a stated reason, a StaffAccessLog row (VER-06).

    By default it offers the registered personal fields; an admin with other values to show (an
    ID number kept sealed, say) overrides `reveal_choices` and `revealed_values`.
    """

    reveal_permission = VIEW_PERSONAL_DATA
    reveal_link_text = _("Reveal personal data (logged)")

    if TYPE_CHECKING:
        # PersonalDataAdminMixin's; an admin without it overrides `reveal_choices`.
        def personal_fields(self) -> list[str]: ...

    def reveal_choices(self, obj: Any) -> list[tuple[str, StrOrPromise]]:
        return [(name, self.model._meta.get_field(name).verbose_name) for name in self.personal_fields()]

    def revealed_values(self, request: HttpRequest, obj: Any, names: list[str]) -> list[tuple[StrOrPromise, object]]:
        return [(self.model._meta.get_field(n).verbose_name, getattr(obj, n)) for n in names]

    def reveal_title(self, obj: Any) -> str:
        return _("Reveal personal data of %(object)s") % {"object": obj}

    @admin.display(description=_("Full values"))
    def reveal_link(self, obj: Any) -> SafeString:
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_reveal", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, self.reveal_link_text)

    def get_urls(self) -> list[URLPattern]:
        opts = self.model._meta
        reveal = path(
            "<path:object_id>/reveal/",
            self.admin_site.admin_view(self.reveal_view),
            name=f"{opts.app_label}_{opts.model_name}_reveal",
        )
        return [reveal, *super().get_urls()]

    def reveal_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        if not request.user.has_perm(self.reveal_permission):
            raise PermissionDenied
        form = RevealForm(request.POST or None, choices=self.reveal_choices(obj))
        revealed = None
        if request.method == "POST" and form.is_valid():
            member = subject_of(obj)
            if member is None:
                messages.error(
                    request, _("This record no longer belongs to a member: nothing personal is left to reveal.")
                )
            else:
                names = form.cleaned_data["fields_to_reveal"]
                staff = cast("_User", request.user)  # admin_view lets only signed-in staff through
                try:
                    log_staff_access(
                        staff=staff, member=member, record=obj, fields=names, reason=form.cleaned_data["reason"]
                    )
                except ValidationError as exc:
                    form.add_error("reason", exc)
                else:
                    revealed = self.revealed_values(request, obj, names)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "form": form,
            "revealed": revealed,
            "title": self.reveal_title(obj),
        }
        return TemplateResponse(request, "admin/privacy/reveal.html", context)


class PersonalDataAdminMixin(RevealAdminMixin):
    """Mask the model's registered personal fields; reveal them only with permission, a reason and a log entry."""

    # Registered fields shown as they are (for example a password hash, which reveals nothing).
    unmasked_fields: tuple[str, ...] = ()

    # -- which fields ------------------------------------------------------
    def personal_fields(self) -> list[str]:
        registration = registry.get(self.model)
        if registration is None:
            return []
        return [name for name in registration.fields if name not in self.unmasked_fields]

    def _swap(self, names: Sequence[Any]) -> list[Any]:
        personal = set(self.personal_fields())
        return [f"{MASKED_PREFIX}{name}" if name in personal else name for name in names]

    def __getattr__(self, name: str) -> Callable[[Any], str]:
        # masked_<field>: a read-only column/field showing the masked value.
        if name.startswith(MASKED_PREFIX):
            field_name = name[len(MASKED_PREFIX) :]
            if field_name in self.personal_fields():
                return self._masked_display(field_name)
        raise AttributeError(name)

    def _masked_display(self, field_name: str) -> Callable[[Any], str]:
        verbose_name = self.model._meta.get_field(field_name).verbose_name

        @admin.display(description=verbose_name)
        def display(obj: Any) -> str:
            return mask(getattr(obj, field_name))

        return display

    # -- list and change pages ---------------------------------------------------
    def get_list_display(self, request: HttpRequest) -> list[Any]:
        return self._swap(super().get_list_display(request))

    def get_fieldsets(self, request: HttpRequest, obj: Any | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets  # adding: there is nothing to mask yet
        seen: set[str] = {"reveal_link"}
        swapped = []
        for title, options in fieldsets:
            fields = [f for f in self._swap_nested(options["fields"]) if _first_sighting(f, seen)]
            swapped.append((title, {**options, "fields": fields}))
        if self.personal_fields():
            swapped.append((_("Personal data"), {"fields": ["reveal_link"]}))
        return swapped

    def _swap_nested(self, fields: Sequence[Any]) -> list[Any]:
        return [tuple(self._swap(f)) if isinstance(f, list | tuple) else self._swap([f])[0] for f in fields]

    def get_readonly_fields(self, request: HttpRequest, obj: Any | None = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is None:
            return readonly
        return [*readonly, *(f"{MASKED_PREFIX}{name}" for name in self.personal_fields()), "reveal_link"]


def _first_sighting(field: str | tuple[str, ...], seen: set[str]) -> bool:
    """False for a field (or a row of fields) already placed, so no field shows twice."""
    names = field if isinstance(field, tuple) else (field,)
    if any(name in seen for name in names):
        return False
    seen.update(names)
    return True


def subject_of(obj: Model) -> _User | None:
    """The member a registered record belongs to, following the registry's subject path."""
    registration = registry.get(type(obj))
    if registration is None:
        return None
    if registration.subject == "pk":
        return cast("_User", obj)  # the record is the member
    current: object = obj
    for part in registration.subject.split(LOOKUP_SEP):
        current = getattr(current, part, None)
        if current is None:
            return None
    return cast("_User", current)  # the subject path ends at the member
