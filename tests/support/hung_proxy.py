"""A loopback TCP proxy in front of a real server that can be told to hang.

Hung, it still accepts connections and its kernel still acknowledges every byte, but nothing
is forwarded either way: what a client sees of a stopped PostgreSQL process, a backend stuck
on a full disk, or a network path that drops replies. Neither TCP keepalives nor
`tcp_user_timeout` notice that (the peer's kernel answers them), so only a client-side wait
limit can.
"""

from __future__ import annotations

import selectors
import socket
import threading


class HungProxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.flowing = threading.Event()
        self.flowing.set()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._closed = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def hang(self) -> None:
        self.flowing.clear()

    def resume(self) -> None:
        self.flowing.set()

    def close(self) -> None:
        self._closed.set()
        self.flowing.set()
        self._listener.close()
        for sock in list(self._sockets):
            sock.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self._sockets.append(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        self.flowing.wait()  # hung: the connection is accepted and then left waiting
        if self._closed.is_set():
            return
        try:
            host, port = self.target
            if host.startswith("/"):  # a Unix-socket directory (the embedded server)
                upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                upstream.connect(f"{host}/.s.PGSQL.{port}")
            else:
                upstream = socket.create_connection(self.target)
        except OSError:
            client.close()
            return
        self._sockets.append(upstream)
        peers = {client: upstream, upstream: client}
        with selectors.DefaultSelector() as selector:
            for sock in peers:
                selector.register(sock, selectors.EVENT_READ)
            while not self._closed.is_set():
                if not self.flowing.is_set():
                    # Bytes wait in the kernel's buffers; they are never delivered.
                    self.flowing.wait(0.05)
                    continue
                for key, _ in selector.select(0.05):
                    try:
                        data = key.fileobj.recv(65536)
                        if not data:
                            raise OSError("closed")
                        peers[key.fileobj].sendall(data)
                    except OSError:
                        client.close()
                        upstream.close()
                        return
