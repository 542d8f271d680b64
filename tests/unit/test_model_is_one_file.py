"""Adding a kinetic model is adding one module: API, bridge and benchmarks pick it up.

The test copies the package, drops one toy model file into ``kinetics/models/`` and checks, in a
fresh interpreter that imports the copy, that every consumer sees the model without any other
edit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from esoreview.kinetics.models import REQUIRED, discover

ROOT = Path(__file__).resolve().parents[2]

TOY = '''"""Exponential decay: the smallest model a widget can draw."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..parameters import build_params, param
from ..piecewise import Segment, even_times, integrate_segments
from ..results import model_result, series

NAME = "toy_decay"
TITLE = "Toy decay"
CITATION_KEY = "kuznetsov1994nonlinear"
SOURCE = {"fact": "none: a test model"}
TIME_UNIT = "h"


@dataclass(frozen=True)
class ToyParams:
    rate: float = param(0.5, label="Rate", unit="1/h", min=0.01, max=5.0, illustrative=True)


PARAMS = ToyParams
INITIAL = {"x0": {"label": "Start", "unit": "a.u.", "min": 0.0, "max": 10.0, "default": 1.0}}
PRESETS: dict[str, dict[str, Any]] = {}
DEFAULT_T_END = 10.0
MAX_T_END = 100.0
PLOT: dict[str, Any] = {"log_units": ["a.u."], "log_floor": 0.001}


def rhs(t, y, p):
    return [-p.rate * y[0]]


def simulate(params=None, t_end=DEFAULT_T_END, n_points=11, *, x0=1.0, max_steps=10_000):
    p = params or ToyParams()
    times = even_times(t_end, n_points)
    res = integrate_segments(
        [Segment(0.0, times[-1], lambda t, y: rhs(t, y, p))], [float(x0)], times,
        rtol=1e-8, atol=1e-10, max_steps=max_steps,
    )
    return model_result(
        model=NAME, params=p, citation_key=CITATION_KEY, success=res.success, message="ok",
        time_unit=TIME_UNIT, times=res.t, series_by_name={"x": series("x", "a.u.", res.y[0])},
        summary={},
    )


def build(values=None):
    return build_params(ToyParams, values)


def solver_case():
    p = ToyParams()
    return {"fun": lambda t, y: rhs(t, y, p), "t_end": 5.0, "y0": [1.0], "rtol": 1e-8,
            "atol": 1e-10}
'''

PROBE = """
import json, sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[2])
from esoreview import browser
from esoreview.kinetics import api
import models as bench  # benchmarks/models.py
d = api.describe("toy_decay")
r = api.run("toy_decay", {"rate": 1.0}, {"initial": {"x0": 2.0}})
reply = json.loads(browser.call("kinetics.api", "run", json.dumps({"model": "toy_decay"})))
print(json.dumps({
    "names": api.model_names(),
    "plot": d["plot"],
    "t_max": d["options"]["t_end"]["max"],
    "end": r["series"]["x"]["values"][-1],
    "bridge_ok": reply["ok"],
    "bench": [c["name"] for c in bench.cases()],
}))
"""


@pytest.mark.skipif(sys.platform == "emscripten", reason="Pyodide cannot start a subprocess")
def test_a_toy_model_file_is_all_it_takes(tmp_path: Path) -> None:
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT / "src" / "esoreview",
        copy / "esoreview",
        ignore=shutil.ignore_patterns("__pycache__", "site", "*.egg-info"),
    )
    (copy / "esoreview" / "kinetics" / "models" / "toy_decay.py").write_text(TOY)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = subprocess.run(
        [sys.executable, "-c", PROBE, str(copy), str(ROOT / "benchmarks")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert "toy_decay" in seen["names"] and "toy_decay" in seen["bench"]
    assert seen["plot"] == {"log_units": ["a.u."], "log_floor": 0.001}
    assert seen["t_max"] == 100.0
    assert seen["end"] == pytest.approx(2.0 * 2.718281828459045**-10.0, rel=1e-6)
    assert seen["bridge_ok"] is True


def test_a_model_missing_a_declaration_is_refused_with_its_file(tmp_path: Path) -> None:
    package = tmp_path / "fakemodels"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "half_done.py").write_text('NAME = "half_done"\nTITLE = "Half done"\n')
    sys.path.insert(0, str(tmp_path))
    try:
        with pytest.raises(ImportError, match=r"half_done\.py: a kinetic model must define"):
            discover("fakemodels", [str(package)])
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m.startswith("fakemodels")]:
            del sys.modules[name]


def test_every_shipped_model_declares_everything() -> None:
    from esoreview.kinetics.models import MODELS

    for module in MODELS.values():
        assert all(hasattr(module, name) for name in REQUIRED), module.__file__
        case = module.solver_case()
        assert len(case["fun"](0.0, case["y0"])) == len(case["y0"])
