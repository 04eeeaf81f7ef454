"""A drug whose label warns that CYP2C9 inhibitors raise its effect, beside such an inhibitor
(issue 13, held-out round 16 WD59): the rule reads ``drug_properties.csv`` (``cyp2c9_substrate``,
``cyp2c9_inhibitor``) and its severity and statement from ``safety_rules.csv``.

The rows below are this file's own test rows, not clinical claims: a test substrate that is not
warfarin shows that the rule follows the data, not a drug name in the code.
"""

from __future__ import annotations

from pathlib import Path

from mpsdose import Knowledge, Patient, Regimen, check
from mpsdose.knowledge.loader import DATA_DIR
from mpsdose.model.findings import Finding, Severity
from tests.checking import header

HEADER = header("drug_properties")
ROWS = ("warfarin,cyp2c9_substrate,yes,Test label [P],P,\n"
        "fluconazole,cyp2c9_inhibitor,moderate,Test list [P],P,\n"
        "fluvoxamine,cyp2c9_inhibitor,yes,Test list [P],P,\n"
        "clarithromycin,cyp3a4_inhibitor,strong,Test list [P],P,\n")
PATIENT = Patient(age=71, crcl_ml_min=60)


def _knowledge(tmp_path: Path, rows: str = ROWS, rules: str | None = None) -> Knowledge:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "drug_properties.csv").write_text(HEADER + rows, encoding="utf-8")
    if rules is not None:
        (tmp_path / "safety_rules.csv").write_text(rules, encoding="utf-8")
    return Knowledge.load(tmp_path)


def _cyp2c9(k: Knowledge, items: list[str]) -> list[Finding]:
    return [f for f in check(Regimen.parse(items), PATIENT, knowledge=k)
            if f.code == "cyp2c9-inhibitor"]


def test_a_sensitive_drug_with_an_inhibitor_is_a_warning_naming_both(tmp_path):
    found = _cyp2c9(_knowledge(tmp_path), ["warfarin 5 mg po daily", "fluconazole 200 mg po daily"])
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "warfarin with the CYP2C9 inhibitor fluconazole" in found[0].message
    assert "INR" in found[0].message  # the rule's statement: what to do


def test_two_inhibitors_are_one_finding_that_names_each(tmp_path):
    found = _cyp2c9(_knowledge(tmp_path), ["warfarin 5 mg po daily", "fluconazole 200 mg po daily",
                                          "fluvoxamine 50 mg po at night"])
    assert len(found) == 1
    assert "fluconazole, fluvoxamine" in found[0].message


def test_neither_drug_alone_nor_a_cyp3a4_only_inhibitor_is_flagged(tmp_path):
    k = _knowledge(tmp_path)
    assert _cyp2c9(k, ["warfarin 5 mg po daily"]) == []
    assert _cyp2c9(k, ["fluconazole 200 mg po daily"]) == []
    assert _cyp2c9(k, ["warfarin 5 mg po daily", "clarithromycin 500 mg po bid"]) == []


def test_the_sensitive_drugs_are_whatever_the_properties_file_names(tmp_path):
    # without the warfarin row, warfarin is not judged; a test row makes celecoxib sensitive
    rows = ROWS.replace("warfarin,cyp2c9_substrate,yes,Test label [P],P,\n",
                        "celecoxib,cyp2c9_substrate,yes,Test label [P],P,\n")
    k = _knowledge(tmp_path, rows)
    assert _cyp2c9(k, ["warfarin 5 mg po daily", "fluconazole 200 mg po daily"]) == []
    found = _cyp2c9(k, ["celecoxib 200 mg po daily", "fluconazole 200 mg po daily"])
    assert "celecoxib with the CYP2C9 inhibitor fluconazole" in found[0].message


def test_the_severity_is_the_rule_rows(tmp_path):
    shipped = Path(DATA_DIR, "safety_rules.csv").read_text(encoding="utf-8")
    assert "\ncyp2c9-inhibitor,warning," in shipped
    rules = shipped.replace("\ncyp2c9-inhibitor,warning,", "\ncyp2c9-inhibitor,info,")
    found = _cyp2c9(_knowledge(tmp_path, rules=rules),
                    ["warfarin 5 mg po daily", "fluconazole 200 mg po daily"])
    assert [f.severity for f in found] == [Severity.INFO]
