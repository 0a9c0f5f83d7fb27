"""Member pages of section IV: account closure and the erasure receipt."""

from django.urls import path

from rights import views

urlpatterns = [
    path("me/settings/account/close/", views.close, name="account-closure"),
    path("privacy/erasure/<str:token>/", views.erasure_receipt, name="erasure-receipt"),
]
