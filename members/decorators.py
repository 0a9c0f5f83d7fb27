"""Gates other apps put in front of their views (VER-04)."""

from functools import wraps

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from members.selectors import has_passed_real_name


def requires_real_name(view):
    """VER-04: special-category checkout, seller and creator applications need a passed real-name check."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not has_passed_real_name(request.user):
            messages.info(request, _("This needs real-name authentication first."))
            return redirect(f"{redirect('members:real-name').url}?next={request.get_full_path()}")
        return view(request, *args, **kwargs)

    return wrapper
