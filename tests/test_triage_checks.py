"""Triage at one level in prose: a sentence or list item that names a declared sign with an
instruction of another level is found, in English and Spanish; one that describes a sign,
or gives its own level's instruction, is not. Read with the real declaration."""

import pytest
from conftest import CONTENT

from implant_guide.checks.triage_checks import prose, triage_rules, violations
from implant_guide.warning_signs import read_warning_signs

SIGNS, _ = read_warning_signs(CONTENT / "data" / "warning-signs.toml")


def found(markdown: str, lang: str = "en") -> list[tuple[int, str, str, str]]:
    """(line, sign, its level, the instruction's level) of each violation in `markdown`."""
    units = prose(markdown.splitlines(), 1)
    return [
        (v.unit.line, v.sign.id, v.sign.level, v.instruction_level)
        for v in violations(units, triage_rules(SIGNS, lang))
    ]


REFUSED = {
    "an emergency sign sent to a same-day call": (
        "en",
        "If you have chest pain, call your team the same day.",
        [(1, "chest-pain", "emergency", "urgent")],
    ),
    "an emergency sign left to the next visit": (
        "en",
        "Intro.\n\nTell us about new leg weakness at your next visit.",
        [(3, "leg-weakness", "emergency", "non-urgent")],
    ),
    "an urgent sign sent to 911": (
        "en",
        "A fever is common. If you have a fever, call {{ emergency_number }}.",
        [(1, "fever", "urgent", "emergency")],
    ),
    "the second sentence of a paragraph, on the paragraph's second line": (
        "en",
        "Wounds heal.\nSome ooze. Go to the emergency room if pus leaks out.",
        [(2, "wound-infected", "urgent", "emergency")],
    ),
    "list items under a lead-in": (
        "en",
        "Call your team the same day if:\n\n- you cough up blood\n- you have a fever\n"
        "- you pass out",
        [(3, "coughing-blood", "emergency", "urgent"), (5, "fainting", "emergency", "urgent")],
    ),
    "a list item under a lead-in in a callout": (
        "en",
        '!!! warning "Important"\n    Tell your team at your next visit if:\n\n'
        "    - you feel faint",
        [(4, "fainting", "emergency", "non-urgent")],
    ),
    "a mixed sentence: two levels in one sentence": (
        "en",
        "Call 911 for chest pain, and call the clinic the same day for a fever.",
        [(1, "chest-pain", "emergency", "urgent"), (1, "fever", "urgent", "emergency")],
    ),
    "a heading": (
        "en",
        "## Call your clinic about chest pain",
        [(1, "chest-pain", "emergency", "urgent")],
    ),
    "Spanish: an emergency sign sent to a same-day call": (
        "es",
        "Si tiene dolor en el pecho, llame a su equipo el mismo día.",
        [(1, "chest-pain", "emergency", "urgent")],
    ),
    "Spanish: accents left out still match": (
        "es",
        "Si tose sangre, hable con su equipo en su proxima visita.",
        [(1, "coughing-blood", "emergency", "non-urgent")],
    ),
    "Spanish: list items under a lead-in": (
        "es",
        "Llame al {{ clinic_phone }} si:\n\n- le falta el aire\n- tiene fiebre",
        [(3, "short-of-breath", "emergency", "urgent")],
    ),
}

ACCEPTED = {
    "a sentence that describes a sign": (
        "en",
        "Chest pain can be a sign of a blood clot in your lungs. It is rare.",
    ),
    "a sign with its own level's instruction": (
        "en",
        "If you have chest pain, call {{ emergency_number }} or go to the emergency room.",
    ),
    "two signs of one level with their instruction": (
        "en",
        "If you have a fever or pus leaks from your wound, call your team the same day.",
    ),
    "an instruction in the next sentence": (
        "en",
        "Chest pain can mean a clot. Call the clinic with any questions.",
    ),
    "a list under a lead-in of the signs' level": (
        "en",
        "Call {{ emergency_number }} if:\n\n- you have chest pain\n- you cough up blood",
    ),
    "a list under a lead-in without an instruction": (
        "en",
        "Watch for:\n\n- you have chest pain\n\nCall your team the same day about a fever.",
    ),
    "a lead-in that does not reach past the next paragraph": (
        "en",
        "Call your team the same day if:\n\n- you have a fever\n\nText.\n\n- you have chest pain",
    ),
    "a care card's items": (
        "en",
        "!!! urgent operation\n    - you have chest pain at your next visit\n\nAfter.",
    ),
    "English words on a Spanish page": ("es", "If you have chest pain, call the clinic."),
    "Spanish: a sentence that describes a sign": (
        "es",
        "El dolor en el pecho puede ser señal de un coágulo en los pulmones.",
    ),
    "Spanish: a sign with its own level's instruction": (
        "es",
        "Si tiene dolor en el pecho, llame al {{ emergency_number }}.",
    ),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_a_sign_with_an_instruction_of_another_level_is_found(case):
    lang, markdown, expected = REFUSED[case]
    assert found(markdown, lang) == expected


@pytest.mark.parametrize("case", ACCEPTED, ids=list(ACCEPTED))
def test_a_sign_described_or_at_its_own_level_passes(case):
    lang, markdown = ACCEPTED[case]
    assert found(markdown, lang) == []


def test_every_level_has_instructions_in_both_languages():
    for level in SIGNS.levels.values():
        for lang in ("en", "es"):
            assert level.instructions_in(lang), (level.name, lang)


def test_prose_is_read_as_sentences_headings_and_list_items_outside_the_cards():
    markdown = (
        "## Going home\n\nRest well. Walk a little.\nDrink water.\n\nCall us if:\n\n"
        "- you feel hot\n  and shivery\n\n!!! urgent operation\n    - a hand-written item\n\n"
        '!!! warning "Important"\n    Do not lift.\n\n{{ figure: recovery-timeline }}'
    )
    units = prose(markdown.splitlines(), 1)
    assert [(u.line, u.kind, u.text) for u in units] == [
        (1, "heading", "Going home"),
        (3, "sentence", "Rest well."),
        (3, "sentence", "Walk a little."),
        (4, "sentence", "Drink water."),
        (6, "sentence", "Call us if:"),
        (8, "list item", "you feel hot and shivery"),
        (14, "heading", "Important"),
        (15, "sentence", "Do not lift."),
    ]
    assert units[5].lead_in == units[4]
