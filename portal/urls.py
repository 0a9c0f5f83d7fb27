"""Root URLs of the privacy portal."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView

from portal import views
from privacy import uploads

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
    path("", include("rights.member_urls")),
    path("me/settings/", include("privacy.centre_urls")),
    path("api/privacy/", include("privacy.api_urls")),
    path("", include("interactions.urls")),
    path("api/v1/", include("portal.api_urls")),
    path("", include("catalog.urls")),
    path("", include("orders.urls")),
    path("", include("support.urls")),
    path("live/", include("publishing.live_urls")),
    path("", include("publishing.urls")),
    # Ahead of allauth's own pages of the same names.
    path("accounts/", include("members.account_urls")),
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", views.ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    # Uploaded images, only as images; in production the reverse proxy serves MEDIA_ROOT the same way (README).
    path("media/<path:name>", uploads.serve_media, name="media"),
]

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
