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
