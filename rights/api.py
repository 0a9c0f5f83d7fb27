"""The rights API (/api/v1/rights/): members, and agents with proof of authority, file and follow requests;
and /api/v1/exports/, where the app asks for a copy of the member's data and downloads it (RGT-03).

Statuses are given in the Data Rights Protocol 1.0 vocabulary (README); the portal's own step is in `detail`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn, cast

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.timezone import now
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from privacy.api_base import ERRORS, NOT_FOUND, MemberPagination, StrictSerializer
from privacy.categories import DataCategory
from privacy.consent import Channel, context_from_request
from rights import exports
from rights import requests as services
from rights.models import (
    DataExport,
    DeletionGround,
    RequesterType,
    RequestEvent,
    RequestStatus,
    RequestType,
    RightsRequest,
)
from rights.selectors import request_list_of, request_with_timeline, requests_of

if TYPE_CHECKING:
    from django.db.models import QuerySet
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


class NewRequestSerializer(StrictSerializer):
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
    proof_consent = serializers.BooleanField(required=False, default=False)


class MessageSerializer(StrictSerializer):
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
            filed = services.submit_request(
                member=_member(request),
                context=context_from_request(request, channel=Channel.API),
                **incoming.validated_data,
            )
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


class ExportSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=DataExport.Status.choices)
    percent = serializers.IntegerField(min_value=0, max_value=100)
    request = serializers.IntegerField(source="request_id", help_text="The copy request this export answers.")
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(allow_null=True, help_text="Until when it can be downloaded.")
    size = serializers.IntegerField(help_text="Bytes.")
    is_downloadable = serializers.SerializerMethodField()

    def get_is_downloadable(self, export: DataExport) -> bool:
        return export.status == DataExport.Status.READY and export.expires_at is not None and export.expires_at > now()


class NewExportSerializer(StrictSerializer):
    """Nothing to choose: the copy holds everything the registry lists. An empty object, or no body."""


class ExportListView(generics.ListAPIView[DataExport]):
    serializer_class = ExportSerializer
    pagination_class = MemberPagination

    def get_queryset(self) -> QuerySet[DataExport]:
        return exports.exports_of(_member(self.request)).order_by("-created_at", "-id")

    @extend_schema(responses={200: ExportSerializer(many=True), **ERRORS}, tags=["exports"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The member's copies of their data, newest first (RGT-03)."""
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=NewExportSerializer,
        responses={202: ExportSerializer, 400: OpenApiResponse(description="Malformed JSON or a field."), **ERRORS},
        tags=["exports"],
    )
    def post(self, request: Request) -> Response:
        """Ask for a copy of my data; a copy already being built is returned instead of starting another."""
        NewExportSerializer(data=request.data or {}).is_valid(raise_exception=True)
        export = exports.start_export(member=_member(request))
        return Response(ExportSerializer(export).data, status=status.HTTP_202_ACCEPTED)


class ExportDetailView(APIView):
    @extend_schema(responses={200: ExportSerializer, **NOT_FOUND, **ERRORS}, tags=["exports"])
    def get(self, request: Request, pk: int) -> Response:
        """How far the copy is, and whether it can be downloaded."""
        return Response(ExportSerializer(get_object_or_404(exports.exports_of(_member(request)), pk=pk)).data)


class FileNegotiation(BaseContentNegotiation):
    """The download is a ZIP whatever the client's Accept header says; errors still come as JSON."""

    def select_parser(self, request: Request, parsers: Any) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(self, request: Request, renderers: Any, format_suffix: str | None = None) -> Any:
        return renderers[0], renderers[0].media_type


class ExportDownloadView(APIView):
    content_negotiation_class = FileNegotiation

    @extend_schema(
        responses={
            (200, "application/zip"): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="Not the member's, not built yet, or expired."),
            **ERRORS,
        },
        tags=["exports"],
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        """The ZIP of the member's data, while its 7 days last; every download is recorded."""
        export = get_object_or_404(exports.downloadable_exports_of(_member(request)), pk=pk)
        path = exports.export_path(export)
        if not path.is_file():
            raise Http404
        exports.record_download(export)
        return FileResponse(
            path.open("rb"), as_attachment=True, filename="my-1688-data.zip", content_type="application/zip"
        )
