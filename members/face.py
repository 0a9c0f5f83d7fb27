"""Real-person authentication by face (VER-05), through a pluggable verification provider.

The face image goes to the provider and is then dropped: the server keeps only
whether the check passed, which provider decided and when. `settings.FACE_VERIFICATION_PROVIDER`
names a class with a `code` ("state_agency" or "alipay") and `verify(*, image: bytes) -> bool`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.module_loading import import_string

from members.models import FaceVerification, IdentityVerification, Member
from privacy import consent
from privacy.purposes import Purpose

DEFAULT_PROVIDER = "members.face.SimulatedStateAgencyProvider"
IMAGE_MAX_BYTES = 2 * 1024 * 1024
# The whole upload request: the photo plus the form around it. Below Django's in-memory upload limit.
REQUEST_MAX_BYTES = IMAGE_MAX_BYTES + 64 * 1024


class SimulatedStateAgencyProvider:
    """The state-recognised agency's test double: no network; a PNG or JPEG photo of some substance passes."""

    code = IdentityVerification.Provider.STATE_AGENCY
    MIN_BYTES = 64

    def verify(self, *, image: bytes) -> bool:
        is_photo = image.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"))
        return is_photo and len(image) >= self.MIN_BYTES


def provider():
    return import_string(getattr(settings, "FACE_VERIFICATION_PROVIDER", "") or DEFAULT_PROVIDER)()


def has_biometric_consent(member: Member) -> bool:
    return consent.has_consent(member, Purpose.BIOMETRIC)


def verify_face(*, member: Member, image: bytes) -> FaceVerification:
    """Ask the provider whether `image` shows the member; keep only the outcome (VER-05).

    Refused, with nothing sent or stored, without the member's separate biometric consent.
    """
    if not has_biometric_consent(member):
        raise PermissionDenied("Face verification needs the member's separate consent to biometric information.")
    checker = provider()
    is_passed = bool(checker.verify(image=image))
    return FaceVerification.objects.create(member=member, provider=checker.code, is_passed=is_passed)


def latest_face_verification(member: Member) -> FaceVerification | None:
    return FaceVerification.objects.filter(member=member).order_by("-verified_at", "-id").first()
