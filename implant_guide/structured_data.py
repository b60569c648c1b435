"""Structured data for search engines: schema.org objects, rendered as JSON-LD.

The templates call the functions marked `pass_context` (registered as Jinja globals in
pelicanconf.py) and write the result with `|tojson` in a
`<script type="application/ld+json">` block.
"""

from jinja2 import pass_context
from markupsafe import Markup

from implant_guide.content_model import PROCEDURE, PROCEDURE_NAME
from implant_guide.languages import content_language
from implant_guide.theme_text import catalogs_folder, translations

SCHEMA_ORG = "https://schema.org"
PATIENTS = {"@type": "MedicalAudience", "audienceType": "Patient"}


@pass_context
def page_url(context, path: str) -> str:
    """The address of the page saved at `path` (as in `article.url`; "" is the home page).

    Absolute in the publish build; relative to the current page in development.
    """
    return f"{context['SITEURL']}/{path}"


def medical_clinic(clinic: dict) -> dict:
    """The clinic as a schema.org MedicalClinic, from CLINIC in the settings."""
    address = clinic["address"]
    return {
        "@type": "MedicalClinic",
        "name": clinic["name"],
        "url": clinic["url"],
        "telephone": clinic["phone_tel"],
        "email": clinic["email"],
        "address": {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(address["street"]),
            "addressLocality": address["locality"],
            "addressRegion": address["region"],
            "postalCode": address["postal_code"],
            "addressCountry": address["country"],
        },
    }


@pass_context
def medical_clinic_page(context) -> dict:
    """The structured data of a page about the clinic: the clinic itself."""
    return {"@context": SCHEMA_ORG, **medical_clinic(context["CLINIC"])}


def subject(article, text) -> dict:
    """What a health page is about: the operation (named in the language of `text`, the
    page's interface text), or the complication it explains."""
    about = article.guide.kind.about
    name = text.gettext(PROCEDURE_NAME) if about == PROCEDURE else article.title
    return {"@type": about, "name": name}


def breadcrumb_list(trail: list[tuple[str, str]]) -> dict:
    """A schema.org BreadcrumbList of (name, url) pairs, from the home page down."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


@pass_context
def medical_web_page(context, article, trail: list[tuple[str, str]]) -> dict:
    """A health page as a schema.org MedicalWebPage.

    `trail` is the breadcrumb trail shown above the article, (name, url) pairs from the
    home page to its part of the guide; the article itself ends the trail.
    """
    guide = article.guide
    url = page_url(context, article.guide.url)
    text = translations(content_language(article), catalogs_folder(context))
    return {
        "@context": SCHEMA_ORG,
        "@type": "MedicalWebPage",
        "name": article.title,
        "description": Markup(article.summary).striptags(),
        "url": url,
        "inLanguage": content_language(article),
        "datePublished": article.date.date().isoformat(),
        "dateModified": article.modified.date().isoformat(),
        "lastReviewed": guide.last_reviewed.isoformat(),
        "reviewedBy": {"@type": "Person", "name": guide.reviewer["name"]},
        "about": subject(article, text),
        "medicalAudience": PATIENTS,
        "publisher": medical_clinic(context["CLINIC"]),
        "breadcrumb": breadcrumb_list([*trail, (article.title, url)]),
    }
