"""The generated clients: in step with the spec, type-checked, and working against a real server."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import REPO_ROOT

CLIENTS = REPO_ROOT / "clients"
TYPESCRIPT = CLIENTS / "typescript"
PYTHON_PROJECT = CLIENTS / "python" / "spinecare-partner-api-client"
# Caches the generators or an interpreter may leave beside the committed files.
IGNORED = {"__pycache__", ".ruff_cache", "node_modules", "dist", "build"}


def _load_generator():
    spec = importlib.util.spec_from_file_location("clients_generate", CLIENTS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generator = _load_generator()


def tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and not IGNORED.intersection(path.relative_to(root).parts)
        and not any(part.endswith(".egg-info") for part in path.relative_to(root).parts)
    }


# --- drift: `make clients` must have been run after the last spec change -------------------


def test_python_client_is_generated_from_the_committed_spec(tmp_path):
    generator.generate_python(tmp_path / "client")
    committed, fresh = tree(PYTHON_PROJECT), tree(tmp_path / "client")
    assert committed.keys() == fresh.keys(), "run `make clients`: files differ"
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, f"run `make clients`: {stale[:5]} differ from a fresh generation"


def test_both_packages_have_the_specs_version():
    version = generator.spec_version()
    assert json.loads((TYPESCRIPT / "package.json").read_text())["version"] == version
    lock = json.loads((TYPESCRIPT / "package-lock.json").read_text())
    assert lock["version"] == lock["packages"][""]["version"] == version
    pyproject = tomllib.loads((PYTHON_PROJECT / "pyproject.toml").read_text())
    assert pyproject["project"]["version"] == version


def test_hand_written_python_modules_are_copied_in_unchanged():
    """clients/python/sdk/ is the source; the copies in the generated package are not edited."""
    for module in (CLIENTS / "python" / "sdk").glob("*.py"):
        copy = PYTHON_PROJECT / "spinecare_client" / module.name
        assert copy.read_bytes() == module.read_bytes(), f"run `make clients`: {copy} differs"


def test_typescript_types_are_generated_from_the_committed_spec(tmp_path, node_modules):
    generator.generate_typescript(tmp_path / "schema.d.ts")
    committed = TYPESCRIPT / "src" / "schema.d.ts"
    assert (tmp_path / "schema.d.ts").read_bytes() == committed.read_bytes(), "run `make clients`"


def test_every_generated_python_module_imports():
    """A name clash in the spec makes openapi-python-client drop a model its operations import."""
    script = (
        "import pkgutil, importlib, spinecare_client\n"
        "for module in pkgutil.walk_packages(spinecare_client.__path__, 'spinecare_client.'):\n"
        "    importlib.import_module(module.name)\n"
        "from spinecare_client.api.assessment import evaluate_assessment\n"
        "from spinecare_client.api.locator import search_physicians\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(PYTHON_PROJECT), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 0, result.stderr


# --- type checks -------------------------------------------------------------------------------


def test_typescript_client_and_example_type_check(node_modules):
    result = subprocess.run(
        [node_modules / ".bin" / "tsc", "--noEmit", "-p", "tsconfig.json"],
        check=False,
        cwd=TYPESCRIPT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- the examples against gunicorn -------------------------------------------------------------


def assert_summary(output: str) -> None:
    """What both examples print: the urgency, then the nearest physicians in order."""
    assert re.search(r"^urgency: routine_consultation \(.+\)$", output, re.MULTILINE), output
    assert re.search(r"^likely: .*lumbar-spinal-stenosis", output, re.MULTILINE), output
    found = re.search(
        r"^physicians: (\d+) on the first page, within 25 mi of 10001$", output, re.MULTILINE
    )
    assert found and int(found.group(1)) >= 1, output
    distances = [
        float(d)
        for d in re.findall(r"^  (\d+\.\d) mi  Dr\. .+, .+ [A-Z]{2}$", output, re.MULTILINE)
    ]
    assert distances, output
    assert distances == sorted(distances), output
    assert len(distances) == min(5, int(found.group(1)))


def run_example(arguments: list, env: dict, cwd: Path) -> str:
    result = subprocess.run(
        arguments,
        check=False,
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_python_example_assesses_and_finds_physicians(live_api):
    env = {**live_api, "PYTHONPATH": str(PYTHON_PROJECT), "PYTHONDONTWRITEBYTECODE": "1"}
    output = run_example(
        [sys.executable, CLIENTS / "python" / "examples" / "assess_and_find.py"], env, REPO_ROOT
    )
    assert_summary(output)


def test_typescript_example_assesses_and_finds_physicians(live_api, node_modules):
    # Into clients/typescript/build (gitignored), where node finds openapi-fetch: ES modules
    # resolve packages from the file's own directory up, never from NODE_PATH.
    subprocess.run(
        [node_modules / ".bin" / "tsc", "-p", "tsconfig.json"],
        cwd=TYPESCRIPT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    compiled = TYPESCRIPT / "build" / "examples" / "assess-and-find.js"
    assert_summary(run_example(["node", compiled], live_api, TYPESCRIPT))
