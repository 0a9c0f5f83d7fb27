"""URLs for the point-of-use consent tests: a gated view that would store data."""

from django.http import HttpResponse
from django.urls import include, path
from django.views import View
from django.views.decorators.http import require_http_methods
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from privacy.api import HasConsent
from privacy.decorators import ConsentRequiredMixin, consent_required
from privacy.purposes import Purpose

STORED: list[str] = []


@consent_required(Purpose.PERMISSION_LOCATION)
@require_http_methods(["GET", "POST"])
def post_with_location(request):
    STORED.append(request.POST.get("location", ""))
    return HttpResponse("stored")


class ImageSearch(ConsentRequiredMixin, View):
    consent_purpose = Purpose.PERMISSION_CAMERA

    def get(self, request):
        return HttpResponse("searching")


class NearbyStores(APIView):
    permission_classes = [IsAuthenticated, HasConsent.for_purpose(Purpose.LOCATION_PERSONALISATION)]

    def post(self, request):
        STORED.append(request.data.get("location", ""))
        return Response({"stores": []})


urlpatterns = [
    path("gated/api/nearby/", NearbyStores.as_view()),
    path("gated/post/", post_with_location),
    path("gated/image-search/", ImageSearch.as_view()),
    path("", include("portal.urls")),
]
