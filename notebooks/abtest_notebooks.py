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
