"""Throwaway TLS certificates for the test servers (trustme): a CA, and a certificate for
127.0.0.1 and localhost that it signed. Clients trust ``ca_file``; nothing else does."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path

import trustme


@dataclass(frozen=True)
class LocalCA:
    ca_file: Path  # the CA certificate (PEM), for clients to trust
    cert: Path  # the server's certificate chain (PEM)
    key: Path  # the server's private key (PEM)

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context


def make_local_ca(directory: Path) -> LocalCA:
    ca = trustme.CA()
    leaf = ca.issue_cert("127.0.0.1", "localhost")
    made = LocalCA(directory / "ca.pem", directory / "server.pem", directory / "server-key.pem")
    ca.cert_pem.write_to_path(str(made.ca_file))
    made.cert.write_bytes(b"".join(pem.bytes() for pem in leaf.cert_chain_pems))
    leaf.private_key_pem.write_to_path(str(made.key))
    return made
