"""What every app's API builds on: serializers that refuse unknown fields, masked output, the page size, errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import BasePermission

from privacy.masking import mask
from privacy.policy_versions import pending_version

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member
    from rest_framework.request import Request
    from rest_framework.views import APIView

ERRORS = {
    401: OpenApiResponse(description="Not signed in, or the key is invalid or revoked."),
    403: OpenApiResponse(description="A material policy version must be accepted first, or the account is closing."),
}
NOT_FOUND = {404: OpenApiResponse(description="No such object among the member's own.")}
BAD_INPUT = {400: OpenApiResponse(description="Malformed JSON, unknown fields or invalid values, by field.")}


class StrictSerializer(serializers.Serializer[Any]):
    """An input serializer that answers 400 for a field it does not know, instead of silently ignoring it."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            # Read-only fields an app sends back as it got them are known, and ignored as documented.
            unknown = sorted(str(key) for key in data if key not in self.fields)
            if unknown:
                raise serializers.ValidationError({key[:100]: [_("Unknown field.")] for key in unknown[:20]})
        return super().to_internal_value(data)


class MaskedField(serializers.CharField):
    """A personal value shown masked, like "+8•••••••••01" (phone, ID number, Alipay account)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", _("Masked: enough to recognise, not enough to use."))
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        return mask(value)


class MemberPagination(LimitOffsetPagination):
    """?limit= and ?offset=; any value is clamped, so a page never fails."""

    default_limit = 20
    max_limit = 100


class HasAcceptedPolicy(BasePermission):
    """POL-12 for API keys: PrivacyMiddleware stops a signed-in session, but sees no key; this stops the key.

    A view that must stay reachable (accepting the policy itself) sets `allows_pending_policy = True`.
    """

    message = {"code": "policy_acceptance_required", "detail": _("Accept the new privacy policy before you go on.")}

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.auth is None or getattr(view, "allows_pending_policy", False):
            return True  # a session: the middleware has checked already
        return pending_version(cast("_User", request.user)) is None  # a key always belongs to a member
