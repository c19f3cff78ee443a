"""The position index over a page's context scopes answers as a full scan of them does."""

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.nlp.context import LONG_SCOPE, PRIORITY, Scopes, context_with_trigger

_CATEGORIES = st.sampled_from(PRIORITY)


@st.composite
def _scope(draw):
    low = draw(st.integers(0, 20_000))
    length = draw(st.one_of(st.integers(0, 300), st.integers(LONG_SCOPE - 5, 3 * LONG_SCOPE)))
    trigger = draw(st.integers(max(0, low - 50), low + length + 50))
    return [low, low + length, draw(_CATEGORIES), trigger, trigger + draw(st.integers(1, 20))]


@settings(max_examples=200, deadline=None)
@given(st.lists(_scope(), max_size=60), st.integers(0, 25_000), st.integers(0, 400))
def test_the_index_reads_the_scopes_a_scan_reads(scopes, start, length):
    indexed = Scopes([list(s) for s in scopes])
    assert context_with_trigger(indexed, start, start + length) == context_with_trigger(scopes, start, start + length)


def test_the_index_follows_scopes_added_after_it_was_built():
    scopes = Scopes([[0, 10, "hedged", 0, 3]])
    assert context_with_trigger(scopes, 5, 6)[0] == "hedged"
    scopes.append([4, 8, "refuted", 4, 6])
    assert context_with_trigger(scopes, 5, 6)[0] == "refuted"
