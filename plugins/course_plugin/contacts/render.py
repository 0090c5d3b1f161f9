"""Help contacts as HTML: grouped by country, each with a line on finding a local service."""

from __future__ import annotations

from ..reviewed import month_phrase
from .model import HelpContacts

HELP_CONTACTS_MARKER = "<!-- course: help-contacts -->"


def render_help_contacts(env, contacts: HelpContacts, language: str, strings: dict[str, str]) -> str:
    groups = []
    for country, items in contacts.by_country():
        groups.append({
            "id": country.id if country else "international",
            "name": country.name[language] if country else strings["help_international"],
            "find": (country.find_local or {}).get(language) if country else None,
            "contacts": [{
                "kind": c.kind,
                "kind_label": strings[f"contact_kind_{c.kind.replace('-', '_')}"],
                "name": c.name[language],
                "note": (c.note or {}).get(language),
                "phone": c.phone,
                "tel": "".join(ch for ch in (c.phone or "") if ch.isdigit() or ch == "+"),
                "site": c.site,
                "source": c.source,
                "checked": c.checked,
                "checked_label": month_phrase(c.checked, strings, "contact_checked"),
            } for c in items],
        })
    return env.get_template("help_contacts.html").render(groups=groups, s=strings)
