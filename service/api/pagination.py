"""Paging limits shared by every list: a page holds at most `MAX_PAGE` items, and offsets stay within what
every database's integers hold."""

from __future__ import annotations

from typing import Final

MAX_PAGE: Final = 200
MAX_OFFSET: Final = 1_000_000_000
