"""Reading the wording lexicon from its TOML file, refusing anything malformed with where it went wrong.

The lexicon is data that teachers' trainers and methodologists edit, so a mistake must name the file, the
entry and the field rather than fail somewhere in the matcher. The bundled file ships inside the package
(`privacy/data/wording_lexicon.toml`) and is read through importlib.resources, so it works from a wheel.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Final, TypeVar

from privacy.wording_lexicon import LANGUAGES, Endings, Language, Lexicon, Localized, WordingEntry

BUNDLED_PACKAGE: Final = "privacy"
BUNDLED_NAME: Final = "data/wording_lexicon.toml"
SUPPORTED_VERSION: Final = 1
_TOP_LEVEL: Final = frozenset({"version", "categories", "endings", "suggestions", "entry"})
_ENTRY_FIELDS: Final = frozenset({"id", "language", "category", "forms", "endings", "suggestion"})
_T = TypeVar("_T")


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The lexicon in `path`, or the bundled one when None; a malformed file raises ValueError naming it."""
    source, raw = _read(path)
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{source}: not valid TOML ({error})") from error
    return parse_lexicon(data, source)


def parse_lexicon(data: Mapping[str, object], source: str = "<lexicon>") -> Lexicon:
    """Build a lexicon from parsed TOML; every problem is reported as `source: where: what`."""
    try:
        _only(data, _TOP_LEVEL, "the file")
        version = data.get("version", SUPPORTED_VERSION)
        if version != SUPPORTED_VERSION:
            raise ValueError(f"field 'version' is {version!r}; this Erta reads version {SUPPORTED_VERSION}")
        categories = {name: _localized(t, f"categories.{name}") for name, t in _tables(data, "categories")}
        suggestions = {name: _localized(t, f"suggestions.{name}") for name, t in _tables(data, "suggestions")}
        endings = {name: _endings(name, t) for name, t in _tables(data, "endings")}
        entries = [
            _entry(number, table, endings, suggestions)
            for number, table in enumerate(_entries(data), start=1)
        ]
        return Lexicon(entries, categories)
    except ValueError as error:
        raise ValueError(f"{source}: {error}") from None


def _read(path: Path | None) -> tuple[str, str]:
    if path is None:
        bundled = resources.files(BUNDLED_PACKAGE).joinpath(BUNDLED_NAME)
        return str(bundled), bundled.read_text(encoding="utf-8")
    try:
        return str(path), path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from error


def _only(table: Mapping[str, object], allowed: frozenset[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ValueError(
            f"{where}: unknown field {unknown[0]!r} (expected one of {', '.join(sorted(allowed))})"
        )


def _tables(data: Mapping[str, object], name: str) -> list[tuple[str, Mapping[str, object]]]:
    section = data.get(name, {})
    if not isinstance(section, dict):
        raise ValueError(f"field {name!r} must be a table")
    for key, table in section.items():
        if not isinstance(table, dict):
            raise ValueError(f"field '{name}.{key}' must be a table")
    return list(section.items())


def _entries(data: Mapping[str, object]) -> list[Mapping[str, object]]:
    entries = data.get("entry", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise ValueError("field 'entry' must be an array of tables ([[entry]])")
    return entries


def _text(table: Mapping[str, object], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        problem = "is missing" if value is None else "must be non-empty text"
        raise ValueError(f"{where}: field {key!r} {problem}")
    return value


def _localized(table: Mapping[str, object], where: str) -> Localized:
    _only(table, frozenset(LANGUAGES), where)
    uz, ru, en = (_text(table, language, where) for language in LANGUAGES)
    return Localized(uz=uz, ru=ru, en=en)


def _endings(name: str, table: Mapping[str, object]) -> Endings:
    where = f"endings.{name}"
    _only(table, frozenset({"suffixes", "repeat"}), where)
    suffixes, repeat = table.get("suffixes"), table.get("repeat", False)
    if not isinstance(suffixes, list) or not suffixes or not all(isinstance(s, str) for s in suffixes):
        raise ValueError(f"{where}: field 'suffixes' must be a non-empty list of text")
    if not isinstance(repeat, bool):
        raise ValueError(f"{where}: field 'repeat' must be true or false")
    if repeat and "" in suffixes:
        raise ValueError(f"{where}: field 'suffixes' may not hold an empty suffix when 'repeat' is true")
    return Endings(name=name, suffixes=tuple(suffixes), repeat=repeat)


def _entry(
    number: int,
    table: Mapping[str, object],
    endings: Mapping[str, Endings],
    suggestions: Mapping[str, Localized],
) -> WordingEntry:
    raw_id = table.get("id")
    where = f"entry {number}" + (f" ({raw_id!r})" if isinstance(raw_id, str) else "")
    _only(table, _ENTRY_FIELDS, where)
    entry_id, category = _text(table, "id", where), _text(table, "category", where)
    language = _text(table, "language", where)
    if language not in LANGUAGES:
        raise ValueError(f"{where}: field 'language' is {language!r}, not one of {', '.join(LANGUAGES)}")
    forms = table.get("forms")
    if not isinstance(forms, list) or not forms or not all(isinstance(f, str) and f.strip() for f in forms):
        raise ValueError(f"{where}: field 'forms' must be a non-empty list of non-empty text")
    return WordingEntry(
        id=entry_id,
        language=_language(language),
        category=category,
        forms=tuple(forms),
        suggestion=_suggestion(table, suggestions, where),
        endings=_reference(table, "endings", endings, where),
    )


def _suggestion(table: Mapping[str, object], shared: Mapping[str, Localized], where: str) -> Localized:
    """An entry's own suggestion table, or the name of a shared one under [suggestions]."""
    value = table.get("suggestion")
    if isinstance(value, dict):
        return _localized(value, f"{where}: field 'suggestion'")
    reference = _reference(table, "suggestion", shared, where)
    if reference is None:
        raise ValueError(f"{where}: field 'suggestion' is missing")
    return reference


def _reference(table: Mapping[str, object], key: str, known: Mapping[str, _T], where: str) -> _T | None:
    """The table that field `key` names, from the section of shared tables `known`; None when unset."""
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or value not in known:
        names = ", ".join(sorted(known)) or "none are defined"
        raise ValueError(f"{where}: field {key!r} is {value!r}, which names no shared table ({names})")
    return known[value]


def _language(value: str) -> Language:
    for language in LANGUAGES:
        if value == language:
            return language
    raise ValueError(f"unknown language {value!r}")
