"""The package-wide display language (``hokensho.set_language``)."""

from __future__ import annotations

import os
from typing import Literal, Mapping, cast

Lang = Literal["ja", "en"]


def default_language(environ: Mapping[str, str]) -> Lang:
    """The language a session starts in: ``HOKENSHO_LANG`` when set, else the locale (``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``, ``LANGUAGE``, the first one set): English for an ``en`` locale, Japanese for
    anything else (the fallback)."""
    for key in ("HOKENSHO_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(key, "").strip()
        if value:
            return "en" if value.lower().startswith("en") else "ja"
    return "ja"


_lang: list[Lang] = [default_language(os.environ)]


def set_language(lang: Lang) -> None:
    """Sets the language of error messages, ``explain`` and the notebook views: ``'ja'`` or ``'en'`` (the default
    follows the locale, see :func:`default_language`)."""
    if lang not in ("ja", "en"):
        raise ValueError("lang must be 'ja' or 'en' / lang は 'ja' か 'en' です")
    _lang[0] = lang


def get_language() -> Lang:
    """The language set with :func:`set_language` (the locale's until changed)."""
    return _lang[0]


def resolve(lang: str | None) -> Lang:
    """``lang`` when given (``'ja'`` or ``'en'``), else the package language."""
    if lang is None:
        return _lang[0]
    if lang in ("ja", "en"):
        return cast(Lang, lang)
    raise ValueError("lang must be 'ja' or 'en' / lang は 'ja' か 'en' です")
