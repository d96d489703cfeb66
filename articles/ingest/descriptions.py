"""Speakers a Serbian or Russian text describes instead of naming: "Једна станодавка са Врачара,
која није желела да јој се објави име, каже …", "Jedan od volontera kaže …", "как молодой
программист из Москвы спросил …", "Заведующая отделением … считает …".

Such a description is the subject of its clause, so a pronoun or a left-out subject after it
("— объяснила она", "rekla je") stands for that unnamed person, not for the last person the
article named: a wrong name is worse than none. A description is found by its grammar, not by
a list of the sentences it comes in: a role noun in the nominative (lexicon.ROLE_NOUNS) that
opens a clause (the sentence's start, a conjunction, "jedan"/"один" and up to two adjectives
before it) and has no name after it; "one of" the people of a group ("jedna od komšinica",
"один из организаторов"); a Russian present participle used as a noun opening a sentence
("Заведующая", "Отдыхающий").
"""

import re

from articles.ingest import lexicon

# What may open the clause a description is the subject of: the sentence's start, or a
# conjunction; then "one", "some" and up to two adjectives (lower case, or capitalised at the
# sentence's start).
_CONJUNCTIONS = (
    "как что когда где а и но да хотя пока kad kada što a i ali pa dok jer iako "
    "као кад када што али па док јер иако"
).split()
_ONE = (
    "jedan jedna jedno neki neka jedan jedna један једна неки нека "
    "один одна некий некая какой-то какая-то"
).split()
CLAUSE_LEAD = re.compile(
    r"(?:\n|[.!?…:;]\s+|[—–]\s+|(?<![\w-])(?i:" + "|".join(_CONJUNCTIONS) + r")\s+)"
    r"(?:(?i:" + "|".join(_ONE) + r")\s+)?"
    r"(?:[^\W\d_][\w-]*(?:ый|ий|ой|ая|яя|(?<![лl])(?:i|a|и|а))\s+){0,2}$"
)
WORD = re.compile(r"[^\W\d_][\w-]*")
ONE_GENDER = {
    "jedan": lexicon.MASCULINE,
    "један": lexicon.MASCULINE,
    "один": lexicon.MASCULINE,
    "jedna": lexicon.FEMININE,
    "једна": lexicon.FEMININE,
    "одна": lexicon.FEMININE,
}
# "jedna od komšinica", "один из организаторов": one of a group, whatever the noun.
ONE_OF = re.compile(
    r"(?<![\w-])(?i:jedan|jedna|један|једна|один|одна)\s+(?:od|од|из)\s+"
    r"(?:[^\W\d_][\w-]*\s+){0,2}?(?P<noun>[^\W\d_][\w-]*)"
)
# A Russian present active participle used as a noun, opening a sentence: "Заведующая …".
PARTICIPLE_NOUN = re.compile(r"[А-ЯЁ][а-яё]+(?:ющ|ущ|ящ|ащ)(?:ая|ий)(?=\s+[а-яё])")
# A name after the role, or after the role's few words ("секретарь клуба Вера Лосева").
# No preposition between: "programer iz Moskve", "станодавка са Врачара" name a place.
NAME_AFTER = re.compile(
    r"(?:\s+(?!(?:iz|sa|s|od|u|na|za|kod|do|po|prema|o|из|са|с|со|од|у|в|во|на|за|код|до|по"
    r"|према|о|об|для|при|от|к)\s)[a-zа-яёčćšžđђјљњћџ][\w-]*){0,3}\s+[A-ZÀ-ÖØ-ÞА-ЯЁЂЈЉЊЋЏŠČŽĐĆ]"
)
PREPOSITION_BEFORE = re.compile(
    r"(?<![\w-])(?i:о|об|с|со|к|от|для|без|при|про|у|sa|s|od|do|za|kod|bez|uz|u|na|о|са|од|до"
    r"|за|код|уз|на|по|po|iz|из|prema|према)\s+$"
)


def unnamed_speakers(text):
    """(start, end, noun, gender) of each description of an unnamed person in `text` that can
    be a clause's subject; gender is lexicon.MASCULINE / FEMININE when the noun shows it."""
    found = []
    for match in ONE_OF.finditer(text):
        gender = ONE_GENDER.get(match.group().split()[0].lower())
        if _opens_clause(text, match.start()):
            found.append((match.start(), match.end(), match["noun"].lower(), gender))
    taken = {s for s, _, _, _ in found} | {found_end for _, found_end, _, _ in found}
    for match in WORD.finditer(text):
        word = match.group()
        start, end = match.span()
        if end in taken or word.lower() not in lexicon.ROLE_NOUNS:  # the noun of "jedna od …"
            continue
        if NAME_AFTER.match(text, end) or PREPOSITION_BEFORE.search(
            text[max(0, start - 12) : start]
        ):
            continue  # "penzionerka Radmila Kostić": a role before a name; "sa komšinicom"
        if _opens_clause(text, start):
            found.append((start, end, word.lower(), lexicon.role_gender(word)))
    for match in PARTICIPLE_NOUN.finditer(text):
        if _opens_clause(text, match.start()):
            gender = lexicon.FEMININE if match.group().endswith("ая") else lexicon.MASCULINE
            found.append((match.start(), match.end(), match.group().lower(), gender))
    return sorted(found)


def _opens_clause(text, start):
    """Does a clause open at `start`: a sentence's start or a conjunction, then "one" and up to
    two adjectives? (The window reads back 60 characters, the text's start as a new line.)"""
    window = ("\n" if start <= 60 else "") + text[max(0, start - 60) : start]
    return bool(CLAUSE_LEAD.search(window))
