"""The house rules a linter cannot see: the engine loads no Django even indirectly, and no code
of ours overrides or reaches into a library's private (underscore) methods.

Which app may import which is checked by import-linter (pyproject.toml), in `make test`.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys
from pathlib import Path

FINANCE = Path(__file__).resolve().parents[2] / "apps" / "finance"


def test_finance_package_exists_with_python_files():
    assert list(FINANCE.glob("*.py")), "apps/finance has no modules"


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


APPS = FINANCE.parent


def _our_modules() -> list[str]:
    return [
        ".".join(path.relative_to(APPS.parent).with_suffix("").parts)
        for path in APPS.rglob("*.py")
        if "migrations" not in path.parts
    ]


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _written_here(value: object, module: str) -> bool:
    """A method (plain, class or static) or property whose code is in `module`."""
    function = getattr(value, "__func__", None) or getattr(value, "fget", None) or value
    return inspect.isfunction(function) and function.__module__ == module


def test_no_class_of_ours_overrides_a_librarys_private_method():
    overridden = []
    for name in _our_modules():
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != name:
                continue
            theirs = [b for b in cls.__mro__[1:] if not b.__module__.startswith("apps.")]
            overridden += [
                f"{name}.{cls.__name__}.{attr}"
                for attr, value in vars(cls).items()
                if _private(attr)
                and _written_here(value, name)
                and any(attr in vars(base) for base in theirs)
            ]
    assert overridden == []


def test_no_code_of_ours_calls_private_methods_on_other_objects():
    # self._x and cls._x are our own; anything else (super()._x, form._errors) is someone's
    # internals.
    calls = []
    for path in APPS.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Attribute) and _private(node.attr)):
                continue
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue
            calls.append(f"{path.relative_to(APPS)}:{node.lineno} .{node.attr}")
    assert calls == []


# A citation a newcomer's clone can follow: nothing names the team's notes outside the repository
# (sources are cited by their key in content/sources.yaml, worked examples by
# docs/worked-examples.md). The name is built so that this file does not hold it either.
OUTSIDE_NOTES = ("FACTS" + ".md", "../" + "shared")


def test_no_tracked_file_cites_a_file_outside_the_repository():
    root = APPS.parent
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    citing = []
    for name in filter(None, tracked):
        path = root / name
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images and fonts cite nothing
        citing += [name for needle in OUTSIDE_NOTES if needle in text]
    assert tracked and citing == []


def test_the_worked_examples_the_tests_cite_are_in_the_repository():
    assert (APPS.parent / "docs" / "worked-examples.md").is_file()
