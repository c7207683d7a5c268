"""The shape of the code, held by tests: thin views, typed seams, one place for refusals.

These read the source (no Django needed) and name every offender, so a failure says what to fix.
See docs/how-a-request-flows.md for the shape they protect.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEDIATION = ROOT / "mediation"

MAX_VIEW_LINES = 40
MAX_FUNCTION_LINES = 60


def _source_files() -> Iterator[Path]:
    for path in sorted(MEDIATION.rglob("*.py")):
        parts = path.relative_to(MEDIATION).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def _functions(path: Path) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _length(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from the `def` to the end of the body (decorators and docstring included)."""
    assert node.end_lineno is not None
    return node.end_lineno - node.lineno + 1


def _is_view_module(path: Path) -> bool:
    return path.name == "views.py" or path.name.endswith("_views.py")


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"


def test_no_view_function_is_longer_than_40_lines() -> None:
    long = [
        f"{_where(path, fn)} {fn.name} ({_length(fn)} lines)"
        for path in _source_files()
        if _is_view_module(path)
        for fn in _functions(path)
        if _length(fn) > MAX_VIEW_LINES
    ]
    assert not long, "Views over 40 lines (move the work to a presenter or service):\n" + "\n".join(
        long
    )


def test_no_function_outside_the_rules_is_longer_than_60_lines() -> None:
    long = [
        f"{_where(path, fn)} {fn.name} ({_length(fn)} lines)"
        for path in _source_files()
        if "rules" not in path.relative_to(MEDIATION).parts
        for fn in _functions(path)
        if _length(fn) > MAX_FUNCTION_LINES
    ]
    assert not long, "Functions over 60 lines:\n" + "\n".join(long)


def _mentions_any(annotation: ast.expr | None) -> bool:
    if annotation is None:
        return False
    return any(
        (isinstance(node, ast.Name) and node.id == "Any")
        or (isinstance(node, ast.Attribute) and node.attr == "Any")
        or (isinstance(node, ast.Constant) and isinstance(node.value, str) and "Any" in node.value)
        for node in ast.walk(annotation)
    )


def _is_seam(path: Path) -> bool:
    rel = path.relative_to(MEDIATION)
    return path.name in {"services.py", "selectors.py"} or rel.parts[0] == "policy"


def test_services_selectors_and_policy_rules_take_no_any() -> None:
    """A signature is a contract: `Any` there lets a wrong object through unnoticed."""
    loose = []
    for path in _source_files():
        if not _is_seam(path):
            continue
        for fn in _functions(path):
            args = fn.args
            params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
            params += [a for a in (args.vararg, args.kwarg) if a is not None]
            bad = [p.arg for p in params if _mentions_any(p.annotation)]
            if _mentions_any(fn.returns):
                bad.append("return")
            if bad:
                loose.append(f"{_where(path, fn)} {fn.name}: {', '.join(bad)}")
    assert not loose, "Any in a service, selector or policy signature:\n" + "\n".join(loose)


# The view skeleton (mediation/core/actions.py) is where a page catches a service's refusal; the
# middleware catches what escapes. Nowhere else.
REFUSAL_HANDLERS = {"mediation/core/actions.py", "mediation/core/middleware.py"}


def test_refusals_are_caught_only_by_the_view_skeleton() -> None:
    caught = []
    for path in _source_files():
        rel = str(path.relative_to(ROOT))
        if rel in REFUSAL_HANDLERS:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                names = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)}
                if names & {"ApplicationError", "ConflictError"}:
                    caught.append(_where(path, node))
    assert not caught, "Catch refusals with mediation.core.actions, not by hand:\n" + "\n".join(
        caught
    )


def test_no_copied_case_loaders() -> None:
    """One loader for the case a page is about: mediation.cases.access.case_or_404."""
    copies = [
        _where(path, fn)
        for path in _source_files()
        for fn in _functions(path)
        if fn.name in {"_case_or_404", "_case"} and _is_view_module(path)
    ]
    assert not copies, "Use mediation.cases.access.case_or_404:\n" + "\n".join(copies)


HAND_WRITTEN = re.compile(r'<(table|dl) class="govuk-(table|summary-list)')


def test_tables_and_summary_lists_come_from_their_macros() -> None:
    """govukTable and govukSummaryList draw these; raw markup drifts from the Design System."""
    raw = []
    for path in sorted(MEDIATION.rglob("*.html")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if HAND_WRITTEN.search(line):
                raw.append(f"{path.relative_to(ROOT)}:{number}")
    assert not raw, "Use govukTable / govukSummaryList:\n" + "\n".join(raw)
