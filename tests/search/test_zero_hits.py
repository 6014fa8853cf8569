"""A search that finds nothing offers ways out, each with the hits it would give."""

import html
import re

from share.schools.models import Area, Unit, UnitKind


def zero_hit_help(page: str) -> str:
    """The part of the page below "0 träffar"."""
    return page.split("0 träffar</h2>", 1)[1].split('<nav class="pagination"', 1)[0]


def links(fragment: str) -> dict[str, str]:
    """Link text (tags dropped, spaces collapsed) → href."""
    return {
        " ".join(re.sub(r"<[^>]+>", "", text).split()): html.unescape(href)
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', fragment, re.S)
    }


def test_each_filter_is_offered_for_dropping_with_its_hits(browser, signed_in, publish):
    signed_in()
    publish("Rastlek", "lek", subject="svenska", form="grundskola-4-6")
    publish("Lek med tal", "lek", subject="matematik", form="forskola")
    publish("Lek med bråk", "lek", subject="matematik", form="forskola")
    query = "q=lek&subject=matematik&school_form=grundskola-4-6"
    page = browser.client.get(f"/sok?{query}").get_data(as_text=True)
    help_ = zero_hit_help(page)
    offered = links(help_)
    assert offered["Ta bort filter: Ämnen: Matematik"] == "/sok?q=lek&school_form=grundskola-4-6"
    school_form = offered["Ta bort filter: Skolformer: Grundskola åk 4–6"]
    assert school_form == "/sok?q=lek&subject=matematik"
    # Without the subject, the school form leaves one hit; without the school form, two.
    assert re.search(r"Ämnen: Matematik</a>\s*<span class=\"muted\">\(1 träff\)", help_)
    assert re.search(r"Grundskola åk 4–6</a>\s*<span class=\"muted\">\(2 träffar\)", help_)
    assert "Sök i alla skolområden" not in help_


def test_did_you_mean_on_a_zero_hit_page(browser, signed_in, publish):
    signed_in()
    publish("Rastlekar", "Vi leker på rasten.", subject="svenska")
    # The correction finds nothing under the filter either, so it is offered, not shown.
    page = browser.client.get("/sok?q=rastlekr&subject=matematik").get_data(as_text=True)
    help_ = zero_hit_help(page)
    assert links(help_)["rastlekar"] == "/sok?q=rastlekar&subject=matematik"
    assert "Menade du:" in help_


def test_search_across_all_areas_when_only_my_area_finds_nothing(
    browser, signed_in, publish, make_user, db
):
    me = signed_in()
    south = Area(name="Skolområde Söder")
    elsewhere = Unit(name="Sjöviksskolan", kind=UnitKind.SCHOOL, area=south)
    db.session.add_all([south, elsewhere])
    db.session.commit()
    other = make_user()
    other.unit_id = elsewhere.id
    db.session.commit()
    publish("Metod från Söder", "lek", by=other, subject="matematik")
    publish("Mer från Söder", "lek", by=other, subject="svenska")
    page = browser.client.get(
        f"/sok?q=lek&mitt_omrade=1&area={south.id}&subject=matematik"
    ).get_data(as_text=True)
    help_ = zero_hit_help(page)
    offered = links(help_)
    assert offered["Sök i alla skolområden"] == "/sok?q=lek&subject=matematik"
    assert re.search(r"Sök i alla skolområden</a>\s*<span class=\"muted\">\(1 träff\)", help_)
    # The own area is offered as "all areas", not as a filter of its own; the subject is,
    # with the hits in the own area without it.
    assert list(offered) == ["Sök i alla skolområden", "Ta bort filter: Ämnen: Matematik"]
    assert re.search(r"Ämnen: Matematik</a>\s*<span class=\"muted\">\(0 träffar\)", help_)
    assert me.area.name not in help_


def test_a_search_with_hits_offers_none_of_it(browser, signed_in, publish):
    signed_in()
    publish("Rastlek", "lek", subject="svenska")
    page = browser.client.get("/sok?q=lek&subject=svenska&mitt_omrade=1").get_data(as_text=True)
    assert "1 träff</h2>" in page
    assert "Utan ett av dina filter" not in page and "Sök i alla skolområden" not in page
