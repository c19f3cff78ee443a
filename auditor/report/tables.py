"""The batch tables: findings (.jsonl, .csv, .parquet), claims.jsonl and summary.csv.

Rows are appended in place as each batch of documents finishes: one `write` per file per
batch, only whole lines, then the committed sizes go into `.auditor-state.json`. A killed run
therefore leaves every finished document's rows readable; the next run cuts any tail written
after the last commit before it appends. `findings.parquet` is built from `findings.jsonl`
(in row groups) when the run closes, so it only exists for a finished run.

`summary.csv` holds a `text_hash` per document, which is what `--resume` compares. A resumed
run appends the documents it audits again after the rows of earlier runs and, when it closes,
drops the earlier rows they replace and those of documents that left the input. Until that drop
is done the state file says where the run's own rows begin (`resumed_from`), so a resumed run
that dies (`kill -9`, an error) leaves a state the next one repairs, keeping every row audited
so far. The drop itself writes each table's new version beside it, then records in the state
that they are to be renamed over the tables, then renames them: whenever it is killed, the
next run either finishes the renames or starts the drop afresh.

Editors open the CSV files in a spreadsheet, so a text cell it would evaluate as a formula
(starting with =, +, -, @, tab or carriage return: `=HYPERLINK(...)` in an id or a title) is
written with a leading single quote, as OWASP recommends; numbers stay numbers. `read_cell`
undoes it, for every reader of these files. The JSONL and Parquet keep the exact text.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from auditor.model import Finding
from auditor.policy import SEVERITIES, VERDICTS, is_dismissed, worst_of
from auditor.report.files import AtomicFile, atomic_write, atomic_writer, naming

# A finding's fields, then its document's URL and title (a batch of findings is read alone).
FINDING_COLUMNS = [name for name in Finding.__dataclass_fields__ if name != "extra"] + ["url", "title"]
_INTEGER = {"start_char", "end_char"}
_FLOAT = {"value_low", "value_high"}
# In findings.parquet, severity and verdict are ordered categories, mildest first, so that an
# analyst's `df[df.severity >= "major"]` means what it says; consistent rows have no severity.
CATEGORIES = {"severity": tuple(reversed(SEVERITIES)),
              "verdict": ("consistent", "unverified", "omission", "discrepant")}
_CATEGORY_TYPE = pa.dictionary(pa.int8(), pa.string(), ordered=True)


def _pandas_metadata() -> dict[bytes, bytes]:
    """Schema metadata that makes pandas read the offsets as nullable integers (Int64, not
    floats) and the categories in their order: pandas' own format, written out here so that no
    run imports pandas (a quarter of a second at every start) to say it."""
    def column(name: str) -> dict:
        if name in CATEGORIES:
            kind, numpy, extra = "categorical", "int8", {"num_categories": len(CATEGORIES[name]),
                                                         "ordered": True}
        else:
            kind, numpy, extra = (("int64", "Int64", None) if name in _INTEGER else
                                  ("float64", "float64", None) if name in _FLOAT else
                                  ("unicode", "object", None))
        return {"name": name, "field_name": name, "pandas_type": kind, "numpy_type": numpy,
                "metadata": extra}

    pandas = {"index_columns": [], "column_indexes": [], "attributes": {},
              "creator": {"library": "pyarrow", "version": pa.__version__},
              "columns": [column(name) for name in FINDING_COLUMNS], "pandas_version": "2.0.0"}
    return {b"pandas": json.dumps(pandas).encode("utf-8")}


FINDING_SCHEMA = pa.schema([
    (name, pa.int64() if name in _INTEGER else pa.float64() if name in _FLOAT
     else _CATEGORY_TYPE if name in CATEGORIES else pa.string())
    for name in FINDING_COLUMNS
]).with_metadata(_pandas_metadata())
_CODES = {name: {value: code for code, value in enumerate(values)}
          for name, values in CATEGORIES.items()}


def arrow_findings(columns: dict[str, list]) -> pa.Table:
    """Finding rows, column by column, as a table of FINDING_SCHEMA: the categories coded
    against their whole, ordered list (the same in every row group); an unknown or empty
    value is null."""
    arrays = []
    for column in FINDING_SCHEMA:
        values = columns[column.name]
        if column.name in CATEGORIES:
            codes = pa.array([_CODES[column.name].get(value) for value in values], pa.int8())
            arrays.append(pa.DictionaryArray.from_arrays(
                codes, pa.array(CATEGORIES[column.name]), ordered=True))
        else:
            arrays.append(pa.array(values, column.type))
    return pa.Table.from_arrays(arrays, schema=FINDING_SCHEMA)
SUMMARY_COLUMNS = ["doc_id", "source", "title", "url", "words", "claims", "main_drug",
                   *VERDICTS, *SEVERITIES, "worst_severity", "text_hash"]
STATE_FILE = ".auditor-state.json"
_APPENDED = ("findings.jsonl", "claims.jsonl", "findings.csv", "summary.csv")
_HEADERS = {"findings.csv": FINDING_COLUMNS, "summary.csv": SUMMARY_COLUMNS}


@dataclass(slots=True)
class TableChunk:
    """One batch's rows, formatted for each appended file, and what they count.

    Workers send this back instead of the audits themselves: it is smaller to pickle than the
    documents' text, and the process that writes the tables only has to append it.
    """

    texts: tuple[str, ...]  # one text per file of _APPENDED, in that order
    documents: int = 0
    claims: int = 0
    verdicts: Counter = field(default_factory=Counter)
    severities: Counter = field(default_factory=Counter)
    topics: Counter = field(default_factory=Counter)  # (topic or "other", verdict) -> findings
    findings: pa.Table | None = None  # the findings as columns, for findings.parquet


def format_rows(audits: Iterable, hashes: Iterable[str]) -> TableChunk:
    """The table rows of a batch of `DocumentAudit`s with their text hashes."""
    buffers = {name: io.StringIO() for name in _APPENDED}
    findings_csv = csv.DictWriter(buffers["findings.csv"], FINDING_COLUMNS)
    summary_csv = csv.DictWriter(buffers["summary.csv"], SUMMARY_COLUMNS)
    chunk = TableChunk(texts=())
    columns: dict[str, list] = {name: [] for name in FINDING_COLUMNS}
    for audit, text_hash in zip(audits, hashes, strict=True):
        document = audit.document
        for claim in audit.claims:
            row = {"doc_id": document.doc_id, **claim.to_row(),
                   "claim_id": f"{document.doc_id}:{claim.claim_id}", "status": "judged"}
            buffers["claims.jsonl"].write(json.dumps(row, ensure_ascii=False) + "\n")
        for number, quantity in enumerate(audit.unattributed, start=1):
            row = {"doc_id": document.doc_id, "claim_id": f"{document.doc_id}:u{number}",
                   "kind": "numeric", "claim_text": quantity.text, "start_char": quantity.start,
                   "end_char": quantity.end, "topic": "", "value_low": quantity.low,
                   "value_high": quantity.high, "unit": quantity.unit,
                   "qualifier": quantity.qualifier, "status": "unattributed"}
            buffers["claims.jsonl"].write(json.dumps(row, ensure_ascii=False) + "\n")
        for finding in audit.findings:
            row = {**{name: getattr(finding, name) for name in FINDING_COLUMNS[:-2]},
                   "url": document.url, "title": document.title}
            buffers["findings.jsonl"].write(json.dumps(row, ensure_ascii=False) + "\n")
            findings_csv.writerow({name: spreadsheet_safe(value) for name, value in row.items()})
            for name, value in row.items():
                columns[name].append(value)
        verdicts = Counter(f.verdict for f in audit.findings)
        severities = Counter(f.severity for f in audit.findings
                             if f.verdict != "consistent" and not is_dismissed(f))
        summary_csv.writerow({
            "doc_id": spreadsheet_safe(document.doc_id), "source": spreadsheet_safe(document.source),
            "title": spreadsheet_safe(document.title), "url": spreadsheet_safe(document.url),
            "words": audit.words, "claims": len(audit.claims),
            "main_drug": spreadsheet_safe(audit.main_drug), **{v: verdicts.get(v, 0) for v in VERDICTS},
            **{s: severities.get(s, 0) for s in SEVERITIES},
            "worst_severity": worst_of(severities), "text_hash": text_hash,
        })
        chunk.verdicts.update(verdicts)
        chunk.severities.update(severities)
        chunk.topics.update((f.topic or "other", f.verdict) for f in audit.findings)
        chunk.claims += len(audit.claims)
        chunk.documents += 1
    chunk.texts = tuple(buffers[name].getvalue() for name in _APPENDED)
    chunk.findings = arrow_findings(columns)
    return chunk


class TableWriter:
    """Appends each batch's rows and commits them; `close()` writes findings.parquet.

    With `resume`, a previous run into the same folder with the same `version` (reference, tool
    and reports choice) is continued: its committed rows stay, and `previous` maps each of its
    documents to `(text_hash, worst_severity)`. Otherwise the tables start empty.
    """

    def __init__(self, out: Path, version: dict, resume: bool = False,
                 row_group_size: int = 5_000):
        self.out = out
        self.version = version
        self.row_group_size = row_group_size
        self.verdicts: Counter = Counter()
        self.severities: Counter = Counter()
        self.claims = 0
        self.documents = 0  # documents in the tables
        self.previous: dict[str, tuple[str, str]] = {}
        state = self._read_state() if resume else None
        self.resumed = state is not None and state.get("version") == version
        if self.resumed:
            self._sizes = {name: int(state["sizes"][name]) for name in _APPENDED}
            self.documents = int(state.get("documents", 0))
            if state.get("resumed_from"):  # a resumed run died before it dropped what it replaced
                boundary = {name: int(state["resumed_from"][name]) for name in _APPENDED}
                self._drop(set(self._summary_ids(boundary["summary.csv"])), boundary)
            self.previous = self._committed_summary()
        else:
            self._sizes = {name: 0 for name in _APPENDED}
        self._resumed_sizes = dict(self._sizes)
        _remove_leftovers(out)
        self.topics: Counter = Counter()  # (topic, verdict) of this run's findings
        (out / "findings.parquet").unlink(missing_ok=True)
        # A fresh run writes findings.parquet as it goes, a row group at a time; a resumed one
        # rebuilds it from findings.jsonl when it closes (its earlier rows are only there).
        self._parquet_file = None if self.resumed else AtomicFile(out / "findings.parquet", "wb")
        self._parquet = None if self.resumed else pq.ParquetWriter(self._parquet_file.handle, FINDING_SCHEMA)
        self._pending: list[pa.Table] = []
        self._handles = {}
        for name in _APPENDED:
            handle = open(out / name, "a+b", buffering=0)  # noqa: SIM115 (closed in close())
            handle.truncate(self._sizes[name])  # drop what a killed run wrote after its commit
            self._handles[name] = handle
        self.commit([])

    # -- appending ---------------------------------------------------------------------------

    def append(self, chunk: TableChunk) -> None:
        """Append one batch's formatted rows (see `format_rows`) and commit them."""
        self.verdicts.update(chunk.verdicts)
        self.severities.update(chunk.severities)
        self.claims += chunk.claims
        self.documents += chunk.documents
        self.topics.update(chunk.topics)
        self.commit(chunk.texts)
        if self._parquet is not None and chunk.findings is not None:
            self._pending.append(chunk.findings)
            with naming(self.out / "findings.parquet"):
                self._write_row_groups(final=False)

    def _write_row_groups(self, final: bool) -> None:
        """Write whole row groups of `row_group_size` findings (and, at the end, the rest): the
        groups fall at the same rows however the run was batched, so the file is the same."""
        pending = sum(table.num_rows for table in self._pending)
        if pending < self.row_group_size and not (final and pending):
            return
        # One chunk per column: a row group's bytes must not depend on how batches cut it.
        table = pa.concat_tables(self._pending).combine_chunks()
        start = 0
        while table.num_rows - start >= self.row_group_size:
            self._parquet.write_table(table.slice(start, self.row_group_size))
            start += self.row_group_size
        if final and start < table.num_rows:
            self._parquet.write_table(table.slice(start))
            start = table.num_rows
        self._pending = [table.slice(start)] if start < table.num_rows else []

    def commit(self, texts: Iterable[str]) -> None:
        for name, text in zip(_APPENDED, texts, strict=False):
            self._append(name, text.encode("utf-8"))
        for name, columns in _HEADERS.items():
            if self._sizes[name] == 0:
                self._append(name, _csv_line(columns).encode("utf-8"))
        self._write_state(resumed_from=self._resumed_sizes if self.resumed else None)

    def _write_state(self, **extra) -> None:
        state = {"version": self.version, "documents": self.documents, "sizes": self._sizes}
        state.update((key, value) for key, value in extra.items() if value is not None)
        with naming(self.out / STATE_FILE):
            atomic_write(self.out / STATE_FILE, json.dumps(state))

    def _append(self, name: str, data: bytes) -> None:
        handle, view = self._handles[name], memoryview(data)
        with naming(self.out / name):  # a full disk: the part written is cut by the next run
            while view:
                view = view[handle.write(view):]
        self._sizes[name] += len(data)

    # -- closing -----------------------------------------------------------------------------

    def close(self, stale: set[str] = frozenset()) -> None:
        """Drop the earlier rows of `stale` resumed documents (audited again, or gone from the
        input), then finish findings.parquet."""
        for handle in self._handles.values():
            handle.close()
        if self.resumed:
            self._drop(stale, self._resumed_sizes)
        with naming(self.out / "findings.parquet"):
            if self._parquet is None:
                self._write_parquet()
                return
            try:
                self._write_row_groups(final=True)
                self._parquet.close()
                self._parquet = None
            except BaseException:
                self._parquet_file.discard()  # half a file, on a full disk
                raise
            self._parquet_file.commit()

    def abort(self) -> None:
        """Close the files, keeping every committed batch (findings.parquet is not written)."""
        for handle in self._handles.values():
            handle.close()
        if self._parquet is not None:
            with contextlib.suppress(OSError):  # its footer, on a full disk: the file goes anyway
                self._parquet.close()
            self._parquet = None
            self._parquet_file.discard()

    def _drop(self, ids: set[str], boundary: dict[str, int]) -> None:
        """Remove the rows of `ids` from the first `boundary` bytes of each table (the rows of
        earlier runs), keep the rest up to the committed size, and commit a state without a
        `resumed_from`. Crash-safe: the new tables are written beside, the state then says
        they are to be renamed over the old ones (`replacing`, which `_read_state` finishes),
        and only then are they renamed. (Not `atomic_writer`: several files renamed as one
        journaled step, under fixed names a later run can find and finish.)"""
        replacing, dropped = [], 0
        for name in _APPENDED if ids else ():
            path, temporary = self.out / name, self.out / f".{name}.tmp"
            try:
                with naming(path), path.open("rb") as source, temporary.open("wb") as target:
                    left_out = _write_kept(name, _head_lines(source, boundary[name]), ids, target)
                    dropped = left_out if name == "summary.csv" else dropped
                    _copy(source, target, self._sizes[name] - boundary[name])
                    size = target.tell()
            except OSError:
                temporary.unlink(missing_ok=True)  # the tables are as they were
                raise
            if size == self._sizes[name]:
                temporary.unlink()  # nothing of `ids` in it
            else:
                replacing.append(name)
                self._sizes[name] = size
        self.documents -= dropped
        if replacing:
            self._write_state(replacing=replacing)
            _finish_replacing(self.out, replacing)
        self._write_state()

    def _write_parquet(self) -> None:
        with atomic_writer(self.out / "findings.parquet", "wb") as sink, \
                pq.ParquetWriter(sink, FINDING_SCHEMA) as parquet, \
                (self.out / "findings.jsonl").open(encoding="utf-8") as lines:
            group: list[dict] = []
            for line in lines:
                group.append(json.loads(line))
                if len(group) >= self.row_group_size:
                    parquet.write_table(_rows_table(group))
                    group = []
            if group:
                parquet.write_table(_rows_table(group))

    # -- resuming ----------------------------------------------------------------------------

    def _read_state(self) -> dict | None:
        """The committed state, after finishing the renames a killed drop recorded; None when
        there is none or the tables do not hold what it says. Failing to finish them raises:
        the tables must not be taken for empty."""
        try:
            state = json.loads((self.out / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(state, dict):
            return None
        if state.get("replacing"):
            with naming(self.out / STATE_FILE):
                _finish_replacing(self.out, state.pop("replacing"))
                atomic_write(self.out / STATE_FILE, json.dumps(state))
        try:
            sizes = state["sizes"]
            if all((self.out / n).exists() and (self.out / n).stat().st_size >= sizes[n]
                   for n in _APPENDED):
                return state
        except (OSError, KeyError, TypeError):
            pass
        return None

    def _summary_ids(self, start: int) -> Iterator[str]:
        """The ids of the committed summary.csv rows from byte `start` (a row's start)."""
        with (self.out / "summary.csv").open("rb") as handle:
            handle.seek(start)
            rows = csv.reader(_head_lines(handle, self._sizes["summary.csv"] - start))
            if start == 0:
                next(rows, None)  # the header
            yield from (read_cell(row[0]) for row in rows if row)

    def output_counts(self) -> dict:
        """What the committed tables hold: documents, claims, and findings by verdict and by
        severity. A fresh run counted them as it went; a resumed one reads summary.csv."""
        if not self.resumed:
            return {"documents": self.documents, "claims": self.claims,
                    "verdicts": self.verdicts, "severities": self.severities}
        documents, claims, counts = 0, 0, Counter()
        with (self.out / "summary.csv").open("rb") as handle:
            for row in csv.DictReader(_head_lines(handle, self._sizes["summary.csv"])):
                documents += 1
                claims += _count(row.get("claims"))
                counts.update({name: _count(row.get(name)) for name in (*VERDICTS, *SEVERITIES)})
        return {"documents": documents, "claims": claims,
                "verdicts": Counter({v: counts[v] for v in VERDICTS if counts[v]}),
                "severities": Counter({s: counts[s] for s in SEVERITIES if counts[s]})}

    def _committed_summary(self) -> dict[str, tuple[str, str]]:
        with (self.out / "summary.csv").open("rb") as handle:
            rows = csv.DictReader(_head_lines(handle, self._sizes["summary.csv"]))
            return {read_cell(row["doc_id"]): (row.get("text_hash") or "",
                                               row.get("worst_severity") or "") for row in rows}


# A cell a spreadsheet evaluates: =, +, - or @ first, or tab or carriage return (OWASP's list),
# after any quotes; quoting those too makes the mark reversible ("'=x" is written "''=x").
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")  # "-5", "+1.5e3"


def _rows_table(rows: list[dict]) -> pa.Table:
    """findings.jsonl rows (an earlier version's may lack a column) as a table."""
    return arrow_findings({name: [row.get(name) for row in rows] for name in FINDING_COLUMNS})


def spreadsheet_safe(value):
    """A CSV cell a spreadsheet shows as written: text it would evaluate as a formula gets a
    leading single quote; numbers, and text that is only a number ("-5"), stay as they are."""
    if isinstance(value, float) and not math.isfinite(value):
        value = repr(value)  # "-inf" is no number to a spreadsheet, but a formula
    if isinstance(value, str) and _FORMULA.match(value) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def read_cell(cell: str) -> str:
    """A text cell of findings.csv or summary.csv as it was before `spreadsheet_safe`."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell) else cell


def _head_lines(handle, limit: int):
    """The decoded lines of a binary file's first `limit` bytes, one at a time."""
    while limit > 0:
        line = handle.readline(limit)
        if not line:
            return
        limit -= len(line)
        yield line.decode("utf-8")




def _write_kept(name: str, lines: Iterable[str], ids: set[str], target) -> int:
    """Write the rows of a table's `lines` whose doc_id is not in `ids`; return how many were
    left out."""
    dropped = 0
    if not name.endswith(".csv"):
        for line in lines:
            if json.loads(line)["doc_id"] in ids:
                dropped += 1
            else:
                target.write(line.encode("utf-8"))
        return dropped
    keep = csv.writer(text := io.StringIO())
    for number, row in enumerate(csv.reader(lines)):
        if not row:
            continue
        if number and read_cell(row[0]) in ids:  # 0: the header
            dropped += 1
            continue
        keep.writerow(row)
        target.write(text.getvalue().encode("utf-8"))
        text.seek(0)
        text.truncate()
    return dropped


def _copy(source, target, size: int) -> None:
    """Copy the next `size` bytes of `source` to `target`."""
    while size > 0 and (chunk := source.read(min(size, 1 << 20))):
        target.write(chunk)
        size -= len(chunk)


def _finish_replacing(out: Path, names: Iterable[str]) -> None:
    """Rename each table's new version over it; one already renamed is left as it is."""
    for name in names:
        temporary = out / f".{name}.tmp"
        if temporary.exists():
            os.replace(temporary, out / name)


# What a run writes beside a file of DIR before renaming it over the file: a killed run leaves
# it behind, and only a run holding the folder's lock gets here, so none of them is in use.
_LEFTOVER = re.compile(r"\.(?:findings\.jsonl|claims\.jsonl|findings\.csv|summary\.csv|findings\.parquet"
                       r"|run\.json|index(?:-\d+)?\.html|auditor-state\.json)\..*tmp")


def _remove_leftovers(out: Path) -> None:
    for path in out.iterdir():
        if _LEFTOVER.fullmatch(path.name):
            path.unlink(missing_ok=True)


def _count(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _csv_line(columns: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(columns)
    return buffer.getvalue()
