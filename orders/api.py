"""Orders and the address book through the API (/api/v1/orders/, /api/v1/addresses/), each scoped to the member.

Phone numbers and ID numbers come back masked; the customs ID number never leaves the server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from orders import selectors, services
from orders.forms import normalise_phone
from orders.models import Address, Order
from privacy.api_base import BAD_INPUT, ERRORS, NOT_FOUND, MaskedField, MemberPagination, StrictSerializer

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from rest_framework.request import Request


class OrderItemSerializer(serializers.Serializer[Any]):
    title = serializers.CharField()
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2)
    quantity = serializers.IntegerField()


class OrderSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.CharField()
    total_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    consignee_name = serializers.CharField()
    consignee_phone = MaskedField()
    delivery_address = serializers.CharField()
    created_at = serializers.DateTimeField()
    paid_at = serializers.DateTimeField(allow_null=True)
    shipped_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    items = OrderItemSerializer(many=True)


class OrderEventSerializer(serializers.Serializer[Any]):
    status = serializers.CharField()
    reported_by = serializers.CharField(source="source")
    occurred_at = serializers.DateTimeField()


class OrderDetailSerializer(OrderSerializer):
    alternative_phone = MaskedField()
    delivery_time = serializers.CharField()
    remarks = serializers.CharField()
    is_for_someone_else = serializers.BooleanField()
    invoice_title = serializers.CharField()
    taxpayer_id = MaskedField()
    customs_id_name = serializers.CharField()
    tracking_number = serializers.CharField(source="shipment.tracking_number", allow_null=True, default=None)
    events = OrderEventSerializer(many=True)


class AddressSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    consignee_name = serializers.CharField()
    phone = MaskedField()
    address = serializers.CharField()
    created_at = serializers.DateTimeField()


class AddressInputSerializer(StrictSerializer):
    consignee_name = serializers.CharField(max_length=80)
    phone = serializers.CharField(max_length=20)
    address = serializers.CharField(max_length=300)

    def validate_phone(self, value: str) -> str:
        try:
            return normalise_phone(value)
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from None


class OrderListView(generics.ListAPIView[Order]):
    serializer_class = OrderSerializer
    pagination_class = MemberPagination

    def get_queryset(self) -> QuerySet[Order]:
        return selectors.orders_with_items_for(self.request.user)

    @extend_schema(responses={200: OrderSerializer(many=True), **ERRORS}, tags=["orders"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The member's orders, newest first, with their items."""
        return super().get(request, *args, **kwargs)


class OrderDetailView(APIView):
    @extend_schema(responses={200: OrderDetailSerializer, **NOT_FOUND, **ERRORS}, tags=["orders"])
    def get(self, request: Request, pk: int) -> Response:
        """One order with its status timeline and tracking number."""
        return Response(OrderDetailSerializer(get_object_or_404(selectors.order_detail_for(request.user), pk=pk)).data)


class AddressListView(generics.ListAPIView[Address]):
    serializer_class = AddressSerializer
    pagination_class = MemberPagination

    def get_queryset(self) -> QuerySet[Address]:
        return selectors.addresses_for(self.request.user).order_by("-created_at", "-id")

    @extend_schema(responses={200: AddressSerializer(many=True), **ERRORS}, tags=["addresses"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The member's address book, newest first, offered at checkout."""
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=AddressInputSerializer, responses={201: AddressSerializer, **BAD_INPUT, **ERRORS}, tags=["addresses"]
    )
    def post(self, request: Request) -> Response:
        """Save a new address."""
        incoming = AddressInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        address = services.add_address(member=request.user, **incoming.validated_data)
        return Response(AddressSerializer(address).data, status=status.HTTP_201_CREATED)


class AddressDetailView(APIView):
    def _address(self, request: Request, pk: int) -> Address:
        return get_object_or_404(selectors.addresses_for(request.user), pk=pk)

    @extend_schema(responses={200: AddressSerializer, **NOT_FOUND, **ERRORS}, tags=["addresses"])
    def get(self, request: Request, pk: int) -> Response:
        """One saved address."""
        return Response(AddressSerializer(self._address(request, pk)).data)

    @extend_schema(
        request=AddressInputSerializer,
        responses={200: AddressSerializer, **BAD_INPUT, **NOT_FOUND, **ERRORS},
        tags=["addresses"],
    )
    def put(self, request: Request, pk: int) -> Response:
        """Replace a saved address; orders already placed keep their own copy."""
        self._address(request, pk)
        incoming = AddressInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.update_address(member=request.user, pk=pk, **incoming.validated_data)
        return Response(AddressSerializer(self._address(request, pk)).data)

    @extend_schema(request=None, responses={204: None, **NOT_FOUND, **ERRORS}, tags=["addresses"])
    def delete(self, request: Request, pk: int) -> Response:
        """Delete a saved address for good (RGT-04)."""
        self._address(request, pk)
        services.delete_address(member=request.user, pk=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
