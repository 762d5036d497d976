"""Errors: the core's error envelopes as Python exceptions.

Every error carries a stable ``code``, the field ``path`` (e.g. ``certificates[1].expires_on``), a message in
English (``en``) and Japanese (``ja``), and ``errors``, the full list of problems (the first one gives ``code``,
``path``, ``en`` and ``ja``). The class follows the envelope's ``kind``:

- :class:`InvalidMember` — the member record is malformed or impossible;
- :class:`InvalidRules` — a rule directory is malformed or impossible;
- :class:`InvalidRequest` — the request around a member (a date, an argument) is malformed;
- :class:`Error` itself — an internal error (code ``internal``), never a crash of the interpreter.

No error repeats a value from the input (in particular never an individual number).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, ClassVar, Sequence

from . import _config

__all__ = ["ErrorDetail", "Error", "InvalidMember", "InvalidRules", "InvalidRequest", "from_envelope"]


@dataclass(frozen=True)
class ErrorDetail:
    """One problem with one field: a stable ``code``, the field ``path``, and the message in English and Japanese."""

    code: str
    path: str
    en: str
    ja: str

    def message(self, lang: str | None = None) -> str:
        """The message in ``lang`` (``'ja'``/``'en'``; default: :func:`hokensho.set_language`)."""
        return self.en if _config.resolve(lang) == "en" else self.ja

    def to_dict(self) -> dict[str, str]:
        """``{"code", "path", "en", "ja"}`` as in the core's envelope."""
        return {"code": self.code, "path": self.path, "en": self.en, "ja": self.ja}


_INTERNAL = ErrorDetail("internal", "", "internal error", "内部エラー")


class Error(Exception):
    """Base class of every hokensho error; raised as such for internal errors (``code == 'internal'``).

    Attributes: ``kind`` (the envelope's kind), ``code``, ``path``, ``en``, ``ja`` (of the first problem) and
    ``errors`` (every problem, as :class:`ErrorDetail`). ``str(error)`` is the message in the language set with
    :func:`hokensho.set_language`.
    """

    kind: ClassVar[str] = "internal"

    errors: list[ErrorDetail]
    code: str
    path: str
    en: str
    ja: str

    def __init__(self, errors: Sequence[ErrorDetail] = ()) -> None:
        """Builds the error from its problems (an internal error when there are none)."""
        self.errors = list(errors) or [_INTERNAL]
        first = self.errors[0]
        self.code, self.path, self.en, self.ja = first.code, first.path, first.en, first.ja
        super().__init__(self.en)

    def message(self, lang: str | None = None) -> str:
        """Every problem's message in ``lang`` (default: the package language), joined by ``'; '``."""
        return "; ".join(e.message(lang) for e in self.errors)

    def __str__(self) -> str:
        return self.message()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, path={self.path!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.errors,))

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and isinstance(other, Error) and self.errors == other.errors

    def __hash__(self) -> int:
        return hash((type(self), tuple(self.errors)))

    def to_dict(self) -> dict[str, Any]:
        """The core's error envelope: ``{"ok": false, "kind": …, "errors": […]}``."""
        return {"ok": False, "kind": self.kind, "errors": [e.to_dict() for e in self.errors]}

    @classmethod
    def single(cls, code: str, path: str, en: str, ja: str) -> Error:
        """An error of this class with one problem."""
        return cls([ErrorDetail(code, path, en, ja)])


class InvalidMember(Error):
    """The member record is malformed or impossible (envelope kind ``invalid_member``)."""

    kind: ClassVar[str] = "invalid_member"


class InvalidRules(Error):
    """A rule directory is malformed or impossible (envelope kind ``invalid_rules``)."""

    kind: ClassVar[str] = "invalid_rules"


class InvalidRequest(Error):
    """The request around a member is malformed: a date, the language, an argument (kind ``invalid_request``)."""

    kind: ClassVar[str] = "invalid_request"


_KINDS: dict[str, type[Error]] = {
    "invalid_member": InvalidMember,
    "invalid_rules": InvalidRules,
    "invalid_request": InvalidRequest,
}


def from_envelope(envelope: str | dict[str, Any]) -> Error:
    """The exception for an error envelope of the core (its JSON text or its parsed dict)."""
    try:
        env = json.loads(envelope) if isinstance(envelope, str) else envelope
        cls = _KINDS.get(str(env.get("kind")), Error)
        details = [
            ErrorDetail(str(e["code"]), str(e["path"]), str(e["en"]), str(e["ja"])) for e in env.get("errors") or []
        ]
    except (ValueError, TypeError, KeyError, AttributeError):
        return Error()
    return cls(details)
