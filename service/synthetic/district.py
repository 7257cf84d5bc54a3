"""The district plan: which schools exist, where, in which language and how many pupils each teaches.

The plan is small (one record per school) and drawn from its own seed stream, so that each school can then be
generated and written independently of the others.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from service.bundle import REGIONS

PUPILS_PER_SCHOOL: Final = 650
DISTRICTS: Final = {
    "Qoraqalpog'iston Respublikasi": ("Nukus shahri", "Beruniy tumani", "To'rtko'l tumani", "Xo'jayli tumani",
                                      "Chimboy tumani", "Qo'ng'irot tumani"),
    "Andijon": ("Andijon shahri", "Asaka tumani", "Xonobod shahri", "Shahrixon tumani", "Baliqchi tumani",
                "Izboskan tumani"),
    "Buxoro": ("Buxoro shahri", "G'ijduvon tumani", "Kogon shahri", "Vobkent tumani", "Romitan tumani",
               "Qorako'l tumani"),
    "Jizzax": ("Jizzax shahri", "Zomin tumani", "G'allaorol tumani", "Forish tumani", "Baxmal tumani"),
    "Qashqadaryo": ("Qarshi shahri", "Shahrisabz tumani", "Kitob tumani", "G'uzor tumani", "Koson tumani",
                    "Qamashi tumani"),
    "Navoiy": ("Navoiy shahri", "Zarafshon shahri", "Karmana tumani", "Nurota tumani", "Uchquduq tumani"),
    "Namangan": ("Namangan shahri", "Chust tumani", "Pop tumani", "Kosonsoy tumani", "To'raqo'rg'on tumani",
                 "Uychi tumani"),
    "Samarqand": ("Samarqand shahri", "Urgut tumani", "Kattaqo'rg'on shahri", "Payariq tumani",
                  "Ishtixon tumani", "Jomboy tumani"),
    "Surxondaryo": ("Termiz shahri", "Denov tumani", "Sherobod tumani", "Sho'rchi tumani", "Boysun tumani",
                    "Jarqo'rg'on tumani"),
    "Sirdaryo": ("Guliston shahri", "Yangiyer shahri", "Sirdaryo tumani", "Boyovut tumani", "Sardoba tumani"),
    "Toshkent viloyati": ("Chirchiq shahri", "Angren shahri", "Olmaliq shahri", "Zangiota tumani",
                          "Qibray tumani", "Bo'stonliq tumani", "Yangiyo'l tumani"),
    "Farg'ona": ("Farg'ona shahri", "Marg'ilon shahri", "Qo'qon shahri", "Rishton tumani", "Oltiariq tumani",
                 "Quva tumani"),
    "Xorazm": ("Urganch shahri", "Xiva shahri", "Xonqa tumani", "Shovot tumani", "Gurlan tumani",
               "Bog'ot tumani"),
    "Toshkent shahri": ("Yunusobod tumani", "Chilonzor tumani", "Mirzo Ulug'bek tumani", "Yakkasaroy tumani",
                        "Shayxontohur tumani", "Sergeli tumani", "Olmazor tumani", "Uchtepa tumani",
                        "Yashnobod tumani", "Mirobod tumani", "Bektemir tumani", "Yangihayot tumani"),
}  # fmt: skip
_DEFAULT_LANGUAGES: Final = {"uz": 0.87, "ru": 0.11, "kk": 0.01, "tg": 0.01}
_REGION_LANGUAGES: Final = {
    "Qoraqalpog'iston Respublikasi": {"uz": 0.45, "kaa": 0.38, "ru": 0.1, "kk": 0.07},
    "Toshkent shahri": {"uz": 0.64, "ru": 0.34, "kk": 0.01, "tg": 0.01},
    "Samarqand": {"uz": 0.84, "ru": 0.08, "tg": 0.08},
    "Buxoro": {"uz": 0.86, "ru": 0.07, "tg": 0.07},
    "Surxondaryo": {"uz": 0.88, "ru": 0.06, "tg": 0.06},
    "Toshkent viloyati": {"uz": 0.8, "ru": 0.15, "kk": 0.04, "tg": 0.01},
    "Jizzax": {"uz": 0.9, "ru": 0.06, "kk": 0.04},
}


@dataclass(frozen=True)
class SchoolPlan:
    """Everything about a school that is decided before it is generated."""

    index: int  # 1-based; also the school's seed stream
    school_id: str
    name: str
    region: str
    district: str
    urban: bool
    language: str
    pupils: int

    @property
    def locality(self) -> str:
        return "urban" if self.urban else "rural"


def split_exactly(total: int, weights: np.ndarray, minimum: int = 0) -> np.ndarray:
    """Integers proportional to `weights` that sum to `total` exactly (largest remainders get the rest)."""
    share = weights / weights.sum() * (total - minimum * len(weights))
    counts = np.floor(share).astype(np.int64)
    remainder = total - minimum * len(weights) - int(counts.sum())
    order = np.argsort(-(share - counts), kind="stable")
    counts[order[:remainder]] += 1
    result: np.ndarray = counts + minimum
    return result


def _school_name(rng: np.random.Generator, district: str, language: str, number: int) -> str:
    if language == "ru":
        return f"Общеобразовательная школа №{number}"
    style = rng.integers(3)
    if style == 0:
        return f"{number}-sonli umumta'lim maktabi"
    if style == 1:
        return f"{district}dagi {number}-maktab"
    return f"{district} {number}-sonli umumiy o'rta ta'lim maktabi"


def _pick(rng: np.random.Generator, table: dict[str, float]) -> str:
    keys = list(table)
    probs = np.array([table[k] for k in keys])
    return keys[int(rng.choice(len(keys), p=probs / probs.sum()))]


def plan_district(seed: int, pupils: int, schools: int | None) -> list[SchoolPlan]:
    """Schools spread over all regions (round robin, then random), sized so pupils add up exactly."""
    count = schools if schools is not None else max(1, round(pupils / PUPILS_PER_SCHOOL))
    if count < 1 or count > pupils:
        raise ValueError(f"need 1 <= schools <= pupils, got schools={count}, pupils={pupils}")
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0]))
    region_idx = np.arange(count) % len(REGIONS)
    tail = count - min(count, len(REGIONS))
    region_idx[len(REGIONS) :] = rng.integers(0, len(REGIONS), tail)
    drafts: list[tuple[str, str, bool, str]] = []
    for r in region_idx:
        region = REGIONS[int(r)]
        district = DISTRICTS[region][int(rng.integers(len(DISTRICTS[region])))]
        city = region == "Toshkent shahri" or district.endswith("shahri")
        urban = bool(rng.random() < (0.85 if city else 0.22))
        drafts.append(
            (region, district, urban, _pick(rng, _REGION_LANGUAGES.get(region, _DEFAULT_LANGUAGES)))
        )
    weights = rng.lognormal(0.0, 0.3, count) * np.array([1.5 if d[2] else 0.75 for d in drafts])
    sizes = split_exactly(pupils, weights, minimum=1)
    numbers = rng.permutation(np.arange(1, 4 * count + 40))[:count]
    plans = []
    for i, (draft, size, number) in enumerate(zip(drafts, sizes, numbers, strict=True), 1):
        region, district, urban, language = draft
        name = _school_name(rng, district, language, int(number))
        plans.append(SchoolPlan(i, f"S{i:04d}", name, region, district, urban, language, int(size)))
    return plans


def check_years(academic_years: Sequence[int]) -> tuple[int, ...]:
    """Academic years must be consecutive and ascending: cohorts move up one grade per year."""
    years = tuple(int(y) for y in academic_years)
    if not years or any(b - a != 1 for a, b in itertools.pairwise(years)):
        raise ValueError(f"academic_years must be consecutive and ascending, got {years}")
    return years
