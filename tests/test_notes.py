"""The region note's wording for a country with an adjective and for one without."""

from __future__ import annotations

from contactable.notes import region_notes


def test_a_country_without_an_adjective_reads_as_english() -> None:
    [note] = region_notes("GB", ("JP", "domain"), [{"value": "+81312345678"}])
    assert note["text"].startswith("region is set to GB, but this site looks to be from JP "
                                   "(JP, from its domain); 1 of its 1 phone numbers are not "
                                   "British numbers.")
    assert 'if this site is from JP, set region = "JP"' in note["text"]
    [note] = region_notes("JP", ("FR", "domain"), [{"value": "+33478421030"}])
    assert "looks French (FR" in note["text"] and "are not JP numbers" in note["text"]
    assert "if this site is French, set" in note["text"]
