"""``minutes serve`` without a browser: only the outputs are served, nothing is written, only this machine
is answered, the state shown follows partial builds, and the pages exist in Persian and English."""

from __future__ import annotations

import asyncio
import hashlib
import http.client
import io
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, SEED_RECORD
from PIL import Image
from test_messages import PERSIAN_LETTER, placeholders

from minutes.archive.registry import REGISTRY_NAME, Registry
from minutes.build import build
from minutes.diagnostics import Diagnostic
from minutes.output.worker import Warm
from minutes.serve.app import Preview
from minutes.serve.html import Views
from minutes.serve.live import Session, Stopped, attempt
from minutes.serve.server import ServeError, Server, bind, is_loopback
from minutes.serve.state import Outcome, Snapshot, states
from minutes.serve.wording import WORDS, Words
from minutes.text.jalali import JalaliDate
from minutes.workspace import Workspace

TINY = "harms-committee-1403-05-10"
SECRET = "the contents of a file outside the outputs"


def _copy(root: Path) -> Workspace:
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "fonts", root / "fonts")
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    return Workspace.at(root)


def _wait_built(session: Session, timeout: float = 120) -> Snapshot:
    deadline = time.monotonic() + timeout
    while session.snapshot.building or not all(r.checked for r in session.snapshot.records.values()):
        assert time.monotonic() < deadline, "the first build did not end"
        time.sleep(0.05)
    return session.snapshot


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The tiny record served from a copy of the example workspace, once its first build is done."""
    workspace = _copy(tmp_path_factory.mktemp("served"))
    server = Server(workspace, [workspace.meetings / f"{TINY}.yaml"], workspace.root / "out", lang="fa", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    _wait_built(server.session)
    (workspace.root / "out" / TINY / "notes.txt").write_text(SECRET, encoding="utf-8")  # not an output
    yield server
    server.stop()
    thread.join(30)
    assert not thread.is_alive()


def _get(server: Server, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    address = urlsplit(server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def _tree(folder: Path) -> dict[str, tuple[str, int]]:
    return {path.relative_to(folder).as_posix(): (hashlib.sha256(path.read_bytes()).hexdigest(),
                                                  path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_outputs_are_served_as_the_build_wrote_them(served: Server) -> None:
    out = served.session.out_dir / TINY
    status, headers, body = _get(served, f"/r/{TINY}/minutes.pdf")
    assert (status, headers["content-type"], body) == (200, "application/pdf", (out / "minutes.pdf").read_bytes())
    status, headers, body = _get(served, f"/r/{TINY}/brief.html")
    assert status == 200 and body == (out / "brief.html").read_bytes()
    assert headers["content-security-policy"].startswith("sandbox;")  # the brief runs nothing, loads nothing
    token = served.session.snapshot.records[TINY].document("minutes.pdf").token
    status, headers, body = _get(served, f"/r/{TINY}/minutes.pdf/page-2.jpg?v={token}")
    assert status == 200 and headers["content-type"] == "image/jpeg" and body.startswith(b"\xff\xd8")
    assert Image.open(io.BytesIO(body)).size == (893, 1263)  # an A4 page, 1.5 pixels a point
    status, _, body = _get(served, "/")
    assert status == 200 and f'href="/r/{TINY}"'.encode() in body and b'<html lang="fa" dir="rtl">' in body


@pytest.mark.parametrize("path", [
    "/r/../../secret.txt", "/r/%2e%2e/%2e%2e/secret.txt", f"/r/{TINY}/..%2f..%2f..%2fsecret.txt",
    f"/r/{TINY}/%2e%2e%2f%2e%2e%2fsecret.txt", "/r/..%2f..%2fsecret.txt/x", f"/r/{TINY}/notes.txt",
    f"/r/{TINY}/..", f"/r/{TINY}/.", "/r/.minutes-cache.json", f"/r/{TINY}/..%2f.minutes-cache.json",
    "/r/..%2fdata%2fmeetings/harms-committee-1403-05-10.yaml", "/secret.txt", "//secret.txt", "/out/",
    f"/out/{TINY}/minutes.pdf", f"/data/meetings/{TINY}.yaml", "/static/../app.py", "/static/app.py",
    "/static/%2e%2e%2fapp.py", "/static/", f"/r/{TINY}/minutes.pdf%00.txt", f"/r/{TINY}/", f"/r/{TINY}/minutes.pdf/",
    f"/r/{TINY}/minutes.pdf/page-3.jpg?v=x", f"/r/{TINY}/minutes.pdf/page-0.jpg", f"/r/{TINY}/minutes.pdf/page-1.jpg",
    f"/r/{TINY}/brief.html/page-1.jpg", "/r/unknown", f"/r/{SEED_RECORD}", "/favicon.ico", "/events/x",
])
def test_anything_else_is_not_found(served: Server, path: str) -> None:
    status, _, body = _get(served, path)
    assert status == 404 and SECRET.encode() not in body


def test_nothing_can_be_written_through_the_server(served: Server) -> None:
    out = served.session.out_dir
    before = _tree(out)
    for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
        for path in ("/", f"/r/{TINY}/minutes.pdf", f"/r/{TINY}/new.pdf", "/events"):
            status, headers, _ = _get(served, path, method)
            assert (status, headers["allow"]) == (405, "GET, HEAD"), (method, path)
    for path in ("/", "/live", f"/r/{TINY}", f"/r/{TINY}/live", f"/r/{TINY}/minutes.pdf", "/static/serve.js"):
        assert _get(served, path)[0] == 200
    for path in ("/", f"/r/{TINY}/minutes.pdf"):
        assert _get(served, path, "HEAD")[0] == 200
    status, headers, _ = _get(served, "/events", "HEAD")  # answered at once, not an endless stream
    assert (status, headers["content-length"]) == (200, "0") and headers["content-type"].startswith("text/event-stream")
    assert _tree(out) == before


def test_a_symlink_or_a_file_changed_by_hand_is_not_served(workspace: Workspace) -> None:
    out = workspace.root / "out"
    (workspace.root / "secret.txt").write_text(SECRET, encoding="utf-8")
    build(workspace, [workspace.meetings / f"{TINY}.yaml"], out)
    session = Session(workspace, [workspace.meetings / f"{TINY}.yaml"], out)
    record = session.snapshot.records[TINY]
    minutes, letter = record.document("minutes.pdf"), record.document("letter-notify-education.pdf")
    assert session.documents.read(TINY, minutes) == (out / TINY / "minutes.pdf").read_bytes()
    (out / TINY / "letter-notify-education.pdf").unlink()
    (out / TINY / "letter-notify-education.pdf").symlink_to(workspace.root / "secret.txt")
    (out / TINY / "minutes.pdf").write_bytes(SECRET.encode())
    assert session.documents.read(TINY, letter) is None and session.documents.read(TINY, minutes) is None
    again = Session(workspace, [workspace.meetings / f"{TINY}.yaml"], out)  # what a new snapshot lists
    assert {d.file for d in again.snapshot.records[TINY].documents} == {"brief.html", "brief.txt"}


def _status(app: Preview, path: str, client: str, host: str, method: str = "GET") -> int:
    """Ask the application directly, as if from ``client`` (nothing leaves this process)."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", host.encode())], "client": (client, 50000), "server": ("127.0.0.1", 8000)}
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    asyncio.run(app.app(scope, receive, send))
    return int(sent[0]["status"])  # type: ignore[call-overload]


@pytest.mark.parametrize(("client", "host", "shared", "allowed", "expected"), [
    ("127.0.0.1", "127.0.0.1:8000", False, "", 200),
    ("127.0.0.1", "localhost:8000", False, "", 200),
    ("::1", "[::1]:8000", False, "", 200),
    ("::ffff:127.0.0.1", "localhost", False, "", 200),
    ("192.0.2.7", "127.0.0.1:8000", False, "", 403),  # another machine
    ("10.1.2.3", "localhost:8000", False, "", 403),
    ("fe80::1", "[::1]:8000", False, "", 403),
    ("127.0.0.1", "attacker.example:8000", False, "", 403),  # a page of another site, its name rebound to us
    ("127.0.0.1", "", False, "", 403),
    ("192.0.2.7", "192.0.2.1:8000", True, "", 200),  # shared on purpose with --host
    ("192.0.2.7", "[2001:db8::1]:8000", True, "", 200),
    ("192.0.2.7", "preview.office.example:8000", True, "", 403),  # a name not of this machine, even when shared
    ("192.0.2.7", "Preview.Office.Example.:8000", True, "preview.office.example", 200),  # given with --allow-host
    ("127.0.0.1", "attacker.example:8000", True, "", 403),  # DNS rebinding to the secretary's own machine
])
def test_only_this_machine_is_answered_unless_shared(workspace: Workspace, client: str, host: str, shared: bool,
                                                     allowed: str, expected: int) -> None:
    preview = Preview(Session(workspace, None, workspace.root / "out"), "fa", workspace.root / "archive",
                      shared=shared, allowed=frozenset(allowed.split()))
    assert _status(preview, "/", client, host) == expected
    assert _status(preview, "/", client, host, "POST") == (expected if expected == 403 else 405)


def test_the_address_decides_who_may_connect(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                              workspace: Workspace) -> None:
    from minutes.cli import main
    from minutes.serve import server as server_module

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("127.0.0.9")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("office.example")
    taken = bind("127.0.0.1", 0)
    taken.listen(1)  # a server already there
    try:
        with pytest.raises(ServeError, match="cannot listen on 127.0.0.1:"):
            bind("127.0.0.1", taken.getsockname()[1])
    finally:
        taken.close()
    monkeypatch.setattr(server_module, "bind", lambda host, port: bind("127.0.0.1", 0))  # never on the network
    monkeypatch.setattr(server_module.Server, "run", lambda self: None)
    assert main(["-C", str(workspace.root), "serve", "--host", "0.0.0.0"]) == 0
    assert "warning: serving on 0.0.0.0: anyone who can reach this machine" in capsys.readouterr().err
    assert main(["-C", str(workspace.root), "serve"]) == 0
    assert "warning" not in capsys.readouterr().err


def test_a_broken_record_keeps_its_last_pages_while_the_others_are_built(workspace: Workspace) -> None:
    out, warm = workspace.root / "out", Warm()
    seed, tiny = workspace.meetings / f"{SEED_RECORD}.yaml", workspace.meetings / f"{TINY}.yaml"
    records = [seed, tiny]
    build(workspace, records, out)
    seed.write_text(seed.read_text(encoding="utf-8").replace("weekday: چهارشنبه", "weekday: پنجشنبه"), "utf-8")
    tiny.write_text(tiny.read_text(encoding="utf-8").replace("ارسال شود.", "ارسال گردد."), encoding="utf-8")
    outcome, written = attempt(workspace, records, out, warm)
    assert outcome.stopped == {seed} and outcome.failure is None
    assert [d.code for d in outcome.diagnostics] == ["weekday-mismatch"]
    assert {path.parent.name for path in written} == {TINY}
    found, shared = states(workspace, records, Session(workspace, records, out).documents.of(workspace, records),
                           outcome)
    assert found[SEED_RECORD].stale and found[SEED_RECORD].errors == 1 and len(found[SEED_RECORD].documents) == 5
    assert not found[TINY].stale and not found[TINY].problems and shared == ()
    assert found[SEED_RECORD].problems[0].source_line == "  weekday: پنجشنبه"

    office = workspace.data / "office.yaml"
    office.write_text(office.read_text(encoding="utf-8") + "\nunknown_field: x\n", encoding="utf-8")
    outcome, written = attempt(workspace, records, out, warm)  # a problem every record shares stops them all
    assert outcome.stopped == {seed, tiny} and written == ()
    found, shared = states(workspace, records, Session(workspace, records, out).documents.of(workspace, records),
                           outcome)
    assert found[TINY].stale and [p.diagnostic.file for p in shared] == [workspace.display_name(office)]
    outcome, written = attempt(workspace, [], out, warm)  # the records asked for are gone: nothing else is built
    assert [d.code for d in outcome.diagnostics] == ["no-records"] and written == ()


def test_versions_change_only_with_what_a_page_shows(workspace: Workspace) -> None:
    records = workspace.record_files()
    documents = {path: () for path in records}
    first = Snapshot().following(*states(workspace, records, documents, Outcome()), None)
    assert first.generation == 1 and not first.building
    same = first.following(*states(workspace, records, documents, Outcome()), None)
    assert same == first
    problem = Diagnostic.of(workspace.display_name(records[0]), 8, 12, "no-records")
    second = first.following(*states(workspace, records, documents, Outcome((problem,))), None)
    assert second.generation == 2 and second.version(records[0].stem) == 2 and second.version(records[1].stem) == 1
    directory = Diagnostic.of(workspace.display_name(workspace.data / "directory.yaml"), 1, 1, "no-records")
    third = second.following(*states(workspace, records, documents, Outcome((problem, directory))), None)
    assert {third.version(path.stem) for path in records} == {3}  # what every page shows changed


def test_the_pages_in_persian_and_in_english(workspace: Workspace) -> None:
    record = workspace.meetings / f"{TINY}.yaml"
    registry = Registry(workspace.root / "archive" / REGISTRY_NAME)
    for version, day in ((1, 1), (2, 9)):
        with registry.transaction():
            registry.add_issue(TINY, version, JalaliDate(1403, 6, day), f"{TINY}/v{version}", "0" * 64, None, {})
    registry.close()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        Registry.reader(workspace.root / "archive" / REGISTRY_NAME).connection.execute("DELETE FROM issues")
    problem = Diagnostic.of(workspace.display_name(record), 6, 11, "duplicate-key", name="chair", first_line=2)
    found, shared = states(workspace, [record], {record: ()}, Outcome((problem,), frozenset({record})))
    snapshot = Snapshot().following(found, shared, None)
    persian = Views("fa", workspace.root / "archive")
    english = Views("en", workspace.root / "archive")
    index_fa, index_en = persian.index(snapshot), english.index(snapshot)
    assert '<html lang="fa" dir="rtl">' in index_fa and '<html lang="en" dir="ltr">' in index_en
    assert "نسخه ۲، ۱۴۰۳/۰۶/۰۹" in index_fa and "version 2, 1403/06/09" in index_en
    assert "۱ خطا" in index_fa and "1 error(s)" in index_en
    page_fa, page_en = persian.record(snapshot, found[TINY]), english.record(snapshot, found[TINY])
    assert "فیلد «chair» تکراری است (بار اول در سطر 2 آمده است)" in page_fa
    assert "duplicate key &#39;chair&#39; (first given on line 2)" in page_en
    assert f'<bdi class="where" dir="ltr">{workspace.display_name(record)}:6:11</bdi>' in page_en
    assert '<span class="line-number">6</span>  number: <mark>3</mark>' in page_en
    assert "هنوز سندی ساخته نشده است" in page_fa and "No documents yet" in page_en


@pytest.mark.parametrize("key", sorted(WORDS))
def test_every_word_of_the_pages_is_in_both_languages(key: str) -> None:
    phrase = WORDS[key]
    assert placeholders(phrase.en) == placeholders(phrase.fa)
    assert PERSIAN_LETTER.search(phrase.fa) and not PERSIAN_LETTER.search(phrase.en)
    assert Words("fa").kind("letter-notify-welfare.pdf") == "ابلاغ مصوبات: welfare"
    assert Words("fa").kind("letter-12.pdf") == "نامه ۱۲" and Words("en").kind("letter-12.pdf") == "Letter 12"


def test_a_stopping_session_gives_up_its_build_and_leaves_the_outputs_as_they_were(workspace: Workspace) -> None:
    out, tiny = workspace.root / "out", workspace.meetings / f"{TINY}.yaml"
    build(workspace, [tiny], out)
    before = _tree(out)
    tiny.write_text(tiny.read_text(encoding="utf-8").replace("ارسال شود.", "ارسال گردد."), encoding="utf-8")
    stop = threading.Event()
    stop.set()  # Ctrl-C while the build runs: it stops after the document under way, as a build does on Ctrl-C
    with pytest.raises(Stopped):
        attempt(workspace, [tiny], out, Warm(), stop=stop)
    assert _tree(out) == before


def test_serving_writes_what_a_build_writes(workspace: Workspace) -> None:
    tiny = workspace.meetings / f"{TINY}.yaml"
    served_out, built_out = workspace.root / "served", workspace.root / "built"
    attempt(workspace, [tiny], served_out, Warm())
    build(workspace, [tiny], built_out)
    served, built = _tree(served_out), _tree(built_out)
    assert served.keys() == built.keys() and len(served) == 5  # four documents and the manifest
    assert all(served[name][0] == built[name][0] for name in served if not name.startswith("."))
