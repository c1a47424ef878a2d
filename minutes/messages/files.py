"""Messages about reading a file and its YAML structure, and about its values' shapes."""

from __future__ import annotations

from minutes.messages.phrase import Phrase

FILES: dict[str, Phrase] = {
    # Reading the file.
    "unreadable": Phrase(
        "the file cannot be read: {reason}",
        "فایل خوانده نشد: {reason}"),
    "file-too-large": Phrase(
        "the file has {size} bytes; records are limited to {limit} bytes",
        "حجم فایل {size} بایت است؛ بیشترین حجم مجاز {limit} بایت است"),
    "encoding": Phrase(
        "the file is not UTF-8 (byte 0x{byte}); save it as UTF-8",
        "فایل با کدگذاری UTF-8 ذخیره نشده است (بایت 0x{byte})؛ آن را با کدگذاری UTF-8 ذخیره کنید"),
    "encoding.windows-1256": Phrase(
        "the file is not UTF-8: it looks like Windows-1256 (Arabic Windows) text (byte 0x{byte}); "
        "save it as UTF-8",
        "فایل با کدگذاری UTF-8 ذخیره نشده است؛ ظاهراً با کدگذاری Windows-1256 (عربی ویندوز) ذخیره شده است "
        "(بایت 0x{byte})؛ آن را با کدگذاری UTF-8 ذخیره کنید"),
    "encoding.wide": Phrase(
        "the file is {encoding}, not UTF-8; save it as UTF-8",
        "فایل با کدگذاری {encoding} ذخیره شده است، نه UTF-8؛ آن را با کدگذاری UTF-8 ذخیره کنید"),
    "bad-character": Phrase(
        "the control character U+{codepoint} is not allowed; delete it",
        "کاراکتر کنترلی U+{codepoint} در فایل مجاز نیست؛ آن را پاک کنید"),
    "bad-character.bidi-control": Phrase(
        "the direction control U+{codepoint} is not allowed in text: it reorders what follows it (numbers "
        "and Latin words are isolated by the documents themselves); delete it",
        "نویسهٔ کنترل جهت U+{codepoint} در متن مجاز نیست: ترتیب متن پس از خود را به هم می‌زند (اعداد و "
        "واژه‌های لاتین را خود سندها جدا می‌کنند)؛ آن را پاک کنید"),
    "bad-character.control": Phrase(
        "the control character U+{codepoint} is not allowed in text; delete it",
        "نویسهٔ کنترلی U+{codepoint} در متن مجاز نیست؛ آن را پاک کنید"),
    "bad-character.format": Phrase(
        "the invisible character U+{codepoint} is not allowed in text; delete it (a half-space is U+200C)",
        "نویسهٔ نامرئی U+{codepoint} در متن مجاز نیست؛ آن را پاک کنید (نیم‌فاصله U+200C است)"),
    "bad-character.surrogate": Phrase(
        "U+{codepoint} is half of a character, not a character; delete it",
        "U+{codepoint} نیمی از یک نویسه است، نه یک نویسه؛ آن را پاک کنید"),
    "bad-character.noncharacter": Phrase(
        "U+{codepoint} is not a character; delete it",
        "U+{codepoint} نویسه نیست؛ آن را پاک کنید"),
    "bad-character.private-use": Phrase(
        "the private-use character U+{codepoint} means nothing outside one font; delete it",
        "نویسهٔ خصوصی U+{codepoint} بیرون از یک قلم معنایی ندارد؛ آن را پاک کنید"),
    "bad-character.unassigned": Phrase(
        "U+{codepoint} is not a character Unicode knows; delete it",
        "U+{codepoint} نویسه‌ای نیست که یونیکد بشناسد؛ آن را پاک کنید"),
    # YAML structure.
    "yaml-syntax": Phrase(
        "{detail}",
        "نگارش YAML نادرست است ({detail})"),
    "yaml-syntax.tab": Phrase(
        "a tab character is not allowed here; indent with spaces",
        "کاراکتر Tab در اینجا مجاز نیست؛ برای تورفتگی از فاصله (Space) استفاده کنید"),
    "yaml-syntax.colon": Phrase(
        "a ': ' is not allowed here: put a value that contains ': ' in quotes, or check the indentation",
        "«: » در اینجا مجاز نیست: مقداری را که «: » دارد داخل گیومه (\"…\") بگذارید، یا تورفتگی سطر را بررسی کنید"),
    "yaml-syntax.anchor": Phrase(
        "anchors and aliases are not allowed",
        "لنگر و ارجاع YAML (& و *) مجاز نیست؛ مقدار را کامل بنویسید"),
    "yaml-syntax.tag": Phrase(
        "YAML tags such as {tag} are not allowed",
        "برچسب‌های YAML مانند {tag} مجاز نیست"),
    "yaml-syntax.depth": Phrase(
        "the data is nested more than {limit} levels deep",
        "داده‌ها بیش از {limit} سطح تودرتو هستند"),
    "yaml-top-level": Phrase(
        "the file must hold a mapping of keys to values",
        "فایل باید مجموعه‌ای از فیلدها به شکل «نام: مقدار» باشد"),
    "yaml-key": Phrase(
        "a key must be plain text",
        "نام فیلد باید متن ساده باشد"),
    "yaml-merge": Phrase(
        "merge keys (<<) are not allowed",
        "کلید ادغام YAML (<<) مجاز نیست"),
    "duplicate-key": Phrase(
        "duplicate key '{name}' (first given on line {first_line})",
        "فیلد «{name}» تکراری است (بار اول در سطر {first_line} آمده است)"),
    # Shapes and values (the schema).
    "missing-field": Phrase(
        "'{field}' is required",
        "فیلد «{field}» الزامی است و وارد نشده است"),
    "missing-field.extended_to": Phrase(
        "'extended_to' is required when the status is extended",
        "وقتی وضعیت extended است، فیلد «extended_to» (مهلت جدید) الزامی است"),
    "unknown-field": Phrase(
        "unknown field '{field}'",
        "فیلدی به نام «{field}» وجود ندارد"),
    "empty-value": Phrase(
        "'{field}' has no value",
        "فیلد «{field}» مقدار ندارد"),
    "empty-value.item": Phrase(
        "this entry has no value",
        "این مورد مقدار ندارد"),
    "empty-text": Phrase(
        "the text must not be empty",
        "متن نباید خالی باشد"),
    "empty-list": Phrase(
        "the list must have at least one entry",
        "این فهرست نباید خالی باشد"),
    "too-many": Phrase(
        "at most {limit} entries are allowed, not {count}",
        "حداکثر {limit} مورد مجاز است، نه {count}"),
    "expected-list": Phrase(
        "expected a list (lines starting with '- ')",
        "اینجا باید فهرست باشد (سطرهایی که با «- » شروع می‌شوند)"),
    "expected-mapping": Phrase(
        "expected fields (lines of 'name: value')",
        "اینجا باید فیلدهایی به شکل «نام: مقدار» باشد"),
    "expected-text": Phrase(
        "expected text, not a list or fields",
        "اینجا باید متن باشد، نه فهرست یا مجموعه‌ای از فیلدها"),
    "bad-id": Phrase(
        "'{value}' is not a valid id: use lower-case Latin letters, digits and '-'",
        "«{value}» شناسه معتبری نیست: شناسه فقط از حروف کوچک لاتین، رقم و «-» ساخته می‌شود"),
    "bad-number": Phrase(
        "'{value}' is not a whole number",
        "«{value}» عدد صحیح نیست"),
    "bad-number.min": Phrase(
        "{value} is less than {limit}",
        "«{value}» نباید کمتر از {limit} باشد"),
    "bad-number.max": Phrase(
        "{value} is more than {limit}",
        "«{value}» نباید بیشتر از {limit} باشد"),
    "bad-boolean": Phrase(
        "'{value}' is neither true nor false",
        "«{value}» باید true یا false باشد"),
    "bad-choice": Phrase(
        "'{value}' is not one of: {choices}",
        "«{value}» مجاز نیست؛ یکی از این‌ها را بنویسید: {choices}"),
    "bad-date": Phrase(
        "expected a Jalali date like 1403/05/17, got '{value}'",
        "«{value}» تاریخ شمسی درستی نیست؛ تاریخ را به شکل 1403/05/17 بنویسید"),
    "bad-date.month-length": Phrase(
        "{date} is not a real Jalali date: {month} {year} has {days} days",
        "تاریخ {date} وجود ندارد: {month} {year} تنها {days} روز دارد"),
    "bad-date.month": Phrase(
        "{date} is not a real Jalali date: month {month} does not exist",
        "تاریخ {date} وجود ندارد: ماه {month} وجود ندارد (ماه‌ها از 1 تا 12 هستند)"),
    "bad-date.day": Phrase(
        "{date} is not a real Jalali date: day {day} does not exist",
        "تاریخ {date} وجود ندارد: روز {day} وجود ندارد"),
    "bad-date.year": Phrase(
        "{date} is not a supported Jalali date: the year must be between {low} and {high}",
        "تاریخ {date} پذیرفتنی نیست: سال باید بین {low} و {high} باشد"),
    "gregorian-date": Phrase(
        "{date} looks like a Gregorian date; write the Jalali date (like 1403/05/17)",
        "تاریخ {date} میلادی به نظر می‌رسد؛ تاریخ شمسی بنویسید (مانند 1403/05/17)"),
    "gregorian-date.converted": Phrase(
        "{date} looks like a Gregorian date; write the Jalali date ({gregorian} is {jalali})",
        "تاریخ {date} میلادی به نظر می‌رسد؛ تاریخ شمسی بنویسید ({gregorian} میلادی برابر با {jalali} است)"),
    "bad-time": Phrase(
        "expected a time like 10:30, got '{value}'",
        "«{value}» ساعت درستی نیست؛ ساعت را به شکل 10:30 بنویسید"),
    "bad-time.hour": Phrase(
        "{value} is not a real time: hours run from 0 to 23",
        "ساعت {value} وجود ندارد: ساعت از 0 تا 23 است"),
    "bad-time.minute": Phrase(
        "{value} is not a real time: minutes run from 0 to 59",
        "ساعت {value} وجود ندارد: دقیقه از 0 تا 59 است"),
    "bad-deadline": Phrase(
        "expected a Jalali date like 1403/05/17, next-meeting or asap, got '{value}'",
        "مهلت «{value}» پذیرفتنی نیست؛ تاریخ شمسی (مانند 1403/05/17)، next-meeting (جلسه بعد) "
        "یا asap (در اسرع وقت) بنویسید"),
    "invalid-value": Phrase(
        "{detail}",
        "مقدار پذیرفتنی نیست ({detail})"),
    # The office's signing settings (what issue, verify and check read from office.yaml).
    "tsa-url": Phrase(
        "the time-stamp authority '{value}' is not an http or https URL",
        "نشانی مرجع مهر زمانی «{value}» نشانی http یا https نیست"),
    "tsa-url.host": Phrase(
        "the time-stamp authority's URL '{value}' names no host",
        "نشانی مرجع مهر زمانی «{value}» نام میزبان ندارد"),
    "tsa-url.malformed": Phrase(
        "the time-stamp authority's URL '{value}' cannot be read (its host or port is malformed)",
        "نشانی مرجع مهر زمانی «{value}» خوانا نیست (میزبان یا درگاه آن نادرست است)"),
    "signing-file.outside": Phrase(
        "'{path}' is not inside the workspace (or is a link leading out of it): key and certificate files "
        "must lie inside it",
        "«{path}» درون پوشهٔ کار نیست (یا پیوندی به بیرون آن است): فایل‌های کلید و گواهی باید درون آن باشند"),
    "signing-file.missing": Phrase(
        "no file '{path}' in the workspace",
        "فایل «{path}» در پوشهٔ کار نیست"),
    "signing-file.not-a-file": Phrase(
        "'{path}' is not a file (a folder?): name the key or certificate file",
        "«{path}» فایل نیست (پوشه است؟): نام فایل کلید یا گواهی را بنویسید"),
    "signing-file.too-large": Phrase(
        "'{path}' is larger than {limit} bytes: not a key or certificate file",
        "«{path}» بیش از {limit} بایت است: فایل کلید یا گواهی نیست"),
    "signing-file.not-certificate": Phrase(
        "'{path}' holds no certificate in PEM or DER form",
        "«{path}» گواهی‌ای به شکل PEM یا DER ندارد"),
    "signing-file.no-key": Phrase(
        "'{path}' holds no private key with its certificate",
        "«{path}» کلید خصوصی همراه با گواهی آن را ندارد"),
    "signing-file.other-certificate": Phrase(
        "'{path}' is not the certificate the key file '{keyfile}' holds",
        "«{path}» همان گواهی‌ای نیست که فایل کلید «{keyfile}» دارد"),
}
