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


def _declared() -> dict[str, list[str]]:
    """The names ``__init__.pyi`` imports, by module: what ``lazy_loader.attach_stub`` reads from
    it, read without parsing the file as Python (``ast.parse`` of the stub was a millisecond of
    every command's start-up). The stub holds only ``from .module import name as name`` lines,
    some in parentheses; ``tests/test_imports.py`` checks this reading against lazy_loader's."""
    import os

    stub = os.path.join(os.path.dirname(__file__), "__init__.pyi")
    with open(stub, encoding="utf-8") as handle:
        text = handle.read()
    names: dict[str, list[str]] = {}
    for block in text.split("\nfrom .")[1:]:
        module, found, rest = block.partition(" import ")
        if not found or not module or module[0] in ". ":
            raise ValueError(f"__init__.pyi: cannot read 'from .{block[:60]}'")
        listed = rest[1:rest.index(")")] if rest.startswith("(") else rest.split("\n", 1)[0]
        for entry in listed.split(","):
            name = entry.split("#", 1)[0].split(" as ", 1)[0].strip()
            if name:
                names.setdefault(module, []).append(name)
    return names


# The public API is declared once, in __init__.pyi; each name loads on first use, so that
# `import mpsdose` and the CLI's start-up pay only for what they use.
__getattr__, __dir__, __all__ = lazy_loader.attach(__name__, submod_attrs=_declared())
