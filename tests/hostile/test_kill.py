"""kill -9 trials (issue 11): ≥ 20 of `build -j 2 --force` and 20 of `issue`, run by `make fuzz` only."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "killtrials.py"


def _killtrials() -> ModuleType:
    """bench/killtrials.py, loaded from its file (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("killtrials", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_kill_trials_leave_nothing_behind() -> None:
    trials = _killtrials()
    results = trials.run(builds=20, issues=20, seed=11, say=print)
    print(trials.summary(results))
    assert all(trial.clean for trial in results), trials.summary(results)
