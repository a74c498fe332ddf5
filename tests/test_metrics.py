"""Request metrics as the edge records them: per method, route and status; unhandled errors."""

import re

import pytest

from service import create_app


@pytest.fixture
def app_with_metrics(settings):
    app = create_app(settings.replace(metrics_public_path=True))

    @app.get("/boom")
    def boom():
        raise RuntimeError("a bug")

    return app


def _samples(client) -> dict[str, float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    return {
        name: float(value)
        for name, value in re.findall(
            r"^(spinecare_\S+) (\S+)$", response.get_data(as_text=True), re.MULTILINE
        )
    }


def test_requests_are_counted_by_method_route_and_status(app_with_metrics, db_session):
    client = app_with_metrics.test_client()
    for _ in range(3):
        assert client.get("/v1/care-pathway").status_code == 401  # no key
    client.get("/v1/nothing-here")

    samples = _samples(client)
    duration = "spinecare_http_request_duration_seconds"
    assert (
        samples[f'{duration}_count{{method="GET",status="401",url_rule="/v1/care-pathway"}}'] == 3
    )
    assert samples[f'{duration}_count{{method="GET",status="404",url_rule="None"}}'] == 1
    assert samples['spinecare_http_request_total{method="GET",status="401"}'] == 3
    # Each observation lands in the histogram's buckets (+Inf holds them all).
    assert (
        samples[
            f'{duration}_bucket{{le="+Inf",method="GET",status="401",url_rule="/v1/care-pathway"}}'
        ]
        == 3
    )
    # The scrape itself is not observed.
    assert not any('url_rule="/metrics"' in name for name in samples)


def test_an_unhandled_error_is_counted_as_an_exception(app_with_metrics, db_session):
    client = app_with_metrics.test_client()
    assert client.get("/boom").status_code == 500

    samples = _samples(client)
    assert samples['spinecare_http_request_exceptions_total{method="GET",status="500"}'] == 1
    assert (
        samples[
            'spinecare_http_request_duration_seconds_count{method="GET",status="500",url_rule="/boom"}'
        ]
        == 1
    )
