"""/api/v1/exports/: a copy of my data (RGT-03) for the app."""

from django.urls import path

from rights import api

app_name = "exports-api"
urlpatterns = [
    path("exports/", api.ExportListView.as_view(), name="exports"),
    path("exports/<int:pk>/", api.ExportDetailView.as_view(), name="export"),
    path("exports/<int:pk>/download/", api.ExportDownloadView.as_view(), name="export-download"),
]
