"""Tables written out as lines a reader (and the claim finder) can take one at a time.

A comparison table's cell ("0.5–1 mg/kg per day") means something only with its row's and its
column's headings ("Typical dose", "Isotretinoin"). Run together, as an HTML page's cells are when
their tags are dropped ("Typical dose0.5–1 mg/kg per day50–150 mg per day"), or read along a
Markdown row of six columns, a number lands beside the wrong drug and the wrong topic. So each
cell becomes its own paragraph, led by its headings: "Typical dose, Isotretinoin: 0.5–1 mg/kg
per day". The headings row is kept once, as a line of its own, for the drugs it names; rows
of headings under it add their words to their columns', and an HTML heading that spans columns
(colspan) names each of them.

A row's heading leads each of its cells whole: it names the drug ("Topical retinoids (adapalene
0.1% gel, tretinoin 0.025% cream)"). A column's heading that holds a number ("Month 1") leads
them only by the words before its brackets, if they hold no number: the headings row already
states it once. A table whose cells hold paragraphs (a page laid out in a table) is no data
table: its cells are kept as they are, one after another. Both readers here are linear in their
input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LAYOUT_CELL = 300  # characters: a longer cell, or one with paragraphs, is page layout, not data
_DIGIT = re.compile(r"\d")


@dataclass(slots=True)
class Cell:
    text: str
    heading: bool = False  # an HTML <th>, or a Markdown table's first row


@dataclass(slots=True)
class Table:
    """A table being read: its rows of cells."""

    rows: list[list[Cell]] = field(default_factory=list)

    def lines(self) -> list[str]:
        return table_lines(self.rows)


def table_lines(rows: list[list[Cell]]) -> list[str]:
    """The table's cells as lines, each led by its row's and column's headings (see the module)."""
    rows = [row for row in rows if any(cell.text.strip() for cell in row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    if width < 2 or any("\n\n" in cell.text.strip() or len(cell.text) > LAYOUT_CELL
                        for row in rows for cell in row):
        return [cell.text.strip() for row in rows for cell in row if cell.text.strip()]
    # The first row names the columns when it is all headings, or when the table is wider than
    # two columns; a two-column table without headings is a list of names and values.
    headed = all(cell.heading for cell in rows[0]) or width > 2
    texts = [[" ".join(cell.text.split()) for cell in row] for row in rows]
    header, body = _header(rows, texts, width) if headed else ([], texts)
    lines = [" | ".join(cell for cell in header if cell)] if any(header) else []
    for row in body:
        stub, cells = row[0], row[1:]
        if not any(cells):
            if stub:
                lines.append(stub)
            continue
        for column, cell in enumerate(cells, start=1):
            if not cell:
                continue
            heading = _name(header[column]) if column < len(header) else ""
            lead = ", ".join(part for part in (stub, heading) if part)
            lines.append(f"{lead}: {cell}" if lead else cell)
    return lines


def _header(rows: list[list[Cell]], texts: list[list[str]], width: int) -> tuple[list[str], list[list[str]]]:
    """The column headings and the body rows. Rows of headings under the first (a heading
    spanning two columns over "Usual" and "Low dose") add their words to their columns'."""
    count = 1
    while count < len(rows) - 1 and any(cell.heading for cell in rows[count]) and all(
            cell.heading or not cell.text.strip() for cell in rows[count]):
        count += 1
    header = [" ".join(dict.fromkeys(row[column] for row in texts[:count]
                                     if column < len(row) and row[column]))
              for column in range(width)]
    return header, texts[count:]


def _name(heading: str) -> str:
    """A column's heading as it leads a cell: whole, unless it holds a number; then the words
    before its brackets ("Review (week 4)" leads as "Review"), or nothing ("Month 1")."""
    if not _DIGIT.search(heading):
        return heading
    name = heading.split("(", 1)[0].strip()
    return "" if _DIGIT.search(name) else name


_PIPE_ROW = re.compile(r"[ \t]*\|.*\|[ \t]*")
_PIPE_RULE = re.compile(r"[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?")
_PIPE = re.compile(r"(?<!\\)\|")


def pipe_tables(text: str) -> str:
    """The text with each Markdown pipe table (two or more lines that open and close with "|")
    written out as `table_lines` paragraphs. A row above a "|---|---|" rule is headings."""
    lines = text.split("\n")
    out: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if _PIPE_ROW.fullmatch(line):
            run.append(line)
            continue
        if len(run) >= 2:
            out.append("\n\n".join(_pipe_table(run).lines()) + ("\n" if line.strip() else ""))
        else:
            out.extend(run)
        run = []
        out.append(line)
    return "\n".join(out[:-1])


def _pipe_table(run: list[str]) -> Table:
    table = Table()
    for line in run:
        if _PIPE_RULE.fullmatch(line):
            if len(table.rows) == 1:
                table.rows[0] = [Cell(cell.text, heading=True) for cell in table.rows[0]]
            continue
        cells = _PIPE.split(line.strip()[1:-1])
        table.rows.append([Cell(cell.strip().replace("\\|", "|")) for cell in cells])
    return table
