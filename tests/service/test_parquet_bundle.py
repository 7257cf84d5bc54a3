"""`service.parquet_bundle` (`erta parquet`): every row of a consenting pupil lands in the partition of the
pupil's school, in the dtypes `model.records` expects, with no personal data; a bad file stops the
conversion with its name, leaving nothing behind."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from model.records import SCHEMAS
from service.parquet_bundle import ConversionSummary, ParquetBundleError, convert_bundle
from service.parquet_layout import RECORD_FILES
from service.synthetic import generate_bundle

PUPILS = 360
PARTITION_PUPILS = 150
PERSONAL = {"full_name", "pinfl", "birth_date", "guardian_name", "guardian_phone", "address", "text"}
RECORDS = {"grades": "marks", "attendance": "attendance", "lms_events": "lms", "notes": "notes"}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-year district of six schools with two pupils' consent revoked."""
    out = tmp_path_factory.mktemp("bundle")
    generate_bundle(out, seed=3, pupils=PUPILS, schools=6, on_school_done=lambda _: None)
    _revoke(out / "pupils.csv", {"P0000002", "P0000100"})
    return out


@pytest.fixture(scope="module")
def converted(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> ConversionSummary:
    return convert_bundle(
        bundle, tmp_path_factory.mktemp("parquet") / "out", partition_pupils=PARTITION_PUPILS
    )


def test_every_row_of_a_consenting_pupil_is_copied_once_and_the_rest_counted(
    bundle: Path, converted: ConversionSummary
) -> None:
    pupils = pl.read_csv(bundle / "pupils.csv", infer_schema=False)
    kept = set(pupils.filter(pl.col("consent") != "revoked")["pupil_id"])
    assert not {"P0000002", "P0000100"} & kept
    assert converted.pupils == len(kept)
    assert converted.left_out["pupils"] == PUPILS - len(kept) >= 2
    for stem, (file_name, _) in RECORD_FILES.items():
        source = pl.read_csv(bundle / file_name, infer_schema=False)
        copied = pl.read_parquet(converted.out_dir / "part=*" / f"{stem}.parquet")
        assert converted.rows[stem] == copied.height == source.filter(pl.col("pupil_id").is_in(kept)).height
        assert converted.rows[stem] + converted.left_out[stem] == source.height, stem
        assert set(copied["pupil_id"].cast(pl.String)) <= kept


def test_partitions_hold_whole_schools_and_the_records_of_their_own_pupils(
    converted: ConversionSummary,
) -> None:
    folders = sorted(converted.out_dir.glob("part=*"))
    assert [f.name for f in folders] == [f"part={i:04d}" for i in range(converted.partitions)]
    assert converted.partitions >= 2
    schools_seen: set[str] = set()
    for folder in folders:
        roster = pl.read_parquet(folder / "pupils.parquet")
        schools = set(roster["school_id"].cast(pl.String))
        assert not schools & schools_seen, "a school is split across partitions"
        schools_seen |= schools
        assert roster.height <= PARTITION_PUPILS or len(schools) == 1
        ids = set(roster["pupil_id"].cast(pl.String))
        for stem in RECORD_FILES:
            assert set(pl.read_parquet(folder / f"{stem}.parquet")["pupil_id"].cast(pl.String)) <= ids


def test_files_have_the_dtypes_records_expect_and_no_personal_column(converted: ConversionSummary) -> None:
    folder = converted.out_dir / "part=0000"
    for stem, table in RECORDS.items():
        schema = pl.read_parquet_schema(folder / f"{stem}.parquet")
        for column, dtype in SCHEMAS[table].items():
            assert schema[column] == dtype, (stem, column)
    roster = pl.read_parquet_schema(folder / "pupils.parquet")
    assert roster == {
        "pupil_id": pl.Categorical(),
        "class_id": pl.Categorical(),
        "school_id": pl.Categorical(),
        "grade_level": pl.Int64(),
    }
    for path in converted.out_dir.rglob("*.parquet"):
        assert not set(pl.read_parquet_schema(path)) & PERSONAL, path


def test_the_manifest_lists_partitions_counts_and_the_latest_mark(
    bundle: Path, converted: ConversionSummary
) -> None:
    manifest = json.loads((converted.out_dir / "manifest.json").read_text(encoding="utf-8"))
    assert [p["name"] for p in manifest["partitions"]] == [
        f"part={i:04d}" for i in range(converted.partitions)
    ]
    assert sum(p["pupils"] for p in manifest["partitions"]) == converted.pupils
    assert sum(p["schools"] for p in manifest["partitions"]) == converted.schools == 6
    latest = pl.read_csv(bundle / "grades.csv", infer_schema=False)["date"].max()
    assert manifest["latest_mark"] == latest == str(converted.latest_mark)
    assert manifest["rows"] == converted.rows


@pytest.mark.parametrize(
    ("file_name", "line", "reason"),
    [
        ("grades.csv", "P0000001,Matematika,2025-13-40,daily,5,T000001", "to `date` failed in column 'date'"),
        ("grades.csv", "P0000001,Matematika,2025-10-01,daily,five,T000001", "failed in column 'mark'"),
        ("lms_events.csv", "P0000001,2025-10-01 10:00,Matematika,login,", "failed in column 'timestamp'"),
        ("classes.csv", "S0001-9Z,S0001,ninth,9-Z,T000001", "failed in column 'grade_level'"),
    ],
)
def test_a_bad_value_stops_the_conversion_naming_the_file_and_leaves_nothing(
    bundle: Path, tmp_path: Path, file_name: str, line: str, reason: str
) -> None:
    broken = _copy(bundle, tmp_path / "broken")
    with (broken / file_name).open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    out = tmp_path / "out"
    with pytest.raises(ParquetBundleError, match=f"{file_name}: .*{_escaped(reason)}"):
        convert_bundle(broken, out, partition_pupils=PARTITION_PUPILS)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["broken"], "no staging folder is left behind"


def test_a_missing_column_or_file_is_named(bundle: Path, tmp_path: Path) -> None:
    broken = _copy(bundle, tmp_path / "broken")
    frame = pl.read_csv(broken / "attendance.csv", infer_schema=False).drop("status")
    frame.write_csv(broken / "attendance.csv")
    with pytest.raises(ParquetBundleError, match=r"attendance\.csv: the header lacks column\(s\) status"):
        convert_bundle(broken, tmp_path / "out")
    (broken / "notes.csv").unlink()
    shutil.copy(bundle / "attendance.csv", broken / "attendance.csv")
    with pytest.raises(ParquetBundleError, match=r"notes\.csv: no such file"):
        convert_bundle(broken, tmp_path / "out")


def test_an_earlier_conversion_is_replaced_only_when_asked_and_other_folders_never(
    bundle: Path, converted: ConversionSummary, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(converted.out_dir, out)
    with pytest.raises(ParquetBundleError, match="pass --overwrite"):
        convert_bundle(bundle, out, partition_pupils=PARTITION_PUPILS)
    again = convert_bundle(bundle, out, partition_pupils=1000, overwrite=True)
    assert again.partitions == 1
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "part=0000"]
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(ParquetBundleError, match="not an Erta Parquet conversion"):
        convert_bundle(bundle, foreign, overwrite=True)
    assert (foreign / "holiday.jpg").exists()


def test_the_command_converts_and_reports_rows_per_file(bundle: Path, tmp_path: Path) -> None:
    from service.cli.main import app

    result = CliRunner().invoke(
        app, ["parquet", str(bundle), str(tmp_path / "out"), "--partition-pupils", "200"]
    )
    assert result.exit_code == 0, result.output
    assert "pupils of 6 schools" in result.output
    assert "lms_events" in result.output
    assert (tmp_path / "out" / "manifest.json").is_file()
    again = CliRunner().invoke(app, ["parquet", str(bundle), str(tmp_path / "out")])
    assert again.exit_code == 2
    assert "already holds a conversion" in again.output


def _revoke(path: Path, pupils: set[str]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = [row | {"consent": "revoked"} if row["pupil_id"] in pupils else row for row in reader]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def _copy(bundle: Path, to: Path) -> Path:
    shutil.copytree(bundle, to)
    return to


def _escaped(text: str) -> str:
    import re

    return re.escape(text)
