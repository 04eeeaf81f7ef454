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

import lazy_loader

# The public API is declared once, in __init__.pyi; each name loads on first use, so that
# `import mpsdose` and the CLI's start-up pay only for what they use.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
