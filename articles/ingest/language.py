"""Which language an article is written in, by an offline identifier (py3langid).

py3langid ships langid.py's trained model inside the package: nothing is fetched at run time.
It is asked to choose among the languages the archive's reporting comes in and their close
neighbours, so that a Serbian text in Latin script is not called Croatian or Bosnian (the
identifier cannot tell these apart reliably, and the archive reads them with the same rules).
"""

from functools import lru_cache

LANGUAGES = ["en", "sr", "ru", "uk", "be", "bg", "mk", "sl", "pl", "cs", "de", "fr", "es", "it"]
MIN_LETTERS = 20
RULES = {"en": "English", "sr": "Serbian", "ru": "Russian"}  # languages the importer has rules for


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(LANGUAGES)
    return identifier


def identify(text):
    """(ISO 639-1 code, probability) of `text`, or ("", 0.0) when there are too few letters."""
    if sum(c.isalpha() for c in text[:5000]) < MIN_LETTERS:
        return "", 0.0
    code, probability = _identifier().classify(text[:20000])
    return code, float(probability)
