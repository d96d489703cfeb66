"""The words the importer's rules read, per language: speech verbs, pronouns, their gender.

One module shared by the segmenter and the quote extractor, so that a language is added in
one place. The lists are general vocabulary of the languages (the common ways a reporter
writes "said"), not words taken from any text in the archive. Serbian is listed in both
scripts: the Cyrillic forms are the Latin ones transliterated, so the two never drift apart.

Over 400 lines: word lists of three languages, one table per kind of word (speech verbs,
pronouns, role nouns, case endings); split per language, every rule would import three
modules to read one kind of word.
"""

import re

MASCULINE, FEMININE = "m", "f"

# English: the tense and person forms a reporter uses around a quote.
ENGLISH_SPEECH_VERBS = set(
    """
said says say saying told tells tell telling explains explained explaining adds added adding
recalls recalled recalling asks asked asking replies replied replying answered answers laughs
laughed laughing jokes joked joking boasts boasted continues continued argues argued believes
thinks notes noted insists insisted admits admitted quipped quips remarked remarks asserted
asserts writes wrote declared declares claims claimed warned warns stressed recounted recounts
sighs sighed shouted shouts yells yelled whispered whispers exclaimed exclaims agrees agreed
confides confided concedes conceded acknowledged acknowledges suggested suggests observed
observes describes described intoned intones sang sings reads posted tweeted chanted muses
mused states stated comments commented complained complains confesses confessed urged urges
predicted predicts countered counters disagrees disagreed responded responds
called calls promised promises wondered wonders mocked announced announces
smiles smiled shrugs shrugged nods nodded reflects reflected concludes concluded
""".split()
)

# Serbian (Latin): the present (kaže, navodi) has no gender; the past participle does
# (rekao / rekla), and carries the speaker's gender to the pronoun rules.
# fmt: off
SERBIAN_GENDERED = {
    # stem: (masculine, feminine)
    "reći": ("rekao", "rekla"), "kazati": ("kazao", "kazala"),
    "objasniti": ("objasnio", "objasnila"), "dodati": ("dodao", "dodala"),
    "istaći": ("istakao", "istakla"), "naglasiti": ("naglasio", "naglasila"),
    "navesti": ("naveo", "navela"), "izjaviti": ("izjavio", "izjavila"),
    "ispričati": ("ispričao", "ispričala"), "odgovoriti": ("odgovorio", "odgovorila"),
    "pitati": ("pitao", "pitala"), "primetiti": ("primetio", "primetila"),
    "zaključiti": ("zaključio", "zaključila"), "potvrditi": ("potvrdio", "potvrdila"),
    "poručiti": ("poručio", "poručila"), "prisetiti se": ("prisetio", "prisetila"),
    "napisati": ("napisao", "napisala"), "objaviti": ("objavio", "objavila"),
    "upozoriti": ("upozorio", "upozorila"), "obećati": ("obećao", "obećala"),
    "priznati": ("priznao", "priznala"), "napomenuti": ("napomenuo", "napomenula"),
    "pojasniti": ("pojasnio", "pojasnila"), "nastaviti": ("nastavio", "nastavila"),
    "požaliti se": ("požalio", "požalila"), "našaliti se": ("našalio", "našalila"),
    "uveriti": ("uverio", "uverila"), "precizirati": ("precizirao", "precizirala"),
    "otkriti": ("otkrio", "otkrila"), "govoriti": ("govorio", "govorila"),
    "pričati": ("pričao", "pričala"), "uzvratiti": ("uzvratio", "uzvratila"),
    "složiti se": ("složio", "složila"), "prokomentarisati": ("prokomentarisao",
                                                             "prokomentarisala"),
}
# fmt: on
SERBIAN_PRESENT = set(
    """
kaže kažu govori govore objašnjava objašnjavaju dodaje dodaju navodi navode ističe ističu
naglašava naglašavaju priča pričaju tvrdi tvrde pita pitaju odgovara odgovaraju smatra
smatraju poručuje poručuju priseća prisećaju izjavljuje piše pišu ocenjuje ocenjuju
priznaje napominje pojašnjava zaključuje nastavlja šali smeje veli uverava otkriva
""".split()
)

# Russian: the past tense marks gender (сказал / сказала); the present does not.
# fmt: off
RUSSIAN_GENDERED = {
    "сказать": ("сказал", "сказала"), "рассказать": ("рассказал", "рассказала"),
    "отметить": ("отметил", "отметила"), "добавить": ("добавил", "добавила"),
    "объяснить": ("объяснил", "объяснила"), "пояснить": ("пояснил", "пояснила"),
    "заявить": ("заявил", "заявила"), "подчеркнуть": ("подчеркнул", "подчеркнула"),
    "признаться": ("признался", "призналась"), "ответить": ("ответил", "ответила"),
    "спросить": ("спросил", "спросила"), "вспомнить": ("вспомнил", "вспомнила"),
    "вспоминать": ("вспоминал", "вспоминала"), "говорить": ("говорил", "говорила"),
    "рассказывать": ("рассказывал", "рассказывала"), "уточнить": ("уточнил", "уточнила"),
    "написать": ("написал", "написала"), "пообещать": ("пообещал", "пообещала"),
    "предупредить": ("предупредил", "предупредила"), "сообщить": ("сообщил", "сообщила"),
    "заметить": ("заметил", "заметила"), "признать": ("признал", "признала"),
    "продолжить": ("продолжил", "продолжила"), "возразить": ("возразил", "возразила"),
    "поделиться": ("поделился", "поделилась"), "пошутить": ("пошутил", "пошутила"),
    "воскликнуть": ("воскликнул", "воскликнула"), "посетовать": ("посетовал", "посетовала"),
    "подытожить": ("подытожил", "подытожила"), "заверить": ("заверил", "заверила"),
    "согласиться": ("согласился", "согласилась"), "пожаловаться": ("пожаловался",
                                                                   "пожаловалась"),
    "улыбнуться": ("улыбнулся", "улыбнулась"), "подчёркнуть": ("подчёркнул", "подчёркнула"),
    "прокомментировать": ("прокомментировал", "прокомментировала"),
}
# fmt: on
RUSSIAN_PRESENT = set(
    """
говорит говорят рассказывает рассказывают объясняет объясняют отмечает отмечают добавляет
добавляют поясняет поясняют вспоминает вспоминают признаётся признается уверяет уверяют
считает считают пишет пишут утверждает утверждают жалуется жалуются спрашивает
замечает подчёркивает подчеркивает уточняет делится шутит смеётся смеется улыбается
продолжает соглашается возражает сетует резюмирует рассуждает предупреждает обещает
""".split()
)

# fmt: off
LATIN_TO_CYRILLIC = [
    ("lj", "љ"), ("nj", "њ"), ("dž", "џ"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"),
    ("d", "д"), ("đ", "ђ"), ("e", "е"), ("ž", "ж"), ("z", "з"), ("i", "и"), ("j", "ј"),
    ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"),
    ("s", "с"), ("t", "т"), ("ć", "ћ"), ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "ц"),
    ("č", "ч"), ("š", "ш"),
]
# fmt: on


def to_serbian_cyrillic(word):
    """A Serbian Latin word in Cyrillic (digraphs first: lj, nj, dž)."""
    out, i, word = [], 0, word.lower()
    while i < len(word):
        for latin, cyrillic in LATIN_TO_CYRILLIC:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def _gendered(pairs):
    genders = {}
    for masculine, feminine in pairs.values():
        genders[masculine], genders[feminine] = MASCULINE, FEMININE
    return genders


SERBIAN_VERB_GENDER = _gendered(SERBIAN_GENDERED)
SERBIAN_VERB_GENDER.update(
    {to_serbian_cyrillic(w): g for w, g in list(SERBIAN_VERB_GENDER.items())}
)
SERBIAN_SPEECH_VERBS = (
    set(SERBIAN_VERB_GENDER) | SERBIAN_PRESENT | {to_serbian_cyrillic(w) for w in SERBIAN_PRESENT}
)
RUSSIAN_VERB_GENDER = _gendered(RUSSIAN_GENDERED)
RUSSIAN_SPEECH_VERBS = set(RUSSIAN_VERB_GENDER) | RUSSIAN_PRESENT

SPEECH_VERBS = {
    "en": ENGLISH_SPEECH_VERBS,
    "sr": SERBIAN_SPEECH_VERBS,
    "ru": RUSSIAN_SPEECH_VERBS,
}
ALL_SPEECH_VERBS = set().union(*SPEECH_VERBS.values())
VERB_GENDER = {**SERBIAN_VERB_GENDER, **RUSSIAN_VERB_GENDER}

# Third-person singular pronouns and their gender; "on"/"ona" are Serbian Latin, the
# Cyrillic "он"/"она" serve both Serbian and Russian.
PRONOUN_GENDER = {
    "he": MASCULINE,
    "she": FEMININE,
    "on": MASCULINE,
    "ona": FEMININE,
    "он": MASCULINE,
    "она": FEMININE,
}
# "on" is an English preposition: the Latin Serbian pronouns are read only in Serbian text.
PRONOUN = re.compile(r"(?<!\w)(?:he|she|He|She|он|она|Он|Она)(?!\w)")
SERBIAN_PRONOUN = re.compile(r"(?<!\w)(?:he|she|He|She|он|она|Он|Она|on|ona|On|Ona)(?!\w)")


# Occupations and roles a reporter puts before a name ("Актёр Кирилл Морозов", "glumac Kiril
# Morozov", "Actor Kirill Morozov"): capitalised at a sentence's start, never part of the name.
ENGLISH_ROLE_NOUNS = set(
    """
actor actress director producer writer author poet painter artist singer musician composer
dancer photographer journalist reporter editor professor teacher student researcher scientist
engineer programmer developer designer architect doctor lawyer priest officer soldier
activist founder owner manager chef waiter bartender driver entrepreneur businessman
businesswoman mayor minister president chairman chairwoman coach player volunteer blogger
violinist pianist guitarist drummer cellist bassist conductor curator librarian carpenter
electrician plumber baker butcher farmer fisherman nurse pharmacist dentist surgeon
psychologist sociologist historian economist analyst expert spokesman spokeswoman
spokesperson ambassador diplomat lawmaker senator governor councillor councilor official
organizer organiser coordinator translator interpreter teacher principal headmaster pensioner
retiree landlord landlady tenant neighbour neighbor colleague shopkeeper cashier barista
""".split()
)
SERBIAN_ROLE_NOUNS = set(
    """
glumac glumica reditelj rediteljka režiser režiserka producent producentkinja pisac
spisateljica književnik književnica pesnik pesnikinja slikar slikarka umetnik umetnica pevač
pevačica muzičar muzičarka kompozitor kompozitorka fotograf fotografkinja novinar novinarka
urednik urednica profesor profesorka nastavnik nastavnica učitelj učiteljica student
studentkinja istraživač istraživačica inženjer inženjerka programer programerka dizajner
dizajnerka arhitekta lekar lekarka advokat advokatica sveštenik aktivista aktivistkinja
osnivač osnivačica vlasnik vlasnica menadžer kuvar konobar konobarica vozač preduzetnik
preduzetnica gradonačelnik gradonačelnica ministar ministarka predsednik predsednica trener
igrač volonter blogerka bloger direktor direktorka sekretar sekretarka
violinista violinistkinja pijanista pijanistkinja gitarista gitaristkinja bubnjar bubnjarka
violončelista violončelistkinja dirigent dirigentkinja kustos kustoskinja bibliotekar
bibliotekarka stolar električar vodoinstalater pekar pekarka mesar poljoprivrednik ribar
medicinska sestra farmaceut stomatolog hirurg psiholog psihološkinja sociolog istoričar
istoričarka ekonomista analitičar analitičarka stručnjak stručnjakinja portparol
portparolka ambasador ambasadorka diplomata poslanik poslanica odbornik odbornica
organizator organizatorka koordinator koordinatorka prevodilac prevoditeljka penzioner
penzionerka stanodavac stanodavka stanar stanarka komšija komšinica kolega koleginica
prodavac prodavačica trgovac kasirka barista sagovornik sagovornica predstavnik predstavnica
član članica meštanin meštanka suvlasnik suvlasnica
""".split()
)
RUSSIAN_ROLE_NOUNS = set(
    """
актёр актер актриса режиссёр режиссер продюсер писатель писательница поэт поэтесса художник
художница певец певица музыкант композитор танцор фотограф журналист журналистка редактор
профессор преподаватель преподавательница учитель учительница студент студентка
исследователь учёный ученый инженер программист разработчик дизайнер архитектор врач адвокат
священник активист активистка основатель основательница владелец владелица менеджер повар
официант официантка водитель предприниматель предпринимательница мэр министр президент
председатель тренер игрок волонтёр волонтер блогер директор секретарь
скрипач скрипачка пианист пианистка гитарист гитаристка барабанщик барабанщица виолончелист
виолончелистка дирижёр дирижер куратор библиотекарь библиотекарша плотник столяр электрик
сантехник пекарь мясник фермер рыбак медсестра фармацевт стоматолог хирург психолог социолог
историк экономист аналитик эксперт политолог представитель представительница посол дипломат
депутат организатор организаторка координатор переводчик переводчица пенсионер пенсионерка
арендодатель арендатор сосед соседка коллега продавец продавщица кассир кассирша бариста
собеседник собеседница член жительница житель совладелец совладелица хозяин хозяйка
звукорежиссёр звукорежиссер корреспондент корреспондентка
""".split()
)
# Kin, who a text names the same way ("её муж Андрей", "njen sin Luka", "her husband Andrei").
ENGLISH_KIN = set("husband wife son daughter brother sister father mother".split())
SERBIAN_KIN = set("muž žena suprug supruga sin ćerka kći brat sestra otac majka".split())
RUSSIAN_KIN = set("муж жена супруг супруга сын дочь брат сестра отец мать".split())
ROLE_NOUNS = (
    ENGLISH_ROLE_NOUNS
    | SERBIAN_ROLE_NOUNS
    | RUSSIAN_ROLE_NOUNS
    | {to_serbian_cyrillic(w) for w in SERBIAN_ROLE_NOUNS}
    | ENGLISH_KIN
    | SERBIAN_KIN
    | RUSSIAN_KIN
    | {to_serbian_cyrillic(w) for w in SERBIAN_KIN}
)


# A role noun's gender, by its ending in the nominative: "предприниматель", "glumac" a man's,
# "журналистка", "glumica", "поэтесса" a woman's; "коллега", "barista" either.
_FEMININE_ROLE = re.compile(r"(?:ка|ица|иня|есса|иса|ша|ka|ica|inja|kinja)$")
_MASCULINE_ROLE = re.compile(r"[^aeiouаеёиоуыэюяьй]$|[ьй]$")


_FEMININE_KIN = set(
    "wife daughter sister mother žena supruga ćerka kći sestra majka жена супруга "
    "дочь сестра мать жена ћерка кћи мајка".split()
)
_MASCULINE_KIN = set(
    "husband son brother father muž suprug sin brat otac муж супруг сын брат отец "
    "муж син отац".split()
)


def role_gender(word):
    """MASCULINE / FEMININE for a role noun in the nominative whose ending shows it (or a kin
    word: "муж", "žena"), else None."""
    lower = word.lower()
    if lower in _FEMININE_KIN:
        return FEMININE
    if lower in _MASCULINE_KIN:
        return MASCULINE
    if lower not in ROLE_NOUNS:
        return None
    if _FEMININE_ROLE.search(lower):
        return FEMININE
    return MASCULINE if _MASCULINE_ROLE.search(lower) else None


# Endings a role noun takes in another case ("sa koleginicom", "с куратором").
# fmt: off
ROLE_CASE_ENDINGS = ("om", "em", "u", "a", "e", "i", "oj", "ом", "ем", "у", "ю", "а", "я", "е",
                     "и", "ы", "ой", "ей", "ым", "ој")
# fmt: on


def is_role_noun(word):
    """An occupation or role, in any case: "Glumac", "koleginicom", "Куратору"."""
    lower = word.lower()
    if lower in ROLE_NOUNS:
        return True
    for ending in ROLE_CASE_ENDINGS:
        stem = lower[: -len(ending)]
        if lower.endswith(ending) and len(stem) >= 3:
            if stem in ROLE_NOUNS or any(stem + v in ROLE_NOUNS for v in ("a", "а", "я", "ь")):
                return True
    return False


# Serbian and Russian prepositions, conjunctions and pronouns that open a sentence before a
# name ("Sa Jankovićem …", "По словам Лаптева …"): capitalised there, never part of the name.
# fmt: off
_SERBIAN_FUNCTION_WORDS = ["sa", "s", "u", "na", "od", "do", "za", "po", "prema", "kod", "i", "a",
                           "ali", "iz", "o", "pa", "ni", "ne", "uz", "kao", "kako", "posle",
                           "pre", "tokom", "njegov", "njegova", "njen", "njena", "on", "ona",
                           "kada", "kad", "dok", "ako", "iako", "jer", "gde", "tada", "sada",
                           "još", "već", "i", "takođe", "ovde", "tu", "zato", "njihov", "njihova",
                           "sam", "sama", "sami", "samo"]
_RUSSIAN_FUNCTION_WORDS = ["в", "во", "с", "со", "к", "ко", "о", "об", "от", "для", "без", "при",
                           "через", "по", "но", "и", "а", "как", "у", "на", "из", "за", "после",
                           "его", "её", "ее", "их", "он", "она", "мы", "это", "среди", "когда",
                           "где", "если", "пока", "хотя", "чтобы", "потому", "также", "тогда",
                           "теперь", "здесь", "там", "ещё", "еще", "уже", "даже", "только",
                           "поэтому", "зато", "или", "да", "над", "под", "перед", "между",
                           "сам", "сама", "сами", "само"]
# fmt: on
SLAVIC_FUNCTION_WORDS = {
    w.capitalize()
    for w in _SERBIAN_FUNCTION_WORDS
    + [to_serbian_cyrillic(w) for w in _SERBIAN_FUNCTION_WORDS]
    + _RUSSIAN_FUNCTION_WORDS
}


def pronoun_pattern(language):
    return SERBIAN_PRONOUN if (language or "").startswith(("sr", "hr", "bs")) else PRONOUN


# The Serbian auxiliary between a participle and its subject: "rekao je Marko".
AUXILIARIES = {"je", "su", "је", "су"}

# Endings that mark a feminine Slavic surname or first name (Volkova, Petrovska, Ирина);
# names are folded to lower case first.
FEMININE_ENDINGS = (
    "ova",
    "eva",
    "ina",
    "ska",
    "cka",
    "aya",
    "aja",
    "ова",
    "ева",
    "ёва",
    "ина",
    "ская",
    "цкая",
    "ая",
)
FEMININE_FIRST_ENDINGS = ("a", "а", "я")
MASCULINE_EXCEPTIONS = {
    "nikita",
    "ilya",
    "ilja",
    "никита",
    "илья",
    "саша",
    "sasha",
    "saša",
    "миша",
    "misha",
    "kolya",
    "коля",
    "luka",
    "лука",
    "foma",
    "фома",
    # Serbian men's names in -a
    "ilija",
    "илија",
    "andrija",
    "андрија",
    "nikola",
    "никола",
    "sava",
    "сава",
    "kosta",
    "коста",
}


# Case endings of Serbian and Russian personal names, and the nominative ending that replaces
# each: (oblique ending, nominative ending, the gender the pair marks). "sa Snežanom" is
# Snežana, "Draganu" Dragan, "Игорю" Игорь, "Соколовой" Соколова, "Семёна" Семён. A word can
# fit several rows; the text decides (names.py: a bare surname elsewhere, a verb's gender).
# fmt: off
_LATIN_CASES = [
    ("ićem", "ić", MASCULINE), ("iću", "ić", MASCULINE), ("ića", "ić", MASCULINE),
    ("om", "a", FEMININE), ("oj", "a", FEMININE), ("e", "a", FEMININE), ("i", "a", FEMININE),
    ("u", "a", FEMININE),
    ("om", "", MASCULINE), ("em", "", MASCULINE), ("im", "", MASCULINE), ("u", "", MASCULINE),
    ("a", "", MASCULINE),
    ("om", "o", MASCULINE), ("u", "o", MASCULINE), ("a", "o", MASCULINE),
]
_CYRILLIC_CASES = [
    ("ићем", "ић", MASCULINE), ("ићу", "ић", MASCULINE), ("ића", "ић", MASCULINE),
    ("ой", "а", FEMININE), ("ою", "а", FEMININE), ("ом", "а", FEMININE), ("ој", "а", FEMININE),
    ("ей", "я", FEMININE), ("е", "а", FEMININE), ("ы", "а", FEMININE), ("и", "а", FEMININE),
    ("и", "я", FEMININE), ("у", "а", FEMININE), ("ю", "я", FEMININE),
    ("ым", "", MASCULINE), ("им", "", MASCULINE), ("ом", "", MASCULINE), ("ём", "", MASCULINE), ("ем", "", MASCULINE),
    ("ем", "ь", MASCULINE), ("ем", "й", MASCULINE), ("у", "", MASCULINE), ("ю", "ь", MASCULINE),
    ("ю", "й", MASCULINE), ("а", "", MASCULINE), ("я", "ь", MASCULINE), ("я", "й", MASCULINE),
    ("е", "", MASCULINE), ("ом", "о", MASCULINE), ("у", "о", MASCULINE), ("а", "о", MASCULINE),
]
# Surnames declined as adjectives: Зеремского, Вишневской, Zeremskog → -ский / -ская / -ski.
_ADJECTIVE_CASES = [
    ("ского", "ский", MASCULINE), ("скому", "ский", MASCULINE), ("ским", "ский", MASCULINE),
    ("ском", "ский", MASCULINE), ("цкого", "цкий", MASCULINE), ("цкому", "цкий", MASCULINE),
    ("цким", "цкий", MASCULINE), ("ской", "ская", FEMININE), ("скую", "ская", FEMININE),
    ("цкой", "цкая", FEMININE), ("ског", "ски", MASCULINE), ("ском", "ски", MASCULINE),
    ("skog", "ski", MASCULINE), ("skom", "ski", MASCULINE), ("skim", "ski", MASCULINE),
    ("ske", "ska", FEMININE), ("skoj", "ska", FEMININE), ("sku", "ska", FEMININE),
]
# fmt: on
CASE_ENDINGS = _ADJECTIVE_CASES + _LATIN_CASES + _CYRILLIC_CASES
# A Russian patronymic, the one middle word of a name of three (Иван Петрович Сидоров).
PATRONYMIC = re.compile(r"(?:ович|евич|овна|евна|ична|ovich|evich|ovna|evna|ovič|evič)$")
# First names and surnames that end so only in an oblique case: never a nominative.
OBLIQUE_ONLY = ("om", "oj", "em", "ой", "ей", "ом", "ој", "ем", "ым", "ою")
# A Serbian surname in -ić is declined for a man (Petroviću) and never for a woman: beside an
# undeclined one, a first name in one of these endings is a woman's in another case.
INDECLINABLE_FEMININE = ("ić", "ић")
FEMININE_OBLIQUE = ("om", "oj", "i", "u", "ом", "ој", "и", "у")


def verb_gender(word, shaped=False):
    """MASCULINE / FEMININE when a speech verb marks its speaker's gender, else None. With
    `shaped`, where the position already says the word is a verb, its ending decides too."""
    listed = VERB_GENDER.get(word.lower())
    if listed or not shaped or not verb_shaped(word):
        return listed
    return ending_gender(word.lower())


# -- verbs and names known by their endings (Russian, Serbian) ---------------------------
# A lower-case word right after the dash or comma that closes direct speech ("— …, — усмехнулся
# он", "„…“, dobacio je") or right before the colon that opens it ("кричит: «…»") is a verb of
# speech or manner whatever its lemma: the position says so, so the lists above need not hold
# every verb. The ending says that it is a verb, and its speaker's gender in the past tense.
# Russian: past tense (-л, -ла, -лся, -лась), third-person present (-ет, -ит, -ется, -ится, …).
RUSSIAN_PAST_ENDINGS = re.compile(r"[аеёиоуыя](?:л|ла|лся|лась|ли|лись)$")
RUSSIAN_PRESENT_ENDINGS = re.compile(
    r"(?:[аеёиоуя]е?т|[иё]т|[аеёиоуя]е?тся|[иё]тся|[уюая]т|[уюая]тся)$"
)
# Serbian: the past participle (-ao, -eo, -io, -uo / -la) and present forms in -uje, -iše, -ava.
SERBIAN_PARTICIPLE_ENDINGS = re.compile(r"(?:[aeiou]o|la|[аеиоу]о|ла)$")
SERBIAN_PRESENT_ENDINGS = re.compile(r"(?:uje|uju|iše|išu|ava|avaju|ује|ују|ише|ишу|ава|авају)$")
_FEMININE_VERB = re.compile(r"(?:ла|лась|la)$")
_MASCULINE_VERB = re.compile(r"(?:[аеёиоуыя]л|лся|[aeiou]o|[аеиоу]о)$")


def verb_shaped(word):
    """Does a lower-case Russian or Serbian word end as a finite verb or a past participle?"""
    if len(word) < 4 or not word[:1].islower():
        return False
    return any(
        pattern.search(word)
        for pattern in (
            RUSSIAN_PAST_ENDINGS,
            RUSSIAN_PRESENT_ENDINGS,
            SERBIAN_PARTICIPLE_ENDINGS,
            SERBIAN_PRESENT_ENDINGS,
        )
    )


def ending_gender(verb):
    """The speaker's gender a past-tense verb's ending shows (сказала, dobacio), else None."""
    if _FEMININE_VERB.search(verb):
        return FEMININE
    if _MASCULINE_VERB.search(verb):
        return MASCULINE
    return None


# A bare surname shows its bearer's gender too (Орлова, Orlov; Vuković shows none: -ić is
# either).
_MASCULINE_SURNAME = re.compile(r"(?:ov|ev|in|ski|ij|ий|ов|ев|ёв|ин|ский|цкий|ой)$")

# Serbian writes a fleeting "a" in the nominative of a man's name that its other cases drop:
# Aleksandra, Petra → Aleksandar, Petar (a Russian Aleksandr keeps none).
SERBIAN_FLEETING_A = re.compile(r"(?<=[bdgkptvzсбдгкптвз])([rр])$")


def serbian_nominative(word):
    """A Serbian man's name with the fleeting "a" its nominative has: Aleksandr → Aleksandar."""
    return SERBIAN_FLEETING_A.sub(lambda m: ("a" if m.group(1) == "r" else "а") + m.group(1), word)


def name_gender(name):
    """The gender a Slavic name shows by its ending, or None (English names show none)."""
    words = [w.lower() for w in name.split()]
    if not words:
        return None
    first, last = words[0], words[-1]
    if len(words) == 1:
        if first in MASCULINE_EXCEPTIONS:
            return MASCULINE
        if first.endswith(FEMININE_ENDINGS):
            return FEMININE
        # a short name in -in is not a surname (Lin, Kin)
        return MASCULINE if len(first) >= 5 and _MASCULINE_SURNAME.search(first) else None
    if len(words) >= 2 and last.endswith(FEMININE_ENDINGS):
        return FEMININE
    if len(words) >= 2 and re.search(r"(?:ov|ev|in|ski|ić|ич|ић|ий|ов|ев|ин|ский)$", last):
        if first.endswith(FEMININE_FIRST_ENDINGS) and first not in MASCULINE_EXCEPTIONS:
            return FEMININE
        return MASCULINE
    return None


# -- page furniture and metadata, for the segmenter ---------------------------------------

# Month names as dates print them: English, Serbian (nominative and genitive, both scripts),
# Russian (genitive, as in "12 мая").
# fmt: off
_SERBIAN_MONTHS = [("januar", "januara"), ("februar", "februara"), ("mart", "marta"),
                   ("april", "aprila"), ("maj", "maja"), ("jun", "juna", "juni"),
                   ("jul", "jula", "juli"), ("avgust", "avgusta"), ("septembar", "septembra"),
                   ("oktobar", "oktobra"), ("novembar", "novembra"), ("decembar", "decembra")]
# fmt: on
_RUSSIAN_MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
SLAVIC_MONTHS = {}
for _number, _forms in enumerate(_SERBIAN_MONTHS, 1):
    for _form in _forms:
        SLAVIC_MONTHS[_form] = SLAVIC_MONTHS[to_serbian_cyrillic(_form)] = _number
for _number, _form in enumerate(_RUSSIAN_MONTHS, 1):
    SLAVIC_MONTHS[_form] = _number

ROMAN_MONTHS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def slavic_month(word):
    """The month a Serbian or Russian date names: "marta", "мая", the abbreviations "мар",
    "sept", "okt." (a prefix of one month's names only), or a Roman numeral ("14. III 2024.")."""
    word = word.lower().rstrip(".")
    if word in SLAVIC_MONTHS:
        return SLAVIC_MONTHS[word]
    if word in ROMAN_MONTHS:
        return ROMAN_MONTHS.index(word) + 1
    if len(word) < 3:
        return None
    months = {number for name, number in SLAVIC_MONTHS.items() if name.startswith(word)}
    return months.pop() if len(months) == 1 else None


# Weekdays printed before a date ("petak, 7. jun 2024.", "среда, 15 мая 2024").
# fmt: off
_SERBIAN_WEEKDAYS = ["ponedeljak", "utorak", "sreda", "četvrtak", "petak", "subota", "nedelja",
                     "pon", "uto", "sre", "čet", "pet", "sub", "ned"]
_RUSSIAN_WEEKDAYS = ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота",
                     "воскресенье", "пн", "вт", "ср", "чт", "пт", "сб", "вс"]
# fmt: on
SLAVIC_WEEKDAYS = "|".join(
    _SERBIAN_WEEKDAYS + [to_serbian_cyrillic(w) for w in _SERBIAN_WEEKDAYS] + _RUSSIAN_WEEKDAYS
)
# The first link of a breadcrumb trail: the home page or a news section.
SECTION_WORDS = re.compile(
    r"home|news|početna|naslovna|vesti|почетна|насловна|вести|главная|новости",
    re.IGNORECASE,
)

# The first word of a place's name of two ("Novi Sad", "New York", "Санкт-Петербург"), which a
# name of two capitalised words beside a date can be instead of an author's.
PLACE_PREFIX = re.compile(
    r"(?:novi|nova|novo|stari|stara|staro|gornji|donji|veliki|velika|mali|mala|sveti|sveta"
    r"|sremski|sremska|нови|нова|ново|стари|стара|горњи|доњи|велики|велика|мали|мала|свети"
    r"|света|новый|новая|нижний|великий|старый|санкт|new|san|santa|saint|st\.?|sankt|port|fort"
    r"|north|south|east|west|upper|lower|great|little)\s",
    re.IGNORECASE,
)

# Labels printed before a date, a byline or a source, in the three languages.
DATE_LABELS = (
    r"objavljeno|ažurirano|datum|објављено|ажурирано|датум|опубликовано|обновлено"
    r"|дата(?: публикации)?"
)
BYLINE_LABELS = (
    r"autor(?:ka)?|autori|аутор(?:ка)?|аутори|автор(?:ы)?|piše|pišu|пише|пишу"
    r"|tekst|текст|author|authors|written by|reporter|by|words|text"
    r"|autor teksta|аутор текста|автор текста|tekst i foto(?:grafije)?|foto i tekst"
    r"|текст и фото|фото и текст|текст и фото|pripremi(?:o|la)|priredi(?:o|la)"
    r"|razgovara(?:o|la)|припреми(?:о|ла)|приреди(?:о|ла)|разговара(?:о|ла)"
    r"|подготови(?:л|ла)|беседова(?:л|ла)"
)
# Section labels printed before a headline ("INTERVJU | …", "Мнение: …").
_ENGLISH_KICKERS = [
    "interview",
    "analysis",
    "opinion",
    "comment",
    "feature",
    "explainer",
    "exclusive",
    "reportage",
    "photo story",
    "video",
    "column",
    "review",
]
_SERBIAN_KICKERS = [
    "intervju",
    "analiza",
    "komentar",
    "mišljenje",
    "kolumna",
    "reportaža",
    "ekskluzivno",
    "foto priča",
    "video",
    "prikaz",
    "kritika",
]
_RUSSIAN_KICKERS = [
    "интервью",
    "анализ",
    "мнение",
    "комментарий",
    "колонка",
    "репортаж",
    "эксклюзив",
    "фоторепортаж",
    "видео",
    "рецензия",
    "разбор",
]
KICKER_WORDS = "|".join(
    _ENGLISH_KICKERS
    + _SERBIAN_KICKERS
    + [to_serbian_cyrillic(w) for w in _SERBIAN_KICKERS]
    + _RUSSIAN_KICKERS
)
# A source named without a colon: "Preuzeto sa portala X", "По материалам издания X".
SOURCE_PHRASES = (
    r"preuzeto (?:sa|iz|od)|преузето (?:са|из|од)|по материалам|по информации|republished from"
    r"|reprinted from|originally published (?:by|in)"
)
# The kind of outlet a source line may name before its name ("portala", "издания").
MEDIA_KINDS = (
    r"portala|sajta|lista|dnevnika|agencije|портала|сајта|листа|дневника|агенције|сайта|издания"
    r"|газеты|агентства|журнала|the website|the site|the newspaper|the magazine"
)
# Reprint terms at the foot of a page ("При перепечатке ссылка на «X» обязательна"), and the
# outlet a reader must link to.
REPRINT_TERMS = re.compile(
    r"\b(?:перепечатк\w*|копировани\w*|воспроизведени\w*|reprint\w*|republish\w*"
    r"|prenošenj\w*|preuzimanj\w*|kopiranj\w*|преношењ\w*|преузимањ\w*|копирањ\w*)\b",
    re.IGNORECASE,
)
# What reprint terms demand or forbid, beside the word for reprinting.
REPRINT_CONDITION = re.compile(
    r"\b(?:обязательн\w*|запрещ\w*|разрешени\w*|ссылк\w*|prohibited|forbidden|permission"
    r"|without|link|zabranjen\w*|dozvol\w*|izvor\w*|obavezn\w*|забрањен\w*|дозвол\w*|извор\w*"
    r"|обавезн\w*|bez|без)\b",
    re.IGNORECASE,
)
REPRINT_OUTLET = re.compile(
    r"(?:ссылк[аиу] на|гиперссылк[аиу] на|link to|navođenje(?:m)?(?: izvora)?|навођење(?:м)?(?: извора)?)"
    r"\s+[«„“\"](?P<name>[^»“”\"]{2,60})[»“”\"]",
    re.IGNORECASE,
)
# The label over links to other articles, alone on its line.
RELATED_LABEL = re.compile(
    r"^(?:read (?:more|also)|see also|related(?: articles| stories| news)?|more on this(?: story)?"
    r"|pročitajte (?:još|i|takođe)|прочитајте (?:још|и|такође)|povezane vesti|повезане вести"
    r"|vezane vesti|везане вести|još vesti|још вести|читайте (?:также|ещё|еще)|смотрите также"
    r"|по теме|похожие (?:материалы|новости|статьи)|другие новости)\s*[:.…]?$",
    re.IGNORECASE,
)
# A comma and a coordinating conjunction that starts a second clause: a paragraph's sentence,
# not a caption's phrase ("…, and …", "…, a …", "…, но …").
CLAUSE_JOINER = re.compile(r",\s+(?:and|but|while|a|ali|dok|pa|а|али|док|па|но|и поэтому)\s", re.I)
# A byline that names the newsroom, not a person ("Autor: Redakcija", "By Staff").
STAFF_BYLINE = re.compile(
    r"(?:staff|newsroom|editorial(?: staff| team| board)?|the editors|wire staff|redakcija"
    r"|redakcija portala|редакција|редакция|редакция сайта|собкор|наш корреспондент"
    r"|naš dopisnik|наш дописник)",
    re.IGNORECASE,
)
# "special to X" after a byline: the outlet the author wrote for.
SPECIAL_TO = re.compile(
    r"\b(?:special(?:ly)? (?:to|for)|exclusively for|specijalno za|ekskluzivno za|специјално за"
    r"|ексклузивно за|специально для|эксклюзивно для)\s+(?P<name>[«„“\"]?[^\W\d_][^,;|]{1,60}?)\.?$",
    re.IGNORECASE,
)
# Verbs that say who wrote or asked, printed before the names without a colon.
BYLINE_VERBS = (
    r"pripremi(?:o|la)|priredi(?:o|la)|razgovara(?:o|la)|zapisa(?:o|la)|припреми(?:о|ла)"
    r"|приреди(?:о|ла)|разговара(?:о|ла)|записа(?:о|ла)|подготови(?:л|ла)|беседова(?:л|ла)"
    r"|записал(?:а)?|интервью взял(?:а)?|беседу вел(?:а)?|беседу вёл"
)
SOURCE_LABELS = (
    r"source|izvor|извор|источник|первоисточник|preuzeto (?:sa|iz|od)|преузето (?:са|из|од)"
)

# Whole lines of site furniture: navigation, sharing, subscriptions, comments, related links.
FURNITURE_LINE = re.compile(
    r"^(?:"
    r"(?:share|podeli|подели|поделиться)(?:\s+(?:on|na|на|в|u|у|this|ovo|ово|это))?(?:\s+(?:article|story"
    r"|page|post|članak|tekst|чланак|текст|статьей|facebook|twitter|x|telegram|whatsapp|viber"
    r"|linkedin|e-?mail|vk|vkontakte|вконтакте|одноклассниках|reddit))?"
    # "Share on Bluesky", "Podeli na Fejsbuku", "Поделиться в Телеграме": one service's name
    r"|(?:share|podeli|подели|поделиться)\s+(?:on|via|na|putem|на|путем|в|во)\s+[^\W\d_][\w.-]*"
    r"|tweet|print(?: this(?: article| page| story)?)?|štampaj|штампај|распечатать|печать"
    r"|početna|почетна|главная|naslovna|насловна|vesti|вести|новости"
    r"|meni|мени|меню|pretraga|претрага|поиск|prijava|пријава|войти|вход|donate|doniraj|донирај"
    r"|поддержать(?: нас)?|reklama|реклама|najnovije|најновије|najčitanije|најчитаније"
    r"|лента новостей|популярное|самое читаемое|pretplati se|претплати се|подписаться"
    r"|(?:copy link|kopiraj link|копирај линк|копировать ссылку)"
    r"|(?:leave a comment|ostavite komentar|оставите коментар|оставьте комментарий"
    r"|prikaži komentare|прикажи коментаре|показать комментарии)"
    r"|(?:you may also like|recommended|don[’']t miss|trending|more from \w+(?: \w+)?"
    r"|još vesti|још вести|pogledajte i|погледајте и|preporučujemo|препоручујемо|izdvajamo"
    r"|издвајамо|ostale vesti|остале вести|vezane vesti|везане вести|читать также|читать далее"
    r"|подробнее|все новости|новости партн[её]ров|рекомендуем|ранее мы писали)\s*:?"
    r"|sponzorisano|спонзорисано|oglas|оглас|партн[её]рский материал|на правах рекламы"
    r"|(?:\d+\s*)?min(?:ute)?s? read|vreme čitanja:?.{0,12}|време читања:?.{0,12}"
    r"|\d+\s*(?:min(?:uta|ute)?|мин(?:ута|уте)?)\.?\s*(?:čitanja|читања)"
    r"|время чтения:?.{0,14}|\d+\s*мин(?:ут[аы]?)?\.? чтения"
    r"|(?:просмотров|pregleda|прегледа|views)\s*:?\s*[\d\s.,]+|[\d\s.,]+\s*(?:просмотр(?:а|ов)?"
    r"|pregleda|прегледа|views)"
    r"|(?:comments?|komentari|коментари|комментарии|комментариев)\s*\(?\d*\)?"
    r"|\d+\s+(?:comments?|komentar[ai]?|коментар[аи]?|комментари(?:й|я|ев))"
    # "Story continues below", "Tekst se nastavlja ispod oglasa", "Продолжение ниже"
    r"|(?:(?:the\s+)?(?:story|article|text)\s+continues\s+(?:below|after)|tekst\s+se\s+nastavlja"
    r"|текст\s+се\s+наставља|(?:статья|текст)\s+продолжается|продолжение\s+(?:ниже|после))\b.{0,40}"
    r"|(?:read more|see also|pročitajte (?:još|i)|прочитајте (?:још|и)|читайте (?:также|еще|ещё)"
    r"|смотрите также|povezane vesti|повезане вести|похожие (?:материалы|новости|статьи)"
    r"|related(?: articles| stories)?|više vesti|више вести)\s*:?.{0,80}"
    r"|(?:tags?|tagovi|тагови|теги|тэги|ključne reči|кључне речи)\s*:.*"
    r"|(?:follow us|pratite nas|пратите нас|подписывайтесь на (?:нас|наш)|мы в соцсетях"
    r"|присоединяйтесь к нам|pridružite nam se|придружите нам се)\b.{0,60}"
    r")$",
    re.IGNORECASE,
)
# The label over an advertisement in the page ("Реклама 18+": with the age rating).
AD_LABEL = re.compile(
    r"^(?:advertisement|sponsored|ad|promoted|oglas|reklama|sponzorisano|оглас|реклама"
    r"|спонзорисано|на правах рекламы|партн[её]рский материал)(?:\W*\d{1,2}\+)?\W*$",
    re.IGNORECASE,
)
# The site's disclaimer that an author's views are not the newsroom's, and its comment rules.
DISCLAIMER = re.compile(
    r"\b(?:(?:views|opinions) expressed|do not (?:necessarily )?reflect the views"
    r"|stavovi (?:izraženi|iznet)|ne odražava\w* (?:nužno )?stavov\w*|ставови (?:изражени|изнет)"
    r"|не одражава\w* (?:нужно )?ставов\w*|мнение редакции (?:может )?не совпада\w*"
    r"|точка зрения редакции (?:может )?не совпада\w*|(?:опубликован|появится) после проверки модератор\w*"
    r"|comments are moderated|komentari (?:se )?(?:moderiraju|objavljuju nakon))",
    re.IGNORECASE,
)
# Whom a disclaimer speaks for: the author, the newsroom, the moderators.
DISCLAIMER_PARTIES = re.compile(
    r"\b(?:author\w*|autor\w*|аутор\w*|автор\w*|redakcij\w*|редакциј\w*|редакци\w*|editor\w*"
    r"|publisher\w*|newsroom|moderat\w*|модератор\w*|komentar\w*|comment\w*)",
    re.IGNORECASE,
)
APPEAL_WORDS = re.compile(
    r"\b(?:newsletter|bilten|билтен|рассылк\w*|prijavite se|пријавите се|подпишитесь"
    r"|pretplatite se|претплатите се)\b",
    re.IGNORECASE,
)
COOKIE_LINE = re.compile(r"\b(?:cookies?|kolačić\w*|колачић\w*|куки|файлы cookie)\b", re.IGNORECASE)
COPYRIGHT_MARK = re.compile(r"©|\bcopyright\b|\(c\)\s*\d{4}", re.IGNORECASE)
RIGHTS = re.compile(
    r"\b(?:all rights reserved|sva prava (?:su )?zadržana|сва права (?:су )?задржана"
    r"|все права защищены)\b\.?",
    re.IGNORECASE,
)
# A company's legal form after or before its name ("Dunavski glas d.o.o.", "ООО «Вестник»").
LEGAL_FORM = re.compile(
    r"(?<!\w)(?:d\.\s?o\.\s?o\.?|doo|a\.\s?d\.?|д\.\s?о\.\s?о\.?|ООО|ОАО|ЗАО|ПАО|АО|LLC|Ltd\.?"
    r"|Inc\.?|GmbH|S\.A\.|plc)(?!\w)",
)

# English words that, capitalised, start sentences rather than names (names.py's
# COMMON_CAPITALISED adds the other capitalised words that are not names).
# fmt: off
SENTENCE_STARTERS = {
    "A", "An", "The", "Despite", "In", "On", "At", "But", "And", "As", "After", "Before", "When",
    "While", "Since", "For", "With", "Although", "Though", "However", "It", "This", "That",
    "These", "Those", "There", "Many", "Some", "Most", "Few", "Over", "Under", "From", "To",
    "By", "If", "Once", "Now", "Then", "Today", "Yet", "So", "We", "I", "He", "She", "They",
    "Its", "Their", "His", "Her", "Our", "My", "Your", "Not", "No", "Even", "Still", "Among",
    "According", "During", "Following", "Like", "Unlike", "Last", "Next", "One", "Two",
}
# fmt: on
# fmt: off


# -- metadata: labels, page furniture words and authors' jobs (h10g) ----------------------
# One block per language and kind. Serbian is written in Latin and transliterated; Russian
# separately. Whole-line vocabulary of the web's interfaces and mastheads, not of any text.

# Labels of a date line that say the date is a revision, not the publication.
_ENGLISH_UPDATE_LABELS = ["updated", "last updated", "modified", "last modified", "edited"]
_SERBIAN_UPDATE_LABELS = ["ažurirano", "izmenjeno", "poslednja izmena", "poslednji put ažurirano"]
_RUSSIAN_UPDATE_LABELS = ["обновлено", "изменено", "последнее обновление", "обновлён", "обновлен"]
UPDATE_LABELS = re.compile(
    "^(?:"
    + "|".join(
        _ENGLISH_UPDATE_LABELS
        + _SERBIAN_UPDATE_LABELS
        + [to_serbian_cyrillic(w) for w in _SERBIAN_UPDATE_LABELS]
        + _RUSSIAN_UPDATE_LABELS
    )
    + ")$",
    re.IGNORECASE,
)
# Labels of a publication date, any language.
_ENGLISH_DATE_LABELS = ["published", "posted", "date", "first published", "publication date"]
_SERBIAN_DATE_LABELS = ["objavljeno", "datum", "datum objave", "objavljen", "postavljeno"]
_RUSSIAN_DATE_LABELS = ["опубликовано", "дата", "дата публикации", "опубликован", "размещено"]
ANY_DATE_LABEL = "|".join(
    sorted(
        _ENGLISH_DATE_LABELS
        + _SERBIAN_DATE_LABELS
        + [to_serbian_cyrillic(w) for w in _SERBIAN_DATE_LABELS]
        + _RUSSIAN_DATE_LABELS
        + _ENGLISH_UPDATE_LABELS
        + _SERBIAN_UPDATE_LABELS
        + [to_serbian_cyrillic(w) for w in _SERBIAN_UPDATE_LABELS]
        + _RUSSIAN_UPDATE_LABELS,
        key=len,
        reverse=True,
    )
)
# The word for "year" after a Slavic date ("14. mart 2024. godine", "14 марта 2024 г.").
YEAR_WORDS = r"godine|god\.|године|год\.|года|год|г\."

# Byline labels beyond "Autor:" / "Автор:": a correspondent's or a piece's author.
_ENGLISH_BYLINE_LABELS = ["correspondent", "reporting", "story", "written by", "words"]
_SERBIAN_BYLINE_LABELS = ["dopisnik", "dopisnica", "novinar", "novinarka", "autorka teksta"]
_RUSSIAN_BYLINE_LABELS = ["автор материала", "корреспондент", "репортёр", "репортер",
    "текст подготовил", "текст подготовила", "материал подготовил", "материал подготовила",
    "записал", "записала", "интервью взял", "интервью взяла", "беседу вела", "беседу вёл"]
MORE_BYLINE_LABELS = "|".join(
    _ENGLISH_BYLINE_LABELS
    + _SERBIAN_BYLINE_LABELS
    + [to_serbian_cyrillic(w) for w in _SERBIAN_BYLINE_LABELS]
    + _RUSSIAN_BYLINE_LABELS
)

# What an author is, in a role line under a byline ("Transport correspondent", "специальный
# корреспондент", "urednica kulture") or a bio after the article ("… je novinarka …").
_ENGLISH_AUTHOR_JOBS = ["correspondent", "reporter", "journalist", "editor", "writer",
    "columnist", "contributor", "photographer", "freelancer", "freelance", "producer"]
_SERBIAN_AUTHOR_JOBS = ["novinar", "novinarka", "urednik", "urednica", "dopisnik", "dopisnica",
    "reporter", "reporterka", "kolumnista", "kolumnistkinja", "saradnik", "saradnica",
    "fotoreporter", "fotoreporterka", "autor", "autorka"]
_RUSSIAN_AUTHOR_JOBS = ["журналист", "журналистка", "корреспондент", "корреспондентка",
    "редактор", "обозреватель", "колумнист", "репортёр", "репортер", "фотограф", "автор",
    "спецкор"]
AUTHOR_JOBS = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        _ENGLISH_AUTHOR_JOBS
        + _SERBIAN_AUTHOR_JOBS
        + [to_serbian_cyrillic(w) for w in _SERBIAN_AUTHOR_JOBS]
        + _RUSSIAN_AUTHOR_JOBS
    )
    + r")\w{0,3}(?!\w)",
    re.IGNORECASE,
)
# "About the author:" before a bio.
_BIO_LABELS = ["about the author", "o autoru", "o autorki", "об авторе"]
BIO_LABEL = re.compile(
    r"^(?:" + "|".join(_BIO_LABELS + [to_serbian_cyrillic(w) for w in _BIO_LABELS]) + r")\s*:",
    re.IGNORECASE,
)
# The verb of a bio: "X is …", "X je …", "X — …".
BIO_VERBS = r"is|was|has been|works|writes|je|је|radi|piše|пише|—|–|работает|пишет|является"
# A bio's verb that says what the author reports on, without a job noun ("X covers …").
BIO_BEAT_VERBS = (r"covers|writes about|reports on|pokriva|piše o|izveštava o|покрива|пише о"
                  r"|извештава о|освещает|пишет о|пишет про")
# An instruction for the page's interface ("… press Ctrl+Enter", "nажмите …").
KEY_COMBINATION = re.compile(r"\b(?:ctrl|shift|alt|cmd)\s*\+\s*\w+", re.IGNORECASE)
# The comment section's words, for its disclaimers at the tail.
COMMENT_WORDS = re.compile(
    r"\b(?:comments|commenters?|komentar(?:i|ima|e)|коментар(?:и|има|е)|комментари(?:и|ев|ях|ям))\b",
    re.IGNORECASE,
)

# Share targets and other services named alone on a button line.
_SOCIAL_SERVICES = ["facebook", "twitter", "x", "telegram", "whatsapp", "viber", "linkedin",
    "e-mail", "email", "mail", "vk", "vkontakte", "вконтакте", "одноклассники", "ok", "reddit",
    "pinterest", "instagram", "threads", "bluesky", "messenger", "mastodon", "tiktok", "youtube",
    "rss", "fejsbuk", "фејсбук", "твитер", "телеграм", "вайбер", "ватсап", "дзен", "яндекс дзен",
    "tvituj", "твитуј", "pošalji mejlom", "пошаљи мејлом",
    "rutube", "max"]
SOCIAL_SERVICE = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in _SOCIAL_SERVICES) + r")$", re.IGNORECASE
)
# Interface words a page prints as whole lines: buttons, footer links, account and app prompts.
_ENGLISH_INTERFACE = ["accept", "accept all", "reject all", "agree", "i agree", "ok", "okay",
    "close", "settings", "manage preferences", "cookie settings", "privacy settings", "send",
    "log in", "log out", "sign up", "register", "my account", "listen", "listen to this article",
    "play", "pause", "copy link", "show more", "load more", "see more", "show comments",
    "privacy policy", "privacy", "terms of use", "terms of service", "terms and conditions",
    "cookie policy", "contact", "contact us", "about", "about us", "advertise", "advertising",
    "careers", "jobs", "imprint", "impressum", "sitemap", "newsletters", "podcasts",
    "download the app", "get the app", "text size", "most viewed", "most shared",
    "editor's picks", "more on this story", "top stories", "in other news", "recommended for you",
    "you might also like", "more stories", "more news", "live", "watch live", "weather",
    "corrections", "masthead", "our team", "support us", "your name", "name", "email address",
    "your email", "your email address", "enter your email", "your comment", "post comment",
    "submit", "tags", "topics", "related", "next story", "previous story", "email this article",
    "click here to subscribe", "support independent journalism", "promo", "loading",
    "loading comments", "trending now", "scroll to continue", "advertisement - scroll to continue",
    "partner content", "sponsored content", "gallery", "photo gallery", "view gallery",
    "more from the web", "comment rules"]
_SERBIAN_INTERFACE = ["prihvatam", "prihvati", "prihvati sve", "odbij", "slažem se", "u redu",
    "zatvori", "podešavanja", "pošalji", "prijavi se", "odjavi se", "registruj se",
    "registracija", "moj nalog", "slušaj", "slušaj tekst", "poslušaj tekst", "učitaj još",
    "prikaži još", "prikaži više", "saznaj više", "opširnije", "politika privatnosti",
    "pravila korišćenja", "uslovi korišćenja", "kontakt", "kontakti", "o nama", "impresum",
    "marketing", "oglašavanje", "redakcija", "mapa sajta", "arhiva", "preuzmi aplikaciju",
    "najgledanije", "najkomentarisanije", "izdvojeno", "uživo", "vremenska prognoza", "pretraži",
    "pretraži sajt", "unesite e-mail", "unesite email", "pogledaj još", "vaše ime", "ime",
    "ime i prezime", "vaš e-mail", "vaš email", "vaš komentar", "komentar", "tagovi", "teme",
    "oznake", "ključne reči", "galerija", "foto galerija", "fotogalerija", "pogledajte galeriju",
    "više sa weba", "sadržaj se nastavlja ispod", "sledeći članak", "prethodni članak",
    "podržite nezavisno novinarstvo", "podržite nas", "donirajte", "partnerski sadržaj",
    "učitavanje", "najnovije vesti", "zatvori oglas", "pravila komentarisanja", "možda vas zanima",
    "može vas zanimati", "istaknuto", "promo"]
_RUSSIAN_INTERFACE = ["принять", "принимаю", "согласен", "ок", "закрыть", "настройки",
    "отправить", "войти", "выйти", "регистрация", "личный кабинет", "слушать", "слушать статью",
    "скачать приложение", "версия для печати", "копировать ссылку", "показать ещё",
    "показать еще", "загрузить ещё", "загрузить еще", "политика конфиденциальности",
    "пользовательское соглашение", "правила пользования", "контакты", "о нас", "о проекте",
    "о редакции", "редакция", "реклама на сайте", "рекламодателям", "вакансии", "карта сайта",
    "архив", "прямой эфир", "погода", "ваш e-mail", "наши проекты", "выбор редакции", "главное",
    "главное за день", "сейчас читают", "обсуждаемое", "ваше имя", "имя", "ваш e-mail",
    "ваш email", "ваш комментарий", "комментарий", "теги", "темы", "метки", "следующая статья",
    "предыдущая статья", "поддержите независимую журналистику", "поддержите нас", "загрузка",
    "главные новости дня", "оставить комментарий", "вам также может быть интересно",
    "вам может быть интересно", "фотогалерея", "галерея", "смотрите фотогалерею",
    "правила комментирования"]
INTERFACE_LINE = re.compile(
    r"^(?:"
    + "|".join(
        re.escape(w)
        for w in _ENGLISH_INTERFACE
        + _SERBIAN_INTERFACE
        + [to_serbian_cyrillic(w) for w in _SERBIAN_INTERFACE]
        + _RUSSIAN_INTERFACE
    )
    # "Listen to this article (4 min)": a button may carry a count or a length
    + r")\s*(?:\(\s*[\w .:]{1,12}\))?\s*(?:[:!.]|…|\.\.\.)?$",
    re.IGNORECASE,
)
# fmt: on
