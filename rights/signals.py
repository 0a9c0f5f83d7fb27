"""A member who signs in during the cooling-off window of a closure finds the account locked (RGT-11)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from rights.closure import SESSION_FLAG, cooling_off_closure

if TYPE_CHECKING:
    from django.contrib.auth.models import _User
    from django.http import HttpRequest


@receiver(user_logged_in, dispatch_uid="rights.closure_lock")
def lock_a_closing_account(sender: type[_User], request: HttpRequest | None, user: _User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session") and cooling_off_closure(user) is not None:
        request.session[SESSION_FLAG] = True
