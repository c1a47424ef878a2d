"""Full-text search over issued records (SQLite FTS5, trigram), forgiving of Persian typing.

Text is folded before it is indexed and before it is sought: Arabic ي/ك match Persian ی/ک,
half-space, space and nothing match each other, Persian and Latin digits match, Latin letters
match in any case and the decimal separators ٫ . , match each other. Snippets are cut from the
original text, so the user reads what was written. Besides the prose, the names and posts of
everyone listed and the reasons of absences are indexed; a hit in a version that a later one
superseded says so.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from minutes.archive.registry import Registry
from minutes.documents.wording import Names
from minutes.text.persian import fold_for_search, fold_with_offsets

if TYPE_CHECKING:
    from minutes.model import Directory
    from minutes.validate import ValidRecord

SNIPPET_RADIUS = 40
TABLE = """CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(
    folded, record UNINDEXED, decision UNINDEXED, original UNINDEXED, tokenize = 'trigram')"""


@dataclass(frozen=True)
class Hit:
    """One match: the record's archive folder (``name/vN``), the decision it belongs to (empty for other
    text), a snippet, and the version that superseded this one (None when it is the latest)."""

    record: str
    decision: str
    snippet: str
    superseded_by: int | None = None


def record_texts(item: ValidRecord, directory: Directory) -> Iterator[tuple[str, str]]:
    """(decision id or "", text) for every piece of prose in a record, the people it lists (name and post)
    and the reasons they were absent."""
    record = item.record
    yield "", record.meeting.place
    yield from _people_texts(item, directory)
    if record.summary:
        yield "", record.summary
    for agenda_item in record.agenda:
        yield "", agenda_item.title
        for statement in agenda_item.discussion:
            yield "", statement.summary
    for index, decision in enumerate(record.decisions):
        yield item.decision_id(index), decision.text
        for dissent in decision.dissent:
            yield item.decision_id(index), dissent.note
    for followup in record.followups:
        if followup.report:
            yield followup.decision, followup.report
    for letter in record.letters:
        yield "", f"{letter.subject}\n{letter.body}"


def index_record(connection: sqlite3.Connection, record: str, texts: Iterable[tuple[str, str]]) -> None:
    """Add a record's texts to the index (replacing what was indexed under that record name)."""
    connection.execute("DELETE FROM search_text WHERE record = ?", (record,))
    connection.executemany(
        "INSERT INTO search_text (folded, record, decision, original) VALUES (?, ?, ?, ?)",
        [(fold_for_search(text), record, decision, text) for decision, text in texts])


def _people_texts(item: ValidRecord, directory: Directory) -> Iterator[tuple[str, str]]:
    """Everyone the record lists, once each, as the minutes name them; an absence with its reason."""
    record, names = item.record, Names(directory)
    attendance, meeting = record.attendance, record.meeting
    listed = [meeting.chair, *([meeting.secretary] if meeting.secretary else []), *attendance.present,
              *(sub.person for sub in attendance.substitutes), *attendance.guests]
    reasons = {absence.person: absence.reason for absence in attendance.absent or []}
    reasons |= {sub.replaces: sub.reason for sub in attendance.substitutes}
    for person in dict.fromkeys([*listed, *reasons]):
        who, reason = names.speaker(person), reasons.get(person)
        text = f"{who}: {reason}" if who and reason else who or reason
        if text:
            yield "", text


def _snippet(original: str, folded_query: str) -> str:
    folded, offsets = fold_with_offsets(original)
    at = folded.find(folded_query)
    start, end = offsets[at], offsets[at + len(folded_query) - 1] + 1
    left, right = max(0, start - SNIPPET_RADIUS), min(len(original), end + SNIPPET_RADIUS)
    text = " ".join(original[left:right].split())
    return ("…" if left else "") + text + ("…" if right < len(original) else "")


def search(connection: sqlite3.Connection, query: str, latest: Mapping[str, int] | None = None) -> list[Hit]:
    """Every indexed text containing ``query`` once both are folded, in record order; ``latest`` (the latest
    version of each record, by name) marks the hits in earlier versions."""
    folded_query = fold_for_search(query)
    if not folded_query:
        return []
    pattern = "%" + folded_query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = connection.execute(
        "SELECT record, decision, original FROM search_text WHERE folded LIKE ? ESCAPE '\\' "
        "ORDER BY record, rowid", (pattern,))
    return [Hit(record, decision, _snippet(original, folded_query), _superseded_by(record, latest or {}))
            for record, decision, original in rows]


def _superseded_by(folder: str, latest: Mapping[str, int]) -> int | None:
    """The latest version of the record of ``folder`` (``name/vN``) when it is later than N."""
    name, _, version = folder.rpartition("/v")
    last = latest.get(name)
    return last if last is not None and version.isdigit() and last > int(version) else None


def search_archive(registry_path: Path, query: str) -> list[Hit]:
    """:func:`search` in the archive whose register is ``registry_path``, hits in superseded versions marked."""
    registry = Registry(registry_path)
    try:
        registry.connection.execute(TABLE)
        return search(registry.connection, query, registry.latest_versions())
    finally:
        registry.close()
