"""Pages of section II(VI); the paths are those links already sent to members point to."""

from django.urls import path

from interactions import api, views

app_name = "interactions"
urlpatterns = [
    path("me/messages/", views.inbox, name="messages"),
    path("me/messages/read/", views.messages_read, name="messages-read"),
    path("me/messages/delete/", views.messages_delete, name="messages-delete"),
    path("me/settings/alerts/", views.alert_settings, name="alerts"),
    path("privacy/popups/<int:pk>/skip/", views.skip_popup, name="skip-popup"),
    path("privacy/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("api/privacy/alerts/", api.AlertSettingsView.as_view(), name="api-alerts"),
    path("api/privacy/push/", api.PushNotificationsView.as_view(), name="api-push"),
    path("api/privacy/push/fetched/", api.PushFetchedView.as_view(), name="api-push-fetched"),
]
