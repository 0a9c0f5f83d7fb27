"""Receivers for allauth's account events, each calling a service, and for changes to the cached level rules."""

from allauth.account.signals import password_changed, password_reset
from allauth.socialaccount.signals import social_account_removed
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from members import selectors, services
from members.models import LevelRule


@receiver(password_changed, dispatch_uid="members.end_sessions_on_password_change")
@receiver(password_reset, dispatch_uid="members.end_sessions_on_password_reset")
def end_other_sessions_after_password_change(sender, request, user, **kwargs) -> None:
    # MEM-08: a new password ends every other session at once.
    services.end_other_sessions(member=user, current_session_key=request.session.session_key)
    services.record_security_event(member=user, kind="password_changed", request=request)


@receiver(social_account_removed, dispatch_uid="members.withdraw_consent_on_unlink")
def withdraw_consent_on_unlink(sender, request, socialaccount, **kwargs) -> None:
    # MEM-06: unlinking a provider withdraws the consent given for it.
    services.unlink_provider(member=socialaccount.user, provider=socialaccount.provider, request=request)


@receiver(user_logged_in, dispatch_uid="members.record_login")
def record_login(sender, request, user, **kwargs) -> None:
    services.record_security_event(member=user, kind="login", request=request)


@receiver(post_save, sender=LevelRule, dispatch_uid="members.forget_level_rules_on_save")
@receiver(post_delete, sender=LevelRule, dispatch_uid="members.forget_level_rules_on_delete")
def forget_level_rules(sender, **kwargs) -> None:
    # The dashboard reads the rules from the cache: drop them now and once the change is committed,
    # so a page rendered between the two cannot keep the old rules cached.
    selectors.forget_level_rules()
    transaction.on_commit(selectors.forget_level_rules)
