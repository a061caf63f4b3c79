"""Curators' writes: validation before writing, all-or-nothing imports, locks, atomic replacement."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from conftest import fact, invoke, write_store

from factcli.model import conformance
from factcli.store import open_store, read_tables

pytestmark = pytest.mark.usefixtures("store_kind")  # every test on every kind of store


def facts_in(db: Path) -> list[dict[str, Any]]:
    """The store's facts, closed at once: a SQLite store left for the garbage collector would checkpoint
    its log into the file whenever that runs, changing its bytes in the middle of a later check."""
    with closing(open_store(db)) as store:
        return store.facts()


ADD = ["add", "--region", "alpha", "--indicator", "gdp", "--period", "2025", "--kind", "target", "--measure",
       "level", "--unit", "亿元", "--source", "doc", "--no-evidence-check"]


def small(tmp_path: Path) -> Path:
    return write_store(tmp_path / "data.json", [fact()])


def test_add_prints_new_id_and_stores_fact(tmp_path: Path) -> None:
    db = small(tmp_path)
    result = invoke(*ADD, "--value", "120", "--evidence", "今年地区生产总值120亿元", "--qualifier", "at_least",
                    "--aspirational", "--db", str(db))
    assert (result.exit_code, result.stdout) == (0, "doc-002\n")
    stored = {f["id"]: f for f in facts_in(db)}["doc-002"]
    assert (stored["value"], stored["qualifier"], stored["aspirational"], stored["kind"]) == (
        120, "at_least", True, "target")
    assert "basis" not in stored and "note" not in stored


@pytest.mark.json_only
def test_store_stays_pretty_sorted_utf8(tmp_path: Path) -> None:
    db = small(tmp_path)
    invoke(*ADD, "--value", "120", "--evidence", "今年地区生产总值120亿元", "--db", str(db))
    text = db.read_text(encoding="utf-8")
    assert "今年地区生产总值120亿元" in text and "\\u" not in text
    assert text.startswith('{\n  "facts": {')


@pytest.mark.parametrize("args, message", [
    (["--value", "120", "--evidence", "今年地区生产总值12亿元"], "value 120 is not printed in the evidence"),
    (["--value", "120", "--evidence", "生产总值120", "--unit", "亿刀"], "unknown unit '亿刀'"),
    (["--value", "abc", "--evidence", "地区生产总值120亿元"], "--value 'abc' is not a number"),
    (["--value", "100", "--evidence", "地区生产总值100亿元", "--kind", "actual", "--period", "2024"],
     "duplicate of fact doc-001"),
])
def test_refused_add_leaves_store_byte_identical(tmp_path: Path, args: list[str], message: str) -> None:
    db = small(tmp_path)
    before = db.read_bytes()
    argv = [*ADD, "--db", str(db)]
    for i in range(0, len(args), 2):  # later options win in click, so the override comes last
        argv += args[i:i + 2]
    result = invoke(*argv)
    assert result.exit_code == 2
    assert message in result.stderr
    assert db.read_bytes() == before


def test_add_checks_evidence_against_source_text(tmp_path: Path, seeds: Path) -> None:
    db = tmp_path / "data.json"
    db.write_bytes((Path(__file__).parent.parent / "data.json").read_bytes())
    base = ["add", "--region", "xiaoyi", "--indicator", "gdp", "--period", "2024", "--kind", "estimate",
            "--measure", "growth", "--unit", "%", "--source", "xiaoyi-2025-conf", "--db", str(db),
            "--sources", str(seeds)]
    bad = invoke(*base, "--value", "5", "--qualifier", "approx", "--evidence", "地区生产总值增长5%左右")
    assert bad.exit_code == 2 and "evidence not found verbatim in the source" in bad.stderr
    dup = invoke(*base, "--value", "5", "--qualifier", "approx", "--evidence", "同比增长5%左右")
    assert dup.exit_code == 2 and "duplicate of fact xiaoyi-2025-conf-002" in dup.stderr


def test_edit_and_remove_never_reuse_ids(tmp_path: Path) -> None:
    db = small(tmp_path)
    assert invoke("edit", "doc-001", "--qualifier", "approx", "--note", "rounded", "--db", str(db),
                  "--no-evidence-check").exit_code == 0
    (edited,) = facts_in(db)
    assert (edited["qualifier"], edited["note"]) == ("approx", "rounded")
    assert invoke("edit", "doc-001", "--unset", "note", "--aspirational", "--db", str(db),
                  "--no-evidence-check").exit_code == 0
    (edited,) = facts_in(db)
    assert "note" not in edited and edited["aspirational"] is True
    before = db.read_bytes()
    refused = invoke("edit", "doc-001", "--value", "101", "--db", str(db), "--no-evidence-check")
    assert refused.exit_code == 2 and "value 101 is not printed in the evidence" in refused.stderr
    assert db.read_bytes() == before
    assert invoke("edit", "doc-001", "--db", str(db), "--no-evidence-check").exit_code == 2
    assert invoke("remove", "doc-001", "--db", str(db), input="n\n").exit_code == 2
    assert invoke("remove", "doc-001", "--yes", "--db", str(db)).exit_code == 0
    assert facts_in(db) == []
    again = invoke(*ADD, "--value", "100", "--evidence", "地区生产总值100亿元", "--db", str(db))
    assert again.stdout == "doc-002\n"


def test_import_all_or_nothing_with_line_numbers(tmp_path: Path) -> None:
    db = small(tmp_path)
    before = db.read_bytes()
    good = {k: v for k, v in fact(value=7, period="2023", evidence="地区生产总值7亿元").items()}
    lines = [json.dumps(good, ensure_ascii=False), "",
             json.dumps(dict(good, value=8, unit="亿刀"), ensure_ascii=False), "{not json"]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("import", str(path), "--db", str(db), "--no-evidence-check")
    assert result.exit_code == 2
    assert "line 4: not a JSON object" in result.stderr
    assert db.read_bytes() == before
    path.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    result = invoke("import", str(path), "--db", str(db), "--no-evidence-check")
    assert result.exit_code == 2
    assert "line 3: unknown unit '亿刀'" in result.stderr
    assert "line 3: value 8 is not printed in the evidence" in result.stderr
    assert db.read_bytes() == before
    path.write_text(lines[0] + "\n" + lines[0] + "\n", encoding="utf-8")
    twice = invoke("import", str(path), "--db", str(db), "--no-evidence-check")
    assert twice.exit_code == 2 and "line 2: duplicate of an earlier fact in this batch" in twice.stderr
    path.write_text(lines[0] + "\n", encoding="utf-8")
    assert invoke("import", str(path), "--db", str(db), "--no-evidence-check").exit_code == 0
    assert len(facts_in(db)) == 2


def test_sources_regions_indicators_add(tmp_path: Path) -> None:
    db = small(tmp_path)
    text = tmp_path / "new.txt"
    text.write_text("全市原煤产量1.6亿吨。", encoding="utf-8")
    assert invoke("sources", "add", str(text), "--id", "new-doc", "--title", "新报告", "--title-en", "New report",
                  "--date", "2026-01-10", "--region", "甲市", "--db", str(db)).stdout == "new-doc\n"
    assert invoke("regions", "add", "--id", "gamma", "--name-zh", "丙县", "--name-en", "Gamma", "--level", "county",
                  "--parent", "alpha", "--alias", "丙", "--db", str(db)).exit_code == 0
    assert invoke("indicators", "add", "--id", "coal_washing", "--name-zh", "洗煤", "--name-en", "Coal washing",
                  "--category", "energy", "--db", str(db)).exit_code == 0
    assert invoke("regions", "add", "--id", "gamma", "--name-zh", "丙县", "--name-en", "Gamma", "--level", "county",
                  "--db", str(db)).exit_code == 2
    clash = invoke("indicators", "add", "--id", "gdp_again", "--name-zh", "总值", "--name-en", "Output",
                   "--category", "economy", "--alias", "地区生产总值", "--db", str(db))
    assert clash.exit_code == 2 and "alias '地区生产总值' also names 'gdp'" in clash.stderr
    source = {s["id"]: s for s in open_store(db).sources()}["new-doc"]
    assert source["file"] == "new.txt" and len(source["sha256"]) == 64
    added = invoke("add", "--region", "丙", "--indicator", "coal_output", "--period", "2025", "--kind", "actual",
                   "--measure", "level", "--value", "1.6", "--unit", "亿吨", "--source", "new-doc",
                   "--evidence", "全市原煤产量1.6亿吨", "--sources", str(tmp_path), "--db", str(db))
    assert added.stdout == "new-doc-001\n"
    assert invoke("regions", "--db", str(db), "-f", "json").stdout.count('"gamma"') == 1


def test_unwritable_store_is_exit_4(tmp_path: Path) -> None:
    db = small(tmp_path)
    db.chmod(0o444)
    if os.access(db, os.W_OK):
        pytest.skip("running as a user who can write anyway")
    result = invoke(*ADD, "--value", "120", "--evidence", "地区生产总值120亿元", "--db", str(db))
    assert result.exit_code == 4 and "not writable" in result.stderr


def test_lock_timeout_is_exit_4(tmp_path: Path) -> None:
    import fcntl

    db = small(tmp_path)
    with open(db.with_name("data.json.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = invoke(*ADD, "--value", "120", "--evidence", "地区生产总值120亿元", "--db", str(db),
                        env={"FACTCLI_LOCK_TIMEOUT": "0.2"})
    assert result.exit_code == 4 and "locked by another writer" in result.stderr


def test_corrupt_store_is_never_overwritten(tmp_path: Path) -> None:
    db = tmp_path / "data.json"
    db.write_text('{"facts": {"1": ', encoding="utf-8")
    result = invoke(*ADD, "--value", "120", "--evidence", "地区生产总值120亿元", "--db", str(db))
    assert result.exit_code == 4 and f"{db}:1:" in result.stderr
    assert db.read_text(encoding="utf-8") == '{"facts": {"1": '


def _writer(db: str, worker: int, count: int) -> None:
    from factcli.curate import Curator
    from factcli.store import writing

    for n in range(count):
        value = worker * 1000 + n
        with writing(db) as store:
            Curator(store).add_facts([fact(value=value, evidence=f"地区生产总值{value}亿元")])


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    db = str(small(tmp_path))
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(db, w, 100)) for w in range(1, 5)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(120)
        assert p.exitcode == 0
    facts = facts_in(db)
    assert len(facts) == 401
    assert len({f["id"] for f in facts}) == 401
    assert {f["value"] for f in facts} >= {w * 1000 + n for w in range(1, 5) for n in range(100)}


KILLER = """
import sys
from conftest import fact
from factcli.curate import Curator
from factcli.store import writing
n = 0
while True:
    n += 1
    with writing(sys.argv[1]) as store:
        Curator(store).add_facts([fact(region="xiaoyi", source="xiaoyi-2025-conf", value=n + 5000,
                                       evidence=f"地区生产总值{n + 5000}亿元")])
"""


def test_sigkill_during_writes_leaves_a_whole_store(tmp_path: Path, store_copy: Path) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).parent), *sys.path]))
    for delay in (0.3, 0.45, 0.6, 0.8):
        child = subprocess.Popen([sys.executable, "-c", KILLER, str(store_copy)], env=env)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        data = read_tables(store_copy)  # raises on a torn file
        assert len(data["facts"]) >= 400
        assert conformance(data) == []
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 1  # a killed writer may leave its temp file, which the next write removes
