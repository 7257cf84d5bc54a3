"""Exact path-dependent TreeSHAP for XGBoost, fast enough to explain every pupil in the country nightly.

The values are the ones XGBoost's `pred_contribs` and `shap.TreeExplainer` compute; only the order of work
differs. For one leaf, a pupil's Shapley values depend on nothing but which of the leaf's path features the
pupil *agrees with* (goes the path's way at every split on that feature). A leaf of a depth-d tree has at
most d such features, so at most 2^d agreement patterns: each leaf's contribution to each of its features is
tabulated once per model for every pattern (Yang's FastTreeSHAP v2, 2022).

Leaves are then summed in groups, all leaves under one node near the bottom of the tree: a group's
contributions depend only on which way the pupil goes at the nodes on its leaves' paths (six or seven nodes),
so they too are tabulated per way. Explaining a pupil is one pass over each tree's splits and one table row
added per group, about a tenth of TreeSHAP's trees × leaves × depth² arithmetic, spread over every core.

For a leaf with value v, path features U, cover fractions z_j (the share of training cover that follows the
path at j's splits) and agreements o_j ∈ {0, 1}, the leaf's game is f(S) = v · Π_{j∈S} o_j · Π_{j∈U∖S} z_j
(Lundberg et al. 2020, Algorithm 2), and feature i receives
    φ_i = v (o_i − z_i) Σ_{S ⊆ agreed ∖ {i}} |S|! (|U| − |S| − 1)! / |U|! · Π_{j ∈ U∖S∖{i}} z_j.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

import numba
import numpy as np
import xgboost as xgb
from numpy.typing import NDArray

# Past this many table entries in all (≈ 400 MB) a model is too big to tabulate.
MAX_TABLE_ENTRIES = 50_000_000
# A pupil's way through one tree is one 64-bit word, a bit per node: trees up to depth 5 fit.
MAX_NODES_PER_TREE = 64
# A group is every leaf under one node this many levels above the tree's deepest leaf.
GROUP_HEIGHT = 2
ROW_BLOCK = 64
PARALLEL_FROM_ROWS = 4 * ROW_BLOCK
LEAF = -1


class UnsupportedModelError(ValueError):
    """The booster holds what the tables cannot express: categorical splits, deep trees, several outputs."""


@dataclass(frozen=True)
class _Trees:
    """Every node of every tree in flat arrays; child indices are global."""

    feature: NDArray[np.int32]
    threshold: NDArray[np.float32]
    left: NDArray[np.int32]
    right: NDArray[np.int32]
    default_left: NDArray[np.bool_]
    cover: NDArray[np.float64]
    value: NDArray[np.float64]
    tree_start: NDArray[np.int64]  # node range of tree t: tree_start[t] .. tree_start[t + 1]


@dataclass(frozen=True)
class _Groups:
    """Each tree's leaves in groups, with the group's contributions for every way a pupil can go.

    A group's keys are the nodes on its leaves' paths; a pupil's key is its left-turn bits on those nodes,
    which is all that decides the group's contributions. Per key, the table holds one value for each feature
    on the group's paths.
    """

    tree_group_start: NDArray[np.int64]  # group range of tree t
    key_start: NDArray[np.int64]
    key_node: NDArray[np.int64]  # node position within its tree
    feature_start: NDArray[np.int64]
    feature: NDArray[np.int32]
    table_start: NDArray[np.int64]
    table: NDArray[np.float64]


class FastTreeShap:
    """Exact SHAP values of an XGBoost binary or regression booster, in margin (log-odds) units.

    `contributions(X)` has one column per feature plus the base value last, like `pred_contribs`; each row
    sums to the booster's margin. Numeric splits and trees up to depth 5 only: anything else is refused with
    `UnsupportedModelError`, so the caller can fall back to XGBoost's own TreeSHAP.
    """

    def __init__(self, booster: xgb.Booster, max_table_entries: int = MAX_TABLE_ENTRIES) -> None:
        model = json.loads(bytes(booster.save_raw("json")))
        learner = model["learner"]
        self.n_features = int(learner["learner_model_param"]["num_feature"])
        self._trees = _read_trees(learner)
        self._groups, expected = _tabulate(self._trees, max_table_entries)
        self.base_value = _base_margin(learner) + expected

    def contributions(self, X: NDArray[np.floating[Any]]) -> NDArray[np.float64]:
        """Shapley values per row (float64), base value in the last column; NaN means missing."""
        rows = np.ascontiguousarray(X, dtype=np.float32)
        if rows.ndim != 2 or rows.shape[1] != self.n_features:
            raise ValueError(f"expected rows of {self.n_features} features, got shape {rows.shape}")
        out = np.zeros((rows.shape[0], self.n_features + 1), dtype=np.float64)
        t, g = self._trees, self._groups
        kernel = _explain_rows_parallel if rows.shape[0] >= PARALLEL_FROM_ROWS else _explain_rows_serial
        kernel(
            rows,
            t.feature,
            t.threshold,
            t.default_left,
            t.tree_start,
            g.tree_group_start,
            g.key_start,
            g.key_node,
            g.feature_start,
            g.feature,
            g.table_start,
            g.table,
            out,
        )
        out[:, -1] = self.base_value
        return out


def _read_trees(learner: dict[str, Any]) -> _Trees:
    booster = learner["gradient_booster"]
    if booster.get("name") != "gbtree":
        raise UnsupportedModelError(f"only tree boosters can be explained, not {booster.get('name')!r}")
    trees = booster["model"]["trees"]
    if any(int(info) != 0 for info in booster["model"]["tree_info"]):
        raise UnsupportedModelError("boosters with several outputs are not supported")
    columns: dict[str, list[NDArray[Any]]] = {k: [] for k in ("f", "t", "l", "r", "d", "c", "v")}
    starts = [0]
    for tree in trees:
        if any(int(kind) != 0 for kind in tree.get("split_type", [])):
            raise UnsupportedModelError("categorical splits are not supported")
        left = np.asarray(tree["left_children"], dtype=np.int64)
        is_leaf = left == -1
        offset = starts[-1]
        columns["f"].append(np.where(is_leaf, LEAF, np.asarray(tree["split_indices"], dtype=np.int64)))
        conditions = np.asarray(tree["split_conditions"], dtype=np.float64)
        columns["t"].append(conditions.astype(np.float32))
        columns["l"].append(np.where(is_leaf, -1, left + offset))
        right = np.asarray(tree["right_children"], dtype=np.int64)
        columns["r"].append(np.where(is_leaf, -1, right + offset))
        columns["d"].append(np.asarray(tree["default_left"], dtype=bool))
        columns["c"].append(np.asarray(tree["sum_hessian"], dtype=np.float64))
        # A leaf's split_conditions entry is its value, learning rate already applied.
        columns["v"].append(np.where(is_leaf, conditions, 0.0))
        starts.append(offset + len(left))
    joined = {k: np.concatenate(v) if v else np.zeros(0) for k, v in columns.items()}
    return _Trees(
        feature=joined["f"].astype(np.int32),
        threshold=joined["t"].astype(np.float32),
        left=joined["l"].astype(np.int32),
        right=joined["r"].astype(np.int32),
        default_left=joined["d"].astype(np.bool_),
        cover=joined["c"].astype(np.float64),
        value=joined["v"].astype(np.float64),
        tree_start=np.asarray(starts, dtype=np.int64),
    )


def _base_margin(learner: dict[str, Any]) -> float:
    """The booster's starting margin: base_score mapped through the objective's link."""
    raw = str(learner["learner_model_param"]["base_score"]).strip("[]").split(",")
    if len(raw) != 1:
        raise UnsupportedModelError("boosters with several outputs are not supported")
    score = float(raw[0])
    objective = learner["objective"]["name"]
    if objective in ("binary:logistic", "reg:logistic", "binary:logitraw"):
        return score if objective == "binary:logitraw" else math.log(score / (1.0 - score))
    if objective.startswith("reg:") and objective not in ("reg:gamma", "reg:tweedie"):
        return score
    raise UnsupportedModelError(f"objective {objective!r} is not supported")


@dataclass(frozen=True)
class _Leaf:
    node: int
    group: int  # the node whose group explains this leaf
    path: list[tuple[int, bool]]  # (split node, goes left) from the root


def _leaves_of(trees: _Trees, t: int) -> list[_Leaf]:
    """Tree t's leaves left to right, so that the leaves of every group are adjacent."""
    found: list[tuple[int, list[tuple[int, bool]]]] = []
    stack: list[tuple[int, list[tuple[int, bool]]]] = [(int(trees.tree_start[t]), [])]
    while stack:
        node, path = stack.pop()
        if trees.feature[node] == LEAF:
            found.append((node, path))
            continue
        stack.append((int(trees.right[node]), [*path, (node, False)]))
        stack.append((int(trees.left[node]), [*path, (node, True)]))
    cut = max(0, max(len(path) for _, path in found) - GROUP_HEIGHT)
    return [_Leaf(node, path[cut][0] if len(path) > cut else node, path) for node, path in found]


class _Tables:
    """The tables under construction: per-leaf games first, then per-group sums of them."""

    def __init__(self) -> None:
        # Start offsets (leaf_slots, leaf_games, key_start, …) open with 0: item i spans [i], [i + 1].
        self.leaf_slots, self.leaf_games = [0], [0]
        self.leaf_value: list[float] = []
        self.slot_feature: list[int] = []
        self.slot_zero: list[float] = []
        self.slot_nodes: list[int] = []
        self.slot_lefts: list[int] = []
        self.slot_position: list[int] = []
        self.tree_groups, self.group_leaves, self.key_start = [0], [0], [0]
        self.key_node: list[int] = []
        self.feature_start, self.table_start = [0], [0]
        self.group_feature: list[int] = []

    def add_leaf(self, trees: _Trees, first: int, leaf: _Leaf) -> None:
        """One slot per distinct feature on the path: its cover fraction and its nodes' bits."""
        slots: dict[int, int] = {}
        for split, goes_left in leaf.path:
            feature = int(trees.feature[split])
            child = trees.left[split] if goes_left else trees.right[split]
            share = trees.cover[child] / trees.cover[split] if trees.cover[split] > 0 else 0.0
            bit = 1 << (split - first)
            if feature not in slots:
                slots[feature] = len(self.slot_feature)
                self.slot_feature.append(feature)
                self.slot_zero.append(1.0)
                self.slot_nodes.append(0)
                self.slot_lefts.append(0)
            slot = slots[feature]
            self.slot_zero[slot] *= float(share)
            self.slot_nodes[slot] |= bit
            self.slot_lefts[slot] |= bit if goes_left else 0
        self.leaf_slots.append(len(self.slot_feature))
        self.leaf_games.append(self.leaf_games[-1] + (1 << len(slots)) * len(slots))
        self.leaf_value.append(float(trees.value[leaf.node]))

    def close_group(self, first: int, members: list[_Leaf]) -> None:
        """The group's keys are its leaves' path nodes; its features, those of their slots."""
        keys = sorted({split - first for member in members for split, _ in member.path})
        features = sorted(set(self.slot_feature[self.leaf_slots[self.group_leaves[-1]] :]))
        self.slot_position.extend(features.index(f) for f in self.slot_feature[len(self.slot_position) :])
        self.key_node.extend(keys)
        self.key_start.append(len(self.key_node))
        self.group_feature.extend(features)
        self.feature_start.append(len(self.group_feature))
        self.table_start.append(self.table_start[-1] + (1 << len(keys)) * len(features))
        self.group_leaves.append(len(self.leaf_value))

    def entries(self) -> int:
        return max(self.leaf_games[-1], self.table_start[-1])

    def build(self) -> tuple[_Groups, float]:
        slot_starts = np.asarray(self.leaf_slots, dtype=np.int64)
        game_starts = np.asarray(self.leaf_games, dtype=np.int64)
        games = np.zeros(int(game_starts[-1]), dtype=np.float64)
        weights = _shapley_weights(int(np.diff(slot_starts).max(initial=0)))
        zeros = np.asarray(self.slot_zero, dtype=np.float64)
        values = np.asarray(self.leaf_value, dtype=np.float64)
        expected = _fill_tables(slot_starts, zeros, values, game_starts, weights, games)
        groups = _Groups(
            tree_group_start=np.asarray(self.tree_groups, dtype=np.int64),
            key_start=np.asarray(self.key_start, dtype=np.int64),
            key_node=np.asarray(self.key_node, dtype=np.int64),
            feature_start=np.asarray(self.feature_start, dtype=np.int64),
            feature=np.asarray(self.group_feature, dtype=np.int32),
            table_start=np.asarray(self.table_start, dtype=np.int64),
            table=np.zeros(self.table_start[-1], dtype=np.float64),
        )
        _sum_groups(
            np.asarray(self.group_leaves, dtype=np.int64),
            groups.key_start,
            groups.key_node,
            groups.feature_start,
            groups.table_start,
            slot_starts,
            np.asarray(self.slot_nodes, dtype=np.uint64),
            np.asarray(self.slot_lefts, dtype=np.uint64),
            np.asarray(self.slot_position, dtype=np.int64),
            game_starts,
            games,
            groups.table,
        )
        return groups, float(expected)


def _tabulate(trees: _Trees, max_entries: int) -> tuple[_Groups, float]:
    """Tabulate every leaf's game and every group's sum of them; also return Σ of the leaves' expectations."""
    tables = _Tables()
    for t in range(len(trees.tree_start) - 1):
        first, last = int(trees.tree_start[t]), int(trees.tree_start[t + 1])
        if last - first > MAX_NODES_PER_TREE:
            raise UnsupportedModelError(f"tree {t} has more than {MAX_NODES_PER_TREE} nodes (deeper than 5)")
        leaves = _leaves_of(trees, t)
        start = 0
        for index, leaf in enumerate(leaves):
            tables.add_leaf(trees, first, leaf)
            if index + 1 == len(leaves) or leaves[index + 1].group != leaf.group:
                tables.close_group(first, leaves[start : index + 1])
                start = index + 1
        tables.tree_groups.append(len(tables.group_leaves) - 1)
        if tables.entries() > max_entries:
            raise UnsupportedModelError(f"the trees are too big to tabulate (over {max_entries:,} entries)")
    return tables.build()


def _shapley_weights(most: int) -> NDArray[np.float64]:
    """weights[u, s] = s! (u − s − 1)! / u!: the Shapley weight of a coalition of s among u players."""
    weights = np.zeros((most + 1, most + 1), dtype=np.float64)
    for u in range(1, most + 1):
        for s in range(u):
            weights[u, s] = math.factorial(s) * math.factorial(u - s - 1) / math.factorial(u)
    return weights


@numba.njit(cache=True)
def _fill_tables(slot_start, zeros, values, table_start, weights, table):  # type: ignore[no-untyped-def]
    expected = 0.0
    for leaf in range(len(values)):
        first = slot_start[leaf]
        u = slot_start[leaf + 1] - first
        v = values[leaf]
        nothing = v
        for j in range(u):
            nothing *= zeros[first + j]
        expected += nothing
        base = table_start[leaf]
        for mask in range(1 << u):
            for i in range(u):
                agreed = (mask >> i) & 1
                others = mask & ~(1 << i)
                total = 0.0
                subset = others
                while True:
                    # Coalition `subset` of agreed features: the rest of U (but i) enter through their covers.
                    product = 1.0
                    size = 0
                    for j in range(u):
                        if j == i:
                            continue
                        if (subset >> j) & 1:
                            size += 1
                        else:
                            product *= zeros[first + j]
                    total += weights[u, size] * product
                    if subset == 0:
                        break
                    subset = (subset - 1) & others
                table[base + mask * u + i] = v * (agreed - zeros[first + i]) * total
    return expected


@numba.njit(cache=True)
def _sum_groups(  # type: ignore[no-untyped-def]
    group_leaves,
    key_start,
    key_node,
    feature_start,
    table_start,
    slot_start,
    slot_nodes,
    slot_lefts,
    slot_position,
    game_start,
    games,
    table,
):
    for g in range(len(group_leaves) - 1):
        k0 = key_start[g]
        keys = key_start[g + 1] - k0
        width = feature_start[g + 1] - feature_start[g]
        for key in range(1 << keys):
            lefts = np.uint64(0)
            for k in range(keys):
                if (key >> k) & 1:
                    lefts |= np.uint64(1) << np.uint64(key_node[k0 + k])
            entry = table_start[g] + key * width
            for leaf in range(group_leaves[g], group_leaves[g + 1]):
                slots = slot_start[leaf]
                u = slot_start[leaf + 1] - slots
                mask = 0
                for s in range(u):
                    if lefts & slot_nodes[slots + s] == slot_lefts[slots + s]:
                        mask |= 1 << s
                game = game_start[leaf] + mask * u
                for s in range(u):
                    table[entry + slot_position[slots + s]] += games[game + s]


def _explain_rows(  # type: ignore[no-untyped-def]
    rows,
    feature,
    threshold,
    default_left,
    tree_start,
    tree_group_start,
    key_start,
    key_node,
    feature_start,
    group_feature,
    table_start,
    table,
    out,
):
    # Rows go in blocks, and each block meets one tree at a time, so that tree's tables stay in cache.
    blocks = (rows.shape[0] + ROW_BLOCK - 1) // ROW_BLOCK
    for b in numba.prange(blocks):
        low = b * ROW_BLOCK
        high = min(low + ROW_BLOCK, rows.shape[0])
        for t in range(len(tree_start) - 1):
            first = tree_start[t]
            for r in range(low, high):
                x = rows[r]
                phi = out[r]
                # Bit k of `lefts` says whether this row goes left at the tree's k-th node.
                lefts = np.uint64(0)
                for n in range(first, tree_start[t + 1]):
                    f = feature[n]
                    if f >= 0:
                        value = x[f]
                        left = default_left[n] if np.isnan(value) else value < threshold[n]
                        if left:
                            lefts |= np.uint64(1) << np.uint64(n - first)
                for g in range(tree_group_start[t], tree_group_start[t + 1]):
                    k0 = key_start[g]
                    key = 0
                    for k in range(key_start[g + 1] - k0):
                        if (lefts >> np.uint64(key_node[k0 + k])) & np.uint64(1):
                            key |= 1 << k
                    f0 = feature_start[g]
                    width = feature_start[g + 1] - f0
                    entry = table_start[g] + key * width
                    for s in range(width):
                        phi[group_feature[f0 + s]] += table[entry + s]


# Threads pay off from a few blocks of rows; one pupil on the serial kernel takes microseconds, not the
# milliseconds it takes to wake the thread pool.
_explain_rows_parallel = numba.njit(parallel=True, cache=True)(_explain_rows)
_explain_rows_serial = numba.njit(cache=True)(_explain_rows)
