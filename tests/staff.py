"""Signing staff in for admin tests: admin opens only to staff who passed two-factor (issue 15, item 2)."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import RequestFactory


def sign_in_staff(client, staff) -> None:
    """Enrol a TOTP authenticator for `staff` and sign in as allauth records it: a password, then a TOTP code."""
    authenticator = (
        Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).first()
        or TOTP.activate(staff, generate_totp_secret()).instance
    )
    client.force_login(staff)
    request = RequestFactory().get("/")
    request.session, request.user = client.session, staff
    record_authentication(request, staff, method="password", username=staff.member_name)
    record_authentication(request, staff, method="mfa", type=authenticator.type, id=authenticator.pk)
    request.session.save()
