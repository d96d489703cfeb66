"""Quote extraction, speaker attribution and unknown-name candidates."""

import re

import pytest
from django.core.management import call_command

from archive.text import fold_phrase
from articles.ingest.attribution import extract_quotes, suggest_quotes
from articles.ingest.candidates import find_candidates
from articles.ingest.mentions import NameMatcher
from articles.ingest.quotes import DEFAULT_THRESHOLD, quote_spans
from articles.ingest.segmenting import segment
from articles.models import Article, Mention, Paragraph, Quote, Status
from people.models import Alias, Person
from tests.factories import ArticleFactory, PersonFactory, quote_in


def unsaved(text, kind="body"):
    """An unsaved article of one paragraph per line: what the extractor reads."""
    article = Article(title="t", raw_text=text)
    lines = [line for line in text.split("\n") if line.strip()]
    return article, [
        Paragraph(article=article, position=n, kind=kind, text=line)
        for n, line in enumerate(lines, 1)
    ]


def quotes_of(text, matcher=None, threshold=DEFAULT_THRESHOLD):
    article, paragraphs = unsaved(text)
    return [q for q in extract_quotes(article, paragraphs, matcher) if q.detection >= threshold]


def spoken(text, **kwargs):
    return [(q.text, q.speaker_label) for q in quotes_of(text, **kwargs)]


# -- finding the quoted spans ---------------------------------------------------------


def test_curly_straight_and_single_quotes_are_found_marks_excluded():
    text = (
        '“Double,” she said. "Straight," he said. ‘It’s the Balkans’ way,’ they said. '
        "The word 'Brother' was on it."
    )
    found = [text[s:e] for s, e, _ in quote_spans(text)]

    assert found == ["Double,", "Straight,", "It’s the Balkans’ way,", "Brother"]


def test_apostrophes_do_not_open_or_close_quotes():
    text = (
        "Putin's mural, the Serbs’ flag and the ’90s stayed; ‘Balkan’s key to virility,’ he said."
    )

    assert [text[s:e] for s, e, _ in quote_spans(text)] == ["Balkan’s key to virility,"]


def test_an_inner_quote_belongs_to_the_outer_one():
    text = (
        "He said he lived “under the illusion that Moscow was ‘the greatest city on earth’ then.”"
    )

    assert [text[s:e] for s, e, _ in quote_spans(text)] == [
        "under the illusion that Moscow was ‘the greatest city on earth’ then."
    ]


def test_a_curly_quote_closed_by_a_straight_mark_and_an_unclosed_one():
    text = (
        'Graffiti reads “The only genocide in the Balkans, was against the Serbs" and “never closed'
    )

    assert [text[s:e] for s, e, _ in quote_spans(text)] == [
        "The only genocide in the Balkans, was against the Serbs"
    ]


# -- speakers ---------------------------------------------------------------------------


def test_a_quote_broken_by_its_attribution_is_two_quotes_with_one_speaker():
    assert spoken(
        "“Our mission,” says Ksenia Orlova, “is to teach Serbs how to smoke hookah.”"
    ) == [
        ("Our mission,", "Ksenia Orlova"),
        ("is to teach Serbs how to smoke hookah.", "Ksenia Orlova"),
    ]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("“We are improving the service industry,” adds Dmitry Sokolov.", "Dmitry Sokolov"),
        ("“We are improving the service industry,” Dmitry Sokolov adds.", "Dmitry Sokolov"),
        ("“It was a tough time,” said Alex Petrov, screwing up his features.", "Alex Petrov"),
        (
            "A Serbian friend, Danjela Marić, said: ‘We had war in the Balkans, we know how they feel.’",
            "Danjela Marić",
        ),
        (
            "“There isn’t much of an anti-war voice in Serbia,” Peter Nikitin, one of the organizers of "
            "the group, told RFE/RL.",
            "Peter Nikitin",
        ),
        (
            "“All these buildings were built when the USSR was still around,” my taxi driver, Sasha "
            "Ilić, says as we drive.",
            "Sasha Ilić",
        ),
    ],
)
def test_the_speaker_named_next_to_the_quote(text, speaker):
    (quote,) = quotes_of(text)
    assert quote.speaker_label == speaker
    assert quote.attribution >= 0.7


def test_a_pronoun_points_back_to_the_last_person_named():
    text = (
        "Ivan Petrović resists drawing parallels and he has little sympathy for those fleeing "
        "Vladimir Putin’s regime. “This is a very different type of emigration,” he says."
    )

    assert spoken(text) == [("This is a very different type of emigration,", "Ivan Petrović")]


def test_a_pronoun_reaches_back_to_the_previous_paragraph():
    text = (
        "Anna Gorelik held a meeting for volunteers before our interview.\n"
        "“Why have I been involved with this project for two years?” she explains."
    )

    assert spoken(text) == [
        ("Why have I been involved with this project for two years?", "Anna Gorelik")
    ]


def test_a_description_is_kept_when_nobody_is_named():
    text = "“It looks like he’s training for a penal colony,” remarked a fellow gym-goer."

    (quote,) = quotes_of(text)
    assert quote.speaker is None and quote.speaker_name == ""
    assert quote.speaker_note == "a fellow gym-goer"


def test_a_verb_that_introduces_the_next_quote_does_not_claim_this_one():
    text = (
        "Some tenants kept asking, “Who do I need to pay to get this permit?” Vladimir "
        "Zeremsky immediately told them, “Nobody,” fearing corruption."
    )

    question, answer = quotes_of(text)
    assert question.speaker_name == "" and question.speaker is None
    assert (answer.text, answer.speaker_label) == ("Nobody,", "Vladimir Zeremsky")


@pytest.mark.django_db
def test_known_people_are_found_by_their_aliases():
    nikitin = PersonFactory(name="Pyotr Nikitin", slug="pyotr-nikitin")
    Alias.objects.create(person=nikitin, name="Nikitin")
    text = "“The government leans on propaganda as a populist tool,” Nikitin said."

    (quote,) = quotes_of(text, matcher=NameMatcher())
    assert quote.speaker == nikitin
    assert quote.confidence >= 0.8


# -- speech or scare quotes ---------------------------------------------------------------


def test_scare_quotes_and_terms_are_not_taken_for_speech():
    text = (
        "Nikita confesses to living in a “bubble,” with the Russian military’s “Z” symbol "
        "and so-called “Yandexoids” nearby."
    )

    found = quotes_of(text, threshold=0.0)
    assert [q.text for q in found] == ["bubble,", "Z", "Yandexoids"]
    assert all(q.detection < DEFAULT_THRESHOLD for q in found)
    assert quotes_of(text) == []


def test_a_short_fragment_next_to_a_speech_verb_is_speech():
    text = "Being a foreign national in Serbia “makes you vulnerable,” Andrey Gnyot says."

    assert spoken(text) == [("makes you vulnerable,", "Andrey Gnyot")]


# -- captures in other house styles, annotated before the extractor ever read them --------

HELD_OUT = {
    "wire": (
        """Exiles open a Russian-language bookshop in Novi Sad

By Marija Petrović

Published: 14 March 2024

NOVI SAD, Serbia — When Oleg Sokolov unpacked the first boxes of books in a narrow shop off Zmaj Jovina Street, he did not expect queues. "We thought twenty people would come on the first day," Sokolov said. "By noon there were two hundred."

The shop, called Polka, sells Russian literature that is hard to find in Serbia, from Bulgakov to banned contemporary poets. Sokolov, 41, a former publisher from Kazan, left Russia in October 2022.

"In Kazan I printed what I was allowed to print," he said. "Here I sell what I want to read."

His business partner, Irina Vasilyeva, handles the accounts. She said the shop was barely breaking even but called it a "labour of love".

Local readers are curious too. "I came for the Dostoevsky and stayed for the conversation," said Dragan Ilić, a retired teacher who visits every week.

Oleg Sokolov and Irina Vasilyeva in their shop. Photo: Reuters

Not everyone is pleased. A pro-government tabloid described the shop as a "nest of foreign agents", a label Vasilyeva laughs off.

"If reading is dangerous, then yes, we are dangerous," she said.

Subscribe to our newsletter for more stories like this one.
""",
        [
            ("We thought twenty people would come on the first day,", "Oleg Sokolov"),
            ("By noon there were two hundred.", "Oleg Sokolov"),
            ("In Kazan I printed what I was allowed to print,", "Oleg Sokolov"),
            ("Here I sell what I want to read.", "Oleg Sokolov"),
            ("labour of love", "Irina Vasilyeva"),
            ("I came for the Dostoevsky and stayed for the conversation,", "Dragan Ilić"),
            ("nest of foreign agents", None),
            ("If reading is dangerous, then yes, we are dangerous,", "Irina Vasilyeva"),
        ],
    ),
    "magazine": (
        """The night shift

At a bakery in Zemun, Russian émigrés knead dough until dawn

Katya starts work at 11pm. By the time the trams begin to run along the Danube, she has shaped four hundred loaves. ‘I was a lawyer in Moscow,’ she says, brushing flour from her sleeves. ‘Now I know more about yeast than about contracts.’

The bakery belongs to Goran, a Serbian baker in his sixties who hired her after a friend vouched for her. He remembers the first week. ‘She burned everything,’ he laughs. ‘But she came back every night.’

A handwritten sign above the ovens reads ‘No politics before the bread is out’. Goran says he wrote it himself after an argument between two employees about the war.

Katya’s husband, Pavel, joined the bakery last spring. He had worked as a software tester and speaks little Serbian. Asked whether he misses his old job, he shrugs: ‘I miss the salary. I do not miss the meetings.’

For the couple, the bakery is a kind of ‘halfway house’ between the life they left and the one they are building. Katya is more hopeful than Pavel. ‘In a year we will have our own place,’ she insists.

Pavel is not so sure. ‘Everybody here says next year,’ he says.

Photographs by Ana Jovanović
""",
        [
            ("I was a lawyer in Moscow,", "Katya"),
            ("Now I know more about yeast than about contracts.", "Katya"),
            ("She burned everything,", "Goran"),
            ("But she came back every night.", "Goran"),
            ("No politics before the bread is out", None),
            ("I miss the salary. I do not miss the meetings.", "Pavel"),
            ("In a year we will have our own place,", "Katya"),
            ("Everybody here says next year,", "Pavel"),
        ],
    ),
    "report": (
        """Belgrade volunteers keep a hotline for deserters running

BELGRADE – The phone rings almost every night. On the other end, usually, is a young man in Russia who has received a summons.

"Most of them just want to know whether they can cross the border legally," said Yelena Markova, who coordinates the volunteers. "Some of them are already at the border when they call."

According to Markova, the group has answered more than 3,000 calls since September 2022. The volunteers, most of them Russians living in Serbia, work from their own flats.

One of them, a 27-year-old programmer named Ilya Orlov, takes the late shift. "It is the only thing I do that feels useful," he told the Belgrade weekly Vreme. He asked that the name of his employer not be published.

The group does not give legal advice, Markova stressed. "We tell people where to find lawyers. We are not lawyers ourselves."

Serbian officials have not commented on the hotline. A spokesperson for the interior ministry said the ministry "does not comment on the activities of private citizens".

Editor's note: This article was updated to correct the number of calls.
""",
        [
            (
                "Most of them just want to know whether they can cross the border legally,",
                "Yelena Markova",
            ),
            ("Some of them are already at the border when they call.", "Yelena Markova"),
            ("It is the only thing I do that feels useful,", "Ilya Orlov"),
            (
                "We tell people where to find lawyers. We are not lawyers ourselves.",
                "Yelena Markova",
            ),
            ("does not comment on the activities of private citizens", None),
        ],
    ),
}


def held_out_scores():
    curated = predicted = matched = named_curated = named_predicted = named_right = 0
    for raw, gold in HELD_OUT.values():
        result = segment(raw)
        article = Article(title=result.title, raw_text=raw)
        paragraphs = [
            Paragraph(article=article, position=n, kind=kind, text=text)
            for n, (kind, text) in enumerate(result.paragraphs, 1)
        ]
        found = [q for q in extract_quotes(article, paragraphs) if q.detection >= DEFAULT_THRESHOLD]
        speakers = dict(gold)
        curated += len(gold)
        named_curated += sum(1 for _, who in gold if who)
        predicted += len(found)
        for quote in found:
            if quote.text not in speakers:
                continue
            matched += 1
            label = quote.speaker_name or (quote.speaker.name if quote.speaker else "")
            if label:
                named_predicted += 1
                who = speakers[quote.text]
                named_right += bool(who) and set(fold_phrase(label)) <= set(fold_phrase(who))
    return {
        "precision": matched / predicted,
        "recall": matched / curated,
        "attribution_precision": named_right / named_predicted,
        "attribution_recall": named_right / named_curated,
    }


def test_held_out_captures_measure_close_to_the_reported_figures():
    """The figures in bench/RESULTS.md: 20 of 21 quotes found, none wrong; 13 of 18 speakers."""
    scores = held_out_scores()

    assert scores["precision"] == 1.0
    assert scores["recall"] >= 20 / 21
    assert scores["attribution_precision"] >= 13 / 15
    assert scores["attribution_recall"] >= 13 / 18


# -- candidates ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_unknown_names_are_listed_with_a_guess_and_known_ones_are_not():
    PersonFactory(name="Sasha Ilić")  # a known person: not a candidate
    article = ArticleFactory(
        raw_text=(
            "Headline\n"
            "“I’m glad,” says Nikita, a 30-year-old programmer, as Sasha Ilić drives us to "
            "Nikola Tesla Airport. Nikita came from Moscow in 2022.\n"
            "Despite the rain, Nikita and his wife run Hookah Place, a café. Russian-owned cafés "
            "are everywhere; Serbians are curious.\n"
        )
    )

    candidates = {c.name: c for c in find_candidates(article, NameMatcher())}

    assert candidates["Nikita"].guess == "person" and candidates["Nikita"].count == 3
    assert candidates["Nikola Tesla Airport"].guess == "place"
    assert candidates["Moscow"].guess == "place"
    assert "Sasha Ilić" not in candidates
    for noise in ("I’m", "Despite", "Russian-owned", "Serbians"):
        assert noise not in candidates
    assert candidates["Nikita"].positions == [1, 2]


# -- saving suggestions -----------------------------------------------------------------


@pytest.mark.django_db
def test_suggestions_are_saved_unreviewed_and_reviewed_quotes_are_kept():
    speaker = PersonFactory(name="Radina Vučetić")
    article = ArticleFactory(
        raw_text=(
            "Headline\n"
            "“In the entire twentieth century, there were very short periods of unity,” says "
            "Radina Vučetić. “But people don’t believe that.”\n"
        )
    )
    paragraph = article.paragraphs.get()
    kept = quote_in(
        paragraph,
        "But people don’t believe that.",
        speaker=None,
        speaker_note="a reader",
        status=Status.CONFIRMED,
    )

    report = suggest_quotes(article, NameMatcher())

    assert (report.created, report.kept_reviewed) == (1, 1)
    suggested = article.quotes.get(status=Status.SUGGESTED)
    assert suggested.speaker == speaker
    assert suggested.text.startswith("In the entire twentieth century")
    assert 0.5 <= suggested.confidence <= 1
    kept.refresh_from_db()
    assert (kept.status, kept.speaker_note) == (Status.CONFIRMED, "a reader")

    again = suggest_quotes(article, NameMatcher())  # on demand: the same again, not twice
    assert (again.created, again.removed) == (1, 1)
    assert article.quotes.count() == 2


# -- the measurement on the seeds ------------------------------------------------------


@pytest.mark.django_db
def test_evaluate_extractor_prints_real_figures_and_changes_nothing(archive, capsys):
    before = {m.__name__: m.objects.count() for m in (Article, Paragraph, Quote, Mention, Person)}

    call_command("evaluate_extractor")

    out = capsys.readouterr().out
    assert "[5/5]" in out  # progress
    assert "| **all** | 185 |" in out  # every curated quote counted
    match = re.search(
        r"Detection precision ([\d.]+)%, recall ([\d.]+)%; attribution precision "
        r"([\d.]+)%, recall ([\d.]+)%",
        out,
    )
    precision, recall, attribution_p, attribution_r = map(float, match.groups())
    assert precision >= 95 and recall >= 85 and attribution_p >= 95 and attribution_r >= 90
    assert "body paragraphs recovered 232/232" in out
    assert "Errors by class:" in out
    after = {m.__name__: m.objects.count() for m in (Article, Paragraph, Quote, Mention, Person)}
    assert after == before


@pytest.mark.django_db
def test_evaluate_extractor_end_to_end_knowing_nobody(archive, capsys):
    call_command("evaluate_extractor", "--from-raw", "--unknown-people", "--errors", verbosity=0)

    out = capsys.readouterr().out
    assert "knowing none of the people" in out and "Every error:" in out
    attribution_p = float(re.search(r"attribution precision ([\d.]+)%", out).group(1))
    assert attribution_p >= 90
