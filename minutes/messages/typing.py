"""Messages of ``minutes lint``: Persian typing, and why a suggestion is not fixed automatically."""

from __future__ import annotations

from minutes.messages.phrase import Phrase

TYPING: dict[str, Phrase] = {
    # Persian typing (minutes lint): «{before}» and «{after}» are the words around the fix.
    "arabic-letter": Phrase(
        "write «{after}» with Persian letters instead of «{before}»",
        "«{after}» را با حروف فارسی بنویسید، نه «{before}»"),
    "nbsp": Phrase(
        "replace the no-break space in «{before}» with a plain space",
        "فاصلهٔ نشکن در «{before}» را با فاصلهٔ معمولی جایگزین کنید"),
    "half-space": Phrase(
        "write «{after}» with a half-space instead of «{before}»",
        "«{after}» را با نیم‌فاصله بنویسید، نه «{before}»"),
    "half-space.nbsp": Phrase(
        "write «{after}» with a half-space instead of the no-break space in «{before}»",
        "«{after}» را با نیم‌فاصله بنویسید، نه با فاصلهٔ نشکنِ «{before}»"),
    "half-space.joined": Phrase(
        "write «{after}» as one word instead of «{before}»",
        "«{after}» را سرهم بنویسید، نه «{before}»"),
    "half-space.joined-nbsp": Phrase(
        "write «{after}» as one word instead of the no-break space in «{before}»",
        "«{after}» را سرهم بنویسید، نه با فاصلهٔ نشکنِ «{before}»"),
    "space-after-punctuation": Phrase(
        "add a space after the punctuation mark: «{after}» instead of «{before}»",
        "پس از نشانهٔ نگارشی فاصله بگذارید: «{after}» به جای «{before}»"),
    "space-before-punctuation": Phrase(
        "remove the space before the punctuation mark: «{after}» instead of «{before}»",
        "فاصلهٔ پیش از نشانهٔ نگارشی را بردارید: «{after}» به جای «{before}»"),
    "digit-glued": Phrase(
        "separate the number from the word: «{after}» instead of «{before}»",
        "عدد را از کلمه جدا کنید: «{after}» به جای «{before}»"),
    "glued-va": Phrase(
        "separate the conjunction «{va}»: «{after}» instead of «{before}»",
        "حرف ربط «{va}» را جدا بنویسید: «{after}» به جای «{before}»"),
    "quotes": Phrase(
        'use Persian quotation marks «» instead of "" around «{content}»',
        'به جای "" گیومهٔ فارسی «» را دور «{content}» بگذارید'),
    "double-space": Phrase(
        "use one space in «{before}»",
        "در «{before}» یک فاصله بگذارید"),
    "suspect-spelling": Phrase(
        "possible typo: no Persian word starts with «{letter}»; write «{after}» instead of «{before}»",
        "احتمالاً غلط تایپی: هیچ کلمهٔ فارسی با «{letter}» شروع نمی‌شود؛ «{after}» بنویسید، نه «{before}»"),
    "suspect-spelling.rare": Phrase(
        "possible typo: «{word}» occurs once but «{target}» {count} times; did you mean «{target}»?",
        "احتمالاً غلط تایپی: «{word}» یک بار آمده ولی «{target}» {count} بار؛ آیا منظورتان «{target}» است؟"),
    "repeated-paragraph": Phrase(
        "line {line} repeats line {first} word for word; remove the copy",
        "سطر {line} عیناً تکرار سطر {first} است؛ تکرار را حذف کنید"),
    "repeated-paragraph.file": Phrase(
        "this paragraph repeats line {first} word for word; remove the copy",
        "این بند عیناً تکرار سطر {first} است؛ تکرار را حذف کنید"),
    "repeated-paragraph.across": Phrase(
        "this paragraph repeats line {first} word for word; remove one of the copies",
        "این بند عیناً تکرار سطر {first} است؛ یکی از دو نسخه را حذف کنید"),
    # Why a lint suggestion is not fixed automatically (shown in brackets after it).
    "not-fixed.unmapped": Phrase(
        "not fixed automatically: this value's YAML form could not be traced character by character",
        "خودکار اصلاح نشد: شکل YAML این مقدار را نمی‌توان نویسه به نویسه دنبال کرد"),
    "not-fixed.line-edge": Phrase(
        "not fixed automatically: the fix would leave a space at the edge of a line, where YAML drops or "
        "misreads it",
        "خودکار اصلاح نشد: اصلاح، فاصله‌ای در ابتدا یا انتهای سطر می‌گذارد که YAML آن را حذف می‌کند یا نادرست "
        "می‌خواند"),
    "not-fixed.changes-yaml": Phrase(
        "not fixed automatically: the fix would change how YAML reads the file",
        "خودکار اصلاح نشد: اصلاح، خوانش YAML از فایل را تغییر می‌دهد"),
    "not-fixed.overlaps": Phrase(
        "not fixed automatically: the fix overlaps another one in the file",
        "خودکار اصلاح نشد: این اصلاح با اصلاح دیگری در فایل هم‌پوشانی دارد"),
    "not-fixed.other-value": Phrase(
        "not fixed automatically: the copies are in different values",
        "خودکار اصلاح نشد: دو نسخه در دو مقدار جداگانه‌اند"),
}
