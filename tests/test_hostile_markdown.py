"""docs/<id>.md: nothing from an article or a reference cell becomes Markdown or HTML.

The page is rendered by a CommonMark renderer with GFM tables (markdown-it-py, as a CMS or a
ticket system would) and compared with the same page for harmless values: the same tags in the
same order, and every value shown as its own text.
"""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from auditor.audit import DocumentAudit
from auditor.model import Document, Finding
from auditor.report.markdown import render_markdown

RUN = {"tool_version": "0.1.0", "reference_version": "sha256:test",
       "started_at": "2026-01-01T00:00:00+00:00"}
RENDERER = MarkdownIt("commonmark").enable("table")
HOSTILE = [
    "`<img src=x onerror=alert(1)>`", "<script>alert(1)</script>", "a | b | c", "[click](javascript:alert(1))",
    "![x](http://x/y.png)", "**bold** _em_ ~~del~~ # heading", "line\nbreak\r\n| new | row |",
    "&lt;img src=x&gt; &amp; &#60;b&#62;", "\\`escaped\\`", "<http://x.example>", "x\u2028y\u2029z",
    "$x^2$", "``double``", "{{ jinja }}", "1. list", "- item", "> quote",
]
FIELDS = ("doc_id", "title", "source", "url", "claim_text", "sentence", "explanation",
          "reference_value", "topic", "drug")


class _Shape(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def shape(markdown: str) -> tuple[list[str], str]:
    parser = _Shape()
    parser.feed(RENDERER.render(markdown))
    return parser.tags, "".join(parser.text)


def page(values: dict[str, str]) -> str:
    text = "Up to 85% clear."
    made = []
    for verdict in ("discrepant", "omission", "consistent"):
        made.append(Finding(
            doc_id=values["doc_id"], claim_id="d:1", kind="numeric", drug=values["drug"],
            topic=values["topic"], claim_text=values["claim_text"], sentence=values["sentence"],
            start_char=0, end_char=5, value_low=85.0, value_high=85.0, unit="%", qualifier="up_to",
            context="asserted", reference_id="r", reference_value=values["reference_value"],
            citation="c", verdict=verdict, direction="overstates" if verdict == "discrepant" else "",
            severity="major" if verdict != "consistent" else "", explanation=values["explanation"]))
    document = Document(doc_id=values["doc_id"], text=text, source=values["source"],
                        title=values["title"], url=values["url"])
    return render_markdown(DocumentAudit(document, 3, values["drug"], (), tuple(made)), RUN, {})


def one_line(value: str) -> str:
    return " ".join(value.split())


def check(values: dict[str, str]) -> str:
    harmless = {name: f"v{i}" for i, name in enumerate(FIELDS)}
    markdown = page(values)
    tags, text = shape(markdown)
    assert tags == shape(page(harmless))[0], markdown  # the template's tags, and no others
    for name, value in values.items():
        if name == "topic":
            continue  # shown by its label: "a_b" reads "a b"
        assert one_line(value) in text, (name, value, text)
    return markdown


def test_hostile_values_in_every_field_stay_text():
    for value in HOSTILE:
        check({name: value for name in FIELDS})


def test_an_id_cannot_close_a_code_span_and_open_html():
    markdown = check({**{name: f"v{i}" for i, name in enumerate(FIELDS)},
                      "doc_id": "x` <img src=x onerror=alert(1)> `"})
    assert "<img" not in RENDERER.render(markdown)


def test_ids_titles_and_sources_are_bidi_isolated():
    values = {name: f"v{i}" for i, name in enumerate(FIELDS)}
    markdown = page({**values, "doc_id": "\u202eexe.txt", "title": "عنوان المقال",
                     "source": "feed\u202e.jsonl"})
    assert "\u2068عنوان المقال\u2069" in markdown
    # the override inside an id is shown, not obeyed: an editor sees what is there
    assert "\u202e" not in markdown
    assert "\u2068⟨U+202E⟩exe.txt\u2069" in markdown
    assert "\u2068feed⟨U+202E⟩.jsonl\u2069" in markdown


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries({name: _TEXT for name in FIELDS}))
def test_any_text_in_any_field_stays_text(values):
    values = {name: value if value.strip() else f"v{i}" for i, (name, value) in
              enumerate(values.items())}
    shown = {name: value.translate(_VISIBLE) for name, value in values.items()}
    tags, text = shape(page(values))
    assert tags == shape(page({name: f"v{i}" for i, name in enumerate(FIELDS)}))[0]
    for name, value in shown.items():
        if name != "topic":
            assert one_line(value).replace("\x00", "\ufffd") in text.replace("\x00", "\ufffd")


_VISIBLE = {c: f"⟨U+{c:04X}⟩" for c in range(0x110000)
            if __import__("unicodedata").category(chr(c)) == "Cf"}
