"""Executes the notebooks headless, as CI does, and exports each executed notebook to HTML.

    python notebooks/run_notebooks.py [--html-dir DIR] [--save-figures DIR] [[LABEL=]OUTPUT_ROOT ...]

- `explore_results.ipynb` runs once per output root given (default: the newest embedded-demo output under
  `target/abtest-demo/`), with `ABTEST_OUTPUT` set to it; its HTML is `explore_results-LABEL.html`, where LABEL
  defaults to the output root's folder name.
- `plan_experiment.ipynb` runs once, with `ABTEST_OUTPUT` set to the first output root, when the file exists.
- `--save-figures DIR` sets `ABTEST_SAVE_FIGURES` for the first output root's run of explore_results, which then saves
  the README's two pictures there (how `docs/images/` is made, from the demo's output).

Before executing, each notebook is checked to be stored without outputs and to have its first code cell tagged
`parameters`. Any failed check or cell that raises makes the exit code 1 (the HTML of a notebook that failed is still
written, up to the failing cell); every notebook is tried either way. Run it with the Python of a virtual environment
that has `notebooks/requirements.txt` installed; it finds the repository root from its own location.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

NOTEBOOKS = Path(__file__).resolve().parent
sys.path.insert(0, str(NOTEBOOKS))
import abtest_notebooks  # noqa: E402  (needs the folder on the path first)

CELL_TIMEOUT_SECONDS = 600


def stored_problems(notebook) -> list[str]:
    """What the stored notebook gets wrong: outputs committed, or no `parameters` cell first."""
    problems = []
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    if not code_cells or "parameters" not in code_cells[0].metadata.get("tags", []):
        problems.append("its first code cell is not tagged `parameters`")
    stored = [i for i, cell in enumerate(code_cells) if cell.get("outputs") or cell.get("execution_count")]
    if stored:
        problems.append(f"code cells {stored} are stored with outputs (clear them before committing)")
    return problems


def execute(path: Path, html: Path, env: dict[str, str]) -> bool:
    """Runs one notebook top to bottom in a fresh kernel with `env` added to this process's environment, writes its
    HTML, and says whether every cell ran."""
    notebook = nbformat.read(path, as_version=4)
    problems = stored_problems(notebook)
    print(f"notebook {path.name} -> {html}", flush=True)
    for name, value in env.items():
        if value:
            print(f"  {name}={value}")
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)  # the kernel inherits this process's environment
    started = time.monotonic()
    ok = True
    try:
        NotebookClient(notebook, timeout=CELL_TIMEOUT_SECONDS, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    except CellExecutionError as error:
        ok = False
        print(f"  FAILED: a cell raised\n{error}", file=sys.stderr)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    html.parent.mkdir(parents=True, exist_ok=True)
    body, _ = HTMLExporter().from_notebook_node(notebook)
    html.write_text(body, encoding="utf-8")
    for problem in problems:
        print(f"  FAILED: {path.name}: {problem}", file=sys.stderr)
    ok = ok and not problems
    print(f"  {'ok' if ok else 'FAILED'} in {time.monotonic() - started:.0f} s", flush=True)
    return ok


def parse_outputs(values: list[str]) -> list[tuple[str, Path]]:
    outputs = []
    for value in values:
        label, _, path = value.rpartition("=")
        folder = Path(path).expanduser().resolve()
        if not folder.is_dir():
            raise SystemExit(f"run_notebooks: {path} is not a folder")
        outputs.append((label or folder.name, folder))
    return outputs


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outputs", nargs="*", metavar="[LABEL=]OUTPUT_ROOT",
                        help="output roots of the analysis job (default: the newest demo output)")
    parser.add_argument("--html-dir", default="target/notebooks",
                        help="where the HTML goes, relative to the repository root (default: %(default)s)")
    parser.add_argument("--save-figures", metavar="DIR",
                        help="save the README's pictures from the first output root's run into DIR")
    args = parser.parse_args(argv)

    root = abtest_notebooks.repo_root(NOTEBOOKS)
    os.chdir(root)  # so the helpers' defaults (target/abtest-demo/) and relative paths mean the same everywhere
    if args.outputs:
        outputs = parse_outputs(args.outputs)
    else:
        os.environ.pop("ABTEST_OUTPUT", None)
        outputs = [("demo", abtest_notebooks.output_root(root))]
    html_dir = root / args.html_dir

    failed = []
    for index, (label, output) in enumerate(outputs):
        # Each output root shows its own first experiment, and only the first run saves pictures, whatever the
        # calling environment says.
        env = {"ABTEST_OUTPUT": str(output), "ABTEST_EXPERIMENT": "", "ABTEST_SAVE_FIGURES": ""}
        if index == 0 and args.save_figures:
            env["ABTEST_SAVE_FIGURES"] = str(Path(args.save_figures).expanduser().resolve())
        if not execute(NOTEBOOKS / "explore_results.ipynb", html_dir / f"explore_results-{label}.html", env):
            failed.append(f"explore_results ({label})")

    plan = NOTEBOOKS / "plan_experiment.ipynb"
    if plan.is_file():
        env = {"ABTEST_OUTPUT": str(outputs[0][1]), "ABTEST_EXPERIMENT": "", "ABTEST_SAVE_FIGURES": ""}
        if not execute(plan, html_dir / "plan_experiment.html", env):
            failed.append("plan_experiment")
    else:
        print(f"notebook {plan.name}: not in the repository yet, skipped")

    if failed:
        print(f"run_notebooks: FAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"run_notebooks: every notebook ran; HTML under {html_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
