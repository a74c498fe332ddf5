"""Unknown query parameters are refused, as unknown body fields are: `?radius_mi=5` for `radius`
would otherwise widen a search without a word.

The allowed names per operation come from the app's own OpenAPI spec, so what is refused is
exactly what is undocumented. webargs cannot do it alone: an operation reads its query through
two schemas (its arguments and flask-smorest's pagination), each of which sees every parameter.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, Request

from service.errors import Problem

# `/v1/conditions/{slug}` (OpenAPI) for `/v1/conditions/<slug>` (werkzeug), converters dropped.
RULE_VARIABLE = re.compile(r"<(?:[^:>]+:)?([^>]+)>")


# FHIR defines search parameters (and `_count`, `_include`…) its own way; the view refuses what
# it does not support as FHIR clients expect, naming the parameter.
FHIR_PREFIX = "/v1/fhir/"


class UnknownQueryParameterProblem(Problem):
    status = 422
    code = "validation_failed"


def allowed_parameters(spec: dict[str, Any]) -> dict[tuple[str, str], frozenset[str]]:
    """(OpenAPI path, METHOD) → the query parameter names its operation documents."""
    allowed = {}
    for path, item in spec.get("paths", {}).items():
        if path.startswith(FHIR_PREFIX):
            continue  # FHIR search answers its own unsupported parameters (service.fhir)
        shared = [p for p in item.get("parameters", []) if p.get("in") == "query"]
        for method, operation in item.items():
            if not isinstance(operation, dict) or method == "parameters":
                continue
            names = {p["name"] for p in shared}
            names |= {p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"}
            allowed[(path, method.upper())] = frozenset(names)
    return allowed


def check_known_parameters(req: Request, allowed: dict[tuple[str, str], frozenset[str]]) -> None:
    """Raises a 422 naming each query parameter the operation does not document."""
    if not req.args or req.url_rule is None:
        return
    method = "GET" if req.method == "HEAD" else req.method
    names = allowed.get((RULE_VARIABLE.sub(r"{\1}", req.url_rule.rule), method))
    if names is None:  # not an operation of the contract (/docs, /openapi.json, examples)
        return
    if unknown := [name for name in req.args if name not in names]:
        raise UnknownQueryParameterProblem(
            "The request did not pass validation; see `errors`.",
            errors=[
                {"in": "query", "name": name, "message": "Unknown parameter."} for name in unknown
            ],
        )


def init_app(app: Flask, spec: dict[str, Any]) -> None:
    app.extensions["query_parameters"] = allowed_parameters(spec)
