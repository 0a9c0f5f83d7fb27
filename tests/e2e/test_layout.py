"""Every member page at a phone's width (375 px) and a desktop's (1280 px): nothing wider than the window.

Screenshots of each page at both widths go to $LAYOUT_SCREENSHOTS when it is set (a folder), else to
pytest's temporary folder.
"""

import os
import re
from pathlib import Path

import pytest

from tests.member_pages import PASSWORD, member_pages, member_with_data

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}

# Elements whose right edge passes the window's, ignoring what scrolls inside its own box (wide tables).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
    const s = getComputedStyle(p); if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden') return true; }
    return false; };
  const wide = [...document.querySelectorAll('body *')].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1 && !scrolls(el) && getComputedStyle(el).position !== 'absolute';
  }).map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''));
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


# Boxes of the policy's contents entries that overlap one another (the two columns once did).
TOC_OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('.toc li')].map((li) => li.getBoundingClientRect());
  let overlaps = 0;
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps++;
  }));
  return overlaps;
}"""

# Left edges of the checkout's text inputs and selects: one column means one edge.
CHECKOUT_EDGES = """() => [...new Set([...document.querySelectorAll(
  '#checkout-form input[type=text], #checkout-form select, #checkout-form textarea'
)].filter((el) => el.getBoundingClientRect().width > 0).map((el) => Math.round(el.getBoundingClientRect().left)))]"""


def test_no_member_page_overflows_at_375_or_1280_pixels(page, tmp_path):
    _member, number = member_with_data()
    shots = Path(os.environ.get("LAYOUT_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.goto("/accounts/login/")
    page.fill("[name=login]", "alice")
    page.fill("[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/$"))

    problems = []
    for size, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        for url in member_pages(number):
            page.goto(url)
            found = page.evaluate(OVERFLOW)
            name = url.strip("/").replace("/", "_") or "home"
            page.screenshot(path=str(shots / f"{name}-{size}.png"), full_page=True)
            if found["scrollWidth"] > found["width"] or found["wide"]:
                problems.append((size, url, found))
            if url == "/privacy/policy/" and page.evaluate(TOC_OVERLAPS):
                problems.append((size, url, "contents entries overlap"))
            if url == "/checkout/" and len(page.evaluate(CHECKOUT_EDGES)) != 1:
                problems.append((size, url, "checkout inputs are not aligned", page.evaluate(CHECKOUT_EDGES)))

    assert problems == [], "\n".join(map(str, problems))
