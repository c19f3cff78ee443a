"""Reading articles: files and folders of .txt, .md, .html, .jsonl, .csv and .parquet.

`read_inputs(paths)` yields a `Document` for every article it can read and a `ReadFailure`
(file, line and reason) for every one it cannot, so a batch goes on past bad input. Text is
decoded (UTF-8, else Windows-1252, else Latin-1), cleaned (NUL bytes and control characters
dropped, line ends normalised) and stripped of page clutter: HTML menus, headers, footers,
sidebars, cookie banners and scripts; in plain text, the "Related news" tail scrapers keep.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from auditor.model import Document
from auditor.nlp.numbers import FRACTIONS, ONES, ORDINALS, SCALES, TENS
from auditor.tables import Cell, Table, pipe_tables

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
BATCH_SUFFIXES = {".jsonl", ".ndjson", ".csv", ".parquet"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | BATCH_SUFFIXES
_MARKERS = frozenset(
    line.strip().lower()
    for line in (Path(__file__).parent / "resources" / "clutter_markers.txt").read_text(
        encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # only from JSON "\ud800" escapes; unencodable
# Bounds that keep one bad input from taking a worker's memory: a single-document file (after
# gunzip), a JSONL line, and a document's cleaned text (spaCy needs ~80 bytes per character).
# All are checked before the input is parsed: an HTML page (file or field) over MAX_HTML_BYTES
# (HTMLParser needs ~20 bytes per byte), a text over 4 bytes per character of the document limit.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_LINE_BYTES = 256 * 1024 * 1024
MAX_HTML_BYTES = 64 * 1024 * 1024
MAX_DOCUMENT_CHARS = 10_000_000
# The deepest element the HTML cleaner tracks one by one; deeper ones are only counted (browsers
# themselves stop nesting elements at a few hundred levels).
MAX_HTML_DEPTH = 1_000
# The deepest table read cell by cell: a table inside a cell is written into that cell when it
# ends, so each level copies what is inside it; deeper tables are read as plain text.
MAX_TABLE_DEPTH = 8


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not be read, and why, in one line."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Document | ReadFailure]:
    """Every article under `paths` (files or folders, recursively), in a stable order."""
    for path in _files(paths):
        if isinstance(path, ReadFailure):
            yield path
            continue
        try:
            yield from _read_file(path)
        except Exception as error:  # noqa: BLE001 -- a bad file is reported, never fatal
            yield ReadFailure(str(path), _reason(error))


STDIN = "-"  # an input that names standard input: one article, text or HTML


def count_documents(paths: Iterable[str | Path], limit: int = 64 * 1024 * 1024) -> int | None:
    """How many documents `paths` hold, when that is cheap to know, for a progress bar: a text
    or HTML file is one, a Parquet file its row count (from its footer), a JSONL file its
    lines (when under `limit` bytes); None when any input cannot be counted so (a CSV, whose
    quoted cells may hold line breaks, or stdin)."""
    total = 0
    for path in _files(paths):
        if isinstance(path, ReadFailure) or path == Path(STDIN):
            return None
        suffix = _suffix(path)
        try:
            if suffix == ".parquet" and path.suffix.lower() != ".gz":
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            elif suffix in (".jsonl", ".ndjson") and path.suffix.lower() != ".gz":
                if path.stat().st_size > limit:
                    return None
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif suffix in BATCH_SUFFIXES:
                return None
            else:
                total += 1
        except Exception:  # noqa: BLE001 -- a file that cannot be counted is read (and reported) later
            total += 1
    return total


def _files(paths: Iterable[str | Path]) -> Iterator[Path | ReadFailure]:
    for raw in paths:
        if str(raw) == STDIN:
            yield Path(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            try:
                children = sorted(p for p in path.rglob("*") if p.is_file())
            except OSError as error:
                yield ReadFailure(str(path), _reason(error))
                continue
            for child in children:
                if _suffix(child) in SUFFIXES and not any(
                        part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
        else:
            yield path


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _open(path: Path):
    return gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb")


def _open_bytes(path: Path, what: str, limit: int, unit: str = "") -> bytes:
    """The file's bytes (gunzipped), refused before reading or parsing when over `limit`."""
    refused = "parsed" if what == "HTML page" else "read"
    packed = path.suffix.lower() == ".gz"
    if not packed and (size := path.stat().st_size) > limit:
        raise ValueError(f"{what} of {size:,} bytes, over the {limit:,}-byte limit{unit}: "
                         f"not {refused}")
    with _open(path) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{what} of more than {limit:,} bytes once decompressed, over the "
                         f"limit{unit}: not {refused}")
    return data


def _read_stdin() -> Iterator[Document | ReadFailure]:
    """One article from standard input, as HTML when it starts like a page, else as text."""
    raw = sys.stdin.buffer.read(min(MAX_HTML_BYTES, MAX_FILE_BYTES) + 1)
    if len(raw) > min(MAX_HTML_BYTES, MAX_FILE_BYTES):
        yield ReadFailure("<stdin>", "more than the input limit of "
                                     f"{min(MAX_HTML_BYTES, MAX_FILE_BYTES):,} bytes: not read")
        return
    text = decode(raw, "<stdin>")
    title = ""
    if re.match(r"\s*<(?:!doctype\s+html|html|head|body|article|main|div|p)\b", text, re.I):
        title, text = html_to_text(text)
        title = _metadata(title)
    body = clean_text(text)
    if not body.strip():
        yield ReadFailure("<stdin>", "no article text (empty after cleaning)")
    elif len(body) > MAX_DOCUMENT_CHARS:
        yield ReadFailure("<stdin>", _too_long(body))
    else:
        yield Document(doc_id="stdin", text=body, source="<stdin>", title=title or _first_line(body))


def _read_file(path: Path) -> Iterator[Document | ReadFailure]:
    if path == Path(STDIN):
        yield from _read_stdin()
        return
    if not path.exists():
        yield ReadFailure(str(path), "no such file or folder")
        return
    suffix = _suffix(path)
    if suffix not in SUFFIXES:
        yield ReadFailure(str(path), f"unsupported file type {suffix or '(none)'!r}")
        return
    stem = _one_line(path.name.split(".")[0])
    if not _visible(stem):  # ".txt", "\x01.txt": the whole name, as an id must show something
        stem = _one_line(path.name)
    if suffix == ".parquet":
        yield from _read_parquet(path)
        return
    if suffix in (".jsonl", ".ndjson", ".csv"):
        lines = _text_lines(path)
        reader = _read_jsonl if suffix != ".csv" else _read_csv
        yield from reader(path, lines)
        return
    if suffix in HTML_SUFFIXES:
        raw = _open_bytes(path, "HTML page", min(MAX_HTML_BYTES, MAX_FILE_BYTES))
    else:
        raw = _open_bytes(path, "text", min(4 * MAX_DOCUMENT_CHARS, MAX_FILE_BYTES),
                          f" ({MAX_DOCUMENT_CHARS:,} characters)")
    text = decode(raw, str(path))
    if suffix in HTML_SUFFIXES:
        title, body = html_to_text(text)
        title = _metadata(title)
    else:
        title, body = "", text
    body = clean_text(body)
    if suffix in MARKDOWN_SUFFIXES:
        body = markdown_to_text(body)
    if not body.strip():
        yield ReadFailure(str(path), "no article text (empty after cleaning)")
        return
    if len(body) > MAX_DOCUMENT_CHARS:
        yield ReadFailure(str(path), _too_long(body))
        return
    yield Document(doc_id=stem, text=body, source=str(path), title=title or _first_line(body))


def _text_lines(path: Path) -> Iterator[str | None]:
    """Lines of a (possibly gzipped) text file, decoded one at a time: never the whole file.

    A line longer than MAX_LINE_BYTES is skipped and yields None in its place.
    """
    with _open(path) as handle:
        if _looks_binary(handle.peek(8192)[:8192] if hasattr(handle, "peek") else b""):
            raise ValueError("binary file, not text")
        while raw := handle.readline(MAX_LINE_BYTES):
            if len(raw) == MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield None
                continue
            yield _decode_text(raw)


def _read_jsonl(path: Path, lines: Iterable[str]) -> Iterator[Document | ReadFailure]:
    for number, line in enumerate(lines, start=1):
        where = f"{path}, line {number}"
        if line is None:
            yield ReadFailure(where, f"line longer than {MAX_LINE_BYTES // 2**20} MiB")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield ReadFailure(where, f"not valid JSON ({error.msg})")
            continue
        if not isinstance(record, dict):
            yield ReadFailure(where, "a line must be a JSON object")
            continue
        yield _from_record(record, where, f"{path}#")


def _read_csv(path: Path, lines: Iterable[str]) -> Iterator[Document | ReadFailure]:
    csv.field_size_limit(MAX_LINE_BYTES)
    reader = csv.DictReader(line if line is not None else "" for line in lines)
    columns = set(reader.fieldnames or ())
    if "id" not in columns or not columns & {"text", "html"}:
        yield ReadFailure(str(path), "CSV needs an 'id' column and a 'text' or 'html' column "
                                     f"(found: {', '.join(sorted(columns)) or 'none'})")
        return
    for record in reader:
        yield _from_record(record, f"{path}, line {reader.line_num}", f"{path}#")


def _read_parquet(path: Path) -> Iterator[Document | ReadFailure]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(_open(path) if path.suffix.lower() == ".gz" else path)
    columns = set(parquet.schema_arrow.names)
    if "id" not in columns or not columns & {"text", "html"}:
        yield ReadFailure(str(path), "Parquet needs an 'id' column and a 'text' or 'html' column")
        return
    wanted = [c for c in ("id", "text", "html", "url", "title", "drug", "date") if c in columns]
    row = 0
    for batch in parquet.iter_batches(batch_size=256, columns=wanted):
        for record in batch.to_pylist():
            row += 1
            yield _from_record(record, f"{path}, row {row}", f"{path}#")


def _from_record(record: dict, where: str, source_prefix: str) -> Document | ReadFailure:
    doc_id = record.get("id")
    doc_id = "" if doc_id is None else _one_line(str(doc_id))
    if not _visible(doc_id):  # "", "\x00", a bidi control alone: nothing to name a report by
        return ReadFailure(where, "missing 'id'")
    text, html = record.get("text"), record.get("html")
    title = _metadata(str(record.get("title") or ""))
    if isinstance(text, str) and text.strip():
        body = text
    elif isinstance(html, str) and html.strip():
        if len(html) > MAX_HTML_BYTES:
            return ReadFailure(where, f"document {doc_id!s:.60} has an 'html' field of "
                                      f"{len(html):,} characters, over the {MAX_HTML_BYTES:,} "
                                      "limit: not parsed")
        html_title, body = html_to_text(html)
        title = title or _metadata(html_title)
    else:
        return ReadFailure(where, f"document {doc_id!s:.60} has no 'text' or 'html'")
    if len(body) > MAX_DOCUMENT_CHARS * 4:  # not worth cleaning
        return ReadFailure(where, _too_long(body))
    body = clean_text(body)
    if not body.strip():
        return ReadFailure(where, f"document {doc_id!s:.60} is empty after cleaning")
    if len(body) > MAX_DOCUMENT_CHARS:
        return ReadFailure(where, _too_long(body))
    return Document(doc_id=doc_id, text=body, source=f"{source_prefix}{doc_id}",
                    title=title or _first_line(body), url=_metadata(str(record.get("url") or "")),
                    drug=_metadata(str(record.get("drug") or "")), date=_iso_date(record.get("date")))


def _iso_date(value) -> str:
    """A row's `date` as YYYY-MM-DD (the rules in force that day), or "" when it is not one."""
    text = str(value or "").strip()[:10]
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return ""


def _one_line(value: str) -> str:
    """Metadata (id, title, url) as one clean line, without control characters."""
    return _SURROGATE.sub("\ufffd", " ".join(_CONTROL.sub("", value).split()))


def _metadata(value: str) -> str:
    """A title or url as one clean line, without the invisible characters the text loses too.

    An id keeps them (it must match its input's), and is shown with bidi isolation instead.
    """
    return _one_line(FORMAT_CHARACTERS.sub("", value))


def _visible(value: str) -> bool:
    return bool(FORMAT_CHARACTERS.sub("", value).strip())


def _too_long(text: str) -> str:
    return f"document of {len(text):,} characters, over the {MAX_DOCUMENT_CHARS:,} limit"


# -- decoding and cleaning -------------------------------------------------------------------


def decode(raw: bytes, source: str = "") -> str:
    """UTF-8 (with or without BOM), else Windows-1252, else Latin-1. Binary data is refused."""
    if _looks_binary(raw[:8192]):
        raise ValueError("binary file, not text")
    return _decode_text(raw)


_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f") + b"\x7f"


def _looks_binary(head: bytes) -> bool:
    """More than 5% control bytes: images, archives, PDFs; text (any 8-bit code page) has ~0."""
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return bool(head) and controls > len(head) // 20


def _decode_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


# Markdown's syntax, which an editor reads past and the matchers must too: "**two forms** of
# contraception" is the alias "two forms of contraception". Each rule keeps the words. Spans are
# bounded and stop at their own delimiter, so a hostile line stays linear.
_MARKDOWN_RULES = tuple((re.compile(pattern, re.MULTILINE), replacement) for pattern, replacement in (
    # link definitions, "[1]: https://example.org/a "Title"": the address must look like one,
    # so that "[Warning]: do not take it with vitamin A" stays a sentence
    (r"^[ \t]{0,3}\[[^\[\]\n]{1,300}\]:[ \t]+(?:<[^>\n]*>|\S*[/:#]\S*|\S+\.\w+)"
     r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*(?:\n|$)", ""),
    (r"!\[([^\[\]\n]{0,300})\]\([^()\n]{0,2000}\)", r"\1"),    # images: their alt text
    (r"\[([^\[\]\n]{1,300})\](?:\((?:[^()\n]|\([^()\n]{0,300}\)){0,2000}\)|\[[^\[\]\n]{0,300}\])", r"\1"),
    # links, above: their text; an address may hold one level of brackets (Wikipedia's)
    (r"^([ \t]*)(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\][ \t]+", r"\1- "),  # task boxes: "- [ ] "
    (r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", r"\1"),  # ATX headings
    (r"^[ \t]{0,3}>[ \t]?", ""),                                  # block quotes
    (r"`([^`\n]{1,300})`", r"\1"),                                # inline code
    (r"\*\*(?=\S)((?:[^*\n]|\*(?!\*)){1,300}?)(?<=\S)\*\*", r"\1"),  # strong
    (r"__(?=\S)((?:[^_\n]|_(?!_)){1,300}?)(?<=\S)__", r"\1"),      # strong, the other way
    (r"(?<![\w*\\])\*(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*\\])\*(?![\w*])", r"\1"),  # emphasis, not "2 * 3"
    (r"(?<![\w\\])_(?=[^\s_])([^_\n]{1,300}?)(?<=[^\s_\\])_(?!\w)", r"\1"),  # emphasis, not snake_case
    (r"\\([\\`*_{}\[\]()#+\-.!>])", r"\1"),                       # backslash escapes
))


def markdown_to_text(text: str) -> str:
    """The words of a Markdown page without its markup: emphasis, links, headings, task boxes;
    a pipe table is written out cell by cell (`auditor.tables`).

    Offsets of claims refer to this text, which is also what the reports quote.
    """
    for pattern, replacement in _MARKDOWN_RULES:
        text = pattern.sub(replacement, text)
    return pipe_tables(text) if "|" in text else text


def clean_text(text: str) -> str:
    """Normalised text an editor would recognise, without the scraper's trailing clutter.

    What a reader cannot see is not read either: format characters (zero-width, bidi controls)
    are removed, digits and percent signs of any script are folded to ASCII, so are the hyphen
    and the non-breaking hyphen (in "4-6 months" it still makes a range), and a number word
    spelled with Cyrillic or Greek look-alikes is spelled in Latin ("sіx" is "six"), and a middle
    dot between digits is a decimal point ("0·5" is 0.5). Every other character stays as
    written. Offsets of claims refer to the text this returns.
    """
    plain = text.isascii()  # most articles, and then none of the Unicode steps can apply
    if not plain and FORMAT_CHARACTERS.search(text):
        text = FORMAT_CHARACTERS.sub("", _GLUE.sub(_unglue, text))
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", text)).replace("\u00a0", " ")
    if not plain:
        text = text.translate(_HYPHENS)
        if "\u00b7" in text:
            text = _DECIMAL_DOT.sub(".", text)
        text = _NUMERAL.sub(_fold_numeral, text)
        if _NUMERAL_MARK.search(text):
            text = _NUMERAL_MARK_BY_DIGIT.sub(_fold_numeral, text)
        if _CONFUSABLE_LETTER.search(text):
            text = _LOOK_ALIKE_WORD.sub(_number_word_in_latin, text)
    return strip_trailing_clutter(text)


# U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN look and read as "-"; one character each, so
# offsets into the text do not move.
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
# A middle dot between digits is a decimal point, as British journals print it ("0·5 mg/kg",
# "P < 0·01"): read as "." (one character for one), so "0·5" is not the number 5.
_DECIMAL_DOT = re.compile(r"(?<=\d)\u00b7(?=\d)")
# Every character of Unicode's category Cf ("format"): zero-width space and joiners, bidi
# embeddings, overrides and isolates, the soft hyphen, the BOM, invisible operators and tags.
# Invisible, so an article can hide them inside a number: "9\u200b0%" reads as 90% to a person.
FORMAT_CHARACTERS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]")
# Number words, as the quantity parser reads them (plus fractions and ordinals).
NUMBER_WORDS = frozenset((*ONES, *TENS, *SCALES, "dozen", *FRACTIONS, *ORDINALS))
_LETTER_BEFORE, _LETTER_AFTER = r"(?<![^\W\d_])", r"(?![^\W\d_])"
# "six\u200dweeks" shows as "sixweeks", which a reader takes for "six weeks": a number word glued
# to a following word by invisible characters is kept apart by a space, unless the characters
# sit inside a longer number word ("six\u200bteen" is "sixteen"). Not for the soft hyphen: it
# marks syllables, as in "ten\u00adder". Only format characters right after a letter are looked
# at, and at most 10 letters before them and 12 after, so this stays linear.
_NUMBER_WORD_BEFORE = "|".join(  # a lookbehind must have one width: one per length of word
    rf"(?<={_LETTER_BEFORE}(?:{'|'.join(sorted(w for w in NUMBER_WORDS if len(w) == n))}))"
    for n in sorted({len(w) for w in NUMBER_WORDS}))
_GLUE = re.compile(
    rf"(?={FORMAT_CHARACTERS.pattern})(?:{_NUMBER_WORD_BEFORE})((?:(?!\u00ad){FORMAT_CHARACTERS.pattern})++)"
    rf"(?=((?:{FORMAT_CHARACTERS.pattern}*+[^\W\d_]){{1,12}}))", re.IGNORECASE)
_WORD_BEFORE = re.compile(rf"{_LETTER_BEFORE}[^\W\d_]{{1,10}}\Z")
_LONGER_NUMBER_WORDS = {word: tuple(w for w in NUMBER_WORDS if w.startswith(word) and w != word)
                        for word in NUMBER_WORDS}


def _unglue(match: re.Match) -> str:
    before = _WORD_BEFORE.search(match.string, max(0, match.start() - 10), match.start())
    word = before.group().casefold() if before else ""
    if word not in NUMBER_WORDS:
        return match.group(1)  # removed with every other format character
    joined = word + FORMAT_CHARACTERS.sub("", match.group(2)).casefold()
    inside = any(joined.startswith(longer) for longer in _LONGER_NUMBER_WORDS[word])
    return "" if inside else " "


# Compatibility forms of numerals: full-width and Arabic-Indic digits (any Unicode decimal
# digit), full-width, small and Arabic percent signs; full-width signs and separators only
# where they touch a digit, so that CJK punctuation elsewhere stays as written.
_NUMERAL_SIGNS = {"\uff05": "%", "\ufe6a": "%", "\u066a": "%", "\uff0b": "+", "\ufe62": "+",
                  "\uff0d": "-", "\ufe63": "-", "\uff1c": "<", "\ufe64": "<", "\uff1e": ">",
                  "\ufe65": ">", "\uff0c": ",", "\u066c": ",", "\uff0e": ".", "\u066b": "."}
_NUMERAL = re.compile(r"[^\D0-9]|[\uff05\ufe6a\u066a]")  # a digit beyond ASCII, a percent sign
_NUMERAL_MARK = re.compile(r"[\uff0b\ufe62\uff0d\ufe63\uff1c\ufe64\uff1e\ufe65\uff0c\u066c\uff0e\u066b]")
_NUMERAL_MARK_BY_DIGIT = re.compile(  # run after the digits are folded
    r"[\uff0b\ufe62\uff0d\ufe63\uff1c\ufe64\uff1e\ufe65](?=[0-9])|(?<=[0-9])[\uff0b\ufe62\uff0d\ufe63]"
    r"|(?<=[0-9])[\uff0c\u066c\uff0e\u066b](?=[0-9])")


def _fold_numeral(match: re.Match) -> str:
    character = match.group()
    return _NUMERAL_SIGNS.get(character) or str(unicodedata.decimal(character))


# Cyrillic and Greek letters that look like Latin ones, for number words written with them.
_CONFUSABLES = {
    **dict(zip("аеорсухіјѕһԁԛԝӏү", "aeopcyxijshdqwly", strict=True)),
    **dict(zip("АВЕКМНОРСТХІЈЅҮԚԜҺӀ", "ABEKMHOPCTXIJSYQWHI", strict=True)),
    **dict(zip("οινκυρα", "oivkupa", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
}
_TO_LATIN = str.maketrans(_CONFUSABLES)
_CONFUSABLE_LETTER = re.compile(f"[{''.join(_CONFUSABLES)}]")
_LOOK_ALIKE_WORD = re.compile(
    rf"{_LETTER_BEFORE}[A-Za-z]*{_CONFUSABLE_LETTER.pattern}"
    rf"[A-Za-z{''.join(_CONFUSABLES)}]*{_LETTER_AFTER}")


def _number_word_in_latin(match: re.Match) -> str:
    latin = match.group().translate(_TO_LATIN)
    return latin if latin.casefold() in NUMBER_WORDS else match.group()


def strip_trailing_clutter(text: str) -> str:
    half = len(text) // 2
    position = 0
    for line in text.splitlines(keepends=True):
        if position >= half and line.strip().lower() in _MARKERS:
            return text[:position].rstrip() + "\n"
        position += len(line)
    return text


def _first_line(text: str) -> str:
    """The first non-empty line, as a title: without Markdown's heading marks."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line.lstrip("#").strip()[:200]


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else type(error).__name__


# -- HTML ------------------------------------------------------------------------------------

_SKIP_TAGS = frozenset({
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template",
    "svg", "iframe", "button", "select", "menu", "dialog", "head",
})
_CLUTTER = re.compile(
    r"cookie|related|sidebar|menu|navbar|share|social|comment|newsletter|advert|\bad\b|ads\b|"
    r"banner|breadcrumb|popup|subscribe|promo|widget|footer|header", re.IGNORECASE)
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4",
    "h5", "h6", "tr", "table", "blockquote", "pre", "hr", "dt", "dd", "figcaption", "body",
})
_VOID_TAGS = frozenset({"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area",
                        "base", "col", "embed", "track", "param"})


class _OpenTable:
    """A <table> being read: its rows so far, the row and the cell being read, and whether the
    table stands in the page's <article>/<main>."""

    def __init__(self, in_article: bool):
        self.table = Table()
        self.in_article = in_article
        self.row: list[Cell] | None = None
        self.cell: list[str] | None = None
        self.heading = False
        self.columns = 1  # the columns the cell being read spans (colspan)

    def open_row(self) -> None:
        self.close_row()
        self.row = []
        self.table.rows.append(self.row)

    def open_cell(self, heading: bool, columns: int = 1) -> None:
        self.close_cell()
        if self.row is None:
            self.open_row()
        self.cell, self.heading, self.columns = [], heading, columns

    def close_cell(self) -> None:
        if self.cell is not None:
            text = "".join(self.cell)
            self.row.append(Cell(text, self.heading))
            # a heading over several columns names each of them; a data cell is said once
            self.row.extend(Cell(text if self.heading else "", self.heading)
                            for _ in range(self.columns - 1))
            self.cell = None

    def close_row(self) -> None:
        self.close_cell()
        self.row = None

    def add(self, text: str) -> None:
        if self.cell is None:
            if not text.strip():
                return  # the spaces between a table's tags
            self.open_cell(False)  # text outside any cell: a cell of its own
        self.cell.append(text)

    def text(self) -> str:
        self.close_row()
        return "\n\n" + "\n\n".join(self.table.lines()) + "\n\n"


MAX_COLSPAN = 50  # a cell's colspan is read up to this: a hostile "colspan=10000000" stays small


def _colspan(attrs) -> int:
    value = next((v for k, v in attrs if k == "colspan"), None) or "1"
    # isdecimal, not isdigit: "²" is a digit that int() refuses
    return max(1, min(int(value), MAX_COLSPAN)) if value.strip().isdecimal() else 1


class _ArticleText(HTMLParser):
    """The text of a page, and of its <article>/<main>, without the elements that are clutter.

    Open elements are a stack of (tag, skipping, in_article), with the depths at which each tag
    is open, so that an end tag finds its element (or that it has none) in constant time: a page
    of 50,000 <div> and then 50,000 unmatched </span> stays linear. Past MAX_HTML_DEPTH, an
    element is only counted (the next end tags close it) unless it starts skipping or an
    article, which can happen twice at most: the stack stays bounded, and so does memory.

    A <table>'s text is gathered cell by cell and written out, when the table ends, as
    `auditor.tables` lines ("Typical dose, Isotretinoin: 0.5–1 mg/kg per day"); a table inside
    a cell is written into that cell.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipping, in_article)
        self.depths: dict[str, list[int]] = {}  # tag -> where it is open in the stack
        self.untracked: dict[int, int] = {}  # stack height -> elements counted on top of it
        self.all: list[str] = []
        self.article: list[str] = []
        self.title: list[str] = []
        self.in_title = False
        self.tables: list[_OpenTable] = []
        self.untracked_tables = 0  # tables open below MAX_TABLE_DEPTH, read as plain text

    def _state(self) -> tuple[bool, bool]:
        return (self.stack[-1][1], self.stack[-1][2]) if self.stack else (False, False)

    def handle_starttag(self, tag, attrs):
        skipping, in_article = self._state()
        if tag == "title":
            self.in_title = True
        if tag in _BLOCK_TAGS:
            self._emit("\n", skipping, in_article)
        if not skipping:
            self._table_start(tag, in_article, attrs)
        if tag in _VOID_TAGS:
            return
        names = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        skip = skipping or tag in _SKIP_TAGS or bool(names and _CLUTTER.search(names))
        article = in_article or tag in ("article", "main")
        height = len(self.stack)
        if height >= MAX_HTML_DEPTH and (skip, article) == (skipping, in_article):
            self.untracked[height] = self.untracked.get(height, 0) + 1
            return
        self.depths.setdefault(tag, []).append(height)
        self.stack.append((tag, skip, article))

    def _table_start(self, tag: str, in_article: bool, attrs) -> None:
        if tag == "table" and (self.untracked_tables or len(self.tables) >= MAX_TABLE_DEPTH):
            self.untracked_tables += 1
        elif tag == "table":
            self.tables.append(_OpenTable(in_article))
        elif self.untracked_tables:
            return
        elif self.tables and tag == "tr":
            self.tables[-1].open_row()
        elif self.tables and tag in ("td", "th"):
            self.tables[-1].open_cell(tag == "th", _colspan(attrs))

    def _table_end(self, tag: str) -> None:
        if self.untracked_tables:
            self.untracked_tables -= tag == "table"
            return
        if not self.tables:
            return
        if tag == "table":
            self.close_table()
        elif tag == "tr":
            self.tables[-1].close_row()
        elif tag in ("td", "th"):
            self.tables[-1].close_cell()

    def close_table(self) -> None:
        """Write out the innermost open table where it stood."""
        table = self.tables.pop()
        self._emit(table.text(), False, table.in_article)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if not self._state()[0]:
            self._table_end(tag)
        if tag in _VOID_TAGS:
            return
        height = len(self.stack)
        if height in self.untracked:  # the last counted element
            self.untracked[height] -= 1
            if not self.untracked[height]:
                del self.untracked[height]
        elif tag in self.depths:  # close it and all that is open inside it: each pops once
            depth = self.depths[tag][-1]
            while len(self.stack) > depth:
                self.untracked.pop(len(self.stack), None)  # counted inside what closes now
                opened = self.stack.pop()[0]
                depths = self.depths[opened]
                depths.pop()
                if not depths:
                    del self.depths[opened]
        if tag in _BLOCK_TAGS:
            self._emit("\n", *self._state())

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
            return
        self._emit(data, *self._state())

    def _emit(self, text, skipping, in_article):
        if skipping:
            return
        if self.tables:
            self.tables[-1].add(text)
            return
        self.all.append(text)
        if in_article:
            self.article.append(text)


def html_to_text(html: str) -> tuple[str, str]:
    """(title, article text) of an HTML page, preferring <article>/<main> when present."""
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    while parser.tables:  # a table the page never closed
        parser.close_table()
    chunks = parser.article if "".join(parser.article).strip() else parser.all
    text = "".join(chunks)
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r" *\n[ \n]*", lambda m: "\n\n" if m.group(0).count("\n") > 1 else "\n", text)
    return " ".join("".join(parser.title).split()), text.strip() + "\n"


def documents_from_strings(texts: Iterable[str], prefix: str = "text") -> Iterator[Document]:
    """Documents for in-memory texts (the Python API)."""
    for number, text in enumerate(texts, start=1):
        yield Document(doc_id=f"{prefix}-{number}", text=clean_text(text), source="<memory>")


__all__ = ["Document", "ReadFailure", "read_inputs", "html_to_text", "clean_text", "decode",
           "documents_from_strings", "io"]
