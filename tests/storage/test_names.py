import pytest

from share.storage.names import clean_display_name


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("Åk 7 bråk.pdf", "Åk 7 bråk.pdf"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("rapport\r\nSet-Cookie: x.pdf", "rapportSet-Cookie: x.pdf"),
        ("faktura\u202egpj.exe", "fakturagpj.exe"),
        ("\u2067bild\u2069.png", "bild.png"),
        ("nul\x00byte.txt", "nulbyte.txt"),
        (".hidden", "hidden"),
        ("   ", "fil"),
        ("", "fil"),
        ("A\u030ak.pdf", "Åk.pdf"),  # decomposed Å becomes the one letter
    ],
)
def test_clean_display_name(given, kept):
    assert clean_display_name(given) == kept


def test_long_names_keep_their_extension():
    name = clean_display_name("x" * 300 + ".docx")
    assert len(name) == 200 and name.endswith(".docx")
