"""The text reader: names and their roles in a page's lines of text.

Text is read line by line (``page.blocks``: one line per HTML block or ``<br>``): a role next
to a name ("Owner: Jane Smith", "Jane Smith – Managing Director"), a role line above or below a
name line (team cards, imprints), "founded by ...", "ask for Jane", a name heading over a bio
or over a contact line with an address made of the name, and a staff signature ("— Holly, <the
business>"). The tree is not read here: :mod:`.layout` checks each candidate afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from checks.detectors.persons.contacts import EMAIL_TEXT
from checks.detectors.persons.lexicon import IMPRESSUM_FOLDED, KIND
from checks.detectors.persons.names import (
    NAME_LINE,
    TITLE_RUN,
    TITLED,
    UP,
    UPPER,
    about,
    clean_name,
    fold,
    known_name,
    split_names,
)
from checks.detectors.persons.prose import (
    AFTER_ROLE,
    ATTRIBUTION_SPLIT,
    BEFORE_ROLE,
    BY_BEFORE,
    BYLINE_BEFORE,
    BYLINE_HEAD,
    CLOSE_QUOTES,
    COMPANY_AFTER,
    DECEASED_RE,
    KEYWORDS,
    KIND_SCAN,
    LEGAL_WORDS,
    NAMES_AFTER,
    OPEN_QUOTES,
    ROLE_ANY,
    ROLE_LINE,
    ROLE_OBJECT,
    ROLES_END,
    SIGNATURE,
    SINGLE_OK,
    YEAR_BY,
    dead,
    in_quotes,
    is_label,
    mail_locals,
    normal_phrase,
    positions,
    prefix_ok,
    role_text,
    sentence_around,
    singular,
)
from checks.reading import windowed
from checks.wordscan import scan_text
from crawler.page import Page, TextBlock


@dataclass(slots=True)
class Candidate:
    """A name found in a line of a block, before the tree is consulted."""

    name: str
    raw: str
    role: str
    source: str
    block: TextBlock
    line: str
    offset: int
    """Where the name starts in the block's text."""
    at: int = 0
    """Where the name starts in ``line``."""
    weak: int = 0
    """Needs evidence from the tree: 1 a heading, a photo or a channel in its card; 2 a photo
    or a channel."""
    emails: list[str] = field(default_factory=list)
    el: Any = None
    """The element, when the candidate was found in the tree."""
    cue: str = ""
    """The words that introduced the name ("ask for"): they must share its element."""
    cta: bool = False
    """A first name after "call" or "send to": only on a button or a link."""
    business: bool = False
    vouched: bool = False
    """The page's structure vouches for a name whose given name is not known: a role word
    before it in a list of staff."""
    """The name is (part of) the business's name: "Law Office of Jane Roe"."""


class _Lines:
    """Lines of a block's text, found on demand around the hits; a line is known by the offset
    where it starts. "The next line" is the next text, whatever blank lines html-text put
    between paragraphs."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def line(self, start: int) -> str:
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    def next(self, start: int) -> int:
        """Start of the next non-blank line, -1 at the end."""
        text = self.text
        end = text.find("\n", start)
        while end != -1:
            start = end + 1
            end = text.find("\n", start)
            if (text[start:] if end < 0 else text[start:end]).strip():
                return start
        return -1

    def prev(self, start: int) -> int:
        """Start of the previous non-blank line, -1 at the top."""
        text = self.text
        while start > 0:
            end = start - 1
            start = text.rfind("\n", 0, end) + 1
            if end > start and not text[start:end].isspace():
                return start
        return -1


class _Reader:
    """Reads the candidates of one block; each check runs on a line at most once."""

    def __init__(self, block: TextBlock, legal: bool, page: Page,
                 locals_: dict[str, str]) -> None:
        self.block, self.lines, self.page, self.locals = block, _Lines(block.text), page, locals_
        self.role_kind = "impressum" if legal else "role_pattern"
        self.found: list[Candidate] = []
        self.done: set[tuple[str, int]] = set()

    def once(self, what: str, start: int) -> bool:
        key = (what, start)
        if start < 0 or key in self.done:
            return False
        self.done.add(key)
        return True

    def add(self, m: re.Match[str], ls: int, role: str, source: str,
            allow_single: bool = False, names: str | None = None, weak: int = 0,
            emails: list[str] | None = None, cue: str = "", signed: bool = False,
            cta: bool = False, strict: bool = False, vouched: bool = False) -> int:
        """Candidates for the names ``m`` matched in the line starting at ``ls``; how many."""
        line = self.lines.line(ls)
        names = names or m.group("names")
        start, end = m.start("names"), m.start("names") + len(names)
        if COMPANY_AFTER.match(line, end) or in_quotes(line, start) or dead(line, start, end):
            return 0
        if not signed and self.customer_attribution(ls, line):
            return 0
        # "Posted by Jane Smith, Editor" is an author ("founded by" is not a byline).
        if source not in ("by", "ask_for") and (
                BYLINE_HEAD.match(names)
                or (BYLINE_BEFORE.search(line, max(0, start - 30), start)
                    and not BY_BEFORE.search(line, max(0, start - 40), start))):
            return 0
        n = 0
        parts = split_names(names)
        lead = not strict and source not in ("ask_for", "by")
        for part, pos in parts:
            name = clean_name(part, allow_single, lead)
            if name is None:
                if pos == 0:
                    continue
                break
            single = " " not in name
            # A first name alone after "founded by" is a person in a pair ("Sam & Priya") or
            # when an address is made of it; alone after "call" only on a button or link.
            if single and source == "by" and (len(parts) < 2 or "," in names) and not any(
                    fold(name) in local for local in self.locals):
                continue
            self.found.append(Candidate(name, part, role, source, self.block, line,
                                    ls + start + pos, start + pos, weak, emails or [], cue=cue,
                                    cta=cta and single, vouched=vouched))
            n += 1
        return n

    def customer_attribution(self, ls: int, line: str) -> bool:
        """Whether the line signs the quote above it for another business: "“Superb.”" then
        "— Sue Harper, Head of Facilities, Oak Primary School" (or those three on lines)."""
        above = self.lines.prev(ls)
        if above < 0:
            return False
        quote = self.lines.line(above).strip()
        if quote[:1] not in OPEN_QUOTES and quote[-1:] not in CLOSE_QUOTES:
            return False
        parts = [p for p in ATTRIBUTION_SPLIT.split(line.strip(" \t-–—")) if p.strip()]
        nxt = ls
        for _ in range(2):
            nxt = self.lines.next(nxt)
            more = self.lines.line(nxt).strip() if nxt >= 0 else ""
            if not more or len(more) > 60 or more[:1] in OPEN_QUOTES:
                break
            parts.append(more)
        return len(parts) >= 3 and fold(parts[-1].strip()) not in fold(self.page.title)

    # -- checks at a hit ---------------------------------------------------------------------

    def role_hit(self, ls: int, s: int, e: int, kind: str) -> None:
        """A role phrase at ``s:e`` of the line starting at ``ls``."""
        line = self.lines.line(ls)
        phrase = normal_phrase(line[s:e])
        source = "impressum" if kind == "impressum" else self.role_kind
        plural = phrase not in KIND
        if phrase.endswith(" of"):
            # "Head of Customer Care: Jane Smith": the role's object is part of the role.
            obj = ROLE_OBJECT.match(line, e)
            e = obj.end() if obj is not None else e
        n = 0
        m = AFTER_ROLE.match(line, e)
        sep = line[e:m.start("names")] if m is not None else ""
        # After a plural only a colon or a verb introduces names: "Managers, Learning Mentors"
        # is a list of roles. Without any separator the role is a title in a signature
        # ("-Pastor Mark Ring") or in prose ("said club president John Wrench"), not the
        # first word of a heading ("Deacon Blue Tickets", "Director Christopher Nolan's film").
        if (m is not None and not BYLINE_BEFORE.search(line, max(0, s - 30), s)
                and not (plural and not sep.strip(" \t\xa0,–—-"))):
            # A caption under a photo or over a phone number still reads as a title.
            weak = 0 if sep.strip(" \t\xa0") or prefix_ok(line[:s]) else 2
            n += self.add(m, ls, role_text(line, s, e), source, weak=weak)
        b = BEFORE_ROLE.search(line, max(0, s - 90), s) if UPPER.search(line, max(0, s - 90), s) \
            else None
        if b is not None and not BYLINE_BEFORE.search(line, max(0, b.start("names") - 30),
                                                       b.start("names")):
            bare = not b.group("sep").strip(" \t\xa0")
            at_start = not line[: b.start("names")].strip(" \t\xa0-–—•·*")
            # "Regina Kranz Gründerin & Inhaberin" is a card line: the roles end it.
            if not bare or (at_start and ROLES_END.match(line, e)):
                role = role_text(line, s, e, b.end("names"))
                names = b.group("names")
                if bare and len(names.split()) >= 3 and not b.group("creds"):
                    # "Jane Smith Sales Manager": the word before the role qualifies it.
                    names, _, qualifier = names.rpartition(" ")
                    role = f"{qualifier} {role}"
                n += self.add(b, ls, role, self.role_kind, names=names)
        if n:
            return
        # A label line ("Inhaberin:", "Secretary") over a name line.
        below = self.lines.next(ls)
        if not plural and is_label(line) and self.once("below", below):
            nm = NAME_LINE.match(self.lines.line(below))
            if nm is not None:
                label = " ".join(line.split()).rstrip(":").strip()
                if len(label) > 60:
                    label = " ".join(line[s:e].split())
                folded = fold(line)
                kind_here = "impressum" if any(w in folded for w in IMPRESSUM_FOLDED) \
                    else self.role_kind
                if self.add(nm, below, label, kind_here, strict=True):
                    return
        # A name line over a role line ("Dr Priya Sharma" / "Head of Customer Care").
        above = self.lines.prev(ls)
        if len(line) <= 80 and ROLE_LINE.match(line) and self.once("above", above):
            nm = NAME_LINE.match(self.lines.line(above))
            if nm is not None and self.add(nm, above, " ".join(line.split()), "team_card",
                                           strict=True):
                return
        self.bio(above)

    def bio(self, ls: int) -> None:
        """A name heading over a bio about the same person ("Mel Briggs" / "Mel qualified as
        a counsellor ...")."""
        if not self.once("bio", ls):
            return
        line = self.lines.line(ls)
        nxt_start = self.lines.next(ls)
        nxt = self.lines.line(nxt_start) if nxt_start >= 0 else ""
        nm = NAME_LINE.match(line)
        if nm is None or DECEASED_RE.search(nxt, 0, 300):
            return
        name = clean_name(nm.group("names"))
        if name is None:
            return
        if about(name, nxt):
            role = ROLE_ANY.search(nxt, 0, 300)
            # A bio that goes on with "she" or "he" ("Tamsin ... She trained in Leeds") speaks
            # of a person, whatever their given name; a service's text does not.
            pronoun = _PRONOUNS.get(self.page.lang[:2]) or _PRONOUNS["en"]
            self.add(nm, ls, role.group() if role else "", "team_card", weak=1,
                     vouched=pronoun.search(nxt, 0, 400) is not None)

    def names_hit(self, ls: int, e: int, kind: str) -> None:
        line = self.lines.line(ls)
        m = (YEAR_BY if kind == "verb" else NAMES_AFTER).match(line, e)
        if m is None:
            return
        cue = line[:e].split()[-1] if line[:e].split() else ""
        if kind in ("by", "verb"):
            self.add(m, ls, "", "by", allow_single=True, cue=cue)
        elif kind == "ask":
            self.add(m, ls, "", "ask_for", allow_single=True, cue=cue)
        else:
            single = SINGLE_OK.match(line, m.end("names")) is not None
            self.add(m, ls, "", "ask_for", allow_single=single, cue=cue, cta=True)

    def title_hit(self, ls: int, s: int) -> None:
        line = self.lines.line(ls)
        m = TITLED.match(line, s)
        if m is None:
            return
        # A titled name and a role in one sentence: "Mr. Harminder Singh ... is responsible
        # for running the unit".
        lo, sentence = sentence_around(line, m.start(), m.end())
        for role in ROLE_ANY.finditer(sentence):
            rs, r_end = lo + role.start(), lo + role.end()
            if rs >= m.end() or r_end <= m.start():
                floor = m.end() if rs >= m.end() else 0
                self.add(m, ls, role_text(line, rs, r_end, floor), self.role_kind)
                return
        name = clean_name(m.group("names"))
        below = self.lines.next(ls)
        if name and len(name.split()) >= 2 and known_name(name) \
                and not line[:m.start()].strip() and _ALONE_AFTER.fullmatch(line, m.end()) \
                and not (below >= 0 and ROLE_LINE.match(self.lines.line(below))):
            # A titled full name on a line of its own, perhaps with a note in brackets ("Dr.
            # Karina Lind (Vertretungsärztin)"): a list of staff, whatever the note says
            # ("Dr. Martens Boots" opens with no given name).
            note = line[m.end():].strip(" ()")
            title = re.match(rf"\s*{TITLE_RUN}", line[m.start():])
            self.add(m, ls, note or (title.group().strip() if title else ""), "team_card")
            return
        if name and len(name.split()) >= 2 and self.titled_again(name):
            # "This is the office of Dr J Edward Perkins. ... Dr Perkins seeks to ...": a
            # titled full name the page comes back to by title and surname is its person.
            self.add(m, ls, "", "team_card")
            return
        self.bio(ls)

    def titled_again(self, name: str) -> bool:
        surname = re.escape(name.split()[-1])
        return len(re.findall(rf"{TITLE_RUN}(?:[{UP}][\w.]*\s+){{0,3}}{surname}(?!\w)",
                              self.page.text)) >= 2

    def signature(self, ls: int) -> None:
        """"— Holly, Deep Creek Plumbing" under a quote: staff when the business is the
        site's own (named in the title), a customer otherwise ("— John, Leeds")."""
        m = SIGNATURE.match(self.lines.line(ls))
        if m is None:
            return
        org = fold(m.group("org"))
        if len(org.split()) >= 2 and org in fold(self.page.title):
            self.add(m, ls, "", "team_card", allow_single=True, signed=True)

    def mail_names(self, ls: int, locals_: dict[str, str]) -> None:
        """A name alone on its line near an address made of it ("Sarah Baker" / "sarah@...")."""
        starts = [ls]
        up = down = ls
        for _ in range(4):
            up = self.lines.prev(up) if up >= 0 else -1
            down = self.lines.next(down) if down >= 0 else -1
            starts += [x for x in (up, down) if x >= 0]
        for j in starts:
            if not self.once("mail", j):
                continue
            line = self.lines.line(j)
            nm = NAME_LINE.match(line) if len(line) <= 80 else None
            name = clean_name(nm.group("names")) if nm is not None else None
            if nm is None or name is None:
                continue
            tokens = [fold(t) for t in name.split() if len(t) >= 3]
            for local, addr in locals_.items():
                if any(t in local for t in tokens):
                    self.add(nm, j, "", "team_card", weak=1, emails=[addr])
                    break


def text_candidates(page: Page) -> list[Candidate]:
    found: list[Candidate] = []
    locals_ = mail_locals(page)
    legal = LEGAL_WORDS.search(page.url.rsplit("/", 1)[-1] + " " + page.title) is not None
    for block in map(windowed, page.blocks):
        if block.region == "nav":
            continue
        text = block.text
        low = scan_text(text)[1:]  # the folded, lower-cased copy every prose detector reads
        hits: list[tuple[int, int]] = []
        for at in KIND_SCAN.starts(text):
            if hits and at < hits[-1][1]:
                continue  # inside the last keyword ("account manager" holds "manager")
            m = KEYWORDS.match(low, at)
            if m:
                hits.append((m.start(), m.end()))
        ats = positions(text, "@")
        dashes = positions(text, "—") + positions(text, "–") + positions(text, "\n-")
        if not (hits or ats or dashes):
            continue
        reader = _Reader(block, legal, page, locals_)
        lines = reader.lines
        for s, e in hits:
            ls = lines.start(s)
            phrase = normal_phrase(low[s:e])
            kind = KIND.get(phrase) or KIND.get(singular(phrase), "")
            if kind in ("role", "impressum"):
                reader.role_hit(ls, s - ls, e - ls, kind)
            elif kind == "title":
                if text[s].isupper():
                    reader.title_hit(ls, s - ls)
            elif kind:
                reader.names_hit(ls, e - ls, kind)
        for s in dashes:
            ls = lines.start(s + 1)
            if reader.once("sign", ls):
                reader.signature(ls)
        if ats:
            more = dict(locals_)
            for s in ats:
                ls = lines.start(s)
                for m in EMAIL_TEXT.finditer(lines.line(ls)):
                    more.setdefault(fold(m.group().rpartition("@")[0]), m.group().lower())
                reader.mail_names(ls, more)
        found.extend(reader.found)
    return found



_ALONE_AFTER = re.compile(r"\s*(?:\([^()\n]{1,60}\))?\s*")

# Third-person singular pronouns that only a person takes, by the page's language (German
# "sie" and Dutch "zij" are also "they", still never a service's).
_PRONOUNS = {lang: re.compile(rf"(?<!\w)(?:{words})(?!\w)") for lang, words in {
    "en": "[Ss]he|[Hh]e|[Hh]er|[Hh]is", "de": "[Ss]ie|[Ee]r|ihre?|seine?",
    "fr": "[Ee]lle|[Ii]l (?:a |exerce|travaille|accompagne|pratique|s'est|s’est)",
    "es": "[Ee]lla|[Éé]l", "it": "[Ll]ei|[Ll]ui", "pt": "[Ee]la|[Ee]le",
    "nl": "[Zz]ij|[Hh]ij|haar",
    "pl": "[Oo]na|[Oo]n|jej|jego", "sv": "[Hh]on|[Hh]an|hennes|hans",
    "da": "[Hh]un|[Hh]an|hende|hendes|hans", "no": "[Hh]un|[Hh]an|henne|hennes|hans",
}.items()}
