"""The text a Doc was made from, kept on the Doc so components need not rebuild it.

spaCy's `Doc.text` joins every token's text on each access, creating a Python object per
token: on a 3,000-character article that costs about as much as tokenizing it. The auditor's
pipeline keeps the string it tokenized in `doc.user_data` instead (see `KeepText`), and
`doc_text(doc)` returns it, falling back to `doc.text` (once) for a Doc made another way.
Also here: `ABSTRACT_LABEL`, the section labels of a study's abstract, read from that text,
and the two pieces every phrase pattern is written with: `WORD`, a word's characters, and
`phrase_words`, a phrase's words in order.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

TEXT_KEY = "auditor_text"

# A study abstract's section labels ("Results:", "Conclusions:") opening a line: group 1 is the label.
ABSTRACT_LABEL = re.compile(
    r"^[ \t]*(background|objectives?|aims?|methods|materials and methods|results|conclusions?|design|"
    r"participants|interventions|main outcome measures?)[ \t]*:", re.IGNORECASE | re.MULTILINE)

# A word's characters: letters and digits, a hyphen, and an apostrophe of either kind (publishing
# tools turn "don't" into "don’t").
WORD = r"[\w'\u2019-]"


def phrase_words(phrase: str) -> str:
    """A regular expression for a phrase's words in order, any space between them, either
    apostrophe where it has one ("don't" matches "don’t")."""
    return r"\s+".join(re.escape(word) for word in phrase.split()).replace("'", "['\u2019]")


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


class KeepText:
    """Wraps a tokenizer: the Doc it makes remembers its text. Everything else is delegated."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        if name == "tokenizer":  # not set yet (unpickling): no endless lookup
            raise AttributeError(name)
        return getattr(self.tokenizer, name)
