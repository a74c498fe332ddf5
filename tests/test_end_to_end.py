"""The product's promise in one path: an app's answers lead to the nearest fitting specialists."""

from pathlib import Path

import pytest
import yaml

VIGNETTES = yaml.safe_load((Path(__file__).parent / "assessment" / "vignettes.yaml").read_text())


def answers_of(vignette_id: str) -> dict:
    vignette = next(v for v in VIGNETTES["vignettes"] if v["id"] == vignette_id)
    answers = {}
    for base in (
        [vignette["base"]] if isinstance(vignette.get("base"), str) else vignette.get("base", [])
    ):
        answers |= VIGNETTES["bases"][base]
    return answers | vignette["answers"]


@pytest.mark.parametrize(
    "vignette", ["stenosis_with_claudication_spacer", "persistent_radicular_pain_scs"]
)
def test_assessment_locator_filters_work_verbatim_in_the_physician_search(client, runner, vignette):
    assert runner.invoke(args=["locator", "demo", "--count", "400"]).exit_code == 0

    result = client.post(
        "/v1/assessments/evaluate", json={"answers": answers_of(vignette)}
    ).get_json()
    filters = result["locator"]
    assert filters["therapy"] and filters["specialty"]

    response = client.get("/v1/physicians", query_string={"zip": "10001", "radius": 250, **filters})
    assert response.status_code == 200, response.get_json()
    page = response.get_json()
    assert page["results"], "the demo directory has specialists offering this therapy"
    for hit in page["results"]:
        provider = hit["provider"]
        assert {t["slug"] for t in provider["therapies"]} & set(filters["therapy"])
        assert {s["code"] for s in provider["specialties"]} & set(filters["specialty"])
    distances = [hit["distance"] for hit in page["results"]]
    assert distances == sorted(distances)
