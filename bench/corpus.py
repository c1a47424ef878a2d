"""A deterministic synthetic corpus for the benchmark: records cut from the large example meeting.

Record ``i`` keeps the large meeting's header (numbered ``FIRST_NUMBER + i``), two of its agenda
items chosen in turn, up to ``DECISIONS`` of their decisions, the people who speak or dissent on
them plus a rotating share of the other members, one substitute, one or two absences, a guest,
and a follow-up on the previous record's first decision. Each gives minutes of three or four pages
(the reference minutes, the seed meeting, has three), a cover letter and a notification letter per
responsible unit (three to five): five to seven PDFs, plus the news brief as HTML and text.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
LARGE = ROOT / "data" / "meetings" / "social-cultural-1403-05-17.yaml"
FIRST_NUMBER = 100
DECISIONS = 4
MEMBERS = 8
STATUSES = ("done", "in-progress", "not-done")


def _pick(items: list[Any], start: int, count: int) -> list[Any]:
    """``count`` items from ``start``, wrapping around."""
    return [items[(start + k) % len(items)] for k in range(min(count, len(items)))]


def synthetic_record(large: dict[str, Any], i: int) -> dict[str, Any]:
    """The ``i``-th record of the corpus, as plain data (every scalar text)."""
    agenda = large["agenda"]
    chosen = sorted({i % len(agenda), (i + 2) % len(agenda)})
    renumber = {str(old + 1): str(new + 1) for new, old in enumerate(chosen)}
    decisions = [dict(d, item=renumber[d["item"]]) for d in large["decisions"] if d.get("item") in renumber]
    decisions = _pick(decisions, i, DECISIONS)
    meeting = dict(large["meeting"], number=str(FIRST_NUMBER + i), quorum="8")
    attendance = large["attendance"]
    needed = [meeting["chair"], meeting["secretary"]]
    needed += [s["speaker"] for k in chosen for s in agenda[k]["discussion"]]
    needed += [x["person"] for d in decisions for x in d.get("dissent", [])]
    members = [p for p in attendance["present"] if p in needed]
    others = [p for p in attendance["present"] if p not in members]
    present = members + _pick(others, i * 3, max(0, MEMBERS - len(members)))
    substitutes = [s for s in attendance["substitutes"] if s["person"] in needed]
    substitutes = substitutes or _pick(attendance["substitutes"], i, 1)
    guests = [g for g in attendance["guests"] if g in needed] or _pick(attendance["guests"], i, 1)
    voters = len(present) + len(substitutes)  # votes of the large meeting that this smaller one cannot have cast go
    decisions = [d if sum(int(v) for v in d.get("votes", {}).values()) <= voters else
                 {key: value for key, value in d.items() if key != "votes"} for d in decisions]
    record: dict[str, Any] = {
        "meeting": meeting,
        "attendance": {
            "present": present,
            "absent": _pick(attendance["absent"], i, 1 + i % 2),
            "substitutes": substitutes,
            "guests": guests,
        },
        "summary": large["summary"],
        "agenda": [agenda[k] for k in chosen],
        "decisions": decisions,
    }
    if i > 0:
        record["followups"] = [{"decision": f"{meeting['body']}/{FIRST_NUMBER + i - 1}/1",
                                "status": STATUSES[i % len(STATUSES)], "report": "گزارش پیشرفت ارائه شد."}]
    return record


def write_corpus(root: Path, count: int) -> list[Path]:
    """A workspace at ``root`` with the example directory, fonts and ``count`` synthetic records."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns("meetings"))
    shutil.copytree(ROOT / "fonts", root / "fonts")
    (root / "templates").mkdir()
    large = yaml.load(LARGE.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar text
    meetings = root / "data" / "meetings"
    meetings.mkdir()
    paths = []
    for i in range(count):
        path = meetings / f"synthetic-{i:03d}.yaml"
        path.write_text(yaml.safe_dump(synthetic_record(large, i), allow_unicode=True, sort_keys=False, width=100),
                        encoding="utf-8")
        paths.append(path)
    return paths
