"""Hold ``--json`` documents to their JSON Schemas (``mpsdose.json_schema``), for every test.

:class:`ContractRunner` is the suite's ``runner``: each ``mpsdose ... --json`` it runs has its
stdout validated — against the command's schema when it succeeds (exit 0, or 1 for error-level
findings), against the error schema when it fails — so every CLI test is also a test of the
contract, and a key added to an output without being written in its schema fails where it is run.
"""

from __future__ import annotations

import functools
import json
import shlex
from collections.abc import Sequence
from typing import Any

from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from mpsdose import json_schema
from mpsdose.present.contract import DOCUMENTS


@functools.cache
def validator(name: str) -> Draft202012Validator:
    schema = json_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate(name: str, document: Any) -> None:
    """Assert that ``document`` is valid under the schema of ``name``, naming where it is not."""
    errors = list(validator(name).iter_errors(document))
    if errors:
        worst = best_match(errors)
        where = "/".join(str(part) for part in worst.absolute_path) or "(top)"
        raise AssertionError(f"`{name} --json` does not match `mpsdose schema {name}` at {where}: "
                             f"{worst.message} ({len(errors)} error(s); adding a key? write it "
                             f"in src/mpsdose/present/schemas/{name}.schema.json)")


def wants_json(args: Sequence[str]) -> bool:
    options = list(args)
    if "--" in options:
        options = options[:options.index("--")]
    return "--json" in options and not {"-h", "--help"} & set(options)


def check_result(args: Sequence[str], result: Result) -> dict[str, Any] | None:
    """Validate the stdout of one ``--json`` run; return the document (None when not one)."""
    if not wants_json(args) or result.exit_code not in (0, 1, 2):
        return None
    assert result.stdout.strip(), f"mpsdose {' '.join(args)} --json printed nothing on stdout"
    document = json.loads(result.stdout)
    command = next((a for a in args if not a.startswith("-")), "")
    if result.exit_code != 0 and "error" in document:
        validate("error", document)
    else:
        assert command in DOCUMENTS, (
            f"`mpsdose {command}` prints --json but has no JSON Schema: add "
            f"src/mpsdose/present/schemas/{command}.schema.json and register {command!r} in "
            "mpsdose.present.contract.DOCUMENTS")
        validate(command, document)
    return document


class ContractRunner(CliRunner):
    """A ``CliRunner`` that validates the stdout of every ``--json`` run (see the module)."""

    def invoke(self, cli: Any, args: str | Sequence[str] | None = None, *pos: Any,
               **kwargs: Any) -> Result:
        result = super().invoke(cli, args, *pos, **kwargs)
        argv = shlex.split(args) if isinstance(args, str) else list(args or ())
        if getattr(cli, "name", None) == "main":
            check_result(argv, result)
        return result
