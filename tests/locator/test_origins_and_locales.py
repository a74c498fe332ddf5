"""Search from a city or by NPI, language codes stored one way, and localised labels."""

import pytest

from service.locator import imports, zips
from service.locator.models import Provider
from service.locator.npi import npi_check_digit

PROBLEM = "application/problem+json"


def ids(body):
    return [result["provider"]["id"] for result in body["results"]]


def test_city_search_finds_what_a_search_from_the_city_centroid_finds(client, make_provider):
    austin = zips.city("Austin", "TX")
    near = make_provider((austin.lat + 0.02, austin.lon))
    farther = make_provider((austin.lat + 0.2, austin.lon - 0.1))
    make_provider((29.76, -95.37))  # Houston, ~145 mi away
    by_city = client.get("/v1/physicians?city=austin&state=TX&radius=30").get_json()
    native = client.get(f"/v1/physicians?lat={austin.lat}&lon={austin.lon}&radius=30").get_json()
    assert ids(by_city) == ids(native) == [near.id, farther.id]
    assert [r["distance"] for r in by_city["results"]] == [r["distance"] for r in native["results"]]
    assert by_city["metadata"]["origin"] == {
        "method": "city",
        "zip": None,
        "city": "Austin",
        "state": "TX",
        "lat": austin.lat,
        "lon": austin.lon,
        "precision": "city_centroid",
    }
    assert by_city["metadata"]["attribution"] == "/v1/locator/attribution"
    assert native["metadata"]["origin"]["method"] == "coordinates"


@pytest.mark.parametrize(
    ("query", "name", "code"),
    [
        ("city=Atlantis&state=TX", "city", "unknown_city"),
        ("city=Austin", "state", "validation_failed"),
        ("state=TX", "city", "validation_failed"),
        ("city=Austin&state=Texas", "state", "validation_failed"),
        ("city=Austin&state=TX&zip=78701", "zip", "validation_failed"),
        ("city=Austin&state=TX&lat=30&lon=-97", "city", "validation_failed"),
    ],
)
def test_city_search_problems_name_the_parameter(client, query, name, code):
    response = client.get(f"/v1/physicians?{query}")
    assert response.status_code == 422 and response.mimetype == PROBLEM
    body = response.get_json()
    assert body["code"] == code and name in [error["name"] for error in body["errors"]]


def test_zip_origins_report_their_city(client):
    origin = client.get("/v1/physicians?zip=78701").get_json()["metadata"]["origin"]
    assert (origin["method"], origin["zip"], origin["city"], origin["state"]) == (
        "zip",
        "78701",
        "Austin",
        "TX",
    )


def test_npi_is_an_exact_filter_and_alone_finds_its_records_anywhere(
    client, db_session, make_provider
):
    npi = "1234567893"
    listed = make_provider((40.75, -73.99))
    listed.npi = npi
    elsewhere = make_provider((34.05, -118.24))  # another partner's record of the same NPI
    elsewhere.npi, elsewhere.source = npi, "other-partner"
    make_provider((40.75, -73.99))  # same place, another NPI
    db_session.flush()
    nearby = client.get(f"/v1/physicians?zip=10001&npi={npi}").get_json()
    assert ids(nearby) == [listed.id]
    anywhere = client.get(f"/v1/physicians?npi={npi}").get_json()
    assert ids(anywhere) == [listed.id, elsewhere.id]
    assert anywhere["results"][1]["distance"] is None
    assert anywhere["results"][1]["location"]["lat"] == 34.05
    assert anywhere["metadata"]["origin"] is None and anywhere["metadata"]["count"] == 2
    other = "987654321" + npi_check_digit("987654321")
    assert ids(client.get(f"/v1/physicians?npi={other}").get_json()) == []
    bad = client.get("/v1/physicians?npi=1234567890")
    assert bad.status_code == 422 and bad.get_json()["errors"][0]["name"] == "npi"


@pytest.mark.parametrize("code", ["es", "spa", "SPA", "es-MX"])
def test_language_filter_accepts_iso_639_1_2_and_3(client, make_provider, code):
    spanish = make_provider((40.75, -73.99), languages=("en", "es"))
    make_provider((40.75, -73.99), languages=("en",))
    assert ids(client.get(f"/v1/physicians?zip=10001&language={code}").get_json()) == [spanish.id]


def test_an_unknown_language_code_is_a_422(client):
    response = client.get("/v1/physicians?zip=10001&language=xq")
    assert response.status_code == 422 and response.get_json()["errors"][0]["name"] == "language"


def test_imports_store_language_codes_one_way(db_session):
    body = (
        '{"external_id": "l-1", "name": "Dr. Polyglot", "languages": ["spa", "es", "ger", "yue",'
        ' "en-US"], "locations": [{"zip": "10001"}]}\n'
    )
    imports.import_body(session=db_session, source="acme", body=body, media_type=imports.NDJSON)
    provider = db_session.query(Provider).one()
    assert provider.languages == ["de", "en", "es", "yue"]
    again = imports.import_body(
        session=db_session,
        source="acme",
        body=body.replace('"spa", "es", "ger"', '"deu", "es"'),
        media_type=imports.NDJSON,
    )
    assert again.unchanged == 1, "the same languages, however spelled, change nothing"
    with pytest.raises(imports.ImportRejectedProblem) as rejected:
        imports.import_body(
            session=db_session,
            source="acme",
            media_type=imports.NDJSON,
            body=body.replace('"yue"', '"qqq"'),
        )
    assert rejected.value.errors[0]["field"] == "languages[3]"


def test_specialty_labels_are_spanish_for_accept_language_es(client, make_provider):
    provider = make_provider((40.75, -73.99), specialties=("208VP0014X",))
    spanish = {"Accept-Language": "es-MX,es;q=0.9"}
    listed = client.get("/v1/specialties", headers=spanish)
    assert listed.headers["Content-Language"] == "es"
    assert "Accept-Language" in listed.headers["Vary"]
    first = next(item for item in listed.get_json() if item["code"] == "208VP0014X")
    assert first["display_name"] == "Médico especialista en medicina intervencionista del dolor"
    assert first["classification"] == "Pain Medicine", "NUCC's own labels stay NUCC's"
    search = client.get("/v1/physicians?zip=10001", headers=spanish)
    assert search.headers["Content-Language"] == "es"
    label = search.get_json()["results"][0]["provider"]["specialties"][0]["display_name"]
    assert label.startswith("Médico")
    detail = client.get(f"/v1/physicians/{provider.id}", headers=spanish)
    assert detail.headers["Content-Language"] == "es"
    assert detail.get_json()["specialties"][0]["display_name"].startswith("Médico")
    english = client.get("/v1/physicians?zip=10001")
    assert english.headers["Content-Language"] == "en"
    label = english.get_json()["results"][0]["provider"]["specialties"][0]["display_name"]
    assert label == "Interventional Pain Medicine Physician"
    assert search.headers["ETag"] != english.headers["ETag"]
