"""minutes watch: a warm session that rebuilds what a change touched, told of changes by the system (no
polling), and survives invalid input."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from minutes.build.watch import relevant, watch
from minutes.diagnostics import InvalidInput
from minutes.output import worker
from minutes.workspace import PACKAGE_TEMPLATES, Workspace

TINY = "harms-committee-1403-05-10"
SEED = "social-cultural-1395-08-12"


def test_watch_rebuilds_what_each_change_touches_with_one_renderer(workspace: Workspace, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[object] = []

    class Counted(worker.TrackingRenderer):
        def __init__(self, *args: object) -> None:
            made.append(self)
            super().__init__(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(worker, "TrackingRenderer", Counted)
    record = workspace.meetings / f"{TINY}.yaml"
    out = tmp_path / "out"
    stop = threading.Event()
    deadline = threading.Timer(60, stop.set)  # a change never noticed ends the session: the test fails, not hangs
    deadline.start()
    session = watch(workspace, [record], out, stop=stop)

    first = next(session)
    assert first.changed == () and first.error is None and first.result is not None
    assert {p.name for p in first.result.written} == {"minutes.pdf", "letter-notify-education.pdf",
                                                      "brief.html", "brief.txt"}

    record.write_text(record.read_text(encoding="utf-8").replace("ارسال شود.", "ارسال گردد."), encoding="utf-8")
    second = next(session)
    assert second.changed == (record,) and second.result is not None
    assert {p.name for p in second.result.written} == {"minutes.pdf", "letter-notify-education.pdf",
                                                       "brief.html", "brief.txt"}

    template = (PACKAGE_TEMPLATES / "notification.html").read_text(encoding="utf-8")
    (workspace.templates / "notification.html").write_text(template.replace("مهلت اجرا", "مهلت"), encoding="utf-8")
    third = next(session)
    assert third.changed == (workspace.templates / "notification.html",) and third.result is not None
    assert [p.name for p in third.result.written] == ["letter-notify-education.pdf"]

    (workspace.meetings / "notes.txt").write_text("not a record", encoding="utf-8")  # changes nothing built
    (workspace.meetings / f"{SEED}.yaml").write_text("meeting: [", encoding="utf-8")  # a record not watched
    record.write_text("meeting: [", encoding="utf-8")
    broken = next(session)
    assert broken.changed == (record,)
    assert isinstance(broken.error, InvalidInput) and broken.result is None
    assert len(made) == 1  # one warm renderer for the whole session
    stop.set()
    assert next(session, None) is None  # the session ends when told to
    deadline.cancel()


def test_only_files_a_build_reads_count_as_changes(workspace: Workspace) -> None:
    every, one = relevant(workspace, None), relevant(workspace, [workspace.meetings / f"{TINY}.yaml"])
    meetings, templates = workspace.meetings, workspace.templates
    assert every(meetings / f"{SEED}.yaml") and not one(meetings / f"{SEED}.yaml")
    assert every(meetings / "2024" / "a.yaml") and one(meetings / f"{TINY}.yaml")
    assert every(workspace.data / "directory.yaml") and one(workspace.data / "office.yaml")
    assert every(templates / "letter.html") and every(workspace.fonts / "vazirmatn" / "Vazirmatn-Regular.ttf")
    for ignored in [meetings / "notes.txt", meetings / f"{TINY}.yaml~", meetings / f".{TINY}.yaml.swp",
                    meetings / ".minutes-staging-1" / "x.yaml", templates / ".#letter.html",
                    workspace.root / "out" / TINY / "minutes.pdf", workspace.root / "README.md"]:
        assert not every(ignored), ignored


def test_watch_command_reports_each_rebuild_and_ends_quietly_on_ctrl_c(
        workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from minutes.build import BuildResult
    from minutes.build import watch as watch_module
    from minutes.build.watch import Rebuild
    from minutes.cli import main

    record = workspace.meetings / f"{TINY}.yaml"
    written = tmp_path / "out" / TINY / "minutes.pdf"

    def session(*args: object, **options: object) -> Iterator[Rebuild]:
        yield Rebuild((), BuildResult((written,), (), (), up_to_date=3), None, 0.5)
        yield Rebuild((record,), None, InvalidInput([]), 0.01)
        raise KeyboardInterrupt

    monkeypatch.setattr(watch_module, "watch", session)
    assert main(["-C", str(workspace.root), "watch", "-o", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [workspace.display_name(written)]
    assert "1 document(s) written, 3 up to date in 0.50s" in err
    assert f"changed: {workspace.display_name(record)}" in err
