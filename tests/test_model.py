"""The site model: BFS click depth, redirects, merged contacts, save and reload."""

from __future__ import annotations

import json
from typing import Any

from checks.facts import Fact
from checks.model import SiteModel

H = "https://a.test/"


def rec(path: str, links: list[str], facts: list[Fact] | None = None,
        **kw: Any) -> dict[str, Any]:
    return {"url": H + path, "status": 200, "links": [H + p for p in links],
            "facts": facts or [], **kw}


def test_depth_is_shortest_path_not_discovery_order() -> None:
    # Discovery order: home > a > b > c > contact; but home also links x > contact.
    site = SiteModel.build(H, H, [
        rec("", ["a", "x"]), rec("a", ["b"]), rec("b", ["c"]), rec("c", ["contact"]),
        rec("contact", []), rec("x", ["contact"]),
    ])
    assert site.pages[H + "contact"].depth == 2
    assert site.pages[H + "c"].depth == 3


def test_links_through_redirects_count() -> None:
    site = SiteModel.build(H, H, [
        rec("", ["old"]), rec("new", [], requested_as=[H + "old"]),
    ])
    assert site.pages[H + "new"].depth == 1


def test_unlinked_pages_have_no_depth() -> None:
    site = SiteModel.build(H, H, [rec("", []), rec("orphan", [], from_sitemap=True)])
    assert site.pages[H + "orphan"].depth is None


def test_contacts_merge_case_insensitively_with_min_depth_of_visible_pages() -> None:
    site = SiteModel.build(H, H, [
        rec("", ["a"], [Fact("email", "Info@A.test", "js", "main", visible=False)]),
        rec("a", ["b"], [Fact("email", "info@a.test", "text", "main")]),
        rec("b", [], [Fact("email", "info@a.test", "mailto", "footer")]),
    ])
    [item] = site.contacts("email")
    assert item.min_depth == 1  # the script on the home page is not seen by visitors
    assert item.method == "mailto"
    assert [o.url for o in item.pages()] == [H, H + "a", H + "b"]


def test_contact_pages_are_targets_of_contact_links() -> None:
    site = SiteModel.build(H, H, [
        rec("", ["contact"], [Fact("contact_link", H + "contact", "link", "nav")]),
        rec("contact", []),
    ])
    assert [p.url for p in site.contact_pages()] == [H + "contact"]


def test_round_trip_through_json() -> None:
    site = SiteModel.build(H, H, [rec("", ["a"], [Fact("phone", "+442079460958", "tel", "footer",
                                                       data={"kind": "phone"})]),
                                  rec("a", [])], complete=False, stop_reason="max_pages")
    again = SiteModel.from_dict(json.loads(json.dumps(site.to_dict())))
    assert again.pages == site.pages
    assert again.facts == site.facts
    assert (again.complete, again.stop_reason) == (False, "max_pages")


def test_report_folds_a_lone_first_name_into_the_one_full_name() -> None:
    from checks.facts import Fact
    from contactable.report import persons
    from tests.sitemodels import site

    def person(name: str, role: str = "", source: str = "role_pattern") -> Fact:
        return Fact("person", name, "text", "main", data={"role": role, "source": source})

    s = site({"/": ["/team"], "/team": []},
             {"/": [person("Jane", source="ask_for")],
              "/team": [person("Jane Smith", "Owner", "team_card"), person("Tom Brown")]})
    names = {p.value: [o.url for o in p.occurrences] for p in persons(s)}
    assert names == {"Jane Smith": ["https://a.test/team", "https://a.test/"],
                     "Tom Brown": ["https://a.test/team"]}
    assert len(s.contacts("person")) == 3  # the model itself is left as it was
    two = site({"/": []}, {"/": [person("Jane"), person("Jane Smith"), person("Jane Doe")]})
    assert sorted(p.value for p in persons(two)) == ["Jane", "Jane Doe", "Jane Smith"]


def test_a_person_named_in_the_business_name_is_reported_as_such() -> None:
    from contactable.report import _person, persons
    from tests.sitemodels import fact, site

    model = site({"/": ["/about"], "/about": []}, {
        "/": [fact("person", "Jane Roe", role="Attorney", business_name=True)],
        "/about": [fact("person", "John Doe", role="Paralegal")],
    })
    reported = {p["name"]: p["business_name"] for p in map(_person, persons(model))}
    assert reported == {"Jane Roe": True, "John Doe": False}
