from django.urls import path

from orders import store_chat, views

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
    path("me/orders/<str:number>/chat/<int:store_id>/", store_chat.chat_about_order, name="chat-order"),
    path("me/messages/chats/", store_chat.chat_list, name="chats"),
    path("me/messages/chats/<int:pk>/", store_chat.chat_thread, name="chat"),
    path("me/messages/chats/<int:pk>/mute/", store_chat.chat_mute, name="chat-mute"),
    path("me/messages/chats/new/<int:pk>/", store_chat.chat_about_commodity, name="chat-commodity"),
    path("seller/", views.seller_centre, name="seller-centre"),
    path("seller/chats/", store_chat.seller_chat_list, name="seller-chats"),
    path("seller/chats/<int:pk>/", store_chat.seller_chat, name="seller-chat"),
    path("seller/orders/", views.seller_order_list, name="seller-list"),
    path("seller/orders/<str:number>/", views.seller_order_detail, name="seller-detail"),
]
