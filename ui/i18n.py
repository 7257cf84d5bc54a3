"""The console's words in Uzbek, Russian and English, from the TOML catalogs in `ui/locales/`.

Each catalog holds one area of the console (`common`, `teacher`, …) and each key its three texts:

    [flagged.title]
    uz = "Xavf ostidagi o'quvchilar"
    ru = "Ученики в зоне риска"
    en = "Pupils at risk"

Keys are checked when the catalogs load: a key without all three languages, or a key defined twice, is an
error naming the file and key. A key the code asks for but no catalog has is shown as ⟦key⟧, loudly, so a
test walking the pages finds it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Final

LANGUAGES: Final = ("uz", "ru", "en")
DEFAULT_LANGUAGE: Final = "uz"
# Each language's name in itself, for the switcher.
LANGUAGE_NAMES: Final = {"uz": "O'zbekcha", "ru": "Русский", "en": "English"}
LOCALES: Final = Path(__file__).with_name("locales")
MISSING: Final = "⟦{key}⟧"


class CatalogError(ValueError):
    """A catalog file that breaks the rules above; the message names the file and the key."""


@cache
def catalog(folder: Path = LOCALES) -> Mapping[str, Mapping[str, str]]:
    """Every key of every catalog in `folder`, with its text per language."""
    texts: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            tree = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise CatalogError(f"{path.name}: {error}") from error
        for key, entry in _entries(tree, ""):
            if key in texts:
                raise CatalogError(f"{path.name}: {key} is defined in another catalog too")
            missing = [lang for lang in LANGUAGES if not str(entry.get(lang, "")).strip()]
            if missing:
                raise CatalogError(f"{path.name}: {key} has no text in {', '.join(missing)}")
            extra = sorted(set(entry) - set(LANGUAGES))
            if extra:
                raise CatalogError(f"{path.name}: {key} has unknown languages {', '.join(extra)}")
            texts[key] = {lang: str(entry[lang]) for lang in LANGUAGES}
    return texts


def _entries(tree: Mapping[str, Any], prefix: str) -> list[tuple[str, Mapping[str, Any]]]:
    """(dotted key, {lang: text}) for every leaf table, the one whose values are strings."""
    found = []
    for name, value in tree.items():
        key = f"{prefix}{name}"
        if not isinstance(value, Mapping):
            raise CatalogError(f"{key} must be a table of texts per language")
        if any(isinstance(v, str) for v in value.values()):
            found.append((key, value))
        else:
            found.extend(_entries(value, f"{key}."))
    return found


def text(key: str, language: str, /, **values: Any) -> str:
    """The text of `key` in `language` (Uzbek for an unknown language), with `values` filled in."""
    entry = catalog().get(key)
    if entry is None:
        return MISSING.format(key=key)
    template = entry.get(language) or entry[DEFAULT_LANGUAGE]
    return template.format(**values) if values else template


def has(key: str) -> bool:
    return key in catalog()
