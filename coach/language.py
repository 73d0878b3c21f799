"""Whether a message is written in a language the offline coach cannot read. Its packs, cues
and rubric are English: an audit's full Spanish sentences were scored 1-2/10 as "a list of
fragments, not a plan in sentences", and "¿Cómo encuentro becas?" was answered about a
deadline. Spanglish, a Spanish name or a word or two of another language are English enough:
only a message mostly in another language is set aside (a model, when configured, reads it).
"""

from __future__ import annotations

import re

# the commonest Spanish words, none of them an English word too ("a", "me" and "no" are left
# out), so a count of them is a count of Spanish
_SPANISH = frozenset(
    """de la que el en y los se del las un por con una su para es al lo como más mas pero sus
    le ya este sí porque esta entre cuando muy sin sobre también tambien hasta hay donde quien
    desde todo nos durante todos uno les ni contra otros ese eso ante ellos esto mí antes
    algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco
    ella estar estas algunas algo nosotros mi mis tú te ti tu tus ellas cómo puedo debo tengo
    quiero necesito sé becas beca ayuda dinero escuela universidad trabajo cliente jefe
    solicitud ensayo fecha usar hacer decir estoy soy son está están era fue hola gracias
    buenas buenos días dias señor señora mamá papá""".split()
)
_ENGLISH = frozenset(
    """the and to of is it you i my in that for on with this be are was have what how do not
    but can will would should they he she we at your if so just about from me or an as all
    there their get one when which who why need want know think""".split()
)
# Spanish words in names and titles ("José de la Cruz", "Universidad del Valle"): not enough
# alone to call a message Spanish
_IN_NAMES = frozenset("de la el del las los y en un una al san".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")

NOT_ENGLISH_REASON = "written in a language the practice coach cannot read yet, not scored"
NOT_ENGLISH_REPLY = (
    "I can only coach in English for now, so I can't read or score this one (por ahora solo "
    "puedo dar coaching en inglés). Write it in English, rough English is fine, and I'll "
    "coach it."
)


def not_in_english(text: str) -> bool:
    """Mostly another language: four words or more, Spanish words (one beyond those in names)
    outnumbering English ones two to one and a third of the words, or an opening ¿ or ¡ with
    no English word, or letters mostly outside the Latin alphabet (Chinese, Arabic...)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 4 and sum(1 for c in letters if _LATIN.match(c)) < len(letters) / 2:
        return True
    words = [w.lower() for w in _WORD.findall(text)]
    spanish = [w for w in words if w in _SPANISH]
    english = sum(1 for w in words if w in _ENGLISH)
    if len(words) >= 2 and english == 0 and re.search(r"[¿¡]", text):
        return True
    if len(words) < 4 or not set(spanish) - _IN_NAMES:
        return False
    return (
        len(spanish) >= 2 and len(spanish) >= 2 * max(english, 1) and len(spanish) >= len(words) / 3
    )
