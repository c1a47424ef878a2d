"""The words of the preview's pages, in English and Persian (diagnostics keep theirs in
:mod:`minutes.messages`). Numbers are shown in Persian digits in the Persian pages."""

from __future__ import annotations

from minutes.messages import Phrase
from minutes.text.persian import persian_digits

WORDS: dict[str, Phrase] = {
    "title": Phrase("Live preview", "پیش‌نمایش زنده"),
    "records": Phrase("Meeting records", "جلسه‌ها"),
    "all-records": Phrase("All records", "همه جلسه‌ها"),
    "record": Phrase("Record", "جلسه"),
    "state": Phrase("State", "وضعیت"),
    "issued": Phrase("Issued", "صدور"),
    "documents": Phrase("Documents", "سندها"),
    "pages": Phrase("Pages", "صفحه‌ها"),
    "valid": Phrase("valid", "بی‌اشکال"),
    "unchecked": Phrase("not checked yet", "هنوز بررسی نشده"),
    "errors": Phrase("{count} error(s)", "{count} خطا"),
    "warnings": Phrase("{count} warning(s)", "{count} هشدار"),
    "stale": Phrase("stale", "کهنه"),
    "not-issued": Phrase("not issued", "صادر نشده"),
    "issued-version": Phrase("version {version}, {date}", "نسخه {version}، {date}"),
    "page-count": Phrase("{count} page(s)", "{count} صفحه"),
    "building": Phrase("building…", "در حال ساخت…"),
    "offline": Phrase("the preview server does not answer", "سرور پیش‌نمایش پاسخ نمی‌دهد"),
    "no-records": Phrase("No records yet: add one to data/meetings/.",
                         "هنوز جلسه‌ای ثبت نشده است؛ پرونده‌ای در پوشه data/meetings/ بگذارید."),
    "workspace-problems": Phrase("Problems outside the records", "اشکال‌های بیرون از پرونده جلسه‌ها"),
    "record-problems": Phrase("Problems in the record", "اشکال‌های پرونده جلسه"),
    "failure": Phrase("The build stopped: {reason}", "ساخت متوقف شد: {reason}"),
    "stale-note": Phrase("These pages are from the last good build and do not show the record as it is now: "
                         "fix the errors above and they are made again.",
                         "این صفحه‌ها از آخرین ساخت موفق است و پرونده را آن‌گونه که اکنون هست نشان نمی‌دهد: "
                         "با رفع خطاهای بالا دوباره ساخته می‌شود."),
    "no-documents": Phrase("No documents yet: they are made once the record has no errors.",
                           "هنوز سندی ساخته نشده است؛ سندها پس از رفع خطاهای پرونده ساخته می‌شود."),
    "error": Phrase("error", "خطا"),
    "warning": Phrase("warning", "هشدار"),
    "pdf": Phrase("PDF", "فایل PDF"),
    "brief": Phrase("News brief", "خبر جلسه"),
    "brief-text": Phrase("as plain text", "متن ساده"),
    "page-of": Phrase("page {number} of {count}", "صفحه {number} از {count}"),
    "kind-minutes": Phrase("Minutes", "صورتجلسه"),
    "kind-forwarding": Phrase("Cover letter", "نامه ارسال صورتجلسه"),
    "kind-notify": Phrase("Notification of decisions: {unit}", "ابلاغ مصوبات: {unit}"),
    "kind-letter": Phrase("Letter {number}", "نامه {number}"),
    "kind-other": Phrase("Document {file}", "سند {file}"),
}


class Words:
    """The pages' words in one language: ``words("errors", count=2)``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.direction = "rtl" if lang == "fa" else "ltr"

    def number(self, value: int | str) -> str:
        return persian_digits(str(value)) if self.lang == "fa" else str(value)

    def __call__(self, key: str, **values: int | str) -> str:
        shown = {name: self.number(value) if isinstance(value, int) else value for name, value in values.items()}
        return WORDS[key].text(self.lang).format(**shown)

    def kind(self, file: str) -> str:
        """What a document is, from its file name."""
        stem = file.rsplit(".", 1)[0]
        if stem == "minutes":
            return self("kind-minutes")
        if stem == "letter-forwarding":
            return self("kind-forwarding")
        if stem.startswith("letter-notify-"):
            return self("kind-notify", unit=stem.removeprefix("letter-notify-"))
        if stem.startswith("letter-") and stem[7:].isdigit():
            return self("kind-letter", number=int(stem[7:]))
        return self("kind-other", file=file)
