"""What a request may carry: text PostgreSQL can store, JSON we can parse, ids that fit a bigint.

Each of these reached PostgreSQL or a parser and answered 500: a NUL character (PostgreSQL text
cannot hold it), an unpaired surrogate such as JSON's "\\ud800" (psycopg cannot encode it),
JSON nested until Python's recursion limit, integers past Python's 4,300-digit conversion limit,
`NaN`/`Infinity` (jsonb refuses them), and ids or offsets past PostgreSQL's bigint. They are
refused here once: the path and query at the edge (`check_request_text`), every JSON body in one
loader (`loads_json`, used by the arguments parser, `request.get_json` and NDJSON imports), and
path integers in the `int` URL converter. `BoundedRequest` makes a body without Content-Length
(chunked) over MAX_REQUEST_BODY_BYTES a 413, where werkzeug silently cut it at the limit.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from flask import Request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.routing import IntegerConverter, Map, ValidationError

from service.errors import Problem

BIGINT_MAX = 2**63 - 1
# Containers within containers. Our bodies nest three or four levels; 32 is far from both them
# and the recursion limit, and keeps any later recursive walk of the data cheap.
MAX_JSON_DEPTH = 32
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Valid JSON can only carry NUL or a lone surrogate as an escape (raw control characters and
# invalid UTF-8 are syntax errors): a body without one of these needs no walk for them.
ESCAPED_UNSTORABLE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")


class UnstorableTextProblem(Problem):
    """A NUL character or an unpaired surrogate: no PostgreSQL text column can hold either.

    422, not 400: the request parsed and matches the contract's types; one value is refused."""

    status = 422
    code = "invalid_character"


class InvalidJSONProblem(Problem):
    """Well-formed JSON past our limits (depth, number size, NaN/Infinity)."""

    status = 400
    code = "bad_request"


class JSONInputError(ValueError):
    """Why a JSON text is refused; `path` names the value (`answers.pain[0]`), if one."""

    def __init__(self, message: str, path: str | None = None, *, unstorable: bool = False):
        super().__init__(message)
        self.message = message
        self.path = path
        self.unstorable = unstorable


def unstorable_message(text: str) -> str | None:
    """Why PostgreSQL could not store `text`, or None when it can."""
    found = UNSTORABLE.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return "NUL characters are not allowed."
    return f"Unpaired surrogate U+{ord(found.group()):04X} is not allowed (not valid Unicode)."


# --- path and query, at the edge -----------------------------------------------------------


def check_request_text(req: Request) -> None:
    """Raises UnstorableTextProblem for a NUL in the path, the query or a key header (before
    routing and auth, which looks the key up)."""
    environ = req.environ
    if "\x00" in req.path:
        raise UnstorableTextProblem(
            "The path contains a NUL character.",
            errors=[{"in": "path", "name": None, "message": "NUL characters are not allowed."}],
        )
    query = environ.get("QUERY_STRING", "")
    if "%00" in query or "\x00" in query:  # cheap test first; "%2500" is not a NUL
        for name, value in req.args.items(multi=True):
            if "\x00" in name or "\x00" in value:
                raise UnstorableTextProblem(
                    f"Query parameter '{name.replace(chr(0), '')}' contains a NUL character.",
                    errors=[
                        {"in": "query", "name": name, "message": "NUL characters are not allowed."}
                    ],
                )
    for header in ("HTTP_X_API_KEY", "HTTP_AUTHORIZATION"):
        if "\x00" in environ.get(header, ""):
            name = header.removeprefix("HTTP_").replace("_", "-").title()
            raise UnstorableTextProblem(
                f"The {name} header contains a NUL character.",
                errors=[
                    {"in": "header", "name": name, "message": "NUL characters are not allowed."}
                ],
            )


class BigintConverter(IntegerConverter):
    """`<int:…>` that only matches what fits a PostgreSQL bigint: a larger id is a 404, not a
    500 from the database (werkzeug's own accepts any number of digits)."""

    def __init__(  # werkzeug's IntegerConverter signature, its parameter names too
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = BIGINT_MAX,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value: str) -> Any:
        if len(value.lstrip("-")) > len(str(BIGINT_MAX)):  # before int(): no 5,000-digit parse
            raise ValidationError
        return super().to_python(value)


# --- JSON bodies --------------------------------------------------------------------------


def _reject_constant(name: str) -> float:
    raise JSONInputError(f"{name} is not a JSON number.")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JSONInputError(f"Number {text[:20]} is out of range.")
    return value


def _join(path: str, key: Any) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def find_unloadable(data: Any) -> JSONInputError | None:
    """The first string PostgreSQL cannot store, or a container nested too deep, in parsed JSON."""
    stack = [(data, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, str):
            message = unstorable_message(value)
            if message:
                return JSONInputError(message, path or None, unstorable=True)
        elif isinstance(value, (dict, list)):
            if depth > MAX_JSON_DEPTH:
                return JSONInputError(f"Nested deeper than {MAX_JSON_DEPTH} levels.", path or None)
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, child in items:
                where = _join(path, key)
                message = unstorable_message(key) if isinstance(key, str) else None
                if message:
                    return JSONInputError(message, where, unstorable=True)
                stack.append((child, where, depth + 1))
    return None


def loads_json(text: str) -> Any:
    """`json.loads` for untrusted text: syntax errors raise json.JSONDecodeError as usual; what
    parses but could not be used (see the module docstring) raises JSONInputError."""
    try:
        data = json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    except RecursionError:
        raise JSONInputError(f"Nested deeper than {MAX_JSON_DEPTH} levels.") from None
    except json.JSONDecodeError:
        raise
    except ValueError as exc:  # JSONInputError, or an integer past sys.get_int_max_str_digits()
        if isinstance(exc, JSONInputError):
            raise
        raise JSONInputError("A number has too many digits.") from None
    # Most bodies can neither nest deep nor hold an unstorable string: skip the walk for them.
    if ESCAPED_UNSTORABLE.search(text) or text.count("[") + text.count("{") > MAX_JSON_DEPTH:
        error = find_unloadable(data)
        if error is not None:
            raise error
    return data


def loads_json_body(text: str | bytes) -> Any:
    """A request's JSON body, or the 400 problem that says what is wrong with it."""
    if isinstance(text, bytes):
        text = text.decode()  # UnicodeDecodeError: a ValueError, malformed JSON to callers
    try:
        return loads_json(text)
    except JSONInputError as error:
        problem = UnstorableTextProblem if error.unstorable else InvalidJSONProblem
        raise problem(
            f"The JSON body cannot be accepted: {error.message}",
            errors=[{"in": "json", "name": error.path, "message": error.message}],
        ) from None


class RequestJSON:
    """The `json_module` of our requests: Flask's `request.get_json` parses with `loads_json`."""

    loads = staticmethod(loads_json_body)
    dumps = staticmethod(json.dumps)


# --- the body ------------------------------------------------------------------------------


class BoundedRequest(Request):
    """Our request class: JSON through `loads_json`, and no body silently cut at the limit.

    With a Content-Length over MAX_CONTENT_LENGTH werkzeug answers 413 before reading. Without
    one (`Transfer-Encoding: chunked`) it reads up to the limit and stops there, so an import
    got the first megabyte of its file, wrote it and answered 200.
    """

    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True) -> Any:
        # Flask's request context sets `json_module` to the app's JSON provider: bodies are
        # read with ours (the provider also reads test responses, which may hold any text).
        self.json_module = RequestJSON
        return super().get_json(force=force, silent=silent, cache=cache)

    def get_data(  # type: ignore[override]  # werkzeug's overloads; callers here want bytes
        self, cache: bool = True, as_text: bool = False, parse_form_data: bool = False
    ) -> bytes | str:
        if getattr(self, "_cached_data", None) is None and not parse_form_data:
            data = self.stream.read()
            limit = self.max_content_length
            # The stream stops at the limit; one byte more of the server's input tells whether
            # the body went on past it.
            if (
                limit is not None
                and len(data) >= limit
                and self.content_length is None
                and self.environ["wsgi.input"].read(1)
            ):
                raise RequestEntityTooLarge
            self._cached_data = data
        # Two calls, one per overload of werkzeug's get_data (bytes or text).
        if as_text:
            return super().get_data(cache=cache, as_text=True, parse_form_data=parse_form_data)
        return super().get_data(cache=cache, as_text=False, parse_form_data=parse_form_data)
