"""The copyright line's holder when it is a person: small practices sign their site with the
owner's name ("© 2024 Lotte Verbeeck & Praktijk Zoersel", "Copyright 2019-2024 Jan Peeters").

Only a full name opening with a known given name counts: the holder is far more often a
business ("© 2024 Acme Ltd"), and a name followed by a company word is the business's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.detectors.persons.names import GAP, LO, UP, clean_name, known_name
from checks.detectors.persons.prose import COMPANY_AFTER
from checks.detectors.persons.reader import Candidate
from crawler.page import Page

_NAME = rf"[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?(?:{GAP}[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?){{1,2}}"
# The sign, a year or a range of years, then the name; the name ends the line or is followed
# by "&", a separator or a full stop ("All rights reserved").
_COPYRIGHT = re.compile(
    rf"(?:©|\(c\)|(?i:copyright))\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*[,.]?\s*)?"
    rf"(?P<name>{_NAME})(?=\s*(?:$|[&|,.·•–—(-]|\d{{4}}))",
    re.MULTILINE,
)


def copyright_holders(page: Page) -> Iterator[Candidate]:
    """The person a copyright line names."""
    for block in page.blocks:
        text = block.text
        if block.region == "nav" or not ("©" in text or "(c)" in text or "opyright" in text
                                         or "COPYRIGHT" in text):
            continue
        for m in _COPYRIGHT.finditer(text):
            raw = m.group("name")
            name = clean_name(raw)
            if name is None or not known_name(name) or COMPANY_AFTER.match(text, m.end()):
                continue
            ls = text.rfind("\n", 0, m.start()) + 1
            le = text.find("\n", m.end())
            line = text[ls:le if le >= 0 else len(text)]
            yield Candidate(name, raw, "copyright holder", "copyright", block, line,
                            m.start("name"), m.start("name") - ls)
