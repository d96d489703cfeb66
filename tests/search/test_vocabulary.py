"""The word questions a search asks the engine in one go (which words the index holds, and
how many documents hold each) agree with asking word by word, on either engine."""

from haystack import connections

from archive.search.core import search
from archive.search.spelling import Vocabulary


def engine():
    return connections["default"].get_backend()


def test_many_words_at_once_are_answered_as_one_by_one(archive_index):
    words = ["belgrade", "~belgrad", "the", "nikitin", "nikitn", "zzzqx", "x" * 3000, ""]
    one_by_one = {w: engine().doc_frequency(w) for w in words if w}
    assert one_by_one["belgrade"] > 0 and one_by_one["nikitn"] == 0
    assert engine().indexed(words) == {w for w, f in one_by_one.items() if f > 0}
    frequencies = engine().doc_frequencies([w for w in words if w])
    assert frequencies == one_by_one


def test_the_vocabulary_knows_a_word_by_any_inflection_and_asks_once(archive_index):
    asked = []
    backend = engine()

    class Counting:
        def indexed(self, tokens):
            asked.append(set(tokens))
            return backend.indexed(tokens)

    vocabulary = Vocabulary(Counting())
    assert vocabulary.unknown(["belgrade", "fleeing", "nikitn", "doesn", "2022"]) == {"nikitn"}
    assert vocabulary.unknown(["nikitn", "belgrade"]) == {"nikitn"}
    # Words first, in one question; then only the stem of the one word not found (the
    # costly question on PostgreSQL); the second call was answered from memory.
    assert len(asked) == 2
    assert not any(t.startswith("~") for t in asked[0])
    assert asked[1] == {"~nikitn"}


def test_a_word_the_index_holds_only_in_another_inflection_is_known(archive_index):
    # The archive says "mobilisation", never "mobilising": known by the stem they share.
    assert engine().indexed(["mobilising"]) == set()
    assert Vocabulary(engine()).unknown(["mobilising", "mobilsing"]) == {"mobilsing"}


def test_a_misspelt_word_is_still_corrected(archive_index):
    page = search("Nikitn")
    assert page.corrected and page.suggestion == "Nikitin" and page.count > 0
