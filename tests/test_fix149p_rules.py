"""The rule the 149th held-out round of issue 13 added, on tiny data of its own (a folder over the
shipped data, ``Knowledge.load(tmp_path)``):

- where a drug's labels count its daily maximum from every route and product
  (``drug_properties.csv`` ``daily_maximum_all_routes``, by market) and the market's maxima are
  written per route, the day given by several routes together is judged against the strictest
  daily maximum of the routes given, naming each route's part; a drug without the property, a
  market the property does not name, a single route, and a switch of route in ``previous`` are
  not summed.

The numbers in the tiny files are this file's own, chosen to make each boundary obvious; they
are not clinical figures.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from mpsdose import Knowledge
from mpsdose.model.findings import Finding, Severity
from tests.checking import JOINT_COLUMNS, TOLERANT, header
from tests.checking import found as _found
from tests.checking import knowledge_with as _knowledge

PROPERTIES_HEADER = header("drug_properties")
LIMITS_HEADER = header("dose_limits", omit=JOINT_COLUMNS)
HEAVY = attrs.evolve(TOLERANT, weight_kg=70)
LIGHT = attrs.evolve(TOLERANT, weight_kg=40)

#: per-route maxima only (as the UK, EU and JP paracetamol rows are): oral 3000, IV 2000 a day,
#: and a per-kg IV maximum below 50 kg; ibuprofen, by two routes, without the property
LIMITS = LIMITS_HEADER + (
    "acetaminophen,oral,,any,,,1000,3000,,,,uk,,Test oral [P],P,\n"
    "acetaminophen,iv,,any,,,1000,2000,,,,uk,,Test IV [P],P,\n"
    'acetaminophen,iv,,weight_kg,"(, 50)",,,,40,,,uk,,Test IV light [P],P,\n'
    "acetaminophen,,,any,,,1000,3000,,,,us,,Test every route [P],P,\n"
    "ibuprofen,oral,,any,,,800,2000,,,,uk,,Test oral NSAID [P],P,\n"
    "ibuprofen,iv,,any,,,800,2000,,,,uk,,Test IV NSAID [P],P,\n")


def _knowledge_of(tmp_path: Path, markets: str = "uk us") -> Knowledge:
    return _knowledge(tmp_path, dose_limits=LIMITS, drug_properties=PROPERTIES_HEADER + (
        f"acetaminophen,daily_maximum_all_routes,{markets},Test label: from all sources [P],P,\n"))


def _above(found: list[Finding], drug: str = "acetaminophen") -> list[Finding]:
    return [f for f in found if f.code == f"{drug}-above-max"]


@pytest.mark.parametrize(("oral", "iv", "caught"), [
    (125, 250, False),  # 500 + 1000 = 1500 a day: below the strictest (IV) 2000
    (250, 250, False),  # 1000 + 1000 = 2000: at the strictest, not above
    (500, 500, True),   # 2000 + 2000 = 4000: above the IV 2000 a day
    (750, 125, True),   # 3000 + 500 = 3500: each route within its own, together above 2000
], ids=["below", "at-strictest", "above-both", "above-together-only"])
def test_the_day_by_every_route_is_judged_against_the_strictest_route_maximum(
        tmp_path, oral, iv, caught):
    k = _knowledge_of(tmp_path)
    found = _found([f"paracetamol {oral} mg po qid", f"paracetamol {iv} mg iv q6h"], HEAVY,
                   knowledge=k, market="uk")
    assert bool(_above(found)) is caught


def test_the_finding_names_each_routes_part_and_the_label_sentence(tmp_path):
    k = _knowledge_of(tmp_path)
    found = _found(["paracetamol 500 mg po qid", "paracetamol 500 mg iv q6h"], HEAVY,
                   knowledge=k, market="uk")
    (above,) = _above(found)
    assert above.severity is Severity.ERROR
    assert "4000 mg/day" in above.message and "2000 mg/day" in above.message
    assert "iv 2000 + oral 2000" in above.message
    assert "from all sources" in above.source


def test_within_the_strictest_maximum_by_every_route_stays_quiet(tmp_path):
    k = _knowledge_of(tmp_path)
    found = _found(["paracetamol 250 mg po qid", "paracetamol 250 mg iv q6h"], HEAVY,
                   knowledge=k, market="uk")
    assert [f for f in found if f.code.startswith("acetaminophen")
            and f.severity is not Severity.INFO] == []


def test_a_per_kg_route_maximum_is_shared_too(tmp_path):
    k = _knowledge_of(tmp_path)  # IV 40 mg/kg/day at 40 kg = 1600 mg/day
    found = _found(["paracetamol 250 mg po qid", "paracetamol 250 mg iv q6h"], LIGHT,
                   knowledge=k, market="uk")
    (above,) = _above(found)
    assert "1600" in above.message and "2000 mg/day" in above.message


def test_one_route_is_judged_by_its_own_row_only(tmp_path):
    k = _knowledge_of(tmp_path)
    found = _found(["paracetamol 750 mg po qid"], HEAVY, knowledge=k, market="uk")
    assert _above(found) == []  # 3000 a day by mouth: its own maximum, not the IV one


def test_a_market_the_property_does_not_name_is_not_summed(tmp_path):
    k = _knowledge_of(tmp_path, markets="us")
    found = _found(["paracetamol 500 mg po qid", "paracetamol 500 mg iv q6h"], HEAVY,
                   knowledge=k, market="uk")
    assert _above(found) == []


def test_a_market_whose_maximum_has_no_route_is_unchanged(tmp_path):
    k = _knowledge_of(tmp_path)
    found = _found(["paracetamol 500 mg po qid", "paracetamol 500 mg iv q6h"], HEAVY,
                   knowledge=k, market="us")
    (above,) = _above(found)
    assert "3000 mg/day" in above.message and "every route together" not in above.message


def test_a_drug_without_the_property_is_not_summed_across_routes(tmp_path):
    k = _knowledge_of(tmp_path)
    found = _found(["ibuprofen 400 mg po tid", "ibuprofen 400 mg iv q8h"], HEAVY,
                   knowledge=k, market="uk")
    assert _above(found, "ibuprofen") == []  # 1200 + 1200: each route within its own 2000


def test_a_switch_of_route_in_previous_is_not_a_day_of_both(tmp_path):
    k = _knowledge_of(tmp_path)
    found = _found(["paracetamol 500 mg iv q6h"], HEAVY, knowledge=k, market="uk",
                   previous=["paracetamol 500 mg po qid"])
    assert _above(found) == []


def test_the_shipped_property_names_the_markets_with_per_route_rows():
    k = Knowledge.default()
    shared = k.drug_properties.get("acetaminophen", "daily_maximum_all_routes")
    assert shared is not None
    assert {"uk", "eu", "jp"} <= set(shared[0].split())
    for drug in ("ibuprofen", "ketorolac", "methylnaltrexone", "morphine"):
        assert k.drug_properties.get(drug, "daily_maximum_all_routes") is None
