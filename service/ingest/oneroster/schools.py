"""orgs.csv: each org of type `school` becomes a school; its district and region are the names of the orgs
above it (the nearest of type `district` or `local`, the nearest of type `state`)."""

from __future__ import annotations

from service.ingest.fields import FieldError
from service.ingest.oneroster.export import BundleRow, Export, SourceRow
from service.ingest.oneroster.files import DEFAULT_LANGUAGE, DEFAULT_LOCALITY, LANGUAGE, LOCALITY

DISTRICT_TYPES = ("district", "local")
REGION_TYPES = ("state",)


def map_schools(export: Export) -> list[BundleRow]:
    rows: list[BundleRow] = []
    for org in export.rows_of("orgs.csv"):
        if org.get("type") != "school":
            continue
        try:
            ancestors = _ancestors(export, org)
            rows.append(
                (
                    org.line,
                    {
                        "school_id": org.id,
                        "name": org.get("name"),
                        "region": _nearest(ancestors, REGION_TYPES),
                        "district": _nearest(ancestors, DISTRICT_TYPES),
                        "locality": org.get(LOCALITY) or DEFAULT_LOCALITY,
                        "language": school_language(org),
                    },
                )
            )
        except FieldError as error:
            export.reject_row(org, str(error))
    return rows


def school_language(org: SourceRow) -> str:
    return org.get(LANGUAGE) or DEFAULT_LANGUAGE


def _ancestors(export: Export, org: SourceRow) -> list[SourceRow]:
    """The orgs above `org`, nearest first (a loop in the parents ends the walk)."""
    chain: list[SourceRow] = []
    seen = {org.id}
    parent_id = org.get("parentSourcedId")
    while parent_id and parent_id not in seen:
        parent = export.find("orgs.csv", parent_id, "parentSourcedId", "org")
        chain.append(parent)
        seen.add(parent_id)
        parent_id = parent.get("parentSourcedId")
    return chain


def _nearest(ancestors: list[SourceRow], types: tuple[str, ...]) -> str:
    for org in ancestors:
        if org.get("type") in types:
            return org.get("name")
    raise FieldError(f"parentSourcedId: no org of type {' or '.join(types)} above this school")
