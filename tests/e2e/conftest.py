"""Browser tests: Playwright driving Debian's Chromium against the live test server."""

import base64
import os
import shutil
from pathlib import Path

import pytest
from django_otp.oath import totp

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(
                "Chromium est introuvable : la CI doit l'installer (scripts/ensure-chromium.sh)."
            )
        pytest.skip(
            "Chromium absent : tests dans le navigateur ignorés (apt-get install chromium)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        locale="fr-FR",
        base_url=live_server.url,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def axe_violations(page) -> list[str]:
    """Run axe-core (shipped by axe-playwright-python) and return readable violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in results.response["violations"]
    ]


# Recovery codes kept from a person's enrolment, for their later sign-ins in the same test (a TOTP
# code cannot be used twice within its 30 seconds).
_RECOVERY_CODES: dict[str, list[str]] = {}


def totp_code(secret: str) -> str:
    """What an authenticator app shows for this base32 secret right now."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


def sign_in(page, email, password):
    """Password, then — for whoever must pass one — the second factor, as a person would."""
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    if "/double-authentification/activer/" in page.url:
        enrol_with_totp(page, email)
    elif "/double-authentification/" in page.url:
        page.get_by_label("Code").fill(_RECOVERY_CODES[email].pop())
        page.get_by_role("button", name="Valider").click()
        page.wait_for_load_state()


def enrol_with_totp(page, email):
    """Choose the authenticator app, type the key into it (here: compute), confirm, keep the codes."""
    page.get_by_label("Une application d'authentification").check()
    page.get_by_role("button", name="Continuer").click()
    secret = page.locator("[data-secret]").inner_text().replace(" ", "")
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Activer").click()
    _RECOVERY_CODES[email] = page.locator("[data-recovery-codes] code").all_inner_texts()
    page.get_by_role("link", name="J'ai noté mes codes, continuer").click()
    page.wait_for_load_state()


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


SERIOUS_IMPACTS = ("serious", "critical")


def axe_by_impact(page) -> list[tuple[str, str]]:
    """Every axe-core violation as (impact, readable text)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (
            v.get("impact") or "",
            f"{v['impact']} — {v['id']}: {v['help']} "
            f"({', '.join(str(n['target'][0]) for n in v['nodes'][:3])})",
        )
        for v in results.response["violations"]
    ]


def axe_serious(page) -> list[str]:
    """axe-core's violations of impact « serious » or « critical », readable (moderate and minor
    ones are left to `axe_violations`)."""
    return [text for impact, text in axe_by_impact(page) if impact in SERIOUS_IMPACTS]


def artifacts_dir() -> Path:
    """Where the journey's screenshots are written: $E2E_ARTIFACTS when set (CI uploads that
    folder), else var/artifacts/journey/ under the repository (var/ is git-ignored)."""
    folder = os.environ.get("E2E_ARTIFACTS")
    if folder:
        return Path(folder)
    return Path(__file__).resolve().parents[2] / "var" / "artifacts" / "journey"


class PageChecks:
    """Every page a walk visits is checked by axe-core and photographed, in order.

    `watch(page)` records each navigation of that page's main frame; `check(page, role, step)`
    fails on a serious or critical axe violation, writes `NNN-role-step.png` (full page) and
    fails too when the page arrived at a page the walk did not check on its way (a form that
    answered with another page, a redirect): no page of the walk escapes the checks."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0
        self.checked_urls: list[str] = []
        self.lesser: dict[str, list[str]] = {}  # moderate and minor violations, by page
        self._unchecked: dict[int, list[str]] = {}

    def watch(self, page):
        log = self._unchecked.setdefault(id(page), [])

        def navigated(frame):
            if frame == page.main_frame and frame.url != "about:blank":
                url = frame.url.split("#")[0]
                if not log or log[-1] != url:
                    log.append(url)

        page.on("framenavigated", navigated)
        return page

    def check(self, page, role: str, step: str) -> None:
        page.wait_for_load_state()
        current = page.url.split("#")[0]
        log = self._unchecked.setdefault(id(page), [])
        missed = [url for url in log if url != current]
        log.clear()  # the list the page's listener appends to
        assert missed == [], f"pages visitées sans vérification avant « {step} » : {missed}"
        found = axe_by_impact(page)
        serious = [text for impact, text in found if impact in SERIOUS_IMPACTS]
        assert serious == [], f"axe-core, {page.url} ({role}, {step}) :\n" + "\n".join(serious)
        lesser = [text for impact, text in found if impact not in SERIOUS_IMPACTS]
        if lesser:
            self.lesser[current] = lesser
        self.count += 1
        self.checked_urls.append(current)
        self.folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=self.folder / f"{self.count:03d}-{role}-{step}.png", full_page=True)

    def assert_all_checked(self) -> None:
        left = {k: v for k, v in self._unchecked.items() if v}
        assert not left, f"pages visitées sans vérification à la fin : {left}"


@pytest.fixture
def page_checks():
    """The journey's checks, writing into a folder emptied of a previous run's screenshots."""
    folder = artifacts_dir()
    for old in folder.glob("[0-9][0-9][0-9]-*.png"):
        old.unlink()
    return PageChecks(folder)
