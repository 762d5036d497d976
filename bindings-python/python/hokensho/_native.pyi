"""Type stubs of the native half of hokensho (built from ``bindings-python/src`` with pyo3).

Everything here is internal: use the ``hokensho`` package instead.
"""

from os import PathLike
from typing import Any

import numpy as np
import numpy.typing as npt

INTERNAL: str
VERSION: str

class CoreError(Exception):
    """An error envelope from the core (``args[0]`` is its JSON text)."""

class Rules:
    """A loaded rule set (``hokensho::RuleSet``)."""

    @staticmethod
    def embedded() -> Rules: ...
    @staticmethod
    def from_dir(path: str | PathLike[str]) -> Rules: ...
    def profile_ids(self) -> list[str]: ...
    def assess_json(self, request: str) -> str: ...
    def assess_many_json(self, request: str) -> str: ...
    def assess(self, request: str) -> tuple[bool, str]: ...
    def assess_many(self, request: str) -> list[tuple[bool, str]]: ...
    def timeline_json(self, request: str) -> str: ...
    def explain_json(self, request: str) -> str: ...
    def summaries_json(self, request: str) -> str: ...
    def frame(
        self,
        on: str,
        ids: list[Any],
        dates: list[npt.NDArray[np.int64] | None],
        codes: list[npt.NDArray[np.int32] | None],
        n_certs: int,
        n_faces: int,
        unknown: list[tuple[str, npt.NDArray[np.uint8]]],
        out_codes: npt.NDArray[np.int8],
        out_dates: npt.NDArray[np.int64],
        threads: int,
    ) -> list[tuple[int, str]]: ...

def rule_ids() -> list[str]: ...
def _panic_selftest() -> str: ...
def labels(lang: str) -> dict[str, dict[str, str]]: ...
def frame_schema() -> dict[str, Any]: ...
