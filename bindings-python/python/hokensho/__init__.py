"""hokensho: the rules of Japan's move from the paper health insurance card (健康保険証) to the My Number card
(マイナ保険証) and the eligibility certificate (資格確認書), for analysts, HR scripts and notebooks.

A thin binding of the Rust core: every answer comes from the core's JSON call/answer API, so it equals the Rust
answer byte for byte (``Assessment.to_json()``).

>>> import hokensho
>>> rules = hokensho.RuleSet.embedded()
>>> a = rules.assess({"id": "E-1", "insurer": "kenpo", "role": "insured", "birth_date": "1980-05-10",
...                   "coverage": {"acquired_on": "2010-04-01"},
...                   "legacy_card": {"issued_on": "2019-04-01"}}, "R7.12.2")
>>> a.needs_certificate.needed
True

Batches: :meth:`RuleSet.assess_many` (dicts in, answers or errors out, in order) and
:meth:`RuleSet.assess_frame` (a pandas or polars DataFrame in flat prefixed columns, see :func:`to_frame`).
Errors: :class:`Error` and its subclasses :class:`InvalidMember`, :class:`InvalidRules`, :class:`InvalidRequest`.
"""

from __future__ import annotations

from typing import Any, Literal, Mapping

from . import _native
from ._config import get_language, set_language
from ._examples import example_members
from ._labels import labels
from ._frame import frame_columns, to_frame
from ._frame import member_from_row as _member_from_row
from ._rules import DateArg, MemberLike, RuleSet
from .errors import Error, ErrorDetail, InvalidMember, InvalidRequest, InvalidRules
from .model import (
    Assessment,
    AssessmentWarning,
    Boundary,
    Care,
    Certificate,
    Change,
    Coverage,
    DateLike,
    DocumentStatus,
    ElderlyCertificate,
    FaceChange,
    LegacyCard,
    Member,
    MyNumberCard,
    NeedsCertificate,
    Notice,
    NumberOnFile,
    Obligation,
    Reason,
    Span,
    Summary,
    Timeline,
    TraceEntry,
    Upcoming,
    Usage,
)

def member_from_row(row: "Mapping[str, Any]", *, extra: "Literal['error', 'ignore']" = "error") -> dict[str, Any]:
    """A frame row (a pandas Series, a polars row as a dict, or any dict of flat columns such as
    ``certificates.0.issued_on``) back as the member it stands for: a dict in the contract's nested shape, built by
    the same Rust conversion as :meth:`RuleSet.assess_frame` (dates in any form it takes become ``YYYY-MM-DD``;
    a cell that does not convert stays as given). It never raises for the row's content, so
    ``rules.explain(member_from_row(row), on)`` works on any row: a good row is explained, a bad one raises
    :class:`InvalidMember` naming its first problem (the frame's ``error_message`` lists them all).
    ``extra='ignore'`` leaves out columns that are not member fields (the answer columns of a joined frame)."""
    return _member_from_row(row, extra=extra)


__version__: str = _native.VERSION
"""The package version (the workspace's)."""

RULE_IDS: tuple[str, ...] = tuple(_native.rule_ids())
"""The ids of the rules catalogue (``rules-catalogue.md``), in catalogue order."""

__all__ = [
    "example_members",
    "member_from_row",
    "labels",
    "RuleSet",
    "Assessment",
    "Timeline",
    "Summary",
    "Member",
    "Coverage",
    "NumberOnFile",
    "LegacyCard",
    "MyNumberCard",
    "Usage",
    "Certificate",
    "Notice",
    "ElderlyCertificate",
    "FaceChange",
    "DocumentStatus",
    "Reason",
    "Care",
    "NeedsCertificate",
    "Obligation",
    "Upcoming",
    "AssessmentWarning",
    "TraceEntry",
    "Change",
    "Span",
    "Boundary",
    "Error",
    "ErrorDetail",
    "InvalidMember",
    "InvalidRules",
    "InvalidRequest",
    "set_language",
    "get_language",
    "to_frame",
    "frame_columns",
    "DateArg",
    "DateLike",
    "MemberLike",
    "RULE_IDS",
    "__version__",
]
