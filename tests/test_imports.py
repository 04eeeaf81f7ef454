"""What a bare ``import mpsdose`` loads, and the public API declared once."""

from __future__ import annotations

import subprocess
import sys

import mpsdose


def test_import_does_not_load_the_cli_or_pint():
    code = (
        "import sys, mpsdose; "
        "print(sorted(m for m in ('click', 'tabulate', 'pint') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_cli_does_not_load_the_server():
    code = (
        "import sys, mpsdose.cli; "
        "print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2', 'jwt', 'httpx', "
        "'mpsdose.serve.app') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_api_is_sorted_and_complete():
    assert mpsdose.__all__ == sorted(mpsdose.__all__)
    for name in mpsdose.__all__:
        assert hasattr(mpsdose, name), name


def test_errors_are_also_builtins():
    assert issubclass(mpsdose.UnknownDrugError, LookupError)
    assert issubclass(mpsdose.UnitError, ValueError)
    assert issubclass(mpsdose.DoseError, ValueError)
    assert issubclass(mpsdose.ItemSyntaxError, ValueError)


def test_the_api_is_declared_once_in_the_stub():
    import ast
    from pathlib import Path

    stub = ast.parse((Path(mpsdose.__file__).parent / "__init__.pyi").read_text())
    declared = {alias.asname or alias.name for node in stub.body
                if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert declared == set(mpsdose.__all__)


def test_the_stub_is_read_as_lazy_loader_reads_it():
    """mpsdose reads __init__.pyi itself (for start-up time): the same names, by module, as
    lazy_loader's own reading of it (which parses it as Python)."""
    import lazy_loader

    _, _, expected = lazy_loader.attach_stub("mpsdose", mpsdose.__file__)
    declared = mpsdose._declared()
    assert sorted(name for names in declared.values() for name in names) == expected
    assert declared["io.language"] == ["format_item", "parse_item"]
    assert "_version" in declared


def test_a_bare_import_loads_no_planner():
    code = (
        "import sys, mpsdose; "
        "print(sorted(m for m in sys.modules if m.startswith('mpsdose.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_common_commands_load_only_what_they_use():
    """Start-up time (issue 18): the common commands do not load what they do not use."""
    code = (
        "import sys\n"
        "from mpsdose.cli import main\n"
        "for args in (['total', 'oxycodone 20 mg/day'], ['check', 'oxycodone 20 mg/day'],\n"
        "             ['convert', 'oxycodone 60 mg/day', '--to', 'morphine po'],\n"
        "             ['methadone', 'morphine 200 mg/day']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('pathlib', 'tabulate', 'json', 'decimal', 'importlib.metadata', 'pint', 'hashlib',\n"
        "         'mpsdose.io.japanese', 'mpsdose.io.files', 'mpsdose.io.fhir', 'polars')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip().splitlines()[-1] == "[]"
