"""`generate_bundle`: a synthetic district written as the canonical CSV bundle, one school at a time.

Each school draws from its own seed stream (`SeedSequence([seed, school_index])`), so its data do not depend
on how the district is iterated; only the running id numbers and the district-wide set of issued PINFLs are
carried from school to school. Memory stays bounded by the largest school.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from service.synthetic.calendar_arrays import year_calendar
from service.synthetic.classes import build_classes, teaching_plan
from service.synthetic.district import SchoolPlan, check_years, plan_district
from service.synthetic.frames import lookup
from service.synthetic.hidden_causes import draw_traits
from service.synthetic.names import Script
from service.synthetic.roster import build_pupils
from service.synthetic.school_year import School, write_year
from service.synthetic.staff import build_staff
from service.synthetic.writer import BundleWriter


@dataclass(frozen=True)
class GenerationSummary:
    out_dir: Path
    schools: int
    staff: int
    classes: int
    pupils: int
    rows: dict[str, int]  # file name → data rows written, for every bundle file


@dataclass
class _Numbering:
    """District-wide running numbers for T000001, P0000001 and N0000001 ids."""

    staff: int = 1
    pupil: int = 1
    note: int = 1


def _build_school(
    plan: SchoolPlan,
    years: tuple[int, ...],
    numbering: _Numbering,
    issued: set[int],
    rng: np.random.Generator,
) -> tuple[School, random.Random]:
    """Roster and hidden traits of one school (names and text use a fast seeded `random.Random`)."""
    rnd = random.Random(int(rng.integers(2**63)))
    classes = build_classes(plan, rng)
    plans = [teaching_plan(int(g), len(years), plan.language) for g in classes.grades]
    script: Script = "ru_cyrl" if plan.language == "ru" else "latin"
    staff = build_staff(script, classes.grades.tolist(), plans, numbering.staff, rng, rnd)
    pupils = build_pupils(plan, classes, years[-1], numbering.pupil, issued, rng, rnd)
    traits = draw_traits(rng, len(pupils))
    school = School(
        plan.language, plan.urban, classes, staff, pupils, traits, lookup(pupils.ids), lookup(staff.ids)
    )
    return school, rnd


def _write_roster(writer: BundleWriter, plan: SchoolPlan, school: School) -> None:
    """The school's rows of schools.csv, staff.csv, classes.csv and pupils.csv."""
    staff, classes, pupils = school.staff, school.classes, school.pupils
    school_row = {"school_id": plan.school_id, "name": plan.name, "region": plan.region}
    school_row |= {"district": plan.district, "locality": plan.locality, "language": plan.language}
    writer.append("schools.csv", pl.DataFrame([school_row]))
    staff_rows: dict[str, Any] = {
        "staff_id": staff.ids,
        "full_name": staff.full_names,
        "school_id": plan.school_id,
    }
    staff_rows |= {"roles": staff.roles, "subjects": staff.subjects, "mentor_capacity": staff.mentor_capacity}
    writer.append("staff.csv", pl.DataFrame(staff_rows))
    class_rows: dict[str, Any] = {
        "class_id": classes.ids,
        "school_id": plan.school_id,
        "grade_level": classes.grades,
    }
    class_rows |= {"label": classes.labels, "class_teacher_id": [staff.ids[i] for i in staff.class_teacher]}
    writer.append("classes.csv", pl.DataFrame(class_rows))
    pupil_rows: dict[str, Any] = {c: getattr(pupils, c) for c in ("pinfl", "full_name", "birth_date", "sex")}
    pupil_rows = {
        "pupil_id": pupils.ids,
        **pupil_rows,
        "class_id": [classes.ids[c] for c in pupils.class_idx],
    }
    for column in ("language", "guardian_name", "guardian_phone", "address", "consent"):
        pupil_rows[column] = getattr(pupils, column)
    writer.append("pupils.csv", pl.DataFrame(pupil_rows, schema_overrides={"birth_date": pl.Date}))


def generate_bundle(
    out_dir: Path,
    *,
    seed: int = 7,
    pupils: int = 2000,
    schools: int | None = None,
    academic_years: Sequence[int] = (2025,),
    on_school_done: Callable[[int], None] | None = None,
) -> GenerationSummary:
    """Write a synthetic district of exactly `pupils` pupils to `out_dir` as the canonical bundle.

    `pupils.csv` describes the last academic year; in earlier years each cohort is one grade lower.
    Same arguments give byte-identical files. `on_school_done(pupils_in_school)` runs once per school when
    its rows are handed to the background writer (at most about one school ahead of the disk); every file
    is complete and closed when this function returns.
    """
    years = check_years(academic_years)
    plans = plan_district(seed, pupils, schools)
    numbering, issued = _Numbering(), set[int]()
    staff_total = classes_total = 0
    with BundleWriter(Path(out_dir)) as writer:
        for plan in plans:
            rng = np.random.default_rng(np.random.SeedSequence([seed, plan.index]))
            school, rnd = _build_school(plan, years, numbering, issued, rng)
            _write_roster(writer, plan, school)
            for k, year in enumerate(years):
                back = len(years) - 1 - k
                numbering.note += write_year(
                    school, year_calendar(year), back, rng, rnd, writer, numbering.note
                )
            numbering.staff += len(school.staff.ids)
            numbering.pupil += len(school.pupils)
            staff_total += len(school.staff.ids)
            classes_total += len(school.classes)
            if on_school_done is not None:
                on_school_done(len(school.pupils))
    return GenerationSummary(Path(out_dir), len(plans), staff_total, classes_total, pupils, dict(writer.rows))
