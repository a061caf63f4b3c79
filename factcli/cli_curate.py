"""Curators' commands: add, edit, remove, import, extract, and `sources|regions|indicators add`.

Each write runs inside `store.writing()`: under the lock, validated in full, then committed atomically.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from factcli.context import Environment, pass_env, resolve_indicator, resolve_region
from factcli.errors import RecordsRejected, StoreError, UsageError
from factcli.lazy import Command
from factcli.model import (
    BASES,
    CATEGORIES,
    FACT_FIELDS,
    KINDS,
    LEVELS,
    MEASURES,
    QUALIFIERS,
    RANKED,
    SOURCE_KINDS,
    Record,
)
from factcli.options import db_option, listing, names_options, sources_option

if TYPE_CHECKING:
    from factcli.store import Store

F = TypeVar("F", bound=Callable[..., Any])
NO_SOURCES = ("no sources folder to check the excerpt against: pass --sources DIR (or set FACTCLI_SOURCES), "
              "or --no-evidence-check to write it unchecked")


def sources_path(sources_dir: str | None, no_evidence_check: bool) -> Path | None:
    """The folder to check excerpts against; with neither a folder nor --no-evidence-check, a refusal."""
    if no_evidence_check:
        return None
    if not sources_dir:
        raise UsageError(NO_SOURCES)
    return Path(sources_dir)


def evidence_options(func: F) -> F:
    """--sources and --no-evidence-check: what every command that writes facts takes."""
    return sources_option(click.option(
        "--no-evidence-check", is_flag=True,
        help="Write without checking the excerpt against its source text (when the text is not at hand).")(func))


def parse_number(text: str | None, name: str) -> float | int | None:
    if text is None:
        return None
    try:
        if not text.isascii() or "_" in text:  # float() also reads ５, ٥ and 1_000
            raise ValueError
        number = float(text)
    except ValueError:
        raise UsageError(f"{name} {text!r:.40} is not a number") from None
    return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number


@click.command("add", cls=Command)
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
@click.option("--basis", type=click.Choice(BASES),
              help="Growth: yoy, cumulative, annual_avg. A level or count over a span: annual_avg or cumulative.")
@click.option("--rank-of", type=click.Choice(RANKED), help="Rank facts: what is ranked (level, growth, share).")
@click.option("--scope", help="What part the figure covers.")
@click.option("--note", help="What a careful analyst should know.")
@evidence_options
@db_option
def add(region: str, indicator: str, period: str, kind: str, measure: str, value: str, value_high: str | None,
        unit: str, source: str, evidence: str, qualifier: str, aspirational: bool, basis: str | None,
        rank_of: str | None, scope: str | None, note: str | None, sources_dir: str | None, no_evidence_check: bool,
        db: str | None) -> None:
    """Add one fact, validated as `verify` validates, its excerpt checked against the source text in
    --sources (or $FACTCLI_SOURCES): without a folder the write is refused unless --no-evidence-check.
    Prints the new fact's id. Refuses an exact duplicate.

    \b
    factcli add --region xiaoyi --indicator gdp --period 2025 --kind target --measure growth \\
        --value 5 --unit % --qualifier approx --source xiaoyi-2025-conf \\
        --evidence "地区生产总值增长5%左右" --sources texts/ --db mystore.json
    """
    from factcli.curate import Curator
    from factcli.store import writing

    folder = sources_path(sources_dir, no_evidence_check)
    numbers = parse_number(value, "--value"), parse_number(value_high, "--value-high")
    with writing(db) as store:
        fact = {"region": resolve_region(store, region), "indicator": resolve_indicator(store, indicator),
                "source": source, "period": period, "kind": kind, "measure": measure, "value": numbers[0],
                "value_high": numbers[1], "unit": unit, "qualifier": qualifier, "aspirational": aspirational,
                "basis": basis, "rank_of": rank_of, "scope": scope, "evidence": evidence, "note": note}
        (new_id,) = Curator(store, folder).add_facts([fact])
    click.echo(new_id)


@click.command("edit", cls=Command)
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
@click.option("--rank-of", type=click.Choice(RANKED))
@click.option("--scope")
@click.option("--note")
@click.option("--unset", "unset", multiple=True,
              type=click.Choice(("value_high", "basis", "rank_of", "scope", "note")),
              help="Remove an optional field (repeatable).")
@evidence_options
@db_option
def edit(fact_id: str, unset: tuple[str, ...], sources_dir: str | None, no_evidence_check: bool, db: str | None,
         **fields: str | bool | None) -> None:
    """Change fields of one fact; the result is validated in full, as `add` validates (the excerpt too,
    against --sources, unless --no-evidence-check). The id never changes.

    \b
    factcli edit xiaoyi-2025-conf-017 --unit 期 --unset note --sources texts/
    factcli edit lvliang-2025-gwr-051 --qualifier approx --note "printed as 近" --sources texts/
    """
    from factcli.curate import Curator
    from factcli.store import writing

    changes: Record = {name: value for name, value in fields.items() if value is not None}
    for name in ("value", "value_high"):
        if name in changes:
            changes[name] = parse_number(changes[name], f"--{name.replace('_', '-')}")
    if both := [name for name in unset if name in changes]:
        raise UsageError(f"--{both[0].replace('_', '-')} and --unset {both[0]} contradict each other")
    if not changes and not unset:
        raise UsageError("nothing to change: give a field option such as --qualifier, or --unset FIELD")
    folder = sources_path(sources_dir, no_evidence_check)
    with writing(db) as store:
        if "region" in changes:
            changes["region"] = resolve_region(store, changes["region"])
        if "indicator" in changes:
            changes["indicator"] = resolve_indicator(store, changes["indicator"])
        changes.update(dict.fromkeys(unset))
        Curator(store, folder).edit_fact(fact_id, changes)
    click.echo(fact_id)


@click.command("remove", cls=Command)
@click.argument("fact_ids", nargs=-1, required=True)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@db_option
def remove(fact_ids: tuple[str, ...], yes: bool, db: str | None) -> None:
    """Remove facts. Their ids are retired, never reused. Without --yes it asks; no answer is no.

    \b
    factcli remove xiaoyi-2025-conf-017 --yes
    """
    from factcli.curate import Curator
    from factcli.render import clean
    from factcli.store import writing

    named = list(dict.fromkeys(fact_ids))
    if not yes:
        try:
            confirmed = click.confirm(clean(f"Remove {len(named)} fact(s): {', '.join(named)}?"), err=True)
        except click.Abort:  # end of input: nobody said yes
            click.echo(err=True)  # ends the prompt's line, so the refusal is a line of its own
            confirmed = False
        if not confirmed:
            raise UsageError("not confirmed; nothing removed")
    with writing(db) as store:
        removed = Curator(store).remove_facts(named, datetime.date.today().isoformat())
    click.echo(f"removed {len(removed)} fact(s)", err=True)


@click.command("import", cls=Command)
@click.argument("file", type=click.Path(dir_okay=False))
@evidence_options
@db_option
def import_(file: str, sources_dir: str | None, no_evidence_check: bool, db: str | None) -> None:
    """Add many facts from JSON Lines or TSV, all or nothing: one bad line rejects the file, with every
    problem listed by line number. JSON lines carry fact fields (no id); TSV (chosen by a .tsv name or
    a first line that is not JSON) has a header row of field names, as `extract --format tsv` writes, and
    an empty cell is an absent field. `source_file` may stand for `source`; extra fields from `extract`
    (number, context, stored …) and `export` are ignored; any other field is refused. Excerpts are checked
    as `add` checks them.

    \b
    factcli extract new.txt --source lvliang-2026-gwr --format jsonl > candidates.jsonl
    factcli import candidates.jsonl --sources texts/ --db mystore.json
    """
    from factcli.curate import Curator
    from factcli.render import clean
    from factcli.store import writing

    folder = sources_path(sources_dir, no_evidence_check)
    lines, problems = read_import(file)
    if problems:
        raise UsageError(clean(f"{file}: {len(problems)} problem(s); nothing written"),
                         details=[clean(p) for p in problems])
    with writing(db) as store:
        files = {s["file"]: s["id"] for s in store.sources()}
        facts, known = [], importable()
        for n, record in lines:
            if "source" not in record and record.get("source_file") in files:
                record["source"] = files[record["source_file"]]
            if "id" in record:
                problems.append(f"line {n}: has an id; ids are assigned by factcli")
            if unknown := [name for name in record if name not in known]:
                problems.append(f"line {n}: unknown field {unknown[0]!r:.40}")
            facts.append({k: v for k, v in record.items() if k in FACT_FIELDS and k != "id"})
        if problems:
            raise UsageError(clean(f"{file}: {len(problems)} problem(s); nothing written"),
                             details=[clean(p) for p in problems])
        try:
            ids = Curator(store, folder).add_facts(facts)
        except RecordsRejected as err:
            details = [clean(f"line {lines[n - 1][0]}: {p.message}") for n, p in err.problems]
            raise UsageError(clean(f"{file}: {err}"), details=details) from None
    click.echo(f"imported {len(ids)} fact(s): {ids[0]} … {ids[-1]}" if ids else "imported 0 facts", err=True)


def read_import(file: str) -> tuple[list[tuple[int, Record]], list[str]]:
    """(line number, record) for each record of a JSONL or TSV file, or the problems that stop it."""
    from factcli.store import read_regular

    try:
        raw = read_regular(file)
    except OSError as err:
        raise UsageError(f"{file}: cannot read: {err.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UsageError(f"{file}: not UTF-8 text (byte {err.start})") from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    if file.endswith(".tsv") or (first and not first.lstrip().startswith("{")):
        return read_tsv(text)
    return read_jsonl(text)


def read_jsonl(text: str) -> tuple[list[tuple[int, Record]], list[str]]:
    from factcli.store import strict_json

    lines, problems = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = strict_json(line)
        except ValueError as err:
            problems.append(f"line {n}: not a JSON object: {err}")
            continue
        if not isinstance(record, dict):
            problems.append(f"line {n}: not a JSON object")
            continue
        lines.append((n, record))
    return lines, problems


def importable() -> frozenset[str]:
    """A fact's fields, and what `extract` and `export` add to them, which import ignores; any other name is a
    typo (`scop`) that would silently drop what the curator meant to say."""
    from factcli.extract import FIELDS
    from factcli.model import EXPORT_FIELDS

    return frozenset((*EXPORT_FIELDS, *FIELDS))


def read_tsv(text: str) -> tuple[list[tuple[int, Record]], list[str]]:
    """A header row of field names; cells typed as the schema wants (numbers, true/false); empty = absent."""
    rows = [(n, line.split("\t")) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not rows:
        return [], []
    (_, header), body = rows[0], rows[1:]
    known = importable()
    if unknown := [name for name in header if name not in known]:
        return [], [f"line {rows[0][0]}: unknown field {unknown[0]!r:.40} in the header"]
    if twice := [name for name in header if header.count(name) > 1]:
        return [], [f"line {rows[0][0]}: field {twice[0]!r:.40} appears twice in the header"]
    lines, problems = [], []
    for n, cells in body:
        if len(cells) != len(header):
            problems.append(f"line {n}: {len(cells)} cells for {len(header)} columns")
            continue
        record: Record = {}
        for name, cell in zip(header, cells, strict=True):
            if cell == "":
                continue
            try:
                record[name] = tsv_value(name, cell)
            except ValueError as err:
                problems.append(f"line {n}: {err}")
        lines.append((n, record))
    return lines, problems


def tsv_value(name: str, cell: str) -> Any:
    if name in ("value", "value_high"):
        return parse_tsv_number(name, cell)
    if name == "aspirational":
        if cell not in ("true", "false"):
            raise ValueError(f"aspirational {cell!r:.40} is not true or false")
        return cell == "true"
    return cell


def parse_tsv_number(name: str, cell: str) -> float | int:
    try:
        number = parse_number(cell, name)
    except UsageError as err:
        raise ValueError(str(err)) from None
    assert number is not None
    return number


# ---- `sources add`, `regions add`, `indicators add` ----------------------------------------------


@click.command("add", cls=Command)
@click.argument("file")
@click.option("--id", "source_id", required=True, help="Short stable slug, e.g. lvliang-2026-gwr.")
@click.option("--title", required=True, help="The document's title (Chinese).")
@click.option("--title-en", required=True, help="An English rendering of the title.")
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
        --title "吕梁市2026年政府工作报告" --title-en "Lüliang 2026 government work report" \\
        --date 2026-01-10 --region 吕梁 --db mystore.json
    """
    from factcli.curate import Curator
    from factcli.store import writing

    path = Path(file)
    if not path.exists() and sources_dir:
        path = Path(sources_dir) / file
    if not path.is_file():
        raise UsageError(f"{file!r:.60}: source text not found")
    record = {"id": source_id.strip(), "title_zh": title.strip(), "title_en": title_en.strip(), "date": date,
              "kind": kind, "publisher": publisher.strip(), "author": author.strip()}
    with writing(db) as store:
        Curator(store).add_source(path, dict(record, region=resolve_region(store, region)))
    click.echo(source_id)


@click.command("add", cls=Command)
@names_options("region")
@click.option("--level", type=click.Choice(LEVELS), required=True)
@click.option("--parent", help="The enclosing region's id.")
@click.option("--admin-code", help="GB/T 2260 code (6 digits), only where certain.")
@db_option
def regions_add(region_id: str, name_zh: str, name_en: str, level: str, parent: str | None, aliases: tuple[str, ...],
                admin_code: str | None, db: str | None) -> None:
    """Add a region with its aliases (Chinese, pinyin with and without tones, English).

    \b
    factcli regions add --id wenshui --name-zh 文水县 --name-en Wenshui --level county \\
        --parent lvliang --alias 文水 --alias "Wenshui County" --db mystore.json
    """
    record: Record = {"id": region_id.strip(), "name_zh": name_zh.strip(), "name_en": name_en.strip(),
                      "level": level, "aliases": names([name_zh, name_en, *aliases])}
    if parent:
        record["parent"] = parent.strip()
    if admin_code:
        record["admin_code"] = admin_code.strip()
    add_reference("regions", record, db)


@click.command("add", cls=Command)
@names_options("indicator")
@click.option("--category", type=click.Choice(CATEGORIES), required=True)
@click.option("--topic", "topics", multiple=True, help="A cross-cutting tag, 中文/english (repeatable).")
@db_option
def indicators_add(indicator_id: str, name_zh: str, name_en: str, category: str, aliases: tuple[str, ...],
                   topics: tuple[str, ...], db: str | None) -> None:
    """Add an indicator (a concept: its level, growth and rank are facts of one indicator).

    \b
    factcli indicators add --id coalbed_methane_output --name-zh 煤层气产量 \\
        --name-en "Coalbed methane output" --category energy --alias 煤层气 --topic "煤层气/coalbed methane" \\
        --db mystore.json
    """
    record: Record = {"id": indicator_id.strip(), "name_zh": name_zh.strip(), "name_en": name_en.strip(),
                      "category": category, "aliases": names([name_zh, name_en, *aliases])}
    if topics:
        record["topics"] = names(list(topics))
    add_reference("indicators", record, db)


def names(given: list[str]) -> list[str]:
    """Each name once, stripped; an empty one stays for the schema to refuse."""
    return list(dict.fromkeys(name.strip() for name in given))


def add_reference(table: str, record: Record, db: str | None) -> None:
    from factcli.curate import Curator
    from factcli.store import writing

    with writing(db) as store:
        curator = Curator(store)
        if table == "regions":
            curator.add_region(record)
        else:
            curator.add_indicator(record)
    click.echo(record["id"])



# ---- extract ---------------------------------------------------------------------------------


@click.command("extract", cls=Command)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--source", "source_id", help="The registered source this text is (gives its date and region).")
@click.option("--date", "doc_date", help="The document's date (YYYY…), when it is not registered.")
@click.option("--region", help="Whose document it is, when it is not registered (else read from its opening).")
@click.option("--new-only", is_flag=True, help="Only figures the store does not hold yet.")
@click.option("--explain", is_flag=True, help="Add a `why` field: the reasons for each guess.")
@click.option("--evaluate", is_flag=True,
              help="Compare the candidates with the facts the store already holds for --source.")
@listing
@pass_env
def extract(env: Environment, file: str, source_id: str | None, doc_date: str | None, region: str | None,
            new_only: bool, explain: bool, evaluate: bool) -> None:
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
    from factcli import views
    from factcli.store import read_regular
    from factcli.units import UNITS

    store = env.store
    try:
        text = read_regular(file).decode("utf-8")
    except OSError as err:
        raise StoreError(f"{file}: cannot read text: {err.strerror}") from None
    except UnicodeDecodeError as err:
        raise StoreError(f"{file}: not UTF-8 text (byte {err.start})") from None
    source = next((s for s in store.sources() if s["id"] == source_id), None) if source_id else None
    if source_id and source is None:
        raise UsageError(f"unknown source {source_id!r}")
    date = doc_date or (source or {}).get("date")
    if not date or not (date[:4].isascii() and date[:4].isdigit()):
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
        env.output(views.extract_report(extractor.evaluate(candidates, stored, text), source_id))
        return
    if new_only:
        candidates = [c for c in candidates if not c["stored"]]
    unknown = sorted({c["unit"] for c in candidates if c["unit"] and c["unit"] not in UNITS})
    if unknown:
        click.echo(f"factcli: printed in units the registry lacks (import refuses them until fixed): "
                   f"{', '.join(unknown)}", err=True)
    env.output(views.extract(candidates, extractor.FIELDS, Path(file).name, explain, region_id))


def document_region(store: Store, text: str, given: str | None, registered: str | None) -> str | None:
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
