"""Member pages: dashboard, profile, public profile, and the guardian's consent for a child (section VII)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from members import guardians, selectors, services
from members.forms import GuardianConsentForm, ProfileForm
from members.models import ChildrenRulesVersion
from privacy.consent import context_from_request


@login_required
def dashboard(request):
    """MEM-03, MEM-07: profile summary, account level and benefits, recent orders."""
    rules = selectors.level_rules()
    return render(
        request,
        "members/dashboard.html",
        {
            "rules": rules,
            "current_rule": selectors.current_level_rule(request.user, rules),
            "orders": list(selectors.recent_orders_for(request.user)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """MEM-04: the optional profile; every field may stay blank."""
    is_post = request.method == "POST"
    form = ProfileForm(request.POST if is_post else None, request.FILES if is_post else None, instance=request.user)
    if is_post and form.is_valid():
        services.update_profile(member=request.user, **{name: form.cleaned_data[name] for name in form.changed_data})
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
    link = request.build_absolute_uri(redirect("members:guardian-consent", token=token).url)
    return render(request, "members/guardian_pending.html", {"link": link, "token": token})


@require_http_methods(["GET", "POST"])
def guardian_consent(request, token: str):
    """MIN-02: the guardian reads the current Children's Rules and consents; the child's account opens."""
    child = guardians.child_for_token(token)
    rules = ChildrenRulesVersion.objects.current()
    if child is None or rules is None:
        raise Http404
    if guardians.has_guardian_consent(child):
        return render(request, "members/guardian_done.html", {"child": child})
    form = GuardianConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        guardians.give_guardian_consent(
            child=child,
            guardian_name=form.cleaned_data["guardian_name"],
            guardian_phone=form.cleaned_data["guardian_phone"],
            relationship=form.cleaned_data["relationship"],
            context=context_from_request(request),
        )
        return render(request, "members/guardian_done.html", {"child": child})
    return render(request, "members/guardian_consent.html", {"form": form, "rules": rules, "child": child})
