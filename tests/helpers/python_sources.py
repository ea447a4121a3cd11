"""Parse Python sources for the architecture tests, immune to one CPython 3.11 bug.

``ast.parse`` in CPython 3.11 compares a recursion depth computed before and after it builds
the tree from the interpreter's recursion limit; when the limit has changed in between in
this process (hypothesis raises and restores it around its tests, gh-106905), the call fails
with ``SystemError: AST constructor recursion depth mismatch`` however valid the source. A
clean-clone CI run hit it once. The fallback parses the same file in a fresh interpreter.
"""

from __future__ import annotations

import ast
import pickle
import subprocess
import sys
from pathlib import Path

_PARSE_STDIN = (
    "import ast, pickle, sys\n"
    "tree = ast.parse(sys.stdin.read(), sys.argv[1])\n"
    "sys.stdout.buffer.write(pickle.dumps(tree))\n"
)


def parse_source(source: str, filename: str = "<unknown>") -> ast.Module:
    """The syntax tree of ``source``."""
    try:
        return ast.parse(source, filename)
    except SystemError:
        done = subprocess.run(
            [sys.executable, "-c", _PARSE_STDIN, filename],
            input=source.encode(),
            capture_output=True,
            timeout=120,
            check=True,
        )
        tree = pickle.loads(done.stdout)  # our own child's answer about our own source
        assert isinstance(tree, ast.Module)
        return tree


def parse_file(path: Path) -> ast.Module:
    """The syntax tree of the file at ``path``."""
    return parse_source(path.read_text(encoding="utf-8"), str(path))
