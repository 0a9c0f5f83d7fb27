"""/api/v1/rights/: rights requests for the app and for authorised agents."""

from django.conf import settings
from django.urls import path

from privacy.uploads import FORM_OVERHEAD_BYTES, upload_limit
from rights import api

app_name = "rights-api"

urlpatterns = [
    # A request may carry a proof document (RGT-14): the evidence limit plus the form around it.
    path(
        "requests/",
        upload_limit(settings.RIGHTS_EVIDENCE_MAX_BYTES + FORM_OVERHEAD_BYTES)(api.RequestListView.as_view()),
        name="requests",
    ),
    path("requests/<int:pk>/", api.RequestDetailView.as_view(), name="request"),
    path("requests/<int:pk>/messages/", api.RequestMessageView.as_view(), name="request-messages"),
    path("requests/<int:pk>/revoke/", api.RequestRevokeView.as_view(), name="request-revoke"),
]
