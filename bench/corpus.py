"""A deterministic generator of realistic Swedish materials for the search benchmark.

Nothing is downloaded: the words are made here from Swedish stems inflected by their
declension or conjugation (lek, leken, lekar, lekarna, leks …), compounds of a first part and
a head noun (läsförståelse, bråkräkning; some of three parts), function words, numbers and
names, and an occasional typo. Lemmas are ranked so that word frequencies follow a
Zipf-Mandelbrot law; each material also leans on one or two themes (preschool, maths,
reading …) and a few topic words of its own, so that words cluster in documents the way
they do in real text. A material carries about 8 KB of text on average, most of it in
attached files, whose sizes have a long tail.

Material `n` is the same for a given seed whatever the corpus size: the 10k corpus is the
first 10k materials of the 100k one. `store` puts them into Dela's database.
"""

import math
import random
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate, chain

SEED = 7
#: The demo account whose password the generated authors share (they never sign in).
EMAIL = "larare@kommun.example"
BATCH = 500


def _split(text: str) -> list[str]:
    return text.split()


def _phrases(text: str) -> list[str]:
    return [part.strip() for part in text.split("|")]


def _lines(text: str) -> list[list[str]]:
    return [line.split() for line in text.replace("\n", " ").split("|") if line.strip()]


# Function words, most common first; with numbers and names, every other word of a text.
FUNCTION_WORDS = """och i att det som en på är av för med till den har de inte om ett vi kan man
så eller men när sig ska från alla hur vad också efter under mer sedan där genom varje både
deras sina sin dem oss vår våra detta dessa hade blir finns får kunde skulle själv mycket
några många andra olika samma än utan mellan inom över innan därför dock bland kring mot nu
här då ofta alltid tillsammans redan egna hela även bara mest först sist igen bra"""
NUMBERS_AND_NAMES = """åk 1 2 3 4 5 6 7 8 9 10 12 15 20 30 45 60 90 2023 2024 2025 Lgr22 Lpfö18
Skolverket Hattie Vygotskij Bruner Dewey Wiliam Gibbons Lundahl Skolinspektionen SPSM"""

# Nouns by declension: -a/-or, -ar, -er, -are (lärare), neuter -t/-n, neuter -et/∅.
NOUNS = {
    "or": """skola förskola fråga lista tavla sida penna vecka flicka människa karta saga ramsa
gåta läxa lärplatta skala kula låda hylla förmåga klocka stjärna känsla vana hälsa siffra""",
    "ar": """lek dag stol väg timme pojke läsning skrivning räkning planering bedömning
utveckling övning träning anpassning utvärdering förändring återkoppling undervisning lösning
tanke stund kropp ram dörr samling pärm kväll skog sjö stig bil båt lapp burk hink spade
tärning hälsning pinne mall ordning inlämning genomgång handledning fortbildning inkludering
föreställning teckning målning tävling kulram hund katt häst uppfattning formulering
skattning programmering behandling""",
    "er": """elev metod lektion reflektion strategi kategori teori modell färdighet trygghet
kunskap process resurs situation diskussion aktivitet text bild gemenskap uppgift tid
möjlighet händelse förståelse upplevelse berättelse rörelse miljö rutin kompetens matris
dokumentation kommunikation motivation delaktighet erfarenhet tabell årskurs klass kamrat
rektor pedagog dator familj respons ansats analys idé grund kritik pedagogik didaktik teknik
figur symbol relation konflikt frukt växt insekt säsong station grupp period enhet skillnad
likhet mångfald demokrati hållbarhet jämställdhet tillgänglighet kvalitet identitet tradition
linje form plan vetenskap struktur tydlighet koncentration geometri film dans sång rast""",
    "are": "lärare förskollärare ledare deltagare författare användare berättare läsare",
    "n": """område arbete ställe intresse lärande inflytande beteende förhållande bemötande
tema ämne syfte schema utbyte tillfälle meddelande kunnande""",
    "0": """barn ord mål stöd material spel samtal projekt resultat innehåll ansvar underlag
uppdrag verktyg språk tal djur träd år hus kort bord ljud ljus test moment system förslag
begrepp sammanhang föremål nätverk intryck uttryck ramverk samspel krav experiment
bibliotek förråd bråk""",
}
IRREGULAR_NOUNS = """bok boken böcker böckerna|rum rummet rum rummen|hem hemmet hem hemmen
|hand handen händer händerna|vän vännen vänner vännerna|gång gången gånger gångerna
|exempel exemplet exempel exemplen|regel regeln regler reglerna|land landet länder länderna
|förälder föräldern föräldrar föräldrarna|mönster mönstret mönster mönstren
|program programmet program programmen|matematik matematiken|svenska svenskan
|engelska engelskan|musik musiken|slöjd slöjden|idrott idrotten|historia historien
|biologi biologin|kemi kemin|fysik fysiken|nummer numret nummer numren
|teater teatern teatrar teatrarna|cykel cykeln cyklar cyklarna|vatten vattnet
|sommar sommaren somrar somrarna|vinter vintern vintrar vintrarna|stad staden städer städerna
|bokstav bokstaven bokstäver bokstäverna|drama dramat"""
NOUN_FORM_WEIGHTS = (0.34, 0.22, 0.2, 0.12)
GENITIVE_WEIGHT = 0.03

VERBS = {
    # -ar verbs: arbeta, arbetar, arbetade, arbetat, arbetas, arbetande.
    "1": """arbeta planera diskutera reflektera samarbeta utvärdera dokumentera presentera
organisera fundera prata lyssna titta svara berätta förklara visa samtala öva träna skapa
räkna rita måla dansa spela testa formulera analysera utveckla motivera inspirera variera
anpassa hitta samla sortera observera kommunicera inkludera differentiera modellera tolka
granska stötta utmana uppmuntra prova bearbeta sammanfatta illustrera dramatisera filma
fotografera programmera koda rimma klappa klättra balansera konstruera kategorisera
strukturera markera citera argumentera resonera ändra träffa öka""",
    # -er verbs: läsa, läser, läste, läst, läses, läsande.
    "2": """läsa leka bygga använda följa lära bedöma undersöka mäta höra behöva känna tänka
söka köpa hjälpa ställa märka uppleva beröra stärka tycka glömma""",
}
IRREGULAR_VERBS = """skriva skriver skrev skrivit skrivs|sjunga sjunger sjöng sjungit
|ta tar tog tagit tas|ge ger gav gett ges|gå går gick gått|se ser såg sett ses
|göra gör gjorde gjort görs|välja väljer valde valt väljs|sätta sätter satte satt sätts
|komma kommer kom kommit|förstå förstår förstod förstått|beskriva beskriver beskrev beskrivit
|springa springer sprang sprungit|stödja stödjer stödde stött stöds
|jämföra jämför jämförde jämfört jämförs|dra drar drog dragit|sitta sitter satt suttit
|hålla håller höll hållit hålls|ligga ligger låg legat|stå står stod stått
|synliggöra synliggör synliggjorde synliggjort synliggörs|lägga lägger lade lagt läggs
|säga säger sa sagt sägs|kartlägga kartlägger kartlade kartlagt kartläggs"""
VERB_FORM_WEIGHTS = (0.3, 0.3, 0.15, 0.12, 0.08, 0.05)

ADJECTIVES = {
    # tydlig, tydligt, tydliga, tydligare, tydligast
    "cmp": """tydlig viktig rolig möjlig svår stark trygg modig muntlig skriftlig konkret
abstrakt tillgänglig språklig digital social kreativ aktiv formell informell visuell
individuell kollegial lugn tyst snabb lätt hög låg kort varm kall intressant""",
    # matematisk, matematiskt, matematiska
    "isk": """matematisk praktisk pedagogisk didaktisk teoretisk kritisk logisk fysisk
estetisk systematisk formativ summativ naturvetenskaplig""",
    # strukturerad, strukturerat, strukturerade
    "ad": "strukturerad varierad anpassad planerad genomförd",
}
IRREGULAR_ADJECTIVES = """enkel enkelt enkla enklare enklast|ny nytt nya nyare nyast
|glad glatt glada gladare|liten litet lilla små mindre minst|stor stort stora större störst
|god gott goda bättre bäst|gammal gammalt gamla äldre äldst|lång långt långa längre längst
|ung ungt unga yngre yngst|öppen öppet öppna|nyfiken nyfiket nyfikna
|långsam långsamt långsamma långsammare|gemensam gemensamt gemensamma|fri fritt fria friare
|genomtänkt genomtänkta|inkluderande|utmanande|spännande|lekfull lekfullt lekfulla"""

# First parts of compounds, linking letters included (lärar-, bedömnings-).
FIRST_PARTS = """läs skriv språk matematik matte bråk tal elev lärar barn förskole skol grupp
klass bild ord text hem natur utomhus rörelse musik lek samtal värde kunskaps lärande
bedömnings planerings studie arbets kamrat kvalitets utvecklings undervisnings modersmåls
fritids rast mat idrotts teknik programmerings källkritik hållbarhets demokrati
jämställdhets likabehandlings trygghets stöd anpassnings begrepps problem räkne mönster form
mät geometri statistik saga högläsnings bok biblioteks film ljud skärm dator app webb
nätverks kollegie handlednings mentors föräldra hälso elevhälso special resurs fokus ämnes
tema projekt ute skog vatten djur växt kropps känslo konflikt relations kommunikations dans
drama teater sång rim bokstavs tangentbords vardags samhälls historie religions kemi fysik
biologi geografi engelsk svensk lärplatte surfplatte ordförråds lektions par själv tecken
samlings värdegrunds huvud betygs"""
# Compounds that real texts use often; a head must be a noun above.
COMMON_COMPOUNDS = """läs|förståelse bråk|räkning språk|utveckling problem|lösning
hög|läsning andra|språk lärande|mål kamrat|respons elev|inflytande skol|bibliotek
ord|förråd bild|stöd utomhus|pedagogik käll|kritik lika|behandling värde|grund fritids|hem
förskole|klass moders|mål samhälls|kunskap matematik|undervisning läs|strategi
skriv|process elev|hälsa lär|miljö lek|miljö samlings|stund tal|uppfattning
huvud|räkning special|pedagog resurs|pedagog utvecklings|samtal ämnes|planering
lektions|planering grupp|arbete par|arbete kamrat|bedömning själv|skattning
rast|aktivitet tecken|språk läs|utveckling skriv|utveckling tal|linje
programmerings|uppgift natur|vetenskap hållbarhets|arbete värdegrunds|arbete
likabehandlings|plan trygghets|arbete kunskaps|krav"""

# The most common content words of school texts, most common first.
GENERAL = """elev barn lärare arbeta använda grupp undervisning skola arbete uppgift lärande
tid göra lektion material metod fråga stöd utveckling mål tydlig viktig klass text samtal ord
bild kunskap förmåga planering syfte exempel ge visa tänka förskola område ny"""
# Themes: a material leans on one or two; their words come next in the ranking.
THEMES = {
    "förskola": """lek leka förskollärare saga ramsa sjunga rörelse utomhuspedagogik skog samling
förskoleklass lärplatta bygga rita måla djur lekmiljö""",
    "läsa och skriva": """läsa läsning skriva läsförståelse högläsning bok ordförråd
berättelse skrivprocess lässtrategi bokstav skolbibliotek författare läsare""",
    "matematik": """matematik bråk bråkräkning problemlösning tal räkna räkning mäta geometri
taluppfattning huvudräkning tallinje kulram tärning mönster tabell figur matematisk""",
    "språk": """språk andraspråk modersmål svenska engelska språkutveckling begrepp
teckenspråk kommunikation samtala berätta""",
    "digitalt": """digital dator programmera programmering källkritik verktyg film
programmeringsuppgift koda""",
    "värdegrund": """värdegrund likabehandling trygghet demokrati jämställdhet konflikt relation
känsla mångfald delaktighet inflytande elevinflytande""",
    "stöd": """anpassning bildstöd specialpedagog struktur rutin stödja resurs tillgänglighet
tydlighet elevhälsa koncentration strukturerad""",
    "synligt lärande": """bedömning återkoppling kamratrespons lärandemål matris formativ
reflektion utvärdering självskattning kamratbedömning utvecklingssamtal kvalitet analys""",
    "natur": """naturvetenskap experiment undersöka växt insekt hållbarhet vatten biologi kemi
fysik säsong""",
    "estetiska": "musik dans drama teater sång slöjd idrott",
    "fritidshem": "fritidshem rast rastaktivitet spel tävling",
}
THEME_NAMES = list(THEMES)
THEME_WEIGHTS = (10, 9, 8, 6, 5, 5, 5, 5, 4, 3, 3)
THEME_SUBJECTS = {
    "förskola": ["amnesovergripande-forskola"],
    "läsa och skriva": ["svenska"],
    "matematik": ["matematik"],
    "språk": ["svenska-som-andrasprak", "engelska", "modersmal", "svenska"],
    "digitalt": ["teknik"],
    "natur": ["biologi", "fysik", "kemi"],
    "estetiska": ["bild", "musik", "slojd", "idrott-och-halsa"],
}

HEADINGS = _phrases("""Syfte|Bakgrund|Genomförande|Så gick det|Tips|Material som behövs|Utvärdering
|Koppling till läroplanen|Anpassningar|Förberedelser|Reflektion|Nästa steg""")
PUBLISHERS = _phrases("Natur & Kultur|Studentlitteratur|Gleerups|Liber|Skolverket|Lärarförlaget")
FIRST_NAMES = _split("""Anna Erik Maria Johan Sara Karin Lars Emma Oskar Fatima Ali Mohammed Elin
Linnea Ahmed Sofia Per Lena Jonas Amira Hanna Mikael Ida Peter Nora Yusuf Eva Anders Maja Leyla""")
SURNAMES = _split("""Lindqvist Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson
Svensson Gustafsson Pettersson Jonsson Hansson Bengtsson Ek Berg Lund Holm Sandberg Yilmaz
Hassan Nguyen Öberg Åberg Ström Wikström Lindgren""")
SCHOOL_YEARS = ["i förskolan", "i åk 1–3", "i åk 4–6", "i åk 7–9", "på fritidshemmet",
                "i förskoleklass", "i anpassad grundskola"]  # fmt: skip

CORE_PROCESSES = {
    "sprak-och-kommunikation": 30,
    "synligt-larande": 25,
    "ikt-i-larandet": 15,
    "vardegrund": 15,
    "sarskilt-stod-och-utmaningar": 15,
}
SCHOOL_FORMS = ["forskola", "forskoleklass", "grundskola-1-3", "grundskola-4-6",
                "grundskola-7-9", "anpassad-grundskola", "fritidshem"]  # fmt: skip
SUBJECTS = {
    "svenska": 20, "matematik": 18, "engelska": 8, "svenska-som-andrasprak": 7, "biologi": 5,
    "bild": 5, "musik": 4, "idrott-och-halsa": 4, "teknik": 4, "historia": 3, "samhallskunskap": 3,
    "fysik": 2, "kemi": 2, "geografi": 2, "religionskunskap": 2, "slojd": 2, "modersmal": 2,
    "moderna-sprak": 2, "hem-och-konsumentkunskap": 1, "teckensprak": 1,
    "amnesovergripande-forskola": 3,
}  # fmt: skip
LICENCES = {"cc-by-4.0": 45, "cc-by-sa-4.0": 15, "cc-by-nc-4.0": 10, "cc0-1.0": 5,
            "municipality-only": 25}  # fmt: skip
# (file type, MIME type, extension, weight); images carry no text.
FILE_TYPES = [
    ("pdf", "application/pdf", "pdf", 50),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", 25),
    ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx",
     10),
    ("jpeg", "image/jpeg", "jpg", 10),
    ("png", "image/png", "png", 5),
]  # fmt: skip

# Sizes in characters. Attached text is lognormal with a heavy tail, capped at 1 MB.
BODY_MEDIAN, BODY_SIGMA, BODY_MAX = 1_500, 0.7, 45_000
FILE_MEDIAN, FILE_SIGMA, FILE_MAX = 2_100, 1.4, 1_000_000
THEME_SHARE, TOPIC_SHARE = 0.25, 0.10  # of content tokens; the rest follows the global law
TYPO_RATE = 0.003  # of content tokens
ZIPF_S, ZIPF_Q = 1.05, 8.0
#: A word none of the generated ones is (its head is in no list above): the benchmark's rare
#: word, put into one material of every RARE_EVERY.
RARE_WORD, RARE_EVERY = "kulramsstafett", 1_000
#: Misspellings the benchmark searches for: typos never produce them, so "Menade du" is
#: always exercised.
PROTECTED_MISSPELLINGS = frozenset({"läsförstålse", "högläsnimg", "förskloan", "matematk"})
NEIGHBOURS = {"a": "såq", "e": "rwä", "i": "uo", "o": "ipö", "u": "yi", "å": "ap", "ä": "eö",
              "ö": "oä", "n": "bm", "m": "n", "s": "ad", "t": "ry", "r": "et", "l": "k",
              "k": "jl", "g": "fh", "d": "sf"}  # fmt: skip


@dataclass(eq=False)
class Lemma:
    word: str
    pos: str  # "noun", "verb", "adj"
    forms: list[str]
    weights: list[float]


def _with_genitives(forms: list[str]) -> tuple[list[str], list[float]]:
    """The forms once each (a plural may equal the singular), with their genitives."""
    weights: dict[str, float] = {}
    for form, weight in zip(forms, NOUN_FORM_WEIGHTS, strict=False):
        weights[form] = weights.get(form, 0.0) + weight
    for form in list(weights):
        if not form.endswith("s"):
            weights.setdefault(form + "s", GENITIVE_WEIGHT)
    return list(weights), list(weights.values())


def noun_forms(word: str, declension: str) -> list[str]:
    """Indefinite, definite, plural, definite plural."""
    if declension == "or":
        stem = word[:-1]
        return [word, word + "n", stem + "or", stem + "orna"]
    if declension == "ar":
        stem = word[:-1] if word.endswith("e") else word
        return [word, word + ("n" if word.endswith("e") else "en"), stem + "ar", stem + "arna"]
    if declension == "er":
        vowel = word[-1] in "aeiouyåäöé"
        plural = word + ("r" if word.endswith("e") else "er")
        return [word, word + ("n" if vowel else "en"), plural, plural + "na"]
    if declension == "are":
        return [word, word + "n", word, word[:-1] + "na"]
    if declension == "n":
        return [word, word + "t", word + "n", word + "na"]
    return [word, word + "et", word, word + "en"]


def verb_forms(word: str, conjugation: str) -> list[str]:
    """Infinitive, present, past, supine, passive, present participle."""
    if conjugation == "1":
        return [word, word + "r", word + "de", word + "t", word + "s", word + "nde"]
    stem = word[:-1]
    present = stem if stem.endswith("r") else stem + "er"
    if stem.endswith("d"):
        past, supine = stem + "e", stem[:-1] + "t"
    elif len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] in "mn":
        past, supine = stem[:-1] + "de", stem[:-1] + "t"
    elif stem[-1] in "kpstx":
        past, supine = stem + "te", stem + "t"
    else:
        past, supine = stem + "de", stem + "t"
    return [word, present, past, supine, word + "s", word + "nde"]


def adjective_forms(word: str, kind: str) -> list[str]:
    if kind == "isk":
        return [word, word + "t", word + "a"]
    if kind == "ad":
        return [word, word[:-1] + "t", word + "e"]
    neuter = word if word.endswith("t") else word + "t"
    return [word, neuter, word + "a", word + "are", word + "ast"]


def _simple_lemmas() -> dict[str, Lemma]:
    lemmas: dict[str, Lemma] = {}

    def add(word, pos, forms, weights=None):
        if word not in lemmas:
            weights = weights or [1.0 / (i + 1.5) for i in range(len(forms))]
            lemmas[word] = Lemma(word, pos, forms, weights)

    for forms in _lines(IRREGULAR_NOUNS):
        add(forms[0], "noun", *_with_genitives(forms))
    for declension, words in NOUNS.items():
        for word in _split(words):
            add(word, "noun", *_with_genitives(noun_forms(word, declension)))
    for forms in _lines(IRREGULAR_VERBS):
        add(forms[0], "verb", forms, list(VERB_FORM_WEIGHTS[: len(forms)]))
    for conjugation, words in VERBS.items():
        for word in _split(words):
            add(word, "verb", verb_forms(word, conjugation), list(VERB_FORM_WEIGHTS))
    for forms in _lines(IRREGULAR_ADJECTIVES):
        add(forms[0], "adj", forms)
    for kind, words in ADJECTIVES.items():
        for word in _split(words):
            add(word, "adj", adjective_forms(word, kind))
    return lemmas


def _linked(word: str) -> str:
    """A compound as the first part of a longer one: planering → planerings-."""
    return word + "s" if word.endswith(("ing", "het", "tion", "else", "skap")) else word


def _compound(first: str, head: Lemma) -> Lemma:
    forms = [first + form for form in head.forms]
    return Lemma(first + head.word, "noun", forms, list(head.weights))


def _cumulative(weights) -> list[float]:
    return list(accumulate(weights))


def _zipf(count: int, s: float = ZIPF_S, q: float = ZIPF_Q) -> list[float]:
    return [1.0 / (rank + q) ** s for rank in range(1, count + 1)]


@dataclass
class Distribution:
    """Word forms with cumulative weights, for random.choices."""

    forms: list[str]
    cumulative: list[float]

    @classmethod
    def of(cls, lemmas: list[Lemma], lemma_weights: list[float]) -> "Distribution":
        forms, weights = [], []
        for lemma, weight in zip(lemmas, lemma_weights, strict=True):
            total = sum(lemma.weights)
            forms += lemma.forms
            weights += [weight * w / total for w in lemma.weights]
        return cls(forms, _cumulative(weights))

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.forms, cum_weights=self.cumulative, k=k) if k > 0 else []


@dataclass
class Attachment:
    display_name: str
    file_type: str
    mime_type: str
    text: str | None
    size: int


@dataclass
class GeneratedMaterial:
    kind: str
    title: str
    summary: str
    body: str
    research_basis: str
    licence: str
    author: int  # index into Corpus.authors
    core_processes: list[str]
    school_forms: list[str]
    subjects: list[str]
    tags: list[str]
    attachments: list[Attachment] = field(default_factory=list)

    def text_size(self) -> int:
        """Characters of searchable text, attached files included."""
        parts = [self.title, self.summary, self.body, self.research_basis, *self.tags]
        return sum(map(len, parts)) + sum(len(a.text or "") for a in self.attachments)


class Corpus:
    """The vocabulary and the materials made from it; cheap to make (about a second)."""

    def __init__(self, seed: int = SEED, authors: int = 60):
        self.seed = seed
        rng = random.Random(seed)  # noqa: S311 (benchmark data, not secrets)
        simple = _simple_lemmas()
        common = {}
        for pair in _split(COMMON_COMPOUNDS):
            first, head = pair.split("|")
            common[first + head] = _compound(first, simple[head])
        every = {**simple, **common}
        general = [every[w] for w in _split(GENERAL)]
        themed = [[every[w] for w in _split(words)] for words in THEMES.values()]
        # The ranking: general school words first; then everything else, the themes' own
        # words placed among ranks 300-3,000 so that they are common where their theme is
        # and uncommon elsewhere; then compounds of two parts and of three.
        general_words = list(dict.fromkeys(lemma.word for lemma in general))
        themed_words = [
            w
            for w in dict.fromkeys(lemma.word for words in themed for lemma in words)
            if w not in general_words
        ]
        rest = [w for w in every if w not in general_words and w not in themed_words]
        rng.shuffle(rest)
        heads = [lemma for lemma in simple.values() if lemma.pos == "noun"]
        pairs = [
            _compound(first, head)
            for first in _split(FIRST_PARTS)
            for head in heads
            if not head.word.startswith(first) and not first.startswith(head.word[:3])
        ]
        pairs = [lemma for lemma in pairs if lemma.word not in every]
        rng.shuffle(pairs)
        triples = [
            _compound(_linked(rng.choice(pairs).word), rng.choice(heads)) for _ in range(20_000)
        ]
        for lemma in pairs + triples:
            if lemma.word not in every:
                every[lemma.word] = lemma
                rest.append(lemma.word)
        for word in themed_words:
            rest.insert(rng.randrange(300, 3_000), word)
        ranked = general_words + rest
        self.lemmas = [every[w] for w in dict.fromkeys(ranked)]
        self.rank = {lemma.word: i for i, lemma in enumerate(self.lemmas)}
        self.global_words = Distribution.of(self.lemmas, _zipf(len(self.lemmas)))

        words = _split(FUNCTION_WORDS) + _split(NUMBERS_AND_NAMES)
        self.function_words = Distribution(words, _cumulative(_zipf(len(words), 1.0, 1.5)))

        # Each theme: its own words first, then a random share of all the others.
        members = [[lemma for lemma in words] for words in themed]
        listed = {lemma.word for words in themed for lemma in words} | {l.word for l in general}  # noqa: E741
        for lemma in self.lemmas:
            if lemma.word not in listed:
                members[rng.randrange(len(members))].append(lemma)
        self.themes = [Distribution.of(m, _zipf(len(m), 1.0, 8.0)) for m in members]
        self.theme_lemmas = members
        self.theme_topic_weights = [_cumulative(_zipf(len(m), 1.0, 2.0)) for m in members]
        self.theme_cumulative = _cumulative(THEME_WEIGHTS)
        mean_form = _mean_length(self.global_words)
        mean_function = _mean_length(self.function_words)
        #: Characters per token, the space after it included.
        self.token_chars = 1 + (mean_function + mean_form) / 2
        self.authors = [f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}" for _ in range(authors)]
        self._author_cumulative = _cumulative(_zipf(authors, 1.0, 3.0))

    # -- words the benchmark searches for -------------------------------------------------
    @staticmethod
    def rare_word() -> str:
        """A word in exactly one material of every RARE_EVERY (and in no other)."""
        return RARE_WORD

    def vocabulary_size(self) -> int:
        """Distinct word forms the generator can produce (typos aside)."""
        return len(set(self.global_words.forms)) + len(self.function_words.forms)

    # -- materials ------------------------------------------------------------------------
    def _rng(self, n: int) -> random.Random:
        return random.Random(self.seed * 1_000_003 + n)  # noqa: S311 (benchmark data)

    def _themes(self, rng) -> list[int]:
        themes = list(
            dict.fromkeys(
                rng.choices(range(len(self.themes)), cum_weights=self.theme_cumulative, k=2)
            )
        )
        return themes[:1] if rng.random() < 0.5 else themes

    def themes_of(self, n: int) -> list[int]:
        """The themes material `n` leans on (cheap: its text is not made)."""
        return self._themes(self._rng(n))

    def passage(self, rng, chars: int, themes: list[int]) -> str:
        """About `chars` characters of plain prose on `themes` (a colleague's note, say)."""
        return self._prose(rng, self._tokens(rng, chars, themes, self.themes[themes[0]]))

    def material(self, n: int) -> GeneratedMaterial:
        rng = self._rng(n)
        themes = self._themes(rng)
        main = themes[0]
        topic_lemmas = list(
            dict.fromkeys(
                rng.choices(
                    self.theme_lemmas[main],
                    cum_weights=self.theme_topic_weights[main],
                    k=rng.randint(3, 7),
                )
            )
        )
        topic = Distribution.of(topic_lemmas, [1.0 / (i + 1) for i in range(len(topic_lemmas))])
        nouns = [lemma for lemma in topic_lemmas if lemma.pos == "noun"] or [
            lemma for lemma in self.theme_lemmas[main] if lemma.pos == "noun"
        ]

        def text(chars: int, headings: list[str] | None = None) -> str:
            return self._prose(rng, self._tokens(rng, chars, themes, topic), headings)

        kind = "method" if rng.random() < 0.55 else "material"
        body_chars = min(int(rng.lognormvariate(math.log(BODY_MEDIAN), BODY_SIGMA)), BODY_MAX)
        summary = " ".join(text(rng.randint(120, 420)).split())[:590]
        research_basis = ""
        if kind == "method" and rng.random() < 0.7:
            research_basis = self._references(rng, nouns)
        attachments = [
            self._attachment(rng, nouns, text) for _ in range(_pick(rng, (25, 45, 20, 10)))
        ]
        body = text(body_chars, rng.sample(HEADINGS, k=min(len(HEADINGS), 1 + body_chars // 800)))
        if n % RARE_EVERY == RARE_EVERY // 2:
            body += f"\n\nVi avslutade med en {RARE_WORD} i idrottshallen."
        return GeneratedMaterial(
            kind=kind,
            title=self._title(rng, nouns, topic_lemmas),
            summary=summary,
            body=body,
            research_basis=research_basis,
            licence=_weighted(rng, LICENCES),
            author=rng.choices(range(len(self.authors)), cum_weights=self._author_cumulative)[0],
            core_processes=_distinct(rng, CORE_PROCESSES, _pick(rng, (0, 70, 25, 5))),
            school_forms=(
                ["forskola"]
                if THEME_NAMES[main] == "förskola"
                else _contiguous(rng, SCHOOL_FORMS, _pick(rng, (10, 50, 30, 10)))
            ),
            subjects=self._subjects(rng, main),
            tags=list(
                dict.fromkeys(lemma.word[:40] for lemma in topic_lemmas[: rng.randint(0, 6)])
            ),
            attachments=attachments,
        )

    @staticmethod
    def _subjects(rng, theme: int) -> list[str]:
        """Mostly the theme's own subject (maths for the maths theme), sometimes others."""
        subjects = _distinct(rng, SUBJECTS, _pick(rng, (25, 55, 20)))
        usual = THEME_SUBJECTS.get(THEME_NAMES[theme])
        if subjects and usual and rng.random() < 0.7:
            subjects[0] = rng.choice(usual)
        return list(dict.fromkeys(subjects))

    def _tokens(self, rng, chars: int, themes: list[int], topic: Distribution) -> list[str]:
        """About `chars` characters of words: content words from the global law, the
        material's themes and its topic, alternating with function words."""
        content = max(2, round(chars / self.token_chars / 2))
        in_theme, in_topic = round(content * THEME_SHARE), round(content * TOPIC_SHARE)
        words = self.global_words.sample(rng, content - in_theme - in_topic)
        for i, theme in enumerate(themes):
            share = in_theme // len(themes) + (in_theme % len(themes) if i == 0 else 0)
            words += self.themes[theme].sample(rng, share)
        words += topic.sample(rng, in_topic)
        # Mixed by sweeps through the list rather than a shuffle: C-speed slicing, and each
        # stretch of ~40 words still draws on every source.
        step = max(7, len(words) // 40)
        words = list(chain.from_iterable(words[k::step] for k in range(step)))
        for _ in range(int(content * TYPO_RATE + rng.random())):
            i = rng.randrange(len(words))
            words[i] = _typo(rng, words[i])
        function = self.function_words.sample(rng, len(words))
        return list(chain.from_iterable(zip(words, function, strict=True)))

    @staticmethod
    def _prose(rng, tokens: list[str], headings: list[str] | None = None) -> str:
        """Sentences of 5–17 words in paragraphs of 2–6; with `headings`, Markdown with
        some of them as headings and some paragraphs as lists."""
        start, left, listing = 0, rng.randint(2, 6), False
        while start < len(tokens):
            end = min(start + rng.randint(5, 17), len(tokens))
            first = tokens[start]
            tokens[start] = ("- " if listing else "") + first[:1].upper() + first[1:]
            if end - start > 9 and rng.random() < 0.4:
                tokens[(start + end) // 2] += ","
            tokens[end - 1] += "?" if rng.random() < 0.03 else "."
            left -= 1
            if left == 0:
                left = rng.randint(2, 6)
                tokens[end - 1] += "\n\n"
                if headings and rng.random() < 0.4:
                    tokens[end - 1] += f"## {headings.pop()}\n\n"
                listing = headings is not None and rng.random() < 0.15
            elif listing:
                tokens[end - 1] += "\n"
            start = end
        return " ".join(tokens).replace("\n ", "\n").strip()

    def _title(self, rng, nouns: list[Lemma], topic: list[Lemma]) -> str:
        main = rng.choice(nouns[:2])
        first = main.forms[rng.choice((0, 0, 1, 2))]
        others = [lemma for lemma in topic if lemma is not main] or self.theme_lemmas[0][:5]
        other = rng.choice(others).forms[0]
        template = rng.choice([
            "{A} {sy}", "{A} och {b}", "Att arbeta med {a} {sy}", "{A} – {b} för alla",
            "{A} med {b}", "Så arbetar vi med {a} {sy}", "{A}", "{A} och {b} {sy}",
        ])  # fmt: skip
        title = template.format(
            A=first[:1].upper() + first[1:], a=first, b=other, sy=rng.choice(SCHOOL_YEARS)
        )
        return title[:200]

    def _references(self, rng, nouns: list[Lemma]) -> str:
        lines = []
        for _ in range(rng.randint(1, 4)):
            title = " ".join(rng.choice(nouns).forms[0] for _ in range(rng.randint(1, 3)))
            lines.append(
                f"- {rng.choice(SURNAMES)}, {rng.choice(FIRST_NAMES)[0]}. "
                f"({rng.randint(1978, 2025)}). *{title.capitalize()}*. {rng.choice(PUBLISHERS)}."
            )
        return "\n".join(lines)

    def _attachment(self, rng, nouns: list[Lemma], text) -> Attachment:
        file_type, mime, extension, _ = rng.choices(FILE_TYPES, [w for *_, w in FILE_TYPES])[0]
        name = rng.choice(nouns).forms[rng.choice((0, 2))]
        label = rng.choice(["", " – elevuppgifter", " lektionsplanering", " bildstöd",
                            f" vecka {rng.randint(1, 52)}", " presentation", " mall"])  # fmt: skip
        display = f"{name[:1].upper()}{name[1:]}{label}.{extension}"
        if file_type in ("jpeg", "png"):
            return Attachment(display, file_type, mime, None, rng.randint(80_000, 4_000_000))
        chars = min(int(rng.lognormvariate(math.log(FILE_MEDIAN), FILE_SIGMA)), FILE_MAX)
        body = text(chars)
        return Attachment(display, file_type, mime, body, len(body.encode()) * 3 + 20_000)


def _mean_length(distribution: Distribution) -> float:
    weights = _weights(distribution)
    total = sum(len(f) * w for f, w in zip(distribution.forms, weights, strict=True))
    return total / distribution.cumulative[-1]


def _weights(distribution: Distribution) -> list[float]:
    cumulative = distribution.cumulative
    return [cumulative[0]] + [b - a for a, b in zip(cumulative, cumulative[1:], strict=False)]


def _pick(rng, weights) -> int:
    """An index drawn with the given weights (e.g. how many of something)."""
    return rng.choices(range(len(weights)), weights)[0]


def _weighted(rng, table: dict[str, int]) -> str:
    return rng.choices(list(table), list(table.values()))[0]


def _distinct(rng, table: dict[str, int], count: int) -> list[str]:
    chosen: list[str] = []
    while len(chosen) < min(count, len(table)):
        value = _weighted(rng, table)
        if value not in chosen:
            chosen.append(value)
    return chosen


def _contiguous(rng, values: list[str], count: int) -> list[str]:
    if count == 0:
        return []
    start = rng.randrange(len(values) - count + 1)
    return values[start : start + count]


def _typo(rng, word: str) -> str:
    """One slip of the keyboard: a letter dropped, doubled, swapped or mistyped."""
    if len(word) < 5 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    slip = rng.randrange(4)
    if slip == 0:
        typo = word[:i] + word[i + 1 :]
    elif slip == 1:
        typo = word[:i] + word[i] + word[i:]
    elif slip == 2:
        typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    else:
        typo = word[:i] + rng.choice(NEIGHBOURS.get(word[i], "e")) + word[i + 1 :]
    return word if typo.lower() in PROTECTED_MISSPELLINGS else typo


# -- into Dela's database ---------------------------------------------------------------------


def store(app, corpus: Corpus, count: int, progress=None) -> dict:
    """Insert materials 0 … count-1 of `corpus`, published, with their authors (spread over
    the demo units), tags and files' text, straight into Dela's database (the demo accounts
    must exist); `progress(n)` hears of each batch. Returns statistics of the text."""
    from sqlalchemy import func, insert, select

    from share.auth.models import Role, User
    from share.extensions import db
    from share.materials import models as m
    from share.schools.models import Unit
    from share.storage.models import StoredFile
    from share.vocabularies.registry import by_key

    sizes, files = [], 0
    with app.app_context():
        teacher = db.session.execute(select(User).where(User.email == EMAIL)).scalar_one()
        units = db.session.execute(select(Unit.id, Unit.area_id).order_by(Unit.id)).all()
        authors = []
        for i, name in enumerate(corpus.authors):
            unit_id, area_id = units[i % len(units)]
            email = f"forfattare{i}@kommun.example"
            db.session.execute(
                insert(User).values(
                    email=email,
                    name=name,
                    role=Role.TEACHER,
                    unit_id=unit_id,
                    password_hash=teacher.password_hash,
                )
            )
            authors.append(
                (
                    db.session.execute(select(User.id).where(User.email == email)).scalar_one(),
                    unit_id,
                    area_id,
                )
            )
        link_tables = {
            key: db.metadata.tables[by_key(key).link_table]
            for key in ("core_process", "school_form", "subject")
        }
        vocab = {
            link_tables[key]: dict(
                db.session.execute(select(by_key(key).model.slug, by_key(key).model.id))
                .tuples()
                .all()
            )
            for key in link_tables
        }
        tags: dict[str, int] = {}
        start = datetime.now(UTC) - timedelta(days=730)
        step = timedelta(days=730) / max(count, 1)
        file_id = 0
        for first in range(0, count, BATCH):
            rows: dict = {"material": [], "file": [], "attachment": [], "tag": []}
            links: dict = {table: [] for table in vocab} | {m.material_tag: []}
            for n in range(first, min(first + BATCH, count)):
                made = corpus.material(n)
                sizes.append(made.text_size())
                author_id, unit_id, area_id = authors[made.author]
                when = start + step * n
                material_id = n + 1
                rows["material"].append(
                    {
                        "id": material_id,
                        "kind": made.kind,
                        "title": made.title,
                        "summary": made.summary,
                        "body": made.body,
                        "research_basis": made.research_basis,
                        "licence": made.licence,
                        "status": "published",
                        "author_id": author_id,
                        "unit_id": unit_id,
                        "area_id": area_id,
                        "created_at": when,
                        "updated_at": when,
                        "published_at": when,
                    }
                )
                for table, slugs in [
                    (link_tables["core_process"], made.core_processes),
                    (link_tables["school_form"], made.school_forms),
                    (link_tables["subject"], made.subjects),
                ]:
                    column = table.c.keys()[1]
                    links[table] += [
                        {"material_id": material_id, column: vocab[table][s]} for s in slugs
                    ]
                for tag in made.tags:
                    if tag not in tags:
                        tags[tag] = len(tags) + 1
                        rows["tag"].append({"id": tags[tag], "name": tag})
                    links[m.material_tag].append({"material_id": material_id, "tag_id": tags[tag]})
                for attachment in made.attachments:
                    file_id += 1
                    files += 1
                    rows["file"].append(
                        {
                            "id": file_id,
                            "sha256": f"{file_id:064x}",
                            "size": attachment.size,
                            "file_type": attachment.file_type,
                            "mime_type": attachment.mime_type,
                            "text": attachment.text,
                            "text_state": "not_applicable"
                            if attachment.text is None
                            else "extracted",
                            "has_thumbnail": False,
                            "created_at": when,
                        }
                    )
                    rows["attachment"].append(
                        {
                            "material_id": material_id,
                            "stored_file_id": file_id,
                            "display_name": attachment.display_name,
                            "download_count": 0,
                            "added_by_id": author_id,
                            "created_at": when,
                        }
                    )
            for model, key in [
                (m.Material, "material"),
                (m.Tag, "tag"),
                (StoredFile, "file"),
                (m.Attachment, "attachment"),
            ]:
                if rows[key]:
                    db.session.execute(insert(model), rows[key])
            for table, values in links.items():
                if values:
                    db.session.execute(insert(table), values)
            db.session.commit()
            if progress:
                progress(len(rows["material"]))
        if db.engine.dialect.name == "postgresql":
            # The ids above were given, not drawn: move the sequences past them, so that
            # what the site creates afterwards (a material published) gets ids of its own.
            for model in (m.Material, m.Tag, StoredFile):
                sequence = func.pg_get_serial_sequence(model.__tablename__, "id")
                db.session.execute(select(func.setval(sequence, func.max(model.id))))
            db.session.commit()
    return {
        "text_kb_mean": statistics.mean(sizes) / 1000,
        "text_kb_p99": sorted(sizes)[math.ceil(0.99 * len(sizes)) - 1] / 1000,
        "text_kb_max": max(sizes) / 1000,
        "text_mb_total": sum(sizes) / 1e6,
        "files": files,
        "tags": len(tags),
    }
