"""The member's settings pages served by privacy: the privacy centre and alert settings."""

from django.urls import path

from privacy import views

app_name = "centre"
urlpatterns = [
    path("privacy/", views.centre, name="privacy"),
    path("privacy/toggle/", views.toggle, name="toggle"),
    path("privacy/receipt.json", views.receipt, name="receipt"),
    path("alerts/", views.alert_settings, name="alerts"),
]
