from django.urls import path

from privacy import api

app_name = "privacy-api"
urlpatterns = [
    path("consents/", api.ConsentListView.as_view(), name="consents"),
    path("consents/history/", api.ConsentHistoryView.as_view(), name="consent-history"),
    path("consents/<str:purpose>/", api.ConsentDetailView.as_view(), name="consent"),
    path("permissions/", api.PermissionReportView.as_view(), name="permissions"),
    path("alerts/", api.AlertSettingsView.as_view(), name="alerts"),
    path("push/", api.PushNotificationsView.as_view(), name="push"),
    path("push/fetched/", api.PushFetchedView.as_view(), name="push-fetched"),
    path("policy/", api.PolicyAcceptanceView.as_view(), name="policy"),
]
