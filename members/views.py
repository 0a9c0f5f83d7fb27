"""Member pages: dashboard, profile, public profile, and the guardian's consent for a child (section VII)."""

from allauth.account.decorators import reauthentication_required
from allauth.account.internal.decorators import login_stage_required
from allauth.account.internal.stagekit import stash_login
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from members import face, guardians, identity, providers, recovery, selectors, seller_leads, services, sms_caps, social
from members.forms import (
    AVATAR_MAX_BYTES,
    AccountRetrievalForm,
    ApiTokenForm,
    BiometricConsentForm,
    FaceImageForm,
    GuardianConsentForm,
    LinkProviderForm,
    PasswordRecoveryForm,
    ProfileForm,
    RealNameForm,
    RecoveryCodeForm,
    StepUpForm,
)
from members.models import ChildrenRulesVersion, IdentityVerification
from members.phones import mask_phone
from members.stages import RiskStepUpStage
from privacy import consent, uploads
from privacy.consent import context_from_request
from privacy.links import absolute_url
from privacy.notices import Feature, notice_required
from privacy.purposes import Purpose
from privacy.urlsafety import redirect_back


@login_required
def dashboard(request):
    """MEM-03, MEM-07: profile summary, account level and benefits, and the panels other apps register (orders)."""
    rules = selectors.level_rules()
    return render(
        request,
        "members/dashboard.html",
        {
            "rules": rules,
            "rules_key": selectors.level_rules_key(rules),
            "current_rule": selectors.current_level_rule(request.user, rules),
            "panels": providers.dashboard_panels(request.user),
            "masked_phone": mask_phone(request.user.phone),
        },
    )


@uploads.upload_limit(AVATAR_MAX_BYTES + uploads.FORM_OVERHEAD_BYTES)
@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """MEM-04: the optional profile; every field may stay blank."""
    is_post = request.method == "POST"
    form = ProfileForm(request.POST if is_post else None, request.FILES if is_post else None, instance=request.user)
    if is_post and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        services.update_profile(member=request.user, request=request, **changed)
        messages.success(request, _("Your profile was saved."))
        return redirect("members:profile")
    return render(request, "members/profile.html", {"form": form})


def public_profile(request, member_name: str):
    """MEM-05: only the nickname and avatar are shown."""
    shown = get_object_or_404(selectors.public_members(), member_name__iexact=member_name)
    return render(request, "members/public_profile.html", {"shown": shown})


def guardian_pending(request, token: str):
    """MIN-01: the child's account waits; the child hands this link to a parent or guardian."""
    child = guardians.child_for_token(token)
    if child is None:
        raise Http404
    link = absolute_url(reverse("members:guardian-consent", args=[token]))
    return render(request, "members/guardian_pending.html", {"link": link, "token": token})


GUARDIAN_PENDING = "members_guardian_consent"


@require_http_methods(["GET", "POST"])
def guardian_consent(request, token: str):
    """MIN-02: the guardian reads the current Children's Rules, consents, and gets a code to confirm their number."""
    child = guardians.child_for_token(token)
    rules = ChildrenRulesVersion.objects.current()
    if child is None or rules is None:
        raise Http404
    if guardians.has_guardian_consent(child):
        return render(request, "members/guardian_done.html", {"child": child})
    form = GuardianConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["guardian_phone"]
        if not ratelimit.consume(request, action="guardian_code", key=phone) or not sms_caps.may_text(
            request, phone=phone, is_registered=True
        ):
            form.add_error(None, ValidationError(_("Too many codes. Please try again later."), code="rate_limited"))
        else:
            try:
                request.session[GUARDIAN_PENDING] = guardians.start_guardian_consent(
                    child=child,
                    guardian_name=form.cleaned_data["guardian_name"],
                    guardian_phone=phone,
                    relationship=form.cleaned_data["relationship"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("members:guardian-code", token=token)
    return render(request, "members/guardian_consent.html", {"form": form, "rules": rules, "child": child})


@require_http_methods(["GET", "POST"])
def guardian_code(request, token: str):
    """MIN-02: the consent counts only once the code texted to the guardian's number is entered."""
    child = guardians.child_for_token(token)
    if child is None:
        raise Http404
    pending = request.session.get(GUARDIAN_PENDING)
    if not guardians.is_pending_for(pending, child):
        request.session.pop(GUARDIAN_PENDING, None)
        return redirect("members:guardian-consent", token=token)
    form = StepUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        record = guardians.confirm_guardian_consent(
            child=child, pending=pending, code=form.cleaned_data["code"], context=context_from_request(request)
        )
        if record is not None:
            del request.session[GUARDIAN_PENDING]
            return render(request, "members/guardian_done.html", {"child": child})
        request.session[GUARDIAN_PENDING] = pending
        if not guardians.is_pending_for(pending, child):
            del request.session[GUARDIAN_PENDING]
            messages.error(request, _("Too many wrong codes. Please fill in the form again."))
            return redirect("members:guardian-consent", token=token)
        form.add_error("code", _("Incorrect or expired code."))
    return render(
        request, "members/guardian_code.html", {"form": form, "masked_phone": mask_phone(pending["guardian_phone"])}
    )


@login_required
@require_http_methods(["GET", "POST"])
def real_name(request):
    """VER-04..06: real-name authentication; the ID number is shown masked."""
    verification = IdentityVerification.objects.filter(member=request.user).first()
    form = RealNameForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        context = context_from_request(request)
        if not consent.has_consent(request.user, Purpose.SENSITIVE_IDENTITY):
            consent.grant(request.user, Purpose.SENSITIVE_IDENTITY, context=context)
        identity.authenticate_real_name(
            member=request.user,
            real_name=form.cleaned_data["real_name"],
            id_number=form.cleaned_data["id_number"],
            context=context,
        )
        messages.success(request, _("Your real-name authentication is complete."))
        return redirect_back(request, request.GET.get("next"), default=reverse("members:real-name"))
    return render(request, "members/real_name.html", {"form": form, "verification": verification})


@login_required
@notice_required(Feature.FACE_VERIFICATION)
@require_http_methods(["GET", "POST"])
def face_verification(request):
    """VER-05: instructions first, then the separate biometric consent before any face image is taken."""
    form = BiometricConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        consent.grant(request.user, Purpose.BIOMETRIC, context=context_from_request(request))
        return redirect("members:face-capture")
    return render(
        request,
        "members/face_verification.html",
        {
            "form": form,
            "has_consent": face.has_biometric_consent(request.user),
            "latest": face.latest_face_verification(request.user),
        },
    )


@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def face_capture(request):
    """VER-05: the photo goes to the verification provider and is discarded; only the outcome is kept.

    The upload is held in memory only, never in a temporary file: handlers must be set before the
    body is read, so the CSRF check runs after this, in `_face_capture`.
    """
    request.upload_handlers = [MemoryFileUploadHandler(request)]
    return _face_capture(request)


@csrf_protect
def _face_capture(request):
    if not face.has_biometric_consent(request.user):
        messages.error(request, _("Face verification needs your consent to biometric information first."))
        return redirect("members:face-verification")
    if request.method == "POST" and int(request.META.get("CONTENT_LENGTH") or 0) > face.REQUEST_MAX_BYTES:
        # Too big to be held in memory: refused before the body is read.
        return render(request, "members/face_capture.html", {"form": FaceImageForm.refusing_oversized()})
    form = FaceImageForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.consume(request, action="face_verification", key=str(request.user.pk)):
            form.add_error(None, ValidationError(_("Too many attempts. Please try again later."), code="rate_limited"))
        else:
            result = face.verify_face(member=request.user, image=form.cleaned_data["image"].content)
            if result.is_passed:
                messages.success(request, _("Face verification passed."))
            else:
                messages.error(request, _("Face verification did not pass. You can try again with a clearer photo."))
            return redirect("members:face-verification")
    return render(request, "members/face_capture.html", {"form": form})


@login_required
@reauthentication_required
def real_name_full(request):
    """VER-06: the full ID number, only after re-authentication, and logged."""
    verification = get_object_or_404(IdentityVerification, member=request.user)
    number = identity.reveal_id_number(
        verification=verification, viewer=request.user, ip_address=request.META.get("REMOTE_ADDR")
    )
    return render(request, "members/real_name_full.html", {"verification": verification, "number": number})


@require_http_methods(["GET", "POST"])
def account_retrieval(request):
    """VER-03: a member who lost the phone asks staff to move the account; the answer is the same either way."""
    form = AccountRetrievalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["member_name"].lower()
        if not ratelimit.consume(request, action="account_retrieval", key=key):
            form.add_error(None, ValidationError(_("Too many requests. Please try again later."), code="rate_limited"))
        else:
            identity.request_account_retrieval(
                member_name=form.cleaned_data["member_name"],
                real_name=form.cleaned_data["real_name"],
                id_number=form.cleaned_data["id_number"],
                new_phone=form.cleaned_data["new_phone"],
                ip_address=request.META.get("REMOTE_ADDR"),
            )
            return render(request, "members/account_retrieval_sent.html")
    return render(request, "members/account_retrieval.html", {"form": form})


RECOVERY_PENDING = "members.password_recovery"


@require_http_methods(["GET", "POST"])
def password_recovery(request):
    """A code to the registered mobile number resets the password; the answer is the same for any number."""
    form = PasswordRecoveryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        if not ratelimit.consume(request, action="recovery_code", key=phone):
            form.add_error(None, ValidationError(_("Too many requests. Please try again later."), code="rate_limited"))
        else:
            # A code customer service texted at the member's request (CS-06) is used instead of a new one.
            request.session[RECOVERY_PENDING] = recovery.take_issued_code(phone) or recovery.start_recovery(phone=phone)
            return redirect("members:password-recovery-code")
    return render(request, "members/password_recovery.html", {"form": form})


@require_http_methods(["GET", "POST"])
def password_recovery_code(request):
    pending = request.session.get(RECOVERY_PENDING)
    if not recovery.is_pending(pending):
        request.session.pop(RECOVERY_PENDING, None)
        return redirect("members:password-recovery")
    form = RecoveryCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        member = recovery.check_code(pending, form.cleaned_data["code"])
        request.session[RECOVERY_PENDING] = pending
        if member is None:
            if not recovery.is_pending(pending):
                del request.session[RECOVERY_PENDING]
                messages.error(request, _("Too many wrong codes. Please ask for a new one."))
                return redirect("members:password-recovery")
            form.add_error("code", _("Incorrect or expired code."))
        else:
            try:
                recovery.reset_password(member=member, password=form.cleaned_data["password1"], request=request)
            except ValidationError as error:
                form.add_error("password1", error)
            else:
                del request.session[RECOVERY_PENDING]
                messages.success(request, _("Your password was changed. Sign in with the new one."))
                return redirect("account_login")
    return render(
        request, "members/password_recovery_code.html", {"form": form, "masked_phone": mask_phone(pending["phone"])}
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_provider(request, provider: str):
    """MEM-06: name the provider and the fields imported; a separate consent comes before linking."""
    from allauth.socialaccount.adapter import get_adapter as get_social_adapter
    from allauth.socialaccount.models import SocialApp

    try:
        found = get_social_adapter().get_provider(request, provider)
    except (ImproperlyConfigured, SocialApp.DoesNotExist):
        # An unknown provider, or one without its app configured.
        raise Http404 from None
    form = LinkProviderForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.link_consent(member=request.user, provider=provider, context=context_from_request(request))
        return redirect(found.get_login_url(request, process="connect"))
    return render(
        request,
        "members/link_provider.html",
        {"form": form, "provider": found, "fields": social.imported_fields(provider).values()},
    )


@login_stage_required(stage=RiskStepUpStage.key, redirect_urlname="account_login")
@require_http_methods(["GET", "POST"])
def step_up(request):
    """SEC-02: the SMS code a risky sign-in needs before access is given."""
    stage = request._login_stage
    form = StepUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if stage.check(form.cleaned_data["code"]):
            return stage.exit()
        stash_login(request, stage.login)
        if stage.is_exhausted:
            messages.error(request, _("Too many wrong codes. Please sign in again."))
            return stage.abort()
        form.add_error("code", _("Incorrect or expired code."))
    return render(request, "members/step_up.html", {"form": form})


@login_required
@reauthentication_required(allow_get=True)
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    """Keys for the mobile app or a script to call the API as the member; a new key is shown this once only.

    Making one asks for the password again: a borrowed session must not turn into a lasting key.
    """
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = services.create_api_token(
            member=request.user, name=form.cleaned_data["name"], ip_address=request.META.get("REMOTE_ADDR")
        )
        form = ApiTokenForm()
    tokens = list(selectors.api_tokens_for(request.user))
    return render(request, "members/api_tokens.html", {"form": form, "tokens": tokens, "new_key": new_key})


@login_required
@require_http_methods(["POST"])
def revoke_api_token(request, pk: int):
    get_object_or_404(selectors.api_tokens_for(request.user), pk=pk)
    services.revoke_api_token(member=request.user, pk=pk)
    messages.success(request, _("The key was revoked; it no longer works."))
    return redirect("members:api-tokens")


@login_required
@require_http_methods(["GET", "POST"])
def become_seller(request):
    """SHR-05: the notice of what goes to the onboarding provider, and the member's choice to send it."""
    provider = seller_leads.onboarding_provider()
    if request.method == "POST" and provider is not None:
        seller_leads.become_seller(member=request.user)
        messages.success(request, _("Thank you. The onboarding service provider will contact you."))
        return redirect("members:become-seller")
    context = {
        "provider": provider,
        "lead": seller_leads.lead_of(request.user),
        "sent": seller_leads.recent_lead(request.user),
    }
    return render(
        request, "members/become_seller.html", context, status=200 if request.method == "GET" or provider else 409
    )
