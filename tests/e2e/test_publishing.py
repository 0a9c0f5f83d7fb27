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
