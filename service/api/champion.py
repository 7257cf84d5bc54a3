"""The champion model the API serves, loaded from `models:/erta-risk@champion` and swapped when the alias
moves, without dropping a request.

A request takes the current (model, version) pair once and keeps it to the end, so a swap never mixes two
models in one answer; the new model is loaded (and its SHAP tables built) before it replaces the old one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from model.risk_model import CalibratedRiskModel

log = logging.getLogger("erta.api")


@dataclass(frozen=True)
class ServingModel:
    model: CalibratedRiskModel
    version: str


class Champion:
    """Holds the serving model; `refresh()` loads a new champion when the alias points elsewhere."""

    def __init__(
        self,
        home: Path,
        load: Callable[[Path], tuple[CalibratedRiskModel, str]] | None = None,
        version_of: Callable[[Path], str | None] | None = None,
    ) -> None:
        from service.jobs import champion_version, load_champion

        self.home = home
        self._load = load or load_champion
        self._version_of = version_of or champion_version
        self._current: ServingModel | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self.last_error: str | None = None

    def current(self) -> ServingModel | None:
        return self._current

    def refresh(self) -> bool:
        """Load the champion if the alias moved (or nothing is loaded yet); True when the model changed."""
        with self._lock:
            wanted = self._version_of(self.home)
            if wanted is None or (self._current is not None and self._current.version == wanted):
                return False
            try:
                model, version = self._load(self.home)
                model.fast_shap()  # built now, not on the first batch request
                # Requests bring one pupil or a class: XGBoost's threads cost more to wake (7 ms a pupil on
                # a busy machine) than they save; requests run side by side in the thread pool instead.
                model.booster.set_param({"nthread": 1})
                # One pupil scored and explained now: loading the compiled kernels takes a second or two
                # that the first request would otherwise wait for.
                blank = np.full((1, len(model.feature_names)), np.nan)
                model.risk(blank)
                model.contributions(blank)
            except Exception as error:  # a broken version must not take the serving one down
                self.last_error = f"cannot load version {wanted}: {type(error).__name__}"
                log.error("champion reload failed: %s", self.last_error)
                return False
            self._current = ServingModel(model, version)
            self.last_error = None
            log.info("serving model version %s", version)
            return True

    def watch(self, every_seconds: float) -> None:
        """Poll the alias in a background thread until `stop()`."""

        def loop() -> None:
            while not self._stop.wait(every_seconds):
                self.refresh()

        self._watcher = threading.Thread(target=loop, name="erta-champion-watch", daemon=True)
        self._watcher.start()

    def stop(self) -> None:
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(timeout=5)
