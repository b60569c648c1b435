"""Markdown extensions: the syntax editors write in articles and pages.

Each extension reads the data files it needs and the interface text of the page's language
(`Lang:`) from the catalogs. `extension_configs` gives them their options from the
settings, which name every file once (CLINIC_FILE, WARNING_SIGNS_FILE...); the project's
Markdown reader (`implant_guide/plugins/markdown_reader.py`) adds them to MARKDOWN.
"""

from pathlib import Path

from implant_guide.theme_text import catalogs_folder


def extension_configs(settings: dict) -> dict[str, dict]:
    """The project's Markdown extensions and their options, from the settings."""
    catalogs = str(catalogs_folder(settings))
    templates = str(Path(settings["THEME"]) / "templates")
    return {
        "implant_guide.markdown.blocks": {
            "clinic_file": str(settings["CLINIC_FILE"]),
            "figures_dir": str(settings["ILLUSTRATIONS_DIR"]),
            "catalogs": catalogs,
        },
        "implant_guide.markdown.risk_arrays": {"catalogs": catalogs},
        "implant_guide.markdown.tables": {},
        "implant_guide.markdown.worksheets": {
            "clinic_file": str(settings["CLINIC_FILE"]),
            "templates_dir": templates,
            "catalogs": catalogs,
        },
        "implant_guide.markdown.care_cards": {
            "signs_file": str(settings["WARNING_SIGNS_FILE"]),
            "clinic_file": str(settings["CLINIC_FILE"]),
            "templates_dir": templates,
            "catalogs": catalogs,
        },
        "implant_guide.markdown.citations": {
            "bibliography": str(settings["BIBLIOGRAPHY_FILE"]),
            "catalogs": catalogs,
        },
        "implant_guide.markdown.glossary_links": {
            "glossary_file": str(settings["GLOSSARY_FILE"]),
            "catalogs": catalogs,
        },
        "implant_guide.markdown.outline": {},
    }
