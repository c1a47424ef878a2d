"""``make bench``: how fast builds are, on a deterministic synthetic corpus (see bench/README.md).

Every figure is wall-clock time of a whole process (``python -m minutes build`` or an equivalent
child), except the warm per-document medians, which time renders inside one process. Writes
``bench/results.json`` and the results table in ``bench/README.md``, and prints the table.

    python bench/bench.py [--records N] [--keep DIR]
    python bench/bench.py --rebuilds 200 2000   # the rebuilds alone, by corpus size
"""
# ruff: noqa: T201  (a command-line script: it reports by printing)

from __future__ import annotations

import argparse
import compileall
import contextlib
import datetime
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml
from corpus import ROOT, write_corpus

from minutes.workspace import Workspace

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results.json"
README = BENCH / "README.md"
TABLE_START, TABLE_END = "<!-- results: written by bench.py -->", "<!-- /results -->"
REBUILDS_START, REBUILDS_END = "<!-- rebuilds: written by bench.py -->", "<!-- /rebuilds -->"
REFERENCE = "social-cultural-1395-08-12"  # the seed meeting: three-page minutes
NAIVE_EVERY = 19  # the naive baseline builds the documents of every 19th record (from the 10th): a stride
# prime to the five choices of agenda items (record number mod 5), so the sample holds every kind
NAIVE_PROCESSES = 2  # ... this many at a time, as `make -j2` would run them
EDITS = 10  # records edited one at a time: at 200 records 10, 31, …, 199, a stride of 1 mod 5, so each
# choice of agenda items (record number mod 5) is edited twice
NOOP_RUNS = 5
WARM_RUNS = 15


def _child_build(root: str, out: str, jobs: str) -> None:
    """A whole build in this process; prints what it did and the memory it took, as JSON."""
    import resource

    from minutes.build import build

    result = build(Workspace.at(root), None, Path(out), jobs=int(jobs))
    print(json.dumps({"written": len(result.written),
                      "pdfs": sum(p.suffix == ".pdf" for p in result.written),
                      "worker_peak_rss_mb": result.peak_rss_mb,
                      "main_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def _child_naive(root: str, record: str, previous: str, key: str, out: str) -> None:
    """One document the naive way: a fresh process reads what it needs, renders one PDF, writes it."""
    from minutes.documents.registry import documents_for
    from minutes.load import read
    from minutes.output.files import write_atomically
    from minutes.output.fonts import choose_font
    from minutes.output.pool import Renderers, produce
    from minutes.render import environment, render_document, to_job
    from minutes.sources import read_directory
    from minutes.validate import validate

    workspace = Workspace.at(root)
    path, before = (workspace.meetings / f"{name}.yaml" for name in (record, previous))
    context = [read(before, before.name)] if previous else []  # a naive process reads just what it needs
    validated = validate(read_directory(workspace), [read(path, path.name)], workspace, context=context)
    document = next(d for d in documents_for(validated.records[0], validated.directory) if d.key == key)
    job = to_job(document, render_document(environment(workspace), document),
                 Path(out) / document.record / document.filename)
    with Renderers(1) as renderers:
        for made in produce(renderers, workspace, choose_font(workspace, validated.directory.office.font), [job]):
            write_atomically(made.target, made.data)


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds used so far by this process and its finished children (and theirs), and by the
    whole machine (from /proc/stat; 0 elsewhere): their difference over a run is what other
    processes took from the cores meanwhile, which the timings cannot see."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    machine = 0.0
    with contextlib.suppress(OSError):
        fields = Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0].split()[1:]
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
        machine = (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime, machine


def _run(command: Sequence[str]) -> tuple[float, str]:
    """Run a whole process; its wall-clock seconds and standard output."""
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    return seconds, result.stdout


def _minutes(*args: str) -> list[str]:
    return [sys.executable, "-m", "minutes", *args]


def warm_times() -> tuple[dict[str, list[float]], int]:
    """Seconds of each render, in one warm process, of the reference minutes and of its cover letter;
    and the pages of the minutes."""
    from minutes.documents.registry import documents_for
    from minutes.output.fonts import choose_font
    from minutes.output.worker import TrackingRenderer
    from minutes.render import environment, render_document, to_job
    from minutes.sources import check_workspace as validate

    workspace = Workspace.at(ROOT)
    validated = validate(workspace, [workspace.meetings / f"{REFERENCE}.yaml"])
    renderer = TrackingRenderer(workspace, choose_font(workspace, validated.directory.office.font))
    env = environment(workspace)
    times: dict[str, list[float]] = {}
    pages = 0
    for document in documents_for(validated.records[0], validated.directory):
        if document.key not in ("minutes", "letter-forwarding"):
            continue
        job = to_job(document, render_document(env, document), Path(document.filename))
        rendered = renderer.render_job(job)  # the first render in a process is slower: not counted
        pages = rendered.pages if document.key == "minutes" else pages
        times[document.key] = []
        for _ in range(WARM_RUNS):
            start = time.perf_counter()
            renderer.render_job(job)
            times[document.key].append(time.perf_counter() - start)
    return times, pages


def _pdf_keys(root: Path, records: list[int]) -> list[tuple[str, str, str]]:
    """(record, previous record, document key) of every PDF of the given records."""
    from minutes.documents.registry import documents_for
    from minutes.sources import check_workspace as validate

    workspace = Workspace.at(root)
    validated = validate(workspace, [workspace.meetings / f"synthetic-{i:03d}.yaml" for i in records])
    return [(item.name, f"synthetic-{int(item.name[-3:]) - 1:03d}" if item.name[-3:] != "000" else "", doc.key)
            for item in validated.records for doc in documents_for(item, validated.directory) if doc.is_pdf]


def naive(root: Path, out: Path, keys: list[tuple[str, str, str]], processes: int) -> float:
    """Seconds to build the documents ``keys`` one process each, ``processes`` at a time."""
    commands = [[sys.executable, __file__, "--child-naive", str(root), record, previous, key, str(out)]
                for record, previous, key in keys]
    start = time.perf_counter()
    with ThreadPoolExecutor(processes) as pool:
        list(pool.map(_run, commands))
    return time.perf_counter() - start


def edit_one(record: Path) -> None:
    """Change one word of the record's first decision, as a secretary correcting a typo would."""
    data = yaml.load(record.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    data["decisions"][0]["text"] += " (اصلاح‌شده)"
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def edited(records: int) -> list[int]:
    """The records edited one at a time: ten, from the 10th, spread over the corpus with a stride that
    is 1 mod 5 (each choice of agenda items twice): 10, 31, …, 199 at 200 records."""
    stride = (records - 11) // (EDITS - 1)
    stride -= (stride - 1) % 5
    return [10 + stride * k for k in range(EDITS)]


def rebuild_times(workspace: Path, out: Path, records: int) -> dict[str, object]:
    """No-op rebuilds, then one edited record rebuilt at a time (each a whole ``minutes build``
    process, default ``-j``), of a workspace already built into ``out``."""
    noop = []
    for _ in range(NOOP_RUNS):
        seconds, output = _run(_minutes("-C", str(workspace), "build", "-o", str(out), "-q"))
        assert output == "", output
        noop.append(seconds)
    edits, rewritten = [], []
    for number in edited(records):
        edit_one(workspace / "data" / "meetings" / f"synthetic-{number:03d}.yaml")
        seconds, output = _run(_minutes("-C", str(workspace), "build", "-o", str(out), "-q"))
        edits.append(seconds)
        rewritten.append(len(output.splitlines()))
    return {"noop_rebuild_s": round(statistics.median(noop), 3),
            "one_edit_rebuild_s": round(statistics.median(edits), 3),
            "one_edit_rebuild_runs_s": [round(s, 3) for s in edits],
            "one_edit_files_rewritten": rewritten,
            "noop_rebuild_runs_s": [round(s, 3) for s in noop]}


def rebuilds_at(root: Path, records: int) -> dict[str, object]:
    """The rebuild figures alone at a corpus of ``records`` records: one cold ``-j 2`` build, then
    :func:`rebuild_times`, with the load on the machine before and after."""
    workspace = root / "ws"
    write_corpus(workspace, records)
    compileall.compile_dir(ROOT / "minutes", quiet=1)
    load_before = [round(x, 2) for x in os.getloadavg()]
    print(f"cold full build of {records} records with -j 2 …", flush=True)
    seconds, output = _run([sys.executable, __file__, "--child-build", str(workspace), str(root / "out"), "2"])
    print("no-op and one-edit rebuilds …", flush=True)
    figures = rebuild_times(workspace, root / "out", records)
    return {"records": records, "documents": json.loads(output)["pdfs"], "cold_build_s_j2": round(seconds, 1),
            **figures, "load_before": load_before, "load_after": [round(x, 2) for x in os.getloadavg()],
            "date": datetime.date.today().isoformat()}


def measure(root: Path, records: int) -> dict[str, object]:
    """Every figure of the benchmark, for a corpus of ``records`` records written under ``root``."""
    workspace = root / "ws"
    write_corpus(workspace, records)
    compileall.compile_dir(ROOT / "minutes", quiet=1)  # as after any first run: no timing pays compilation
    results: dict[str, object] = {}
    ours_at_start, machine_at_start = _cpu_seconds()
    started = time.perf_counter()
    print("warm renders of the reference minutes …", flush=True)
    warm_first, pages = warm_times()
    results["reference_minutes_pages"] = pages

    cold: dict[int, dict[str, float]] = {}
    for jobs in (1, 2):
        print(f"cold full build with -j {jobs} …", flush=True)
        ours, machine = _cpu_seconds()
        seconds, output = _run([sys.executable, __file__, "--child-build", str(workspace), str(root / f"out-j{jobs}"),
                                str(jobs)])
        ours_after, machine_after = _cpu_seconds()
        cold[jobs] = dict(json.loads(output), seconds=seconds, cpu_s=ours_after - ours,
                          other_cpu_s=(machine_after - machine) - (ours_after - ours))
        results[f"cold_build_cpu_s_j{jobs}"] = round(ours_after - ours, 1)
        results[f"other_processes_cpu_s_during_j{jobs}"] = round(max(0.0, cold[jobs]["other_cpu_s"]), 1)
    documents = int(cold[1]["pdfs"])
    assert cold[2]["pdfs"] == documents
    j1, j2 = documents / cold[1]["seconds"], documents / cold[2]["seconds"]
    results["documents"] = documents
    results["files_written"] = int(cold[1]["written"])
    results["docs_per_s_j1"] = round(j1, 3)
    results["docs_per_s_j2"] = round(j2, 3)
    results["cold_build_s_j1"] = round(cold[1]["seconds"], 2)
    results["cold_build_s_j2"] = round(cold[2]["seconds"], 2)
    results["j2_over_j1"] = round(j2 / j1, 3)
    results["peak_rss_mb"] = round(float(cold[2]["worker_peak_rss_mb"]), 1)
    results["main_process_peak_rss_mb_j2"] = round(float(cold[2]["main_peak_rss_mb"]), 1)
    results["j1_j2_identical"] = _same_files(root / "out-j1", root / "out-j2")

    sample = list(range(9, records, NAIVE_EVERY))
    keys = _pdf_keys(workspace, sample)
    print(f"naive: {len(keys)} documents of {len(sample)} records, one process each …", flush=True)
    naive_parallel = len(keys) / naive(workspace, root / "out-naive-2", keys, NAIVE_PROCESSES)
    naive_serial = len(keys) / naive(workspace, root / "out-naive-1", keys, 1)
    results["naive_sample_documents"] = len(keys)
    results["naive_docs_per_s"] = round(naive_parallel, 3)
    results["naive_docs_per_s_serial"] = round(naive_serial, 3)
    results["speedup_vs_naive"] = round(j2 / naive_parallel, 2)
    results["speedup_j1_vs_naive_serial"] = round(j1 / naive_serial, 2)

    print("no-op and one-edit rebuilds …", flush=True)
    results |= rebuild_times(workspace, root / "out-j2", records)
    print("warm renders again, as the machine's speed drifts …", flush=True)
    warm_last, _ = warm_times()
    for key, name in (("minutes", "minutes"), ("letter-forwarding", "letter")):
        results[f"{name}_warm_median_s"] = round(statistics.median(warm_first[key] + warm_last[key]), 4)
        results[f"{name}_warm_medians_first_last_s"] = [round(statistics.median(warm_first[key]), 4),
                                                        round(statistics.median(warm_last[key]), 4)]
    ours_at_end, machine_at_end = _cpu_seconds()
    other = (machine_at_end - machine_at_start) - (ours_at_end - ours_at_start)
    results["other_processes_cores_busy"] = round(max(0.0, other) / (time.perf_counter() - started), 2)
    results["environment"] = {
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "python": platform.python_version(),
        "weasyprint": importlib.metadata.version("weasyprint"),
        "platform": platform.platform(),
        "date": datetime.date.today().isoformat(),
        "records": records,
    }
    return results


def _same_files(first: Path, second: Path) -> bool:
    names = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file() and not p.name.startswith("."))
    return names == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file()
                           and not p.name.startswith(".")) \
        and all((first / n).read_bytes() == (second / n).read_bytes() for n in names)


def table(results: dict[str, object]) -> str:
    """The results as a Markdown table, with the target each figure answers."""
    r = results
    rows = [
        ("reference 3-page minutes, warm, median per document", f"{r['minutes_warm_median_s']} s", "≤ 0.25 s"),
        ("one-page cover letter, warm, median per document", f"{r['letter_warm_median_s']} s", ""),
        (f"cold full build, -j 1 ({r['documents']} PDFs)", f"{r['docs_per_s_j1']} docs/s ({r['cold_build_s_j1']} s)",
         ""),
        ("cold full build, -j 2", f"{r['docs_per_s_j2']} docs/s ({r['cold_build_s_j2']} s)",
         f"≥ 1.7 × -j 1: {r['j2_over_j1']} ×"),
        (f"naive: one process per document, {NAIVE_PROCESSES} at a time ({r['naive_sample_documents']} documents)",
         f"{r['naive_docs_per_s']} docs/s", f"ours -j 2 ≥ 3 ×: {r['speedup_vs_naive']} ×"),
        ("naive: one process per document, one at a time", f"{r['naive_docs_per_s_serial']} docs/s",
         f"ours -j 1: {r['speedup_j1_vs_naive_serial']} ×"),
        (f"no-op rebuild of {r['environment']['records']} records (whole process)",  # type: ignore[index]
         f"{r['noop_rebuild_s']} s", "≤ 0.5 s"),
        ("one edited record rebuilt (whole process, median of edits)", f"{r['one_edit_rebuild_s']} s", "≤ 1.5 s"),
        ("peak memory per worker (-j 2)", f"{r['peak_rss_mb']} MB", "≤ 250 MB"),
        ("other processes on the machine meanwhile (cores busy, on average over the run; "
         "during the -j 2 build)", f"{r['other_processes_cores_busy']}; "
         f"{r['other_processes_cpu_s_during_j2']} CPU-s in {r['cold_build_s_j2']} s", "0 would be a quiet machine"),
    ]
    env = r["environment"]
    lines = [f"Measured {env['date']} on {env['cores']} cores, Python {env['python']}, "  # type: ignore[index]
             f"WeasyPrint {env['weasyprint']} ({env['platform']}).", "",  # type: ignore[index]
             "| measure | result | target |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {target} |" for name, value, target in rows]
    return "\n".join(lines)


def rebuilds_table(rows: list[dict[str, object]]) -> str:
    """The rebuild figures by corpus size as a Markdown table."""
    lines = ["| records | PDFs | cold build -j 2 | no-op rebuild (median of 5) | one edit (median of 10) | "
             "one edit, slowest | load average before → after |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['records']} | {r['documents']} | {r['cold_build_s_j2']} s | {r['noop_rebuild_s']} s "
              f"(target ≤ 0.3 s at 2000) | {r['one_edit_rebuild_s']} s (target ≤ 0.6 s) | "
              f"{max(r['one_edit_rebuild_runs_s'])} s | {r['load_before'][0]} → {r['load_after'][0]} |"  # type: ignore[arg-type]
              for r in rows]
    return "\n".join(lines)


def _write_between(start: str, end: str, text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    before, _, rest = readme.partition(start)
    _, _, after = rest.partition(end)
    README.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


def _in_folder(keep: Path | None, work: Callable[[Path], dict[str, object]]) -> dict[str, object]:
    if keep:
        shutil.rmtree(keep, ignore_errors=True)
        keep.mkdir(parents=True)
        return work(keep.resolve())
    with tempfile.TemporaryDirectory(prefix="minutes-bench-") as folder:
        return work(Path(folder))


def main() -> None:
    if sys.argv[1:2] == ["--child-build"]:
        return _child_build(*sys.argv[2:])
    if sys.argv[1:2] == ["--child-naive"]:
        return _child_naive(*sys.argv[2:])
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--records", type=int, default=200, help="records in the corpus (default: 200)")
    options.add_argument("--rebuilds", type=int, nargs="+", metavar="N",
                         help="measure only the no-op and one-edit rebuilds, at each corpus size N in turn")
    options.add_argument("--keep", type=Path, metavar="DIR",
                         help="build in DIR and keep it (default: a temporary folder)")
    args = options.parse_args()
    started = time.perf_counter()
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
    if args.rebuilds:
        rows = [_in_folder(args.keep, lambda root, n=n: rebuilds_at(root, n)) for n in args.rebuilds]
        RESULTS.write_text(json.dumps(previous | {"rebuilds": rows}, indent=2, ensure_ascii=False) + "\n",
                           encoding="utf-8")
        text = rebuilds_table(rows)
        _write_between(REBUILDS_START, REBUILDS_END, text)
    else:
        results = _in_folder(args.keep, lambda root: measure(root, args.records))
        results["bench_seconds"] = round(time.perf_counter() - started, 1)
        if "rebuilds" in previous:
            results["rebuilds"] = previous["rebuilds"]
        RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        text = table(results)
        _write_between(TABLE_START, TABLE_END, text)
    print(text)


if __name__ == "__main__":
    main()
