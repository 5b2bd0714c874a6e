"""The engine stays pure: apps/finance never imports Django."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

FINANCE = Path(__file__).resolve().parents[2] / "apps" / "finance"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_finance_package_exists_with_python_files():
    assert list(FINANCE.glob("*.py")), "apps/finance has no modules"


def test_no_finance_module_imports_django():
    offenders = {
        str(path.relative_to(FINANCE)): sorted(
            m for m in _imported_modules(path) if m.split(".")[0] == "django"
        )
        for path in FINANCE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_the_engine_loads_no_django_module():
    # A fresh interpreter: importing apps.finance must not pull Django in indirectly either.
    code = (
        "import sys, importlib, pkgutil, apps.finance as f\n"
        "for m in pkgutil.walk_packages(f.__path__, 'apps.finance.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n == 'django' or n.startswith('django.'))\n"
        "print(','.join(bad))\n"
    )
    root = FINANCE.parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
