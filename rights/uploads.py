"""Proof and evidence uploads of rights requests (RGT-14): the one place that decides what is accepted.

Checked by content, never by the uploaded name or declared type; the stored name is chosen here.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# Leading bytes of the accepted formats, with the type and extension they get.
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)


@dataclass(frozen=True)
class CheckedUpload:
    file_name: str
    content_type: str
    content: bytes


def check_evidence(upload: UploadedFile) -> CheckedUpload:
    """Accept a PDF, PNG or JPEG up to RIGHTS_EVIDENCE_MAX_BYTES; anything else is a ValidationError."""
    limit = settings.RIGHTS_EVIDENCE_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}, code="too_large"
        )
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(
            _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}, code="too_large"
        )
    for signature, content_type, extension in SIGNATURES:
        if content.startswith(signature):
            return CheckedUpload(f"proof-{secrets.token_hex(8)}.{extension}", content_type, content)
    raise ValidationError(_("Upload a PDF, PNG or JPEG file."), code="file_type")
