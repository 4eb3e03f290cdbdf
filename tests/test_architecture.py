"""The layout keeps its promises: one write path, layers that point one way, pages that only
render, modules small enough to read. These tests read the source (AST), so a change that
breaks a rule fails here with the file and line, before a reviewer has to spot it."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 700

# Where rows of the application's tables may be written: the service layer, and the ledger's
# maintenance of its two derived tables (increments and reconciliation warnings), which only
# the services call after they write entries.
WRITERS = ("tracker/services/",)
DERIVED_WRITERS = {
    "tracker/ledger/effects.py": "EFF",
    "tracker/ledger/warnings.py": "ReconciliationWarning",
}
SQL_VERBS = ("INSERT", "UPDATE", "DELETE", "TRUNCATE", "REPLACE")

# Which tracker subpackages each layer may import (besides itself and the leaf modules db,
# settings, resources, i18n). Data flows one way: domain <- ledger <- queries / services <-
# io, extract, cli, dashboards.
LEAVES = {"db", "settings", "resources", "i18n"}
ALLOWED = {
    "domain": set(),
    "i18n": {"domain"},
    "ledger": {"domain"},
    "queries": {"domain", "ledger"},
    "services": {"domain", "ledger", "io"},
    "io": {"domain", "ledger", "queries", "services"},
    "extract": {"domain"},
    "cli": {"domain", "ledger", "queries", "services", "io", "extract"},
}


def python_files(*folders: str) -> Iterator[Path]:
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported_modules(module: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def writes(module: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, what) of every statement-building call that writes rows: insert/update/delete
    constructs, ORM session writes, and SQL text with a writing verb."""
    for node in ast.walk(module):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        owner = func.value if isinstance(func, ast.Attribute) else None
        owner_name = getattr(owner, "id", getattr(owner, "attr", ""))
        if name in ("insert", "update", "delete") and owner_name in ("sa", "sqlalchemy", ""):
            yield node.lineno, f"{name}({ast.unparse(node.args[0]) if node.args else ''})"
        elif name in ("add", "add_all", "merge", "delete") and "session" in owner_name.lower():
            yield node.lineno, f"session.{name}"
        for arg in node.args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                verb = arg.value.lstrip().split(" ", 1)[0].upper()
                if verb in SQL_VERBS:
                    yield node.lineno, f"SQL {verb}"


def test_every_write_of_application_rows_goes_through_the_services() -> None:
    outside = []
    for path in python_files("tracker", "dashboards"):
        name = rel(path)
        if name.startswith(WRITERS):
            continue
        for line, what in writes(tree(path)):
            derived = DERIVED_WRITERS.get(name)
            if derived and derived in what:
                continue
            outside.append(f"{name}:{line} {what}")
    assert outside == []


def test_the_write_scan_sees_the_writes_it_is_meant_to_refuse() -> None:
    # The scanner itself, on a sample: a page that inserts, updates, adds and runs SQL text.
    sample = ast.parse(
        "sa.insert(T)\nsession.add(row)\nconn.execute(sa.text('DELETE FROM x'))\n"
        "session.execute('UPDATE donor SET name = 1')\nvalues.add(3)\n"
    )
    assert sorted(what for _, what in writes(sample)) == [
        "SQL DELETE",
        "SQL UPDATE",
        "insert(T)",
        "session.add",
    ]


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below_it(layer: str) -> None:
    allowed = ALLOWED[layer] | LEAVES | {layer}
    wrong = []
    for path in python_files(f"tracker/{layer}"):
        for line, module in imported_modules(tree(path)):
            parts = module.split(".")
            if (
                parts[0] == "tracker"
                and len(parts) > 1
                and parts[1] not in allowed
                and ((ROOT / "tracker" / parts[1]).is_dir() or parts[1] in ALLOWED)
            ):
                wrong.append(f"{rel(path)}:{line} imports {module}")
            if parts[0] == "dashboards":
                wrong.append(f"{rel(path)}:{line} imports {module}")
    assert wrong == []


def test_pages_neither_build_sql_nor_manage_transactions() -> None:
    # Widgets may hold the engine and name the database's errors (entry_widgets.save reports
    # them); pages import no SQL at all, and nothing in dashboards/ commits or runs a statement.
    found = []
    for path in python_files("dashboards"):
        module = tree(path)
        for line, imported in imported_modules(module):
            if imported.split(".")[0] == "sqlalchemy" and "/app_pages/" in rel(path):
                found.append(f"{rel(path)}:{line} imports {imported}")
        for node in ast.walk(module):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("commit", "rollback", "execute", "exec", "begin")
            ):
                found.append(f"{rel(path)}:{node.lineno} calls .{node.func.attr}()")
    assert found == []


def test_pages_import_shared_widgets_as_a_package_not_through_sys_path() -> None:
    tricks = [
        f"{rel(path)}:{node.lineno}"
        for path in python_files("dashboards", "tests")
        for node in ast.walk(tree(path))
        if isinstance(node, ast.Attribute)
        and node.attr in ("insert", "append")
        and ast.unparse(node.value) == "sys.path"
    ]
    assert tricks == []


def test_no_module_is_longer_than_a_reader_can_hold() -> None:
    long = {
        rel(path): lines
        for path in python_files("tracker", "dashboards")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_formatting_is_left_to_the_formatter() -> None:
    skips = [
        f"{rel(path)}:{number}"
        for path in python_files("tracker", "dashboards", "tests", "bench")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "fmt: " + "skip" in line or "fmt: " + "off" in line
    ]
    assert skips == []
