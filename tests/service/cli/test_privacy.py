"""`erta privacy anonymize` and `erta privacy eval`: JSON Lines in, lines or figures out."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli.main import app

NOTES = [
    {
        "id": "n1",
        "text": "Karimov Alisherning onasi Dilnoza opaga +998 90 123-45-67 raqamiga qo'ng'iroq qildim.",
    },
    {"id": 2, "text": "Sobirova Laylo bugun kelmadi. Laylo kasal."},
    {"id": "n3", "text": "Uy vazifasini bajarmadi, 2 baho oldi."},
]


def _write_jsonl(path: Path, lines: list[object]) -> Path:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return path


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _roster(folder: Path, *, pupils: bool = True, staff: bool = True) -> Path:
    folder.mkdir()
    if pupils:
        with (folder / "pupils.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["pupil_id", "full_name", "guardian_name"])
            writer.writerow(["P1", "Bekmurodxo'ja Shamsiddin", "Bekmurodxo'ja Oygul"])
    if staff:
        with (folder / "staff.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["staff_id", "full_name", "school_id"])
            writer.writerow(["T1", "Xo'janiyoz Nizomiddin", "S1"])
    return folder


def test_anonymize_masks_and_reports_offsets_into_the_original(tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "notes.jsonl", NOTES)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["privacy", "anonymize", "--in", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = _read_jsonl(out)
    assert [line["id"] for line in lines] == ["n1", 2, "n3"]
    first = lines[0]
    assert first["text"] == "<PERSON_1>ning onasi <PERSON_2> opaga <UZ_PHONE_1> raqamiga qo'ng'iroq qildim."
    original = NOTES[0]["text"]
    found = {original[e["start"] : e["end"]]: e["entity_type"] for e in first["entities"]}  # type: ignore[index]
    assert found == {"Karimov Alisher": "PERSON", "Dilnoza": "PERSON", "+998 90 123-45-67": "UZ_PHONE"}
    assert lines[1]["text"] == "<PERSON_1> bugun kelmadi. <PERSON_2> kasal."
    assert lines[2] == {"id": "n3", "text": NOTES[2]["text"], "entities": []}


@pytest.mark.parametrize(("pupils", "staff"), [(True, True), (True, False), (False, True)])
def test_a_roster_folder_may_hold_pupils_staff_or_both(tmp_path: Path, pupils: bool, staff: bool) -> None:
    roster = _roster(tmp_path / "roster", pupils=pupils, staff=staff)
    # Names no dictionary or surname shape knows: only the roster can tell they are names.
    text = "Bekmurodxoʻja Shamsiddin va onasi Oygul; ustoz Xo'janiyoz Nizomiddin."
    source = _write_jsonl(tmp_path / "notes.jsonl", [{"id": 1, "text": text}])
    out = tmp_path / "out.jsonl"
    args = ["privacy", "anonymize", "--in", str(source), "--out", str(out), "--roster", str(roster)]
    assert CliRunner().invoke(app, args).exit_code == 0
    masked = _read_jsonl(out)[0]["text"]
    assert ("Shamsiddin" in masked) is not pupils
    assert ("Oygul" in masked) is not pupils
    assert ("Nizomiddin" in masked) is not staff


def test_a_bad_line_is_named_and_every_valid_line_is_still_written(tmp_path: Path) -> None:
    source = tmp_path / "notes.jsonl"
    source.write_text(
        json.dumps(NOTES[0], ensure_ascii=False)
        + "\n{not json\n"
        + '{"id": 5}\n'
        + json.dumps(NOTES[2])
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["privacy", "anonymize", "--in", str(source), "--out", str(out)])
    assert result.exit_code == 1
    assert f"{source}:2: not JSON" in result.output
    assert f'{source}:3: expected an object with a string "text"' in result.output
    assert [line["id"] for line in _read_jsonl(out)] == ["n1", "n3"]
    assert "Alisher" not in result.output


def test_a_roster_folder_without_roster_files_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    source = _write_jsonl(tmp_path / "notes.jsonl", NOTES)
    args = ["privacy", "anonymize", "--in", str(source), "--out", str(tmp_path / "o.jsonl")]
    result = CliRunner().invoke(app, [*args, "--roster", str(tmp_path / "empty")])
    assert result.exit_code == 2
    assert "holds neither pupils.csv nor staff.csv" in result.output


def test_eval_reports_precision_recall_f2_and_leaks_per_entity(tmp_path: Path) -> None:
    text = "Karimov Alisher tel 90 123 45 67, Lola keldi."  # "keldi" stands in for a missed identifier
    corpus = _write_jsonl(
        tmp_path / "corpus.jsonl",
        [
            {"text": text, "spans": [
                {"start": 0, "end": 15, "entity_type": "PERSON"},
                {"start": 20, "end": 32, "entity_type": "UZ_PHONE"},
                {"start": 39, "end": 44, "entity_type": "UZ_PASSPORT"},
            ]},
        ],
    )  # fmt: skip
    report_path = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["privacy", "eval", "--corpus", str(corpus), "--json", str(report_path)])
    assert result.exit_code == 0, result.output
    report = json.loads(report_path.read_text(encoding="utf-8"))
    per = report["per_entity"]
    assert per["UZ_PHONE"]["recall"] == 1.0
    assert per["UZ_PASSPORT"] == {**per["UZ_PASSPORT"], "gold": 1, "found": 0, "leaked": 1}
    assert per["PERSON"]["gold"] == 1
    assert per["PERSON"]["predicted"] == 2  # "Lola" is a name the gold labelled otherwise
    assert per["PERSON"]["precision"] == 0.5
    assert report["overall"]["gold"] == 3
    assert report["notes"] == 1


def test_eval_names_a_span_outside_its_text(tmp_path: Path) -> None:
    corpus = _write_jsonl(
        tmp_path / "c.jsonl", [{"text": "abc", "spans": [{"start": 1, "end": 9, "entity_type": "X"}]}]
    )
    result = CliRunner().invoke(
        app, ["privacy", "eval", "--corpus", str(corpus), "--json", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 1
    assert f"{corpus}:1: a span lies outside the text" in result.output
