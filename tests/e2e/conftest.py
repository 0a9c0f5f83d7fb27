"""Browser tests: Debian's headless Chromium driven by Playwright against live_server.

Fixtures:
- `browser`: one Chromium for the whole session (never Playwright's own download).
- `page`: a fresh browser context (own cookies) per test, opened on `live_server`,
  whose relative URLs (`page.goto("/privacy/")`) resolve against the server.
  Console errors (CSP violations included) are collected in `page.console_errors`.
"""

import importlib
import os
from pathlib import Path

import pytest
from django.apps import apps

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# in the test body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run `make chromium` (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    yield page
    context.close()


# Data migrations that seed rows the site needs (the policy in force, the partner register, the
# Children's Rules). Transactional tests flush every table afterwards, so browser tests seed them again.
SEEDING_MIGRATIONS = [
    "privacy.migrations.0002_seed_policy_2023_v1",
    "privacy.migrations.0004_seed_partners",
    "members.migrations.0004_seed_childrens_rules_and_level_rules",
    "orders.migrations.0008_seller_partner",
    "privacy.migrations.0015_seed_partner_register",
]


@pytest.fixture(autouse=True)
def _migration_seeds(transactional_db):
    for module in SEEDING_MIGRATIONS:
        importlib.import_module(module).seed(apps, None)
