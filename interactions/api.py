"""The app's API for section II(VI): the Messages inbox (INT-04), Alert Settings and push notifications (INT-05,
PERM-11)."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from interactions import selectors, services
from interactions.models import AlertCategory, AlertChannel, Message
from privacy.api import RequiredBooleanField
from privacy.api_base import BAD_INPUT, ERRORS, NOT_FOUND, MemberPagination, StrictSerializer


class AlertSettingSerializer(StrictSerializer):
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


class PushFetchedSerializer(StrictSerializer):
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


class InboxMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    category = serializers.CharField(source="kind")
    title = serializers.CharField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


def _message_ids(**kwargs) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1), allow_empty=False, max_length=100, **kwargs
    )


class MessageIdsSerializer(StrictSerializer):
    ids = _message_ids()


class MarkReadSerializer(StrictSerializer):
    ids = _message_ids(required=False, help_text="Leave out to mark every message read.")


class MessageCountSerializer(serializers.Serializer):
    count = serializers.IntegerField()


class MessageListView(generics.ListAPIView):
    serializer_class = InboxMessageSerializer
    pagination_class = MemberPagination

    def get_queryset(self):
        return selectors.messages_for(self.request.user)

    @extend_schema(responses={200: InboxMessageSerializer(many=True), **ERRORS}, tags=["messages"])
    def get(self, request, *args, **kwargs):
        """The member's Messages inbox, newest first (INT-04)."""
        return super().get(request, *args, **kwargs)


class MessageDetailView(APIView):
    @extend_schema(responses={200: InboxMessageSerializer, **NOT_FOUND, **ERRORS}, tags=["messages"])
    def get(self, request, pk: int):
        """One message."""
        return Response(InboxMessageSerializer(get_object_or_404(selectors.messages_for(request.user), pk=pk)).data)

    @extend_schema(request=None, responses={204: None, **NOT_FOUND, **ERRORS}, tags=["messages"])
    def delete(self, request, pk: int):
        """Delete one message for good."""
        message: Message = get_object_or_404(selectors.messages_for(request.user), pk=pk)
        services.delete_messages(member=request.user, message_ids=[message.pk])
        return Response(status=status.HTTP_204_NO_CONTENT)


class MessagesReadView(APIView):
    @extend_schema(
        request=MarkReadSerializer, responses={200: MessageCountSerializer, **BAD_INPUT, **ERRORS}, tags=["messages"]
    )
    def post(self, request):
        """Mark messages read; ids of messages that are not the member's are ignored and not counted."""
        incoming = MarkReadSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        count = services.mark_messages_read(member=request.user, message_ids=incoming.validated_data.get("ids"))
        return Response(MessageCountSerializer({"count": count}).data)


class MessagesDeleteView(APIView):
    @extend_schema(
        request=MessageIdsSerializer, responses={200: MessageCountSerializer, **BAD_INPUT, **ERRORS}, tags=["messages"]
    )
    def post(self, request):
        """Delete several messages; ids of messages that are not the member's are ignored and not counted."""
        incoming = MessageIdsSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        count = services.delete_messages(member=request.user, message_ids=incoming.validated_data["ids"])
        return Response(MessageCountSerializer({"count": count}).data)
