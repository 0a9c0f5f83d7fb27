"""Data between browser and server travel over HTTPS only (SEC-05), checked on the production settings."""

import json

from tests.portal.test_config import PRODUCTION_ENV, manage

# Runs inside `manage.py shell` with production settings; touches no database.
PROBE = """
import json
from django.conf import settings
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import Client, RequestFactory

plain = Client().get("/members/", HTTP_HOST="portal.example.com")
request = RequestFactory().get("/members/", HTTP_HOST="portal.example.com", HTTP_X_FORWARDED_PROTO="https")
request.session = SessionStore()
request.session["member"] = 1
response = SessionMiddleware(lambda r: HttpResponse()).process_response(request, HttpResponse())
cookie = response.cookies[settings.SESSION_COOKIE_NAME]
print(json.dumps({
    "status": plain.status_code,
    "location": plain.get("Location", ""),
    "session_secure": bool(cookie["secure"]),
    "session_httponly": bool(cookie["httponly"]),
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "hsts_seconds": settings.SECURE_HSTS_SECONDS,
}))
"""


def test_plain_http_is_redirected_to_https_and_the_session_cookie_is_secure():
    """SEC-05."""
    result = manage("shell", "-c", PROBE, env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["status"] == 301
    assert probe["location"] == "https://portal.example.com/members/"
    assert probe["session_secure"] is True
    assert probe["session_httponly"] is True
    assert probe["csrf_secure"] is True
    assert probe["hsts_seconds"] >= 365 * 24 * 60 * 60
