"""Why a recommendation is proposed, in one or two sentences a teacher reads in uz, ru or en.

The sentences quote the facts behind a driver, formatted for people: marks with one decimal (a decimal
comma in Uzbek and Russian), shares as percentages, days and counts as whole numbers. Feature names such as
"Matematika|recent_mean" never appear: they are the model's words, not the school's. The wording itself
lives in `model.rationale_texts`; this module decides which sentences a driver's facts support.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from functools import partial

from model import rationale_texts as texts
from model.features.names import subject_feature
from model.intervention_catalog import LANGUAGES, Localized

Facts = Mapping[str, float | None]
Text = Mapping[str, str]
Clause = Callable[[str], str]


def fact(facts: Facts, name: str) -> float | None:
    """A feature value, or None when it is missing or not a finite number."""
    value = facts.get(name)
    return float(value) if value is not None and math.isfinite(value) else None


def mark(value: float, language: str) -> str:
    """A mark (or any small decimal) with one decimal: 3.2 in English, 3,2 in Uzbek and Russian."""
    text = f"{value:.1f}"
    return text if language == "en" else text.replace(".", ",")


def percent(share: float) -> str:
    """A share of 0-1 as a whole percentage; a tiny non-zero share reads "<1%", not a misleading 0%."""
    return "<1%" if 0 < share < 0.005 else f"{round(share * 100)}%"


def _ru_plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    return few if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else many


def _days(n: int, language: str) -> str:
    """'1 day' / '5 days', '2 дня' / '5 дней', '5 kun' (Uzbek does not pluralise after a number)."""
    if language == "en":
        return f"{n} day" if n == 1 else f"{n} days"
    return f"{n} {_ru_plural(n, 'день', 'дня', 'дней')}" if language == "ru" else f"{n} kun"


def last_weeks(n: int, language: str) -> str:
    if n == 1:
        return texts.LAST_WEEK[language]
    return texts.LAST_WEEKS[language].format(n=n, weeks=_ru_plural(n, "неделю", "недели", "недель"))


def _names(subjects: Sequence[str], language: str) -> str:
    """'Matematika, Fizika and Kimyo'; in Russian each name in «quotes», as in the other sentences."""
    shown = [f"«{s}»" if language == "ru" else s for s in subjects]
    if len(shown) == 1:
        return shown[0]
    return f"{', '.join(shown[:-1])} {texts.AND[language]} {shown[-1]}"


def _say(template: Text, **values: str | Clause) -> Clause:
    """A template filled in per language; a value that depends on the language is given as a function."""

    def say(language: str) -> str:
        filled = {key: value(language) if callable(value) else value for key, value in values.items()}
        return template[language].format(**filled)

    return say


def _localized(clause: Clause) -> Localized:
    return Localized(**{language: clause(language) for language in LANGUAGES})


def _sentences(sentences: Sequence[Clause]) -> Localized:
    return _localized(lambda language: " ".join(sentence(language) for sentence in sentences))


def _listed(whole: Text, only: Text, clauses: Sequence[Clause]) -> Localized:
    """The clauses that apply joined into one sentence, or, with none, just that the group raises the risk."""
    if not clauses:
        return _localized(_say(only))
    return _localized(
        lambda language: whole[language].format(clauses="; ".join(c(language) for c in clauses))
    )


def subject_rationale(subject: str, facts: Facts, weeks: int) -> Localized:
    """The subject's marks: a fall since last quarter, else the recent mean and its trend, plus any 2s."""
    recent = fact(facts, subject_feature(subject, "recent_mean"))
    last_quarter = fact(facts, subject_feature(subject, "last_quarter"))
    slope = fact(facts, subject_feature(subject, "slope"))
    twos = fact(facts, subject_feature(subject, "twos"))
    w = partial(last_weeks, weeks)
    sentences: list[Clause] = []
    if recent is not None and last_quarter is not None and round(recent, 1) < round(last_quarter, 1):
        sentences.append(
            _say(texts.SUBJECT_FELL, s=subject, a=partial(mark, last_quarter), b=partial(mark, recent), w=w)
        )
    elif recent is not None:
        sentences.append(_say(texts.SUBJECT_MEAN, s=subject, b=partial(mark, recent), w=w))
        if slope is not None and round(slope, 1) < 0:
            sentences.append(_say(texts.SUBJECT_SLOPE, x=partial(mark, -slope)))
    else:
        sentences.append(_say(texts.SUBJECT_ONLY, s=subject))
    if twos is not None and twos >= 1:
        sentences.append(_say(texts.SUBJECT_TWOS, n=str(round(twos))))
    return _sentences(sentences)


def attendance_rationale(facts: Facts, recent_weeks: int) -> Localized:
    """Attendance so far this year, unexcused absence, recent absence and the longest run of days away."""
    attended = fact(facts, "attendance_rate")
    unexcused = fact(facts, "unexcused_rate")
    recent = fact(facts, "recent_absence_rate")
    streak = fact(facts, "longest_absence_streak")
    clauses: list[Clause] = []
    if attended is not None and attended < 0.995:
        clauses.append(_say(texts.ATTENDED, p=percent(attended)))
    if unexcused is not None and unexcused > 0:
        clauses.append(_say(texts.UNEXCUSED, p=percent(unexcused)))
    if recent is not None and recent > 0:
        clauses.append(_say(texts.RECENT_ABSENCE, p=percent(recent), w=partial(last_weeks, recent_weeks)))
    if streak is not None and streak >= 2:
        clauses.append(_say(texts.STREAK, d=partial(_days, round(streak))))
    return _listed(texts.ATTENDANCE, texts.ATTENDANCE_ONLY, clauses)


def lms_rationale(facts: Facts, weeks: int) -> Localized:
    """Missed LMS assignments, days since the last login and logins a week."""
    missed = fact(facts, "lms_missed_rate")
    since = fact(facts, "lms_days_since_login")
    logins = fact(facts, "lms_logins_per_week")
    clauses: list[Clause] = []
    if missed is not None and missed > 0:
        clauses.append(_say(texts.LMS_MISSED, p=percent(missed), w=partial(last_weeks, weeks)))
    if since is not None and since >= 1:
        clauses.append(_say(texts.LMS_SINCE, d=partial(_days, round(since))))
    if logins is not None:
        clauses.append(_say(texts.LMS_LOGINS, x=partial(mark, logins)))
    return _listed(texts.LMS, texts.LMS_ONLY, clauses)


def notes_rationale(facts: Facts, weeks: int) -> Localized:
    """How many notes teachers wrote about the pupil recently; the notes' text is never quoted."""
    notes = fact(facts, "notes_recent")
    if notes is None or round(notes) < 1:
        return _localized(_say(texts.NOTES_ONLY))
    w = partial(last_weeks, weeks)
    return _localized(
        _say(texts.NOTES, n=str(round(notes)), w=w, W=lambda language: w(language).capitalize())
    )


def mentor_rationale(subjects: Sequence[str], high_tier: bool) -> Localized:
    """Why a mentor: marks raising the risk in several subjects at once, a high overall risk, or both."""
    sentences: list[Clause] = []
    if subjects:
        sentences.append(_say(texts.SUBJECTS, names=partial(_names, subjects)))
    if high_tier:
        sentences.append(_say(texts.HIGH_TIER))
    return _sentences(sentences)
