"""Playwright driving Debian's Chromium against the live test server, with axe-core."""

import os
import re
import shutil

import pytest

# Playwright's sync API keeps an event loop in this thread; the ORM calls of the
# tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    """Marks the browser tests; with BROWSER_LANGUAGES (e.g. "fi sv") set, runs the tests
    repeated per language only in those. CI shares the languages out between its two
    databases: what differs between languages (translations, axe) does not depend on
    the database."""
    languages = os.environ.get("BROWSER_LANGUAGES", "").split()
    kept, left_out = [], []
    for item in items:
        if "tests/browser/" not in item.nodeid:
            kept.append(item)
            continue
        item.add_marker(pytest.mark.browser)
        callspec = getattr(item, "callspec", None)
        language = callspec.params.get("language") if callspec else None
        if languages and language is not None and language not in languages:
            left_out.append(item)
        else:
            kept.append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def _chromium_path():
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if path is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium is required (REQUIRE_BROWSER=1) but not found at {CHROMIUM}.")
        pytest.skip("Chromium is not installed: browser tests skipped.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """new_page(javascript=True, language="fi") opens a phone-sized page on the live server."""
    contexts = []

    def open_page(*, javascript=True, language="fi", viewport=PHONE):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport,
            java_script_enabled=javascript,
            # The browser's own locale: plain Finnish readers' browsers are Finnish.
            locale=language.split("-")[0],
        )
        context.set_default_timeout(10_000)
        if language != "fi":
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
        contexts.append(context)
        page = context.new_page()
        page.chosen_language = language
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def sign_in(page, email, password):
    """Sign in through the form; a page opened in another language stays in it (signing
    in would otherwise switch to the person's own language). Staff with an authenticator
    give the code it shows now."""
    page.goto("/kirjaudu/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    if page.url.split("?")[0].endswith("/kirjaudu/vahvista/"):
        page.fill("input[name=code]", authenticator_code(email))
        page.click("main button[type=submit]")
        page.wait_for_load_state()
    language = getattr(page, "chosen_language", "fi")
    if language != "fi":
        landed = page.url
        page.goto(f"/kieli/{language}/?next=/")
        page.goto(landed)


def authenticator_code(email):
    """The code the person's authenticator shows now; the device forgets the codes it took,
    so that a test may sign the same person in twice within one time step."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ideahautomo.accounts.tests.factories import current_code

    device = TOTPDevice.objects.get(user__email=email, confirmed=True)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    return current_code(device)


def assert_accessible(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, f"{page.url}\n" + results.generate_report()


def link_from(body):
    return re.search(r"http://testserver(/\S+/)", body).group(1)


def open_menu(page):
    """On a phone the header's links are behind the menu button: open it, as a person would."""
    summary = page.locator("details.site-menu > summary")
    if summary.is_visible() and not page.locator("details.site-menu[open]").count():
        summary.click()


# The interface languages every page is checked in. Plain Finnish rewrites only the texts
# of the first steps (README, "Plain Finnish"): the tests of those pages add it.
LANGUAGES = ["fi", "sv", "en", "uk"]
WITH_PLAIN_FINNISH = [*LANGUAGES, "fi-x-selko"]
