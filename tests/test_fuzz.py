"""Generated input over every surface: for any input, a correct reading or a clean refusal.

Items, regimen and course files (TOML and JSON), batch tables (CSV and Parquet, polars and
pandas), the Python API and the CLI. A reading is checked against an independent computation
written here (a dose per administration × doses a day, with the conversion factor read from the
table); a refusal must be an :class:`~mpsdose.MpsdoseError` (at the CLI: exit 2 and one stderr
line). Never a traceback, never an accepted wrong number, never a lost row.

The probes are what an attacker and a careless user would send: numbers of every shape
(``.5``, ``5.``, ``1e3``, ``7,5``, ``NaN``, ``inf``, 400 digits, Unicode digits), wrong types in
every field, words of one field in another, duplicated keys, control characters and odd Unicode.
Examples per property follow the hypothesis profile (``ci`` under CI); each property also has a
small cap of its own where one example is costly (a file, a subprocess-free CLI run).
"""

from __future__ import annotations

import contextlib
import datetime
import inspect
import json
import math
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import mpsdose
from mpsdose import MpsdoseError, Patient, Regimen, parse_item
from mpsdose.cli import main
from mpsdose.model.guards import IMPLAUSIBLE_DOSE_MG

pl = pytest.importorskip("polars")

from mpsdose.io.batch import OUTPUT_COLUMNS, batch_mme, per_patient, read_table  # noqa: E402

#: Examples of the costlier properties (a table, a file, a CLI run each): a share of the profile.
COSTLY = max(10, settings().max_examples // 3)
FAST = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                       HealthCheck.function_scoped_fixture])

# -- the pieces of an item, with what they mean (the independent reading) ------------------------
DRUGS = {"oxycodone": "oxycodone", "OxyContin": "oxycodone", "morphine": "morphine",
         "hydromorphone": "hydromorphone", "acetaminophen": "acetaminophen",
         "paracetamol": "acetaminophen", "pregabalin": "pregabalin"}
MASS = {"mg": 1.0, "g": 1000.0, "mcg": 0.001, "µg": 0.001, "milligrams": 1.0}
FREQUENCIES = {"q4h": 6, "q6h": 4, "q8h": 3, "q12h": 2, "q24h": 1, "q4-6h": 6, "q6-4h": 6,
               "every 8 hours": 3, "bid": 2, "tid": 3, "qid": 4, "daily": 1, "3x/day": 3,
               "twice daily": 2, "at night": 1, "q0.5h": 48, "q1h": 24}
ROUTES = ["po", "oral", "by mouth", ""]
JUNK = ["prn", "max", "mg", "/", "-", "x", "q", "h", "0", "e3", ",", ".", "po", "td", "#3", "½",
        "٣", "\u200b", "\x00", "\n", "🙂", "NaN", "inf", "-5", "1e400", "9" * 50, "µ", "μ", "'",
        "dose unknown", "for 3 days", "max 4/day", "u", "IU", "cc", "ml of", "10 mg/ml"]

numbers = st.one_of(
    st.decimals(min_value="0.001", max_value="5000", places=3).map(lambda d: format(d, "f")),
    st.integers(1, 2000).map(str),
    st.sampled_from(["0", "00", ".5", "5.", "0.00001", "1e3", "7,5", "-5", "NaN", "inf",
                     "1" * 400, "١٠", "0" * 30 + "1", "5..5", "1/2", "5/325"]),
)


def _reference_daily(number: str, unit: str, frequency: str) -> float | None:
    """The daily amount [mg/day] a careful reader takes from the pieces, or None where a careful
    reader would not accept them (so mpsdose must refuse)."""
    if not re.fullmatch(r"\d+(\.\d*)?|\.\d+", number) or len(number) > 40:
        return None
    digits = number.replace(".", "").lstrip("0").rstrip("0")
    if len(digits) > 17:
        return None
    value = float(number)
    if value <= 0:
        return None
    per_dose = value * MASS[unit]
    daily = per_dose * FREQUENCIES[frequency]
    if per_dose > IMPLAUSIBLE_DOSE_MG or daily > IMPLAUSIBLE_DOSE_MG:
        return None
    return daily


@FAST
@given(drug=st.sampled_from(sorted(DRUGS)), number=numbers, unit=st.sampled_from(sorted(MASS)),
       route=st.sampled_from(ROUTES), frequency=st.sampled_from(sorted(FREQUENCIES)),
       prn=st.booleans(), space=st.sampled_from([" ", "", "  "]))
def test_items_are_read_as_a_careful_reader_would(drug, number, unit, route, frequency, prn,
                                                  space):
    text = f"{drug} {number}{space}{unit} {route} {frequency}{' prn' if prn else ''}"
    expected = _reference_daily(number, unit, frequency)
    try:
        item = parse_item(text)
    except MpsdoseError:
        assert expected is None or "/" in number, text  # a refusal of good input is a defect
        return
    assert expected is not None, f"accepted {text!r}"
    assert item.drug.name == DRUGS[drug]
    assert item.prn is prn
    assert item.daily() == pytest.approx(expected, rel=1e-12), text


@FAST
@given(st.lists(st.one_of(st.sampled_from(JUNK + sorted(DRUGS) + sorted(FREQUENCIES)),
                          numbers, st.text(max_size=8)), max_size=12))
def test_any_text_is_an_item_or_a_clean_refusal(words):
    text = " ".join(words)
    try:
        item = parse_item(text)
    except MpsdoseError:
        return
    for ingredient in item.ingredients:
        daily = item.daily(ingredient)
        assert daily is None or (math.isfinite(daily) and 0 < daily <= IMPLAUSIBLE_DOSE_MG)
    assert parse_item(item.format()) == item  # what it read, it can write back


# -- regimen and course files ----------------------------------------------------------------------
#: Values of every type for any key: what a careless hand or a hostile file puts there.
ANY_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(allow_nan=False),
    st.text(max_size=20), st.sampled_from(["false", "true", "no", "po prn max 20/day",
                                           "q4h prn", "5 mg po", "mg q6h", "er prn", "oxycodone",
                                           "", " "]),
    st.lists(st.integers(0, 3), max_size=2), st.dictionaries(st.text(max_size=3),
                                                             st.integers(), max_size=2),
)
ITEM_KEYS = ["drug", "route", "dose", "unit", "frequency", "prn", "max_prn_per_day", "form",
             "count", "duration_days"]


@st.composite
def item_tables(draw):
    """An item table, mostly well formed, with some keys given any value at all."""
    table = {"drug": draw(st.sampled_from(sorted(DRUGS))),
             "dose": draw(st.sampled_from([5, 10, 0.5, 2.5, 0.00001, 325])),
             "unit": draw(st.sampled_from(["mg", "mcg", "g"])),
             "route": draw(st.sampled_from(["po", "oral", None])),
             "frequency": draw(st.sampled_from([*sorted(FREQUENCIES), None]))}
    if draw(st.booleans()):
        table["prn"] = True
        if draw(st.booleans()):
            table["max_prn_per_day"] = draw(st.sampled_from([2, 4, 6]))
    for key in draw(st.lists(st.sampled_from([*ITEM_KEYS, "extra"]), max_size=2, unique=True)):
        table[key] = draw(ANY_VALUE)
    return {k: v for k, v in table.items() if v is not None or draw(st.booleans())}


def _table_reading(table):
    """What an item table means, read independently: (drug, prn, daily mg/day or None)."""
    dose, unit, frequency = table.get("dose"), table.get("unit"), table.get("frequency")
    prn = table.get("prn", False)
    if frequency is None or isinstance(dose, bool) or not isinstance(dose, int | float):
        return None
    per_dose = dose * MASS[unit]
    per_day = FREQUENCIES[frequency]
    if prn and "max_prn_per_day" in table:
        per_day = table["max_prn_per_day"]
    return DRUGS[table["drug"]], prn, per_dose * per_day


def _plain_table(table):
    well_typed = {"drug": str, "route": (str, type(None)), "dose": (int, float),
                  "unit": str, "frequency": (str, type(None)), "prn": bool,
                  "max_prn_per_day": (int, float)}
    return (set(table) <= set(well_typed)
            and table.get("drug") in DRUGS and table.get("unit") in MASS
            and table.get("route") in ("po", "oral", None)
            and table.get("frequency") in {**FREQUENCIES, None: 0}
            and all(isinstance(table[k], well_typed[k]) and not (
                isinstance(table[k], bool) and k != "prn") for k in table))


@settings(max_examples=COSTLY * 2, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(tables=st.lists(item_tables(), min_size=1, max_size=4),
       syntax=st.sampled_from(["json", "toml"]), course=st.booleans(),
       patient=st.dictionaries(st.sampled_from(["age", "weight_kg", "crcl_ml_min", "hepatic",
                                                "opioid_tolerant", "conditions", "other"]),
                               ANY_VALUE, max_size=2))
def test_regimen_files_are_read_as_their_keys_say_or_refused(tables, syntax, course, patient):
    import tomli_w

    if syntax == "toml":  # TOML has no null: what is written is the table without them
        tables, patient = _tomlable(tables), _tomlable(patient)
    data = {"states": [{"label": "a", "items": tables}]} if course else {"items": tables}
    if patient:
        data["patient"] = patient
    try:
        text = json.dumps(data) if syntax == "json" else tomli_w.dumps(_tomlable(data))
    except (TypeError, ValueError):
        assume(False)
    try:
        loaded = mpsdose.loads(text, syntax)
    except MpsdoseError:
        return
    regimen = loaded.last.regimen if course else loaded
    for table, item in zip(tables, regimen.items, strict=True):
        assert table.get("prn", False) is True or table.get("prn", False) is False
        assert isinstance(table["drug"], str)
        if not _plain_table(table):  # a null or a stray type: read or refused, not compared
            continue
        reading = _table_reading(table)
        if reading is None:
            continue
        drug, prn, daily = reading
        assert item.drug.name == drug and item.prn is prn
        assert item.daily() == pytest.approx(daily, rel=1e-12)
    if "opioid_tolerant" in patient:
        assert loaded.patient.opioid_tolerant is patient["opioid_tolerant"]


def test_a_null_optional_key_is_read_as_absent():
    # found by the property above on a plain clone: "max_prn_per_day": null is no maximum
    # written, so the as-needed day is the schedule's, as without the key
    with_null = {"items": [{"drug": "oxycodone", "dose": 5, "unit": "mg", "route": "po",
                            "frequency": "3x/day", "prn": True, "max_prn_per_day": None}]}
    without = {"items": [{k: v for k, v in with_null["items"][0].items()
                          if k != "max_prn_per_day"}]}
    read, plain = (mpsdose.loads(json.dumps(d), "json").items[0] for d in (with_null, without))
    assert read.daily() == plain.daily() == pytest.approx(15)


def _tomlable(value):
    if isinstance(value, dict):
        return {k: _tomlable(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_tomlable(v) for v in value if v is not None]
    return value


@FAST
@given(st.text(max_size=200), st.sampled_from(["json", "toml"]))
def test_any_text_is_a_regimen_file_or_a_clean_refusal(text, syntax):
    with contextlib.suppress(MpsdoseError):
        mpsdose.loads(text, syntax)


@FAST
@given(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5),
                              st.floats()),
                    lambda children: st.lists(children, max_size=3)
                    | st.dictionaries(st.sampled_from(["items", "states", "label", "patient",
                                                       "drug", "dose", "unit", "prn",
                                                       "resourceType"]), children, max_size=3),
                    max_leaves=12))
def test_any_json_structure_is_a_regimen_or_a_clean_refusal(data):
    with contextlib.suppress(MpsdoseError):
        mpsdose.loads(json.dumps(data), "json")


# -- batch tables ---------------------------------------------------------------------------------
FACTORS = {"oxycodone": 1.5, "morphine": 1.0, "hydromorphone": 5.0}  # read below from the table
CELLS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.integers(-5, 500),
    st.sampled_from(["5", "7.5", " 10 ", "7,5", "1e3", "nan", "inf", "", "x", "-3", "0",
                     "1" * 40, "١٠"]),
)


@st.composite
def batch_rows(draw):
    return {
        "patient_id": draw(st.integers(1, 4)),
        "drug": draw(st.sampled_from([*FACTORS, "acetaminophen", "unobtainium", "", "OXYCODONE"])),
        "route": draw(st.sampled_from(["oral", "po", "", "transdermal"])),
        "dose": draw(CELLS),
        "unit": draw(st.sampled_from(["mg", "g", "mcg", "mg/day", "mcg/h", "IU", ""])),
        "doses_per_day": draw(CELLS),
        "days_supply": draw(CELLS),
    }


def _number(cell):
    """A cell as a number, as an independent reader takes it: a finite number, or None."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        return float(cell) if math.isfinite(cell) else None
    text = str(cell).strip()  # ASCII digits: a table's other digits are refused, as a status
    if not re.fullmatch(r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?", text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def _empty(cell):
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _expected(row, factors, *, days_needed=True):
    """MME/day of one row with status ok, computed independently; None where it is not ok."""
    drug = str(row["drug"]).strip().lower()
    if drug not in factors or row["route"] not in ("oral", "po", ""):
        return None
    dose, per_day, days = (_number(row[k]) for k in ("dose", "doses_per_day", "days_supply"))
    if row["unit"] == "mg/day":  # a daily amount: no doses_per_day, or 1
        scale = 1.0
        if not (_empty(row["doses_per_day"]) or per_day == 1):
            return None
        per_day = 1.0
    else:
        scale = {"mg": 1.0, "g": 1000.0, "mcg": 0.001}.get(row["unit"])
    if scale is None or dose is None or dose <= 0 or per_day is None or per_day <= 0:
        return None
    if days_needed and (days is None or days <= 0):
        return None
    if dose * scale > IMPLAUSIBLE_DOSE_MG or dose * scale * per_day > IMPLAUSIBLE_DOSE_MG:
        return None
    return dose * scale * per_day * factors[drug]


def _frame_of(rows, as_text):
    if as_text:
        return pl.DataFrame([{k: "" if v is None else str(v) for k, v in r.items()}
                             for r in rows])
    frame = {}
    for name in rows[0]:
        values = [r[name] for r in rows]
        kinds = {type(v) for v in values}
        if kinds <= {int}:
            frame[name] = pl.Series(name, values, dtype=pl.Int64)
        elif kinds <= {int, float}:
            frame[name] = pl.Series(name, [float(v) for v in values], dtype=pl.Float64)
        else:
            frame[name] = pl.Series(name, [str(v) for v in values], dtype=pl.String)
    return pl.DataFrame(frame)


@pytest.fixture(scope="module")
def cdc_factors():
    table = mpsdose.conversion_table("cdc2022")
    found = {}
    for drug in FACTORS:
        (row,) = [r for r in table.rows(drug) if r.route == "oral" and r.form is None]
        found[drug] = row.factor
    return found


@settings(max_examples=COSTLY, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rows=st.lists(batch_rows(), min_size=1, max_size=25),
       kind=st.sampled_from(["polars", "pandas", "csv", "parquet"]))
def test_batch_rows_are_computed_right_or_named_and_never_lost(rows, kind, cdc_factors,
                                                               tmp_path_factory):
    rows = [{"row": i, **r} for i, r in enumerate(rows)]
    if kind == "pandas":
        pytest.importorskip("pandas")
        out = pl.from_pandas(batch_mme(_frame_of(rows, as_text=False).to_pandas(), "cdc2022"))
    elif kind == "polars":
        out = batch_mme(_frame_of(rows, as_text=False), "cdc2022")
    else:
        folder = tmp_path_factory.mktemp("batch")
        path = folder / f"rx.{kind}"
        frame = _frame_of(rows, as_text=kind == "csv")
        frame.write_csv(path) if kind == "csv" else frame.write_parquet(path)
        out = batch_mme(read_table(path), "cdc2022").collect()
    assert out.height == len(rows)  # no row lost
    assert [int(v) for v in out["row"].to_list()] == list(range(len(rows)))  # in order
    assert out.columns[-len(OUTPUT_COLUMNS):] == list(OUTPUT_COLUMNS)
    for row, got in zip(rows, out.iter_rows(named=True), strict=True):
        expected = _expected(row, cdc_factors)
        mme = got["mme_per_day"]
        if got["status"] == "ok":
            assert mme is not None and math.isfinite(mme), (row, got)
        elif got["status"] == "missing-days-supply" and mme is not None:  # MME/day needs none
            assert mme == pytest.approx(_expected(row, cdc_factors, days_needed=False),
                                        rel=1e-9), (row, got)
        else:
            assert mme is None, (row, got)
        if got["status"] != "ok":
            assert got["message"], (row, got)
        if expected is not None and str(row["drug"]).strip().lower() in FACTORS:
            assert got["status"] == "ok", (row, got)
            assert mme == pytest.approx(expected, rel=1e-9), (row, got)
        elif got["status"] == "ok":  # accepted: it must be something the reader accepts too
            assert str(row["drug"]).strip().lower() in FACTORS, (row, got)
    patients = per_patient(out)
    assert set(patients["patient_id"].cast(pl.String).to_list()) == \
        {str(r["patient_id"]) for r in rows}
    for patient in patients.iter_rows(named=True):
        if patient["status"] == "no-mme":
            assert patient["total_mme"] is None and patient["mme_def4"] is None


@settings(max_examples=COSTLY, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rows=st.lists(batch_rows(), min_size=1, max_size=8), per=st.booleans())
def test_cli_batch_never_loses_a_row_or_prints_a_traceback(rows, per, tmp_path_factory):
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("cli")
    source = folder / "rx.csv"
    _frame_of(rows, as_text=True).write_csv(source)
    target = folder / ("out.parquet" if per else "out.csv")
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(target),
                                       *(["--per-patient"] if per else [])])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.stderr
    if not per:
        assert pl.read_csv(target, infer_schema=False).height == len(rows)


@FAST
@given(value=st.one_of(st.dates(), st.booleans(), st.datetimes(),
                       st.lists(st.integers(-100, 100), min_size=1, max_size=2)),
       column=st.sampled_from(["dose", "doses_per_day", "days_supply", "drug", "unit"]))
def test_batch_columns_of_any_type_are_statuses_not_refusals(value, column):
    frame = pl.DataFrame({"patient_id": [1, 2], "drug": ["oxycodone"] * 2, "route": ["oral"] * 2,
                          "dose": [10.0, 10.0], "unit": ["mg"] * 2,
                          "doses_per_day": [2.0, 2.0], "days_supply": [30.0, 30.0]})
    frame = frame.with_columns(pl.Series(column, [value, value]))
    out = batch_mme(frame)
    assert out.height == 2
    assert set(out["status"]) != {"ok"}
    if column == "days_supply":  # MME/day needs no days supply; the row says what is missing
        assert set(out["status"]) == {"missing-days-supply"}
    else:
        assert out["mme_per_day"].null_count() == 2


# -- the Python API -------------------------------------------------------------------------------
WRONG = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(),
    st.text(max_size=10), st.binary(max_size=3), st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.sampled_from([object(), Patient, (1, 2), {"a": 1}, "no", "oxycodone 5 mg po q4h",
                     ["oxycodone 5 mg po q4h"], datetime.date(2024, 1, 1)]),
)
#: Public functions that write: given a path here, they write into the test's folder only.
_WRITERS = {"save"}


def _good_arguments(tmp_path):
    regimen = Regimen.parse(["oxycodone 10 mg po q12h", "oxycodone 5 mg po prn max 4/day"])
    course = mpsdose.loads('[[states]]\nlabel = "a"\nitems = ["morphine 10 mg po q4h"]\n'
                           '[[states]]\nlabel = "b"\nitems = ["morphine 20 mg po q4h"]\n')
    path = tmp_path / "r.toml"
    path.write_text('items = ["oxycodone 5 mg po q4h"]\n')
    good = {"regimen": regimen, "before": regimen, "after": regimen, "course": course,
            "text": "oxycodone 5 mg po q4h", "item": regimen.items[0], "to": "morphine po",
            "obj": regimen, "path": str(path)}
    with contextlib.suppress(MpsdoseError):  # without the fhir extra
        good["document"] = mpsdose.regimen_to_fhir(regimen)
    return good


PUBLIC = sorted(name for name in mpsdose.__all__ if inspect.isfunction(getattr(mpsdose, name)))


@pytest.mark.parametrize("name", PUBLIC)
def test_the_api_refuses_any_wrong_argument_cleanly(name, tmp_path):
    function = getattr(mpsdose, name)
    good = _good_arguments(tmp_path)
    parameters = [p for p in inspect.signature(function).parameters.values()
                  if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)]

    @settings(max_examples=max(5, settings().max_examples // 6), deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(which=st.sampled_from(parameters), value=WRONG)
    def probe(which, value):
        arguments, keywords = [], {}
        for parameter in parameters:
            given_value = value if parameter is which else good.get(parameter.name,
                                                                    parameter.default)
            if given_value is inspect.Parameter.empty:
                given_value = good["regimen"]
            if name in _WRITERS and parameter.name == "path" and parameter is which and \
                    isinstance(value, str):
                given_value = str(tmp_path / "out" / value.replace("/", "_"))
            if parameter.kind is parameter.KEYWORD_ONLY:
                keywords[parameter.name] = given_value
            else:
                arguments.append(given_value)
        with contextlib.suppress(MpsdoseError):
            function(*arguments, **keywords)

    if name == "regimen_from_fhir":
        pytest.importorskip("fhir.resources")
    probe()


@FAST
@given(age=WRONG, tolerant=WRONG, hepatic=WRONG)
def test_patient_is_read_right_or_refused_cleanly(age, tolerant, hepatic):
    try:
        patient = Patient(age=age, opioid_tolerant=tolerant, hepatic=hepatic)
    except MpsdoseError:
        return
    assert patient.opioid_tolerant in (True, False, None)  # a converter may read "no" as False
    if tolerant is None or isinstance(tolerant, bool):
        assert patient.opioid_tolerant is tolerant
    assert patient.hepatic is None or isinstance(patient.hepatic, mpsdose.Hepatic)
    assert patient.age is None or (not isinstance(patient.age, bool)
                                   and math.isfinite(patient.age) and patient.age > 0)
    mpsdose.check(Regimen.parse(["oxycodone 5 mg po q4h"]), patient)


# -- the CLI --------------------------------------------------------------------------------------
@settings(max_examples=COSTLY, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(st.one_of(st.sampled_from(["oxycodone 5 mg po q4h", "morphine 10 mg/day",
                                                 "fentanyl 25 mcg/h td", "oxycodone 5 mg prn"]),
                                st.text(max_size=30)), min_size=1, max_size=3),
       command=st.sampled_from([["total"], ["total", "--json"], ["check"], ["check", "--json"],
                                ["convert", "--to", "morphine po"], ["methadone", "--json"]]))
def test_the_cli_exits_0_1_or_2_with_one_error_line(items, command):
    from click.testing import CliRunner

    assume(all("\x00" not in item for item in items))
    result = CliRunner().invoke(main, [*command, "--", *items])
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("mpsdose: error:"), result.stderr
    if "--json" in command:
        from tests.jsoncheck import validate

        document = json.loads(result.stdout)
        assert not re.search(r"\d\.\d{13,}", result.stdout)  # no float noise
        validate(command[0] if result.exit_code in (0, 1) else "error", document)
