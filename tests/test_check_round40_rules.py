"""The rule families the fortieth held-out round of issue 13 changed, each on tiny data of its
own (a folder over the shipped data, ``Knowledge.load(tmp_path)``):

- an opioid by a route no table has a factor for, in a market with no label row of its own for
  it, is judged by the other markets' labelled usual doses of the drug and route (a borrowed
  error row as a warning, naming the markets), as another market's maximum is borrowed;
- a CYP3A4 contraindication its source limits to some routes of the drug
  (``cyp3a4_inhibitor_contraindicated_routes``: oral midazolam with clarithromycin) is a warning
  by those routes and information by the others (a midazolam syringe driver).

The numbers in the tiny files are this file's own, chosen to make each boundary obvious; they
are not clinical figures.
"""

from __future__ import annotations

from pathlib import Path

from mpsdose import Knowledge
from mpsdose.model.findings import Finding, Severity
from tests.checking import found as _found
from tests.checking import header
from tests.checking import knowledge_with as _knowledge

RANGES_HEADER = header("opioid_dose_ranges", omit=("product", "opioids", "basis"))


def _of(found: list[Finding], code: str) -> list[Finding]:
    return [f for f in found if f.code == code]


# -- usual doses borrowed from another market for a route no table has ----------------------------
# buprenorphine IM has no factor in any shipped table; morphine IM has one
RANGES = RANGES_HEADER + (
    "usual,,,,,,,,300,,warning,Test usual day [P],P,\n"
    "plausible,,,,,,,,3000,,error,mpsdose convention: test [P],P,\n"
    "usual,buprenorphine,im,,,us,0.5,,,,error,Test US injection label [P],P,\n"
    "usual,buprenorphine,im,,,jp,1,,,,warning,Test JP insert [P],P,\n"
    "usual,morphine,im,,,us,1,,,,error,Test US morphine label [P],P,\n")


def _ranges(tmp_path: Path) -> Knowledge:
    return _knowledge(tmp_path, opioid_dose_ranges=RANGES)


def test_a_route_with_no_factor_borrows_the_other_markets_usual_doses(tmp_path):
    k = _ranges(tmp_path)
    found = _found(["buprenorphine 2 mg im q6h"], market="au", knowledge=k)
    usual = _of(found, "opioid-above-usual")
    # above both borrowed rows: the US error row stays a warning in a market not its own
    assert [f.severity for f in usual] == [Severity.WARNING]
    assert "JP, US label doses are applied" in usual[0].message
    assert "a label maximum there as a warning here" in usual[0].message
    assert not _of(found, "opioid-dose-range-not-checked")


def test_borrowed_rows_that_disagree_step_down_as_the_market_rows_do(tmp_path):
    k = _ranges(tmp_path)
    usual = _of(_found(["buprenorphine 0.8 mg im q6h"], market="au", knowledge=k),
                "opioid-above-usual")
    # above the US 0.5 mg, within the JP 1 mg: one step down from the (demoted) warning
    assert [f.severity for f in usual] == [Severity.INFO]
    assert "the sources disagree" in usual[0].message


def test_within_every_borrowed_row_is_silent(tmp_path):
    k = _ranges(tmp_path)
    found = _found(["buprenorphine 0.4 mg im q6h"], market="au", knowledge=k)
    assert not _of(found, "opioid-above-usual")
    assert not _of(found, "opioid-dose-range-not-checked")


def test_the_markets_own_row_judges_without_borrowing(tmp_path):
    k = _ranges(tmp_path)
    usual = _of(_found(["buprenorphine 2 mg im q6h"], market="us", knowledge=k),
                "opioid-above-usual")
    assert [f.severity for f in usual] == [Severity.ERROR]  # its own label: error as written
    assert "applied" not in usual[0].message
    # the JP row alone in Japan: 0.8 mg is within it
    assert not _of(_found(["buprenorphine 0.8 mg im q6h"], market="jp", knowledge=k),
                   "opioid-above-usual")


def test_a_route_a_table_has_is_not_judged_by_another_markets_label(tmp_path):
    k = _ranges(tmp_path)
    # morphine IM has a factor: the rows of every opioid (in OME) judge it in Australia; the US
    # morphine row is not borrowed, so 5 mg IM every 4 hours is within the usual range there
    assert not _of(_found(["morphine 5 mg im q4h"], market="au", knowledge=k),
                   "opioid-above-usual")
    assert _of(_found(["morphine 5 mg im q4h"], market="us", knowledge=k), "opioid-above-usual")


def test_with_no_market_row_and_none_elsewhere_the_dose_is_reported_not_judged(tmp_path):
    k = _knowledge(tmp_path, opioid_dose_ranges=RANGES_HEADER + (
        "usual,,,,,,,,300,,warning,Test usual day [P],P,\n"
        "plausible,,,,,,,,3000,,error,mpsdose convention: test [P],P,\n"))
    found = _found(["buprenorphine 2 mg im q6h"], market="au", knowledge=k)
    assert not _of(found, "opioid-above-usual")
    assert _of(found, "opioid-dose-range-not-checked")


# -- a CYP3A4 contraindication limited to some routes ----------------------------------------------
PROPERTIES = ("drug,property,value,source,grade,notes\n"
              "clarithromycin,cyp3a4_inhibitor,strong,Test [P],P,\n"
              "fluconazole,cyp3a4_inhibitor,moderate,Test [P],P,\n"
              "midazolam,cyp3a4_inhibitor_contraindicated,strong,Test inhibitor label [P],P,\n")
BY_MOUTH = "midazolam,cyp3a4_inhibitor_contraindicated_routes,oral,Test routes [P],P,\n"


def _contraindicated(tmp_path: Path, properties: str, items: list[str]) -> list[Finding]:
    k = _knowledge(tmp_path, drug_properties=properties)
    return _of(_found(items, knowledge=k), "cyp3a4-inhibitor-contraindicated")


def test_the_routes_the_contraindication_names_are_a_warning(tmp_path):
    found = _contraindicated(tmp_path, PROPERTIES + BY_MOUTH,
                             ["midazolam 7.5 mg po at night", "clarithromycin 500 mg po bid"])
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "midazolam (oral)" in found[0].message
    assert found[0].source.startswith("Test inhibitor label")  # the drug's own source first


def test_the_other_routes_alone_are_information_saying_what_to_do(tmp_path):
    found = _contraindicated(tmp_path, PROPERTIES + BY_MOUTH,
                             ["midazolam 10 mg/day sc continuous", "clarithromycin 500 mg po bid"])
    assert [f.severity for f in found] == [Severity.INFO]
    assert "adjust the dose" in found[0].message
    assert found[0].source == "Test routes [P]"
    # beside the oral order, the contraindicated route decides: one warning
    both = _contraindicated(tmp_path, PROPERTIES + BY_MOUTH,
                            ["midazolam 10 mg/day sc continuous", "midazolam 5 mg po at night",
                             "clarithromycin 500 mg po bid"])
    assert [f.severity for f in both] == [Severity.ERROR]


def test_without_a_route_limit_every_route_is_contraindicated(tmp_path):
    found = _contraindicated(tmp_path, PROPERTIES,
                             ["midazolam 10 mg/day sc continuous", "clarithromycin 500 mg po bid"])
    assert [f.severity for f in found] == [Severity.ERROR]


def test_a_weaker_inhibitor_than_the_source_names_is_not_flagged_by_any_route(tmp_path):
    for item in ("midazolam 7.5 mg po at night", "midazolam 10 mg/day sc continuous"):
        assert not _contraindicated(tmp_path, PROPERTIES + BY_MOUTH,
                                    [item, "fluconazole 50 mg po daily"])
