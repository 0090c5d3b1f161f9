"""The help-contacts data model: countries, and contacts each taken from an official source."""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of help, in the order a country's contacts are listed. Each has a label in strings/<lang>.yml
# (``contact_kind_<kind>`` with "-" written "_").
KINDS = ("emergency", "ombudsperson", "npm", "legal-aid", "gbv-hotline", "health", "community",
         "regional", "un")
INTERNATIONAL = "international"   # the country of routes open from every country (UN, regional courts)


@dataclass(frozen=True)
class Country:
    id: str
    name: dict[str, str]
    find_local: dict[str, str] | None = None   # how to find a local service; the generic line when None


@dataclass(frozen=True)
class Contact:
    country: str            # a Country id, or INTERNATIONAL
    kind: str
    name: dict[str, str]
    source: str             # URL of the official page the contact was taken from
    checked: str            # YYYY-MM: when someone last checked it against that page
    note: dict[str, str] | None = None
    phone: str | None = None   # only when the official source shows it
    site: str | None = None    # the service's official site, when the source shows it
    line: int | None = None    # where it starts in the data file (for messages)


@dataclass
class HelpContacts:
    countries: list[Country] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)

    def by_country(self) -> list[tuple[Country | None, list[Contact]]]:
        """Countries in file order, then the international routes (``None``), each with its contacts
        sorted by kind (file order within a kind)."""
        rank = {kind: i for i, kind in enumerate(KINDS)}
        groups: list[tuple[Country | None, list[Contact]]] = []
        for key, country in [(c.id, c) for c in self.countries] + [(INTERNATIONAL, None)]:
            mine = sorted((c for c in self.contacts if c.country == key), key=lambda c: rank[c.kind])
            if country is not None or mine:
                groups.append((country, mine))
        return groups
