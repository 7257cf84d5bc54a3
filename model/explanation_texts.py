"""The wording of drivers that lower a pupil's risk, and of the states an explanation can be in (uz, ru, en).

Drivers that raise the risk are worded by `model.rationale_texts`, shared with the recommendations, so a
teacher reads the same sentence in both places. Placeholders: {s} a subject, {b} {x} marks or decimals, {p}
a percentage, {w} a period such as "over the last 6 weeks".
"""

from __future__ import annotations

from typing import Final

SUBJECT_GOOD: Final = {
    "en": "{s} marks are good: {b} on average {w}.",
    "ru": "Хорошие оценки по предмету «{s}»: в среднем {b} {w}.",
    "uz": "{s} fanidan baholar yaxshi: {w} o'rtacha {b}.",
}
SUBJECT_STEADY: Final = {
    "en": "{s} marks hold the risk down.",
    "ru": "Оценки по предмету «{s}» снижают риск.",
    "uz": "{s} fanidan baholar xavfni kamaytiradi.",
}
MARKS_GOOD: Final = {
    "en": "Marks overall are good: {b} on average {w}.",
    "ru": "Оценки в целом хорошие: в среднем {b} {w}.",
    "uz": "Umumiy baholar yaxshi: {w} o'rtacha {b}.",
}
MARKS_LOW: Final = {
    "en": "Marks overall average {b} {w}.",
    "ru": "Средняя оценка по всем предметам {w} — {b}.",
    "uz": "Barcha fanlar bo'yicha {w} o'rtacha baho {b}.",
}
MARKS_ONLY: Final = {
    "en": "Marks overall affect the estimate.",
    "ru": "Оценки в целом влияют на оценку риска.",
    "uz": "Umumiy baholar xavf bahosiga ta'sir qiladi.",
}
ATTENDANCE_GOOD: Final = {
    "en": "Attendance is strong: {p} of school days.",
    "ru": "Хорошая посещаемость: {p} учебных дней.",
    "uz": "Davomat yaxshi: o'quv kunlarining {p}.",
}
LMS_GOOD: Final = {
    "en": "Active in the LMS: {x} logins a week.",
    "ru": "Активен в LMS: {x} входа в неделю.",
    "uz": "LMSda faol: haftasiga {x} marta kiradi.",
}
NOTES_NONE: Final = {
    "en": "No recent notes from teachers.",
    "ru": "Нет недавних записей учителей.",
    "uz": "O'qituvchilarning yaqindagi izohlari yo'q.",
}
GRADE: Final = {
    "en": "The class year (grade {n}) shifts the estimate.",
    "ru": "Год обучения ({n} класс) влияет на оценку.",
    "uz": "Sinf ({n}-sinf) baholashga ta'sir qiladi.",
}
LOWERS: Final = {
    "en": "This lowers the risk.",
    "ru": "Это снижает риск.",
    "uz": "Bu xavfni kamaytiradi.",
}
INSUFFICIENT: Final = {
    "en": "Too few marks so far to judge: fewer than {n} in the last {w} weeks. Erta does not flag or clear "
    "this pupil until there are more.",
    "ru": "Пока слишком мало оценок, чтобы судить: меньше {n} за последние {w} недель. Erta не отмечает "
    "ученика и не снимает отметку, пока их не станет больше.",
    "uz": "Hozircha baholash uchun baholar kam: so'nggi {w} haftada {n} tadan kam. Baholar ko'paymaguncha "
    "Erta bu o'quvchini belgilamaydi ham, xavfsiz deb ham hisoblamaydi.",
}
