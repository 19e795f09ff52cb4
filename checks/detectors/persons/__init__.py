"""Named contact persons: staff and legal representatives a visitor could address, with a role.

>>> from checks.api import SiteContext
>>> from crawler.page import Page
>>> detector = PersonDetector.from_context(SiteContext("https://acme.co.uk/"))
>>> page = Page.from_html("https://acme.co.uk/team", "<main><div><h3>Dr Priya Sharma</h3>"
...     "<p>Head of Customer Care</p><a href='mailto:Priya@Acme.co.uk'>Email Priya</a></div>"
...     "<blockquote>“Great service!” — John, Leeds</blockquote></main>")
>>> [(f.value, f.data["role"], f.data["source"], f.data["emails"]) for f in detector.detect(page)]
[('Priya Sharma', 'Head of Customer Care', 'team_card', ['priya@acme.co.uk'])]

Three ways in, one module each: structured data (:mod:`.schema`: schema.org ``Person`` items
and h-cards), the page's text (:mod:`.reader`, with its patterns in :mod:`.prose`) and the
page's structure (:mod:`.layout`: the card around a name, with its photo and channels; a name
heading over a bio). Every name passes one gate (:mod:`.names`), built from the lexicon
(:mod:`.lexicon`); :mod:`.detector` ties them together and merges one fact per person.
Only names that passed the gate are looked up in the tree, to drop testimonials, reviews,
quotes and bylines, and to collect the email addresses, phone numbers and photo of their card.
A page without role words, honorifics, addresses or ``Person`` data costs one regex pass.
"""

from checks.detectors.persons.detector import PersonDetector
from checks.detectors.persons.names import clean_name

__all__ = ["PersonDetector", "clean_name"]
