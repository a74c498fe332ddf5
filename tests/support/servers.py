"""Helpers that start real processes: gunicorn, and a PostgreSQL the test may stop and restart."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, headers: dict | None = None, timeout: float = 10) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class Gunicorn:
    """`gunicorn -c gunicorn.conf.py APP` on free ports; stopped with SIGTERM like a container."""

    def __init__(
        self,
        app: str,
        database_url: str,
        workers: int | None = 2,
        quiet: bool = False,
        env: dict[str, str] | None = None,
    ):
        self.port, self.metrics_port = free_port(), free_port()
        env_overrides, env = env or {}, dict(os.environ)
        env.pop("PROMETHEUS_MULTIPROC_DIR", None)  # gunicorn.conf.py makes a fresh one
        env.update(
            DATABASE_URL=database_url,
            HOST="127.0.0.1",
            PORT=str(self.port),
            METRICS_PORT=str(self.metrics_port),
            GUNICORN_GRACEFUL_TIMEOUT="10",
            LOG_LEVEL="WARNING",
        )
        if workers is None:  # gunicorn.conf.py's own default, as in production
            env.pop("WEB_CONCURRENCY", None)
        else:
            env["WEB_CONCURRENCY"] = str(workers)
        env.update(env_overrides)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", app],
            # A pipe nobody reads could fill up and stall a long run, so long runs discard stderr.
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL if quiet else subprocess.PIPE,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        self._wait_until_up()

    def _wait_until_up(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                detail = self.process.stderr.read().decode() if self.process.stderr else ""
                raise RuntimeError(f"gunicorn exited: {detail}")
            try:
                if get(self.url + "/healthz", timeout=1)[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError("gunicorn did not come up")

    def terminate(self) -> None:
        self.process.send_signal(signal.SIGTERM)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.terminate()
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
