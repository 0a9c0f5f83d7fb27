"""Pages of members that take over allauth's own, mounted under /accounts/ ahead of allauth's URLs."""

from django.urls import path

from members.session_activity import SessionListView

urlpatterns = [
    # It also says how often activity is recorded (issue 14).
    path("sessions/", SessionListView.as_view(), name="usersessions_list"),
]
