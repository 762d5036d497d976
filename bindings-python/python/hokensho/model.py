"""Typed members (input) and typed answers (output).

Input: :class:`Member` and its parts mirror the contract's member record (``shared/spec/contract.md``); every
date is a :class:`datetime.date` or a ``YYYY-MM-DD`` string. ``Member.to_dict()`` gives the contract's dict, which
:meth:`hokensho.RuleSet.assess` also accepts directly.

Output: :class:`Assessment` and :class:`Timeline` hold the core's exact JSON text (``to_json()``) and expose it as
typed attributes (parsed on first use); dates become :class:`datetime.date`, codes stay the contract's strings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cached_property
from typing import Any, Mapping, Sequence, Union

__all__ = [
    "DateLike",
    "Member",
    "Coverage",
    "NumberOnFile",
    "LegacyCard",
    "MyNumberCard",
    "Certificate",
    "Notice",
    "ElderlyCertificate",
    "FaceChange",
    "Assessment",
    "DocumentStatus",
    "Reason",
    "Care",
    "NeedsCertificate",
    "Obligation",
    "Upcoming",
    "AssessmentWarning",
    "TraceEntry",
    "Timeline",
    "Change",
    "Span",
    "Boundary",
    "Summary",
]

DateLike = Union[date, str]
"""A date in a member record: a :class:`datetime.date` or a ``YYYY-MM-DD`` string."""


def _iso(d: DateLike | None) -> str | None:
    if d is None or isinstance(d, str):
        return d
    return d.isoformat()


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        out[key] = value


def _day(v: Any) -> date | None:
    return date.fromisoformat(v) if isinstance(v, str) else None


# ---------------------------------------------------------------------------------------------------------
# input


@dataclass(frozen=True)
class Coverage:
    """The coverage period: ``acquired_on`` (資格取得日, first covered day), ``lost_on`` (資格喪失日, first day
    without coverage), ``voluntary_continuation`` (任意継続)."""

    acquired_on: DateLike
    lost_on: DateLike | None = None
    voluntary_continuation: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``coverage`` object."""
        out: dict[str, Any] = {"acquired_on": _iso(self.acquired_on)}
        _put(out, "lost_on", _iso(self.lost_on))
        if self.voluntary_continuation:
            out["voluntary_continuation"] = True
        return out


@dataclass(frozen=True)
class NumberOnFile:
    """The insurer holds the member's individual number since ``received_on`` (dates only, never the number)."""

    received_on: DateLike
    registered_on: DateLike | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``number_on_file`` object."""
        out: dict[str, Any] = {"received_on": _iso(self.received_on)}
        _put(out, "registered_on", _iso(self.registered_on))
        return out


@dataclass(frozen=True)
class LegacyCard:
    """The paper health insurance card (健康保険証)."""

    issued_on: DateLike
    expires_on: DateLike | None = None
    lost_on: DateLike | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``legacy_card`` object."""
        out: dict[str, Any] = {"issued_on": _iso(self.issued_on)}
        _put(out, "expires_on", _iso(self.expires_on))
        _put(out, "lost_on", _iso(self.lost_on))
        return out


@dataclass(frozen=True)
class Usage:
    """How often the member used MC at clinics, as the insurer counted it (``cert.kouki-2026``): uses in the 12 and
    3 months up to ``counted_on``. Absent means unknown, never zero."""

    counted_on: DateLike
    last_12_months: int
    last_3_months: int

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``my_number_card.usage`` object."""
        return {
            "counted_on": _iso(self.counted_on),
            "last_12_months": self.last_12_months,
            "last_3_months": self.last_3_months,
        }


@dataclass(frozen=True)
class MyNumberCard:
    """The My Number card (マイナンバーカード) and its insurance-use registration (保険証利用登録)."""

    issued_on: DateLike
    expires_on: DateLike | None = None
    e_cert_expires_on: DateLike | None = None
    registered_on: DateLike | None = None
    cancelled_on: DateLike | None = None
    lost_on: DateLike | None = None
    usage: Usage | None = None

    def __post_init__(self) -> None:
        if isinstance(self.usage, Mapping):
            object.__setattr__(self, "usage", Usage(**self.usage))

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``my_number_card`` object."""
        out: dict[str, Any] = {"issued_on": _iso(self.issued_on)}
        for k in ("expires_on", "e_cert_expires_on", "registered_on", "cancelled_on", "lost_on"):
            _put(out, k, _iso(getattr(self, k)))
        if self.usage is not None:
            out["usage"] = self.usage.to_dict()
        return out


@dataclass(frozen=True)
class Certificate:
    """An eligibility certificate (資格確認書); ``basis`` is ``bulk``, ``application``, ``automatic`` or
    ``temporary``."""

    issued_on: DateLike
    basis: str
    expires_on: DateLike | None = None
    lost_on: DateLike | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract's certificate object."""
        out: dict[str, Any] = {"issued_on": _iso(self.issued_on)}
        _put(out, "expires_on", _iso(self.expires_on))
        out["basis"] = self.basis
        _put(out, "lost_on", _iso(self.lost_on))
        return out


@dataclass(frozen=True)
class Notice:
    """The eligibility-information notice (資格情報のお知らせ)."""

    issued_on: DateLike
    lost_on: DateLike | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``notice`` object."""
        out: dict[str, Any] = {"issued_on": _iso(self.issued_on)}
        _put(out, "lost_on", _iso(self.lost_on))
        return out


@dataclass(frozen=True)
class ElderlyCertificate:
    """The elderly certificate (高齢受給者証), for members aged 70 to 74."""

    issued_on: DateLike
    expires_on: DateLike | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``elderly_certificate`` object."""
        out: dict[str, Any] = {"issued_on": _iso(self.issued_on)}
        _put(out, "expires_on", _iso(self.expires_on))
        return out


@dataclass(frozen=True)
class FaceChange:
    """A change of the card face (記号・番号・氏名) on ``on``; ``reason`` is ``marriage``, ``transfer``,
    ``voluntary_continuation`` or ``other``."""

    on: DateLike
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """The contract's face-change object."""
        return {"on": _iso(self.on), "reason": self.reason}


@dataclass(frozen=True)
class Member:
    """One member of one insurer, in the contract's shape (never the individual number itself).

    ``insurer`` is a profile id (``kenpo``, ``kyokai``, ``kyosai``, ``kokuho``, ``kouki`` or a loaded one),
    ``role`` is ``insured`` or ``dependent``. Documents the member does not hold are ``None``.
    """

    id: str
    insurer: str
    role: str
    birth_date: DateLike
    coverage: Coverage
    abroad: bool = False
    needs_assistance: bool = False
    number_on_file: NumberOnFile | None = None
    legacy_card: LegacyCard | None = None
    my_number_card: MyNumberCard | None = None
    certificates: Sequence[Certificate] = field(default_factory=tuple)
    notice: Notice | None = None
    elderly_certificate: ElderlyCertificate | None = None
    face_changes: Sequence[FaceChange] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """The contract's member record (absent documents and default flags left out)."""
        out: dict[str, Any] = {
            "id": self.id,
            "insurer": self.insurer,
            "role": self.role,
            "birth_date": _iso(self.birth_date),
        }
        if self.abroad:
            out["abroad"] = True
        if self.needs_assistance:
            out["needs_assistance"] = True
        out["coverage"] = self.coverage.to_dict()
        for k in ("number_on_file", "legacy_card", "my_number_card"):
            v = getattr(self, k)
            if v is not None:
                out[k] = v.to_dict()
        if self.certificates:
            out["certificates"] = [c.to_dict() for c in self.certificates]
        for k in ("notice", "elderly_certificate"):
            v = getattr(self, k)
            if v is not None:
                out[k] = v.to_dict()
        if self.face_changes:
            out["face_changes"] = [f.to_dict() for f in self.face_changes]
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Member:
        """A member from the contract's dict (dates stay as given; the core validates them on assessment)."""

        def part(k: str, t: Any) -> Any:
            v = d.get(k)
            return None if v is None else t(**v)

        return cls(
            id=d["id"],
            insurer=d["insurer"],
            role=d["role"],
            birth_date=d["birth_date"],
            coverage=Coverage(**d["coverage"]),
            abroad=bool(d.get("abroad", False)),
            needs_assistance=bool(d.get("needs_assistance", False)),
            number_on_file=part("number_on_file", NumberOnFile),
            legacy_card=part("legacy_card", LegacyCard),
            my_number_card=part("my_number_card", MyNumberCard),
            certificates=tuple(Certificate(**c) for c in d.get("certificates") or ()),
            notice=part("notice", Notice),
            elderly_certificate=part("elderly_certificate", ElderlyCertificate),
            face_changes=tuple(FaceChange(**f) for f in d.get("face_changes") or ()),
        )


# ---------------------------------------------------------------------------------------------------------
# output


def _plain(v: Any) -> Any:
    """A value as plain data: dates as ISO strings, typed parts as dicts, lists as lists."""
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, _ToDict):
        return v.to_dict()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


class _ToDict:
    """``to_dict()`` for the typed answer parts: the contract's names (``from`` for ``from_``) and ISO dates."""

    def to_dict(self) -> dict[str, Any]:
        """The plain data of this part, as the core's JSON names it."""
        return {("from" if f.name == "from_" else f.name): _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class Reason(_ToDict):
    """The rule behind a document's status, with a stable code and texts (``None`` without messages)."""

    rule: str
    code: str
    en: str | None = None
    ja: str | None = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Reason:
        """From the core's JSON object."""
        return cls(d["rule"], d["code"], d.get("en"), d.get("ja"))


@dataclass(frozen=True)
class DocumentStatus(_ToDict):
    """A document's line: ``document``, its ``status`` on the day, the usable window and the deciding rule.
    ``index`` is the position in ``certificates`` for certificates."""

    document: str
    status: str
    valid_from: date | None
    valid_through: date | None
    reason: Reason
    index: int | None = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> DocumentStatus:
        """From the core's JSON object."""
        return cls(
            d["document"],
            d["status"],
            _day(d.get("valid_from")),
            _day(d.get("valid_through")),
            Reason.from_dict(d["reason"]),
            d.get("index"),
        )


@dataclass(frozen=True)
class Care(_ToDict):
    """What to show at the counter: each inner list is one set of things that gives insured care that day."""

    options: list[list[str]]
    if_online_check_fails: list[list[str]]
    provisional: list[list[str]]
    full_payment: bool = False
    """Covered but nothing usable: pay the full cost and claim the insurer's share back (``care.full-payment``)."""

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Care:
        """From the core's JSON object."""
        return cls(
            [list(x) for x in d.get("options", [])],
            [list(x) for x in d.get("if_online_check_fails", [])],
            [list(x) for x in d.get("provisional", [])],
            d.get("full_payment") is not None,
        )


@dataclass(frozen=True)
class NeedsCertificate(_ToDict):
    """Whether the member must obtain a certificate that day, why (a code) and since when (``from_``)."""

    needed: bool
    reason: str | None
    from_: date | None
    en: str | None = None
    ja: str | None = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> NeedsCertificate:
        """From the core's JSON object."""
        return cls(bool(d["needed"]), d.get("reason"), _day(d.get("from")), d.get("en"), d.get("ja"))


@dataclass(frozen=True)
class Obligation(_ToDict):
    """A duty (``required``) or an action the member may take, with its window ``from_`` … ``until``."""

    action: str
    document: str
    actor: str
    via: str | None
    from_: date | None
    until: date | None
    required: bool
    rule: str
    index: int | None = None
    delivery: str | None = None
    en: str | None = None
    ja: str | None = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Obligation:
        """From the core's JSON object."""
        return cls(
            d["action"],
            d["document"],
            d["actor"],
            d.get("via"),
            _day(d.get("from")),
            _day(d.get("until")),
            bool(d.get("required", False)),
            d["rule"],
            d.get("index"),
            d.get("delivery"),
            d.get("en"),
            d.get("ja"),
        )


@dataclass(frozen=True)
class Upcoming(_ToDict):
    """A dated change ahead: ``event`` on ``on``, decided by ``rule``."""

    on: date
    event: str
    rule: str
    document: str | None = None
    index: int | None = None
    en: str | None = None
    ja: str | None = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Upcoming:
        """From the core's JSON object."""
        return cls(
            date.fromisoformat(d["on"]),
            d["event"],
            d["rule"],
            d.get("document"),
            d.get("index"),
            d.get("en"),
            d.get("ja"),
        )


@dataclass(frozen=True)
class AssessmentWarning(_ToDict):
    """Something doubtful about the answer (a code, the rule concerned, texts)."""

    code: str
    rule: str | None
    en: str | None = None
    ja: str | None = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> AssessmentWarning:
        """From the core's JSON object."""
        return cls(d["code"], d.get("rule"), d.get("en"), d.get("ja"))


@dataclass(frozen=True)
class TraceEntry(_ToDict):
    """One step of the reasoning: the rule, what it decided, and its sources."""

    rule: str
    outcome: str
    sources: list[str]
    document: str | None = None
    index: int | None = None
    on: date | None = None
    decision: str | None = None
    revisions: list[dict[str, Any]] | None = None
    """The revisions the rule's values came from (``parameter``, ``announced_on``, ``sources``), when revised."""

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TraceEntry:
        """From the core's JSON object."""
        return cls(
            d["rule"],
            d["outcome"],
            list(d.get("sources", [])),
            d.get("document"),
            d.get("index"),
            _day(d.get("on")),
            d.get("decision"),
            [dict(x) for x in d["revisions"]] if d.get("revisions") else None,
        )


class _Answer:
    """An answer of the core held as its exact JSON text, parsed on first use."""

    def __init__(self, json_text: str) -> None:
        self._json = json_text

    def to_json(self) -> str:
        """The exact JSON text of the core's ``result`` (byte for byte what Rust and the CLI write)."""
        return self._json

    @cached_property
    def _d(self) -> dict[str, Any]:
        d: dict[str, Any] = json.loads(self._json)
        return d

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain Python data (a fresh copy; dates stay ``YYYY-MM-DD`` strings)."""
        d: dict[str, Any] = json.loads(self._json)
        return d

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and isinstance(other, _Answer) and self._json == other._json

    def __hash__(self) -> int:
        return hash(self._json)

    def __getstate__(self) -> str:
        return self._json

    def __setstate__(self, state: str) -> None:
        self._json = state


class Assessment(_Answer):
    """The answer for one member on one date (the contract's assessment).

    Attributes are typed views of the core's answer; :meth:`to_json` is its exact text and :meth:`to_dict` the
    plain data. In a notebook it displays as a table (:meth:`_repr_html_`).
    """

    @property
    def id(self) -> str:
        """The member's id, as given."""
        return str(self._d["id"])

    @property
    def on(self) -> date:
        """The query date."""
        return date.fromisoformat(self._d["on"])

    @property
    def rules_as_of(self) -> date | None:
        """The knowledge date the answer used: the ``rules_as_of`` asked for, else the latest announcement."""
        return _day(self._d.get("rules_as_of"))

    @property
    def covered(self) -> bool:
        """Whether coverage holds on that date."""
        return bool(self._d["covered"])

    @property
    def age(self) -> int:
        """Age in whole years on that date."""
        return int(self._d["age"])

    @cached_property
    def documents(self) -> list[DocumentStatus]:
        """One line per document the record holds."""
        return [DocumentStatus.from_dict(x) for x in self._d["documents"]]

    @cached_property
    def care(self) -> Care:
        """What to show at the counter."""
        return Care.from_dict(self._d["care"])

    @cached_property
    def needs_certificate(self) -> NeedsCertificate:
        """Whether a certificate must be obtained."""
        return NeedsCertificate.from_dict(self._d["needs_certificate"])

    @cached_property
    def obligations(self) -> list[Obligation]:
        """Duties and actions whose window contains the date."""
        return [Obligation.from_dict(x) for x in self._d["obligations"]]

    @cached_property
    def upcoming(self) -> list[Upcoming]:
        """Dated changes after the date, earliest first."""
        return [Upcoming.from_dict(x) for x in self._d["upcoming"]]

    @cached_property
    def warnings(self) -> list[AssessmentWarning]:
        """What is doubtful about the answer."""
        return [AssessmentWarning.from_dict(x) for x in self._d["warnings"]]

    @cached_property
    def trace(self) -> list[TraceEntry]:
        """Every rule that decided something, with its sources (empty with ``trace=False``)."""
        return [TraceEntry.from_dict(x) for x in self._d["trace"]]

    def document(self, name: str, index: int | None = None) -> DocumentStatus | None:
        """The line of document ``name`` (for certificates, the one at ``index``, or the first), if held."""
        for d in self.documents:
            if d.document == name and (index is None or d.index == index):
                return d
        return None

    def __repr__(self) -> str:
        return (
            f"Assessment(id={self.id!r}, on={self.on.isoformat()}, covered={self.covered}, "
            f"needs_certificate={self.needs_certificate.needed})"
        )

    def _repr_html_(self, lang: str | None = None) -> str:
        """A compact HTML table of documents, counter options and obligations, in ``lang`` (default: the
        package language, :func:`hokensho.set_language`)."""
        from ._display import assessment_html

        return assessment_html(self, lang)

    def to_html(self, lang: str | None = None) -> str:
        """The same table as :meth:`_repr_html_`, in ``lang``."""
        return self._repr_html_(lang)


@dataclass(frozen=True)
class Change(_ToDict):
    """One dated change of a timeline (coverage, a document's status, an obligation, the need for a
    certificate)."""

    on: date
    kind: str
    rule: str
    document: str | None = None
    index: int | None = None
    status: str | None = None
    previous: str | None = None
    action: str | None = None
    value: bool | None = None
    en: str | None = None
    ja: str | None = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Change:
        """From the core's JSON object."""
        return cls(
            date.fromisoformat(d["on"]),
            d["kind"],
            d["rule"],
            d.get("document"),
            d.get("index"),
            d.get("status"),
            d.get("previous"),
            d.get("action"),
            d.get("value"),
            d.get("en"),
            d.get("ja"),
        )


@dataclass(frozen=True)
class Span(_ToDict):
    """A period (``from_`` … ``to``, inclusive) of constant ``status`` of one document."""

    document: str
    status: str
    from_: date
    to: date
    index: int | None = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Span:
        """From the core's JSON object."""
        return cls(
            d["document"], d["status"], date.fromisoformat(d["from"]), date.fromisoformat(d["to"]), d.get("index")
        )


@dataclass(frozen=True)
class Boundary(_ToDict):
    """A rule boundary (a national or profile date) inside the timeline's range."""

    on: date
    rule: str

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Boundary:
        """From the core's JSON object."""
        return cls(date.fromisoformat(d["on"]), d["rule"])


class Timeline(_Answer):
    """Every dated change of one member between two dates, with the periods of constant status per document
    (``spans``) and the rule ``boundaries``; in a notebook it draws as an SVG chart (:meth:`_repr_svg_`)."""

    @property
    def id(self) -> str:
        """The member's id."""
        return str(self._d["id"])

    @property
    def from_(self) -> date:
        """The first day."""
        return date.fromisoformat(self._d["from"])

    @property
    def to(self) -> date:
        """The last day."""
        return date.fromisoformat(self._d["to"])

    @cached_property
    def changes(self) -> list[Change]:
        """The changes, by date (the first day lists the starting state)."""
        return [Change.from_dict(x) for x in self._d["changes"]]

    @cached_property
    def spans(self) -> list[Span]:
        """Periods of constant status per document."""
        return [Span.from_dict(x) for x in self._d["spans"]]

    @cached_property
    def boundaries(self) -> list[Boundary]:
        """Rule boundaries inside the range."""
        return [Boundary.from_dict(x) for x in self._d["boundaries"]]

    def __repr__(self) -> str:
        return (
            f"Timeline(id={self.id!r}, from_={self.from_.isoformat()}, to={self.to.isoformat()}, "
            f"changes={len(self.changes)})"
        )

    mark: date | None = None
    """The assessed date to mark on the chart (set it, or pass ``mark=`` to :meth:`to_svg`)."""

    def _repr_svg_(self, lang: str | None = None) -> str:
        """Document validity as coloured bars on a date axis, rule boundaries as labelled vertical lines, the
        assessed date (:attr:`mark`) and a legend (in ``lang``, default: the package language)."""
        from ._display import timeline_svg

        return timeline_svg(self, lang, self.mark)

    def to_svg(self, lang: str | None = None, mark: date | None = None) -> str:
        """The same chart as :meth:`_repr_svg_`, in ``lang``, marking ``mark`` (default: :attr:`mark`)."""
        from ._display import timeline_svg

        return timeline_svg(self, lang, mark if mark is not None else self.mark)


@dataclass(frozen=True)
class Summary(_ToDict):
    """One member's row for tables (the core's ``Summary``): per-document status, the need for a certificate,
    the next obligation and the next event."""

    id: str
    covered: bool
    legacy_card: str | None
    my_number_card: str | None
    certificate: str | None
    notice: str | None
    elderly_certificate: str | None
    needs_certificate: bool
    needs_reason: str | None
    needs_from: date | None
    next_action: str | None
    next_document: str | None
    next_from: date | None
    next_until: date | None
    next_event: str | None
    next_event_on: date | None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Summary:
        """From the core's JSON object."""
        return cls(
            d["id"],
            bool(d["covered"]),
            d.get("legacy_card"),
            d.get("my_number_card"),
            d.get("certificate"),
            d.get("notice"),
            d.get("elderly_certificate"),
            bool(d["needs_certificate"]),
            d.get("needs_reason"),
            _day(d.get("needs_from")),
            d.get("next_action"),
            d.get("next_document"),
            _day(d.get("next_from")),
            _day(d.get("next_until")),
            d.get("next_event"),
            _day(d.get("next_event_on")),
        )
