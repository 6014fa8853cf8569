"""Browser tests: Debian's Chromium, driven by Playwright, against a live Dela server.

One server (the real migrations and the demo seed in a SQLite file) and one browser for the
whole session; a new browser context per test, so no cookie or session leaks between tests.
The server's database is shared by every test in the session: tests that create accounts or
materials use unique names.

Each demo account signs in through the form once per session; `sign_in_as` gives a test's
fresh context the cookies of that session instead of filling in the form again. Tests of the
sign-in form itself use `try_sign_in`, which always goes through the form.

Every page `axe_check` checks is also kept as the server sent it, and the Nu HTML Checker
checks them all in one run when the session ends (see `served_html`).

Test modules get their helpers through fixtures (`axe_check`, `sign_in_as`, `try_sign_in`).
"""

import hashlib
import threading
from pathlib import Path
from urllib.parse import urldefrag
from weakref import WeakKeyDictionary

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask_migrate import upgrade
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from share import create_app
from share.auth.sessions import load_session_user
from share.demo.accounts import DEMO_PASSWORD, seed_demo_accounts
from share.extensions import db
from tests.support.apps import make_test_config
from tests.support.ci import IN_CI, skip_or_fail
from tests.support.html_check import CheckerMissing, html_errors, vnu_jar

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The narrowest screen every page must fit without scrolling sideways (CSS pixels).
NARROWEST = 320
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
#: A page that breaks HTML's rules, checked with the others: a checker that finds no error
#: in it does not work, rather than every page being valid.
BROKEN_PAGE = (
    "(the HTML checker's own test)",
    '<!doctype html><html lang="sv"><title>Fel</title>'
    '<p><time datetime="2026-03-01T10:00:00.123456">1 mars</time>',
)


def pytest_collection_modifyitems(config, items):
    # A conftest's collection hook sees the whole session's items, not just this folder's.
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _closing_before_written(app):
    """`app` with each response read whole and closed before the server writes it.
    werkzeug's server reads what is left on the socket before it closes a response, and
    when the browser has dropped the connection (a page left while its images load) that
    read raises: the response's open file (a static file, a thumbnail) was then left to
    the garbage collector, whose warning failed whichever test ran at that moment."""

    def serve(environ, start_response):
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()

    return serve


class LiveServer:
    """The app served over real HTTP from a daemon thread; `url` is its base URL."""

    def __init__(self, app) -> None:
        self.app = app
        self._server = make_server("127.0.0.1", 0, _closing_before_written(app), threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="dela-live-server", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)
        self._server.server_close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, mail_server):
    # A file, not ":memory:": the server answers from other threads than the one seeding.
    database = tmp_path_factory.mktemp("browser") / "dela.sqlite3"
    config = make_test_config(f"sqlite:///{database}", tmp_path_factory, mail_server)
    app = create_app(config)
    with app.app_context():
        upgrade()
        seed_demo_accounts()
        db.session.commit()
    server = LiveServer(app)
    server.start()
    yield server
    server.stop()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is missing; install Debian's chromium package")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def new_context(browser, live_server):
    """A fresh browser context; relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    context.set_default_timeout(10_000)
    return context


#: Each page's last main-frame document response: what the server sent for what it shows.
_documents = WeakKeyDictionary()


def _remember_document(page, response) -> None:
    if response.request.is_navigation_request() and response.frame == page.main_frame:
        _documents[page] = response


@pytest.fixture
def page(browser, live_server):
    """A page in a fresh browser context; relative URLs go to the live server."""
    context = new_context(browser, live_server)
    page = context.new_page()
    page.on("response", lambda response: _remember_document(page, response))
    yield page
    context.close()


def served_document(page) -> str:
    """The HTML the server sent for the page's document (not the DOM as it is now); fetched
    again when the browser no longer has it."""
    response = _documents.get(page)
    if response is not None and response.url == urldefrag(page.url).url:
        try:
            return response.text()
        except PlaywrightError:
            pass  # the browser let the body go
    return page.context.request.get(page.url).text()


class ServedHtml:
    """The HTML of the pages the browser tests checked, kept for the Nu HTML Checker.

    `missing` says why there is no checker (then nothing is kept), else None.
    """

    def __init__(self, missing: str | None = None) -> None:
        self.missing = missing
        self.documents: dict[str, str] = {}
        self._seen: set[bytes] = set()

    def add(self, where: str, html: str) -> None:
        digest = hashlib.sha256(html.encode()).digest()
        if self.missing is None and digest not in self._seen:
            self._seen.add(digest)
            self.documents[f"{where} #{len(self.documents) + 1}"] = html


@pytest.fixture(scope="session")
def served_html(pytestconfig):
    """The pages `axe_check` saw, as the server sent them, all checked by the Nu HTML Checker
    in one run when the session ends; its errors fail the teardown of the last test.

    Without Java (or the jar) the pages are not kept and `missing` says why; in CI that fails.
    """
    try:
        jar = vnu_jar(pytestconfig.cache.mkdir("vnu-jar"))
    except CheckerMissing as missing:
        if IN_CI:
            pytest.fail(f"no HTML checker: {missing} (CI must run it)", pytrace=False)
        yield ServedHtml(missing=str(missing))
        return
    served = ServedHtml()
    yield served
    if not served.documents:
        return
    name, broken = BROKEN_PAGE
    errors = html_errors(jar, {name: broken, **served.documents})
    if not errors.pop(name, None):
        pytest.fail("The HTML checker found no error in a broken page", pytrace=False)
    if errors:
        report = [f"{where}\n  " + "\n  ".join(found) for where, found in errors.items()]
        pytest.fail("The HTML checker found errors:\n" + "\n".join(report), pytrace=False)


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


def layout_problems(page) -> list[str]:
    """What the base layout promises on every page and axe does not check: one h1, headings
    that never skip a level on the way down, a skip link to the main content, and no
    sideways scrolling at 320 CSS pixels (WCAG 1.4.10).

    The page is narrowed to 320 pixels for the measurement and given its size back after.
    """
    problems = []
    headings = page.locator("h1").count()
    if headings != 1:
        problems.append(f"{headings} h1 elements, not exactly one")
    levels = page.eval_on_selector_all(
        "h1, h2, h3, h4, h5, h6", "headings => headings.map(h => Number(h.tagName[1]))"
    )
    for before, level in zip([0, *levels], levels, strict=False):
        if level > before + 1:
            problems.append(f"an h{level} right after an h{before}: a heading level skipped")
    if not page.evaluate(
        """() => Boolean(document.querySelector('a[href="#main"]')
                        && document.querySelector('main#main'))"""
    ):
        problems.append("no skip link to a main#main")
    viewport = page.viewport_size
    page.set_viewport_size({"width": NARROWEST, "height": viewport["height"]})
    try:
        scroll_width, client_width = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
    finally:
        page.set_viewport_size(viewport)
    if scroll_width > client_width:
        problems.append(
            f"{scroll_width} px wide, {client_width} px shown at a {NARROWEST} px wide viewport"
        )
    return problems


def check_accessible(page, axe: Axe) -> None:
    """Run axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now, and check the
    layout rules of `layout_problems`.

    :raise pytest.fail.Exception: with axe's report and the layout problems, if any.
    """
    results = axe.run(page, options=AXE_OPTIONS)
    report = [results.generate_report()] if results.violations_count else []
    report += layout_problems(page)
    if report:
        pytest.fail("\n".join([page.url, *report]), pytrace=False)


@pytest.fixture
def axe_check(axe, served_html, request):
    """`axe_check(page)`: fail the test if axe finds WCAG 2.1 A/AA violations on the page or
    the page breaks a rule of the base layout (see `layout_problems`); keep the page's HTML
    as served for the session's HTML check (`served_html`)."""

    def check(page) -> None:
        served_html.add(f"{page.url} in {request.node.nodeid}", served_document(page))
        check_accessible(page, axe)

    return check


def sign_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Fill in and send the (Swedish) sign-in form; returns once the answer has loaded.

    Whether it worked is for the caller to check: the start page, or an error on the form.
    """
    page.goto("/logga-in")
    page.get_by_label("E-postadress", exact=True).fill(email)
    page.get_by_label("Lösenord", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Logga in", exact=True).click()


def _still_signed_in(app, state: dict) -> bool:
    """Whether the server-side session behind saved cookies is live: a test that signed
    out with them ended it."""
    cookie = next(c for c in state["cookies"] if c["name"] == "session")
    token = app.session_interface.get_signing_serializer(app).loads(cookie["value"])["_user_id"]
    with app.app_context():
        user = load_session_user(token)
        db.session.remove()
    return user is not None


@pytest.fixture(scope="session")
def saved_sign_ins(browser, live_server):
    """`saved_sign_ins(email, password)`: the storage state (cookies) of a session that signed
    in through the form as that account, in a context of its own; the first time a test
    asks, and again when a test ended that session (signed out with its cookies).

    Sessions live on the server: a password change or deactivation ends them all, so a test
    that does either needs an account of its own, not a demo account. Every context comes
    from `new_context`, so Flask-Login's session protection sees the same browser in each.
    """
    saved: dict[tuple[str, str], dict] = {}

    def storage_state(email: str, password: str) -> dict:
        state = saved.get((email, password))
        if state is None or not _still_signed_in(live_server.app, state):
            context = new_context(browser, live_server)
            try:
                page = context.new_page()
                sign_in(page, email, password)
                assert page.url == f"{live_server.url}/", f"sign-in as {email} failed: {page.url}"
                saved[email, password] = context.storage_state()
            finally:
                context.close()
        return saved[email, password]

    return storage_state


@pytest.fixture
def sign_in_as(page, saved_sign_ins):
    """`sign_in_as(email, password=DEMO_PASSWORD)`: make the test's page signed in as that
    account, with the cookies of the session `saved_sign_ins` keeps for it (fails if that
    sign-in fails). The page's context stays the test's own; the page is where it was."""

    def signed_in_page(email: str, password: str = DEMO_PASSWORD) -> None:
        page.context.add_cookies(saved_sign_ins(email, password)["cookies"])

    return signed_in_page


@pytest.fixture
def try_sign_in(page):
    """`try_sign_in(email, password)`: send the sign-in form and leave the outcome to check."""
    return lambda email, password=DEMO_PASSWORD: sign_in(page, email, password)
