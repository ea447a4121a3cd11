"""The AWS stand-in's rules tables (``local/aws-rules.md``), generated from its declarations.

    .venv/bin/python scripts/aws_rules_table.py           # exit 1 and name the stale doc
    .venv/bin/python scripts/aws_rules_table.py --write   # rewrite the tables in place

One table per resource the stand-in serves: for each input property, what a change plans
(replace or update), what removing it from the program plans, the default filled in, the
preview-time checks, and where the rule comes from (``Property.source``) and whether it was
verified; then the resource's rules across properties (``Resource.rules``). A last table lists
every rule that could not be verified. Tables sit between ``<!-- BEGIN generated: NAME -->`` and
``<!-- END generated: NAME -->``, as in ``scripts/docs_tables.py``;
``tests/engine/docs/test_docs.py`` fails when they are stale.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from docs_tables import MARKER, table_cell

from aws_standin._base import Property, Resource
from aws_standin._resources import RESOURCES
from aws_standin._values import Obj

ROOT = Path(__file__).resolve().parent.parent
DOC = "local/aws-rules.md"


def _change(field: Property) -> str:
    if field.replace_if is not None:
        return table_cell((field.replace_if.__doc__ or "").strip())
    return "**replace**" if field.replace else "update"


def _removal(resource: Resource, field: Property) -> str:
    if field.required:
        return "(required)"
    if field.name == "name" and resource.autoname:
        return "no change: the autoname keeps the prior name"
    if field.computed:
        return "no change: the prior value stays"
    if field.replace or (field.replace_if is not None and field.replace_if("set", None)):
        return "**replace**"
    if field.default is not None:
        return f"update: back to the default `{field.default}`"
    if field.reset is not None:
        return f"update: sends `{_flat(field.reset)}`"
    return "update: clears it"


def _flat(value: object) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def _default(field: Property) -> str:
    if field.default is not None:
        return f"`{field.default}`"
    if isinstance(field.kind, Obj):
        filled = [f"{a.name}: {a.default}" for a in field.kind.attrs if a.default is not None]
        return f"in the block: `{', '.join(filled)}`" if filled else ""
    return ""


def resource_table(resource: Resource) -> str:
    """One resource: each input's plan on change and on removal, default, checks, source."""
    rows = [
        "| property | a change plans | removing it plans | default | preview checks | source "
        "| verified |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in resource.fields:
        checks = table_cell("; ".join(f.kind.describe()))
        verified = "yes" if f.verified else "**no**"
        rows.append(
            f"| `{f.name}` | {_change(f)} | {_removal(resource, f)} | {_default(f)} | {checks} "
            f"| {table_cell(f.source)} | {verified} |"
        )
    if resource.rules:
        rows += ["", "| rule across properties | source | verified |", "|---|---|---|"]
        for rule in resource.rules:
            verified = "yes" if rule.verified else "**no**"
            rows.append(f"| {table_cell(rule.text)} | {table_cell(rule.source)} | {verified} |")
    return "\n".join(rows) + "\n"


def unverified_table() -> str:
    """Every rule of every resource that could not be checked against its source."""
    rows = ["| resource | property or rule | why |", "|---|---|---|"]
    for token, resource in RESOURCES.items():
        for f in resource.fields:
            if not f.verified:
                rows.append(f"| `{token}` | `{f.name}` | {table_cell(f.source)} |")
        for rule in resource.rules:
            if not rule.verified:
                rows.append(f"| `{token}` | {table_cell(rule.text)} | {table_cell(rule.source)} |")
    return "\n".join(rows) + "\n"


def table_name(resource: Resource) -> str:
    """``aws-rules-UserPoolDomain`` for ``aws:cognito/userPoolDomain:UserPoolDomain``."""
    return f"aws-rules-{resource.token.rsplit(':', 1)[-1]}"


def _table(resource: Resource) -> Callable[[], str]:
    return lambda: resource_table(resource)


TABLES: dict[str, Callable[[], str]] = {
    **{table_name(r): _table(r) for r in RESOURCES.values()},
    "aws-rules-unverified": unverified_table,
}


def refresh(text: str) -> str:
    """``text`` with every generated table regenerated."""
    return MARKER.sub(
        lambda m: f"{m.group(1)}{TABLES[m['name']]()}{m.group(4)}",
        text,
    )


def stale(root: Path = ROOT) -> list[str]:
    """``[DOC]`` when its generated tables differ from the declarations, else ``[]``."""
    text = (root / DOC).read_text()
    return [DOC] if refresh(text) != text else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--write", action="store_true", help="rewrite the tables in place")
    args = parser.parse_args(argv)
    outdated = stale()
    if args.write:
        for doc in outdated:
            path = ROOT / doc
            path.write_text(refresh(path.read_text()))
            print(f"rewrote the generated tables of {doc}")
        return 0
    for doc in outdated:
        print(f"{doc}: tables are stale; run .venv/bin/python scripts/aws_rules_table.py --write")
    return 1 if outdated else 0


if __name__ == "__main__":
    sys.exit(main())
