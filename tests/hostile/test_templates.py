"""Issue 11, cases 1, 2 and 7: workspace templates and stylesheets that try to run code or read outside."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .scene import REFUSED, SECRET, TINY, Scene

PACKAGE_STYLE = Path(__file__).resolve().parents[2] / "minutes" / "templates" / "style.css"


def test_the_harness_passes_a_plain_build(scene: Scene) -> None:
    """The checks themselves: an ordinary build writes only out/, reads nothing outside, leaks nothing."""
    scene.arm()
    run = scene.run("build", "-j", "1")
    assert run.code == 0, run.text
    assert (scene.ws / "out" / TINY / "minutes.pdf").is_file()
    scene.assert_untouched()


def test_the_harness_sees_a_write_outside_and_a_read_outside(scene: Scene) -> None:
    """The checks can fail: a file written beside the workspace and a read of the secret are both seen."""
    scene.arm()
    (scene.ws / "data" / "stray.txt").write_text("x", encoding="utf-8")
    with pytest.raises(AssertionError, match="written outside"):
        scene.assert_untouched()
    scene.arm()
    scene.secret.read_text(encoding="utf-8")
    with pytest.raises(AssertionError, match="read outside"):
        scene.assert_untouched()


# -- case 1: the Jinja environment is not sandboxed --------------------------------------------------

ESCAPES = {
    "cycler-popen-read": "{{ cycler.__init__.__globals__.os.popen('cat %(secret)s').read() }}",
    "lipsum-popen-read": "{{ lipsum.__globals__.os.popen('cat %(secret)s').read() }}",
    "self-builtins-open": "{{ self.__init__.__globals__.__builtins__.open('%(secret)s').read() }}",
    "joiner-popen-write": "{{ joiner.__init__.__globals__.os.popen('echo pwned > %(outside)s/pwned').read() }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
}


@pytest.mark.parametrize("template", ["brief.html", "brief.txt"])
@pytest.mark.parametrize("escape", sorted(ESCAPES))
def test_a_template_cannot_reach_python_internals(scene: Scene, escape: str, template: str) -> None:
    payload = ESCAPES[escape] % {"secret": scene.secret, "outside": scene.outside}
    (scene.ws / "templates" / template).write_text(payload + "\n", encoding="utf-8")
    scene.arm()
    run = scene.run("build", "-j", "1")
    assert "uid=" not in run.text and "<class" not in run.text
    assert not (scene.outside / "pwned").exists(), "the template ran a shell command"
    scene.assert_refused(run)
    assert template in run.err


@pytest.mark.parametrize("name", ["../../outside/secret.txt", "/etc/hostname", "%(secret)s"])
def test_a_template_cannot_include_a_file_outside(scene: Scene, name: str) -> None:
    name = name % {"secret": scene.secret}
    (scene.ws / "templates" / "brief.html").write_text(f'{{% include "{name}" %}}\n', encoding="utf-8")
    scene.arm()
    scene.assert_refused(scene.run("build", "-j", "1"))


# -- case 2: symlinks in templates/ are followed out of the workspace --------------------------------

def test_a_template_symlinked_outside_is_refused(scene: Scene) -> None:
    os.symlink(scene.secret, scene.ws / "templates" / "brief.html")
    scene.arm()
    run = scene.run("build", "-j", "1")
    scene.assert_refused(run)
    assert "brief.html" in run.err


def test_a_template_folder_symlinked_outside_is_refused(scene: Scene) -> None:
    (scene.outside / "tpl").mkdir()
    (scene.outside / "tpl" / "part.html").write_text(SECRET + "\n", encoding="utf-8")
    os.symlink(scene.outside / "tpl", scene.ws / "templates" / "parts")
    (scene.ws / "templates" / "brief.html").write_text('{% include "parts/part.html" %}\n', encoding="utf-8")
    scene.arm()
    run = scene.run("build", "-j", "1")
    scene.assert_refused(run)


def test_a_stylesheet_symlinked_outside_is_refused(scene: Scene) -> None:
    evil = scene.outside / "style.css"
    evil.write_text(PACKAGE_STYLE.read_text(encoding="utf-8") + f'\nh1::after {{ content: "{SECRET}"; }}\n',
                    encoding="utf-8")
    os.symlink(evil, scene.ws / "templates" / "style.css")
    scene.arm()
    run = scene.run("build", "-j", "1")
    scene.assert_refused(run)
    assert "style.css" in run.err


def test_a_template_symlinked_inside_the_workspace_still_works(scene: Scene) -> None:
    """Not every symlink is hostile: one that stays in templates/ is an ordinary override."""
    (scene.ws / "templates" / "brief-ours.html").write_text("<p>خبر</p>\n", encoding="utf-8")
    os.symlink("brief-ours.html", scene.ws / "templates" / "brief.html")
    scene.arm()
    run = scene.run("build", "-j", "1")
    assert run.code == 0, run.text
    assert (scene.ws / "out" / TINY / "brief.html").read_text(encoding="utf-8") == "<p>خبر</p>\n"
    scene.assert_untouched()


# -- case 7: @import of a file outside in a workspace stylesheet -------------------------------------

def _importing_style(scene: Scene, url: str) -> None:
    (scene.outside / "evil.css").write_text(f'h1::after {{ content: "{SECRET}"; }}\n', encoding="utf-8")
    (scene.ws / "templates" / "style.css").write_text(
        f"@import url({url});\n" + PACKAGE_STYLE.read_text(encoding="utf-8"), encoding="utf-8")


@pytest.mark.parametrize("url", ["file://%(outside)s/evil.css", "../../outside/evil.css", "file:///etc/passwd"])
def test_a_stylesheet_import_from_outside_is_a_clean_error_in_process(scene: Scene, url: str) -> None:
    _importing_style(scene, url % {"outside": scene.outside})
    scene.arm()
    run = scene.run("build", "-j", "1")
    scene.assert_refused(run)
    assert "style.css" in run.err or "refused URL" in run.err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_stylesheet_import_from_outside_is_a_clean_error_with_workers(scene: Scene, jobs: str) -> None:
    _importing_style(scene, f"file://{scene.outside}/evil.css")
    scene.arm()
    done = subprocess.run([sys.executable, "-m", "minutes", "-C", str(scene.ws), "build", "-j", jobs, "--force"],
                          capture_output=True, text=True, timeout=120, cwd=scene.ws, check=False)
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "exit code )" not in output, output[-2000:]
    assert done.returncode in REFUSED, output[-2000:]
    assert SECRET not in output
    scene.assert_untouched()
