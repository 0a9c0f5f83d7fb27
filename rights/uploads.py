"""Proof and evidence uploads of rights requests (RGT-14): the one place that decides what is accepted.

Checked by content, never by the uploaded name or declared type; the stored name is chosen here. Images take the
project's one image path (privacy.uploads.reencode_image): decoded in full and re-encoded, so a file that only starts
like a PNG or JPEG is refused and nothing but the pixels is kept. A PDF is accepted by its signature.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from privacy.uploads import reencode_image

PDF_SIGNATURE = b"%PDF-"
IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


@dataclass(frozen=True)
class CheckedUpload:
    file_name: str
    content_type: str
    content: bytes


def check_evidence(upload: UploadedFile) -> CheckedUpload:
    """Accept a PDF, PNG or JPEG up to RIGHTS_EVIDENCE_MAX_BYTES; anything else is a ValidationError."""
    limit = settings.RIGHTS_EVIDENCE_MAX_BYTES
    too_large = ValidationError(
        _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}, code="too_large"
    )
    if upload.size is None or upload.size > limit:
        raise too_large
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise too_large
    wrong_type = ValidationError(_("Upload a PDF, PNG or JPEG file."), code="file_type")
    if content.startswith(PDF_SIGNATURE):
        return CheckedUpload(f"proof-{secrets.token_hex(8)}.pdf", "application/pdf", content)
    if not content.startswith(IMAGE_SIGNATURES):
        raise wrong_type
    upload.seek(0)
    try:
        image = reencode_image(upload, max_bytes=limit, formats=("PNG", "JPEG"))
    except ValidationError:
        raise wrong_type from None
    return CheckedUpload(f"proof-{secrets.token_hex(8)}.{image.extension}", image.content_type, image.content)
