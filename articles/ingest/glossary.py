"""The words of names across English, Serbian and Russian: a small general glossary.

The archive names its organizations and places in English ("Russian Democratic Society",
"Germany"), and often has no Serbian or Russian name for them. A Serbian or Russian text writes
them in its own words, declined: "Ruskog demokratskog društva", "Российского демократического
общества", "u Nemačkoj", "в Германию". variants.NamesIndex reads such a name word by word, in
order: two words are one when their stems are (Snowball), or when both are forms of one entry
here. The entries are the common vocabulary of institutions' and states' names (kingdom,
society, university, democratic, Russian …) and the names of countries, capitals and rivers of
the region in the three languages: general knowledge, not words taken from any capture.

Serbian is written in Latin: names.py and variants.py fold Cyrillic to Latin before comparing,
so "Руског" and "Ruskog" are alike. Russian is written in Cyrillic, read with Russian's stemmer.
An entry may list several forms of a word where the stemmer leaves them apart (Russian
"русский" and "российский").
"""

import re
from functools import lru_cache

from articles.ingest.spelling import fold_word, stems

# fmt: off
# Words of institutions' and events' names: English | Serbian | Russian.
_WORDS = """
kingdom | kraljevina | королевство
empire | carstvo, imperija | империя
republic | republika | республика
federation | federacija | федерация
union | savez, unija | союз
state, states | država, države | государство, штаты
society | društvo | общество
association | udruženje, asocijacija | ассоциация, объединение
community | zajednica | сообщество, община
house, home | dom, kuća | дом
center, centre | centar | центр
university | univerzitet | университет
school | škola | школа
academy | akademija | академия
institute | institut | институт
library | biblioteka | библиотека
theatre, theater | pozorište, teatar | театр
museum | muzej | музей
church | crkva | церковь, церкви, храм
ministry | ministarstvo | министерство
court | sud | суд
council | savet, veće | совет
committee | odbor, komitet | комитет
party | partija, stranka | партия
army | armija, vojska | армия
movement | pokret | движение
war | rat | война
revolution | revolucija | революция
civil | građanski | гражданский
holy | sveti, sveta, svete | святой, святая
trinity | trojica, trojice | троица
cathedral | saborna crkva, katedrala | собор
monastery | manastir | монастырь
world | svetski | мировой
democratic | demokratski | демократический
orthodox | pravoslavni | православный
national | nacionalni, narodni | национальный, народный
international | međunarodni | международный
independent | nezavisni | независимый
free | slobodni | свободный
new | novi | новый
old | stari | старый
white | beli | белый
red | crveni | красный
higher | viši | высший
supreme | vrhovni | верховный
central | centralni | центральный
interior | unutrašnjih | внутренних
affairs | poslova | дел
foreign | inostranih, spoljnih | иностранных
culture | kulture, kultura | культуры, культура
and | i | и
russian | ruski | русский, российский
serbian | srpski | сербский
ukrainian | ukrajinski | украинский
belarusian | beloruski | белорусский
yugoslav | jugoslovenski | югославский
soviet | sovjetski | советский
european | evropski | европейский
serbs | srbi, srba | сербы, сербов
croats | hrvati, hrvata | хорваты, хорватов
slovenes | slovenci, slovenaca | словенцы, словенцев
russians | rusi, rusa | русские, русских
"""
# Countries, capitals and rivers of the region and of the emigration.
_PLACES = """
germany | nemačka | германия
montenegro | crna gora | черногория
turkey | turska | турция
georgia | gruzija | грузия
armenia | jermenija | армения
kazakhstan | kazahstan | казахстан
uzbekistan | uzbekistan | узбекистан
kyrgyzstan | kirgistan | киргизия, кыргызстан
israel | izrael | израиль
france | francuska | франция
italy | italija | италия
spain | španija | испания
greece | grčka | греция
hungary | mađarska | венгрия
romania | rumunija | румыния
bulgaria | bugarska | болгария
croatia | hrvatska | хорватия
slovenia | slovenija | словения
bosnia | bosna | босния
north macedonia | severna makedonija | северная, македония
macedonia | makedonija | македония
albania | albanija | албания
cyprus | kipar | кипр
austria | austrija | австрия
switzerland | švajcarska | швейцария
poland | poljska | польша
czech republic | češka | чехия
finland | finska | финляндия
estonia | estonija | эстония
latvia | letonija | латвия
lithuania | litvanija | литва
belarus | belorusija | белоруссия
ukraine | ukrajina | украина
russia | rusija | россия
serbia | srbija | сербия
china | kina | китай
united states | sjedinjene države, amerika | соединённые штаты, америка, сша
united kingdom | velika britanija | великобритания
netherlands | holandija | нидерланды, голландия
belgrade | beograd | белград
moscow | moskva | москва
kyiv | kijev | киев
vienna | beč | вена
danube | dunav | дунай
sava | sava | сава
"""
# fmt: on


def _table(text):
    """[(English forms, Serbian forms, Russian forms)] of a table above: each cell's forms are
    parted by commas, and a form may have several words ("crna gora")."""
    rows = []
    for line in text.strip().splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        rows.append(tuple([form.strip() for form in cell.split(",")] for cell in cells))
    return rows


WORDS = _table(_WORDS)
PLACES = _table(_PLACES)
PLACE_NAMES = {english for row in PLACES for english in row[0]}
ROWS = [*WORDS, *PLACES]


def serbian_form(numbers):
    """The first Serbian form of the one entry (a row of ROWS, by number) in `numbers`."""
    return ROWS[next(iter(numbers))][1][0] if len(numbers) == 1 else ""


# The word a saint's city is also called without ("Petersburg", "Петербургу").
SAINT_PREFIXES = {"st", "st.", "saint", "sankt", "санкт", "sveti", "свети"}
# A name "X of Y": its Serbian and Russian make Y an adjective ("Beogradski univerzitet").
OF_NAME = re.compile(r"(\w+) of (\w+)")
# The adjective's ending, after its root: Белградском, beogradskog → Белград, beograd.
ROOT_OF_ADJECTIVE = re.compile(r"(?:sk|ск)[a-zа-яё]{0,4}$")
# A place's generic last word, which the place is also called without ("the Danube").
GENERIC_PLACE_WORDS = {"river", "mountains", "mountain", "island", "islands", "sea", "lake"}
# Words a Serbian or Russian name has no counterpart for (its cases say "of").
ENGLISH_LINKS = {"of", "the"}
# The nation an English name of three words or more opens with, which a Serbian or Russian text
# names it without ("Russian Civil War": Гражданская война, "Russian Holy Trinity Church":
# Црква Свете Тројице) as the text's own country or context says it.
NATION_ADJECTIVES = {"russian", "serbian", "ukrainian", "belarusian", "yugoslav", "soviet"}
# A building's kind, last in English ("Holy Trinity Church") and first in Serbian and Russian
# ("Церковь Святой Троицы", "Crkva Svete Trojice").
BUILDING_WORDS = {"church", "cathedral", "monastery", "chapel", "temple"}


def other_keys(words):
    """The word lists an organization or a place is found by: its name, without a saint's
    "St.", without its generic place word ("Danube River": Danube), without "of" and "the"
    ("Kingdom of Serbs, Croats, and Slovenes": Kraljevina Srba, Hrvata i Slovenaca), and in
    the glossary's other languages (Germany: Nemačka, Германия)."""
    keys = [words]
    if len(words) > 1 and words[0].lower() in SAINT_PREFIXES:
        keys.append(words[1:])
    if len(words) > 1 and words[-1].lower() in GENERIC_PLACE_WORDS:
        keys.append(words[:-1])
    linked = [w for w in words if w.lower() not in ENGLISH_LINKS]
    if len(words) > 2 and 1 < len(linked) < len(words):
        keys.append(linked)
    if len(words) > 2 and words[0].lower() in NATION_ADJECTIVES:
        keys.append(words[1:])
    for key in list(keys):
        if len(key) > 2 and key[-1].lower() in BUILDING_WORDS:
            keys.append([key[-1], *key[:-1]])
    for key in list(keys):
        # a name of several words ("Crna Gora"); one word is matched as a synonym, by the
        # very stem (glossary_entries), as a looser match takes the demonym (Сербская: Serbia)
        keys += [form.split() for form in glossary_forms(" ".join(key)) if " " in form]
    acronym = glossary_acronym(linked[1:])
    if acronym:  # "Kingdom of Serbs, Croats, and Slovenes": Краљевина СХС
        keys.append([linked[0], acronym])
    return [k for k in keys if k]


def exact_entries(word):
    """The glossary entries with a form spelt as `word` (Serbs: serbs, not serbian)."""
    folded = fold_word(word)
    return {
        n
        for n in glossary_entries(stems(word))
        if any(fold_word(f) == folded for language in ROWS[n] for f in language)
    }


def glossary_acronym(words):
    """The Serbian initials of words the glossary knows ("Serbs, Croats, and Slovenes": SHS,
    as Srbi, Hrvati, Slovenci; in Cyrillic СХС), or "" when it does not know them all."""
    words = [w for w in words if fold_word(w) not in ("and", "i")]
    if len(words) < 3:
        return ""
    serbian = [serbian_form(exact_entries(w) or glossary_entries(stems(w))) for w in words]
    return "".join(w[0] for w in serbian).upper() if all(serbian) else ""


@lru_cache(maxsize=1)
def _glossary():
    """(single-word forms as (stems, entry), {English name: its forms in the other two})."""
    single, names = [], {}
    for number, row in enumerate(ROWS):
        for language in row:
            for form in language:
                if " " not in form:
                    single.append((stems(form), fold_word(form), number))
        for english in row[0]:
            names[english] = [f for language in row[1:] for f in language]
    return single, names


def glossary_forms(name):
    """The glossary's Serbian and Russian names for a place's English `name` ("Montenegro":
    Crna Gora, Черногория)."""
    return _glossary()[1].get(name.lower(), []) if name.lower() in PLACE_NAMES else []


@lru_cache(maxsize=4096)
def glossary_entries(word_stems):
    """The glossary entries a word (its stems()) is a form of: by the very stem, not one a
    letter or two longer, as a country and its adjective differ by as little (Россия,
    Российского; Beograd, beogradski); a short word by its spelling."""
    keys = set(word_stems)
    folded = {x for _, x in word_stems}
    return frozenset(
        number
        for form_stems, spelling, number in _glossary()[0]
        if any(len(x) >= 3 and (kind, x) in keys for kind, x in form_stems)
        or len(spelling) <= 3
        and spelling in folded
    )
