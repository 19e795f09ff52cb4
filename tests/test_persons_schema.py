"""Person detector: people from structured data (schema.org JSON-LD, microdata, hCard), and
the authors, reviewers and organisations there that are not staff."""

from __future__ import annotations

from tests.test_persons import facts, people


def ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


def test_schema_staff() -> None:
    head = ld('{"@context": "https://schema.org", "@type": "Dentist", "name": "Bright Smile",'
              ' "founder": "Ana Ruiz", "employee": [{"@type": "Person", "name": "Dr. Omar Haddad",'
              ' "jobTitle": "Dentist", "email": "mailto:Omar@brightsmile.com",'
              ' "telephone": "+1 415 555 0132", "image": "omar.jpg"}],'
              ' "member": {"name": "Lee Chan"},'
              ' "contactPoint": [{"@type": "ContactPoint", "name": "Grace Kim",'
              ' "contactType": "billing", "telephone": "+1-415-555-0199"},'
              ' {"@type": "ContactPoint", "name": "Customer Service", "telephone": "+1"}]}')
    found = people("<p>Welcome.</p>", url="https://brightsmile.com/", head=head)
    assert list(found) == ["Ana Ruiz", "Omar Haddad", "Lee Chan", "Grace Kim"]
    omar = found["Omar Haddad"]
    assert (omar.method, omar.visible, omar.data["source"]) == ("structured_data", False,
                                                                "schema")
    assert omar.data == {"role": "Dentist", "source": "schema", "business_name": False,
                         "emails": ["omar@brightsmile.com"], "phones": ["+14155550132"],
                         "photo": True}
    assert found["Grace Kim"].data["role"] == "billing"


def test_schema_person_also_in_text_is_visible_and_merged() -> None:
    head = ld('{"@type": "Organization", "employee": {"@type": "Person", "name": "Jane Smith",'
              ' "jobTitle": "Owner"}}')
    found = facts('<p>Jane Smith, Owner · <a href="mailto:jane@acme.co.uk">jane@acme.co.uk</a>'
                  "</p>", head=head)
    assert len(found) == 1
    f = found[0]
    assert (f.value, f.method, f.visible, f.region) == ("Jane Smith", "structured_data", True,
                                                        "main")
    assert f.data["role"] == "Owner" and f.data["emails"] == ["jane@acme.co.uk"]


def test_schema_authors_and_reviewers_are_not_staff() -> None:
    head = ld('{"@context": "https://schema.org", "@type": "BlogPosting", "headline": "Tips",'
              ' "author": {"@type": "Person", "name": "Jane Smith"}}') + ld(
        '{"@type": "LocalBusiness", "review": {"@type": "Review",'
        ' "author": {"@type": "Person", "name": "Karen Doyle"}}}') + ld(
        '{"@context": "https://schema.org", "@graph": [{"@type": "Article",'
        ' "author": {"@id": "https://acme.co.uk/#/person/1"}}, {"@type": "Person",'
        ' "@id": "https://acme.co.uk/#/person/1", "name": "Tom Reed"}]}')
    assert facts("<p>Hello.</p>", head=head) == []
    staff = ld('{"@type": "BlogPosting", "author": {"@type": "Person", "name": "Jane Smith",'
               ' "jobTitle": "Owner", "worksFor": {"@type": "Organization", "name": "Acme"}}}')
    assert list(people("<p>Hello.</p>", head=staff)) == ["Jane Smith"]


def test_microdata_person() -> None:
    body = ('<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jane '
            'Smith</span>, <span itemprop="jobTitle">Director</span></div>')
    found = facts(body)
    assert [(f.value, f.method, f.visible, f.data["role"]) for f in found] == [
        ("Jane Smith", "structured_data", True, "Director")]


def test_hcard_of_an_organisation_is_no_person() -> None:
    body = ('<div class="h-card"><span class="p-name p-org">Acme Roofing</span> '
            '<span class="p-tel">020 7946 0958</span></div>')
    assert facts(body) == []
