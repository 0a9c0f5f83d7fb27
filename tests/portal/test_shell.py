"""The site shell: layout, home page, error pages, static files and security headers."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse

from catalog.models import Commodity, CommodityCategory, Store
from portal import views
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def commodities(db):
    store = Store.objects.create(name="Yiwu Trading Co.", slug="yiwu")
    category = CommodityCategory.objects.create(name="Tools", slug="tools")
    return [
        Commodity.objects.create(
            store=store, category=category, title=f"Screwdriver set #{i}", price=10 + i, sales_count=i
        )
        for i in range(3)
    ]


def test_visitors_see_the_home_page_with_a_sign_in_link(client, commodities):
    # clause: MEM-02 (visitors can browse without an account)
    html = client.get(reverse("home")).content.decode()

    assert "Screwdriver set #2" in html
    assert html.index("Screwdriver set #2") < html.index("Screwdriver set #0")  # by sales
    assert 'href="/accounts/login/"' in html
    assert "Signed in as" not in html


def test_the_header_shows_who_is_signed_in(client, member):
    client.force_login(member)

    html = client.get(reverse("home")).content.decode()

    assert "Signed in as <strong>Alice W.</strong>" in html
    assert 'action="/accounts/logout/"' in html


def test_the_footer_links_the_policy_contact_and_collected_information(client):
    html = client.get(reverse("home")).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]

    for name in ("privacy:policy", "privacy:collected-information", "contact"):
        assert f'href="{reverse(name)}"' in footer


def test_the_home_page_queries_a_bounded_number_of_times(client, commodities, django_assert_num_queries):
    # The commodities, the featured posts (PUB-04), and on a cold cache the policy banner's check (POL-12),
    # cached from then on.
    with django_assert_num_queries(3):
        client.get(reverse("home"))


def test_the_contact_page_gives_the_working_group_address_and_the_15_day_promise(client):
    # clause: RGT-16 (contact channels, answer within 15 days)
    html = client.get(reverse("contact")).content.decode()

    assert "pipwg1688@service.alibaba.com" in html
    assert "within 15 days" in html


def test_an_unknown_page_is_a_friendly_404_in_the_site_layout(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "We couldn't find that page" in html
    assert '<footer class="site-footer">' in html


def test_forbidden_and_server_error_pages_use_the_site_layout():
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()

    forbidden = views.permission_denied(request, PermissionDenied())
    error = views.server_error(request)

    assert forbidden.status_code == 403
    assert "You can't open this page" in forbidden.content.decode()
    assert error.status_code == 500
    assert "Something went wrong on our side" in error.content.decode()
    assert '<footer class="site-footer">' in error.content.decode()


def test_static_files_are_served_by_the_app(client):
    response = client.get("/static/css/site.css")

    assert response.status_code == 200
    assert b"--brand" in b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "name", ["home", "privacy:policy", "privacy:collected-information", "contact", "account_login"]
)
def test_pages_load_nothing_from_other_origins_and_run_no_inline_script(client, name):
    response = client.get(reverse(name))
    html = response.content.decode()

    assert response.status_code == 200
    external = re.findall(r'(?:src|href)="(?:https?:)?//[^"]+"', html)
    assert external == []
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert " style=" not in html
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "default-src 'self'" in csp
    assert response["X-Frame-Options"] == "DENY"


def test_pages_follow_the_browser_language_in_chinese(client):
    html = client.get(reverse("home"), headers={"accept-language": "zh-hans"}).content.decode()

    assert '<html lang="zh-hans">' in html
    assert "由您掌控" in html
    assert "Your information, under your control" not in html


def test_in_development_an_unknown_page_is_the_site_404_not_djangos_url_list(client, settings):
    settings.DEBUG = True

    response = client.get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "We couldn't find that page" in html
    assert "URLconf" not in html
    assert "admin/" not in html.split("<main", 1)[1]


def test_in_development_a_crash_is_the_site_500_with_the_traceback_only_in_the_log(client, settings, caplog):
    settings.DEBUG = True
    client.raise_request_exception = False
    from django.urls import include, path

    settings.ROOT_URLCONF = type(
        "Crashing", (), {"urlpatterns": [path("boom/", lambda request: 1 / 0), path("", include("portal.urls"))]}
    )

    response = client.get("/boom/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "ZeroDivisionError" not in response.content.decode()
    assert "ZeroDivisionError" in caplog.text


def test_every_page_and_the_admin_name_the_favicon(client, admin_user):
    assert 'rel="icon"' in client.get(reverse("home")).content.decode()
    staff = Client()
    sign_in_staff(staff, admin_user)
    assert 'rel="icon"' in staff.get(reverse("admin:index")).content.decode()
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301
    assert favicon.url.endswith("favicon.svg")
