"""What the rule tests of ``check`` share: a tolerant adult (and the same adult naive or of unknown
tolerance), the shipped knowledge with tiny files of a test's own in place of named ones, a
regimen's findings from item strings, and the findings or severities of one code among them."""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from mpsdose import Knowledge, Patient, Regimen, check
from mpsdose.model.findings import Finding, Severity

#: An opioid-tolerant adult with normal renal and hepatic function, the tests' usual patient.
TOLERANT = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=True)
#: The same adult recorded as not opioid-tolerant.
NAIVE = attrs.evolve(TOLERANT, opioid_tolerant=False)
#: The same adult with opioid tolerance not given.
UNKNOWN = attrs.evolve(TOLERANT, opioid_tolerant=None)


#: The shipped knowledge files, whose header lines a test's own tiny files start with.
SHIPPED = Path(__file__).resolve().parent.parent / "data"


#: The dose_limits.csv columns of a second band and its caveat (fixapixaban) and of a dose per kg
#: (fix115116), added after the tests whose tiny rows do not write them.
JOINT_COLUMNS = ("and_condition", "and_condition_band", "caveat", "max_single_mg_per_kg")


def header(name: str, *, omit: tuple[str, ...] = ()) -> str:
    """The header line (with its newline) of the shipped ``data/<name>.csv``: a test's own tiny
    file of that kind starts with it, so its columns are the schema's. ``omit`` leaves out
    optional columns the test's rows do not write (a column added after them)."""
    with (SHIPPED / f"{name}.csv").open(encoding="utf-8") as handle:
        line = handle.readline()
    return ",".join(c for c in line.rstrip("\n").split(",") if c not in omit) + "\n"


def knowledge_with(tmp_path: Path, **files: str) -> Knowledge:
    """The shipped knowledge with tiny files of the test's own in place of the named ones."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    return Knowledge.load(tmp_path)


def found(items: list[str], patient: Patient = TOLERANT, **kwargs: object) -> list[Finding]:
    """The findings of ``check`` on the items; ``previous`` (item strings) and any other keyword
    as ``check`` takes them."""
    previous = kwargs.pop("previous", None)
    return check(Regimen.parse(items), patient,
                 previous=Regimen.parse(previous) if previous else None,  # type: ignore[arg-type]
                 **kwargs)  # type: ignore[arg-type]


def of(found: list[Finding], code: str) -> list[Finding]:
    """The findings of one code."""
    return [f for f in found if f.code == code]


def severities(found: list[Finding], code: str) -> list[Severity]:
    """The severities of the findings of one code, in order."""
    return [f.severity for f in of(found, code)]


def worst(found: list[Finding], code: str) -> Severity | None:
    """The most severe finding of one code, or None where there is none."""
    order = [Severity.INFO, Severity.WARNING, Severity.ERROR]
    return max(severities(found, code), key=order.index, default=None)


_FOLDED = re.compile(r"\(a (warning|error) said by [\w-]+ above, as (?:warning|error): not raised twice\)$")


def own_severity(finding: Finding) -> Severity:
    """The severity the finding's rule raised it at: a repeat folded into a finding that says it
    better (``FOLDS``) is shown as info, and its message keeps the rule's own severity."""
    folded = _FOLDED.search(finding.message)
    return finding.severity if folded is None else Severity(folded.group(1))
