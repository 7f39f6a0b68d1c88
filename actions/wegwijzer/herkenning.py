"""Signal words in a user's own message: role, situation, school type, who it is about, who does it,
and acute danger.

Pure Python (no Rasa): used by the NLU component `components.signalen.WegwijzerSignalen`, which
turns these signals into entities, and tested on its own. The lists are deliberately about word
stems, not whole words, so that "gepest", "pesten" and "pestkop" and common misspellings all match.

Safety detection lives here and not in a trained model: a keyword rule cannot be "a bit unsure",
and missing "ik wil niet meer leven" is worse than a false alarm. Look-alikes such as
"ik ga dood van het lachen" are removed before the safety patterns run.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Signaal:
    slot: str  # contract slot name, or "acuut_soort" / "context"
    waarde: str  # contract value
    start: int
    eind: int
    tekst: str


@dataclass(frozen=True)
class Signalen:
    lijst: tuple[Signaal, ...] = field(default_factory=tuple)

    def waarde(self, slot: str) -> str | None:
        for s in self.lijst:
            if s.slot == slot:
                return s.waarde
        return None

    def waarden(self, slot: str) -> list[str]:
        gezien: list[str] = []
        for s in self.lijst:
            if s.slot == slot and s.waarde not in gezien:
                gezien.append(s.waarde)
        return gezien


def normaliseer(tekst: str) -> str:
    """Lowercase, accents removed, same length as the input so that spans stay valid."""
    uit = []
    for teken in tekst.lower():
        basis = unicodedata.normalize("NFKD", teken)[:1] or teken
        uit.append(basis if len(basis) == 1 else teken)
    genormaliseerd = "".join(uit)
    # Typographic apostrophes: "ib’er", "foto’s".
    return genormaliseerd.replace("\u2019", "'").replace("\u2018", "'")


def _p(*delen: str | re.Pattern[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{d.pattern if isinstance(d, re.Pattern) else d})" for d in delen))


def _alleen(woorden: str) -> re.Pattern[str]:
    """A whole message that is just this answer, e.g. a typed button label."""
    return re.compile(rf"^\s*(?:{woorden})\s*[.!]?\s*$")


W = r"(?<![a-z0-9])"  # word start
E = r"(?![a-z0-9])"  # word end

# --- acute danger -------------------------------------------------------------------------------
# Figures of speech removed before matching ("ik ga dood van het lachen", "die toets was moord").
_LOOKALIKES = _p(
    W + r"(?:ik )?(?:ga|gaat|ging|lig|lag) (?:bijna )?dood van (?:het |de )?(?:lachen|lach|schaamte|verveling|honger|dorst|stress|de hitte|de kou|spanning)",
    W + r"(?:was|is|wordt|werd) (?:echt |gewoon |een )?(?:moord|dodelijk|killing)" + E,
    W + r"dood(?:moe|leuk|gewoon|simpel|ziek|eng|stil|saai|serieus|normaal|jammer|zonde)",
    W + r"(?:me |mij )?(?:dood|kapot|rot|een hoedje) ?(?:geschrokken|schrikken|schrok|gelachen|lachen|lach|ergeren|erger|verveel|vervelen|gewerkt|werken)",
    W + r"moordgrappig|moord ?(?:lekker|gaaf)|killer" + E,
    W + r"(?:game|spel|film|serie|boek|fortnite|minecraft)\w* .{0,30}(?:dood|vermoord|schiet)",
    W + r"doodgaan van (?:het |de )?(?:lachen|verveling)",
    W + r"(?:wil|zou) (?:wel )?dood van",
)

_ZELFDODING = _p(
    W + r"(?:zelf ?moord|zelfmoort|zelfdod|su[iï]?c[iï]?d|suicid|sucid)",
    W + r"(?:niet|nie|nt) (?:meer )?(?:willen |wil |wilt )?(?:leven|lefen|leve)" + E,
    W + r"(?:wil|wilt|willen|will) (?:niet meer|nie meer|nooit meer) (?:leven|wakker worden|bestaan|hier zijn|er zijn)",
    W + r"(?:wil|wilt|willen|will|wou) (?:graag |gewoon |echt |liever )?(?:dood|sterven|dood gaan|doodgaan)" + E,
    W + r"(?:wil|wilt|willen|will) (?:er )?(?:gewoon |echt |liever |eigenlijk |soms )?(?:niet meer|nie meer|nooit meer) (?:zijn|bestaan|leven)",
    W + r"(?:eind|einde) (?:aan|van) (?:mijn|m'n|mn|me) (?:leven|lijf)",
    W + r"(?:er |het )?(?:een )?(?:eind|einde) aan (?:maken|te maken|make)",
    W + r"(?:mezelf|mijzelf|m'zelf|mzelf|mijn ?zelf) (?:iets )?(?:aan ?doen|aandoen|van kant|om ?zeep|snijden|pijn doen|doodmaken|dood maken|ophangen|kapot maken)",
    W + r"(?:me|mij) (?:van kant|ophangen|opknopen|iets aan ?doen|iets aandoen)",
    W + r"(?:snij|snijd|kras|krassen) (?:in )?(?:mezelf|mijzelf|mijn armen|me)",
    W + r"(?:voor de trein|van (?:het|een) (?:dak|flat|brug) (?:springen|af springen|afspringen))",
    W + r"(?:alle|al mijn|een hoop|veel) (?:pillen|pilletjes|medicijnen) (?:innemen|slikken|nemen)",
    W + r"(?:beter|fijner) (?:als|dat|zonder) (?:ik|mij) (?:er )?(?:niet|nie|dood)",
    W + r"(?:niemand|niemant) (?:zou |zal )?(?:mij|me) (?:zou |zal )?missen",
    W + r"(?:doodsgedachten|dood ?wens|levensmoe|het leven heeft geen zin|heeft geen zin meer om te leven)",
    W + r"(?:wil|wilt) (?:niet meer|nie meer) verder",
    W + r"(?:kan|kan het|hou het) (?:niet|nie) meer aan en (?:wil|ga)",
)

_LEVENSGEVAAR = _p(
    W + r"(?:met|heeft|had|pakt|trekt|trok) (?:een |z'n |zijn |haar |het )?(?:mes|messen|pistool|wapen|vuurwapen|geweer|schaar)" + E,
    W + r"(?:mes|pistool|wapen|vuurwapen|geweer)" + E + r".{0,40}(?:steken|steekt|schiet|dreigt|bedreigt|achter me|op me|tegen me)",
    W + r"(?:steekt|stak|neergestoken|gestoken|schiet|schoot|neergeschoten|gewurgd|wurgt)" + E,
    W + r"(?:gaat|gaan|ga|wil|wilt|dreigt|dreigde|zei dat hij|zei dat ze) (?:me|mij|ons|mijn \w+|hem|haar) (?:te )?(?:vermoorden|doodmaken|dood maken|dood te maken|af ?maken|neersteken|neerschieten)",
    W + r"(?:vermoord|vermoorden|doodmaken|afmaken) (?:me|mij|ons)" + E,
    W + r"(?:me|mij|ons) (?:gaat|gaan|wil|wilt|zal|zullen) (?:\w+ )?(?:vermoorden|doodmaken|dood maken|neersteken|neerschieten|afmaken)",
    W + r"(?:ik ben|we zijn|wij zijn|hij is|ze is|zij is) (?:nu |nu echt |echt )?in (?:direct |groot |levens)?gevaar",
    W + r"(?:levensgevaar|acuut gevaar|direct gevaar|in nood|noodgeval)",
    W + r"(?:kan|kon) (?:niet|nie) (?:meer )?ademen",
    W + r"(?:bloedt|bloed) (?:heel erg|erg|veel|overal)",
    W + r"(?:overdosis|bewusteloos|buiten bewustzijn)",
    W + r"(?:slaat|schopt|trapt|slaan|schoppen) (?:me|mij|hem|haar) (?:nu|op dit moment|net nu)",
    W + r"(?:hij|ze|zij|iemand) (?:staat|staan|is) (?:nu )?(?:voor|aan) (?:de|mijn|onze) deur (?:met|en dreigt)",
    W + r"(?:ik ben|we zijn) (?:nu )?(?:opgesloten|ontvoerd)",
    W + r"(?:help|hulp) (?:nu|snel|meteen)" + E + r".{0,40}(?:gevaar|mes|wapen|slaat|pijn)",
    W + r"(?:bel|bellen) (?:de )?(?:politie|112|ambulance)",
)

# --- role ---------------------------------------------------------------------------------------
_ROL = {
    "onderwijspersoneel": _p(
        W + r"(?:ik ben|ik werk als|als|ben|werk als) (?:een |de )?(?:docent|docente|leraar|lerares|leerkracht|juf|meester|mentor|mentrix|ib'?-?er|intern begeleider|ib-?er|conci[eë]rge|directeur|directrice|teamleider|zorgco[oö]rdinator|onderwijsassistent|gymleraar|gymdocent|vakdocent|invaller|invalkracht|stagiair|stagiaire|pedagogisch medewerker|schoolleider|rector|coordinator|coördinator|vertrouwenspersoon|begeleider|onderwijzer|remedial teacher|schoolmaatschappelijk werker)" + E,
        W + r"(?:een |twee |drie )?(?:leerling|leerlinge|lln|ll|leerlingen|pupil) (?:van mij|uit mijn klas|in mijn klas|van me)" + E,
        W + r"(?:mijn|m'n|mn) (?:leerling|leerlinge|leerlingen|lln|collega|collega's|leidinggevende|teamleider|directeur|schoolleiding|werkgever)" + E,
        W + r"(?:onderwijspersoneel|personeelslid|medewerker van (?:de|een) school|op mijn werk|werk op (?:een|de) school|ik werk (?:op|bij|in) (?:een|de) (?:school|basisschool|middelbare))",
        _alleen(r"onderwijspersoneel|medewerker|personeel|docent|leraar|leerkracht"),
    ),
    "ouder": _p(
        W + r"(?:ik ben|als|ben) (?:de |een |zijn |haar )?(?:moeder|vader|ouder|verzorger|verzorgster|mama|papa|pleegouder|pleegmoeder|pleegvader|stiefmoeder|stiefvader|voogd)" + E,
        W + r"(?:mijn|m'n|mn|ons|onze) (?:zoon|zoontje|dochter|dochtertje|kind|kinderen|kindje|stiefzoon|stiefdochter|pleegkind|pleegzoon|pleegdochter|jongste|oudste)" + E,
        _alleen(r"ouder|ouders|verzorger|ouder/verzorger|ouder of verzorger|moeder|vader"),
        W + r"(?:wij als ouders|als ouders)" + E,
    ),
    "leerling": _p(
        W + r"(?:ik zit|zit|ik zat) (?:nu )?in (?:groep|klas|de brugklas|brugklas|de \d|\d|de eerste|de tweede|de derde|de vierde|de vijfde|de zesde|havo|vwo|vmbo|mavo|het vmbo|de onderbouw|de bovenbouw)",
        W + r"(?:ik ben|ben) (?:een )?(?:leerling|leerlinge|scholier|brugger|brugklasser|kind)" + E,
        W + r"(?:ik ben|ben|bn) (?:\d{1,2}|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien) ?(?:jaar|jr)" + E,
        W + r"(?:mijn|m'n|mn|me) (?:klasgenoot|klasgenoten|juf|meester|mentor|leraar|lerares|docent|klas|leerkracht|klasgenote|school|schoolvrienden)" + E,
        _alleen(r"leerling|scholier|kind"),
    ),
}

# --- situation (in priority order: the first found wins) -----------------------------------------
_SITUATIE = [
    ("seksueel_misbruik", _p(
        W + r"(?:seks|sex|seksu|sexu|verkracht|aangerand|aanrand|betast|misbruik|grensoverschrijd|ongewenst(?:e)? (?:intim|aanrak)|intiem)",
        W + r"(?:naakt|naaktfoto|nudes?|dickpic|sexting|sextortion|grooming|bloot|blote)" + E,
        W + r"(?:zit|zat|zitten|zaten|komt|kwam) (?:steeds |altijd |vaak )?(?:aan mij|aan me|aan mijn (?:billen|borsten|kont|lijf|lichaam|benen|kruis))",
        W + r"(?:aan ?raken|aanraken|aangeraakt|raakt (?:me|mij) aan|raakte (?:me|mij) aan)",
        W + r"(?:billen|borsten|tieten|kruis|piemel|lul)" + E,
        W + r"(?:tegen mijn wil|zonder dat ik wil|zonder dat ik het wilde) (?:gezoend|zoenen|kussen|gekust|aangeraakt)",
        W + r"(?:gezoend|gekust) (?:tegen mijn wil|terwijl ik (?:dat|het) niet wilde)",
        W + r"(?:loverboy|pikante foto|foto'?s van mijn lichaam)",
    )),
    ("discriminatie", _p(
        W + r"(?:discrimin|racis|racist|antisemit|islamofob|homofob|transfob|haatzaai)",
        W + r"(?:huidskleur|afkomst|hoofddoek|religie|moslim|moslima|joods|jood|allochtoon|buitenlander|marokkaan|turk|surinamer|antilliaan|vluchteling|asielzoeker)" + E,
        W + r"(?:homo|lesbo|lesbi|lesbisch|gay|flikker|mietje|trans|transgender|queer|lhbti|lhbt|non-?binair|biseksueel)" + E,
        W + r"(?:n-woord|neger|nikker|aap uitgescholden|apengeluiden|kankerjood|kankermarokkaan)",
        W + r"(?:vanwege|om|door|omdat) (?:mijn|m'n|zijn|haar|hun) (?:handicap|beperking|kleur|geloof|afkomst|accent|naam|religie)",
    )),
    ("intimidatie_ernstig", _p(
        W + r"(?:intimid|bedreig|dreig|afpers|afgeperst|chanteer|chantage|gechanteerd|stalk)",
    )),
    ("pesten", _p(
        W + r"(?:pest|gepest|pesterij|pester|cyberpest)",
        W + r"(?:uitgescholden|uitschelden|scheld|schelden|uitgelachen|uitlachen|lachen (?:me|mij|hem|haar) uit|lacht (?:me|mij) uit)",
        W + r"(?:buitengesloten|buiten ?sluiten|sluiten (?:me|mij|hem|haar) buiten|buiten gesloten|niemand wil (?:met|naast) (?:me|mij))",
        W + r"(?:genegeerd|negeren (?:me|mij)|negeert (?:me|mij)|roddel|treiter|getreiterd|belachelijk)",
        W + r"(?:doen|doet|deden) (?:heel |super |zo |echt |kk |kkr |kanker |erg )?(?:vervelend|irritant|gemeen|rot|lelijk|naar)",
        W + r"(?:gemeen|gemene|nare opmerkingen|uit de groepsapp|uit de app gegooid|spullen (?:af|kapot))",
    )),
    ("intimidatie", _p(
        W + r"(?:agressie|agressief|geweld|gewelddadig|mishandel)",
        W + r"(?:slaan|slaat|sloeg|sloegen|geslagen|schop|schopt|schopten|geschopt|stomp|stompt|gestompt|duwen|duwt|geduwd|trappen|getrapt|klappen|in elkaar geslagen|vechten|knokken|gewurgd)" + E,
        W + r"(?:schreeuwt|schreeuwen|schreeuwde|tiert) (?:tegen|naar) (?:me|mij|ons|mijn)",
        _alleen(r"intimidatie|bedreiging|geweld|agressie"),
    )),
]

_SITUATIE_KNOP = _alleen(r"anders|iets anders|iets anders dan dit")

# --- school type --------------------------------------------------------------------------------
_ONDERWIJSTYPE = {
    "po": _p(
        W + r"groep ?(?:[1-8]|een|twee|drie|vier|vijf|zes|zeven|acht)" + E,
        W + r"(?:basis ?school|bassischool|basisonderwijs|basisscholen|primair onderwijs|kleuter|kleuterklas|obs|cbs|po)" + E,
    ),
    "vo": _p(
        W + r"(?:brugklas|brugger|brugklasser|middelbare|middelbaar|voortgezet onderwijs|vo|mavo|vmbo|havo|vwo|atheneum|gymnasium|lyceum|praktijkonderwijs|basisberoeps|onderbouw|bovenbouw|examenklas)" + E,
        W + r"(?:klas ?[1-6]|[1-6]e klas|(?:eerste|tweede|derde|vierde|vijfde|zesde) ?(?:klas|jaars)|[1-6] ?(?:havo|vwo|vmbo|mavo|gym)|(?:havo|vwo|vmbo|mavo|h|v|m) ?[1-6])" + E,
    ),
}
_BUITEN_SCOPE = _p(W + r"(?:mbo|hbo|roc|hogeschool|universiteit|wo-opleiding|student|studente)" + E)

# --- who it is about ---------------------------------------------------------------------------
_ANDER_MENSEN = r"(?:zoon|zoontje|dochter|dochtertje|kind|kindje|kinderen|stiefzoon|stiefdochter|pleegkind|vriend|vriendin|vriendinnetje|broer|broertje|zus|zusje|zussen|broers|neef|nicht|nichtje|leerling|leerlinge|leerlingen|lln|collega|collega's|klasgenoot|klasgenote|buurjongen|buurmeisje)"
_VOOR_WIE = {
    "ander": _p(
        W + r"(?:niet ik|niet over mij|niet mij|niet over mezelf|over iemand anders|iemand anders|voor iemand anders|voor een ander|over een ander)",
        W + r"(?:ik word|ik wordt|word ik) (?:zelf )?(?:niet|nie) \w+ (?:maar|wel)",
        W + r"(?:mijn|m'n|mn|ons|onze|een|die) " + _ANDER_MENSEN + r" (?:\w+ )?(?:wordt|werd|is|zijn|worden|werden|voelt|krijgt|heeft)" + E,
        W + r"(?:een|de|die) (?:leerling|leerlinge|lln) (?:van mij|uit mijn klas|in mijn klas|van ons)",
        W + r"(?:mijn|m'n|mn|ons|onze) (?:zoon|zoontje|dochter|dochtertje|kind|kindje|kinderen|stiefzoon|stiefdochter|pleegkind)" + E,
        _alleen(r"ander|anders|iemand anders|een ander"),
    ),
    "zelf": _p(
        W + r"word (?:\w+ ){0,3}(?:gepest|uitgescholden|geslagen|bedreigd|betast|gediscrimineerd|buitengesloten|genegeerd|uitgelachen|lastiggevallen|geintimideerd)" + E,
        W + r"(?:ik word|ik wordt|word ik|ik werd|werd ik|ik ben (?:\w+ )?(?:gepest|uitgescholden|geslagen|bedreigd|betast|aangerand|gediscrimineerd|aangeraakt|geintimideerd|geïntimideerd))",
        W + r"(?:pesten|pest|slaan|slaat|schopt|schoppen|bedreigen|bedreigt|intimideert|intimideren|discrimineren|discrimineert|negeren|negeert|betast|betasten|uitschelden|scheldt|schelden) (?:me|mij|mijzelf)" + E,
        W + r"(?:me|mij) (?:uit|aan|buiten|lastig|pijn)" + E,
        W + r"(?:over mij|over mezelf|over mijzelf|gaat om mij|voor mezelf|voor mijzelf)",
        _alleen(r"zelf|mijzelf|mezelf|ikzelf|over mij|ik|mij"),
    ),
}

# --- who does it -------------------------------------------------------------------------------
_DADER_PERSONEEL = r"(?:leraar|lerares|leerkracht|docent|docente|juf|juffrouw|meester|mentor|conci[eë]rge|coach|trainer|gymleraar|gymdocent|gymjuf|directeur|directrice|rector|teamleider|begeleider|onderwijsassistent|stagiair|stagiaire|collega|leidinggevende|invaller|ib'?-?er|conrector)"
_DADER_LEERLING = r"(?:klasgenoot|klasgenote|klasgenoten|medeleerling|medeleerlingen|leerling|leerlingen|jongens|meiden|meisjes|kinderen|kids|groepje|oudere leerlingen|bovenbouwers|ouderejaars|een jongen|een meisje)"
_DADER = {
    "ouder": _p(
        W + r"(?:de |een |die )?(?:vader|moeder|ouder|ouders|papa|mama) van (?:een |mijn |zijn |haar |die |een andere )?(?:klasgenoot|klasgenote|leerling|jongen|meisje|kind|ander kind|vriend|vriendin|andere leerling)",
        W + r"(?:een|andere|boze) (?:ouder|ouders|vader|moeder)" + E + r".{0,30}(?:bedreig|dreig|schreeuw|scheld|intimid|slaat|sloeg|pest|agressief|discrimin)",
    ),
    "personeel": _p(
        W + r"(?:de|een|mijn|m'n|mn|onze|die|door de|door een|door mijn|door die) " + _DADER_PERSONEEL + E + r"(?: van \w+)? (?:\w+ )?(?:pest|pestte|scheldt|schold|slaat|sloeg|zit|zat|raakt|raakte|betast|intimideert|bedreigt|discrimineert|schreeuwt|doet|deed|zegt|zei|noemt|stuurt|stuurde|kleineert|vernedert|maakt|negeert|heeft)",
        W + r"(?:door|van) (?:de|een|mijn|m'n|onze|die) " + _DADER_PERSONEEL + E,
        W + r"(?:een|de|mijn) " + _DADER_PERSONEEL + E + r".{0,40}(?:ongepast|grensoverschrijd|seks|aanrak|betast|misbruik|intimid|discrimin)",
    ),
    "medeleerling": _p(
        W + r"(?:door|van) (?:de |een |mijn |m'n |die |twee |drie |een paar |andere )?" + _DADER_LEERLING + E,
        W + r"(?:mijn|m'n|mn|de|een|die|andere|sommige|twee|drie|een paar) " + _DADER_LEERLING + E + r"(?: uit (?:mijn|de|zijn|haar) klas)? (?:\w+ )?(?:pest|pesten|scheld|slaan|slaat|doen|doet|zitten|zit|sluiten|lachen|schoppen|bedreigen|noemen|sturen|zetten|maken|plaatsen|delen)",
        W + r"(?:klasgenoot|klasgenote|klasgenoten|medeleerling|medeleerlingen)" + E,
        W + r"(?:ze|zij) (?:in|uit) (?:mijn|de) klas",
    ),
}

# --- context for routing -----------------------------------------------------------------------
_CONTEXT = {
    "online": _p(W + r"(?:online|internet|groepsapp|groeps app|whatsapp|app|appje|insta|instagram|snapchat|snap|tiktok|discord|facebook|sociale media|social media|foto|foto's|fotos|filmpje|video|nepaccount|nepprofiel|gehackt|webcam)" + E),
    "thuis": _p(W + r"(?:thuis|mijn (?:vader|moeder|stiefvader|stiefmoeder|broer|ouders) (?:slaat|slaan|sloeg|schopt|mishandelt|zit aan)|huiselijk geweld|kindermishandeling|mishandeld thuis|bij ons thuis)" + E),
    "recent": _p(W + r"(?:gisteren|vandaag|vannacht|gisteravond|vanochtend|vanmiddag|vanavond|afgelopen nacht|net gebeurd|zojuist|eergisteren)" + E),
    "lhbti": _p(W + r"(?:homo|lesbo|lesbi|lesbisch|gay|flikker|mietje|trans|transgender|queer|lhbti|lhbt|non-?binair|biseksueel)" + E),
    "school_helpt_niet": _p(W + r"(?:school doet niks|school doet niets|school helpt niet|school luistert niet|ze doen niks|niemand doet iets|directeur doet niks|mentor doet niks|school neemt (?:het|me|ons) niet serieus)"),
}


def _eerste(patroon: re.Pattern[str], tekst: str) -> re.Match[str] | None:
    return patroon.search(tekst)


def _maskeer(tekst: str, patroon: re.Pattern[str]) -> str:
    # Keep positions: replace look-alikes by spaces of the same length.
    return patroon.sub(lambda m: " " * len(m.group(0)), tekst)


def acuut_soort(tekst: str) -> str | None:
    """"zelfdoding", "levensgevaar" or None. Suicidal thoughts come first: 113 is the right line."""
    schoon = _maskeer(normaliseer(tekst), _LOOKALIKES)
    if _ZELFDODING.search(schoon):
        return "zelfdoding"
    if _LEVENSGEVAAR.search(schoon):
        return "levensgevaar"
    return None


def herken(tekst: str) -> Signalen:
    """All signals found in one message, each with its span in the original text."""
    if not tekst or not tekst.strip():
        return Signalen()
    laag = normaliseer(tekst)
    gevonden: list[Signaal] = []

    def voeg_toe(slot: str, waarde: str, m: re.Match[str] | None) -> bool:
        if m is None:
            return False
        gevonden.append(Signaal(slot, waarde, m.start(), m.end(), tekst[m.start():m.end()]))
        return True

    schoon = _maskeer(laag, _LOOKALIKES)
    m = _ZELFDODING.search(schoon)
    if not voeg_toe("acuut_soort", "zelfdoding", m):
        voeg_toe("acuut_soort", "levensgevaar", _LEVENSGEVAAR.search(schoon))

    for rol, patroon in _ROL.items():
        if voeg_toe("rol", rol, _eerste(patroon, laag)):
            break

    for naam, patroon in _SITUATIE:
        waarde = "intimidatie" if naam == "intimidatie_ernstig" else naam
        if voeg_toe("situatie", waarde, _eerste(patroon, laag)):
            break
    else:
        voeg_toe("situatie", "anders", _SITUATIE_KNOP.search(laag.strip()))

    for waarde, patroon in _ONDERWIJSTYPE.items():
        if voeg_toe("onderwijstype", waarde, _eerste(patroon, laag)):
            break
    voeg_toe("context", "buiten_scope", _BUITEN_SCOPE.search(laag))

    for waarde, patroon in _VOOR_WIE.items():
        if voeg_toe("voor_wie", waarde, _eerste(patroon, laag)):
            break

    for waarde, patroon in _DADER.items():
        if voeg_toe("dader", waarde, _eerste(patroon, laag)):
            break

    for waarde, patroon in _CONTEXT.items():
        voeg_toe("context", waarde, patroon.search(laag))

    return Signalen(tuple(gevonden))


def zonder_overlap(signalen: Signalen, tekst: str) -> list[Signaal]:
    """The signals with spans trimmed so that no two overlap.

    One phrase can carry two facts ("mijn zoon wordt" is both rol=ouder and voor_wie=ander), but
    Rasa entities, test stories and exported transcripts cannot express overlapping spans. A later
    signal keeps the longest part of its span that is still free; only when none is left does it
    keep its own span.
    """
    bezet: list[tuple[int, int]] = []
    uit: list[Signaal] = []
    for s in signalen.lijst:
        vrij = [(s.start, s.eind)]
        for b_start, b_eind in bezet:
            nieuw = []
            for v_start, v_eind in vrij:
                if b_eind <= v_start or b_start >= v_eind:
                    nieuw.append((v_start, v_eind))
                    continue
                if v_start < b_start:
                    nieuw.append((v_start, b_start))
                if b_eind < v_eind:
                    nieuw.append((b_eind, v_eind))
            vrij = nieuw
        delen = []
        for v_start, v_eind in vrij:
            stuk = tekst[v_start:v_eind]
            links = len(stuk) - len(stuk.lstrip(" ,.;:!?"))
            rechts = len(stuk.rstrip(" ,.;:!?"))
            if rechts > links:
                delen.append((v_start + links, v_start + rechts))
        start, eind = max(delen, key=lambda d: d[1] - d[0]) if delen else (s.start, s.eind)
        bezet.append((start, eind))
        uit.append(Signaal(s.slot, s.waarde, start, eind, tekst[start:eind]))
    return uit
