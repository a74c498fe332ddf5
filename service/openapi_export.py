"""Write the OpenAPI document generated from the code: `python -m service.openapi_export FILE`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from flask import Flask

from service import create_app
from service.settings import Settings

# The spec needs an app, not a database: the engine never connects until a request needs it.
OFFLINE_SETTINGS = Settings(database_url="postgresql://offline@localhost/unused", testing=True)


def offline_app() -> Flask:
    return create_app(OFFLINE_SETTINGS)


def spec_dict(app: Flask) -> dict[str, Any]:
    spec: dict[str, Any] = app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()
    return spec


def render(app: Flask) -> str:
    return json.dumps(spec_dict(app), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m service.openapi_export FILE", file=sys.stderr)
        return 2
    Path(argv[1]).write_text(render(offline_app()), encoding="utf-8")
    print(f"wrote {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
