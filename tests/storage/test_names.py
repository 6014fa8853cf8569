import pytest

from share.storage.names import clean_display_name


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("Åk 7 bråk.pdf", "Åk 7 bråk.pdf"),
        ("A\u030ak 7.pdf", "Åk 7.pdf"),  # a decomposed Å becomes the one letter (NFC)
        ("Läsförståelse – 例 ✓.docx", "Läsförståelse – 例 ✓.docx"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("C:\\Users\\lärare\\Prov.docx", "Prov.docx"),
        ("rapport\r\nSet-Cookie: x.pdf", "rapportSet-Cookie: x.pdf"),
        ("faktura\u202egpj.exe", "fakturagpj.exe"),  # shown as "fakturaexe.jpg" otherwise
        ("\u2067bild\u2069\u200e\u200f\u061c.png", "bild.png"),
        ("nul\x00byte\x7f.txt", "nulbyte.txt"),
        # Zero-width and other invisible format characters: "bild.png" and "bi\u200bld.png"
        # would look the same and be different names.
        ("bi\u200bld\u200c\u200d\u2060.png", "bild.png"),
        ("\ufeffrapport\u00ad.pdf", "rapport.pdf"),
        ("tagg\U000e0041\U000e007f.txt", "tagg.txt"),
        ("privat\ue000.txt", "privat.txt"),
        ("\u3164\u115f.pdf", "pdf"),
        ("mongolisk\u180e.txt", "mongolisk.txt"),
        ("...hidden", "hidden"),
        ("  . mellanslag.txt", "mellanslag.txt"),
        ("flera   mellan\trum.txt", "flera mellanrum.txt"),  # controls go, spaces shrink
        ("   ", "fil"),
        ("", "fil"),
        ("../", "fil"),
        ("\u202e", "fil"),
    ],
)
def test_clean_display_name(given, kept):
    assert clean_display_name(given) == kept


def test_long_names_are_cut_to_200_keeping_the_extension():
    name = clean_display_name("å" * 300 + ".docx")
    assert len(name) == 200 and name == "å" * 195 + ".docx"


def test_a_long_name_without_a_real_extension_is_just_cut():
    assert clean_display_name("x" * 300) == "x" * 200
