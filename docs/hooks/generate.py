"""MkDocs hook: the pages that are generated from the code at build time, so they cannot drift.

A page asks for a generated part with a marker on a line of its own:

- ``<!-- generated: schemas -->``: one section per data file, from
  :data:`mpsdose.knowledge.schema.SCHEMAS` (title, doc, columns with kind, unit, required and
  choices, key, ranges);
- ``<!-- generated: cli -->``: one section per command of the ``mpsdose`` click group (its help
  text, usage and options, read from the click objects themselves);
- ``<!-- generated: exit-codes -->``: the CLI's exit codes, from :mod:`mpsdose.cli`;
- ``<!-- generated: json-schemas -->``: the ``--json`` documents that have a JSON Schema, from
  :data:`mpsdose.present.contract.DOCUMENTS` and the schemas' own titles and descriptions.

An unknown marker is an error, so a page cannot silently lose its generated part.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click

MARKER = re.compile(r"^<!-- generated: ([a-z-]+) -->$", re.M)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _code(text: str) -> str:
    return f"`{text}`" if text else ""


# -- data files ----------------------------------------------------------------------------------
def schemas() -> str:
    from mpsdose.knowledge.schema import SCHEMAS, Kind

    out: list[str] = []
    for name in sorted(SCHEMAS):
        schema = SCHEMAS[name]
        out += [f"### `{schema.file}` — {schema.title} {{ #{schema.file.replace('.', '-')} }}", ""]
        if schema.doc:
            out += [schema.doc, ""]
        out += ["| column | kind | unit | required | choices | meaning |",
                "|---|---|---|---|---|---|"]
        for column in schema.columns:
            choices = ", ".join(f"`{c}`" for c in column.choices)
            if column.kind is Kind.GRADE:
                choices = "`P`, `S`"
            out.append(
                f"| `{column.name}` | {column.kind.value} | {_cell(column.unit)} | "
                f"{'yes' if column.required else 'no'} | {_cell(choices)} | {_cell(column.doc)} |"
            )
        out.append("")
        facts = []
        if schema.key:
            facts.append("**Key** (no two rows share these cells): "
                         + ", ".join(f"`{c}`" for c in schema.key) + ".")
        else:
            facts.append("**Key**: none (rows may repeat, e.g. one per source).")
        if schema.ranges:
            facts.append("**Ranges**: " + ", ".join(
                f"`{r}_low` ≤ `{r}` ≤ `{r}_high`" if any(c.name == r for c in schema.columns)
                else f"`{r}_low` ≤ `{r}_high`" for r in schema.ranges) + ".")
        if schema.open:
            facts.append("**Open**: columns beyond these are allowed, and ignored.")
        out += [" ".join(facts), ""]
    return "\n".join(out)


def required_rules() -> str:
    from mpsdose.knowledge.bundle import REQUIRED_RULES

    rows = ["| file | rules the code reads by name |", "|---|---|"]
    rows += [f"| `{name}` | {', '.join(f'`{rule}`' for rule in rules)} |"
             for name, rules in REQUIRED_RULES.items()]
    return "\n".join(rows) + "\n"


def conversion_tables() -> str:
    from mpsdose.knowledge.bundle import Knowledge

    rows = ["| id | table | purpose | date | grade |", "|---|---|---|---|---|"]
    for row in Knowledge.default().rows("equivalence_tables.csv"):
        rows.append(f"| `{row['table']}` | {_cell(row['title'])} | {row['purpose']} | "
                    f"{row.get('effective_date', '')} | {row['grade']} |")
    return "\n".join(rows) + "\n"


def grades() -> str:
    from mpsdose.knowledge.bundle import Knowledge
    from mpsdose.knowledge.schema import SCHEMAS

    knowledge = Knowledge.default()
    rows = ["| file | rows | grade P | grade S |", "|---|---|---|---|"]
    for name in sorted(SCHEMAS):
        grades = [row["grade"] for row in knowledge.rows(name)]
        rows.append(f"| [`{name}`](data.md#{name.replace('.', '-')}) | {len(grades)} | "
                    f"{grades.count('P')} | {grades.count('S')} |")
    return "\n".join(rows) + "\n"


def kinds() -> str:
    from mpsdose.knowledge.schema import Kind

    meanings = {
        Kind.TEXT: "any text",
        Kind.NUMBER: "a finite number",
        Kind.POSITIVE: "a finite number > 0",
        Kind.NONNEGATIVE: "a finite number ≥ 0",
        Kind.NUMBERS: "positive numbers separated by spaces (`5 10 20`)",
        Kind.DRUG: "a drug the catalogue knows, by any of its names (read as the canonical name)",
        Kind.ROUTE: "a route spelling (`oral`, `po`, `sc` …)",
        Kind.ROUTE_OR_GROUP: "a route, or a group of routes (`parenteral`)",
        Kind.ROUTES: "canonical route names separated by spaces",
        Kind.FORM: "a canonical dosage form (`tablet`, `patch` …)",
        Kind.FORMS: "canonical dosage forms separated by spaces",
        Kind.RELEASE: "`ir` or `er`",
        Kind.CHOICE: "one of the column's choices",
        Kind.INTERVAL: "a band in interval notation (`[30, 60)`)",
        Kind.GRADE: "`P` or `S`",
        Kind.DATE: "an ISO date, or as much of one as the source gives (`YYYY-MM`, `YYYY`)",
        Kind.SETTINGS: "care settings separated by spaces (`end-of-life hospice`)",
    }
    missing = [kind for kind in Kind if kind not in meanings]
    if missing:
        raise ValueError(f"docs/hooks/generate.py does not describe the column kinds {missing}")
    rows = ["| kind | a cell holds |", "|---|---|"]
    rows += [f"| {kind.value} | {meanings[kind]} |" for kind in Kind]
    return "\n".join(rows) + "\n"


# -- the command line ----------------------------------------------------------------------------
def _help_markdown(text: str) -> str:
    """Click help text as Markdown: a ``\\b`` paragraph (kept as written by click) becomes a code
    block; other paragraphs are text."""
    blocks = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = paragraph.split("\n")
        if lines[0].strip() == "\b":
            body = lines[1:]
            title = ""
            if body and body[0].strip().endswith(":") and not body[0].startswith(" "):
                title, body = body[0].strip(), body[1:]
            indent = min((len(line) - len(line.lstrip()) for line in body if line.strip()),
                         default=0)
            code = "\n".join(line[indent:] for line in body)
            blocks.append((f"{title}\n\n" if title else "") + f"```sh\n{code}\n```")
        else:
            blocks.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(blocks)


def _metavar(ctx: click.Context, param: click.Parameter) -> str:
    try:
        return param.make_metavar(ctx)  # type: ignore[call-arg]
    except TypeError:  # click < 8.2 takes no context
        return param.make_metavar()  # type: ignore[call-arg]


def cli() -> str:
    from mpsdose.cli import main

    out: list[str] = []
    root = click.Context(main, info_name="mpsdose")
    for name in sorted(main.commands):  # type: ignore[attr-defined]
        command = main.commands[name]  # type: ignore[attr-defined]
        ctx = click.Context(command, info_name=name, parent=root)
        out += [f"## `mpsdose {name}` {{ #{name} }}", ""]
        out += [_help_markdown(command.help or ""), ""]
        usage = " ".join(command.collect_usage_pieces(ctx))
        out += ["```text", f"mpsdose {name} {usage}", "```", ""]
        arguments = [p for p in command.params if isinstance(p, click.Argument)]
        if arguments:
            out += ["Arguments: " + ", ".join(f"`{_metavar(ctx, p)}`" for p in arguments), ""]
        options = [p for p in command.params if isinstance(p, click.Option)]
        out += ["| option | value | required | default | does |", "|---|---|---|---|---|"]
        for param in options:
            names = ", ".join(f"`{n}`" for n in (*param.opts, *param.secondary_opts))
            value = "flag" if param.is_flag else _code(_metavar(ctx, param))
            help_text = param.help or ""
            if isinstance(param.type, click.Choice):
                help_text += " One of " + ", ".join(f"`{c}`" for c in param.type.choices) + "."
            default = (_code(str(param.default)) if param.show_default
                       and param.default is not None else "")
            out.append(f"| {names} | {value} | {'yes' if param.required else ''} | {default} | "
                       f"{_cell(help_text)} |")
        out += ["| `-h`, `--help` | flag |  |  | Show the help and exit. |", ""]
    return "\n".join(out)


def batch_columns() -> str:
    from mpsdose.io.batch import INPUT_COLUMNS, OUTPUT_COLUMNS, PATIENT_COLUMNS, STATUSES

    def codes(names: Any) -> str:
        return ", ".join(f"`{name}`" for name in names)

    return "\n".join([
        "| | columns |", "|---|---|",
        f"| input (more are kept and passed through) | {codes(INPUT_COLUMNS)} |",
        f"| added to every row | {codes(OUTPUT_COLUMNS)} |",
        f"| `status` besides `ok` | {codes(STATUSES)} |",
        f"| `--per-patient` output | {codes(PATIENT_COLUMNS)} |",
        "",
    ])


def exit_codes() -> str:
    from mpsdose.cli import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED

    return "\n".join([
        "| code | meaning |", "|---|---|",
        "| `0` | success (also when the reader of the output stops early, as `head -1` does after a pipe) |",
        f"| `{EXIT_FINDINGS}` | the command ran and found error-level safety findings (`check`, "
        "or any command with `--strict`); `convert` understood the input but no dose can be given "
        "(below the smallest strength or patch of the target) |",
        f"| `{EXIT_INPUT}` | the input could not be understood (an item, a unit, a file, an "
        "option, an input over a limit): one line on stderr naming it, never a traceback |",
        f"| `{EXIT_INTERNAL}` | an internal error, a bug in mpsdose: one line on stderr, never a "
        "traceback; please report it with the command that caused it |",
        f"| `{EXIT_INTERRUPTED}` | interrupted (Ctrl-C) |",
        "",
    ])


def json_schemas() -> str:
    from mpsdose import json_schema
    from mpsdose.present.contract import DOCUMENTS

    rows = ["| `mpsdose schema …` | document | what it holds |", "|---|---|---|"]
    for name in DOCUMENTS:
        schema = json_schema(name)
        first = schema["description"].split(". ")[0].rstrip(".") + "."
        rows.append(f"| `{name}` | {_cell(schema['title'])} | {_cell(first)} |")
    return "\n".join(rows) + "\n"


# -- the vocabulary of the item language -------------------------------------------------------
def _spellings(mapping: Any, key: Any = str) -> str:
    groups: dict[str, list[str]] = {}
    for spelling, value in mapping.items():
        groups.setdefault(key(value), []).append(spelling)
    rows = ["| written | read as |", "|---|---|"]
    for value, spellings in groups.items():
        rows.append(f"| {', '.join(f'`{s}`' for s in spellings)} | `{value}` |")
    return "\n".join(rows) + "\n"


def routes() -> str:
    from mpsdose.model.vocabulary import ROUTE_SPELLINGS

    return _spellings(ROUTE_SPELLINGS, lambda route: route.value)


def releases() -> str:
    from mpsdose.model.vocabulary import RELEASES

    return _spellings(RELEASES)


def forms() -> str:
    from mpsdose.model.vocabulary import FORMS

    return _spellings(FORMS)


def units() -> str:
    from mpsdose.model.units import ACTIVITY_SPELLINGS, REFUSED, SPELLINGS

    rows = ["| written | read as |", "|---|---|"]
    groups: dict[str, list[str]] = {}
    for spelling, symbol in {**SPELLINGS, **ACTIVITY_SPELLINGS}.items():
        groups.setdefault(symbol, []).append(spelling)
    for symbol, spellings in groups.items():
        shown = ", ".join(f"`{s}`" for s in spellings[:6])
        more = f" and {len(spellings) - 6} more spellings" if len(spellings) > 6 else ""
        rows.append(f"| {shown}{more} | `{symbol}` |")
    rows += ["", "Units (`units`, `units/day`, `units/h`) are a dose unit only for the drugs the "
             "catalogue marks as dosed in units (heparin, dalteparin); for any other drug they are "
             "refused, naming the drug.", "", "Refused on purpose, with the reason mpsdose gives:", "",
             "| written | refused because |", "|---|---|"]
    rows += [f"| `{spelling}` | {_cell(reason)} |" for spelling, reason in REFUSED.items()]
    return "\n".join(rows) + "\n"


# -- the API index -------------------------------------------------------------------------------
API_PAGES = {
    "model.md": "Regimens (model)", "knowledge.md": "Clinical knowledge",
    "clinical.md": "Clinical functions", "io.md": "Files, FHIR and batch", "errors.md": "Errors",
}


def api_index() -> str:
    """Every public name (``mpsdose.__all__``) with the page that documents it and its first
    line; a public name that no API page groups yet is documented here, under its own heading,
    so that no public name is ever left out."""
    import inspect

    import mpsdose

    api = Path(__file__).parent.parent / "api"
    where: dict[str, str] = {}
    for page in API_PAGES:
        for name in re.findall(r"^::: mpsdose\.(\w+)$", (api / page).read_text("utf-8"), re.M):
            where[name] = page
    missing = sorted(set(mpsdose.__all__) - set(where) - {"__version__"})
    out: list[str] = []
    for page, title in API_PAGES.items():
        out += [f"## [{title}]({page})", "", "| name | what it is |", "|---|---|"]
        names = (n for n, p in where.items() if p == page and n in mpsdose.__all__)
        for name in sorted(names, key=str.lower):
            obj = getattr(mpsdose, name)
            doc = (inspect.getdoc(obj) or "").strip() if not isinstance(obj, tuple | dict) else ""
            first = doc.split("\n\n")[0] if doc else ""
            first = re.sub(r":\w+:`~?([^`]+)`", lambda m: f"`{m.group(1).rsplit('.', 1)[-1]}`",
                           first).replace("``", "`")
            out.append(f"| [`mpsdose.{name}`](#{'mpsdose.' + name}) | {_cell(first)} |"
                       .replace(f"(#mpsdose.{name})", f"({page}#mpsdose.{name})"))
        out.append("")
    if missing:  # a name added to __init__.pyi but not yet to a page: documented here meanwhile
        out += ["## Not yet on a page", "",
                "Public names that no page of `docs/api/` groups yet (add a `::: mpsdose.NAME` "
                "line to the page they belong on):", ""]
        out += [f"::: mpsdose.{name}\n" for name in missing]
    return "\n".join(out)


GENERATORS = {"schemas": schemas, "kinds": kinds, "cli": cli, "exit-codes": exit_codes,
              "json-schemas": json_schemas,
              "api-index": api_index, "routes": routes, "releases": releases, "forms": forms,
              "units": units, "required-rules": required_rules,
              "batch-columns": batch_columns, "conversion-tables": conversion_tables,
              "grades": grades}


def generate(name: str) -> str:
    """The Markdown of one generated part."""
    if name not in GENERATORS:
        raise ValueError(f"unknown generated part {name!r}; known: {', '.join(GENERATORS)}")
    return GENERATORS[name]()


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    return MARKER.sub(lambda match: generate(match.group(1)), markdown)
