"""Rebuild ``checks/lexicons/first_names.txt`` from Faker's person providers.

Faker (https://pypi.org/project/Faker/, MIT licence, (c) Daniele Faraglia and contributors)
keeps given-name lists for about 80 locales. We ship only the Latin-script given names,
folded (lower case, accents removed), one per line: a few hundred KB, read once by the persons
detector's name gate. Run with Faker installed (a developer's tool, not a dependency)::

    pip install faker && python tools/build_first_names.py
"""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from pathlib import Path

import faker
import faker.providers.person as person

OUT = Path(__file__).resolve().parents[1] / "checks" / "lexicons" / "first_names.txt"
LISTS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


def fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def latin(name: str) -> bool:
    return all((c.isalpha() and ord(c) < 0x250) or c in "-'’" for c in name)


def main() -> None:
    names: set[str] = set()
    locales = []
    for mod in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{mod.name}"),
                           "Provider", None)
        if provider is None:
            continue
        for attr in LISTS:
            values = getattr(provider, attr, None)
            if isinstance(values, (list, tuple, dict, set, frozenset)):
                found = {fold(v.strip()) for v in values if isinstance(v, str)}
                found = {v for v in found if len(v) >= 2 and latin(v)}
                if found:
                    locales.append(mod.name)
                names |= found
    header = (
        "# Given names, folded (lower case, no accents), one a line: the persons detector's\n"
        "# list of known first names. Built by tools/build_first_names.py from the person\n"
        f"# providers of Faker {faker.VERSION} (https://github.com/joke2k/faker), MIT licence,\n"
        "# Copyright (c) 2012 Daniele Faraglia; Latin-script names of the locales\n"
        f"# {' '.join(sorted(set(locales)))}.\n"
    )
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
