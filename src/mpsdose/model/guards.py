"""Input limits: how much mpsdose reads before it refuses, and the guards against typing slips.

These are not clinical limits (those are data, with sources, checked by the safety checks). They
bound the work one input can cause and catch slips no prescription could mean (a dose in g typed
for mg, an interval of 0.001 h). Each is refused with a message that names the limit; the README
lists them.
"""

from __future__ import annotations

__all__ = [
    "IMPLAUSIBLE_DOSE_MG",
    "IMPLAUSIBLE_DOSE_UNITS",
    "MAX_DURATION_DAYS",
    "MAX_FILE_BYTES",
    "MAX_FILE_ITEMS",
    "MAX_ITEMS",
    "MAX_ITEM_CHARS",
    "MAX_NESTING",
    "MAX_NUMBER_CHARS",
    "MAX_NUMBER_DIGITS",
    "MAX_SCHEDULED_DOSES_PER_DAY",
    "MAX_STATES",
]

#: No drug of the catalogue is given as more than this in one dose or in one day [mg]. A guard
#: against slips (g typed for mg; q0.001h, which makes 24,000 doses a day), not a clinical limit:
#: it stays above every labelled maximum and usual daily range of the shipped knowledge (the
#: largest, macrogol's 105 g faecal-impaction day; ``tests/shipped/test_guards_above_knowledge.py``
#: keeps it so), and the clinical maxima below it are data, checked by ``check``.
IMPLAUSIBLE_DOSE_MG = 200_000.0  # 200 g

#: The same guard for the drugs dosed in units of activity (heparins) [units]: above every
#: labelled dose of the shipped knowledge (heparin's largest label day, intermittent IV 10,000
#: units every 4 hours, is 60,000 units), so a rate per hour typed for a day (heparin 25,000
#: units/h) is refused as a slip; a ten-fold slip below it is judged by ``check``.
IMPLAUSIBLE_DOSE_UNITS = 200_000.0

#: The most doses a day a scheduled (not PRN) item may give: every 30 minutes. Oftener is no
#: schedule anyone gives by hand (an infusion is written as a rate, mg/h; a PCA bolus as PRN with
#: its lockout, "q10min prn"); "100x/day" is a slip.
MAX_SCHEDULED_DOSES_PER_DAY = 48.0

#: The longest "for N days" an item may say (ten years).
MAX_DURATION_DAYS = 3650.0

#: The longest item string, in characters.
MAX_ITEM_CHARS = 1000

#: The most significant digits one number may have: 17 is all a float keeps (and what mpsdose
#: writes at most, so that every number it writes reads back equal); no dose needs more.
MAX_NUMBER_DIGITS = 17

#: The most characters one number may have, its zeros and point included.
MAX_NUMBER_CHARS = 40

#: The most items one regimen (or one state of a course) may have.
MAX_ITEMS = 1000

#: The most states one course file may have.
MAX_STATES = 1000

#: The most items one regimen or course file may hold in all its states together.
MAX_FILE_ITEMS = 10_000

#: The largest regimen, course or FHIR file read [bytes].
MAX_FILE_BYTES = 4 * 1024 * 1024

#: The deepest nesting of tables and lists a regimen file may have.
MAX_NESTING = 32
