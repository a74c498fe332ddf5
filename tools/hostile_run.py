"""`make hostile-run`: issue 14's hostile run, reproducible. Every schemathesis check, positive and
negative data, NUL bytes allowed, 100 examples per operation and the stateful phase, through a
real gunicorn on a scratch database (embedded PostgreSQL unless TEST_DATABASE_URL is set).

Not part of `make test` (it takes minutes); tests/test_contract.py runs the same configuration
in-process and tests/test_fuzz.py the hand-made fuzz. Exits with schemathesis's status.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from tests.conftest import DatabaseServer  # noqa: E402
from tests.support.seed import seed_generated_requests_database  # noqa: E402
from tests.support.servers import Gunicorn  # noqa: E402


def main() -> int:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        from service import embedded_postgres

        server = embedded_postgres.start(REPO_ROOT / ".data" / "test-postgres")
        url = embedded_postgres.database_url(server, "postgres")
    databases = DatabaseServer(url)
    database_url = databases.create_database("hostile")
    try:
        token = seed_generated_requests_database(database_url, slug="hostile", name="Hostile run")
        gunicorn = Gunicorn("service.wsgi:app", database_url, quiet=True)
        try:
            hooks = {**os.environ, "SCHEMATHESIS_HOOKS": "tools.hostile_hooks"}
            return subprocess.call(
                [
                    sys.executable,
                    "-m",
                    "schemathesis.cli",
                    "--config-file",
                    str(REPO_ROOT / "tools" / "schemathesis.toml"),
                    "run",
                    str(REPO_ROOT / "openapi" / "openapi.json"),
                    "--url",
                    gunicorn.url,
                    "--header",
                    f"X-API-Key: {token}",
                    "--checks",
                    "all",
                    "--mode",
                    "all",
                    "--generation-allow-x00",
                    "true",
                    "--max-examples",
                    os.environ.get("HOSTILE_EXAMPLES", "100"),
                    "--phases",
                    "examples,coverage,fuzzing,stateful",
                    "--seed",
                    "14",
                    # Our key is the only credential: a generated `Authorization` beside it would
                    # only test 401s (the in-process contract test does the same).
                    "--generation-with-security-parameters",
                    "false",
                    # One worker: hypothesis's lambda descriptions are not thread-safe on 3.11.
                    "--continue-on-failure",
                    "--workers",
                    "1",
                ],
                env=hooks,
                cwd=REPO_ROOT,
            )
        finally:
            gunicorn.stop()
    finally:
        databases.drop_all()


if __name__ == "__main__":
    sys.exit(main())
