"""The PostgreSQL engine: analysis as Whoosh's, safe query building, limits, bounded work,
and writes that neither lose updates nor show half-built indexes."""

import threading

import pytest
from django.db import IntegrityError, OperationalError, connection
from haystack import connections

from archive.search import nodes as n
from archive.search.analysis import archive_analyzer, tag_language
from archive.search.engines import postgres
from archive.search.engines.base import SearchRequest
from archive.search.query import QueryError

pytestmark = [pytest.mark.engine("postgres"), pytest.mark.django_db]


def backend():
    return connections["default"].get_backend()


def run(node, **kwargs):
    return backend().run(
        SearchRequest(node=node, page_size=kwargs.pop("page_size", 1000), **kwargs)
    )


def found(node, **kwargs):
    return {(h.model, h.pk) for h in run(node, **kwargs).hits}


def write(*docs):
    """Index hand-made documents (as haystack's full_prepare gives them)."""
    rows, words = [], set()
    for number, (text, extra) in enumerate(docs, 1):
        doc = {
            "id": f"people.person.{number}",
            "django_ct": "people.person",
            "django_id": str(number),
            "text": text,
            "title": extra.get("title", ""),
            "type": "person",
            **extra,
        }
        row, doc_words = backend().row(doc)
        rows.append(row)
        words |= doc_words
    backend().write_rows(rows, words)


def pks(node, **kwargs):
    return sorted(pk for _, pk in found(node, **kwargs))


# -- analysis ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Russians’ Вучић fled; đak Đoković, the fleeing Ukrainian’s café",
        tag_language("sr", "Nikitina je u Beogradu rekla: „Petar Nikitin“"),
        tag_language("ru", "Никитину сказали в Белграде"),
    ],
)
def test_the_vector_holds_exactly_the_tokens_and_positions_of_whooshs_analyser(text):
    vector, words = postgres.document_vector("", text)
    expected = {(t.text, t.pos + 2) for t in archive_analyzer()(text, mode="index", positions=True)}
    with connection.cursor() as cursor:
        cursor.execute("SELECT lexeme, unnest(positions) FROM unnest(%s::tsvector)", [vector])
        assert set(cursor.fetchall()) == expected
    assert not any(w.startswith("~") for w in words)


def vector_positions(vector):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme, positions, weights FROM unnest(%s::tsvector) ORDER BY lexeme",
            [vector],
        )
        return {lexeme: (list(at), set(weights)) for lexeme, at, weights in cursor.fetchall()}


def test_title_words_come_first_with_weight_a_and_shared_stems_keep_every_position():
    # "fleeing" and "flees" share the stem ~flee; the title's "Fleeing" is in it too.
    spots = vector_positions(postgres.document_vector("Fleeing home", "flees, then fleeing")[0])
    assert spots["fleeing"] == ([1, 6], {"A", "D"})
    assert spots["~flee"] == ([1, 4, 6], {"A", "D"})
    assert spots["flees"] == ([4], {"D"})
    assert spots["home"] == ([2], {"A"})


def test_a_word_said_more_than_256_times_keeps_its_first_256_positions():
    text = " ".join(["flees fleeing"] * 300)
    spots = vector_positions(postgres.document_vector("", text)[0])
    assert spots["flees"][0] == list(range(2, 514, 2))
    assert spots["~flee"][0] == list(range(2, 258))  # both words' positions, merged


def test_the_english_sample_keeps_its_folded_words():
    text = "Russians’ Вучић fled; đak Đoković, the fleeing Ukrainian’s café"
    vector, words = postgres.document_vector("", text)
    assert {"vucic", "djak", "djokovic", "cafe", "fleeing"} <= words
    assert not any(w.startswith("~") for w in words)


def test_cyrillic_latin_diacritics_and_dj_find_each_other():
    write(("Вучић met Đoković in Beograd", {}), ("Vucic and Djokovic", {}))
    assert pks(n.Word("vucic")) == [1, 2]
    assert pks(n.Phrase(("vucic", "met", "djokovic"))) == [1]


def test_a_word_matches_its_inflections_but_a_phrase_matches_word_for_word():
    write(("they were fleeing the war", {}), ("people flee wars", {}), ("a fleet", {}))
    assert pks(n.Word("fleeing")) == [1, 2]
    assert pks(n.Word("flee")) == [1, 2]
    assert pks(n.Phrase(("fleeing", "the", "war"))) == [1]  # stop words kept, in order
    assert pks(n.Phrase(("fleeing", "war"))) == []  # adjacent only
    assert pks(n.Phrase(("flee", "the", "war"))) == []  # no stems in phrases


def test_a_prefix_matches_words_never_stems():
    write(("airlines fly", {}), ("an airport", {}))
    assert pks(n.Prefix("airl")) == [1]
    assert pks(n.Prefix("airlin")) == [1]
    assert pks(n.Prefix("~airl")) == []  # a typed "~" is not a way into the stems


def test_a_phrase_never_runs_from_the_title_into_the_text():
    write(("Belgrade cafes", {"title": "Russians in"}))
    assert pks(n.Phrase(("in", "belgrade"))) == []
    assert pks(n.Phrase(("russians", "in"))) == [1]


def test_the_title_ranks_above_the_text():
    write(
        ("a note on Belgrade", {"title": "Somewhere"}),
        ("a note on somewhere", {"title": "Belgrade"}),
    )
    assert [h.pk for h in run(n.Word("belgrade")).hits] == [2, 1]


def test_a_long_document_indexes_and_phrases_match_within_the_position_limit():
    filler = " ".join(f"w{i}" for i in range(20000))
    write((f"opening words {filler} closing remark", {}))
    assert pks(n.Phrase(("opening", "words"))) == [1]
    assert pks(n.Phrase(("w16000", "w16001"))) == [1]
    # Past position 16,381: still found as words, not as phrases.
    assert pks(n.Word("closing")) == [1]
    assert pks(n.Phrase(("closing", "remark"))) == []


def test_a_word_too_long_for_postgresql_is_left_out_and_never_fails_a_search():
    giant = "a" * 3000
    write((f"short {giant} words", {}))
    assert pks(n.Word("short")) == [1]
    assert run(n.Word(giant)).count == 0
    assert run(n.All((n.Word("short"), n.Phrase((giant, "words"))))).count == 0


@pytest.mark.parametrize(
    "token",
    [
        "it's",
        "a'b",
        "x\\",
        "'; DROP TABLE archive_search_document; --",
        "a & b | !c <-> d:*",
        "(",
        "~",
    ],
)
def test_query_text_is_quoted_as_lexemes_never_as_sql_or_operators(token):
    write(("plain text", {}))
    for node in (
        n.Word(token),
        n.Phrase((token, "text")),
        n.Prefix(token),
        n.Entity("people", token),
        n.Loose((token, "plain"), 1),
    ):
        run(node)
    run(n.Everything(), required=(("type", token),), excluded=(("people", token),))
    assert pks(n.Word("plain")) == [1]


def test_filters_and_facets_count_every_match_that_passed_them():
    write(
        ("Belgrade cafe", {"people": ["ana"], "year": "2023", "outlet": "meduza"}),
        ("Belgrade bar", {"people": ["ana", "ivan"], "year": "2024"}),
        ("Belgrade club", {"places": ["novi-sad"], "year": "2024"}),
    )
    result = run(n.Word("belgrade"), required=(("year", "2024"),), page_size=1)
    assert result.count == 2 and len(result.hits) == 1
    assert result.facets["people"] == {"ana": 1, "ivan": 1}
    assert result.facets["places"] == {"novi-sad": 1}
    assert result.facets["year"] == {"2024": 2}
    assert result.facets["outlet"] == {}
    result = run(n.Word("belgrade"), excluded=(("people", "ana"),))
    assert result.count == 1 and result.facets["places"] == {"novi-sad": 1}


def test_people_places_and_organizations_are_counted_in_the_best_matches_when_they_are_many(
    monkeypatch,
):
    monkeypatch.setattr(postgres, "FACET_MATCHES", 2)
    write(
        ("Belgrade Belgrade Belgrade", {"title": "Belgrade", "people": ["ana"], "year": "2023"}),
        ("Belgrade Belgrade", {"people": ["ana", "ivan"], "year": "2024"}),
        ("Belgrade once, in a longer text about other things", {"people": ["oleg"]}),
    )
    result = run(n.Word("belgrade"))
    assert result.count == 3 and result.facets_counted == 2
    assert result.facets["people"] == {"ana": 2, "ivan": 1}  # oleg's is the weakest match
    assert result.facets["year"] == {"2024": 1, "2023": 1}  # type, outlet, year: every match
    assert result.facets["type"] == {"person": 3}
    # Within the limit, every match is counted, and the result says so.
    assert run(n.Word("belgrade"), required=(("year", "2024"),)).facets_counted is None


def test_a_long_texts_lead_holds_its_title_and_first_words_only(monkeypatch):
    monkeypatch.setattr(postgres, "LEAD_WORDS", 3)
    assert postgres.lead_vector("Title", "one two three") is None  # short: the vector will do
    lead = vector_positions(postgres.lead_vector("Title", "one two three four five"))
    assert set(lead) >= {"title", "one", "two", "three"}
    assert "four" not in lead and "five" not in lead
    serbian = vector_positions(postgres.lead_vector("", tag_language("sr", "u Beogradu je bilo")))
    assert any(lexeme.startswith("~sr~") for lexeme in serbian)  # its language's stems kept


def test_among_many_matches_a_long_text_naming_it_first_is_shown_before_one_naming_it_late(
    monkeypatch,
):
    monkeypatch.setattr(postgres, "LEAD_WORDS", 5)
    monkeypatch.setattr(postgres, "RERANKED", 2)
    filler = " ".join(["other words of the story"] * 20)
    write(
        (f"Belgrade opens the story. {filler}", {}),
        (f"{filler} Belgrade Belgrade Belgrade Belgrade", {}),
        (f"{filler} Belgrade Belgrade Belgrade Belgrade", {}),
    )
    belgrade = n.Word("belgrade")
    paged = [h.pk for page in (1, 2, 3) for h in run(belgrade, page=page, page_size=1).hits]
    assert 1 in paged[:2]  # among the best, though the late ones say it more often
    assert sorted(paged) == [1, 2, 3]  # across the boundary no page repeats or skips
    assert run(belgrade, page_size=1).count == 3


def test_a_word_printed_only_in_a_title_is_known():
    write(("a report on the hearing", {"title": "Zorkin"}), ("Zorin spoke", {}))
    assert backend().indexed(["zorkin", "zorin", "zorkn", "~zorkin"]) == {"zorkin", "zorin"}
    with connection.cursor() as cursor:  # the GIN-only setting does not outlive the question
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


def test_the_page_and_the_api_say_when_entities_were_counted_in_part(
    archive_index, client, monkeypatch
):
    monkeypatch.setattr(postgres, "FACET_MATCHES", 3)
    data = client.get("/api/search", {"q": "Belgrade"}).json()
    assert data["count"] > 3 and data["facets_counted"] == 3
    assert sum(data["facets"]["type"].values()) == data["count"]  # types: every match
    page = client.get("/search/", {"q": "Belgrade"}).content.decode()
    assert f"counted in the 3 best of the {data['count']} results" in page
    monkeypatch.setattr(postgres, "FACET_MATCHES", 100_000)
    assert client.get("/api/search", {"q": "Belgrade"}).json()["facets_counted"] is None
    assert "best of the" not in client.get("/search/", {"q": "Belgrade"}).content.decode()


def test_many_matches_are_ranked_first_cheaply_and_the_best_of_them_exactly(monkeypatch):
    write(
        ("serbs and russians, far apart: nobody said it", {}),
        ("nobody loves russians the way serbs do", {}),
        ("russians russians russians serbs serbs serbs in a text", {}),
        ("serbs", {}),
    )
    words = n.All((n.Word("russians"), n.Word("serbs")))
    exact = [h.pk for h in run(words).hits]  # three matches, all ranked exactly
    monkeypatch.setattr(postgres, "RERANKED", 1)
    # Only the best few by the cheap score are ranked exactly: the first page is the same;
    # paging on reaches every match once; the count is of all of them.
    assert [h.pk for h in run(words, page_size=1).hits] == exact[:1]
    paged = [h.pk for page in (1, 2, 3) for h in run(words, page=page, page_size=1).hits]
    assert sorted(paged) == [1, 2, 3]
    assert run(words, page_size=1).count == 3
    # A phrase is found and ranked like any word query (its cheap score ORs its words).
    assert [h.pk for h in run(n.Phrase(("loves", "russians", "the", "way"))).hits] == [2]


def test_words_and_either_a_word_or_an_entity_find_the_same_as_written():
    write(
        ("russian emigres in belgrade", {}),
        ("russian emigres", {"places": ["belgrade"]}),
        ("belgrade", {"places": ["belgrade"]}),
        ("russian emigres elsewhere", {}),
        ("russian emigres, novi sad", {"places": ["novi-sad"], "people": ["ana"]}),
    )
    belgrade = n.Any((n.Word("belgrade"), n.Entity("places", "belgrade")))
    novi_sad = n.Any((n.Word("novi"), n.Entity("places", "novi-sad")))
    query = n.All((n.Word("russian"), n.Word("emigres"), belgrade))
    assert pks(query) == [1, 2]
    assert pks(n.All((n.Word("russian"), n.Any((belgrade, novi_sad))))) == [1, 2, 5]
    assert pks(n.All((n.Word("emigres"), novi_sad, n.Entity("people", "ana")))) == [5]
    # Each alternative is a clause of its own, its words in one tsquery (an index lookup).
    clauses = postgres.compile_node(query).where.split(" OR ")
    assert len(clauses) == 2 and all(clause.count("@@") == 1 for clause in clauses)


def test_entities_any_all_exclude_and_boost():
    write(
        ("Belgrade cafe", {"people": ["ana"]}),
        ("Novi Sad bar", {"people": ["ana"]}),
        ("Belgrade bar", {}),
    )
    assert pks(n.Entity("people", "ana")) == [1, 2]
    assert pks(n.All((n.Word("belgrade"), n.Entity("people", "ana")))) == [1]
    assert pks(n.Any((n.Word("cafe"), n.Entity("people", "ana")))) == [1, 2]
    assert pks(n.Exclude(n.Word("bar"), n.Entity("people", "ana"))) == [3]
    assert pks(n.Exclude(n.Word("bar"), n.Word("novi"))) == [3]
    assert pks(n.Exclude(n.Everything(), n.Word("belgrade"))) == [2]
    boosted = run(n.Boost(n.Word("bar"), n.Phrase(("belgrade", "bar")))).hits
    assert [h.pk for h in boosted] == [3, 2]


def test_loose_matches_need_the_minimum_and_rank_by_words_then_proximity():
    write(
        ("nobody loves russians the way serbs do", {}),
        ("serbs and russians: nobody said that anyone loves anything", {}),
        ("nobody came", {}),
    )
    loose = n.Loose(("nobody", "loves", "the", "russians", "like", "serbs"), 4)
    assert [h.pk for h in run(loose).hits] == [1, 2]


def test_loose_matches_put_the_preferred_type_first_among_equals():
    write(
        ("nobody loves russians the way serbs do", {"type": "article"}),
        ("nobody loves russians the way serbs do", {"type": "quote"}),
        ("nobody loves russians the way serbs do, really", {"type": "article", "title": "serbs"}),
    )
    loose = n.Loose(("nobody", "loves", "the", "russians", "like", "serbs"), 4, prefer="quote")
    assert [h.pk for h in run(loose).hits][0] == 2


def test_sort_by_date_newest_first():
    write(
        ("Belgrade", {"date": 20230101}),
        ("Belgrade", {"date": 20240101}),
        ("Belgrade", {"date": 0}),
    )
    assert [h.pk for h in run(n.Word("belgrade"), sort="date").hits] == [2, 1, 3]


def test_suggestions_share_the_first_letter_and_stay_within_the_distance():
    write(("Nikitin met Nikolai in Belgrade", {}), ("Mikitin", {}), ("Nikitin again", {}))
    assert backend().suggest("nikitim", 1) == [("nikitin", 2)]
    assert sorted(backend().suggest("nikitai", 2)) == [("nikitin", 2), ("nikolai", 1)]
    assert backend().suggest("bikitin", 1) == []  # mikitin, nikitin: another first letter
    assert backend().doc_frequency("belgrade") == 1
    assert backend().suggest("belgrad", 1) == [("belgrade", 1)]
    assert backend().suggest("elgrade", 2) == []  # never past the first letter


def test_every_write_changes_the_generation_and_removed_documents_are_gone():
    start = backend().generation()
    write(("Zephyrine", {}))
    assert backend().generation() > start and pks(n.Word("zephyrine")) == [1]
    backend().remove_many(["people.person.1"])
    assert pks(n.Word("zephyrine")) == []
    assert backend().suggest("zephyrin", 1) == []  # a word no document holds is never offered


# -- bounded work -----------------------------------------------------------------------


def timing_out(calls):
    """A query() that times out on its first `calls` calls, then runs for real."""
    real = postgres.PostgresSearchBackend.query
    seen = []

    def query(self, sql, params, budget):
        seen.append(sql)
        if len(seen) <= calls:
            error = OperationalError("canceling statement due to statement timeout")
            error.__cause__ = type("Cancel", (Exception,), {"pgcode": "57014"})()
            raise error
        return real(self, sql, params, budget)

    return query, seen


def test_word_frequencies_are_counted_up_to_the_cap(monkeypatch):
    write(*[("common word", {}) for _ in range(5)], ("rare word", {}))
    monkeypatch.setattr(postgres, "FREQUENCY_CAP", 3)
    assert backend().doc_frequencies(["common", "rare", "absent"]) == {
        "common": 3,
        "rare": 1,
        "absent": 0,
    }
    monkeypatch.setattr(postgres, "FREQUENCY_CAP", 100)
    assert backend().doc_frequencies(["common", "word"]) == {"common": 5, "word": 6}


def answers_from_first_matches(sql):
    """The search statement reads at most PARTIAL_MATCHES matches (a LIMIT on its matches,
    not the page's)."""
    return "LIMIT %s\n), best" in sql


def test_a_search_out_of_time_answers_from_the_first_matches_and_says_so(monkeypatch):
    write(*[("common word", {}) for _ in range(5)])
    query, seen = timing_out(1)
    monkeypatch.setattr(postgres.PostgresSearchBackend, "query", query)
    result = run(n.Word("common"))
    assert not result.complete and result.count == 5 and len(result.hits) == 5
    assert answers_from_first_matches(seen[1]) and not answers_from_first_matches(seen[0])


def test_a_search_expected_to_match_too_much_is_answered_from_its_first_matches_at_once(
    monkeypatch,
):
    write(*[("common word", {}) for _ in range(5)], ("rare word", {}))
    seen = []
    real = postgres.PostgresSearchBackend.query

    def query(self, sql, params, budget):
        seen.append(sql)
        return real(self, sql, params, budget)

    monkeypatch.setattr(postgres.PostgresSearchBackend, "query", query)
    assert backend().estimated_matches(postgres.compile_node(n.Word("common")), "TRUE", []) >= 1
    monkeypatch.setattr(postgres, "FULL_ANSWER_ESTIMATE", 0)
    result = run(n.Word("common"))
    assert not result.complete and result.count == 5 and len(result.hits) == 5
    assert len(seen) == 1 and answers_from_first_matches(seen[0])  # no full attempt first
    seen.clear()
    monkeypatch.setattr(postgres, "FULL_ANSWER_ESTIMATE", 1000)
    result = run(n.Word("common"))
    assert result.complete and result.count == 5
    assert len(seen) == 1 and not answers_from_first_matches(seen[0])


def test_a_search_that_cannot_answer_even_partly_is_too_broad(monkeypatch):
    query, _ = timing_out(2)
    monkeypatch.setattr(postgres.PostgresSearchBackend, "query", query)
    with pytest.raises(QueryError, match="too broad"):
        run(n.Prefix("a"))


def test_a_searchs_timeout_and_jit_hold_for_its_statement_and_do_not_outlive_it(monkeypatch):
    """statement_timeout from the budget; jit off (compiling a large plan cost 100-200 ms)."""
    from django.db.backends.utils import CursorWrapper

    def settings_now(cursor, execute=CursorWrapper.execute):
        execute(cursor, "SELECT current_setting('statement_timeout'), current_setting('jit')")
        return cursor.fetchone()

    with connection.cursor() as cursor:
        before = settings_now(cursor)
    timeouts, during = [], []
    real_execute = CursorWrapper.execute

    def execute(self, sql, params=None):
        if "set_config('statement_timeout', %s" in sql:
            timeouts.append(params[0])
        if "AS MATERIALIZED" in sql:  # the search statement itself
            during.append(settings_now(self, real_execute))
        return real_execute(self, sql, params)

    monkeypatch.setattr(CursorWrapper, "execute", execute)
    run(n.Word("anything"), budget=2.0)
    assert timeouts[0] == "1400ms"
    assert during == [("1400ms", "off")]
    with connection.cursor() as cursor:
        assert settings_now(cursor, real_execute) == before


# -- same answers as Whoosh ------------------------------------------------------------------

QUERIES = [
    n.Word("belgrade"),
    n.Word("fleeing"),
    n.Word("russians"),
    n.Word("vucic"),
    n.Phrase(("nobody", "loves")),
    n.Phrase(("doesn", "t", "want", "us")),
    n.Phrase(("in", "the")),
    n.Prefix("nik"),
    n.Prefix("serb"),
    n.Entity("people", "pyotr-nikitin"),
    n.Entity("places", "belgrade"),
    n.All((n.Word("belgrade"), n.Word("cafe"))),
    n.Any((n.Phrase(("peter", "nikitin")), n.Entity("people", "pyotr-nikitin"))),
    n.Exclude(n.Word("serbia"), n.Word("russia")),
    n.Boost(n.Word("war"), n.Phrase(("the", "war"))),
    n.Loose(("nobody", "loves", "the", "russians", "like", "serbs"), 4),
    n.Loose(("serbs", "welcoming", "russians", "home"), 3, prefer="quote"),
]


@pytest.fixture(scope="module")
def whoosh_answers(tmp_path_factory, django_db_setup, django_db_blocker):
    """The same requests answered by the Whoosh engine over the same archive."""
    from archive.search.engines.whoosh import ArchiveWhooshSearchBackend

    path = tmp_path_factory.mktemp("whoosh") / "index"
    whoosh = ArchiveWhooshSearchBackend("default", PATH=str(path))
    unified = connections["default"].get_unified_index()
    answers = {}
    with django_db_blocker.unblock():
        whoosh.rebuild([unified.get_index(m) for m in unified.get_indexed_models()])
        for node in QUERIES:
            for required in ((), (("type", "quote"),)):
                request = SearchRequest(node=node, required=required, page_size=1000)
                answers[(node, required)] = whoosh.run(request)
    whoosh.reset_searcher()
    return answers


@pytest.mark.parametrize("required", [(), (("type", "quote"),)], ids=["all", "quotes"])
@pytest.mark.parametrize("node", QUERIES, ids=str)
def test_the_archive_gives_the_same_matches_counts_and_facets_as_whoosh(
    archive_index, whoosh_answers, node, required
):
    expected = whoosh_answers[(node, required)]
    result = run(node, required=required)
    assert {(h.model, h.pk) for h in result.hits} == {(h.model, h.pk) for h in expected.hits}
    assert result.count == expected.count
    assert result.facets == expected.facets
    if not required:
        assert expected.count  # a query that finds nothing would prove nothing


# -- concurrent writers and rebuilds (separate connections, committed data) ---------------------


def in_thread(target, *args):
    errors = []

    def body():
        from django.db import connection as thread_connection

        try:
            target(*args)
        except Exception as error:  # the test's finding
            errors.append(error)
        finally:
            thread_connection.close()

    thread = threading.Thread(target=body)
    thread.start()
    return thread, errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_in_two_connections_lose_no_write():
    backend().clear()

    def writer(name):
        for number in range(25):
            doc = {
                "id": f"people.person.{name}{number}",
                "django_ct": "people.person",
                "django_id": str(number),
                "text": f"concurrent {name}",
                "type": "person",
            }
            row, words = backend().row(doc)
            backend().write_rows([row], words)
            if number % 3 == 0:
                backend().remove_many([doc["id"]])

    threads = [in_thread(writer, name) for name in ("alpha", "bravo")]
    for thread, _ in threads:
        thread.join()
    assert not [e for _, errors in threads for e in errors]
    assert run(n.Word("alpha")).count == 16 and run(n.Word("bravo")).count == 16
    assert run(n.Word("concurrent")).count == 32


@pytest.mark.django_db(transaction=True)
def test_searches_during_a_rebuild_see_the_whole_old_index_or_the_whole_new_one(archive):
    from tests.conftest import postgres_rebuild

    postgres_rebuild()
    expected = run(n.Word("nikitin")).count
    assert expected
    counts, done = [], threading.Event()

    def keep_searching():
        while not done.is_set():
            counts.append(run(n.Word("nikitin")).count)

    thread, errors = in_thread(keep_searching)
    try:
        for _ in range(3):
            postgres_rebuild()
    finally:
        done.set()
        thread.join()
    assert not errors
    assert counts and set(counts) == {expected}


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_in_worker_processes_writes_the_same_index(archive, monkeypatch, settings):
    from archive.search.engines.postgres_rebuild import DocumentPreparer
    from tests.conftest import postgres_rebuild

    def index_rows():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, model, object_id, type, outlet, year, people, organizations, "
                "places, date, source_name, vector::text FROM archive_search_document ORDER BY id"
            )
            return cursor.fetchall()

    settings.ARCHIVE_INDEX_WORKERS = 1
    postgres_rebuild()
    one_process = index_rows()
    settings.ARCHIVE_INDEX_WORKERS = 2
    monkeypatch.setattr(DocumentPreparer, "parallel_from", 1)
    postgres_rebuild()
    assert index_rows() == one_process
    assert len(one_process) > 50
    assert run(n.Word("nikitin")).count


def table_definition():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'archive_search_document' ORDER BY indexname"
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'archive_search_document'::regclass ORDER BY conname"
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE oid = 'archive_search_document'::regclass"
        )
        (options,) = cursor.fetchone()
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attnum > 0 "
            "AND attrelid = 'archive_search_document'::regclass ORDER BY attname"
        )
        return indexes, constraints, options, cursor.fetchall()


def test_a_rebuild_keeps_the_tables_indexes_and_constraints(archive):
    from tests.conftest import postgres_rebuild

    before = table_definition()
    postgres_rebuild()
    assert table_definition() == before
    # The lead stays in the row (storage main, a 4 kB row before anything moves out).
    assert before[2] == ["toast_tuple_target=4080"] and ("lead", "m") in before[3]
    assert {name for name, _ in before[0]} >= {
        "archive_search_document_pkey",
        "archive_search_document_vector",
        "archive_search_document_people",
    }
    with connection.cursor() as cursor:  # the primary key still holds
        cursor.execute("SELECT id FROM archive_search_document LIMIT 1")
        (some_id,) = cursor.fetchone()
        with pytest.raises(IntegrityError):
            cursor.execute(
                "INSERT INTO archive_search_document "
                "SELECT * FROM archive_search_document WHERE id = %s",
                [some_id],
            )


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_stopped_by_sigterm_ends_its_workers_and_keeps_the_live_index(
    archive, monkeypatch, settings
):
    import multiprocessing
    import os
    import signal

    from django.core.management import call_command

    from archive.search.engines.postgres_rebuild import DocumentPreparer
    from tests.conftest import postgres_rebuild

    postgres_rebuild()
    before = run(n.Word("nikitin")).count
    settings.ARCHIVE_INDEX_WORKERS = 2
    monkeypatch.setattr(DocumentPreparer, "parallel_from", 1)
    real_batches = DocumentPreparer.batches

    def batches(self, index, record_batches):
        for batch in real_batches(self, index, record_batches):
            if self.pool is not None:  # the workers are running: stop the command
                os.kill(os.getpid(), signal.SIGTERM)
            yield batch

    monkeypatch.setattr(DocumentPreparer, "batches", batches)
    with pytest.raises(SystemExit):
        call_command("rebuild_index", verbosity=0)
    assert multiprocessing.active_children() == []
    assert run(n.Word("nikitin")).count == before
    with connection.cursor() as cursor:  # the half-built table went with the transaction
        cursor.execute("SELECT to_regclass('archive_search_document_next')")
        assert cursor.fetchone()[0] is None
