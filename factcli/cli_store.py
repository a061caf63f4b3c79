"""The store as a whole: export it, verify it against its sources."""

from __future__ import annotations

import click

from factcli.errors import UsageError
from factcli.options import db_option, sources_option
from factcli.render import Column


@click.command()
@click.option("--format", "-f", "fmt", type=click.Choice(("jsonl", "json", "csv", "tsv", "sqlite")),
              default="jsonl", show_default=True, help="jsonl/json/csv/tsv: the facts; sqlite: every table.")
@click.option("--out", "out", type=click.Path(),
              help="sqlite: the database file; csv: a folder for one CSV per table (otherwise stdout).")
@db_option
def export(fmt: str, out: str | None, db: str | None) -> None:
    """Every fact with every field, plus source_file, value_base and base_unit.

    The field names are a contract: scripts rely on them. `--format sqlite --out facts.db` writes all
    four tables, with indexes and foreign keys, for datasette, sqlite-utils or DuckDB.

    \b
    factcli export --format jsonl > facts.jsonl
    factcli export --format sqlite --out factcli.db
    factcli export --format csv --out tables/
    """
    from pathlib import Path

    from factcli import export as exporter
    from factcli.model import EXPORT_FIELDS
    from factcli.render import emit
    from factcli.store import open_store

    store = open_store(db)
    if fmt == "sqlite":
        if not out:
            raise UsageError("--format sqlite needs --out FILE")
        exporter.to_sqlite(store, Path(out))
        return
    if fmt == "csv" and out:
        exporter.to_csv_folder(store, Path(out))
        return
    if out:
        raise UsageError("--out is for --format sqlite or csv")
    emit(exporter.export_rows(store), [Column(k, k, k) for k in EXPORT_FIELDS], fmt)


@click.command()
@sources_option
@db_option
def verify(sources_dir: str | None, db: str | None) -> None:
    """Check every record: fields, allowed values, references, ids, units, and each excerpt verbatim
    in its source text (whose sha256 must match) holding the value as printed. Exit 4 on any problem.

    \b
    factcli verify --sources ../shared/seeds
    FACTCLI_SOURCES=texts/ factcli verify
    """
    from pathlib import Path

    from factcli.errors import StoreError
    from factcli.store import TABLES, open_store
    from factcli.verify import verify as run

    if not sources_dir:
        raise UsageError("no sources folder: pass --sources DIR or set FACTCLI_SOURCES")
    folder = Path(sources_dir)
    if not folder.is_dir():
        raise StoreError(f"{folder}: sources folder not found")
    store = open_store(db)
    tables = {name: store.all(name) for name in TABLES}
    problems = run(tables, folder)
    for problem in problems:
        click.echo(str(problem))
    counts = ", ".join(f"{len(tables[t])} {t}" for t in TABLES)
    if problems:
        raise StoreError(f"{len(problems)} problem(s) in {store.path} ({counts})")
    click.echo(f"ok: {counts}; every excerpt found verbatim in its source", err=True)
