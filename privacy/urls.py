from django.urls import path

from privacy import views

app_name = "privacy"
urlpatterns = [
    path("collected-information/", views.collected_information, name="collected-information"),
    path("policy/", views.policy, name="policy"),
]
