"""Curators' commands: add, edit, remove, import, extract, and `sources|regions|indicators add`.

Each write runs inside `store.writing()`: under the lock, validated in full, then committed atomically.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import click

from factcli.cli_common import load, output, resolve_indicator, resolve_region
from factcli.errors import StoreError, UsageError
from factcli.model import BASES, CATEGORIES, KINDS, LEVELS, MEASURES, QUALIFIERS, SOURCE_KINDS
from factcli.options import db_option, listing, sources_option

Record = dict[str, Any]


def sources_path(sources_dir: str | None) -> Path | None:
    return Path(sources_dir) if sources_dir else None


def parse_number(text: str | None, name: str) -> float | int | None:
    if text is None:
        return None
    try:
        number = float(text)
    except ValueError:
        raise UsageError(f"{name} {text!r} is not a number") from None
    return int(number) if number.is_integer() and "." not in text else number


@click.command("add")
@click.option("--region", required=True, help="Region id or alias.")
@click.option("--indicator", required=True, help="Indicator id or alias.")
@click.option("--period", required=True, help="YYYY or YYYY-YYYY.")
@click.option("--kind", required=True, type=click.Choice(KINDS))
@click.option("--measure", required=True, type=click.Choice(MEASURES))
@click.option("--value", required=True, help="The number as printed, in --unit.")
@click.option("--value-high", help="Upper end of a printed range.")
@click.option("--unit", required=True, help="As printed (亿元, %, 万吨 …; 'rank' for ranks).")
@click.option("--source", required=True, help="Source id.")
@click.option("--evidence", required=True, help="Verbatim excerpt of the source holding the number (6–60 chars).")
@click.option("--qualifier", type=click.Choice(QUALIFIERS), default="exact", show_default=True)
@click.option("--aspirational", is_flag=True, help="力争/争取: a soft target.")
@click.option("--basis", type=click.Choice(BASES), help="Growth only: yoy, cumulative, annual_avg.")
@click.option("--scope", help="What part the figure covers.")
@click.option("--note", help="What a careful analyst should know.")
@sources_option
@db_option
def add(region: str, indicator: str, period: str, kind: str, measure: str, value: str, value_high: str | None,
        unit: str, source: str, evidence: str, qualifier: str, aspirational: bool, basis: str | None,
        scope: str | None, note: str | None, sources_dir: str | None, db: str | None) -> None:
    """Add one fact, validated as `verify` would (the excerpt is checked against the source text when
    --sources or $FACTCLI_SOURCES is given). Prints the new fact's id. Refuses an exact duplicate.

    \b
    factcli add --region xiaoyi --indicator gdp --period 2025 --kind target --measure growth \\
        --value 5 --unit % --qualifier approx --source xiaoyi-2025-conf \\
        --evidence "地区生产总值增长5%左右"
    """
    from factcli.curate import Curator
    from factcli.store import writing

    with writing(db) as store:
        fact = {"region": resolve_region(store, region), "indicator": resolve_indicator(store, indicator),
                "source": source, "period": period, "kind": kind, "measure": measure,
                "value": parse_number(value, "--value"), "value_high": parse_number(value_high, "--value-high"),
                "unit": unit, "qualifier": qualifier, "aspirational": aspirational, "basis": basis,
                "scope": scope, "evidence": evidence, "note": note}
        (new_id,) = Curator(store, sources_path(sources_dir)).add_facts([fact])
    click.echo(new_id)


@click.command("edit")
@click.argument("fact_id")
@click.option("--region", help="Region id or alias.")
@click.option("--indicator", help="Indicator id or alias.")
@click.option("--period", help="YYYY or YYYY-YYYY.")
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--measure", type=click.Choice(MEASURES))
@click.option("--value", help="The number as printed.")
@click.option("--value-high", help="Upper end of a printed range.")
@click.option("--unit")
@click.option("--source", help="Source id.")
@click.option("--evidence", help="Verbatim excerpt of the source.")
@click.option("--qualifier", type=click.Choice(QUALIFIERS))
@click.option("--aspirational/--binding", default=None, help="力争/争取 (soft) or binding.")
@click.option("--basis", type=click.Choice(BASES))
@click.option("--scope")
@click.option("--note")
@click.option("--unset", "unset", multiple=True, type=click.Choice(("value_high", "basis", "scope", "note")),
              help="Remove an optional field (repeatable).")
@sources_option
@db_option
def edit(fact_id: str, unset: tuple[str, ...], sources_dir: str | None, db: str | None, **fields: Any) -> None:
    """Change fields of one fact; the result is validated in full, as `add` validates. The id never
    changes.

    \b
    factcli edit xiaoyi-2025-conf-017 --unit 期 --unset note
    factcli edit lvliang-2025-gwr-051 --qualifier approx --note "printed as 近"
    """
    from factcli.curate import Curator
    from factcli.store import writing

    changes: Record = {name: value for name, value in fields.items() if value is not None}
    for name in ("value", "value_high"):
        if name in changes:
            changes[name] = parse_number(changes[name], f"--{name.replace('_', '-')}")
    if not changes and not unset:
        raise UsageError("nothing to change: give a field option such as --qualifier, or --unset FIELD")
    with writing(db) as store:
        if "region" in changes:
            changes["region"] = resolve_region(store, changes["region"])
        if "indicator" in changes:
            changes["indicator"] = resolve_indicator(store, changes["indicator"])
        changes.update(dict.fromkeys(unset))
        Curator(store, sources_path(sources_dir)).edit_fact(fact_id, changes)
    click.echo(fact_id)


@click.command("remove")
@click.argument("fact_ids", nargs=-1, required=True)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@db_option
def remove(fact_ids: tuple[str, ...], yes: bool, db: str | None) -> None:
    """Remove facts. Their ids are retired, never reused.

    \b
    factcli remove xiaoyi-2025-conf-017 --yes
    """
    from factcli.curate import Curator
    from factcli.store import writing

    if not yes and not click.confirm(f"Remove {len(fact_ids)} fact(s): {', '.join(fact_ids)}?", err=True):
        raise UsageError("not confirmed; nothing removed")
    with writing(db) as store:
        Curator(store).remove_facts(list(fact_ids), datetime.date.today().isoformat())
    click.echo(f"removed {len(fact_ids)} fact(s)", err=True)


@click.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@sources_option
@db_option
def import_(file: Any, sources_dir: str | None, db: str | None) -> None:
    """Add many facts from JSON Lines, all or nothing: one bad line rejects the file, with every
    problem listed by line number. Lines carry fact fields (no id); `source_file` may stand for `source`,
    and extra fields from `extract` (number, context, stored …) are ignored.

    \b
    factcli extract new.txt --source lvliang-2026-gwr --format jsonl > candidates.jsonl
    factcli import candidates.jsonl --sources texts/
    """
    from factcli.curate import Curator
    from factcli.model import FACT_FIELDS
    from factcli.store import writing

    lines = []
    problems = []
    for n, line in enumerate(file, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
        except ValueError as err:
            problems.append(f"line {n}: not a JSON object: {err}")
            continue
        lines.append((n, record))
    if problems:
        raise UsageError(f"{file.name}: {len(problems)} problem(s); nothing written", details=problems)
    with writing(db) as store:
        files = {s["file"]: s["id"] for s in store.sources()}
        facts = []
        for _, record in lines:
            if "source" not in record and record.get("source_file") in files:
                record["source"] = files[record["source_file"]]
            if "id" in record:
                problems.append(f"line {_}: has an id; ids are assigned by factcli")
            facts.append({k: v for k, v in record.items() if k in FACT_FIELDS and k != "id"})
        if problems:
            raise UsageError(f"{file.name}: {len(problems)} problem(s); nothing written", details=problems)
        try:
            ids = Curator(store, sources_path(sources_dir)).add_facts(facts)
        except UsageError as err:
            numbers = [n for n, _ in lines]
            details = [f"line {numbers[int(d.split(':')[0]) - 1]}:{d.split(':', 1)[1]}" for d in err.details]
            raise UsageError(f"{file.name}: {len(details)} problem(s); nothing written", details=details) from None
    click.echo(f"imported {len(ids)} fact(s): {ids[0]} … {ids[-1]}" if ids else "imported 0 facts", err=True)


# ---- `sources add`, `regions add`, `indicators add` ----------------------------------------------


@click.command("sources add")
@click.argument("file")
@click.option("--id", "source_id", required=True, help="Short stable slug, e.g. lvliang-2026-gwr.")
@click.option("--title", required=True, help="The document's title (Chinese).")
@click.option("--title-en", default="", help="An English rendering of the title.")
@click.option("--date", "date", required=True, help="ISO date, as precise as known (2025, 2025-01, 2025-01-15).")
@click.option("--region", required=True, help="Whose document it is (id or alias).")
@click.option("--kind", type=click.Choice(SOURCE_KINDS), default="government_work_report", show_default=True)
@click.option("--publisher", default="")
@click.option("--author", default="")
@sources_option
@db_option
def sources_add(file: str, source_id: str, title: str, title_en: str, date: str, region: str, kind: str,
                publisher: str, author: str, sources_dir: str | None, db: str | None) -> None:
    """Register a source document: its file name and sha256 (FILE is a path, or a name in --sources).

    \b
    factcli sources add 005_lvliang_2026.txt --sources texts/ --id lvliang-2026-gwr \\
        --title "吕梁市2026年政府工作报告" --date 2026-01-10 --region 吕梁
    """
    import re

    from factcli.curate import Curator
    from factcli.store import writing

    path = Path(file)
    if not path.exists() and sources_dir:
        path = Path(sources_dir) / file
    if not path.is_file():
        raise UsageError(f"{file}: source text not found")
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
        raise UsageError(f"invalid date {date!r} (YYYY, YYYY-MM or YYYY-MM-DD)")
    with writing(db) as store:
        Curator(store).add_source(path, {"id": source_id, "title_zh": title, "title_en": title_en, "date": date,
                                         "region": resolve_region(store, region), "kind": kind,
                                         "publisher": publisher, "author": author})
    click.echo(source_id)


@click.command("regions add")
@click.option("--id", "region_id", required=True, help="Pinyin slug, e.g. fenyang.")
@click.option("--name-zh", required=True)
@click.option("--name-en", required=True)
@click.option("--level", type=click.Choice(LEVELS), required=True)
@click.option("--parent", help="The enclosing region's id.")
@click.option("--alias", "aliases", multiple=True, help="Another way people type it (repeatable).")
@click.option("--admin-code", help="GB/T 2260 code, only where certain.")
@db_option
def regions_add(region_id: str, name_zh: str, name_en: str, level: str, parent: str | None, aliases: tuple[str, ...],
                admin_code: str | None, db: str | None) -> None:
    """Add a region with its aliases (Chinese, pinyin with and without tones, English).

    \b
    factcli regions add --id wenshui --name-zh 文水县 --name-en Wenshui --level county \\
        --parent lvliang --alias 文水 --alias "Wenshui County"
    """
    from factcli.curate import Curator
    from factcli.store import writing

    record: Record = {"id": region_id, "name_zh": name_zh, "name_en": name_en, "level": level,
                      "aliases": list(dict.fromkeys([name_zh, name_en, *aliases]))}
    if parent:
        record["parent"] = parent
    if admin_code:
        record["admin_code"] = admin_code
    with writing(db) as store:
        Curator(store).add_region(record)
    click.echo(region_id)


@click.command("indicators add")
@click.option("--id", "indicator_id", required=True, help="snake_case English, e.g. coal_output.")
@click.option("--name-zh", required=True)
@click.option("--name-en", required=True)
@click.option("--category", type=click.Choice(CATEGORIES), required=True)
@click.option("--alias", "aliases", multiple=True, help="Another name people type (repeatable).")
@db_option
def indicators_add(indicator_id: str, name_zh: str, name_en: str, category: str, aliases: tuple[str, ...],
                   db: str | None) -> None:
    """Add an indicator (a concept: its level, growth and rank are facts of one indicator).

    \b
    factcli indicators add --id coalbed_methane_output --name-zh 煤层气产量 \\
        --name-en "Coalbed methane output" --category energy --alias 煤层气
    """
    from factcli.curate import Curator
    from factcli.store import writing

    record = {"id": indicator_id, "name_zh": name_zh, "name_en": name_en, "category": category,
              "aliases": list(dict.fromkeys([name_zh, name_en, *aliases]))}
    with writing(db) as store:
        Curator(store).add_indicator(record)
    click.echo(indicator_id)



# ---- extract ---------------------------------------------------------------------------------


@click.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--source", "source_id", help="The registered source this text is (gives its date and region).")
@click.option("--date", "doc_date", help="The document's date (YYYY…), when it is not registered.")
@click.option("--region", help="Whose document it is, when it is not registered (else read from its opening).")
@click.option("--new-only", is_flag=True, help="Only figures the store does not hold yet.")
@click.option("--explain", is_flag=True, help="Add a `why` field: the reasons for each guess.")
@click.option("--evaluate", is_flag=True,
              help="Compare the candidates with the facts the store already holds for --source.")
@listing
def extract(file: str, source_id: str | None, doc_date: str | None, region: str | None, new_only: bool,
            explain: bool, evaluate: bool, db: str | None, fmt: str | None, lang: str) -> None:
    """Candidate facts of a document's text, for a curator to review and `import`.

    Each candidate carries the fact fields `import` reads (region, indicator, period, kind, measure,
    basis, value, unit, qualifier, aspirational, evidence, rank_of …), guessed as a curator reads:
    the section a figure stands under sets its period and kind unless its clause says otherwise.
    Review-only fields, which `import` ignores: new_indicator (a proposed name where no known
    indicator fits; indicator is then empty), number, stored (the fact already holding it), offset,
    context, and with --explain, why. Write jsonl or tsv, review, then import.

    \b
    factcli extract texts/005.txt --source lvliang-2026-gwr --new-only -f tsv > review.tsv
    factcli extract new.txt --date 2026-01-12 --region 吕梁 --explain -f jsonl > candidates.jsonl
    factcli extract texts/000_46e3abeaba9588cc.txt --source xiaoyi-2025-conf --evaluate
    """
    from factcli import extract as extractor
    from factcli.render import Column
    from factcli.units import UNITS

    store = load(db)
    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise StoreError(f"{file}: cannot read text: {err}") from None
    source = next((s for s in store.sources() if s["id"] == source_id), None) if source_id else None
    if source_id and source is None:
        raise UsageError(f"unknown source {source_id!r}")
    date = doc_date or (source or {}).get("date")
    if not date or not date[:4].isdigit():
        raise UsageError("the document's year is needed: give --source or --date")
    regions = store.regions()
    region_id = document_region(store, text, region, (source or {}).get("region"))
    facts = store.facts()
    stored = [f for f in facts if source_id is None or f["source"] == source_id]
    candidates = extractor.extract(text, year=int(date[:4]), region=region_id, source=source_id,
                                   indicators=store.indicators(), regions=regions, stored=stored, facts=facts)
    if evaluate:
        if not source_id:
            raise UsageError("--evaluate needs --source")
        report = extractor.evaluate(candidates, stored, text)
        rows = [{"measure": k, "value": v} for k, v in report.items()]
        output(rows, [Column("measure", "Measure", "指标"), Column("value", "Value", "数值", numeric=True)], fmt,
               lang, title=f"extract vs the store: {source_id}")
        return
    if new_only:
        candidates = [c for c in candidates if not c["stored"]]
    unknown = sorted({c["unit"] for c in candidates if c["unit"] and c["unit"] not in UNITS})
    if unknown:
        click.echo(f"factcli: printed in units the registry lacks (import refuses them until fixed): "
                   f"{', '.join(unknown)}", err=True)
    keys = [*extractor.FIELDS, "why"] if explain else list(extractor.FIELDS)
    for candidate in candidates:  # one column for people: the known indicator, or the one proposed
        candidate["guess"] = candidate["indicator"] or (f"new: {candidate['new_indicator']}"
                                                        if candidate["new_indicator"] else "")
    table = [Column("number", "Number", "数字", numeric=True), Column("unit", "Unit", "单位"),
             Column("guess", "Indicator?", "指标?"), Column("measure", "Measure?", "度量?"),
             Column("kind", "Kind?", "类型?"), Column("period", "Period?", "时期?"),
             # the region only where some figure belongs to another than the document's
             *([Column("region", "Region?", "地区?")] if any(c["region"] != region_id for c in candidates) else []),
             Column("qualifier", "Hedge?", "限定?"),
             Column("stored", "Stored", "已存"),
             Column("why", "Why", "依据", wide=True) if explain else Column("evidence", "Evidence", "原文", wide=True)]
    output(candidates, [Column(k, k, k) for k in keys], fmt, lang, table_columns=table,
           title=f"Candidate figures: {Path(file).name}")


def document_region(store: Any, text: str, given: str | None, registered: str | None) -> str | None:
    """The document's region: --region, the source's, or the place its opening names. A place the store
    lacks is said on stderr with the `regions add` line that would add it; the candidates' region is then
    left empty for the curator."""
    from factcli import extract as extractor
    from factcli.render import clean  # the name may come from the command line: no control characters out

    if registered and not given:
        return registered
    regions = store.regions()
    if given:
        try:
            return resolve_region(store, given)
        except UsageError:
            printed = given
    else:
        found, printed_or_none = extractor.document_region(text, regions)
        if found:
            click.echo(f"factcli: the document's region, from its opening: {found}", err=True)
            return found
        if printed_or_none is None:
            click.echo("factcli: the document's region is not known: give --region", err=True)
            return None
        printed = printed_or_none
    click.echo(f"factcli: region {clean(printed)!r} is not in the store; add it, then extract again:\n  "
               + extractor.region_proposal(clean(printed), text, regions), err=True)
    return None
