"""esoreview.browser: the JSON door the Pyodide worker calls, tested in CPython."""

from __future__ import annotations

import dataclasses
import enum
import json
import math
import sys
import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esoreview import browser
from esoreview.jsonsafe import to_json_value

PT1A = {
    "histology": "squamous",
    "classification": "pathological",
    "t": "T1a",
    "n": "N0",
    "m": "M0",
    "grade": "G1",
}


def reply(module: str, function: str, kwargs: object) -> dict:
    text = kwargs if isinstance(kwargs, str) else json.dumps(kwargs)
    return json.loads(browser.call(module, function, text))


@pytest.fixture
def fake_module(monkeypatch):
    """An allowlisted module ``fake`` whose functions the test defines."""
    module = types.ModuleType("fake_models")
    module.__all__ = ["echo", "boom", "nan", "opaque"]
    module.echo = lambda **kwargs: kwargs
    module.boom = lambda: 1 / 0
    module.nan = lambda: {"value": float("nan")}
    module.opaque = lambda: object()
    module.hidden = lambda: "not in __all__"
    monkeypatch.setitem(sys.modules, "fake_models", module)
    monkeypatch.setitem(browser.ALLOWED_MODULES, "fake", "fake_models")
    return module


def test_stage_returns_the_result_dict_with_its_description():
    answer = reply("staging", "stage", PT1A)
    assert answer["ok"] is True
    assert answer["value"]["group"] == "IA"
    assert answer["value"]["description"].endswith("→ IA.")


def test_tables_are_passed_through_as_json():
    answer = reply("staging", "tables", {"edition": 8})
    assert [t["id"] for t in answer["value"]["tables"]][:1] == ["ajcc8-clinical-squamous"]


def test_kinetics_api_is_reachable():
    answer = reply("kinetics.api", "model_names", {})
    assert answer["ok"] is True
    assert "tumour_immune" in answer["value"]


def test_staging_error_keeps_field_and_allowed_values_without_traceback():
    answer = reply("staging", "stage", {**PT1A, "t": "T9"})
    error = answer["error"]
    assert answer["ok"] is False
    assert error["type"] == "StagingError"
    assert error["field"] == "t"
    assert "T1a" in error["allowed"]
    assert error["message"].startswith("t: 'T9' is not valid")
    assert "traceback" not in error


def test_unknown_keyword_is_reported_as_a_field_error():
    error = reply("staging", "stage", {**PT1A, "stage": "IV"})["error"]
    assert error["type"] == "StagingError"
    assert error["field"] == "stage" and "is not a known field" in error["message"]
    assert "traceback" not in error


@pytest.mark.parametrize(
    ("module", "function", "fragment"),
    [
        (
            "os",
            "getcwd",
            "not available in the browser; allowed: kinetics.api, metaanalysis, staging",
        ),
        ("staging.engine", "stage", "not available in the browser"),
        ("staging", "_normalise", "not a public function"),
        ("staging", "canonical", "not a public function"),
        ("staging", "StageResult", "has no function 'StageResult'"),
        ("kinetics.api", "MAX_STEPS", "has no function 'MAX_STEPS'"),
    ],
)
def test_only_public_functions_of_allowed_modules_run(module, function, fragment):
    error = reply(module, function, {})["error"]
    assert error["type"] == "BridgeError"
    assert fragment in error["message"]


@pytest.mark.parametrize(
    ("kwargs_json", "fragment"),
    [("{not json", "not valid JSON"), ("[1, 2]", "must be a JSON object, not list")],
)
def test_kwargs_must_be_one_json_object(kwargs_json, fragment):
    error = reply("staging", "stage", kwargs_json)["error"]
    assert error["type"] == "BridgeError"
    assert fragment in error["message"]


def test_unexpected_exception_carries_a_traceback(fake_module):
    error = reply("fake", "boom", {})["error"]
    assert error["type"] == "ZeroDivisionError"
    assert "Traceback" in error["traceback"]


def test_names_outside_dunder_all_are_refused(fake_module):
    assert "not a public function" in reply("fake", "hidden", {})["error"]["message"]


def test_non_finite_numbers_reach_the_page_as_null(fake_module):
    # The one rule of esoreview.jsonsafe: the page gets null where a notebook sees None.
    assert reply("fake", "nan", {}) == {"ok": True, "value": {"value": None}}


def test_objects_without_a_json_form_are_refused(fake_module):
    assert "cannot be converted to JSON" in reply("fake", "opaque", {})["error"]["message"]


def test_kwargs_arrive_as_python_values(fake_module):
    kwargs = {"n": 3, "x": 2.5, "flag": True, "items": [1, "a"], "none": None}
    assert reply("fake", "echo", kwargs) == {"ok": True, "value": kwargs}


class Colour(enum.Enum):
    RED = "red"


@dataclasses.dataclass
class Point:
    x: float
    tags: tuple[str, ...]


class WithToDict:
    def to_dict(self) -> dict:
        return {"kind": "own"}


def test_to_json_value_converts_model_types():
    assert to_json_value(Colour.RED) == "red"
    assert to_json_value(Point(1.5, ("a", "b"))) == {"x": 1.5, "tags": ["a", "b"]}
    assert to_json_value({1: {"b", "a"}}) == {"1": ["a", "b"]}
    assert to_json_value([WithToDict()]) == [{"kind": "own"}]


FLOATS = st.floats(allow_nan=True, allow_infinity=True)


@settings(max_examples=200, deadline=None)
@given(values=st.lists(FLOATS, max_size=30), as_tuple=st.booleans())
def test_float_lists_convert_exactly_with_null_for_non_finite_values(values, as_tuple):
    value = tuple(values) if as_tuple else values
    converted = to_json_value({"series": value})
    assert converted == {"series": [v if math.isfinite(v) else None for v in values]}
    # Strict JSON (what JSON.parse accepts) round-trips it unchanged.
    assert json.loads(json.dumps(converted, allow_nan=False)) == converted


def test_numbers_that_are_not_plain_floats_keep_their_meaning():
    class Level(float, enum.Enum):
        LOW = 0.5

    assert to_json_value([Level.LOW, 1, True, None, "x"]) == [0.5, 1, True, None, "x"]
    assert to_json_value([1.0, 2]) == [1.0, 2]


def test_warm_up_makes_every_widget_call_and_reports_failures(monkeypatch):
    # The build runs it before the Pyodide memory snapshot (esoreview.site.snapshot).
    from esoreview.kinetics.api import model_names

    made = []
    real_call = browser.call
    monkeypatch.setattr(browser, "call", lambda m, f, k: made.append((m, f)) or real_call(m, f, k))
    assert browser.warm_up() == []
    assert ("staging", "stage") in made and ("metaanalysis", "explore") in made
    assert made.count(("kinetics.api", "run")) == len(model_names())
    bad = (("staging", "stage", {"t": "T9"}),)
    monkeypatch.setattr(browser, "WARM_UP_CALLS", bad)
    failed = browser.warm_up()
    assert len(failed) == 1 and failed[0].startswith("staging.stage: ")
