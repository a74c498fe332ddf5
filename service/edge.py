"""The edge of every request: what each one goes through before and after its view.

Before: a request id and a clock (observability), text PostgreSQL cannot store in the path,
query or key (inputs), who is calling (auth), whether we can answer
in the media type asked for (negotiation), the partner's rate limits (limits), and only the
query parameters the operation documents (query_params).
After: the rate-limit, negotiation, security, caching, CORS and request-id headers, the
partner's usage, the metrics and the access log line.

Each step is a plain function of the module that owns it; this module only runs them, in this
order, from one Flask hook each way. It was thirteen hooks, each finding the request, `g` and
the app again through Flask's context proxies: under gunicorn those lookups and the hook calls
were about a tenth of a cached content read's CPU.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, g, request

from service import caching, inputs, metrics, negotiation, observability, query_params
from service.partners import auth, limits, usage

REQUEST_ID_HEADER = observability.REQUEST_ID_HEADER


def begin_request() -> None:
    """Raises the problem (400, 401, 403, 406, 415, 429) that answers the request instead of its
    view; the steps after a refusal do not run (no rate-limit count for a 401)."""
    # The objects behind Flask's proxies, once (mypy sees the proxies typed as their targets).
    req = request._get_current_object()  # type: ignore[attr-defined]
    state, app = g._get_current_object(), current_app
    extensions = app.extensions
    observability.start_request(req.environ, state)
    inputs.check_request_text(req)
    view = app.view_functions.get(req.endpoint) if req.endpoint else None
    auth.authenticate(
        req, state, view, extensions["credential_cache"], extensions["origin_refusals"]
    )
    negotiation.check_acceptable(req, getattr(view, "view_class", None))
    limits.enforce_rate_limit(state, extensions["rate_limiter"])
    # Counted like any refused request: a partner cannot probe for parameters for free.
    query_params.check_known_parameters(req, extensions["query_parameters"])


def finish_request(response: Response) -> Response:
    """Runs for every response, errors included (Flask calls it for handled errors too)."""
    req = request._get_current_object()  # type: ignore[attr-defined]  # as in begin_request
    state = g._get_current_object()
    extensions = current_app.extensions
    environ, path, headers = req.environ, req.path, response.headers

    added = limits.rate_limit_headers(state)
    locale, vary = negotiation.negotiation_headers(state)
    if locale is not None:
        added.append(("Content-Language", locale))
    present = {name.lower() for name, _value in headers}
    added += auth.security_headers(path, present, req.is_secure)
    if (
        cache_control := caching.default_cache_control(req.method, response.status_code, present)
    ) is not None:
        added.append(("Cache-Control", cache_control))
    added.append((REQUEST_ID_HEADER, state.get("request_id", "")))
    if vary and "vary" not in present:
        added.append(("Vary", ", ".join(vary)))
    else:
        for name in vary:  # merged into the view's own Vary
            response.vary.add(name)
    headers.extend(added)  # added, not set: set() scans the list for each name first
    if "HTTP_ORIGIN" in environ and path.startswith("/v1/"):
        auth.apply_cors(response, state.get("partner"))

    rule = req.url_rule.rule if req.url_rule is not None else None
    usage.count_request(extensions["usage_recorder"], state, req.method, rule)
    seconds = observability.seconds_since_start(state)
    if seconds is not None and metrics.is_observed(path):
        extensions["metrics"].observe(req.method, str(rule), response.status_code, seconds)
    observability.log_request(req.method, path, req.endpoint, response.status_code, seconds)
    return response


def end_request(error: BaseException | None) -> None:
    if error is not None:  # escaped every error handler: answered with a 500 problem
        current_app.extensions["metrics"].count_exception(request.method)
    observability.forget_request()


def init_app(app: Flask) -> None:
    """Registered before any other hook, so every later hook and error has a request id."""
    app.before_request(begin_request)
    app.after_request(finish_request)
    app.teardown_request(end_request)
