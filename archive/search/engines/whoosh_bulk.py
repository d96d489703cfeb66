"""Scoring a Whoosh query over one index segment in bulk: {segment docnum: score}.

Whoosh scores a query one document at a time through a tree of matcher objects: a word
in its forms (text and title, the word and its stem) costs several Python calls per
posting per level of the tree, most of a search's time at 10,000 articles. Here a term's
postings are read a block at a time and scored with BM25F over the block's arrays, and
the query's AND, OR and NOT become dict and set operations.

The scores are Whoosh's own: the same BM25F expression on the same statistics, the same
sums for OR and AND (tested against Whoosh's matchers, hit for hit). Query kinds with no
bulk form here (phrases, prefixes, at-least-n) are scored by Whoosh's own matcher, one
document at a time. The block and column layouts read here are those of Whoosh 2.7.4,
the version pyproject.toml pins; any other matcher or scorer takes Whoosh's own path.
"""

import time
from collections import Counter

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.columns import NumericColumn
from whoosh.matching import NullMatcherClass
from whoosh.matching.wrappers import FilterMatcher, WrappingMatcher
from whoosh.query import And, AndMaybe, AndNot, ConstantScoreQuery, Every, Or, Phrase, Term
from whoosh.query.qcore import _NullQuery
from whoosh.scoring import BM25FScorer
from whoosh.util.numeric import byte_to_length

BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]
# How many documents a loop handles between looks at the clock.
CHECK_EVERY = 256
# Every live document is listed this many document numbers at a time.
EVERY_BLOCK = 65536


class AtLeast(Or):
    """Documents matching at least `minmatch` of the subqueries, scored as their Or.

    Whoosh 2.7.4 accepts `minmatch` and ignores it (its Or docstring: "not yet
    implemented"); the bulk scorer counts it. Its children stay whole: Whoosh flattens an
    Or of Ors (isinstance(child, self.__class__)), which would count a word's variants
    (the word, its stem, in text and title) instead of words."""


class SegmentScorer:
    """Scores queries over one segment (an atomic sub-searcher of the index).

    Past the deadline (time.monotonic()), every posting list is read only up to the
    document the first one had reached (`bound`), so the answer is exact for the
    documents up to it and leaves the rest out: `scores()` gives what was found in time.
    """

    def __init__(self, searcher, context, deadline=None):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.context = context
        self.deadline = deadline
        self.bound = None  # the last document covered, once the deadline has passed
        # Deleted documents keep their postings until a merge: every list read drops them.
        reader = self.reader
        self.deleted = frozenset(reader._perdoc.deleted_docs() if reader.has_deletions() else ())
        self._lengths = {}

    def past_deadline(self, at_docnum):
        if self.bound is None and self.deadline is not None and time.monotonic() > self.deadline:
            self.bound = at_docnum
        return self.bound is not None

    def covered(self, found):
        """`found`, cut to the documents every posting list was read for."""
        if self.bound is None:
            return found
        return {d: s for d, s in found.items() if d <= self.bound}

    # -- the query tree ---------------------------------------------------------
    def scores(self, query, within=None):
        """{docnum: score} of every live document matching `query`; given `within`, the
        caller needs only those documents, and a phrase is looked for only there."""
        kind = type(query)
        if kind is Term:
            return self.term_scores(query)
        if kind in (Or, And, AtLeast) and len(query.subqueries) == 1:
            return self.scores(query.subqueries[0], within)  # Whoosh ignores the boost here
        if kind is Or:
            parts = [self.scores(q, within) for q in query.subqueries]
            return self.boosted(summed(parts), query)
        if kind is AtLeast:
            parts = [self.scores(q, within) for q in query.subqueries]
            return self.boosted(at_least(parts, query.minmatch), query)
        if kind is And:
            return self.boosted(intersected([self.scores(q) for q in query.subqueries]), query)
        if kind is AndMaybe:
            required = self.scores(query.a, within)
            optional = self.scores(query.b, required.keys()) if required else {}
            return {d: s + optional[d] if d in optional else s for d, s in required.items()}
        if kind is AndNot:
            included = self.scores(query.a)
            excluded = self.ids(query.b) if included else set()
            return {d: s for d, s in included.items() if d not in excluded}
        if kind is ConstantScoreQuery:
            return dict.fromkeys(self.ids(query.child), query.score)
        if kind is Phrase and query.slop == 1 and len(query.words) > 1:
            return self.phrase_scores(query, within)
        if kind is Every and query.fieldname is None:  # only filters: every live document
            return self.every(query.boost)
        if isinstance(query, _NullQuery):
            return {}
        return self.matched(query.matcher(self.searcher, self.context))

    def every(self, score):
        """Every live document of the segment, a block of numbers at a time."""
        count = self.reader.doc_count_all()
        found = {}
        for start in range(0, count, EVERY_BLOCK):
            end = min(start + EVERY_BLOCK, count)
            found.update(dict.fromkeys(range(start, end), score))
            if self.past_deadline(end - 1) and end - 1 >= self.bound:
                break
        for d in self.deleted:
            found.pop(d, None)
        return found

    def ids(self, query):
        """The live documents matching `query`, unscored."""
        if type(query) is Term:
            return set(self.term_scores(query, scored=False))
        if type(query) is Or:
            found = set()
            for q in query.subqueries:
                found |= self.ids(q)
            return found
        return set(self.scores(query))

    @staticmethod
    def boosted(scores, query):
        boost = query.boost
        if boost == 1.0:
            return scores
        return {d: s * boost for d, s in scores.items()}

    # -- terms --------------------------------------------------------------------
    def leaf(self, query, scored=True):
        """(posting list, boost) of a Term query (no posting list for a term the segment
        lacks), or None when its postings cannot be read in bulk here (Whoosh's own matcher
        scores them)."""
        matcher = query.matcher(self.searcher, self.context)
        boost, leaf = 1.0, matcher
        # Past Whoosh's filter of the deleted documents (self.deleted drops them) and a
        # boosted term's wrapper (Term.matcher).
        while (type(leaf) is FilterMatcher and leaf._exclude) or type(leaf) is WrappingMatcher:
            if type(leaf) is WrappingMatcher:
                boost *= leaf.boost
            leaf = leaf.child
        if isinstance(leaf, NullMatcherClass):
            return None, boost
        if type(leaf) is not W3LeafMatcher or (scored and type(leaf.scorer) is not BM25FScorer):
            return None
        return leaf, boost

    def term_scores(self, query, scored=True):
        """A term's postings, a block at a time."""
        found = self.leaf(query, scored)
        if found is None:
            return self.matched(query.matcher(self.searcher, self.context))
        leaf, boost = found
        if leaf is None:
            return {}
        score = self.bm25(leaf.scorer, query.fieldname) if scored else None
        found = {}
        for ids, weights in self.blocks(leaf):
            if scored:
                for d, w in zip(ids, weights, strict=True):
                    found[d] = score(d, w) if boost == 1.0 else score(d, w) * boost
            else:
                found.update(dict.fromkeys(ids, 0.0))
        if self.deleted:
            found = {d: s for d, s in found.items() if d not in self.deleted}
        return found

    def bm25(self, scorer, fieldname):
        """score(docnum, weight): Whoosh's bm25() for one term, term for term."""
        k1p1, idf = scorer.K1 + 1, scorer.idf
        norms = [scorer.K1 * ((1 - scorer.B) + scorer.B * fl / scorer.avgfl) for fl in BYTE_LENGTHS]
        lengths = self.field_lengths(fieldname)

        def score(docnum, weight):
            return idf * ((weight * k1p1) / (weight + norms[lengths[docnum]]))

        return score

    def blocks(self, leaf, wanted=None):
        """(ids, weights) of each block of a Whoosh 2.7 posting list, up to the bound;
        given `wanted` (sorted docnums), only the blocks that may hold one of them."""
        at = floor = 0  # the first wanted document not yet passed; the block's lowest id
        while leaf.is_active():
            if wanted is not None:
                while at < len(wanted) and wanted[at] < floor:
                    at += 1
                if at == len(wanted):
                    return
                if wanted[at] > leaf._maxid:  # the block holds none of them: not read
                    floor = leaf._maxid + 1
                    leaf._next_block()
                    continue
            leaf._read_ids()
            ids = leaf._ids
            if self.bound is not None and ids[0] > self.bound:
                return
            leaf._read_weights()
            yield ids, leaf._weights
            self.past_deadline(ids[-1])
            floor = leaf._maxid + 1
            leaf._next_block()

    # -- phrases -----------------------------------------------------------------------
    def phrase_scores(self, query, within=None):
        """The documents holding the words side by side, scored as Whoosh's SpanNear2
        over them (the sum of the words' scores, times the phrase's boost): the rarest
        word's documents first (or those `within`, when only they matter), then only the
        blocks of the others that may hold one."""
        field = query.fieldname
        reader = self.reader
        if field not in self.searcher.schema:
            return {}
        words = []
        for word in query.words:
            try:
                word = self.searcher.schema[field].to_bytes(word)
            except ValueError:
                return {}
            if (field, word) not in reader:
                return {}
            words.append(word)
        leaves = {}
        for word in set(words):
            found = self.leaf(Term(field, word))
            if found is None or type(found[0]) is not W3LeafMatcher:
                return self.matched(query.matcher(self.searcher, self.context))
            leaves[word] = found
        # Each word in turn, rarest first: the documents holding it among those holding
        # the words before, with its score and (still encoded) positions there.
        order = sorted(leaves, key=lambda w: reader.doc_frequency(field, w))
        candidates, scores, encoded = within, {}, {}
        for word in order:
            leaf, _ = leaves[word]
            score = self.bm25(leaf.scorer, field)
            wanted = None if candidates is None else sorted(candidates)
            word_scores, word_values = scores[word], encoded[word] = {}, {}
            for ids, weights in self.blocks(leaf, wanted):
                values = None
                for i, d in enumerate(ids):
                    if (candidates is None or d in candidates) and d not in self.deleted:
                        if values is None:
                            leaf._read_values()
                            values = leaf._values
                        word_scores[d] = score(d, weights[i])
                        word_values[d] = values[i]
            candidates = (
                word_scores.keys() if candidates is None else candidates & word_scores.keys()
            )
            if not candidates:
                return {}
        decode = next(iter(leaves.values()))[0].format.decoder("positions")
        # Where the phrase would start, by each word's positions (rarest first): a
        # document's other words are decoded only while a start remains.
        offsets = [(word, [i for i, w in enumerate(words) if w == word]) for word in order]
        found = {}
        for n, d in enumerate(sorted(candidates)):
            if n % CHECK_EVERY == 0 and self.past_deadline(d) and d > self.bound:
                break  # the documents after it are cut by covered()
            starts = None
            for word, at in offsets:
                held = decode(encoded[word][d])
                for i in at:
                    here = {p - i for p in held}
                    starts = here if starts is None else starts & here
                if not starts:
                    break
            else:
                total = 0.0
                for word in words:
                    total += scores[word][d]
                found[d] = total * query.boost if query.boost != 1.0 else total
        return found

    def field_lengths(self, fieldname):
        """Every document's length byte for a field, read once per segment and field."""
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            count = self.reader.doc_count_all()
            column = self.reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if type(column) is NumericColumn.Reader and column._typecode == "B":
                raw = column._dbfile.get(column._basepos, column._count)
                lengths = bytes(raw) + bytes(max(0, count - len(raw)))
            else:
                lengths = bytes(column[d] if column is not None else 0 for d in range(count))
            self._lengths[fieldname] = lengths
        return lengths

    # -- Whoosh's own path -----------------------------------------------------------
    def matched(self, matcher):
        """Every document a Whoosh matcher yields, with its score."""
        found = {}
        steps = 0
        while matcher.is_active():
            docnum = matcher.id()
            if steps % CHECK_EVERY == 0 and self.past_deadline(docnum) and docnum > self.bound:
                break
            found[docnum] = matcher.score()
            matcher.next()
            steps += 1
        return found


def summed(parts):
    """OR: every document in any part, its scores added."""
    parts = sorted((p for p in parts if p), key=len, reverse=True)
    if not parts:
        return {}
    total = dict(parts[0])
    for part in parts[1:]:
        for d, s in part.items():
            total[d] = total[d] + s if d in total else s
    return total


def at_least(parts, minimum):
    """Documents in at least `minimum` parts, their scores added."""
    hits = Counter(d for part in parts for d in part)
    return {d: sum(part[d] for part in parts if d in part) for d, n in hits.items() if n >= minimum}


def intersected(parts):
    """AND: the documents in every part, their scores added."""
    if not parts or not all(parts):
        return {}
    smallest = min(parts, key=len)
    common = set(smallest)
    for part in parts:
        if part is not smallest:
            common.intersection_update(part)
    return {d: sum(part[d] for part in parts) for d in common}
