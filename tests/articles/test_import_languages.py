"""Importing Serbian and Russian captures through the admin form, and odd input."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.ingest.language import identify
from articles.models import Article
from people.models import Person
from tests.helpers import messages_of

pytestmark = pytest.mark.django_db

SERBIAN = """Početna | Vesti | Grad
Podeli na Facebook
Ribari sa Ade dobili novo pristanište
Autor: Nevena Ristić
11.09.2023. 09:30
Gradska uprava je posle dve godine čekanja završila drveno pristanište na obali reke, koje koriste ribari i veslači.
„Ovo smo tražili deset godina“, rekao je predsednik udruženja ribara Zoran Mitić. „Sada konačno imamo gde da vežemo čamce.“
Mitić kaže da će udruženje leti organizovati i časove pecanja za decu.
— Prijave počinju u maju — rekla je sekretarka udruženja Ljiljana Perić.
Pročitajte još: Novi most biće završen do proleća
© 2023 Rečni Glasnik. Sva prava zadržana.
"""
RUSSIAN = """Главная
Поделиться
На набережной Панчево открыли лодочную станцию
Автор: Ксения Орлова
4 сентября 2023
Городские власти после двух лет ожидания открыли на берегу реки деревянную пристань для рыбаков и гребцов.
«Мы добивались этого десять лет», — сказал председатель клуба рыболовов Степан Ершов.
— Весной начнём занятия для детей, — добавила секретарь клуба Вера Лосева.
Читайте также: мост достроят к весне
Источник: Речной вестник
"""


def url(name, article=None):
    return reverse(f"review:{name}", args=[article.slug] if article else [])


def test_a_serbian_capture_becomes_a_draft_with_proposed_metadata_and_speakers(admin_client):
    response = admin_client.post(url("import"), {"text": SERBIAN, "name": "ada.txt"}, follow=True)

    article = Article.objects.get()
    assert article.state == Article.State.DRAFT
    assert article.language == "sr"
    assert article.title == "Ribari sa Ade dobili novo pristanište"
    assert article.byline == "Autor: Nevena Ristić"
    assert article.published == datetime.date(2023, 9, 11)
    assert article.outlet.name == "Rečni Glasnik"
    said = messages_of(response)
    assert any("Language: Serbian (sr" in m for m in said)
    assert (
        "ada.txt: New media outlet “Rečni Glasnik”, from “© 2023 Rečni Glasnik. Sva prava "
        "zadržana.”." in said
    )
    quotes = {q.text.strip(" ,"): q.speaker_note for q in article.quotes.all()}
    assert quotes == {
        "Ovo smo tražili deset godina": "Zoran Mitić",
        "Sada konačno imamo gde da vežemo čamce.": "Zoran Mitić",
        "Prijave počinju u maju": "Ljiljana Perić",
    }
    assert not article.paragraphs.filter(text__contains="Pročitajte").filter(kind="body").exists()


def test_a_russian_capture_quotes_go_to_the_archive_s_people(admin_client):
    ershov = Person.objects.create(name="Stepan Yershov", slug="stepan-yershov")
    ershov.aliases.create(name="Степан Ершов")

    admin_client.post(url("import"), {"text": RUSSIAN, "name": "pancevo.txt"}, follow=True)

    article = Article.objects.get()
    assert article.language == "ru"
    assert article.title == "На набережной Панчево открыли лодочную станцию"
    assert article.published == datetime.date(2023, 9, 4)
    assert article.outlet.name == "Речной вестник"
    speakers = {q.text.strip(" ,"): (q.speaker, q.speaker_note) for q in article.quotes.all()}
    assert speakers["Мы добивались этого десять лет"] == (ershov, "")
    assert speakers["Весной начнём занятия для детей"] == (None, "Вера Лосева")


DECLINED = """Preskoči na sadržaj
Vesnik Zapadnog Kraja
Početna » Grad » Zemun
Pekara na keju dobila novog vlasnika
Piše: Tijana Lukić | 03.10.2024. 08:15
Posle trideset godina rada, porodična pekara na keju prešla je u ruke bivšeg kuvara iz Tvera.
Razgovarali smo sa novom vlasnicom Jelenom Smirnovom, koja je u grad stigla pre dve godine.
„Hleb ostaje isti, menjamo samo radno vreme“, kaže Smirnova.
© 2024 Vesnik Zapadnog Kraja. Sva prava zadržana.
"""


def test_breadcrumbs_and_masthead_stay_out_and_a_declined_speaker_is_named_in_full(admin_client):
    admin_client.post(url("import"), {"text": DECLINED, "name": "kej.txt"}, follow=True)

    article = Article.objects.get()
    assert article.title == "Pekara na keju dobila novog vlasnika"
    assert article.byline == "Piše: Tijana Lukić"
    assert article.published == datetime.date(2024, 10, 3)
    assert article.outlet.name == "Vesnik Zapadnog Kraja"
    assert not article.paragraphs.filter(kind="body", text__contains="»").exists()
    (quote,) = article.quotes.all()
    assert quote.speaker_note == "Jelena Smirnova"


@pytest.mark.parametrize(
    "name, data, said",
    [
        ("empty.txt", b"", "empty.txt: the file is empty."),
        (
            "blob.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00" * 20,
            "blob.txt: the file is binary (it contains NUL bytes), not text.",
        ),
        (
            "menu.txt",
            "Početna\nPodeli\nКомментарии (3)\n© 2023 Neki Portal\n".encode(),
            "menu.txt: no article text found: every line looks like site furniture, a caption, a "
            "credit or a note.",
        ),
    ],
)
def test_odd_files_are_refused_with_a_message_and_nothing_written(admin_client, name, data, said):
    response = admin_client.post(
        url("import"), {"files": [SimpleUploadedFile(name, data)]}, follow=True
    )

    assert response.status_code == 200
    assert said in messages_of(response)
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "Tekst bez navodnika\nOvo je članak bez ijednog citata, samo obična rečenica o gradu i reci.\n",
        "Смешано pismo\nOvaj tekst miješa латиницу и ћирилицу u istoj rečenici, bez navodnika.\n",
        "— Тире без глагола в начале строки, и дальше обычный текст без кавычек.\n",
    ],
)
def test_captures_without_quotes_or_in_mixed_scripts_import_without_error(admin_client, text):
    response = admin_client.post(url("import"), {"text": text}, follow=True)

    assert response.status_code == 200
    article = Article.objects.get()
    assert article.quotes.count() == 0
    assert article.language in ("sr", "ru")


def test_identify_needs_some_letters():
    assert identify("12.03. — 7") == ("", 0.0)
    assert identify("The ferry leaves the harbour an hour later from next Monday on.")[0] == "en"


def test_the_review_screen_shows_the_detected_language(admin_client):
    response = admin_client.post(url("import"), {"text": RUSSIAN, "name": "p.txt"}, follow=True)

    assert "<dt>Language</dt><dd>ru</dd>" in response.content.decode()
