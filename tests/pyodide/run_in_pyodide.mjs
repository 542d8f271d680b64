// Run test modules inside real Pyodide under Node, against the wheel the site ships.
//
//   node tests/pyodide/run_in_pyodide.mjs --wheel dist/esoreview-....whl --project . \
//        tests/unit/test_staging_engine.py ...
//
// The project folder is mounted at its own path (NODEFS), so tests that read files next to
// them still find them; esoreview itself is imported only from the unpacked wheel. Prints one
// JSON report line on stdout; the exit code is 1 if any test failed or none passed.

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({
  options: { wheel: { type: "string" }, project: { type: "string" } },
  allowPositionals: true,
});
if (!values.wheel || !values.project || positionals.length === 0) {
  console.error("usage: run_in_pyodide.mjs --wheel FILE --project DIR TEST_MODULE...");
  process.exit(2);
}
const project = path.resolve(values.project);
const { loadPyodide } = await import(
  path.join(project, "node_modules", "pyodide", "pyodide.mjs")
);

// Test output (prints, warnings) goes to stderr so stdout carries only the report.
const pyodide = await loadPyodide({ stdout: (line) => console.error(line) });
const sitePackages = pyodide.pyimport("site").getsitepackages().get(0);
pyodide.unpackArchive(new Uint8Array(readFileSync(values.wheel)), "whl", {
  extractDir: sitePackages,
});

pyodide.FS.mkdirTree(project);
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: project }, project);

const runner = pyodide.runPython(
  readFileSync(path.join(here, "pyodide_runner.py"), "utf8") + "\nrun\n",
  { filename: "pyodide_runner.py" },
);
const esoreviewFile = pyodide.pyimport("esoreview").__file__;
const modules = positionals.map((file) => path.resolve(file));
const report = runner(pyodide.toPy(modules)).toJs({ dict_converter: Object.fromEntries });
report.esoreview = esoreviewFile;
report.python = pyodide.runPython("import sys; sys.version.split()[0]");
report.pyodide = pyodide.version;
console.log(JSON.stringify(report));
process.exit(report.failed > 0 || report.passed === 0 ? 1 : 0);
