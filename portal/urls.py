"""Root URLs of the privacy portal."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from portal import views

admin.site.site_header = _("1688 Privacy Portal administration")
admin.site.site_title = _("1688 Privacy Portal")

urlpatterns = [
    path("", views.home, name="home"),
    path("contact/", views.contact, name="contact"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", views.favicon, name="favicon"),
    path("privacy/", include("privacy.urls")),
    path("", include("rights.urls")),
    path("me/settings/", include("privacy.centre_urls")),
    path("api/privacy/", include("privacy.api_urls")),
    path("", include("catalog.urls")),
    path("", include("orders.urls")),
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
]

if settings.DEBUG:
    # Uploaded avatars in development; in production the reverse proxy serves MEDIA_ROOT.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
