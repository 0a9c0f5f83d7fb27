"""Keep caches and the session in step with the ledger: a new policy version, a member signing in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from privacy.cookies import remember_member_choice
from privacy.models import PolicyVersion
from privacy.policy_versions import forget_required_version

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member
    from django.http import HttpRequest


@receiver(post_save, sender=PolicyVersion, dispatch_uid="privacy.forget_required_version")
def _policy_version_saved(sender: type[PolicyVersion], **kwargs: object) -> None:
    forget_required_version()


@receiver(user_logged_in, dispatch_uid="privacy.remember_cookie_choice")
def _member_signed_in(sender: type[_User], request: HttpRequest | None, user: _User, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        remember_member_choice(request, user)
