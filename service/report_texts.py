"""The words of the principal's PDF report in Uzbek, Russian and English; the recommendations themselves
come worded in the report's language from `model.support_advice`."""

from __future__ import annotations

from typing import Final

LANGUAGES: Final = ("uz", "ru", "en")

TEXTS: Final[dict[str, dict[str, str]]] = {
    "title": {"uz": "Monitoring hisoboti", "ru": "Отчёт мониторинга", "en": "Monitoring report"},
    "against": {"uz": "solishtirilgan:", "ru": "в сравнении с", "en": "against"},
    "through": {"uz": "Hisob kuni:", "ru": "Данные по", "en": "Counted up to"},
    "suppressed": {
        "uz": "{n} nafardan kam o'quvchili guruhlar ko'rsatilmaydi (<{n}).",
        "ru": "Группы менее {n} учеников скрыты (<{n}).",
        "en": "Groups under {n} pupils are suppressed (<{n}).",
    },
    "heatmap": {
        "uz": "O'rtacha baho o'zgarishi, sinf × fan",
        "ru": "Изменение среднего балла, класс × предмет",
        "en": "Change of the mean mark, class × subject",
    },
    "slipping": {
        "uz": "▼ pasayish: o'zgarish ≤ {change:+.2f} va p < {alpha}",
        "ru": "▼ снижение: изменение ≤ {change:+.2f} и p < {alpha}",
        "en": "▼ slipping: change ≤ {change:+.2f} and p < {alpha}",
    },
    "class": {"uz": "sinf", "ru": "класс", "en": "class"},
    "subject": {"uz": "fan", "ru": "предмет", "en": "subject"},
    "no_marks": {
        "uz": "Bu chorakda baholar yo'q.",
        "ru": "В этой четверти оценок нет.",
        "en": "No marks in this quarter.",
    },
    "no_scores": {
        "uz": "Xavf baholari hali hisoblanmagan.",
        "ru": "Оценки риска ещё не рассчитаны.",
        "en": "No risk scores yet.",
    },
    "flagged": {"uz": "xavf ostida", "ru": "в группе риска", "en": "flagged"},
    "not_flagged": {"uz": "xavf yo'q", "ru": "без риска", "en": "not flagged"},
    "flagged_title": {
        "uz": "Xavf ostidagi o'quvchilar, sinflar bo'yicha ({day})",
        "ru": "Ученики в группе риска по классам ({day})",
        "en": "Flagged pupils per class (scores of {day})",
    },
    "recommendations": {
        "uz": "Ko'rib chiqish uchun yordam",
        "ru": "Поддержка к рассмотрению",
        "en": "Support to consider",
    },
    "none_slipping": {
        "uz": "Hech bir sinfda biror fan bo'yicha pasayish yo'q.",
        "ru": "Ни в одном классе нет снижения ни по одному предмету.",
        "en": "No class is slipping in any subject.",
    },
    "more": {
        "uz": "… va yana {n} ta (to'liq ro'yxat CSV va JSON hisobotida)",
        "ru": "… и ещё {n} (полный список в отчёте CSV и JSON)",
        "en": "… and {n} more (the full list is in the CSV and JSON report)",
    },
}


def text(key: str, lang: str) -> str:
    """The text in `lang`, or in English where it has none."""
    words = TEXTS[key]
    return words.get(lang, words["en"])
