"""Note anonymisation speed: Erta's Presidio analyzer with a 100,000-name roster, beside plain regexes.

Each path masks the same 40-word notes on one core. The peers are a single compiled `re` pattern doing the
same replacements, once with the roster as one alternation (the obvious way to add a deny-list) and once
with identifiers and the bundled given names only, the ceiling of what plain regexes reach without the
roster. Run: `python -m benchmarks.anonymize_notes [--roster 100000] [--notes 2000] [--json PATH]`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from privacy.analyzer import NoteAnalyzer
from privacy.anonymizer import anonymize
from privacy.name_index import RosterPerson, bundled_names
from privacy.pinfl import make_pinfl
from service.synthetic.names import FEMALE_NAMES, MALE_NAMES, SURNAMES, patronymic

SYLLABLES = ("ba", "ka", "ro", "mi", "su", "to", "na", "di", "lo", "xu", "qo", "sha", "cho", "ye", "zu", "gu")
FILLER = (
    "bugun darsga kechikib keldi va uy vazifasini bajarmagan",
    "matematika fanidan nazorat ishida 2 baho oldi, qo'shimcha mashg'ulot kerak",
    "ota-onasi bilan suhbat o'tkazildi, ular yordam berishga rozi",
    "на уроке был невнимателен, домашнее задание не выполнил",
    "oxirgi ikki haftada uch marta sababsiz qatnashmadi",
    "LMS tizimiga bir oydan beri kirmayapti, testlarni topshirmagan",
)
IDENTIFIER_PATTERNS = {
    "UZ_PINFL": r"(?<!\d)[1-6]\d{13}(?!\d)",
    "UZ_PHONE": r"(?<![\w+])(?:\+?998[\s\-]?)?\(?\d{2}\)?[\s\-]?\d{3}[\s\-]?\d{2}[\s\-]?\d{2}(?!\d)",
    "UZ_PASSPORT": r"\b[A-Z]{2} ?\d{7}\b",
    "EMAIL_ADDRESS": r"[\w.+\-]+@[\w\-]+\.[\w.]+",
    "ADDRESS": r"\b\w+ (?:ko'chasi|mahallasi) \d+-uy\b",
}


def make_roster(size: int, rnd: random.Random) -> list[RosterPerson]:
    people = []
    for number in range(size):
        sex = "M" if number % 2 else "F"
        stem = (
            rnd.choice(SURNAMES)
            if rnd.random() < 0.5
            else "".join(rnd.choices(SYLLABLES, k=4)).title() + "ov"
        )
        surname = stem if sex == "M" else stem + "a"
        given = rnd.choice(MALE_NAMES if sex == "M" else FEMALE_NAMES)
        father = rnd.choice(MALE_NAMES)
        people.append(RosterPerson(f"pupil:{number}", f"{surname} {given} {patronymic(father, sex, 'uz')}"))
    return people


def make_notes(count: int, roster: Sequence[RosterPerson], rnd: random.Random) -> list[str]:
    """Notes of about 40 words, each naming two roster people and holding a phone and a PINFL or address."""
    notes = []
    for _ in range(count):
        first, second = rnd.sample(list(roster), 2)
        surname, given = first.full_name.split()[:2]
        phone = (
            f"+998 9{rnd.randint(0, 9)} {rnd.randint(100, 999)}-{rnd.randint(10, 99)}-{rnd.randint(10, 99)}"
        )
        pinfl = make_pinfl(date(2012, rnd.randint(1, 12), rnd.randint(1, 28)), "M", rnd.randint(1, 999), 7)
        extra = (
            f"JShShIR {pinfl}" if rnd.random() < 0.5 else f"manzil: Navoiy ko'chasi {rnd.randint(1, 99)}-uy"
        )
        parts = rnd.sample(FILLER, 3)
        notes.append(
            f"{surname} {given} {parts[0]}. Onasi {second.full_name.split()[1]} opaga {phone} raqami orqali "
            f"qo'ng'iroq qildim, {extra}. {given}ning {parts[1]}; {parts[2]}."
        )
    return notes


def notes_per_second(mask: Callable[[str], str], notes: Sequence[str], budget_s: float = 8.0) -> float:
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < budget_s:
        for note in notes[:500]:
            mask(note)
        done += min(len(notes), 500)
    return done / (time.perf_counter() - started)


def regex_masker(names: Sequence[str]) -> tuple[Callable[[str], str], float]:
    """One compiled pattern with a named group per entity type; returns the masker and its compile time."""
    groups = [f"(?P<{name}>{pattern})" for name, pattern in IDENTIFIER_PATTERNS.items()]
    if names:
        alternation = "|".join(re.escape(name) for name in sorted(set(names), key=len, reverse=True))
        groups.append(rf"(?P<PERSON>\b(?:{alternation})\b)")
    started = time.perf_counter()
    pattern = re.compile("|".join(groups))
    compiled_s = time.perf_counter() - started
    return (lambda text: pattern.sub(lambda m: f"<{m.lastgroup}>", text)), compiled_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roster", type=int, default=100_000)
    parser.add_argument("--notes", type=int, default=2_000)
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results/anonymize_notes.json"))
    args = parser.parse_args()
    rnd = random.Random(20261201)
    roster = make_roster(args.roster, rnd)
    notes = make_notes(args.notes, roster, rnd)
    words = sum(len(note.split()) for note in notes) / len(notes)

    started = time.perf_counter()
    analyzer = NoteAnalyzer(roster)
    build_s = time.perf_counter() - started
    erta = notes_per_second(lambda text: anonymize(text, analyzer.analyze(text)), notes)
    roster_names = [part for person in roster for part in person.full_name.split()[:2]]
    with_roster, roster_compile_s = regex_masker(roster_names)
    regex_roster = notes_per_second(with_roster, notes, budget_s=5.0)
    plain, _ = regex_masker(bundled_names("given_names.txt"))
    regex_plain = notes_per_second(plain, notes)

    results = {
        "roster_people": args.roster,
        "distinct_name_spellings": analyzer.names.size,
        "mean_words_per_note": round(words, 1),
        "erta_presidio": {"notes_per_s": round(erta), "build_s": round(build_s, 2)},
        "regex_with_roster_alternation": {
            "notes_per_s": round(regex_roster),
            "compile_s": round(roster_compile_s, 2),
        },
        "regex_identifiers_and_given_names": {"notes_per_s": round(regex_plain)},
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    spellings = analyzer.names.size
    print(
        f"{len(notes):,} notes of {words:.0f} words, roster {args.roster:,} people ({spellings:,} spellings)"
    )
    print(
        f"  Erta (Presidio, 8 recognizers, roster automaton): {erta:8,.0f} notes/s (built in {build_s:.1f} s)"
    )
    slower = erta / regex_roster
    print(f"  plain regex, roster as alternation: {regex_roster:8,.0f} notes/s ({slower:.1f}x slower)")
    ceiling = regex_plain / erta
    print(
        f"  plain regex, identifiers and given names only:  {regex_plain:8,.0f} notes/s ({ceiling:.1f}x Erta)"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.json}")


if __name__ == "__main__":
    main()
