"""The rights API (/api/v1/rights/): members, and agents with proof of authority, file and follow requests.

Statuses are given in the Data Rights Protocol 1.0 vocabulary (README); the portal's own step is in `detail`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn, cast

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from privacy.categories import DataCategory
from rights import requests as services
from rights.models import DeletionGround, RequesterType, RequestEvent, RequestStatus, RequestType, RightsRequest
from rights.selectors import request_list_of, request_with_timeline, requests_of

if TYPE_CHECKING:
    from rest_framework.request import Request

    from members.models import Member

S = RequestStatus
# Our workflow onto the seven request statuses of the Data Rights Protocol 1.0.
DRP_STATUS: dict[str, str] = {
    S.SUBMITTED: "needs_user_verification",
    S.VERIFIED: "open",
    S.IN_PROGRESS: "in_progress",
    S.WAITING: "in_progress",
    S.FULFILLED: "fulfilled",
    S.REFUSED: "denied",
    S.OUT_OF_SCOPE: "denied",
    S.DUPLICATE: "denied",
    S.EXPIRED: "expired",
    S.WITHDRAWN: "revoked",
}
DRP_STATUSES = ("open", "in_progress", "fulfilled", "denied", "expired", "revoked", "needs_user_verification")
ERRORS = {
    401: OpenApiResponse(description="Not signed in."),
    403: OpenApiResponse(description="A material policy version must be accepted first, or the account is closing."),
}


class EventSerializer(serializers.Serializer[Any]):
    occurred_at = serializers.DateTimeField()
    actor = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.SerializerMethodField()
    body = serializers.CharField()

    def get_status(self, event: RequestEvent) -> str | None:
        return DRP_STATUS.get(event.to_status) if event.to_status else None


class RequestSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    type = serializers.CharField()
    status = serializers.SerializerMethodField(help_text="Data Rights Protocol 1.0 status.")
    detail = serializers.CharField(source="status", help_text="The portal's own step of the request.")
    requester_type = serializers.CharField()
    category = serializers.CharField()
    deletion_ground = serializers.CharField()
    received_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    is_paused = serializers.SerializerMethodField()
    closed_at = serializers.DateTimeField(allow_null=True)
    refusal_reason = serializers.CharField()
    answer = serializers.CharField()
    duplicate_of = serializers.IntegerField(source="duplicate_of_id", allow_null=True)

    def get_status(self, request: RightsRequest) -> str:
        return DRP_STATUS[request.status]

    def get_is_paused(self, request: RightsRequest) -> bool:
        return request.paused_at is not None


class RequestDetailSerializer(RequestSerializer):
    timeline = EventSerializer(many=True)


class NewRequestSerializer(serializers.Serializer[Any]):
    type = serializers.ChoiceField(choices=[t for t in RequestType.values if t != RequestType.COPY])
    details = serializers.CharField(max_length=5000, required=False, default="", allow_blank=True)
    category = serializers.ChoiceField(choices=DataCategory.values, required=False, default="", allow_blank=True)
    deletion_ground = serializers.ChoiceField(
        choices=DeletionGround.values, required=False, default="", allow_blank=True
    )
    decision_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    requester_type = serializers.ChoiceField(choices=RequesterType.values, default=RequesterType.SELF)
    requester_name = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    proof = serializers.FileField(required=False, allow_null=True, default=None)


class MessageSerializer(serializers.Serializer[Any]):
    message = serializers.CharField(max_length=5000)


def _member(request: Request) -> Member:
    return cast("Member", request.user)  # IsAuthenticated, the default permission, lets only members through


def _raise(error: ValidationError) -> NoReturn:
    raise ApiValidationError(error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages})


class RequestListView(APIView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(responses={200: RequestSerializer(many=True), **ERRORS})
    def get(self, request: Request) -> Response:
        """The member's requests, newest first."""
        return Response(RequestSerializer(request_list_of(_member(request))[:200], many=True).data)

    @extend_schema(request=NewRequestSerializer, responses={201: RequestSerializer, 400: None, **ERRORS})
    def post(self, request: Request) -> Response:
        """File a request; an agent, guardian or close relative sends a proof document (RGT-14)."""
        incoming = NewRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            filed = services.submit_request(member=_member(request), **incoming.validated_data)
        except ValidationError as error:
            _raise(error)
        return Response(RequestSerializer(filed).data, status=status.HTTP_201_CREATED)


class RequestDetailView(APIView):
    @extend_schema(responses={200: RequestDetailSerializer, 404: None, **ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        """One request with its timeline of status changes and messages."""
        return Response(RequestDetailSerializer(get_object_or_404(request_with_timeline(_member(request)), pk=pk)).data)


class RequestMessageView(APIView):
    @extend_schema(request=MessageSerializer, responses={201: RequestSerializer, 400: None, 404: None, **ERRORS})
    def post(self, request: Request, pk: int) -> Response:
        """Reply to customer service; a request waiting for the member goes back to work."""
        rights_request = get_object_or_404(requests_of(_member(request)), pk=pk)
        incoming = MessageSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            rights_request = services.reply(
                request=rights_request, member=_member(request), message=incoming.validated_data["message"]
            )
        except ValidationError as error:
            _raise(error)
        return Response(RequestSerializer(rights_request).data, status=status.HTTP_201_CREATED)


class RequestRevokeView(APIView):
    @extend_schema(request=None, responses={200: RequestSerializer, 400: None, 404: None, **ERRORS})
    def post(self, request: Request, pk: int) -> Response:
        """Withdraw an open request (DRP "revoked")."""
        rights_request = get_object_or_404(requests_of(_member(request)), pk=pk)
        try:
            rights_request = services.withdraw(request=rights_request, member=_member(request))
        except ValidationError as error:
            _raise(error)
        return Response(RequestSerializer(rights_request).data)
