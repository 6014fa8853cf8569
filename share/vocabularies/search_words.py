"""The short and everyday forms teachers type for the starting terms, by vocabulary and
slug: indexed with the term's names, so "lågstadiet", "fritids", "SO" or "grundsärskola"
find what is tagged with the term. They follow the national names of school forms and
subjects, so they live with the starting terms; words of a municipality's own go in the
synonym list admins edit."""

_SO = "SO SO-ämnen samhällsorienterande ämnen"
_NO = "NO NO-ämnen naturorienterande ämnen"

SEARCH_WORDS: dict[str, dict[str, str]] = {
    "core_process": {
        "sprak-och-kommunikation": "språkutveckling språkutvecklande arbetssätt",
        "synligt-larande": "synligt lärande kollegialt lärande beprövad erfarenhet",
        "ikt-i-larandet": "IKT digitalisering digital kompetens digitala verktyg",
        "vardegrund": "värdegrundsarbete likabehandling",
        "sarskilt-stod-och-utmaningar": "särskilt stöd extra anpassningar utmaningar",
    },
    "school_form": {
        "forskola": "förskolan",
        "forskoleklass": "F-klass fklass förskoleklassen",
        "grundskola-1-3": "lågstadiet lågstadium",
        "grundskola-4-6": "mellanstadiet mellanstadium",
        "grundskola-7-9": "högstadiet högstadium",
        "anpassad-grundskola": "grundsärskola grundsär särskola",
        "fritidshem": "fritids fritidshemmet",
    },
    "subject": {
        "svenska-som-andrasprak": "SvA",
        "matematik": "matte",
        "moderna-sprak": "spanska tyska franska",
        "idrott-och-halsa": "idrott idh gympa",
        "hem-och-konsumentkunskap": "hemkunskap hkk",
        "biologi": _NO,
        "fysik": _NO,
        "kemi": _NO,
        "geografi": _SO,
        "historia": _SO,
        "religionskunskap": _SO,
        "samhallskunskap": _SO,
    },
}
