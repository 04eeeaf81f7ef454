"""Issue 13, "silence you can trust": every non-opioid drug and route of the catalogue is judged.

"0 warnings" is a claim that the doses were checked. For each non-opioid drug of the shipped
catalogue and each of its routes, an order by the public ``check`` must not come back
``dose-not-checked`` (a maximum in ``data/dose_limits.csv``, a usual palliative range in
``data/usual_ranges.csv`` or, for a corticosteroid, a dexamethasone equivalent judges it) — except
the pairs in ``LEFT``, each with the reason no row is shipped. The test fails both ways: a drug or
route added to the catalogue without a row fails until it gets one or a reason here, and a pair
that gains a row fails until it leaves ``LEFT``.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.vocabulary import Route

ADULT = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none")

_NEURAXIAL = ("no palliative ceiling found: the palliative intrathecal/epidural local-anaesthetic "
              "doses seen are case series (Sjoberg 1991: intrathecal bupivacaine from under 30 to "
              "305 mg/day in cancer pain), and the anaesthetic single-dose guides (2 mg/kg, "
              "400 mg/day) would warn on ordinary palliative infusions")
_TOPICAL = ("a topical gel or plaster is dosed by the amount applied or the plaster count, not a "
            "systemic mg dose the limits are written in")

#: Non-opioid drug/route pairs with no dose row, each with why (the two units-dosed drugs,
#: heparin and dalteparin, are written in units and judged by rows in units).
LEFT: dict[tuple[str, str], str] = {
    # ("dabigatran", "oral"): judged since fixaspdab - at most 220 mg a dose and 300 mg a day
    # (US label, Singapore PI; Japan 150 mg a dose), the CrCl bands and from 80 years (EU) 220 mg/day
    # ("bupivacaine", "epidural"/"intrathecal"): judged since fix120la - every route together at
    # most 400 mg/day and 2 mg/kg a dose (Bahamas formulary, UK SmPC; UK 150 mg a dose); the
    # palliative intrathecal doses seen (Sjoberg 1991, up to 305 mg/day) stay below 400 mg/day
    # ("levobupivacaine", "epidural"): judged since fixsingle - at most 150 mg a dose and 400 mg
    # a day (MIMS, Chirocaine SmPC), warnings, as bupivacaine
    ("levobupivacaine", "intrathecal"): _NEURAXIAL,
    # ("ropivacaine", "epidural"): judged since fix120la - a day above the Naropin product
    # information's tolerated 800 mg in 24 h is a warning
    # ("lidocaine", "epidural"): judged since fix161 - a single dose above the US label's 4.5 mg/kg
    # and 300 mg, or in the UK and EU the SmPCs' 200 mg (without adrenaline)
    # ("lidocaine", "iv"): judged since fix115116 - at most 5 mg/kg a dose (Fast Fact #180, the
    # palliative bolus of 1-5 mg/kg over 15-60 min); an IV infusion by its day since fix120la
    # (1.5 mg/kg/h, Foo et al. 2021)
    # ("lidocaine", "sc"): judged since fix120la - infiltration without adrenaline at most
    # 4.5 mg/kg and 300 mg a dose (Xylocaine MPF label); a subcutaneous infusion (a rate) is not
    # ("ketamine", "iv"): judged since fix139140 - at most 0.35 mg/kg a bolus and 1 mg/kg/h an
    # infusion (by its day, 24 mg/kg/day), warnings (ASRA/AAPM/ASA consensus, Schwenk 2018)
    ("ketamine", "im"): ("no palliative IM ketamine dose found; the IM label dose is the "
                         "anaesthetic induction dose"),
    ("clonazepam", "im"): ("the clonazepam injection labels seen give IV doses only (the IV rows); "
                           "no IM dose found"),
    ("naloxone", "buccal"): ("only in buprenorphine/naloxone buccal film, where the naloxone dose "
                             "follows the buprenorphine dose (judged as an opioid)"),
    # the CYP3A4 inhibitors added by fix127: their oral days are judged (label maxima); their
    # IV forms are not
    ("erythromycin", "iv"): ("the erythromycin lactobionate label text was not seen; the oral row "
                             "is the US delayed-release tablets' 4 g/day"),
    ("diltiazem", "iv"): ("IV diltiazem is a weight-based bolus then an hourly infusion for rate "
                          "control; no daily maximum was read"),
    ("ibuprofen", "topical"): _TOPICAL,
    # ("lidocaine", "topical"): judged since fix134 - a solution or jelly written in mg at most
    # 300 mg and 4.5 mg/kg a dose and 2400 mg a day (the viscous 2% label: eight 15 mL doses);
    # a plaster (form patch) is dosed by the plaster and stays not checked
    ("loxoprofen", "topical"): _TOPICAL,
    # the palliative drugs added by gaps129130: their palliative route (SC infusion) is judged
    # where a formulary gives a maximum; the other routes are left with the reason
    # ("glycopyrronium", "im"/"iv"): judged since singles2 - a single dose above the premedication
    # maximum of 400 micrograms is a warning (UK SmPC; reversal doses in theatre are larger)
    # ("glycopyrronium", "oral"): judged since fixsingle - the US Robinul label's maximum of
    # 8 mg a day (palliative oral use is off-label, far below it)
    ("hyoscine butylbromide", "oral"): "under 10% absorbed; no oral maximum read (eTG gives "
                                       "10-20 mg 3-4 times daily without a ceiling)",
    # ("hyoscine hydrobromide", "im"/"iv"): judged since singles2 - a single dose above the
    # premedication dose of 200-600 micrograms is a warning (UK SmPC); no daily maximum read
    ("hyoscine hydrobromide", "oral"): "travel-sickness tablets (Kwells): no maximum read in this "
                                       "pass",
    ("octreotide", "iv"): "IV bolus or infusion in variceal bleeding and obstruction: no daily "
                          "maximum read",
    # ("phenobarbital", "sc"/"im"): judged since singles2 - a single dose above the labelled
    # 50-200 mg is a warning (UK SmPC); an SC infusion's day stays not checked: palliative
    # sedation doses vary widely (800-1200 mg/24 h typical, 1800 and up to 3800 mg/24 h reported;
    # Thomas 2021, Tan 2025), no ceiling a source gives
    ("phenobarbital", "iv"): "status epilepticus loading by weight; no maximum read",
    # ("phenobarbital", "oral"), ("phenytoin", "oral"): judged since fix174 (UK SmPC adults
    # 60-180 mg a day, a warning; the Dilantin oral loading day of 1 g, 400 mg a dose)
    ("phenytoin", "iv"): "loading by weight in status epilepticus; no maximum read (gaps)",
    ("rifampicin", "oral"): "dosed by weight in tuberculosis regimens; no maximum read this "
                            "session (gaps)",
    # ("promethazine", "oral"): judged since fix175 - a single dose above 50 mg (the largest the
    # UK SmPC and the US label print, night-time sedation), a warning; the daily maximum still
    # differs by indication (allergy 60 mg/day), so no daily row
    # ("promethazine", "im"/"iv"): judged since singles2 - 'Maximum parenteral dose 100 mg'
    # (Phenergan injection SmPC), an error above it
}


def _order(drug: str, route: Route) -> str:
    if route is Route.TRANSDERMAL:  # a patch is written as its release rate
        return f"{drug} 10 mcg/h {route.value} q72h"
    unit = "units" if resolve(None).catalogue.drugs[drug].dosed_in_units else "mg"
    return f"{drug} 1 {unit} {route.value} daily"


def _pairs() -> list[tuple[str, Route]]:
    catalogue = resolve(None).catalogue
    return [(drug.name, route) for drug in sorted(catalogue.drugs.values(), key=lambda d: d.name)
            if drug.listed and not drug.is_opioid
            for route in sorted(drug.routes, key=lambda r: r.value)]


PAIRS = _pairs()


def _judged(drug: str, route: Route) -> bool:
    found = check(Regimen.parse([_order(drug, route)]), ADULT)
    return "dose-not-checked" not in {f.code for f in found}


@pytest.mark.parametrize(("drug", "route"), PAIRS, ids=[f"{d} {r.value}" for d, r in PAIRS])
def test_every_non_opioid_drug_and_route_is_judged_or_left_with_a_reason(drug, route):
    judged = _judged(drug, route)
    if (drug, route.value) in LEFT:  # kept honest: a pair that gains a row leaves the list
        assert not judged, f"{drug} ({route.value}) is judged now: take it off LEFT"
    else:
        assert judged, f"{drug} ({route.value}) has no dose row: add one or a reason to LEFT"


def test_every_pair_left_is_in_the_catalogue():
    known = {(drug, route.value) for drug, route in PAIRS}
    assert set(LEFT) <= known, set(LEFT) - known
    assert all(reason.strip() for reason in LEFT.values())


def test_the_units_dosed_drugs_are_read_in_units_and_judged():
    # heparin and dalteparin are written in units (U, IU) and judged by rows in units
    for item in ("heparin 5000 units sc bid", "dalteparin 5000 IU sc daily",
                 "heparin 1000 units/h iv continuous"):
        drug, route = Regimen.parse([item]).items[0].drug.name, Regimen.parse([item]).items[0].route
        assert _judged(drug, route), item
