"""The committed bundle (service/static/web/spinecare-elements.js) is what clients/web builds,
and the sources type-check against the TypeScript client's generated schema."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.browser.conftest import WEB
from tests.conftest import REPO_ROOT

BUNDLE = REPO_ROOT / "service" / "static" / "web" / "spinecare-elements.js"


@pytest.fixture
def node(web_node_modules) -> str:
    path = shutil.which("node")
    if path is None:
        pytest.skip("node is not installed: the web bundle is not rebuilt")
    return path


def test_the_committed_bundle_is_exactly_what_the_sources_build(node, tmp_path):
    outputs = [tmp_path / "first.js", tmp_path / "second.js"]
    for output in outputs:
        subprocess.run(
            [node, "build.mjs", "--outfile", str(output)],
            cwd=WEB,
            check=True,
            capture_output=True,
            timeout=120,
        )
    assert outputs[0].read_bytes() == outputs[1].read_bytes(), "the build is not deterministic"
    assert outputs[0].read_bytes() == BUNDLE.read_bytes(), (
        "service/static/web/spinecare-elements.js is stale: run `cd clients/web && npm run build`"
    )


def test_the_sources_type_check_against_the_generated_api_types(node, web_node_modules):
    tsc = web_node_modules / "typescript" / "bin" / "tsc"
    run = subprocess.run(
        [node, str(tsc), "--noEmit", "-p", "."],
        cwd=WEB,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
