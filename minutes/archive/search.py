"""Full-text search over issued records (SQLite FTS5, trigram), forgiving of Persian typing.

Text is folded before it is indexed and before it is sought: Arabic ي/ك match Persian ی/ک,
half-space, space and nothing match each other, Persian and Latin digits match. Snippets are
cut from the original text, so the user reads what was written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minutes.text.persian import fold_for_search

if TYPE_CHECKING:
    from minutes.validate import ValidRecord

SNIPPET_RADIUS = 40
TABLE = """CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(
    folded, record UNINDEXED, decision UNINDEXED, original UNINDEXED, tokenize = 'trigram')"""


@dataclass(frozen=True)
class Hit:
    """One match: the record, the decision it belongs to (empty for other text) and a snippet."""

    record: str
    decision: str
    snippet: str


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset of the original character."""
    folded, offsets = [], []
    for offset, char in enumerate(text):
        for piece in fold_for_search(char):
            folded.append(piece)
            offsets.append(offset)
    return "".join(folded), offsets


def record_texts(item: ValidRecord) -> Iterator[tuple[str, str]]:
    """(decision id or "", text) for every piece of prose in a record."""
    record = item.record
    yield "", record.meeting.place
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


def open_index(path: str) -> sqlite3.Connection:
    """A connection to the search index at ``path`` (created when missing)."""
    connection = sqlite3.connect(path)
    connection.execute(TABLE)
    return connection


def index_record(connection: sqlite3.Connection, record: str, texts: Iterable[tuple[str, str]]) -> None:
    """Add a record's texts to the index (replacing what was indexed under that record name)."""
    connection.execute("DELETE FROM search_text WHERE record = ?", (record,))
    connection.executemany(
        "INSERT INTO search_text (folded, record, decision, original) VALUES (?, ?, ?, ?)",
        [(fold_for_search(text), record, decision, text) for decision, text in texts])


def _snippet(original: str, folded_query: str) -> str:
    folded, offsets = fold_with_offsets(original)
    at = folded.find(folded_query)
    start, end = offsets[at], offsets[at + len(folded_query) - 1] + 1
    left, right = max(0, start - SNIPPET_RADIUS), min(len(original), end + SNIPPET_RADIUS)
    text = " ".join(original[left:right].split())
    return ("…" if left else "") + text + ("…" if right < len(original) else "")


def search(connection: sqlite3.Connection, query: str) -> list[Hit]:
    """Every indexed text containing ``query`` once both are folded, in record order."""
    folded_query = fold_for_search(query)
    if not folded_query:
        return []
    pattern = "%" + folded_query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = connection.execute(
        "SELECT record, decision, original FROM search_text WHERE folded LIKE ? ESCAPE '\\' "
        "ORDER BY record, rowid", (pattern,))
    return [Hit(record, decision, _snippet(original, folded_query)) for record, decision, original in rows]
