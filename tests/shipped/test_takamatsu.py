"""The Takamatsu 2018 course files reproduce every daily dose the paper states.

The expected figures are read from the case facts (``tests/data/takamatsu-2018.json``, copied from
the project's shared cases with its origin noted in ``tests/data/README.md``), not from mpsdose.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mpsdose import daily_totals, default_catalogue, load
from mpsdose.io.files import regimen_of

HERE = Path(__file__).parents[1]
EXAMPLES = HERE.parent / "examples"
CASES = json.loads((HERE / "data" / "takamatsu-2018.json").read_text())

# case record id → (course file, state label)
STATES = {
    "takamatsu2018-c1-outpatient": ("takamatsu2018-case1.toml", "outpatient"),
    "takamatsu2018-c1-admission": ("takamatsu2018-case1.toml", "admission"),
    "takamatsu2018-c1-titrated": ("takamatsu2018-case1.toml", "titrated"),
    "takamatsu2018-c2-initial": ("takamatsu2018-case2.toml", "initial"),
    "takamatsu2018-c2-titrated": ("takamatsu2018-case2.toml", "titrated"),
    "takamatsu2018-c2-post-rt": ("takamatsu2018-case2.toml", "after radiotherapy"),
    "takamatsu2018-c3-initial": ("takamatsu2018-case3.toml", "initial"),
    "takamatsu2018-c3-switch": ("takamatsu2018-case3.toml", "switch"),
}
TO_MG = {"mg": 1.0, "g": 1000.0}


def test_every_case_state_is_in_the_examples():
    assert {record["id"] for record in CASES} == set(STATES)


@pytest.mark.parametrize("record", CASES, ids=[r["id"] for r in CASES])
def test_state_reproduces_the_paper(record):
    file, label = STATES[record["id"]]
    totals = daily_totals(regimen_of(load(EXAMPLES / file), label))
    for stated in record["items"]:
        drug = default_catalogue().resolve(stated["drug"].split(" (")[0]).name
        total = totals.drug(drug)
        if stated["dose"] is None:  # a switch with no dose: never a number
            assert total.scheduled.value is None
            assert total.scheduled.format() == "dose unknown"
        elif stated["prn"]:
            rescue = [row for row in total.items if row.prn]
            assert [row.per_dose_mg for row in rescue] == [stated["dose"] * TO_MG[stated["unit"]]]
            assert not total.with_prn.complete  # no interval or maximum stated
        else:  # "/day" or "at night": a daily amount
            assert total.scheduled.mg_per_day == pytest.approx(
                stated["dose"] * TO_MG[stated["unit"]]
            )
    if not record["items"]:
        assert totals.drugs == ()


def test_oxycodone_titration_in_case_1_is_plus_200_percent():
    course = load(EXAMPLES / "takamatsu2018-case1.toml")
    before = daily_totals(regimen_of(course, "admission")).drug("oxycodone").scheduled
    after = daily_totals(regimen_of(course, "titrated")).drug("oxycodone").scheduled
    assert (after.mg_per_day - before.mg_per_day) / before.mg_per_day == pytest.approx(2.0)
