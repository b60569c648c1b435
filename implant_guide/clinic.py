"""The clinic's details in the settings: what editors write from them in Markdown, and
whether they are still the fictional examples the project comes with."""

import re

EXAMPLE_VALUE = re.compile(r"example\.(?:org|com|net)|\b555-01\d\d\b|\bexample\b|\b00000\b", re.I)
"""The marks of a fictional example: example.org addresses, 555-01xx phone numbers, names
and roles with the word Example, the 00000 postal code."""


def markdown_placeholders(clinic: dict, emergency_number: str) -> dict:
    """The values editors can write in Markdown as {{ name }}; phone numbers become links."""
    return {
        "clinic_name": clinic["name"],
        "clinic_phone": f"[{clinic['phone']}](tel:{clinic['phone_tel']})",
        "after_hours_phone": (
            f"[{clinic['after_hours_phone']}](tel:{clinic['after_hours_phone_tel']})"
        ),
        "emergency_number": emergency_number,
    }


def example_values(settings: dict) -> list[str]:
    """Each setting of the clinic's identity that still holds an example value, as
    `CLINIC['phone'] = '555-0100'`; the site's address (SITEURL) included."""
    found = []

    def look(value, name):
        if isinstance(value, dict):
            for key, item in value.items():
                look(item, f"{name}[{key!r}]")
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                look(item, f"{name}[{index}]")
        elif isinstance(value, str) and EXAMPLE_VALUE.search(value):
            found.append(f"{name} = {value!r}")

    look(settings["CLINIC"], "CLINIC")
    look(settings["SITEURL"], "SITEURL")
    return found
