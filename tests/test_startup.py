"""`make run` and gunicorn start-up on a machine shared with other things (issue 14): a taken
metrics port, and a DATABASE_URL that is not the embedded server."""

from __future__ import annotations

import socket
import subprocess

import pytest

from service import devserver, embedded_postgres
from tests.support.servers import Gunicorn, get


def test_a_taken_metrics_port_leaves_the_api_serving_without_metrics(database_url):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = Gunicorn(
            "service.wsgi:app",
            database_url,
            workers=1,
            env={"METRICS_PORT": str(port), "LOG_LEVEL": "WARNING"},
        )
        try:
            assert get(server.url + "/healthz")[0] == 200
            assert get(server.url + "/v1/conditions")[0] == 401  # the app itself answers
        finally:
            assert server.stop() == 0
    log = server.process.stderr.read().decode()
    assert f"metrics are off: cannot listen on 127.0.0.1:{port}" in log
    assert "Traceback" not in log


class FakeGunicorn:
    def __init__(self, *args, **kwargs):
        self.args = args

    def wait(self):
        return 0

    def send_signal(self, signum):
        pass


@pytest.fixture
def make_run(monkeypatch):
    """devserver.main with every command recorded instead of run; returns the flask commands."""
    commands = []

    def run(step, **kwargs):
        commands.append(step)
        return subprocess.CompletedProcess(step, 0)

    monkeypatch.setattr(subprocess, "run", run)
    monkeypatch.setattr(subprocess, "Popen", FakeGunicorn)
    monkeypatch.setattr(devserver.signal, "signal", lambda *args: None)
    monkeypatch.delenv("SEED_DEMO_KEY", raising=False)

    def main() -> list[list[str]]:
        assert devserver.main() == 0
        return [
            step[step.index("service:create_app") + 1 :]
            for step in commands
            if "service:create_app" in step
        ]

    return main


def test_make_run_with_a_database_url_does_not_install_the_public_demo_key(
    make_run, monkeypatch, capsys
):
    monkeypatch.setenv("DATABASE_URL", "postgresql://someone@db.example/production")
    steps = make_run()
    assert ["partners", "demo"] not in steps
    assert ["content", "load"] in steps
    assert "SEED_DEMO_KEY=1" in capsys.readouterr().out


def test_make_run_installs_the_demo_key_when_asked_by_name(make_run, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://me@localhost/scratch")
    monkeypatch.setenv("SEED_DEMO_KEY", "1")
    assert ["partners", "demo"] in make_run()


def test_make_run_installs_the_demo_key_in_its_embedded_server(make_run, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(embedded_postgres, "start", lambda *args: object())
    monkeypatch.setattr(
        embedded_postgres, "ensure_database", lambda server, name: f"postgresql://embedded/{name}"
    )
    assert make_run()[-1] == ["partners", "demo"]
