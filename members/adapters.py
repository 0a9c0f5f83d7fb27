"""How django-allauth treats members: phone numbers live on Member, codes go out by SMS, notices go to Messages."""

from __future__ import annotations

from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from interactions.services import send_code_sms
from members import guardians, services, sms_caps, social
from members.forms import MEMBER_NAME_TAKEN
from members.models import Member
from members.phones import PhoneField, normalise_phone
from privacy import consent
from privacy.consent import context_from_request
from privacy.links import absolute_url
from privacy.purposes import Purpose


class AccountAdapter(DefaultAccountAdapter):
    # The field is labelled "Member name"; allauth's own message says "username".
    error_messages = {**DefaultAccountAdapter.error_messages, "username_taken": MEMBER_NAME_TAKEN}

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return True

    def save_user(self, request, user, form, commit=True):
        # MEM-01, VER-01, POL-01: member name, number and password; inactive until the code is entered.
        user = super().save_user(request, user, form, commit=False)
        return services.register_member(
            member=user,
            phone=form.cleaned_data["phone"],
            date_of_birth=form.cleaned_data.get("date_of_birth"),
            birth_date_consent=bool(form.cleaned_data.get("birth_date_consent")),
            context=context_from_request(request),
        )

    def pre_login(self, request, user, **kwargs):
        if not user.is_active and user.phone_verified_at is None:
            # Inactive only because the number is unconfirmed (VER-01): continue to the
            # phone-verification step, at sign-up or when an abandoned sign-up resumes.
            return None
        if not user.is_active and services.needs_guardian_consent(user):
            # MIN-01: still waiting for a guardian; show the child the link again.
            return redirect("members:guardian-pending", token=guardians.guardian_token(user))
        return super().pre_login(request, user, **kwargs)

    def login(self, request, user) -> None:
        if not user.is_active and services.needs_guardian_consent(user):
            # MIN-01: a child's account waits for the guardian; show the link to hand over.
            raise ImmediateHttpResponse(redirect("members:guardian-pending", token=guardians.guardian_token(user)))
        super().login(request, user)

    def get_login_stages(self) -> list[str]:
        # Staff accounts have no phone number; their second step is allauth's TOTP stage (issue 15, item 2).
        stages = [
            "members.stages.StaffAwarePhoneVerificationStage" if stage.endswith(".PhoneVerificationStage") else stage
            for stage in super().get_login_stages()
        ]
        # SEC-02: after allauth's own steps, a risky password sign-in needs an SMS code.
        return [*stages, "members.stages.RiskStepUpStage"]

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # Failed sign-ins count per account however it is named: the member name in any case, the
        # number in any format (issue 15, item 4). allauth keys its `login_failed` limit with this.
        login = (credentials.get("phone") or credentials.get("username") or "").strip()
        member = self.get_user_by_phone(login) or Member.objects.filter(member_name__iexact=login).first()
        return f"member:{member.pk}" if member else f"login:{login.lower()}"

    def get_reset_password_from_key_url(self, key: str) -> str:
        # On the site's public address, never the request's Host header (issue 15, item 5).
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    # Phone numbers (allauth stores none itself).

    def phone_form_field(self, **kwargs):
        return PhoneField(**kwargs)

    def get_phone(self, user: Member) -> tuple[str, bool] | None:
        if not user.phone:
            return None
        # An active account counts as confirmed: the code step belongs to registration (VER-01);
        # accounts staff open in admin, and numbers moved by account retrieval, are not held up.
        return user.phone, user.phone_verified_at is not None or user.is_active

    def set_phone(self, user: Member, phone: str, verified: bool) -> None:
        services.change_phone(member=user, phone=phone, is_verified=verified)

    def set_phone_verified(self, user: Member, phone: str) -> None:
        services.confirm_phone(member=user, phone=phone)

    def get_user_by_phone(self, phone: str) -> Member | None:
        try:
            phone = normalise_phone(phone)
        except ValidationError:
            return None
        return Member.objects.filter(phone=phone).order_by("pk").first()

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        # Codes go to any number typed in: capped per number, address and day (issue 15, item 3).
        if not sms_caps.may_text(self.request, phone=phone, is_registered=bool(user and user.pk)):
            return
        send_code_sms(
            phone=phone,
            member=user if user and user.pk else None,
            body=_("Your 1688 verification code is %(code)s. It expires in 15 minutes; never share it.")
            % {"code": code},
        )

    def send_account_already_exists_sms(self, phone: str) -> None:
        # Enumeration prevention: the page says the same either way; only the phone's owner learns the truth.
        if not sms_caps.may_text(self.request, phone=phone, is_registered=True):
            return
        send_code_sms(
            phone=phone, body=_("Someone tried to register a 1688 account with your number, which already has one.")
        )

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        if not sms_caps.may_text(self.request, phone=phone, is_registered=False):
            return
        send_code_sms(
            phone=phone, body=_("Someone asked for a 1688 sign-in code for this number, which has no account.")
        )

    def send_notification_mail(self, template_prefix: str, user, context=None, email=None) -> None:
        # Members have no e-mail address: security notices go to the Messages inbox (MEM-08).
        title = services.SECURITY_NOTICES.get(template_prefix)
        if title is None:
            return
        services.post_security_notice(member=user, title=str(title), ip_address=self.get_client_ip(self.request))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """MEM-06: a provider links to an existing account only with that provider's consent on record."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        # An account needs a confirmed mobile number (MEM-01): register first, then link.
        return False

    def pre_social_login(self, request, sociallogin) -> None:
        provider = sociallogin.account.provider
        sociallogin.account.extra_data = social.keep_imported_fields(provider, sociallogin.account.extra_data or {})
        if sociallogin.state.get("process") == "connect":
            member = request.user
        elif sociallogin.is_existing:
            member = sociallogin.user
        else:
            return
        if not consent.has_consent(member, Purpose.THIRD_PARTY_LOGIN, scope=provider):
            messages.error(request, _("Signing in with this provider needs your consent first."))
            target = "members:link-provider" if member == request.user else "account_login"
            args = [provider] if target == "members:link-provider" else []
            raise ImmediateHttpResponse(redirect(target, *args))

    def populate_user(self, request, sociallogin, data):
        # Nothing from the provider is copied onto the member (MEM-06: only the listed fields, kept on the link).
        return sociallogin.user
