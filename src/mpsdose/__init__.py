"""mpsdose: plan and check palliative analgesic regimens.

Represent a multimodal regimen exactly (drug, route, dose with real units, schedule or PRN), total it
per item, drug and class, and (in later releases) convert opioids and check safety limits. Every
clinical number comes from a file in ``data/`` with its source.

mpsdose supports clinical judgement; it does not replace it.

>>> import mpsdose
>>> regimen = mpsdose.Regimen.parse(["oxycodone er 10 mg po q12h", "acetaminophen 1 g po qid"])
>>> totals = mpsdose.daily_totals(regimen)
>>> totals.drug("oxycodone").scheduled.format()
'20 mg/day'
>>> totals.drug("acetaminophen").scheduled.format()
'4 g/day'
"""

from mpsdose._version import __version__
from mpsdose.catalogue import Catalogue, Drug, Route, default_catalogue
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
from mpsdose.summary import Summary, summarize
from mpsdose.totals import ClassTotal, DailyTotals, DrugTotal, ItemTotal, Total, daily_totals

__all__ = [
    "Catalogue",
    "ClassTotal",
    "ConversionTable",
    "Course",
    "DailyTotals",
    "DataError",
    "Dose",
    "DoseError",
    "Drug",
    "DrugTotal",
    "Factor",
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
    "Schedule",
    "ScheduleKind",
    "Severity",
    "State",
    "Step",
    "Summary",
    "SurveillanceTable",
    "Target",
    "Titration",
    "Total",
    "UnitError",
    "UnknownDrugError",
    "UnknownTableError",
    "__version__",
    "check_rescue",
    "conversion_table",
    "conversion_tables",
    "convert",
    "daily_totals",
    "default_catalogue",
    "dumps",
    "format_item",
    "load",
    "load_regimen",
    "load_table_file",
    "loads",
    "methadone_switch",
    "oral_morphine_equivalent",
    "parse_item",
    "save",
    "summarize",
    "thresholds",
    "titrate",
]
