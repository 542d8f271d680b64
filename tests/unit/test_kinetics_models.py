"""The five kinetic models: published/computed outcomes from the domain notes, agreement with
SciPy's RK45 on the same right-hand sides, and parameter validation."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esoreview.kinetics.errors import KineticsError
from esoreview.kinetics.models import (
    MODELS,
    circulating_cells,
    fluorouracil_pk,
    receptor_binding,
    tumour_immune,
    tumour_nk_cd8,
)
from esoreview.kinetics.solver import solve

scipy_integrate = pytest.importorskip("scipy.integrate")


def scipy_reference(fun, t_end, y0, t_eval):
    ref = scipy_integrate.solve_ivp(
        fun, (0.0, t_end), y0, method="RK45", t_eval=t_eval, rtol=1e-10, atol=1e-12
    )
    assert ref.success
    return ref


# --- M1 Kuznetsov et al. 1994 -------------------------------------------------------------


def test_kuznetsov_equilibria_match_the_computed_values_in_the_notes():
    eq = tumour_immune.equilibria(tumour_immune.TumourImmuneParams())
    assert [e["type"] for e in eq] == ["saddle", "stable focus", "saddle", "stable node"]
    free, dormant, saddle, escape = eq
    assert free["effector"] == pytest.approx(0.3155, abs=1e-4) and free["tumour"] == 0.0
    assert sorted(e[0] for e in free["eigenvalues"]) == pytest.approx([-0.374, 1.320], abs=1e-3)
    assert (dormant["effector"], dormant["tumour"]) == pytest.approx((1.6092, 8.1897), abs=1e-4)
    re, im = dormant["eigenvalues"][0]
    assert re == pytest.approx(-0.0501, abs=1e-4) and abs(im) == pytest.approx(0.576, abs=1e-3)
    assert tumour_immune.oscillation_period(dormant) == pytest.approx(10.9, abs=0.05)
    assert (saddle["effector"], saddle["tumour"]) == pytest.approx((0.7598, 267.80), abs=1e-2)
    assert (escape["effector"], escape["tumour"]) == pytest.approx((0.1730, 447.13), abs=1e-2)
    assert sorted(e[0] for e in escape["eigenvalues"]) == pytest.approx([-1.693, -0.453], abs=1e-3)


def test_equilibria_really_are_stationary_points():
    p = tumour_immune.TumourImmuneParams(suppression=2.0, blockade=0.3)
    for e in tumour_immune.equilibria(p):
        dx, dy = tumour_immune.rhs(0.0, [e["effector"], e["tumour"]], p)
        assert abs(dx) < 1e-9 and abs(dy) < 1e-9


@pytest.mark.parametrize(
    ("tumour0", "target"), [(1, 8.1897), (10, 8.1897), (100, 447.13), (300, 447.13), (400, 447.13)]
)
def test_kuznetsov_basins_of_attraction(tumour0, target):
    res = tumour_immune.simulate(t_end=300.0, n_points=11, tumour0=tumour0)
    assert res["success"]
    assert res["series"]["effector"]["values"][0] == pytest.approx(0.1181 / 0.3743)
    assert res["summary"]["tumour_end"]["value"] == pytest.approx(target, rel=1e-3)
    expected = "dormant" if target < 100 else "escaped"
    assert res["summary"]["outcome"]["value"].startswith(expected)


def test_kuznetsov_illustrative_terms_are_neutral_by_default_and_flagged():
    p = tumour_immune.TumourImmuneParams()
    assert p.kill_factor == 1.0
    assert tumour_immune.TumourImmuneParams(blockade=1.0).kill_factor == 1.0
    meta = {f.name: f.metadata for f in dataclasses.fields(p)}
    assert meta["suppression"]["illustrative"] and meta["blockade"]["illustrative"]
    assert not any(meta[n]["illustrative"] for n in ("sigma", "rho", "eta", "mu", "delta"))
    assert all(meta[n]["citation_key"] == "kuznetsov1994nonlinear" for n in ("alpha", "beta"))


def test_suppression_preset_escapes_and_blockade_preset_restores_control():
    for name, expected in (("suppressed", "escaped"), ("blockade", "dormant")):
        preset = tumour_immune.PRESETS[name]
        res = tumour_immune.simulate(
            tumour_immune.build(preset["params"]), t_end=300.0, n_points=11, **preset["initial"]
        )
        assert res["summary"]["outcome"]["value"].startswith(expected), name


def test_kuznetsov_trajectory_agrees_with_scipy():
    p = tumour_immune.TumourImmuneParams(suppression=0.5)
    t_eval = [float(k) for k in range(101)]
    res = tumour_immune.simulate(p, t_end=100.0, n_points=101, tumour0=50.0, rtol=1e-10, atol=1e-12)
    ref = scipy_reference(
        lambda t, y: tumour_immune.rhs(t, y, p), 100.0, [p.sigma / p.delta, 50.0], t_eval
    )
    assert res["series"]["tumour"]["values"] == pytest.approx(list(ref.y[1]), rel=1e-6, abs=1e-8)
    assert res["series"]["effector"]["values"] == pytest.approx(list(ref.y[0]), rel=1e-6)


# --- M2 de Pillis et al. 2005 -------------------------------------------------------------


@pytest.mark.parametrize("variant", sorted(tumour_nk_cd8.VARIANTS))
def test_depillis_variants_agree_with_scipy(variant):
    p = tumour_nk_cd8.variant(variant)
    t_eval = [0.5 * k for k in range(41)]
    res = tumour_nk_cd8.simulate(p, t_end=20.0, n_points=41, tumour0=1e6, rtol=1e-10, atol=1e-8)
    ref = scipy_reference(lambda t, y: tumour_nk_cd8.rhs(t, y, p), 20.0, [1e6, 1e3, 1.0], t_eval)
    for i, name in enumerate(("tumour", "nk", "cd8")):
        ours = res["series"][name]["values"]
        assert ours == pytest.approx([max(v, 0.0) for v in ref.y[i]], rel=1e-5, abs=1e-3)


def test_depillis_parameter_sets_are_those_in_the_notes():
    assert tumour_nk_cd8.variant("nn").d == 1.43 and tumour_nk_cd8.variant("nn").lam == 0.58
    assert tumour_nk_cd8.variant("ll").s == 0.40 and tumour_nk_cd8.variant("ln").c == 3.5e-6
    shared = tumour_nk_cd8.TumourNkCd8Params()
    assert (shared.a, shared.b, shared.sigma, shared.f) == (0.514, 1.02e-9, 1.3e4, 4.12e-2)
    assert (shared.h, shared.p, shared.m, shared.k) == (2.02e7, 1e-7, 2e-2, 2.02e7)
    assert (shared.q, shared.r) == (3.42e-10, 1.1e-7)
    with pytest.raises(ValueError, match="unknown variant 'human'"):
        tumour_nk_cd8.variant("human")


def test_depillis_without_tumour_nk_cells_relax_to_sigma_over_f():
    p = tumour_nk_cd8.TumourNkCd8Params()
    sol = solve(
        lambda t, y: tumour_nk_cd8.rhs(t, y, p),
        (0.0, 400.0),
        [0.0, 1e3, 10.0],
        rtol=1e-9,
        atol=1e-9,
    )
    assert sol.y[0][-1] == 0.0  # no tumour appears from nothing
    assert sol.y[1][-1] == pytest.approx(p.sigma / p.f, rel=1e-4)
    assert sol.y[2][-1] == pytest.approx(10.0 * math.exp(-p.m * 400.0), rel=1e-4)


def test_depillis_kill_fraction_is_zero_without_tumour_and_saturates_at_d():
    p = tumour_nk_cd8.TumourNkCd8Params()
    assert tumour_nk_cd8.cd8_kill_fraction(0.0, 1e5, p) == 0.0
    assert tumour_nk_cd8.cd8_kill_fraction(1.0, 1e12, p) == pytest.approx(p.d, rel=1e-6)


def test_ligand_positive_tumour_is_controlled_where_ligand_negative_escapes():
    ll = tumour_nk_cd8.simulate(tumour_nk_cd8.variant("ll"), tumour0=1e6)
    nn = tumour_nk_cd8.simulate(tumour_nk_cd8.variant("nn"), tumour0=1e6)
    assert ll["summary"]["tumour_end"]["value"] < 1.0
    assert nn["summary"]["tumour_end"]["value"] > 1e8


# --- M4 5-fluorouracil pharmacokinetics ---------------------------------------------------


def single_bolus(**overrides):
    values = {"dose_mg_m2": 500.0, "days": 1.0, "infusion_hours": 0.0, "kill_per_auc": 0.0}
    values.update(overrides)
    return fluorouracil_pk.build(values)


def test_one_compartment_bolus_halves_after_one_half_life():
    p = single_bolus()
    t_half_h = 12.9 / 60.0
    res = fluorouracil_pk.simulate(p, t_end=4 * t_half_h, n_points=5)
    c = res["series"]["concentration"]["values"]
    c0 = 500.0 * p.bsa_m2 / p.rate_constants()["volume"]
    assert c[0] == pytest.approx(c0)
    assert c[1] == pytest.approx(c0 / 2, rel=1e-6)
    assert c[4] == pytest.approx(c0 / 16, rel=1e-5)


def test_two_compartment_bolus_is_biexponential_with_published_half_lives():
    p = single_bolus(compartments=2.0)
    k = p.rate_constants()
    alpha, beta = math.log(2) / (7.8 / 60), math.log(2) / (36.8 / 60)
    # The micro-constants reproduce the published alpha and beta half-lives...
    tr, det = k["k10"] + k["k12"] + k["k21"], k["k10"] * k["k21"]
    disc = math.sqrt(tr * tr - 4 * det)
    assert (tr + disc) / 2 == pytest.approx(alpha) and (tr - disc) / 2 == pytest.approx(beta)
    # ...and the simulated curve is A e^(-alpha t) + B e^(-beta t) with A/(A+B) as chosen.
    res = fluorouracil_pk.simulate(p, t_end=3.0, n_points=31)
    c0 = 500.0 * p.bsa_m2 / k["volume"]
    a_coef, b_coef = c0 * p.alpha_fraction, c0 * (1 - p.alpha_fraction)
    for t, c in zip(res["time"]["values"], res["series"]["concentration"]["values"], strict=True):
        assert c == pytest.approx(
            a_coef * math.exp(-alpha * t) + b_coef * math.exp(-beta * t), rel=1e-5, abs=1e-9
        )


@pytest.mark.parametrize("compartments", [1.0, 2.0])
@pytest.mark.parametrize("infusion_hours", [0.0, 2.0, 24.0])
def test_auc_equals_dose_over_clearance(compartments, infusion_hours):
    p = fluorouracil_pk.build({"compartments": compartments, "infusion_hours": infusion_hours})
    res = fluorouracil_pk.simulate(p, t_end=168.0)
    expected = 5 * 800.0 * p.bsa_m2 / p.clearance_l_h
    assert res["summary"]["auc"]["value"] == pytest.approx(expected, rel=1e-5)
    assert res["summary"]["auc_expected"]["value"] == pytest.approx(expected)


def test_continuous_infusion_reaches_rate_over_clearance():
    p = fluorouracil_pk.build({})  # KEYNOTE-590 schedule: 800 mg/m2/day, days 1-5
    res = fluorouracil_pk.simulate(p, t_end=120.0, n_points=121)
    c_ss = 800.0 * p.bsa_m2 / 24.0 / p.clearance_l_h
    assert res["summary"]["c_steady"]["value"] == pytest.approx(c_ss)
    assert res["series"]["concentration"]["values"][60] == pytest.approx(c_ss, rel=1e-6)


def test_log_kill_matches_closed_form_for_constant_exposure():
    p = fluorouracil_pk.build({"kill_per_auc": 0.05, "doubling_days": 20.0})
    res = fluorouracil_pk.simulate(p, t_end=168.0)
    growth = math.log(2) / (20.0 * 24.0)
    expected = math.exp(growth * 168.0 - 0.05 * res["summary"]["auc"]["value"])
    assert res["summary"]["tumour_end"]["value"] == pytest.approx(expected, rel=1e-5)


def test_pk_agrees_with_scipy_within_a_bolus_free_segment():
    p = fluorouracil_pk.build({"compartments": 2.0})
    y0 = [100.0, 20.0, 1.0, 0.0]
    t_eval = [0.1 * k for k in range(51)]
    ours = solve(
        lambda t, y: fluorouracil_pk.rhs(t, y, p, rate=60.0),
        (0.0, 5.0),
        y0,
        t_eval=t_eval,
        rtol=1e-10,
        atol=1e-12,
    )
    ref = scipy_reference(lambda t, y: fluorouracil_pk.rhs(t, y, p, rate=60.0), 5.0, y0, t_eval)
    for i in range(4):
        assert ours.y[i] == pytest.approx(list(ref.y[i]), rel=1e-7, abs=1e-10)


def test_pk_rejects_inconsistent_two_compartment_half_lives_and_fractional_days():
    with pytest.raises(ValueError, match="t_half_alpha_min"):
        fluorouracil_pk.build(
            {"compartments": 2.0, "t_half_alpha_min": 20.0, "t_half_beta_min": 10.0}
        )
    with pytest.raises(ValueError, match="'days' must be a whole number"):
        fluorouracil_pk.build({"days": 2.5})


# --- M5 circulating tumour cells ----------------------------------------------------------


@pytest.mark.parametrize("t_half", [1.0, 1.7, 2.4])
def test_ctc_fall_to_half_one_half_life_after_resection(t_half):
    p = circulating_cells.build({"t_half_h": t_half, "resection_h": 10.0})
    res = circulating_cells.simulate(p, t_end=10.0 + 2 * t_half, n_points=3)
    ctc = res["series"]["ctc"]["values"]
    assert ctc[0] == pytest.approx(p.steady_state)
    assert ctc[1] == pytest.approx(p.steady_state)  # 0 and t_half after start: still steady
    assert ctc[2] == pytest.approx(p.steady_state / 4, rel=1e-6)


def test_ctc_steady_state_is_shedding_over_clearance_and_colonies_accumulate():
    p = circulating_cells.build({"resection_h": 1000.0, "shedding_per_h": 500.0})
    res = circulating_cells.simulate(p, t_end=48.0, ctc0=0.0)
    k = math.log(2) / p.t_half_h
    assert p.steady_state == pytest.approx(500.0 / k)
    c_end = res["series"]["ctc"]["values"][-1]
    assert c_end == pytest.approx(p.steady_state * (1 - math.exp(-k * 48.0)), rel=1e-7)
    # Every cell shed either remains in blood or has left it: colonies = efficiency * left.
    left_blood = 500.0 * 48.0 - c_end
    assert res["summary"]["colonies"]["value"] == pytest.approx(p.efficiency * left_blood, rel=1e-6)


def test_ctc_time_to_below_one_cell_after_resection():
    p = circulating_cells.build({})
    res = circulating_cells.simulate(p, t_end=48.0)
    hours = res["summary"]["hours_to_below_one"]["value"]
    assert hours == pytest.approx(math.log(p.steady_state) * p.t_half_h / math.log(2))


def test_ctc_half_life_range_is_the_published_one():
    meta = {f.name: f.metadata for f in dataclasses.fields(circulating_cells.PARAMS)}
    assert (meta["t_half_h"]["min"], meta["t_half_h"]["max"]) == (1.0, 2.4)
    assert meta["shedding_per_h"]["illustrative"]
    with pytest.raises(ValueError, match=r"'t_half_h' = 3.0 is outside the allowed range"):
        circulating_cells.build({"t_half_h": 3.0})


# --- M6 ligand-receptor binding -----------------------------------------------------------


def test_default_vegf_constants_lie_in_the_measured_ranges():
    p = receptor_binding.ReceptorBindingParams()
    assert 0.5e6 <= p.kon <= 2.2e6 and 2e-4 <= p.koff <= 4e-4
    assert 0.2 <= p.kd_nM <= 0.6  # 2-6 x 10^-10 M


def test_half_occupancy_at_ligand_equal_to_kd():
    p = receptor_binding.build({"washout_min": 10000.0})
    assert p.ligand_nM == pytest.approx(p.kd_nM)
    res = receptor_binding.simulate(p, t_end=1000.0, n_points=3)
    assert res["series"]["occupancy"]["values"][-1] == pytest.approx(0.5, abs=1e-3)
    assert res["summary"]["occupancy_excess"]["value"] == pytest.approx(0.5)


def test_equilibrium_with_depletion_solves_the_binding_quadratic():
    p = receptor_binding.build({"ligand_nM": 2.0, "receptor_nM": 1.5, "washout_min": 10000.0})
    c = p.equilibrium_complex()
    assert (p.ligand_nM - c) * (p.receptor_nM - c) == pytest.approx(p.kd_nM * c, rel=1e-12)
    res = receptor_binding.simulate(p, t_end=2000.0, n_points=3)
    assert res["series"]["complex"]["values"][-1] == pytest.approx(c, rel=1e-6)


def test_complex_dissociates_with_half_life_ln2_over_koff_after_washout():
    p = receptor_binding.build({"washout_min": 100.0})
    half = math.log(2) / p.koff_per_min
    res = receptor_binding.simulate(p, t_end=100.0 + half, n_points=2)
    c = res["series"]["complex"]["values"]
    full = receptor_binding.simulate(p, t_end=100.0, n_points=2)["series"]["complex"]["values"]
    assert c[1] == pytest.approx(full[1] / 2, rel=1e-6)
    assert 29.0 <= half <= 58.0  # ln 2 / koff for koff in the measured 2-4e-4 /s


def test_binding_agrees_with_scipy():
    p = receptor_binding.build({"ligand_nM": 1.0, "receptor_nM": 0.5, "washout_min": 10000.0})
    t_eval = [5.0 * k for k in range(49)]
    res = receptor_binding.simulate(p, t_end=240.0, n_points=49)
    ref = scipy_reference(lambda t, y: receptor_binding.rhs(t, y, p), 240.0, [0.0], t_eval)
    assert res["series"]["complex"]["values"] == pytest.approx(list(ref.y[0]), rel=1e-6)


def test_vegfc_preset_is_labelled_as_illustrative():
    assert "illustrative" in receptor_binding.PRESETS["vegfc_vegfr3_illustrative"]["label"]


# --- shared validation --------------------------------------------------------------------


@pytest.mark.parametrize("module", list(MODELS.values()), ids=list(MODELS))
def test_every_default_lies_in_its_range_and_carries_a_unit_and_label(module):
    for f in dataclasses.fields(module.PARAMS):
        meta = f.metadata
        assert meta["min"] <= f.default <= meta["max"], f.name
        assert meta["label"] and "unit" in meta
        assert meta["illustrative"] or meta["citation_key"] or meta["note"], f.name


@pytest.mark.parametrize("module", list(MODELS.values()), ids=list(MODELS))
def test_unknown_and_non_numeric_parameters_are_rejected(module):
    with pytest.raises(ValueError, match="unknown parameter"):
        module.build({"not_a_parameter": 1.0})
    first = dataclasses.fields(module.PARAMS)[0].name
    with pytest.raises(ValueError, match=f"'{first}' must be a number"):
        module.build({first: "ten"})


@pytest.mark.parametrize(
    ("module", "name", "value", "phrase"),
    [
        (tumour_immune, "tumour0", -1.0, "= -1.0 is outside the allowed range [0.0, 1000.0]"),
        (tumour_immune, "effector0", 11.0, "= 11.0 is outside the allowed range [0.0, 10.0]"),
        (tumour_nk_cd8, "nk0", "many", "must be a number, got 'many'"),
        (tumour_nk_cd8, "cd80", True, "must be a number, got True"),
        (circulating_cells, "ctc0", 1e9, "= 1000000000.0 is outside the allowed range"),
    ],
)
def test_a_direct_call_checks_its_initial_conditions(module, name, value, phrase):
    # Notebooks call simulate() directly, past the API's checks: the model checks them too.
    with pytest.raises(KineticsError) as info:
        module.simulate(t_end=1.0, n_points=3, **{name: value})
    assert info.value.field == f"options.initial.{name}"
    assert str(info.value).startswith(f"initial condition {name!r} ")
    assert phrase in str(info.value)


@settings(max_examples=60, deadline=None)
@given(
    rho=st.floats(0.0, 3.0),
    eta=st.floats(0.1, 100.0),
    mu=st.floats(0.0, 0.05),
    alpha=st.floats(0.01, 5.0),
    beta=st.floats(0.0005, 0.02),
    suppression=st.floats(0.0, 5.0),
)
def test_equilibria_are_stationary_for_any_parameters_in_range(
    rho, eta, mu, alpha, beta, suppression
):
    p = tumour_immune.TumourImmuneParams(
        rho=rho, eta=eta, mu=mu, alpha=alpha, beta=beta, suppression=suppression
    )
    eq = tumour_immune.equilibria(p)
    assert 1 <= len(eq) <= 4  # tumour-free point plus at most three roots of a cubic
    for e in eq:
        assert e["effector"] >= 0.0 and 0.0 <= e["tumour"] <= 1.0 / beta
        dx, dy = tumour_immune.rhs(0.0, [e["effector"], e["tumour"]], p)
        scale = 1.0 + abs(e["effector"]) + abs(e["tumour"])
        assert abs(dx) < 1e-8 * scale * max(1.0, rho + mu * e["tumour"])
        assert abs(dy) < 1e-8 * scale * max(1.0, alpha)
