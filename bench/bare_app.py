"""The baseline: a bare Flask JSON endpoint, served by the same gunicorn config as the API."""

from flask import Flask

app = Flask(__name__)


@app.get("/bare")
def bare():
    return {"status": "ok", "items": [{"slug": "sciatica", "name": "Sciatica"}]}


@app.get("/healthz")
def healthz():
    return {"status": "ok"}
