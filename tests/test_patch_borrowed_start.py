"""A first fentanyl patch below the US label's 60 mg/day of opioid tolerance, in a market whose
own patch start is not shipped (AU, NZ): the US contraindication is borrowed, and where another
market's label gives the start (the UK and EU labels: 12 mcg/h for 30-45 or 30-60 mg/day of oral
morphine) it counts as one warning naming both labels, not an error (rounds 63 and 65, MB30 and
GB41). In the US, with no market, and below every label's band, the error stands."""

from __future__ import annotations

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Finding, Severity
from tests.checking import severities

TOLERANT = Patient(age=67, weight_kg=64, crcl_ml_min=70, hepatic="none", opioid_tolerant=True)
PATCH = ["fentanyl 12 mcg/h td q72h"]
MORPHINE_30 = Regimen.parse(["morphine sr 15 mg po q12h"])  # 30 mg/day OME in every table


def _found(market: str | None, previous: Regimen = MORPHINE_30) -> list[Finding]:
    return check(Regimen.parse(PATCH), TOLERANT, previous=previous, market=market)


def test_a_market_without_its_own_patch_start_borrows_the_us_rule_as_a_warning():
    for market in ("au", "nz"):
        found = _found(market)
        assert severities(found, "fentanyl-patch-low-ome") == [Severity.WARNING], market
        assert not severities(found, "fentanyl-patch-first-dose"), market  # one finding
        finding = next(f for f in found if f.code == "fentanyl-patch-low-ome")
        assert "UK label gives 12 mcg/h" in finding.message
        assert "EU label gives 12 mcg/h" in finding.message
        assert f"No {market.upper()} patch start is shipped" in finding.message
        assert "Durogesic" in finding.source


def test_the_us_rule_stays_an_error_in_the_us_and_with_no_market():
    for market in ("us", None):
        found = _found(market)
        assert Severity.ERROR in severities(found, "fentanyl-patch-low-ome"), market


def test_the_uk_and_eu_labels_make_it_information():
    for market in ("uk", "eu"):
        assert severities(_found(market), "fentanyl-patch-low-ome") == [Severity.INFO], market


def test_below_every_labels_band_the_borrowed_rule_is_still_an_error():
    # 10 mg/day of oral morphine: below the UK band (30-60) and the EU band (30-45)
    low = Regimen.parse(["morphine ir 5 mg po q12h"])
    found = _found("au", previous=low)
    assert Severity.ERROR in severities(found, "fentanyl-patch-low-ome")


# -- a label's sequence of breakthrough doses, borrowed where the market has none (round 72) --
def test_a_skipped_pecfent_step_warns_in_a_market_with_no_sequence_of_its_own():
    # PecFent's EU label titrates 100, 200, 400, 800 micrograms one step at a time; the UK market
    # ships no sequence, so the EU one is borrowed and the finding says so
    regimen = Regimen.parse(["mst continus 60 mg po q12h",
                             "pecfent 800 mcg intranasal prn max 4/day"])
    previous = Regimen.parse(["mst continus 60 mg po q12h",
                              "pecfent 100 mcg intranasal prn max 4/day"])
    for market, borrowed in (("uk", True), ("eu", False)):
        found = check(regimen, TOLERANT, previous=previous, market=market)
        assert severities(found, "opioid-titration-step") == [Severity.WARNING], market
        message = next(f.message for f in found if f.code == "opioid-titration-step")
        assert ("borrowed: no UK row is shipped" in message) is borrowed, market
    # one step at a time is no finding, borrowed or not
    one_step = Regimen.parse(["mst continus 60 mg po q12h",
                              "pecfent 200 mcg intranasal prn max 4/day"])
    assert not severities(check(one_step, TOLERANT, previous=previous, market="uk"),
                          "opioid-titration-step")
