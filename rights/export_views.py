"""RGT-03 pages: ask for a copy of my data, watch it being built, download it from the signed link."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from rights.exports import export_for_link, export_path, exports_of, link_token, record_download, start_export
from rights.models import DataExport

if TYPE_CHECKING:
    from members.models import Member


def _member(request: HttpRequest) -> Member:
    return cast("Member", request.user)  # only behind login_required, which lets only members through


@login_required
@require_http_methods(["GET", "POST"])
def copy(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        export = start_export(member=_member(request))
        return redirect(f"{request.path}?export={export.pk}")
    exports = list(exports_of(_member(request)).order_by("-created_at")[:10])
    links = {e.pk: link_token(e) for e in exports if e.status == DataExport.Status.READY}
    return render(request, "rights/copy.html", {"exports": exports, "links": links})


@login_required
@require_GET
def progress(request: HttpRequest, pk: int) -> JsonResponse:
    export = get_object_or_404(exports_of(_member(request)), pk=pk)
    return JsonResponse({"status": export.status, "percent": export.percent, "label": export.get_status_display()})


@login_required
@require_GET
def download(request: HttpRequest, token: str) -> FileResponse:
    export = export_for_link(token, member=_member(request))
    if export is None:
        raise Http404
    path = export_path(export)
    if not path.is_file():
        raise Http404
    record_download(export)
    return FileResponse(
        path.open("rb"), as_attachment=True, filename="my-1688-data.zip", content_type="application/zip"
    )
