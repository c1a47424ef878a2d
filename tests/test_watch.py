"""minutes watch: a warm session that rebuilds what a change touched, and survives invalid input."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from minutes.build.watch import watch
from minutes.diagnostics import InvalidInput
from minutes.output import worker
from minutes.workspace import PACKAGE_TEMPLATES, Workspace

TINY = "harms-committee-1403-05-10"


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
    waits: list[float] = []
    session = watch(workspace, [record], out, interval=0.25, sleep=waits.append)

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

    record.write_text("meeting: [", encoding="utf-8")
    broken = next(session)
    assert isinstance(broken.error, InvalidInput) and broken.result is None
    assert len(made) == 1  # one warm renderer for the whole session
    assert set(waits) == {0.25}
    session.close()


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
