"""The audit chain verifies when untouched and names where any alteration, removal or insertion happened."""

from __future__ import annotations

import dataclasses
import functools
import random
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from privacy.audit_chain import (
    GENESIS,
    Anchor,
    AuditRecord,
    ChainProblem,
    Verification,
    chain_next,
    entry_hash,
    verify_chain,
)

KEY = b"k" * 32
WRONG_KEY = b"w" * 32
START = datetime(2025, 9, 2, 8, 0, tzinfo=UTC)
ACTOR = "Dilnoza-Xolmatova-7731"
PSEUDONYM = "p_c0ffee15c0ffee15c0ff"
PURPOSE = "mentor-review-Qashqadaryo"
FIELDS = [f.name for f in dataclasses.fields(AuditRecord)]


def _append(key: bytes, previous: AuditRecord | None, n: int) -> AuditRecord:
    return chain_next(
        key,
        previous,
        at=START + timedelta(minutes=n, microseconds=n),
        actor=ACTOR if n % 3 else f"teacher-{n}",
        role=("teacher", "mentor", "admin")[n % 3],
        action=("read", "score", "export")[n % 3],
        resource=f"/pupils/{n % 7}/risk",
        pupil_pseudonym=PSEUDONYM if n % 2 else None,
        purpose=PURPOSE if n % 4 else None,
        result="ok" if n % 5 else "denied",
    )


@functools.cache
def _chain(n: int) -> tuple[AuditRecord, ...]:
    records: list[AuditRecord] = []
    for i in range(n):
        records.append(_append(KEY, records[-1] if records else None, i))
    return tuple(records)


def _verify(records: Sequence[AuditRecord], anchors: Sequence[Anchor] = ()) -> Verification:
    return verify_chain(iter(records), KEY, anchors)  # an iterator: the verifier gets one pass only


def _first(records: Sequence[AuditRecord], anchors: Sequence[Anchor] = ()) -> ChainProblem:
    verification = _verify(records, anchors)
    assert not verification.ok
    return verification.problems[0]


def _hash(record: AuditRecord, key: bytes = KEY) -> str:
    fields = dataclasses.asdict(record)
    del fields["entry_hash"]
    return entry_hash(key, **fields)


# --- a chain that is left alone ---


def test_a_chain_of_50_built_entry_by_entry_verifies() -> None:
    records = _chain(50)
    assert [r.seq for r in records] == list(range(1, 51))
    assert records[0].prev_hash == GENESIS
    verification = _verify(records, [Anchor(25, records[24].entry_hash), Anchor(50, records[49].entry_hash)])
    assert verification == Verification(entries=50, problems=())
    assert verification.ok


def test_an_empty_chain_without_anchors_is_ok() -> None:
    assert _verify([]) == Verification(entries=0, problems=())


def test_chain_next_stores_the_time_in_utc_and_refuses_a_naive_one() -> None:
    tashkent = timezone(timedelta(hours=5))
    record = dataclasses.replace(_append(KEY, None, 0), at=START.astimezone(tashkent))
    assert _hash(record) == _hash(dataclasses.replace(record, at=START))
    kept = chain_next(KEY, None, **{**_kwargs(record), "at": START.astimezone(tashkent)})
    assert kept.at.utcoffset() == timedelta(0)
    with pytest.raises(ValueError, match="timezone-aware"):
        chain_next(KEY, None, **{**_kwargs(record), "at": START.replace(tzinfo=None)})


def _kwargs(record: AuditRecord) -> dict[str, Any]:
    fields = dataclasses.asdict(record)
    for name in ("seq", "prev_hash", "entry_hash"):
        del fields[name]
    return fields


# --- the hash ---

OTHER_VALUE: dict[str, Any] = {
    "seq": 2,
    "at": START + timedelta(microseconds=1),
    "actor": "teacher-2",
    "role": "admin",
    "action": "export",
    "resource": "/pupils/2/risk",
    "pupil_pseudonym": "p_000000000000000000",
    "purpose": "research",
    "result": "error",
    "prev_hash": "1" * 64,
}


@pytest.mark.parametrize("field", list(OTHER_VALUE))
def test_the_hash_changes_with_every_field(field: str) -> None:
    record = _chain(1)[0]
    assert _hash(record) == record.entry_hash
    assert getattr(record, field) != OTHER_VALUE[field]
    assert _hash(dataclasses.replace(record, **{field: OTHER_VALUE[field]})) != record.entry_hash


@pytest.mark.parametrize("field", ["pupil_pseudonym", "purpose"])
def test_none_and_the_empty_text_hash_differently(field: str) -> None:
    nothing: dict[str, Any] = {field: None}
    empty: dict[str, Any] = {field: ""}
    record = _chain(1)[0]
    assert _hash(dataclasses.replace(record, **nothing)) != _hash(dataclasses.replace(record, **empty))


def test_the_hash_depends_on_the_key_and_a_short_key_is_refused() -> None:
    record = _chain(1)[0]
    assert _hash(record, WRONG_KEY) != _hash(record)
    assert len(record.entry_hash) == 64
    int(record.entry_hash, 16)
    with pytest.raises(ValueError, match="at least 32 bytes"):
        _hash(record, b"k" * 31)
    with pytest.raises(ValueError, match="at least 32 bytes"):
        verify_chain([], b"short")


# --- each kind of tampering, named where it happened ---


def test_an_altered_field_is_found_at_its_entry() -> None:
    records = list(_chain(30))
    records[16] = dataclasses.replace(records[16], result="ok-edited")
    assert _first(records) == ChainProblem(
        17, "entry 17 was altered or forged (its hash does not match its contents)"
    )


def test_a_rewritten_entry_hash_breaks_the_next_link() -> None:
    records = list(_chain(30))
    records[16] = dataclasses.replace(records[16], entry_hash="f" * 64)
    problems = _verify(records).problems
    assert [p.seq for p in problems] == [17, 18]
    assert problems[1].reason == "entry 18 does not link to entry 17"


def test_a_deleted_entry_is_named() -> None:
    records = list(_chain(30))
    del records[16]
    assert _first(records) == ChainProblem(17, "entry 17 is missing (entry 18 follows entry 16)")


def test_an_entry_forged_with_a_wrong_key_is_found() -> None:
    records = list(_chain(30))
    records.insert(10, _append(WRONG_KEY, records[9], 99))
    problem = _first(records)
    assert problem.seq == 11
    assert "altered or forged" in problem.reason


def test_an_entry_forged_with_the_right_key_does_not_fit_in() -> None:
    records = list(_chain(30))
    records.insert(10, _append(KEY, records[9], 99))
    assert _first(records) == ChainProblem(11, "entry 11 is out of place (it follows entry 11)")


def test_an_entry_copied_from_another_log_is_found() -> None:
    records = list(_chain(30))
    records[0] = _append(WRONG_KEY, None, 0)
    assert _first(records).seq == 1


def test_swapped_entries_are_found() -> None:
    records = list(_chain(30))
    records[4], records[5] = records[5], records[4]
    assert _first(records) == ChainProblem(5, "entry 5 is missing (entry 6 follows entry 4)")
    assert _verify(records).problems[1] == ChainProblem(5, "entry 5 is out of place (it follows entry 6)")


def test_a_cut_tail_is_found_through_the_anchor() -> None:
    records = _chain(30)
    anchors = [Anchor(30, records[-1].entry_hash)]
    assert _first(records[:27], anchors) == ChainProblem(
        28, "the log ends at entry 27 but was anchored at entry 30"
    )
    assert _first([], anchors) == ChainProblem(None, "the log is empty but was anchored at entry 30")


def test_an_anchor_that_does_not_match_its_entry_is_found() -> None:
    records = _chain(30)
    assert _first(records, [Anchor(20, "a" * 64)]) == ChainProblem(
        20, "entry 20 is not the one anchored there"
    )


def test_a_removed_head_is_found() -> None:
    records = _chain(30)
    assert _first(records[3:]) == ChainProblem(1, "the log starts at entry 4, not 1 (its head is missing)")
    relinked = dataclasses.replace(records[0], prev_hash="1" * 64)
    relinked = dataclasses.replace(relinked, entry_hash=_hash(relinked))  # re-signed by someone with the key
    assert _first([relinked, *records[1:]]) == ChainProblem(1, "entry 1 does not start from the genesis hash")


def test_a_naive_time_in_a_stored_entry_counts_as_altered() -> None:
    records = list(_chain(5))
    records[2] = dataclasses.replace(records[2], at=records[2].at.replace(tzinfo=None))
    assert _first(records).seq == 3


def test_a_log_checked_with_the_wrong_key_lists_a_bounded_number_of_problems() -> None:
    verification = verify_chain(_chain(1500), WRONG_KEY)
    assert verification.entries == 1500
    assert len(verification.problems) == 1001
    assert verification.problems[-1] == ChainProblem(None, "500 more problems are not listed")


# --- random tampering: every single change is found ---


def _other_value(rng: random.Random, record: AuditRecord, field: str) -> Any:
    old = getattr(record, field)
    if field == "seq":
        return rng.choice([old + rng.randint(1, 300), old - rng.randint(1, 300), 0])
    if field == "at":
        return old + timedelta(microseconds=rng.choice([-1, 1]) * rng.randint(1, 10**12))
    if field in ("prev_hash", "entry_hash"):
        return rng.choice(
            [GENESIS, f"{rng.getrandbits(256):064x}", old[:-1] + ("0" if old[-1] != "0" else "1")]
        )
    if old is None:
        return rng.choice(["", PSEUDONYM, "x"])
    others = [old + " ", old.upper() + "!", "x" if old != "x" else "y", *([""] if old else [])]
    return rng.choice([*others, None] if field in ("pupil_pseudonym", "purpose") else others)


def _change_field(rng: random.Random, records: list[AuditRecord]) -> None:
    i, field = rng.randrange(len(records)), rng.choice(FIELDS)
    value = _other_value(rng, records[i], field)
    assert value != getattr(records[i], field)
    records[i] = dataclasses.replace(records[i], **{field: value})


def _delete_one(rng: random.Random, records: list[AuditRecord]) -> None:
    del records[rng.randrange(len(records))]


def _truncate(rng: random.Random, records: list[AuditRecord]) -> None:
    del records[len(records) - rng.randint(1, len(records)) :]


def _insert(key: bytes) -> Callable[[random.Random, list[AuditRecord]], None]:
    def insert(rng: random.Random, records: list[AuditRecord]) -> None:
        position, neighbour = rng.randint(0, len(records)), rng.randrange(len(records))
        if key == KEY and position == neighbour + 1 == len(records):
            neighbour -= 1  # with the key, appending after the last entry is an honest append, not tampering
        records.insert(position, _append(key, records[neighbour], rng.randint(0, 10**6)))

    return insert


def _swap(rng: random.Random, records: list[AuditRecord]) -> None:
    i, j = rng.sample(range(len(records)), 2)
    records[i], records[j] = records[j], records[i]


def _move(rng: random.Random, records: list[AuditRecord]) -> None:
    i, j = rng.sample(range(len(records)), 2)
    records.insert(j, records.pop(i))


MUTATIONS = [_change_field, _delete_one, _truncate, _insert(KEY), _insert(WRONG_KEY), _swap, _move]


def test_every_one_of_1400_random_tamperings_is_found() -> None:
    original = _chain(200)
    anchors = [Anchor(seq, original[seq - 1].entry_hash) for seq in (50, 100, 150, 200)]
    assert _verify(original, anchors).ok
    rng = random.Random(20250902)
    missed: list[str] = []
    for n in range(1400):
        mutate = MUTATIONS[n % len(MUTATIONS)]
        records = list(original)
        mutate(rng, records)
        assert records != list(original)
        if _verify(records, anchors).ok:
            missed.append(f"{n}: {mutate.__name__}")
    assert missed == []


TEXT_FIELDS = ["actor", "role", "action", "resource", "result"]
SINGLE_CHANGES = st.one_of(
    st.tuples(st.just("seq"), st.integers()),
    st.tuples(st.just("at"), st.datetimes(timezones=st.just(UTC))),
    st.tuples(st.sampled_from(TEXT_FIELDS), st.text(max_size=30)),
    st.tuples(st.sampled_from(["pupil_pseudonym", "purpose"]), st.none() | st.text(max_size=30)),
    st.tuples(
        st.sampled_from(["prev_hash", "entry_hash"]), st.text("0123456789abcdef", min_size=64, max_size=64)
    ),
)


@settings(max_examples=100, deadline=None)
@given(index=st.integers(0, 19), change=SINGLE_CHANGES)
def test_any_single_field_change_is_found(index: int, change: tuple[str, Any]) -> None:
    field, value = change
    records = list(_chain(20))
    assume(getattr(records[index], field) != value)
    records[index] = dataclasses.replace(records[index], **{field: value})
    assert not _verify(records, [Anchor(20, _chain(20)[-1].entry_hash)]).ok


# --- what the reasons say ---


def test_reasons_name_entries_never_the_values_in_them() -> None:
    original = _chain(200)
    anchors = [Anchor(seq, original[seq - 1].entry_hash) for seq in (50, 100, 150, 200)]
    rng = random.Random(7)
    reasons: list[str] = []
    for n in range(300):
        records = list(original)
        MUTATIONS[n % len(MUTATIONS)](rng, records)
        reasons += [p.reason for p in _verify(records, anchors).problems]
    values = [ACTOR, PSEUDONYM, PURPOSE, "teacher", "mentor", "/pupils", original[0].entry_hash[:12]]
    assert reasons
    assert [r for r in reasons if any(v in r for v in values)] == []


# --- a log of realistic size, read in one pass ---


def test_a_long_log_verifies_in_one_streaming_pass() -> None:
    # 100,000 entries are built and verified in about two seconds; the verifier gets a generator, not a list.
    def stream(n: int) -> Iterator[AuditRecord]:
        previous = None
        for i in range(n):
            previous = _append(KEY, previous, i)
            yield previous

    assert verify_chain(stream(100_000), KEY) == Verification(entries=100_000, problems=())
