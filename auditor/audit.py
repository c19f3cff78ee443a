"""One article, end to end: Document -> spaCy Doc -> claims -> findings."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from auditor.model import Claim, Document, Finding, Quantity
from auditor.nlp import build_pipeline, pipeline_reference
from auditor.nlp.claims import head_spans, mention_rules, names_in_passing, names_topic
from auditor.nlp.sentences import sentence_bounds
from auditor.nlp.text import doc_text, reports_a_study, reports_news
from auditor.policy import worst_first
from auditor.reference import Reference, load_reference
from auditor.verify import ANY_MARKET_TODAY, Setting, compare, omissions


@dataclass(frozen=True, slots=True)
class DocumentAudit:
    document: Document
    words: int
    main_drug: str
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    unattributed: tuple[Quantity, ...] = ()  # numbers with nothing tying them to a topic
    # why the page was not checked for missing statements ("" when it was): shown to editors, so
    # that an empty "Missing statements" never reads as a page found complete
    omissions_unchecked: str = ""


def extract_claims(doc: Doc) -> list[Claim]:
    """The claims the pipeline assigned to `doc.spans["claims"]`, in text order."""
    return [span._.claim for span in doc.spans.get("claims", [])]


def count_words(doc: Doc) -> int:
    """Tokens that are neither space nor punctuation, counted on the Doc's arrays."""
    if not len(doc):
        return 0
    marks = doc.to_array([IS_SPACE, IS_PUNCT])
    return int(len(doc) - numpy.count_nonzero(marks.any(axis=1)))


def fallback_drug(document: Document, reference: Reference) -> tuple[str, str]:
    """The drug of a page whose text never names one: from its batch row's `drug` field, its
    title, then its URL, in that order; with the evidence for it."""
    for where, text in (("batch row's drug field", document.drug), ("title", document.title),
                        ("URL", document.url)):
        drug, name = reference.drug_named_in(text)
        if drug:
            return drug, f"drug: {name!r} in the {where}"
    return "", ""


def topic_sentences(doc: Doc, reference: Reference | None = None) -> Counter:
    """How many sentences name each topic, outside first-person anecdotes. A topic's words that
    only modify a longer name do not name it ("a pregnancy test" is a test, while "two forms of
    contraception" is contraception). With the reference, a weak alias ("treatment", a drug of
    a class) names its topic only in a claim, and the `mention` frames rule words out ("derived
    from vitamin A" describes a drug)."""
    topics = head_spans(doc.spans.get("topics", []))
    if reference is not None:
        text = doc_text(doc)  # kept by the tokenizer: doc.text would rebuild it token by token
        rules = mention_rules(reference)
        topics = [span for span in topics if names_topic(span, text, rules)]
    if any(scope[2] == "anecdotal" for scope in doc._.context_scopes):
        topics = [span for span in topics if span._.context != "anecdotal"]
    if not topics:
        return Counter()
    starts = [start for start, _ in sentence_bounds(doc)]
    return Counter(topic for topic, _ in {(span.label_, bisect_right(starts, span.start_char))
                                          for span in topics})


def audit_parsed(document: Document, doc: Doc, reference: Reference,
                 setting: Setting = ANY_MARKET_TODAY) -> DocumentAudit:
    text = doc_text(doc)
    claims = restated_in_brackets(quoted_again(first_of_repeats(extract_claims(doc)), text), text)
    main_drug = doc._.main_drug
    if document.date:  # a batch row's publication date: the rules in force then
        setting = Setting(setting.jurisdiction, document.date)
    elif not setting.as_of:  # today, read once for the page rather than once per claim
        setting = Setting(setting.jurisdiction, setting.day)
    findings = told_withdrawn([compare(document.doc_id, claim, reference, setting) for claim in claims])
    mentioned = topic_sentences(doc, reference)
    unchecked = omissions_unchecked(document, doc, main_drug)
    if not unchecked:
        findings += omissions(document.doc_id, main_drug, mentioned, claims, reference,
                              unread_after=len(doc.spans.get("unread_windows", [])))
    findings.sort(key=lambda f: (f.start_char is None, f.start_char or 0, f.claim_id))
    words = count_words(doc)
    unattributed = tuple(span._.quantity for span in doc.spans.get("unattributed", []))
    return DocumentAudit(document, words, main_drug, tuple(claims), tuple(findings), unattributed, unchecked)


def told_withdrawn(findings: list[Finding]) -> list[Finding]:
    """The findings with a rule no longer in force left unjudged where the page itself says, in
    another sentence, that the rule is gone ("the lockout is gone since 2026"): its other
    mentions of the rule tell of the old rule ("the retired 19-day wait felt harsh, ..."), not
    that it still applies."""
    ended = {(f.drug, f.topic) for f in findings if f.context in ("negated", "refuted") and f.kind != "omission"}
    if not ended:
        return findings
    return [replace(f, verdict="unverified", direction="", severity="info",
                    explanation=f"{f.explanation} The page says elsewhere that this rule has ended; "
                                f"not judged.")
            if f.direction == "outdated" and (f.drug, f.topic) in ended else f for f in findings]


def omissions_unchecked(document: Document, doc: Doc, drug: str) -> str:
    """Why the page owes no statement it left out, or "": an abstract, a news report, a page that
    mostly tells the writer's own story, or one that names its drug only in passing (a salon's
    list of contraindications) is not told what advice about the drug it left out."""
    text = doc_text(doc)
    if reports_a_study(text):
        return "it reads as a study's report"
    if reports_news(document.title, text):
        return "it reads as a news report of a rule change or a study"
    if tells_a_story(doc):
        return "it mostly tells the writer's own experience"
    if drug and names_in_passing(doc, drug):
        return f"it names {drug} only in passing"
    if stops_mid_sentence(text):
        return "its text stops mid-sentence: the statement may be in the part not read"
    return ""


# A text cut off mid-sentence or mid-word (a scraper's limit, a page's opening) ends in a line of
# prose with no closing mark, on a lower-case word: "... ask the nurse which of the". A
# footer, a signature, a table row, a review or a chat post that ends without a full stop is no
# such line: short, split by separators, quoted, or closed by a name.
_CUT_LINE_WORDS = 10  # a prose line at least this long
_SEPARATED = re.compile(r'[|·•"“”@#]')
_LOWER_WORD_END = re.compile(r"(?:^|\s)[a-z][a-z'’-]*,?$")


def stops_mid_sentence(text: str) -> bool:
    """Whether the text ends in the middle of a sentence of prose: what it would have said next
    is not there to read."""
    end = len(text.rstrip())
    last = text[text.rfind("\n", 0, end) + 1:end].strip()
    return len(last.split()) >= _CUT_LINE_WORDS and not _SEPARATED.search(last) \
        and bool(_LOWER_WORD_END.search(last))


STORY_SHARE = 0.5  # of a page's sentences in first-person scopes, from which it is a personal story


def tells_a_story(doc: Doc) -> bool:
    """Whether at least half of the page's sentences tell the writer's own experience (a diary, a
    forum post, "my Accutane journey"): the policy gives such pages no omissions, even when they
    retell a rule or two along the way."""
    stories = [(low, high) for low, high, category, *_ in doc._.context_scopes if category == "anecdotal"]
    if not stories:
        return False
    text = doc_text(doc)
    sentences = [(start, end) for start, end in sentence_bounds(doc) if text[start:end].strip()]
    told = sum(1 for start, end in sentences if any(low < end and start < high for low, high in stories))
    return told >= STORY_SHARE * len(sentences)


_REPEAT_CONTEXT = (40, 20)  # characters of the sentence before and after a claim that must match
_NOT_A_WORD = re.compile(r"[^\w]+")  # a quote's "> " and its punctuation are no words of its own


def first_of_repeats(claims: list[Claim]) -> list[Claim]:
    """The claims less those that repeat an earlier one word for word: a forum reply quoting
    the post it answers, a summary box repeating a line. The same words with the same
    neighbours (40 characters before, 20 after) state the same thing once."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for claim in claims:
        at = max(claim.sentence.find(claim.text), 0)
        before, after = _REPEAT_CONTEXT
        words = " ".join(_NOT_A_WORD.sub(" ", claim.sentence[max(0, at - before):at + len(claim.text) + after]
                                         ).lower().split())
        key = (claim.topic, words)
        if key in seen:
            continue
        seen.add(key)
        kept.append(claim)
    return kept


_RESTATED_WITHIN = 60  # characters from one figure to its restatement in brackets


def restated_in_brackets(claims: list[Claim], text: str) -> list[Claim]:
    """The claims less a figure that restates the one just before it in brackets, with the same
    topic and value: "a week (7 days)", "locked out for 19 days (the 19-day lockout)" state one
    thing once."""
    kept: list[Claim] = []
    for claim in claims:
        last = kept[-1] if kept else None
        if last is not None and claim.quantity is not None and last.quantity is not None \
                and claim.topic == last.topic and 0 <= claim.start - last.end <= _RESTATED_WITHIN \
                and (claim.quantity.low, claim.quantity.high, claim.quantity.unit) == (
                    last.quantity.low, last.quantity.high, last.quantity.unit) \
                and "(" in text[last.end:claim.start]:
            continue
        kept.append(claim)
    return kept


QUOTE_LOOKBACK = 20_000  # characters before a quoted line searched for the words it quotes
_QUOTED_WORDS = 4  # a quote this long or longer; shorter ones ("> yes") quote nothing to judge


def quoted_again(claims: list[Claim], text: str) -> list[Claim]:
    """The claims less those on a reply's quoted line ("> you can wax after two weeks") whose
    words the page already gave above it: a thread quoting the post it answers. The post above is
    the one judged; its quote is not a second claim. The search looks back at most QUOTE_LOOKBACK
    characters, so it stays linear in the page."""
    kept, seen, start, searched = [], {}, 0, 0
    for claim in claims:  # in text order: the text before each is searched for a line break once
        start = text.rfind("\n", searched, claim.start) + 1 or start
        searched = max(searched, claim.start)
        if start not in seen:
            seen[start] = _quotes_above(text, start)
        if not seen[start] or claim.start < seen[start]:
            kept.append(claim)
    return kept


def _quotes_above(text: str, start: int) -> int:
    """Where the quoted words of the line at `start` begin, when it is a quote (it opens with
    ">") of words the page gave above it; else 0."""
    end = text.find("\n", start)
    line = text[start:len(text) if end < 0 else end]
    if not line.lstrip().startswith(">"):
        return 0
    at = line.rfind(">") + 1
    quoted = line[at:].strip()
    if len(quoted.split()) < _QUOTED_WORDS:
        return 0
    return start + at if text.find(quoted, max(0, start - QUOTE_LOOKBACK), start) >= 0 else 0


def audit_documents(documents: Iterable[Document], pipeline: Language | None = None,
                    batch_size: int = 16, n_process: int = 1,
                    setting: Setting = ANY_MARKET_TODAY) -> Iterator[DocumentAudit]:
    """Audit documents in order, streaming them through `pipeline.pipe` (default: the bundled
    reference's pipeline); findings are checked against the reference the pipeline was built
    with, so the two can never differ."""
    pipeline = pipeline or default_pipeline()
    reference = pipeline_reference(pipeline)
    pairs = ((_with_page_drug(pipeline, document, reference), document) for document in documents)
    for doc, document in pipeline.pipe(pairs, as_tuples=True, batch_size=batch_size,
                                       n_process=n_process):
        yield audit_parsed(document, doc, reference, setting)


def _with_page_drug(pipeline: Language, document: Document, reference: Reference) -> Doc:
    """The document's text made into a Doc that knows the drug its title, URL or batch row
    names (`fallback_drug`), for the drug matcher to weigh against the body's own."""
    doc = pipeline.make_doc(document.text)
    doc._.page_drug, doc._.page_drug_evidence = fallback_drug(document, reference)
    return doc


@cache
def default_pipeline() -> Language:
    """The pipeline for the bundled reference, built on first use: the convenience behind
    `audit_text` without a pipeline. Anything that audits another reference builds its own."""
    return build_pipeline(load_reference())


def audit_text(text: str, pipeline: Language | None = None, doc_id: str = "text") -> list[Finding]:
    """Every finding for one article's text, worst first: the Python API's front door."""
    from auditor.documents import clean_text

    document = Document(doc_id=doc_id, text=clean_text(text), source="<memory>")
    audit = next(audit_documents([document], pipeline))
    return sorted(audit.findings, key=worst_first)
