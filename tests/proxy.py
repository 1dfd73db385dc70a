"""A real HTTP proxy on 127.0.0.1 for tests (stdlib only): CONNECT tunnels for https, and
absolute-form requests for http, relayed to the origin (one per connection, as
``Connection: close``). It logs each request it is asked for
and can demand Basic credentials (407 otherwise).

    with HttpProxy(credentials="u:p") as proxy:
        proxy.url                      # http://127.0.0.1:PORT
        proxy.requests                 # [("CONNECT", "127.0.0.1:443", "Basic ..."), ...]
"""

from __future__ import annotations

import base64
import contextlib
import socket
import socketserver
import threading
from urllib.parse import urlsplit


class HttpProxy(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, credentials: str | None = None) -> None:
        self.expected = (
            None
            if credentials is None
            else "Basic " + base64.b64encode(credentials.encode()).decode()
        )
        self.requests: list[tuple[str, str, str | None]] = []  # method, target, proxy auth
        super().__init__(("127.0.0.1", 0), _make_handler(self))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> HttpProxy:
        threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


def _make_handler(proxy: HttpProxy) -> type[socketserver.BaseRequestHandler]:
    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            client: socket.socket = self.request
            head = b""
            while b"\r\n\r\n" not in head:
                data = client.recv(65536)
                if not data:
                    return
                head += data
            head, _, rest = head.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, target, version = lines[0].split(" ")
            fields = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
            auth = fields.get("Proxy-Authorization")
            proxy.requests.append((method, target, auth))
            if proxy.expected is not None and auth != proxy.expected:
                client.sendall(
                    b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                    b"Proxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n"
                )
                return
            if method == "CONNECT":
                host, port = target.rsplit(":", 1)
                upstream = socket.create_connection((host.strip("[]"), int(port)))
                client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            else:  # absolute form: the origin gets the path, one request per connection
                url = urlsplit(target)
                upstream = socket.create_connection((url.hostname, url.port or 80))
                path = url.path + (f"?{url.query}" if url.query else "")
                kept = [
                    line for line in lines[1:] if not line.startswith(("Proxy-", "Connection:"))
                ]
                upstream.sendall(
                    "\r\n".join([f"{method} {path} {version}", *kept, "Connection: close"]).encode(
                        "latin-1"
                    )
                    + b"\r\n\r\n"
                    + rest
                )
            _relay(client, upstream)

    return Handler


def _relay(a: socket.socket, b: socket.socket) -> None:
    """Copy bytes both ways until either side closes."""

    def pump(src: socket.socket, dst: socket.socket) -> None:
        with contextlib.suppress(OSError):  # either side hung up
            while data := src.recv(65536):
                dst.sendall(data)
        for sock in (src, dst):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    other = threading.Thread(target=pump, args=(b, a), daemon=True)
    other.start()
    pump(a, b)
    other.join()
    b.close()
