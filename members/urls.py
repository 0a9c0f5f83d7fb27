from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("api-keys/", views.api_tokens, name="api-tokens"),
    path("api-keys/<int:pk>/revoke/", views.revoke_api_token, name="revoke-api-token"),
    path("real-name/", views.real_name, name="real-name"),
    path("real-name/full/", views.real_name_full, name="real-name-full"),
    path("real-name/face/", views.face_verification, name="face-verification"),
    path("real-name/face/capture/", views.face_capture, name="face-capture"),
    path("retrieve/", views.account_retrieval, name="account-retrieval"),
    path("password/recover/", views.password_recovery, name="password-recovery"),
    path("password/recover/code/", views.password_recovery_code, name="password-recovery-code"),
    path("linked/<str:provider>/", views.link_provider, name="link-provider"),
    path("step-up/", views.step_up, name="step-up"),
    path("become-a-seller/", views.become_seller, name="become-seller"),
    path("people/<str:member_name>/", views.public_profile, name="public-profile"),
    path("guardian/pending/<str:token>/", views.guardian_pending, name="guardian-pending"),
    path("guardian/consent/<str:token>/", views.guardian_consent, name="guardian-consent"),
    path("guardian/consent/<str:token>/code/", views.guardian_code, name="guardian-code"),
]
