"""A cursor comes back from the client, and anyone can forge one with the right fingerprint (it
is a hash of the search parameters, not a secret): whatever it holds is a 400, never a 500."""

import base64
import json

import pytest


def forged(cursor: str, **changes: str) -> str:
    payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    text = json.dumps(
        {key: f"@{key}@" if key in changes else value for key, value in payload.items()}
    )
    for key, value in changes.items():
        text = text.replace(f'"@{key}@"', value)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "changes",
    [
        {"d": "-1e400"},
        {"d": "1e400"},
        {"d": "NaN"},
        {"d": "-1.0"},
        {"d": '"far"'},
        {"i": str(2**63)},
        {"i": str(-(2**70))},
        {"i": "1.5"},
        {"i": "true"},
        {"i": "9" * 250},
        {"v": "[" * 100 + "]" * 100},
    ],
)
def test_a_forged_cursor_is_a_422(client, make_provider, changes):
    for _ in range(3):
        make_provider((40.75, -73.99))
    first = client.get("/v1/physicians?zip=10001&limit=1").get_json()
    cursor = forged(first["next_cursor"], **changes)
    response = client.get(f"/v1/physicians?zip=10001&limit=1&cursor={cursor}")
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "invalid_parameter"


def test_the_cursor_it_gave_still_works(client, make_provider):
    for _ in range(3):
        make_provider((40.75, -73.99))
    first = client.get("/v1/physicians?zip=10001&limit=1").get_json()
    second = client.get(f"/v1/physicians?zip=10001&limit=1&cursor={first['next_cursor']}")
    assert second.status_code == 200
    assert (
        second.get_json()["results"][0]["provider"]["id"] != (first["results"][0]["provider"]["id"])
    )
