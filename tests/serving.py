"""Helpers for the tests and the benchmark of ``minutes serve``: run the command on a workspace, and
drive Debian's Chromium headless through Playwright (never a browser Playwright downloads)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

CHROMIUM = os.environ.get("MINUTES_CHROMIUM", "/usr/bin/chromium")
# Chromium as root needs --no-sandbox; the network is closed, so nothing may try to reach it.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-default-apps", "--disable-extensions"]
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Served:
    """A running ``minutes serve``: its address, its process and what it has said on standard error."""

    url: str
    process: subprocess.Popen[str]
    said: list[str]


@contextmanager
def serving(workspace: Path, *arguments: str, timeout: float = 120) -> Iterator[Served]:
    """``minutes -C WORKSPACE … serve --port 0 …`` run from the workspace; stopped with Ctrl-C (SIGINT) on leaving."""
    command = [sys.executable, "-m", "minutes", "-C", str(workspace), *arguments]
    if "serve" not in arguments:
        command.append("serve")
    command += ["--port", "0"]
    process = subprocess.Popen(command, cwd=workspace, stderr=subprocess.PIPE, text=True,
                               env=dict(os.environ, PYTHONPATH=str(ROOT)))
    said: list[str] = []
    reader = threading.Thread(target=lambda: said.extend(iter(process.stderr.readline, "")), daemon=True)
    reader.start()  # reads all along, so that the server never blocks on a full pipe
    try:
        yield Served(_address(process, said, timeout), process, said)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        reader.join(5)


def _address(process: subprocess.Popen[str], said: list[str], timeout: float) -> str:
    """The address the command says it serves at."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(r"serving the live preview at (http://\S+)", "".join(said))
        if found:
            return found.group(1)
        if process.poll() is not None:
            break
        time.sleep(0.05)
    raise AssertionError(f"minutes serve did not start: {''.join(said)}")


@contextmanager
def chromium(profile: Path) -> Iterator[BrowserContext]:
    """A headless Chromium with a fresh profile in ``profile``."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        raise AssertionError(f"no Chromium at {CHROMIUM}: `make` installs Debian's chromium package")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000})
        try:
            yield context
        finally:
            context.close()
