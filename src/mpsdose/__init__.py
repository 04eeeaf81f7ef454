"""mpsdose: plan and check palliative analgesic regimens.

Represent a multimodal regimen exactly (drug, route, dose with real units, schedule or PRN), total it
per item, drug and class, give its oral morphine equivalent under a named table, rotate opioids
(methadone by the published methods), and check it for a patient. Every clinical number comes from
a file in ``data/`` with its source. Prescription tables at population scale are in
:mod:`mpsdose.io.batch`; FHIR R4 in and out in :mod:`mpsdose.io.fhir`.

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
    "Catalogue": "mpsdose.model.drugs",
    "Change": "mpsdose.clinical.compare",
    "ClassTotal": "mpsdose.clinical.totals",
    "Comparison": "mpsdose.clinical.compare",
    "ConversionTable": "mpsdose.clinical.equivalence",
    "Course": "mpsdose.model.regimen",
    "DailyTotals": "mpsdose.clinical.totals",
    "DataError": "mpsdose.model.errors",
    "Dose": "mpsdose.model.regimen",
    "DoseError": "mpsdose.model.errors",
    "Drug": "mpsdose.model.drugs",
    "DrugTotal": "mpsdose.clinical.totals",
    "Factor": "mpsdose.clinical.equivalence",
    "FhirError": "mpsdose.io.fhir",
    "Finding": "mpsdose.model.findings",
    "Hepatic": "mpsdose.model.regimen",
    "Ingredient": "mpsdose.model.regimen",
    "Item": "mpsdose.model.regimen",
    "ItemEquivalent": "mpsdose.clinical.equivalence",
    "ItemSyntaxError": "mpsdose.model.errors",
    "ItemTotal": "mpsdose.clinical.totals",
    "METHODS": "mpsdose.clinical.methadone",
    "MethadoneSwitch": "mpsdose.clinical.methadone",
    "MethodResult": "mpsdose.clinical.methadone",
    "MpsdoseError": "mpsdose.model.errors",
    "OralMorphineEquivalent": "mpsdose.clinical.equivalence",
    "Patient": "mpsdose.model.regimen",
    "Regimen": "mpsdose.model.regimen",
    "RegimenEquivalent": "mpsdose.clinical.equivalence",
    "RegimenFileError": "mpsdose.model.errors",
    "Rescue": "mpsdose.clinical.rotation",
    "Rotation": "mpsdose.clinical.rotation",
    "RotationError": "mpsdose.clinical.rotation",
    "RotationTable": "mpsdose.clinical.equivalence",
    "Route": "mpsdose.model.drugs",
    "RouteError": "mpsdose.model.errors",
    "SafetyError": "mpsdose.clinical.safety",
    "Schedule": "mpsdose.model.regimen",
    "ScheduleKind": "mpsdose.model.regimen",
    "Severity": "mpsdose.model.findings",
    "State": "mpsdose.model.regimen",
    "Step": "mpsdose.clinical.rotation",
    "Summary": "mpsdose.clinical.summary",
    "SurveillanceTable": "mpsdose.clinical.equivalence",
    "Target": "mpsdose.clinical.rotation",
    "Timeline": "mpsdose.clinical.compare",
    "Titration": "mpsdose.clinical.rotation",
    "Total": "mpsdose.clinical.totals",
    "UnitError": "mpsdose.model.errors",
    "UnknownDrugError": "mpsdose.model.errors",
    "UnknownTableError": "mpsdose.model.errors",
    "check": "mpsdose.clinical.safety",
    "check_course": "mpsdose.clinical.safety",
    "check_rescue": "mpsdose.clinical.rotation",
    "compare": "mpsdose.clinical.compare",
    "conversion_table": "mpsdose.clinical.equivalence",
    "conversion_tables": "mpsdose.clinical.equivalence",
    "convert": "mpsdose.clinical.rotation",
    "daily_totals": "mpsdose.clinical.totals",
    "default_catalogue": "mpsdose.model.drugs",
    "dumps": "mpsdose.io.files",
    "enforce": "mpsdose.clinical.safety",
    "format_item": "mpsdose.io.language",
    "load": "mpsdose.io.files",
    "load_regimen": "mpsdose.io.files",
    "load_table_file": "mpsdose.clinical.equivalence",
    "loads": "mpsdose.io.files",
    "methadone_switch": "mpsdose.clinical.methadone",
    "oral_morphine_equivalent": "mpsdose.clinical.equivalence",
    "parse_item": "mpsdose.io.language",
    "regimen_from_fhir": "mpsdose.io.fhir",
    "regimen_to_fhir": "mpsdose.io.fhir",
    "save": "mpsdose.io.files",
    "summarize": "mpsdose.clinical.summary",
    "thresholds": "mpsdose.clinical.equivalence",
    "timeline": "mpsdose.clinical.compare",
    "titrate": "mpsdose.clinical.rotation",
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
    from mpsdose.model.drugs import Catalogue, Drug, Route, default_catalogue
    from mpsdose.clinical.compare import Change, Comparison, Timeline, compare, timeline
    from mpsdose.clinical.equivalence import (
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
    from mpsdose.model.errors import (
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
    from mpsdose.io.fhir import FhirError, regimen_from_fhir, regimen_to_fhir
    from mpsdose.io.files import dumps, load, load_regimen, loads, save
    from mpsdose.model.findings import Finding, Severity
    from mpsdose.io.language import format_item, parse_item
    from mpsdose.clinical.methadone import METHODS, MethadoneSwitch, MethodResult, methadone_switch
    from mpsdose.model.regimen import (
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
    from mpsdose.clinical.rotation import (
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
    from mpsdose.clinical.safety import SafetyError, check, check_course, enforce
    from mpsdose.clinical.summary import Summary, summarize
    from mpsdose.clinical.totals import ClassTotal, DailyTotals, DrugTotal, ItemTotal, Total, daily_totals
