"""Every word the console shows exists in Uzbek, Russian and English, and every catalog entry is used.

The keys are found in the code itself: each `t("…")` call with a literal key must be in a catalog, and
each `t(f"tier.{…}")` call's prefix must cover every value the API can send for it (tiers, statuses,
roles, alert reasons, kinds of support), taken from the modules that define those values.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from model.alert_policy import RISK_REASON, TIERS
from model.intervention_catalog import load_catalog
from model.intervention_lifecycle import STATUSES
from model.signals import REASONS
from service.db.access import USER_ROLES as ROLES
from ui import i18n

UI = Path(i18n.__file__).parent


# Calls whose first argument is a catalog key: the translator and the widgets that translate for a page.
KEY_TAKERS = {"t", "text", "empty_state", "PageSpec"}


def _calls() -> tuple[set[str], set[str], set[str]]:
    """(keys given to a translating call, f-string key prefixes, every other string literal) under ui/."""
    literal, prefixes, strings = set(), set(), set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.add(node.value)
            if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                head = str(node.values[0].value)
                if "." in head and " " not in head:
                    prefixes.add(head)
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name not in KEY_TAKERS:
                continue
            keys = node.args[1:2] if name == "PageSpec" else node.args[:1]
            for key in keys:
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    literal.add(key.value)
    return literal, prefixes, strings


def test_every_literal_key_is_in_a_catalog() -> None:
    literal, _, _ = _calls()
    missing = sorted(key for key in literal if not i18n.has(key))
    assert not missing, f"keys used in ui/ but in no catalog: {missing}"


def test_every_catalog_key_is_used() -> None:
    literal, prefixes, strings = _calls()
    used = literal | strings
    unused = [k for k in i18n.catalog() if k not in used and not any(k.startswith(p) for p in prefixes)]
    assert not unused, f"catalog keys no page asks for: {unused}"


@pytest.mark.parametrize(
    ("prefix", "values"),
    [
        ("tier.", TIERS),
        ("status.", STATUSES),
        ("role.", ROLES),
        ("alerts.reason.", (*REASONS, RISK_REASON)),
        ("kind.", tuple(entry.kind for entry in load_catalog())),
    ],
)
def test_every_value_the_api_sends_has_words(prefix: str, values: tuple[str, ...]) -> None:
    missing = [value for value in values if not i18n.has(f"{prefix}{value}")]
    assert not missing, f"no {prefix}* text for {missing}"


def test_the_three_languages_of_a_key_take_the_same_values() -> None:
    fields = string.Formatter()
    for key, texts in i18n.catalog().items():
        names = {lang: {f for _, f, _, _ in fields.parse(text) if f} for lang, text in texts.items()}
        assert names["uz"] == names["ru"] == names["en"], f"{key}: placeholders differ {names}"


def test_the_languages_differ_where_words_do() -> None:
    """A catalog copied from English into the other columns would pass every check above."""
    catalog = i18n.catalog()
    same = [key for key, texts in catalog.items() if texts["uz"] == texts["ru"] == texts["en"]]
    assert len(same) <= len(catalog) // 20, f"identical in all three languages: {same}"


def test_a_broken_catalog_names_its_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('[greeting]\nuz = "Salom"\nru = "Привет"\n', encoding="utf-8")
    with pytest.raises(i18n.CatalogError, match=r"a\.toml: greeting has no text in en"):
        i18n.catalog(tmp_path)
    (tmp_path / "a.toml").write_text('[greeting]\nuz = "Salom"\nru = "Привет"\nen = "Hi"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('[greeting]\nuz = "Salom"\nru = "Привет"\nen = "Hi"\n', encoding="utf-8")
    with pytest.raises(i18n.CatalogError, match=r"b\.toml: greeting is defined in another catalog too"):
        i18n.catalog(tmp_path)


def test_a_missing_key_is_shown_loudly_and_an_unknown_language_falls_back_to_uzbek() -> None:
    assert i18n.text("no.such.key", "en") == "⟦no.such.key⟧"
    assert i18n.text("login.title", "kaa") == i18n.text("login.title", "uz")


def test_kinds_of_support_are_titled_as_the_intervention_catalog_titles_them() -> None:
    for entry in load_catalog():
        for lang in i18n.LANGUAGES:
            assert i18n.text(f"kind.{entry.kind}", lang) == entry.title.in_language(lang), (entry.kind, lang)
