//! Reading one Arrow column cell by cell, whatever its physical type, and converting a cell to the value a
//! member field takes: dates (date32, date64, timestamps, ISO or Japanese-era strings), flags (booleans,
//! `true/false`, `TRUE/FALSE`, `True/False`, `1/0`, `はい/いいえ`), counts and codes. Strings are trimmed and an
//! empty string is null. A cell that does not convert keeps the JSON value it stands for, so the core can name
//! the problem with its own code and path.

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, StringArray,
};
use arrow_schema::{DataType, TimeUnit};
use chrono::NaiveDate;
use hokensho::dates::{parse_flexible, MAX_YEAR, MIN_YEAR};
use hokensho::Vocab;
use serde_json::Value;

/// One cell as read, before it is given a meaning.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cell<'a> {
    Null,
    Str(&'a str),
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Days since 1970-01-01.
    Day(i64),
    /// A value of a type no field takes (a list, a struct, binary …).
    Other,
}

impl Cell<'_> {
    /// The JSON value the cell stands for (what the core is given when the cell does not convert).
    pub(crate) fn json(&self) -> Value {
        match *self {
            Cell::Null => Value::Null,
            Cell::Str(s) => Value::String(s.trim().to_owned()),
            Cell::Bool(b) => Value::Bool(b),
            Cell::Int(n) => Value::from(n),
            Cell::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
            // a day outside the core's years: a date the core refuses as a date
            Cell::Day(_) => Value::String("?".into()),
            Cell::Other => Value::Array(Vec::new()),
        }
    }
}

/// Days since 1970-01-01 of 0001-01-01 as chrono counts (its day 1).
const EPOCH_CE: i32 = 719_163;

/// A day number as a date, when within the core's years.
pub(crate) fn date_of_day(days: i64) -> Option<NaiveDate> {
    let (first, dates) = day_table();
    let k = usize::try_from(days.checked_sub(*first)?).ok()?;
    dates.get(k).copied()
}

/// Every date of the core's years, by day number (a cell converts with one lookup): the first day's number and
/// the dates.
fn day_table() -> &'static (i64, Vec<NaiveDate>) {
    static TABLE: std::sync::OnceLock<(i64, Vec<NaiveDate>)> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let first = NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1);
        let last = NaiveDate::from_ymd_opt(MAX_YEAR, 12, 31);
        let dates = match (first, last) {
            (Some(f), Some(l)) => f.iter_days().take_while(|d| *d <= l).collect(),
            _ => Vec::new(),
        };
        (first.map_or(0, |f| i64::from(day_of_date(f))), dates)
    })
}

/// A date as days since 1970-01-01.
pub(crate) fn day_of_date(d: NaiveDate) -> i32 {
    use chrono::Datelike;
    d.num_days_from_ce() - EPOCH_CE
}

/// A column normalised for cell access.
pub(crate) enum Column {
    Null,
    Str(StringArray),
    Bool(BooleanArray),
    Int(Int64Array),
    Float(Float64Array),
    Date32(Date32Array),
    /// Integer instants: `per_day` units a day, `offset` units added first (9 hours for instants with a time
    /// zone: the civil date in Japan; 0 for wall-clock timestamps and date64).
    Instant {
        values: Int64Array,
        per_day: i64,
        offset: i64,
    },
    /// A union (a mixed-type column, as a pandas object column becomes): each cell by its child's type.
    Union(arrow_array::UnionArray, Vec<(i8, Column)>),
    Other(ArrayRef),
}

#[cfg(feature = "cast")]
fn cast(a: &ArrayRef, to: &DataType) -> Option<ArrayRef> {
    arrow_cast::cast(a, to).ok()
}

/// Without the `cast` feature: the lossless conversions [`Column::new`] asks for, written out; any other
/// conversion fails (the column's non-null cells are then errors for their rows).
#[cfg(not(feature = "cast"))]
fn cast(a: &ArrayRef, to: &DataType) -> Option<ArrayRef> {
    use arrow_array::types::*;
    use arrow_array::ArrowPrimitiveType;
    use std::sync::Arc;
    fn int<T: ArrowPrimitiveType>(a: &ArrayRef) -> ArrayRef
    where
        T::Native: Into<i64>,
    {
        Arc::new(a.as_primitive::<T>().unary::<_, Int64Type>(Into::into))
    }
    fn wide<T: ArrowPrimitiveType<Native = i64>>(a: &ArrayRef) -> ArrayRef {
        Arc::new(a.as_primitive::<T>().reinterpret_cast::<Int64Type>())
    }
    let out: ArrayRef = match (a.data_type(), to) {
        (DataType::Int8, DataType::Int64) => int::<Int8Type>(a),
        (DataType::Int16, DataType::Int64) => int::<Int16Type>(a),
        (DataType::Int32, DataType::Int64) => int::<Int32Type>(a),
        (DataType::Int64, DataType::Int64) => a.clone(),
        (DataType::UInt8, DataType::Int64) => int::<UInt8Type>(a),
        (DataType::UInt16, DataType::Int64) => int::<UInt16Type>(a),
        (DataType::UInt32, DataType::Int64) => int::<UInt32Type>(a),
        // as arrow-cast does: a value past i64 becomes null
        (DataType::UInt64, DataType::Int64) => Arc::new(
            a.as_primitive::<UInt64Type>()
                .iter()
                .map(|v| v.and_then(|v| i64::try_from(v).ok()))
                .collect::<Int64Array>(),
        ),
        (DataType::Float32, DataType::Float64) => Arc::new(
            a.as_primitive::<Float32Type>()
                .unary::<_, Float64Type>(f64::from),
        ),
        (DataType::Float64, DataType::Float64) => a.clone(),
        (DataType::Date64, DataType::Int64) => wide::<Date64Type>(a),
        (DataType::Timestamp(TimeUnit::Second, _), DataType::Int64) => {
            wide::<TimestampSecondType>(a)
        }
        (DataType::Timestamp(TimeUnit::Millisecond, _), DataType::Int64) => {
            wide::<TimestampMillisecondType>(a)
        }
        (DataType::Timestamp(TimeUnit::Microsecond, _), DataType::Int64) => {
            wide::<TimestampMicrosecondType>(a)
        }
        (DataType::Timestamp(TimeUnit::Nanosecond, _), DataType::Int64) => {
            wide::<TimestampNanosecondType>(a)
        }
        (DataType::LargeUtf8, DataType::Utf8) => {
            Arc::new(a.as_string::<i64>().iter().collect::<StringArray>())
        }
        (DataType::Utf8View, DataType::Utf8) => {
            Arc::new(a.as_string_view().iter().collect::<StringArray>())
        }
        (DataType::Utf8, DataType::Utf8) => a.clone(),
        // a dictionary of strings (any key type) as plain strings
        (DataType::Dictionary(_, v), _) if v.as_ref() == to => {
            let d = a.as_any_dictionary_opt()?;
            if d.values().is_empty() {
                // no values: every key is null (and `normalized_keys` would refuse it)
                return Some(Arc::new(StringArray::new_null(a.len())));
            }
            let plain = cast(d.values(), &DataType::Utf8)?;
            let values = plain.as_string_opt::<i32>()?;
            Arc::new(
                d.normalized_keys()
                    .iter()
                    .enumerate()
                    .map(|(i, &k)| {
                        (!a.is_null(i) && k < values.len() && !values.is_null(k))
                            .then(|| values.value(k))
                    })
                    .collect::<StringArray>(),
            )
        }
        _ => return None,
    };
    Some(out)
}

impl Column {
    /// Wraps an array: string-like and dictionary arrays become UTF-8, integers int64, floats float64,
    /// instants day numbers.
    pub(crate) fn new(a: &ArrayRef) -> Column {
        let instant = |per_day: i64, tz: bool| {
            let offset = if tz { per_day / 24 * 9 } else { 0 };
            match cast(a, &DataType::Int64) {
                Some(v) => Column::Instant {
                    values: v.as_primitive::<Int64Type>().clone(),
                    per_day,
                    offset,
                },
                None => Column::Other(a.clone()),
            }
        };
        match a.data_type() {
            DataType::Null => Column::Null,
            DataType::Utf8 => Column::Str(a.as_string::<i32>().clone()),
            DataType::LargeUtf8 | DataType::Utf8View => match cast(a, &DataType::Utf8) {
                Some(s) => Column::Str(s.as_string::<i32>().clone()),
                None => Column::Other(a.clone()),
            },
            DataType::Dictionary(_, v) => match cast(a, v) {
                Some(plain) => Column::new(&plain),
                None => Column::Other(a.clone()),
            },
            DataType::Boolean => Column::Bool(a.as_boolean().clone()),
            t if t.is_integer() => match cast(a, &DataType::Int64) {
                Some(v) => Column::Int(v.as_primitive::<Int64Type>().clone()),
                None => Column::Other(a.clone()),
            },
            t if t.is_floating() => match cast(a, &DataType::Float64) {
                Some(v) => Column::Float(v.as_primitive().clone()),
                None => Column::Other(a.clone()),
            },
            DataType::Date32 => Column::Date32(a.as_primitive().clone()),
            DataType::Union(fields, _) => {
                let u = a.as_union().clone();
                let children = fields
                    .iter()
                    .map(|(id, _)| (id, Column::new(u.child(id))))
                    .collect();
                Column::Union(u, children)
            }
            DataType::Date64 => instant(86_400_000, false),
            DataType::Timestamp(unit, tz) => {
                let per_day = match unit {
                    TimeUnit::Second => 86_400,
                    TimeUnit::Millisecond => 86_400_000,
                    TimeUnit::Microsecond => 86_400_000_000,
                    TimeUnit::Nanosecond => 86_400_000_000_000,
                };
                instant(per_day, tz.is_some())
            }
            _ => Column::Other(a.clone()),
        }
    }

    /// The cell of row `i`.
    pub(crate) fn cell(&self, i: usize) -> Cell<'_> {
        match self {
            Column::Null => Cell::Null,
            Column::Str(a) => or_null(a, i, || Cell::Str(a.value(i))),
            Column::Bool(a) => or_null(a, i, || Cell::Bool(a.value(i))),
            Column::Int(a) => or_null(a, i, || Cell::Int(a.value(i))),
            Column::Float(a) => or_null(a, i, || match a.value(i) {
                f if f.is_nan() => Cell::Null,
                f => Cell::Float(f),
            }),
            Column::Date32(a) => or_null(a, i, || Cell::Day(i64::from(a.value(i)))),
            Column::Instant {
                values,
                per_day,
                offset,
            } => or_null(values, i, || {
                Cell::Day(values.value(i).saturating_add(*offset).div_euclid(*per_day))
            }),
            Column::Union(u, children) => {
                let id = u.type_id(i);
                children
                    .iter()
                    .find(|(c, _)| *c == id)
                    .map_or(Cell::Other, |(_, c)| c.cell(u.value_offset(i)))
            }
            Column::Other(a) => or_null(a.as_ref(), i, || Cell::Other),
        }
    }
}

/// `f()` unless row `i` of `a` is null (generic, so the null check is inlined for each array type).
fn or_null<'a, A: Array + ?Sized>(a: &A, i: usize, f: impl FnOnce() -> Cell<'a>) -> Cell<'a> {
    if a.is_null(i) {
        Cell::Null
    } else {
        f()
    }
}

/// A cell converted for its field: `Ok(None)` null, `Ok(Some(x))` a value, `Err(())` a value that does not
/// convert (the caller keeps the cell, to give the core the JSON it stands for).
pub(crate) type Conv<T> = Result<Option<T>, ()>;

/// A trimmed string cell; empty is null.
fn text<'a>(c: &Cell<'a>) -> Option<&'a str> {
    match c {
        Cell::Str(s) => Some(s.trim()),
        _ => None,
    }
}

/// A date field.
pub(crate) fn date(c: Cell<'_>) -> Conv<NaiveDate> {
    match c {
        Cell::Null => Ok(None),
        Cell::Day(d) => date_of_day(d).map(Some).ok_or(()),
        Cell::Str(_) => match text(&c) {
            Some("") => Ok(None),
            Some(s) => parse_flexible(s).map(Some).ok_or(()),
            None => Err(()),
        },
        _ => Err(()),
    }
}

/// A flag field.
pub(crate) fn flag(c: Cell<'_>) -> Conv<bool> {
    match c {
        Cell::Null => Ok(None),
        Cell::Bool(b) => Ok(Some(b)),
        Cell::Int(0) => Ok(Some(false)),
        Cell::Int(1) => Ok(Some(true)),
        Cell::Float(0.0) => Ok(Some(false)),
        Cell::Float(1.0) => Ok(Some(true)),
        Cell::Str(_) => match text(&c) {
            Some("") => Ok(None),
            Some("true" | "TRUE" | "True" | "1" | "はい") => Ok(Some(true)),
            Some("false" | "FALSE" | "False" | "0" | "いいえ") => Ok(Some(false)),
            _ => Err(()),
        },
        _ => Err(()),
    }
}

/// A count field (a whole number from 0).
pub(crate) fn count(c: Cell<'_>) -> Conv<u32> {
    match c {
        Cell::Null => Ok(None),
        Cell::Int(n) => u32::try_from(n).map(Some).map_err(|_| ()),
        Cell::Float(f) if f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&f) => {
            Ok(Some(f as u32))
        }
        Cell::Str(_) => match text(&c) {
            Some("") => Ok(None),
            // digits, or digits and a zero fraction as a float column written to CSV gives them (`9.0`)
            Some(s) => {
                let whole = match s.split_once('.') {
                    Some((w, frac)) if !frac.is_empty() && frac.bytes().all(|b| b == b'0') => w,
                    Some(_) => return Err(()),
                    None => s,
                };
                if !whole.is_empty()
                    && whole.len() <= 9
                    && whole.bytes().all(|b| b.is_ascii_digit())
                {
                    whole.parse().map(Some).map_err(|_| ())
                } else {
                    Err(())
                }
            }
            None => Err(()),
        },
        _ => Err(()),
    }
}

/// A coded field: one of the wire names of `T`.
pub(crate) fn code<T: Vocab>(c: Cell<'_>) -> Conv<T> {
    match c {
        Cell::Null => Ok(None),
        Cell::Str(_) => match text(&c) {
            Some("") => Ok(None),
            Some(s) => T::parse(s).map(Some).ok_or(()),
            None => Err(()),
        },
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn d(s: &str) -> NaiveDate {
        hokensho::dates::parse_iso(s).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn dates_from_strings() {
        for s in [
            "2025-12-02",
            " 2025/12/02 ",
            "2025/12/2 00:00:00",
            "R7.12.2",
            "令和7年12月2日",
        ] {
            assert_eq!(date(Cell::Str(s)), Ok(Some(d("2025-12-02"))), "{s}");
        }
        assert_eq!(date(Cell::Str("  ")), Ok(None));
        assert_eq!(date(Cell::Str("2025-13-01")), Err(()));
        assert_eq!(date(Cell::Int(3)), Err(()));
        // what the core is then given
        assert_eq!(
            Cell::Str(" 2025-13-01 ").json(),
            Value::String("2025-13-01".into())
        );
        assert_eq!(Cell::Int(3).json(), Value::from(3));
        assert_eq!(date(Cell::Day(20424)), Ok(Some(d("2025-12-02"))));
        assert!(date(Cell::Day(-30000)).is_err()); // 1887: outside the core's years
    }

    #[test]
    fn flags_and_counts() {
        for (s, b) in [
            ("true", true),
            ("TRUE", true),
            ("True", true),
            ("1", true),
            ("はい", true),
        ] {
            assert_eq!(flag(Cell::Str(s)), Ok(Some(b)));
        }
        for s in ["false", "FALSE", "False", "0", "いいえ", " 0 "] {
            assert_eq!(flag(Cell::Str(s)), Ok(Some(false)));
        }
        assert_eq!(flag(Cell::Str("")), Ok(None));
        assert!(flag(Cell::Str("yes")).is_err());
        assert!(flag(Cell::Int(2)).is_err());
        assert_eq!(flag(Cell::Float(1.0)), Ok(Some(true)));
        assert_eq!(count(Cell::Str(" 12 ")), Ok(Some(12)));
        assert_eq!(count(Cell::Float(6.0)), Ok(Some(6)));
        assert!(count(Cell::Int(-1)).is_err());
        assert!(count(Cell::Str("6回")).is_err());
        // a float column written to CSV: a zero fraction is a whole number, any other is not
        assert_eq!(count(Cell::Str("9.0")), Ok(Some(9)));
        assert_eq!(count(Cell::Str("12.00")), Ok(Some(12)));
        assert!(count(Cell::Str("9.5")).is_err());
        assert!(count(Cell::Str("9.")).is_err());
        assert!(count(Cell::Str(".0")).is_err());
        assert!(count(Cell::Str("-1.0")).is_err());
    }

    #[test]
    fn union_cells_take_their_childs_type() {
        use arrow_array::{BinaryArray, UnionArray};
        use arrow_buffer::ScalarBuffer;
        use arrow_schema::{Field, UnionFields};
        let fields = UnionFields::try_new(
            [0, 1],
            [
                Field::new("s", DataType::Utf8, true),
                Field::new("x", DataType::Binary, true),
            ],
        )
        .expect("fields");
        let strings: ArrayRef = Arc::new(StringArray::from(vec![Some("A"), None, None]));
        let other: ArrayRef = Arc::new(BinaryArray::from(vec![None, Some(b"".as_slice()), None]));
        let u = UnionArray::try_new(
            fields,
            ScalarBuffer::from(vec![0i8, 1, 0]),
            None,
            vec![strings, other],
        )
        .expect("union");
        let c = Column::new(&(Arc::new(u) as ArrayRef));
        assert!(matches!(c.cell(0), Cell::Str("A")));
        assert!(matches!(c.cell(1), Cell::Other));
        assert!(matches!(c.cell(2), Cell::Null));
    }

    #[test]
    fn timestamps_are_days_in_japan_when_zoned() {
        use arrow_array::TimestampMillisecondArray;
        // 2025-12-01T20:00Z is 2025-12-02 in Japan; as a wall-clock timestamp it is 2025-12-01
        let ms = 1_764_619_200_000;
        let naive: ArrayRef = Arc::new(TimestampMillisecondArray::from(vec![ms]));
        let zoned: ArrayRef =
            Arc::new(TimestampMillisecondArray::from(vec![ms]).with_timezone("UTC"));
        assert_eq!(date(Column::new(&naive).cell(0)), Ok(Some(d("2025-12-01"))));
        assert_eq!(date(Column::new(&zoned).cell(0)), Ok(Some(d("2025-12-02"))));
    }
}
