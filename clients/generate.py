"""Regenerate both clients from openapi/openapi.json: `make clients` (or `python clients/generate.py`).

`--into DIR` writes the same files under DIR instead of clients/, so the drift test in
tests/clients can compare them with the committed ones. Needs the dev virtualenv (the pinned
openapi-python-client and ruff) and `npm ci` done in clients/typescript (the pinned openapi-typescript).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

CLIENTS = Path(__file__).resolve().parent
SPEC = CLIENTS.parent / "openapi" / "openapi.json"
TYPESCRIPT = CLIENTS / "typescript"
# Paths relative to clients/: what the generators own (everything else there is written by hand).
PYTHON_PROJECT = Path("python", "spinecare-partner-api-client")
TYPESCRIPT_SCHEMA = Path("typescript", "src", "schema.d.ts")
GENERATED = (PYTHON_PROJECT, TYPESCRIPT_SCHEMA)


def generate_python(output: Path) -> None:
    """openapi-python-client into `output` (replaced), formatted by its post-hooks with our ruff."""
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--into", type=Path, default=CLIENTS, help="root to write into (default: clients/)"
    )
    generate(parser.parse_args().into.resolve())


if __name__ == "__main__":
    main()
