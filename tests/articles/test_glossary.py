"""Organizations and places the archive names only in English, found in Serbian and Russian text
by their words translated (glossary.py), and proposed as aliases for a curator."""

import pytest

from articles.ingest.glossary import glossary_acronym
from articles.ingest.variants import propose_aliases
from people.models import Organization, Place

pytestmark = pytest.mark.django_db


def proposed(names=(), texts=()):
    return {(p.name, p.entity.name) for p in propose_aliases(list(names), texts=texts)}


@pytest.mark.parametrize(
    "text, written",
    [
        ("Skup je organizovalo Rusko demokratsko društvo.", "Rusko demokratsko društvo"),
        ("Članovi Ruskog demokratskog društva su došli.", "Ruskog demokratskog društva"),
        (
            "Встреча Российского демократического общества прошла.",
            "Российского демократического общества",
        ),
    ],
)
def test_an_organization_is_found_by_its_words_translated_in_order(text, written):
    Organization.objects.create(name="Russian Democratic Society", slug="rds", kind="ngo")

    assert (written, "Russian Democratic Society") in proposed(texts=[text])


def test_the_same_words_in_another_order_are_not_the_organization():
    Organization.objects.create(name="Russian Democratic Society", slug="rds", kind="ngo")

    assert proposed(texts=["Demokratsko rusko društvo je drugo udruženje."]) == set()


@pytest.mark.parametrize(
    "written, country",
    [("Германию", "Germany"), ("Nemačkoj", "Germany"), ("Турции", "Turkey"), ("Turskoj", "Turkey")],
)
def test_a_country_is_found_in_any_case_in_both_languages(written, country):
    Place.objects.create(name=country, slug="country", kind="country")

    assert proposed([written]) == {(written, country)}


def test_a_country_of_two_words_in_serbian():
    Place.objects.create(name="Montenegro", slug="montenegro", kind="country")

    assert proposed(texts=["Preselili su se iz Crne Gore."]) == {("Crne Gore", "Montenegro")}


def test_x_of_y_is_found_as_ys_adjective_and_x():
    Place.objects.create(name="Belgrade", slug="belgrade", kind="city")
    Organization.objects.create(name="University of Belgrade", slug="ub", kind="education")

    text = "Она преподаёт в Белградском университете."
    assert ("Белградском университете", "University of Belgrade") in proposed(texts=[text])


def test_a_name_without_of_and_its_acronym_in_translation():
    Place.objects.create(name="Kingdom of Serbs, Croats, and Slovenes", slug="kshs", kind="country")

    assert glossary_acronym(["Serbs,", "Croats,", "and", "Slovenes"]) == "SHS"
    found = proposed(texts=["U Kraljevini Srba, Hrvata i Slovenaca, pa u Краљевини СХС."])
    assert ("Kraljevini Srba, Hrvata i Slovenaca", "Kingdom of Serbs, Croats, and Slovenes") in (
        found
    )
    assert ("Краљевини СХС", "Kingdom of Serbs, Croats, and Slovenes") in found


def test_a_river_is_found_without_its_generic_word():
    Place.objects.create(name="Danube River", slug="danube", kind="region")

    assert proposed(["Danube", "Дуная", "Dunavu"]) == {
        ("Danube", "Danube River"),
        ("Дуная", "Danube River"),
        ("Dunavu", "Danube River"),
    }


def test_a_peoples_name_or_an_adjective_is_not_the_country_or_the_city():
    Place.objects.create(name="Serbia", slug="serbia", kind="country")
    Place.objects.create(name="Russia", slug="russia", kind="country")
    Place.objects.create(name="Belgrade", slug="belgrade", kind="city")

    assert proposed(["Srbi", "Serbs", "Сербская", "Ruski", "Российского", "Белградского"]) == set()
    assert proposed(["Сербию", "Rusije", "Белграде"]) == {
        ("Сербию", "Serbia"),
        ("Rusije", "Russia"),
        ("Белграде", "Belgrade"),
    }


def test_a_name_opening_with_its_nation_is_found_without_it_in_either_script():
    Organization.objects.create(name="Serbian Democratic Movement", slug="m", kind="party")

    found = proposed(texts=["Skup Demokratskog pokreta i Демократског покрета."])
    assert ("Demokratskog pokreta", "Serbian Democratic Movement") in found
    assert ("Демократског покрета", "Serbian Democratic Movement") in found


def test_a_church_is_found_with_its_kind_first_as_serbian_and_russian_write_it():
    Place.objects.create(name="Russian Holy Trinity Church", slug="c", kind="venue")

    found = proposed(texts=["Они венчались в Церкви Святой Троицы."])
    assert ("Церкви Святой Троицы", "Russian Holy Trinity Church") in found


def test_serbian_latin_dj_and_cyrillic_dj_are_one_letter():
    Organization.objects.create(name="Civil Society", slug="s", kind="ngo")

    found = proposed(texts=["Sastanak Građanskog društva i Грађанског друштва."])
    assert ("Građanskog društva", "Civil Society") in found
    assert ("Грађанског друштва", "Civil Society") in found
