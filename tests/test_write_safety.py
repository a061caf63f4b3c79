"""Writes that cannot do damage: the packaged store is read-only, links are resolved or refused, excerpts
are checked or the write is refused, resource errors leave the store as it was, bad environment values
and input are one-line errors."""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fact, invoke, write_store

from factcli.store import default_path, open_store

pytestmark = pytest.mark.usefixtures("store_kind")  # every test on every kind of store

ADD = ["add", "--region", "alpha", "--indicator", "gdp", "--period", "2025", "--kind", "target", "--measure",
       "level", "--unit", "亿元", "--source", "doc", "--value", "120", "--evidence", "今年地区生产总值120亿元"]
TEXT = "报告：今年地区生产总值120亿元，地区生产总值100亿元。"


def with_text(tmp_path: Path) -> tuple[Path, Path]:
    """A store whose source `doc` is a real text in tmp_path/texts."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    source = {"id": "doc", "file": "doc.txt", "sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
              "title_zh": "报告", "title_en": "Report", "region": "alpha", "date": "2025-01-01",
              "kind": "government_work_report"}
    return write_store(tmp_path / "data.json", [fact()], sources=[source]), folder


def test_the_packaged_store_is_never_written() -> None:
    before = Path(default_path()).read_bytes()
    for args in (ADD, ["remove", "x", "--yes"], ["edit", "x", "--note", "n", "--no-evidence-check"]):
        result = invoke(*args, *(["--no-evidence-check"] if args is ADD else []))
        assert (result.exit_code, result.stderr) == (2, (
            "factcli: the packaged store is read-only: make a working copy with `factcli init PATH`, then write "
            "to it with --db PATH (or FACTCLI_DB=PATH)\n"))
    result = invoke(*ADD, "--no-evidence-check", "--db", default_path())
    assert result.exit_code == 2
    assert Path(default_path()).read_bytes() == before


def test_init_copies_the_packaged_store_and_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    assert invoke("init", str(path)).stdout == f"{path}\n"
    assert path.read_bytes() == Path(default_path()).read_bytes()
    path.write_text("keep", encoding="utf-8")
    again = invoke("init", str(path))
    assert (again.exit_code, again.stderr) == (4, f"factcli: {path}: already exists; not overwriting\n")
    assert path.read_text(encoding="utf-8") == "keep"
    link = tmp_path / "dangling.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    assert invoke("init", str(link)).exit_code == 4
    assert not (tmp_path / "elsewhere.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling.json", "mine.json"]


def test_a_symlinked_store_is_written_where_it_points(tmp_path: Path) -> None:
    real = write_store(tmp_path / "real.json", [fact()])
    link = tmp_path / "link.json"
    link.symlink_to(real)
    result = invoke(*ADD, "--no-evidence-check", "--db", str(link))
    assert result.stdout == "doc-002\n"
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert [f["id"] for f in open_store(real).facts()] == ["doc-001", "doc-002"]
    assert (tmp_path / "real.json.lock").exists() and not (tmp_path / "link.json.lock").exists()


@pytest.mark.json_only
def test_a_hard_linked_store_is_refused(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact()])
    os.link(db, tmp_path / "other.json")
    before = db.read_bytes()
    result = invoke(*ADD, "--no-evidence-check", "--db", str(db))
    assert (result.exit_code, result.stderr) == (4, (
        f"factcli: {db}: the store has 2 hard links, and a safe write replaces the file, which would split them; "
        "write to a copy (cp) instead\n"))
    assert db.read_bytes() == before == (tmp_path / "other.json").read_bytes()


def test_evidence_is_checked_or_the_write_is_refused(tmp_path: Path) -> None:
    db, folder = with_text(tmp_path)
    before = db.read_bytes()
    empty = tmp_path / "empty"
    empty.mkdir()
    cases = [
        ([], 2, "factcli: no sources folder to check the excerpt against: pass --sources DIR (or set "
                "FACTCLI_SOURCES), or --no-evidence-check to write it unchecked\n"),
        (["--sources", str(tmp_path / "missing")], 4, f"factcli: {tmp_path / 'missing'}: sources folder not found\n"),
        (["--sources", str(empty)], 4, f"factcli: {empty / 'doc.txt'}: cannot read the text of source 'doc' to check "
                                       "the excerpt: No such file or directory\n"),
    ]
    for options, status, stderr in cases:
        for command in (ADD, ["edit", "doc-001", "--note", "checked"]):
            result = invoke(*command, *options, "--db", str(db))
            assert (result.exit_code, result.stderr) == (status, stderr), (command, options)
    assert db.read_bytes() == before
    wrong = invoke(*ADD[:-1], "今年地区生产总值120 亿元", "--sources", str(folder), "--db", str(db))
    assert (wrong.exit_code, wrong.stderr) == (2, "factcli: 1 problem(s); nothing written\n"
                                                  "  evidence not found verbatim in the source\n")
    assert invoke(*ADD, "--sources", str(folder), "--db", str(db)).stdout == "doc-002\n"


def test_sources_add_requires_what_verify_requires(tmp_path: Path) -> None:
    db, folder = with_text(tmp_path)
    base = ["sources", "add", str(folder / "doc.txt"), "--id", "doc2", "--title", "报告二", "--region", "alpha",
            "--db", str(db)]
    missing = invoke(*base, "--date", "2026-01-10")
    assert missing.exit_code == 2 and "Missing option '--title-en'" in missing.stderr
    bad = invoke(*base, "--date", "2026-13-45", "--title-en", "Report 2")
    assert (bad.exit_code, bad.stderr) == (2, "factcli: 1 problem(s); nothing written\n"
                                              "  date '2026-13-45' is not a real date\n")
    assert invoke(*base, "--date", "2026-01-10", "--title-en", "Report 2").stdout == "doc2\n"
    assert invoke("verify", "--sources", str(folder), "--db", str(db)).exit_code == 0


def test_regions_and_indicators_add_refuse_empty_names(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact()])
    before = db.read_bytes()
    region = invoke("regions", "add", "--id", "gamma", "--name-zh", " ", "--name-en", "Gamma", "--level", "county",
                    "--db", str(db))
    assert (region.exit_code, region.stderr) == (2, "factcli: 2 problem(s); nothing written\n  name_zh is empty\n"
                                                    "  aliases holds an empty name\n")
    indicator = invoke("indicators", "add", "--id", "x_output", "--name-zh", "产量", "--name-en", "",
                       "--category", "energy", "--db", str(db))
    assert indicator.exit_code == 2 and "  name_en is empty\n" in indicator.stderr
    code = invoke("regions", "add", "--id", "gamma", "--name-zh", "丙县", "--name-en", "Gamma", "--level", "county",
                  "--admin-code", "14118", "--db", str(db))
    assert code.stderr.endswith("  admin_code '14118' is not 6 digits of GB/T 2260\n")
    assert db.read_bytes() == before


def test_blank_scope_does_not_dodge_the_duplicate_check(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact()])
    result = invoke(*ADD[:-4], "--kind", "actual", "--period", "2024", "--value", "100", "--evidence",
                    "地区生产总值100亿元", "--scope", " ", "--no-evidence-check", "--db", str(db))
    assert (result.exit_code, result.stderr) == (2, "factcli: 1 problem(s); nothing written\n"
                                                    "  duplicate of fact doc-001\n")


@pytest.mark.parametrize(("value", "message"), [
    ("1e400", "value is not a finite number"), ("nan", "value is not a finite number"),
])
def test_values_must_be_finite(tmp_path: Path, value: str, message: str) -> None:
    db = write_store(tmp_path / "data.json", [fact()])
    result = invoke(*ADD[:-4], "--value", value, "--evidence", "地区生产总值100亿元", "--no-evidence-check",
                    "--db", str(db))
    assert (result.exit_code, result.stderr) == (2, f"factcli: 1 problem(s); nothing written\n  {message}\n")


def test_negative_level_through_edit_is_refused(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact()])
    result = invoke("edit", "doc-001", "--value", "-100", "--no-evidence-check", "--db", str(db))
    assert result.stderr == ("factcli: 1 problem(s); nothing written\n"
                             "  a level in 亿元 is not negative (a fall is a growth)\n")


def test_invalid_utf8_note_is_one_line(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact()])
    result = invoke("edit", "doc-001", "--note", "bad \udcff", "--no-evidence-check", "--db", str(db))
    assert (result.exit_code, result.stderr) == (2, "factcli: 1 problem(s); nothing written\n"
                                                    "  note is not valid UTF-8 text\n")


@pytest.mark.parametrize("timeout", ["abc", "nan", "inf", "-1"])
def test_lock_timeout_is_validated(tmp_path: Path, timeout: str) -> None:
    db = write_store(tmp_path / "data.json", [fact()])
    result = invoke("remove", "doc-001", "--yes", "--db", str(db), env={"FACTCLI_LOCK_TIMEOUT": timeout})
    assert (result.exit_code, result.stderr) == (
        2, f"factcli: FACTCLI_LOCK_TIMEOUT {timeout!r} is not a number of seconds (0 or more)\n")


def test_dangling_lock_link_is_not_followed(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact()])
    (tmp_path / "data.json.lock").symlink_to(tmp_path / "victim")
    result = invoke("remove", "doc-001", "--yes", "--db", str(db))
    assert (result.exit_code, result.stderr) == (
        4, f"factcli: {db}.lock: the lock file is a symbolic link; remove it\n")
    assert not (tmp_path / "victim").exists()


def test_remove_twice_named_retires_once_and_no_answer_is_no(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact()])
    before = db.read_bytes()
    unanswered = invoke("remove", "doc-001", "--db", str(db), input="")
    assert unanswered.exit_code == 2
    assert unanswered.stderr.endswith("factcli: not confirmed; nothing removed\n")
    assert db.read_bytes() == before
    result = invoke("remove", "doc-001", "doc-001", "--yes", "--db", str(db))
    assert (result.exit_code, result.stderr) == (0, "removed 1 fact(s)\n")
    assert [r["id"] for r in open_store(db).all("retired")] == ["doc-001"]


def test_folder_and_unreadable_store_are_exit_4(tmp_path: Path) -> None:
    result = invoke("show", "alpha", "--db", str(tmp_path))
    assert (result.exit_code, result.stderr) == (4, f"factcli: {tmp_path}: cannot read store: Is a directory\n")
    written = invoke("remove", "x", "--yes", "--db", str(tmp_path))
    assert (written.exit_code, written.stderr) == (4, f"factcli: {tmp_path}: not a store file\n")


@pytest.mark.json_only
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EROFS])
def test_resource_errors_leave_the_store_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          code: int) -> None:
    db = write_store(tmp_path / "data.json", [fact()])
    before = db.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    result = invoke(*ADD, "--no-evidence-check", "--db", str(db))
    assert (result.exit_code, result.stderr) == (4, f"factcli: {db}: cannot write store: {os.strerror(code)}\n")
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json", "data.json.lock"]


@pytest.mark.json_only
def test_stale_temp_files_are_removed_by_the_next_write(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact()])
    (tmp_path / ".data.json.abc123.tmp").write_text("half a store")
    (tmp_path / ".other.json.abc123.tmp").write_text("not ours")
    assert invoke(*ADD, "--no-evidence-check", "--db", str(db)).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.json.abc123.tmp", "data.json", "data.json.lock"]


def test_write_path_without_fcntl(tmp_path: Path) -> None:
    """Where fcntl does not exist (Windows), filelock's portable lock takes its place."""
    db = write_store(tmp_path / "data.json", [fact()])
    script = ("import sys; sys.modules['fcntl'] = None; from factcli.cli import main; sys.argv = sys.argv[1:]; "
              "main()")
    result = subprocess.run([sys.executable, "-c", script, "factcli", *ADD, "--no-evidence-check", "--db", str(db)],
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (0, "doc-002\n", "")
    assert [f["id"] for f in open_store(db).facts()] == ["doc-001", "doc-002"]


def test_import_reads_tsv_and_refuses_bad_lines(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact()])
    before = db.read_bytes()
    header = "region\tindicator\tsource\tperiod\tkind\tmeasure\tvalue\tunit\tqualifier\taspirational\tevidence\tscope"
    good = "alpha\tgdp\tdoc\t2023\tactual\tlevel\t90\t亿元\texact\tfalse\t地区生产总值90亿元\t"
    path = tmp_path / "in.tsv"
    path.write_text("\n".join([header, good, good.replace("90", "91").replace("false", "maybe"),
                               "alpha\tgdp"]) + "\n", encoding="utf-8")
    result = invoke("import", str(path), "--no-evidence-check", "--db", str(db))
    assert (result.exit_code, result.stderr) == (2, (
        f"factcli: {path}: 2 problem(s); nothing written\n"
        "  line 3: aspirational 'maybe' is not true or false\n  line 4: 2 cells for 12 columns\n"))
    path.write_text("\n".join([header, good, good.replace("2023", "2022").replace("亿元", "亿刀")]) + "\n",
                    encoding="utf-8")
    result = invoke("import", str(path), "--no-evidence-check", "--db", str(db))
    assert result.stderr == f"factcli: {path}: 1 problem(s); nothing written\n  line 3: unknown unit '亿刀'\n"
    assert db.read_bytes() == before
    path.write_text(f"{header}\n{good}\n", encoding="utf-8")
    assert invoke("import", str(path), "--no-evidence-check", "--db", str(db)).exit_code == 0
    added = open_store(db).facts()[-1]
    assert (added["value"], added["aspirational"], "scope" in added) == (90, False, False)


def test_import_of_invalid_utf8_and_wrong_types(tmp_path: Path) -> None:
    db = write_store(tmp_path / "data.json", [fact()])
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"region": "alpha\xff"}\n')
    result = invoke("import", str(path), "--no-evidence-check", "--db", str(db))
    assert (result.exit_code, result.stderr) == (2, f"factcli: {path}: not UTF-8 text (byte 17)\n")
    path.write_text('{"region": "alpha", "period": 2024, "region": "beta"}\n', encoding="utf-8")
    result = invoke("import", str(path), "--no-evidence-check", "--db", str(db))
    assert result.stderr == (f"factcli: {path}: 1 problem(s); nothing written\n"
                             "  line 1: not a JSON object: duplicate key 'region'\n")
    path.write_text('{"region": "alpha", "indicator": "gdp", "source": "doc", "period": 2023, "kind": "actual", '
                    '"measure": "level", "value": 90, "unit": "亿元", "qualifier": "exact", "aspirational": false, '
                    '"evidence": "地区生产总值90亿元", "scope": 7}\n', encoding="utf-8")
    result = invoke("import", str(path), "--no-evidence-check", "--db", str(db))
    assert result.stderr == (f"factcli: {path}: 2 problem(s); nothing written\n"
                             "  line 1: period must be text, not 2023\n  line 1: scope must be text, not 7\n")
