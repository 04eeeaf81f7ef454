"""The CDC Opioid MME Calculator's own test vectors pass through mpsdose's public API.

The vectors (``tests/data/cdc_opioid_mme_r4.json``, Apache-2.0, origin in
``tests/data/cdc_opioid_mme_r4.NOTICE``) are cqframework/opioid-mme-r4's expected values, not
mpsdose's. They are run by ``scripts/conformance.py`` (loaded here from its path), the same runner
that reports on every peer suite. The NIH HEAL (mmequiv, GPL) vectors are never copied here; the
script runs them from the project's shared folder only.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parents[1]
ROOT = HERE.parent
DATA = HERE / "data" / "cdc_opioid_mme_r4.json"
SHARED = ROOT.parent / "shared" / "conformance"
VECTORS = json.loads(DATA.read_text(encoding="utf-8"))

#: Vectors that fail because of an mpsdose limitation a later issue owns: id → reason. None now.
KNOWN_FAILURES: dict[str, str] = {}


def _load_runner():
    path = ROOT / "scripts" / "conformance.py"
    spec = importlib.util.spec_from_file_location("mpsdose_conformance", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


conformance = _load_runner()


@pytest.mark.parametrize("vector", VECTORS, ids=[v["id"] for v in VECTORS])
def test_vector(vector):
    outcome = conformance.run_vector(vector)
    if outcome.status == conformance.OUT_OF_SCOPE:
        pytest.skip(f"not in scope: {outcome.detail}")
    if outcome.status == conformance.NOT_EXPRESSIBLE:
        pytest.skip(f"not expressible yet (FHIR issue): {outcome.detail}")
    if vector["id"] in KNOWN_FAILURES:
        if outcome.failed:
            pytest.xfail(KNOWN_FAILURES[vector["id"]])
        pytest.fail(f"{vector['id']} passes now: take it out of KNOWN_FAILURES")
    assert outcome.status == conformance.PASS, (
        f"expected {outcome.expected!r}, got {outcome.got!r}: {outcome.detail}"
    )


def test_every_kind_is_counted():
    kinds = {v["kind"] for v in VECTORS}
    assert kinds <= set(conformance.KINDS)
    assert len(VECTORS) == 82


def test_every_frequency_passes_through_the_fhir_import():
    """All eight, min, s, wk, mo and a included, read as FHIR Timing (CDC: mo 30 d, a 365 d)."""
    pytest.importorskip("fhir.resources")
    outcomes = {v["inputs"][0]["period_unit"]: conformance.run_vector(v)
                for v in VECTORS if v["kind"] == "frequency_to_doses_per_day"}
    assert set(outcomes) == {"h", "min", "s", "d", "wk", "mo", "a", "mg"}
    assert all(outcome.passed for outcome in outcomes.values())


def test_custom_table_holds_only_the_vectors_stated_factors():
    vector = next(v for v in VECTORS if v["kind"] == "prescription_daily_mme")
    table, custom = conformance.table_for(vector)
    assert custom
    assert {row.source for row in table.factors} == {vector["id"]}
    assert {(row.drug, row.route, row.form, row.factor) for row in table.factors} == {
        ("fentanyl", "transdermal", None, 2.4),
        ("fentanyl", "intranasal", None, 0.16),
        ("fentanyl", "sublingual", "spray", 0.16),
        ("fentanyl", "buccal", "film", 0.18),
        ("methadone", "oral", None, 10),
        ("oxycodone", "oral", None, 1.5),
    }


def test_script_passes_the_copied_suite(capsys):
    assert conformance.main([str(DATA.parent)]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out
    assert "conversion_factor_lookup" in out


def test_gpl_vectors_are_not_copied():
    assert not (HERE / "data" / "mmequiv.json").exists()


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared conformance folder is not here")
def test_copy_is_byte_for_byte():
    assert DATA.read_bytes() == (SHARED / "cdc_opioid_mme_r4.json").read_bytes()
