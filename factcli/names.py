"""Resolving what people type (孝义, Xiaoyi, lüliang, GDP, 地区生产总值) to region and indicator ids."""

from __future__ import annotations

import re
from collections.abc import Iterable

from factcli.errors import UsageError
from factcli.model import Record

_SEPARATORS = re.compile(r"[\s\-_·.]+")


def normalize(name: str) -> str:
    """Case-, width-, tone- and separator-insensitive form: 'Lǚ Liang' and 'lvliang' meet."""
    import unicodedata

    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = unicodedata.normalize("NFD", text).replace("u\u0308", "v")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SEPARATORS.sub("", unicodedata.normalize("NFC", text))


def names_of(record: Record) -> list[str]:
    """Every name a record answers to: id, Chinese and English names, aliases."""
    return [str(record["id"]), str(record.get("name_zh", "")), str(record.get("name_en", "")),
            *map(str, record.get("aliases", []))]


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (孝義 -> 孝义). OpenCC costs ~15 ms to load, so only a
    name that found nothing pays for it."""
    import opencc

    return str(opencc.OpenCC("t2s").convert(text))


class Resolver:
    """Maps any alias of a set of records to the record's id.

    Most names arrive as typed in the store (an id, 孝义, GDP), so a case-insensitive pass over the raw
    names comes first; the full normalisation of every alias is built only when that finds nothing.
    """

    def __init__(self, records: Iterable[Record], what: str) -> None:
        self.what = what
        self.records = {record["id"]: record for record in records}
        self._index: dict[str, set[str]] | None = None

    @property
    def by_name(self) -> dict[str, set[str]]:
        if self._index is None:
            self._index = {}
            for rid, record in self.records.items():
                for name in names_of(record):
                    key = normalize(name)
                    if key:
                        self._index.setdefault(key, set()).add(rid)
        return self._index

    def matches(self, name: str) -> set[str]:
        wanted = name.strip().casefold()
        ids = {rid for rid, record in self.records.items()
               if any(n.casefold() == wanted for n in names_of(record))}
        return ids or self.by_name.get(normalize(name), set())

    def resolve(self, name: str) -> str:
        """The id a name stands for; traditional characters (孝義) are tried as simplified ones."""
        if name in self.records:
            return name
        ids = self.matches(name)
        if not ids and not name.isascii():
            plain = simplified(name)
            if plain != name:
                ids = self.matches(plain)
        if len(ids) == 1:
            return next(iter(ids))
        if len(ids) > 1:
            raise UsageError(f"{self.what} {name!r} is ambiguous: {', '.join(sorted(ids))}")
        suggestions = self.suggest(name)
        hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        raise UsageError(f"unknown {self.what} {name!r}{hint}")

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        import difflib

        key = normalize(name)
        close = difflib.get_close_matches(key, self.by_name, n=limit * 3, cutoff=0.6)
        close += [alias for alias in self.by_name if key and (key in alias or alias in key)
                  and alias not in close]
        suggestions: list[str] = []
        for alias in close:
            for rid in sorted(self.by_name[alias]):
                if rid not in suggestions:
                    suggestions.append(rid)
        return suggestions[:limit]
