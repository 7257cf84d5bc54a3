from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from model.school_calendar import school_days
from service.district_summary import summarise_district
from service.ingest import ingest_bundle
from tests.service.ingest.conftest import build_bundle


def test_counts_pupils_meeting_either_half_of_the_risk_target(engine: Engine, tmp_path: Path) -> None:
    bundle = build_bundle(tmp_path / "bundle")
    days = school_days(2025)
    with (bundle / "grades.csv").open("a", encoding="utf-8") as grades:
        grades.write("P0000,Fizika,2025-10-31,quarter,2,T2\n")  # fails a quarter this year
        grades.write("P0001,Fizika,2025-10-31,quarter,3,T2\n")  # passes
        grades.write("P0002,Fizika,2024-12-27,quarter,2,T2\n")  # failed, but last year
    chronic_days = -(-len(days) // 10)  # exactly a tenth, rounded up
    with (bundle / "attendance.csv").open("a", encoding="utf-8") as attendance:
        attendance.writelines(f"P0004,{day},,absent_unexcused\n" for day in days[10 : 10 + chronic_days])
        attendance.writelines(f"P0005,{day},,absent_excused\n" for day in days[10 : 10 + chronic_days - 1])
        attendance.writelines(f"P0007,{day},,late\n" for day in days[:60])  # late is not absent
    assert ingest_bundle(bundle, engine).ok

    with engine.connect() as connection:
        summary = summarise_district(connection, 2025)

    assert summary.counts["pupils"] == 12
    assert summary.pupils_failing_a_quarter == 1
    assert summary.pupils_chronically_absent == 1
