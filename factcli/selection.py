"""What a listing command selects beyond one query: repeated filters as unions, YEAR and REGION in either
order. Imported by the listing commands' bodies only, so `get` never pays for it."""

from __future__ import annotations

from factcli.errors import UsageError
from factcli.model import Record


def year_and_region(first: str | None, second: str | None) -> tuple[int | None, str | None]:
    """REGION and YEAR in either order (`targets 2025 xiaoyi`, `targets xiaoyi 2025`): the one that is a
    year is the year."""
    given = [arg for arg in (first, second) if arg is not None]
    years = [arg for arg in given if arg.isascii() and arg.isdigit() and len(arg) == 4]
    regions = [arg for arg in given if arg not in years]
    if len(years) > 1 or len(regions) > 1:
        raise UsageError(f"give one YEAR and at most one REGION, not {' '.join(given)!r}")
    return (int(years[0]) if years else None), (regions[0] if regions else None)


def any_of(facts: list[Record], categories: dict[str, str], *, kind: tuple[str, ...] = (),
           measure: tuple[str, ...] = (), source: tuple[str, ...] = (),
           category: tuple[str, ...] = ()) -> list[Record]:
    """The facts matching any of the values given for each repeated filter."""
    return [f for f in facts if (not kind or f["kind"] in kind) and (not measure or f["measure"] in measure)
            and (not source or f["source"] in source)
            and (not category or categories.get(f["indicator"]) in category)]
