"""A label's own list of contraindicated CYP3A4 inhibitors names a weaker one (issue 13)."""

from __future__ import annotations

from pathlib import Path

from mpsdose import Knowledge, Patient, Regimen, check

HEADER = "drug,property,value,source,grade,notes\n"
ROWS = ("fluconazole,cyp3a4_inhibitor,moderate,Test [P],P,\n"
        "clarithromycin,cyp3a4_inhibitor,strong,Test [P],P,\n"
        "domperidone,cyp3a4_inhibitor_contraindicated,strong,Test label [P],P,\n")


def _codes(tmp_path: Path, rows: str, items: list[str]) -> list[str]:
    (tmp_path / "drug_properties.csv").write_text(HEADER + rows, encoding="utf-8")
    k = Knowledge.load(tmp_path)
    found = check(Regimen.parse(items), Patient(age=60), knowledge=k)
    return [f.code for f in found if f.code == "cyp3a4-inhibitor-contraindicated"]


def test_a_moderate_inhibitor_is_contraindicated_only_where_the_label_names_it(tmp_path):
    items = ["domperidone 10 mg po tid", "fluconazole 200 mg po daily"]
    assert _codes(tmp_path, ROWS, items) == []
    named = ROWS + "domperidone,cyp3a4_inhibitor_contraindicated_named,fluconazole,Label [P],P,\n"
    assert _codes(tmp_path, named, items) == ["cyp3a4-inhibitor-contraindicated"]


def test_a_strong_inhibitor_is_reported_once_whether_named_or_not(tmp_path):
    named = ROWS + ("domperidone,cyp3a4_inhibitor_contraindicated_named,clarithromycin,"
                    "Label [P],P,\n")
    items = ["domperidone 10 mg po tid", "clarithromycin 500 mg po bid"]
    assert _codes(tmp_path, named, items) == ["cyp3a4-inhibitor-contraindicated"]
