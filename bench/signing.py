"""How much signing adds to ``minutes issue``: the three example records issued with and without it.

Each run copies the example workspace afresh and issues its three records, one ``minutes issue``
process each (so imports count, as they do for a user); the time of a run is the sum of the three.
Runs of the three kinds alternate, so drift in the machine's load touches all alike: unsigned,
signed (PAdES B-B, invisible field: the default) and signed with a visible field in letters (drawn
over the first signatory, so letters are laid out as unsigned ones). The signing runs use a
throwaway CA and office certificate made here (ECDSA P-256).

    python bench/signing.py [--runs N]
"""
# ruff: noqa: T201  (a command-line script: it reports by printing)

from __future__ import annotations

import argparse
import datetime
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ("social-cultural-1395-08-12", "social-cultural-1403-05-17", "harms-committee-1403-05-10")
PASSWORD = "bench password"


def _certificate(name: str, key: ec.EllipticCurvePrivateKey, issuer: tuple[x509.Name, ec.EllipticCurvePrivateKey]
                 | None, ca: bool) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    issuer_name, issuer_key = issuer or (subject, key)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=not ca, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                          encipher_only=False, decipher_only=False)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .add_extension(usage, critical=True).sign(issuer_key, hashes.SHA256()))


KINDS = ("unsigned", "signed", "signed-visible")


def workspace(root: Path, kind: str) -> Path:
    """A fresh copy of the example workspace whose office signs (or not) as ``kind`` says."""
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "fonts", root / "fonts")
    if kind != "unsigned":
        ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
        ca = _certificate("Bench CA", ca_key, None, ca=True)
        office = _certificate("Bench office", key, (ca.subject, ca_key), ca=False)
        (root / "keys").mkdir()
        (root / "keys" / "office.p12").write_bytes(pkcs12.serialize_key_and_certificates(
            b"office", key, office, [ca], serialization.BestAvailableEncryption(PASSWORD.encode())))
        (root / "keys" / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
        office_yaml = root / "data" / "office.yaml"
        office_yaml.write_text(office_yaml.read_text(encoding="utf-8") + (
            "  signing:\n    pkcs12: keys/office.p12\n    password_env: BENCH_SIGNING_PASSWORD\n"
            f"    trust: [keys/ca.pem]\n    visible: {str(kind == 'signed-visible').lower()}\n"), encoding="utf-8")
    return root


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def issue_all(root: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) to issue the three example records, one process each."""
    environ = {**os.environ, "BENCH_SIGNING_PASSWORD": PASSWORD}
    wall, cpu = 0.0, 0.0
    for record in RECORDS:
        start, start_cpu = time.perf_counter(), _children_cpu()
        subprocess.run([sys.executable, "-m", "minutes", "-C", str(root), "issue",
                        str(root / "data" / "meetings" / f"{record}.yaml"), "--date", "1404/02/01"],
                       env=environ, check=True, capture_output=True)
        wall += time.perf_counter() - start
        cpu += _children_cpu() - start_cpu
    return wall, cpu


def measure(runs: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds of ``runs`` runs of each kind, alternating (after one warm-up of each)."""
    times: dict[str, list[tuple[float, float]]] = {kind: [] for kind in KINDS}
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(runs + 1):
            for kind in KINDS:
                root = workspace(Path(scratch) / f"{kind}-{run}", kind)
                seconds = issue_all(root)
                if run:  # the first pass warms the file cache and the bytecode
                    times[kind].append(seconds)
                shutil.rmtree(root)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each kind (default: 7)")
    times = measure(parser.parse_args().runs)
    print(f"load average at the end: {' '.join(f'{v:.1f}' for v in os.getloadavg())} "
          f"on {os.cpu_count()} cores (CPU time is the steadier figure on a shared machine)")
    for index, measure_name in enumerate(("wall", "CPU")):
        medians = {kind: statistics.median(v[index] for v in values) for kind, values in times.items()}
        for kind, values in times.items():
            runs = " ".join(f"{v[index]:.2f}" for v in values)
            print(f"{measure_name:4} {kind:14} median {medians[kind]:6.2f} s   runs: {runs}")
        for kind in KINDS[1:]:
            print(f"{measure_name:4} ratio {kind}/unsigned: {medians[kind] / medians['unsigned']:.2f} (limit 1.5)")


if __name__ == "__main__":
    main()
