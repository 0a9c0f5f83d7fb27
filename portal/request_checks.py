"""Requests no view should see: a NUL byte in the path or query string (issue 15, item 7).

PostgreSQL text cannot hold NUL, so such a value reaching a query raised DataError (a 500). It is
refused here with a 400 before any view runs; form fields are covered by Django's form fields,
which refuse NUL with a field error.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class RejectNulBytesMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            return render(request, "400.html", status=400)
        return self.get_response(request)
