import pytest

from archive.text import (
    fold,
    fold_phrase,
    language_tag,
    normalize_typography,
    script_of,
    transliterate,
)


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (["Vučić", "Vucic", "VUČIĆ", "Вучић"], "vucic"),
        (["Đoković", "Djoković", "Djokovic", "Ђоковић"], "djokovic"),
        (["Karađorđević", "Карађорђевић"], "karadjordjevic"),
        (["Nikitin", "Никитин"], "nikitin"),
        (["Navalnaya", "Навальная", "Naval'naya"], "navalnaya"),
        (["Lukashenko", "Лукашенко"], "lukashenko"),
        (["Tašmajdan", "Tasmajdan"], "tasmajdan"),
    ],
)
def test_every_spelling_of_a_name_folds_to_one_key(spellings, key):
    assert {fold(s) for s in spellings} == {key}


def test_belarusian_and_serbian_cyrillic_use_their_own_schemes():
    assert transliterate("Мінск") == "Minsk"  # Belarusian і, cyrtranslit 'by'
    assert transliterate("Вучић") == "Vučić"  # Serbian ћ, cyrtranslit 'sr'
    assert transliterate("Путин") == "Putin"  # Russian


def test_typography_is_normalized_without_moving_offsets():
    printed = "“Russia’s full‑scale war” — it\u00a0said"
    typed = normalize_typography(printed)
    assert typed == '"Russia\'s full-scale war" - it said'
    assert len(typed) == len(printed)


def test_fold_phrase_splits_like_the_index():
    assert fold_phrase("Russia’s full-scale invasion") == (
        "russia",
        "s",
        "full",
        "scale",
        "invasion",
    )


def test_script_detection():
    assert script_of("Вучић") == "Cyrl"
    assert script_of("Vučić") == "Latn"
    assert script_of("Putin Путин") == "Mixed"


@pytest.mark.parametrize(
    ("text", "context", "tag"),
    [
        ("Вучић", "", "sr-Cyrl"),  # ћ is Serbian only
        ("Ђокић", "ru", "sr-Cyrl"),  # the letters outrank the context
        ("Пётр Никитин", "", "ru"),  # ё is not Serbian
        ("Николай Второй", "", "ru"),  # nor is й
        ("Путин", "", "und"),  # letters both alphabets have, and nothing else to go by
        ("Путин", "ru", "ru"),
        ("Никола", "sr", "sr-Cyrl"),
        ("Вучић Putin", "", "sr-Cyrl"),
        ("Vučić", "", "sr-Latn"),
        ("Đokić", "", "sr-Latn"),
        ("Vucic", "", ""),  # plain Latin: the page's own language
        ("Belgrade", "sr", ""),
    ],
)
def test_language_tag(text, context, tag):
    assert language_tag(text, context) == tag
