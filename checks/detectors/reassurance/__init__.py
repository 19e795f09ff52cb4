"""Reassurance: sentences that tell a visitor a human will answer, and how soon (RUBRIC D5).

>>> from checks.api import SiteContext
>>> from crawler.page import Page
>>> detector = ReassuranceDetector.from_context(SiteContext("https://acme.co.uk/"))
>>> page = Page.from_html("https://acme.co.uk/contact", "<main><h1>Contact</h1>"
...     "<p>Speak to a real person. We reply within 24 hours, Mon–Fri.</p></main>")
>>> [(f.value, f.data["kind"]) for f in detector.detect(page)]
[('Speak to a real person.', 'human'), ('We reply within 24 hours, Mon–Fri.', 'response_time'), \
('We reply within 24 hours, Mon–Fri.', 'availability')]
>>> [f.data["promise"] for f in detector.detect(page) if "promise" in f.data]
[{'hours': 24.0, 'business_days': None, 'same_day': False, 'label': 'within 24 hours'}]

Families (``response_time``, ``human``, ``availability``, ``guarantee``, ``invitation``) and
anti-patterns (``anti_pattern`` with ``data["anti"]``: ``noreply``, ``no_phone_support``,
``ticket_only``, ``slow_response``, ``high_volume``, ``phone_menu``, ``premium_rate``,
``bot_only``) come from the lexicons ``checks/lexicons/reassurance_<lang>.json``. Every
language is tried on every page, so an English page quoting a German customer still counts;
``data["language"]`` says which language the sentence is in. One fact per sentence and kind; a
sentence offering a bot ("Our AI assistant is here 24/7") gives only its anti-pattern, and the
check decides whether a human fallback exists elsewhere. Navigation, cookie and data-protection
sentences and privacy/legal pages are left out.

How (one module each): :mod:`.lexicon` reads the lexicons, each entry with the words that
find it; one regex pass over a text finds every word (a trie of all the words, built with the
detector), and only the sentences around them are cut out (:mod:`.sentences`) and tried, with
only the entries of the words found there (:mod:`.detector`); :mod:`.promises` normalises a
stated duration; :mod:`.hours` joins a table of hours into one ``availability`` finding.
Block texts are cached, so a footer repeated on every page of a site is read once.
"""

from __future__ import annotations

from .detector import ReassuranceDetector, parse_promise
from .lexicon import FAMILIES

__all__ = ["FAMILIES", "ReassuranceDetector", "parse_promise"]
