"""What both notebooks need before their first plot: where the repository is, which output root and experiment
they look at (the papermill-style `parameters` cell reads the environment through these functions)."""

from __future__ import annotations

import os
from pathlib import Path

DEMO_OUTPUTS = Path("target") / "abtest-demo"


def repo_root(start: Path | None = None) -> Path:
    """The repository root: the nearest folder, from `start` (default: the working directory) upwards, that holds
    both `pom.xml` and `notebooks/`. Works whatever directory Jupyter or nbclient runs the notebook from."""
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / "pom.xml").is_file() and (folder / "notebooks").is_dir():
            return folder
    raise FileNotFoundError(f"no repository root (a folder with pom.xml and notebooks/) above {here}")


def output_root(root: Path | None = None) -> Path:
    """`ABTEST_OUTPUT` when set; otherwise the newest embedded-demo output under `target/abtest-demo/`."""
    configured = os.environ.get("ABTEST_OUTPUT")
    if configured:
        path = Path(configured).expanduser().resolve()
        if not path.is_dir():
            raise FileNotFoundError(f"ABTEST_OUTPUT={configured} is not a folder")
        return path
    demos = sorted(p for p in (repo_root(root) / DEMO_OUTPUTS).glob("*") if p.is_dir())
    if not demos:
        raise FileNotFoundError(
            "ABTEST_OUTPUT is not set and there is no demo output under target/abtest-demo/: run "
            "`java -jar local/target/abtest-local.jar demo` or set ABTEST_OUTPUT to an output root")
    return demos[-1]


def experiment_id(default: str | None = None) -> str | None:
    """`ABTEST_EXPERIMENT` when set, else `default` (the notebook passes the first experiment of its results)."""
    return os.environ.get("ABTEST_EXPERIMENT") or default


# --- Planning (plan_experiment.ipynb): the engine's plan through the local jar's `plan` command -------------------

LOCAL_JAR = Path("local") / "target" / "abtest-local.jar"


def local_jar(root: Path | None = None) -> Path:
    """`local/target/abtest-local.jar` of the repository; a clear error when it has not been built."""
    jar = repo_root(root) / LOCAL_JAR
    if not jar.is_file():
        raise FileNotFoundError(
            f"{jar} does not exist: build it first with `mvn -B -q package -DskipTests` at the repository root")
    return jar


def plan(experiment_file: Path | str, daily_units: int, baseline_mean: float, baseline_sd: float | None = None,
         as_json: bool = True, root: Path | None = None):
    """`java -jar abtest-local.jar plan ...`: the plan the engine makes (`ExperimentPlan`), parsed from `--json`
    (a dict) or, with `as_json=False`, the text the command prints in a terminal. A plan the command refuses (a bad
    option, a ratio primary metric: exit 2) raises ValueError with the command's own message."""
    import json
    import subprocess

    command = ["java", "-jar", str(local_jar(root)), "plan", "--experiment", str(experiment_file),
               "--daily-units", str(daily_units), "--baseline-mean", repr(float(baseline_mean))]
    if baseline_sd is not None:
        command += ["--baseline-sd", repr(float(baseline_sd))]
    if as_json:
        command.append("--json")
    done = subprocess.run(command, capture_output=True, text=True, cwd=repo_root(root))
    if done.returncode != 0:
        raise ValueError(f"the plan command exited with {done.returncode}:\n{done.stderr}")
    return json.loads(done.stdout) if as_json else done.stdout

# ---------------------------------------------------------------------------------------------------------------------
# Added for explore_results.ipynb: reading the job's datasets and saving the README's figures.
# ---------------------------------------------------------------------------------------------------------------------

DATASETS = ("results", "aggregates", "decisions", "operational", "guardrails", "dead_letter")


def read_dataset(output: Path, name: str):
    """One Parquet dataset of an output root (README, "The analysis job") as a pandas DataFrame, with a sentence about
    it. Returns `(None, sentence)` when the folder is missing or holds no committed file: a run writes a dataset's
    folder only when it has a row for it (a run without a guardrail breach has no `guardrails/`). Hidden in-progress
    files of a streaming run (`.part-*`) are skipped, as pyarrow skips names starting with `.` or `_`."""
    import pyarrow.dataset as ds

    folder = Path(output) / name
    if not folder.is_dir():
        return None, f"`{name}/`: no such folder under {output}, so the job wrote no row to it."
    dataset = ds.dataset(folder, format="parquet")
    if not dataset.files:
        return None, f"`{name}/`: the folder holds no committed Parquet file, so the job wrote no row to it."
    frame = dataset.to_table().to_pandas()
    return frame, f"`{name}/`: {len(dataset.files)} file(s), {len(frame):,} row(s)."


def save_figure(fig, file_name: str) -> Path | None:
    """Saves `fig` as PNG under the folder `ABTEST_SAVE_FIGURES` names (relative paths from the repository root), as
    the README's pictures are made; does nothing when it is unset."""
    folder = os.environ.get("ABTEST_SAVE_FIGURES")
    if not folder:
        return None
    target = Path(folder).expanduser()
    if not target.is_absolute():
        target = repo_root(Path(__file__).parent) / target
    target.mkdir(parents=True, exist_ok=True)
    path = target / file_name
    fig.savefig(path, dpi=110, bbox_inches="tight")
    return path
