"""A real TCP server on 127.0.0.1 that answers one byte at a time: the slow-loris receiver.

Each connection gets ``reply`` dripped at one byte per ``interval`` seconds, so no single
read ever waits long enough to time out, while the whole answer takes far longer than any
sane deadline. With ``read_first`` it waits for the client's request first (HTTP); without,
it speaks first (an SMTP greeting). ``sent`` counts the bytes dripped, over all connections:
how long a client listened, without a clock.
"""

from __future__ import annotations

import socket
import socketserver
import threading


class DripServer:
    """Context manager: ``with DripServer(b"220 hi\\r\\n", interval=0.2) as srv: srv.port``."""

    def __init__(self, reply: bytes, *, interval: float, read_first: bool) -> None:
        stop = threading.Event()
        self._stop = stop
        self.sent = 0
        server = self
        lock = threading.Lock()

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                sock: socket.socket = self.request
                if read_first:
                    sock.recv(65536)
                for byte in reply:
                    if stop.wait(interval):
                        return
                    try:
                        sock.sendall(bytes([byte]))
                    except OSError:  # the client gave up: what the tests expect
                        return
                    with lock:
                        server.sent += 1

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = int(self.server.server_address[1])
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> DripServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)
