from django.urls import path

from orders import views

app_name = "orders"

urlpatterns = [
    path("cart/", views.cart, name="cart"),
    path("cart/add/<int:commodity_id>/", views.cart_add, name="cart-add"),
    path("cart/<int:pk>/update/", views.cart_update, name="cart-update"),
    path("cart/<int:pk>/remove/", views.cart_remove, name="cart-remove"),
    path("checkout/", views.checkout, name="checkout"),
    path("me/orders/", views.order_list, name="list"),
    path("me/orders/<str:number>/", views.order_detail, name="detail"),
    path("me/orders/<str:number>/pay/", views.order_pay, name="pay"),
    path("me/orders/<str:number>/confirm/", views.order_confirm, name="confirm"),
    path("me/orders/<str:number>/after-sales/", views.order_after_sales, name="after-sales"),
    path("me/addresses/", views.addresses, name="addresses"),
    path("me/addresses/new/", views.address_create, name="address-create"),
    path("me/addresses/<int:pk>/edit/", views.address_edit, name="address-edit"),
    path("me/addresses/<int:pk>/delete/", views.address_delete, name="address-delete"),
    path("me/settings/alipay/", views.alipay_settings, name="my-alipay"),
    path("partners/alipay/notify/", views.alipay_notify, name="alipay-notify"),
    path("seller/orders/", views.seller_order_list, name="seller-list"),
    path("seller/orders/<str:number>/", views.seller_order_detail, name="seller-detail"),
]
