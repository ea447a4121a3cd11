"""The docstrings under a class's annotated attributes, and reST turned into schema Markdown.

Python keeps no attribute docstrings at run time, so they are read from the class's source
(``inspect.getsource``): the same text the Python API's readers see, in one place.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import re
import textwrap
from collections.abc import Mapping

# ``name`` (reST inline literal) -> `name` (Markdown code span).
_LITERAL = re.compile(r"``(?P<text>.+?)``", re.DOTALL)
# A Python name inside a literal, e.g. the argument of ``managed_login_version=2``.
_IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*\b")


def attribute_docs(cls: type) -> dict[str, str]:
    """``{attribute: docstring}`` of every annotated attribute of ``cls`` with one under it."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    (body,) = (node.body for node in tree.body if isinstance(node, ast.ClassDef))
    docs: dict[str, str] = {}
    for node, after in itertools.pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[node.target.id] = inspect.cleandoc(after.value.value)
    return docs


def markdown(text: str, names: Mapping[str, str]) -> str:
    """``text`` (reST) as Markdown paragraphs, the names in its literals renamed.

    ``names`` maps a Python name to what the schema calls it (``domain_prefix`` ->
    ``domainPrefix``), so a description names the properties a YAML, TypeScript or Go
    program sets.
    """

    def literal(match: re.Match[str]) -> str:
        inner = " ".join(match["text"].split())
        return "`" + _IDENTIFIER.sub(lambda name: names.get(name[0], name[0]), inner) + "`"

    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(_LITERAL.sub(literal, p) for p in paragraphs if p)
