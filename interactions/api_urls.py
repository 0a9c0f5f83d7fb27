"""/api/v1/: the Messages inbox, Alert Settings and push notifications for the app."""

from django.urls import path

from interactions import api

app_name = "interactions-api"
urlpatterns = [
    path("messages/", api.MessageListView.as_view(), name="messages"),
    path("messages/read/", api.MessagesReadView.as_view(), name="messages-read"),
    path("messages/delete/", api.MessagesDeleteView.as_view(), name="messages-delete"),
    path("messages/<int:pk>/", api.MessageDetailView.as_view(), name="message"),
    path("alerts/", api.AlertSettingsView.as_view(), name="alerts"),
    path("push/", api.PushNotificationsView.as_view(), name="push"),
    path("push/fetched/", api.PushFetchedView.as_view(), name="push-fetched"),
]
