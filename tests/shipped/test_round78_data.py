"""The shipped rows behind the seventy-eighth held-out round's fixes (issue 13), typed again from
the text they quote (double entry): the Japanese metoclopramide injection insert's dose
(プリンペラン注射液: 1回10mg 1日1~2回 筋注・静注, 適宜増減) in ``dose_limits.csv``; and the orders
they judge."""

from __future__ import annotations

import pytest

from mpsdose import Patient
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Severity
from mpsdose.model.vocabulary import Route
from tests.checking import found, of, severities

K = resolve(None)
ADULT = Patient(age=64, weight_kg=58, crcl_ml_min=70, hepatic="none", opioid_tolerant=False)


def test_the_jp_injection_insert_gives_ten_mg_once_or_twice_a_day():
    rows = {r.route: r for r in K.dose_limits if r.drug == "metoclopramide" and r.market == "jp"
            and r.route is not Route.ORAL}  # the tablets' own row came later (fix107108)
    assert set(rows) == {Route.IV, Route.IM}
    for row in rows.values():
        assert (row.max_single_mg, row.max_daily_mg, row.max_daily_mg_per_kg) == (10, 20, None)
        assert row.severity is Severity.WARNING and "適宜増減" in row.notes
        assert "1回10mg 1日1~2回" in row.source


def test_the_jp_tablet_insert_gives_ten_to_thirty_mg_a_day():
    # プリンペラン錠: 1日10~30mg を2~3回に分け (fix107108), typed again from the insert's words
    [row] = [r for r in K.dose_limits if r.drug == "metoclopramide" and r.market == "jp"
             and r.route is Route.ORAL]
    assert (row.max_single_mg, row.max_daily_mg) == (None, 30)
    assert row.severity is Severity.WARNING and "10~30mg" in row.source


@pytest.mark.parametrize(("item", "expected"), [
    ("metoclopramide 10 mg iv bid for 3 days", []),
    ("metoclopramide 10 mg iv tid for 3 days", [Severity.WARNING]),  # WE25: above 20 mg/day
    ("metoclopramide 10 mg im bid for 3 days", []),
])
def test_jp_metoclopramide_injection_by_its_insert(item, expected):
    assert severities(found([item], ADULT, market="jp"), "metoclopramide-above-max") == expected


def test_we25_names_the_jp_insert_and_still_borrows_the_eu_days():
    [above] = of(found(["metoclopramide 10 mg iv tid for 3 days"], ADULT, market="jp"),
                 "metoclopramide-above-max")
    assert "JP source" in above.message and "EU source" not in above.message
    week = found(["metoclopramide 10 mg iv bid for 7 days"], ADULT, market="jp")
    assert severities(week, "metoclopramide-duration-above-max") == [Severity.WARNING]
