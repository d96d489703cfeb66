"""Declined and respelled names proposed as aliases of the archive's people."""

import pytest

from articles.ingest.importing import Importer
from articles.ingest.lexicon import FEMININE, MASCULINE
from articles.ingest.variants import nominatives, propose_aliases, same_stem, stem
from articles.models import Article
from people.models import Alias, Organization, Person, Place

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "written, known",
    [
        ("Nikitina", "Nikitin"),
        ("Nikitinom", "Nikitin"),
        ("Никитину", "Nikitin"),
        ("Kazarjan", "Kazaryan"),
        ("Kazarjana", "Kazaryan"),
    ],
)
def test_case_endings_and_serbian_spellings_share_a_stem(written, known):
    assert same_stem(stem(written), stem(known))


@pytest.mark.parametrize(
    "written, known",
    [
        ("Novom Sadu", "Novi Sad"),
        ("Новом Саде", "Novi Sad"),
        ("Санкт Петербурга", "Санкт-Петербург"),
        ("Rusije", "Russia"),
    ],
)
def test_places_of_several_words_and_english_spellings_are_proposed(written, known):
    place = Place.objects.create(name=known, slug="place", kind="city")

    assert [(p.name, p.entity) for p in propose_aliases([written])] == [(written, place)]


@pytest.mark.parametrize(
    "word, reading",
    [
        ("Snežanom", ("Snežana", FEMININE)),
        ("Petroviću", ("Petrović", MASCULINE)),
        ("Игорю", ("Игорь", MASCULINE)),
        ("Андрею", ("Андрей", MASCULINE)),
        ("Соколовой", ("Соколова", FEMININE)),
        ("Беловым", ("Белов", MASCULINE)),
        ("Jankovićeva", ("Janković", FEMININE)),  # Mrs Janković
        ("Јанковићевој", ("Јанковић", FEMININE)),
    ],
)
def test_a_name_in_another_case_reads_back_to_its_nominative(word, reading):
    assert reading in nominatives(word)


def test_other_families_do_not():
    assert not same_stem(stem("Petrović"), stem("Petrov"))
    assert not same_stem(stem("Orlov"), stem("Sokolov"))


def test_a_declined_name_is_proposed_for_the_one_person_it_can_be():
    pyotr = Person.objects.create(name="Pyotr Nikitin", slug="pyotr-nikitin")
    Person.objects.create(name="Stepan Kazaryan", slug="stepan-kazaryan")

    found = {
        (p.name, p.person.name)
        for p in propose_aliases(
            ["Petar Nikitin", "Nikitinu", "Kazarjana", "Ivan Nikitin", "Marko Ilić"]
        )
    }

    assert found == {
        ("Petar Nikitin", "Pyotr Nikitin"),
        ("Nikitinu", "Pyotr Nikitin"),
        ("Kazarjana", "Stepan Kazaryan"),
    }
    assert pyotr.aliases.count() == 0  # a proposal, never written by itself


def test_an_import_proposes_the_alias_and_creates_no_person():
    Person.objects.create(name="Pyotr Nikitin", slug="pyotr-nikitin")
    text = (
        "Novi klub šaha u Zemunu\n\n"
        "Klub je osnovao Petar Nikitin, koji je u Beograd stigao pre dve godine iz Tvera. "
        "Turnir se igra svake subote, a prijave primaju članovi kluba.\n\n"
        "„Šah je jezik koji svi razumeju“, rekao je Nikitin.\n"
    )

    result = Importer().import_text(text, "sah.txt")

    assert result.imported
    assert (
        "“Petar Nikitin” looks like Pyotr Nikitin (a declined or respelled form): confirm "
        "it as an alias on the review screen if it is."
    ) in result.notes
    assert Person.objects.count() == 1 and Alias.objects.count() == 0
    assert Article.objects.get().language == "sr"


@pytest.mark.parametrize(
    "word, language, reading, not_reading",
    [
        ("Марии", "ru", ("Мария", FEMININE), "Мариа"),
        ("Petra", "sr", ("Petar", MASCULINE), "Petr"),
        ("Орлове", "ru", ("Орлов", MASCULINE), "Орлова"),
        ("Зеремского", "ru", ("Зеремский", MASCULINE), "Зеремског"),
    ],
)
def test_the_language_decides_which_nominative_a_case_form_has(
    word, language, reading, not_reading
):
    found = nominatives(word, language)

    assert reading in found and not_reading not in [name for name, _ in found]


def proposed(names, texts=()):
    return {(p.name, p.entity.name) for p in propose_aliases(names, texts=texts)}


@pytest.mark.parametrize(
    "name, alias, written",
    [
        ("Georgia", "Грузия", "Грузии"),  # by the Russian stem
        ("St. Petersburg", "Санкт-Петербург", "Петербурге"),  # a saint's city without its saint
    ],
)
def test_a_russian_case_form_meets_its_russian_alias(name, alias, written):
    place = Place.objects.create(name=name, slug="place", kind="city")
    place.aliases.create(name=alias)

    assert proposed([written]) == {(written, name)}


def test_an_english_ia_meets_a_serbian_ja():
    Person.objects.create(name="Stepan Kazaryan", slug="stepan-kazaryan")

    assert proposed(["Kazarian"]) == {("Kazarian", "Stepan Kazaryan")}


def test_a_name_capitalised_on_its_first_word_only_is_found_in_the_text():
    house = Organization.objects.create(name="Russian House", slug="russian-house")
    house.aliases.create(name="Русский дом")

    text = "Встреча прошла в Русском доме в субботу."
    assert proposed([], texts=[text]) == {("Русском доме", "Russian House")}


def test_another_name_of_a_one_word_place_stands_for_it_inside_a_longer_name():
    belgrade = Place.objects.create(name="Belgrade", slug="belgrade", kind="city")
    belgrade.aliases.create(name="Beograd")
    district = Place.objects.create(name="Novi Beograd", slug="novi-beograd", kind="district")
    district.aliases.create(name="Нови Београд")

    assert ("Нового Белграда", "Novi Beograd") in proposed(["Нового Белграда"])


def test_a_run_holding_a_name_and_another_word_proposes_the_name():
    Person.objects.create(name="Stepan Kazaryan", slug="stepan-kazaryan")

    assert proposed(["Казаряна Фестиваль"]) == {("Казаряна", "Stepan Kazaryan")}


def test_a_serbian_nj_for_a_russian_soft_n_meets_the_russian_name():
    Person.objects.create(name="Ivan Bunin", slug="ivan-bunin")

    assert ("Ivana Bunjina", "Ivan Bunin") in proposed(["Ivana Bunjina"])


@pytest.mark.parametrize(
    "english, slavic",
    [
        ("America", "Америки"),
        ("Europe", "Европы"),
        ("Tiumen", "Тюмени"),
        ("Copenhagen", "Kopenhagenu"),
    ],
)
def test_english_spellings_of_hard_c_eu_and_iu_fold_as_slavic_ones(english, slavic):
    assert same_stem(stem(english), stem(slavic))
