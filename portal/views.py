"""The site shell: home page, health check, contact page and error pages."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from drf_spectacular.views import SpectacularSwaggerSplitView

from catalog.selectors import recommendations_for
from portal import health
from publishing.selectors import featured_posts


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Recommendations: personalised only while the member's consent is granted (BRW-10); posts staff featured."""
    commodities, is_personalised = recommendations_for(request.user, limit=12)
    context = {"commodities": commodities, "is_personalised": is_personalised, "featured_posts": featured_posts()}
    return render(request, "portal/home.html", context)


@require_GET
def contact(request: HttpRequest) -> HttpResponse:
    context = {"operators": settings.PLATFORM_OPERATORS, "domains": settings.PLATFORM_DOMAINS}
    return render(request, "portal/contact.html", context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Overall status, 503 when the database (without which nothing works) is down; details for staff and local probes."""
    database = health.check_database()
    redis = health.check_redis()
    if redis.ok is False and settings.CELERY_BROKER_URL == settings.REDIS_URL:
        celery = health.Check(False, "broker (Redis) unreachable")
    else:
        celery = health.cached_check_celery(timeout=settings.HEALTHZ_CELERY_PING_TIMEOUT)
    checks = {"database": database, "redis": redis, "celery": celery}
    if database.ok:
        checks["stalled_runs"] = health.check_stalled_runs()
    if not database.ok:
        status = "down"
    elif any(check.ok is False for check in checks.values()):
        status = "degraded"
    else:
        status = "ok"
    body: dict[str, object] = {"status": status}
    if health.may_see_details(request):
        # What failed and how is for staff and local probes; the public learns only the overall status.
        body["checks"] = {name: check.as_json() for name, check in checks.items()}
    return JsonResponse(body, status=503 if status == "down" else 200)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None) -> HttpResponse:
    return render(request, "404.html", status=404)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (admin, JSON): the site's SVG icon."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the database may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({"request": request}), status=500)


class ApiDocsView(SpectacularSwaggerSplitView):
    """/api/docs/: Swagger UI from this site's static files, its start-up script a separate file (CSP: no inline)."""

    template_name = "portal/api_docs.html"
