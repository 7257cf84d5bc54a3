"""The wording of Erta's recommendation rationales, one entry per language (uz, ru, en).

Kept apart from the code that picks the sentences (`model.rationales`) so that a translator or a school's
methodologist edits text without reading logic. Placeholders in braces are filled in by that module:
{s} a subject, {a} {b} {x} marks or decimals, {p} a percentage, {d} a number of days, {n} a count,
{w} a period such as "over the last 6 weeks" ({W} the same, capitalised), {names} a list of subjects,
{clauses} the facts that apply, joined by "; ".
"""

from __future__ import annotations

from typing import Final

LAST_WEEKS: Final = {
    "en": "over the last {n} weeks",
    "ru": "за последние {n} {weeks}",
    "uz": "so'nggi {n} haftada",
}
LAST_WEEK: Final = {"en": "over the last week", "ru": "за последнюю неделю", "uz": "so'nggi haftada"}

SUBJECT_FELL: Final = {
    "en": "{s} marks fell from {a} last quarter to {b} {w}.",
    "ru": "Оценки по предмету «{s}» снизились с {a} в прошлой четверти до {b} {w}.",
    "uz": "{s} fanidan baholar pasaydi: o'tgan chorakda {a}; {w} {b}.",
}
SUBJECT_MEAN: Final = {
    "en": "{s} marks average {b} {w}.",
    "ru": "Средняя оценка по предмету «{s}» {w} — {b}.",
    "uz": "{s} fanidan {w} o'rtacha baho {b}.",
}
SUBJECT_SLOPE: Final = {
    "en": "They are falling by {x} points a week.",
    "ru": "Она снижается на {x} балла в неделю.",
    "uz": "Baholar haftasiga {x} ballga pasaymoqda.",
}
SUBJECT_ONLY: Final = {
    "en": "{s} marks raise the risk.",
    "ru": "Оценки по предмету «{s}» повышают риск.",
    "uz": "{s} fanidan baholar xavfni oshirmoqda.",
}
SUBJECT_TWOS: Final = {
    "en": "Failing marks (2 or lower) this school year: {n}.",
    "ru": "Неудовлетворительных оценок (2 и ниже) в этом учебном году: {n}.",
    "uz": "Bu o'quv yilida qoniqarsiz baholar (2 va undan past): {n} ta.",
}

ATTENDANCE: Final = {
    "en": "Attendance: {clauses}.",
    "ru": "Посещаемость: {clauses}.",
    "uz": "Davomat: {clauses}.",
}
ATTENDED: Final = {
    "en": "attended {p} of school days",
    "ru": "посещено {p} учебных дней",
    "uz": "o'quv kunlarining {p} qismida qatnashgan",
}
UNEXCUSED: Final = {
    "en": "{p} of school days missed without a valid reason",
    "ru": "{p} учебных дней пропущено без уважительной причины",
    "uz": "o'quv kunlarining {p} qismi sababsiz qoldirilgan",
}
RECENT_ABSENCE: Final = {
    "en": "{p} of school days missed {w}",
    "ru": "{w} пропущено {p} учебных дней",
    "uz": "{w} o'quv kunlarining {p} qismi qoldirilgan",
}
STREAK: Final = {
    "en": "longest absence {d} in a row",
    "ru": "самый долгий пропуск — {d} подряд",
    "uz": "eng uzun uzluksiz yo'qlik {d}",
}
ATTENDANCE_ONLY: Final = {
    "en": "Attendance raises the risk.",
    "ru": "Посещаемость повышает риск.",
    "uz": "Davomat xavfni oshirmoqda.",
}

LMS: Final = {"en": "LMS: {clauses}.", "ru": "LMS: {clauses}.", "uz": "LMS: {clauses}."}
LMS_MISSED: Final = {
    "en": "{p} of assignments missed {w}",
    "ru": "{w} не сдано {p} заданий",
    "uz": "{w} topshiriqlarning {p} qismi topshirilmagan",
}
LMS_SINCE: Final = {
    "en": "last login {d} ago",
    "ru": "последний вход — {d} назад",
    "uz": "oxirgi marta {d} oldin kirgan",
}
LMS_LOGINS: Final = {
    "en": "{x} logins a week",
    "ru": "входов в неделю: {x}",
    "uz": "haftasiga {x} marta kirgan",
}
LMS_ONLY: Final = {
    "en": "LMS activity raises the risk.",
    "ru": "Активность в LMS повышает риск.",
    "uz": "LMS faolligi xavfni oshirmoqda.",
}

NOTES: Final = {
    "en": "Teachers' notes about the pupil {w}: {n}.",
    "ru": "Заметок учителей об ученике {w}: {n}.",
    "uz": "{W} o'qituvchilar o'quvchi haqida {n} ta qayd yozgan.",
}
NOTES_ONLY: Final = {
    "en": "Teachers' notes raise the risk.",
    "ru": "Заметки учителей повышают риск.",
    "uz": "O'qituvchilar qaydlari xavfni oshirmoqda.",
}

SUBJECTS: Final = {
    "en": "Marks in {names} raise the risk.",
    "ru": "Оценки по предметам {names} повышают риск.",
    "uz": "{names} fanlaridan baholar xavfni oshirmoqda.",
}
AND: Final = {"en": "and", "ru": "и", "uz": "va"}
HIGH_TIER: Final = {
    "en": "The pupil's overall risk is high.",
    "ru": "Общий риск ученика высокий.",
    "uz": "O'quvchining umumiy xavf darajasi yuqori.",
}
