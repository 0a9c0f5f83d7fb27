"""/api/v1/rights/: rights requests for the app and for authorised agents."""

from django.urls import path

from rights import api

app_name = "rights-api"

urlpatterns = [
    path("requests/", api.RequestListView.as_view(), name="requests"),
    path("requests/<int:pk>/", api.RequestDetailView.as_view(), name="request"),
    path("requests/<int:pk>/messages/", api.RequestMessageView.as_view(), name="request-messages"),
    path("requests/<int:pk>/revoke/", api.RequestRevokeView.as_view(), name="request-revoke"),
]
