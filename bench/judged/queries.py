"""The judged queries: typed the way teachers type, each with the materials it must find.

`best` are the right first answers (any of them first is a hit at 1); `also` must be found
too (recall at 10). Titles are short names of the demo materials and of
bench/judged/materials.py (`TITLES`).
"""

from dataclasses import dataclass

TITLES = {
    "exit": "Exit tickets – tre frågor innan eleverna går",
    "lekar": "Lekar för språkutveckling i samlingen – rim, ramsor och ljudlekar",
    "talsyntes": "Lathund: kom igång med talsyntes och inlästa läromedel",
    "vgforsk": "Värdegrund i förskolan – samtal kring bilderböcker som utmanar normer",
    "lasfig": "Lässtrategier med läsfigurerna – reciprok undervisning i åk 4",
    "larplatta": "Lärplattan med i skogen – barnen dokumenterar själva",
    "lagaff": "Lågaffektivt bemötande när en elev tappar kontrollen",
    "cirkel": "Cirkelmodellen i geografi – från vardagsspråk till ämnesspråk",
    "progfri": "Programmering på fritids – från pilkort till Blue-Bot",
    "rika": "Rika problem för elever som behöver större utmaningar i matematik",
    "plan": "Vår plan mot kränkande behandling – en version för barnen",
    "epa": "EPA på hela skolan – enskilt, par, alla",
    "bildschema": "Bildschema för dagen – tydlig struktur i klassrummet och på fritids",
    "begrepp": "Begreppskort i biologi – ekologi i åk 7",
    "klassrad": "Klassråd som eleverna själva leder",
    "lesson": "Lesson study – vi förbättrar en lektion tillsammans",
    "rastlek": "Fritids leder rastlekar – färre konflikter på skolgården",
    "larandemal": "Lärandemål och kriterier som eleverna förstår – faktatext i åk 5",
    "flersprak": "Barnens språk syns och hörs – flerspråkighet i förskolans vardag",
    "digexit": "Digitala exit tickets – snabb överblick i SvA-gruppen",
    "handtvatt": "Bildstöd för handtvätt och toalettbesök",
    "kamrat": "Kamratrespons i engelska: två stjärnor och en önskan",
    "butik": "Skolbutiken – vardagsmatematik i anpassad grundskola",
    "skrivmall": "Skrivmall för faktatext om ett djur – åk 2–3",
    "takk": "TAKK i barngruppen – tecken som stöd för språket",
    "samtalskort": "Samtalskort om vänskap och känslor",
    "brak": "Bråkräkning med pappersremsor",
    "poddar": "Eleverna gör poddar om sin läsning",
    "kallkritik": "Stämmer det? Källkritik i NO med påståenden från nätet",
    "dialogisk": "Dialogisk läsning – högläsning där barnen berättar",
    # bench/judged/materials.py
    "sjalv": "Självständigt arbete i förskoleklass – arbetsbänkar med bildstöd",
    "idrottbed": "Eleverna bedömer sina egna rörelser i idrotten",
    "scratch": "Programmera med Scratch i åk 6",
    "historia": "Läsa historiska källor – läsförståelse i historia",
    "mattelyft": "Mattelyftet i vårt arbetslag – ett år med kollegialt lärande",
    "experiment": "Enkla experiment med vatten och luft i åk 2",
    "utvsamtal": "Utvecklingssamtal som trepartssamtal",
    "hogl1": "Högläsning i åk 1 – bokval och boksamtal",
    "gard": "Förskolans gård som lärmiljö – lek och lärande ute",
    "tecken": "Tecken som stöd på fritidshemmet",
    "extraanp": "Extra anpassningar i matematik – en checklista för lärare",
    "portfolio": "Dokumentera lärandet – portfolio i åk 3",
    "ordforrad": "Ordförråd på mellanstadiet – veckans ord i alla ämnen",
    "sinnesrum": "Sinnesrum i anpassad grundskola",
    "maltid": "Planera en måltid i hemkunskap – budget och näring",
    "veckobrev": "Veckobrev till vårdnadshavare med bilder",
}

# Materials by what they are tagged with, for queries that name a vocabulary term.
_VARDEGRUND = "vgforsk plan klassrad samtalskort rastlek lagaff flersprak kallkritik gard utvsamtal"
_FRITIDSHEM = "progfri rastlek bildschema samtalskort tecken"
_IKT = "talsyntes larplatta progfri begrepp digexit poddar kallkritik scratch portfolio"
_ANPASSAD = "sinnesrum butik talsyntes bildschema handtvatt takk"
_LAGSTADIET = "lasfig progfri epa bildschema rastlek skrivmall experiment hogl1 portfolio veckobrev"
_SO = "cirkel klassrad samtalskort historia"
_NO = "kallkritik begrepp experiment"
_SVA = "lasfig cirkel begrepp digexit skrivmall ordforrad"
_STOD = "lagaff rika bildschema handtvatt butik takk talsyntes sjalv tecken extraanp sinnesrum brak"
_FORSKOLA = "vgforsk lekar larplatta plan flersprak handtvatt takk dialogisk gard"
_MATEMATIK = "exit progfri rika lesson butik brak scratch mattelyft extraanp maltid"
_SPRAK = (
    "lekar lasfig cirkel begrepp flersprak skrivmall takk poddar dialogisk historia hogl1 "
    "tecken ordforrad veckobrev"
)
_BEDOMNING = "larandemal exit kamrat digexit idrottbed"
_NPF = "talsyntes lagaff bildschema"


@dataclass(frozen=True)
class Judgement:
    kind: str
    query: str
    best: tuple[str, ...]
    also: tuple[str, ...] = ()

    @property
    def relevant(self) -> set[str]:
        return {TITLES[key] for key in (*self.best, *self.also)}

    @property
    def best_titles(self) -> set[str]:
        return {TITLES[key] for key in self.best}


def _j(kind: str, query: str, best: str, also: str = "") -> Judgement:
    return Judgement(kind, query, tuple(best.split()), tuple(also.split()))


JUDGEMENTS = [
    # A title, or a part of one, typed as it is.
    _j("title", "bråkräkning med pappersremsor", "brak"),
    _j("title", "exit tickets", "exit", "digexit"),
    _j("title", "samtalskort om vänskap och känslor", "samtalskort"),
    _j("title", "lesson study", "lesson"),
    _j("title", "dialogisk läsning", "dialogisk"),
    _j("title", "klassråd", "klassrad"),
    _j("title", "cirkelmodellen", "cirkel"),
    _j("title", "sinnesrum", "sinnesrum"),
    _j("title", "högläsning", "dialogisk hogl1", "flersprak"),
    _j("title", "lågaffektivt bemötande", "lagaff"),
    _j("title", "tecken som stöd", "tecken takk"),
    _j("title", "rika problem", "rika"),
    _j("title", "Skolbutiken", "butik"),
    # The names of vocabulary terms, in Swedish, English and short.
    _j("vocabulary", "värdegrund", "vgforsk", _VARDEGRUND),
    _j("vocabulary", "fritidshem", _FRITIDSHEM),
    _j("vocabulary", "fritids", "progfri rastlek bildschema", _FRITIDSHEM),
    _j("vocabulary", "IKT", _IKT),
    _j("vocabulary", "förskoleklass", "sjalv", "lekar progfri"),
    _j("vocabulary", "grundsärskola", _ANPASSAD),
    _j("vocabulary", "anpassad grundskola", "butik sinnesrum", _ANPASSAD),
    _j("vocabulary", "lågstadiet", _LAGSTADIET),
    _j("vocabulary", "SO", _SO),
    _j("vocabulary", "NO", _NO),
    _j("vocabulary", "idrott", "idrottbed", "rastlek"),
    _j("vocabulary", "hemkunskap", "maltid", "butik"),
    _j("vocabulary", "svenska som andraspråk", _SVA),
    _j("vocabulary", "särskilt stöd", _STOD),
    _j("vocabulary", "core values", _VARDEGRUND),
    _j("vocabulary", "preschool", _FORSKOLA),
    _j("vocabulary", "mathematics", _MATEMATIK),
    _j("vocabulary", "språk och kommunikation", _SPRAK),
    _j("vocabulary", "mellanstadiet ordförråd", "ordforrad"),
    # Typed without å ä ö.
    _j("folded", "forskola", _FORSKOLA),
    _j("folded", "sjalvstandigt arbete", "sjalv"),
    _j("folded", "bedomning", _BEDOMNING),
    _j("folded", "lasforstaelse", "lasfig historia"),
    _j("folded", "vardegrund", "vgforsk", _VARDEGRUND),
    _j("folded", "hoglasning", "dialogisk hogl1", "flersprak"),
    _j("folded", "kallkritik", "kallkritik"),
    _j("folded", "bildstod", "handtvatt sjalv", "bildschema"),
    _j("folded", "lagaffektivt bemotande", "lagaff"),
    _j("folded", "sarskilt stod", _STOD),
    _j("folded", "brakrakning", "brak", "exit"),
    _j("folded", "lekar for sprakutveckling", "lekar"),
    _j("folded", "sprakutveckling forskola", "lekar", "dialogisk takk"),
    _j("folded", "utomhuspedagogik forskolan", "larplatta gard"),
    _j("folded", "ak 3", "skrivmall portfolio"),
    _j("folded", "kamratbedomning", "kamrat"),
    # Abbreviations and everyday words.
    _j("everyday", "sva", _SVA),
    _j("everyday", "npf", _NPF),
    _j("everyday", "takk", "takk", "tecken"),
    _j("everyday", "akk", "handtvatt takk"),
    _j("everyday", "åk 3", "skrivmall portfolio"),
    _j("everyday", "åk 8 poddar", "poddar"),
    _j("everyday", "mattelyftet", "mattelyft"),
    _j("everyday", "f-klass", "sjalv", "lekar progfri"),
    _j("everyday", "eht", "extraanp"),
    _j("everyday", "ipad", "larplatta", "idrottbed"),
    _j("everyday", "bfl", _BEDOMNING),
    _j("everyday", "exitlapp", "exit digexit"),
    _j("everyday", "matte", _MATEMATIK),
    _j("everyday", "gympa", "idrottbed", "rastlek"),
    # A verb and its noun, plurals and definite forms.
    _j("forms", "programmering", "progfri scratch"),
    _j("forms", "programmera", "scratch progfri"),
    _j("forms", "bedöma", _BEDOMNING),
    _j("forms", "dokumentation", "portfolio larplatta"),
    _j("forms", "dokumentera", "portfolio larplatta"),
    _j("forms", "lekar", "lekar", "rastlek gard"),
    _j("forms", "rutin", "handtvatt"),
    _j("forms", "experimentet", "experiment"),
    _j("forms", "lärplattor", "larplatta"),
    _j("forms", "robot", "progfri"),
    _j("forms", "samtalskorten", "samtalskort", "lasfig"),
    _j("forms", "planering", "maltid"),
    # Compounds typed as two words or with a hyphen.
    _j("compound", "läs förståelse", "lasfig historia"),
    _j("compound", "bråk räkning", "brak"),
    _j("compound", "kamrat respons", "kamrat"),
    _j("compound", "utvecklings samtal", "utvsamtal"),
    _j("compound", "tal syntes", "talsyntes"),
    _j("compound", "matte lyftet", "mattelyft"),
    _j("compound", "läs-strategier", "lasfig", "historia"),
    # Typos.
    _j("typo", "högläsnig", "dialogisk hogl1"),
    _j("typo", "bildshema", "bildschema", "sinnesrum"),
    _j("typo", "källkritk", "kallkritik"),
    _j("typo", "cirkelmodelen", "cirkel"),
    _j("typo", "programering", "progfri scratch"),
    # English words.
    _j("english", "exit ticket", "exit digexit"),
    _j("english", "peer response", "kamrat"),
    _j("english", "scratch", "scratch"),
    _j("english", "portfolio", "portfolio"),
    _j("english", "special support", _STOD),
    # Stop words and field-like syntax.
    _j("stop words", "en plan mot kränkande behandling", "plan"),
    _j("stop words", "vad är epa", "epa"),
    _j("stop words", "hur leder eleverna klassråd", "klassrad"),
    _j("syntax", "titel:högläsning", "dialogisk hogl1"),
    _j("syntax", "tag:npf", _NPF),
    _j("syntax", "ämne:matematik", _MATEMATIK),
    _j("syntax", '"exit tickets"', "exit", "digexit"),
]
