"""Warfarin with a CYP2C9 inhibitor, with the shipped data (issue 13; held-out round 16 WD59).

Sources (drug_properties.csv, safety_rules.csv ``cyp2c9-inhibitor``): the US warfarin label's
Table 2 (CYP2C9 inhibitors: ... fluconazole, fluvastatin, fluvoxamine, metronidazole,
miconazole ...; "Closely monitor INR"), the Diflucan label ("a moderate CYP2C9 and CYP3A4
inhibitor"; "Dose adjustment of warfarin may be necessary"), the Luvox CR label and the MHRA
Drug Safety Updates on miconazole oral gel — all seen as copies (S).
"""

from __future__ import annotations

import json

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.cli import main
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Severity

OLDER = Patient(age=71, weight_kg=66, crcl_ml_min=60, hepatic="none")


def _raised(items: list[str]) -> set[tuple[str, Severity]]:
    return {(f.code, f.severity) for f in check(Regimen.parse(items), OLDER, market="us")
            if f.severity is not Severity.INFO}


def test_round_16_wd59_warfarin_with_fluconazole_warns(runner):
    result = runner.invoke(main, ["check", "warfarin 5 mg po daily", "fluconazole 200 mg po daily",
                                  "--age", "71", "--crcl", "60", "--market", "us", "--json"])
    assert result.exit_code == 0, result.output
    found = [f for f in json.loads(result.output)["findings"] if f["code"] == "cyp2c9-inhibitor"]
    assert [f["severity"] for f in found] == ["warning"]
    message = found[0]["message"]
    assert "warfarin with the CYP2C9 inhibitor fluconazole" in message
    assert "Monitor the INR closely" in message and "reduce the warfarin dose" in message
    assert "Table 2" in found[0]["source"] and "MHRA" in found[0]["source"]


def test_warfarin_with_fluvoxamine_warns():
    # the warfarin label's Table 2 names fluvoxamine; its own label: monitor the prothrombin
    # time and adjust the warfarin dose
    assert ("cyp2c9-inhibitor", Severity.WARNING) in _raised(["warfarin 3 mg po daily",
                                                             "fluvoxamine 50 mg po at night"])


@pytest.mark.parametrize("other", ["alprazolam 0.25 mg po bid", "clarithromycin 500 mg po bid",
                                   "cimetidine 400 mg po bid", "fluoxetine 20 mg po daily",
                                   "omeprazole 20 mg po daily", "paracetamol 1 g po tid"])
def test_warfarin_beside_a_drug_the_label_lists_only_for_cyp3a4_or_1a2_is_not_this_rule(other):
    # alert fatigue: the label's CYP3A4 and CYP1A2 lists hold weak inhibitors
    assert "cyp2c9-inhibitor" not in {code for code, _ in _raised(["warfarin 3 mg po daily",
                                                                   other])}


def test_every_shipped_cyp2c9_inhibitor_is_named_by_the_warfarin_label_or_rated_moderate_up():
    properties = resolve(None).drug_properties
    warfarin = properties.get("warfarin", "cyp2c9_substrate")
    assert warfarin is not None
    listed = warfarin[1].split("CYP2C9 inhibitors: '")[1].split("'")[0]
    inhibitors = [drug for drug, named in properties.table.items() if "cyp2c9_inhibitor" in named]
    assert sorted(inhibitors) == ["fluconazole", "fluvoxamine"]
    for drug in inhibitors:
        value, _ = properties.get(drug, "cyp2c9_inhibitor")  # type: ignore[misc]
        assert drug in listed.split(", ") or value in ("moderate", "strong")
