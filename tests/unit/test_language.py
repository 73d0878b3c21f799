"""Which messages the offline coach cannot read (coach/language.py): mostly Spanish, or
mostly another script; Spanglish, names and titles with "de la" are English enough."""

from __future__ import annotations

import pytest

from coach.language import not_in_english


@pytest.mark.parametrize(
    "text",
    [
        "¿Debo usar SQL o NoSQL?",
        "¿Cómo encuentro becas?",
        "Hola, tengo una pregunta sobre mi ensayo para la beca de enfermería",
        "Le diría al cliente que lo siento mucho y que vamos a resolver el problema hoy",
        "Mi jefe no me escucha",
        "Es muy caro para nosotros",
        "Я хочу учиться в колледже",
        "我想申请奖学金",
    ],
)
def test_another_language_is_read_as_such(text: str) -> None:
    assert not_in_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "i need help con mi essay porque my mom no sabe english",
        "I want to study at the Universidad de Puerto Rico in San Juan",
        "my name is José de la Cruz and I want to study nursing",
        "de la Cruz scholarship deadline",
        "how do i no if a scolarship is real",
        "Gracias!",
        "ok",
        "los angeles community college",
    ],
)
def test_english_spanglish_and_names_are_english_enough(text: str) -> None:
    assert not not_in_english(text)
