"""kill -9 trials (issue 11): kill `build -j 2 --force` and `issue` at seeded moments, then check what is left.

For each trial the parent process is killed with SIGKILL, then:
- stray: processes whose command line names the trial's workspace, 2 s after the kill;
- temporaries: `.*.tmp` files in out/ (build) or the archive (issue) after the next, unforced run;
- verify (issue trials): `minutes verify` after the next issue, which must pass.

Build trials kill after a seeded delay into the render (or when the first temporary file shows);
issue trials pause at a step through the MINUTES_ISSUE_PAUSE hook or die after a seeded delay.
Each trial's workspace is a fresh copy of the examples; any stray process found is killed (it names
that throwaway workspace, so it is ours).

    python bench/killtrials.py [--build 20] [--issue 20] [--seed 11]

Prints one line per trial and the counts; exits 1 when any trial left something behind.
"""

# ruff: noqa: T201  (a command-line script: it reports by printing)

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAUSE_VARIABLE = "MINUTES_PAUSE"
ISSUE_STEPS = ("numbered", "rendered", "bagged", "moved")
TINY = "harms-committee-1403-05-10"


@dataclass
class Trial:
    """What one trial found."""

    kind: str
    moment: str
    strays: int = 0
    temporaries: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.strays or self.temporaries or self.problems)

    def line(self) -> str:
        verdict = "clean" if self.clean else "LEFT SOMETHING"
        details = [f"{self.strays} stray process(es)"] if self.strays else []
        details += [f"{len(self.temporaries)} temporary file(s)"] if self.temporaries else []
        details += self.problems
        return f"{self.kind:5} {self.moment:28} {verdict}" + (": " + "; ".join(details) if details else "")


def workspace(parent: Path, records: tuple[str, ...] | None = None) -> Path:
    """A fresh copy of the example workspace (only ``records`` when given)."""
    ws = Path(tempfile.mkdtemp(dir=parent, prefix="ws-"))
    shutil.copytree(ROOT / "data", ws / "data")
    shutil.copytree(ROOT / "fonts", ws / "fonts")
    if records is not None:
        for path in (ws / "data" / "meetings").glob("*.yaml"):
            if path.stem not in records:
                path.unlink()
    return ws


def minutes(ws: Path, *args: str, pause: str | None = None) -> subprocess.Popen[bytes]:
    environ = {**os.environ, **({PAUSE_VARIABLE: pause} if pause else {})}
    environ.pop("PYTHONPATH", None)
    return subprocess.Popen([sys.executable, "-m", "minutes", "-C", str(ws), *args], cwd=ws, env=environ,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def processes_of(ws: Path) -> list[int]:
    """Live processes whose command line names ``ws``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(ws).encode() in (entry / "cmdline").read_bytes() and \
                        "\nState:\tZ" not in (entry / "status").read_text():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def kill(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait()


def reap_strays(ws: Path) -> int:
    """Count, then kill, the processes left naming ``ws`` 2 s after the kill."""
    time.sleep(2)
    strays = processes_of(ws)
    for pid in strays:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return len(strays)


def temporaries(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob(".*.tmp")) if folder.exists() else []


def build_trial(parent: Path, rng: random.Random) -> Trial:
    """Kill `build -j 2 --force` of the three examples at a seeded moment, then build again."""
    ws = workspace(parent)
    subprocess.run([sys.executable, "-m", "minutes", "-C", str(ws), "build", "-j", "2", "-q"], cwd=ws,
                   capture_output=True, check=True)  # outputs to replace: the forced build renames over them
    process = minutes(ws, "build", "-j", "2", "--force")
    if rng.random() < 0.5:
        delay = rng.uniform(0.2, 6.0)
        moment = f"after {delay:.2f}s"
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.01)
    else:
        count = rng.randint(1, 12)
        moment = f"at {count} temporary file(s)"
        while len(temporaries(ws / "out")) < count and process.poll() is None:
            time.sleep(0.005)
    if process.poll() is not None:
        moment += " (had finished)"
    kill(process)
    trial = Trial("build", moment, strays=reap_strays(ws))
    again = subprocess.run([sys.executable, "-m", "minutes", "-C", str(ws), "build", "-j", "2", "-q"], cwd=ws,
                           capture_output=True, text=True, check=False)
    if again.returncode != 0:
        trial.problems.append(f"the next build exited {again.returncode}: {again.stderr.strip()[-200:]}")
    trial.temporaries = temporaries(ws / "out")
    shutil.rmtree(ws, ignore_errors=True)
    return trial


def issue_trial(parent: Path, rng: random.Random) -> Trial:
    """Kill `issue` of the tiny record at a step or after a seeded delay, then issue and verify."""
    ws = workspace(parent, (TINY,))
    record = str(ws / "data" / "meetings" / f"{TINY}.yaml")
    step = rng.choice([*ISSUE_STEPS, None])
    process = minutes(ws, "issue", record, "--date", "1404/02/01", pause=step)
    if step is not None:
        moment = f"paused at {step}"
        marker = ws / "archive" / f".paused-{step}"
        while not marker.exists() and process.poll() is None:
            time.sleep(0.02)
    else:
        delay = rng.uniform(0.3, 4.0)
        moment = f"after {delay:.2f}s"
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.01)
    if process.poll() is not None:
        moment += " (had finished)"
    kill(process)
    for marker in (ws / "archive").glob(".paused-*"):
        marker.unlink()
    trial = Trial("issue", moment, strays=reap_strays(ws))
    check = subprocess.run([sys.executable, "-m", "minutes", "-C", str(ws), "verify"], cwd=ws,
                           capture_output=True, text=True, check=False)
    if check.returncode != 0:
        trial.problems.append(f"verify right after the kill exited {check.returncode}")
    again = minutes(ws, "issue", record, "--date", "1404/02/01")
    _, err = again.communicate(timeout=300)
    if again.returncode != 0 and b"already issued" not in err:  # the killed issue may have committed
        trial.problems.append(f"the next issue exited {again.returncode}: {err.decode()[-200:]}")
    check = subprocess.run([sys.executable, "-m", "minutes", "-C", str(ws), "verify"], cwd=ws,
                           capture_output=True, text=True, check=False)
    if check.returncode != 0:
        trial.problems.append(f"verify after the next issue exited {check.returncode}")
    trial.temporaries = temporaries(ws / "archive")
    shutil.rmtree(ws, ignore_errors=True)
    return trial


def run(builds: int, issues: int, seed: int, say: Callable[[str], object] = print) -> list[Trial]:
    """Run the trials; ``say`` gets one line per trial."""
    rng = random.Random(seed)
    trials = []
    with tempfile.TemporaryDirectory(prefix="killtrials-") as folder:
        for number in range(builds + issues):
            trial = build_trial(Path(folder), rng) if number < builds else issue_trial(Path(folder), rng)
            trials.append(trial)
            say(f"{number + 1:3} {trial.line()}")
    return trials


def summary(trials: list[Trial]) -> str:
    lines = []
    for kind in ("build", "issue"):
        mine = [t for t in trials if t.kind == kind]
        if mine:
            lines.append(f"{kind}: {len(mine)} trials, {sum(t.clean for t in mine)} clean; "
                         f"{sum(t.strays > 0 for t in mine)} left stray processes ({sum(t.strays for t in mine)} "
                         f"in all), {sum(bool(t.temporaries) for t in mine)} left temporary files, "
                         f"{sum(bool(t.problems) for t in mine)} other problems")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=int, default=20, help="build trials (default 20)")
    parser.add_argument("--issue", type=int, default=20, help="issue trials (default 20)")
    parser.add_argument("--seed", type=int, default=11, help="seed of the moments (default 11)")
    args = parser.parse_args()
    trials = run(args.build, args.issue, args.seed)
    print(summary(trials))
    return 0 if all(t.clean for t in trials) else 1


if __name__ == "__main__":
    raise SystemExit(main())
