"""`make run`: embedded PostgreSQL when DATABASE_URL is unset, migrations, content, demo
physicians, the demo keys (embedded server, or SEED_DEMO_KEY=1), then gunicorn."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from types import FrameType

from service import embedded_postgres

EMBEDDED_DATABASE = "spinecare"


def setup_steps(python: str, *, seed_demo_key: bool) -> list[list[str]]:
    """The commands run before gunicorn, in order."""
    flask = [python, "-m", "flask", "--app", "service:create_app"]
    steps = [
        [python, "-m", "alembic", "upgrade", "head"],
        [*flask, "content", "load"],
        # Fictional demo directory; idempotent (same seed and count: nothing changes on re-runs).
        [*flask, "locator", "demo", "--count", "3000"],
    ]
    if seed_demo_key:
        steps.append([*flask, "partners", "demo"])
    return steps


def main() -> int:
    env = dict(os.environ)
    server = None
    if not env.get("DATABASE_URL"):
        server = embedded_postgres.start()  # kept under .data/, stopped when we exit
        env["DATABASE_URL"] = embedded_postgres.ensure_database(server, EMBEDDED_DATABASE)
        print(f"embedded PostgreSQL ready in {embedded_postgres.DEFAULT_DATA_DIR}", flush=True)
    env.setdefault("HOST", "127.0.0.1")
    env.setdefault("PORT", "8000")
    env.setdefault("WEB_CONCURRENCY", "2")
    env.setdefault("FLASK_APP", "service.wsgi:app")
    # The demo key is published in the README and has every scope, admin included: only in the
    # embedded database `make run` owns, or where the operator asks for it by name.
    seed_demo_key = server is not None or env.get("SEED_DEMO_KEY", "").lower() in ("1", "true")
    if not seed_demo_key:
        print(
            "DATABASE_URL is set: the demo key is not installed (SEED_DEMO_KEY=1 installs it)",
            flush=True,
        )
    python = sys.executable
    for step in setup_steps(python, seed_demo_key=seed_demo_key):
        if (
            subprocess.run(step, env=env, cwd=embedded_postgres.REPO_ROOT, check=False).returncode
            != 0
        ):
            return 1
    print(
        f"serving on http://{env['HOST']}:{env['PORT']}  (docs: /docs, "
        "example portal: /examples/portal)",
        flush=True,
    )
    gunicorn = subprocess.Popen(
        [python, "-m", "gunicorn", "-c", "gunicorn.conf.py", "service.wsgi:app"],
        env=env,
        cwd=embedded_postgres.REPO_ROOT,
    )

    def forward(signum: int, _frame: FrameType | None) -> None:
        gunicorn.send_signal(signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    # Wait for gunicorn to finish its graceful shutdown; pgserver stops the database on our exit.
    return gunicorn.wait()


if __name__ == "__main__":
    sys.exit(main())
