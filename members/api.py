"""The member's profile through the API (/api/v1/profile/): read it, and change the optional fields (MEM-04)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from members import services
from members.models import Member
from privacy.api_base import BAD_INPUT, ERRORS, MaskedField, StrictSerializer

if TYPE_CHECKING:
    from rest_framework.request import Request

_fields = {field.name: field for field in Member._meta.fields}


class ProfileSerializer(serializers.Serializer[Any]):
    member_name = serializers.CharField()
    phone = MaskedField()
    nickname = serializers.CharField(help_text="Shown publicly.")
    real_name = serializers.CharField()
    landline = MaskedField()
    other_contact = serializers.CharField()
    position = serializers.CharField()
    industry = serializers.CharField()
    avatar = serializers.SerializerMethodField()
    level = serializers.IntegerField()
    registered_at = serializers.DateTimeField(allow_null=True)

    def get_avatar(self, member: Member) -> str | None:
        return member.avatar.url if member.avatar else None


def _optional(name: str) -> serializers.CharField:
    return serializers.CharField(max_length=_fields[name].max_length or 0, required=False, allow_blank=True)


class ProfileChangeSerializer(StrictSerializer):
    """Send only the fields to change; any may be blank. The avatar is changed on the profile page."""

    nickname = _optional("nickname")
    real_name = _optional("real_name")
    landline = _optional("landline")
    other_contact = _optional("other_contact")
    position = _optional("position")
    industry = _optional("industry")


class ProfileView(APIView):
    @extend_schema(responses={200: ProfileSerializer, **ERRORS}, tags=["profile"])
    def get(self, request: Request) -> Response:
        """The member's account and optional profile; the mobile and landline numbers come masked."""
        return Response(ProfileSerializer(request.user).data)

    @extend_schema(
        request=ProfileChangeSerializer, responses={200: ProfileSerializer, **BAD_INPUT, **ERRORS}, tags=["profile"]
    )
    def patch(self, request: Request) -> Response:
        """Change some optional profile fields (MEM-04, RGT-01); the change is recorded as a security event."""
        incoming = ProfileChangeSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        member = services.update_profile(
            member=cast("Member", request.user), request=request, **incoming.validated_data
        )
        return Response(ProfileSerializer(member).data)
