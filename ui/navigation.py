"""Which pages each role gets: the menu is built from the signed-in user's roles and nothing else.

A page missing from a role's menu cannot be opened by that user at all (Streamlit shows only the pages
handed to `st.navigation`), and the API refuses the data behind it regardless.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

import streamlit as st

from ui.pages import alerts, auditor, data_scientist, mentor, principal, teacher
from ui.session import t


@dataclass(frozen=True)
class PageSpec:
    url_path: str
    title_key: str
    icon: str
    draw: Callable[[], None]


PAGES: Final = {
    spec.url_path: spec
    for spec in (
        PageSpec("flagged", "teacher.flagged.nav", ":material/warning:", teacher.flagged_pupils),
        PageSpec("pupil", "teacher.pupil.nav", ":material/person:", teacher.pupil_page),
        PageSpec("alerts", "alerts.nav", ":material/notifications:", alerts.alerts_inbox),
        PageSpec("caseload", "mentor.nav", ":material/view_kanban:", mentor.caseload_board),
        PageSpec("school", "principal.nav", ":material/insights:", principal.school_report),
        PageSpec("models", "ds.runs.nav", ":material/model_training:", data_scientist.training_runs),
        PageSpec("compare", "ds.compare.nav", ":material/compare:", data_scientist.compare_runs),
        PageSpec("retrain", "ds.retrain.nav", ":material/published_with_changes:", data_scientist.retrain),
        PageSpec("access-log", "auditor.log.nav", ":material/fact_check:", auditor.access_log),
        PageSpec("privacy", "auditor.privacy.nav", ":material/shield:", auditor.privacy_and_fairness),
        PageSpec("promotions", "auditor.history.nav", ":material/history:", auditor.promotion_history),
    )
}

ROLE_PAGES: Final[dict[str, tuple[str, ...]]] = {
    "class_teacher": ("flagged", "pupil", "alerts"),
    "subject_teacher": ("flagged", "pupil", "alerts"),
    "mentor": ("caseload", "pupil", "alerts"),
    "psychologist": ("caseload", "pupil", "alerts"),
    "principal": ("school", "alerts"),
    "data_scientist": ("models", "compare", "retrain"),
    "auditor": ("access-log", "privacy", "promotions"),
    # The API opens the audit log and its privacy figures to admins, not the model records or fairness.
    "admin": ("access-log",),
}


def pages_for(roles: Sequence[str]) -> list[str]:
    """The url paths of every page the roles open, each once, in the order of the first role's menu."""
    chosen: list[str] = []
    for role in roles:
        for path in ROLE_PAGES.get(role, ()):
            if path not in chosen:
                chosen.append(path)
    return chosen


def st_pages(roles: Sequence[str]) -> list[st.Page]:
    return [
        st.Page(PAGES[path].draw, title=t(PAGES[path].title_key), icon=PAGES[path].icon, url_path=path)
        for path in pages_for(roles)
    ]
