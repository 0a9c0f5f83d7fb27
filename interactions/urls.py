"""Pages of section II(VI); the paths are those links already sent to members point to."""

from django.urls import path

from interactions import api, applet_views, social_views, views

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
    path("me/friends/", social_views.friend_list, name="friends"),
    path("me/friends/add/", social_views.redeem_invitation, name="friend-redeem"),
    path("me/friends/invitations/", social_views.create_invitation, name="friend-invite"),
    path("me/friends/invitations/<int:pk>/qr.svg", social_views.invitation_qr, name="friend-qr"),
    path("me/friends/invitations/<int:pk>/revoke/", social_views.revoke_invitation, name="friend-revoke"),
    path("me/friends/requests/<int:pk>/accept/", social_views.answer_request, {"accept": True}, name="friend-accept"),
    path(
        "me/friends/requests/<int:pk>/decline/", social_views.answer_request, {"accept": False}, name="friend-decline"
    ),
    path("me/friends/<int:pk>/remove/", social_views.remove_friend, name="friend-remove"),
    path("events/", social_views.event_list, name="events"),
    path("events/<int:pk>/", social_views.event_detail, name="event"),
    path("me/events/", social_views.my_events, name="my-events"),
    path("me/events/<int:pk>/leave/", social_views.leave_event, name="event-leave"),
    path("me/events/<int:pk>/sharing/", social_views.partner_sharing, name="event-sharing"),
    path("me/events/<int:pk>/prize/", social_views.claim_prize, name="prize-claim"),
    path("share/", social_views.share_code, name="share-code"),
    path("channels/", applet_views.channel_list, name="channels"),
    path("channels/<int:pk>/", applet_views.channel_detail, name="channel"),
    path("channels/<int:pk>/subscribe/", applet_views.subscribe, name="channel-subscribe"),
    path("me/channels/<int:pk>/cancel/", applet_views.cancel_subscription, name="channel-cancel"),
]
