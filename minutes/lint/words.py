"""Word lists the lint rules use; extend them here."""

from __future__ import annotations

# fmt: off
VERB_PREFIXES = ("نمی", "می")
PRESENT_STEMS = (
    "شو", "کن", "توان", "باش", "گیر", "ده", "گرد", "رو", "آی", "دان", "خواه", "گوی", "رس", "یاب", "بین",
    "ساز", "پرداز", "نمای", "گذار", "مان", "خوان", "نویس", "آور", "بر", "زن", "شناس", "رسان", "کش", "پذیر",
)
PAST_STEMS = (
    "شد", "کرد", "توانست", "بود", "گرفت", "داد", "گشت", "رفت", "آمد", "دانست", "خواست", "گفت", "رسید", "یافت",
    "دید", "ساخت", "پرداخت", "نمود", "گذاشت", "ماند", "خواند", "نوشت", "آورد", "برد", "زد", "شناخت", "رساند",
    "کشید", "پذیرفت",
)
PLURAL_SUFFIXES = ("هایی", "های", "ها")  # longest first
COMPARATIVE_SUFFIXES = ("ترین", "تر")
# Compounds that take a half-space (or nothing after a non-joining letter).
COMPOUNDS = (
    ("برنامه", "ریزی"), ("موسی", "پور"), ("صادق", "زاده"), ("دانش", "بنیان"), ("آینده", "نگری"),
    ("گفتمان", "سازی"), ("آسیب", "پذیر"), ("درون", "زا"), ("جهت", "گیری"), ("سه", "گانه"),
    ("کوتاه", "مدت"), ("بلند", "مدت"), ("فن", "آوری"),
)
# Second parts that join any preceding word except a function word.
COMPOUND_SUFFIXES = (
    "پور", "زاده", "سازی", "ریزی", "پذیر", "پذیری", "نگری", "گیری", "گانه", "بنیان", "مدت", "رسانی",
)
# Words that never take a compound or comparative suffix: «به مدت», «در این مدت», «تمام مدت».
FUNCTION_WORDS = frozenset({
    "به", "در", "از", "با", "بر", "تا", "که", "را", "این", "آن", "هر", "همین", "همان", "چند", "یک", "همه",
    "تمام", "کل", "طول",
})
# Words that end in «ها» without being plurals, or whose glued plural is accepted usage.
NOT_GLUED_PLURALS = frozenset({"تنها", "تنهایی", "نهایی", "رهایی", "بهای", "آنها", "اینها"})
# Words that start with «و» although what follows is also a word.
VA_INITIAL_WORDS = frozenset({"وزیر", "وزیران", "وزن", "ورود", "واحد", "وام", "وسایل", "والا"})
# Endings of verbs that a glued «و» follows, with the shortest word they apply to («هندو», «کندو» are words).
VERB_ENDINGS_BEFORE_VA = {"ندو": 5, "شدو": 3, "کردو": 4}
ORDINAL_SUFFIXES = frozenset({"ام", "امین", "م", "مین", "اُم", "اُمین"})
# Written apart after a word that ends in a silent «ه», these join it with a half-space: «نامه‌ای», «رفته‌اند».
ENDINGS_AFTER_SILENT_HE = frozenset({"ای", "ام", "اید", "ایم", "اند"})
# fmt: on

# Present stems take a person ending (a bare one would match «میدان»); the second person singular
# «ی» is left out because «میدانی» is also an adjective.
_PRESENT_ENDINGS = ("م", "د", "یم", "ید", "ند")
_PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند")
VERB_FORMS_AFTER_PREFIX = frozenset(
    {stem + ending for stem in PRESENT_STEMS for ending in _PRESENT_ENDINGS}
    | {stem + ending for stem in PAST_STEMS for ending in _PAST_ENDINGS}
    | {"توان"}  # impersonal «می‌توان»
)

