"""A byline line and the authors' names in it (made-up lines, not from any capture)."""

from articles.ingest.bylines import byline, byline_names, split_names
from articles.ingest.lines import analyse_line


def test_a_byline_printed_in_capitals_or_with_a_role_gives_the_names_as_written():
    assert byline_names("By ADA CRANE and IVO MARIN") == ["ADA CRANE", "IVO MARIN"]
    assert split_names("ADA CRANE and IVO MARIN") == ["Ada Crane", "Ivo Marin"]
    assert split_names("Ada Crane, Staff Writer") == ["Ada Crane"]
    assert split_names("Ada Crane (Beta)") == ["Ada Crane"]


def test_a_verb_of_writing_before_the_names_is_a_byline():
    assert byline("Записала Анна Смирнова")["names"] == "Анна Смирнова"
    assert byline("Pripremila Ana Ilić i Marko Perić")["names"] == "Ana Ilić i Marko Perić"
    assert analyse_line("Razgovarao sa njim je ceo grad.")[0][0] == "prose"


def test_an_outlet_after_the_authors_name_is_not_an_author():
    assert split_names("Ada Crane, Danube Newswire") == ["Ada Crane"]
    assert split_names("Јелена Марковић, Новосадски гласник") == ["Јелена Марковић"]
    assert split_names("Ada Crane, Ivo Marin") == ["Ada Crane", "Ivo Marin"]
