"""Labels of every coded value (``hokensho.labels``), from the core's vocabulary: the binding keeps no copy."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Literal

from . import _config, _native
from .errors import from_envelope

LabelKind = Literal["documents", "statuses", "need_reasons", "actions", "actors", "events", "warnings", "rules"]

_OK = '{"ok":true,"result":'


@lru_cache(maxsize=32)
def _labels(kind: str, lang: str) -> tuple[tuple[str, str], ...]:
    env = _native.labels_json(json.dumps({"kind": kind, "lang": lang}))
    if not env.startswith(_OK):
        raise from_envelope(env)
    return tuple((x["code"], x["label"]) for x in json.loads(env[len(_OK) : -1]))


def labels(kind: LabelKind, lang: str | None = None) -> dict[str, str]:
    """Every code of ``kind`` with its label in ``lang`` (default: the session language), in the vocabulary's
    order: ``labels("actions", "ja")["return"] == "返却"``. Kinds: ``documents``, ``statuses``, ``need_reasons``,
    ``actions``, ``actors``, ``events``, ``warnings``, ``rules`` (the catalogue's rule titles). Raises
    :class:`hokensho.InvalidRequest` for an unknown kind."""
    return dict(_labels(kind, _config.resolve(lang)))
