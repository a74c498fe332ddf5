"""Browser fixtures: Debian's chromium driven by Playwright against a live server over the test
app and the test transaction (no browser download: only /usr/bin/chromium or one on PATH)."""

from __future__ import annotations

import shutil
import subprocess
import threading
import uuid
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from service.partners import models as partner_models
from service.partners.service import create_partner, issue_key
from tests.conftest import REPO_ROOT
from tests.locator.conftest import make_provider  # noqa: F401 (a fixture, re-exported)

WEB = REPO_ROOT / "clients" / "web"


def chromium_path() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def web_node_modules() -> Path:
    """clients/web/node_modules (axe-core, esbuild), from `npm ci` when missing or stale."""
    modules = WEB / "node_modules"
    installed = modules / ".package-lock.json"  # npm writes it last, on every install
    lockfile = WEB / "package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lockfile.stat().st_mtime:
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed: clients/web cannot be installed (make web)")
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=WEB,
            check=True,
            capture_output=True,
            timeout=300,
        )
    return modules


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip(
            "no chromium at /usr/bin/chromium or on PATH (apt-get install chromium; "
            "`make test` installs it when run as root)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def live_server(app, db_session):
    """The test app on a free port, in a thread: one request at a time, so every request uses
    the test's connection and transaction (rolled back afterwards) like the test client."""
    server = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    app.extensions["usage_recorder"].discard_pending()


@pytest.fixture
def portal_key(app, db_session, live_server, monkeypatch):
    """A publishable key bound to the live server's origin, embedded by /examples/portal."""
    partner = create_partner(
        session=db_session,
        slug=f"web-{uuid.uuid4().hex[:10]}",
        name="Portal partner",
        allowed_origins=[live_server],
    )
    scopes = ["content:read", "assessment:read", "assessment:write", "locator:read"]
    # Browser keys (issue 15) where the partners package has them.
    options = {"kind": "publishable"} if hasattr(partner_models, "PUBLISHABLE_SCOPES") else {}
    token = issue_key(session=db_session, partner=partner, scopes=scopes, **options).token
    monkeypatch.setitem(app.config, "EXAMPLES_API_KEY", token)
    return token
