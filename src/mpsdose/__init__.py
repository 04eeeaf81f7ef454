"""mpsdose: plan and check palliative analgesic regimens.

Represent a multimodal regimen exactly (drug, route, dose with real units, schedule or PRN), total it
per item, drug and class, give its oral morphine equivalent under a named table, rotate opioids
(methadone by the published methods), and check it for a patient. Every clinical number comes from
a file in ``data/`` with its source. Prescription tables at population scale are in
:mod:`mpsdose.batch`; FHIR R4 in and out in :mod:`mpsdose.fhir`.

mpsdose supports clinical judgement; it does not replace it.

>>> import mpsdose
>>> regimen = mpsdose.Regimen.parse(["oxycodone er 10 mg po q12h", "acetaminophen 1 g po qid"])
>>> totals = mpsdose.daily_totals(regimen)
>>> totals.drug("oxycodone").scheduled.format()
'20 mg/day'
>>> totals.drug("acetaminophen").scheduled.format()
'4 g/day'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from mpsdose._version import __version__

# Public names and the module each lives in. They load on first use (PEP 562), so that
# `import mpsdose` and the CLI's start-up pay only for what they use.
_EXPORTS: dict[str, str] = {
    "Catalogue": "mpsdose.catalogue",
    "Change": "mpsdose.compare",
    "ClassTotal": "mpsdose.totals",
    "Comparison": "mpsdose.compare",
    "ConversionTable": "mpsdose.equivalence",
    "Course": "mpsdose.regimen",
    "DailyTotals": "mpsdose.totals",
    "DataError": "mpsdose.errors",
    "Dose": "mpsdose.regimen",
    "DoseError": "mpsdose.errors",
    "Drug": "mpsdose.catalogue",
    "DrugTotal": "mpsdose.totals",
    "Factor": "mpsdose.equivalence",
    "FhirError": "mpsdose.fhir",
    "Finding": "mpsdose.findings",
    "Hepatic": "mpsdose.regimen",
    "Ingredient": "mpsdose.regimen",
    "Item": "mpsdose.regimen",
    "ItemEquivalent": "mpsdose.equivalence",
    "ItemSyntaxError": "mpsdose.errors",
    "ItemTotal": "mpsdose.totals",
    "METHODS": "mpsdose.methadone",
    "MethadoneSwitch": "mpsdose.methadone",
    "MethodResult": "mpsdose.methadone",
    "MpsdoseError": "mpsdose.errors",
    "OralMorphineEquivalent": "mpsdose.equivalence",
    "Patient": "mpsdose.regimen",
    "Regimen": "mpsdose.regimen",
    "RegimenEquivalent": "mpsdose.equivalence",
    "RegimenFileError": "mpsdose.errors",
    "Rescue": "mpsdose.rotation",
    "Rotation": "mpsdose.rotation",
    "RotationError": "mpsdose.rotation",
    "RotationTable": "mpsdose.equivalence",
    "Route": "mpsdose.catalogue",
    "RouteError": "mpsdose.errors",
    "SafetyError": "mpsdose.safety",
    "Schedule": "mpsdose.regimen",
    "ScheduleKind": "mpsdose.regimen",
    "Severity": "mpsdose.findings",
    "State": "mpsdose.regimen",
    "Step": "mpsdose.rotation",
    "Summary": "mpsdose.summary",
    "SurveillanceTable": "mpsdose.equivalence",
    "Target": "mpsdose.rotation",
    "Timeline": "mpsdose.compare",
    "Titration": "mpsdose.rotation",
    "Total": "mpsdose.totals",
    "UnitError": "mpsdose.errors",
    "UnknownDrugError": "mpsdose.errors",
    "UnknownTableError": "mpsdose.errors",
    "check": "mpsdose.safety",
    "check_course": "mpsdose.safety",
    "check_rescue": "mpsdose.rotation",
    "compare": "mpsdose.compare",
    "conversion_table": "mpsdose.equivalence",
    "conversion_tables": "mpsdose.equivalence",
    "convert": "mpsdose.rotation",
    "daily_totals": "mpsdose.totals",
    "default_catalogue": "mpsdose.catalogue",
    "dumps": "mpsdose.files",
    "enforce": "mpsdose.safety",
    "format_item": "mpsdose.language",
    "load": "mpsdose.files",
    "load_regimen": "mpsdose.files",
    "load_table_file": "mpsdose.equivalence",
    "loads": "mpsdose.files",
    "methadone_switch": "mpsdose.methadone",
    "oral_morphine_equivalent": "mpsdose.equivalence",
    "parse_item": "mpsdose.language",
    "regimen_from_fhir": "mpsdose.fhir",
    "regimen_to_fhir": "mpsdose.fhir",
    "save": "mpsdose.files",
    "summarize": "mpsdose.summary",
    "thresholds": "mpsdose.equivalence",
    "timeline": "mpsdose.compare",
    "titrate": "mpsdose.rotation",
}

__all__ = [
    "Catalogue",
    "Change",
    "ClassTotal",
    "Comparison",
    "ConversionTable",
    "Course",
    "DailyTotals",
    "DataError",
    "Dose",
    "DoseError",
    "Drug",
    "DrugTotal",
    "Factor",
    "FhirError",
    "Finding",
    "Hepatic",
    "Ingredient",
    "Item",
    "ItemEquivalent",
    "ItemSyntaxError",
    "ItemTotal",
    "METHODS",
    "MethadoneSwitch",
    "MethodResult",
    "MpsdoseError",
    "OralMorphineEquivalent",
    "Patient",
    "Regimen",
    "RegimenEquivalent",
    "RegimenFileError",
    "Rescue",
    "Rotation",
    "RotationError",
    "RotationTable",
    "Route",
    "RouteError",
    "SafetyError",
    "Schedule",
    "ScheduleKind",
    "Severity",
    "State",
    "Step",
    "Summary",
    "SurveillanceTable",
    "Target",
    "Timeline",
    "Titration",
    "Total",
    "UnitError",
    "UnknownDrugError",
    "UnknownTableError",
    "__version__",
    "check",
    "check_course",
    "check_rescue",
    "compare",
    "conversion_table",
    "conversion_tables",
    "convert",
    "daily_totals",
    "default_catalogue",
    "dumps",
    "enforce",
    "format_item",
    "load",
    "load_regimen",
    "load_table_file",
    "loads",
    "methadone_switch",
    "oral_morphine_equivalent",
    "parse_item",
    "regimen_from_fhir",
    "regimen_to_fhir",
    "save",
    "summarize",
    "thresholds",
    "timeline",
    "titrate",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mpsdose' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs
    from mpsdose.catalogue import Catalogue, Drug, Route, default_catalogue
    from mpsdose.compare import Change, Comparison, Timeline, compare, timeline
    from mpsdose.equivalence import (
        ConversionTable,
        Factor,
        ItemEquivalent,
        OralMorphineEquivalent,
        RegimenEquivalent,
        RotationTable,
        SurveillanceTable,
        conversion_table,
        conversion_tables,
        load_table_file,
        oral_morphine_equivalent,
        thresholds,
    )
    from mpsdose.errors import (
        DataError,
        DoseError,
        ItemSyntaxError,
        MpsdoseError,
        RegimenFileError,
        RouteError,
        UnitError,
        UnknownDrugError,
        UnknownTableError,
    )
    from mpsdose.fhir import FhirError, regimen_from_fhir, regimen_to_fhir
    from mpsdose.files import dumps, load, load_regimen, loads, save
    from mpsdose.findings import Finding, Severity
    from mpsdose.language import format_item, parse_item
    from mpsdose.methadone import METHODS, MethadoneSwitch, MethodResult, methadone_switch
    from mpsdose.regimen import (
        Course,
        Dose,
        Hepatic,
        Ingredient,
        Item,
        Patient,
        Regimen,
        Schedule,
        ScheduleKind,
        State,
    )
    from mpsdose.rotation import (
        Rescue,
        Rotation,
        RotationError,
        Step,
        Target,
        Titration,
        check_rescue,
        convert,
        titrate,
    )
    from mpsdose.safety import SafetyError, check, check_course, enforce
    from mpsdose.summary import Summary, summarize
    from mpsdose.totals import ClassTotal, DailyTotals, DrugTotal, ItemTotal, Total, daily_totals
