"""A member writes a review with a picture in Chromium and sees it on the commodity page under the nickname."""

import pytest
from playwright.sync_api import expect

from members.models import Member
from publishing.models import ReviewPicture
from tests.images import png
from tests.publishing.conftest import order_of

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long enough secret"


@pytest.fixture
def media(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    # Served by the site's own /media/ view, as behind the production proxy (see test_uploads.py).
    monkeypatch.setattr("django.test.testcases._MediaFilesHandler._should_handle", lambda self, path: False)
    return tmp_path


def test_a_review_with_a_picture_appears_on_the_commodity_page_under_the_nickname(page, media):
    from tests.catalog.factories import CommodityFactory

    member = Member.objects.create_user(
        "wang_li_2026", PASSWORD, phone="+8613800138031", nickname="Tea Lover", real_name="Wang Li"
    )
    drill = CommodityFactory(title="Cordless drill")
    order_of(member, drill)
    page.goto("/accounts/login/")
    page.fill("[name=login]", "wang_li_2026")
    page.fill("[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_test_id("account-state")).to_contain_text("Tea Lover")

    page.goto(f"/commodities/{drill.pk}/")
    page.get_by_role("link", name="Write a review of goods you received").click()
    expect(page.get_by_test_id("caution-notice")).to_be_visible()
    page.select_option("[name=rating]", "4")
    page.fill("[name=text]", "Drills through oak <b>easily</b>.")
    page.set_input_files(
        "[name=pictures]", files=[{"name": "drill.png", "mimeType": "image/png", "buffer": png(size=(64, 48))}]
    )
    page.get_by_role("button", name="Publish review").click()

    review = page.get_by_test_id("review").first
    expect(review).to_contain_text("Drills through oak <b>easily</b>.")
    expect(review.get_by_test_id("author")).to_have_text("Tea Lover")
    picture = review.get_by_test_id("review-picture")
    expect(picture).to_have_attribute("src", "/media/" + ReviewPicture.objects.get().image.name)
    assert picture.evaluate("img => img.complete && img.naturalWidth") == 64
    reviews = page.get_by_test_id("reviews").inner_text()
    assert "wang_li_2026" not in reviews and "Wang Li" not in reviews and "13800138031" not in reviews
    assert page.console_errors == []


def test_an_effect_is_applied_in_the_browser_and_only_the_final_picture_is_uploaded(page, media):
    """PUB-05 in the browser: the canvas effect replaces the chosen file; the upload holds only the result."""
    from privacy import consent
    from privacy.purposes import Purpose
    from publishing.models import PostPicture
    from tests.images import pixels

    member = Member.objects.create_user("poster", PASSWORD, phone="+8613800138032", nickname="Poster")
    context = consent.RequestContext(channel=consent.Channel.WEB, ip_address="203.0.113.9", user_agent="e2e")
    consent.grant(member, Purpose.PERMISSION_PHOTOS, context=context)
    page.goto("/accounts/login/")
    page.fill("[name=login]", "poster")
    page.fill("[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_test_id("account-state")).to_contain_text("Poster")

    page.goto("/posts/new/")
    page.fill("[name=text]", "Red, then grey")
    page.set_input_files(
        "[name=pictures]",
        files=[{"name": "red-original.png", "mimeType": "image/png", "buffer": png(colour=(220, 0, 0))}],
    )
    page.select_option("[data-effect-select]", label="Black and white")
    page.wait_for_function("() => document.querySelector('[name=pictures]').files[0].name === 'picture.jpg'")
    chosen = page.locator("[name=pictures]").evaluate("input => Array.from(input.files, f => [f.name, f.type])")
    assert chosen == [["picture.jpg", "image/jpeg"]]  # what the form will send: the canvas result only
    page.get_by_role("button", name="Publish post").click()

    expect(page.get_by_test_id("post-text")).to_have_text("Red, then grey")
    stored = PostPicture.objects.get()  # one picture: the original was not sent beside it
    _format, _size, values = pixels((media / stored.image.name).read_bytes())
    assert all(abs(r - g) <= 3 and abs(g - b) <= 3 for r, g, b in values)  # grey: the effect, not the red original
    assert page.console_errors == []
