"""The tables in the docs that come from the code: stack settings, stack outputs, and the
properties of each Beyond Identity resource.

    .venv/bin/python scripts/docs_tables.py           # exit 1 and name the stale tables
    .venv/bin/python scripts/docs_tables.py --write   # rewrite them in place

A generated table sits between ``<!-- BEGIN generated: NAME -->`` and ``<!-- END generated: NAME
-->``. Settings come from ``Pulumi.yaml``; outputs from the component's outputs table
(``beyondidentity_cognito.FEDERATION_OUTPUTS``, what ``__main__.py`` exports) and the docstrings
of the ``CognitoFederation`` attributes they export (``tests/engine/docs/test_docs.py`` runs the check).
Resource properties come from their one declaration (``pulumi_beyondidentity._fields``).
"""

from __future__ import annotations

import argparse
import ast
import inspect
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from beyondidentity_cognito import FEDERATION_OUTPUTS, CognitoFederation
from pulumi_beyondidentity._fields import Field, Fields, Strings, Text
from pulumi_beyondidentity._provider import BeyondIdentityProvider
from pulumi_beyondidentity._registry import ALL_KINDS
from pulumi_beyondidentity.rules import UUID_RE

ROOT = Path(__file__).resolve().parent.parent
COMPONENT = ROOT / "components" / "beyondidentity_cognito" / "_component.py"
MARKER = re.compile(
    r"(<!-- BEGIN generated: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- END generated: (?P=name) -->)",
    re.DOTALL,
)


def table_cell(text: str) -> str:
    """``text`` as one Markdown table cell: whitespace collapsed, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _default(spec: dict[str, Any]) -> str:
    if "default" not in spec:
        return "**required**"
    value = spec["default"]
    if value in ("", [], {}):
        return "not set"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list):
        return "`" + ", ".join(str(v) for v in value) + "`"
    return f"`{value}`"


def settings_table(root: Path = ROOT) -> str:
    """Every project setting of ``Pulumi.yaml``: name, type, default, description."""
    config = yaml.safe_load((root / "Pulumi.yaml").read_text())["config"]
    rows = ["| setting | type | default | what |", "|---|---|---|---|"]
    for key, spec in config.items():
        kind = spec["type"]
        if kind == "array":
            kind = f"list of {spec.get('items', {}).get('type', 'string')}s"
        rows.append(f"| `{key}` | {kind} | {_default(spec)} | {table_cell(spec['description'])} |")
    return "\n".join(rows) + "\n"


def attribute_docs(path: Path = COMPONENT) -> dict[str, str]:
    """``CognitoFederation``'s annotated attributes and the docstrings under them."""
    tree = ast.parse(path.read_text())
    cls = next(
        n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "CognitoFederation"
    )
    docs: dict[str, str] = {}
    for node, after in zip(cls.body, cls.body[1:], strict=False):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[node.target.id] = after.value.value
    return docs


def exports() -> list[tuple[str, str]]:
    """``(output name, component attribute)`` of each stack output, in the stack's order."""
    return [
        (output.stack_output, output.attribute)
        for output in FEDERATION_OUTPUTS
        if output.stack_output is not None
    ]


def _rst_to_md(text: str) -> str:
    # ``code`` becomes `code`, or `` code `` when it holds a backtick itself.
    return table_cell(
        re.sub(r"``(.+?)``", lambda m: f"`` {m[1]} ``" if "`" in m[1] else f"`{m[1]}`", text)
    )


def optional_exports() -> list[str]:
    """The stack outputs that may be None (``pulumi.Output[... | None]``), in the stack's order."""
    annotations = inspect.get_annotations(CognitoFederation)
    return [name for name, attribute in exports() if "None" in str(annotations[attribute])]


def outputs_table(root: Path = ROOT) -> str:
    """Every stack output, described by the component attribute it exports, and which of them
    ``pulumi stack output`` can leave out."""
    docs = attribute_docs(root / COMPONENT.relative_to(ROOT))
    rows = ["| output | what |", "|---|---|"]
    for name, attribute in exports():
        rows.append(f"| `{name}` | {_rst_to_md(docs[attribute])} |")
    optional = [f"`{name}`" for name in optional_exports()]
    listed = ", ".join(optional[:-1]) + f" and {optional[-1]}" if len(optional) > 1 else optional[0]
    rows += [
        "",
        f"`pulumi stack output` leaves out an output whose value is None: {listed} are None "
        "unless their feature is set (see their rows).",
    ]
    return "\n".join(rows) + "\n"


PROVIDERS: tuple[type[BeyondIdentityProvider], ...] = ALL_KINDS


def _leaves(fields: Fields) -> list[tuple[str, Field]]:
    """Every input path a user sets: nested objects by their keys."""
    return [(path, f) for path, f in fields.all_paths() if not f.value_type.members()]


def _type_cell(field: Field) -> str:
    if field.choices and isinstance(field.value_type, Text):
        kind = " \\| ".join(
            f"`{c}`" + (" (default)" if c == field.default else "") for c in field.choices
        )
    elif field.choices:
        kind = f"list: {', '.join(f'`{c}`' for c in field.choices)}"
    elif isinstance(field.value_type, Text) and field.value_type.pattern is UUID_RE:
        kind = "UUID"
    else:
        kind = field.value_type.noun
    if isinstance(field.value_type, Strings) and field.default == []:
        kind += ", default `[]`"
    if field.unordered:
        kind += ", *unordered*"
    return kind + (", required" if field.required else "")


def _notes_cell(field: Field) -> str:
    notes = [_rst_to_md(field.doc)]
    if field.only:
        notes.append(f"for type {', '.join(field.only)}")
    if field.required_for:
        notes.append(f"required for {', '.join(field.required_for)}")
    if field.replaces:
        notes.append("**replaces**")
    return "; ".join(notes)


def properties_table(provider: type[BeyondIdentityProvider]) -> str:
    """One resource's inputs (type, default, rule, whether a change replaces) and outputs."""
    fields = provider.fields
    rows = ["| input | type | notes |", "|---|---|---|"]
    for path, field in _leaves(fields):
        rows.append(f"| `{path}` | {_type_cell(field)} | {_notes_cell(field)} |")
    if fields.adoptable:
        rows.append("| `adopt_id` | string | see [Existing objects](#existing-objects) |")
    rows += ["", "| output (besides the inputs, defaults filled) | what |", "|---|---|"]
    for out in fields.outputs:
        secret = " **A Pulumi secret: encrypted in state, `[secret]` in output.**"
        rows.append(f"| `{out.name}` | {_rst_to_md(out.doc)}.{secret if out.secret else ''} |")
    for name, doc in fields.derived:
        rows.append(f"| `{name}` | {_rst_to_md(doc)}. Computed in the program, not stored. |")
    return "\n".join(rows) + "\n"


def replacements_table(root: Path = ROOT) -> str:
    """What a change of each resource replaces, and what it updates in place."""
    rows = ["| resource | replaced when these change | everything else |", "|---|---|---|"]
    for provider in PROVIDERS:
        paths = ", ".join(f"`{p}`" for p in provider.replace_paths)
        first = " (delete first)" if provider.delete_before_replace else ""
        nested = [f"`{f.name}`" for f in provider.fields.inputs if f.value_type.members()]
        whole = f" (PATCH with the whole {', '.join(nested)})" if nested else ""
        rest = "update in place" + whole
        if set(provider.replace_paths) == set(provider.input_fields):
            rest = "nothing: every input replaces"
        rows.append(f"| {provider.label} | {paths}{first} | {rest} |")
    return "\n".join(rows) + "\n"


def _properties(provider: type[BeyondIdentityProvider]) -> Callable[[Path], str]:
    return lambda _root: properties_table(provider)


TABLES = {
    "settings": settings_table,
    "outputs": outputs_table,
    "replacements": replacements_table,
    **{f"properties-{p.label}": _properties(p) for p in PROVIDERS},
}
DOCS = ("README.md", "docs/quickstart.md", "docs/resources.md")


def refresh(text: str, root: Path = ROOT) -> str:
    """``text`` with every generated table regenerated."""

    def replace(match: re.Match[str]) -> str:
        body = TABLES[match["name"]](root)
        return f"{match.group(1)}{body}{match.group(4)}"

    return MARKER.sub(replace, text)


def stale(root: Path = ROOT) -> list[str]:
    """The docs whose generated tables differ from the code."""
    return [
        doc for doc in DOCS if refresh((root / doc).read_text(), root) != (root / doc).read_text()
    ]


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
        print(
            f"{doc}: generated tables are stale; run .venv/bin/python scripts/docs_tables.py --write"
        )
    return 1 if outdated else 0


if __name__ == "__main__":
    sys.exit(main())
