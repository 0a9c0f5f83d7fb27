"""The app's API for section II(VI): Alert Settings and push notifications (INT-05, PERM-11)."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from interactions import services
from interactions.models import AlertCategory, AlertChannel
from privacy.api import ERRORS, RequiredBooleanField


class AlertSettingSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=AlertCategory.choices)
    channel = serializers.ChoiceField(choices=AlertChannel.choices)
    is_enabled = RequiredBooleanField()
    is_mandatory = serializers.BooleanField(read_only=True)


class AlertSettingsView(APIView):
    @extend_schema(responses={200: AlertSettingSerializer(many=True), **ERRORS}, tags=["alerts"])
    def get(self, request):
        """Every (category, channel) switch of Alert Settings (INT-05)."""
        return Response(AlertSettingSerializer(_alert_rows(request.user), many=True).data)

    @extend_schema(
        request=AlertSettingSerializer(many=True),
        responses={
            200: AlertSettingSerializer(many=True),
            400: OpenApiResponse(description="Unknown category or channel, or a mandatory one switched off."),
            **ERRORS,
        },
        tags=["alerts"],
    )
    def put(self, request):
        """Change some switches; security and service notices cannot be switched off (INT-01)."""
        serializer = AlertSettingSerializer(data=request.data, many=True)
        serializer.is_valid(raise_exception=True)
        choices = {(row["category"], row["channel"]): row["is_enabled"] for row in serializer.validated_data}
        try:
            services.save_alert_settings(request.user, choices)
        except ValidationError as error:
            raise ApiValidationError({"detail": error.messages, "code": error.code}) from None
        return Response(AlertSettingSerializer(_alert_rows(request.user), many=True).data)


def _alert_rows(member) -> list[dict]:
    return [
        {
            "category": category,
            "channel": channel,
            "is_enabled": enabled,
            "is_mandatory": category in services.MANDATORY,
        }
        for (category, channel), enabled in services.alert_settings(member).items()
    ]


class PushNotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    category = serializers.CharField(source="kind")
    title = serializers.CharField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class PushFetchedSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(min_value=1), allow_empty=False, max_length=100)


class PushMarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField()


class PushNotificationsView(APIView):
    @extend_schema(responses={200: PushNotificationSerializer(many=True), **ERRORS}, tags=["alerts"])
    def get(self, request):
        """Notices waiting for the app to show as push notifications, newest first (INT-05, PERM-11).

        They are written only while the member grants push notifications; at most 100 at a time.
        """
        return Response(PushNotificationSerializer(services.pending_push(request.user), many=True).data)


class PushFetchedView(APIView):
    @extend_schema(
        request=PushFetchedSerializer,
        responses={200: PushMarkedSerializer, 400: OpenApiResponse(description="No list of ids."), **ERRORS},
        tags=["alerts"],
    )
    def post(self, request):
        """The app confirms it showed these push notifications; they are not returned again."""
        serializer = PushFetchedSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        marked = services.mark_push_fetched(request.user, serializer.validated_data["ids"])
        return Response(PushMarkedSerializer({"marked": marked}).data)
