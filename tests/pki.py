"""Throwaway keys and certificates for the signing tests: made fresh in every test run, never committed."""

from __future__ import annotations

import contextlib
import datetime
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from asn1crypto import keys, tsp
from asn1crypto import x509 as asn1
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps import DummyTimeStamper

NOW = datetime.datetime.now(datetime.UTC)
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Identity:
    """A key and its certificate."""

    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    certificate: x509.Certificate

    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def der(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.DER)

    def pkcs12(self, password: bytes, chain: tuple[Identity, ...] = ()) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            b"office", self.key, self.certificate, [c.certificate for c in chain],
            serialization.BestAvailableEncryption(password))


def _usage(*, signs_certificates: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=True, content_commitment=not signs_certificates, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=signs_certificates,
                         crl_sign=signs_certificates, encipher_only=False, decipher_only=False)


def identity(name: str, issuer: Identity | None = None, *, ca: bool = False, not_before: datetime.datetime = NOW - DAY,
             not_after: datetime.datetime = NOW + 30 * DAY, timestamping: bool = False) -> Identity:
    """A certificate for ``name`` signed by ``issuer`` (self-signed without one); an RSA key for a
    time-stamp authority (pyHanko's test TSA signs only with RSA), else ECDSA P-256."""
    key = rsa.generate_private_key(65537, 2048) if timestamping else ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "minutes tests")])
    builder = (x509.CertificateBuilder().subject_name(subject)
               .issuer_name(issuer.certificate.subject if issuer else subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(not_before).not_valid_after(not_after)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(_usage(signs_certificates=ca), critical=True))
    if timestamping:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    certificate = builder.sign(issuer.key if issuer else key, hashes.SHA256())
    return Identity(key, certificate)


class _TsaHandler(http.server.BaseHTTPRequestHandler):
    stamper: DummyTimeStamper

    def do_POST(self) -> None:  # noqa: N802 (the http.server name)
        request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
        body = self.stamper.request_tsa_response(request).dump()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def time_stamp_authority(tsa: Identity) -> Iterator[str]:
    """An RFC 3161 time-stamp authority on the loopback interface for the length of the block; yields its URL."""
    key = keys.PrivateKeyInfo.load(tsa.key.private_bytes(serialization.Encoding.DER,
                                                         serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    handler = type("Handler", (_TsaHandler,), {"stamper": DummyTimeStamper(asn1.Certificate.load(tsa.der()), key)})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()
        server.server_close()
