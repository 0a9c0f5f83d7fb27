"""Customer-service pages: my tickets (signed in) and the automated assistant (anyone)."""

from django.urls import path

from support import views

app_name = "support"

urlpatterns = [
    path("me/support/", views.ticket_list, name="list"),
    path("me/support/new/", views.ticket_new, name="new"),
    path("me/support/<int:pk>/", views.ticket_detail, name="detail"),
    path("me/support/<int:pk>/questionnaire/", views.survey, name="survey"),
    path("me/support/<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("support/assistant/", views.assistant, name="assistant"),
    path("support/assistant/person/", views.assistant_to_person, name="assistant-person"),
]
