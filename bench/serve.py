"""``make bench-serve``: how long after a record is saved the browser shows the new page images.

For each scenario, ``minutes serve`` runs on a copy of the example workspace holding one record, and
headless Chromium (Debian's, through Playwright) shows that record's page. Each trial writes the
record file with a changed text and waits until the document's page images in the browser are the
new ones, loaded and decoded (the page swaps them in only then); the time from just before the write
to that moment is the latency. Two trials are not counted (the first ones warm the renderer's
caches). The machine is shared: the load average is recorded, and so is the processor time the server
spent on each trial (its build, snapshot and page images), which does not depend on how many others
wait for the cores. Writes ``bench/serve.json`` and the table in ``bench/README.md``, and prints it.

- ``letter``: a one-page A5 letter the record spells out (``letter-1.pdf``), its body edited: the
  build renders that letter alone.
- ``minutes``: the reference minutes (the seed meeting, three A4 pages), a decision's text edited:
  the build renders the minutes and the one notification letter that lists the decision.

    python bench/serve.py [--trials N]
"""
# ruff: noqa: T201  (a command-line script: it reports by printing)

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from serving import chromium, serving  # noqa: E402  (the helpers of the tests)

RESULTS = ROOT / "bench" / "serve.json"
README = ROOT / "bench" / "README.md"
TABLE_START, TABLE_END = "<!-- serve: written by serve.py -->", "<!-- /serve -->"
TINY, SEED = "harms-committee-1403-05-10", "social-cultural-1395-08-12"
LETTER = """
letters:
  - to: salehi
    subject: فهرست مدارس متوسطه محلات پرخطر
    body: >-
      احتراماً، خواهشمند است دستور فرمایید فهرست مدارس متوسطه محلات پرخطر تا پایان مرداد به دبیرخانه
      کمیته اعلام گردد.
    signatories: [nouri]
"""
SHOWN = """([file, before]) => {
    const section = document.querySelector(`section.document[data-file="${file}"]`);
    return section !== null && section.dataset.token !== before
        && Array.from(section.querySelectorAll('img.page')).every(image => image.complete && image.naturalWidth > 0);
}"""


@dataclass(frozen=True)
class Scenario:
    name: str
    record: str
    document: str
    target: str  # the text each trial changes
    target_pages: int
    limit: float  # seconds


SCENARIOS = [Scenario("letter", TINY, "letter-1.pdf", "کمیته اعلام گردد.", 1, 0.6),
             Scenario("minutes", SEED, "minutes.pdf", "اقتصاد مقاومتی ارسال شود.", 3, 1.0)]


def workspace_for(scenario: Scenario, folder: Path) -> tuple[Path, str]:
    """A copy of the example workspace with the scenario's record only; its path and text."""
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copytree(ROOT / "fonts", folder / "fonts")
    for other in (folder / "data" / "meetings").glob("*.yaml"):
        if other.stem != scenario.record:
            other.unlink()
    record = folder / "data" / "meetings" / f"{scenario.record}.yaml"
    text = record.read_text(encoding="utf-8") + (LETTER if scenario.name == "letter" else "")
    record.write_text(text, encoding="utf-8")
    assert text.count(scenario.target) == 1
    return record, text


def edited(scenario: Scenario, text: str, trial: int) -> str:
    """The record with the scenario's text changed in a way no earlier trial wrote."""
    words = ["نخست", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم", "نهم", "دهم"]
    mark = " ".join(words[int(digit)] for digit in str(trial))
    return text.replace(scenario.target, scenario.target.rstrip(".") + f" (نوبت {mark}).")


def cpu_seconds(pid: int) -> float:
    """User and system processor time a process has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(scenario: Scenario, trials: int, warmup: int, scratch: Path) -> dict[str, object]:
    record, text = workspace_for(scenario, scratch / scenario.name)
    latencies: list[float] = []
    cpu: list[float] = []
    with serving(record.parents[2], "serve") as served, chromium(scratch / f"{scenario.name}-profile") as browser:
        page = browser.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"{served.url}r/{scenario.record}")
        page.wait_for_function(SHOWN, arg=[scenario.document, ""])
        pages = page.locator(f'section.document[data-file="{scenario.document}"] img.page').count()
        assert pages == scenario.target_pages, pages
        for trial in range(warmup + trials):
            before = page.get_attribute(f'section.document[data-file="{scenario.document}"]', "data-token")
            time.sleep(0.5)  # let the previous trial's work end
            started, used = time.perf_counter(), cpu_seconds(served.process.pid)
            record.write_text(edited(scenario, text, trial + 1), encoding="utf-8")
            page.wait_for_function(SHOWN, arg=[scenario.document, before], polling="raf")
            if trial >= warmup:
                latencies.append(time.perf_counter() - started)
                cpu.append(cpu_seconds(served.process.pid) - used)
        assert page.evaluate("performance.getEntriesByType('navigation').length") == 1  # never reloaded
        builds = [float(seconds) for seconds in re.findall(r"written in ([0-9.]+)s", "".join(served.said))]
    latencies.sort()
    return {"document": scenario.document, "pages": scenario.target_pages, "trials": trials,
            "median_s": round(statistics.median(latencies), 3), "min_s": round(latencies[0], 3),
            "max_s": round(latencies[-1], 3), "p90_s": round(latencies[int(0.9 * (len(latencies) - 1))], 3),
            "build_median_s": round(statistics.median(builds[1 + warmup:]), 3),
            "server_cpu_median_s": round(statistics.median(cpu), 3), "target_s": scenario.limit}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=15, help="counted trials per scenario (default: 15)")
    args = parser.parse_args()
    load_before = os.getloadavg()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="minutes-bench-serve-") as scratch:
        for scenario in SCENARIOS:
            results[scenario.name] = run(scenario, args.trials, 2, Path(scratch))
    load_after = os.getloadavg()
    report = {"cores": len(os.sched_getaffinity(0)), "load_average_before": [round(x, 2) for x in load_before],
              "load_average_after": [round(x, 2) for x in load_after], "scenarios": results}
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    table = render_table(report)
    readme = README.read_text(encoding="utf-8")
    before, _, rest = readme.partition(TABLE_START)
    _, _, after = rest.partition(TABLE_END)
    README.write_text(f"{before}{TABLE_START}\n{table}\n{TABLE_END}{after}", encoding="utf-8")
    print(table)


def render_table(report: dict[str, object]) -> str:
    """The results as the Markdown table of bench/README.md, with the machine's load."""
    lines = [f"On {report['cores']} cores, load average (1, 5, 15 min) {report['load_average_before']} before and "
             f"{report['load_average_after']} after.", "",
             "| scenario | pages | median | p90 | min | max | build alone (median) | server CPU (median) | target |",
             "|---|---|---|---|---|---|---|---|---|"]
    scenarios = report["scenarios"]
    assert isinstance(scenarios, dict)
    for name, row in scenarios.items():
        lines.append(f"| {name} (`{row['document']}`) | {row['pages']} | {row['median_s']:.2f} s | "
                     f"{row['p90_s']:.2f} s | {row['min_s']:.2f} s | {row['max_s']:.2f} s | "
                     f"{row['build_median_s']:.2f} s | {row['server_cpu_median_s']:.2f} s | "
                     f"≤ {row['target_s']:.1f} s |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
