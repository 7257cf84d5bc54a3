"""users.csv: students become pupils, teachers, administrators and counsellors become staff.

A user's roles are those of roles.csv (OneRoster 1.2 keeps them there) together with the roles of their
enrolments. Names are written surname first, as Uzbek school lists are: familyName givenName middleName.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.bundle import STAFF_ROLES
from service.ingest.fields import FieldError, parse_date
from service.ingest.oneroster.classes import ClassIndex
from service.ingest.oneroster.enrolments import HOMEROOM, SCHEDULED, Enrolments
from service.ingest.oneroster.export import BundleRow, Export, SourceRow
from service.ingest.oneroster.files import (
    CONSENT,
    DEFAULT_CONSENT,
    DEFAULT_LANGUAGE,
    LANGUAGE,
    MENTOR_CAPACITY,
    split_list,
)
from service.ingest.oneroster.schools import school_language

PRINCIPAL_ROLES = frozenset({"administrator", "principal", "siteAdministrator"})
PSYCHOLOGIST_ROLES = frozenset({"counselor"})
STAFF_OF_ONEROSTER = frozenset({"teacher"}) | PRINCIPAL_ROLES | PSYCHOLOGIST_ROLES
GUARDIAN_ROLES = frozenset({"parent", "guardian", "relative"})
SEXES = {"male": "M", "female": "F"}
_USER_ID = re.compile(r"\{([^:{}]*):([^{}]*)\}")  # userIds: {PINFL:12345678901234},{LDAP:…}

Roles = dict[str, list[tuple[str, str]]]  # user → (role, org) pairs


@dataclass
class People:
    staff: list[BundleRow] = field(default_factory=list)
    pupils: list[BundleRow] = field(default_factory=list)


def map_people(export: Export, enrolments: Enrolments, classes: ClassIndex) -> People:
    roles = _roles(export, enrolments)
    people = People()
    for user in export.rows_of("users.csv"):
        held = {role for role, _ in roles.get(user.id, [])}
        try:
            if "student" in held:
                people.pupils.append((user.line, _pupil(export, user, enrolments, roles)))
            elif held & STAFF_OF_ONEROSTER:
                people.staff.append((user.line, _staff(export, user, roles, enrolments, classes)))
        except FieldError as error:
            export.reject_row(user, str(error))
    return people


def full_name(user: SourceRow) -> str:
    parts = (user.get("familyName"), user.get("givenName"), user.get("middleName"))
    return " ".join(part for part in parts if part)


def pinfl_of(user_ids: str) -> str:
    """The identifier of type PINFL in a userIds list, or empty."""
    found = {
        value.strip() for kind, value in _USER_ID.findall(user_ids) if kind.strip().casefold() == "pinfl"
    }
    if len(found) > 1:
        raise FieldError("userIds holds more than one PINFL")
    return found.pop() if found else ""


def _roles(export: Export, enrolments: Enrolments) -> Roles:
    roles: Roles = {}
    for row in export.rows_of("roles.csv"):
        try:
            user = export.find("users.csv", row.get("userSourcedId"), "userSourcedId", "user").id
        except FieldError as error:
            export.reject_row(row, str(error))
            continue
        roles.setdefault(user, []).append((row.get("role"), row.get("orgSourcedId")))
    for user, enrolled_as in enrolments.roles_of.items():
        roles.setdefault(user, []).extend((role, "") for role in sorted(enrolled_as))
    return roles


def _pupil(export: Export, user: SourceRow, enrolments: Enrolments, roles: Roles) -> dict[str, str]:
    class_id = enrolments.homeroom_of.get(user.id)
    if class_id is None:
        raise FieldError("no homeroom enrolment for this student in enrollments.csv")
    demographics = export.ids.get("demographics.csv", {}).get(user.id)
    if demographics is None:
        raise FieldError("no row in demographics.csv for this student (birth date and sex are required)")
    sex = SEXES.get(demographics.get("sex").casefold())
    if sex is None:
        raise FieldError("sex in demographics.csv is neither male nor female")
    born = parse_date(demographics.get("birthDate"), "birthDate in demographics.csv", personal=True)
    guardian_name, guardian_phone = _guardian(export, user, roles)
    return {
        "pupil_id": user.id,
        "pinfl": pinfl_of(user.get("userIds")),
        "full_name": full_name(user),
        "birth_date": born.isoformat(),
        "sex": sex,
        "class_id": class_id,
        "language": user.get(LANGUAGE) or _class_language(export, class_id),
        "guardian_name": guardian_name,
        "guardian_phone": guardian_phone,
        "address": "",  # OneRoster has no address field
        "consent": user.get(CONSENT) or DEFAULT_CONSENT,
    }


def _class_language(export: Export, class_id: str) -> str:
    school_id = export.ids["classes.csv"][class_id].get("schoolSourcedId")
    school = export.ids.get("orgs.csv", {}).get(school_id)
    return school_language(school) if school is not None else DEFAULT_LANGUAGE


def _guardian(export: Export, user: SourceRow, roles: Roles) -> tuple[str, str]:
    """Name and phone of the first of the student's agents who is a parent or guardian."""
    for agent_id in split_list(user.get("agentSourcedIds")):
        agent = export.ids["users.csv"].get(agent_id)
        if agent is not None and any(role in GUARDIAN_ROLES for role, _ in roles.get(agent_id, [])):
            return full_name(agent), agent.get("phone") or agent.get("sms")
    return "", ""


def _staff(
    export: Export, user: SourceRow, roles: Roles, enrolments: Enrolments, classes: ClassIndex
) -> dict[str, str]:
    held = {role for role, _ in roles[user.id]}
    taught = enrolments.classes_of.get(user.id, [])
    kind = {class_id: export.ids["classes.csv"][class_id].get("classType") for class_id in taught}
    leads = any(kind[c] == HOMEROOM and enrolments.teachers_of[c][0] == user.id for c in taught)
    lessons = [c for c in taught if kind[c] == SCHEDULED and c in classes.subject_of]
    capacity = user.get(MENTOR_CAPACITY)
    erta_roles = {
        "class_teacher": leads,
        # A teacher with no class yet is still a subject teacher.
        "subject_teacher": bool(lessons) or ("teacher" in held and not leads),
        "mentor": capacity.isdigit() and int(capacity) > 0,
        "principal": bool(held & PRINCIPAL_ROLES),
        "psychologist": bool(held & PSYCHOLOGIST_ROLES),
    }
    return {
        "staff_id": user.id,
        "full_name": full_name(user),
        "school_id": _school_of(export, user, roles[user.id], taught),
        "roles": ";".join(role for role in STAFF_ROLES if erta_roles[role]),
        "subjects": ";".join(dict.fromkeys(classes.subject_of[c] for c in lessons)),
        "mentor_capacity": capacity,
    }


def _school_of(export: Export, user: SourceRow, held: list[tuple[str, str]], taught: list[str]) -> str:
    """primaryOrgSourcedId when it is a school, else the school of a role, else of a class taught."""
    orgs = export.ids.get("orgs.csv", {})
    class_schools = [export.ids["classes.csv"][c].get("schoolSourcedId") for c in taught]
    for org_id in (user.get("primaryOrgSourcedId"), *(org for _, org in held), *class_schools):
        if org_id in orgs and orgs[org_id].get("type") == "school":
            return org_id
    if user.get("primaryOrgSourcedId"):
        return user.get("primaryOrgSourcedId")  # not in this export's orgs.csv: the loader checks it
    raise FieldError("primaryOrgSourcedId: no school found for this staff member (nor in roles or classes)")
