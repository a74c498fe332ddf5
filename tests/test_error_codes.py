"""Every problem `code` the service can answer with is in service.errors' registry, and the spec
publishes the registry as the `ProblemCode` enum the SDKs type their errors by."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from service import errors
from service.openapi_export import offline_app, spec_dict

SERVICE = Path(errors.__file__).resolve().parent
# Functions that put their `code=` keyword into a problem body (or a documented example of one).
PROBLEM_BUILDERS = {"problem_response", "problem_document", "problem_example"}


def literal_codes() -> dict[str, list[str]]:
    """Each string literal used as a problem code in service/, with where it is used.

    Class attributes `code = "..."` (Problem subclasses) and `code="..."` passed to the builders.
    """
    found: dict[str, list[str]] = {}
    for path in sorted(SERVICE.rglob("*.py")):
        where = path.relative_to(SERVICE.parent).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values: list[ast.expr] = []
            if isinstance(node, ast.ClassDef):
                values = [
                    statement.value
                    for statement in node.body
                    if isinstance(statement, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "code" for t in statement.targets)
                ]
            elif isinstance(node, ast.Call):
                function = node.func
                name = (
                    function.attr
                    if isinstance(function, ast.Attribute)
                    else getattr(function, "id", None)
                )
                if name in PROBLEM_BUILDERS:
                    values = [k.value for k in node.keywords if k.arg == "code"]
            for value in values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.setdefault(value.value, []).append(f"{where}:{value.lineno}")
    return found


def all_problem_subclasses(cls=errors.Problem):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from all_problem_subclasses(subclass)


def test_every_literal_code_in_the_service_is_registered():
    missing = {
        code: where for code, where in literal_codes().items() if code not in errors.PROBLEM_CODES
    }
    assert not missing, f"add these to service.errors.DOMAIN_CODES: {missing}"


def test_every_problem_class_of_the_app_has_a_registered_code():
    offline_app()  # imports every blueprint, hence every domain's Problem subclasses
    classes = list(all_problem_subclasses())
    assert len(classes) > 10
    missing = {
        cls.__qualname__: cls.code for cls in classes if cls.code not in errors.PROBLEM_CODES
    }
    assert not missing, f"add these to service.errors.DOMAIN_CODES: {missing}"


def test_every_status_fallback_is_registered():
    assert set(errors.CODES_BY_STATUS.values()) <= set(errors.PROBLEM_CODES)
    assert errors.problem_document(418)["code"] in errors.PROBLEM_CODES  # no specific code


def test_every_registered_domain_code_is_used():
    """No stale entries: each one still appears in the service (as a class code or a builder's)."""
    used = literal_codes()
    unused = [code for code in errors.DOMAIN_CODES if code not in used]
    assert not unused, f"no longer raised anywhere; remove from DOMAIN_CODES: {unused}"
    assert len(set(errors.DOMAIN_CODES)) == len(errors.DOMAIN_CODES)


@pytest.fixture(scope="module")
def spec():
    return spec_dict(offline_app())


def test_the_spec_publishes_the_registry_as_an_open_enum(spec):
    schemas = spec["components"]["schemas"]
    assert schemas["ProblemCode"]["type"] == "string"
    assert schemas["ProblemCode"]["enum"] == list(errors.PROBLEM_CODES)
    # Open: a client built from this spec still reads a code added later.
    assert schemas["Problem"]["properties"]["code"]["anyOf"] == [
        {"$ref": "#/components/schemas/ProblemCode"},
        {"type": "string"},
    ]
    assert "code" in schemas["Problem"]["required"]


def test_documented_problem_examples_use_registered_codes(spec):
    """The examples in the spec are what a client learns the codes from first."""
    codes = []

    def walk(node):
        if isinstance(node, dict):
            if (
                isinstance(node.get("type"), str)
                and node["type"].startswith(errors.PROBLEM_TYPE_PREFIX)
                and isinstance(node.get("code"), str)
            ):
                codes.append(node["code"])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(spec)
    assert codes
    assert set(codes) <= set(errors.PROBLEM_CODES)
