"""`/examples/portal`: a one-page partner portal embedding the web elements with one script tag.

A plain Flask blueprint, not a flask-smorest one: it is a demonstration page, not an API
operation, so it stays out of the OpenAPI document. It runs no inline script or style, under
its own strict Content-Security-Policy.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from service.content.locales import SUPPORTED_LOCALES
from service.partners import service as partners

blp = Blueprint(
    "examples",
    __name__,
    url_prefix="/examples",
    template_folder="templates",
    static_folder="static",
)

PORTAL_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def portal_api_key() -> str:
    """The key the page embeds: `EXAMPLES_API_KEY` from the app config, else the demo
    partner's publishable key where it exists, else the local demo key (`make run`)."""
    configured: str | None = current_app.config.get("EXAMPLES_API_KEY")
    if configured:
        return configured
    return getattr(partners, "DEMO_PUBLISHABLE_KEY", None) or partners.DEMO_KEY


@blp.get("/portal")
def portal():
    """A fictional partner portal: the symptom check, then the specialist search."""
    lang = request.args.get("lang", "en")
    if lang not in SUPPORTED_LOCALES:
        lang = "en"
    html = render_template("examples_portal.html", lang=lang, api_key=portal_api_key())
    return (
        html,
        200,
        {
            "Content-Type": "text/html; charset=utf-8",
            "Content-Security-Policy": PORTAL_CONTENT_SECURITY_POLICY,
            "Cache-Control": "no-store",
        },
    )
