"""The service's one door into `training/`: the jobs started from the CLI (and, later, the API).

Keeping every use of training behind this module means the service depends on a short, named list of
jobs and their results rather than on training's internals; import-linter holds the line.
"""

from __future__ import annotations

from training.artifact_guard import PersonalDataInArtifactError
from training.pipeline import TrainingConfig
from training.registry import (
    CHAMPION,
    RegistryError,
    VersionRow,
    history,
    list_versions,
    promote,
    rollback,
)
from training.run import Progress, TrainingOutcome, run_training
from training.serving import champion_version, load_champion
from training.snapshots import SnapshotPlan
from training.tabular_eval import LabelledTable, TableError, evaluate_table, load_table
from training.tracking import configure_tracking
from training.uci import (
    SETUPS,
    SUBJECT_FILES,
    CellResult,
    Subject,
    describe_protocol,
    load_subject,
    reproduce_cell,
)

__all__ = [
    "CHAMPION",
    "SETUPS",
    "SUBJECT_FILES",
    "CellResult",
    "LabelledTable",
    "PersonalDataInArtifactError",
    "Progress",
    "RegistryError",
    "SnapshotPlan",
    "Subject",
    "TableError",
    "TrainingConfig",
    "TrainingOutcome",
    "VersionRow",
    "champion_version",
    "configure_tracking",
    "describe_protocol",
    "evaluate_table",
    "history",
    "list_versions",
    "load_champion",
    "load_subject",
    "load_table",
    "promote",
    "reproduce_cell",
    "rollback",
    "run_training",
]
