"""esoreview.site.runtime: the Pyodide files and the browser wheel shipped with the site."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from esoreview.site import runtime
from esoreview.site.runtime import RuntimeAssetError

VERSION = "314.0.7"


def fake_node_modules(root: Path, version: str = VERSION, skip: str | None = None) -> Path:
    package = root / "node_modules" / "pyodide"
    package.mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"name": "pyodide", "version": version}))
    for name in (*runtime.RUNTIME_FILES, "console.html", "pyodide.js.map"):
        if name != skip:
            (package / name).write_text(f"contents of {name}")
    return root / "node_modules"


def test_copy_runtime_copies_exactly_the_core_files(tmp_path):
    node_modules = fake_node_modules(tmp_path)
    copied = runtime.copy_runtime(
        tmp_path / "site", node_modules=node_modules, expected_version=VERSION
    )
    assert sorted(p.name for p in copied) == sorted(runtime.RUNTIME_FILES)
    assert sorted(p.name for p in (tmp_path / "site" / "pyodide").iterdir()) == sorted(
        runtime.RUNTIME_FILES
    )
    assert (tmp_path / "site" / "pyodide" / "pyodide.mjs").read_text() == "contents of pyodide.mjs"


def test_copy_runtime_names_a_missing_file(tmp_path):
    node_modules = fake_node_modules(tmp_path, skip="pyodide.asm.wasm")
    with pytest.raises(RuntimeAssetError, match=r"lacks pyodide\.asm\.wasm"):
        runtime.copy_runtime(tmp_path / "site", node_modules=node_modules, expected_version=VERSION)


def test_copy_runtime_refuses_a_stale_node_modules(tmp_path):
    node_modules = fake_node_modules(tmp_path, version="0.26.0")
    with pytest.raises(RuntimeAssetError, match=r"has pyodide 0\.26\.0 but 314\.0\.7.*npm ci"):
        runtime.copy_runtime(tmp_path / "site", node_modules=node_modules, expected_version=VERSION)


def test_copy_runtime_without_npm_install_says_so(tmp_path):
    with pytest.raises(RuntimeAssetError, match="run `npm ci` first"):
        runtime.copy_runtime(tmp_path / "site", node_modules=tmp_path, expected_version=VERSION)


def test_the_project_pins_an_exact_pyodide_and_node_modules_matches_it():
    pin = runtime.pinned_pyodide_version()
    assert pin == VERSION
    installed = runtime.PROJECT_DIR / "node_modules" / "pyodide" / "package.json"
    if installed.is_file():
        assert json.loads(installed.read_text())["version"] == pin


def test_a_range_pin_is_refused(tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"pyodide": "^314.0.7"}}))
    with pytest.raises(RuntimeAssetError, match="pin an exact version"):
        runtime.pinned_pyodide_version(tmp_path)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return runtime.build_wheel(tmp_path_factory.mktemp("wheels"))


def test_wheel_holds_the_client_models_and_not_the_build_engine(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "esoreview/browser.py" in names
    assert "esoreview/clienterrors.py" in names  # the base of StagingError and KineticsError
    assert "esoreview/staging/__init__.py" in names
    assert "esoreview/staging/tables_ajcc8.json" in names
    assert "esoreview/kinetics/api.py" in names
    assert not [n for n in names if n.startswith(("esoreview/site/", "esoreview/widgets/"))]
    assert "esoreview/display.py" not in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_wheel_record_lists_every_file_with_its_hash(wheel):
    archive = zipfile.ZipFile(wheel)
    record_name = next(n for n in archive.namelist() if n.endswith(".dist-info/RECORD"))
    rows = [line.split(",") for line in archive.read(record_name).decode().splitlines()]
    assert sorted(row[0] for row in rows) == sorted(archive.namelist())
    for name, digest, size in rows:
        if name == record_name:
            continue
        data = archive.read(name)
        expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert (digest, int(size)) == (f"sha256={expected}", len(data)), name


def test_manifest_names_the_wheel_its_sha256_and_the_pyodide_pin(wheel):
    manifest = json.loads((wheel.parent / runtime.MANIFEST_NAME).read_text())
    assert manifest == {
        "pyodide": VERSION,
        "wheel": wheel.name,
        "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
    }
    assert wheel.name == "esoreview-0.1.0-py3-none-any.whl"


def test_wheel_is_byte_reproducible(wheel, tmp_path):
    again = runtime.build_wheel(tmp_path)
    assert again.read_bytes() == wheel.read_bytes()


def test_unpacked_wheel_stages_a_case_with_the_standard_library_only(wheel, tmp_path):
    zipfile.ZipFile(wheel).extractall(tmp_path)
    # -S: no site-packages (so no editable install and nothing but the standard library).
    script = (
        "import esoreview, esoreview.browser as b; "
        "assert esoreview.__file__.startswith(sys.argv[1]), esoreview.__file__; "
        "print(b.call('staging', 'stage', sys.argv[2]))"
    )
    kwargs = json.dumps(
        {"histology": "squamous", "classification": "clinical", "t": "T2", "n": "N0", "m": "M0"}
    )
    out = subprocess.run(
        [sys.executable, "-S", "-c", "import sys; " + script, str(tmp_path), kwargs],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    answer = json.loads(out.stdout)
    assert answer["ok"] is True, answer
    assert answer["value"]["group"]


def test_a_browser_package_without_init_is_refused(tmp_path):
    src = tmp_path / "src" / "esoreview"
    (src / "staging").mkdir(parents=True)
    (src / "kinetics").mkdir()
    for name in (*runtime.BROWSER_MODULES, "staging/__init__.py"):
        (src / name).write_text("")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "esoreview"\nversion = "0.1.0"\n')
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"pyodide": VERSION}}))
    with pytest.raises(RuntimeAssetError, match=r"kinetics is not a package"):
        runtime.build_wheel(tmp_path / "out", project_dir=tmp_path)


def test_install_runtime_writes_pyodide_wheel_and_manifest(tmp_path):
    node_modules = fake_node_modules(tmp_path)
    files = runtime.install_runtime(tmp_path / "site", node_modules=node_modules)
    relative = sorted(p.relative_to(tmp_path / "site").as_posix() for p in files)
    assert relative == sorted(
        [f"pyodide/{name}" for name in runtime.RUNTIME_FILES]
        + ["wheels/esoreview-0.1.0-py3-none-any.whl", "wheels/runtime.json"]
    )
