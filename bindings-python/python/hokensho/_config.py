"""The package-wide display language (``hokensho.set_language``)."""

from __future__ import annotations

from typing import Literal, cast

Lang = Literal["ja", "en"]

_lang: list[Lang] = ["ja"]


def set_language(lang: Lang) -> None:
    """Sets the language of error messages, ``explain`` and the notebook views: ``'ja'`` (default) or ``'en'``."""
    if lang not in ("ja", "en"):
        raise ValueError("lang must be 'ja' or 'en'")
    _lang[0] = lang


def get_language() -> Lang:
    """The language set with :func:`set_language` (``'ja'`` until changed)."""
    return _lang[0]


def resolve(lang: str | None) -> Lang:
    """``lang`` when given (``'ja'`` or ``'en'``), else the package language."""
    if lang is None:
        return _lang[0]
    if lang in ("ja", "en"):
        return cast(Lang, lang)
    raise ValueError("lang must be 'ja' or 'en'")
