"""Response JSON through orjson (service.json_provider): the documents Flask's own provider
wrote, compact, keys sorted, UTF-8; what orjson cannot write still renders."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid

from flask.json.provider import DefaultJSONProvider

from service.json_provider import JSONProvider, dumps_bytes


@dataclasses.dataclass
class Point:
    lat: float
    lon: float


def stdlib(data) -> str:
    """What Flask's provider writes for compact output, keys sorted, text unescaped."""
    return json.dumps(
        data,
        default=DefaultJSONProvider.default,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )


SAMPLES = [
    {"b": 1, "a": [True, None, 2.5, -0.0, 0.1 + 0.2], "c": {"z": "x", "y": "ñandú ü €"}},
    {"when": dt.datetime(2026, 12, 3, 15, 4, 5, tzinfo=dt.UTC), "day": dt.date(2026, 1, 2)},
    {"id": uuid.UUID("12345678-1234-5678-1234-567812345678"), "at": Point(40.75, -73.99)},
    {1: "int keys", 2: "as strings"},
    [{"distance": 12.345, "provider": {"id": 2**40, "name": "Dr. Núñez"}}] * 3,
]


def test_the_same_documents_as_the_standard_library_with_sorted_keys():
    for data in SAMPLES:
        assert dumps_bytes(data).decode() == stdlib(data)


def test_exponents_may_be_written_differently_for_the_same_number():
    # Python writes 1e-07, orjson 1e-7: the same double, as every JSON parser reads it.
    assert json.loads(dumps_bytes([1e-7, 1.5e300, 5e-324])) == [1e-7, 1.5e300, 5e-324]


def test_datetimes_and_dataclasses_keep_flasks_forms():
    written = json.loads(dumps_bytes(SAMPLES[1] | SAMPLES[2]))
    assert written["when"] == "Thu, 03 Dec 2026 15:04:05 GMT"  # Flask's HTTP date, not RFC 3339
    assert written["at"] == {"lat": 40.75, "lon": -73.99}
    assert written["id"] == "12345678-1234-5678-1234-567812345678"


def test_what_orjson_cannot_write_goes_to_the_standard_library():
    beyond_64_bits = {"n": 2**70, "m": -(2**70)}
    assert (
        dumps_bytes(beyond_64_bits) == b'{"m":-1180591620717411303424,"n":1180591620717411303424}'
    )


def test_text_is_utf8_not_escaped():
    assert dumps_bytes({"es": "Ciática"}) == '{"es":"Ciática"}'.encode()


def test_the_provider_indents_when_asked_as_flask_does(app):
    provider = JSONProvider(app)
    assert provider.dumps({"b": 1, "a": 2}) == '{"a":2,"b":1}'
    assert provider.dumps({"b": 1, "a": 2}, separators=(",", ":")) == '{"a":2,"b":1}'
    assert provider.dumps({"b": 1}, indent=2) == '{\n  "b": 1\n}'


def test_the_app_answers_through_it(client):
    response = client.get("/v1/conditions/sciatica", headers={"Accept-Language": "es"})
    assert response.status_code == 200
    body = response.get_data()
    assert b"\\u00" not in body  # Spanish text as UTF-8, not escapes
    document = json.loads(body)
    assert body == stdlib(document).encode()  # compact, keys sorted
