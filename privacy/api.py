"""The mobile app's consent API: read and change consents, report system permissions, accept the policy."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.fields import empty
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from privacy import consent
from privacy.api_base import ERRORS, StrictSerializer
from privacy.policy_versions import accept_version, pending_version
from privacy.purposes import PURPOSES, Purpose
from privacy.selectors import privacy_centre

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member
    from rest_framework.request import Request

    from privacy.models import ConsentEvent

PERMISSIONS = {
    "camera": Purpose.PERMISSION_CAMERA,
    "photos": Purpose.PERMISSION_PHOTOS,
    "microphone": Purpose.PERMISSION_MICROPHONE,
    "location": Purpose.PERMISSION_LOCATION,
    "clipboard": Purpose.PERMISSION_CLIPBOARD,
    "notifications": Purpose.PUSH_NOTIFICATIONS,
}


class RequiredBooleanField(serializers.BooleanField):
    """A boolean the client must send: missing is "This field is required.", never false (issue 15, item 10)."""

    default_empty_html = empty


class ConsentStateSerializer(serializers.Serializer[Any]):
    purpose = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a declared field, not Field.label
    scope = serializers.CharField()
    explanation = serializers.CharField()
    clauses = serializers.ListField(child=serializers.CharField())
    is_necessary = serializers.BooleanField()
    is_granted = serializers.BooleanField()
    latest_event_id = serializers.IntegerField(help_text="Send back as expected_event_id to refuse stale changes.")


class ConsentEventSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    purpose = serializers.CharField()
    scope = serializers.CharField()
    is_granted = serializers.BooleanField()
    channel = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    policy_version = serializers.CharField(source="policy_version.label", allow_null=True, default=None)


class ConsentChangeSerializer(StrictSerializer):
    is_granted = RequiredBooleanField()
    scope = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    expected_event_id = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, default=None, help_text="0 when there was no event yet."
    )


class PermissionReportSerializer(StrictSerializer):
    permission = serializers.ChoiceField(choices=sorted(PERMISSIONS))
    is_granted = RequiredBooleanField()


class PolicyAcceptanceSerializer(StrictSerializer):
    label = serializers.CharField(max_length=40)  # type: ignore[assignment]  # a declared field, not Field.label


class PolicyStatusSerializer(serializers.Serializer[Any]):
    pending_version = serializers.CharField(allow_null=True)


def _member(request: Request) -> _User:
    return cast("_User", request.user)  # IsAuthenticated, the default permission, lets only members through


def _state_rows(member: _User) -> list[dict[str, Any]]:
    centre = privacy_centre(member)
    items = [item for section in centre["sections"] for item in section["items"]] + centre["separate"]
    rows = [
        {
            "purpose": p.value,
            "label": str(p.label),
            "scope": "",
            "explanation": str(entry["info"].explanation),
            "clauses": list(entry["info"].clauses),
            "is_necessary": True,
            "is_granted": True,
            "latest_event_id": 0,
        }
        for entry in centre["necessary"]
        for p in [entry["purpose"]]
    ]
    rows += [
        {
            "purpose": item.purpose.value,
            "label": str(item.purpose.label),
            "scope": item.scope,
            "explanation": str(item.info.explanation),
            "clauses": list(item.info.clauses),
            "is_necessary": False,
            "is_granted": item.is_granted,
            "latest_event_id": item.latest_event_id,
        }
        for item in items
    ]
    return rows


def _change(request: Request, purpose: Purpose, data: dict[str, Any]) -> ConsentEvent:
    try:
        return consent.set_consent(
            _member(request),
            purpose,
            is_granted=data["is_granted"],
            scope=data.get("scope", ""),
            expected_event_id=data.get("expected_event_id"),
            context=consent.context_from_request(request, channel=consent.Channel.API),
        )
    except ValidationError as error:
        raise ApiValidationError({"detail": error.messages, "code": error.code}) from None


class ConsentListView(APIView):
    @extend_schema(responses={200: ConsentStateSerializer(many=True), **ERRORS}, tags=["consents"])
    def get(self, request: Request) -> Response:
        """Every consent with its current state (RGT-08)."""
        return Response(ConsentStateSerializer(_state_rows(_member(request)), many=True).data)


class ConsentDetailView(APIView):
    @extend_schema(
        request=ConsentChangeSerializer,
        responses={
            201: ConsentEventSerializer,
            400: OpenApiResponse(description="Unknown purpose, necessary purpose, bad scope or stale change."),
            **ERRORS,
        },
        tags=["consents"],
    )
    def post(self, request: Request, purpose: str) -> Response:
        """Grant or withdraw one purpose; necessary purposes cannot be withdrawn (RGT-10)."""
        try:
            purpose = Purpose(purpose)
        except ValueError:
            raise ApiValidationError(
                {"detail": [_("Unknown purpose: %(purpose)s.") % {"purpose": purpose}], "code": "unknown_purpose"}
            ) from None
        if PURPOSES[purpose].is_necessary:
            raise ApiValidationError(
                {"detail": [_("%(purpose)s cannot be changed here.") % {"purpose": purpose.label}], "code": "necessary"}
            )
        serializer = ConsentChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = _change(request, purpose, serializer.validated_data)
        return Response(ConsentEventSerializer(event).data, status=status.HTTP_201_CREATED)


class ConsentHistoryView(APIView):
    @extend_schema(responses={200: ConsentEventSerializer(many=True), **ERRORS}, tags=["consents"])
    def get(self, request: Request) -> Response:
        """The member's consent events, newest first."""
        return Response(ConsentEventSerializer(consent.history(_member(request)), many=True).data)


class PermissionReportView(APIView):
    @extend_schema(
        request=PermissionReportSerializer,
        responses={201: ConsentEventSerializer, 400: OpenApiResponse(description="Unknown permission."), **ERRORS},
        tags=["consents"],
    )
    def post(self, request: Request) -> Response:
        """The app reports that the member granted or revoked a system permission (PERM-02, PERM-06)."""
        serializer = PermissionReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        purpose = PERMISSIONS[serializer.validated_data["permission"]]
        event = _change(request, purpose, {"is_granted": serializer.validated_data["is_granted"]})
        return Response(ConsentEventSerializer(event).data, status=status.HTTP_201_CREATED)


class PolicyAcceptanceView(APIView):
    allows_pending_policy = True

    @extend_schema(responses={200: PolicyStatusSerializer, **ERRORS}, tags=["policy"])
    def get(self, request: Request) -> Response:
        """Which material policy version, if any, the member must accept before using the API (POL-12)."""
        version = pending_version(_member(request))
        return Response(PolicyStatusSerializer({"pending_version": version.label if version else None}).data)

    @extend_schema(
        request=PolicyAcceptanceSerializer,
        responses={
            201: ConsentEventSerializer,
            400: OpenApiResponse(description="Not the version pending."),
            **ERRORS,
        },
        tags=["policy"],
    )
    def post(self, request: Request) -> Response:
        """Accept the pending material version, named by its label."""
        serializer = PolicyAcceptanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = pending_version(_member(request))
        if version is None or version.label != serializer.validated_data["label"]:
            raise ApiValidationError({"label": [_("That is not the version waiting for your acceptance.")]})
        event = accept_version(
            _member(request), version, context=consent.context_from_request(request, channel=consent.Channel.API)
        )
        return Response(ConsentEventSerializer(event).data, status=status.HTTP_201_CREATED)


class HasConsent(BasePermission):
    """POL-03 for the API: `permission_classes = [IsAuthenticated, HasConsent.for_purpose(Purpose.X)]`."""

    purpose: Purpose

    @classmethod
    def for_purpose(cls, purpose: Purpose) -> type[HasConsent]:
        return type(f"HasConsent_{purpose.value}", (cls,), {"purpose": Purpose(purpose)})

    def has_permission(self, request: Request, view: APIView) -> bool:
        if consent.has_consent(request.user, self.purpose):
            return True
        info = PURPOSES[self.purpose]
        self.message = {
            "code": "consent_required",
            "purpose": self.purpose.value,
            "detail": _("This needs your consent to: %(purpose)s. %(why)s")
            % {"purpose": self.purpose.label, "why": info.explanation},
        }
        return False
