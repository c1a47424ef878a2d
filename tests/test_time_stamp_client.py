"""The time-stamp authority client: http and https only, no redirect followed, a bounded reply, an overall deadline."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from minutes.archive import signing
from minutes.archive.signing import SigningError, post_time_stamp_query


class _Hostile(http.server.BaseHTTPRequestHandler):
    """A time-stamp authority that misbehaves as its path says."""

    def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
        self.rfile.read(int(self.headers["Content-Length"]))
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.end_headers()
        if self.path == "/endless":
            block = b"\0" * (1 << 16)
            while True:
                self.wfile.write(block)
        elif self.path == "/slow":
            for _ in range(50):
                self.wfile.write(b"\0")
                self.wfile.flush()
                time.sleep(0.2)
        else:
            self.wfile.write(b"a reply")

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def _authority() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("no_proxy", "127.0.0.1")


def test_a_reply_is_read() -> None:
    with _authority() as url:
        assert post_time_stamp_query(url + "/ok", b"query") == b"a reply"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "data:,x", "/etc/passwd"])
def test_only_http_and_https_are_asked(url: str) -> None:
    with pytest.raises(SigningError, match="must be an http or https URL"):
        post_time_stamp_query(url, b"query")


def test_a_redirect_is_not_followed() -> None:
    with _authority() as url, pytest.raises(Exception, match="302"):
        post_time_stamp_query(url + "/redirect", b"query")


def test_an_endless_reply_is_cut_off() -> None:
    with _authority() as url, pytest.raises(SigningError, match="larger than 1048576 bytes"):
        post_time_stamp_query(url + "/endless", b"query")


def test_a_reply_trickling_in_meets_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(signing, "TSA_DEADLINE", 1)
    started = time.monotonic()
    with _authority() as url, pytest.raises(SigningError, match="did not reply within 1 seconds"):
        post_time_stamp_query(url + "/slow", b"query")
    assert time.monotonic() - started < 5
