"""The JSON contract as files: every ``--json`` output validates against the JSON Schema that
``mpsdose schema COMMAND`` prints, and a failed ``--json`` run prints the error document.

Inputs: the item-language examples of CONTRACT.md §1, the README's commands, the course files of
``examples/`` (Takamatsu et al. 2018, as the paper writes them), and generated regimens.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

import mpsdose
from mpsdose import format_item
from mpsdose.cli import main
from mpsdose.model.errors import MpsdoseError
from mpsdose.present.contract import COMMON_ID, DOCUMENTS, SCHEMA_VERSION, UnknownSchemaError
from tests import strategies
from tests.jsoncheck import ContractRunner, check_result, validate

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
SCHEMAS = Path(mpsdose.__file__).parent / "present" / "schemas"


def _run(args: list[str], *, input: str | None = None, expect: int | None = 0) -> dict:
    """Run one command with a plain CliRunner (not the validating fixture), then validate here."""
    result = CliRunner().invoke(main, args, input=input)
    if expect is not None:
        assert result.exit_code == expect, (args, result.output)
    document = check_result(args, result)
    assert document is not None, args
    return document


# -- the schemas themselves --------------------------------------------------------------------

@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_schema_is_a_valid_draft_2020_12_schema(name):
    schema = mpsdose.json_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:mpsdose:schema:{name}"
    assert "closed" in schema["description"].lower() or "open" in schema["description"].lower()


@pytest.mark.parametrize("name", DOCUMENTS)
def test_mpsdose_schema_prints_the_library_schema(name):
    result = CliRunner().invoke(main, ["schema", name])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    printed = json.loads(result.stdout)
    Draft202012Validator.check_schema(printed)
    assert printed == mpsdose.json_schema(name)


def test_json_schema_returns_a_fresh_copy():
    first = mpsdose.json_schema("total")
    first["properties"].clear()
    assert mpsdose.json_schema("total")["properties"]


def test_an_unknown_schema_is_exit_2_with_the_list():
    result = CliRunner().invoke(main, ["schema", "prescribe"])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "prescribe" in line and all(repr(name) in line for name in DOCUMENTS)
    with pytest.raises(UnknownSchemaError) as caught:
        mpsdose.json_schema("prescribe")
    assert isinstance(caught.value, LookupError) and isinstance(caught.value, MpsdoseError)
    assert caught.value.known == DOCUMENTS
    assert "total" in str(caught.value)


def test_the_files_as_shipped_resolve_with_a_registry_of_the_files():
    """Each file alone, its shared definitions found by URN (as a reader of the files would)."""
    resources = {path.name.removesuffix(".schema.json"): json.loads(path.read_text("utf-8"))
                 for path in SCHEMAS.glob("*.schema.json")}
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in resources.values())
    document = _run(["total", "--json", "oxycodone er 10 mg po q12h"])
    Draft202012Validator(resources["total"], registry=registry).validate(document)
    assert resources["common"]["$id"] == COMMON_ID


def test_every_command_with_json_has_a_schema_and_every_schema_a_file():
    with_json = {name for name, command in main.commands.items()
                 if any(param.name == "as_json" for param in command.params)}
    assert with_json == set(DOCUMENTS) - {"error"}
    files = {path.name.removesuffix(".schema.json") for path in SCHEMAS.glob("*.schema.json")}
    assert files == set(DOCUMENTS) | {"common"}


def test_the_schema_version_is_written_once():
    common = json.loads((SCHEMAS / "common.schema.json").read_text("utf-8"))
    assert common["$defs"]["schema_version"] == {
        "description": common["$defs"]["schema_version"]["description"],
        "const": SCHEMA_VERSION}
    from mpsdose.present import report

    assert report.SCHEMA_VERSION is SCHEMA_VERSION
    for name in DOCUMENTS:
        text = (SCHEMAS / f"{name}.schema.json").read_text("utf-8")
        assert SCHEMA_VERSION not in text, name  # they refer to common's
        assert f'"{COMMON_ID}#/$defs/schema_version"' in text, name
    writers = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "src").rglob("*")
                     if path.is_file() and path.suffix in {".py", ".json"}
                     and SCHEMA_VERSION in path.read_text("utf-8"))
    assert writers == ["src/mpsdose/present/contract.py",
                       "src/mpsdose/present/schemas/common.schema.json"]


def test_the_vocabularies_in_the_schemas_are_the_codes():
    from mpsdose.knowledge.schema import SCHEMAS as DATA_SCHEMAS
    from mpsdose.model.units import UNITS, UnitKind
    from mpsdose.model.vocabulary import DRUG_CLASSES

    defs = mpsdose.json_schema("total")["$defs"][COMMON_ID]["$defs"]
    assert defs["route"]["enum"] == [route.value for route in mpsdose.Route]
    assert defs["drug_class"]["enum"] == list(DRUG_CLASSES)
    assert defs["severity"]["enum"] == [s.value for s in reversed(mpsdose.Severity)]
    assert set(defs["rate_unit"]["enum"]) == {u.symbol for u in UNITS.values()
                                              if u.kind is UnitKind.RATE}
    purpose = next(c for c in DATA_SCHEMAS["equivalence_tables.csv"].columns
                   if c.name == "purpose")
    assert defs["table_info"]["properties"]["purpose"]["enum"] == list(purpose.choices)
    patient = mpsdose.json_schema("check")["properties"]["patient"]["properties"]
    assert patient["hepatic"]["enum"] == [h.value for h in mpsdose.Hepatic] + [None]
    from mpsdose.model.vocabulary import CONDITIONS, SETTINGS

    assert patient["conditions"]["items"]["enum"] == list(CONDITIONS)
    assert patient["setting"]["enum"] == [*SETTINGS, None]


def test_the_runner_fixture_catches_a_key_written_nowhere(monkeypatch):
    """The suite's ``runner`` validates: a key added to an output without its schema fails."""
    from mpsdose.present import report

    original = report.summary_json
    monkeypatch.setattr(report, "summary_json", lambda s: {**original(s), "surprise": 1})
    with pytest.raises(AssertionError, match="surprise"):
        ContractRunner().invoke(main, ["total", "--json", "oxycodone 20 mg/day"])


def test_the_schemas_reject_a_zero_for_an_unknown_ome():
    """The house rule in the schema: no silent 0 for an opioid with no factor."""
    document = _run(["total", "--json", "buprenorphine 10 mcg/h td"])
    (item,) = document["items"]
    assert item["ome_mg_per_day"] is None
    with pytest.raises(AssertionError, match="ome_mg_per_day"):
        validate("total", {**document, "items": [{**item, "ome_mg_per_day": 0.0}]})
    with pytest.raises(AssertionError):
        validate("total", {**document, "total_ome_mg_per_day": 0.0})  # incomplete → null


# -- outputs over a spread of real inputs -------------------------------------------------------

#: CONTRACT.md §1 "Examples that must parse", and the item forms of the README's table.
CONTRACT_ITEMS = [
    "oxycodone 20 mg/day", "oxycodone er 10 mg po q12h", "rescue oxycodone 5 mg po prn",
    "oxycodone ir 5 mg po prn max 6/day", "tramadol 200 mg/day", "loxoprofen 60 mg po tid",
    "acetaminophen 1 g po qid", "acetaminophen 4 g/day", "pregabalin 75 mg/day",
    "betamethasone 4 mg/day", "olanzapine 2.5 mg po at night", "fentanyl 25 mcg/h td q72h",
    "morphine 10 mg/day sc continuous", "hydromorphone 1 mg/h sc continuous",
    "methadone 5 mg po q8h", "codeine 15 mg po 4x/day", "1 tab oxycodone er 30 mg po q12h",
    "ketorolac 30 mg iv q6h for 7 days", "2 tab oxycodone/acetaminophen 5/325 mg po q6h",
    "morphine 2 mL of 10 mg/mL po q4h", "fentanyl iv continuous dose unknown",
    "buprenorphine 10 mcg/h td",
]


@pytest.mark.parametrize("command", ["total", "check"])
@pytest.mark.parametrize("item", CONTRACT_ITEMS)
def test_each_contract_example_validates(command, item):
    document = _run([command, "--json", item], expect=None)
    assert document["items"][0]["input"] == item


def test_all_contract_examples_together_under_every_table():
    for table in [t.id for t in mpsdose.conversion_tables().values()]:
        document = _run(["total", "--json", "--table", table, *CONTRACT_ITEMS])
        assert document["table"] == table
        assert any(item["ome_mg_per_day"] is None for item in document["items"])  # never 0


def _readme_commands() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Use\n\n```sh\n(.*?)```", text, re.S)
    assert block, "the README's Use section shows commands"
    joined = block.group(1).replace("\\\n", " ")
    commands = []
    for line in joined.splitlines():
        line = line.split("  #")[0].strip()
        if line.startswith("$ mpsdose "):
            commands.append(shlex.split(line)[2:])
    return commands


README_COMMANDS = _readme_commands()


@pytest.mark.parametrize("args", README_COMMANDS, ids=[" ".join(a) for a in README_COMMANDS])
def test_the_readme_commands_validate_with_json(args, monkeypatch):
    monkeypatch.chdir(ROOT)
    _run([*args, "--json"] if "--json" not in args else args, expect=None)


def test_the_readme_has_several_commands():
    assert {args[0] for args in README_COMMANDS} >= {"total", "convert", "tables", "drugs"}


def _states(path: Path) -> list[str]:
    return [state.label for state in mpsdose.load(path).states]


COURSE_RUNS = [
    (path.name, args)
    for path in EXAMPLES
    for args in (
        ["compare", str(path)],
        ["check", "-f", str(path)],
        ["check", "-f", str(path), "--age", "70", "--crcl", "25", "--hepatic", "moderate",
         "--opioid-naive", "--condition", "copd"],
        *(["total", "-f", str(path), "--state", label] for label in _states(path)),
        *(["check", "-f", str(path), "--state", label, "--weight", "45"]
          for label in _states(path)),
    )
]


@pytest.mark.parametrize(("name", "args"), COURSE_RUNS,
                         ids=[f"{n}: {' '.join(a[:1] + a[3:])}" for n, a in COURSE_RUNS])
def test_the_example_courses_validate(name, args):
    _run([*args, "--json"], expect=None)


def test_compare_two_states_of_the_examples(tmp_path):
    for path in EXAMPLES:
        course = mpsdose.load(path)
        for before, after in zip(course.states, course.states[1:], strict=False):
            text = [mpsdose.dumps(mpsdose.Regimen(s.regimen.items, s.label)) for s in
                    (before, after)]
            document = _compare_files(text, tmp_path)
            assert document["before"] == before.label and document["after"] == after.label


def _compare_files(texts: list[str], folder: Path) -> dict:
    paths = [folder / "a.toml", folder / "b.toml"]
    for path, text in zip(paths, texts, strict=True):
        path.write_text(text, encoding="utf-8")
    return _run(["compare", *map(str, paths), "--json"])


def test_compare_with_unknown_doses_and_a_stopped_patch(tmp_path):
    document = _compare_files([
        'items = ["fentanyl 25 mcg/h td", "oxycodone ir 5 mg po prn", "naproxen 500 mg po bid"]',
        'items = ["fentanyl iv continuous dose unknown", "oxycodone ir 5 mg po prn max 4/day",'
        ' "naproxen 250 mg po bid", "morphine 10 mg/day sc continuous"]',
    ], tmp_path)
    statuses = {c["drug"]: c["status"] for c in document["changes"]}
    assert statuses["naproxen"] == "changed" and statuses["morphine"] == "started"
    assert document["total_ome_after_mg_per_day"] is None


CONVERSIONS = [
    ["oxycodone 60 mg/day", "--to", "morphine po"],
    ["morphine 90 mg/day", "--to", "fentanyl patch"],
    ["fentanyl 100 mcg/h td", "--to", "hydromorphone sc", "--reduction", "33"],
    ["morphine 10 mg/day sc continuous", "--to", "oxycodone er po", "--market", "uk"],
    ["hydromorphone 1 mg/h sc continuous", "--to", "morphine sc"],
    ["tramadol 200 mg/day", "--to", "oxycodone po", "--table", "jspm2010", "--market", "jp"],
    ["oxycodone 5 mg/day", "--to", "fentanyl patch"],
    ["morphine 60 mg/day", "--to", "morphine sc"],
]


@pytest.mark.parametrize("args", CONVERSIONS, ids=[" ".join(a) for a in CONVERSIONS])
def test_conversions_validate(args):
    _run(["convert", "--json", *args], expect=None)


#: The methods with data (all of them, side by side, is what the command shows by default).
METHODS_WITH_DATA = [m.method for m in mpsdose.methadone_switch(
    mpsdose.Regimen.parse(["morphine 200 mg/day"])).methods]


@pytest.mark.parametrize("method", [None, *METHODS_WITH_DATA])
@pytest.mark.parametrize("dose", ["morphine 30 mg/day", "morphine 200 mg/day",
                                  "oxycodone er 60 mg po q12h", "fentanyl 50 mcg/h td"])
def test_methadone_validates(method, dose):
    args = ["methadone", "--json", dose] + ([] if method is None else ["--method", method])
    document = _run(args, expect=None)
    assert document["items"][0]["prn"] is False


def test_tables_and_drugs_validate(tmp_path):
    _run(["tables", "--json"])
    for table in mpsdose.conversion_tables().values():
        document = _run(["tables", "--json", "--rows", table.id])
        assert len(document["rows"]) == len(table.factors)
    own = tmp_path / "mine.csv"
    own.write_text("table,drug,route,form,unit,factor,source\n"
                   "local,tramadol,oral,,mg/day,0.25,our formulary\n", encoding="utf-8")
    _run(["tables", "--json", "--table-file", str(own)])
    _run(["tables", "--json", "--table-file", str(own), "--rows", "local"])
    _run(["total", "--json", "--table-file", str(own), "tramadol 200 mg/day"])
    document = _run(["drugs", "--json"])
    assert {d["atc_code"] for d in document["drugs"]} >= {None, "N02AA05"}  # none: not ""
    for drug_class in ("opioid", "nsaid", "corticosteroid"):
        _run(["drugs", "--json", "--class", drug_class])


def test_more_total_shapes_validate():
    """Unknown doses, PRN without a maximum, ranges, thresholds, unlisted drugs, stdin."""
    _run(["total", "--json", "rescue oxycodone 5 mg po prn", "fentanyl iv continuous dose unknown"])
    _run(["total", "--json", "--table", "spcg", "hydromorphone 4 mg/day", "fentanyl 25 mcg/h td"])
    _run(["total", "--json", "--table", "pdq", "oxycodone 20 mg/day", "oxycodone 5 mg po prn"])
    for context in ("cdc2022", "cdc2016", "opioids-aware"):
        _run(["total", "--json", "--thresholds", context, "morphine 120 mg/day"])
    _run(["total", "--json", "--allow-unlisted", "foodrug 5 mg po bid", "oxycodone 20 mg/day"])
    _run(["total", "--json", "-f", "-"], input='label = "mine"\nitems = ["oxycodone 20 mg/day"]\n')
    _run(["total", "--json", "-f", "-"], input="items = []\n")  # an empty regimen
    strict = _run(["convert", "--json", "--strict", "-f", "-", "--to", "fentanyl patch"],
                  input='items = ["morphine 90 mg/day"]\n[patient]\nopioid_tolerant = false\n',
                  expect=1)
    assert "error" in {f["severity"] for f in strict["findings"]}


def test_check_with_error_findings_exits_1_with_its_own_document():
    document = _run(["check", "--json", "acetaminophen 1 g po q4h", "--age", "60"], expect=1)
    assert document["counts"]["error"] >= 1
    assert "error" not in document


def test_a_previous_regimen_validates():
    document = _run(["check", "--json", "hydromorphone 24 mg/day sc continuous",
                     "--previous", "morphine 120 mg/day"], expect=None)
    assert document["previous"] == ["morphine 120 mg/day"]


# -- generated regimens ------------------------------------------------------------------------

regimens = st.lists(strategies.items, min_size=1, max_size=8).map(lambda xs: mpsdose.Regimen(tuple(xs)))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(regimen=regimens, command=st.sampled_from(["total", "check"]),
       table=st.sampled_from([None, "cdc2022", "spcg", "nihheal", "pdq"]))
def test_generated_regimens_validate(regimen, command, table):
    items = [format_item(item) for item in regimen.items]
    args = [command, "--json", *items] + ([] if table is None else ["--table", table])
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    document = check_result(args, result)
    assert document is not None
    assert {entry["input"] for entry in document["items"]} == set(items)


# -- errors under --json -----------------------------------------------------------------------

BAD = [
    (["total", "oxycodne 5 mg po bid"], "UnknownDrugError"),
    (["total", "oxycodone 5 furlongs po bid"], None),
    (["total", "fentanyl 25 mg/h td"], "UnitError"),
    (["total", "oxycodone -5 mg po bid"], "DoseError"),
    (["total", "oxycodone nan mg po bid"], "DoseError"),
    (["total", "oxycodone 1000000 mg po bid"], "DoseError"),
    (["total", "-f", "no-such-file.toml"], "RegimenFileError"),
    (["total", "--table", "nosuchtable", "oxycodone 20 mg/day"], "UnknownTableError"),
    (["total"], "UsageError"),
    (["convert", "oxycodone 20 mg/day"], "UsageError"),
    (["convert", "oxycodone 20 mg/day", "--to", "unobtainium po"], "UnknownDrugError"),
    (["methadone", "oxycodone 20 mg/day", "--method", "guess"], None),
    (["check", "oxycodone 20 mg/day", "--hepatic", "awful"], "UsageError"),
    (["check", "oxycodone 20 mg/day", "--age", "-3"], "UsageError"),
    (["total", "oxycodone 20 mg/day", "--format", "nope"], "UsageError"),
    (["total", "--bogus"], "UsageError"),
    (["compare", "no-such-file.toml"], "RegimenFileError"),
    (["tables", "--rows", "nosuchtable"], "UnknownTableError"),
    (["drugs", "--class", "nonsense"], "UsageError"),
    (["prescribe", "oxycodone 20 mg/day"], "UsageError"),
]


@pytest.mark.parametrize(("args", "kind"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_errors_under_json_are_one_document_on_stdout(args, kind):
    plain = CliRunner().invoke(main, args)
    assert plain.exit_code == 2 and plain.stdout == ""
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line == plain.stderr.strip()  # the same one line as without --json
    document = check_result([*args, "--json"], result)
    assert document is not None and set(document) == {"schema", "error"}
    error = document["error"]
    assert error["exit_code"] == 2
    assert line == f"mpsdose: error: {error['message']}"
    if kind is not None:
        assert error["type"] == kind


def test_a_command_without_json_still_answers_json_with_a_usage_error():
    """`mpsdose schema` prints a schema, not a document: --json there is an unknown option."""
    document = _run(["schema", "total", "--json"], expect=2)
    assert document["error"]["type"] == "UsageError"
    assert document["error"]["param"] == "--json"


def test_an_unknown_drug_error_carries_its_attributes():
    document = _run(["total", "--json", "oxycodne 5 mg po bid"], expect=2)
    error = document["error"]
    assert error["name"] == "oxycodne" and error["text"] == "oxycodne 5 mg po bid"
    assert "oxycodone" in error["suggestions"]


def test_a_nan_dose_is_text_in_the_error_document():
    document = _run(["total", "--json", "oxycodone nan mg po bid"], expect=2)
    assert document["error"]["value"] == "nan"


def test_a_malformed_knowledge_folder_is_a_usage_error_with_its_cause(tmp_path):
    (tmp_path / "dose_limits.csv").write_text("drug,nonsense\nacetaminophen,1\n", encoding="utf-8")
    document = _run(["check", "--json", "acetaminophen 1 g po qid", "--knowledge",
                     str(tmp_path)], expect=2)
    error = document["error"]
    assert error["type"] == "UsageError" and error["param"] == "--knowledge"
    assert error["cause"]["type"] == "DataError"
    assert error["cause"]["path"].endswith("dose_limits.csv")


def test_json_after_a_double_dash_is_an_item_not_the_option():
    result = CliRunner().invoke(main, ["total", "--", "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""


def test_the_error_document_of_a_safety_error_keeps_exit_1():
    from mpsdose.present.contract import error_json

    with pytest.raises(mpsdose.SafetyError) as caught:
        mpsdose.enforce(mpsdose.Regimen.parse(["acetaminophen 1 g po q4h"]),
                        mpsdose.Patient(age=60))
    document = error_json(caught.value, caught.value.exit_code)
    validate("error", document)
    assert document["error"]["exit_code"] == 1
    assert document["error"]["findings"][0]["severity"] in {"error", "warning", "info"}


def test_the_schema_command_has_a_worked_example_and_lists_the_names():
    result = CliRunner().invoke(main, ["schema", "--help"])
    assert result.exit_code == 0
    assert "mpsdose schema total" in result.output
    assert all(name in result.output for name in DOCUMENTS)


def test_the_contract_page_shows_the_error_document_mpsdose_prints():
    text = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")
    block = re.search(r"### Errors under `--json`.*?```json\n(.*?)```", text, re.S)
    assert block, "the contract page shows an error document"
    shown = json.loads(block.group(1))
    assert shown == _run(["total", "--json", shown["error"]["text"]], expect=2)
