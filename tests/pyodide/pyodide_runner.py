"""A tiny test runner for Pyodide, where pytest and hypothesis are not installed.

``run_in_pyodide.mjs`` executes this file inside Pyodide and calls :func:`run` with test module
paths. Before importing them it installs small stand-ins for the parts of pytest that plain
assertion tests use -- ``raises``, ``approx``, ``mark.parametrize``, ``param``, ``skip``,
``importorskip`` and the ``tmp_path`` fixture -- and a ``hypothesis`` whose ``@given`` marks a
test as skipped. Anything needing more (other fixtures, scipy, hypothesis) is skipped and
counted with its reason, never silently dropped. Standard library only; runs in CPython too.
"""

from __future__ import annotations

import importlib.util
import inspect
import itertools
import math
import re
import sys
import tempfile
import traceback
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class Skipped(Exception):
    """Raised to skip the current test (or module) with a reason."""


class Failed(AssertionError):
    """Raised by ``pytest.fail``."""


# --- pytest stand-in ---------------------------------------------------------------------------


class _Param:
    def __init__(self, *values: Any, id: str | None = None, marks: Any = ()) -> None:
        self.values = values
        self.id = id


class _Approx:
    def __init__(self, expected: Any, rel: float | None = None, abs: float | None = None) -> None:
        self.expected = expected
        self.rel = 1e-6 if rel is None and abs is None else (rel or 0.0)
        self.abs = 1e-12 if abs is None else abs

    def _close(self, actual: Any, expected: Any) -> bool:
        if isinstance(expected, bool) or not isinstance(expected, int | float):
            return actual == expected
        if not isinstance(actual, int | float):
            return False
        if math.isinf(expected) or math.isnan(expected):
            return actual == expected
        return math.fabs(actual - expected) <= max(self.rel * math.fabs(expected), self.abs)

    def __eq__(self, actual: object) -> bool:
        expected = self.expected
        if isinstance(expected, dict):
            return (
                isinstance(actual, dict)
                and actual.keys() == expected.keys()
                and all(self._close(actual[k], v) for k, v in expected.items())
            )
        if isinstance(expected, list | tuple):
            return (
                isinstance(actual, list | tuple)
                and len(actual) == len(expected)
                and all(self._close(a, e) for a, e in zip(actual, expected, strict=True))
            )
        return self._close(actual, expected)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"approx({self.expected!r}, rel={self.rel}, abs={self.abs})"


class _RaisesInfo:
    value: BaseException | None = None
    type: type[BaseException] | None = None


@contextmanager
def _raises(expected: Any, *, match: str | None = None) -> Iterator[_RaisesInfo]:
    info = _RaisesInfo()
    try:
        yield info
    except expected as exc:
        info.value, info.type = exc, type(exc)
        if match is not None and not re.search(match, str(exc)):
            raise AssertionError(f"{str(exc)!r} does not match {match!r}") from exc
        return
    raise AssertionError(f"DID NOT RAISE {expected}")


class _MissingModule:
    """Stands in for an optional module: the test that touches it is skipped, not the module."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        raise Skipped(f"needs {self._name}, which Pyodide does not ship")


def _importorskip(name: str, *args: Any, **kwargs: Any) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return _MissingModule(name)


def _skip(reason: str = "") -> None:
    raise Skipped(reason)


def _fail(reason: str = "") -> None:
    raise Failed(reason)


def _fixture(function: Callable | None = None, **kwargs: Any) -> Any:
    def mark(f: Callable) -> Callable:
        f._pyodide_fixture = True  # type: ignore[attr-defined]
        return f

    return mark(function) if function is not None else mark


def _parametrize(argnames: Any, argvalues: Any, **kwargs: Any) -> Callable:
    names = (
        [n.strip() for n in argnames.split(",") if n.strip()]
        if isinstance(argnames, str)
        else list(argnames)
    )
    rows = []
    for value in argvalues:
        if isinstance(value, _Param):
            rows.append(tuple(value.values))
        elif len(names) == 1:
            rows.append((value,))
        else:
            rows.append(tuple(value))

    def decorate(function: Callable) -> Callable:
        layers = getattr(function, "_pyodide_parametrize", [])
        function._pyodide_parametrize = [(names, rows), *layers]  # type: ignore[attr-defined]
        return function

    return decorate


def _skipif(condition: Any, *, reason: str = "") -> Callable:
    def decorate(function: Callable) -> Callable:
        if condition:
            function._pyodide_skip = reason or "skipif"  # type: ignore[attr-defined]
        return function

    return decorate


class _Mark:
    parametrize = staticmethod(_parametrize)
    skipif = staticmethod(_skipif)

    @staticmethod
    def skip(function: Callable | None = None, *, reason: str = "skip") -> Any:
        decorate = _skipif(True, reason=reason)
        return decorate(function) if function is not None else decorate

    def __getattr__(self, name: str) -> Callable:
        # Custom marks (slow, browser, ...) only label tests; they change nothing here.
        def mark(*args: Any, **kwargs: Any) -> Any:
            if len(args) == 1 and callable(args[0]) and not kwargs:
                return args[0]
            return lambda function: function

        return mark


def _pytest_module() -> types.ModuleType:
    module = types.ModuleType("pytest")
    module.raises = _raises
    module.approx = _Approx
    module.param = _Param
    module.skip = _skip
    module.fail = _fail
    module.importorskip = _importorskip
    module.fixture = _fixture
    module.mark = _Mark()
    return module


# --- hypothesis stand-in -----------------------------------------------------------------------


def _given(*args: Any, **kwargs: Any) -> Callable:
    def decorate(function: Callable) -> Callable:
        function._pyodide_skip = "property test (hypothesis is not in Pyodide)"  # type: ignore[attr-defined]
        return function

    return decorate


def _settings(*args: Any, **kwargs: Any) -> Any:
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return args[0]
    return lambda function: function


class _Inert:
    """Any strategy expression (``st.lists(st.integers()).map(f)``, ``@st.composite``): built at
    decoration time and never drawn from, because the tests using them are skipped."""

    def __call__(self, *args: Any, **kwargs: Any) -> _Inert:
        return self

    def __getattr__(self, name: str) -> _Inert:
        return self

    def __or__(self, other: object) -> _Inert:
        return self


class _Strategies(types.ModuleType):
    def __getattr__(self, name: str) -> _Inert:
        return _Inert()


def _hypothesis_modules() -> dict[str, types.ModuleType]:
    strategies = _Strategies("hypothesis.strategies")
    hypothesis = types.ModuleType("hypothesis")
    hypothesis.given = _given
    hypothesis.settings = _settings
    hypothesis.assume = lambda condition: None
    hypothesis.example = lambda *a, **k: lambda function: function
    hypothesis.strategies = strategies
    return {"hypothesis": hypothesis, "hypothesis.strategies": strategies}


# --- runner ------------------------------------------------------------------------------------


def install_stand_ins() -> None:
    """Register the stand-ins unless the real packages are importable (plain CPython)."""
    sys.modules.setdefault("pytest", _pytest_module())
    for name, module in _hypothesis_modules().items():
        sys.modules.setdefault(name, module)


def _cases(function: Callable) -> list[tuple[str, dict[str, Any]]]:
    layers = getattr(function, "_pyodide_parametrize", [])
    if not layers:
        return [("", {})]
    cases = []
    for combo in itertools.product(*[list(enumerate(rows)) for _, rows in layers]):
        kwargs: dict[str, Any] = {}
        ids = []
        for (names, _), (index, row) in zip(layers, combo, strict=True):
            kwargs.update(zip(names, row, strict=True))
            ids.append(str(index))
        cases.append(("[" + "-".join(ids) + "]", kwargs))
    return cases


def _run_case(function: Callable, kwargs: dict[str, Any]) -> tuple[str, str]:
    """Return (outcome, detail) with outcome one of passed, failed, skipped."""
    reason = getattr(function, "_pyodide_skip", None)
    if reason:
        return "skipped", reason
    wanted = [name for name in inspect.signature(function).parameters if name not in kwargs]
    missing = [name for name in wanted if name != "tmp_path"]
    if missing:
        return "skipped", f"needs pytest fixture(s) {', '.join(missing)}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            if "tmp_path" in wanted:
                kwargs = {**kwargs, "tmp_path": Path(tmp)}
            function(**kwargs)
    except Skipped as skip:
        return "skipped", str(skip)
    except Exception:
        return "failed", traceback.format_exc()
    return "passed", ""


def _load(path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def run(paths: list[str]) -> dict[str, Any]:
    """Import each test module and run its ``test_*`` functions; return counts and details."""
    install_stand_ins()
    report: dict[str, Any] = {"passed": 0, "failed": 0, "skipped": 0, "failures": [], "skips": {}}

    def record(name: str, outcome: str, detail: str) -> None:
        report[outcome] += 1
        if outcome == "failed":
            report["failures"].append({"test": name, "detail": detail})
        elif outcome == "skipped":
            report["skips"][detail] = report["skips"].get(detail, 0) + 1

    for raw in paths:
        path = Path(raw)
        try:
            module = _load(path)
        except Skipped as skip:
            record(path.name, "skipped", f"whole module: {skip}")
            continue
        except Exception:
            record(path.name, "failed", traceback.format_exc())
            continue
        for name, function in vars(module).items():
            if not (name.startswith("test_") and inspect.isfunction(function)):
                continue
            for suffix, kwargs in _cases(function):
                record(f"{path.name}::{name}{suffix}", *_run_case(function, kwargs))
    return report
