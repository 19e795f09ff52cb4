"""Text that the page's own CSS hides is not what a visitor reads (issue 11, case 59)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from checks.detectors.reassurance import ReassuranceDetector
from checks.rules.reassurance import human_touch, response_promise
from crawler.page import Page
from tests.conftest import Run, Served
from tests.sitemodels import site


def page(style: str, body: str) -> Page:
    return Page.from_html("https://acme.test/contact",
                          f"<html><head><style>{style}</style></head><body>{body}</body></html>")


def texts(p: Page) -> str:
    return " | ".join(b.text for b in p.blocks)


def test_a_form_success_state_hidden_by_a_class_is_not_a_visible_promise() -> None:
    p = page(".ok{display:none}",
             "<main><form><input name=email></form><div class='ok'>We'll be in touch soon"
             "</div><p>Write to us with any question.</p></main>")
    assert "in touch soon" not in texts(p)
    # Read as evidence of what the site says, marked hidden; the checks leave it aside.
    found = [(f.value, f.visible) for f in ReassuranceDetector().detect(p)
             if "in touch" in f.value]
    assert found == [("We'll be in touch soon", False)]
    s = site({"/": ["/contact"], "/contact": []},
             {"/contact": list(ReassuranceDetector().detect(p))})
    assert response_promise(s).status == "fail"
    assert "in touch" not in human_touch(s).summary


def test_ids_visibility_and_important_hide_too() -> None:
    p = page("#a{visibility:hidden} .b{display:block!important} .b{display:none}"
             " div.c{display:none !important} .c{display:block}",
             "<main><p id='a'>gone</p><p class='b'>kept</p><div class='c'>also gone</div>"
             "<p>plain</p></main>")
    assert texts(p) == "kept\n\nplain"


def test_rules_for_some_screens_or_states_do_not_hide() -> None:
    p = page("@media (max-width: 600px){.wide{display:none}} .tip:hover{display:none}"
             " @media screen{.gone{display:none}}"
             " .drawer{display:none} .drawer.open{display:block}",
             "<main><p class='wide'>wide</p><p class='tip'>tip</p><p class='gone'>x</p>"
             "<ul class='drawer open'><li>open drawer</li></ul></main>")
    assert texts(p) == "wide\n\ntip\n\nopen drawer"


def test_a_later_stateless_rule_that_shows_wins_by_the_cascade() -> None:
    p = page(".note{display:none} p.note{display:block}",
             "<main><p class='note'>shown again</p><div class='note'>hidden</div></main>")
    assert texts(p) == "shown again"


def test_links_in_a_hidden_menu_stay_in_the_link_graph_marked_hidden() -> None:
    p = page(".dropdown{display:none} .nav:hover .dropdown{display:block}",
             "<header><ul class='nav'><li><a href='/about'>About</a><ul class='dropdown'>"
             "<li><a href='/contact'>Contact</a></li></ul></li></ul></header><main>Hi</main>")
    assert [(a.url, a.hidden, a.region) for a in p.anchors] == [
        ("https://acme.test/about", False, "header"),
        ("https://acme.test/contact", True, "header"),
    ]
    assert "Contact" not in texts(p)


def test_a_hidden_region_root_is_not_read() -> None:
    p = page("footer.mobile{display:none}",
             "<main>Main</main><footer class='mobile'>Call us today</footer>"
             "<footer>Visible</footer>")
    assert [(b.region, b.text) for b in p.blocks] == [("main", "Main"), ("footer", "Visible")]


def test_aria_hidden_text_goes_but_its_empty_icons_stay() -> None:
    p = page("", "<main><p><span aria-hidden='true'>decorative</span> Call "
                 "<i class='fa fa-fax' aria-hidden='true'></i> 0221 987 65 43</p></main>")
    assert texts(p) == "Call 0221 987 65 43"
    assert p.selector.root.xpath("//i[contains(@class, 'fa-fax')]")


def test_broken_css_and_selectors_are_ignored() -> None:
    p = page("}}{ .a{display:none ::: p[{display:none} a:::b{display:none} .c{display:none}",
             "<main><p class='c'>c</p><p>still here</p></main>")
    assert "still here" in texts(p)


def test_a_site_style_sheet_hides_its_success_message_in_a_real_crawl(
        tmp_path: Path, serve: Callable[..., Served], cli: Callable[..., Run]) -> None:
    site = tmp_path / "site"
    (site / "css").mkdir(parents=True)
    (site / "css" / "site.css").write_text(
        "body{font:16px serif}\n.form-done{display:none}\n.form-done.shown{display:block}\n")
    head = ("<html lang='en'><head><title>Acme</title><link rel='stylesheet' href='/css/site.css'>"
            "<link rel='stylesheet' href='http://other.test/x.css'></head>")
    (site / "index.html").write_text(
        f"{head}<body><main><p>Acme joinery. <a href='/contact.html'>Contact</a></p></main>"
        "</body></html>")
    (site / "contact.html").write_text(
        f"{head}<body><main><h1>Contact</h1><p>We reply within one business day.</p>"
        "<form action='/send' method='post'><textarea name='message'></textarea></form>"
        "<div class='form-done'>Thank you! We will call you back within 2 hours.</div>"
        "</main></body></html>")
    served = serve(site)
    run = cli(served.url, "--format", "json", "--quiet")
    assert run.code in (0, 1), run.stderr
    items = run.report["contacts"]["reassurances"]
    said = [r["text"] for r in items if r["visible"]]
    assert "We reply within one business day." in said
    assert not any("call you back" in text for text in said)
    # The hidden reply is reported as what it is: evidence, hidden, left out of the checks.
    hidden = [r for r in items if "call you back" in r["text"]]
    assert hidden and all(r["visible"] is False for r in hidden)
    assert "response_time" in {r["kind"] for r in hidden}
    promise = next(c for c in run.report["checks"] if c["id"] == "reassurance.response_promise")
    assert "call you back" not in promise["summary"]
    assert served.requests.count("/css/site.css") == 1  # fetched once for both pages


def test_contacts_in_hidden_links_are_reported_as_not_visible() -> None:
    from checks.detectors.emails import EmailDetector
    from checks.detectors.phones import PhoneDetector

    p = page(".done{display:none}",
             "<main><p><a href='mailto:info@acme.co.uk'>info@acme.co.uk</a></p>"
             "<div class='done'>Thanks! <a href='mailto:orders@acme.co.uk'>orders</a> or "
             "<a href='tel:+442079460958'>call</a>. Also <a href='mailto:info@acme.co.uk'>x</a>"
             "</div></main>")
    emails = {(f.value, f.visible) for f in EmailDetector().detect(p) if f.kind == "email"}
    assert emails == {("info@acme.co.uk", True), ("orders@acme.co.uk", False)}
    phones = {(f.value, f.visible) for f in PhoneDetector().detect(p)}
    assert phones == {("+442079460958", False)}


def test_slides_and_tabs_a_script_shows_are_visible_but_a_success_message_is_not() -> None:
    from lxml import html

    from crawler.visibility import hidden_elements

    root = html.fromstring(
        "<div><div class='carousel-item active'><p>Ann Lee</p></div>"
        "<div class='carousel-item'><h5>Milena Kowalska</h5></div>"
        "<div class='tab-content'><div class='tab-pane fade'><p>Call us</p></div></div>"
        "<p class='form-success'>Thanks, we will reply within a day</p></div>")
    css = (".carousel-item{display:none}.carousel-item.active,.carousel-item-next{display:block}"
           ".tab-pane{display:none}.tab-content>.tab-pane.active{display:block}"
           ".form-success{display:none}")
    assert sorted(e.text_content() for e in hidden_elements(root, [css])) == [
        "Thanks, we will reply within a day"]


def test_what_a_page_hides_until_opened_is_read_as_hidden_blocks_of_its_region() -> None:
    p = page(".modal{display:none} .faq dd{display:none}",
             "<header><p hidden>Open today until 6</p><a href='/c'>Contact</a></header>"
             "<main><p>Welcome</p><div class='modal'><h2>Write to us</h2><p>We answer within"
             " a day.</p><script>var x = 'never text'</script></div>"
             "<dl class='faq'><dt>Do you call back?</dt><dd>Yes, the same day.</dd></dl>"
             "<template><p>a template</p></template></main>"
             "<footer><span style='display: none'>Hidden footer line</span> Footer</footer>")
    assert [(b.region, b.text) for b in p.blocks] == [
        ("header", "Contact"), ("main", "Welcome\n\nDo you call back?"), ("footer", "Footer")]
    assert sorted((b.region, b.text) for b in p.hidden_blocks) == [
        ("footer", "Hidden footer line"), ("header", "Open today until 6"),
        ("main", "Write to us\n\nWe answer within a day."), ("main", "Yes, the same day.")]
    assert not any("never text" in b.text or "template" in b.text for b in p.hidden_blocks)
