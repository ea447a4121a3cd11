"""The mutants of one Python module: small faults a test selection should notice.

Each mutant changes one spot of the module's syntax tree: a comparison's operator
(``<`` <-> ``<=``, ``==`` <-> ``!=``, ``in`` <-> ``not in``...), ``and`` <-> ``or``,
``min`` <-> ``max``, a whole-number constant by one either way, ``True`` <-> ``False``,
a ``raise``/``return``/``continue``/``break`` or a call statement replaced by ``pass``, and the
condition of an ``if``/``while``/conditional expression/comprehension filter negated. Mutants are numbered
in a fixed walk of the tree, so ``mutant_tree(source, n)`` always gives the same one.

Nothing here touches a file: a mutant is a syntax tree, compiled and run by
:mod:`mutation_worker` in memory.
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass

_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_SYMBOLS: dict[type[ast.AST], str] = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.And: "and",
    ast.Or: "or",
}
_JUMPS: dict[type[ast.stmt], str] = {
    ast.Raise: "raise",
    ast.Return: "return",
    ast.Continue: "continue",
    ast.Break: "break",
}
_MIN_MAX = {"min": "max", "max": "min"}


@dataclass(frozen=True)
class Mutant:
    """One mutant of a module.

    :param index: its number in the module's fixed walk.
    :param line: the line it changes.
    :param description: what it changes, e.g. ``<= -> <`` or ``raise -> pass``.
    :param source: the source line it changes, stripped (for reports, and for recognizing
        the mutant when line numbers move).
    :param function: the qualified name of the outermost function holding it (``Class.method``),
        or "" when it is in a module- or class-level statement.
    :param owner: the qualified name of the class whose body holds it ("" for the module).
    :param names: for a module- or class-level statement, the names that statement binds.
    """

    index: int
    line: int
    description: str
    source: str
    function: str
    owner: str
    names: tuple[str, ...]

    @property
    def where(self) -> str:
        """The function (or ``module``/class body) that holds the mutant."""
        return self.function or self.owner or "module"


def _bound_names(statement: ast.stmt) -> tuple[str, ...]:
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return (statement.name,)
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = list(statement.targets)
    elif isinstance(statement, ast.AnnAssign | ast.AugAssign):
        targets = [statement.target]
    names: list[str] = []
    for target in targets:
        names.extend(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return tuple(names)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Walker(ast.NodeTransformer):
    """Numbers every mutation point; applies the one numbered ``chosen`` (-1: none)."""

    def __init__(self, source: str, chosen: int) -> None:
        self._lines = source.splitlines()
        self.chosen = chosen
        self.found: list[Mutant] = []
        self._scopes: list[tuple[str, str]] = []  # ("class" | "def", name)
        self._statement: ast.stmt | None = None
        # A function's final bare ``return``/``return None``: deleting it changes nothing.
        self._final_returns: set[int] = set()

    # -- bookkeeping -------------------------------------------------------------------

    def _point(self, node: ast.AST, description: str) -> bool:
        """Record a mutation point at ``node``; True if it is the chosen one."""
        index = len(self.found)
        line = getattr(node, "lineno", 0)
        text = self._lines[line - 1].strip() if 0 < line <= len(self._lines) else ""
        function, owner = "", ""
        path: list[str] = []
        for kind, name in self._scopes:
            path.append(name)
            if kind == "def":
                function = ".".join(path)
                break
            owner = ".".join(path)
        names = _bound_names(self._statement) if self._statement and not function else ()
        self.found.append(
            Mutant(
                index=index,
                line=line,
                description=description,
                source=text,
                function=function,
                owner=owner,
                names=names,
            )
        )
        return index == self.chosen

    def _body_statement(self, node: ast.stmt) -> ast.AST:
        """Visit a statement of a module or class body, remembering it as the binder."""
        outer = self._statement
        if not any(kind == "def" for kind, _ in self._scopes):
            self._statement = node
        try:
            return self._mutate_statement(node)
        finally:
            self._statement = outer

    def _mutate_statement(self, node: ast.stmt) -> ast.AST:
        for kind, word in _JUMPS.items():
            if id(node) in self._final_returns:
                break
            if isinstance(node, kind) and self._point(node, f"{word} -> pass"):
                return ast.copy_location(ast.Pass(), node)
        called = isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
        if called and self._point(node, "call deleted"):
            return ast.copy_location(ast.Pass(), node)
        return self.generic_visit(node)

    # -- statements --------------------------------------------------------------------

    def visit(self, node: ast.AST) -> ast.AST:
        if isinstance(node, ast.stmt) and not isinstance(
            node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.If | ast.While
        ):
            return self._body_statement(node)
        visited: ast.AST = super().visit(node)
        return visited

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.AST:
        return node

    def visit_Import(self, node: ast.Import) -> ast.AST:
        return node

    def _visit_def(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.AST:
        outer = self._statement
        if not any(kind == "def" for kind, _ in self._scopes):
            self._statement = node
        try:
            # Decorators and defaults run where the function is defined, not inside it.
            node.decorator_list = [self.visit(d) for d in node.decorator_list]  # type: ignore[misc]
            node.args.defaults = [self.visit(d) for d in node.args.defaults]  # type: ignore[misc]
            node.args.kw_defaults = [
                self.visit(d) if d is not None else None  # type: ignore[misc]
                for d in node.args.kw_defaults
            ]
            last = node.body[-1]
            if isinstance(last, ast.Return) and (
                last.value is None
                or (isinstance(last.value, ast.Constant) and last.value.value is None)
            ):
                self._final_returns.add(id(last))
            self._scopes.append(("def", node.name))
            try:
                node.body = [self.visit(s) for s in node.body]  # type: ignore[misc]
            finally:
                self._scopes.pop()
            return node
        finally:
            self._statement = outer

    visit_FunctionDef = _visit_def
    visit_AsyncFunctionDef = _visit_def

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        outer = self._statement
        if not any(kind == "def" for kind, _ in self._scopes):
            self._statement = node
        try:
            self._scopes.append(("class", node.name))
            try:
                node.body = [self.visit(s) for s in node.body]  # type: ignore[misc]
            finally:
                self._scopes.pop()
            return node
        finally:
            self._statement = outer

    def visit_If(self, node: ast.If) -> ast.AST:
        if _is_type_checking(node):
            return node
        return self._conditional(node)

    def visit_While(self, node: ast.While) -> ast.AST:
        return self._conditional(node)

    def _conditional(self, node: ast.If | ast.While) -> ast.AST:
        outer = self._statement
        if not any(kind == "def" for kind, _ in self._scopes):
            self._statement = node
        try:
            if self._point(node.test, "negated condition"):
                node.test = _negate(node.test)
                return node
            return self.generic_visit(node)
        finally:
            self._statement = outer

    # -- expressions -------------------------------------------------------------------

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        # The annotation is not run (``from __future__ import annotations``); the value is.
        if node.value is not None:
            node.value = self.visit(node.value)  # type: ignore[assignment]
        return node

    def visit_arg(self, node: ast.arg) -> ast.AST:
        return node

    def visit_IfExp(self, node: ast.IfExp) -> ast.AST:
        if self._point(node.test, "negated condition"):
            node.test = _negate(node.test)
            return node
        return self.generic_visit(node)

    def visit_comprehension(self, node: ast.comprehension) -> ast.AST:
        node.iter = self.visit(node.iter)  # type: ignore[assignment]
        kept: list[ast.expr] = []
        for test in node.ifs:
            if self._point(test, "negated condition"):
                kept.append(_negate(test))
            else:
                kept.append(self.visit(test))  # type: ignore[arg-type]
        node.ifs = kept
        return node

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        for position, op in enumerate(node.ops):
            swap = _COMPARE_SWAPS.get(type(op))
            if swap is None:
                continue
            if self._point(node, f"{_SYMBOLS[type(op)]} -> {_SYMBOLS[swap]}"):
                node.ops[position] = swap()
                return node
        return self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        other: ast.boolop = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        if self._point(node, f"{_SYMBOLS[type(node.op)]} -> {_SYMBOLS[type(other)]}"):
            node.op = other
            return node
        return self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> ast.AST:
        func = node.func
        if isinstance(func, ast.Name) and func.id in _MIN_MAX:
            other = _MIN_MAX[func.id]
            if self._point(node, f"{func.id} -> {other}"):
                node.func = ast.copy_location(ast.Name(id=other, ctx=ast.Load()), func)
                return node
        return self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = node.value
        if isinstance(value, bool):
            if self._point(node, f"{value} -> {not value}"):
                return ast.copy_location(ast.Constant(value=not value), node)
        elif isinstance(value, int):
            for changed in (value + 1, value - 1):
                if self._point(node, f"{value} -> {changed}"):
                    return ast.copy_location(ast.Constant(value=changed), node)
        return node


def _negate(test: ast.expr) -> ast.expr:
    return ast.copy_location(ast.UnaryOp(op=ast.Not(), operand=test), test)


def mutants(source: str) -> list[Mutant]:
    """Every mutant of the module ``source``, in their fixed order."""
    walker = _Walker(source, chosen=-1)
    walker.visit(ast.parse(source))
    return walker.found


def mutant_tree(source: str, index: int) -> tuple[ast.Module, Mutant]:
    """The syntax tree of ``source`` with mutant ``index`` applied, and that mutant."""
    walker = _Walker(source, chosen=index)
    tree = walker.visit(copy.deepcopy(ast.parse(source)))
    if index >= len(walker.found):
        raise IndexError(f"the module has {len(walker.found)} mutants, not {index + 1}")
    assert isinstance(tree, ast.Module)
    return ast.fix_missing_locations(tree), walker.found[index]
