from django.urls import path

from privacy import partner_views, views

app_name = "privacy"
urlpatterns = [
    path("collected-information/", views.collected_information, name="collected-information"),
    path("algorithms/", views.algorithms, name="algorithms"),
    path("notices/", views.notices, name="notices"),
    path("notices/acknowledge/", views.acknowledge_notice, name="acknowledge-notice"),
    path("policy/", views.policy, name="policy"),
    path("policy/versions/", views.policy_versions, name="policy-versions"),
    path("policy/versions/<int:pk>/", views.policy_version, name="policy-version"),
    path("policy/accept/", views.reaccept, name="reaccept"),
    path("policies/<slug:scope>/", views.scoped_policy, name="scoped-policy"),
    path("policies/<slug:scope>/versions/<int:pk>/", views.scoped_policy, name="scoped-policy-version"),
    path("policy/banner/dismiss/", views.dismiss_policy_banner, name="dismiss-policy-banner"),
    path("cookies/", views.cookie_preferences, name="cookies"),
    path("consent/", views.grant_at_point_of_use, name="grant-consent"),
    path("partners/", partner_views.partners, name="partners"),
    path("overseas-recipients/", partner_views.overseas_recipients, name="overseas-recipients"),
    path("overseas-recipients/consent/", partner_views.overseas_consent, name="overseas-consent"),
]
