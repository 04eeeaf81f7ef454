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
from mpsdose.language import format_item, parse_item
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
from mpsdose.totals import ClassTotal, DailyTotals, DrugTotal, ItemTotal, Total, daily_totals

__all__ = [
    "Catalogue",
    "ClassTotal",
    "Course",
    "DailyTotals",
    "DataError",
    "Dose",
    "DoseError",
    "Drug",
    "DrugTotal",
    "Hepatic",
    "Ingredient",
    "Item",
    "ItemSyntaxError",
    "ItemTotal",
    "MpsdoseError",
    "Patient",
    "Regimen",
    "RegimenFileError",
    "Route",
    "RouteError",
    "Schedule",
    "ScheduleKind",
    "State",
    "Total",
    "UnitError",
    "UnknownDrugError",
    "UnknownTableError",
    "__version__",
    "daily_totals",
    "default_catalogue",
    "dumps",
    "format_item",
    "load",
    "load_regimen",
    "loads",
    "parse_item",
    "save",
]
