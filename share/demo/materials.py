"""Demo methods and materials, with real attached files, so the demo site looks lived in.

Only for development, like share/demo/accounts.py: the texts are written as Dela's teachers would
write them, spread over all four demo areas, every core process and most school forms, and
they use the words that search has to handle (lek/lekar/leken, skola/skolan/skolor,
läsförståelse, bråkräkning, värdegrund, likabehandling, IKT, NPF ...).

Order of the module: the data (authors, then materials), their files (made by
share/demo/files.py), the seeding.
"""

import io
import math
import textwrap
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from share.auth.models import Role, User
from share.auth.services import create_user
from share.database import utcnow
from share.demo.accounts import ACCOUNTS, DEMO_PASSWORD
from share.demo.files import make_docx, make_pdf, make_photo
from share.demo.keys import seeded_keys
from share.extensions import db
from share.materials.models import Licence, Material, MaterialKind
from share.materials.services import MaterialDraft, Upload, create_material
from share.schools.models import Unit
from share.vocabularies.registry import MATERIAL_VOCABULARIES

# ---------------------------------------------------------------------------------------
# Authors
# ---------------------------------------------------------------------------------------

ANNA = "larare@kommun.example"  # Björkängsskolan, Skolområde Norr (share/demo/accounts.py)
SARA = (
    "forskollarare@kommun.example"  # Förskolan Ekorren, Skolområde Öster (share/demo/accounts.py)
)
ERIK = "rektor@kommun.example"  # Sjöviksskolan, Skolområde Söder (share/demo/accounts.py)
EMMA = "emma.sundberg@kommun.example"
AHMED = "ahmed.hassan@kommun.example"
LENA = "lena.bergstrom@kommun.example"
PETER = "peter.holm@kommun.example"
JOHAN = "johan.nilsson@kommun.example"
FATIMA = "fatima.karlsson@kommun.example"

#: Teachers the demo needs besides share.demo.accounts.ACCOUNTS: (e-mail, name, unit name).
DEMO_AUTHORS = [
    (EMMA, "Emma Sundberg", "Norrbackaskolan"),  # Norr: fritidshem, anpassad grundskola
    (AHMED, "Ahmed Hassan", "Sjöviksskolan"),  # Söder: svenska och svenska som andraspråk
    (LENA, "Lena Bergström", "Förskolan Myrstacken"),  # Söder
    (PETER, "Peter Holm", "Östra skolan"),  # Öster: speciallärare och engelska
    (JOHAN, "Johan Nilsson", "Västerslättsskolan"),  # Väster: matematik och NO
    (FATIMA, "Fatima Karlsson", "Förskolan Lärkan"),  # Väster
]

# ---------------------------------------------------------------------------------------
# Materials
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoFile:
    """A file to generate: "pdf", "docx" or "photo", its file name, heading and text lines."""

    kind: str
    name: str
    heading: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoMaterial:
    """One demo method or material; the slugs are those of share/vocabularies/seed.py."""

    kind: str
    title: str
    summary: str
    body: str
    author: str
    licence: str
    core_processes: tuple[str, ...]
    school_forms: tuple[str, ...]
    subjects: tuple[str, ...]
    tags: tuple[str, ...]
    research_basis: str = ""
    files: tuple[DemoFile, ...] = ()


def _md(text: str) -> str:
    return textwrap.dedent(text).strip()


def _refs(*references: str) -> str:
    """The research basis as a Markdown list."""
    return "\n".join(f"- {reference}" for reference in references)


def _pdf(name: str, heading: str, *lines: str) -> DemoFile:
    return DemoFile("pdf", name, heading, lines)


def _docx(name: str, heading: str, *paragraphs: str) -> DemoFile:
    return DemoFile("docx", name, heading, paragraphs)


def _photo(name: str, caption: str) -> DemoFile:
    return DemoFile("photo", name, caption)


LPFO = "Skolverket (2018). *Läroplan för förskolan, Lpfö 18*."
BLACK_WILIAM = (
    "Black, P. & Wiliam, D. (1998). Inside the Black Box: Raising Standards Through "
    "Classroom Assessment. *Phi Delta Kappan*, 80(2), 139–148."
)
HATTIE = (
    "Hattie, J. (2009). *Visible Learning: A Synthesis of over 800 Meta-Analyses Relating "
    "to Achievement*. Routledge."
)
HATTIE_TIMPERLEY = (
    "Hattie, J. & Timperley, H. (2007). The power of feedback. *Review of Educational "
    "Research*, 77(1), 81–112."
)
WILIAM = (
    "Wiliam, D. (2013). *Att följa lärande: formativ bedömning i praktiken*. Studentlitteratur."
)
LUNDAHL = "Lundahl, C. (2011). *Bedömning för lärande*. Norstedts."
DIGITALISERING = "Skolverket (2017). *Få syn på digitaliseringen på grundskolenivå*. Stödmaterial."
SPSM = (
    "Specialpedagogiska skolmyndigheten (SPSM): stödmaterial om tillgängliga lärmiljöer "
    "och NPF, spsm.se."
)

SKRIVMALL_DJUR = (
    "Namn: ______________________",
    "",
    "Rubrik: ______________________",
    "Inledning: Det här är en text om ______________________.",
    "",
    "Utseende – Hur ser djuret ut?",
    "Ordbank: päls, fjäll, fjädrar, svans, tassar, horn, stor, liten",
    "Meningsstartare: Den har … Den är …",
    "",
    "Var lever djuret?",
    "Ordbank: skog, hav, sjö, öken, bo, lya, gryt",
    "Meningsstartare: Den lever i …",
    "",
    "Vad äter djuret?",
    "Ordbank: rovdjur, växtätare, allätare, byte",
    "Meningsstartare: Den äter mest …",
    "",
    "Ungarna – Hur föds och växer ungarna upp?",
    "Meningsstartare: Ungarna föds … De får mat av …",
    "",
    "Checklista: Har jag en rubrik? Börjar meningarna med stor bokstav?",
    "Har jag använt ord från ordbanken? Har jag läst igenom min text?",
)

DEMO_MATERIALS: list[DemoMaterial] = [
    DemoMaterial(
        kind="method",
        title="Exit tickets – tre frågor innan eleverna går",
        summary=(
            "De sista fem minuterna av matematiklektionen svarar eleverna på tre korta frågor "
            "på en lapp. Jag sorterar svaren i tre högar och planerar nästa lektion utifrån dem."
        ),
        body=_md("""\
            ## Bakgrund
            Jag undervisar i matematik i åk 6 och 7 på Västerslättsskolan. Förut visste jag
            ofta inte förrän på provet vilka elever som inte hängt med i bråkräkningen. Sedan
            i höstas avslutar jag nästan varje lektion med en exit ticket.

            ## Så gör jag
            1. Fem minuter före lektionens slut delar jag ut en lapp (mallen finns bifogad).
            2. Eleverna svarar på tre frågor:
               - en uppgift som visar om de nått dagens lärandemål, till exempel *Vilket är
                 störst, 3/4 eller 5/8? Förklara.*
               - *Vad var lättast i dag?*
               - *Vad vill du att jag går igenom igen?*
            3. Lappen lämnas till mig vid dörren – det är biljetten ut.
            4. Efter lektionen sorterar jag lapparna i tre högar: *kan*, *nästan* och *inte
               än*. Det tar högst tio minuter.

            ## Vad hände
            Redan första veckan såg jag att nästan halva gruppen trodde att 5/8 var större än
            3/4 "för att 8 är större än 4". Nästa lektion började jag med just det
            missförståndet i stället för att gå vidare i boken. Eleverna säger själva att de
            gillar att det de skriver faktiskt påverkar lektionen.

            ## Tips
            - Håll frågorna korta; eleverna ska hinna svara på tre minuter.
            - Anonyma lappar ger ärligare svar på fråga tre, men med namn kan du följa
              enskilda elever. Jag växlar mellan de två.
            - Visa gärna ett par svar (utan namn) nästa lektion och berätta hur du tänkt kring
              dem. Då förstår eleverna varför de skriver.
            """),
        research_basis=_refs(BLACK_WILIAM, WILIAM, LUNDAHL),
        licence="cc-by-4.0",
        core_processes=("synligt-larande",),
        school_forms=("grundskola-4-6", "grundskola-7-9"),
        subjects=("matematik",),
        tags=("exit tickets", "formativ bedömning", "bråkräkning"),
        author=JOHAN,
        files=(
            _pdf(
                "Exit tickets mall.pdf",
                "Exit ticket – matematik",
                "Namn: ______________________   Datum: ____________",
                "",
                "1. Dagens uppgift",
                "Vilket bråk är störst, 3/4 eller 5/8? Förklara hur du vet.",
                "____________________________________________________",
                "",
                "2. Det här var lättast i dag:",
                "____________________________________________________",
                "",
                "3. Det här vill jag att du går igenom igen:",
                "____________________________________________________",
                "",
                "Lämna lappen till din lärare vid dörren – det är din biljett ut!",
                "",
                "För läraren: sortera lapparna i tre högar (kan, nästan, inte än) och börja "
                "nästa lektion med det som flest elever behöver.",
            ),
        ),
    ),
    DemoMaterial(
        kind="method",
        title="Lekar för språkutveckling i samlingen – rim, ramsor och ljudlekar",
        summary=(
            "Tio korta lekar som vi gör i samlingen för att stärka barnens språkliga "
            "medvetenhet. Leken gör att alla vill vara med, även de barn som annars är tysta."
        ),
        body=_md("""\
            ## Barngruppen
            Avdelningen Ekorrbo på Förskolan Ekorren, 18 barn i åldern 4–5 år, många med ett
            annat modersmål än svenska. Vi gör språklekarna i samlingen fyra dagar i veckan,
            10–15 minuter åt gången.

            ## Några av lekarna
            - **Rimlådan:** en låda med saker som rimmar (mus – hus, bil – pil). Barnen drar
              två saker och avgör om de rimmar.
            - **Klappa stavelser:** vi klappar barnens namn – *Mo-ham-med* blir tre klapp,
              *El-la* två. Sedan klappar vi ord från veckans tema.
            - **Dockan som äter ljud:** dockan äter bara saker som börjar på ett visst ljud,
              till exempel /s/. Barnen matar den.
            - **Viskleken:** ett ord viskas runt ringen – kom det fram rätt?
            - **Ramsa med rörelse:** samma ramsa hela veckan, så att alla kan den på fredagen.

            Alla tio lekarna med instruktioner finns i den bifogade filen.

            ## Vad vi märkte
            I leken vågar barnen pröva ord utan att något blir fel. Efter några veckor började
            barnen rimma på egen hand i den fria leken, och vårdnadshavare berättade att
            barnen hade lärt syskonen ramsorna hemma. Barn som är nya i svenska är med från
            början, eftersom lekarna bygger på rörelse och upprepning.

            ## Tips
            - Upprepa samma lek flera dagar i rad. Det är tryggheten som gör att barnen vågar.
            - Ta in barnens modersmål: vad heter *mus* på arabiska eller somaliska, och rimmar
              det på något?
            - Låt ett barn leda leken när den har blivit bekant.
            """),
        research_basis=_refs(
            "Lundberg, I. (2007). *Bornholmsmodellen: vägen till läsning – språklekar i "
            "förskoleklass*. Natur & Kultur.",
            LPFO,
        ),
        licence="cc-by-4.0",
        core_processes=("sprak-och-kommunikation",),
        school_forms=("forskola", "forskoleklass"),
        subjects=("amnesovergripande-forskola",),
        tags=("lek", "språklekar", "rim och ramsor", "språklig medvetenhet"),
        author=SARA,
        files=(
            _docx(
                "Lekar för språkutveckling.docx",
                "Lekar för språkutveckling",
                "Tio språklekar för samlingen. Varje lek tar 5–10 minuter. Upprepa samma lek "
                "flera dagar i rad, så att alla barn hinner känna sig trygga med den.",
                "1. Rimlådan – En låda med saker som rimmar, till exempel mus och hus, bil och "
                "pil. Barnen drar två saker och avgör om de rimmar.",
                "2. Klappa stavelser – Klappa barnens namn och räkna klappen. Fortsätt med ord "
                "från veckans tema.",
                "3. Dockan som äter ljud – Dockan äter bara saker som börjar på ett visst ljud. "
                "Barnen matar den.",
                "4. Viskleken – Ett ord viskas runt ringen. Kom det fram rätt?",
                "5. Ramsa med rörelse – Samma ramsa hela veckan, med en rörelse till varje rad.",
                "6. Vad saknas? – Fem saker på en filt. Barnen blundar och en sak tas bort. "
                "Vad saknas? Säg ordet.",
                "7. Långa och korta ord – Vilket ord är längst: tåg eller krokodil? Klappa och "
                "jämför.",
                "8. Jag ser något som börjar på … – En gissningslek med det första ljudet.",
                "9. Rimsagan – Pedagogen läser en ramsa och stannar före rimordet. Barnen fyller "
                "i.",
                "10. Ord på våra språk – Vad heter bollen på barnens olika modersmål? Vi säger "
                "orden tillsammans.",
            ),
            _photo("Bild från samlingen.jpg", "Språklekar i samlingen"),
        ),
    ),
    DemoMaterial(
        kind="material",
        title="Lathund: kom igång med talsyntes och inlästa läromedel",
        summary=(
            "En kort lathund för lärare och elever om att låta datorn läsa upp text och om "
            "inlästa läromedel. Skriven för elever med lässvårigheter och NPF, men användbar "
            "för alla."
        ),
        body=_md("""\
            ## Till vem
            Jag är speciallärare och engelsklärare på Östra skolan. Den här lathunden skrev
            jag för kollegor som vill komma igång med alternativa verktyg för elever som har
            svårt att läsa, till exempel elever med dyslexi eller NPF. Den tar upp det som
            våra elevdatorer redan kan – inget extra behöver köpas in.

            ## Innehåll i lathunden
            1. **Talsyntes i webbläsaren och ordbehandlaren** – så markerar eleven en text och
               får den uppläst, och så ändrar man hastighet och röst.
            2. **Diktering** – att tala in text i stället för att skriva. Bra för elever som
               har mycket att säga men kör fast i stavningen.
            3. **Inlästa läromedel** – elever med läsnedsättning kan få inlästa läromedel via
               Legimus, Myndigheten för tillgängliga mediers tjänst.
            4. **Att introducera verktygen i klassen** – visa dem för alla elever, inte bara
               för den som behöver dem. Då blir det inte konstigt att använda dem.

            ## Erfarenheter
            När hela åk 5 fick prova talsyntesen ville flera elever som vi inte hade tänkt på
            fortsätta använda den. En elev med adhd sa att det var lättare att hålla fokus när
            han både lyssnade och läste. Digitala verktyg som dessa är en extra anpassning som
            går att göra direkt i klassrummet, utan något formellt beslut.

            Mer om alternativa verktyg och tillgängliga lärmiljöer finns hos
            [Specialpedagogiska skolmyndigheten](https://www.spsm.se/).
            """),
        licence="cc-by-4.0",
        core_processes=("ikt-i-larandet", "sarskilt-stod-och-utmaningar"),
        school_forms=("grundskola-4-6", "grundskola-7-9", "anpassad-grundskola"),
        subjects=("svenska",),
        tags=("talsyntes", "digitala verktyg", "npf", "lässvårigheter", "extra anpassningar"),
        author=PETER,
        files=(
            _pdf(
                "Lathund talsyntes.pdf",
                "Lathund: talsyntes och inlästa läromedel",
                "För lärare och elever på Östra skolan. Ingen extra programvara behövs.",
                "",
                "1. Låt datorn läsa upp text",
                "– Markera texten i webbläsaren eller ordbehandlaren.",
                "– Välj ”Läs upp” eller ”Uppläsning” i menyn eller verktygsfältet.",
                "– Ändra hastighet och röst i inställningarna tills det känns bekvämt.",
                "",
                "2. Tala in text (diktering)",
                "– Starta diktering i ordbehandlaren och tala lugnt och tydligt.",
                "– Säg skiljetecken högt: ”punkt”, ”kommatecken”, ”ny rad”.",
                "– Läs igenom texten efteråt – gärna med hjälp av talsyntesen.",
                "",
                "3. Inlästa läromedel",
                "– Elever med läsnedsättning kan få tillgång till inlästa läromedel via Legimus.",
                "– Skolbibliotekarien eller specialläraren hjälper till att registrera eleven.",
                "",
                "4. Introducera verktygen för hela klassen",
                "– Visa alla elever. Det som är nödvändigt för några är bra för alla.",
                "",
                "Frågor? Kontakta speciallärarna på Östra skolan.",
            ),
        ),
    ),
    DemoMaterial(
        kind="method",
        title="Värdegrund i förskolan – samtal kring bilderböcker som utmanar normer",
        summary=(
            "Vi läser bilderböcker där familjer, kön och kroppar ser olika ut och samtalar med "
            "barnen om det de ser. Samtalen blev en väg in i vårt värdegrundsarbete."
        ),
        body=_md("""\
            ## Varför
            På Förskolan Myrstacken hörde vi ofta barnen säga saker som "rosa är för tjejer"
            och "man kan inte ha två pappor". Vi ville arbeta med värdegrunden på ett sätt
            som utgår från barnens egna frågor, inte från pekpinnar.

            ## Så gör vi
            - Vi valde ut tio bilderböcker där familjer, kön, hudfärg och funktionsförmåga
              ser olika ut – utan att det är "problemet" i boken.
            - Boken läses i liten grupp (4–6 barn), så att alla kommer till tals.
            - Vi ställer öppna frågor: *Vad ser du på bilden? Hur tror du att hen känner sig?
              Har du varit med om något liknande?*
            - Vi skriver ner vad barnen säger och tar med det till reflektionen i arbetslaget.
            - Böckerna står sedan kvar i läshörnan, så att barnen kan gå tillbaka till dem.

            ## Vad hände
            Barnen pratade mycket om familjer – sina egna och andras. En flicka berättade för
            första gången i gruppen om sin mormor som bor i ett annat land. Senare hörde vi
            barnen säga "det får man visst" till varandra i leken, när någon blev utesluten.

            ## Tips
            - Granska förskolans boksamling tillsammans: vem syns, och vem syns inte?
            - Var beredd på frågor från vårdnadshavare och berätta varför ni gör det. Det
              handlar om förskolans uppdrag enligt läroplanen.
            """),
        research_basis=_refs(
            LPFO.removesuffix(".") + ", avsnittet Grundläggande värden.",
            "Skolverket (2012). *Främja, förebygga, upptäcka och åtgärda*. Stödmaterial om "
            "arbetet mot diskriminering och kränkande behandling.",
        ),
        licence="cc-by-4.0",
        core_processes=("vardegrund",),
        school_forms=("forskola",),
        subjects=("amnesovergripande-forskola",),
        tags=("värdegrund", "normkritik", "bilderböcker", "jämställdhet"),
        author=LENA,
    ),
    DemoMaterial(
        kind="method",
        title="Lässtrategier med läsfigurerna – reciprok undervisning i åk 4",
        summary=(
            "Vi arbetar med läsförståelse genom att eleverna turas om att leda samtalet om en "
            "text med hjälp av läsfigurerna Spågumman, Detektiven, Reportern och Cowboyen."
        ),
        body=_md("""\
            ## Klassen
            Åk 4 på Björkängsskolan, 24 elever, varav sex läser svenska som andraspråk. Vi har
            arbetat så här i två terminer, tre gånger i veckan, 30 minuter åt gången.

            ## Steg för steg
            1. **Modellera.** I början läser jag högt och tänker högt: "Nu är jag Spågumman –
               jag tror att texten handlar om ... eftersom rubriken säger ..."
            2. **Gemensam övning.** Vi läser en kort text tillsammans. Eleverna har figurerna
               som kort på bänken och jag fördelar rollerna.
            3. **Grupper om fyra.** Varje elev får en figur och leder den delen av samtalet:
               - *Spågumman* förutspår vad som ska hända
               - *Detektiven* letar upp oklara ord och tar reda på vad de betyder
               - *Reportern* ställer frågor till texten – både "på raden" och "mellan
                 raderna"
               - *Cowboyen* sammanfattar det viktigaste
            4. **Byt roller** varje gång, så att alla övar alla strategier.
            5. **Avsluta** i helklass: Vilken strategi hjälpte dig mest i dag?

            Den femte figuren, *Konstnären*, som skapar inre bilder, använder vi mest vid
            högläsning i helklass.

            ## Vad vi har sett
            Eleverna pratar mer om texterna och frågar oftare om ord de inte förstår.
            Eleverna som läser svenska som andraspråk har fått ett sätt att säga "jag förstår
            inte" utan att skämmas. Läsförståelsen i vår screening gick upp för de flesta.

            ## Tips
            Använd faktatexter från andra ämnen, inte bara skönlitteratur. Då blir
            läsförståelse en del av NO och SO också. Samtalskorten vi använder ligger bifogade.
            """),
        research_basis=_refs(
            "Palincsar, A. S. & Brown, A. L. (1984). Reciprocal teaching of "
            "comprehension-fostering and comprehension-monitoring activities. *Cognition and "
            "Instruction*, 1(2), 117–175.",
            "Westlund, B. (2009). *Att undervisa i läsförståelse: lässtrategier och "
            "studieteknik för de yngre åldrarna*. Natur & Kultur.",
            "En läsande klass (2014). Studiematerial i läsförståelse för lågstadiet och "
            "mellanstadiet, fritt att använda.",
        ),
        licence="cc-by-sa-4.0",
        core_processes=("sprak-och-kommunikation",),
        school_forms=("grundskola-1-3", "grundskola-4-6"),
        subjects=("svenska", "svenska-som-andrasprak"),
        tags=("läsförståelse", "lässtrategier", "en läsande klass", "reciprok undervisning"),
        author=ANNA,
        files=(
            _docx(
                "Lässtrategier – samtalskort.docx",
                "Lässtrategier – samtalskort",
                "Skriv ut, klipp isär och laminera. Varje elev i gruppen får ett kort och leder "
                "den delen av samtalet om texten.",
                "Spågumman – förutspå: Titta på rubriken och bilderna. Vad tror du att texten "
                "handlar om? Varför tror du det?",
                "Detektiven – reda ut oklarheter: Finns det ord eller meningar som du inte "
                "förstår? Hur kan vi ta reda på vad de betyder?",
                "Reportern – ställa frågor: Ställ en fråga där svaret står i texten och en "
                "fråga där man måste tänka själv.",
                "Cowboyen – sammanfatta: Berätta med egna ord det viktigaste i texten. Använd "
                "högst tre meningar.",
                "Konstnären – skapa inre bilder: Vilka bilder får du i huvudet när du läser? "
                "Beskriv eller rita.",
            ),
            _photo("Läsfigurerna på väggen.jpg", "Läsfigurerna i klassrummet"),
        ),
    ),
    DemoMaterial(
        kind="method",
        title="Lärplattan med i skogen – barnen dokumenterar själva",
        summary=(
            "Barnen tar med lärplattan på skogsutflykten, fotograferar det de upptäcker och "
            "berättar sedan om bilderna för varandra på storbildsskärmen."
        ),
        body=_md("""\
            ## Så började det
            På Förskolan Lärkan går vi till skogen varje tisdag. Förut var det vi pedagoger
            som fotograferade. Vi ville att barnen själva skulle välja vad som var viktigt att
            dokumentera, och att digitala verktyg skulle bli något man skapar med – inte bara
            tittar på.

            ## Hur vi gör
            1. Två barn i taget är "fotografer" och ansvarar för lärplattan under utflykten.
               Vi har kommit överens om regler: plattan bärs i fodralet, och man frågar innan
               man fotograferar en kompis.
            2. Barnen fotograferar det de tycker är intressant: en svamp, spår i leran, en
               myrstack.
            3. Tillbaka på förskolan visar fotograferna bilderna på storbildsskärmen och
               berättar. De andra barnen ställer frågor.
            4. Vi skriver ner barnens ord och sätter upp bilderna med text på väggen. Ibland
               gör vi en digital bok med bilderna och barnens inspelade röster.

            ## Vad hände
            Barnen blev mycket mer intresserade av att undersöka – de letade efter saker att
            visa. Bilderna väckte frågor som vi byggde vidare på: *Varför växer svampen just
            där? Vem har gått här?* Flera barn som sällan pratar i stor grupp berättade gärna
            om sina egna bilder.

            ## Tips
            - Se till att lärplattan är laddad och har plats för bilder.
            - Prata med barnen om integritet: vilka bilder får visas för andra?
            - Bilderna är pedagogisk dokumentation, inte bara minnen. Använd dem när ni
              planerar nästa utflykt.
            """),
        research_basis=_refs(
            LPFO.removesuffix(".") + " – om barnens adekvata digitala kompetens.",
            "Lenz Taguchi, H. (2012). *Pedagogisk dokumentation som aktiv agent*. Gleerups.",
        ),
        licence="cc-by-4.0",
        core_processes=("ikt-i-larandet",),
        school_forms=("forskola",),
        subjects=("amnesovergripande-forskola",),
        tags=("digitala verktyg", "lärplatta", "pedagogisk dokumentation", "utomhuspedagogik"),
        author=FATIMA,
        files=(_photo("Dokumentation i skogen.jpg", "Barnens bilder från skogen"),),
    ),
    DemoMaterial(
        kind="method",
        title="Lågaffektivt bemötande när en elev tappar kontrollen",
        summary=(
            "Hur vi i arbetslaget övade på att sänka våra egna affekter och ställa rimliga "
            "krav, så att utbrotten blev färre och kortare."
        ),
        body=_md("""\
            ## Bakgrund
            I en klass i åk 5 hade vi flera konflikter i veckan som slutade med att en elev
            kastade saker eller sprang ut. Vi vuxna svarade ofta med höjd röst och krav på att
            eleven skulle "lugna ner sig" – och det blev sällan bättre.

            ## Grundtankarna
            - *Den som tar ansvar kan påverka.* Vi kan inte styra elevens beteende, men vi kan
              ändra vårt eget bemötande och miljön.
            - *Barn gör rätt om de kan.* Ett utbrott är ett tecken på att kraven var högre än
              förmågan just då.
            - Affekter smittar. Om den vuxne är lugn är det lättare för eleven att bli lugn.

            ## Vad vi gjorde
            1. Vi gick igenom tre vanliga situationer och skrev ner vad som hände före
               utbrotten. Ofta var det övergångar eller otydliga instruktioner.
            2. Vi kom överens om ett gemensamt bemötande: låg röst, inte stå för nära, inte
               kräva ögonkontakt, ge eleven en väg ut ("Du kan sätta dig i soffan en stund").
            3. Konflikter följs upp senare, när alla är lugna – aldrig i stunden.
            4. Vi justerade kraven: kortare arbetspass och en tydlig plan för vad eleven gör
               när hen är klar.

            ## Resultat
            Efter sex veckor hade utbrotten minskat från flera i veckan till något enstaka.
            Det som förvånade oss mest var hur mycket lugnare vi vuxna blev. Metoden handlar
            om ett förhållningssätt i hela skolan, inte om ett program för en enskild elev,
            och den passar lika bra för elever med NPF som för andra.
            """),
        research_basis=_refs(
            "Hejlskov Elvén, B. (2009). *Problemskapande beteende vid utvecklingsmässiga "
            "funktionshinder*. Studentlitteratur.",
            "Greene, R. W. (1998). *The Explosive Child*. HarperCollins. På svenska: "
            "*Explosiva barn*.",
        ),
        licence="cc-by-nc-4.0",
        core_processes=("sarskilt-stod-och-utmaningar", "vardegrund"),
        school_forms=("grundskola-4-6", "grundskola-7-9"),
        subjects=(),
        tags=("npf", "lågaffektivt bemötande", "konflikthantering", "förhållningssätt"),
        author=PETER,
    ),
    DemoMaterial(
        kind="method",
        title="Cirkelmodellen i geografi – från vardagsspråk till ämnesspråk",
        summary=(
            "Så använde jag cirkelmodellens fyra faser för att nyanlända och andra elever i "
            "åk 8 skulle kunna skriva en förklarande text om varför städer växer."
        ),
        body=_md("""\
            ## Grupp och mål
            En grupp i svenska som andraspråk i åk 8 på Sjöviksskolan, 14 elever med fem olika
            förstaspråk. Jag samarbetade med geografiläraren, och målet var att eleverna
            skulle skriva en förklarande text om urbanisering.

            ## Cirkelmodellens fyra faser
            1. **Bygga kunskap om ämnet.** Vi tittade på bilder och statistik över svenska
               städer, pratade i par på valfritt språk och samlade ord på en väggordlista:
               *urbanisering, inflyttning, arbetstillfällen, infrastruktur*.
            2. **Studera texttypen.** Vi läste en modelltext och markerade med färger:
               påstående, orsaker (*eftersom, därför att, det leder till*) och avslutning.
               Eleverna upptäckte själva att förklarande texter innehåller många orsaksord.
            3. **Skriva gemensamt.** Jag skrev på tavlan medan eleverna föreslog meningar. Här
               händer det mesta: vi diskuterade hur man säger något mer ämnesspråkligt, till
               exempel "folk flyttar dit" → "befolkningen ökar genom inflyttning".
            4. **Skriva självständigt.** Eleverna skrev en egen text om en stad de valt, med
               stödstrukturen kvar på väggen.

            ## Resultat
            Texterna blev längre och mer sammanhängande än tidigare, och geografiläraren kunde
            bedöma ämneskunskaperna, eftersom språket inte längre stod i vägen. Flera elever
            använde orsaksorden även muntligt när de redovisade.

            ## Tips
            - Lägg mest tid på fas 1 och 3; det är där språket byggs.
            - Planera tillsammans med ämnesläraren. Vår planering ligger bifogad.
            """),
        research_basis=_refs(
            "Gibbons, P. (2006). *Stärk språket, stärk lärandet: språk- och "
            "kunskapsutvecklande arbetssätt för och med andraspråkselever i klassrummet*. "
            "Hallgren & Fallgren.",
            "Hedeboe, B. & Polias, J. (2008). *Genrebaserad undervisning*. Hallgren & Fallgren.",
            "Rose, D. & Martin, J. R. (2012). *Learning to Write, Reading to Learn: Genre, "
            "Knowledge and Pedagogy in the Sydney School*. Equinox.",
        ),
        licence="cc-by-4.0",
        core_processes=("sprak-och-kommunikation",),
        school_forms=("grundskola-7-9",),
        subjects=("svenska-som-andrasprak", "geografi"),
        tags=("svenska som andraspråk", "cirkelmodellen", "genrepedagogik", "ämnesspråk"),
        author=AHMED,
        files=(
            _pdf(
                "Cirkelmodellen – planering.pdf",
                "Cirkelmodellen – planering",
                "Ämne: geografi och svenska som andraspråk, åk 8",
                "Arbetsområde: Varför växer städerna?",
                "Texttyp: förklarande text",
                "",
                "Fas 1 – Bygga kunskap om ämnet (3 lektioner)",
                "– Bilder och statistik över svenska städer, samtal i par på valfritt språk.",
                "– Gemensam väggordlista: urbanisering, inflyttning, arbetstillfällen, "
                "infrastruktur.",
                "",
                "Fas 2 – Studera texttypen (2 lektioner)",
                "– Modelltext: markera påstående, orsaker och avslutning med olika färger.",
                "– Samla orsaksord: eftersom, därför att, det leder till, på grund av.",
                "",
                "Fas 3 – Skriva gemensamt (2 lektioner)",
                "– Läraren skriver, eleverna föreslår: från vardagsspråk till ämnesspråk.",
                "",
                "Fas 4 – Skriva självständigt (2 lektioner)",
                "– Egen text om en vald stad, med stödstrukturen kvar på väggen.",
                "",
                "Bedömning: geografiläraren bedömer ämneskunskaperna, SvA-läraren språket.",
            ),
        ),
    ),
    DemoMaterial(
        kind="method",
        title="Programmering på fritids – från pilkort till Blue-Bot",
        summary=(
            "Barnen på fritidshemmet programmerar först varandra med pilkort på golvet och "
            "sedan små robotar. Det tränar instruktioner, samarbete och problemlösning."
        ),
        body=_md("""\
            ## Bakgrund
            Programmering finns med i läroplanen, både i matematiken och i fritidshemmets
            uppdrag om digitala verktyg, men många av oss kände oss osäkra. Vi på fritids på
            Norrbackaskolan började därför enkelt, helt utan skärmar.

            ## Steg 1: Människorobot
            Vi tejpar ett rutnät på golvet. Ett barn är robot, ett annat programmerare.
            Programmeraren lägger pilkort (framåt, vänster, höger) som ska leda roboten till
            en skatt. Roboten gör exakt det som står – inget annat. Barnen skrattar mycket när
            roboten går rakt in i väggen, och upptäcker snabbt att ordningen på korten spelar
            roll.

            ## Steg 2: Blue-Bot
            När barnen har förstått idén tar vi fram robotarna. Barnen bygger banor med
            klossar, programmerar roboten med knapparna och felsöker när det går fel. De
            äldre barnen programmerar senare samma robot från lärplattan.

            ## Steg 3: Egna utmaningar
            Barnen gör banor åt varandra: *Kan du få roboten att besöka alla tre husen och
            komma tillbaka?*

            ## Vad vi har lärt oss
            - Jobba i par: en programmerar, en kontrollerar. Byt ofta.
            - Ordet "bugg" blev populärt – att felsöka blev något roligt i stället för ett
              misslyckande.
            - Aktiviteten passar blandade åldrar; sjuåringar och nioåringar hjälper varandra.
            """),
        research_basis=_refs(
            DIGITALISERING,
            "Skolverket: *Läroplan för grundskolan, förskoleklassen och fritidshemmet (Lgr22)*, "
            "del 4 Fritidshemmet.",
        ),
        licence="cc-by-4.0",
        core_processes=("ikt-i-larandet",),
        school_forms=("fritidshem", "forskoleklass", "grundskola-1-3"),
        subjects=("teknik", "matematik"),
        tags=("programmering", "digitala verktyg", "robotar", "problemlösning"),
        author=EMMA,
    ),
    DemoMaterial(
        kind="method",
        title="Rika problem för elever som behöver större utmaningar i matematik",
        summary=(
            "Öppna problem med flera lösningsvägar gör att hela klassen kan arbeta med samma "
            "uppgift, samtidigt som elever som redan kan får gå på djupet."
        ),
        body=_md("""\
            ## Problemet med extrauppgifter
            Elever som snabbt blev klara fick tidigare fler uppgifter av samma sort. Det är
            ingen utmaning, bara mer av samma. I åk 7 på Västerslättsskolan börjar jag i
            stället varje vecka med ett rikt problem.

            ## Vad är ett rikt problem?
            Ett problem som alla kan börja på, som går att lösa på flera sätt och som kan
            utvidgas. Exempel:

            > Tändstickor läggs i kvadrater på en rad. En kvadrat kräver 4 stickor, två
            > kvadrater 7 stickor. Hur många stickor behövs för 10 kvadrater? För 100? För
            > n kvadrater?

            ## Lektionens upplägg
            1. Enskilt: alla försöker själva i fem minuter.
            2. Par: jämför lösningarna – har ni tänkt olika?
            3. Helklass: jag väljer ut lösningar i en ordning från konkret (ritat) till
               generellt (formel). Eleverna förklarar själva.
            4. Utvidgning: de som är klara får frågor som *Hur blir det om kvadraterna ligger
               i två rader?* eller *Kan du visa att din formel alltid stämmer?*

            ## Erfarenheter
            Elever som tidigare var uttråkade började argumentera för sina lösningar och
            hjälpa andra att förstå. Samtidigt lyckades elever som tycker att matematik är
            svårt med den första frågan. Problemlösning blev något vi gör tillsammans, inte
            något man får göra när man är klar.
            """),
        research_basis=_refs(
            "Hagland, K., Hedrén, R. & Taflin, E. (2005). *Rika matematiska problem: "
            "inspiration till variation*. Liber.",
            "Skolverket (2015). *Särskilt begåvade elever*. Stödmaterial.",
        ),
        licence="cc-by-4.0",
        core_processes=("sarskilt-stod-och-utmaningar", "synligt-larande"),
        school_forms=("grundskola-7-9", "grundskola-4-6"),
        subjects=("matematik",),
        tags=("rika problem", "problemlösning", "särskilt begåvade elever", "utmaningar"),
        author=JOHAN,
    ),
    DemoMaterial(
        kind="material",
        title="Vår plan mot kränkande behandling – en version för barnen",
        summary=(
            "Förskolans plan mot diskriminering och kränkande behandling, omskriven tillsammans "
            "med barnen med bilder och enkla meningar. Mallen går att använda på andra "
            "förskolor."
        ),
        body=_md("""\
            ## Bakgrund
            Varje förskola ska ha en plan mot kränkande behandling, och barnen ska vara
            delaktiga i arbetet. Men planen är skriven för vuxna. Hos oss på Förskolan Lärkan
            gjorde de äldsta barnen (5 år) en egen version tillsammans med oss.

            ## Så tog vi fram den
            1. Vi gick en trygghetsvandring med barnen: *Var på förskolan känner du dig trygg?
               Var känner du dig inte trygg?* Barnen fotograferade platserna.
            2. Vi pratade om vad det är att vara snäll och vad det är att vara elak, och
               barnen ritade.
            3. Barnen formulerade våra löften, till exempel: *Alla får vara med. Vi säger stopp
               när någon gör illa. Vi hämtar en vuxen om någon är ledsen.*
            4. Vi gjorde en affisch med barnens bilder och löften. Den sitter vid entrén, så
               att vårdnadshavarna också ser den.

            ## Innehåll i den bifogade mallen
            - löftena med barnens ord
            - trygghetskartan över förskolan
            - vad de vuxna gör när någon blir illa behandlad
            - hur vi följer upp planen med barnen varje termin

            ## Tips
            Likabehandling blir konkret för barnen när de känner igen sina egna ord. Gör om
            trygghetsvandringen varje år – barngruppen och platserna förändras.
            """),
        licence="cc-by-sa-4.0",
        core_processes=("vardegrund",),
        school_forms=("forskola",),
        subjects=("amnesovergripande-forskola",),
        tags=("likabehandling", "plan mot kränkande behandling", "barns delaktighet", "trygghet"),
        author=FATIMA,
        files=(
            _pdf(
                "Vår plan mot kränkande behandling – barnversion.pdf",
                "Vår plan – så är vi mot varandra på Lärkan",
                "Förskolan Lärkans plan mot kränkande behandling, skriven tillsammans med barnen.",
                "",
                "Våra löften",
                "– Alla får vara med.",
                "– Vi säger stopp när någon gör illa – och vi lyssnar när någon säger stopp.",
                "– Vi hämtar en vuxen om någon är ledsen.",
                "– Vi skrattar med varandra, inte åt varandra.",
                "– Alla får vara som de är.",
                "",
                "Här känner vi oss trygga: i ateljén, i läshörnan, vid sandlådan.",
                "Här behöver vuxna vara med: bakom förrådet och i hallen när alla klär på sig.",
                "",
                "Det här gör de vuxna när någon blir illa behandlad",
                "– Vi finns nära och lyssnar på alla som var med.",
                "– Vi hjälper barnen att reda ut det som hänt och att bli sams.",
                "– Vi berättar för vårdnadshavarna.",
                "",
                "Vi tittar på planen tillsammans med barnen varje termin.",
            ),
        ),
    ),
    DemoMaterial(
        kind="method",
        title="EPA på hela skolan – enskilt, par, alla",
        summary=(
            "Så införde vi samtalsstrukturen EPA i alla ämnen på Sjöviksskolan. Fler elever "
            "kommer till tals, och lärarna får syn på vad eleverna tänker."
        ),
        body=_md("""\
            ## Bakgrund
            Vid lektionsbesöken såg vi samma mönster i många klassrum: läraren ställer en
            fråga, tre elever räcker upp handen och en svarar. De flesta elever behövde aldrig
            tänka färdigt. Som rektor ville jag att vi skulle prova en gemensam struktur för
            hela skolan, och arbetslagen valde EPA.

            ## Så fungerar EPA
            1. **Enskilt:** läraren ställer en fråga, och alla elever tänker själva i en
               minut – gärna med några ord på papper.
            2. **Par:** eleverna berättar för bänkgrannen vad de har tänkt. Båda ska prata.
            3. **Alla:** läraren väljer, gärna slumpvis, några par som berättar för klassen.
               "Vad sa din kompis?" är en bra följdfråga.

            ## Så införde vi det
            - En kort genomgång på en studiedag, där vi själva fick prova EPA på en
              pedagogisk text.
            - Varje lärare provade minst två gånger i veckan under sex veckor.
            - Kollegiala lektionsbesök i par med ett enkelt observationsschema: hur många
              elever sa något?
            - Uppföljning på arbetslagsträffarna: vad fungerade, och vad fungerade inte?

            ## Resultat
            Observationerna visade att andelen elever som sa något under lektionen ökade.
            Lärarna i svenska som andraspråk såg att eleverna vågade mer när de fått pröva
            sina formuleringar i paret först. Några lärare tyckte att det tog tid, men menade
            samtidigt att genomgångarna blev kortare eftersom eleverna redan hade tänkt. Det
            krävs ingen stor skola för att börja – ett arbetslag räcker.
            """),
        research_basis=_refs(
            "Kagan, S. & Stenlev, J. (2017). *Cooperative learning: undervisning med "
            "samarbetsstrukturer*. Studentlitteratur.",
            HATTIE,
        ),
        licence="cc-by-4.0",
        core_processes=("synligt-larande",),
        school_forms=("grundskola-1-3", "grundskola-4-6", "grundskola-7-9"),
        subjects=(),
        tags=("kooperativt lärande", "epa", "elevaktivitet", "kollegialt lärande"),
        author=ERIK,
    ),
    DemoMaterial(
        kind="method",
        title="Bildschema för dagen – tydlig struktur i klassrummet och på fritids",
        summary=(
            "Ett bildschema på tavlan visar vad som händer under dagen och vad som kommer "
            "sedan. Det hjälper elever med NPF men gör dagen lugnare för hela gruppen."
        ),
        body=_md("""\
            ## Utgångsläget
            I vår klass i anpassad grundskola och på fritids har flera elever autism eller
            andra neuropsykiatriska funktionsnedsättningar (NPF). Övergångarna – från lektion
            till rast, från skolan till fritids – var ofta det svåraste under dagen.

            ## Så gör vi
            - Varje morgon sätter vi upp dagens schema med bilder på tavlan, uppifrån och ner.
              Samma bilder används i klassrummet och på fritids.
            - När en aktivitet är klar tar en elev bort bilden och lägger den i
              "klart"-lådan. Då syns det vad som är kvar.
            - Förändringar markeras med ett särskilt kort ("ändring") och berättas i förväg,
              helst redan i morgonsamlingen.
            - Några elever har också ett eget litet schema på bänken med lektionens
              arbetssteg: *vad ska jag göra, hur mycket, när är jag klar, vad händer sedan?*

            ## Vad vi ser
            Färre frågor om "vad ska vi göra nu?", lugnare övergångar och färre konflikter
            kring rasterna. Elever utan diagnos använder också schemat – det är en anpassning
            som gör lärmiljön tillgänglig för alla.

            ## Tips
            - Använd samma bilder i hela skolan, så att eleverna känner igen dem hos alla
              vuxna.
            - Fotografera er egen miljö. En bild på det riktiga matsalsbordet säger mer än en
              symbol.
            - Utvärdera: Vilka elever använder schemat? Kan någon klara sig med mindre stöd?
            """),
        research_basis=_refs(
            "Mesibov, G. B., Shea, V. & Schopler, E. (2004). *The TEACCH Approach to Autism "
            "Spectrum Disorders*. Springer.",
            SPSM,
        ),
        licence="cc-by-4.0",
        core_processes=("sarskilt-stod-och-utmaningar",),
        school_forms=("anpassad-grundskola", "grundskola-1-3", "fritidshem"),
        subjects=(),
        tags=("npf", "bildstöd", "tydliggörande pedagogik", "struktur"),
        author=EMMA,
        files=(_photo("Bildschema på tavlan.jpg", "Dagens schema"),),
    ),
    DemoMaterial(
        kind="material",
        title="Begreppskort i biologi – ekologi i åk 7",
        summary=(
            "Trettio begreppskort till arbetsområdet ekologi med ord, bild, förklaring på "
            "enkel svenska och en exempelmening. Eleverna spelar in egna förklaringar med "
            "lärplattan."
        ),
        body=_md("""\
            ## Vad det är
            Trettio begreppskort till arbetsområdet ekologi i åk 7: *producent, konsument,
            nedbrytare, fotosyntes, näringskedja, ekosystem* och andra ord som eleverna
            behöver för att kunna läsa läroboken. Varje kort har ordet med böjning (*en
            producent, producenter*), en bild, en förklaring på enkel svenska och ett exempel
            i en mening.

            ## Så använder vi korten
            - **Före** arbetsområdet sorterar eleverna korten i "kan", "har hört" och "nytt".
              Det ger mig en snabb bild av förkunskaperna.
            - **Under** arbetsområdet sitter korten på väggen, och eleverna parar ihop ord och
              förklaring i par.
            - **Digitalt** fotograferar varje elev korten med lärplattan och spelar in en egen
              förklaring, på svenska och gärna också på sitt modersmål. Inspelningarna blir
              ett eget ljudlexikon att lyssna på hemma.

            ## Bra att veta
            Korten är gjorda för svenska som andraspråk, men hela klassen har nytta av dem;
            biologiläraren använder dem nu i alla grupper i åk 7. Skriv ut på styvt papper och
            laminera. Byt gärna ut orden mot dem som finns i er lärobok – korten är enkla att
            göra om i ett ordbehandlingsprogram.
            """),
        licence="cc-by-nc-4.0",
        core_processes=("sprak-och-kommunikation", "ikt-i-larandet"),
        school_forms=("grundskola-7-9",),
        subjects=("biologi", "svenska-som-andrasprak"),
        tags=("begrepp", "ämnesord", "svenska som andraspråk", "ekologi"),
        author=AHMED,
    ),
    DemoMaterial(
        kind="method",
        title="Klassråd som eleverna själva leder",
        summary=(
            "Med en fast dagordning, roterande ordförande och en beslutstavla där besluten "
            "följs upp blev klassrådet i åk 5 en riktig övning i demokrati."
        ),
        body=_md("""\
            ## Utgångsläget
            Våra klassråd på Björkängsskolan blev ofta en stund där jag pratade och några få
            elever klagade på maten. Eleverna upplevde inte att de kunde påverka något.

            ## Så gör vi nu
            - **Förslagslåda** hela veckan. Förslagen ska vara undertecknade och handla om
              något som klassen kan påverka.
            - **Fast dagordning** på tavlan: 1) förra mötets protokoll, 2) förslag,
              3) beslut, 4) vad elevrådsrepresentanten tar med sig.
            - **Roterande ordförande och sekreterare**, två elever varje gång. De förbereder
              mötet tillsammans med mig i tio minuter dagen innan.
            - **Talarlista.** Ordföranden ser till att alla som vill får ordet.
            - **Beslutstavla** i klassrummet: Vad beslutade vi? Vem gör vad? När följer vi
              upp?

            ## Vad hände
            Redan efter några veckor tog eleverna mötena på allvar. De beslutade bland annat
            om ett nytt schema för fotbollsplanen på rasterna och om hur klassen ska välja
            lekar till fredagens gemensamma stund. Elever som sällan tar ordet i helklass
            växte i rollen som ordförande. Vi kopplade arbetet till samhällskunskapen: Hur
            fattas beslut i kommunen? Vad är en majoritet?

            ## Tips
            Var tydlig med vad klassrådet *kan* bestämma. Att ibland få nej är också en del av
            demokratin, men då ska eleverna få en förklaring.
            """),
        research_basis=_refs(
            "Skolverket: *Läroplan för grundskolan, förskoleklassen och fritidshemmet (Lgr22)*, "
            "avsnittet Elevernas ansvar och inflytande.",
            "Lag (2018:1197) om Förenta nationernas konvention om barnets rättigheter "
            "(barnkonventionen), artikel 12.",
        ),
        licence="cc0-1.0",
        core_processes=("vardegrund",),
        school_forms=("grundskola-4-6",),
        subjects=("samhallskunskap",),
        tags=("elevinflytande", "demokrati", "klassråd", "värdegrund"),
        author=ANNA,
    ),
    DemoMaterial(
        kind="method",
        title="Lesson study – vi förbättrar en lektion tillsammans",
        summary=(
            "Tre lärare planerade en lektion tillsammans, en genomförde den medan de andra "
            "observerade eleverna, och sedan gjordes lektionen om. En konkret form av "
            "kollegialt lärande."
        ),
        body=_md("""\
            ## Vad vi gjorde
            Under vårterminen provade matematiklärarna i åk 7–9 på Sjöviksskolan lesson
            study. Målet var att fler elever skulle förstå negativa tal. Jag deltog som rektor
            och skyddade tiden: två timmar varannan vecka.

            ## Cykeln
            1. **Välj ett lärandemål** som många elever har svårt med. Vi valde subtraktion
               med negativa tal.
            2. **Planera lektionen tillsammans** och förutse hur eleverna kommer att tänka.
               Vilka missuppfattningar är vanliga?
            3. **Genomför och observera.** En lärare undervisar. De andra observerar inte
               läraren, utan eleverna: vad säger de, och var fastnar de?
            4. **Analysera** direkt efter lektionen med hjälp av observationerna och elevernas
               lösningar.
            5. **Revidera och genomför igen** i en annan klass.

            ## Vad vi lärde oss
            Vid första genomförandet förstod eleverna inte tallinjen så som vi hade trott. I
            den andra versionen började lektionen med temperaturer i stället, och betydligt
            fler elever kunde förklara sina svar. Lärarna sa efteråt att de aldrig tidigare
            hade tittat så noga på vad eleverna faktiskt gör.

            ## Tips till andra skolor
            - Skydda tiden i schemat – annars försvinner den.
            - Observera eleverna, inte kollegan. Det gör det tryggt att vara den som
              undervisar.
            - Dokumentera lektionen så att fler kan använda den. Vi delar våra lektioner här
              på Dela.
            """),
        research_basis=_refs(
            "Timperley, H. (2013). *Det professionella lärandets inneboende kraft*. "
            "Studentlitteratur.",
            HATTIE,
            "Skolverket (2013). *Forskning för klassrummet: vetenskaplig grund och beprövad "
            "erfarenhet i praktiken*.",
        ),
        licence="cc-by-4.0",
        core_processes=("synligt-larande",),
        school_forms=("grundskola-7-9",),
        subjects=("matematik",),
        tags=("lesson study", "kollegialt lärande", "beprövad erfarenhet", "negativa tal"),
        author=ERIK,
    ),
    DemoMaterial(
        kind="method",
        title="Fritids leder rastlekar – färre konflikter på skolgården",
        summary=(
            "Personalen på fritidshemmet leder lekar på lunchrasten två dagar i veckan. Fler "
            "elever är med i leken, och konflikterna på skolgården har minskat."
        ),
        body=_md("""\
            ## Varför vi började
            Trygghetsenkäten visade att många elever i åk 1–3 tyckte att rasterna var
            otrygga, och många konflikter som följde med in i klassrummet efter lunch började
            vid fotbollsplanen. Vi på fritidshemmet på Norrbackaskolan erbjöd oss att ta
            ansvar för en del av rasten.

            ## Upplägget
            - Tisdagar och torsdagar leder två av oss lekar på skolgården i 25 minuter.
            - Lekarna är kända och lätta att komma in i: *Under hökens vingar*, kull i olika
              varianter, *Rödljus*, *Bro bro breja* och *Fruktsallad*.
            - Vi presenterar veckans lek i klasserna på måndagen, så att eleverna vet vad som
              väntar.
            - Den som vill är med – ingen måste. Men den som vill vara med får alltid vara
              med.
            - Efter några veckor leder elever i åk 3 leken för de yngre, med en vuxen i
              närheten.

            ## Vad vi ser
            Fler elever är med i leken, särskilt de som tidigare gick runt ensamma.
            Konflikterna på skolgården har minskat, enligt både lärare och rastvärdar.
            Lärarna säger att eleverna kommer lugnare in efter lunch.

            ## Tips
            - Ha alltid ett par reservlekar för regn, eller om gruppen blir för stor.
            - Gå igenom reglerna inomhus först; leken blir mer rättvis när alla kan dem.
            - Använd lekarna för att arbeta med skolans värdegrund: turordning, att vinna och
              förlora, att säga förlåt.
            """),
        research_basis=_refs(
            "Skolverket: *Läroplan för grundskolan, förskoleklassen och fritidshemmet (Lgr22)*, "
            "del 4 Fritidshemmet – lekar, fysisk aktivitet och vistelse i utemiljö.",
        ),
        licence="cc-by-4.0",
        core_processes=("vardegrund",),
        school_forms=("fritidshem", "grundskola-1-3"),
        subjects=("idrott-och-halsa",),
        tags=("lek", "rastlekar", "trygghet", "konflikter"),
        author=EMMA,
    ),
    DemoMaterial(
        kind="method",
        title="Lärandemål och kriterier som eleverna förstår – faktatext i åk 5",
        summary=(
            "Vi formulerar bedömningskriterier tillsammans med eleverna utifrån elevexempel, "
            "så att de vet vart de ska och hur de tar sig dit."
        ),
        body=_md("""\
            ## Tre frågor
            Utgångspunkten är de tre frågorna för återkoppling: *Vart ska jag? Hur går det?
            Vad blir nästa steg?* Min erfarenhet är att eleverna ofta inte kan svara på den
            första frågan, eftersom målet är skrivet på lärarspråk.

            ## Så gjorde jag i åk 5
            1. Vi läste tre anonyma faktatexter från tidigare år: en svag, en medelgod och en
               stark.
            2. Eleverna rangordnade dem i par och motiverade: Vad gör den här texten bättre?
            3. Av elevernas motiveringar skrev vi kriterierna tillsammans: *Texten har en
               rubrik och en inledning som säger vad den handlar om. Varje stycke handlar om
               en sak. Jag använder ämnesord och förklarar dem.*
            4. Kriterierna blev en enkel matris (bifogad) som eleverna använde när de skrev
               och när de gav varandra respons.
            5. I slutet av varje lektion skrev eleverna på en lapp vad de hade gjort för att
               nå ett av kriterierna.

            ## Vad hände
            Eleverna använde kriterierna mer än när jag bara hade delat ut en färdig matris.
            De kunde förklara vad som saknades i en text – även i sin egen. Elever i behov av
            stöd hade stor nytta av elevexemplen: de såg hur det kan se ut.

            ## Tips
            Spara elevexempel varje år (med elevernas tillstånd och utan namn). De är det
            bästa bedömningsstöd du har.
            """),
        research_basis=_refs(HATTIE_TIMPERLEY, LUNDAHL),
        licence="cc-by-4.0",
        core_processes=("synligt-larande",),
        school_forms=("grundskola-4-6",),
        subjects=("svenska",),
        tags=("lärandemål", "formativ bedömning", "bedömningsmatris", "faktatext"),
        author=ANNA,
        files=(
            _docx(
                "Bedömningsmatris faktatext åk 5.docx",
                "Bedömningsmatris – faktatext åk 5",
                "Kriterierna är formulerade tillsammans med eleverna utifrån tre elevexempel.",
                "Struktur – Texten har en rubrik och en inledning som säger vad den handlar om. "
                "Varje stycke handlar om en sak. Texten har en avslutning.",
                "Innehåll – Fakta är korrekta och hämtade från minst två källor. Jag skriver "
                "med egna ord.",
                "Språk – Jag använder ämnesord och förklarar dem. Jag binder ihop meningarna "
                "med ord som därför, dessutom och till exempel.",
                "Skiljetecken och stavning – Meningarna börjar med stor bokstav och slutar med "
                "punkt. Jag har läst igenom texten.",
                "Mitt nästa steg: ______________________________________",
            ),
        ),
    ),
    DemoMaterial(
        kind="method",
        title="Barnens språk syns och hörs – flerspråkighet i förskolans vardag",
        summary=(
            "Sånger, böcker och ord på barnens modersmål, med hjälp av vårdnadshavare och "
            "modersmålspedagog. Alla barn lär sig att det är en tillgång att kunna flera språk."
        ),
        body=_md("""\
            ## Vår förskola
            På Förskolan Myrstacken talas tolv språk i barngruppen. Vi pedagoger kan bara
            några av dem, men vi vill att alla barn ska känna att deras språk hör hemma här.

            ## Så gör vi
            - **Språkkarta:** en karta i hallen där varje barn har sin bild vid det eller de
              språk som talas hemma.
            - **Veckans språk:** varje vecka lyfter vi fram ett språk. Vi lär oss att hälsa,
              räkna till fem och sjunga en sång på språket. Ofta kommer en förälder och läser
              eller sjunger.
            - **Böcker på flera språk:** vi lånar bilderböcker på barnens modersmål från
              biblioteket och använder digitala bilderböcker som kan läsas upp på flera språk.
            - **Modersmålspedagogen** är med i samlingen en gång i veckan och planerar
              tillsammans med oss.
            - **Ordkort:** vardagsord (*vatten, tvätta händerna, mössa*) på flera språk i
              hallen och vid toaletterna.

            ## Vad hände
            Barn som varit tysta i gruppen lyste upp när deras språk användes. De
            svensktalande barnen blev nyfikna och började själva fråga: "Hur säger man det på
            ditt språk?" Vårdnadshavarna berättar att de känner sig mer välkomna och delaktiga
            i förskolan.

            ## Tips
            Börja i liten skala – en sång och en hälsningsfras. Fråga vårdnadshavarna; de är
            ofta glada att få bidra.
            """),
        research_basis=_refs(
            "Skolverket (2013). *Flera språk i förskolan: teori och praktik*.",
            "Cummins, J. (2017). *Flerspråkiga elever: effektiv undervisning i en utmanande "
            "tid*. Natur & Kultur.",
            LPFO,
        ),
        licence="cc-by-4.0",
        core_processes=("sprak-och-kommunikation", "vardegrund"),
        school_forms=("forskola",),
        subjects=("amnesovergripande-forskola", "modersmal"),
        tags=("flerspråkighet", "modersmål", "sång", "högläsning"),
        author=LENA,
    ),
    DemoMaterial(
        kind="method",
        title="Digitala exit tickets – snabb överblick i SvA-gruppen",
        summary=(
            "Eleverna svarar på tre frågor i ett digitalt formulär i slutet av lektionen. "
            "Svaren sammanställs direkt och visar vilka ord och begrepp som behöver repeteras."
        ),
        body=_md("""\
            ## Varför digitalt
            Jag har provat exit tickets på papper men hann sällan läsa dem före nästa lektion.
            Med ett digitalt formulär ser jag en sammanställning direkt. Eleverna i min grupp
            i svenska som andraspråk i åk 9 har egna datorer, så IKT fanns redan i
            klassrummet.

            ## Upplägg
            1. Jag har en formulärmall med tre frågor som jag kopierar och ändrar inför varje
               lektion:
               - en flervalsfråga om dagens begrepp
               - en fråga där eleven skriver en mening med ett nytt ord
               - *Hur säker känner du dig på dagens innehåll?* (skala 1–4)
            2. Länken ligger på lektionssidan i lärplattformen. Eleverna svarar under de sista
               fem minuterna.
            3. Efter lektionen går jag igenom sammanställningen och väljer ut meningar att
               arbeta med nästa gång.

            ## Vad hände
            Flervalsfrågorna visade snabbt vilka begrepp som inte satt. Meningarna var ännu
            mer värdefulla: där såg jag om eleverna kunde använda ordet, inte bara känna igen
            det. Nästa lektion började ofta med några elevmeningar på tavlan (utan namn) som
            vi förbättrade tillsammans.

            ## Tips och varningar
            - Ställ in formuläret så att det inte samlar in fler personuppgifter än
              nödvändigt, och använd bara digitala verktyg som kommunen har godkänt.
            - Variera. Digitala exit tickets blir lätt rutin – ibland är en lapp eller en tumme
              upp bättre.
            """),
        research_basis=_refs(BLACK_WILIAM, WILIAM),
        licence="cc-by-4.0",
        core_processes=("ikt-i-larandet", "synligt-larande"),
        school_forms=("grundskola-7-9",),
        subjects=("svenska-som-andrasprak",),
        tags=("exit tickets", "digitala verktyg", "ikt", "formativ bedömning"),
        author=AHMED,
    ),
    DemoMaterial(
        kind="material",
        title="Bildstöd för handtvätt och toalettbesök",
        summary=(
            "Fotografier i rätt ordning som visar stegen vid handtvätt och toalettbesök. De "
            "sitter vid handfaten och hjälper barnen att klara rutinerna själva."
        ),
        body=_md("""\
            ## Varför
            Hos oss på Förskolan Ekorren finns barn som inte har svenska som modersmål, barn
            med språkstörning och barn som behöver tydlighet för att klara rutinsituationer.
            Att bara säga "tvätta händerna" räcker inte för alla. Med bildstöd klarar barnen
            mer själva, och det blir färre tillsägelser.

            ## Innehåll
            Sex fotografier från vår egen förskola, i ordning från vänster till höger:
            1. Spola vatten
            2. Ta tvål
            3. Gnugga händerna – räkna till tio
            4. Skölj
            5. Torka med papper
            6. Släng pappret

            En motsvarande serie finns för toalettbesöket.

            ## Så använder vi bilderna
            - Bilderna sitter i barnens ögonhöjd vid varje handfat.
            - Vi pekar på bilderna och säger orden samtidigt, och använder samma tecken (TAKK)
              varje gång.
            - Nya barn går igenom bilderna tillsammans med en pedagog de första dagarna.

            ## Tips
            Ta egna foton i er miljö, med era handfat och er tvål. Barnen känner igen sig, och
            bilderna blir begripliga även för de yngsta. Laminera dem – de blir blöta!
            """),
        licence="cc0-1.0",
        core_processes=("sarskilt-stod-och-utmaningar",),
        school_forms=("forskola", "anpassad-grundskola"),
        subjects=("amnesovergripande-forskola",),
        tags=("bildstöd", "rutiner", "tydliggörande pedagogik", "akk"),
        author=SARA,
    ),
    DemoMaterial(
        kind="method",
        title="Kamratrespons i engelska: två stjärnor och en önskan",
        summary=(
            "Eleverna ger varandra respons på texter med en enkel struktur: två saker som är "
            "bra och ett förslag på förbättring, kopplat till kriterierna."
        ),
        body=_md("""\
            ## Klassen
            Åk 6 på Östra skolan, engelska. Eleverna skrev korta berättelser och brev, lämnade
            in dem till mig – och läste sällan mina kommentarer.

            ## Strukturen
            - **Två stjärnor:** två saker som fungerar, med exempel ur texten: *"You use good
              linking words like 'however'."*
            - **En önskan:** ett konkret förslag: *"Can you describe the place more?"*
            - Responsen kopplas alltid till två eller tre kriterier som vi har gått igenom i
              förväg.

            ## Så övade vi
            1. Jag modellerade med en text som jag själv skrivit, med avsiktliga brister.
               Eleverna gav mig respons.
            2. Vi övade på att formulera respons vänligt och konkret och samlade fraser på
               engelska och svenska på en affisch.
            3. Eleverna bytte texter i par, skrev stjärnor och önskan på en responslapp och
               fick sedan tid att bearbeta sin text direkt på lektionen.

            ## Vad hände
            Texterna blev bättre mellan första och andra versionen, och eleverna läste
            responsen eftersom de fick använda den direkt. Att ge respons visade sig vara
            minst lika lärorikt som att få: eleverna såg lösningar i kompisens text som de
            kunde använda själva. Några elever var först osäkra på att kritisera en kompis,
            och då hjälpte fraserna på affischen.

            ## Tips
            Ge tid för bearbetning direkt efter responsen. Respons som inte används hinner
            glömmas bort.
            """),
        research_basis=_refs(BLACK_WILIAM, HATTIE_TIMPERLEY),
        licence="cc-by-4.0",
        core_processes=("synligt-larande",),
        school_forms=("grundskola-4-6",),
        subjects=("engelska",),
        tags=("kamratrespons", "formativ bedömning", "skrivande"),
        author=PETER,
    ),
    DemoMaterial(
        kind="method",
        title="Skolbutiken – vardagsmatematik i anpassad grundskola",
        summary=(
            "Eleverna driver en låtsasbutik i klassrummet där de handlar, betalar och räknar "
            "växel. Matematiken blir konkret och kopplas till det de behöver i vardagen."
        ),
        body=_md("""\
            ## Gruppen
            Sex elever i åk 4–6 i anpassad grundskola på Norrbackaskolan. Målen i matematik
            handlar bland annat om pengar, enkla räknesätt och att jämföra mängder. Eleverna
            hade svårt att se sambandet mellan uppgifterna i boken och verkligheten.

            ## Så gör vi
            - Vi har byggt en butik i klassrummet med tomma förpackningar och prislappar i
              hela kronor (1–50 kr).
            - Eleverna har olika roller: kund, kassör och lagerarbetare. Rollerna byts varje
              gång.
            - Kunden får en inköpslista med bilder och en plånbok med låtsaspengar.
            - Kassören räknar ihop och ger tillbaka växel. Den som behöver det använder
              miniräknare eller en tallinje.
            - Efteråt ritar eller skriver eleverna vad de köpte och vad det kostade.

            ## Progression
            Först handlar eleverna en vara och betalar jämnt. Sedan två varor. Sedan får de en
            budget: *Du har 50 kronor. Vad kan du köpa?* Till sist gick vi till den riktiga
            affären nära skolan och handlade till fredagsfikat.

            ## Vad hände
            Eleverna var motiverade i rolleken och frågade efter butiken varje dag. En elev
            som tidigare inte ville räkna alls blev vår bästa kassör. Besöket i den riktiga
            affären visade att flera nu klarade att betala själva – ett viktigt steg mot
            självständighet.
            """),
        research_basis=_refs("Skolverket: kursplanen i matematik för anpassade grundskolan."),
        licence="cc-by-4.0",
        core_processes=("sarskilt-stod-och-utmaningar",),
        school_forms=("anpassad-grundskola",),
        subjects=("matematik", "hem-och-konsumentkunskap"),
        tags=("vardagsmatematik", "pengar", "rollek", "anpassad grundskola"),
        author=EMMA,
    ),
    DemoMaterial(
        kind="material",
        title="Skrivmall för faktatext om ett djur – åk 2–3",
        summary=(
            "En skrivmall med stödfrågor, ordbank och meningsstartare som hjälper eleverna att "
            "skriva en faktatext om ett djur. Finns som pdf och som redigerbar Word-fil."
        ),
        body=_md("""\
            ## Till vem
            Mallen är gjord för elever i åk 2–3 som behöver stöd för att komma igång med att
            skriva, bland annat elever som läser svenska som andraspråk och elever med
            skrivsvårigheter. Vi använder den på Östra skolan i alla klasser som skriver
            faktatexter om djur.

            ## Vad mallen innehåller
            - **Rubrik och inledning:** *Det här är en text om ...*
            - **Rutor för varje stycke:** utseende, var djuret lever, vad det äter och hur
              ungarna föds och växer upp.
            - **Ordbank** med ämnesord för varje stycke, till exempel *päls, fjäll, rovdjur,
              växtätare, bo, lya*.
            - **Meningsstartare:** *Den lever i ... Den äter mest ... Ungarna ...*
            - **Checklista** för eleven: Har jag en rubrik? Börjar meningarna med stor
              bokstav? Har jag använt ord från ordbanken?

            ## Så använder vi den
            Vi börjar alltid med att läsa och studera en faktatext tillsammans och skriva en
            gemensam text om ett annat djur. Först därefter får eleverna mallen. Elever som
            inte behöver den skriver på linjerat papper med bara checklistan.

            ## Anpassa
            Word-filen går att ändra: byt djur mot växter, länder eller planeter och lägg in
            bilder som passar er klass. Mallen är ett stöd som ska tas bort när eleven inte
            längre behöver det.
            """),
        licence="cc-by-sa-4.0",
        core_processes=("sprak-och-kommunikation",),
        school_forms=("grundskola-1-3",),
        subjects=("svenska", "svenska-som-andrasprak"),
        tags=("faktatext", "skrivstöd", "genrepedagogik", "svenska som andraspråk"),
        author=PETER,
        files=(
            _pdf("Skrivmall faktatext åk 3.pdf", "Faktatext om ett djur", *SKRIVMALL_DJUR),
            _docx(
                "Skrivmall faktatext (redigerbar).docx",
                "Faktatext om ett djur",
                *(line for line in SKRIVMALL_DJUR if line),
            ),
        ),
    ),
    DemoMaterial(
        kind="method",
        title="TAKK i barngruppen – tecken som stöd för språket",
        summary=(
            "Alla pedagoger på avdelningen använder tecken som alternativ och kompletterande "
            "kommunikation (TAKK) i samlingen och i vardagen. Det hjälper barn med "
            "språkstörning och barn som lär sig svenska."
        ),
        body=_md("""\
            ## Varför TAKK
            På vår avdelning har flera barn en försenad språkutveckling, och många barn är nya
            i svenska. När vi tecknar nyckelorden samtidigt som vi talar får barnen ett stöd
            till: de ser ordet, inte bara hör det. TAKK ersätter inte talet, utan förstärker
            det.

            ## Så kom vi igång
            - Hela arbetslaget gick en kort introduktion. Sedan bestämde vi oss för fem nya
              tecken i veckan.
            - Veckans tecken sitter på väggen, med foto på en pedagog som gör tecknet.
            - Vi tecknar i samlingen, vid maten och vid på- och avklädning – de situationer
              som återkommer varje dag.
            - Vi lär vårdnadshavarna tecknen genom korta filmer som vi delar i förskolans app.

            ## Vad hände
            Efter en termin använde barnen själva tecknen, särskilt *mer, klar, hjälp, vänta*
            och *sluta*. Ett barn som knappt sa något på svenska kunde nu be om hjälp med
            tecken, och snart också med ord. Vi märkte att även vi pedagoger pratade
            långsammare och tydligare.

            ## Tips
            - Börja med tecken för ord som barnen behöver varje dag.
            - Alla vuxna måste vara med – annars blir det förvirrande för barnen.
            - Teckna till sångerna. Det är roligt, och barnen lär sig snabbt.
            """),
        research_basis=_refs(
            "Specialpedagogiska skolmyndigheten (SPSM): om alternativ och kompletterande "
            "kommunikation (AKK), spsm.se.",
            LPFO,
        ),
        licence="cc-by-4.0",
        core_processes=("sprak-och-kommunikation", "sarskilt-stod-och-utmaningar"),
        school_forms=("forskola", "anpassad-grundskola"),
        subjects=("amnesovergripande-forskola",),
        tags=("takk", "akk", "tecken", "språkutveckling"),
        author=SARA,
    ),
    DemoMaterial(
        kind="material",
        title="Samtalskort om vänskap och känslor",
        summary=(
            "Samtalskort med frågor och dilemman om vänskap, utanförskap och känslor. Vi "
            "använder dem på mentorstiden och på fritids för att arbeta med värdegrunden."
        ),
        body=_md("""\
            ## Vad det är
            Korten är indelade i fyra färger:
            - **Gröna – känslor:** *När blev du senast riktigt glad? Hur märks det på en kompis
              att hen är ledsen?*
            - **Gula – vänskap:** *Vad är en bra kompis? Kan man ha flera bästa vänner?*
            - **Röda – dilemman:** *Din kompis vill inte att du leker med en ny elev. Vad gör
              du?*
            - **Blå – på nätet:** *Någon har lagt ut en bild på dig som du inte gillar. Vad kan
              du göra?*

            ## Så använder vi korten
            I åk 4–6 på Björkängsskolan drar vi ett kort i början av mentorstiden en gång i
            veckan. Eleverna samtalar i grupper om fyra med en samtalsledare, och sedan delar
            några grupper med sig till klassen. Vi är noga med regeln att man pratar om hur
            man *gör*, inte om namngivna personer i klassen. Fritids använder samma kort i
            mindre grupper på eftermiddagen.

            ## Erfarenheter
            De röda dilemmakorten ger de bästa samtalen. Eleverna är ofta oense, och det är
            just det som är poängen: de får höra andras skäl och pröva sina egna. Efter ett
            samtal om utanförskap kom två elever och berättade om något som hänt på rasten –
            korten gav dem ett sätt att ta upp det.

            ## Tips
            Skriv ut korten på färgat papper och laminera dem. Lägg gärna till egna kort
            utifrån det som händer i er grupp; filen går att redigera.
            """),
        licence="cc-by-nc-4.0",
        core_processes=("vardegrund",),
        school_forms=("grundskola-4-6", "fritidshem"),
        subjects=("religionskunskap",),
        tags=("värdegrund", "vänskap", "känslor", "samtalskort"),
        author=ANNA,
        files=(
            _docx(
                "Samtalskort om vänskap.docx",
                "Samtalskort om vänskap och känslor",
                "Skriv ut korten på färgat papper: grönt för känslor, gult för vänskap, rött "
                "för dilemman och blått för nätet. Regel: vi pratar om hur man gör, inte om "
                "namngivna personer.",
                "Grönt – känslor: När blev du senast riktigt glad?",
                "Grönt – känslor: Hur märks det på en kompis att hen är ledsen?",
                "Grönt – känslor: Vad gör du när du blir arg?",
                "Gult – vänskap: Vad är en bra kompis?",
                "Gult – vänskap: Kan man ha flera bästa vänner?",
                "Gult – vänskap: Hur blir man kompis med någon som är ny?",
                "Rött – dilemma: Din kompis vill inte att du leker med en ny elev. Vad gör du?",
                "Rött – dilemma: Någon fuskar i en lek på rasten. Vad säger du?",
                "Blått – på nätet: Någon har lagt ut en bild på dig som du inte gillar. Vad kan "
                "du göra?",
                "Blått – på nätet: Du ser att en klasskompis blir hånad i en gruppchatt. Vad "
                "gör du?",
            ),
        ),
    ),
    DemoMaterial(
        kind="method",
        title="Bråkräkning med pappersremsor",
        summary=(
            "Eleverna viker och klipper egna bråkremsor och använder dem för att jämföra och "
            "addera bråk, innan vi går över till att räkna med symboler."
        ),
        body=_md("""\
            ## Varför
            Många elever i åk 6 kan räkna med bråk enligt en regel men har ingen bild av hur
            stor en tredjedel faktiskt är. Med egna remsor blir bråken något man kan hålla i.

            ## Material
            - A4-papper i fem färger, skuret i remsor (ungefär 4 × 29 cm)
            - sax, penna och ett kuvert att spara remsorna i

            ## Genomförande
            1. Alla får en hel remsa, "1 helhet", som de skriver på.
            2. Nästa remsa viks på mitten: halvor. Sedan fjärdedelar och åttondelar.
               Tredjedelar och sjättedelar är svårare att vika – låt eleverna pröva och
               diskutera hur man får delarna lika stora.
            3. Eleverna lägger remsorna under varandra, en "bråkvägg", och svarar på frågor:
               *Hur många sjättedelar är en halv? Vilket är störst av 2/3 och 3/4?*
            4. Först när de kan visa med remsorna skriver vi additionen med symboler, till
               exempel 1/2 + 1/4 = 3/4.

            ## Erfarenheter
            Elever i behov av särskilt stöd fick något konkret att gå tillbaka till, och flera
            av dem använde remsorna ända fram till provet. De elever som snabbt var klara fick
            i uppgift att hitta alla sätt att lägga en helhet med tre olika sorters bitar – det
            blev en riktig utmaning.

            ## Tips
            Spara remsorna i ett kuvert med namn på. Vi använde dem igen när vi arbetade med
            procent och decimaltal.
            """),
        research_basis=_refs(
            "Kilpatrick, J., Swafford, J. & Findell, B. (red.) (2001). *Adding It Up: Helping "
            "Children Learn Mathematics*. National Academy Press.",
            "Skolverket: Matematiklyftet, moduler på Lärportalen för matematik.",
        ),
        licence="cc-by-4.0",
        core_processes=("synligt-larande", "sarskilt-stod-och-utmaningar"),
        school_forms=("grundskola-4-6",),
        subjects=("matematik",),
        tags=("bråkräkning", "laborativ matematik", "konkret material", "bråk"),
        author=JOHAN,
        files=(_photo("Bråkremsor på bänken.jpg", "Bråkväggen i åk 6"),),
    ),
    DemoMaterial(
        kind="method",
        title="Eleverna gör poddar om sin läsning",
        summary=(
            "I stället för en skriftlig bokrecension spelar eleverna i åk 8 in ett poddavsnitt "
            "i par. Det tränar muntlig framställning, samtal om litteratur och digitala verktyg."
        ),
        body=_md("""\
            ## Upplägget
            I svenska i åk 8 på Sjöviksskolan läste eleverna en valfri ungdomsroman.
            Redovisningen blev ett poddavsnitt på 8–10 minuter, inspelat i par där båda hade
            läst samma bok.

            ## Arbetsgång
            1. **Lyssna och analysera.** Vi lyssnade på utdrag ur riktiga bokpoddar och
               listade vad som gör ett avsnitt bra: en inledning, tydliga frågor, att man
               låter varandra tala till punkt och ger exempel ur boken.
            2. **Stolpmanus.** Paren skrev stolpar, inte ett ordagrant manus. Frågor att utgå
               från: *Vad handlar boken om? Vilken person förändras mest? Vilket tema tar boken
               upp? Vem skulle du rekommendera den till?*
            3. **Inspelning** med datorns eller lärplattans inspelningsfunktion, i grupprum
               och på skolbiblioteket. Eleverna fick spela in igen tills de var nöjda.
            4. **Lyssning och respons.** Varje par lyssnade på ett annat pars avsnitt och gav
               respons utifrån betygskriterierna för muntlig framställning och samtal.

            ## Vad hände
            Elever som aldrig säger något i helklass gjorde några av de bästa avsnitten.
            Eleverna som läser svenska som andraspråk fick öva uttal, lyssna på sig själva och
            göra om. Samtalen om böckerna blev djupare än recensionerna brukar bli, eftersom
            paren ställde följdfrågor till varandra.

            ## Tänk på
            - Ljudfilerna är elevarbeten. Spara dem där skolan har godkänt det, och publicera
              inget utanför skolan utan samtycke.
            - Grupprummen är guld värda – boka i förväg.
            """),
        research_basis=_refs(
            "Chambers, A. *Böcker inom oss: om boksamtal* (originalets titel *Tell Me: "
            "Children, Reading and Talk*).",
            "Skolverket: kursplanen i svenska, Lgr22 – tala, lyssna och samtala.",
        ),
        licence="cc-by-4.0",
        core_processes=("ikt-i-larandet", "sprak-och-kommunikation"),
        school_forms=("grundskola-7-9",),
        subjects=("svenska",),
        tags=("podd", "digitala verktyg", "muntlig framställning", "boksamtal", "ikt"),
        author=AHMED,
    ),
    DemoMaterial(
        kind="method",
        title="Stämmer det? Källkritik i NO med påståenden från nätet",
        summary=(
            "Eleverna granskar påståenden om hälsa och naturvetenskap som sprids i sociala "
            "medier. De lär sig söka, jämföra källor och motivera om ett påstående är trovärdigt."
        ),
        body=_md("""\
            ## Bakgrund
            Mina elever i åk 8 på Västerslättsskolan får mycket av sin information från
            sociala medier. När vi arbetade med kropp och hälsa kom de med påståenden som
            "socker gör barn hyperaktiva" och "man förlorar mest värme genom huvudet". Det
            blev starten på ett arbetsområde om källkritik.

            ## Lektionsserien (fyra lektioner)
            1. **Samla påståenden.** Eleverna tar med påståenden de har sett på nätet. Vi
               väljer ut tio som går att undersöka.
            2. **Verktygslådan.** Vi går igenom frågorna *Vem står bakom? Varför publiceras
               det? När? Finns det andra källor som säger samma sak?* Vi övar på att söka
               efter ursprunget till en bild och på att läsa "i sidled", det vill säga öppna
               nya flikar och kolla avsändaren.
            3. **Granska i par.** Varje par undersöker ett påstående och fyller i en
               granskningsmall med minst tre källor.
            4. **Redovisa.** Paren presenterar kort för klassen: trovärdigt, inte trovärdigt
               eller "det är mer komplicerat".

            ## Vad hände
            Eleverna blev förvånade över hur svårt det kan vara att ta reda på vem som står
            bakom en sida. Flera påståenden visade sig vara delvis sanna, vilket gav bra
            diskussioner om att naturvetenskap sällan ger enkla svar. Källkritik blev en del
            av NO och inte något som bara hör till svenskan.

            ## Tips
            Välj påståenden som eleverna själva bryr sig om. Mer om digital kompetens och
            källkritik finns hos [Skolverket](https://www.skolverket.se/).
            """),
        research_basis=_refs(
            DIGITALISERING,
            "Wineburg, S. & McGrew, S. (2019). Lateral reading and the nature of expertise: "
            "Reading less and learning more when evaluating digital information. *Teachers "
            "College Record*, 121(11).",
        ),
        licence="cc-by-4.0",
        core_processes=("ikt-i-larandet", "vardegrund"),
        school_forms=("grundskola-7-9",),
        subjects=("biologi",),
        tags=("källkritik", "digitala verktyg", "ikt", "sociala medier"),
        author=JOHAN,
    ),
    DemoMaterial(
        kind="method",
        title="Dialogisk läsning – högläsning där barnen berättar",
        summary=(
            "Vid högläsningen ställer vi frågor som får barnen att berätta, och bygger vidare "
            "på det de säger. Barnen blir medberättare i stället för åhörare."
        ),
        body=_md("""\
            ## Bakgrund
            Vi läser högt varje dag på Förskolan Lärkan, men vi märkte att det mest var vi
            vuxna som pratade. Barnen satt tysta – eller tappade intresset. Vi ville att
            lässtunden skulle bli mer av ett samtal.

            ## Så gör vi
            Vi läser i små grupper om tre till fem barn, och samma bok flera gånger under en
            vecka. Första gången läser vi mest själva. Sedan tar barnen över berättandet mer
            och mer.

            Vi använder frågor som får barnen att prata:
            - **Öppna frågor:** *Vad händer här?*
            - **Vem, vad och var:** *Vad heter den här?* (och vi pekar)
            - **Frågor som knyter an till barnens liv:** *Har du också varit rädd för mörkret?*
            - **Fylla i:** vi gör en paus i en mening som barnen kan: *Och så blåste vargen
              ...*

            När ett barn svarar bekräftar vi och bygger ut. Barnet säger "hund", och vi säger:
            "Ja, en stor brun hund som springer!"

            ## Vad hände
            Barnen började prata mycket mer under läsningen, och ord från böckerna dök upp i
            leken. Barn som är nya i svenska fick höra samma ord många gånger i ett
            sammanhang som de förstod. Vi pedagoger blev bättre på att vänta in svaren.

            ## Tips
            Välj böcker med tydliga bilder och en handling som går att prata om. Läs samma bok
            många gånger – det är då barnen vågar ta över.
            """),
        research_basis=_refs(
            "Whitehurst, G. J. m.fl. (1988). Accelerating language development through "
            "picture book reading. *Developmental Psychology*, 24(4), 552–559.",
            LPFO,
        ),
        licence="cc-by-4.0",
        core_processes=("sprak-och-kommunikation",),
        school_forms=("forskola",),
        subjects=("amnesovergripande-forskola",),
        tags=("högläsning", "dialogisk läsning", "språkutveckling", "bilderböcker"),
        author=FATIMA,
    ),
]

# ---------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------


def render_file(file: DemoFile, seed: int) -> bytes:
    """The bytes of a demo file; `seed` varies the photos."""
    if file.kind == "pdf":
        return make_pdf(file.heading, file.lines)
    if file.kind == "docx":
        return make_docx(file.heading, file.lines)
    if file.kind == "photo":
        return make_photo(seed, file.heading)
    raise ValueError(f"unknown demo file kind {file.kind!r}")


# ---------------------------------------------------------------------------------------
# Seeding
# ---------------------------------------------------------------------------------------

#: Published dates are spread over this many days back from the day of seeding.
SPREAD_DAYS = 120


def ensure_demo_authors() -> dict[str, User]:
    """Create the DEMO_AUTHORS that are missing (after seed_demo_accounts made the units).

    Returns every demo account, those of share/demo/accounts.py included, by e-mail.
    Flushes only."""
    for email, name, unit_name in DEMO_AUTHORS:
        if db.session.execute(select(User.id).where(User.email == email)).first():
            continue
        unit = db.session.execute(select(Unit).where(Unit.name == unit_name)).scalar_one()
        create_user(
            email=email, name=name, password=DEMO_PASSWORD, unit_id=unit.id, role=Role.TEACHER
        )
    emails = [row[0] for row in ACCOUNTS] + [row[0] for row in DEMO_AUTHORS]
    users = db.session.execute(select(User).where(User.email.in_(emails))).scalars()
    return {user.email: user for user in users}


def _published_at(now: datetime, index: int) -> datetime:
    """A date in the last SPREAD_DAYS days, in working hours; a fixed shuffle of the list,
    so that neighbouring items (often on the same theme) land weeks apart."""
    count = len(DEMO_MATERIALS)
    # A step coprime with the count visits every slot exactly once.
    step = next(s for s in range(7, count + 8) if math.gcd(s, count) == 1)
    slot = (index * step) % count
    days = 2 + slot * (SPREAD_DAYS - 4) // max(count - 1, 1)
    moment = now.replace(hour=6, minute=0, second=0, microsecond=0) - timedelta(days=days)
    return moment + timedelta(hours=index % 9, minutes=(index * 17) % 60)


def term_ids() -> dict[str, dict[str, int]]:
    """Vocabulary key → slug → term id, for `draft_of`."""
    return {
        v.key: dict(db.session.execute(select(v.model.slug, v.model.id)).all())
        for v in MATERIAL_VOCABULARIES
    }


def draft_of(item: DemoMaterial, ids: dict | None = None) -> MaterialDraft:
    """The share form's content of a demo item; `ids` from `term_ids`, read if not given."""
    ids = ids or term_ids()
    return MaterialDraft(
        kind=MaterialKind(item.kind),
        title=item.title,
        summary=item.summary,
        licence=Licence(item.licence),
        body=item.body,
        research_basis=item.research_basis,
        terms={
            vocabulary.key: [ids[vocabulary.key][s] for s in getattr(item, vocabulary.relation)]
            for vocabulary in MATERIAL_VOCABULARIES
        },
        tags=list(item.tags),
    )


def _uploads(item: DemoMaterial) -> list[Upload]:
    uploads = []
    for file in item.files:
        seed = zlib.crc32(f"{item.title}/{file.name}".encode())
        uploads.append(Upload(io.BytesIO(render_file(file, seed)), file.name))
    return uploads


def _backdate(material: Material, published_at: datetime) -> None:
    """Move the material's timestamps back, as if it had been written then."""
    created_at = published_at - timedelta(minutes=25)
    material.created_at = created_at
    material.published_at = material.updated_at = published_at
    for attachment in material.attachments:
        attachment.created_at = created_at
    for revision in material.revisions:
        revision.created_at = published_at


def seed_demo_materials(accounts_by_email: dict[str, User]) -> int:
    """Publish the demo materials not there yet and return how many were made. Each is
    keyed by its title here (`Material.demo_key`), so one renamed on the site is still there.

    `accounts_by_email` must hold the author of every missing item (see
    `ensure_demo_authors`). Flushes only; the caller commits.
    """
    seeded = seeded_keys({item.title: item.author for item in DEMO_MATERIALS})
    missing = [
        (index, item) for index, item in enumerate(DEMO_MATERIALS) if item.title not in seeded
    ]
    unknown = sorted({item.author for _, item in missing} - set(accounts_by_email))
    if unknown:
        raise ValueError(f"No account for demo author(s): {', '.join(unknown)}")
    ids = term_ids()
    now = utcnow()
    for index, item in missing:
        material = create_material(
            accounts_by_email[item.author],
            draft_of(item, ids),
            publish=True,
            uploads=_uploads(item),
        )
        material.demo_key = item.title
        _backdate(material, _published_at(now, index))
    db.session.flush()
    return len(missing)
