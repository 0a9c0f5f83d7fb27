"""Every URL of the project, with a NUL byte or an over-long value in each path parameter, answers without a 5xx
(issue 15, item 7)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db

ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?:[^()]|\([^()]*\))*\)")
HARMLESS = {"int": "1", "slug": "x", "str": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}
# A NUL byte, and an over-long value: digits past any integer column for <int:...>, 5,000 characters otherwise.
HOSTILE = {
    "NUL": lambda converter: "%00",
    "over-long": lambda converter: "9" * 40 if converter == "int" else "x" * 5000,
}


def routes(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    """Every pattern as one string, includes joined, regex anchors dropped."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        text = str(entry.pattern).lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")
        if isinstance(entry, URLResolver):
            found += routes(entry, prefix + text)
        elif isinstance(entry, URLPattern):
            found.append(prefix + text)
    return found


def parameters(route: str) -> list[str]:
    return [m.group(0) for m in ROUTE_PARAMETER.finditer(route)] + [m.group(0) for m in REGEX_GROUP.finditer(route)]


def converter(parameter: str) -> str:
    match = ROUTE_PARAMETER.fullmatch(parameter)
    return (match and match.group("converter")) or "str"


def fill(route: str, target: str, value: str) -> str:
    """The route with `value` for the `target` parameter and a harmless value for every other one."""
    filled = route
    for parameter in parameters(route):
        replacement = value if parameter == target else HARMLESS.get(converter(parameter), "x")
        filled = filled.replace(parameter, replacement, 1)
    return "/" + filled


CASES = sorted(
    {
        (fill(route, parameter, value(converter(parameter))), label)
        for route in routes()
        for parameter in parameters(route)
        for label, value in HOSTILE.items()
    }
)


def test_the_walk_covers_the_urls_the_issue_names():
    urls = {url for url, _label in CASES}

    for expected in ["/members/people/%00/", "/me/orders/%00/", "/seller/orders/%00/", "/members/linked/%00/"]:
        assert expected in urls
    assert len({url.split("/")[1] for url in urls}) >= 5


@pytest.mark.parametrize("who", ["member", "staff"])
def test_no_url_answers_a_hostile_parameter_with_a_server_error(client, member, django_user_model, who):
    if who == "staff":
        sign_in_staff(client, django_user_model.objects.create_superuser("opsagent", "staff password 1234"))
    else:
        client.force_login(member)
    client.raise_request_exception = False

    failures = []
    for url, label in CASES:
        for method in (client.get, client.post):
            response = method(url)
            if response.status_code >= 500:
                failures.append(f"{method.__name__.upper()} {url[:80]} ({label}): {response.status_code}")

    assert failures == []


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/accounts/login/", {"login": "ali\x00ce", "password": "x\x00"}),
        ("/members/retrieve/", {"member_name": "a\x00", "real_name": "\x00", "id_number": "\x00", "new_phone": "\x00"}),
        ("/members/profile/", {"nickname": "Al\x00ly", "real_name": "\x00"}),
        ("/privacy/consent/", {"purpose": "marketing\x00", "scope": "\x00", "next": "/"}),
        ("/privacy/policy/accept/", {"label": "\x00", "next": "/\x00"}),
        ("/search/?q=lamp%00", {}),
    ],
)
def test_a_nul_byte_in_a_form_field_or_query_is_refused_without_a_server_error(client, member, url, data):
    client.force_login(member)
    client.raise_request_exception = False

    response = client.post(url, data) if data else client.get(url)

    assert response.status_code < 500
    member.refresh_from_db()
    assert member.nickname == "Alice W."


def test_a_nul_byte_in_an_api_field_is_a_field_error(client, member):
    client.force_login(member)

    response = client.post(
        "/api/privacy/consents/marketing_sms/", {"is_granted": True, "scope": "a\x00"}, content_type="application/json"
    )

    assert response.status_code == 400
