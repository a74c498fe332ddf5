"""`make run`: embedded PostgreSQL when DATABASE_URL is unset, migrations, content, demo
physicians, then gunicorn."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from service import embedded_postgres

EMBEDDED_DATABASE = "spinecare"


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
    python = sys.executable
    for step in (
        [python, "-m", "alembic", "upgrade", "head"],
        [python, "-m", "flask", "--app", "service:create_app", "content", "load"],
        # Fictional demo directory; idempotent (same seed and count: nothing changes on re-runs).
        [python, "-m", "flask", "--app", "service:create_app", "locator", "demo", "--count", "3000"],
        [python, "-m", "flask", "--app", "service:create_app", "partners", "demo"],
    ):
        if subprocess.run(step, env=env, cwd=embedded_postgres.REPO_ROOT, check=False).returncode != 0:
            return 1
    print(f"serving on http://{env['HOST']}:{env['PORT']}  (docs: /docs)", flush=True)
    gunicorn = subprocess.Popen(
        [python, "-m", "gunicorn", "-c", "gunicorn.conf.py", "service.wsgi:app"],
        env=env,
        cwd=embedded_postgres.REPO_ROOT,
    )

    def forward(signum, _frame):
        gunicorn.send_signal(signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    # Wait for gunicorn to finish its graceful shutdown; pgserver stops the database on our exit.
    return gunicorn.wait()


if __name__ == "__main__":
    sys.exit(main())
