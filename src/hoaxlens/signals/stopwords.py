"""Words too common to stand alone as evidence: function words and the most frequent fillers.

Used by the learned n-gram signals to pick evidence (an n-gram made only of these words is
never shown, nor is a single word among them; scores are not affected) and by
``output.explain`` to drop a span of only these words from what a reviewer is shown: one list
for both, NLTK's English list (contraction stems included) plus frequent fillers.
"""

from __future__ import annotations

_WORDS = """
    a about above after again against ago all almost along already also although always am
    among an and another any anyone anything are around as at away back be became because
    become been before began being below between both but by came can cannot could did do
    does doing done down during each either else enough even ever every everyone everything
    few for from get gets getting go goes going gone got had has have having he her here
    hers herself him himself his how however i if in inside instead into is it its itself
    just last least less let like made make many may me might more most much must my
    myself near never new next no nobody none nor not nothing now of off often on once one
    only onto or other others our ours ourselves out over own per perhaps quite rather
    really room same say said says see seen she should since so some someone something
    still such than that the their theirs them themselves then there these they thing
    things this those though through thus till time to too toward towards under until up
    upon us very was way we well were what whatever when where whether which while who
    whom whose why will with within without would yet you your yours yourself yourselves
    i'm it's he's she's that's there's don't didn't can't won't wasn't isn't i'd i've
    you're we're they're
    ain aren aren't couldn couldn't d didn doesn doesn't don further hadn hadn't hasn hasn't
    haven haven't he'd he'll i'll isn it'd it'll ll m ma mightn mightn't mustn mustn't needn
    needn't o re s shan shan't she'd she'll should've shouldn shouldn't t that'll they'd
    they'll they've ve wasn we'd we'll we've weren weren't won wouldn wouldn't y you'd
    you'll you've
"""
STOPWORDS = frozenset(_WORDS.split())


def is_content_word(word: str) -> bool:
    """True for a word that can stand as evidence on its own.

    >>> is_content_word("tears"), is_content_word("his"), is_content_word("2025")
    (True, False, False)
    """
    return word not in STOPWORDS and not word.isdigit() and len(word) > 1
