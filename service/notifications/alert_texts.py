"""The words of alert messages in Uzbek (the default), Russian and English.

Two registers, by how far a text travels. A subject line and a chat text pass through mail logs and a
messenger's servers, so they carry a day, class labels and counts, never a pupil. An e-mail body goes to
one teacher's mailbox and lists each pupil by the id the school's diary already uses, with the class and
the reason: enough to find the pupil in the console, where the reasons are explained. Never a name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from service.notifications.addresses import Language


@dataclass(frozen=True)
class Notice:
    """One alert as a message tells it: the alert's row id, the pupil's diary id, class, reason, subject."""

    alert_id: int
    pupil_id: str
    class_label: str
    reason: str
    subject: str | None
    tier: str | None


REASONS: Final[dict[Language, dict[str, str]]] = {
    "uz": {
        "marks_falling": "baholar pasaymoqda",
        "absence_streak": "bir necha kun ketma-ket darsga kelmadi",
        "lms_disengaged": "LMSdagi faollik tushib ketdi",
        "sudden_drop": "bir nechta fanda baholar keskin tushdi",
        "risk": "xavf darajasi: {tier}",
    },
    "ru": {
        "marks_falling": "оценки снижаются",
        "absence_streak": "пропуски несколько дней подряд",
        "lms_disengaged": "активность в LMS упала",
        "sudden_drop": "резкое снижение оценок по нескольким предметам",
        "risk": "уровень риска: {tier}",
    },
    "en": {
        "marks_falling": "marks falling",
        "absence_streak": "absent several school days in a row",
        "lms_disengaged": "activity in the LMS has dropped",
        "sudden_drop": "marks dropped sharply in several subjects",
        "risk": "risk level: {tier}",
    },
}
TIERS: Final[dict[Language, dict[str, str]]] = {
    "uz": {"low": "past", "medium": "o'rta", "high": "yuqori"},
    "ru": {"low": "низкий", "medium": "средний", "high": "высокий"},
    "en": {"low": "low", "medium": "medium", "high": "high"},
}
WORDS: Final[dict[Language, dict[str, str]]] = {
    "uz": {
        "class": "{label} sinf",
        "pupil": "o'quvchi {id}",
        "hello": "Assalomu alaykum.",
        "intro": "Erta {day} holatiga ko'ra quyidagi o'quvchilarga e'tibor berishni taklif qiladi:",
        "escalated": "Muddatida ko'rib chiqilmagan ogohlantirishlar (direktor uchun):",
        "outro": "Sabablar va tafsilotlar Erta konsolida. Bu xat avtomatik yuborildi.",
        "digest_subject": "Erta: {day} ogohlantirishlari ({n} ta)",
        "alert_subject": "Erta: {where} — {what}",
        "chat": "Erta, {day}: {n} ta ogohlantirish ({classes}).",
        "chat_escalated": "Muddatida ko'rib chiqilmagan: {n} ta.",
        "chat_outro": "Batafsil Erta konsolida.",
    },
    "ru": {
        "class": "{label} класс",
        "pupil": "учащийся {id}",
        "hello": "Здравствуйте.",
        "intro": "По состоянию на {day} Erta предлагает обратить внимание на следующих учащихся:",
        "escalated": "Оповещения, не рассмотренные в срок (для директора):",
        "outro": "Причины и подробности — в консоли Erta. Письмо отправлено автоматически.",
        "digest_subject": "Erta: оповещения на {day} ({n})",
        "alert_subject": "Erta: {where} — {what}",
        "chat": "Erta, {day}: оповещений — {n} ({classes}).",
        "chat_escalated": "Не рассмотрено в срок: {n}.",
        "chat_outro": "Подробности — в консоли Erta.",
    },
    "en": {
        "class": "class {label}",
        "pupil": "pupil {id}",
        "hello": "Hello,",
        "intro": "As of {day}, Erta suggests a look at these pupils:",
        "escalated": "Alerts nobody acknowledged in time (for the principal):",
        "outro": "The reasons and details are in the Erta console. This message was sent automatically.",
        "digest_subject": "Erta: alerts for {day} ({n})",
        "alert_subject": "Erta: {where} — {what}",
        "chat": "Erta, {day}: {n} alerts ({classes}).",
        "chat_escalated": "Not acknowledged in time: {n}.",
        "chat_outro": "Details in the Erta console.",
    },
}


def reason_text(notice: Notice, language: Language) -> str:
    """The reason in words; a reason this table does not know is shown by its code rather than dropped."""
    template = REASONS[language].get(notice.reason, notice.reason)
    tier = TIERS[language].get(notice.tier or "", notice.tier or "")
    return template.format(tier=tier)


def subject_line(
    alerts: Sequence[Notice], escalations: Sequence[Notice], day: date, language: Language
) -> str:
    """A digest's subject, or for a single alert its class and reason: no pupil, as mail servers log it."""
    words = WORDS[language]
    if len(alerts) + len(escalations) == 1:
        (notice,) = (*alerts, *escalations)
        where = words["class"].format(label=notice.class_label)
        return words["alert_subject"].format(where=where, what=reason_text(notice, language))
    return words["digest_subject"].format(day=day.isoformat(), n=len(alerts) + len(escalations))


def email_body(alerts: Sequence[Notice], escalations: Sequence[Notice], day: date, language: Language) -> str:
    """Greeting, the pupils by class (diary id, subject, reason), the escalations, and where to read more."""
    words = WORDS[language]
    parts = [words["hello"], words["intro"].format(day=day.isoformat())]
    if alerts:
        parts.append(_by_class(alerts, language))
    if escalations:
        parts.append(words["escalated"] + "\n" + _by_class(escalations, language))
    parts.append(words["outro"])
    return "\n\n".join(parts) + "\n"


def chat_text(alerts: Sequence[Notice], escalations: Sequence[Notice], day: date, language: Language) -> str:
    """A messenger's short text: how many alerts in which classes; the pupils are in the console only."""
    words = WORDS[language]
    notices = [*alerts, *escalations]
    classes: dict[str, int] = {}
    for notice in notices:
        classes[notice.class_label] = classes.get(notice.class_label, 0) + 1
    listed = ", ".join(f"{label}: {n}" for label, n in sorted(classes.items()))
    lines = [words["chat"].format(day=day.isoformat(), n=len(notices), classes=listed)]
    if escalations:
        lines.append(words["chat_escalated"].format(n=len(escalations)))
    lines.append(words["chat_outro"])
    return " ".join(lines)


def _by_class(notices: Sequence[Notice], language: Language) -> str:
    words = WORDS[language]
    groups: dict[str, list[Notice]] = {}
    for notice in notices:
        groups.setdefault(notice.class_label, []).append(notice)
    blocks = []
    for label, members in sorted(groups.items()):
        lines = [words["class"].format(label=label)]
        for notice in sorted(members, key=lambda n: (n.pupil_id, n.reason, n.subject or "")):
            about = f"{notice.subject} — " if notice.subject else ""
            pupil = words["pupil"].format(id=notice.pupil_id)
            lines.append(f"  - {pupil}: {about}{reason_text(notice, language)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
