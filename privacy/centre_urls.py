"""The member's settings pages served by privacy: the privacy centre."""

from django.urls import path

from privacy import views

app_name = "centre"
urlpatterns = [
    path("privacy/", views.centre, name="privacy"),
    path("privacy/toggle/", views.toggle, name="toggle"),
    path("privacy/receipt.json", views.receipt, name="receipt"),
]
# The menu paths of the policy (clauses.md section (d)) open their section of the privacy centre.
for slug, section in [
    ("ads", "ads"),
    ("recommendations", "recommendations"),
    ("permissions", "permissions"),
    ("consents", "separate"),
]:
    urlpatterns.append(
        path(
            f"privacy/{slug}/",
            views.CentreSection.as_view(section=section),
            name=f"privacy-{slug}",
        )
    )
