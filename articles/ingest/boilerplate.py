"""The site's boilerplate a line can be, in English, Serbian (both scripts) and Russian, beyond
what lexicon.py's furniture patterns name: rows of buttons set off by symbols or gaps, a
section's name over the article, a news ticker, a weather box, comment rules, appeals for
money or for forwarding, photo-gallery captions. The vocabulary is the web's interface words,
not any article's text. lines.analyse_line asks `furniture_reason` first.
"""

import re

from articles.ingest import lexicon
from articles.ingest.lexicon import to_serbian_cyrillic


def _serbian(words):
    return words + [to_serbian_cyrillic(w) for w in words]


def _alternatives(words):
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# A newspaper's sections, as its menu and the label over an article name them.
# fmt: off
_ENGLISH_SECTIONS = ["news", "world", "politics", "society", "culture", "sport", "sports",
    "economy", "business", "opinion", "city", "local", "region", "entertainment", "lifestyle",
    "technology", "tech", "science", "health", "travel", "arts", "life", "community",
    "education", "environment", "heritage", "diaspora", "migration", "europe"]
_SERBIAN_SECTIONS = ["vesti", "svet", "politika", "društvo", "kultura", "sport", "ekonomija",
    "biznis", "grad", "region", "zabava", "hronika", "mišljenja", "stavovi", "tehnologija",
    "nauka", "zdravlje", "život", "baština", "obrazovanje", "srbija", "dijaspora", "lifestyle",
    "magazin", "scena", "vojvodina", "beograd"]
_RUSSIAN_SECTIONS = ["новости", "мир", "политика", "общество", "культура", "спорт",
    "экономика", "бизнес", "город", "регион", "происшествия", "мнения", "технологии", "наука",
    "здоровье", "жизнь", "образование", "сербия", "эмиграция", "релокация", "диаспора"]
# Links that switch the page's script, its audio player and the like.
_SCRIPT_SWITCH = ["lat", "ćir", "latinica", "ćirilica", "лат", "ћир", "латиница", "ћирилица",
    "cyr", "cyrillic", "latin"]
_MORE_BUTTONS = ["purchase licensing rights", "licensing rights", "audio version",
    "audio verzija", "audio verzija teksta", "poslušaj", "poslušajte tekst", "slušaj članak",
    "аудио версия", "аудио версия статьи", "прослушать", "прослушать статью", "слушать",
    "štampa", "pošalji", "podeli", "поделиться", "email", "e-mail", "pretplata", "prijava",
    "подписка", "вход", "print", "save", "sačuvaj", "сохранить", "в закладки", "bookmark",
    "gift this article", "gift article", "share", "comments", "komentari", "комментарии"]
# fmt: on
SECTION_WORDS = re.compile(
    "^(?:"
    + _alternatives(_ENGLISH_SECTIONS + _serbian(_SERBIAN_SECTIONS) + _RUSSIAN_SECTIONS)
    + ")$",
    re.IGNORECASE,
)
BUTTON_WORDS = re.compile(
    "^(?:"
    + _alternatives(_serbian(_SCRIPT_SWITCH) + _serbian(_MORE_BUTTONS))
    # a count or a length beside a button: "(27)", "7 min", "4 мин."
    + r")$|^\(?\d{1,5}\)?$|^\d{1,3}\s*(?:min|mins|minutes|мин|минут[аы]?|minuta|минута)\.?"
    r"(?:\s+(?:read|čitanja|читања|чтения))?$",
    re.IGNORECASE,
)
# What separates the buttons of a row: a gap of spaces, a bar, a dot, a bullet.
ROW_SEPARATOR = re.compile(r"\s{2,}|\s*[|·•]\s*")
# The symbols a button carries ("▶ Слушај", "🖨 Štampaj", "✉ Pošalji").
SYMBOLS = re.compile(r"^[^\w(«„“\"]+|[^\w)»“”\".!?…]+$")
COUNT = re.compile(r"\s*\(\d{1,5}\)$")
# A section's trail: "Kultura | Društvo", "Култура / Баштина".
TRAIL_SEPARATOR = re.compile(r"\s*[|/›»·]\s*")

# A ticker's label before a headline that is not the article's: "Latest news: …".
TICKER = re.compile(
    r"^(?:latest news|breaking news|just in|live updates|"
    + _alternatives(_serbian(["poslednje vesti", "najnovije vesti", "vesti dana", "upravo"]))
    + r"|последние новости|срочно|молния|главное за день)\s*[:|—–]\s+\S",
    re.IGNORECASE,
)
# "Most read today": the label over the site's popular links, with a time.
MOST_READ = re.compile(
    r"^(?:most read|most popular|most viewed|"
    + _alternatives(_serbian(["najčitanije", "najpopularnije", "najgledanije"]))
    + r"|самое читаемое|самое популярное|популярное|читаемое|top stories|главное|"
    + _alternatives(_serbian(["teme dana", "vesti dana", "izdvojeno"]))
    + r")"
    r"(?:\s+(?:today|this week|now|"
    + _alternatives(_serbian(["danas", "ove nedelje", "sada", "u poslednja 24 sata"]))
    + r"|сегодня|за (?:неделю|день|сутки)|сейчас))?\s*:?$",
    re.IGNORECASE,
)
# The label over more of the site's links: "More news", "Ещё новости".
MORE_LINKS = re.compile(
    r"^(?:more news|more stories|other news|"
    + _alternatives(_serbian(["još vesti", "više vesti", "ostale vesti", "druge vesti"]))
    + r"|ещё новости|еще новости|другие материалы|новости по теме|больше новостей|all stories"
    r"|more from (?:this|the) section|все новости рубрики|другие новости рубрики|"
    + _alternatives(_serbian(["sve vesti iz rubrike", "sve vesti", "još iz rubrike"]))
    + r")\s*:?$",
    re.IGNORECASE,
)
# Tags under another label: "Oznake: …", "Метки: …", "Topics: …".
TAGS = re.compile(
    r"^(?:topics|keywords|tagged|filed under|"
    + _alternatives(_serbian(["oznake", "teme", "ključne reči", "tagovi"]))
    + r"|метки|темы|ключевые слова|теги)\s*:\s*\S",
    re.IGNORECASE,
)
# Whole lines of the page's interface the lexicon does not name: a closed comment section,
# a share or "read next" prompt, a jump to the top, a call to add the site to a reader's
# sources, "continue reading below" over an advertisement.
INTERFACE_PHRASES = re.compile(
    r"^(?:comments are (?:closed|disabled)|"
    + _alternatives(
        _serbian(
            ["komentari su isključeni", "komentari su zatvoreni", "komentarisanje je isključeno"]
        )
    )
    + r"|комментарии (?:закрыты|отключены)|share this (?:story|page|post)|"
    + _alternatives(
        _serbian(
            [
                "podelite ovaj članak",
                "podelite ovaj tekst",
                "podelite vest",
                "podelite članak",
                "podeli ovaj članak",
            ]
        )
    )
    + r"|поделитесь (?:этой )?(?:статьей|новостью|материалом)|read next|up next|"
    + _alternatives(
        _serbian(["pročitajte sledeće", "sledeći tekst", "nazad na vrh", "vrati se na vrh"])
    )
    + r"|читайте далее|следующая новость|следующий материал|back to top|наверх"
    + r"|вернуться наверх|continue reading(?: below| after the ad(?:vertisement)?)?|"
    + _alternatives(
        _serbian(
            [
                "nastavak teksta",
                "nastavak teksta ispod",
                "nastavak teksta ispod reklame",
                "nastavak teksta ispod oglasa",
                "tekst se nastavlja ispod",
            ]
        )
    )
    + r"|продолжение (?:статьи|текста) ниже|(?:add us|dodajte nas|додајте нас|добавьте нас)"
    r"\s.{0,40})\s*[.:!]?$",
    re.IGNORECASE,
)
# What an embedded post or picture leaves in a saved page: "View this post on Instagram",
# "A post shared by X (@x)", "Embed from Getty Images", "Click to enlarge", a gallery's count.
EMBED_RESIDUE = re.compile(
    r"^(?:view this (?:post|profile) on|"
    + _alternatives(_serbian(["pogledajte ovu objavu na", "pogledaj ovu objavu na"]))
    + r"|(?:посмотреть|смотреть) эту публикацию в)\s+[\w ]{2,20}"
    r"|^(?:a post shared by|"
    + _alternatives(
        _serbian(
            [
                "objava koju je podelio",
                "objava koju je podelila",
                "objavu je podelio",
                "objavu je podelila",
            ]
        )
    )
    + r"|публикация от|пост от|публикация пользователя)\s.{1,60}\(@[\w.]+\)"
    r"|^embed from getty images|^(?:click|tap) (?:to|for) (?:enlarge|zoom|full screen)|"
    + _alternatives(
        _serbian(["kliknite za uvećanje", "klikni za uvećanje", "kliknite za veću sliku"])
    )
    + r"|^нажмите,? чтобы увеличить|^увеличить (?:фото|изображение)"
    r"|^(?:photo gallery|gallery|"
    + _alternatives(_serbian(["galerija", "foto galerija", "fotogalerija"]))
    + r"|фотогалерея|галерея)\s*[:(]?\s*\d{1,3}\s*(?:photos?|images?|"
    + _alternatives(_serbian(["fotografija", "fotografije", "foto", "slika", "slike"]))
    + r"|фото|фотографий|фотографии|снимк\w*)?\)?$",
    re.IGNORECASE,
)
# A weather box: "Beograd 19°C", "Белград +21 °C".
WEATHER = re.compile(r"[+−-]?\d{1,2}\s*°\s*[CF]?\b")
# The comment section's rules: a comment awaits a moderator's approval.
COMMENT_RULES = re.compile(
    r"\b(?:comment|komentar|коментар|комментари)\w*\b.{0,80}"
    r"\b(?:moderat|модерат|odobren|одобрењ|одобрен|approv|provere|провере|проверк)\w*",
    re.IGNORECASE,
)
# The site's reprint terms, worded as the use of its material.
MATERIAL_USE = re.compile(
    r"\b(?:использовани\w*|korišćenj\w*|коришћењ\w*|use)\s+(?:of\s+)?(?:наших\s+|our\s+)?"
    r"(?:материал\w*|sadržaj\w*|садржај\w*|materijal\w*|материјал\w*|content|material)",
    re.IGNORECASE,
)
# A photo gallery's caption: "Item 1 of 2 …", "[1/2] …", "Фото 3 из 8 …".
GALLERY_CAPTION = re.compile(
    r"^(?:item \d{1,2} of \d{1,2}|\[\d{1,2}/\d{1,2}\]|(?:photo|foto|фото|slika|слика) \d{1,2}"
    r" (?:of|od|од|из) \d{1,2})\s+\S",
    re.IGNORECASE,
)
# Appeals for money, a subscription or a forward, in any of the three languages.
APPEALS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bforward (?:it|this(?: story| article| newsletter| email)?) to a friend\b",
        r"^(?:like|enjoy(?:ed)?|enjoying) (?:this|the) (?:story|article|newsletter)\?",
        r"\bpodrž(?:i|ite) (?:nas|naš rad|nezavisn\w*)\b",
        r"\bподрж(?:и|ите) (?:нас|наш рад|независн\w*)\b",
        r"\bdonacij\w*|донациј\w*|\bpožertvovan\w*|пожертвовани\w*",
        r"\bprosledi(?:te)? (?:ga |ovaj tekst |tekst )?prijatelj\w*|проследи(?:те)? (?:га )?пријатељ",
        r"\bпомочь (?:нам |редакции )?можно\b",
        r"\bподдержите (?:нас|редакцию|нашу работу|независим\w*)\b",
        r"\b(?:разов\w*|ежемесячн\w*|регулярн\w*) (?:платеж\w*|платёж\w*|пожертвовани\w*)",
        r"\bперешлите (?:е[её] |его |эту статью |этот текст )?(?:другу|друзьям|знакомым)\b",
        # a call for the reader's tips: "Got a tip? Email us", "Pošaljite nam vest"
        r"\b(?:got|have) a (?:news )?tip\b|\bemail us\b|\bsend us (?:a|your) (?:tip|story)\b",
        r"\bimate (?:informaciju|vest|dojavu)\b|\bpošaljite nam\b|\bpišite nam\b",
        r"\bимате (?:информацију|вест|дојаву)\b|\bпошаљите нам\b|\bпишите нам\b",
        r"\bесть новость\b|\bприсла(?:ть|вайте|ть нам) (?:нам )?новост\w*|\bпишите нам\b",
    )
]


def button_row(text):
    """ "▶ Слушај", "🖨 Štampaj   ✉ Pošalji", "Email   Подписаться", "LAT | ĆIR", "Listen to
    this article · 7 min": the site's buttons side by side, each with its symbol or count."""
    parts = [SYMBOLS.sub("", part).strip() for part in ROW_SEPARATOR.split(text)]
    parts = [COUNT.sub("", part) for part in parts if part]
    if not parts or (len(parts) == 1 and parts[0] == text):
        return False  # one plain word: lexicon's own line patterns decide
    return all(
        BUTTON_WORDS.match(part)
        or lexicon.INTERFACE_LINE.match(part)
        or lexicon.SOCIAL_SERVICE.match(part)
        or lexicon.FURNITURE_LINE.match(part)
        or SECTION_WORDS.match(part)
        and len(parts) > 1
        for part in parts
    )


def section_trail(text):
    """ "Društvo", "Kultura | Društvo", "Култура / Баштина": a section's name alone on its
    line, or a trail of two or three that starts with one."""
    parts = TRAIL_SEPARATOR.split(text.strip())
    if not SECTION_WORDS.match(parts[0]) or len(parts) > 3:
        return False
    return all(p and p[:1].isupper() and len(p.split()) <= 2 for p in parts[1:])


# Words that make a byline's last part an organization, not a person ("By X, Pannonian
# Newswire", "Autor: X, Novosadski glasnik", "Автор: X, Балканский вестник").
MEDIA_WORDS = re.compile(
    r"(?<!\w)(?:news|newswire|wire|press|agency|times|post|review|herald|gazette|journal"
    r"|tribune|daily|weekly|media|radio|tv|television|network|magazine|chronicle|observer"
    r"|telegraph|courier|monitor|"
    + _alternatives(
        _serbian(["novosti", "vesti", "list", "dnevnik", "glasnik", "novine", "portal", "agencija"])
    )
    + r"|televizija|телевизија|новости|газета|вестник|агентство|журнал|телеграф|радио|листок)(?!\w)",
    re.IGNORECASE,
)


# The site's voice: it speaks of itself and to its reader ("we", "our", "you"), as an
# article's narrative, outside its quotes, does not.
SITE_VOICE = re.compile(
    r"(?<!\w)(?:we|our|us|you|your|"
    + _alternatives(
        _serbian(
            [
                "mi",
                "naš",
                "naša",
                "naše",
                "naši",
                "nas",
                "nam",
                "vi",
                "vaš",
                "vaša",
                "vaše",
                "vas",
                "vam",
            ]
        )
    )
    + r"|мы|наш\w*|нас|нам|вы|ваш\w*|вас|вам)(?!\w)",
    re.IGNORECASE,
)


def is_appeal(sentence):
    return any(p.search(sentence) for p in APPEALS)


def furniture_reason(text, words):
    """Why the line is the site's boilerplate, or "" when it is not."""
    if len(text) > 400:
        return ""  # the site's lines are short; a long one is the article's
    if words <= 12 and (button_row(text) or BUTTON_WORDS.match(text)):
        return "a row of the site's buttons"
    if words <= 12 and INTERFACE_PHRASES.match(text):
        return "a prompt of the site's interface"
    if words <= 16 and EMBED_RESIDUE.match(text):
        return "what an embedded post or picture leaves"
    if words <= 6 and section_trail(text):
        return "the section's name over the article"
    if words <= 30 and TICKER.match(text):
        return "a news ticker: another article's headline"
    if MOST_READ.match(text) or MORE_LINKS.match(text):
        return "the label over the site's links"
    if words <= 40 and TAGS.match(text):
        return "the article's tags"
    if words <= 8 and WEATHER.search(text):
        return "the site's weather box"
    if words <= 30 and COMMENT_RULES.search(text):
        return "the comment section's rules"
    if words <= 30 and MATERIAL_USE.search(text) and lexicon.REPRINT_CONDITION.search(text):
        return "the site's reprint terms"
    return ""
