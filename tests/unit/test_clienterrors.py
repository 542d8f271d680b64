"""The input-error base the client models share (esoreview.clienterrors): the exact messages and
attributes of StagingError and KineticsError that the widgets and the bridge rely on."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from esoreview import clienterrors, staging
from esoreview.browser import call
from esoreview.clienterrors import FieldError, named_fields_with, short_repr
from esoreview.kinetics import api
from esoreview.kinetics.errors import KineticsError
from esoreview.staging import StagingError

PT1A = {"histology": "squamous", "classification": "pathological", "t": "T1a", "m": "M0"}
STAGE_FIELDS = "histology, classification, t, m, n, positive_nodes, grade, location, edition"
RUN_FIELDS = "model, params, options"


def test_the_module_imports_only_the_standard_library() -> None:
    tree = ast.parse(Path(clienterrors.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "clienterrors must not import from the package"
            roots = [(node.module or "").split(".")[0]]
        else:
            continue
        assert all(root in sys.stdlib_module_names for root in roots), roots


@pytest.mark.parametrize("error", [StagingError, KineticsError])
def test_both_client_errors_are_field_errors_and_value_errors(error: type) -> None:
    # The bridge treats a ValueError as bad input and sends type(exc).__name__ to the page.
    assert issubclass(error, FieldError) and issubclass(error, ValueError)
    assert error.__name__ in {"StagingError", "KineticsError"}


def test_staging_error_message_and_attributes() -> None:
    error = StagingError("t", "T9", "T1, T2", "is odd")
    assert str(error) == "t: 'T9' is odd; allowed values: T1, T2"
    assert (error.field, error.value, error.allowed) == ("t", "T9", "T1, T2")
    assert str(StagingError("m", 3, "M0")) == "m: 3 is not valid; allowed values: M0"


def test_kinetics_error_message_and_attributes() -> None:
    error = KineticsError("params.beta", "beta is out of range", "[0, 1]")
    assert str(error) == "beta is out of range"
    assert (error.field, error.allowed) == ("params.beta", "[0, 1]")
    assert KineticsError("model", "no model").allowed == ""


@pytest.mark.parametrize(
    ("function", "kwargs", "error", "message", "field"),
    [
        (
            staging.stage,
            {**PT1A, "stage": "IV"},
            StagingError,
            f"stage: 'IV' is not a known field; allowed values: {STAGE_FIELDS}",
            "stage",
        ),
        (
            staging.stage,
            {"histology": "squamous", "t": "T1a", "m": "M0"},
            StagingError,
            f"classification: None is required; allowed values: {STAGE_FIELDS}",
            "classification",
        ),
        (
            api.run,
            {"model": "x", "bogus": 1},
            KineticsError,
            f"unknown field 'bogus'; fields are {RUN_FIELDS}",
            "bogus",
        ),
        (api.run, {}, KineticsError, "field 'model' is required", "model"),
    ],
)
def test_an_unknown_or_missing_keyword_is_named(function, kwargs, error, message, field) -> None:
    with pytest.raises(FieldError) as info:
        function(**kwargs)
    assert type(info.value) is error
    assert str(info.value) == message
    fields = STAGE_FIELDS if error is StagingError else RUN_FIELDS
    assert (info.value.field, info.value.allowed) == (field, fields)


def test_staging_blames_surplus_positional_arguments_as_a_whole() -> None:
    with pytest.raises(StagingError) as info:
        staging.stage("squamous", **PT1A)  # stage() takes keywords only
    assert info.value.field == "arguments"
    assert str(info.value).startswith("arguments: None is required; allowed values: histology")


def test_the_bridge_sends_type_name_field_and_allowed() -> None:
    staged = call("staging", "stage", '{"x": 1}')
    assert '"type": "StagingError"' in staged and '"field": "x"' in staged
    ran = call("kinetics.api", "run", "{}")
    assert '"type": "KineticsError"' in ran and f'"allowed": "{RUN_FIELDS}"' in ran


def test_variadic_parameters_are_never_reported_missing() -> None:
    @named_fields_with(FieldError)
    def sample(a: int, *rest: int, b: int, **extra: int) -> int:
        return a + b + sum(rest) + sum(extra.values())

    assert sample(1, 2, b=3, c=4) == 10
    with pytest.raises(FieldError, match=r"^field 'a' is required$"):
        sample(b=1)
    with pytest.raises(FieldError, match=r"^field 'b' is required$") as info:
        sample(a=1)  # not 'rest', which comes first but may be empty
    assert info.value.allowed == "a, rest, b, extra"


def test_short_repr_of_a_huge_integer_counts_its_digits() -> None:
    assert short_repr(10**5000) == "<integer of about 5001 digits>"
    assert short_repr(2**64 - 1) == repr(2**64 - 1)  # 64 bits still print in full


@pytest.mark.parametrize(
    ("value", "longest"),
    [
        ("x" * 10_000, 60),
        (list(range(1_000_000)), 60),
        ({str(i): [[[[i]]]] for i in range(1_000)}, 200),
    ],
)
def test_short_repr_stays_short_whatever_the_size(value: object, longest: int) -> None:
    assert len(short_repr(value)) <= longest


def test_short_repr_survives_a_repr_that_fails() -> None:
    # Python refuses to print an integer of more than 4300 digits, even inside a list (3.11
    # reprlib raises, newer ones describe the integer): either way a short text comes back.
    text = short_repr([10**5000])
    assert text == "<list>" or (text.startswith("[<int") and len(text) < 120)
