"""The nightly alerts job on a hand-built school, on SQLite and PostgreSQL, and `erta alerts` around it.

As of Wednesday 3 December 2025, S1-7B-01's Matematika falls a mark every fortnight (marked by T2, though T3
marked the pupil twice in September), S1-7B-02's falls the same way but consent is revoked, and S1-7B-03
holds steady but has missed the last three school days. T1 is 7-B's class teacher and T9 the principal. S2
has a falling pupil too, and no principal.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner, Result

from service.alerts_job import AlertsError, AlertsRun, run_alerts
from service.cli.main import app
from service.db.models import Alert, Attendance, Mark, Pupil, School, SchoolClass, Staff

AS_OF = date(2025, 12, 3)
FALLING_DAYS = [date(2025, 10, d) for d in (22, 27, 30)] + [date(2025, 11, d) for d in (12, 17, 21, 26)]
FALLING_DAYS.append(date(2025, 12, 1))
ABSENT_DAYS = [date(2025, 11, 29), date(2025, 12, 1), date(2025, 12, 2)]  # Sunday 30 November between
FALLING, STEADY = [5, 5, 4, 4, 3, 3, 2, 2], [4] * 8
FALLS, REVOKED, HOLDS, OTHER = "S1-7B-01", "S1-7B-02", "S1-7B-03", "S2-5A-01"
NAMES = {pupil: f"Karimov{pupil[-1]} Alisher" for pupil in (FALLS, REVOKED, HOLDS, OTHER)}


def load_school(engine: Engine) -> None:
    schools = [("S1", "45-maktab"), ("S2", "3-maktab")]
    staff = [("T1", "S1", "class_teacher"), ("T2", "S1", "subject_teacher"), ("T3", "S1", "subject_teacher")]
    staff += [("T9", "S1", "principal"), ("T5", "S2", "class_teacher")]
    marks = _marks(FALLS, "T2", FALLING) + _marks(REVOKED, "T2", FALLING) + _marks(HOLDS, "T2", STEADY)
    marks += _marks(OTHER, "T5", FALLING)
    marks += [_mark(FALLS, "T3", date(2025, 9, d), 4) for d in (10, 17)]
    with engine.begin() as connection:
        connection.execute(
            insert(School),
            [
                {"school_id": s, "name": n, "region": "Navoiy", "district": "Karmana", "locality": "urban"}
                | {"language": "uz"}
                for s, n in schools
            ],
        )
        connection.execute(
            insert(Staff),
            [
                {"staff_id": i, "full_name": f"Teacher {i}", "school_id": s, "roles": [r], "subjects": []}
                for i, s, r in staff
            ],
        )
        connection.execute(
            insert(SchoolClass),
            [
                {"class_id": "S1-7B", "school_id": "S1", "grade_level": 7, "label": "7-B"}
                | {"class_teacher_id": "T1"},
                {"class_id": "S2-5A", "school_id": "S2", "grade_level": 5, "label": "5-A"}
                | {"class_teacher_id": "T5"},
            ],
        )
        connection.execute(insert(Pupil), [_pupil(pupil) for pupil in NAMES])
        connection.execute(insert(Mark), marks)
        connection.execute(
            insert(Attendance),
            [{"pupil_id": HOLDS, "date": d, "subject": "", "status": "absent_excused"} for d in ABSENT_DAYS],
        )


def _marks(pupil_id: str, teacher_id: str, values: list[int]) -> list[dict[str, Any]]:
    return [_mark(pupil_id, teacher_id, day, mark) for day, mark in zip(FALLING_DAYS, values, strict=True)]


def _mark(pupil_id: str, teacher_id: str, day: date, mark: int) -> dict[str, Any]:
    return {"pupil_id": pupil_id, "subject": "Matematika", "date": day, "kind": "daily", "mark": mark} | {
        "teacher_id": teacher_id
    }


def _pupil(pupil_id: str) -> dict[str, Any]:
    return {
        "pupil_id": pupil_id,
        "full_name": NAMES[pupil_id],
        "birth_date": date(2012, 3, 1),
        "sex": "M",
        "class_id": pupil_id[:5],
        "language": "uz",
        "consent": "revoked" if pupil_id == REVOKED else "granted",
    }


@pytest.fixture
def school(engine: Engine) -> Engine:
    load_school(engine)
    return engine


def alerts(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        return [dict(row) for row in connection.execute(select(Alert).order_by(Alert.id)).mappings()]


def keys(engine: Engine) -> set[tuple[str, str, str, str | None]]:
    return {(a["pupil_id"], a["reason"], a["subject"], a["recipient_staff_id"]) for a in alerts(engine)}


def told(run: AlertsRun) -> dict[str, list[str]]:
    return {who: [item.pupil_id for item in d.alerts + d.escalations] for who, d in run.digests.items()}


def test_a_falling_pupil_gets_one_alert_for_the_class_teacher_and_one_for_the_subject_teacher(
    school: Engine,
) -> None:
    run = run_alerts(school, as_of=AS_OF, school_id="S1")
    falling = {(FALLS, "marks_falling", "Matematika", t) for t in ("T1", "T2")}
    assert keys(school) == falling | {(HOLDS, "absence_streak", "", "T1")}
    assert all(
        a["status"] == "open" and a["opened_on"] == a["last_notified_on"] == AS_OF for a in alerts(school)
    )
    slopes = [a["details"]["facts"].get("slope") for a in alerts(school)]
    assert all(slope < -0.15 for slope in slopes if slope is not None)
    counts = run.by_reason["marks_falling"]
    assert (counts.opened, counts.updated, counts.notified, counts.escalated) == (2, 0, 0, 0)
    assert run.by_reason["absence_streak"].opened == 1
    assert (run.schools, run.pupils, run.signals) == (1, 2, 2)
    assert told(run) == {"T1": [FALLS, HOLDS], "T2": [FALLS]}
    (item,) = run.digests["T2"].alerts
    assert (item.reason, item.subject) == ("marks_falling", "Matematika")


def test_every_school_when_none_is_named_and_an_unknown_one_is_refused(school: Engine) -> None:
    run = run_alerts(school, as_of=AS_OF)
    assert run.schools == 2
    assert told(run) == {"T1": [FALLS, HOLDS], "T2": [FALLS], "T5": [OTHER]}
    with pytest.raises(AlertsError, match="no school has the id 'S7'"):
        run_alerts(school, as_of=AS_OF, school_id="S7")


@pytest.mark.parametrize("later", [0, 1])
def test_running_again_opens_nothing_and_tells_nobody(school: Engine, later: int) -> None:
    run_alerts(school, as_of=AS_OF)
    before = alerts(school)
    again = run_alerts(school, as_of=AS_OF + timedelta(days=later))
    assert (again.total("opened"), again.total("notified"), again.total("updated")) == (0, 0, 4 - later)
    assert again.digests == {}
    after = alerts(school)
    assert [a["id"] for a in after] == [a["id"] for a in before]
    assert all(a["last_notified_on"] == AS_OF for a in after)


def test_a_revoked_pupil_gets_no_alert(school: Engine) -> None:
    for day in (AS_OF, AS_OF + timedelta(days=6)):
        run = run_alerts(school, as_of=day)
        assert all(REVOKED not in pupils for pupils in told(run).values())
    assert REVOKED not in {a["pupil_id"] for a in alerts(school)}


def test_unacknowledged_alerts_go_to_the_principal_once(school: Engine) -> None:
    run_alerts(school, as_of=AS_OF)
    with school.begin() as connection:
        connection.execute(
            update(Alert)
            .where(Alert.recipient_staff_id == "T2")
            .values(status="acknowledged", acknowledged_on=AS_OF + timedelta(days=1))
        )
    assert run_alerts(school, as_of=AS_OF + timedelta(days=4)).total("escalated") == 0
    due = run_alerts(school, as_of=AS_OF + timedelta(days=5))
    assert due.total("escalated") == 2  # T1's two alerts; T2 acknowledged theirs; S2 has no principal
    assert told(due) == {"T9": [FALLS, HOLDS]}
    assert [item.reason for item in due.digests["T9"].escalations] == ["marks_falling", "absence_streak"]
    assert {(a["pupil_id"], a["recipient_staff_id"]): a["escalated_on"] for a in alerts(school)} == {
        (FALLS, "T1"): AS_OF + timedelta(days=5),
        (HOLDS, "T1"): AS_OF + timedelta(days=5),
        (FALLS, "T2"): None,
        (OTHER, "T5"): None,
    }
    later = run_alerts(school, as_of=AS_OF + timedelta(days=6))
    assert later.total("escalated") == 0
    assert later.digests == {}


def test_a_snooze_that_ends_tells_only_the_one_who_snoozed(school: Engine) -> None:
    run_alerts(school, as_of=AS_OF, school_id="S1")
    with school.begin() as connection:
        connection.execute(
            update(Alert)
            .where(Alert.recipient_staff_id == "T1", Alert.reason == "marks_falling")
            .values(status="snoozed", snoozed_until=AS_OF + timedelta(days=2))
        )
    quiet = run_alerts(school, as_of=AS_OF + timedelta(days=1), school_id="S1")
    assert (quiet.total("updated"), quiet.digests) == (2, {})
    woken = run_alerts(school, as_of=AS_OF + timedelta(days=2), school_id="S1")
    assert (woken.total("notified"), woken.total("updated")) == (1, 1)
    assert told(woken) == {"T1": [FALLS]}
    assert {a["recipient_staff_id"]: a["status"] for a in alerts(school) if a["subject"]} == {
        "T1": "open",
        "T2": "open",
    }


def test_a_dry_run_writes_nothing(school: Engine) -> None:
    dry = run_alerts(school, as_of=AS_OF, dry_run=True)
    assert (dry.dry_run, dry.total("opened"), alerts(school)) == (True, 4, [])
    run_alerts(school, as_of=AS_OF)
    before = alerts(school)
    assert run_alerts(school, as_of=AS_OF + timedelta(days=5), dry_run=True).total("escalated") == 3
    assert alerts(school) == before


def test_the_database_refuses_a_second_live_alert(school: Engine) -> None:
    run_alerts(school, as_of=AS_OF, school_id="S1")
    copy = {"pupil_id": FALLS, "reason": "marks_falling", "subject": "Matematika", "status": "open"}
    copy |= {"recipient_staff_id": "T1", "details": {}}
    with pytest.raises(IntegrityError), school.begin() as connection:
        connection.execute(insert(Alert).values(copy))
    with school.begin() as connection:  # a closed one beside it is history, not a duplicate
        connection.execute(insert(Alert).values(copy | {"status": "closed"}))


def test_the_summary_and_digests_never_name_a_pupil(school: Engine) -> None:
    run = run_alerts(school, as_of=AS_OF)
    run_alerts(school, as_of=AS_OF + timedelta(days=5))
    text = repr(run) + repr(alerts(school))
    assert FALLS in text
    assert not any(name in text or name.split()[0] in text for name in NAMES.values())


@pytest.fixture
def erta(school: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ERTA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ERTA_DATABASE_URL", school.url.render_as_string(hide_password=False))
    return school


def cli(*args: str) -> Result:
    return CliRunner().invoke(app, ["alerts", *args])


def test_cli_runs_prints_counts_and_digest_sizes_and_lists_open_alerts(erta: Engine) -> None:
    dry = cli("run", "--as-of", "2025-12-03", "--school", "S1", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "(dry run: nothing changed)" in dry.stderr
    assert alerts(erta) == []
    result = cli("run", "--as-of", "2025-12-03", "--school", "S1")
    assert result.exit_code == 0, result.output
    (row,) = [line for line in result.stderr.splitlines() if "marks_falling" in line]
    assert row.split("│")[2:7] == ["      2 ", "       0 ", "        0 ", "         0 ", "       0 "]
    assert "T1: 2 in the digest (2 alerts, 0 escalations)" in result.stderr
    assert "T2: 1 in the digest (1 alerts, 0 escalations)" in result.stderr
    listed = cli("list", "--staff", "T2")
    assert listed.exit_code == 0, listed.output
    assert listed.stderr.splitlines() == [
        "Open alerts: 1",
        f"#2 to T2: {FALLS} marks_falling Matematika, opened 2025-12-03, last told 2025-12-03",
    ]
    output = dry.output + result.output + listed.output
    assert not any(name.split()[0] in output for name in NAMES.values())
    assert "No open alerts for T9." in cli("list", "--staff", "T9").stderr


def test_cli_refuses_an_unknown_school_in_one_line(erta: Engine) -> None:
    result = cli("run", "--school", "S7")
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == "error: no school has the id 'S7'"


def test_cli_without_a_date_runs_the_day_after_records_that_end_before_today(erta: Engine) -> None:
    result = cli("run", "--dry-run")
    assert result.exit_code == 0, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith("The records end before today: alerts run as of ")
    day = first.removeprefix("The records end before today: alerts run as of ").removesuffix(
        ", the next day."
    )
    assert f"Alerts as of {day}" in result.stderr
    assert "marks_falling" in result.stderr
