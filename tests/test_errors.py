"""Every error is application/problem+json with a stable code; nothing becomes an HTML page or a 500."""

import io
import json

import pytest
from flask import request

from service import create_app


def _assert_problem(response, status, code):
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == f"urn:spinecare:problem:{code}"
    assert body["title"] and body["detail"]
    assert body["instance"] == request_path(response)
    assert body["request_id"] == response.headers["X-Request-ID"]
    return body


def request_path(response):
    return response.request.path


def test_unknown_route(client):
    _assert_problem(client.get("/v1/nothing-here"), 404, "not_found")


def test_wrong_method_says_which_are_allowed(client):
    response = client.delete("/v1/conditions")
    _assert_problem(response, 405, "method_not_allowed")
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}


def test_bad_query_parameter_names_the_parameter(client):
    body = _assert_problem(client.get("/v1/conditions?page=zero"), 422, "validation_failed")
    assert body["errors"] == [{"in": "query", "name": "page", "message": "Not a valid integer."}]


def test_unsupported_accept(client):
    _assert_problem(
        client.get("/v1/conditions", headers={"Accept": "text/html"}), 406, "not_acceptable"
    )


def test_accept_with_wildcards_gets_json(client):
    response = client.get("/v1/conditions", headers={"Accept": "text/html;q=0.9, */*;q=0.1"})
    assert response.status_code == 200 and response.mimetype == "application/json"


@pytest.fixture
def app_with_echo(settings):
    """An app with a JSON-consuming route: body limits and parsing are app-wide behaviour."""
    app = create_app(settings.replace(max_request_body_bytes=64))

    @app.post("/echo")
    def echo():
        return {"received": request.get_json()}

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    return app


def test_oversized_body(app_with_echo):
    response = app_with_echo.test_client().post("/echo", json={"text": "x" * 200})
    _assert_problem(response, 413, "payload_too_large")


def body_without_length(data: bytes) -> dict:
    """A body as a chunked request arrives: no Content-Length, the server ends the stream."""
    return {
        "input_stream": io.BytesIO(data),
        "content_type": "application/json",
        "environ_overrides": {"wsgi.input_terminated": True, "HTTP_TRANSFER_ENCODING": "chunked"},
    }


def test_a_body_without_length_over_the_limit_is_413_not_cut_at_the_limit(app_with_echo):
    text = json.dumps({"text": "x" * 200}).encode()
    response = app_with_echo.test_client().post("/echo", **body_without_length(text))
    _assert_problem(response, 413, "payload_too_large")


def test_a_body_without_length_at_the_limit_is_read_whole(app_with_echo):
    text = json.dumps({"text": "x" * (64 - 12)}).encode()
    assert len(text) == 64
    response = app_with_echo.test_client().post("/echo", **body_without_length(text))
    assert response.status_code == 200
    assert response.get_json() == {"received": json.loads(text)}


def test_malformed_json_body(app_with_echo):
    response = app_with_echo.test_client().post(
        "/echo", data="{not json", content_type="application/json"
    )
    _assert_problem(response, 400, "bad_request")


def test_wrong_body_media_type(app_with_echo):
    response = app_with_echo.test_client().post("/echo", data="a=b", content_type="text/plain")
    _assert_problem(response, 415, "unsupported_media_type")


def test_unexpected_error_is_a_problem_without_internals(app_with_echo):
    response = app_with_echo.test_client().get("/boom")
    body = _assert_problem(response, 500, "internal_error")
    assert "secret" not in response.get_data(as_text=True)
    assert "request_id" in body["detail"]


@pytest.mark.parametrize(
    ("sent", "echoed"),
    [("abc-123.DEF_456", True), ("has spaces", False), ("x" * 200, False), ("<script>", False)],
)
def test_request_id_is_echoed_when_sane(client, sent, echoed):
    response = client.get("/healthz", headers={"X-Request-ID": sent})
    if echoed:
        assert response.headers["X-Request-ID"] == sent
    else:
        assert response.headers["X-Request-ID"] != sent
        assert len(response.headers["X-Request-ID"]) == 32
