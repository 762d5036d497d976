"""DataFrames and Arrow tables: ``to_frame`` (members → flat prefixed columns) and ``assess_frame``.

The frame format — one row per member, one column per field of the contract, named by its path:

- ``id, insurer, role, birth_date, abroad, needs_assistance``;
- ``coverage.acquired_on, coverage.lost_on, coverage.voluntary_continuation``;
- ``number_on_file.received_on, number_on_file.registered_on``;
- ``legacy_card.issued_on, legacy_card.expires_on, legacy_card.lost_on``;
- ``my_number_card.issued_on, .expires_on, .e_cert_expires_on, .registered_on, .cancelled_on, .lost_on``;
- ``my_number_card.usage.counted_on, .last_12_months, .last_3_months``;
- ``notice.issued_on, notice.lost_on``; ``elderly_certificate.issued_on, elderly_certificate.expires_on``;
- the lists by index: ``certificates.K.issued_on, certificates.K.expires_on, certificates.K.basis,
  certificates.K.lost_on`` and ``face_changes.K.on, face_changes.K.reason`` for K = 0, 1, …

A document (or list entry) is present iff any of its columns is non-null. Dates are dates, datetimes or strings
(``2025-12-02``, ``2025/12/02``, ``2025/4/1``, with a time, or a Japanese era such as ``昭和33年10月15日`` or
``R7.12.1``); flags are booleans, 0/1 or ``true/false``, ``TRUE/FALSE``, ``True/False``, ``はい/いいえ`` (null =
false); codes are the contract's strings (categoricals welcome). Strings are trimmed; an empty string is null.
Missing optional columns mean null.

How ``assess_frame`` runs: the frame goes to Arrow (pandas and polars through their own exporters, anything else
through the Arrow PyCapsule interface), the Arrow batches go to ``hokensho-arrow`` in Rust — the same columnar
layer as the CLI's CSV and Parquet paths — which builds ``hokensho::Member`` values, calls the core without the
GIL on ``threads`` threads, and hands back Arrow columns of the core's ``Summary``; Python turns them back into
the kind of frame it was given.
"""

from __future__ import annotations

import json
import os
import re
from typing import TYPE_CHECKING, Any, Iterable, Literal, Mapping

from . import _native
from .errors import InvalidRequest, from_envelope
from .model import Member

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["to_frame", "frame_columns", "assess_frame", "member_from_row"]

_SCHEMA: dict[str, Any] = json.loads(_native.arrow_schema_json())
_INPUT: list[dict[str, Any]] = _SCHEMA["input"]
DATE_FIELDS: list[str] = [c["name"] for c in _INPUT if c["kind"] == "date" and ".K." not in c["name"]]
CERT_DATES: list[str] = [c["name"].split(".")[-1] for c in _INPUT if c["name"].startswith("certificates.K.") and c["kind"] == "date"]
FACE_DATES: list[str] = [c["name"].split(".")[-1] for c in _INPUT if c["name"].startswith("face_changes.K.") and c["kind"] == "date"]
OUT: list[str] = [c["name"] for c in _SCHEMA["output"] if not c.get("optional")]

_FLAGS = {"abroad", "needs_assistance", "coverage.voluntary_continuation"}
_LIST = re.compile(r"^(certificates|face_changes)\.(0|[1-9][0-9]*)\.([a-z_]+)$")
_GROUPS = ["number_on_file", "legacy_card", "my_number_card", "notice", "elderly_certificate"]


def _require_pandas(what: str) -> None:
    """Raises a helpful ImportError when numpy or pandas is missing (the frame functions use both)."""
    try:
        import numpy  # noqa: F401
        import pandas  # noqa: F401
    except ImportError as e:
        raise ImportError(f"hokensho.{what} needs numpy and pandas: pip install pandas (and polars for polars frames)") from e


def frame_columns(n_certificates: int = 1, n_face_changes: int = 1) -> list[str]:
    """Every column of the frame format, in order, with ``n_certificates`` and ``n_face_changes`` list slots."""
    cols = ["id", "insurer", "role", "birth_date", "abroad", "needs_assistance"]
    cols += ["coverage.acquired_on", "coverage.lost_on", "coverage.voluntary_continuation"]
    cols += [c["name"] for c in _INPUT if "." in c["name"] and ".K." not in c["name"] and not c["name"].startswith("coverage.")]
    for k in range(n_certificates):
        cols += [f"certificates.{k}.{f}" for f in ("issued_on", "expires_on", "basis", "lost_on")]
    for k in range(n_face_changes):
        cols += [f"face_changes.{k}.{f}" for f in ("on", "reason")]
    return cols


def _flatten(m: Mapping[str, Any], out: dict[str, Any], prefix: str = "") -> None:
    for k, v in m.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping):
            _flatten(v, out, key + ".")
        elif isinstance(v, (list, tuple)) and k in ("certificates", "face_changes") and not prefix:
            for i, x in enumerate(v):
                if isinstance(x, Mapping):
                    _flatten(x, out, f"{key}.{i}.")
                else:
                    out[f"{key}.{i}"] = x
        else:
            out[key] = v


def to_frame(
    records: Iterable[Mapping[str, Any] | Member],
    *,
    backend: Literal["pandas", "polars"] = "pandas",
    parse_dates: bool = True,
) -> Any:
    """Flattens members (contract dicts, e.g. the lines of ``examples/members.jsonl``, or :class:`Member`) into a
    DataFrame in the frame format of :meth:`RuleSet.assess_frame`: one row per member, one column per field path
    (``legacy_card.issued_on``, ``certificates.0.basis``, …), in the canonical order, with as many list slots as
    the longest list. Absent fields are null.

    With ``parse_dates`` (default), a date column becomes datetime64 when every value in it is a valid
    ``YYYY-MM-DD`` date; a column with a bad value stays as strings, so ``assess_frame`` reports the bad rows.
    ``backend='polars'`` returns a polars DataFrame (dates as ``pl.Date``).
    """
    _require_pandas("to_frame")
    rows: list[dict[str, Any]] = []
    seen: dict[str, None] = {}
    for r in records:
        d = r.to_dict() if isinstance(r, Member) else r
        flat: dict[str, Any] = {}
        _flatten(d, flat)
        rows.append(flat)
        for k in flat:
            seen.setdefault(k, None)
    n_c = max((int(m.group(2)) + 1 for k in seen if (m := _LIST.match(k)) and m.group(1) == "certificates"), default=0)
    n_f = max((int(m.group(2)) + 1 for k in seen if (m := _LIST.match(k)) and m.group(1) == "face_changes"), default=0)
    canonical = frame_columns(n_c, n_f)
    present = set(seen)
    cols = [c for c in canonical if c in present or c in ("id", "insurer", "role", "birth_date")]
    cols += [c for c in seen if c not in set(canonical)]
    data: dict[str, list[Any]] = {c: [row.get(c) for row in rows] for c in cols}
    if backend == "polars":
        import polars as pl

        out: dict[str, Any] = {}
        for c, v in data.items():
            if parse_dates and _is_date_column(c):
                text = pl.Series(c, v, dtype=pl.String, strict=False)
                days = text.str.strptime(pl.Date, "%Y-%m-%d", strict=False)
                ok = days.null_count() == text.null_count() and bool((text.drop_nulls().str.len_chars() == 10).all())
                out[c] = days if ok else text
            else:
                try:
                    out[c] = pl.Series(c, v)
                except (TypeError, ValueError, OverflowError):  # mixed types: kept as Python objects
                    out[c] = pl.Series(c, v, dtype=pl.Object)
        return pl.DataFrame(out)
    import pandas as pd

    frame = pd.DataFrame(data, columns=cols)
    for c in cols:
        if c in _FLAGS and all(v is None or isinstance(v, bool) for v in data[c]):
            frame[c] = frame[c].astype("boolean")
    if parse_dates:
        for c in cols:
            if _is_date_column(c):
                col = frame[c]
                parsed = pd.to_datetime(col, format="%Y-%m-%d", errors="coerce")
                iso = col.map(lambda x: isinstance(x, str) and len(x) == 10)
                if bool((parsed.notna() == col.notna()).all()) and bool(iso[col.notna()].all()):
                    frame[c] = parsed
    return frame


def _is_date_column(c: str) -> bool:
    if c in DATE_FIELDS:
        return True
    m = _LIST.match(c)
    return bool(m) and m is not None and (m.group(3) in CERT_DATES if m.group(1) == "certificates" else m.group(3) in FACE_DATES)


# ---------------------------------------------------------------------------------------------------------
# assess_frame: any frame → Arrow → hokensho-arrow → the same kind of frame


def _require_pyarrow() -> Any:
    try:
        import pyarrow as pa
    except ImportError as e:
        raise ImportError("hokensho.RuleSet.assess_frame needs pyarrow: pip install 'hokensho[arrow]'") from e
    return pa


def _missing(v: Any) -> bool:
    """None, NaN, NaT or pandas.NA."""
    if v is None:
        return True
    try:
        return bool(v != v)
    except (TypeError, ValueError):
        return type(v).__name__ in ("NAType", "NaTType")


def _mixed(values: list[Any]) -> pa.Array:
    """A column Arrow cannot type (a pandas or polars object column of mixed values) as a union: strings (dates
    as ``YYYY-MM-DD``, booleans as ``true``/``false``) in one child, anything else in a binary child that
    ``hokensho-arrow`` reports as a value of the wrong type (``invalid_type``), as the core does."""
    import datetime as dt

    pa = _require_pyarrow()
    text: list[str | None] = []
    other: list[bytes | None] = []
    kinds: list[int] = []
    for v in values:
        if _missing(v):
            t: str | None = None
        elif isinstance(v, str):
            t = v
        elif isinstance(v, bool) or type(v).__name__ == "bool_":
            t = "true" if v else "false"
        elif isinstance(v, dt.datetime):
            t = v.date().isoformat()
        elif isinstance(v, dt.date):
            t = v.isoformat()
        elif type(v).__name__ == "datetime64":
            t = str(v.astype("datetime64[D]"))
        else:
            text.append(None)
            other.append(b"")
            kinds.append(1)
            continue
        text.append(t)
        other.append(None)
        kinds.append(0)
    return pa.UnionArray.from_sparse(
        pa.array(kinds, type=pa.int8()), [pa.array(text, type=pa.string()), pa.array(other, type=pa.binary())], ["text", "other"]
    )


def _arrow_column(values: Any) -> pa.Array:
    """A column of values (a pandas Series or a list) as Arrow: its own type when Arrow can give it one, else the
    union of :func:`_mixed` (an all-null column too, so it is read as absent)."""
    pa = _require_pyarrow()
    try:
        arr = pa.array(values, from_pandas=True)
        if pa.types.is_null(arr.type) or pa.types.is_union(arr.type):
            raise TypeError
        return arr
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError, ValueError, OverflowError):
        items = values.tolist() if hasattr(values, "tolist") else list(values)
        return _mixed(items) if len(items) else pa.nulls(0)


def _safe_name(name: Any) -> str:
    """A column name as Arrow holds it; one that looks like an individual number is never echoed."""
    text = str(name)
    return "?" if re.search(r"\d{12}", re.sub(r"[-\s]", "", text)) else text


def _pandas_table(df: Any) -> pa.Table:
    """A pandas frame as an Arrow table, column by column (a repeated name: the first column), so one column
    of mixed Python objects does not stop the others."""
    import pandas as pd

    pa = _require_pyarrow()
    names: list[str] = []
    arrays: list[Any] = []
    seen: set[str] = set()
    for i in range(df.shape[1]):
        name = _safe_name(df.columns[i])
        if name in seen:
            continue
        seen.add(name)
        col = df.iloc[:, i]
        if isinstance(col.dtype, pd.DatetimeTZDtype):
            col = col.dt.tz_localize(None)  # the wall-clock day, as the frame shows it
        arr = _arrow_column(col)
        names.append(name)
        arrays.append(arr)
    if not names:  # no columns: still one row per row
        return pa.table({"__hokensho_rows__": pa.nulls(len(df))})
    return pa.Table.from_arrays(arrays, names=names)


def _polars_table(df: Any) -> pa.Table:
    """A polars frame as an Arrow table; Object columns (mixed Python values) become unions; zoned datetimes keep
    their wall-clock day."""
    import polars as pl

    pa = _require_pyarrow()
    plain = df.select([c for c, t in df.schema.items() if t != pl.Object])
    for c, t in plain.schema.items():
        if isinstance(t, pl.Datetime) and t.time_zone is not None:
            plain = plain.with_columns(pl.col(c).dt.replace_time_zone(None))
    table = plain.to_arrow()
    for c, t in df.schema.items():
        if t == pl.Object:
            table = table.append_column(c, _mixed(df.get_column(c).to_list()))
    return table.select([c for c in df.columns])


def _kind(df: Any) -> str:
    mod = type(df).__module__.split(".")[0]
    name = type(df).__name__
    if mod == "pandas" and name == "DataFrame":
        return "pandas"
    if mod == "polars" and name == "DataFrame":
        return "polars"
    if mod == "polars" and name == "LazyFrame":
        return "polars-lazy"
    if mod == "pyarrow" and name in ("Table", "RecordBatch", "RecordBatchReader"):
        return "pyarrow-" + name
    if mod == "duckdb":
        return "duckdb"
    if hasattr(df, "__arrow_c_stream__") or hasattr(df, "__arrow_c_array__"):
        return "arrow"
    raise InvalidRequest.single(
        "invalid_type",
        "df",
        "`df` must be a pandas or polars DataFrame, a pyarrow Table, RecordBatch or RecordBatchReader, a DuckDB "
        "relation, or an object with the Arrow PyCapsule interface",
        "`df` は pandas・polars の DataFrame、pyarrow の Table・RecordBatch・RecordBatchReader、DuckDB のリレーション、"
        "または Arrow PyCapsule インターフェースを持つオブジェクトでなければなりません",
    )


_ON_COLUMN = "__hokensho_on__"


def _date_text(value: Any) -> str | None:
    """A single query date as text, or None when ``value`` is not a single date."""
    import datetime as dt

    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if type(value).__name__ == "datetime64" and hasattr(value, "astype"):
        return str(value.astype("datetime64[D]"))
    return None


def assess_frame(
    native: _native.Rules,
    df: Any,
    on: Any,
    *,
    extra: Literal["error", "ignore"] = "error",
    threads: int | None = None,
    full: bool = False,
    rules_as_of: Any = None,
    lang: str | None = None,
    labels: str | None = None,
    table: Literal["summary", "obligations", "events"] = "summary",
    until: Any = None,
    texts: bool = True,
) -> Any:
    """The implementation of :meth:`hokensho.RuleSet.assess_frame`, ``obligations_frame`` and ``events_frame``
    (see there)."""
    from . import _config

    lang = _config.resolve(lang)
    if labels is not None and labels not in ("ja", "en"):
        raise InvalidRequest.single(
            "invalid_value", "labels", "`labels` must be 'ja', 'en' or None", "`labels` は 'ja'・'en'・None のいずれかです"
        )
    if extra not in ("error", "ignore"):
        raise InvalidRequest.single(
            "invalid_value", "extra", "`extra` must be 'error' or 'ignore'", "`extra` は 'error' か 'ignore' です"
        )
    kind = _kind(df)
    pa = _require_pyarrow()
    if kind == "pandas":
        data: Any = _pandas_table(df)
    elif kind == "polars":
        data = _polars_table(df)
    elif kind == "polars-lazy":
        data = _polars_table(df.collect())
    elif kind == "duckdb":
        data = df.arrow()
        data = data.read_all() if hasattr(data, "read_all") else data
    else:
        data = df
    columns = list(data.schema.names) if hasattr(data, "schema") and hasattr(data.schema, "names") else None
    on_text = _date_text(on)
    on_column: str | None = None
    if isinstance(on, str) and columns is not None and on in columns:
        on_text, on_column = None, on
    elif on_text is None and on is not None:
        # one date per row: a Series or an array, added as a column
        if kind == "pyarrow-RecordBatchReader" or columns is None:
            raise InvalidRequest.single(
                "invalid_type",
                "on",
                "`on` as one date per row needs a frame or table, not a stream: give a column name",
                "行ごとの `on` にはストリームではなくフレームかテーブルが必要です: 列名を指定してください",
            )
        per_row = _per_row_dates(on, kind)
        if len(per_row) != data.num_rows:
            raise InvalidRequest.single(
                "invalid_value",
                "on",
                f"`on` has {len(per_row)} dates for {data.num_rows} rows",
                f"`on` の日付 {len(per_row)} 件が行数 {data.num_rows} と合いません",
            )
        data = data.append_column(_ON_COLUMN, per_row)
        on_column = _ON_COLUMN
    elif on_text is None:
        raise InvalidRequest.single(
            "invalid_type",
            "on",
            "`on` must be a date, the name of a column, or one date per row",
            "`on` は日付、列名、または行ごとの日付でなければなりません",
        )
    n = data.num_rows if hasattr(data, "num_rows") else None
    if threads is None:
        threads = 1 if n is not None and n < 4096 else min(2, os.cpu_count() or 1)
    stream = kind == "pyarrow-RecordBatchReader"
    try:
        from ._rules import _date_arg

        known = None if rules_as_of is None else _date_arg(rules_as_of, "rules_as_of")
        last = None if until is None else _date_arg(until, "until")
        answer = native.assess_arrow(
            data,
            on_text,
            on_column,
            max(1, int(threads)),
            extra == "ignore",
            full,
            stream,
            known,
            lang=lang,
            labels=labels,
            table=table,
            until=last,
            texts=bool(texts),
        )
        if stream:
            return pa.RecordBatchReader.from_stream(answer)
        out = pa.table(answer)
    except _native.CoreError as e:
        raise from_envelope(str(e.args[0])) from None
    if table != "summary":
        return _back_long(kind, out)
    return _back(kind, df, out)


def _back_long(kind: str, out: pa.Table) -> Any:
    """A long table as the kind of frame the input was (pandas: a fresh index; pyarrow: a Table)."""
    if kind == "pandas":
        import pandas as pd

        pa = _require_pyarrow()
        return out.to_pandas(types_mapper={pa.bool_(): pd.BooleanDtype()}.get, date_as_object=False)
    if kind in ("polars", "polars-lazy", "duckdb"):
        return _back(kind, None, out)
    return out


def member_from_row(row: Any, *, extra: Literal["error", "ignore"] = "error", native: Any = None) -> dict[str, Any]:
    """The implementation of :func:`hokensho.member_from_row` (see there)."""
    pa = _require_pyarrow()
    if hasattr(row, "to_dict") and not isinstance(row, Mapping):
        row = row.to_dict()  # a pandas Series, a polars row struct
    if not isinstance(row, Mapping):
        raise InvalidRequest.single(
            "invalid_type",
            "row",
            "`row` must be a mapping of column names to values (a dict, a pandas Series or a polars row)",
            "`row` は列名から値への対応（dict、pandas の Series、polars の行）でなければなりません",
        )
    if extra not in ("error", "ignore"):
        raise InvalidRequest.single(
            "invalid_value", "extra", "`extra` must be 'error' or 'ignore'", "`extra` は 'error' か 'ignore' です"
        )
    names: list[str] = []
    arrays: list[Any] = []
    for k, v in row.items():
        name = _safe_name(k)
        if name in names:
            continue
        arr = pa.nulls(1) if _missing(v) else _arrow_column([v])
        names.append(name)
        arrays.append(arr)
    table = pa.Table.from_arrays(arrays, names=names) if names else pa.table({"__hokensho_rows__": pa.nulls(1)})
    if native is None:
        from ._rules import RuleSet

        native = RuleSet.embedded()._native
    try:
        values = native.member_values(table, extra == "ignore")
    except _native.CoreError as e:
        raise from_envelope(str(e.args[0])) from None
    value: dict[str, Any] = json.loads(values[0])
    return value


def _per_row_dates(on: Any, kind: str) -> pa.Array:
    """One date per row from a pandas or polars Series, a numpy array, a pyarrow array or a list."""
    pa = _require_pyarrow()
    mod = type(on).__module__.split(".")[0]
    if mod == "polars":
        return pa.array(on.to_arrow()) if hasattr(on, "to_arrow") else pa.array(on.to_list())
    if mod == "pyarrow":
        return on.combine_chunks() if hasattr(on, "combine_chunks") else on
    if mod == "pandas":
        import pandas as pd

        if isinstance(on.dtype, pd.DatetimeTZDtype):
            on = on.dt.tz_localize(None)
        try:
            return pa.array(on, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return _mixed(on.tolist())
    try:
        return pa.array(on)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return _mixed(list(on))


def _back(kind: str, df: Any, out: pa.Table) -> Any:
    """The output table as the kind of frame the input was."""
    if kind == "pandas":
        import pandas as pd

        pa = _require_pyarrow()
        if any(isinstance(t, pd.ArrowDtype) for t in df.dtypes):
            frame = out.to_pandas(types_mapper=pd.ArrowDtype)  # Arrow-backed in, Arrow-backed out
        else:
            frame = out.to_pandas(
                types_mapper={pa.bool_(): pd.BooleanDtype()}.get, date_as_object=False, split_blocks=True
            )
        frame.index = df.index
        return frame
    if kind in ("polars", "polars-lazy"):
        import polars as pl

        frame = pl.from_arrow(out)
        assert isinstance(frame, pl.DataFrame)
        enums = {}
        for field in out.schema:
            if str(field.type).startswith("dictionary"):
                values = out.column(field.name).chunk(0).dictionary.to_pylist() if out.column(field.name).num_chunks else []
                enums[field.name] = pl.Enum(values)
        frame = frame.with_columns([pl.col(c).cast(pl.String).cast(t) for c, t in enums.items()])
        return frame.lazy() if kind == "polars-lazy" else frame
    if kind == "pyarrow-RecordBatch":
        return out.combine_chunks().to_batches()[0] if out.num_rows else out.schema.empty_table().to_batches()
    if kind == "duckdb":
        import duckdb

        return duckdb.from_arrow(out)
    return out
