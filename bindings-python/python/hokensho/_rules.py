"""``RuleSet``: the core's rule set and its calls, through the core's JSON call/answer API."""

from __future__ import annotations

import json
import math
import os
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, Iterable, Literal, Mapping, Union

from . import _config, _native
from .errors import Error, InvalidMember, InvalidRequest, from_envelope
from .model import Assessment, Member, Summary, Timeline

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

__all__ = ["RuleSet", "MemberLike", "DateArg"]

MemberLike = Union[Mapping[str, Any], Member]
"""A member: a dict in the contract's shape (dates as ``date`` or ``YYYY-MM-DD``) or a :class:`Member`."""

DateArg = Union[date, str]
"""A query date: a :class:`datetime.date`, a ``YYYY-MM-DD`` string or a Japanese-era string (``令和7年12月1日``,
``R7.12.1``); strings go to the core unchanged, which parses them."""

_OK = '{"ok":true,"result":'


def _result(envelope: str) -> str:
    """The exact text of an envelope's ``result``, or raises the envelope's error."""
    if envelope.startswith(_OK) and envelope.endswith("}"):
        return envelope[len(_OK) : -1]
    raise from_envelope(envelope)


def _date_arg(value: Any, path: str) -> str:
    """A query date as the text the core parses."""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if type(value).__name__ == "datetime64" and hasattr(value, "astype"):
        return str(value.astype("datetime64[D]"))
    raise InvalidRequest.single(
        "invalid_type",
        path,
        f"`{path}` must be a date (datetime.date, YYYY-MM-DD or a Japanese-era date such as `令和7年12月1日`)",
        f"`{path}` は日付（datetime.date、YYYY-MM-DD、または 令和7年12月1日 などの和暦）でなければなりません",
    )


class _NotJson(Exception):
    pass


def _default(o: Any) -> Any:
    """JSON for the Python values a member may hold besides JSON's own: dates, typed members, missing values."""
    if isinstance(o, datetime):
        if o != o:  # NaT
            return None
        if o.time() == time(0) and o.tzinfo is None:
            return o.date().isoformat()
        return o.isoformat()
    if isinstance(o, date):
        return o.isoformat()
    to_dict = getattr(o, "to_dict", None)
    if callable(to_dict) and not isinstance(o, type):
        return to_dict()
    if type(o).__name__ in ("NAType", "NaTType"):  # pandas.NA, pandas.NaT
        return None
    item = getattr(o, "item", None)  # numpy scalars
    if callable(item) and type(o).__module__ == "numpy":
        v = item()
        if isinstance(v, (bool, int, float, str)):
            return v
        if isinstance(v, (date, datetime)):
            return _default(v)
    raise _NotJson()


def _nan_to_none(v: Any) -> Any:
    """Missing floats (NaN, as pandas fills them) become null."""
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, Mapping):
        return {k: _nan_to_none(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_nan_to_none(x) for x in v]
    return v


def _bad_path(v: Any, path: str = "") -> str:
    """The path of the first value that is not JSON (for the error; the value itself is never repeated)."""
    if isinstance(v, Mapping):
        for k, x in v.items():
            key = k if isinstance(k, str) and k.replace("_", "a").isalnum() and len(k) <= 64 else "?"
            p = f"{path}.{key}" if path else key
            if not isinstance(k, (str, int, float, bool)) and k is not None:
                return p
            found = _bad_path(x, p)
            if found:
                return found
        return ""
    if isinstance(v, (list, tuple)):
        for i, x in enumerate(v):
            found = _bad_path(x, f"{path}[{i}]")
            if found:
                return found
        return ""
    if isinstance(v, (str, int, float, bool)) or v is None:
        return ""
    try:
        _default(v)
        return ""
    except _NotJson:
        return path or "?"


def _dumps(v: Any) -> str:
    return json.dumps(v, default=_default, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def encode_member(member: Any) -> str:
    """The JSON text of a member (dict or :class:`Member`); raises :class:`InvalidMember` for a value JSON cannot
    hold (the error names its path, never the value)."""
    if isinstance(member, Member):
        member = member.to_dict()
    try:
        return _dumps(member)
    except (_NotJson, TypeError, ValueError, RecursionError):
        pass
    try:
        return _dumps(_nan_to_none(member))  # NaN (as pandas fills missing values) means null
    except (_NotJson, TypeError, ValueError, RecursionError):
        try:
            path = _bad_path(member)
        except RecursionError:
            path = "?"
        raise InvalidMember.single(
            "invalid_type",
            path,
            f"`{path}` holds a value that is not JSON (a string, number, boolean, date, list or dict)",
            f"`{path}` に JSON にできない値があります（文字列・数値・真偽値・日付・リスト・辞書のみ）",
        ) from None


def _known(rules_as_of: Any) -> str:
    """The request's ``rules_as_of`` member (the knowledge date), or nothing for the latest rules."""
    if rules_as_of is None:
        return ""
    return f',"rules_as_of":{_dumps(_date_arg(rules_as_of, "rules_as_of"))}'


def _options(messages: bool, trace: bool) -> str:
    return f'{{"messages":{"true" if messages else "false"},"trace":{"true" if trace else "false"}}}'


_EMBEDDED: list[RuleSet] = []

BATCH = 1000
"""Members per call of the core's batch API in :meth:`RuleSet.assess_many`."""


class RuleSet:
    """A validated rule set: the national parameters and every insurer profile.

    Load it with :meth:`embedded` (the rules compiled into the package) or :meth:`from_dir` (a directory laid out
    like the repository's ``rules/``). It is immutable and safe to share between threads.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Rules) -> None:
        """Wraps a native rule set; use :meth:`embedded` or :meth:`from_dir`."""
        self._native = native

    @classmethod
    def embedded(cls) -> RuleSet:
        """The rules compiled into the package (loaded once, then shared)."""
        if not _EMBEDDED:
            try:
                _EMBEDDED.append(cls(_native.Rules.embedded()))
            except _native.CoreError as e:
                raise from_envelope(str(e.args[0])) from None
        return _EMBEDDED[0]

    @classmethod
    def from_dir(cls, path: str | os.PathLike[str]) -> RuleSet:
        """Rules read from ``path`` (``national.toml`` and ``profiles/*.toml``); raises :class:`InvalidRules` naming
        the file and key of the first problem."""
        try:
            return cls(_native.Rules.from_dir(os.fspath(path)))
        except _native.CoreError as e:
            raise from_envelope(str(e.args[0])) from None

    @property
    def profile_ids(self) -> list[str]:
        """The insurer profiles of the rule set (the values ``Member.insurer`` may take)."""
        return self._native.profile_ids()

    def __repr__(self) -> str:
        return f"RuleSet(profiles={self.profile_ids!r})"

    # -----------------------------------------------------------------------------------------------------
    # single calls

    def assess(
        self,
        member: MemberLike,
        on: DateArg,
        *,
        messages: bool = True,
        trace: bool = True,
        rules_as_of: DateArg | None = None,
    ) -> Assessment:
        """Assesses ``member`` on ``on`` (the core's ``assess`` call).

        ``member`` is a dict in the contract's shape or a :class:`Member`; ``on`` a :class:`datetime.date`, an
        ISO string or a Japanese-era string (``'令和7年12月1日'``, ``'R7.12.1'``). ``messages=False`` leaves out
        the English and Japanese texts, ``trace=False`` the trace. ``rules_as_of`` answers with the rules as
        announced by that day (the knowledge date; default: the latest revisions). Raises :class:`InvalidMember`
        or :class:`InvalidRequest`.
        """
        request = (
            f'{{"member":{encode_member(member)},"on":{_dumps(_date_arg(on, "on"))},'
            f'"options":{_options(messages, trace)}{_known(rules_as_of)}}}'
        )
        ok, text = self._native.assess(request)
        if not ok:
            raise from_envelope(text)
        return Assessment(text)

    def timeline(
        self,
        member: MemberLike,
        start: DateArg,
        end: DateArg,
        *,
        messages: bool = True,
        rules_as_of: DateArg | None = None,
    ) -> Timeline:
        """Every dated change of ``member`` between ``start`` and ``end`` (inclusive; the core's ``timeline``
        call). Draws as SVG in a notebook."""
        request = (
            f'{{"member":{encode_member(member)},"from":{_dumps(_date_arg(start, "from"))},'
            f'"to":{_dumps(_date_arg(end, "to"))},"options":{{"messages":{"true" if messages else "false"}}}'
            f"{_known(rules_as_of)}}}"
        )
        return Timeline(_result(self._native.timeline_json(request)))

    def calendar(
        self,
        member: MemberLike,
        start: DateArg,
        end: DateArg,
        *,
        lang: Literal["ja", "en"] | None = None,
        alarm_days: int = 7,
        rules_as_of: DateArg | None = None,
    ) -> str:
        """The timeline of ``member`` between ``start`` and ``end`` as an iCalendar file (RFC 5545; the core's
        ``calendar`` call): all-day events for every dated change and rule boundary, each obligation over its
        window with a reminder ``alarm_days`` days before its deadline, texts in ``lang`` (default: the package
        language). The text has CRLF line ends: write it with ``open(path, "w", newline="")`` or as bytes
        (``.encode()``), which equal the CLI's ``timeline --format ics`` output."""
        request = (
            f'{{"member":{encode_member(member)},"from":{_dumps(_date_arg(start, "from"))},'
            f'"to":{_dumps(_date_arg(end, "to"))},'
            f'"lang":{_dumps(_config.get_language() if lang is None else lang)},'
            f'"alarm_days":{_dumps(alarm_days)}{_known(rules_as_of)}}}'
        )
        text: str = json.loads(_result(self._native.calendar_json(request)))
        return text

    def explain(
        self,
        member: MemberLike,
        on: DateArg,
        lang: Literal["ja", "en"] | None = None,
        *,
        rules_as_of: DateArg | None = None,
    ) -> str:
        """The assessment of ``member`` on ``on`` as readable text (the core's ``explain`` call) in ``lang``:
        ``'ja'`` or ``'en'`` (default: the package language, :func:`hokensho.set_language`)."""
        request = (
            f'{{"member":{encode_member(member)},"on":{_dumps(_date_arg(on, "on"))},'
            f'"lang":{_dumps(_config.get_language() if lang is None else lang)}{_known(rules_as_of)}}}'
        )
        text: str = json.loads(_result(self._native.explain_json(request)))
        return text

    # -----------------------------------------------------------------------------------------------------
    # batches

    def _batch(self, records: Iterable[MemberLike]) -> tuple[list[str | Error], list[str]]:
        """Each record's JSON text, or its error when JSON cannot hold it; and the texts alone."""
        out: list[str | Error] = []
        texts: list[str] = []
        for r in records:
            try:
                t = encode_member(r)
            except Error as e:
                out.append(e)
                continue
            out.append(t)
            texts.append(t)
        return out, texts

    def assess_many(
        self,
        records: Iterable[MemberLike],
        on: DateArg,
        *,
        messages: bool = True,
        trace: bool = True,
        rules_as_of: DateArg | None = None,
    ) -> list[Assessment | Error]:
        """Assesses every record on ``on`` (the core's ``assess_many`` call): one answer per record, in order —
        an :class:`Assessment`, or the record's :class:`Error` (returned, not raised). Raises only when the
        request itself is bad (``on``). Records go to the core in batches of ``BATCH`` (bounded memory)."""
        day = _dumps(_date_arg(on, "on"))
        options = _options(messages, trace) + _known(rules_as_of)
        out: list[Assessment | Error] = []
        encoded: list[str | Error] = []
        texts: list[str] = []

        def flush() -> None:
            request = f'{{"members":[{",".join(texts)}],"on":{day},"options":{options}}}'
            try:
                answers = iter(self._native.assess_many(request))
            except _native.CoreError as e:
                raise from_envelope(str(e.args[0])) from None
            for x in encoded:
                if isinstance(x, Error):
                    out.append(x)
                    continue
                ok, text = next(answers)
                out.append(Assessment(text) if ok else from_envelope(text))
            encoded.clear()
            texts.clear()

        for r in records:
            try:
                t = encode_member(r)
            except Error as e:
                encoded.append(e)
                continue
            encoded.append(t)
            texts.append(t)
            if len(texts) >= BATCH:
                flush()
        if encoded or not out:
            flush()
        return out

    def summaries(
        self, records: Iterable[MemberLike], on: DateArg, *, rules_as_of: DateArg | None = None
    ) -> list[Summary | Error]:
        """One table row per record on ``on`` (the core's ``summaries`` call), in order: a :class:`Summary`, or
        the record's :class:`Error`. :meth:`assess_frame` gives the same rows as a DataFrame, faster."""
        encoded, texts = self._batch(records)
        request = f'{{"members":[{",".join(texts)}],"on":{_dumps(_date_arg(on, "on"))}{_known(rules_as_of)}}}'
        rows = iter(json.loads(_result(self._native.summaries_json(request))))
        out: list[Summary | Error] = []
        for x in encoded:
            if isinstance(x, Error):
                out.append(x)
                continue
            env = next(rows)
            out.append(Summary.from_dict(env["result"]) if env.get("ok") else from_envelope(env))
        return out

    def changes(self, since: DateArg | None = None) -> list[dict[str, Any]]:
        """The change log of the transition (the core's ``changes`` call): every revision of a rule value in order
        of announcement, each a dict with ``announced_on``, ``rule``, ``profile`` (None: every insurer),
        ``parameter``, ``previous``, ``value``, ``sources``, ``en`` and ``ja``; only those announced on or after
        ``since`` when given."""
        request = "{}" if since is None else f'{{"since":{_dumps(_date_arg(since, "since"))}}}'
        result: list[dict[str, Any]] = json.loads(_result(self._native.changes_json(request)))
        return result

    def assess_frame(
        self,
        df: Any,
        on: Any,
        *,
        extra: Literal["error", "ignore"] = "error",
        threads: int | None = None,
        full: bool = False,
        rules_as_of: DateArg | None = None,
        labels: Literal["ja", "en"] | None = None,
        lang: Literal["ja", "en"] | None = None,
    ) -> Any:
        """Assesses every row of a frame on ``on`` (with the rules as announced by ``rules_as_of``, default: the
        latest); returns the same kind of frame with one row per input row, in
        order (pandas: the same index).

        ``df``: a pandas (Arrow-backed or not) or polars DataFrame (or LazyFrame), a pyarrow Table, RecordBatch or
        RecordBatchReader (answered as a lazy RecordBatchReader), a DuckDB relation, or any object with the Arrow
        PyCapsule interface (``__arrow_c_stream__`` / ``__arrow_c_array__``; answered as a pyarrow Table).

        ``on``: one date (``datetime.date``, ``YYYY-MM-DD``, ``令和7年12月1日``, ``R7.12.1``), the name of a column of
        ``df`` holding each row's date, or a Series/array with one date per row.

        Input: one row per member, in flat prefixed columns (see :func:`hokensho.to_frame`, the package README and
        ``columnar/schema.json``): ``id, insurer, role, birth_date, abroad, needs_assistance,
        coverage.acquired_on, …, legacy_card.issued_on, …, certificates.0.issued_on, certificates.0.basis, …,
        face_changes.0.on, …``. A document is present iff any of its columns is non-null; dates are dates,
        datetimes, ISO, ``2025/4/1`` or Japanese-era strings; missing optional columns mean null. A column the
        contract does not know is an ``unknown_field`` error on each row where it holds a value
        (``extra='ignore'`` drops such columns).

        Output columns: ``id, covered``, the status of ``legacy_card, my_number_card, certificate, notice,
        elderly_certificate``, ``needs_certificate, needs_reason, needs_from, next_action, next_document,
        next_from, next_until, next_event, next_event_on`` (the core's ``Summary``: codes as categoricals, dates
        as dates), then the error columns, all null for a good row — a bad row never raises and is never dropped:
        ``error_code`` and ``error_path`` (the first error), ``error`` (every error of the row as ``code: path``,
        joined by ``'; '``) and ``error_message`` (every error's message in ``lang``, joined by ``'; '``). Paths are
        spelled as the columns are (``certificates.0.expires_on``; a Japanese header such as ``氏名`` as it is);
        messages say what was expected, never the value given. ``full=True`` adds ``assessment``: each row's full
        answer as the core's JSON envelope.

        ``labels='ja'`` or ``'en'``: the coded columns carry the core's labels (``期限切れ``, ``expired``) as
        categoricals in the vocabulary's order, instead of the codes (:func:`hokensho.labels` gives the same
        table). ``lang``: the language of ``error_message`` (default: the package language,
        :func:`hokensho.set_language`).

        The core runs without the GIL, on ``threads`` threads (default: 2, or 1 for small frames).
        """
        from ._frame import assess_frame

        return assess_frame(
            self._native,
            df,
            on,
            extra=extra,
            threads=threads,
            full=full,
            rules_as_of=rules_as_of,
            labels=labels,
            lang=lang,
        )

    def obligations_frame(
        self,
        df: Any,
        on: Any,
        *,
        extra: Literal["error", "ignore"] = "error",
        threads: int | None = None,
        rules_as_of: DateArg | None = None,
        labels: Literal["ja", "en"] | None = None,
        lang: Literal["ja", "en"] | None = None,
        texts: bool = True,
    ) -> Any:
        """The duties and options of every member of ``df`` on ``on`` as one long table, built in Rust on the same
        columnar layer as :meth:`assess_frame` (same ``df``, ``on``, ``extra``, ``threads`` and ``rules_as_of``).

        One row per member and obligation: ``row`` (the input row's position, from 0), ``id``, ``action``,
        ``document``, ``index`` (for certificates: K of ``certificates.K``), ``actor``, ``via``, ``from``,
        ``until``, ``required`` (a duty, or an option the member may take), ``delivery``, ``rule`` and ``text``
        (the obligation in words, in ``lang``). A member with no obligation has no row; a bad input row has one
        row with its error columns (``error_code``, ``error_path``, ``error``, ``error_message``) and the rest
        null. Codes are categoricals (``labels='ja'``/``'en'``: the labels). Returns a pandas or polars
        DataFrame for a pandas or polars input, else a pyarrow Table. ``texts=False`` leaves ``text`` null and
        runs faster (the core renders no text; with texts it renders the obligations' texts only).
        """
        from ._frame import assess_frame

        return assess_frame(
            self._native,
            df,
            on,
            extra=extra,
            threads=threads,
            rules_as_of=rules_as_of,
            labels=labels,
            lang=lang,
            table="obligations",
            texts=texts,
        )

    def events_frame(
        self,
        df: Any,
        on: Any,
        *,
        until: DateArg | None = None,
        extra: Literal["error", "ignore"] = "error",
        threads: int | None = None,
        rules_as_of: DateArg | None = None,
        labels: Literal["ja", "en"] | None = None,
        lang: Literal["ja", "en"] | None = None,
        texts: bool = True,
    ) -> Any:
        """The upcoming events of every member of ``df`` after ``on`` up to ``until`` (every one when ``None``), as
        one long table built in Rust (see :meth:`obligations_frame`): ``row, id, on, event, document, index, rule,
        text`` and the error columns; a bad input row has one row with its errors (``texts=False``: no texts,
        faster)."""
        from ._frame import assess_frame

        return assess_frame(
            self._native,
            df,
            on,
            extra=extra,
            threads=threads,
            rules_as_of=rules_as_of,
            labels=labels,
            lang=lang,
            table="events",
            until=until,
            texts=texts,
        )
