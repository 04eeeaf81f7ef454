"""The public API of mpsdose, declared once: read by ``lazy_loader`` (names load on first use) and
by type checkers and IDEs. ``tests/test_imports.py`` checks it."""

from ._version import __version__ as __version__
from .clinical.compare import (
    Change as Change,
)
from .clinical.compare import (
    Comparison as Comparison,
)
from .clinical.compare import (
    Timeline as Timeline,
)
from .clinical.compare import (
    compare as compare,
)
from .clinical.compare import (
    timeline as timeline,
)
from .clinical.dosing import RotationError as RotationError
from .clinical.dosing import Step as Step
from .clinical.equivalence import (
    ItemEquivalent as ItemEquivalent,
)
from .clinical.equivalence import (
    OralMorphineEquivalent as OralMorphineEquivalent,
)
from .clinical.equivalence import (
    RegimenEquivalent as RegimenEquivalent,
)
from .clinical.equivalence import (
    oral_morphine_equivalent as oral_morphine_equivalent,
)
from .clinical.market import market_findings as market_findings
from .clinical.methadone import (
    METHODS as METHODS,
)
from .clinical.methadone import (
    MethadoneSwitch as MethadoneSwitch,
)
from .clinical.methadone import (
    MethodResult as MethodResult,
)
from .clinical.methadone import (
    methadone_switch as methadone_switch,
)
from .clinical.rescue import Rescue as Rescue
from .clinical.rescue import check_rescue as check_rescue
from .clinical.rotation import (
    Rotation as Rotation,
)
from .clinical.rotation import (
    Target as Target,
)
from .clinical.rotation import (
    Titration as Titration,
)
from .clinical.rotation import (
    convert as convert,
)
from .clinical.rotation import (
    titrate as titrate,
)
from .clinical.safety import (
    SafetyError as SafetyError,
)
from .clinical.safety import (
    check as check,
)
from .clinical.safety import (
    check_course as check_course,
)
from .clinical.safety import (
    enforce as enforce,
)
from .clinical.summary import Summary as Summary
from .clinical.summary import summarize as summarize
from .clinical.totals import (
    ClassTotal as ClassTotal,
)
from .clinical.totals import (
    DailyTotals as DailyTotals,
)
from .clinical.totals import (
    DrugTotal as DrugTotal,
)
from .clinical.totals import (
    ItemTotal as ItemTotal,
)
from .clinical.totals import (
    Total as Total,
)
from .clinical.totals import (
    daily_totals as daily_totals,
)
from .io.fhir import (
    FhirError as FhirError,
)
from .io.fhir import (
    FhirReading as FhirReading,
)
from .io.fhir import (
    OrderReading as OrderReading,
)
from .io.fhir import (
    read_cds_request as read_cds_request,
)
from .io.fhir import (
    read_fhir as read_fhir,
)
from .io.fhir import (
    regimen_from_cds_request as regimen_from_cds_request,
)
from .io.fhir import (
    regimen_from_fhir as regimen_from_fhir,
)
from .io.fhir import (
    regimen_to_fhir as regimen_to_fhir,
)
from .io.files import (
    dumps as dumps,
)
from .io.files import (
    load as load,
)
from .io.files import (
    load_regimen as load_regimen,
)
from .io.files import (
    loads as loads,
)
from .io.files import (
    save as save,
)
from .io.japanese import parse_japanese as parse_japanese
from .io.japanese import read_japanese as read_japanese
from .io.language import format_item as format_item
from .io.language import parse_item as parse_item
from .io.prose import Reading as Reading
from .io.prose import read_course as read_course
from .knowledge.bundle import (
    Knowledge as Knowledge,
)
from .knowledge.bundle import (
    conversion_table as conversion_table,
)
from .knowledge.bundle import (
    conversion_tables as conversion_tables,
)
from .knowledge.bundle import (
    default_catalogue as default_catalogue,
)
from .knowledge.bundle import (
    load_table_file as load_table_file,
)
from .knowledge.bundle import (
    thresholds as thresholds,
)
from .knowledge.conversion import (
    ConversionTable as ConversionTable,
)
from .knowledge.conversion import (
    Factor as Factor,
)
from .knowledge.conversion import (
    RotationTable as RotationTable,
)
from .knowledge.conversion import (
    SurveillanceTable as SurveillanceTable,
)
from .model.drugs import Catalogue as Catalogue
from .model.drugs import Drug as Drug
from .model.errors import (
    ArgumentError as ArgumentError,
)
from .model.errors import (
    DataError as DataError,
)
from .model.errors import (
    DoseError as DoseError,
)
from .model.errors import (
    ItemSyntaxError as ItemSyntaxError,
)
from .model.errors import (
    MpsdoseError as MpsdoseError,
)
from .model.errors import (
    PatientError as PatientError,
)
from .model.errors import (
    RegimenFileError as RegimenFileError,
)
from .model.errors import (
    RouteError as RouteError,
)
from .model.errors import (
    UnitError as UnitError,
)
from .model.errors import (
    UnknownDrugError as UnknownDrugError,
)
from .model.errors import (
    UnknownStateError as UnknownStateError,
)
from .model.errors import (
    UnknownTableError as UnknownTableError,
)
from .model.findings import Finding as Finding
from .model.findings import Severity as Severity
from .model.regimen import (
    Course as Course,
)
from .model.regimen import (
    Dose as Dose,
)
from .model.regimen import (
    Hepatic as Hepatic,
)
from .model.regimen import (
    Ingredient as Ingredient,
)
from .model.regimen import (
    Item as Item,
)
from .model.regimen import (
    Patient as Patient,
)
from .model.regimen import (
    Regimen as Regimen,
)
from .model.regimen import (
    Schedule as Schedule,
)
from .model.regimen import (
    ScheduleKind as ScheduleKind,
)
from .model.regimen import (
    State as State,
)
from .model.vocabulary import Route as Route
from .present.contract import json_schema as json_schema
