"""What ``verify``, ``check`` and ``doctor`` find wrong with the archive: the problems of bags, registers,
originals and signatures, and why an original may not render again as it was. Paths, numbers, hashes,
certificate names and the text of a message from elsewhere (BagIt, pyHanko, the system) are values;
a problem about a file starts with the file, in both languages, as a list of problems reads best."""

from __future__ import annotations

from minutes.messages.phrase import Phrase

VERDICTS: dict[str, Phrase] = {
    # verify: the register, the bags and what they hold.
    "verify-no-register": Phrase(
        "{register}: no register here",
        "{register}: دفتر ثبتی اینجا نیست"),
    "verify-bagit": Phrase(
        "{path}: {error}",
        "{path}: در بررسی BagIt پذیرفته نشد: {error}"),
    "verify-recomputed": Phrase(
        "{path}: differs from the file issued (the bag's manifests were recomputed to match)",
        "{path}: با فایل صادرشده یکی نیست (فهرست‌های بسته را از نو ساخته‌اند تا با آن بخواند)"),
    "verify-not-in-bag": Phrase(
        "{path}: not in the bag as issued",
        "{path}: در بسته صادرشده نبود"),
    "verify-not-in-bag.missing": Phrase(
        "{path}: missing (the bag as issued had it)",
        "{path}: نیست (بسته صادرشده آن را داشت)"),
    "verify-tag-changed": Phrase(
        "{path}: differs from the register's hash of it: a tag file (bag-info.txt, bagit.txt) was changed and "
        "the tag manifest recomputed",
        "{path}: با چکیده‌ای که دفتر ثبت از آن دارد نمی‌خواند: یکی از فایل‌های برچسب (bag-info.txt، bagit.txt) "
        "تغییر کرده و فهرست برچسب‌ها از نو ساخته شده است"),
    "verify-missing": Phrase(
        "{path}: missing",
        "{path}: نیست"),
    "verify-no-issued-block": Phrase(
        "{path}: has no issued block",
        "{path}: بخش «issued» ندارد"),
    "verify-source-hash": Phrase(
        "{path}: differs from the register's hash of the issued record",
        "{path}: با چکیده‌ای که دفتر ثبت از صورتجلسه صادرشده دارد نمی‌خواند"),
    "verify-source-unreadable": Phrase(
        "{path}: not a readable issued record ({error})",
        "{path}: صورتجلسه صادرشده‌ای نیست که بتوان خواند ({error})"),
    "verify-register-differs.version": Phrase(
        "{path}: the register's version ({ours}) differs from the issued record's ({theirs})",
        "{path}: نسخه‌ای که دفتر ثبت نوشته است ({ours}) با نسخه صورتجلسه صادرشده ({theirs}) یکی نیست"),
    "verify-register-differs.issue-date": Phrase(
        "{path}: the register's issue date ({ours}) differs from the issued record's ({theirs})",
        "{path}: تاریخ صدوری که دفتر ثبت نوشته است ({ours}) با تاریخ صدور صورتجلسه صادرشده ({theirs}) یکی نیست"),
    "verify-register-differs.reason": Phrase(
        "{path}: the register's reason ({ours}) differs from the issued record's ({theirs})",
        "{path}: دلیلی که دفتر ثبت نوشته است ({ours}) با دلیل صورتجلسه صادرشده ({theirs}) یکی نیست"),
    "verify-register-differs.numbers": Phrase(
        "{path}: the register's numbers ({ours}) differs from the issued record's ({theirs})",
        "{path}: شماره‌هایی که دفتر ثبت نوشته است ({ours}) با شماره‌های صورتجلسه صادرشده ({theirs}) یکی نیست"),
    "verify-none": Phrase(
        "none",
        "هیچ"),
    "verify-listed-missing": Phrase(
        "{path}: missing (the register lists it)",
        "{path}: نیست (دفتر ثبت آن را فهرست کرده است)"),
    "verify-unlisted-original": Phrase(
        "{path}: an original the register does not list",
        "{path}: نسخه اصلی است که دفتر ثبت آن را فهرست نکرده است"),
    "verify-unreadable-pdf": Phrase(
        "{path}: not a readable PDF ({kind})",
        "{path}: فایل PDF خوانایی نیست ({kind})"),
    "verify-embedded-differs": Phrase(
        "{path}: the embedded {name} differs from the archived record",
        "{path}: فایل {name} پیوست آن با صورتجلسه بایگانی‌شده یکی نیست"),
    "verify-copy": Phrase(
        "{path}: it is a copy of {original}",
        "{path}: رونوشتی از {original} است"),
    "verify-original": Phrase(
        "{path}: {problem}",
        "نسخه اصل {path}: {problem}"),
    "verify-appended": Phrase(
        "{path}: {count} incremental update(s) were appended after issue",
        "{path}: پس از صدور، {count} به‌روزرسانی افزایشی به آن افزوده شده است"),
    "verify-folder-outside": Phrase(
        "{register}: the register names {folder} for {record} version {version}, which is not a bag folder of "
        "the archive",
        "{register}: دفتر ثبت برای نسخه {version} صورتجلسه {record} پوشه {folder} را نام برده است که پوشه "
        "بسته‌ای از بایگانی نیست"),
    "verify-folder-misplaced": Phrase(
        "{register}: the register puts {record} version {version} in {folder}, not in {expected}",
        "{register}: دفتر ثبت نسخه {version} صورتجلسه {record} را در پوشه {folder} گذاشته است، نه در {expected}"),
    "verify-bag-missing": Phrase(
        "{path}: missing (the register lists {record} version {version})",
        "{path}: نیست (دفتر ثبت نسخه {version} صورتجلسه {record} را فهرست کرده است)"),
    "verify-verapdf-failed": Phrase(
        "verapdf could not check the archive: {reason}",
        "برنامه verapdf نتوانست بایگانی را بررسی کند: {reason}"),
    "verify-not-pdfa": Phrase(
        "{path}: veraPDF finds it not PDF/A conformant",
        "{path}: به تشخیص veraPDF با استاندارد PDF/A سازگار نیست"),
    "verify-unlisted-bag": Phrase(
        "{path}: a bag the register does not list",
        "{path}: بسته‌ای است که دفتر ثبت آن را فهرست نکرده است"),
    "verify-unlisted-bag.changed": Phrase(
        "{path}: a bag the register does not list, changed since the unfinished issue that made it",
        "{path}: بسته‌ای است که دفتر ثبت آن را فهرست نکرده است و پس از صدور ناتمامی که آن را ساخت تغییر کرده است"),
    # an original against the one the register recorded (verify and check).
    "original-bytes": Phrase(
        "its bytes differ from the original the register recorded",
        "بایت‌های فایل با نسخه اصلی که در دفتر ثبت آمده است یکی نیست"),
    "original-render": Phrase(
        "its rendered part differs from the one issued",
        "بخش ساخته‌شده فایل با آنچه صادر شد یکی نیست"),
    "original-appended": Phrase(
        "{count} incremental update(s) were appended after issue",
        "پس از صدور، {count} به‌روزرسانی افزایشی به فایل افزوده شده است"),
    "original-missing": Phrase(
        "the archived original is missing",
        "نسخه اصل بایگانی‌شده نیست"),
    # its signature.
    "signature-unreadable-pdf": Phrase(
        "not a readable PDF ({kind})",
        "فایل PDF خوانایی نیست ({kind})"),
    "signature-none": Phrase(
        "it carries no signature",
        "امضایی ندارد"),
    "signature-more": Phrase(
        "{count} more signature(s) were added after issue",
        "پس از صدور، {count} امضای دیگر به فایل افزوده شده است"),
    "signature-unreadable": Phrase(
        "the signature cannot be read ({kind}: {error})",
        "امضا خوانده نمی‌شود ({kind}: {error})"),
    "signature-changed": Phrase(
        "the signed bytes were changed after signing (their digest no longer matches)",
        "بایت‌های امضاشده پس از امضا تغییر کرده‌اند (چکیده آن‌ها دیگر نمی‌خواند)"),
    "signature-invalid": Phrase(
        "the signature value does not verify with the signer's public key",
        "مقدار امضا با کلید عمومی امضاکننده تأیید نمی‌شود"),
    "signature-appended": Phrase(
        "something was appended to the file after it was signed",
        "پس از امضا چیزی به فایل افزوده شده است"),
    "signature-other-signer": Phrase(
        "signed with the certificate of {subject} (SHA-256 {fingerprint}…), not the office certificate the archive "
        "recorded ({expected}…)",
        "با گواهی {subject} (SHA-256 {fingerprint}…) امضا شده است، نه با گواهی دبیرخانه که در بایگانی ثبت شده است "
        "({expected}…)"),
    "signature-out-of-date": Phrase(
        "the signer's certificate is out of date: {problem}",
        "اعتبار گواهی امضاکننده در این زمان نیست: {problem}"),
    "signature-no-trust": Phrase(
        "no trust anchor or office certificate is configured, so the signer cannot be checked",
        "نه گواهی مورد اعتمادی تعیین شده است و نه گواهی دبیرخانه، پس امضاکننده را نمی‌توان سنجید"),
    "signature-untrusted": Phrase(
        "the signer's certificate ({subject}) is not the office's and does not chain to a configured trust "
        "anchor ({why})",
        "گواهی امضاکننده ({subject}) گواهی دبیرخانه نیست و به هیچ‌یک از گواهی‌های مورد اعتماد تعیین‌شده "
        "نمی‌رسد ({why})"),
    "timestamp-invalid": Phrase(
        "its time-stamp token does not verify",
        "مهر زمانی آن تأیید نمی‌شود"),
    "timestamp-untrusted": Phrase(
        "its time-stamp authority does not chain to a configured trust anchor",
        "مرجع مهر زمانی آن به هیچ‌یک از گواهی‌های مورد اعتماد تعیین‌شده نمی‌رسد"),
    "certificate-expired": Phrase(
        "the certificate {subject} expired on {date}",
        "اعتبار گواهی {subject} در {date} به پایان رسیده است"),
    "certificate-not-yet": Phrase(
        "the certificate {subject} is not valid before {date}",
        "گواهی {subject} پیش از {date} معتبر نیست"),
    # verify --rerender and doctor: why an original may not render again as it was.
    "bag-reason": Phrase(
        "  {folder}: {reason}",
        "  بسته {folder}: {reason}"),
    "rerender-failed": Phrase(
        "cannot be rendered again: {error}",
        "دوباره ساخته نمی‌شود: {error}"),
    "rerender-no-provenance": Phrase(
        "the bag was issued before minutes recorded what rendered it (no provenance.json)",
        "بسته پیش از آن صادر شده است که minutes ثبت کند نسخه‌های اصل با چه ساخته شدند (provenance.json ندارد)"),
    "rerender-same-provenance": Phrase(
        "the software, font files, templates and assets are those recorded; something else differs",
        "نرم‌افزار، قلم‌ها، قالب‌ها و تصاویر همان‌هایی است که ثبت شده است؛ چیز دیگری فرق دارد"),
    "provenance-none": Phrase(
        "issued before provenance was recorded; 'minutes verify --rerender' tells",
        "پیش از آنکه منشأ ساخت نسخه‌ها ثبت شود صادر شده است؛ «minutes verify --rerender» معلوم می‌کند"),
    "provenance-software": Phrase(
        "{name} {then} when issued, {now} now",
        "{name}: هنگام صدور {then}، اکنون {now}"),
    "provenance-file.fonts": Phrase(
        "font file {name}: sha256 {then} when issued, {now} now",
        "فایل قلم {name}: چکیده sha256 هنگام صدور {then}، اکنون {now}"),
    "provenance-file.templates": Phrase(
        "template {name}: sha256 {then} when issued, {now} now",
        "قالب {name}: چکیده sha256 هنگام صدور {then}، اکنون {now}"),
    "provenance-file.assets": Phrase(
        "asset {name}: sha256 {then} when issued, {now} now",
        "تصویر یا فایل همراه {name}: چکیده sha256 هنگام صدور {then}، اکنون {now}"),
    "provenance-absent": Phrase(
        "absent",
        "ناموجود"),
}
