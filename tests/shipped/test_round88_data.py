"""The shipped rows fix8788 added for issue 13 round 88: SC fentanyl's usual day (the 600-900
micrograms a syringe pump holds, St Peter's Hospice) and haloperidol's contraindication of
QT-prolonging drugs (Haldol SmPC 4.3)."""

from __future__ import annotations

import pytest

from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Severity
from tests.checking import found, of


@pytest.mark.parametrize(("item", "expected"), [
    ("fentanyl 2000 mcg/day sc continuous", [Severity.WARNING]),
    ("fentanyl 1000 mcg/day sc continuous", [Severity.WARNING]),
    ("fentanyl 900 mcg/day sc continuous", []),
    ("fentanyl 600 mcg/day sc continuous", []),
    ("fentanyl 12.5 mcg/h sc continuous", []),
])
def test_sc_fentanyl_above_a_pumps_900_micrograms_a_day_warns(item, expected):
    assert [f.severity for f in of(found([item]), "opioid-above-usual")] == expected


def test_haloperidol_contraindicates_known_risk_qt_drugs_by_its_own_label():
    value, source = resolve(None).drug_properties.get("haloperidol", "qt_prolonging_contraindicated")
    assert value == "known" and "Haldol" in source
    pair = of(found(["ondansetron 8 mg iv q8h", "haloperidol 5 mg/day sc continuous"],
                    market="uk"), "qt-prolonging-contraindicated")
    assert [f.severity for f in pair] == [Severity.ERROR]
    # fixregress (second audit finding 3): the US and Japanese labels do not contraindicate
    # the pair; with no market the labels disagree: a warning naming the EU/UK labels
    for market in ("us", "jp", None):
        elsewhere = of(found(["ondansetron 8 mg iv q8h", "haloperidol 5 mg/day sc continuous"],
                             market=market), "qt-prolonging-contraindicated")
        assert [f.severity for f in elsewhere] == [Severity.WARNING], market
        assert "EU/UK labels only" in elsewhere[0].message
    assert "ondansetron" in pair[0].message and "Haldol" in pair[0].source


def test_a_conditional_risk_beside_haloperidol_is_not_flagged():
    assert not of(found(["metoclopramide 10 mg po tid", "haloperidol 1 mg po at night"]),
                  "qt-prolonging-contraindicated")
