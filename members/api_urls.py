"""/api/v1/profile/."""

from django.urls import path

from members import api

app_name = "members-api"
urlpatterns = [
    path("profile/", api.ProfileView.as_view(), name="profile"),
]
