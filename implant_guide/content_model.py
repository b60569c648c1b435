"""The content model: the kinds of article, their parts of the guide and their sections.

This module is the single declaration read by the build's content checks, by the
`invoke new` article template, by the structured data for search engines and by the
tests. Change a rule here and every one of them follows. The limits articles must keep
(words, reading grade, summary length, references, review interval) are in `policy.py`.
"""

import calendar
from dataclasses import dataclass, replace
from datetime import date

from implant_guide.languages import DEFAULT_LANGUAGE

CARE_CARD_LEVELS = ("non-urgent", "urgent", "emergency")
"""Care card levels, from least to most serious. A kind lists its required cards from the
most serious down, the order they take under "When to get help"."""

LINK_FREE_CARD_LEVEL = "emergency"
"""A care card of this level never links away: it must not send people in an emergency
to another page. The build refuses such a link; the glossary links no term in it."""
LINK_FREE_REASON = f"An {LINK_FREE_CARD_LEVEL} card must not send people away"
"""Why, as the content checks say it."""

WORKSHEET = "worksheet"
"""The block of a decision worksheet (implant_guide/worksheet.py)."""

CALLOUT_TYPES = (*CARE_CARD_LEVELS, "inset", "warning", "checklist", "exercise", WORKSHEET)
"""Every block an editor can open with `!!! type "Heading"` in Markdown. An exercise is
kept whole on one printed page: its heading, drawing and steps."""

REFERENCES_HEADING = "References"
HELP_SECTION = "When to get help"
"""The section that holds an article's care cards."""

PROCEDURE = "MedicalProcedure"
"""An article about the operation itself, named PROCEDURE_NAME in structured data."""
CONDITION = "MedicalCondition"
"""An article about one complication, named by the article's title in structured data."""
PROCEDURE_NAME = "Interlaminar implant surgery"


@dataclass(frozen=True)
class Part:
    """One part of the guide, shown as a group on the home page."""

    name: str
    title: str
    description: str
    spanish: tuple[str, str]
    """Its title and description in Spanish."""

    def in_language(self, lang: str) -> "Part":
        """The part with its title and description in `lang`."""
        if lang == DEFAULT_LANGUAGE:
            return self
        return replace(self, title=self.spanish[0], description=self.spanish[1])


@dataclass(frozen=True)
class Kind:
    """A kind of article: where it sits in the guide and what it must contain."""

    name: str
    part: str
    sections: tuple[str, ...]
    care_cards: tuple[str, ...]
    """The care card levels its "When to get help" needs, most serious first: the order in
    which a new article shows them (the emergency card first)."""
    about: str
    """What its pages are about, as a schema.org type: PROCEDURE or CONDITION."""

    def sections_in(self, lang: str) -> tuple[str, ...]:
        """Its section headings in `lang`."""
        return tuple(heading_in(section, lang) for section in self.sections)


PARTS = (
    Part(
        "before",
        "Before surgery",
        "What the implant is and who it can help.",
        ("Antes de la cirugía", "Qué es el implante y a quién puede ayudar."),
    ),
    Part(
        "operation",
        "The operation",
        "What happens on the day, step by step.",
        ("La operación", "Qué pasa ese día, paso a paso."),
    ),
    Part(
        "risks",
        "Risks and complications",
        "What can go wrong, and how likely it is.",
        ("Riesgos y complicaciones", "Qué puede salir mal, y qué tan probable es."),
    ),
    Part(
        "recovery",
        "Recovery",
        "Getting back to normal, week by week.",
        ("Recuperación", "Volver a la vida normal, semana a semana."),
    ),
    Part(
        "help",
        "Getting help",
        "Symptoms that need a doctor quickly.",
        ("Pedir ayuda", "Síntomas que necesitan un médico pronto."),
    ),
)

KINDS = {
    kind.name: kind
    for kind in (
        Kind(
            "overview",
            "before",
            (
                "What spinal stenosis is",
                "How the implant works",
                "Who it can help",
                "Who it is not for",
                "How it differs from other operations",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("non-urgent",),
            about=PROCEDURE,
        ),
        Kind(
            "options",
            "before",
            (
                "Living with stenosis without surgery",
                "Decompression alone",
                "Decompression with the implant",
                "Decompression with fusion",
                "Comparing the options",
                "What the numbers do not tell you",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "questions",
            "before",
            (
                "How to use this list",
                "Questions about your options",
                "Questions about the operation",
                "Questions about risks",
                "Questions about recovery",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("non-urgent",),
            about=PROCEDURE,
        ),
        Kind(
            "preparation",
            "operation",
            (
                "Your pre-operative assessment",
                "Medicines",
                "Smoking",
                "Eating and drinking",
                "What to bring",
                "Help at home",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent", "non-urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "procedure",
            "operation",
            (
                "Before the operation",
                "During the operation",
                "How long it takes",
                "Waking up",
                "Going home",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "risks",
            "risks",
            (
                "How common problems are",
                "The main complications",
                "Lowering your risk",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "complication",
            "risks",
            (
                "What it is",
                "How common it is",
                "Signs to look out for",
                "How it is treated",
                "How to lower your risk",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=CONDITION,
        ),
        Kind(
            "recovery",
            "recovery",
            (
                "The first day",
                "Going home",
                "The first 2 weeks",
                "Physical therapy and exercises",
                "Back to your normal routine",
                "Recovery checklist",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "timeline",
            "recovery",
            (
                "Week 1",
                "Weeks 2 to 6",
                "Weeks 6 to 12",
                "After 3 months",
                "Everyday questions",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "symptoms",
            "recovery",
            (
                "How to use this page",
                "The first days",
                "Weeks 1 to 2",
                "Weeks 2 to 6",
                "Weeks 6 to 12",
                "After 3 months",
                "If you have done too much",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "daily-life",
            "recovery",
            (
                "Walking",
                "Stairs",
                "Getting in and out of bed",
                "Bending, reaching and dressing",
                "Sitting",
                "A back brace",
                "Housework and gardening",
                "Hobbies and sport",
                "The bone around your implant",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "exercises",
            "recovery",
            (
                "Before you start",
                "Your exercises",
                "How to build up",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "feelings",
            "recovery",
            (
                "How you may feel",
                "What can help",
                "When to tell your team",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "non-urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "living-with-implant",
            "recovery",
            (
                "Your implant card",
                "MRI scans and other tests",
                "Airport security",
                "Long-term results",
                "If your symptoms come back",
                "Everyday questions",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent", "non-urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "medicines",
            "recovery",
            (
                "What you may take",
                "Taking opioids safely",
                "Cutting down",
                "Naloxone",
                "Storing and getting rid of medicines",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "urgent-help",
            "help",
            (
                "Get emergency help",
                "Get urgent advice",
                "Questions that can wait",
                REFERENCES_HEADING,
            ),
            tuple(reversed(CARE_CARD_LEVELS)),
            about=PROCEDURE,
        ),
    )
}

ARTICLE_METADATA = (
    "title",
    "slug",
    "summary",
    "kind",
    "order",
    "date",
    "modified",
    "last_reviewed",
    "next_review",
    "reviewer",
)
"""Metadata every article must have, in the order the article template writes it."""

PAGE_METADATA = ("title", "slug", "summary", "modified")
"""Metadata every page (about, contact, privacy...) must have."""

OPTIONAL_METADATA = (
    "status",
    "save_as",
    "url",
    "template",
    "topics",
    "lang",
    "translation_key",
    "translation_reviewed",
    "translation_reviewer",
    "reviewed_text",
    "translation_reviewed_text",
)
"""Metadata an article or page may have; any other key is reported as misspelled.
`Topics:` names the warning-sign topics a page is about; it must show their emergency signs.
`Lang:`, `Translation_key:` (the English slug that pairs translations) and the translation's
review (`Translation_reviewed:`, `Translation_reviewer:`) are checked by the translation
checks (implant_guide/checks/translation_checks.py). `Reviewed_text:` and
`Translation_reviewed_text:` record the text a reviewer signed off (implant_guide/sign_off.py)."""

DATE_METADATA = ("date", "modified", "last_reviewed", "next_review")
DATE_FORMAT = "YYYY-MM-DD"


SPANISH_HEADINGS = {
    "What spinal stenosis is": "Qué es la estenosis espinal",
    "How the implant works": "Cómo funciona el implante",
    "Who it can help": "A quién puede ayudar",
    "Who it is not for": "Para quién no es",
    "How it differs from other operations": "En qué se diferencia de otras operaciones",
    "When to get help": "Cuándo pedir ayuda",
    REFERENCES_HEADING: "Referencias",
    "Living with stenosis without surgery": "Vivir con estenosis sin cirugía",
    "Decompression alone": "Solo descompresión",
    "Decompression with the implant": "Descompresión con el implante",
    "Decompression with fusion": "Descompresión con fusión",
    "Comparing the options": "Comparar las opciones",
    "What the numbers do not tell you": "Lo que las cifras no le dicen",
    "How to use this list": "Cómo usar esta lista",
    "Questions about your options": "Preguntas sobre sus opciones",
    "Questions about the operation": "Preguntas sobre la operación",
    "Questions about risks": "Preguntas sobre los riesgos",
    "Questions about recovery": "Preguntas sobre la recuperación",
    "Your pre-operative assessment": "Su evaluación antes de la operación",
    "Medicines": "Medicamentos",
    "Smoking": "Fumar",
    "Eating and drinking": "Comer y beber",
    "What to bring": "Qué llevar",
    "Help at home": "Ayuda en casa",
    "Before the operation": "Antes de la operación",
    "During the operation": "Durante la operación",
    "How long it takes": "Cuánto dura",
    "Waking up": "Al despertar",
    "Going home": "Volver a casa",
    "How common problems are": "Qué tan comunes son los problemas",
    "The main complications": "Las complicaciones principales",
    "Lowering your risk": "Reducir su riesgo",
    "What it is": "Qué es",
    "How common it is": "Qué tan común es",
    "Signs to look out for": "Señales de alerta",
    "How it is treated": "Cómo se trata",
    "How to lower your risk": "Cómo reducir su riesgo",
    "The first day": "El primer día",
    "The first 2 weeks": "Las primeras 2 semanas",
    "Physical therapy and exercises": "Fisioterapia y ejercicios",
    "Back to your normal routine": "Volver a su rutina normal",
    "Recovery checklist": "Lista para su recuperación",
    "Week 1": "Semana 1",
    "Weeks 2 to 6": "Semanas 2 a 6",
    "Weeks 6 to 12": "Semanas 6 a 12",
    "After 3 months": "Después de 3 meses",
    "Everyday questions": "Preguntas del día a día",
    "Your implant card": "Su tarjeta del implante",
    "MRI scans and other tests": "Resonancias magnéticas y otras pruebas",
    "Airport security": "Seguridad en el aeropuerto",
    "Long-term results": "Resultados a largo plazo",
    "If your symptoms come back": "Si sus síntomas vuelven",
    "What you may take": "Qué puede tomar",
    "Taking opioids safely": "Cómo tomar opioides con seguridad",
    "Cutting down": "Cómo dejarlos poco a poco",
    "Naloxone": "La naloxona",
    "Storing and getting rid of medicines": "Guardar y desechar los medicamentos",
    "How to use this page": "Cómo usar esta página",
    "The first days": "Los primeros días",
    "Weeks 1 to 2": "Semanas 1 a 2",
    "If you have done too much": "Si hizo demasiado",
    "Walking": "Caminar",
    "Stairs": "Escaleras",
    "Getting in and out of bed": "Acostarse y levantarse de la cama",
    "Bending, reaching and dressing": "Agacharse, alcanzar cosas y vestirse",
    "Sitting": "Sentarse",
    "A back brace": "Una faja o corsé para la espalda",
    "Housework and gardening": "Tareas de la casa y jardín",
    "Hobbies and sport": "Pasatiempos y deportes",
    "The bone around your implant": "El hueso alrededor de su implante",
    "Before you start": "Antes de empezar",
    "Your exercises": "Sus ejercicios",
    "How to build up": "Cómo avanzar poco a poco",
    "How you may feel": "Cómo se puede sentir",
    "What can help": "Qué puede ayudar",
    "When to tell your team": "Cuándo decírselo a su equipo",
    "Get emergency help": "Pida ayuda de emergencia",
    "Get urgent advice": "Pida consejo urgente",
    "Questions that can wait": "Preguntas que pueden esperar",
}
"""Every section heading of every kind, in Spanish."""


def heading_in(heading: str, lang: str) -> str:
    """A section heading of the content model in `lang`."""
    return heading if lang == DEFAULT_LANGUAGE else SPANISH_HEADINGS[heading]


def part_index(part_name: str) -> int:
    """Position of a part in the guide."""
    return [part.name for part in PARTS].index(part_name)


def add_months(day: date, months: int) -> date:
    """The same day of the month, some months later (clamped to the month's end)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
