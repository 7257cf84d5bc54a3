"""The charts a version's training run logged (ROC, calibration, fairness, SHAP summary, global drivers), as
PNG bytes for the data scientist's and auditor's pages.

Only the names `training/run.py` logs under the run's `plots/` folder are ever read, so a request cannot
reach any other artifact. A run's artifacts never change once its version is registered, so the listing
and the bytes are kept in this process per run id; the charts hold curves and group rates, never a pupil.
"""

from __future__ import annotations

import tempfile
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Final
from urllib.parse import unquote, urlparse

from service.jobs import list_versions
from service.model_versions import ModelRequestError, registry

if TYPE_CHECKING:
    from mlflow import MlflowClient

# As `training/run.py` names its figures; the order the console shows them in.
PLOTS: Final = ("roc", "calibration", "fairness", "shap_summary", "global_drivers")
FOLDER: Final = "plots"
CACHED_PLOTS: Final = 100  # five a version: the last twenty versions' charts, a few MB at most
_lock = threading.Lock()
_listed: dict[str, tuple[str, ...]] = {}
_images: OrderedDict[tuple[str, str], bytes] = OrderedDict()


def plot_names(home: Path, run_id: str) -> list[str]:
    """The known plots the run logged, in PLOTS order; none for a version without a run."""
    if not run_id:
        return []
    with _lock:
        found = _listed.get(run_id)
    if found is None:
        found = _list(registry(home), run_id)
        if found is None:
            return []  # the store did not answer: not remembered, so the next request asks again
        with _lock:
            _listed[run_id] = found
    return list(found)


def plot_png(home: Path, version: str, name: str) -> bytes:
    """The PNG of plot `name` of `version`'s run; a 404 ModelRequestError for an unknown name, version or
    a plot the run does not hold."""
    if name not in PLOTS:
        raise ModelRequestError(f"no plot is called {name!r}; the plots are {', '.join(PLOTS)}", 404)
    client = registry(home)
    row = next((row for row in list_versions(client) if row.version == version), None)
    if row is None:
        raise ModelRequestError(f"the risk model has no version {version}", 404)
    key = (row.run_id, name)
    with _lock:
        if key in _images:
            _images.move_to_end(key)
            return _images[key]
    held = plot_names(home, row.run_id)
    image = _read(client, row.run_id, name) if name in held else None
    if image is None:
        has = ", ".join(held) or "none"
        raise ModelRequestError(f"version {version} has no {name} plot in its run (its plots: {has})", 404)
    with _lock:
        _images[key] = image
        while len(_images) > CACHED_PLOTS:
            _images.popitem(last=False)
    return image


def _list(client: MlflowClient, run_id: str) -> tuple[str, ...] | None:
    from mlflow.exceptions import MlflowException

    try:
        logged = {Path(info.path).name for info in client.list_artifacts(run_id, FOLDER) if not info.is_dir}
    except (MlflowException, OSError):
        return None
    return tuple(name for name in PLOTS if f"{name}.png" in logged)


def _read(client: MlflowClient, run_id: str, name: str) -> bytes | None:
    """The plot's bytes; a local store is read in place, a tracking server's copy through a temporary file."""
    import mlflow
    from mlflow.exceptions import MlflowException

    artifact = f"{FOLDER}/{name}.png"
    try:
        root = client.get_run(run_id).info.artifact_uri or ""
        if root.startswith("file:"):
            path = Path(unquote(urlparse(root).path)) / artifact
            return path.read_bytes() if path.is_file() else None
        with tempfile.TemporaryDirectory() as folder:
            local = mlflow.artifacts.download_artifacts(
                run_id=run_id, artifact_path=artifact, dst_path=folder
            )
            return Path(local).read_bytes()
    except (MlflowException, OSError):
        return None
