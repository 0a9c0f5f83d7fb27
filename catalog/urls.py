from django.urls import path

from catalog import views

app_name = "catalog"

KINDS = "<str:kind>"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("commodities/<int:pk>/", views.commodity, name="commodity"),
    path("commodities/<int:pk>/favorite/", views.favorite, name="favorite"),
    path("commodities/<int:pk>/like/", views.like, name="like"),
    path("commodities/<int:pk>/share/", views.share, name="share"),
    path("stores/<slug:slug>/", views.store, name="store"),
    path("stores/<slug:slug>/follow/", views.follow_store, name="follow-store"),
    path("stores/<slug:slug>/membership/", views.store_membership, name="store-membership"),
    path("stores/<slug:slug>/membership/rules/", views.store_rules, name="store-rules"),
    path("me/store-memberships/", views.store_memberships, name="store-memberships"),
    path("me/store-memberships/<int:pk>/leave/", views.leave_store_membership, name="store-membership-leave"),
    path("seller/stores/<slug:slug>/members/", views.seller_programme_members, name="seller-programme-members"),
    path("creators/<int:pk>/follow/", views.follow_creator, name="follow-creator"),
    path("categories/<int:pk>/block/", views.block_category, name="block-category"),
    path("me/favorites/", views.favorites, name="favorites"),
    path("me/following/", views.following, name="following"),
    path("me/history/", views.history, name="history"),
    path("me/browsing/<str:kind>/<int:pk>/delete/", views.delete_one, name="delete-one"),
    path("me/browsing/<str:kind>/clear/", views.delete_all, name="delete-all"),
]
