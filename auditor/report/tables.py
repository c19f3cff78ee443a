"""The batch tables: findings (.jsonl, .csv, .parquet), claims.jsonl and summary.csv.

Rows are written as each document finishes (Parquet in row groups), into temporary files that
are renamed into place when the run closes, so a reader never sees a half-written table.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from auditor.model import SEVERITIES, VERDICTS, Finding

FINDING_COLUMNS = [name for name in Finding.__dataclass_fields__ if name != "extra"]
_INTEGER = {"start_char", "end_char"}
_FLOAT = {"value_low", "value_high"}
FINDING_SCHEMA = pa.schema([
    (name, pa.int64() if name in _INTEGER else pa.float64() if name in _FLOAT else pa.string())
    for name in FINDING_COLUMNS
])
SUMMARY_COLUMNS = ["doc_id", "source", "title", "url", "words", "claims", "main_drug",
                   *VERDICTS, *SEVERITIES, "worst_severity"]


class TableWriter:
    """Appends each audited document's rows; `close()` moves the finished files into place."""

    def __init__(self, out: Path, row_group_size: int = 5_000):
        self.out = out
        self.row_group_size = row_group_size
        self._paths = {name: out / name for name in (
            "findings.jsonl", "claims.jsonl", "findings.csv", "findings.parquet", "summary.csv")}
        self._tmp = {name: path.with_name(f".{path.name}.tmp") for name, path in self._paths.items()}
        self._findings_jsonl = self._tmp["findings.jsonl"].open("w", encoding="utf-8")
        self._claims_jsonl = self._tmp["claims.jsonl"].open("w", encoding="utf-8")
        self._csv_handle = self._tmp["findings.csv"].open("w", encoding="utf-8", newline="")
        self._csv = csv.DictWriter(self._csv_handle, FINDING_COLUMNS)
        self._csv.writeheader()
        self._summary_handle = self._tmp["summary.csv"].open("w", encoding="utf-8", newline="")
        self._summary = csv.DictWriter(self._summary_handle, SUMMARY_COLUMNS)
        self._summary.writeheader()
        self._parquet = pq.ParquetWriter(self._tmp["findings.parquet"], FINDING_SCHEMA)
        self._pending: list[dict] = []
        self.verdicts: Counter = Counter()
        self.severities: Counter = Counter()
        self.claims = 0

    def add(self, audit) -> None:
        document = audit.document
        for claim in audit.claims:
            row = {"doc_id": document.doc_id, **claim.to_row(),
                   "claim_id": f"{document.doc_id}:{claim.claim_id}"}
            self._claims_jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")
        rows = [finding.to_row() for finding in audit.findings]
        for row in rows:
            self._findings_jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")
            self._csv.writerow(row)
        self._pending.extend(rows)
        if len(self._pending) >= self.row_group_size:
            self._flush_parquet()
        verdicts = Counter(f.verdict for f in audit.findings)
        severities = Counter(f.severity for f in audit.findings if f.verdict != "consistent")
        worst = next((s for s in SEVERITIES if severities.get(s)), "")
        self._summary.writerow({
            "doc_id": document.doc_id, "source": document.source, "title": document.title,
            "url": document.url, "words": audit.words, "claims": len(audit.claims),
            "main_drug": audit.main_drug, **{v: verdicts.get(v, 0) for v in VERDICTS},
            **{s: severities.get(s, 0) for s in SEVERITIES}, "worst_severity": worst,
        })
        self.verdicts.update(verdicts)
        self.severities.update(severities)
        self.claims += len(audit.claims)

    def _flush_parquet(self) -> None:
        if self._pending:
            self._parquet.write_table(pa.Table.from_pylist(self._pending, schema=FINDING_SCHEMA))
            self._pending = []

    def close(self) -> None:
        self._flush_parquet()
        self._parquet.close()
        for handle in (self._findings_jsonl, self._claims_jsonl, self._csv_handle,
                       self._summary_handle):
            handle.close()
        for name, path in self._paths.items():
            os.replace(self._tmp[name], path)

    def abort(self) -> None:
        self._parquet.close()
        for handle in (self._findings_jsonl, self._claims_jsonl, self._csv_handle,
                       self._summary_handle):
            handle.close()
        for temporary in self._tmp.values():
            temporary.unlink(missing_ok=True)
