from django.conf import settings
from django.http import HttpRequest

from interactions.selectors import unread_count


def site(request: HttpRequest) -> dict:
    return {"SITE_NAME": settings.SITE_NAME}


def unread_messages(request: HttpRequest) -> dict:
    """The header's unread count (II(VI)); cached, read with the rest of the page state."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or request.path.startswith("/admin/"):
        return {}
    return {"unread_messages": unread_count(user)}
