from django.urls import path

from publishing import views

app_name = "publishing"

urlpatterns = [
    path("commodities/<int:pk>/reviews/", views.commodity_reviews, name="commodity-reviews"),
    path("commodities/<int:pk>/reviews/new/", views.review_create, name="review-create"),
    path("commodities/<int:pk>/questions/new/", views.question_create, name="question-create"),
    path("stores/<slug:slug>/reviews/", views.store_reviews, name="store-reviews"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/comments/", views.review_comment, name="review-comment"),
    path("posts/new/", views.post_create, name="post-create"),
    path("posts/<int:pk>/", views.post_detail, name="post"),
    path("posts/<int:pk>/comments/", views.post_comment, name="post-comment"),
    path("me/published/", views.growth_center, name="growth-center"),
    path("me/growth-center/", views.growth_center_alias, name="growth-center-alias"),
    path("me/published/reviews/<int:pk>/edit/", views.review_edit, name="review-edit"),
    path("me/published/reviews/<int:pk>/delete/", views.review_delete, name="review-delete"),
    path("me/published/comments/<int:pk>/edit/", views.comment_edit, name="comment-edit"),
    path("me/published/comments/<int:pk>/delete/", views.comment_delete, name="comment-delete"),
    path("me/published/questions/<int:pk>/edit/", views.question_edit, name="question-edit"),
    path("me/published/questions/<int:pk>/delete/", views.question_delete, name="question-delete"),
    path("me/published/posts/<int:pk>/edit/", views.post_edit, name="post-edit"),
    path("me/published/posts/<int:pk>/delete/", views.post_delete, name="post-delete"),
    path("seller/questions/", views.seller_questions, name="seller-questions"),
    path("seller/questions/<int:pk>/answer/", views.seller_answer, name="seller-answer"),
]
