"""The tables in the docs that come from the code: stack settings and stack outputs.

    .venv/bin/python scripts/docs_tables.py           # exit 1 and name the stale tables
    .venv/bin/python scripts/docs_tables.py --write   # rewrite them in place

A generated table sits between ``<!-- BEGIN generated: NAME -->`` and ``<!-- END generated: NAME
-->``. Settings come from ``Pulumi.yaml``; outputs from the component's outputs table
(``beyondidentity_cognito.FEDERATION_OUTPUTS``, what ``__main__.py`` exports) and the docstrings
of the ``CognitoFederation`` attributes they export (``tests/docs/test_docs.py`` runs the check).
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from beyondidentity_cognito import FEDERATION_OUTPUTS

ROOT = Path(__file__).resolve().parent.parent
COMPONENT = ROOT / "components" / "beyondidentity_cognito" / "_component.py"
MARKER = re.compile(
    r"(<!-- BEGIN generated: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- END generated: (?P=name) -->)",
    re.DOTALL,
)


def _cell(text: str) -> str:
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
        rows.append(f"| `{key}` | {kind} | {_default(spec)} | {_cell(spec['description'])} |")
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
    return _cell(text.replace("``", "`"))


def outputs_table(root: Path = ROOT) -> str:
    """Every stack output, described by the component attribute it exports."""
    docs = attribute_docs(root / COMPONENT.relative_to(ROOT))
    rows = ["| output | what |", "|---|---|"]
    for name, attribute in exports():
        rows.append(f"| `{name}` | {_rst_to_md(docs[attribute])} |")
    return "\n".join(rows) + "\n"


TABLES = {"settings": settings_table, "outputs": outputs_table}
DOCS = ("README.md", "docs/quickstart.md")


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
