"""Fixtures of the hostile suite: a scene per test, and the slow trials kept for `make fuzz`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .scene import FUZZ, SECRET, Scene, make_workspace, stop_watching


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: long trials, run only by `make fuzz` (MINUTES_FUZZ=1)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if FUZZ:
        return
    skip = pytest.mark.skip(reason="slow: run by `make fuzz` (MINUTES_FUZZ=1)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def scene(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Iterator[Scene]:
    """A fresh scene; the current folder is its workspace, so messages name files as data/…"""
    make_workspace(tmp_path)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "ws")
    yield Scene(tmp_path, capsys)
    stop_watching()


