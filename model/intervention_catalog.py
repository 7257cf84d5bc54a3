"""The intervention catalog: the kinds of support Erta may propose, as a school's methodologist wrote them.

The catalog is a TOML file (`model/data/interventions.toml` by default) so that a school or district can
change titles, descriptions, owners and follow-up periods without touching code. It is checked strictly
when loaded: a mistake is reported with the file, the entry and the field, never silently ignored.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, Final

LANGUAGES: Final = ("uz", "ru", "en")
DEFAULT_LANGUAGE: Final = "uz"
ROLES: Final = ("class_teacher", "subject_teacher", "mentor", "psychologist", "principal", "parent")
AUDIENCES: Final = ("pupil", "teacher")
MAX_FOLLOW_UP_DAYS: Final = 365
_KIND_PATTERN: Final = re.compile(r"[a-z][a-z0-9_]{0,47}")  # fits the interventions table's kind column
_REQUIRED: Final = ("id", "owner_role", "follow_up_days", "per_subject", "title", "description")
_FIELDS: Final = (*_REQUIRED, "audience")


@dataclass(frozen=True, slots=True)
class Localized:
    """One text in each language Erta speaks; Uzbek is the default."""

    uz: str
    ru: str
    en: str

    def in_language(self, language: str) -> str:
        """The text in `language`, or in Uzbek for a language Erta has no text in (e.g. Karakalpak)."""
        text: str = getattr(self, language) if language in LANGUAGES else self.uz
        return text


@dataclass(frozen=True, slots=True)
class Intervention:
    """One kind of support: what it is called and means, who usually owns it, and when to check on it."""

    kind: str
    title: Localized
    description: Localized
    owner_role: str
    follow_up_days: int
    per_subject: bool
    audience: str = "pupil"

    def follow_up_from(self, proposed_on: date) -> date:
        return proposed_on + timedelta(days=self.follow_up_days)


@dataclass(frozen=True, slots=True)
class Catalog:
    """The interventions of one catalog file, in file order, looked up by kind."""

    interventions: tuple[Intervention, ...]

    def get(self, kind: str) -> Intervention | None:
        return next((i for i in self.interventions if i.kind == kind), None)

    def __getitem__(self, kind: str) -> Intervention:
        found = self.get(kind)
        if found is None:
            raise KeyError(kind)
        return found

    def __contains__(self, kind: object) -> bool:
        return any(i.kind == kind for i in self.interventions)

    def __iter__(self) -> Iterator[Intervention]:
        return iter(self.interventions)

    def __len__(self) -> int:
        return len(self.interventions)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(i.kind for i in self.interventions)


def load_catalog(path: Path | None = None) -> Catalog:
    """Read and check a catalog file; without `path`, the catalog bundled with Erta.

    Raises ValueError naming the file, and where it can the entry and field, for anything malformed.
    """
    if path is None:
        resource = resources.files("model.data").joinpath("interventions.toml")
        source, raw = str(resource), resource.read_bytes()
    else:
        source, raw = str(path), Path(path).read_bytes()
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ValueError(f"{source}: not UTF-8 text ({error.reason} at byte {error.start})") from error
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{source}: not valid TOML: {error}") from error
    return parse_catalog(document, source)


def parse_catalog(document: Mapping[str, Any], source: str = "<catalog>") -> Catalog:
    """Check a parsed catalog document (`[[intervention]]` tables) and build the Catalog."""
    unknown = sorted(set(document) - {"intervention"})
    if unknown:
        raise ValueError(
            f"{source}: unknown top-level key {unknown[0]!r}; entries start with [[intervention]]"
        )
    entries = document.get("intervention")
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{source}: no [[intervention]] entries")
    interventions: list[Intervention] = []
    for number, entry in enumerate(entries, start=1):
        intervention = _parse_entry(entry, _EntryErrors(source, number, entry))
        if intervention.kind in {i.kind for i in interventions}:
            raise ValueError(
                f"{source}: entry {intervention.kind!r} (#{number}): field 'id' repeats an earlier entry"
            )
        interventions.append(intervention)
    return Catalog(tuple(interventions))


class _EntryErrors:
    """Builds the ValueError for one entry, so every message names the file, the entry and the field."""

    def __init__(self, source: str, number: int, entry: object) -> None:
        kind = entry.get("id") if isinstance(entry, dict) else None
        self.where = (
            f"{source}: entry {kind!r} (#{number})" if isinstance(kind, str) else f"{source}: entry #{number}"
        )

    def __call__(self, field: str, problem: str) -> ValueError:
        return ValueError(f"{self.where}: field {field!r} {problem}")


def _parse_entry(entry: object, error: _EntryErrors) -> Intervention:
    if not isinstance(entry, dict):
        raise ValueError(f"{error.where}: must be a table of fields")
    for field in entry:
        if field not in _FIELDS:
            raise error(field, f"is not a catalog field (known: {', '.join(_FIELDS)})")
    for field in _REQUIRED:
        if field not in entry:
            raise error(field, "is missing")
    kind = entry["id"]
    if not isinstance(kind, str) or not _KIND_PATTERN.fullmatch(kind):
        raise error(
            "id", f"must be a-z, 0-9 and '_', starting with a letter, at most 48 characters; got {kind!r}"
        )
    days = entry["follow_up_days"]
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_FOLLOW_UP_DAYS:
        raise error(
            "follow_up_days", f"must be a whole number of days from 1 to {MAX_FOLLOW_UP_DAYS}; got {days!r}"
        )
    if not isinstance(entry["per_subject"], bool):
        raise error("per_subject", f"must be true or false; got {entry['per_subject']!r}")
    return Intervention(
        kind=kind,
        title=_localized(entry["title"], "title", error),
        description=_localized(entry["description"], "description", error),
        owner_role=_one_of(entry["owner_role"], ROLES, "owner_role", error),
        follow_up_days=days,
        per_subject=entry["per_subject"],
        audience=_one_of(entry.get("audience", "pupil"), AUDIENCES, "audience", error),
    )


def _localized(value: object, field: str, error: _EntryErrors) -> Localized:
    """A text in uz, ru and en; runs of whitespace (line breaks in a long description) become one space."""
    if not isinstance(value, dict):
        raise error(field, f"must give {', '.join(f'{field}.{lang}' for lang in LANGUAGES)}")
    for language in value:
        if language not in LANGUAGES:
            raise error(f"{field}.{language}", f"is not a language Erta speaks ({', '.join(LANGUAGES)})")
    texts: dict[str, str] = {}
    for language in LANGUAGES:
        text = value.get(language)
        if text is None:
            raise error(f"{field}.{language}", "is missing")
        if not isinstance(text, str) or not text.strip():
            raise error(f"{field}.{language}", "must be non-empty text")
        texts[language] = " ".join(text.split())
    return Localized(**texts)


def _one_of(value: object, allowed: tuple[str, ...], field: str, error: _EntryErrors) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise error(field, f"must be one of {', '.join(allowed)}; got {value!r}")
    return value
