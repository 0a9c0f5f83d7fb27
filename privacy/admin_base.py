"""The base every read-only ledger or log admin uses, whichever app it belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import admin

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member
    from django.db.models import Model
    from django.http import HttpRequest


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    """The rows of a ledger or a run shown under their parent, never added or changed there."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    """Ledgers and logs are written by services only; admin shows them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


def staff_member(request: HttpRequest) -> _User:
    """The signed-in staff member of an admin request (admin's own views let no one else in)."""
    return cast("_User", request.user)
