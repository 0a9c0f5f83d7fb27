"""Development shows the site's own 404 and 500 pages too: Django's debug pages list every URL to anyone.

The traceback of a 500 still reaches the developer, in the console log.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from portal import views

logger = logging.getLogger("django.request")


def site_error_pages(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        # With DEBUG on, Django answers a 404 with its technical page instead of handler404.
        if settings.DEBUG and response.status_code == 404 and response.get("Content-Type", "").startswith("text/html"):
            return views.page_not_found(request, None)
        return response

    def process_exception(request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not settings.DEBUG:
            return None  # handler500 and friends take over
        from django.core.exceptions import PermissionDenied, SuspiciousOperation
        from django.http import Http404

        if isinstance(exception, Http404 | PermissionDenied | SuspiciousOperation):
            return None
        logger.error("Internal Server Error: %s", request.path, exc_info=exception)
        return views.server_error(request)

    middleware.process_exception = process_exception  # type: ignore[attr-defined]
    return middleware
