//! Bounds on input that is valid JSON but absurd, so that no member or request can hang the engine or make it
//! exhaust memory: nesting depth, the length of a text field, and the number of certificates and card-face
//! changes of one member. Each refusal is a coded error naming the field path, in English and Japanese.
//!
//! The member path checks depth on the text ([`check_depth`], before parsing) and counts on the typed member
//! ([`check_member`], after parsing), so a member gets the same error whether it arrives as a JSON Lines line,
//! inside an API request's fast path or through the request's value path. Memory while parsing stays
//! proportional to the input's own size.

use crate::error::{Error, FieldError, Result};
use crate::model::Member;

/// Deepest nesting of arrays and objects in a member's or a request's JSON text. A member needs 3 levels, a
/// request 5; serde_json's own limit (128) would only say "invalid JSON".
pub const MAX_DEPTH: usize = 32;

/// Longest `id` or `insurer`, in bytes of UTF-8.
pub const MAX_TEXT_BYTES: usize = 256;

/// Most eligibility certificates one member may list.
pub const MAX_CERTIFICATES: usize = 100;

/// Most card-face changes one member may list.
pub const MAX_FACE_CHANGES: usize = 1000;

/// Refuses JSON text whose arrays and objects nest deeper than [`MAX_DEPTH`] (strings are skipped, so brackets
/// inside them do not count). One pass over the bytes; says nothing about whether the text is otherwise JSON.
pub fn check_depth(text: &str) -> std::result::Result<(), FieldError> {
    // the depth never exceeds the number of opening brackets, and most texts have far fewer than the limit
    if text.bytes().filter(|b| matches!(b, b'[' | b'{')).count() <= MAX_DEPTH {
        return Ok(());
    }
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(FieldError::new(
                        "too_deep",
                        "",
                        format!(
                            "the input nests arrays and objects deeper than {MAX_DEPTH} levels"
                        ),
                        format!("入力の配列・オブジェクトの入れ子が{MAX_DEPTH}段を超えています"),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

fn too_long(path: &str) -> FieldError {
    FieldError::new(
        "too_long",
        path,
        format!("`{path}` is longer than {MAX_TEXT_BYTES} bytes"),
        format!("`{path}` が{MAX_TEXT_BYTES}バイトを超えています"),
    )
}

fn too_many(path: &str, max: usize) -> FieldError {
    FieldError::new(
        "too_many",
        path,
        format!("`{path}` has more than {max} entries"),
        format!("`{path}` の要素が{max}件を超えています"),
    )
}

/// Refuses a parsed member whose text fields or lists exceed the limits above; every breach is reported.
pub fn check_member(m: Member) -> Result<Member> {
    let mut errs = Vec::new();
    if m.id.len() > MAX_TEXT_BYTES {
        errs.push(too_long("id"));
    }
    if m.insurer.len() > MAX_TEXT_BYTES {
        errs.push(too_long("insurer"));
    }
    if m.certificates.len() > MAX_CERTIFICATES {
        errs.push(too_many("certificates", MAX_CERTIFICATES));
    }
    if m.face_changes.len() > MAX_FACE_CHANGES {
        errs.push(too_many("face_changes", MAX_FACE_CHANGES));
    }
    if errs.is_empty() {
        Ok(m)
    } else {
        Err(Error::InvalidMember(errs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_brackets_outside_strings_only() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(check_depth(&deep).is_ok());
        let deeper = format!("[{deep}]");
        assert_eq!(check_depth(&deeper).unwrap_err().code, "too_deep");
        let quoted = format!(r#"{{"id": "{}\"{}"}}"#, "[".repeat(100), "{".repeat(100));
        assert!(check_depth(&quoted).is_ok());
    }
}
