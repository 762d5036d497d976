//! Errors: a stable `code`, the field `path`, and a message in English and Japanese (Cedar's style:
//! lowercase, no trailing period, the field in backticks). No error ever repeats a value from the input.

use serde::{Deserialize, Serialize};

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FieldError {
    /// A stable code, e.g. `invalid_date`.
    pub code: String,
    /// Where: a member field (`certificates[1].expires_on`), a request field (`on`), or `file:key` for rules.
    pub path: String,
    /// The message in English.
    pub en: String,
    /// The message in Japanese.
    pub ja: String,
}

impl FieldError {
    /// Builds an error.
    pub fn new(
        code: &str,
        path: impl Into<String>,
        en: impl Into<String>,
        ja: impl Into<String>,
    ) -> Self {
        FieldError {
            code: code.to_owned(),
            path: path.into(),
            en: en.into(),
            ja: ja.into(),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

fn join(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| e.en.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Everything that can go wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The member record is malformed or impossible.
    #[error("invalid member: {}", join(.0))]
    InvalidMember(Vec<FieldError>),
    /// A rule file is malformed or impossible.
    #[error("invalid rules: {}", join(.0))]
    InvalidRules(Vec<FieldError>),
    /// The request around a member (the date, the envelope) is malformed.
    #[error("invalid request: {}", join(.0))]
    InvalidRequest(Vec<FieldError>),
}

impl Error {
    /// The individual problems.
    pub fn errors(&self) -> &[FieldError] {
        match self {
            Error::InvalidMember(e) | Error::InvalidRules(e) | Error::InvalidRequest(e) => e,
        }
    }

    /// The kind, as the bindings name their exception classes: `invalid_member`, `invalid_rules`,
    /// `invalid_request`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidMember(_) => "invalid_member",
            Error::InvalidRules(_) => "invalid_rules",
            Error::InvalidRequest(_) => "invalid_request",
        }
    }

    pub(crate) fn member(e: FieldError) -> Self {
        Error::InvalidMember(vec![e])
    }

    pub(crate) fn rules(e: FieldError) -> Self {
        Error::InvalidRules(vec![e])
    }

    pub(crate) fn request(e: FieldError) -> Self {
        Error::InvalidRequest(vec![e])
    }
}

/// A shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
