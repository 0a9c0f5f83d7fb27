"""The one path every uploaded image takes: size checked before the body is read, decoded in full, re-encoded.

Nothing a member uploads is kept or passed on as sent: the pixels are decoded and written into a new PNG or
JPEG file under a name and extension the server chooses, so a file that only starts like an image (a script
behind a GIF header) is refused, and metadata or trailing bytes never survive. Uploaded media are served only
as images, with `nosniff`, a `Content-Disposition` and a sandboxing CSP (`serve_media`).
"""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from io import BytesIO
from pathlib import PurePosixPath
from typing import IO, TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

if TYPE_CHECKING:
    from django.http.response import HttpResponseBase

P = ParamSpec("P")
R = TypeVar("R", bound="HttpResponseBase")

# What a decoded upload may be, and the format it is re-encoded to: GIFs become PNGs (no animation).
DECODABLE = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "PNG"}
EXTENSIONS = {"PNG": "png", "JPEG": "jpg"}
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg"}
# Enough for any photo a phone takes; more pixels would be a decompression bomb.
MAX_PIXELS = 40_000_000
# Room for the form fields around a file in a multipart request.
FORM_OVERHEAD_BYTES = 64 * 1024
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, TypeError, Image.DecompressionBombError)


@dataclass(frozen=True)
class CleanImage:
    """An upload after decoding and re-encoding: only these bytes are ever stored or sent on."""

    content: bytes
    extension: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]

    def as_file(self) -> ContentFile[bytes]:
        """The image as a file to store, named by the server (a random name and the real extension)."""
        return ContentFile(self.content, name=f"{uuid.uuid4().hex}.{self.extension}")


def reencode_image(
    upload: IO[bytes], *, max_bytes: int, formats: tuple[str, ...] = ("PNG", "JPEG", "GIF")
) -> CleanImage:
    """Decode `upload` (a file object) in full and re-encode it; ValidationError `too_large` or `not_an_image`."""
    too_large = ValidationError(
        _("The image may be at most %(size)s MB.") % {"size": f"{max_bytes / 1024 / 1024:g}"}, code="too_large"
    )
    if (getattr(upload, "size", None) or 0) > max_bytes:
        raise too_large
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large
    not_an_image = ValidationError(
        _("Upload a %(formats)s image.") % {"formats": get_text_list(list(formats), _("or"))}, code="not_an_image"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data), formats=formats) as probe:
                source_format = probe.format
                if probe.width * probe.height > MAX_PIXELS:
                    raise not_an_image
                probe.verify()
            # verify() leaves the image unusable: decode it again, this time every pixel.
            with Image.open(BytesIO(data), formats=formats) as image:
                image.load()
                target = DECODABLE[cast("str", source_format)]  # opened with formats=, so one of them
                pixels = _pixels_for(image, target)
                out = BytesIO()
                pixels.save(out, format=target, **({"quality": 90} if target == "JPEG" else {"optimize": True}))
    except (*DECODE_ERRORS, UnidentifiedImageError, KeyError, Warning):
        raise not_an_image from None
    return CleanImage(content=out.getvalue(), extension=EXTENSIONS[target])


def _pixels_for(image: Image.Image, target: str) -> Image.Image:
    # A new image from the decoded pixels only: no metadata, comments or trailing bytes come along.
    if target == "JPEG":
        return image.convert("RGB")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    return image.convert("RGBA" if has_alpha else "RGB")


def upload_limit(
    max_bytes: int,
) -> Callable[[Callable[Concatenate[HttpRequest, P], R]], Callable[Concatenate[HttpRequest, P], R]]:
    """Mark a view that accepts uploads: `UploadLimitMiddleware` refuses a larger request before it is read."""

    def decorate(view: Callable[Concatenate[HttpRequest, P], R]) -> Callable[Concatenate[HttpRequest, P], R]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> R:
            return view(request, *args, **kwargs)

        wrapped.upload_max_bytes = max_bytes  # type: ignore[attr-defined]  # a function takes attributes
        return wrapped

    return decorate


class UploadLimitMiddleware:
    """Refuses a request body larger than the view allows, from its Content-Length, before anything reads it.

    It sits before CsrfViewMiddleware, which reads the form (and so the whole upload) to find its token.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if request.method not in ("POST", "PUT", "PATCH"):
            return None
        max_bytes = getattr(view_func, "upload_max_bytes", settings.REQUEST_BODY_MAX_BYTES)
        declared = request.META.get("CONTENT_LENGTH") or ""
        if not declared.isdigit():
            # A WSGIRequest's content_type is never None: "" when the header is absent.
            if request.META.get("HTTP_TRANSFER_ENCODING") or cast("str", request.content_type).startswith("multipart/"):
                # A streamed body has no length to check first (411 Length Required).
                return render(request, "400.html", status=411)
            return None
        if int(declared) > max_bytes:
            return render(request, "413.html", {"max_megabytes": max(1, max_bytes // (1024 * 1024))}, status=413)
        return None


def serve_media(request: HttpRequest, name: str) -> FileResponse:
    """An uploaded image, only as an image: anything else under MEDIA_ROOT is not served (404)."""
    path = PurePosixPath(name)
    extension = path.suffix.lower().lstrip(".")
    content_type = CONTENT_TYPES.get("jpg" if extension == "jpeg" else extension)
    if content_type is None or path.is_absolute() or ".." in path.parts or not default_storage.exists(name):
        raise Http404
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    # The same headers as the reverse proxy sets in production (README).
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="{path.name}"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
