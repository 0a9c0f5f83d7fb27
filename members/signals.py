"""Receivers for allauth's account events; each calls a service."""

from allauth.account.signals import password_changed, password_reset
from django.dispatch import receiver

from members import services


@receiver(password_changed, dispatch_uid="members.end_sessions_on_password_change")
@receiver(password_reset, dispatch_uid="members.end_sessions_on_password_reset")
def end_other_sessions_after_password_change(sender, request, user, **kwargs) -> None:
    # MEM-08: a new password ends every other session at once.
    services.end_other_sessions(member=user, current_session_key=request.session.session_key)
