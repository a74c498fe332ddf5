"""The real app plus one slow route, for the graceful-shutdown test under a real gunicorn."""

import time

from flask import request

from service import create_app

app = create_app()


@app.get("/slow")
def slow():
    seconds = float(request.args.get("seconds", "2"))
    time.sleep(seconds)
    return {"slept": seconds}
