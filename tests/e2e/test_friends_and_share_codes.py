"""In Chromium: adding a friend with an invitation code, and the paste button reading the clipboard only
with the clipboard permission and sending only the share code."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from interactions.models import Friendship
from members.models import Member
from privacy import consent
from privacy.purposes import Purpose

pytestmark = pytest.mark.django_db(transaction=True)

# A stand-in clipboard that counts reads; it holds a share code among text that must never leave the page.
CLIPBOARD = """
Object.defineProperty(navigator, "clipboard", {value: {readText: async () => {
  await window.recordClipboardRead();
  return "my card PIN 4321 / " + (window.__shareCode || "") + " / 13800138001";
}}});
"""


def count_clipboard_reads(page) -> list[int]:
    reads: list[int] = []
    page.expose_function("recordClipboardRead", lambda: reads.append(1))
    page.add_init_script(CLIPBOARD)
    return reads


def sign_in(page, member: Member, base_url: str) -> None:
    client = Client()
    client.force_login(member)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


@pytest.fixture
def alice(transactional_db):
    return Member.objects.create_user("alice", "a long enough secret", phone="+8613800138001", nickname="Alice W.")


@pytest.fixture
def bob(transactional_db):
    return Member.objects.create_user("bob", "a long enough secret", phone="+8613800138002", nickname="Bob")


def test_a_friend_is_added_with_an_invitation_code_and_accepted(page, live_server, alice, bob):
    # clause: INT-07
    sign_in(page, alice, live_server.url)
    page.goto("/me/friends/")
    page.get_by_role("button", name="Create an invitation code").click()
    code = page.get_by_test_id("invitation-code").first.inner_text()
    expect(page.get_by_role("img", name="QR code of this invitation")).to_be_visible()

    sign_in(page, bob, live_server.url)
    page.goto("/me/friends/")
    page.get_by_role("textbox", name="Invitation code").fill(code)
    page.get_by_role("button", name="Send friend request").click()
    expect(page.locator(".flash")).to_contain_text("Friend request sent to Alice W.")

    sign_in(page, alice, live_server.url)
    page.goto("/me/friends/")
    page.get_by_test_id("incoming-requests").get_by_role("button", name="Accept").click()
    expect(page.get_by_test_id("friends")).to_contain_text("Bob")
    assert Friendship.objects.count() == 2
    assert not page.console_errors


def test_without_the_clipboard_permission_the_clipboard_is_not_read(page, live_server, alice):
    # clause: INT-11
    reads = count_clipboard_reads(page)
    sign_in(page, alice, live_server.url)
    page.goto("/share/")

    page.get_by_role("button", name="Paste from clipboard").click()

    expect(page.get_by_test_id("paste-status")).to_contain_text("Clipboard reading is off")
    assert reads == []
    assert page.get_by_label("Share code").input_value() == ""
    assert not page.console_errors


def test_with_the_permission_only_the_share_code_is_read_out_and_sent(page, live_server, alice, bob):
    # clause: INT-11
    from interactions import friends

    code = friends.create_invitation(member=bob).code
    consent.grant(alice, Purpose.PERMISSION_CLIPBOARD, context=consent.RequestContext(channel="web"))
    page.add_init_script(f'window.__shareCode = "{code}";')
    reads = count_clipboard_reads(page)
    sign_in(page, alice, live_server.url)
    page.goto("/share/")
    assert reads == []  # not on page load
    posted = []
    page.on("request", lambda request: request.method == "POST" and posted.append(request.post_data or ""))

    page.get_by_role("button", name="Paste from clipboard").click()

    page.wait_for_url(f"**/me/friends/add/?code={code}")
    assert reads == [1]
    assert len(posted) == 1 and f"code={code}" in posted[0]
    assert "4321" not in posted[0] and "13800138001" not in posted[0]
    expect(page.get_by_role("textbox", name="Invitation code")).to_have_value(code)
    assert not page.console_errors
