"""Materials written for the judged set, beside the demo's: each gives a class of query
something to find, or something to rank below the right answer (a word only in a
reference list or an attached file's small print, a near title)."""

from share.demo.materials import DemoMaterial

_AUTHOR = "larare@kommun.example"


def _item(title, summary, body, *, processes, forms, subjects=(), tags=(), research=""):
    return DemoMaterial(
        kind="method",
        title=title,
        summary=summary,
        body=body,
        author=_AUTHOR,
        licence="cc-by-4.0",
        core_processes=tuple(processes),
        school_forms=tuple(forms),
        subjects=tuple(subjects),
        tags=tuple(tags),
        research_basis=research,
    )


JUDGED_MATERIALS = [
    _item(
        "Självständigt arbete i förskoleklass – arbetsbänkar med bildstöd",
        "Varje barn har en egen arbetsbänk med uppgifter i korgar, från vänster till höger. "
        "Bildstöd visar vad som ska göras och när uppgiften är klar.",
        "Vi byggde arbetsbänkar efter idéer från TEACCH. Barnen arbetar självständigt i tio "
        "minuter, och pedagogen kan ge tid åt andra barn under tiden.",
        processes=["sarskilt-stod-och-utmaningar"],
        forms=["forskoleklass"],
        tags=["självständighet", "struktur", "tydliggörande pedagogik"],
    ),
    _item(
        "Eleverna bedömer sina egna rörelser i idrotten",
        "Eleverna filmar varandra när de hoppar och kastar och jämför med en enkel "
        "bedömningsmatris. De ser själva vad de behöver öva på.",
        "Vi använder surfplattor i idrottshallen. Varje elev väljer en rörelse att utveckla "
        "under fyra veckor och bedömer sin egen utveckling.",
        processes=["synligt-larande"],
        forms=["grundskola-4-6"],
        subjects=["idrott-och-halsa"],
        tags=["självbedömning", "rörelse", "film"],
    ),
    _item(
        "Programmera med Scratch i åk 6",
        "Eleverna programmerar ett eget spel i Scratch och lär sig villkor, loopar och "
        "variabler genom att prova och ändra.",
        "Vi börjar med att programmera en figur som går i en kvadrat. Sedan programmerar "
        "eleverna ett spel i par och testar varandras spel.",
        processes=["ikt-i-larandet"],
        forms=["grundskola-4-6"],
        subjects=["teknik", "matematik"],
        tags=["scratch", "spel"],
    ),
    _item(
        "Läsa historiska källor – läsförståelse i historia",
        "Eleverna läser korta källtexter från 1800-talet med stödfrågor: vem skrev, när och "
        "varför? Vi tränar lässtrategier i ämnet.",
        "Arbetet ger eleverna ett sätt att läsa ämnestexter. Vi läser tillsammans först och "
        "sedan i par med samtalskort.",
        processes=["sprak-och-kommunikation"],
        forms=["grundskola-7-9"],
        subjects=["historia"],
        tags=["källor", "lässtrategier"],
    ),
    _item(
        "Mattelyftet i vårt arbetslag – ett år med kollegialt lärande",
        "Vi arbetade med Matematiklyftets moduler om problemlösning och prövade "
        "uppgifterna i våra klasser mellan träffarna.",
        "Varje träff hade fyra delar: läsa, planera, genomföra och diskutera. Det viktigaste "
        "var att vi fick se varandras lektioner.",
        processes=["synligt-larande"],
        forms=["grundskola-4-6", "grundskola-7-9"],
        subjects=["matematik"],
        tags=["mattelyftet", "kollegialt lärande", "problemlösning"],
    ),
    _item(
        "Enkla experiment med vatten och luft i åk 2",
        "Eleverna gör experiment i grupper och skriver ner vad de tror innan, vad som "
        "händer och varför. Naturvetenskap med vardagsmaterial.",
        "Experimenten tar en lektion var: flyta och sjunka, luft tar plats, vatten "
        "avdunstar. Vi dokumenterar med bilder och ett gemensamt protokoll.",
        processes=["synligt-larande"],
        forms=["grundskola-1-3"],
        subjects=["fysik", "kemi"],
        tags=["experiment", "naturvetenskap"],
    ),
    _item(
        "Utvecklingssamtal som trepartssamtal",
        "Eleven leder utvecklingssamtalet med stöd av en mall, och vårdnadshavare och "
        "mentor lyssnar och frågar.",
        "Eleven förbereder sig en vecka innan och väljer tre saker att visa.",
        processes=["vardegrund"],
        forms=["grundskola-7-9"],
        tags=["utvecklingssamtal", "elevinflytande"],
        research=(
            "- Black & Wiliam: bedömning för lärande och formativ bedömning i klassrummet.\n"
            "- Hattie: synligt lärande, läsförståelse och återkoppling i forskningen.\n"
            "- Skolverket: bedömning, betyg och högläsning i grundskolan."
        ),
    ),
    _item(
        "Högläsning i åk 1 – bokval och boksamtal",
        "Vi läser högt varje dag efter lunch och samtalar om boken med samma frågor varje "
        "gång: vad tror du händer, vad påminner det om?",
        "Böckerna väljer vi tillsammans med skolbiblioteket. Högläsning blir en stund som "
        "barnen ser fram emot.",
        processes=["sprak-och-kommunikation"],
        forms=["grundskola-1-3"],
        subjects=["svenska"],
        tags=["högläsning", "boksamtal"],
    ),
    _item(
        "Förskolans gård som lärmiljö – lek och lärande ute",
        "Vi planerade om gården så att barnen kan leka, bygga och undersöka i olika zoner "
        "under hela året.",
        "Zonerna är bygg, odling, rörelse och lugn. Barnen var med och bestämde vad som "
        "skulle finnas var.",
        processes=["vardegrund"],
        forms=["forskola"],
        subjects=["amnesovergripande-forskola"],
        tags=["utomhuspedagogik", "lärmiljö", "lek"],
    ),
    _item(
        "Tecken som stöd på fritidshemmet",
        "Personalen lär sig tio nya tecken i månaden och använder dem i samlingen och vid "
        "maten. Alla barn förstår mer när ord och tecken kommer samtidigt.",
        "Vi började med tecken för känslor och för dagens aktiviteter.",
        processes=["sarskilt-stod-och-utmaningar", "sprak-och-kommunikation"],
        forms=["fritidshem"],
        tags=["tecken", "kommunikation"],
    ),
    _item(
        "Extra anpassningar i matematik – en checklista för lärare",
        "En checklista med extra anpassningar som går att göra i varje matematiklektion: "
        "tydliga instruktioner, konkret material, kortare uppgifter.",
        "Checklistan kommer ur elevhälsoteamets arbete. Vi går igenom den på arbetslagsmötet "
        "varje månad.",
        processes=["sarskilt-stod-och-utmaningar"],
        forms=["grundskola-4-6"],
        subjects=["matematik"],
        tags=["extra anpassningar", "checklista"],
    ),
    _item(
        "Dokumentera lärandet – portfolio i åk 3",
        "Eleverna dokumenterar sitt eget lärande i en digital portfolio med foton, texter "
        "och ljudinspelningar, och visar den för vårdnadshavare.",
        "Vi dokumenterar varje fredag. Eleven väljer själv vad som ska in och skriver varför.",
        processes=["synligt-larande", "ikt-i-larandet"],
        forms=["grundskola-1-3"],
        subjects=["svenska"],
        tags=["portfolio", "dokumentation"],
    ),
    _item(
        "Ordförråd på mellanstadiet – veckans ord i alla ämnen",
        "Varje vecka väljer arbetslaget fem ämnesord som alla lärare använder. Eleverna "
        "med svenska som andraspråk får orden i förväg.",
        "Orden sitter på väggen med bild och förklaring. I slutet av veckan skriver eleverna "
        "egna meningar med orden.",
        processes=["sprak-och-kommunikation"],
        forms=["grundskola-4-6"],
        subjects=["svenska-som-andrasprak", "svenska"],
        tags=["ordförråd", "ämnesord"],
    ),
    _item(
        "Sinnesrum i anpassad grundskola",
        "Ett rum med ljus, ljud och taktilt material där eleverna kan landa och träna "
        "uppmärksamhet, med ett schema för vem som är där och när.",
        "Rummet används med en vuxen i korta pass. Varje elev har sitt eget bildschema.",
        processes=["sarskilt-stod-och-utmaningar"],
        forms=["anpassad-grundskola"],
        tags=["sinnesrum", "bildschema"],
    ),
    _item(
        "Planera en måltid i hemkunskap – budget och näring",
        "Eleverna planerar en måltid för fyra personer för 150 kronor och räknar ut vad "
        "den innehåller.",
        "Planeringen görs i par med reklamblad och en tabell över näringsämnen.",
        processes=["synligt-larande"],
        forms=["grundskola-7-9"],
        subjects=["hem-och-konsumentkunskap", "matematik"],
        tags=["budget", "måltid", "planering"],
    ),
    _item(
        "Veckobrev till vårdnadshavare med bilder",
        "Ett kort veckobrev med bilder från veckan, översatt till hemspråken med hjälp av "
        "modersmålslärarna.",
        "Breven skrivs på fredagar. I bilagan finns en ordlista med ord om skolan: "
        "läsförståelse, bedömning, programmering, experiment, utvecklingssamtal.",
        processes=["sprak-och-kommunikation"],
        forms=["grundskola-1-3"],
        tags=["vårdnadshavare", "veckobrev"],
    ),
]
