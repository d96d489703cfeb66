"""The held-out evaluation: captures with their expected reading, scored per language."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.ingest.evaluation import evaluate, read_captures, table
from articles.management.commands.evaluate_extractor import (
    development_folders,
    independent_folders,
)


def write_capture(folder, name, language, lines, expected):
    (folder / f"{name}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (folder / f"{name}.json").write_text(
        json.dumps({"language": language, **expected}), encoding="utf-8"
    )


@pytest.fixture
def held_out(tmp_path):
    write_capture(
        tmp_path,
        "a",
        "en",
        [
            "Plain headline about a harbour",
            "By Ann Cole",
            "May 3, 2023",
            "The harbour reopened on Friday after a storm had closed it for a week.",
            "“The boats are back,” said Tom Reed, a fisherman.",
        ],
        {
            "title": "Plain headline about a harbour",
            "byline": ["Ann Cole"],
            "date": "2023-05-03",
            "outlet": None,
            "body": [
                "The harbour reopened on Friday after a storm had closed it for a week.",
                "“The boats are back,” said Tom Reed, a fisherman.",
            ],
            "furniture": [],
            "quotes": [
                {"text": "The boats are back,", "speaker": "Tom Reed"},
                {"text": "Never found", "speaker": "Nobody"},
            ],
        },
    )
    write_capture(
        tmp_path,
        "b",
        "ru",
        [
            "Заголовок о мосте через реку",
            "Мост открыли после ремонта, который длился два года.",
        ],
        {
            "title": "Заголовок о мосте через реку",
            "byline": ["Иван Иванов"],
            "date": None,
            "outlet": None,
            "body": ["Мост открыли после ремонта, который длился два года."],
            "furniture": [],
            "quotes": [],
        },
    )
    return tmp_path


def test_evaluate_scores_each_language_and_the_whole(held_out):
    by_language = evaluate(held_out)

    assert set(by_language) == {"en", "ru", "all"}
    en, ru = by_language["en"], by_language["ru"]
    assert en.fields["title"] == 1 and en.fields["byline"] == 1 and en.fields["date"] == 1
    assert en.quotes_expected == 2 and en.quotes_matched == 1 and en.named_right == 1
    assert ru.fields["byline"] == 0  # no byline printed, one expected
    assert by_language["all"].captures == 2
    assert ("b", "byline", "got ''") in by_language["all"].misses
    lines = table(by_language)
    assert lines[0] == "| measure | en | ru | all |"
    assert "| quote detection R | 1/2 (50%) | — | 1/2 (50%) |" in lines


def test_a_capture_that_prints_no_byline_is_read_right_when_none_is_proposed(tmp_path):
    write_capture(
        tmp_path,
        "c",
        "en",
        ["Headline over a story with no author", "The ferry ran again on Monday morning."],
        {
            "title": "Headline over a story with no author",
            "byline": None,
            "date": None,
            "outlet": None,
            "body": ["The ferry ran again on Monday morning."],
            "furniture": [],
            "quotes": [],
        },
    )
    assert evaluate(tmp_path)["en"].fields["byline"] == 1


def test_the_article_s_lines_are_judged_by_where_each_line_went(tmp_path):
    """A heading and a paragraph under a "BELGRADE —" dateline are the article's text; a
    one-word tag that the body also says is furniture kept out, as the curator sees it."""
    opening = "BELGRADE — The harbour reopened on Friday after a storm had closed it for a week."
    write_capture(
        tmp_path,
        "d",
        "en",
        [
            "A harbour reopens after the storm that closed it",
            "By Ann Cole",
            opening,
            "Boats are back",
            "The boats came back to Belgrade on Saturday, and the market opened on Sunday.",
            "Tags",
            "Belgrade",
        ],
        {
            "title": "A harbour reopens after the storm that closed it",
            "byline": ["Ann Cole"],
            "date": None,
            "outlet": None,
            "body": [
                opening,
                "Boats are back",
                "The boats came back to Belgrade on Saturday, and the market opened on Sunday.",
            ],
            "furniture": ["Tags", "Belgrade"],
            "quotes": [],
        },
    )

    en = evaluate(tmp_path)["en"]

    assert (en.body_recovered, en.body_expected) == (3, 3)
    assert (en.furniture_out, en.furniture) == (2, 2)


def test_read_captures_names_a_capture_without_its_expectations(tmp_path):
    (tmp_path / "lonely.txt").write_text("Some text\n", encoding="utf-8")
    with pytest.raises(Exception, match="lonely.txt has no lonely.json"):
        read_captures(tmp_path)


@pytest.mark.django_db
def test_evaluate_extractor_prints_the_held_out_table_per_language(held_out, capsys):
    call_command("evaluate_extractor", "--held-out", str(held_out), "--errors")

    out = capsys.readouterr().out
    held = out[out.index("Held-out captures") :]
    assert "[2/2] b (ru)" in held
    assert "| measure | en | ru | all |" in held
    assert "| title | 1/1 (100%) | 1/1 (100%) | 2/2 (100%) |" in held
    assert "b: byline: got ''" in held
    # the seeds are still reported first, on their own
    assert out.index("Quote extraction on") < out.index("Held-out captures")


@pytest.mark.django_db
def test_evaluate_extractor_refuses_a_broken_held_out_file(tmp_path):
    (tmp_path / "x.txt").write_text("Text\n", encoding="utf-8")
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="x.json is not valid JSON"):
        call_command("evaluate_extractor", "--held-out", str(tmp_path), verbosity=0)


def test_declined_names_count_as_linked_when_they_reach_the_archive_s_entity(tmp_path):
    write_capture(
        tmp_path,
        "c",
        "sr",
        [
            "Novi most preko Save",
            "Radovi na mostu u Beogradu počeli su u maju, a prijatelji Nikitina kažu da prate sve.",
            "Deo opreme stiže iz Pitera.",
        ],
        {
            "title": "Novi most preko Save",
            "byline": [],
            "date": None,
            "outlet": None,
            "body": [],
            "furniture": [],
            "quotes": [],
            "names": [
                {"text": "Beogradu", "entity": "Belgrade"},
                {"text": "Nikitina", "entity": "Pyotr Nikitin"},
                {"text": "Pitera", "entity": "St. Petersburg"},
            ],
        },
    )

    sr = evaluate(tmp_path)["sr"]

    assert (sr.names_linked, sr.names_expected) == (2, 3)
    assert ("c", "name not linked", "'Pitera' → St. Petersburg") in sr.misses
    assert "| declined names linked | 2/3 (67%) | 2/3 (67%) |" in table(evaluate(tmp_path))


@pytest.mark.django_db
def test_evaluate_extractor_reports_the_independent_set_on_its_own(
    held_out, tmp_path_factory, capsys
):
    independent = tmp_path_factory.mktemp("independent")
    write_capture(
        independent,
        "z",
        "sr",
        [
            "Naslov o reci",
            "Reka je posle kiše opet mirna, kažu ribari iz sela.",
        ],
        {
            "title": "Naslov o reci",
            "byline": [],
            "date": None,
            "outlet": None,
            "body": ["Reka je posle kiše opet mirna, kažu ribari iz sela."],
            "furniture": [],
            "quotes": [],
        },
    )

    call_command(
        "evaluate_extractor", "--held-out", str(held_out), "--independent", str(independent)
    )

    out = capsys.readouterr().out
    apart = out[out.index("Independent held-out captures") :]
    assert "[1/1] z (sr)" in apart and "| measure | sr | all |" in apart
    assert "[2/2] b (ru)" not in apart  # the first set is reported before, on its own


def test_every_independent_folder_is_found_beside_the_first(tmp_path, settings):
    evaluation = tmp_path / "fixtures" / "evaluation"
    for name in ("independent-2", "independent", "development", "development-retired-1"):
        (evaluation / name).mkdir(parents=True)
    (evaluation / "independent-notes.txt").write_text("not a folder", encoding="utf-8")
    settings.BASE_DIR = tmp_path

    assert independent_folders() == [evaluation / "independent", evaluation / "independent-2"]
    assert independent_folders([str(evaluation / "independent-2")]) == [
        evaluation / "independent-2"
    ]
    # A retired held-out set is reported with the development sets, never as independent.
    assert development_folders() == [
        evaluation / "development",
        evaluation / "development-retired-1",
    ]


@pytest.mark.django_db
def test_evaluate_extractor_reports_development_and_each_independent_set_apart(
    held_out, tmp_path_factory, capsys
):
    folders = {}
    for name, language, title in (
        ("development", "en", "A made-up headline to tune on"),
        ("independent", "sr", "Prvi nezavisni naslov o reci"),
        ("independent-2", "ru", "Второй независимый заголовок о реке"),
    ):
        folders[name] = tmp_path_factory.mktemp(name)
        write_capture(
            folders[name],
            "x",
            language,
            [title, "Body text of the capture, long enough to read as a paragraph of prose."],
            {"title": title, "body": [], "quotes": []},
        )

    call_command(
        "evaluate_extractor",
        "--held-out",
        str(held_out),
        "--development",
        str(folders["development"]),
        "--independent",
        str(folders["independent"]),
        "--independent",
        str(folders["independent-2"]),
    )

    out = capsys.readouterr().out
    development = out.index(f"Development captures ({folders['development']})")
    first = out.index(f"Independent held-out captures ({folders['independent']})")
    second = out.index(f"Independent held-out captures ({folders['independent-2']})")
    assert out.index("Held-out captures") < development < first < second
    assert "tuned on" in out[development:first]
    assert "| measure | en | all |" in out[development:first]
    assert "| measure | sr | all |" in out[first:second]
    assert "| measure | ru | all |" in out[second:]
