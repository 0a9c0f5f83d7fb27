"""Live-stream and short-video pages (INT-12, INT-13), under /live/."""

from django.urls import path

from publishing import live_views

app_name = "live"
urlpatterns = [
    path("", live_views.live_home, name="index"),
    path("ranking/", live_views.live_ranking, name="ranking"),
    path("<int:pk>/", live_views.channel_detail, name="channel"),
    path("<int:pk>/comment/", live_views.channel_comment, name="channel-comment"),
    path("<int:pk>/like/", live_views.channel_like, name="channel-like"),
    path("<int:pk>/voice/", live_views.voice_chat, name="voice"),
    path("videos/new/", live_views.video_upload, name="video-upload"),
    path("videos/<int:pk>/", live_views.video_detail, name="video"),
    path("videos/<int:pk>/file/", live_views.video_file, name="video-file"),
    path("videos/<int:pk>/comment/", live_views.video_comment, name="video-comment"),
    path("videos/<int:pk>/like/", live_views.video_like, name="video-like"),
]
