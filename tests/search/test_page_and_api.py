import html
import io
import re

import pytest

from share.paging import PER_PAGE
from share.search.index import apply_changes
from share.vocabularies.models import CoreProcess
from tests.support.vocabularies import ids

BAD_QUERIES = [
    '"unbalanced', "OR", "AND", "NOT", "((((", "*", "a*", "*x*", "title:[a TO z]",
    "status:draft", "area:1", "x" * 10_000, " ".join(f"ord{i}" for i in range(1000)),
    "😀🙂 lek",
]  # fmt: skip


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_odd_queries_never_fail_or_leak(browser, signed_in, publish, query):
    signed_in()
    publish("Hemligt utkast", "status draft area", draft=True)
    publish("Rastlekar", "Vi leker på rasten.")
    response = browser.client.get("/sok", query_string={"q": query})
    assert response.status_code == 200
    assert "Hemligt utkast" not in response.get_data(as_text=True)
    api = browser.client.get("/api/v1/search", query_string={"q": query})
    assert api.status_code == 200
    assert all(r["title"] != "Hemligt utkast" for r in api.get_json()["results"])


@pytest.mark.parametrize(
    "params",
    [
        {"page": "-1"},
        {"page": "abc"},
        {"page": "1000000000"},
        {"per_page": "100000"},
        {"sort": "bogus"},
        {"core_process": "finns-inte"},
        {"kind": "x" * 5000},
        {"status": "draft"},
    ],
)
def test_odd_parameters_are_harmless(browser, signed_in, publish, params):
    signed_in()
    publish("Rastlekar", "Vi leker på rasten.")
    response = browser.client.get("/api/v1/search", query_string=params)
    assert response.status_code == 200
    assert len(response.get_json()["results"]) <= 50
    assert browser.client.get("/sok", query_string=params).status_code == 200


def test_a_page_past_the_last_shows_the_last(browser, signed_in, publish):
    signed_in()
    for number in range(3):
        publish(f"Lek {number}", "lek")
    data = browser.client.get("/api/v1/search?q=lek&per_page=2&page=1000000000").get_json()
    assert (data["page"], data["pages"], len(data["results"])) == (2, 2, 1)


def test_search_page_shows_snippet_and_facets(browser, signed_in, publish):
    signed_in()
    publish("Rastlekar", "Vi leker tillsammans på rasten varje dag.")
    html = browser.client.get("/sok?q=leker").get_data(as_text=True)
    assert "Rastlekar" in html
    assert "<mark" in html
    assert "Utvecklad undervisning / synligt lärande" in html  # a facet value, by its name


def test_snippet_escapes_what_authors_wrote(browser, signed_in, publish):
    signed_in()
    publish("Skript", "<script>alert(1)</script> leker <b>fet</b>")
    html = browser.client.get("/sok?q=leker").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "<b>fet" not in html


def test_snippet_quotes_the_words_not_the_markdown(browser, signed_in, publish):
    signed_in()
    publish("Rastlekar", "## Tips\n\nVi **leker** på [rasten](https://example.org).")
    html = browser.client.get("/sok?q=leker").get_data(as_text=True)
    assert "<mark>leker</mark> på rasten" in html
    assert "##" not in html and "**" not in html and "](https" not in html


def test_api_shape(browser, signed_in, publish):
    signed_in()
    material = publish("Rastlekar", "Vi leker på rasten.", summary="Lekar för rasten.")
    data = browser.client.get("/api/v1/search?q=lek").get_json()
    assert data["total"] == 1 and data["page"] == 1 and data["suggestion"] is None
    result = data["results"][0]
    assert result["id"] == material.id and result["url"].endswith(f"/material/{material.id}")
    assert (result["title"], result["summary"]) == ("Rastlekar", "Lekar för rasten.")
    assert (result["kind"], result["area"]) == ("method", "Skolområde Test")
    assert result["core_processes"] == ["Utvecklad undervisning / synligt lärande"]
    assert "<mark>leker</mark>" in result["highlights"]
    assert data["facets"]["kind"] == {"method": 1}
    typo = browser.client.get("/api/v1/search?q=rastlekr").get_json()
    assert (typo["corrected_from"], typo["searched_for"]) == ("rastlekr", "rastlekar")
    assert [hit["id"] for hit in typo["results"]] == [material.id]
    folded = browser.client.get("/api/v1/search?q=lek+pa+rasten").get_json()
    assert folded["suggestion"] == "lek på rasten" and folded["total"] == 1


def test_the_page_keeps_the_whole_search_in_its_links(browser, signed_in, publish):
    signed_in()
    for number in range(PER_PAGE + 2):
        publish(f"Lek {number}", "lek och lärande",
                process="vardegrund" if number % 2 else "synligt-larande")  # fmt: skip
    apply_changes()  # as the requests that published them would have, one by one
    query = "q=lek&core_process=vardegrund&core_process=synligt-larande&sort=newest"
    html = browser.client.get(f"/sok?{query}").get_data(as_text=True)
    assert "<title>Sök: lek – Dela</title>" in html
    next_link = html.split('rel="next"')[0].rsplit("href=", 1)[1]
    assert "core_process=vardegrund" in next_link and "core_process=synligt-larande" in next_link
    assert "sort=newest" in next_link and "page=2" in next_link
    # Typed without å ä ö: found, and the real spelling offered with the same filters.
    folded = query.replace("q=lek", "q=lek+larande")
    html = browser.client.get(f"/sok?{folded}").get_data(as_text=True)
    suggestion = html.split("Menade du:")[1].split("</a>")[0]
    assert "q=lek+l%C3%A4rande&amp;" in suggestion and "core_process=vardegrund" in suggestion
    assert "sort=newest" in suggestion
    # Misspelt so that nothing is found: the hits of the correction, and a word on it.
    typo = browser.client.get(f"/sok?{query.replace('q=lek', 'q=lekk')}").get_data(as_text=True)
    assert "Inga träffar för lekk. Visar träffar för lek." in typo


def test_a_filter_that_leaves_no_hits_can_be_removed(browser, signed_in, publish):
    signed_in()
    publish("Rastlekar", "lek", subject="svenska")
    html = browser.client.get("/sok?q=lek&subject=matematik").get_data(as_text=True)
    assert "0 träffar" in html
    assert 'href="/sok?q=lek"' in html and "Ta bort filter:" in html


def test_a_hit_shows_the_thumbnail_of_its_file(browser, signed_in, db):
    from tests.support.builders import png_bytes

    signed_in()
    browser.post(
        "/material/ny",
        {
            "kind": "material",
            "title": "Bildkort",
            "summary": "Bilder att samtala kring.",
            "licence": "cc0-1.0",
            "core_process_ids": [str(ids(db, CoreProcess, "vardegrund")[0])],
            "action": "publish",
            "files": [(io.BytesIO(png_bytes()), "kort.png")],
        },
        token_from="/material/ny",
        content_type="multipart/form-data",
    )
    html = browser.client.get("/sok?q=bildkort").get_data(as_text=True)
    assert 'class="material-card__thumbnail"' in html and "/miniatyr" in html


def test_only_my_area(browser, signed_in, publish, make_user, db):
    from share.schools.models import Area, Unit, UnitKind

    me = signed_in()
    publish("Min kollegas metod", "lek", by=me)
    south = Area(name="Skolområde Söder")
    elsewhere = Unit(name="Sjöviksskolan", kind=UnitKind.SCHOOL, area=south)
    db.session.add_all([south, elsewhere])
    db.session.commit()
    other = make_user()
    other.unit_id = elsewhere.id
    db.session.commit()
    publish("Metod från Söder", "lek", by=other)
    everything = browser.client.get("/api/v1/search?q=lek").get_json()
    mine = browser.client.get("/api/v1/search?q=lek&mitt_omrade=1").get_json()
    assert everything["total"] == 2
    assert [r["title"] for r in mine["results"]] == ["Min kollegas metod"]

    # On the page, a click in the area facet is not overridden by the toggle: it turns the
    # toggle into an ordinary area filter with the clicked area added, or the own one removed.
    page = browser.client.get("/sok?q=lek&mitt_omrade=1").get_data(as_text=True)
    south_link = html.unescape(
        re.search(r'href="([^"]+)"[^>]*>\s*<span lang="sv">Skolområde Söder', page)[1]
    )
    assert "mitt_omrade" not in south_link
    both = browser.client.get(south_link.replace("/sok", "/api/v1/search", 1)).get_json()
    assert both["total"] == 2
    own_link = html.unescape(
        re.search(
            rf'href="([^"]+)"[^>]*>\s*(?:<span[^>]*>[^<]*</span>)?<span lang="sv">{me.area.name}',
            page,
        )[1]
    )
    assert "mitt_omrade" not in own_link and "area=" not in own_link


def test_search_requires_sign_in(client):
    assert client.get("/sok").status_code == 302
    for path in ("/api/v1/search", "/api/v1/search/suggestions?q=lek", "/api/v1/taggar"):
        response = client.get(path)
        assert response.status_code == 401
        assert response.get_json()["message"] == "Logga in för att se sidan."


def test_hit_inside_an_attached_file_says_which_file(browser, signed_in, db):
    signed_in()
    vardegrund = ids(db, CoreProcess, "vardegrund")[0]
    rules = io.BytesIO("Kompisregler för rastvärdar".encode())
    browser.post(
        "/material/ny",
        {
            "kind": "material",
            "title": "Mall",
            "summary": "En mall.",
            "licence": "cc0-1.0",
            "core_process_ids": [str(vardegrund)],
            "action": "publish",
            "files": [(rules, "Regler åk 3.txt")],
        },
        token_from="/material/ny",
        content_type="multipart/form-data",
    )
    data = browser.client.get("/api/v1/search?q=rastvärdar").get_json()
    assert data["total"] == 1
    assert data["results"][0]["highlight_file"] == "Regler åk 3.txt"
    assert "<mark" in data["results"][0]["highlights"]


def test_suggestions_while_typing(browser, signed_in, publish):
    signed_in()
    publish("Läsförståelse med läsfigurer", "text", tags=["läsning"])
    publish("Hemligt läsutkast", "text", draft=True)
    data = browser.client.get("/api/v1/search/suggestions?q=LÄS").get_json()
    assert data["titles"] == ["Läsförståelse med läsfigurer"]
    assert data["tags"] == ["läsning"]
    assert browser.client.get("/api/v1/search/suggestions?q=%25").get_json()["titles"] == []
