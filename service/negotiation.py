"""Content negotiation: media type (Accept) and locale (Accept-Language)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Request, current_app, g, request
from werkzeug.exceptions import NotAcceptable, UnsupportedMediaType

from service.content.locales import DEFAULT_LOCALE, SUPPORTED_LOCALES

JSON = "application/json"
JSON_LD = "application/ld+json"


def current_view() -> Callable[..., Any] | None:
    """The view function Flask routed this request to (None for an unknown route)."""
    return current_app.view_functions.get(request.endpoint or "")


def current_view_class() -> type | None:
    """The MethodView class behind the current view, if it is one."""
    return getattr(current_view(), "view_class", None)


def check_acceptable(request: Request, view_class: type | None) -> None:
    """Before the view runs: 406 when the client accepts none of what the view produces, and
    415 when a body comes in a media type the view does not read (JSON only, unless it says).

    Accept is looked up in the WSGI environ, as below: werkzeug's lookup of an absent header
    raises and catches a KeyError, a cost every request without the header would pay.
    """
    if view_class is None:
        return
    consumes = getattr(view_class, "consumes", (JSON,))
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype not in consumes:
        raise UnsupportedMediaType(f"Send the body as {' or '.join(consumes)}.")
    offered = getattr(view_class, "media_types", None)
    if offered is None or not request.environ.get("HTTP_ACCEPT"):
        return
    if request.accept_mimetypes.best_match(offered) is None:
        raise NotAcceptable(f"This resource is available as: {', '.join(offered)}.")


def preferred_media_type() -> str:
    """The media type the client prefers among those the current view offers."""
    offered = getattr(current_view_class(), "media_types", None) or (JSON,)
    if not request.environ.get("HTTP_ACCEPT"):
        return offered[0]
    # Quality ties (e.g. `*/*`) go to the first offered type: plain JSON.
    best = request.accept_mimetypes.best_match(offered, default=offered[0])
    g.vary_accept = len(offered) > 1
    return best


def request_locale() -> str:
    """The best supported locale for Accept-Language (q-values honoured), else English.

    werkzeug matches a regional tag such as `es-MX` to the primary `es`.
    """
    if "locale" not in g:
        # Checked in the environ first: werkzeug's lookup of an absent header costs an exception.
        g.locale = (
            request.accept_languages.best_match(SUPPORTED_LOCALES, default=DEFAULT_LOCALE)
            if request.environ.get("HTTP_ACCEPT_LANGUAGE")
            else DEFAULT_LOCALE
        )
    locale: str = g.locale
    return locale


def negotiation_headers(state: Any) -> tuple[str | None, tuple[str, ...]]:
    """What the response must say about negotiation: its Content-Language (None when the view
    never asked for a locale) and the request headers it varies by. `state` is `g`."""
    locale = state.get("locale")
    vary: tuple[str, ...] = ("Accept-Language",) if locale is not None else ()
    if state.get("vary_accept"):
        vary += ("Accept",)
    return locale, vary
