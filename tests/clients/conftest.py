"""What the client tests share: the TypeScript toolchain and one live server for them all."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from service.content.loader import sync_pack
from service.content.pack import read_pack
from service.locator.demo import load_demo
from service.partners.service import create_partner, issue_key
from tests.conftest import REPO_ROOT, alembic_config
from tests.support.servers import Gunicorn

TYPESCRIPT = REPO_ROOT / "clients" / "typescript"


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """clients/typescript/node_modules, from `npm ci` when missing or older than the lockfile."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the TypeScript client is not checked")
    modules = TYPESCRIPT / "node_modules"
    installed = modules / ".package-lock.json"  # npm writes it last, on every install
    if (
        not installed.exists()
        or installed.stat().st_mtime < (TYPESCRIPT / "package-lock.json").stat().st_mtime
    ):
        npm = shutil.which("npm")
        assert npm, "node is installed but npm is not: install npm to check the TypeScript client"
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=TYPESCRIPT,
            check=True,
            capture_output=True,
            timeout=300,
        )
    return modules


@pytest.fixture(scope="package")
def live_api(database_server):
    """gunicorn serving a database of its own: the content pack, 1,000 demo physicians, a key.

    One server for every client test (examples and packages): two cores are shared.
    """
    url = database_server.create_database("clients")
    command.upgrade(alembic_config(url), "head")
    engine = create_engine(url)
    with Session(engine) as session, session.begin():
        sync_pack(session=session, pack=read_pack())
        load_demo(session=session, count=1000)
        partner = create_partner(
            session=session, slug=f"clients-{uuid.uuid4().hex[:8]}", name="Client examples"
        )
        token = issue_key(
            session=session,
            partner=partner,
            scopes=["content:read", "assessment:write", "locator:read"],
        ).token
    engine.dispose()
    server = Gunicorn("service.wsgi:app", url, workers=1)
    yield {"SPINECARE_BASE_URL": server.url, "SPINECARE_API_KEY": token, "SPINECARE_ZIP": "10001"}
    server.stop()
