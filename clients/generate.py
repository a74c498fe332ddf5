"""Regenerate both clients from openapi/openapi.json: `make clients` (or `python clients/generate.py`).

`--into DIR` writes the same files under DIR instead of clients/, so the drift test in
tests/clients can compare them with the committed ones. Needs the dev virtualenv (the pinned
openapi-python-client and ruff) and `npm ci` done in clients/typescript (the pinned openapi-typescript).

Both packages take their version from the spec's `info.version`. The Python project is generated
whole, then made a package: the hand-written modules of clients/python/sdk/ are copied into it
(over the generated `__init__.py`), and its README and pyproject.toml are written from
clients/python/README.md and clients/python/pyproject.toml.in. The TypeScript schema is the only
generated file of clients/typescript; this script sets the version in its package.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

CLIENTS = Path(__file__).resolve().parent
SPEC = CLIENTS.parent / "openapi" / "openapi.json"
TYPESCRIPT = CLIENTS / "typescript"
# Written by hand, copied into the generated Python project by generate_python.
PYTHON_SDK = CLIENTS / "python" / "sdk"
PYTHON_README = CLIENTS / "python" / "README.md"
PYTHON_PYPROJECT = CLIENTS / "python" / "pyproject.toml.in"
PYTHON_PACKAGE = "spinecare_client"
# Paths relative to clients/: what the generators own (everything else there is written by hand).
PYTHON_PROJECT = Path("python", "spinecare-partner-api-client")
TYPESCRIPT_SCHEMA = Path("typescript", "src", "schema.d.ts")
GENERATED = (PYTHON_PROJECT, TYPESCRIPT_SCHEMA)


def spec_version() -> str:
    """`info.version` of the spec: the version of both packages."""
    return json.loads(SPEC.read_text(encoding="utf-8"))["info"]["version"]


def generate_python(output: Path) -> None:
    """openapi-python-client into `output` (replaced), formatted by its post-hooks with our ruff,
    then the hand-written modules, README and package metadata."""
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    bin_dir = Path(sys.executable).parent
    # The post-hooks call `ruff` by name: the virtualenv's pinned one, not whatever is on PATH.
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    subprocess.run(
        [
            bin_dir / "openapi-python-client",
            "generate",
            "--path",
            str(SPEC),
            "--config",
            str(CLIENTS / "python" / "openapi-python-client.yaml"),
            "--meta",
            "setup",
            "--output-path",
            str(output),
        ],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    package_python(output)


def package_python(project: Path) -> None:
    """The generated project as an installable package: our modules, README, pyproject.toml.

    The generator's setup.py is replaced by a PEP 621 pyproject.toml (setuptools, so a wheel
    builds offline with the virtualenv's setuptools); its run-time requirements are kept.
    """
    setup_py = project / "setup.py"
    requirements = re.search(r"install_requires=\[(.*?)\]", setup_py.read_text(encoding="utf-8"))
    if requirements is None:
        sys.exit(f"{setup_py}: no install_requires (did openapi-python-client change?)")
    setup_py.unlink()
    for module in sorted(PYTHON_SDK.glob("*.py")):
        shutil.copyfile(module, project / PYTHON_PACKAGE / module.name)
    shutil.copyfile(PYTHON_README, project / "README.md")
    pyproject = PYTHON_PYPROJECT.read_text(encoding="utf-8")
    pyproject = pyproject.replace("@VERSION@", spec_version()).replace(
        "@DEPENDENCIES@", requirements.group(1)
    )
    (project / "pyproject.toml").write_text(pyproject, encoding="utf-8")


def set_typescript_version(package: Path = TYPESCRIPT) -> None:
    """The spec's version in package.json and package-lock.json (written only when it changes:
    the tests run `npm ci` again when package-lock.json is newer than node_modules)."""
    version = spec_version()
    for name in ("package.json", "package-lock.json"):
        path = package / name
        text = path.read_text(encoding="utf-8")
        document = json.loads(text)
        document["version"] = version
        if name == "package-lock.json":
            document["packages"][""]["version"] = version
        updated = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        if updated != text:
            path.write_text(updated, encoding="utf-8")


def generate_typescript(output: Path) -> None:
    """openapi-typescript (the version in clients/typescript/package-lock.json) to `output`."""
    generator = TYPESCRIPT / "node_modules" / ".bin" / "openapi-typescript"
    if not generator.exists():
        sys.exit(f"{generator} is missing: run `npm ci` in {TYPESCRIPT}")
    output.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [generator, str(SPEC), "--output", str(output)],
        check=True,
        cwd=TYPESCRIPT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def generate(into: Path = CLIENTS) -> None:
    generate_python(into / PYTHON_PROJECT)
    generate_typescript(into / TYPESCRIPT_SCHEMA)
    if into == CLIENTS:  # package.json is ours, not generated: only its version follows the spec
        set_typescript_version()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--into", type=Path, default=CLIENTS, help="root to write into (default: clients/)"
    )
    generate(parser.parse_args().into.resolve())


if __name__ == "__main__":
    main()
