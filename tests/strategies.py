"""Hypothesis strategies for mpsdose's model (one place, as in attrs' tests/strategies.py)."""

from __future__ import annotations

from hypothesis import strategies as st

from mpsdose import Dose, Ingredient, Item, Regimen, Route, Schedule, default_catalogue
from mpsdose.model.regimen import ScheduleKind

#: Magnitudes a prescription may carry: positive, finite, at most 4 significant decimals.
magnitudes = st.decimals(min_value="0.05", max_value="500", places=2).map(float).filter(
    lambda v: v > 0
)

ORAL_DRUGS = sorted(d.name for d in default_catalogue().drugs.values() if Route.ORAL in d.routes)

frequencies = st.one_of(
    st.sampled_from([4, 6, 8, 12, 24]).map(Schedule.every),
    st.sampled_from([1, 2, 3, 4]).map(Schedule.times_per_day),
    st.just(Schedule(ScheduleKind.AT_NIGHT)),
)


@st.composite
def oral_items(draw, drugs=ORAL_DRUGS, unit: str | None = None) -> Item:
    """A scheduled or PRN oral item of a single drug, per dose in mg/g/mcg or per day."""
    drug = default_catalogue().drugs[draw(st.sampled_from(drugs))]
    daily = draw(st.booleans())
    prn = not daily and draw(st.booleans())
    unit = unit or draw(st.sampled_from(["mg/day", "g/day"] if daily else ["mg", "g", "mcg"]))
    value = draw(magnitudes)
    scale = {"g": 1e-3, "g/day": 1e-3, "mcg": 1e3}.get(unit, 1.0)
    dose = Dose.of(value * scale, unit)
    schedule = Schedule() if daily else draw(frequencies)
    if prn and draw(st.booleans()):
        schedule = Schedule()
    max_prn = draw(st.sampled_from([None, 2.0, 4.0, 6.0])) if prn else None
    if max_prn is not None and schedule.kind is ScheduleKind.INTERVAL:
        # the item language refuses a maximum its own interval cannot allow (q12h prn max 4/day)
        max_prn = min(max_prn, schedule.doses_per_day or max_prn)
    return Item(
        ingredients=(Ingredient(drug, dose),),
        route=Route.ORAL,
        schedule=schedule,
        prn=prn,
        max_prn_per_day=max_prn,
        release=draw(st.sampled_from([None, "ir", "er"])),
        route_stated=draw(st.booleans()),
        duration_days=draw(st.sampled_from([None, 5.0, 7.0])),
    )


patch_items = st.builds(
    lambda rate, interval: Item(
        ingredients=(Ingredient(default_catalogue().drugs["fentanyl"], Dose.of(rate, "mcg/h")),),
        route=Route.TRANSDERMAL,
        schedule=interval,
    ),
    st.sampled_from([12.0, 25.0, 37.5, 50.0, 75.0, 100.0]),
    st.sampled_from([Schedule(), Schedule.every(72), Schedule.every(24)]),
)

items = st.one_of(oral_items(), patch_items)
regimens = st.lists(items, max_size=8).map(lambda xs: Regimen(tuple(xs)))
