"""The real app plus `/pid`, so a test can wait until every gunicorn worker serves."""

import os

from service import create_app

app = create_app()


@app.get("/pid")
def pid():
    return {"pid": os.getpid()}
