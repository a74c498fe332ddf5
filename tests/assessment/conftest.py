"""Assessment fixtures: the packaged ruleset and the clinical vignettes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from service.assessment.definitions import default_ruleset

VIGNETTES_PATH = Path(__file__).resolve().parent / "vignettes.yaml"


def load_vignettes() -> list[dict]:
    data = yaml.safe_load(VIGNETTES_PATH.read_text(encoding="utf-8"))
    vignettes = []
    for vignette in data["vignettes"]:
        base = vignette.get("base", [])
        answers: dict = {}
        for name in [base] if isinstance(base, str) else base:
            answers |= data["bases"][name]
        merged = {k: v for k, v in (answers | vignette["answers"]).items() if v is not None}
        vignettes.append(vignette | {"answers": merged})  # null removes a base answer
    return vignettes


VIGNETTES = load_vignettes()


@pytest.fixture(scope="session")
def ruleset():
    return default_ruleset()
