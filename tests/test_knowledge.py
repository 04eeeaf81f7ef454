"""The knowledge bundle on tiny data of its own: loading a folder over the shipped files, schema
errors that name file, line and column, interval notation, pickling, and the rules the code reads.
"""

from __future__ import annotations

import itertools
import json
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mpsdose
from mpsdose import DataError, Knowledge, Patient, Regimen, check
from mpsdose.cli import main
from mpsdose.knowledge.bundle import REQUIRED_RULES
from mpsdose.knowledge.loader import DATA
from mpsdose.knowledge.schema import SCHEMAS, Interval, parse_interval

SRC = Path(mpsdose.__file__).parent
LIMITS_HEADER = ("drug,route,release,condition,condition_band,condition_value,max_single_mg,"
                 "max_daily_mg,max_daily_mg_per_kg,max_days,source,grade,notes\n")
ADULT = Patient(age=50, weight_kg=70)


def _folder(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    return tmp_path


def _codes(findings) -> set[str]:
    return {f.code for f in findings}


# -- a hospital's own file over the shipped ones ---------------------------------------------------
def test_a_local_dose_limit_replaces_the_shipped_one(tmp_path):
    folder = _folder(tmp_path, dose_limits=LIMITS_HEADER
                     + "acetaminophen,,,any,,,1000,3000,,,Our formulary 2026,P,\n")
    local = Knowledge.load(folder)
    regimen = Regimen.parse(["acetaminophen 1 g po qid"])
    shipped = check(regimen, ADULT)
    assert "acetaminophen-above-max" not in _codes(shipped)
    found = check(regimen, ADULT, knowledge=local)
    above = [f for f in found if f.code == "acetaminophen-above-max"]
    assert above and above[0].source == "Our formulary 2026"
    assert "3000" in above[0].message


def test_check_knowledge_option_applies_the_local_limit(tmp_path, runner):
    folder = _folder(tmp_path, dose_limits=LIMITS_HEADER
                     + "acetaminophen,,,any,,,1000,3000,,,Our formulary 2026,P,\n")
    plain = runner.invoke(main, ["check", "acetaminophen 1 g po qid", "--json"])
    local = runner.invoke(main, ["check", "acetaminophen 1 g po qid", "--json",
                                 "--knowledge", str(folder)])
    assert plain.exit_code == 0, plain.output
    assert local.exit_code == 1, local.output
    codes = {f["code"] for f in json.loads(local.stdout)["findings"]}
    assert "acetaminophen-above-max" in codes


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (LIMITS_HEADER + "acetaminophen,,,any,,,1000,lots,,,src,P,\n",
         "dose_limits.csv:2, column max_daily_mg", "not a number"),
        (LIMITS_HEADER + "paracetamoll,,,any,,,1000,3000,,,src,P,\n",
         "dose_limits.csv:2, column drug", "unknown drug"),
        (LIMITS_HEADER + "acetaminophen,,,age,65,,1000,3000,,,src,P,\n",
         "dose_limits.csv:2, column condition_band", "interval notation"),
        (LIMITS_HEADER + "acetaminophen,,,any,,,1000,3000,,,,P,\n",
         "dose_limits.csv:2, column source", "required"),
        (LIMITS_HEADER.replace("max_daily_mg,", "max_dayly_mg,")
         + "acetaminophen,,,any,,,1000,3000,,,src,P,\n", "dose_limits.csv:1", "max_dayly_mg"),
    ],
    ids=["not a number", "unknown drug", "band not in notation", "no source", "misspelt column"],
)
def test_a_malformed_local_file_is_refused_with_file_line_and_column(tmp_path, runner, text,
                                                                    where, words):
    folder = _folder(tmp_path, dose_limits=text)
    with pytest.raises(DataError) as caught:
        Knowledge.load(folder)
    assert where in str(caught.value) and words in str(caught.value)
    result = runner.invoke(main, ["check", "acetaminophen 1 g po qid", "--knowledge", str(folder)])
    assert result.exit_code == 2
    assert where in result.stderr and "Traceback" not in result.output


def test_an_unknown_file_name_is_refused(tmp_path):
    folder = _folder(tmp_path, dose_limit="drug\n")  # dose_limit.csv: a typo for dose_limits.csv
    with pytest.raises(DataError, match=r"not a data file of mpsdose: dose_limit\.csv"):
        Knowledge.load(folder)


def test_a_local_rules_file_must_keep_the_rules_the_code_reads(tmp_path):
    folder = _folder(tmp_path, rotation_rules=(
        "rule,drug,value,value_low,value_high,unit,source,grade,notes\n"
        "titration_step,,,0.25,0.5,fraction,src,P,\n"))
    with pytest.raises(DataError, match="breakthrough_fraction"):
        Knowledge.load(folder)


def test_a_folder_alone_is_a_bundle_of_its_files(tmp_path):
    folder = _folder(tmp_path, drugs=(
        "drug,drug_class,atc_code,routes,forms,natural_unit,source,grade,notes\n"
        "morphine,opioid,N02AA01,oral,tablet,mg/day,src,P,\n"))
    tiny = Knowledge.load(folder, shipped=False)
    assert list(tiny.catalogue.drugs) == ["morphine"]
    with pytest.raises(DataError, match=r"no dose_limits\.csv"):
        _ = tiny.dose_limits
    item = mpsdose.parse_item("morphine 10 mg po q4h", knowledge=tiny)
    assert item.drug.name == "morphine"
    with pytest.raises(mpsdose.UnknownDrugError):
        mpsdose.parse_item("oxycodone 10 mg po q4h", knowledge=tiny)


def test_a_local_drug_name_reaches_the_item_language(tmp_path):
    names = (DATA / "drug_names.csv").read_text(encoding="utf-8")
    folder = _folder(tmp_path, drug_names=names + "morfina,morphine,inn,,Our formulary,P\n")
    local = Knowledge.load(folder)
    assert mpsdose.parse_item("morfina 10 mg po q4h", knowledge=local).drug.name == "morphine"
    with pytest.raises(mpsdose.UnknownDrugError):
        mpsdose.parse_item("morfina 10 mg po q4h")


# -- the shipped data against its schemas ------------------------------------------------------------
def test_every_data_file_has_a_schema_and_every_schema_a_file():
    assert {path.name for path in DATA.glob("*.csv")} == set(SCHEMAS)


def test_the_shipped_bundle_loads_whole():
    assert Knowledge.default().validate() is Knowledge.default()


def test_every_shipped_row_has_a_source_and_a_grade():
    knowledge = Knowledge.default()
    for name in SCHEMAS:
        for row in knowledge.rows(name):
            assert row["source"], row.where
            assert row["grade"] in ("P", "S"), row.where


def test_no_source_names_a_local_path():
    for path in DATA.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(^|[\s,\"(])/(home|tmp|work|root|usr)/|shared/reference", text), path


def test_the_rules_the_code_reads_are_the_declared_ones():
    """REQUIRED_RULES lists every rule the clinical code asks for by a fixed name."""
    asked = {"rotation_rules.csv": set(), "methadone_rules.csv": set(), "safety_rules.csv": set()}
    for path in (SRC / "clinical").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"rotation_rules\.(?:first|all|for_market)\(\s*\"([\w-]+)\"",
                                 text):
            asked["rotation_rules.csv"].add(match.group(1))
        for match in re.finditer(r"methadone_rules\.first\(\s*\"([\w-]+)\"", text):
            asked["methadone_rules.csv"].add(match.group(1))
        for match in re.finditer(r"(?:_ruled?\(k, |safety_rules\.first\()\"([\w-]+)\"", text):
            asked["safety_rules.csv"].add(match.group(1))
    for name, rules in asked.items():
        assert rules <= set(REQUIRED_RULES[name]), (name, rules - set(REQUIRED_RULES[name]))


# -- interval notation -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [("[30, 60)", [30, 59.99], [29.99, 60]), ("(20, 40]", [20.01, 40], [20, 40.01]),
     ("[65, )", [65, 1e6], [64.99]), ("(, 50)", [0, 49.9], [50]), ("", [-1, 0, 1e9], [])],
)
def test_interval_notation(text, inside, outside):
    band = parse_interval(text)
    assert all(band.contains(x) for x in inside)
    assert not any(band.contains(x) for x in outside)


@pytest.mark.parametrize("text", ["30-60", "[60, 30)", "[30, 30)", "[, 30)", "[a, 3)", "(30, inf)"])
def test_malformed_intervals_are_refused(text):
    with pytest.raises(ValueError, match="band"):
        parse_interval(text)


bounds = st.one_of(st.none(), st.integers(-1000, 1000).map(float))


@given(bounds, bounds, st.booleans(), st.booleans(), st.floats(-2000, 2000))
def test_an_interval_reads_back_what_it_writes(low, high, low_closed, high_closed, x):
    if low is not None and high is not None and (low > high or low == high):
        return
    band = Interval(low, high, low_closed and low is not None, high_closed and high is not None)
    again = parse_interval(band.format())
    assert again == band
    assert again.contains(x) == band.contains(x)


@given(st.lists(st.integers(0, 500), min_size=2, max_size=6, unique=True), st.floats(0, 600))
def test_adjacent_half_open_bands_hold_every_value_once(edges, x):
    edges = sorted(edges)
    bands = [Interval(a, b) for a, b in itertools.pairwise(edges)]
    holding = [band for band in bands if band.contains(x)]
    assert len(holding) == (1 if edges[0] <= x < edges[-1] else 0)


# -- pickling --------------------------------------------------------------------------------------
ERRORS = [
    mpsdose.ItemSyntaxError("cannot read 'x'", text="morphine x", token="x"),
    mpsdose.UnknownDrugError("morfine", ["morphine"], text="morfine 10 mg"),
    mpsdose.UnknownTableError("cdc2099", ["cdc2022"]),
    mpsdose.UnitError("unit 'U' refused", unit="U", allowed=["mg"], text="morphine 10 U"),
    mpsdose.DoseError("dose is zero", value=0, text="morphine 0 mg"),
    mpsdose.RouteError("no td route", route="td", allowed=["oral"], text="x"),
    mpsdose.RegimenFileError("bad TOML", path="a.toml", where="items[0]"),
    mpsdose.DataError("not a number", path="dose_limits.csv", line=3, column="max_daily_mg"),
    mpsdose.FhirError("no dosage", resource="MedicationRequest/1", field="dosageInstruction"),
    mpsdose.RotationError("dose unknown"),
]


@pytest.mark.parametrize("error", ERRORS, ids=[type(e).__name__ for e in ERRORS])
def test_every_error_pickles_with_its_attributes(error):
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert str(again) == str(error)
    assert vars(again) == vars(error)


def test_a_knowledge_bundle_pickles(tmp_path):
    folder = _folder(tmp_path, dose_limits=LIMITS_HEADER
                     + "acetaminophen,,,any,,,1000,3000,,,Our formulary 2026,P,\n")
    local = pickle.loads(pickle.dumps(Knowledge.load(folder)))
    assert local.local == {"dose_limits.csv"}
    assert local.dose_limits[0].max_daily_mg == 3000


def test_a_threshold_finding_takes_the_severity_its_row_gives(tmp_path):
    text = ("context,threshold_mg_per_day,severity,meaning,source,grade,notes\n"
            "ours,40,warning,review at 40,Our guideline,P,\n"
            "theirs,40,info,note at 40,Their guideline,P,\n")
    local = Knowledge.load(_folder(tmp_path, ome_thresholds=text))
    regimen = Regimen.parse(["oxycodone 30 mg/day"])  # 45 mg OME/day by cdc2022

    def severity(context: str) -> str:
        found = mpsdose.oral_morphine_equivalent(regimen, threshold_context=context,
                                                 knowledge=local).findings
        (threshold,) = [f for f in found if f.code == f"ome-threshold-{context}"]
        return threshold.severity.value

    assert severity("ours") == "warning"
    assert severity("theirs") == "info"


def test_a_drug_the_catalogue_knows_is_refused_as_one_it_does_not(tmp_path):
    # other_drug_names.csv names drugs mpsdose cannot check: a catalogue name there would read a
    # checked drug's amount as unchecked
    shipped = (DATA / "other_drug_names.csv").read_text(encoding="utf-8")
    folder = _folder(tmp_path, other_drug_names=shipped + "morphine,,analgesic or antirheumatic,"
                                                          "Our formulary,P,\n")
    with pytest.raises(DataError, match=r"other_drug_names\.csv.*'morphine' is a name the catalogue"):
        Knowledge.load(folder)


def test_the_names_of_drugs_the_catalogue_lacks_resolve_aliases_and_salts():
    others = Knowledge.default().other_drugs
    assert others["divalproex sodium"].name == others["divalproex"].name == "valproic acid"
    assert others["metformin"].drug_class == "hormone or antidiabetic"
    assert not (set(others) & set(Knowledge.default().catalogue.names))
