"""/api/v1/: the member API the mobile app uses, gathered from each app's own api_urls in one documented surface.

The schema (/api/schema/) and its documentation page (/api/docs/) describe these paths only; /api/privacy/
stays as it was for app versions already installed.
"""

from django.urls import include, path

urlpatterns = [
    path("", include("members.api_urls")),
    path("", include("orders.api_urls")),
    path("", include("interactions.api_urls")),
    # The consent API, also under its first address /api/privacy/ (the default instance of its namespace).
    path("", include("privacy.api_urls", namespace="privacy-api-v1")),
    path("rights/", include("rights.api_urls")),
    path("", include("rights.export_api_urls")),
]


def only_v1(endpoints: list[tuple]) -> list[tuple]:
    """drf-spectacular preprocessing hook: document /api/v1/ only, not the older addresses of the same views."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
