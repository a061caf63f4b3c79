"""The store as a whole: make a working copy, export it, verify it against its sources."""

from __future__ import annotations

import click

from factcli.errors import StoreError, UsageError
from factcli.lazy import Command
from factcli.options import db_option, sources_option
from factcli.render import Column, clean


@click.command(cls=Command)
@click.argument("path", type=click.Path())
def init(path: str) -> None:
    """Make a working copy of the packaged store at PATH (never over an existing file), for curating
    with --db PATH or FACTCLI_DB=PATH: the store inside the installed package is read-only.

    \b
    factcli init mystore.json
    factcli add --db mystore.json ...
    """
    from factcli.files import new_file
    from factcli.store import default_path, open_store

    packaged = default_path()
    open_store(packaged)  # a copy of a store that does not conform would help nobody
    with open(packaged, "rb") as source:
        payload = source.read()
    with new_file(path, replace=False, what="store") as tmp:
        with open(tmp, "wb") as handle:
            handle.write(payload)
    click.echo(clean(path))


@click.command(cls=Command)
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("target", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Replace an existing TARGET (never written through a link).")
def convert(source: str, target: str, force: bool) -> None:
    """Copy the store SOURCE into TARGET as the other kind: a JSON store (data.json) becomes a SQLite
    store, a SQLite store becomes JSON. The kind of SOURCE is read from its first bytes, not its name;
    SOURCE is checked in full against the schema first, and TARGET is written under a temporary name
    and then renamed. Every command takes either kind with --db or FACTCLI_DB.

    \b
    factcli convert data.json big.sqlite
    factcli convert big.sqlite data.json --force
    """
    from factcli import sqlite_store
    from factcli.export import FORCE
    from factcli.files import new_file
    from factcli.model import conformance, describe
    from factcli.store import TABLES, is_sqlite, read_tables, serialize

    tables = read_tables(source)
    problems = conformance(tables)
    if problems:
        more = f" (and {len(problems) - 1} more; `factcli verify` lists them)" if len(problems) > 1 else ""
        raise StoreError(f"{source}: not converted: {describe(problems[0])}{more}")
    to_json = is_sqlite(source)
    with new_file(target, replace=force, what="store", hint=FORCE) as tmp:
        if to_json:
            with open(tmp, "wb") as handle:
                handle.write(serialize({name: table for name, table in tables.items() if table or name in TABLES}))
        else:
            sqlite_store.create(tmp, tables)
    counts = ", ".join(f"{len(tables[name])} {name}" for name in TABLES)
    click.echo(f"{target}: {'JSON' if to_json else 'SQLite'} store with {counts}", err=True)


@click.command(cls=Command)
@click.option("--format", "-f", "fmt", type=click.Choice(("jsonl", "json", "csv", "tsv", "sqlite", "datasette")),
              default="jsonl", show_default=True,
              help="jsonl/json/csv/tsv: the facts; sqlite: every table, as a SQLite store; datasette: "
                   "datasette's metadata (labels, units, source titles) for the SQLite store --db.")
@click.option("--out", "out", type=click.Path(),
              help="sqlite: the database file; csv: a folder for one CSV per table (otherwise stdout).")
@click.option("--force", is_flag=True, help="Replace existing files at --out (never written through a link).")
@db_option
def export(fmt: str, out: str | None, force: bool, db: str | None) -> None:
    """Every fact with every field, plus source_file, value_base and base_unit.

    The field names are a contract: scripts rely on them. `--format sqlite --out facts.db` writes all
    four tables, with indexes and foreign keys, for datasette, sqlite-utils or DuckDB. Files are written
    under a temporary name and then renamed: an existing file is never overwritten without --force.

    \b
    factcli export --format jsonl > facts.jsonl
    factcli export --format sqlite --out factcli.db
    factcli export --format csv --out tables/
    factcli export --format datasette --db factcli.db > metadata.json
    """
    from factcli import export as exporter
    from factcli.model import EXPORT_FIELDS
    from factcli.render import emit
    from factcli.store import open_store

    if fmt == "datasette":
        import json

        from factcli.store import resolve_path

        click.echo(json.dumps(exporter.datasette_metadata(resolve_path(db)), ensure_ascii=False, indent=2))
        return
    store = open_store(db)
    click.get_current_context().call_on_close(store.close)
    if fmt == "sqlite":
        if not out:
            raise UsageError("--format sqlite needs --out FILE")
        exporter.to_sqlite(store, out, force=force)
        return
    if fmt == "csv" and out:
        exporter.to_csv_folder(store, out, force=force)
        return
    if out:
        raise UsageError("--out is for --format sqlite or csv")
    emit(exporter.export_rows(store), [Column(k, k, k) for k in EXPORT_FIELDS], fmt)


@click.command(cls=Command)
@sources_option
@db_option
def verify(sources_dir: str | None, db: str | None) -> None:
    """Check every record: fields, allowed values, references, ids, units, and each excerpt verbatim
    in its source text (whose sha256 must match) holding the value as printed. Exit 4 on any problem.
    Every store another command would refuse fails here too, with each problem on its own line.

    \b
    factcli verify --sources texts/
    FACTCLI_SOURCES=texts/ factcli verify
    """
    import os

    from factcli.model import describe
    from factcli.store import TABLES, read_tables, resolve_path
    from factcli.verify import verify as run

    if not sources_dir:
        raise UsageError("no sources folder: pass --sources DIR or set FACTCLI_SOURCES")
    if not os.path.isdir(sources_dir):
        raise StoreError(f"{sources_dir}: sources folder not found")
    path = resolve_path(db)
    tables = read_tables(path)
    problems = run(tables, sources_dir)
    for problem in problems:
        click.echo(describe(problem))
    counts = ", ".join(f"{len(tables[t]) if isinstance(tables.get(t), dict) else 0} {t}" for t in TABLES)
    if problems:
        raise StoreError(f"{len(problems)} problem(s) in {path} ({counts})")
    click.echo(f"ok: {counts}; every excerpt found verbatim in its source", err=True)
