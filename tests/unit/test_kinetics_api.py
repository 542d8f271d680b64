"""The JSON-in/JSON-out API the browser widgets call."""

from __future__ import annotations

import inspect
import json

import pytest

from esoreview.kinetics import api
from esoreview.kinetics.models import MODELS

MODEL_NAMES = api.model_names()


def test_the_five_models_are_registered_in_module_name_order():
    assert MODEL_NAMES == [
        "circulating_cells",
        "fluorouracil_pk",
        "receptor_binding",
        "tumour_immune",
        "tumour_nk_cd8",
    ]


@pytest.mark.parametrize("model", MODEL_NAMES)
def test_describe_gives_slider_metadata_and_presets(model):
    d = api.describe(model)
    json.dumps(d, allow_nan=False)
    assert d["name"] == model and d["citation_key"] and d["time_unit"]
    for spec in d["parameters"]:
        assert {
            "name",
            "label",
            "unit",
            "default",
            "min",
            "max",
            "step",
            "illustrative",
            "citation_key",
            "scale",
        } <= set(spec)
        assert spec["min"] <= spec["default"] <= spec["max"]
    assert d["presets"]
    for preset in d["presets"].values():
        assert preset["label"]
        assert set(preset["params"]) <= {s["name"] for s in d["parameters"]}
        assert set(preset["initial"]) <= {s["name"] for s in d["initial"]}


@pytest.mark.parametrize("model", MODEL_NAMES)
def test_default_run_is_json_and_has_series_with_units(model):
    res = api.run(model, {}, {})
    text = json.dumps(res, allow_nan=False)
    assert json.loads(text) == res
    assert res["success"] is True and res["model"] == model
    n = len(res["time"]["values"])
    assert n > 1
    for s in res["series"].values():
        assert len(s["values"]) == n and "unit" in s and s["label"]
    assert res["summary"]


@pytest.mark.parametrize("model", MODEL_NAMES)
def test_every_preset_runs(model):
    for name in api.describe(model)["presets"]:
        res = api.run(model, {}, {"preset": name, "n_points": 51})
        assert res["success"], (model, name, res["message"])


def test_preset_then_explicit_values_override():
    res = api.run("tumour_immune", {"blockade": 0.0}, {"preset": "blockade", "t_end": 300.0})
    assert res["parameters"]["suppression"] == 1.0 and res["parameters"]["blockade"] == 0.0
    assert res["summary"]["outcome"]["value"].startswith("escaped")
    assert res["illustrative"] == ["suppression", "blockade"]


def test_initial_conditions_and_output_grid_options():
    res = api.run(
        "tumour_immune", {}, {"initial": {"tumour0": 300.0}, "t_end": 50.0, "n_points": 11}
    )
    assert res["time"]["values"] == pytest.approx([5.0 * k for k in range(11)])
    assert res["series"]["tumour"]["values"][0] == 300.0


@pytest.mark.parametrize(
    ("model", "params", "options", "match"),
    [
        ("tumour_growth", {}, {}, "unknown model 'tumour_growth'; available models: circ"),
        ("tumour_immune", {"gamma": 1.0}, {}, "unknown parameter.*'gamma'.*known parameters"),
        (
            "tumour_immune",
            {"beta": 0.5},
            {},
            r"'beta' = 0.5 is outside the allowed range \[0.0005, 0.02\]",
        ),
        ("tumour_immune", {"suppression": -1}, {}, r"'suppression' = -1 is outside"),
        ("circulating_cells", {"efficiency": True}, {}, "'efficiency' must be a number"),
        ("tumour_immune", {}, {"t_end": -5}, r"'t_end' = -5 is outside the allowed range"),
        ("tumour_immune", {}, {"t_end": 1e6}, "'t_end'"),
        ("tumour_immune", {}, {"n_points": 1}, "'n_points' = 1"),
        ("tumour_immune", {}, {"n_points": 10.5}, "'n_points'"),
        ("tumour_immune", {}, {"colour": "red"}, "unknown option.*'colour'"),
        ("tumour_immune", {}, {"preset": "cure"}, "unknown preset 'cure'.*dormancy"),
        ("tumour_immune", {}, {"initial": {"tumour9": 1}}, "unknown initial condition.*tumour9"),
        ("tumour_immune", {}, {"initial": {"tumour0": 5000}}, r"'tumour0' = 5000 is outside"),
        ("receptor_binding", {}, {"initial": {"complex0": 5.0}}, "'complex0' = 5.0"),
        ("fluorouracil_pk", {}, {"initial": {"x": 1}}, "known: none"),
    ],
)
def test_bad_input_raises_value_error_naming_it(model, params, options, match):
    with pytest.raises(ValueError, match=match):
        api.run(model, params, options)


def test_runaway_simulation_returns_a_friendly_failure_quickly():
    # Extreme but in-range parameters make the system stiff; the step budget stops it.
    extreme = {
        "a": 2.0,
        "b": 1e-11,
        "c": 1e-4,
        "d": 20.0,
        "lam": 0.1,
        "s": 0.01,
        "j": 2.0,
        "k": 1e5,
        "r": 1e-5,
        "sigma": 1e6,
    }
    res = api.run("tumour_nk_cd8", extreme, {"t_end": 365.0})
    assert res["success"] is False
    assert res["message"].startswith("The simulation stopped early at t = ")
    assert "max_steps" in res["message"]
    json.dumps(res, allow_nan=False)


def test_json_rule_replaces_non_finite_numbers_and_refuses_other_objects():
    from esoreview.jsonsafe import NotJsonError, to_json_value

    value = {"t": (0.0, 1.0), "y": [1.0, float("nan"), float("inf")], "n": [1, None, "a", 2.5]}
    want = {"t": [0.0, 1.0], "y": [1.0, None, None], "n": [1, None, "a", 2.5]}
    assert to_json_value(value) == want
    with pytest.raises(NotJsonError, match="result of type object cannot be converted to JSON"):
        to_json_value({"bad": [object()]})


def test_every_path_from_a_model_applies_the_same_json_rule():
    # Notebook (api.run), browser bridge and the result builders agree on a non-finite value.
    from esoreview import browser
    from esoreview.kinetics.results import series, summary_item

    nan, inf = float("nan"), float("-inf")
    assert series("x", "cells", [1.0, nan, inf])["values"] == [1.0, None, None]
    assert summary_item("x", "cells", nan)["value"] is None
    assert browser.to_json_value({"v": [nan, 2.0]}) == {"v": [None, 2.0]}
    reply = json.loads(browser.call("kinetics.api", "run", json.dumps({"model": "tumour_immune"})))
    assert reply["value"] == json.loads(json.dumps(api.run("tumour_immune"), allow_nan=False))


# --- answers kept for repeated requests -------------------------------------------------------


@pytest.mark.parametrize("model", api.model_names())
def test_initial_defaults_are_the_ones_simulate_uses(model):
    # run() fills left-out initial conditions from INITIAL so that a request spelling the
    # defaults out is the same request; that is only sound if simulate() has the same ones.
    mod = MODELS[model]
    signature = inspect.signature(mod.simulate).parameters
    for name, spec in mod.INITIAL.items():
        assert signature[name].default == spec.get("default", 0.0), (model, name)


@pytest.mark.parametrize("model", api.model_names())
def test_a_request_spelling_out_the_defaults_is_answered_from_the_first(model):
    description = api.describe(model)
    api._solve.cache_clear()
    first = api.run(model)
    spelled = api.run(
        model,
        {p["name"]: p["default"] for p in description["parameters"]},
        {
            "t_end": description["options"]["t_end"]["default"],
            "initial": {i["name"]: i["default"] for i in description["initial"]},
        },
    )
    assert spelled == first
    info = api._solve.cache_info()
    assert (info.hits, info.misses) == (1, 1)


def test_kept_answers_cannot_be_changed_by_a_caller():
    answer = api.run("tumour_immune")
    answer["series"].clear()
    answer["summary"]["changed"] = True
    again = api.run("tumour_immune")
    assert again["series"] and "changed" not in again["summary"]


def test_different_requests_get_different_answers():
    low = api.run("tumour_immune", {"suppression": 0.0})
    high = api.run("tumour_immune", {"suppression": 2.0})
    assert low["series"] != high["series"]
