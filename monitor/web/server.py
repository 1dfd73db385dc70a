"""The daemon's HTTP server: uvicorn serving the ASGI app on a thread of its own.

The socket is bound when the server is made, so a port already in use fails ``monitor run`` at
once, as before, and port 0 (tests) has its real number before anything is served.
"""

from __future__ import annotations

import logging
import socket
import threading

import uvicorn
from starlette.types import ASGIApp

STOP_WAIT_S = 3  # open keep-alive connections get this long to finish at shutdown


class WebServer:
    def __init__(self, app: ASGIApp, host: str, port: int) -> None:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.socket = socket.socket(family, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted connections inherit it: a response written in two parts (headers, body)
        # must not wait for the client's delayed ACK (40 ms per keep-alive request).
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            self.socket.bind((host.strip("[]"), port))
        except OSError:
            self.socket.close()
            raise
        self.socket.listen(128)
        self.server = uvicorn.Server(
            uvicorn.Config(
                app,
                lifespan="off",
                access_log=False,  # scrapes every few seconds would drown the log
                log_config=None,  # the daemon's logging, not uvicorn's own handlers
                log_level=logging.WARNING,
                timeout_graceful_shutdown=STOP_WAIT_S,
                server_header=False,
            )
        )
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, name="http", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self.socket.getsockname()[1])

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=STOP_WAIT_S + 2)
        self.socket.close()
