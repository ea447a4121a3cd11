#!/usr/bin/env python3
"""Preview-driven change review: a saved plan and a Markdown summary, then an exact apply.

    review_plan.py preview --stack dev [--plan review/plan.json] [--summary review/summary.md]
                           [--policy-pack policy] [--policy-pack-config FILE] [--cwd DIR]
    review_plan.py apply   --stack dev --plan review/plan.json [--expect-sha256 HEX] [--cwd DIR]
                           [--policy-pack policy] [--policy-pack-config FILE]

``preview`` runs ``pulumi preview --save-plan`` with the policy pack, and writes the plan file and
a summary fit for a pull-request comment: creates, updates, replaces with the properties that
cause them, deletes, and every policy result. Only property *names* appear, never values, so a
summary cannot leak a secret. Exit code 0 when the plan was saved, 1 when the preview failed (a
mandatory policy violation, a program error): the summary says why. Its counts are
``pulumi preview``'s: the stack counts, Pulumi's default providers are listed but not counted.

``apply`` runs ``pulumi up --plan`` with that file (and the policy pack again): the engine refuses
any step the plan does not allow (a changed program, setting or provider answer after the
review), before making it. With
``--expect-sha256`` (the hash printed in the summary) it first checks the file is the one reviewed.

The Pulumi CLI comes from PATH (``make engine`` builds one: ``export PATH=$PWD/.engine/bin:$PATH``);
the backend, passphrase and credentials from the usual environment (``PULUMI_BACKEND_URL``,
``PULUMI_CONFIG_PASSPHRASE``...).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pulumi import automation as auto

# Logical operations shown in the summary, in this order; create-replacement/delete-replaced
# steps are the halves of a replace and are folded into it.
OPERATIONS = ("create", "update", "replace", "delete", "import", "read", "refresh")
VERBS = {
    "create": "to create",
    "update": "to update",
    "replace": "to replace",
    "delete": "to delete",
    "import": "to import",
    "read": "to read",
    "refresh": "to refresh",
}
REPLACE_KINDS = ("add-replace", "delete-replace", "update-replace")


@dataclass
class Change:
    """One resource step of the plan."""

    op: str
    urn: str
    type: str
    properties: list[str] = field(default_factory=list)
    """Changed property paths; for a replace, those that force it first, marked."""

    @property
    def counted(self) -> bool:
        """False for Pulumi's default providers, which ``pulumi preview`` leaves out of its
        counts (the engine's ``isDefaultProviderStep``: a ``pulumi:providers:*`` resource whose
        name starts with ``default``)."""
        return not is_default_provider(self.type, self.urn)


@dataclass
class PolicyResult:
    """One policy violation reported during the preview."""

    level: str
    policy: str
    pack: str
    urn: str | None
    message: str


@dataclass
class Review:
    """Everything the summary shows about one preview."""

    stack: str
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    policies: list[PolicyResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    plan_sha256: str | None = None
    plan_path: str | None = None
    engine_counts: dict[str, int] | None = None
    """The engine's own counts (its summary event: what ``pulumi preview`` prints), by step
    operation (``same``, ``create``...), to compare with :meth:`counts`."""

    def counts(self) -> dict[str, int]:
        """The summary's counts by step operation, ``same`` for the unchanged; zeros left out."""
        found = {op: sum(1 for c in self.changes if c.op == op and c.counted) for op in OPERATIONS}
        found["same"] = self.unchanged
        return {op: n for op, n in found.items() if n}

    @property
    def blocked(self) -> bool:
        return bool(self.errors) or any(p.level == "mandatory" for p in self.policies)


def resource_name(urn: str | None) -> str:
    """The logical name at the end of a URN (``urn:pulumi:s::p::type$type::name``)."""
    if not urn:
        return "(stack)"
    return urn.rsplit("::", 1)[-1]


def is_default_provider(type_: str, urn: str) -> bool:
    """A provider the engine made for resources that name none (``default``, ``default_7_1_0``)."""
    return type_.startswith("pulumi:providers:") and resource_name(urn).startswith("default")


def _op(value: Any) -> str:
    return str(getattr(value, "value", value))


def input_changes(old: Any, new: Any, path: str = "") -> list[str]:
    """Paths where two input values differ (maps by key, lists by index), values never kept."""
    if isinstance(old, dict) and isinstance(new, dict):
        found: list[str] = []
        for key in sorted(set(old) | set(new), key=str):
            sub = f"{path}.{key}" if path else str(key)
            if key not in old or key not in new:
                found.append(sub)
            else:
                found += input_changes(old[key], new[key], sub)
        return found
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        found = []
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            found += input_changes(a, b, f"{path}[{i}]")
        return found
    return [] if old == new else [path or "(value)"]


def _properties(meta: auto.StepEventMetadata) -> list[str]:
    """The changed properties of a step: the provider's detailed diff, else its list of changed
    keys, else (providers that report neither, like Python dynamic providers) the input paths
    that differ between the old and new state."""
    detailed = meta.detailed_diff or {}
    changed = sorted(detailed) or sorted(meta.diffs or [])
    if not changed and meta.old is not None and meta.new is not None:
        changed = input_changes(meta.old.inputs or {}, meta.new.inputs or {})
    if meta.op.value == "replace":
        forcing = sorted(
            path for path, d in detailed.items() if _op(d.diff_kind) in REPLACE_KINDS
        ) or sorted(meta.keys or [])
        rest = [p for p in changed if p not in forcing]
        return [f"{p} (forces replacement)" for p in forcing] + rest
    return changed


class EventCollector:
    """Collects the engine events of one preview into a :class:`Review`."""

    def __init__(self, stack: str) -> None:
        self.review = Review(stack=stack)

    def __call__(self, event: auto.EngineEvent) -> None:
        pre = event.resource_pre_event
        if pre is not None:
            meta = pre.metadata
            op = meta.op.value
            if op == "same":
                # Counted as `pulumi preview` counts: the stack too, default providers not.
                if not is_default_provider(meta.type, meta.urn):
                    self.review.unchanged += 1
            elif op in OPERATIONS:
                self.review.changes.append(Change(op, meta.urn, meta.type, _properties(meta)))
        policy = event.policy_event
        if policy is not None:
            self.review.policies.append(
                PolicyResult(
                    level=policy.enforcement_level,
                    policy=policy.policy_name,
                    pack=policy.policy_pack_name,
                    urn=policy.resource_urn,
                    message=policy.message.strip(),
                )
            )
        summary = event.summary_event
        if summary is not None:
            counts = {_op(op): n for op, n in summary.resource_changes.items()}
            self.review.engine_counts = {op: n for op, n in counts.items() if n}
        diag = event.diagnostic_event
        if diag is not None and diag.severity == "error" and not diag.message.startswith("  "):
            text = diag.message.strip()
            if text and text not in self.review.errors:
                self.review.errors.append(text)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.replace("|", "\\|").split())


def render_markdown(review: Review) -> str:
    """The pull-request comment for a preview."""
    lines = [f"### Pulumi preview of stack `{review.stack}`", "", *_summary(review), ""]
    lines += _changes_table(review)
    lines += _policies_table(review)
    if review.errors:
        lines += ["#### Errors", ""]
        lines += [f"- {_cell(e)}" for e in review.errors]
        lines.append("")
    if not review.blocked:
        lines.append(
            "Applying runs `pulumi up --plan` with this plan: anything that differs from it is "
            "refused before it is changed."
        )
    return "\n".join(lines) + "\n"


def _summary(review: Review) -> list[str]:
    """The plan's counts (or why it is blocked), the policy counts and the plan file."""
    counts = review.counts()
    parts = [f"{counts[op]} {VERBS[op]}" for op in OPERATIONS if op in counts]
    parts.append(f"{review.unchanged} unchanged")
    mandatory = sum(1 for p in review.policies if p.level == "mandatory")
    advisory = len(review.policies) - mandatory
    lines = [
        "**Blocked**: this change cannot be applied as it is (see below); no plan was saved."
        if review.blocked
        else f"**Plan**: {', '.join(parts)}.",
        f"**Policies**: {mandatory} mandatory violation(s), {advisory} advisory note(s).",
    ]
    if review.plan_sha256:
        lines.append(f"**Plan file**: `{review.plan_path}` (sha256 `{review.plan_sha256}`).")
    engine = review.engine_counts
    if engine is not None and engine != counts and not review.blocked:
        # Never expected: said rather than hidden, so a reviewer does not trust a wrong count.
        said = ", ".join(f"{n} {VERBS.get(op, 'unchanged')}" for op, n in sorted(engine.items()))
        lines.append(f"**Note**: the engine's own summary (`pulumi preview`) counted {said}.")
    return lines


def _changes_table(review: Review) -> list[str]:
    if not review.changes:
        return ["No resource changes.", ""]
    lines = ["| Operation | Resource | Type | Properties |", "|---|---|---|---|"]
    order = {op: i for i, op in enumerate(OPERATIONS)}
    for c in sorted(review.changes, key=lambda c: (order[c.op], c.urn)):
        props = ", ".join(c.properties) if c.op in ("update", "replace") else ""
        name = f"`{_cell(resource_name(c.urn))}`" + ("" if c.counted else " (not counted)")
        lines.append(f"| {c.op} | {name} | `{c.type}` | {_cell(props)} |")
    lines.append("")
    if not all(c.counted for c in review.changes):
        lines += [
            "The counts are `pulumi preview`'s: Pulumi's default providers (`default...`) are "
            "listed but not counted. The `default` provider of the dynamic Beyond Identity "
            "resources holds the stack settings, so its row names the settings that changed.",
            "",
        ]
    return lines


def _policies_table(review: Review) -> list[str]:
    if not review.policies:
        return []
    lines = [
        "#### Policy results",
        "",
        "| Level | Policy | Resource | Message |",
        "|---|---|---|---|",
    ]
    for p in sorted(review.policies, key=lambda p: (p.level != "mandatory", p.policy, p.urn or "")):
        lines.append(
            f"| {p.level} | `{p.policy}` | `{_cell(resource_name(p.urn))}` | {_cell(p.message)} |"
        )
    return [*lines, ""]


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def select_stack(stack: str, cwd: Path) -> auto.Stack:
    return auto.select_stack(stack_name=stack, work_dir=str(cwd))


def run_preview(
    stack: auto.Stack,
    plan: Path,
    *,
    policy_packs: Sequence[Path] = (),
    policy_pack_configs: Sequence[Path] = (),
    on_output: Callable[[str], None] | None = None,
) -> Review:
    """Preview ``stack`` with the policy packs, saving the plan to ``plan``; never raises for a
    failed preview (the review says why)."""
    collector = EventCollector(stack.name)
    plan.parent.mkdir(parents=True, exist_ok=True)
    plan.unlink(missing_ok=True)
    try:
        stack.preview(
            plan=str(plan.resolve()),
            policy_packs=[str(p.resolve()) for p in policy_packs],
            policy_pack_configs=[str(p.resolve()) for p in policy_pack_configs],
            on_event=collector,
            on_output=on_output,
            color="never",
            diff=True,
        )
    except auto.CommandError as e:
        review = collector.review
        if not review.blocked:
            review.errors.append(_short_error(e))
        plan.unlink(missing_ok=True)
        return review
    review = collector.review
    review.plan_path = str(plan)
    review.plan_sha256 = sha256_file(plan)
    return review


def _short_error(error: auto.CommandError) -> str:
    """The engine's ``error:`` lines of a failed command (each once), else its first 500 chars."""
    lines: list[str] = []
    for line in str(error).splitlines():
        text = line.strip()
        if text.startswith("error:") and text not in lines:
            lines.append(text)
    return "; ".join(lines) if lines else " ".join(str(error).split())[:500]


def run_apply(
    stack: auto.Stack,
    plan: Path,
    *,
    expect_sha256: str | None = None,
    policy_packs: Sequence[Path] = (),
    policy_pack_configs: Sequence[Path] = (),
    on_output: Callable[[str], None] | None = None,
) -> auto.UpResult:
    """``pulumi up --plan`` (with the policy packs again: they judge the resolved values before
    each change); raises ``auto.CommandError`` when the engine refuses a step."""
    if not plan.is_file():
        raise FileNotFoundError(f"no plan file at {plan}: run `review_plan.py preview` first")
    if expect_sha256 is not None and sha256_file(plan) != expect_sha256.lower():
        raise ValueError(
            f"the plan file {plan} is not the one reviewed (sha256 {sha256_file(plan)}, "
            f"expected {expect_sha256})"
        )
    return stack.up(
        plan=str(plan.resolve()),
        policy_packs=[str(p.resolve()) for p in policy_packs],
        policy_pack_configs=[str(p.resolve()) for p in policy_pack_configs],
        on_output=on_output,
        color="never",
    )


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--stack", required=True, help="the stack to review or apply")
    common.add_argument("--cwd", type=Path, default=Path.cwd(), help="the Pulumi project directory")
    common.add_argument("--plan", type=Path, default=Path("review/plan.json"), help="the plan file")
    common.add_argument(
        "--policy-pack", type=Path, action="append", default=None, help="default: policy/"
    )
    common.add_argument("--policy-pack-config", type=Path, action="append", default=[])
    common.add_argument("--no-policy", action="store_true", help="run without any policy pack")
    pv = sub.add_parser("preview", parents=[common], help="save a plan and write the summary")
    pv.add_argument("--summary", type=Path, default=Path("review/summary.md"))
    ap_apply = sub.add_parser("apply", parents=[common], help="apply exactly the reviewed plan")
    ap_apply.add_argument("--expect-sha256", help="refuse a plan file with another hash")
    return ap


def main(argv: Iterable[str] | None = None) -> int:
    args = _parser().parse_args(list(argv) if argv is not None else None)
    repo = Path(__file__).resolve().parent.parent
    try:
        stack = select_stack(args.stack, args.cwd)
    except FileNotFoundError:
        print(
            "error: the Pulumi CLI is not on PATH: install it, or build one with `make engine` "
            'and export PATH="$PWD/.engine/bin:$PATH"',
            file=sys.stderr,
        )
        return 2
    except auto.CommandError as e:
        print(
            f"error: cannot select stack {args.stack!r} in {args.cwd}: {_short_error(e)} "
            f"(`pulumi stack ls` lists the stacks of this backend; `pulumi stack init "
            f"{args.stack}` creates one; offline, the local stack's is `dev`)",
            file=sys.stderr,
        )
        return 2
    packs = [] if args.no_policy else (args.policy_pack or [repo / "policy"])
    configs = [] if args.no_policy else args.policy_pack_config
    if args.command == "preview":
        review = run_preview(stack, args.plan, policy_packs=packs, policy_pack_configs=configs)
        text = render_markdown(review)
        args.summary.parent.mkdir(parents=True, exist_ok=True)
        args.summary.write_text(text, encoding="utf-8")
        print(text)
        return 1 if review.blocked else 0
    try:
        run_apply(
            stack,
            args.plan,
            expect_sha256=args.expect_sha256,
            policy_packs=packs,
            policy_pack_configs=configs,
            on_output=print,
        )
    except (auto.CommandError, FileNotFoundError, ValueError) as e:
        message = _short_error(e) if isinstance(e, auto.CommandError) else str(e)
        print(f"error: the plan was not applied: {message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
