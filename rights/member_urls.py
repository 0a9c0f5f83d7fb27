"""Member pages of section IV: my data, a copy of it, my requests."""

from django.urls import path

from rights import export_views, request_views

app_name = "rights"

urlpatterns = [
    path("me/data/", request_views.my_data, name="my-data"),
    path("me/data/delete/", request_views.delete_records, name="delete-records"),
    path("me/data/copy/", export_views.copy, name="copy"),
    path("me/data/copy/<int:pk>/progress/", export_views.progress, name="copy-progress"),
    path("me/data/copy/download/<str:token>/", export_views.download, name="copy-download"),
    path("me/requests/", request_views.request_list, name="requests"),
    path("me/requests/new/<slug:type>/", request_views.request_new, name="request-new"),
    path("me/requests/<int:pk>/", request_views.request_detail, name="request"),
    path("me/requests/<int:pk>/withdraw/", request_views.request_withdraw, name="request-withdraw"),
    path("privacy/requests/figures/", request_views.metrics_page, name="metrics"),
]
