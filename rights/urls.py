"""Pages of sections IV and V(III): account closure, the erasure receipt and security-incident announcements."""

from django.urls import path

from rights import views

urlpatterns = [
    path("me/settings/account/close/", views.close, name="account-closure"),
    path("privacy/erasure/<str:token>/", views.erasure_receipt, name="erasure-receipt"),
    path("privacy/incidents/<int:incident_id>/", views.incident_announcement, name="incident-announcement"),
]
