"""Both clients as a partner gets them: a wheel and an npm tarball built from the committed
clients, installed where nothing else of this repository is, and used against a live server
(pagination both ways, typed errors)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

CLIENTS = REPO_ROOT / "clients"
TYPESCRIPT = CLIENTS / "typescript"
PYTHON_PROJECT = CLIENTS / "python" / "spinecare-partner-api-client"
HERE = Path(__file__).resolve().parent
SPEC_VERSION = json.loads((REPO_ROOT / "openapi" / "openapi.json").read_text())["info"]["version"]


def readme_code(readme: Path, language: str) -> str:
    """The README's `language` blocks as one script, imports first (they are one walk-through)."""
    blocks = re.findall(rf"```{language}\n(.*?)```", readme.read_text(), re.DOTALL)
    lines = [line for block in blocks for line in block.splitlines()]
    imports = [line for line in lines if line.startswith(("import ", "from "))]
    return "\n".join(imports + [line for line in lines if line not in imports]) + "\n"


def run(arguments: list, *, cwd: Path, env: dict | None = None, timeout: int = 180) -> str:
    result = subprocess.run(
        [str(argument) for argument in arguments],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def assert_what_a_partner_sees(seen: dict) -> None:
    """The consumer scripts' observations, the same for both languages."""
    pages, everything = seen["condition_pages"], seen["all_conditions"]
    assert len(everything) > 2
    assert len(pages) == (len(everything) + 1) // 2  # every page, two conditions each
    assert all(len(page) == 2 for page in pages[:-1])
    assert [slug for page in pages for slug in page] == everything  # in order, no repeats

    changes, total = seen["changes"], seen["all_changes"]
    assert total > 10
    assert len(changes) == (total + 9) // 10  # ten a page, and no empty page after the last
    assert [more for _, more in changes] == [True] * (len(changes) - 1) + [False]
    assert sum(count for count, _ in changes) == total

    physicians = seen["physicians"]
    assert len(physicians) == 12  # three pages of 5, cut at 12
    assert len({provider_id for provider_id, _ in physicians}) == 12
    distances = [distance for _, distance in physicians]
    assert distances == sorted(distances)

    assert seen["not_found"] == {
        "status": 404,
        "code": "not_found",
        "type": "urn:spinecare:problem:not_found",
        "detail": seen["not_found"]["detail"],
        "known": True,
        "request_id": seen["not_found"]["request_id"],
    }
    assert "999999999" in seen["not_found"]["detail"] and seen["not_found"]["request_id"]
    assert seen["scope"]["status"] == 403 and seen["scope"]["code"] == "insufficient_scope"


# --- Python: a wheel in a fresh virtualenv -------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """`pip wheel` of the committed project, built from a copy (setuptools writes build/ and
    *.egg-info beside the sources) with the virtualenv's setuptools, offline."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "project"
    shutil.copytree(PYTHON_PROJECT, source, ignore=shutil.ignore_patterns("__pycache__"))
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--wheel-dir",
            work / "dist",
            source,
        ],
        cwd=work,
    )
    (built,) = (work / "dist").glob("*.whl")
    return built


def test_the_wheel_carries_the_specs_version_licence_and_helpers(wheel):
    assert wheel.name == f"spinecare_partner_api_client-{SPEC_VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = Parser().parsestr(
            archive.read(f"spinecare_partner_api_client-{SPEC_VERSION}.dist-info/METADATA").decode()
        )
    assert metadata["Version"] == SPEC_VERSION
    assert metadata["License"] == "Proprietary"
    assert metadata["Requires-Python"] == ">=3.11"
    assert {
        requirement.split("<")[0].split(">")[0] for requirement in metadata.get_all("Requires-Dist")
    } == {"httpx", "attrs"}
    assert "# SpineCare Partner API: Python client" in metadata.get_payload()  # our README
    for module in (
        "__init__",
        "pagination",
        "problems",
        "models/problem_code",
        "api/content/list_conditions",
    ):
        assert f"spinecare_client/{module}.py" in names
    assert "spinecare_client/py.typed" in names


def test_the_installed_wheel_paginates_and_raises_typed_errors(wheel, live_api, tmp_path):
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path)
    python = venv / "bin" / "python"
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            python,
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-index",
            "--no-deps",
            wheel,
        ],
        cwd=tmp_path,
    )
    # httpx, attrs and theirs from this virtualenv, after the fresh one's own site-packages.
    (site_packages,) = (venv / "lib").glob("python3.*/site-packages")
    (site_packages / "requirements-from-dev-venv.pth").write_text(
        next(path for path in sys.path if path.endswith("site-packages")) + "\n"
    )
    shutil.copyfile(HERE / "sdk_consumer.py", tmp_path / "sdk_consumer.py")
    output = run([python, "-I", "sdk_consumer.py"], cwd=tmp_path, env=live_api, timeout=120)
    seen = json.loads(output)
    assert Path(seen["module"]).is_relative_to(site_packages)  # the wheel, not the repository
    assert_what_a_partner_sees(seen)

    # The README's examples, in order, against the live server.
    readme = readme_code(CLIENTS / "python" / "README.md", "python").replace(
        '"https://api.example.com"', 'os.environ["SPINECARE_BASE_URL"]'
    )
    (tmp_path / "readme.py").write_text("import os\n" + readme)
    run([python, "-I", "readme.py"], cwd=tmp_path, env=live_api, timeout=120)


# --- TypeScript: an npm tarball in a scratch project ---------------------------------------------


@pytest.fixture(scope="module")
def tarball(node_modules, tmp_path_factory) -> Path:
    """`npm pack`: its prepack builds dist/ with tsc."""
    destination = tmp_path_factory.mktemp("npm")
    run(["npm", "pack", "--silent", "--pack-destination", destination], cwd=TYPESCRIPT)
    (packed,) = destination.glob("*.tgz")
    return packed


def test_the_tarball_holds_the_built_package(tarball):
    assert tarball.name == f"spinecare-partner-api-client-{SPEC_VERSION}.tgz"
    with tarfile.open(tarball) as archive:
        names = set(archive.getnames())
        manifest = json.load(archive.extractfile("package/package.json"))
    assert manifest["version"] == SPEC_VERSION
    assert manifest["license"] == "UNLICENSED"
    for built in ("index.js", "index.d.ts", "errors.js", "pagination.js", "schema.d.ts"):
        assert f"package/dist/{built}" in names
    assert "package/README.md" in names
    # openapi-fetch travels inside: installing needs no registry.
    assert "package/node_modules/openapi-fetch/package.json" in names
    assert not any(name.startswith(("package/src/", "package/examples/")) for name in names)
    assert manifest["exports"]["."]["types"] == "./dist/index.d.ts"


def test_the_installed_tarball_type_checks_paginates_and_raises_typed_errors(
    tarball, node_modules, live_api, tmp_path
):
    project = tmp_path / "portal"
    project.mkdir()
    (project / "package.json").write_text(
        json.dumps({"name": "portal", "private": True, "type": "module"})
    )
    run(
        ["npm", "install", "--offline", "--no-audit", "--no-fund", "--silent", tarball], cwd=project
    )
    shutil.copyfile(HERE / "sdk_consumer.ts", project / "consumer.ts")
    # The README's examples type-check against the installed package (they are not run).
    readme = readme_code(TYPESCRIPT / "README.md", "ts")
    (project / "readme.ts").write_text(
        readme + "declare const process: { env: Record<string, string | undefined> };\nexport {};\n"
    )
    (project / "tsconfig.json").write_text(
        json.dumps(
            {
                "compilerOptions": {
                    "target": "ES2022",
                    "module": "NodeNext",
                    "moduleResolution": "NodeNext",
                    "lib": ["ES2022", "DOM"],
                    "types": [],
                    "strict": True,
                    "skipLibCheck": False,
                    "outDir": "out",
                },
                "files": ["consumer.ts", "readme.ts"],
            }
        )
    )
    run([node_modules / ".bin" / "tsc", "-p", "tsconfig.json"], cwd=project)  # the types resolve
    seen = json.loads(run(["node", "out/consumer.js"], cwd=project, env=live_api, timeout=120))
    assert_what_a_partner_sees(seen)
