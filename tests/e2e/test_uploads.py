"""A script uploaded behind an image header never runs in the browser (issue 15, item 1)."""

import pytest
from playwright.sync_api import expect

from members.models import Member
from tests.images import gif
from tests.portal.test_uploads import GIF_PREFIXED_SCRIPT

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long enough secret"
# The attacker's page: it loads the script uploaded beside it.
LOADER_HTML = b'GIF89a<html><body><script src="x.js"></script><p id="loaded">loaded</p></body></html>'
# Load a script into the current page and report whether it ran (window.pwned) once it loaded or failed.
RUN_SCRIPT = """src => new Promise(resolve => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve({loaded: true, ran: window.pwned === 1});
    script.onerror = () => resolve({loaded: false, ran: window.pwned === 1});
    document.head.appendChild(script);
})"""


@pytest.fixture
def media(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    # live_server puts Django's test-only media handler (django.views.static.serve) in front of the site;
    # switched off, /media/ reaches the site's own URL, as it does behind the production proxy.
    monkeypatch.setattr("django.test.testcases._MediaFilesHandler._should_handle", lambda self, path: False)
    return tmp_path


@pytest.fixture
def signed_in(page, transactional_db):
    Member.objects.create_user("mallory", PASSWORD, phone="+8613800138009")
    page.goto("/accounts/login/")
    page.fill("[name=login]", "mallory")
    page.fill("[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_test_id("account-state")).to_contain_text("mallory")
    return page


def upload_avatar(page, name: str, content: bytes):
    page.goto("/members/profile/")
    page.set_input_files("[name=avatar]", files=[{"name": name, "mimeType": "image/gif", "buffer": content}])
    page.get_by_role("button", name="Save profile").click()


def test_the_script_and_its_loader_are_refused_and_never_run(signed_in, media):
    page = signed_in
    upload_avatar(page, "x.js", GIF_PREFIXED_SCRIPT.replace(b"document.title", b"window.pwned=1;document.title"))
    expect(page.locator(".errorlist")).to_contain_text("Upload a PNG, JPEG or GIF image.")
    upload_avatar(page, "x.html", LOADER_HTML)
    expect(page.locator(".errorlist")).to_contain_text("Upload a PNG, JPEG or GIF image.")
    assert list(media.rglob("*")) == []

    # The same two files put under MEDIA_ROOT by other means (say, before this fix) are not served either.
    (media / "avatars").mkdir()
    (media / "avatars" / "x.js").write_bytes(b"GIF89a=1;window.pwned=1;document.title='pwned'")
    (media / "avatars" / "x.html").write_bytes(LOADER_HTML)
    for name in ("x.js", "x.html"):
        response = page.request.get(f"/media/avatars/{name}")
        assert response.status == 404
        assert "javascript" not in response.headers["content-type"]
    opened = page.goto("/media/avatars/x.html")
    assert opened.status == 404
    expect(page.locator("#loaded")).to_have_count(0)
    assert page.title() != "pwned"

    page.goto("/members/profile/")
    assert page.evaluate(RUN_SCRIPT, "/media/avatars/x.js") == {"loaded": False, "ran": False}


def test_an_image_with_a_script_appended_is_kept_only_as_an_image_that_cannot_run(signed_in, media):
    page = signed_in
    upload_avatar(page, "x.js", gif() + b";window.pwned=1;document.title='pwned'")
    expect(page.locator(".flash")).to_contain_text("Your profile was saved.")
    avatar = Member.objects.get(member_name="mallory").avatar.url
    assert avatar.endswith(".png")

    response = page.request.get(avatar)
    assert (response.status, response.headers["content-type"]) == (200, "image/png")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert b"pwned" not in response.body()

    assert page.evaluate(RUN_SCRIPT, avatar) == {"loaded": False, "ran": False}
    assert page.title() != "pwned"
