from django.urls import path

from privacy import api

app_name = "privacy-api"
urlpatterns = [
    path("consents/", api.ConsentListView.as_view(), name="consents"),
    path("consents/history/", api.ConsentHistoryView.as_view(), name="consent-history"),
    path("consents/<str:purpose>/", api.ConsentDetailView.as_view(), name="consent"),
    path("permissions/", api.PermissionReportView.as_view(), name="permissions"),
    path("policy/", api.PolicyAcceptanceView.as_view(), name="policy"),
]
