"""A document mixing languages gets the language of its body (issue 21). Texts written here."""

from __future__ import annotations

import pytest

from hoaxlens import Analyzer
from hoaxlens.scope import assess_scope
from hoaxlens.scope.body import body_sample, without_quotes
from hoaxlens.types import AbstainReason, MediaType, RawDocument

SPANISH = (
    "La cantante detuvo el concierto cuando vio a una niña llorando en la primera fila. "
    "Bajó del escenario, la abrazó y le preguntó su nombre delante de todo el público. "
    "Nadie en la sala sabía que la pequeña había perdido a su madre pocos días antes. "
    "Al terminar la noche, la artista pagó los estudios de la niña y prometió volver a verla."
)
PORTUGUESE = (
    "O cantor parou o show quando viu um menino chorando perto do palco. Ele desceu, abraçou "
    "o menino e perguntou o nome dele na frente de todo o público. Ninguém sabia que a mãe do "
    "menino tinha morrido uma semana antes. No fim da noite, o artista pagou os estudos dele "
    "e prometeu voltar para visitá-lo. Os vizinhos dizem que a família ainda não acredita no "
    "que aconteceu e que o menino guarda a foto com o cantor ao lado da cama. A escola do "
    "menino também recebeu uma doação, segundo a diretora."
)
FRENCH = (
    "Le chanteur a arrêté le concert quand il a vu une fillette en larmes au premier rang. "
    "Il est descendu de la scène, l'a prise dans ses bras et lui a demandé son prénom devant "
    "toute la salle. Personne ne savait que sa mère était morte une semaine plus tôt. À la "
    "fin de la soirée, le chanteur a payé ses études et a promis de revenir la voir."
)
GERMAN = (
    "Der Sänger unterbrach das Konzert, als er ein weinendes Mädchen in der ersten Reihe sah. "
    "Er stieg von der Bühne, nahm sie in den Arm und fragte vor dem ganzen Publikum nach "
    "ihrem Namen. Niemand in der Halle wusste, dass ihre Mutter eine Woche zuvor gestorben "
    "war. Am Ende des Abends bezahlte er ihre Ausbildung und versprach, sie zu besuchen."
)
ENGLISH_QUOTE = (
    '"When I saw that little girl crying in the front row, I stopped thinking about the show. '
    "I just wanted to hold her hand and tell her that everything was going to be fine, because "
    'that is what my own mother did for me when I was her age and nobody else was there," '
    "the singer wrote on her page."
)
ENGLISH_FURNITURE = (
    "Home | Celebrities | Music | Trending now\n"
    "Subscribe to our newsletter and get the best stories of the week delivered to your inbox "
    "every Friday.\n"
    "We use cookies to improve your experience on our website. By continuing to browse, you "
    "agree to our use of cookies and our privacy policy.\n"
    "Share this story with your friends on Facebook and Twitter.\n"
)
ENGLISH = (
    "The singer stopped the concert when she saw a little girl crying in the front row. She "
    "came down from the stage, hugged her and asked for her name in front of the whole crowd. "
    "Nobody in the hall knew that the girl had lost her mother a week before. At the end of "
    "the night, the singer paid for her school and promised to visit her again."
)


def _middle(body: str, insert: str) -> str:
    cut = body.index(". ") + 2
    return f"{body[:cut]}{insert} {body[cut:]}"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        pytest.param(ENGLISH_QUOTE + "\n" + SPANISH, "es", id="es-opens-with-long-english-quote"),
        pytest.param(_middle(SPANISH, ENGLISH_QUOTE), "es", id="es-english-quote-inside"),
        pytest.param(ENGLISH_FURNITURE + PORTUGUESE, "pt", id="pt-under-english-furniture"),
        pytest.param(_middle(FRENCH, ENGLISH_QUOTE), "fr", id="fr-english-quote-inside"),
        pytest.param(
            GERMAN + "\nComments\nThis is so beautiful, what a kind heart he has! God bless "
            "him and the little girl, and thank you for sharing this story with all of us.",
            "de",
            id="de-with-english-comments",
        ),
        pytest.param(
            _middle(ENGLISH, '"Nadie sabía lo que había pasado con su madre," dijo la niña.'),
            "en",
            id="en-with-spanish-quote",
        ),
        pytest.param(
            ENGLISH + " Her favourite songs that night were La vida es un carnaval and Gracias "
            "a la vida, both sung in Spanish.",
            "en",
            id="en-naming-spanish-songs",
        ),
    ],
)
def test_a_mixed_document_gets_the_language_of_its_body(text, lang):
    for confidence in (True, False):
        scope = assess_scope(text, "Singer Stops Concert For Crying Girl", confidence=confidence)
        assert scope.lang == lang
        expected = None if lang == "en" else AbstainReason.UNSUPPORTED_LANGUAGE
        assert scope.reason is expected


def test_the_first_characters_alone_would_say_english():
    """Without the body vote, the first 600 characters are English: the case is real."""
    assert assess_scope(ENGLISH_QUOTE).lang == "en"
    assert assess_scope(ENGLISH_FURNITURE).lang == "en"


def test_a_text_in_one_language_keeps_the_gates_own_sample():
    assert body_sample(SPANISH, 600) is None
    assert body_sample(ENGLISH, 600) is None


def test_the_sample_holds_only_the_bodys_sentences():
    body = body_sample(ENGLISH_FURNITURE + PORTUGUESE, 600)
    assert body is not None
    assert body.side == "other"
    assert "newsletter" not in body.text
    assert "Ninguém sabia" in body.text


def test_quotations_are_left_out_and_unpaired_marks_kept():
    assert without_quotes("Dijo «hello there» y „guten Tag“ y “bye”.") == "Dijo   y   y  ."
    assert without_quotes('un " solo') == 'un " solo'


def test_the_analyzer_judges_a_mixed_page_in_its_bodys_language():
    analyzer = Analyzer()
    raw = RawDocument("t", ENGLISH_FURNITURE + SPANISH, MediaType.TEXT, "test")
    verdict = analyzer.analyze(raw)
    assert verdict.lang == "es"
    assert verdict.abstain_reason is None  # Spanish is judged (hoaxlens.languages)


def test_words_that_only_the_quotations_removal_sets_apart_still_vote():
    # Every Spanish function word here is glued to a quotation; left out, each quotation
    # leaves a space, and the words stand alone in the prose.
    spanish = "Dijo“a”que“b”los“c”niños“d”fue“e”muy“f”bien“g”para“h”todos“i”ellos. " * 3
    text = "The crowd cheered and they saw it all. " + spanish
    body = body_sample(text, 600)
    assert body is not None
    assert body.side == "other"
    assert body.text.startswith("Dijo que los niños fue muy bien para todos ellos.")
