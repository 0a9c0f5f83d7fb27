"""The admin site, reached only through allauth's sign-in and a TOTP code (issue 15, item 2).

Staff sign in on the member sign-in page, so its throttling and lockout apply, and allauth asks
for the TOTP code of staff who have one. Admin opens only to a session that passed two-factor;
a staff member without an authenticator app is sent to set one up first.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from privacy.urlsafety import local_url


def has_two_factor_session(request: HttpRequest) -> bool:
    """Whether this session's sign-in included a TOTP (or recovery) code, as allauth records it."""
    user = request.user
    if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
        return False
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))


class PortalAdminSite(admin.AdminSite):
    site_header = gettext_lazy("1688 Privacy Portal administration")
    site_title = gettext_lazy("1688 Privacy Portal")

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and has_two_factor_session(request)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        """Never a password form of its own: allauth's sign-in, then TOTP set-up or a TOTP code."""
        next_url = local_url(request, request.GET.get("next"), default=reverse("admin:index", current_app=self.name))
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(next_url, reverse("account_login"))
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            messages.info(
                request, _("Staff need two-factor authentication: set up an authenticator app to open admin.")
            )
            return redirect("mfa_activate_totp")
        if not has_two_factor_session(request):
            return redirect_to_login(next_url, reverse("mfa_reauthenticate"))
        return HttpResponseRedirect(next_url)
