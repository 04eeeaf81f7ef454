"""Reading case-report prose into the course it describes (``mpsdose read``, CONTRACT.md §6)."""

from mpsdose.io.prose.reader import read_course
from mpsdose.io.prose.result import (
    Comparison,
    Measure,
    NotADose,
    OtherItem,
    PrintedTotal,
    ReadFinding,
    Reading,
    ReadItem,
    ReadState,
)

__all__ = [
    "Comparison",
    "Measure",
    "NotADose",
    "OtherItem",
    "PrintedTotal",
    "ReadFinding",
    "ReadItem",
    "ReadState",
    "Reading",
    "read_course",
]
