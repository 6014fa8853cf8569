"""The licence line on a material's page names the author a reader must credit, not "you"."""

import pytest

from tests.support.materials import create, only_material


@pytest.mark.parametrize(
    ("licence", "swedish"),
    [
        ("cc-by-4.0", "även kommersiellt, om de anger Ada &lt;Lind&gt; som upphovsperson."),
        ("cc-by-sa-4.0", "om de anger Ada &lt;Lind&gt; som upphovsperson och delar sina"),
        ("cc-by-nc-4.0", "om de anger Ada &lt;Lind&gt; som upphovsperson och inte tjänar"),
        ("cc0-1.0", "Ada &lt;Lind&gt; har gett bort det"),
    ],
)
def test_the_licence_names_the_author(browser, signed_in, material_form, db, licence, swedish):
    signed_in(name="Ada <Lind>")
    create(browser, material_form, licence=licence)
    page = f"/material/{only_material(db).id}"
    html = browser.client.get(page).get_data(as_text=True)
    assert swedish in html
    assert "anger dig" not in html and "<Lind>" not in html

    browser.post("/sprak", {"language": "en"})
    html = browser.client.get(page).get_data(as_text=True)
    assert "Ada &lt;Lind&gt;" in html.split('id="licence-heading"')[1]
    assert "name you" not in html


def test_the_share_form_still_speaks_to_the_author(browser, signed_in):
    signed_in()
    html = browser.client.get("/material/ny").get_data(as_text=True)
    assert "om de anger dig som upphovsperson" in html
