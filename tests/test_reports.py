"""What the command line says besides diagnostics: summaries, progress, notices and answers, worded by
the one catalogue in the console's language. With ``--lang fa`` every line is Persian; with ``--lang en``
every line is what it always was (the English lines below are those of the version before the catalogue)."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT

from minutes.build import Step
from minutes.build.cache import MANIFEST, Manifest
from minutes.cli import main
from minutes.cli.progress import bar, summary
from minutes.diagnostics import Note
from minutes.output.fonts import FALLBACK_FAMILY, system_font_file

TINY = "harms-committee-1403-05-10"
RECORD = f"data/meetings/{TINY}.yaml"
OUT = f"out/{TINY}"
DOCUMENTS = [f"{OUT}/brief.html", f"{OUT}/brief.txt", f"{OUT}/letter-notify-education.pdf", f"{OUT}/minutes.pdf"]
FOLLOWUP = "out/followup/1403-06-01/harms-committee"


PERSIAN = re.compile("[\u0600-\u06ff]")


@dataclass(frozen=True)
class Said:
    """What one command printed, seconds written as «T», the workspace's folder as «ROOT», and its exit status."""

    status: int
    out: list[str]
    err: list[str]


def say(root: Path, lang: str, *args: str) -> Said:
    """``minutes --lang LANG ARGS…`` run in ``root`` (paths are shown relative to it), printing to a pipe."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--lang", lang, *args])
    timeless = [re.sub(r"\d+\.\d+", "T", line) for line in err.getvalue().splitlines()]
    return Said(status, [line.replace(str(root), "ROOT") for line in out.getvalue().splitlines()],
                [line.replace(str(root), "ROOT") for line in timeless])


@pytest.fixture(scope="module", params=["fa", "en"])
def session(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Said]]:
    """A secretary's session in a copy of the example workspace, in one language: validate, build twice,
    issue, verify, follow up, search, check, doctor, and verify again beside what a killed issue left."""
    lang = request.param
    root = tmp_path_factory.mktemp(f"reports-{lang}")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "fonts", root / "fonts")
    said = {"validate": say(root, lang, "validate", RECORD),
            "build": say(root, lang, "build", RECORD, "-j", "1", "-o", "out"),
            "rebuild": say(root, lang, "build", RECORD, "-o", "out"),
            "issue": say(root, lang, "issue", RECORD, "--date", "1404/02/01"),
            "no reason": say(root, lang, "issue", RECORD, "--supersede"),
            "verify": say(root, lang, "verify"),
            "followup": say(root, lang, "followup", "--as-of", "1403/06/01", "--body", "harms-committee", "-o", "out"),
            "too early": say(root, lang, "followup", "--as-of", "1390/01/01", "-o", "out"),
            "no archive": say(root, lang, "search", "مهارت", "--archive", "nowhere")}
    code = said["issue"].out[0].split("\t")[2]
    said["check"] = say(root, lang, "check", code.lower())
    said["mistyped"] = say(root, lang, "check", code[:-1] + ("0" if code[-1] != "0" else "1"))
    with pikepdf.open(root / "archive" / TINY / "v1" / "data" / "minutes.pdf") as pdf:  # attachment kept
        pdf.docinfo["/Title"] = "changed"
        pdf.save(root / "changed.pdf")
    said["altered"] = say(root, lang, "check", "changed.pdf")
    said["missing"] = say(root, lang, "check", "gone.pdf")
    said["doctor"] = say(root, lang, "doctor")
    (root / "archive" / ".minutes-staging-gone").mkdir()
    (root / "archive" / ".minutes-staging-gone" / "lock").touch()  # its lock is free: the issue was killed
    said["leftover"] = say(root, lang, "verify")
    said["supersede"] = say(root, lang, "issue", RECORD, "--date", "1404/02/05", "--supersede", "--reason", "typo")
    said["superseded"] = say(root, lang, "check", code)
    return lang, said


LINES: dict[str, dict[str, str]] = {
    "fa": {
        "valid": "1 فایل صورتجلسه بی‌اشکال است",
        "to build": "4 سند باید ساخته شود و 0 سند به‌روز است",
        "built": "ساخته شد: {path}",
        "written": "4 سند ساخته شد و 0 سند به‌روز بود (در T ثانیه)",
        "up to date": "0 سند ساخته شد و 4 سند به‌روز بود (در T ثانیه)",
        "numbered": f"به 2 سند نسخه 1 صورتجلسه {TINY} شماره داده شد",
        "rendered": "2 نسخه اصل PDF/A-3a ساخته شد",
        "issued": f"نسخه 1 صورتجلسه {TINY} صادر و بایگانی شد: archive/{TINY}/v1",
        "no reason": "خطا: گزینه‌های \u200e--supersede و \u200e--reason با هم داده می‌شوند: بنویسید چرا نسخه جدید "
                     "جای نسخه قبلی را می‌گیرد",
        "sound": "همه بسته‌ها، چکیده‌ها، امضاها و صورتجلسه‌های پیوست بایگانی تأیید شد: archive",
        "check": f"صادر شده: صورتجلسه {TINY} نسخه 1، سند minutes، شماره 04/1، تاریخ 1404/02/01، کد استعلام {{code}}",
        "current": "معتبر: نسخه دیگری جای آن را نگرفته است",
        "superseded": "جایگزین شده: با نسخه 2 مورخ 1404/02/05 (typo)، که در آن شماره این سند 04/3 است",
        "matches": "محتوا (نسخه اصل بدون امضا): با نسخه اصل بایگانی یکی است",
        "mistyped": "خطا: «{code}» نادرست وارد شده است: نویسه آخر آن با بقیه نمی‌خواند",
        "not issued": "صادر نشده: این بایگانی نسخه اصلی با این کد یا فایل ندارد: changed.pdf",
        "altered": f"این فایل صورتجلسه صادرشده نسخه 1 {TINY} را در خود دارد، ولی با هیچ‌یک از 2 نسخه اصل آن یکی "
                   "نیست: محتوای آن تغییر کرده است",
        "no file": "خطا: چنین فایلی نیست: gone.pdf",
        "followup rendered": "ساخته شد: {path}",
        "too early": "تا آن تاریخ جلسه‌ای برگزار نشده است: مصوبه‌ای برای پیگیری نیست",
        "no archive": "خطا: بایگانی‌ای در این پوشه نیست؛ نخست صورتجلسه‌ای صادر کنید: nowhere",
        "workspace": "پوشه کار: ROOT",
        "bundled": "قلم Vazirmatn (همراه برنامه): پیدا شد و چکیده آن درست است",
        "system font": "قلم Noto Naskh Arabic (سیستم): ",
        "font": "قلم تعیین‌شده: Vazirmatn؛ قلمی که در سندها جای داده می‌شود: Vazirmatn",
        "archive": "بایگانی: 1 بسته؛ این رایانه همان چیزهایی را دارد که نسخه‌های اصل با آن‌ها ساخته شدند (همان "
                   "نرم‌افزار، قلم‌ها، قالب‌ها و تصاویر)، پس آن‌ها را بایت به بایت یکسان دوباره می‌سازد",
        "killed": "توجه: صدوری که هنگام نوشتن در بایگانی متوقف شد این پوشه را بر جا گذاشته است (چیزی از آن صادر "
                  "نشد)؛ صدور بعدی آن را پاک می‌کند: ROOT/archive/.minutes-staging-gone",
        "fallback": "هشدار: قلم Vazirmatn در پوشه ROOT/fonts/vazirmatn نیست (در پوشه کار، «minutes init --existing .» "
                    "را اجرا کنید؛ در نسخه کد minutes، «make fonts» را)؛ به جای آن قلم Noto Naskh Arabic سیستم به کار "
                    "می‌رود",
    },
    "en": {
        "valid": "1 record(s) valid",
        "to build": "4 document(s) to build, 0 up to date",
        "built": "built {path}",
        "written": "4 document(s) written, 0 up to date in Ts",
        "up to date": "0 document(s) written, 4 up to date in Ts",
        "numbered": f"numbered 2 document(s) of {TINY} version 1",
        "rendered": "rendered 2 PDF/A-3a original(s)",
        "issued": f"issued {TINY} version 1: archive/{TINY}/v1",
        "no reason": "error: --supersede and --reason go together: say why the new version replaces the old",
        "sound": "archive: every bag, hash, signature and embedded source checks out",
        "check": f"issued: {TINY} version 1, minutes, number 04/1, dated 1404/02/01, code {{code}}",
        "current": "current: no later version supersedes it",
        "superseded": "superseded: by version 2 of 1404/02/05 (typo), where it is number 04/3",
        "matches": "contents (an unsigned original): match the archived original",
        "mistyped": "error: '{code}' is mistyped: its last character does not match the others",
        "not issued": "not issued: this archive has no original with changed.pdf",
        "altered": f"it embeds the issued record of {TINY} version 1, but matches none of its 2 original(s): "
                   "its contents were changed",
        "no file": "error: gone.pdf: no such file",
        "followup rendered": "rendered {path}",
        "too early": "no meeting was held by that date: nothing to follow up",
        "no archive": "error: no archive at nowhere: issue a record first",
        "workspace": "workspace ROOT",
        "bundled": "Vazirmatn (bundled): found, checksum verified",
        "system font": "Noto Naskh Arabic (system): ",
        "font": "configured font: Vazirmatn; will embed: Vazirmatn",
        "archive": "archive: 1 bag(s); this machine has what rendered their originals (the same software, font files, "
                   "templates and assets), so it re-renders them byte-identically",
        "killed": "note: ROOT/archive/.minutes-staging-gone: left by an issue killed while it wrote the archive "
                  "(nothing of it was issued); the next issue removes it",
        "fallback": "warning: font Vazirmatn is not in ROOT/fonts/vazirmatn (run 'minutes init --existing .' in the "
                    "workspace ('make fonts' in a checkout of minutes)); using the system font Noto Naskh Arabic "
                    "instead",
    },
}


def test_validate_and_build(session: tuple[str, dict[str, Said]]) -> None:
    lang, said = session
    lines = LINES[lang]
    assert said["validate"] == Said(0, [], [lines["valid"]])
    built = said["build"]
    assert built.status == 0 and sorted(built.out) == DOCUMENTS
    assert built.err[0] == lines["to build"] and built.err[-1] == lines["written"]
    assert sorted(built.err[1:-1]) == sorted(lines["built"].format(path=path) for path in DOCUMENTS)
    assert said["rebuild"] == Said(0, [], [lines["up to date"]])


def test_issue(session: tuple[str, dict[str, Said]]) -> None:
    lang, said = session
    issued = said["issue"]
    assert issued.status == 0
    assert [line.split("\t")[:2] for line in issued.out] == [["minutes", "04/1"], ["letter-notify-education", "04/2"]]
    assert issued.err == [LINES[lang]["numbered"], LINES[lang]["rendered"], LINES[lang]["issued"]]
    assert said["no reason"] == Said(2, [], [LINES[lang]["no reason"]])


def test_verify_and_check(session: tuple[str, dict[str, Said]]) -> None:
    lang, said = session
    lines = LINES[lang]
    code = said["issue"].out[0].split("\t")[2]
    assert said["verify"] == Said(0, [], [lines["sound"]])
    assert said["check"] == Said(0, [lines["check"].format(code=code), lines["current"], lines["matches"]], [])
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert said["mistyped"] == Said(1, [], [lines["mistyped"].format(code=typo)])
    assert said["altered"] == Said(1, [lines["not issued"], lines["altered"]], [])
    assert said["missing"] == Said(1, [], [lines["no file"]])
    assert said["supersede"].status == 0
    check = [lines["check"].format(code=code), lines["superseded"], lines["matches"]]
    assert said["superseded"] == Said(1, check, [])


def test_followup_and_search(session: tuple[str, dict[str, Said]]) -> None:
    lang, said = session
    lines = LINES[lang]
    written = [f"{FOLLOWUP}/ledger.pdf", f"{FOLLOWUP}/reminder-education.pdf"]
    followed = said["followup"]
    assert followed.status == 0 and followed.out == written
    assert sorted(followed.err) == [lines["followup rendered"].format(path=path) for path in written]
    assert said["too early"] == Said(0, [], [lines["too early"]])
    assert said["no archive"] == Said(3, [], [lines["no archive"]])


def test_the_progress_bar_and_summary_in_each_language() -> None:
    step = Step(120, 1545, 400, Path("x.pdf"))
    assert bar(step, 12.0, 80, "fa").endswith(" 120/1545   7%  10.0 سند در ثانیه  2:22 مانده")
    assert bar(step, 12.0, 80, "en").endswith(" 120/1545   7%  10.0 docs/s  ETA 2:22")
    nearly = Step(1500, 1545, 400, Path("x.pdf"))
    assert bar(nearly, 150.0, 80, "fa").endswith(" 1500/1545  97%  10.0 سند در ثانیه  4 ثانیه مانده")
    assert bar(nearly, 150.0, 80, "en").endswith(" 1500/1545  97%  10.0 docs/s  ETA 4s")
    assert summary(3, 10, 1, 2.04, "fa") == "3 سند ساخته شد، 10 سند به‌روز بود و 1 سند حذف شد (در 2.0 ثانیه)"
    assert summary(3, 10, 1, 2.04, "en") == "3 document(s) written, 10 up to date, 1 removed in 2.0s"


def test_doctor_and_a_leftover_of_a_killed_issue(session: tuple[str, dict[str, Said]]) -> None:
    lang, said = session
    lines = LINES[lang]
    doctor = said["doctor"]
    assert doctor.status == 0 and doctor.err == []
    assert doctor.out[0].startswith("minutes ") and doctor.out[1].startswith("WeasyPrint ")
    assert doctor.out[3] == lines["workspace"] and doctor.out[5] == lines["bundled"]
    assert doctor.out[6].startswith(lines["system font"])
    assert doctor.out[7:] == [lines["font"], lines["archive"]]
    assert said["leftover"] == Said(0, [], [lines["killed"], lines["sound"]])


def test_every_line_is_in_the_language_asked_for(session: tuple[str, dict[str, Said]]) -> None:
    """In Persian every line has Persian words, apart from data (paths, numbers, codes, versions); in English none."""
    lang, said = session
    data = {*said["build"].out, *said["followup"].out, *said["issue"].out, *said["supersede"].out,
            *said["doctor"].out[:3]}
    shown = [line for printed in said.values() for line in (*printed.out, *printed.err) if line not in data]
    assert len(shown) >= 30
    assert [line for line in shown if bool(PERSIAN.search(line)) != (lang == "fa")] == []


@pytest.mark.skipif(system_font_file(FALLBACK_FAMILY) is None, reason=f"{FALLBACK_FAMILY} is not installed")
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_font_notice_in_each_language(lang: str, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")  # no fonts/
    lines = LINES[lang]
    built = say(tmp_path, lang, "build", RECORD, "-o", "out")
    assert built.status == 0 and built.err[0] == lines["to build"]
    assert built.err[-2:] == [lines["fallback"], lines["written"]]
    again = say(tmp_path, lang, "build", RECORD, "-o", "out")
    assert again == Said(0, [], [lines["fallback"], lines["up to date"]])  # a no-op: nothing is checked again


def test_a_build_that_skips_everything_says_the_notice_the_manifest_kept(tmp_path: Path) -> None:
    note = Note.of("font-fallback", family="Vazirmatn", folder="fonts/vazirmatn", fallback=FALLBACK_FAMILY)
    (tmp_path / MANIFEST).write_bytes(Manifest(notices=[note]).encode())
    assert Manifest.load(tmp_path / MANIFEST).notices == [note]
