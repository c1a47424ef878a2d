"""The registry of document kinds: which documents a record makes, and which a follow-up run makes.

A kind is a module with ``make(context) -> list[Document]`` and a template. To add one (as the
invitation letter was), write ``minutes/documents/<kind>.py`` with its ``make``, add its template
under ``minutes/templates/``, and add one line here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from minutes.documents import brief, cover, invitation, ledger, letter, minutes, notification, reminder
from minutes.documents.base import Document, Settings
from minutes.documents.followup import FollowUpContext
from minutes.documents.record import RecordContext
from minutes.model import MergedDirectory, RecordStatus
from minutes.text.jalali import JalaliDate
from minutes.validate import ValidRecord

# The documents of a record, in this order.
RECORD_KINDS: tuple[Callable[[RecordContext], list[Document]], ...] = (
    minutes.make,       # the minutes (صورتجلسه)
    cover.make,         # the cover letter to the body reported to
    notification.make,  # one notification letter per responsible unit
    letter.make,        # the letters the record spells out
    brief.make,         # the news brief, HTML and text
)
# The documents of a record of a meeting not held yet (``status: planned``), in this order.
PLANNED_KINDS: tuple[Callable[[RecordContext], list[Document]], ...] = (
    invitation.make,    # the invitations, to each invitee or one with a distribution list
    letter.make,        # the letters the record spells out
)
# The documents of a follow-up run, for each body, in this order.
FOLLOWUP_KINDS: tuple[Callable[[FollowUpContext], list[Document]], ...] = (
    ledger.make,        # the ledger of every decision of the body
    reminder.make,      # one reminder per unit with overdue decisions of the body
)


def documents_for(item: ValidRecord, directory: MergedDirectory, *, draft: bool = True,
                  numbers: Mapping[str, str] | None = None, issue_date: JalaliDate | None = None,
                  codes: Mapping[str, str] | None = None, signature_field: bool = False) -> list[Document]:
    """Every document a record makes. A draft shows no emblem, and blanks for the number and the date
    the secretariat gives (the date is filled in when ``issue_date`` is given); a final one
    (``draft=False``) shows the emblem and the numbers given by document key, its letters dated
    ``issue_date`` (default: the meeting's date), the verification ``codes`` by document key at the
    foot of every page, and its letters a place for a visible signature when ``signature_field``."""
    context = RecordContext(item, directory, Settings(draft, numbers, codes, signature_field), issue_date)
    kinds = PLANNED_KINDS if item.record.status is RecordStatus.PLANNED else RECORD_KINDS
    return [document for make in kinds for document in make(context)]


def followup_documents(records: Sequence[ValidRecord], directory: MergedDirectory, as_of: JalaliDate, body: str, *,
                       draft: bool = True, numbers: Mapping[str, str] | None = None) -> list[Document]:
    """The follow-up ledger of every decision ``body`` took by ``as_of`` and one reminder letter
    (``reminder-<unit>``) per unit with decisions of that body overdue on that date, all dated ``as_of``,
    issued by the body's secretariat, in the folder ``<date>/<body>`` (the date as
    :func:`~minutes.documents.followup.followup_folder` writes it)."""
    context = FollowUpContext(records, directory, Settings(draft, numbers), as_of, body)
    return [document for make in FOLLOWUP_KINDS for document in make(context)]
