"""One JSON log line per request with method, path, status, duration and request id."""

import json
import logging
import sys

import pytest

from service.observability import configure_logging


@pytest.fixture
def json_logging(settings):
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    configure_logging(settings.replace(log_json=True, log_level="INFO"))
    yield
    root.handlers[:], level = saved
    root.setLevel(level)


def test_request_is_logged_as_json(client, json_logging, capsys):
    logging.getLogger().handlers[0].setStream(sys.stdout)  # the stdout capsys captures now
    client.get("/v1/conditions/sciatica", headers={"X-Request-ID": "trace-42"})
    lines = [
        json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")
    ]
    access = [line for line in lines if line.get("event") == "request"]
    assert access, lines
    entry = access[-1]
    assert entry["method"] == "GET"
    assert entry["path"] == "/v1/conditions/sciatica"
    assert entry["status"] == 200
    assert entry["request_id"] == "trace-42"
    assert isinstance(entry["duration_ms"], float)
    assert entry["level"] == "info" and "timestamp" in entry


def test_the_request_id_is_not_left_on_later_log_lines(client, json_logging, capsys):
    logging.getLogger().handlers[0].setStream(sys.stdout)
    client.get("/v1/conditions/sciatica", headers={"X-Request-ID": "trace-43"})
    logging.getLogger("spinecare.after").warning("outside any request")
    lines = [
        json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")
    ]
    (after,) = [line for line in lines if line.get("event") == "outside any request"]
    assert "request_id" not in after
    assert any(line.get("request_id") == "trace-43" for line in lines)
