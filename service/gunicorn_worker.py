"""The gunicorn worker (gthread): liveness answered by the accepting thread, and gunicorn's own
error responses in the API's one error shape.

- A liveness probe (`GET /healthz`) must not queue behind requests that wait on a hung
  database: when every thread of the pool waits there, gthread's queue held probes for up to
  9 s and an orchestrator would restart healthy workers. A probe that has fully arrived (no
  body) is served by the main thread instead, through the app as usual (the view never touches
  the database), with one-second socket timeouts so a client that stops reading cannot stall it.
- gunicorn answers what it refuses before the app sees it (a request line over
  `limit_request_line`: 414, a header over `limit_request_field_size` or too many: 431,
  malformed HTTP: 400) with an HTML page. Those become problem+json with the same `type`,
  `code` and `X-Request-ID` as the app's own.
"""

from __future__ import annotations

import contextlib
import errno
import http
import json
import selectors
import socket
import struct
import time
import uuid
from concurrent import futures
from functools import partial

from gunicorn import util
from gunicorn.workers.gthread import DEFAULT_WORKER_DATA_TIMEOUT, TConn, ThreadWorker

from service.errors import PROBLEM_MEDIA_TYPE, problem_document

LIVENESS_PATH = b"/healthz"
PROBE_PEEK_BYTES = 4096
PROBE_SOCKET_TIMEOUT = struct.pack("ll", 1, 0)  # struct timeval: one second
NO_SOCKET_TIMEOUT = struct.pack("ll", 0, 0)


def is_liveness_probe(sock: socket.socket) -> bool:
    """Whether the bytes waiting on `sock` are one whole bodiless GET/HEAD of /healthz."""
    try:
        head = sock.recv(PROBE_PEEK_BYTES, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except OSError:
        return False
    request_line, _, _ = head.partition(b"\r\n")
    method, _, rest = request_line.partition(b" ")
    path = rest.partition(b" ")[0].partition(b"?")[0]
    lowered = head.lower()
    return (
        method in (b"GET", b"HEAD")
        and path == LIVENESS_PATH
        and b"\r\n\r\n" in head
        and b"\ncontent-length:" not in lowered
        and b"\ntransfer-encoding:" not in lowered
    )


class _CapturedPage:
    """Stands in for the client socket while gunicorn writes its HTML error page."""

    def __init__(self, sock):
        self._sock = sock
        self.written = b""

    def __getattr__(self, name):
        return getattr(self._sock, name)

    def gettimeout(self):
        return 0.0  # gunicorn then writes without toggling blocking mode

    def sendall(self, data):
        self.written += data


class ApiWorker(ThreadWorker):
    def accept(self, listener):
        """gunicorn's, except that a new connection waits for its first bytes on the poller (as
        gthread already does for one that is slow to send), so a probe is seen before it
        takes a pool thread."""
        try:
            client_sock, client_addr = listener.accept()
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = TConn(self.cfg, client_sock, client_addr, listener.getsockname())
        conn.timeout = time.monotonic() + DEFAULT_WORKER_DATA_TIMEOUT + self.cfg.keepalive
        self.pending_conns.append(conn)
        self.poller.register(
            client_sock, selectors.EVENT_READ, partial(self.on_pending_socket_readable, conn)
        )

    def enqueue_req(self, conn):
        if self.alive and is_liveness_probe(conn.sock):
            self._serve_here(conn)
        else:
            super().enqueue_req(conn)

    def _serve_here(self, conn):
        done: futures.Future[object] = futures.Future()  # what handle() returns
        for option in (socket.SO_SNDTIMEO, socket.SO_RCVTIMEO):
            conn.sock.setsockopt(socket.SOL_SOCKET, option, PROBE_SOCKET_TIMEOUT)
        try:
            done.set_result(self.handle(conn))
        except Exception as error:  # noqa: BLE001 - handle() reports its own; keep the loop alive
            done.set_exception(error)
        finally:
            for option in (socket.SO_SNDTIMEO, socket.SO_RCVTIMEO):
                with contextlib.suppress(OSError):  # closed by handle()
                    conn.sock.setsockopt(socket.SOL_SOCKET, option, NO_SOCKET_TIMEOUT)
        self.finish_request(conn, done)

    def handle_error(self, req, client, addr, exc):
        """gunicorn's (its status choice, warning and access log), written as problem+json."""
        page = _CapturedPage(client)
        super().handle_error(req, page, addr, exc)
        try:
            status = int(page.written.split(b" ", 2)[1])
        except (IndexError, ValueError):
            status = 500
        try:
            util.write_nonblock(client, self.problem_page(status))
        except Exception:  # noqa: BLE001 - the client may be gone; gunicorn ignores this too
            self.log.debug("Failed to send error message.")

    def problem_page(self, status: int) -> bytes:
        cfg = self.cfg
        details = {
            400: "The request is not valid HTTP/1.1.",
            414: f"The request line (method, path and query) is over {cfg.limit_request_line} "
            "bytes.",
            431: f"A request header is over {cfg.limit_request_field_size} bytes, or there are "
            f"over {cfg.limit_request_fields} headers.",
            500: "An unexpected error occurred; quote the request_id when reporting it.",
        }
        request_id = uuid.uuid4().hex
        body = json.dumps(
            problem_document(status, detail=details.get(status), request_id=request_id)
        ).encode()
        head = (
            f"HTTP/1.1 {status} {http.HTTPStatus(status).phrase}\r\n"
            f"Content-Type: {PROBLEM_MEDIA_TYPE}\r\n"
            f"Content-Length: {len(body)}\r\n"
            f"X-Request-ID: {request_id}\r\n"
            "X-Content-Type-Options: nosniff\r\n"
            "Cache-Control: no-store\r\n"
            "Connection: close\r\n\r\n"
        )
        return head.encode("latin-1") + body
