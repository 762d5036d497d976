"""DataFrames: ``to_frame`` (members → flat prefixed columns) and the columnar path of ``assess_frame``.

The frame format — one row per member, one column per field of the contract, named by its path:

- ``id, insurer, role, birth_date, abroad, needs_assistance``;
- ``coverage.acquired_on, coverage.lost_on, coverage.voluntary_continuation``;
- ``number_on_file.received_on, number_on_file.registered_on``;
- ``legacy_card.issued_on, legacy_card.expires_on, legacy_card.lost_on``;
- ``my_number_card.issued_on, .expires_on, .e_cert_expires_on, .registered_on, .cancelled_on, .lost_on``;
- ``notice.issued_on, notice.lost_on``; ``elderly_certificate.issued_on, elderly_certificate.expires_on``;
- the lists by index: ``certificates.K.issued_on, certificates.K.expires_on, certificates.K.basis,
  certificates.K.lost_on`` and ``face_changes.K.on, face_changes.K.reason`` for K = 0, 1, …

A document (or list entry) is present iff its ``issued_on`` (or ``on``) is non-null. Dates are datetime64 (the
day is taken), ``datetime.date`` objects or ``YYYY-MM-DD`` strings; flags are booleans (null = false); codes are
the contract's strings (categoricals welcome). Missing optional columns mean null.

How ``assess_frame`` runs: date columns become int64 day numbers and code columns int32 codes, vectorised with
numpy; the buffers go to Rust (``hokensho._native``) without a copy, which builds ``hokensho::Member`` values,
calls the core's ``assess_with`` and ``Assessment::summary`` on two threads without the GIL, and writes codes and
dates into output arrays; Python wraps them as categoricals and datetimes without a pass over the rows. Only the
ids are read one by one.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any, Iterable, Literal, Mapping

from . import _native
from .errors import InvalidRequest, from_envelope
from .model import Member

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

__all__ = ["to_frame", "frame_columns", "assess_frame"]

_SCHEMA: dict[str, Any] = _native.frame_schema()
NULL_DAY: int = _SCHEMA["null_day"]
BAD_DAY: int = _SCHEMA["bad_day"]
NULL_CODE: int = _SCHEMA["null_code"]
BAD_CODE: int = _SCHEMA["bad_code"]
MAX_LIST: int = _SCHEMA["max_list"]
DATE_FIELDS: list[str] = _SCHEMA["date_fields"]
CODE_FIELDS: list[str] = _SCHEMA["code_fields"]
CERT_DATES: list[str] = _SCHEMA["certificate_date_fields"]
CERT_CODES: list[str] = _SCHEMA["certificate_code_fields"]
FACE_DATES: list[str] = _SCHEMA["face_change_date_fields"]
FACE_CODES: list[str] = _SCHEMA["face_change_code_fields"]
OUT_CODES: list[str] = _SCHEMA["out_codes"]
OUT_DATES: list[str] = _SCHEMA["out_dates"]
CATEGORIES: dict[str, list[str]] = _SCHEMA["categories"]

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
    cols += [f for f in DATE_FIELDS if "." in f and not f.startswith("coverage.")]
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
# column conversions (vectorised)


def _days(values: Any) -> npt.NDArray[np.int64]:
    """A new int64 array of days since 1970-01-01 (``datetime64[D]`` viewed as int64): ``NULL_DAY`` (NaT) for
    null, ``BAD_DAY`` for a value that is not a date. Rust checks the range."""
    import numpy as np
    import pandas as pd

    a = np.asarray(values)
    if a.dtype.kind == "M":
        out: npt.NDArray[np.int64] = a.astype("datetime64[D]", copy=True).view(np.int64)  # NaT is NULL_DAY
        return out
    if a.dtype.kind in "fiub":
        null = np.isnan(a) if a.dtype.kind == "f" else np.zeros(len(a), dtype=bool)
        return np.where(null, NULL_DAY, BAD_DAY).astype(np.int64)
    s = pd.Series(a.astype(object) if a.dtype.kind in "US" else a, dtype=object, copy=False)
    null = s.isna().to_numpy()
    parsed = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce").to_numpy()
    lens = s.str.len() if a.dtype.kind in "US" else _str_len(s)
    bad = (np.isnat(parsed) & ~null) | (lens.notna() & (lens != 10)).to_numpy()
    out = parsed.astype("datetime64[D]").view(np.int64)
    out[bad] = BAD_DAY
    out[null] = NULL_DAY
    return out


def _str_len(s: pd.Series[Any]) -> pd.Series[Any]:
    """The length of each string (NaN for other values), on an object Series."""
    import pandas as pd

    try:
        return s.str.len()
    except (AttributeError, TypeError):
        return pd.Series([len(x) if isinstance(x, str) else None for x in s], dtype="float64")


def _codes(values: Any, categories: list[str]) -> npt.NDArray[np.int32]:
    """int32 positions in ``categories``; ``NULL_CODE`` for null, ``BAD_CODE`` for any other value."""
    import numpy as np
    import pandas as pd

    dtype = getattr(values, "dtype", None)
    if isinstance(dtype, pd.CategoricalDtype):
        cat = pd.Categorical(values)
        remap = pd.Index(categories).get_indexer(pd.Index(cat.categories.astype(object)))
        remap = np.where(remap < 0, BAD_CODE, remap)
        raw = np.asarray(cat.codes)
        return np.where(raw < 0, NULL_CODE, remap[raw] if len(remap) else NULL_CODE).astype(np.int32)
    a = np.asarray(values, dtype=object)
    null = pd.isna(a)
    try:
        codes = np.asarray(pd.Index(categories, dtype=object).get_indexer(pd.Index(a, dtype=object)), dtype=np.int32)
    except TypeError:
        index = {c: i for i, c in enumerate(categories)}
        codes = np.array([index.get(x, -1) if isinstance(x, str) else -1 for x in a], dtype=np.int32)
    return np.where(null, NULL_CODE, np.where(codes < 0, BAD_CODE, codes)).astype(np.int32)


def _flags(values: Any) -> npt.NDArray[np.int32]:
    """0/1 for booleans; ``NULL_CODE`` for null; ``BAD_CODE`` for anything else."""
    import numpy as np
    import pandas as pd

    a = np.asarray(values)
    if a.dtype.kind == "b":
        return a.astype(np.int32)
    if a.dtype.kind in "iu":
        return np.where(a == 0, 0, np.where(a == 1, 1, BAD_CODE)).astype(np.int32)
    if a.dtype.kind == "f":
        return np.where(np.isnan(a), NULL_CODE, np.where(a == 0, 0, np.where(a == 1, 1, BAD_CODE))).astype(np.int32)
    s = pd.Series(a.astype(object), dtype=object)
    null = s.isna().to_numpy()
    is_true = np.fromiter((x is True or (type(x).__name__ == "bool_" and bool(x)) for x in a), bool, len(a))
    is_false = np.fromiter((x is False or (type(x).__name__ == "bool_" and not bool(x)) for x in a), bool, len(a))
    return np.where(null, NULL_CODE, np.where(is_true, 1, np.where(is_false, 0, BAD_CODE))).astype(np.int32)


# ---------------------------------------------------------------------------------------------------------
# assess_frame


class _Columns:
    """Column access for pandas and polars frames, as numpy arrays."""

    def __init__(self, df: Any) -> None:
        self.df = df
        self.polars = type(df).__module__.split(".")[0] == "polars"
        if not self.polars:
            import pandas as pd

            if not isinstance(df, pd.DataFrame):
                raise InvalidRequest.single(
                    "invalid_type",
                    "df",
                    "`df` must be a pandas or polars DataFrame",
                    "`df` は pandas または polars の DataFrame でなければなりません",
                )
        self.keys: dict[str, Any] = {}
        for c in df.columns:
            self.keys.setdefault(str(c), c)  # a repeated name: the first column
        self.names: list[str] = list(self.keys)
        self.n: int = df.height if self.polars else len(df)

    def get(self, name: str) -> Any:
        """The column's values as a numpy array (a pandas categorical is kept as is; nullable booleans become
        floats with NaN; time-zone-aware datetimes keep their wall-clock day)."""
        import numpy as np

        if self.polars:
            import polars as pl

            s = self.df.get_column(self.keys[name])
            if s.dtype == pl.Boolean:
                s = s.cast(pl.Float64)
            elif isinstance(s.dtype, pl.Datetime) and s.dtype.time_zone is not None:
                s = s.dt.replace_time_zone(None)
            return s.to_numpy()
        import pandas as pd

        col = self.df[self.keys[name]]
        if isinstance(col, pd.DataFrame):  # duplicated column name: the first one
            col = col.iloc[:, 0]
        dtype = col.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            return col
        if isinstance(dtype, pd.BooleanDtype):
            return col.to_numpy(dtype="float64", na_value=np.nan)
        if isinstance(dtype, pd.DatetimeTZDtype):
            return col.dt.tz_localize(None).to_numpy()
        return col.to_numpy()

    def raw(self, name: str) -> Any:
        """The column itself (for the output's ``id``)."""
        col = self.df.get_column(self.keys[name]) if self.polars else self.df[self.keys[name]]
        if not self.polars and not hasattr(col, "array"):  # duplicated column name: the first one
            col = col.iloc[:, 0]
        return col


def _safe_name(name: str) -> str:
    ok = len(name) <= 64 and re.fullmatch(r"[A-Za-z0-9_.]+", name) is not None and not re.search(r"\d{12}", name)
    return name if ok else "?"


def assess_frame(
    native: _native.Rules,
    df: Any,
    on: str,
    *,
    extra: Literal["error", "ignore"] = "error",
    threads: int | None = None,
) -> Any:
    """The implementation of :meth:`hokensho.RuleSet.assess_frame` (see there)."""
    _require_pandas("RuleSet.assess_frame")
    import numpy as np

    if extra not in ("error", "ignore"):
        raise InvalidRequest.single(
            "invalid_value", "extra", "`extra` must be 'error' or 'ignore'", "`extra` は 'error' か 'ignore' です"
        )
    cols = _Columns(df)
    n = cols.n
    certs: dict[int, dict[str, str]] = {}
    faces: dict[int, dict[str, str]] = {}
    fixed: dict[str, str] = {}
    unknown: list[str] = []
    known_fixed = set(DATE_FIELDS) | set(CODE_FIELDS) | {"id"}
    for name in cols.names:
        m = _LIST.match(name)
        if name in known_fixed:
            fixed[name] = name
        elif m and int(m.group(2)) < MAX_LIST and m.group(1) == "certificates" and m.group(3) in CERT_DATES + CERT_CODES:
            certs.setdefault(int(m.group(2)), {})[m.group(3)] = name
        elif m and int(m.group(2)) < MAX_LIST and m.group(1) == "face_changes" and m.group(3) in FACE_DATES + FACE_CODES:
            faces.setdefault(int(m.group(2)), {})[m.group(3)] = name
        else:
            unknown.append(name)
    n_c = max(certs, default=-1) + 1
    n_f = max(faces, default=-1) + 1

    # one array per column (None: the frame has no such column, i.e. null)
    n_dates = len(DATE_FIELDS) + n_c * len(CERT_DATES) + n_f * len(FACE_DATES)
    n_codes = len(CODE_FIELDS) + n_c * len(CERT_CODES) + n_f * len(FACE_CODES)
    dates: list[npt.NDArray[np.int64] | None] = [None] * n_dates
    codes: list[npt.NDArray[np.int32] | None] = [None] * n_codes
    for j, f in enumerate(DATE_FIELDS):
        if f in fixed:
            dates[j] = _days(cols.get(f))
    profiles = native.profile_ids()
    for j, f in enumerate(CODE_FIELDS):
        if f not in fixed:
            continue
        v = cols.get(f)
        if f == "insurer":
            codes[j] = _codes(v, profiles)
        elif f == "role":
            codes[j] = _codes(v, CATEGORIES["role"])
        else:
            codes[j] = _flags(v)
    base_d, base_c = len(DATE_FIELDS), len(CODE_FIELDS)
    for k, fields in certs.items():
        for i, f in enumerate(CERT_DATES):
            if f in fields:
                dates[base_d + k * len(CERT_DATES) + i] = _days(cols.get(fields[f]))
        if "basis" in fields:
            codes[base_c + k] = _codes(cols.get(fields["basis"]), CATEGORIES["basis"])
    for k, fields in faces.items():
        if "on" in fields:
            dates[base_d + n_c * len(CERT_DATES) + k] = _days(cols.get(fields["on"]))
        if "reason" in fields:
            codes[base_c + n_c + k] = _codes(cols.get(fields["reason"]), CATEGORIES["reason"])

    masks: list[tuple[str, npt.NDArray[np.uint8]]] = []
    if extra == "error":
        import pandas as pd

        for name in unknown:
            masks.append((_safe_name(name), np.asarray(~pd.isna(np.asarray(cols.get(name), dtype=object)), dtype=np.uint8)))

    if "id" in fixed:
        import pandas as pd

        id_arr = np.asarray(cols.get("id"))
        if id_arr.dtype.kind in "iu":
            id_arr = id_arr.astype(str)
        # strings are read by Rust; None, NaN and pandas.NA are null there
        ids: list[Any] = id_arr.astype(object, copy=False).tolist()
    else:
        ids = [None] * n

    out_codes = np.empty((len(OUT_CODES), n), dtype=np.int8)
    out_dates = np.empty((len(OUT_DATES), n), dtype=np.int64)  # datetime64[us]
    if threads is None:
        threads = 1 if n < 4096 else min(2, os.cpu_count() or 1)
    try:
        errors = native.frame(
            on, ids, dates, codes, n_c, n_f, masks, out_codes, out_dates, max(1, int(threads))
        )
    except _native.CoreError as e:
        raise from_envelope(str(e.args[0])) from None

    error_col = np.full(n, None, dtype=object)
    hidden: list[int] = []  # ids that look like an individual number are not echoed
    for i, text in errors:
        error_col[i] = text
        if "individual_number: id" in text.split("; "):
            hidden.append(i)
    id_col = cols.raw("id") if "id" in fixed else None
    if id_col is not None and hidden:
        id_col = id_col.scatter(hidden, None) if cols.polars else id_col.copy()
        if not cols.polars:
            id_col.iloc[hidden] = None
    if cols.polars:
        return _polars_out(id_col, ids, out_codes, out_dates, error_col)
    return _pandas_out(df, id_col, out_codes, out_dates, error_col)


_CODE_CATEGORY = {
    "legacy_card": "status",
    "my_number_card": "status",
    "certificate": "status",
    "notice": "status",
    "elderly_certificate": "status",
    "needs_reason": "need_reason",
    "next_action": "action",
    "next_document": "document",
    "next_event": "event",
}
_ORDER = [
    "id",
    "covered",
    "legacy_card",
    "my_number_card",
    "certificate",
    "notice",
    "elderly_certificate",
    "needs_certificate",
    "needs_reason",
    "needs_from",
    "next_action",
    "next_document",
    "next_from",
    "next_until",
    "next_event",
    "next_event_on",
    "error",
]


def _pandas_out(
    df: Any,
    id_col: Any,
    out_codes: npt.NDArray[np.int8],
    out_dates: npt.NDArray[np.int64],
    error_col: npt.NDArray[Any],
) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    n = out_codes.shape[1]
    data: dict[str, Any] = {}
    data["id"] = id_col if id_col is not None else np.full(n, None, dtype=object)
    for j, name in enumerate(OUT_CODES):
        c = out_codes[j]
        if name in ("covered", "needs_certificate"):
            data[name] = pd.arrays.BooleanArray(c == 1, c < 0)
        else:
            dtype = pd.CategoricalDtype(CATEGORIES[_CODE_CATEGORY[name]])
            data[name] = pd.Categorical.from_codes(c, dtype=dtype)
    for j, name in enumerate(OUT_DATES):
        data[name] = out_dates[j].view("datetime64[us]")
    data["error"] = error_col
    return pd.DataFrame({k: data[k] for k in _ORDER}, index=df.index, copy=False)


def _polars_out(
    id_col: Any,
    ids: list[Any],
    out_codes: npt.NDArray[np.int8],
    out_dates: npt.NDArray[np.int64],
    error_col: npt.NDArray[Any],
) -> Any:
    import numpy as np
    import polars as pl

    data: dict[str, Any] = {}
    data["id"] = id_col.alias("id") if id_col is not None else pl.Series("id", ids, dtype=pl.String)
    for j, name in enumerate(OUT_CODES):
        c = out_codes[j]
        nulls = np.flatnonzero(c < 0)
        if name in ("covered", "needs_certificate"):
            s = pl.Series(name, c == 1)
        else:
            enum = pl.Enum(CATEGORIES[_CODE_CATEGORY[name]])
            phys = pl.Series(name, np.where(c < 0, 0, c).astype(np.uint32))
            s = phys.cat.to(enum) if hasattr(phys, "cat") and hasattr(phys.cat, "to") else phys.cast(enum)
        data[name] = s.scatter(nulls, None) if len(nulls) else s
    for j, name in enumerate(OUT_DATES):
        data[name] = pl.Series(name, out_dates[j].view("datetime64[us]")).cast(pl.Date)
    data["error"] = pl.Series("error", error_col.tolist(), dtype=pl.String)
    return pl.DataFrame([data[k] for k in _ORDER])
