"""/api/v1/orders/ and /api/v1/addresses/."""

from django.urls import path

from orders import api

app_name = "orders-api"
urlpatterns = [
    path("orders/", api.OrderListView.as_view(), name="orders"),
    path("orders/<int:pk>/", api.OrderDetailView.as_view(), name="order"),
    path("addresses/", api.AddressListView.as_view(), name="addresses"),
    path("addresses/<int:pk>/", api.AddressDetailView.as_view(), name="address"),
]
