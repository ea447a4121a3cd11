"""TLS for the Cognito host names: a throw-away local CA and one server certificate.

Browsers and HTTP clients reach ``https://<prefix>.auth.<region>.amazoncognito.com`` and
``https://cognito-idp.<region>.amazonaws.com`` on this emulator only when told to (host
mapping, see ``_routing``), and they then need a certificate valid for those names. trustme
makes a CA and a certificate per run; nothing is installed into any trust store. Clients trust
the CA explicitly (httpx) or the certificate's public key (Chromium's
``--ignore-certificate-errors-spki-list``), so TLS stays verified end to end.
"""

from __future__ import annotations

import base64
import hashlib
import ssl
from dataclasses import dataclass
from pathlib import Path

import botocore.session
import trustme
from cryptography import x509
from cryptography.hazmat.primitives import serialization

# Names the certificate covers when no region list is given.
DEFAULT_REGIONS = ("us-east-1",)


def cognito_regions() -> tuple[str, ...]:
    """Every region botocore knows for cognito-idp (commercial partition)."""
    session = botocore.session.get_session()
    return tuple(sorted(session.get_available_regions("cognito-idp")))


def cognito_host_names(regions: tuple[str, ...]) -> list[str]:
    """Hosted-UI wildcard and pool-issuer host for each region."""
    names: list[str] = []
    for region in regions:
        names += [f"*.auth.{region}.amazoncognito.com", f"cognito-idp.{region}.amazonaws.com"]
    return names


@dataclass(frozen=True)
class TlsFiles:
    """PEM files of one run: the CA (to trust) and the server certificate and key."""

    ca_cert: Path
    server_cert: Path
    server_key: Path

    def client_context(self) -> ssl.SSLContext:
        """A client context that trusts only this run's CA (and checks host names)."""
        return ssl.create_default_context(cafile=str(self.ca_cert))

    def spki_sha256(self) -> str:
        """base64(sha256(SubjectPublicKeyInfo)) of the server certificate, for Chromium."""
        cert = x509.load_pem_x509_certificate(self.server_cert.read_bytes())
        spki = cert.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")


def make_tls_files(directory: Path, host_names: list[str]) -> TlsFiles:
    """Write a new CA and a server certificate for ``host_names`` into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    ca = trustme.CA(organization_name="cognito_hosted_ui local CA (offline emulator only)")
    leaf = ca.issue_cert(*host_names)
    files = TlsFiles(
        ca_cert=directory / "ca.pem",
        server_cert=directory / "server.pem",
        server_key=directory / "server-key.pem",
    )
    ca.cert_pem.write_to_path(str(files.ca_cert))
    # The chain (leaf + CA) so clients that only trust the CA can build the path.
    files.server_cert.write_bytes(b"".join(blob.bytes() for blob in leaf.cert_chain_pems))
    leaf.private_key_pem.write_to_path(str(files.server_key))
    files.server_key.chmod(0o600)
    return files
