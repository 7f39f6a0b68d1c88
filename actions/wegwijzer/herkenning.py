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
from typing import Callable


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
    W + r"dood ?graag|dood ?gegooid|doodgegooid|(?:telefoon|batterij|accu|mobiel|laptop|plant|hamster|vis|konijn|kat|hond|cavia|opa|oma)\w* (?:is |was |ging )?(?:helemaal )?(?:leeg en )?dood",
    W + r"(?:vermoordt|vermoorden|maakt|maken) (?:me|mij) (?:af )?(?:als|wanneer)" + E,
    W + r"(?:zou|kan|kon) (?:die|de|het|dat) (?:\w+ )?(?:wel )?(?:kunnen )?vermoorden",
    W + r"(?:sneed|snijdt|snijden|snij|snijd) (?:\w+ ){0,3}met (?:een |het |de )?mes|mes (?:\w+ )?(?:voor|bij) (?:de |het )?(?:kookles|taart|brood|knutsel\w*|eten|fruit|appel)",
    W + r"(?:schiet|schoot|schieten|geschoten) (?:\w+ )?(?:de |een |het )?(?:bal|penalty|doelpunt|goal|foto|plaatje|filmpje|raak)" + E,
    W + r"zelfmoord ?aanslag\w*|(?:geschiedenis|boek|les|film|serie|oorlog)\w* .{0,40}(?:dood|vermoord|zelfmoord)",
    W + r"(?:kan|kon) (?:niet|nie) meer van (?:het |de )?(?:lachen|lach)",
    W + r"(?:hamster|vis|visje|konijn|kat|poes|hond|cavia|parkiet|vogel|muis|kip)\w* (?:\w+ )?(?:ademt|beweegt|reageert) (?:niet|nie)(?: meer)?" + E,
    W + r"lek ?gestoken|(?:band|banden|fiets) (?:\w+ )?(?:lek )?gestoken|op (?:(?:zijn|haar|mijn|z'n|zn|mn|de|hun|je|jouw) )?schoot" + E + r"|(?:in|uit) (?:zijn|haar|de) schoot" + E,
    W + r"(?:schrok|schrik|schrikt|verveel|verveelde|vervelen|lach|lachte|erger|ergerde|werk|werkte) (?:me|mij|ons|zich) (?:bijna |echt |helemaal )?dood" + E,
    W + r"dood ?gegaan (?:haha\w*|lol|xd|van het lachen)|(?:haha\w*|lol|xd) .{0,20}dood" + E,
    W + r"(?:ga|gaat|ging|gingen) (?:bijna |echt |gewoon )?dood (?:van|aan) (?:de |het |deze |die |dat |mijn )?(?:wiskunde|toets|toetsen|proefwerk|huiswerk|les|lessen|school|zenuwen|stress|spanning|verveling|honger|dorst|hitte|kou|presentatie|examen|examens)" + E,
    W + r"het leven is (?:soms |best |echt |gewoon )?(?:saai|leuk|mooi|druk|raar|gek|oneerlijk)" + E,
    # Someone else ending the bullying, or an end to "het pesten": not about the writer's life.
    W + r"(?:school|mentor|directeur|directie|leraar|lerares|docent|juf|meester|jullie|politie) (?:\w+ ){0,3}(?:er )?(?:een )?(?:eind|einde) (?:aan )?(?:\w+ ){0,2}(?:maken|maakt|maakte|te maken)" + E,
    W + r"(?:eind|einde) (?:\w+ ){0,2}(?:aan|maken aan) (?:het|dit|dat|deze|die|al dat|al het|hun) (?:\w+ )?(?:pest|gepest|gedoe|gedrag|geroddel|gescheld|schelden|discrimin|intimid|geweld|ruzie|situatie|getreiter|treiter)\w*",
    # A slur about a group ("moslims leggen bommen") is discrimination, not a bomb threat.
    W + r"(?:moslim|islam|arabier|marokkaan|turk|syrier|afghaan|buitenlander|allah|hoofddoek|jood|joden)\w*(?: \w+){0,3} (?:bom|bommen|opblazen|opgeblazen|blazen \w+ op)" + E,
    W + r"(?:zeg|zegt|zeggen|zei|zeiden|roep|roept|roepen|riep|riepen|noem\w*|scheld\w*|grap\w*|vraagt|vragen|vroeg|vroegen|beweert|beweren) (?:\w+ ){0,8}?(?:moslim|islam|arabier|marokkaan|turk|syrier|afghaan|buitenlander|allah|hoofddoek|jood|joden|terrorist)\w* (?:\w+ ){0,6}(?:bom|bommen)" + E,
    W + r"(?:zeg|zegt|zeggen|zei|zeiden|roep|roept|roepen|riep|riepen|noem\w*|scheld\w*|grap\w*|vraagt|vragen|vroeg|vroegen|beweert|beweren) (?:\w+ ){0,8}?(?:bom|bommen) (?:\w+ ){0,8}(?:moslim|islam|arabier|marokkaan|turk|syrier|afghaan|buitenlander|allah|hoofddoek|jood|joden|terrorist)\w*",
    W + r"(?:bommetje\w*|de bom (?:is )?(?:gebarsten|barst)|barstte de bom|een bom (?:geld|duiten)|bommenwerper\w*)" + E,
)

_ZELFDODING = _p(
    W + r"(?:zelf ?moord|zelfmoort|zelfdod|su[iï]?c[iï]?d|suicid|sucid)",
    W + r"(?:niet|nie|nt) (?:meer )?(?:willen |wil |wilt )?(?:leven|lefen|leve)" + E,
    W + r"(?:wil|wilt|willen|will) (?:niet meer|nie meer|nooit meer) (?:leven|wakker worden|bestaan|hier zijn|er zijn)",
    W + r"(?:wil|wilt|willen|will|wou) (?:graag |gewoon |gwn |echt |liever )?(?:dood|sterven|dood gaan|doodgaan)" + E,
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
    # Indirect and reported: "dat hij dood wil", "zichzelf iets wil aandoen", "van het leven beroven".
    W + r"(?:dood|sterven|doodgaan|dood gaan) (?:wil|wilt|willen|wou|wilde)" + E,
    W + r"(?:wilde|wouden|wilden) (?:ik |hij |ze |zij )?(?:\w+ )?(?:dood|sterven|doodgaan|dood gaan)" + E,
    W + r"(?:doe|doet|deed|doen) (?:ik |hij |ze |zij )?(?:mezelf|mijzelf|me ?zelf|zichzelf|mij|zich) (?:\w+ )?(?:pijn|iets aan)" + E,
    W + r"klaar met (?:het |mijn |m'n |mn |dit |me )?(?:leven|bestaan)" + E,
    W + r"(?:zou|wou|wil|wilde|zal) (?:ik |hij |ze |zij )?(?:\w+ )?(?:er|hier) (?:\w+ ){0,2}(?:niet|nie|nooit) meer (?:zijn|wezen|bestaan)" + E,
    W + r"(?:touw|strop)\w* (?:\w+ ){0,3}(?:gekocht|gepakt|gehaald|klaar|opgehangen|verstopt|vastgemaakt)" + E,
    W + r"(?:weet|weet al|heb bedacht|heb besloten) (?:\w+ )?(?:hoe|waar|wanneer) ik het (?:ga|zal|wil|moet) doen" + E,
    W + r"waarom (?:ik )?(?:\w+ )?(?:nog )?(?:leef|besta)" + E,
    W + r"(?:springen|springt|spring|sprong) (?:\w+ )?(?:van|vanaf|voor|onder|uit) (?:het|de|een|mijn) (?:dak|flat|brug|trein|metro|balkon|raam)" + E,
    W + r"(?:er|alles) (?:\w+ ){0,2}een punt achter (?:\w+ )?(?:zet|zetten|te zetten)" + E + r"(?! (?:met|bij|en (?:ga|stop)))",
    W + r"(?:mezelf|mijzelf|me ?zelf|zichzelf|haarzelf|hemzelf|zich) (?:\w+ ){0,2}(?:van het leven (?:beroven|benemen)|doden|dood (?:te )?maken|om te brengen|ombrengen|vermoorden|iets (?:wil |wilt |te )?aan ?(?:te )?doen|pijn (?:doe|doen|te doen)|ophangen)",
    W + r"(?:leven|levens) (?:\w+ )?(?:beeindigen|beindigen|beeindig|stoppen|nemen)" + E,
    W + r"(?:van|vanaf|voor) (?:de|het|een) (?:brug|dak|flat|trein|metro|snelweg)\w* (?:af )?(?:springen|spring|springt|gaan liggen|lopen)",
    W + r"(?:pillen|pilletjes|medicijnen|slaappillen)\w* (?:\w+ ){0,2}(?:verzameld|gespaard|opgespaard|innemen|in te nemen|slikken|te slikken)",
    W + r"hoeveel (?:pillen|pilletjes|medicijnen|slaappillen)",
    W + r"(?:doe|doet|deed|doen) (?:mezelf|mijzelf|me ?zelf|zichzelf|mij) (?:\w+ )?(?:pijn|iets aan)" + E,
    W + r"(?:beter|fijner|makkelijker) (?:\w+ ){0,2}(?:als|dat|zonder) (?:ik|mij|me) (?:er )?(?:\w+ )?(?:niet|nie|dood|weg)",
    W + r"beter af zonder (?:mij|me)" + E,
    W + r"het hoeft (?:voor mij )?(?:allemaal )?(?:niet|nie) meer",
    W + r"zie het (?:echt |gewoon )?(?:niet|nie) meer zitten",
    W + r"(?:nooit|niet|nie) meer wakker (?:te )?(?:worden|word)",
    W + r"(?:wil|wilt|willen|will|wou) (?:er |hier )?(?:\w+ ){0,2}(?:niet|nie|nt|nooit) meer (?:zijn|bestaan|leven|hier|er zijn|hier zijn)" + E,
    W + r"(?:er|hier) (?:\w+ )?(?:niet|nie) meer (?:wil|wilt|wou) zijn",
    W + r"(?:afscheidsbrief|afscheidsbrieven|manier om (?:dood|er een eind|zelfmoord|te sterven)|hoe (?:kan|moet) ik (?:dood|sterven|zelfmoord))",
    W + r"(?:wil|wilt) (?:\w+ ){0,4}in de hemel zijn",
    # Euphemisms (issue #4): "er een eind aan moet maken", "beter af is zonder mij", "als ik er
    # niet meer ben", "voorgoed slapen", "mezelf van kant te maken".
    W + r"(?:eind|einde) aan (?:\w+ ){0,2}(?:maken|te maken|make|maak)" + E,
    W + r"beter af (?:\w+ ){0,2}(?:zonder (?:mij|me)|als ik (?:er )?(?:\w+ )?(?:niet|nie|dood|weg))" + E,
    W + r"(?:dat|als|wanneer|zodra|als ik) ik er (?:\w+ )?(?:niet|nie) meer (?:ben|zou zijn|was|zijn)" + E,
    W + r"(?:mezelf|mijzelf|me|mij) (?:\w+ ){0,3}(?:van kant|om zeep) (?:te )?(?:maken|helpen)" + E,
    # The same wording about someone else: "dat hij zichzelf van kant wil maken".
    W + r"(?:zichzelf|zich|hemzelf|haarzelf|zelf|mzelf|zichzelve) (?:\w+ ){0,3}(?:van kant|om zeep|van het leven|dood|iets) (?:\w+ ){0,2}(?:te )?(?:maken|helpen|beroven|benemen|aan ?doen)" + E + r"|(?:van kant|om zeep) (?:\w+ ){0,2}(?:te )?(?:maken|helpen|make)" + E + r"(?<!van kant maakt)",
    W + r"(?:nooit|niet|nie) meer wakker (?:\w+ )?(?:te )?(?:worden|word|wordt|werd)" + E,
    W + r"(?:voorgoed|voor altijd|eeuwig) (?:\w+ )?(?:slapen|verdwijnen|gaan slapen)" + E,
    W + r"(?:mijn|m'n|mn) leven (?:\w+ ){0,2}(?:geen zin|zinloos|niks waard|niets waard|niet (?:meer )?(?:de moeite )?waard)",
    W + r"(?:pillen|pilletjes|medicijnen|slaappillen|tabletten)\w* (?:\w+ ){0,3}(?:gezocht|gepakt|geslikt|ingenomen|verstopt)" + E,
    W + r"(?:kys|kill yourself|kill myself|killing myself|want to die|wanna die|end my life|hurt myself|dont want to live|don't want to live)" + E,
    # Hanging in any tense or person, also as a condition: "dat hij zich ophangt als ...".
    W + r"(?:mezelf|mijzelf|me ?zelf|zichzelf|zich|hemzelf|haarzelf) (?:\w+ ){0,2}(?:ophangt|ophang|ophing|ophingen|opknoopt|opknoop|op te hangen|op te knopen|verhangt|verhang|verhangen)" + E,
    W + r"(?:hangt|hang|hing|knoopt|knoop) (?:ik |hij |ze |zij )?(?:mezelf|mijzelf|zichzelf|zich) (?:\w+ ){0,3}op" + E,
    W + r"(?:me|mij) (?:ophang|ophangt|opknoop|op te hangen|op te knopen)" + E,
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
    W + r"(?:met|heeft|had|pakt|trekt|trok) (?:n |'n |zn |mn |een paar )?(?:mes|messen|pistool|wapen|wapens|vuurwapen|geweer)" + E,
    W + r"(?:dreig\w*|gaat|gaan|wil|wilt|zal|zei dat \w+) .{0,30}(?:vermoorden|doodmaken|dood (?:te )?maken?|neersteken|neerschieten|doodsteken|doodschieten)" + E,
    W + r"(?:vermoorden|doodmaken|neersteken|neerschieten)" + E + r".{0,20}(?:help|nu)" + E,
    W + r"(?:nu|help|helpp+)" + E + r".{0,30}(?:in elkaar (?:geslagen|getrapt|geschopt)|geslagen|slaan|slaat|mes|wapen)",
    W + r"(?:in elkaar (?:geslagen|getrapt|geschopt)|slaan|slaat|opgesloten)" + E + r".{0,40}(?:help|helpp+)" + E,
    W + r"(?:ik ben|we zijn|ik zit|we zitten|zit) (?:nu )?(?:opgesloten|ontvoerd)",
    W + r"(?:bom|bommen|bommelding|bomdreiging|explosief|schietpartij|schutter)" + E,
    W + r"(?:vuurwapen|pistool|geweer)" + E,
    W + r"(?:reageert|ademt) (?:niet|nie) (?:meer)?(?! ?(?:meer )?op (?:\w+ )?(?:apps?|appjes|berichten|berichtjes|mails?|sms\w*|snaps?|dm\w*|telefoon|mobiel|bellen|mijn vragen|vragen))",
    # Happening now (issue #4): chased, a threat to stab or shoot, a weapon; "nu", "op dit
    # moment", "onderweg" make an ongoing threat an emergency.
    W + r"(?:dreigt|dreigen|dreig|dreigd) (?:\w+ ){0,5}(?:te )?(?:steken|neersteken|doodsteken|schieten|neerschieten|doodschieten|doden|wurgen)" + E,
    W + r"(?:gaat|gaan|wil|wilt|komt|komen) (?:\w+ ){0,3}(?:neersteken|doodsteken|neerschieten|doodschieten|steken|schieten)" + E + r".{0,30}(?:nu|op dit moment|vandaag|straks|na school|help)" + E,
    W + r"(?:achterna|achtervolg\w*|opgejaagd|omsingeld)" + E + r".{0,60}(?:stok|stokken|knuppel\w*|bijl|hamer|boksbeugel|mes|messen|wapen\w*|schaar|stenen|nu|op dit moment|onderweg|help)" + E,
    W + r"(?:nu|op dit moment|onderweg|momenteel|help)" + E + r".{0,60}(?:achterna|achtervolg\w*|opgejaagd|omsingeld)" + E,
    W + r"(?:nu|op dit moment|momenteel|onderweg)" + E + r".{0,40}(?:met (?:een |hun |zijn |z'n )?(?:stok|stokken|knuppel\w*|bijl|hamer|boksbeugel|machete)|steken|neersteken|schieten|wurgen|wurgt)" + E,
    W + r"(?:met|heeft|had|pakt|trekt|trok) (?:een |z'n |zijn |haar |n )?(?:knuppel|honkbalknuppel|bijl|boksbeugel|machete|zwaard)" + E,
    W + r"(?:has|with|got) a (?:knife|gun)|going to kill (?:me|us)|kill (?:me|us)" + E,
)

# --- role ---------------------------------------------------------------------------------------
_PERSONEEL_WOORD = r"(?:docent|docente|leraar|lerares|leerkracht|juf|meester|mentor|mentrix|ib'?-?er|intern begeleider|conci[eë]rge|directeur|directrice|teamleider|zorgco(?:[oö]rdinator)?|onderwijsassistent|oop|onderwijsondersteuner|gymleraar|gymdocent|vakdocent|invaller|invalkracht|stagiair|stagiaire|pedagogisch medewerker|schoolleider|rector|coordinator|vertrouwenspersoon|begeleider|onderwijzer|remedial teacher|schoolmaatschappelijk werker|leerlingbegeleider|decaan)"
_LEEFTIJD_KIND = r"(?:[5-9]|1[0-9]|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien)"
_ROL = {
    "onderwijspersoneel": _p(
        # "als" with an article is "when": "als de meester niet kijkt" (second pass, issue #4).
        W + r"(?:ik ben|ik werk als|ben|werk als) (?:een |de )?" + _PERSONEEL_WOORD + E + r"|" + W + r"als " + _PERSONEEL_WOORD + E,
        # "IB'er hier", "docent hier": how staff introduce themselves in a hurry.
        W + _PERSONEEL_WOORD + r"(?: \w+)? hier" + E,
        # Issue #4: "ik sta voor groep 8", "ik geef les in", "ik val in als", "Mentor van 2 havo:",
        # "leerkracht, groep 4", "als transgender docent" (one adjective, not "als mijn docent").
        W + r"(?:ik sta|sta) voor (?:de |een |groep|klas|[1-6] ?(?:havo|vwo|vmbo|mavo))|(?:ik geef|geef) (?:\w+ ){0,2}les" + E + r"|ik val (?:\w+ )?in (?:als|voor)" + E,
        r"^\s*(?:\w+ )?" + _PERSONEEL_WOORD + r"(?: (?:van|in|op|bij) [\w ]{1,20}| (?:onderbouw|bovenbouw|middenbouw|groep ?\d|klas ?\d|[1-6] ?(?:havo|vwo|vmbo|mavo)|po|vo|nederlands|engels|frans|duits|wiskunde|gym|lo|biologie|geschiedenis|aardrijkskunde|economie|muziek))?\s*[:,]",
        W + r"(?:ik ben|als|ben|ik werk als) (?:een )?(?!(?:mijn|mn|m'n|de|het|die|zijn|haar|onze|ons|jullie|hun|je|jouw|een)" + E + r")\w+ " + _PERSONEEL_WOORD + E,
        W + r"(?:een |twee |drie )?(?:leerling|leerlinge|lln|ll|leerlingen|pupil) (?:van mij|uit mijn klas|in mijn klas|van me)" + E,
        W + r"(?:mijn|m'n|mn) (?:leerling|leerlinge|leerlingen|lln|collega|collega's|leidinggevende|teamleider|directeur|schoolleiding|werkgever|mentorklas|mentorleerling\w*)" + E,
        # Pupils and parents do not write "lln", "collega" or "mentorklas".
        W + r"(?:lln|ll|collega|collega's|mentorklas|lerarenkamer|personeelskamer)" + E,
        W + r"(?:onderwijspersoneel|personeelslid|medewerker van (?:de|een) school|op mijn werk|werk op (?:een|de) (?:\w+ )?school|werk in het onderwijs|ik werk (?:op|bij|in) (?:een|de|het) (?:school|basisschool|middelbare|vmbo|havo|vwo|mavo|onderwijs))",
        _alleen(r"onderwijspersoneel|medewerker|personeel|docent|docente|leraar|lerares|leerkracht|ib'?-?er|intern begeleider|medewerker (?:van )?(?:de |een )?school"),
    ),
    "ouder": _p(
        W + r"(?:ik ben|als|ben) (?:zelf |ook |gewoon )?(?:de |een |zijn |haar )?(?:moeder|vader|ouder|verzorger|verzorgster|mama|papa|pleegouder|pleegmoeder|pleegvader|stiefmoeder|stiefvader|voogd|oma|opa)" + E,
        W + r"(?:wij|we) zijn (?:de |zijn |haar )?(?:ouders|ouder|verzorgers|pleegouders)" + E,
        r"^\s*(?:de |een )?(?:moeder|vader|ouder|ouders|mama|papa|verzorger|oma|opa) van (?:een|twee|drie|\d) (?:(?!ander)\w+ )?(?:kind|kinderen|zoon|dochter|leerling\w*|meisje|jongen|brugklasser|brugger|kleuter|puber|tiener|tweeling|scholier)" + E,
        W + r"(?:als|ik ben|ben) (?:de |een )?(?:moeder|vader|ouder|ouders|mama|papa|verzorger|oma|opa|pleegouder|pleegmoeder|pleegvader) van (?:een|twee|drie|\d|mijn|onze|ons) (?:\w+ )?(?:kind|kinderen|zoon|dochter|leerling\w*|meisje|jongen|brugklasser|brugger|kleuter|puber|tiener|tweeling|scholier|kleinzoon|kleindochter|kleinkind)" + E,
        W + r"(?:mijn|m'n|mn|ons|onze) (?:zoon|zoontje|dochter|dochtertje|kind|kinderen|kindje|stiefzoon|stiefdochter|pleegkind|pleegzoon|pleegdochter|jongste|oudste|kleinzoon|kleindochter|kleinkind|tweeling|kleinkinderen)" + E,
        _alleen(r"ouder|ouders|verzorger|ouder/verzorger|ouder of verzorger|moeder|vader|mama|papa|mam|pap"),
        W + r"(?:wij als ouders|als ouders)" + E,
    ),
    "leerling": _p(
        W + r"(?:ik zit|zit|ik zat|wij zitten|we zitten) (?:nu |zelf |ook |zelf ook |allebei |samen )?in (?:groep|gr|klas|de brugklas|brugklas|de \d|\d|de eerste|de tweede|de derde|de vierde|de vijfde|de zesde|havo|vwo|vmbo|mavo|het vmbo|de onderbouw|de bovenbouw)",
        # "ik zit op het vmbo", "hoi, ik ben 15 en zit op het vwo"; not "mijn zoon zit op ...".
        r"(?:^|(?<![a-z0-9])ik |(?<![a-z0-9])en |, ?)zit (?:nu |gewoon |nog |gewoon nog |ook |zelf )?op (?:de |het |een )?(?:school|basisschool|basis|middelbare|vmbo|havo|vwo|mavo|gymnasium|atheneum|lyceum)" + E,
        W + r"(?:ik ben|ben) (?:gewoon |maar |ook |zelf )?(?:een )?(?:leerling|leerlinge|scholier|brugger|brugklasser|kind)" + E,
        W + r"(?:ik ben|ben|bn) (?:pas |al )?" + _LEEFTIJD_KIND + r"(?: ?(?:jaar|jr)(?: oud)?)?" + E,
        W + r"(?:brugger|brugklasser)(?: hier)?" + E,
        W + r"(?:mijn|m'n|mn|me) (?:klasgenoot|klasgenoten|juf|meester|mentor|leraar|lerares|docent|klas|leerkracht|klasgenote|school|schoolvrienden|vriendje|vriendinnetje)" + E,
        W + r"(?:ik|we) (?:zie|zag|hoor|hoorde|weet) (?:dat )?(?:een|mijn|mn) klasgeno",
        W + r"(?:onze klas|onze klassenapp|klassenapp|uit onze klas|in onze klas|net als ik|mijn jaar|mn jaar)" + E,
        _alleen(r"leerling|leerlinge|scholier|kind"),
    ),
}
# Pupils' school life: with "me/mij" as the victim and no other role, the writer is a pupil.
_SCHOOLLEVEN_LEERLING = _p(W + r"(?:groep ?\d|gr ?\d|klas|brugklas|pauze|schoolplein|juf|meester|mentor|klasgeno\w*|gymles|les|lessen|gymleraar|gymdocent|gymjuf|gym|kleedkamer|kluisje|kluisjes|fietsenhok|schoolbus|kantine|aula|[1-6] ?(?:havo|vwo|vmbo|mavo)|(?:havo|vwo|vmbo|mavo) ?[1-6])" + E)

# --- situation (in priority order: the first found wins) -----------------------------------------
_SITUATIE = [
    ("seksueel_misbruik", _p(
        W + r"(?:seks|sex|seksu|sexu|verkracht|aangerand|aanrand|betast|misbruik|grensoverschrijd|ongewenst(?:e)? (?:intim|aanrak)|intiem|porno|sexy|geil)",
        W + r"(?:naakt|naaktfoto|naaktfotos|naaktfoto's|naaktfilmpje|nudes?|dickpic|dickpics|sexting|sextortion|grooming|gegroomd|bloot|blote|onderbroek|ondergoed|beha|hoer|slet)" + E,
        W + r"(?:zit|zat|zitten|zaten|komt|kwam) (?:steeds |altijd |vaak )?(?:aan mij|aan me|aan haar|aan hem|aan mijn (?:billen|borsten|kont|lijf|lichaam|benen|kruis))",
        W + r"aan (?:me|mij|haar|hem|mn|mijn|zijn|m'n) (?:\w+ ){0,2}(?:zit|zitten|zat|zaten|gezeten)" + E,
        W + r"(?:aan ?raken|aanraken|aangeraakt|raakt (?:me|mij) aan|raakte (?:me|mij) aan|raak\w* (?:\w+ ){1,3}aan)" + E,
        W + r"(?:billen|borsten|tieten|kruis|piemel|lul|kont)" + E,
        W + r"(?:tegen (?:mijn|haar|zijn) (?:wil|zin)|zonder dat ik wil|zonder dat ik het wilde) (?:\w+ )?(?:gezoend|zoenen|kussen|gekust|aangeraakt)",
        W + r"(?:gezoend|gekust|zoenen|kussen) (?:tegen (?:mijn|haar|zijn) wil|terwijl (?:ik|ze|zij|hij) (?:dat|het) niet (?:wil|wilde))",
        W + r"(?:loverboy|pikante foto|foto'?s van (?:mijn|haar|zijn) lichaam|opmerkingen over (?:mijn|haar|zijn) lichaam|over (?:mijn|haar|zijn) (?:kont|borsten|lichaam))",
        # Sextortion: a picture plus a threat or money.
        W + r"(?:foto|fotos|foto's|filmpje|beelden)\w* .{0,60}(?:dreig|chant|afpers|afgeperst|geld)",
        W + r"(?:dreig|chant|afpers|afgeperst|gechanteerd)\w* .{0,50}(?:foto|fotos|foto's|filmpje|beelden)",
        # Second pass (issue #4): the threat as a condition, "zet mijn foto's online als ik er niet meer stuur".
        W + r"(?:foto|fotos|foto's|filmpje|filmpjes|beelden|nudes)\w* .{0,60}(?:als|tenzij) (?:ik|ze|hij|zij|je) (?:er |hem |haar )?(?:niet |geen )?(?:meer )?(?:stuur|stuurt|sturen|betaal|betaalt|betalen)" + E,
        # Watching while pupils change; grooming signs: night-time hearts, "alleen thuis", apart, private.
        W + r"(?:kijk\w*|keek|staat|stond|staan|komt|kwam|loopt|liep|binnen|mee)" + E + r".{0,60}(?:terwijl|als|wanneer) (?:ze|wij|we|zij|ik|de meisjes|de jongens) (?:zich|ons|me) (?:\w+ )?(?:omkleden|omkleedden|omkleedt|omkleed|uitkleden|douchen|douchten)" + E,
        W + r"(?:berichten|berichtjes|appjes|dm'?s) (?:\w+ ){0,3}(?:hartjes|kusjes|xxx)" + E + r"|of (?:ze|hij|ik|zij) (?:\w+ )?alleen thuis (?:is|ben|was)" + E,
        W + r"(?:appt|appte|stuurt|stuurde|belt|belde) (?:haar|hem|me|mij) (?:\w+ )?prive" + E + r"|neemt (?:haar|hem|me|mij) (?:\w+ )?apart" + E + r"|te dicht (?:op|bij) (?:een|de|haar|hem|mij|me)" + E,
        W + r"(?:of ik|of ze|of hij) (?:\w+ ){0,3}met (?:hem|haar) (?:\w+ ){0,2}(?:uit eten|afspreken|naar de film|iets drinken)" + E,
        W + r"(?:kleedkamer|douche|wc)\w*" + E + r".{0,40}(?:kijk|filmp|gefilmd|film|foto)|(?:kijk|filmp|gefilmd|film|foto)\w* .{0,40}(?:kleedkamer|douche|omkleed)",
        W + r"wil dat ik (?:mijn |mn )?(?:\w+ )?(?:laat zien|uittrek|uit trek)",
        W + r"(?:onder (?:mijn|haar|mn|m'n) rok|uitgekleed|uitkleden|uitkleedt|uit te kleden)" + E,
        W + r"(?:te dichtbij|op (?:zijn|haar) schoot)",
        # Issue #4: touching and hugging that is unwanted, hands on body parts, trousers down,
        # nude images, "aantrekkelijk"/"lekker ding", a relationship with staff, odd messages.
        W + r"(?:naakt\w*|halfnaakt\w*|ontbloot\w*)",
        W + r"(?:knuffel\w*|zoen\w*|kust|kusjes|streel\w*|strelen|aait|aaien|betutteld)" + E + r".{0,40}(?:steeds|ongewenst|tegen (?:mijn|haar|zijn) (?:wil|zin)|niet wil|niet fijn|raar|rare|eng|vies)",
        W + r"(?:ongewenst|tegen (?:mijn|haar|zijn) (?:wil|zin)|zonder te vragen)" + E + r".{0,30}(?:knuffel\w*|zoen\w*|gekust|kussen|aangeraakt|aanraken|aangezeten|aanzitten|vastgepakt|betast)",
        W + r"(?:aan ?zitten|aangezeten|zit (?:\w+ ){0,2}aan (?:me|mij|haar|hem)|raak\w* (?:\w+ ){1,6}aan|raakte (?:\w+ ){1,6}aan)" + E,
        W + r"(?:hand|handen|arm) (?:\w+ ){0,2}op (?:mijn|haar|zijn|mn|m'n|me) (?:been|benen|bovenbeen|dij|dijen|billen|bil|kont|borst|borsten|knie|schoot|heup|onderrug)" + E,
        W + r"(?:broek|onderbroek|rok|shirt|bh)(?: \w+){0,2} (?:naar beneden|omlaag|omhoog|uit (?:te )?(?:trekken|doen)|uittrekken|uitdoen)" + E + r"|(?:ontbroek|ontbroekt|ontbroeken|ontbroekte)\w*",
        W + r"(?:aantrekkelijk\w*|lekker ding|lekkere meid|lekker wijf|hot|sexy|geil\w*|opgewonden)" + E,
        W + r"(?:dat ik|dat ze|dat zij|dat hij|me|mij|haar) (?:er )?(?:zo |heel |erg |echt |best )?(?:mooi|knap|lekker|sexy|hot|aantrekkelijk) (?:uitzie|uitziet|uitzag|vindt|vind|vond)" + E,
        W + r"(?:relatie|verkering|iets) (?:\w+ ){0,3}met (?:een |de |haar |zijn |mijn |hun )?(?:\w+ )?(?:leerling\w*|docent\w*|leraar|lerares|leerkracht|mentor|onderwijsassistent|stagiair\w*|coach|trainer|conci[eë]rge|juf|meester|gymleraar)" + E,
        W + r"(?:leerling\w*|docent\w*|leraar|lerares|leerkracht|mentor|onderwijsassistent|stagiair\w*|coach|conci[eë]rge) (?:\w+ ){0,4}(?:relatie|verkering) (?:met|heeft|hebben)",
        W + r"(?:stuurt|stuurde|sturen|stuurden|krijg\w*|kreeg\w*) (?:\w+ ){0,4}(?:vieze|ongepaste|enge|flirterige|pikante|seksuele|intieme) (?:berichtjes|berichten|appjes|dm'?s|mails|foto'?s|fotos|filmpjes|vragen)" + E,
        W + r"(?:vieze|ongepaste|enge|flirterige|pikante) (?:berichtjes|berichten|appjes|dm'?s|mails|foto'?s|fotos|vragen) (?:\w+ ){0,3}(?:stuurt|stuurde|sturen|gestuurd|krijg\w*|kreeg)" + E,
    )),
    ("discriminatie", _p(
        W + r"(?:ge)?(?:discrimin|racis|racist|antisemit|islamofob|homofob|transfob|haatzaai)",
        W + r"(?:huidskleur|afkomst|hoofddoek\w*|religie|moslim|moslima|moslims|joods|jood|joden|allochtoon|buitenlander|buitenlands|marokkaan|marokkaans|turk|turks|surinamer|surinaams|antilliaan|antilliaans|vluchteling|asielzoeker|syrier|syrisch|syrie|pools|afrikaans|somalisch|migratieachtergrond|migrant|terrorist|terroristen|allahu|zwarte piet|poepkleur|zigeuner|zigeuners|roma|pool|polen|polak|roemeen|roemeens|bulgaar|bulgaars|chinees|chinezen|aziatisch|spleetoog)" + E,
        W + r"(?:omdat|want|vanwege|sinds) (?:ik|hij|zij|ze|we|wij) (?:\w+ )?uit (?:\w+ )?(?:kom|komt|komen|kwam|kwamen)" + E,
        W + r"(?:homo|lesbo|lesbi|lesbisch|gay|flikker|mietje|trans|transgender|queer|lhbti|lhbt|lhbtiq|non-?binair|biseksueel|bi|uit de kast)" + E,
        W + r"(?:n-woord|neger|nikker|aap|apen|apengeluid\w*|kanker ?(?:jood|marokkaan|turk|neger|nikker|moslim|homo))",
        W + r"(?:vanwege|om|door|omdat) (?:mijn|m'n|zijn|haar|hun) (?:handicap|beperking|kleur|geloof|afkomst|accent|naam|religie)",
        W + r"(?:omdat|want|vanwege) (?:ik|hij|zij|ze) (?:\w+ ){0,2}(?:autisme|adhd|gehandicapt|handicap|beperking|rolstoel|zwart|bruin|donker|getint|moslim|joods|homo|lesbisch|trans|bi)" + E,
        W + r"(?:terug (?:moet |moeten |gaan |naar )|naar (?:je|jullie|zijn|haar|mijn) eigen land|eigen land)",
        W + r"twee (?:moeders|vaders|mama's|mamas|papa's|papas)" + E,
        # Issue #4: inflected origin/religion words, skin colour, nicknames about skin, nazi symbols.
        W + r"(?:marokkaanse|turkse|poolse|surinaamse|antilliaanse|syrische|somalische|afrikaanse|aziatische|chinese|arabische?|afghaanse?|eritrese|eritreeer|koerdische?|indonesische?|ghanese|nigeriaanse|roemeense|bulgaarse|islamitische?|islam|moskee|ramadan|joodse|keppel\w*|tulband|allochtone?n?|buitenlanders|moslima'?s|hindoe\w*|sikh)" + E,
        W + r"(?:\w+e|andere|culturele|niet-nederlandse) (?:achtergrond|afkomst|cultuur|huidskleur)" + E,
        W + r"(?:donker|donkere|zwart|zwarte|bruin|bruine|getint|getinte|blank|blanke|gekleurd|gekleurde) (?:huid|huidje|huidskleur|kind|kindje|kinderen|jongen|jongetje|jongens|meisje|meisjes|leerling|leerlingen|mensen|man|vrouw|collega|vader|moeder|ouder|ouders)" + E,
        W + r"(?:chocolaatje|bruintje|zwartje|roetmop\w*|bosneger\w*|kopvod\w*|geitenneuker\w*|ching ?ch[oa]ng|tsjing ?tsjang|spleetogen|bananenkoning|kutmarokkaan\w*|kutturk\w*|kankerturk\w*)" + E,
        W + r"(?:hakenkruis\w*|swastika\w*|heil hitler|sieg heil|vergassen|vergast|gaskamer\w*|holocaust\w*)" + E,
        W + r"(?:homo\w*|lesbi\w*|biseksu\w*|transgender\w*|transvrouw|transman|non-?binair\w*|genderfluid|queer\w*|gay)" + E,
    )),
    ("intimidatie_ernstig", _p(
        W + r"(?:ge)?(?:intimid|bedreig|dreig|afpers|afgeperst|chanteer|chantage|gechanteerd|stalk|gestalkt)",
        W + r"(?:pers|perst|persen|persten) (?:\w+ ){0,3}af" + E,
        W + r"(?:weet|weten) waar (?:ik|we|hij|ze|zij|je|jij|jullie) (?:woon|wonen|woont)|(?:opwachten|opgewacht|wachten (?:\w+ ){0,2}op)" + E + r"|(?:kijk|pas) (?:maar |jij maar |dan maar )?(?:uit|op)" + E + r"(?= (?:\w+ ){0,3}(?:volgende|morgen|na school|straks|op school))",
        # Issue #4: "zou steken", "iets aandoen", "je bent dood", cornered, money taken, waiting.
        W + r"(?:zou|zal|gaat|gaan|ging|zouden|zullen) (?:\w+ ){0,3}(?:steken|neersteken|iets aan ?doen|iets aandoen|aandoen|pakken|grijpen|te grazen nemen|in elkaar slaan|in elkaar trappen|afmaken|kapot ?maken|slaan|vermoorden)" + E,
        W + r"(?:je bent dood|ben je dood|jij bent dood|(?:dat|of) (?:ik|hij|ze|zij|je) dood (?:ben|is|bent)|ben (?:ik|je) de sjaak|kom je na school|wacht maar af)" + E,
        W + r"(?:klemgezet|klemzetten|klem gezet|klem zetten|(?:zet|zette|zetten) (?:\w+ ){0,3}klem|in een hoek (?:gedreven|gedrukt|geduwd)|omsingeld|opgejaagd)" + E,
        W + r"(?:wacht|wachtte|wachtten) (?:\w+ ){0,3}op (?:bij|na|voor|buiten|bij het|aan)" + E + r"|(?:wacht|wachtte|wachtten) (?:me|mij|hem|haar|ons) (?:\w+ ){0,3}op" + E,
        W + r"(?:pakken|pakt|pakte|pakten|nemen|namen|eisen|eist|eiste) (?:\w+ ){0,3}(?:geld|lunchgeld|zakgeld|pinpas)(?: \w+){0,2} (?:af|afhandig)" + E + r"|(?:geld|lunchgeld|zakgeld|pinpas)\w* (?:\w+ ){0,2}(?:afgepakt|afgenomen|afhandig|afpakken|moeten afgeven|afgeven)" + E,
    )),
    ("intimidatie", _p(
        W + r"(?:agressie|agressief|geweld|gewelddadig|mishandel)",
        W + r"(?:slaan|slaat|sloeg|sloegen|geslagen|schop|schopt|schoppen|schopten|geschopt|stomp|stompt|gestompt|trappen|getrapt|klap|klappen|in elkaar|vechten|knokken|gewurgd|hardhandig|vastgepakt|bij de keel|blauwe plekken|vechtpartij)" + E,
        W + r"(?:schreeuwt|schreeuwen|schreeuwde|tiert) (?:tegen|naar) (?:me|mij|ons|mijn)",
        # Second pass (issue #4): things thrown at someone, ears pulled, shaken, in the face, fighting.
        W + r"(?:gegooid|gooit|gooide|gooiden|gesmeten|smijt|smeet|smijten) (?:\w+ ){0,2}(?:naar|tegen) (?:me|mij|hem|haar|ons)" + E + r"|(?:stoel|tafel|deur|fles|steen|stenen|schaar|boek) (?:\w+ ){0,2}(?:naar|tegen) (?:me|mij|hem|haar|ons) (?:\w+ )?(?:gegooid|gooit|gooide|gesmeten|smijt|smeet)" + E,
        W + r"(?:in|op) (?:mijn|mn|m'n|haar|zijn|zn|hun|ons) gezicht (?:\w+ )?(?:gooit|gooide|gooien|schreeuw\w*|spuug\w*|spug\w*|slaat|sloeg)" + E + r"|(?:ballen|bal|water) (?:\w+ ){0,2}in (?:mijn|mn|zijn|zn|haar) gezicht" + E,
        W + r"door elkaar (?:schud\w*|geschud)|(?:schud|schudt|schudde|schudden|geschud) (?:\w+ ){0,2}door elkaar" + E,
        W + r"aan (?:mijn|mn|zijn|zn|haar) (?:oor|oren|haren) (?:\w+ )?(?:trok|trekt|trekken|getrokken)|(?:trok|trekt|trekken|getrokken) (?:\w+ ){0,2}aan (?:mijn|mn|zijn|zn|haar) (?:oor|oren)" + E,
        W + r"(?:stompen|stompte|stompten|vastpakte|vastpakt|vastpakken|vastgegrepen|gevochten|vochten|vecht)" + E,
        W + r"(?:toegeschreeuwd|uitgekafferd|schreeuw\w* (?:\w+ ){0,3}in (?:mijn|mn|haar|zijn|ons|m'n) gezicht|vast ?(?:grijpt|greep|grepen|gegrepen|grijpen|gepakt)|bij de (?:keel|kraag|nek) (?:gepakt|gegrepen))" + E,
        _alleen(r"intimidatie|bedreiging|bedreigd worden|geweld|agressie|vechten"),
    )),
    ("pesten", _p(
        W + r"(?:pest|gepest|pesterij|pester|cyberpest|gecyberpest)",
        W + r"(?:uitgescholden|uitschelden|uitscheldt|scheld|schelden|uitgelachen|uitlachen|uitgemaakt|lach\w* (?:\w+ ){0,4}uit|lacht (?:me|mij) uit|lachen om (?:mij|me|hem|haar|mijn|mn|zijn|ons))",
        W + r"(?:buitengesloten|buiten ?sluiten|sluiten (?:me|mij|hem|haar) buiten|buiten gesloten|niemand (?:wil|praat|speelt)|mag (?:ik )?nooit (?:mee ?doen|meedoen|mee spelen|meespelen)|nooit met (?:mij|me) (?:spelen|praten))",
        W + r"(?:roddel|treiter|getreiter|pik|gepikt|jat|gejat)\w*",
        W + r"(?:gooien|gooit|gooiden|gooide|smijten) (?:\w+ )?(?:met|naar) (?:mijn|mn|m'n|me|mij|haar|zijn)" + E,
        W + r"(?:opgesloten|opsluiten|sluiten (?:\w+ )?op)" + E,
        W + r"(?:genegeerd|negeren|negeert|belachelijk|bespot|bespotten|vernederd|vernedert|vernederen|gekleineerd|kleineert|kleineren|voor gek|nagedaan|doen (?:\w+ )?na)" + E,
        W + r"(?:doen|doet|deden|deed) (?:\w+ ){0,3}(?:vervelend|irritant|gemeen|rot|lelijk|naar|kut|raar|kinderachtig|stom)" + E,
        W + r"(?:gemeen|gemene|nare (?:opmerkingen|dingen)|rare (?:dingen|teksten)|uit de groepsapp|uit de (?:klassen)?app (?:gegooid|gezet)|spullen (?:af|kapot)|verstop\w*|afpakken|afgepakt|pakken (?:\w+ ){0,6}af|lelijk|stink|stinkt|dom|dikke|vetzak|loser|vies|vieze|smerig|nerd|sukkel|debiel|idioot|noob|memes? (?:van|over) (?:mij|me|hem|haar|ons)|nepaccount|nep ?account|fake account|gehackt)" + E,
        W + r"(?:filmpjes?|fotos|foto's|foto) van (?:mij|me) .{0,30}(?:op|in) (?:insta|tiktok|snap|de app|de groepsapp|internet|online)|(?:posten|zetten|delen) (?:\w+ ){0,3}(?:filmpjes?|fotos|foto's) van (?:mij|me)",
        W + r"(?:trekt|trekken) (?:\w+ )?aan (?:mijn|mn|m'n|haar|zijn) haar|(?:moet|moest) (?:me )?ophangen",
        # Issue #4: excluded, dumped, ignored, nicknames, a group chat without someone, mimicked.
        W + r"(?:uitgesloten|uitsluiten|sluit (?:\w+ ){0,2}uit|sluiten (?:\w+ ){0,2}uit|gedumpt|dumpen|dumpt|dumpten|laten (?:\w+ ){0,2}(?:niet |nooit )(?:mee ?doen|meespelen|mee spelen|zitten)|niet (?:laten )?mee ?doen|links laten liggen|voor schut)" + E,
        W + r"(?:groepsapp|app|appgroep|groep|chat|groepschat)\w* (?:\w+ ){0,2}zonder (?:mij|me|hem|haar|ons)" + E,
        W + r"(?:afkraken|afgekraakt|kraken (?:\w+ ){0,3}af|kraakt (?:\w+ ){0,3}af|zwart ?maken|zwartgemaakt|nadoen|nadoet|nadeden|nageaapt|(?:doen|doet|deden|deed) (?:\w+ ){1,3}na(?! (?:school|de|het|afloop|een|schooltijd|les|lunch|pauze|elkaar|gym))|naapen|apen (?:\w+ )?na|bijna?am\w*|scheldna?am\w*|scheldwoord\w*|lelijk\w*|lachen (?:\w+ ){0,2}(?:uit|om)|lachte (?:\w+ ){0,2}(?:uit|om)|lachende emoji\w*)" + E,
        W + r"(?:noem\w*) (?:me|mij|hem|haar|ons) (?:steeds|altijd|elke dag|vaak|de hele tijd|nog steeds)" + E,
        # Second pass (issue #4): someone's things thrown, hidden or made wet; a hate page.
        W + r"(?:mijn|mn|m'n|zijn|zn|z'n|haar|ons) (?:fiets|jas|tas|etui|gymbroek|gymtas|gymspullen|spullen|schoenen|rugzak|boeken|koek|eten|broodtrommel|pet|muts|slaapzak|kluisje|schrift)\w* (?:\w+ ){0,3}(?:om|weg|kapot|verstopt|gegooid|gooien|gooiden|gooit|afgepakt|nat gemaakt|nat|in de (?:prullenbak|wc|sloot|vuilnisbak|container|bosjes))" + E,
        W + r"(?:haatpagina|haataccount|haatgroep|haat ?account)\w*" + E,
        _alleen(r"pesten|gepest|pesterij|uitschelden|uitgescholden worden"),
    )),
    # Light physical acts count as violence only when the message is not about bullying.
    ("intimidatie", _p(
        W + r"(?:duwen|duwt|duwde|duwden|geduwd|bespugen|bespuugd|spugen|spuugt|gespuugd|bijt|bijten|gebeten|knijpt|knijpen|geknepen)" + E,
    )),
    # Issue #4: other safety worries the wegwijzer routes as "anders" (drugs, theft, neglect,
    # loneliness, privacy, radicalisation, gambling, suspension). Last: any named form of
    # bullying, discrimination, abuse or violence wins.
    ("anders", _p(
        W + r"(?:drugs|gedeald|dealen|dealt|dealer|dealers|lachgas|gevaped|vapen|vapet|vapes|blowen|blowt|wiet|alcohol|dronken|onder invloed|gestolen|diefstal|steelt|stelen)" + E,
        W + r"(?:geschorst|schorsing|spijbel\w*|verzuim\w*|verwaarloos\w*|eenzaam|eenzaamheid|geen vrienden|eetstoornis|anorexia|flauwgevallen|valt (?:\w+ )?flauw|werkdruk|burn-?out|overspannen)" + E,
        W + r"(?:radicalis\w*|geradicaliseerd|extreemrechts\w*|extreemlinks\w*|extremis\w*|extremere|jihad\w*|gokt|gokken|gokte|gokverslav\w*|schulden|geronseld|ronselen|ronselt|datalek|privacy|persoonsgegevens)" + E,
        W + r"(?:losse kabels|ontruiming\w*|brandveilig\w*|brandgevaar\w*|hoogbegaafd\w*|faalangst|schoolangst|prestatiedruk|bang voor (?:de )?(?:toetsen|toets|school|examens))" + E,
    )),
]
# Negated bullying is not bullying: "niemand doet gemeen ofzo".
_GEEN_PESTEN = _p(W + r"(?:niemand|geen mens) (?:doet|deed) (?:me |mij )?(?:iets|gemeen|vervelend|rot|raar)(?: ofzo| hoor)?" + E)

# A typed "iets anders": the whole message, or a message that starts with it.
_SITUATIE_KNOP = re.compile(r"^\s*(?:anders|(?:het is )?iets anders(?:\s*(?:[,.!]|dan\b|$).*)?)\s*[.!]?\s*$")
# "lastig gevallen" on its own is, in Dutch, usually sexual harassment; only when nothing else fits.
_LASTIG = _p(W + r"(?:lastig ?gevallen|lastig ?vallen|lastigvalt|valt (?:\w+ )?lastig)" + E)

# --- school type --------------------------------------------------------------------------------
_ONDERWIJSTYPE = {
    "po": _p(
        W + r"(?:groep|gr\.?) ?(?:[1-8]|een|twee|drie|vier|vijf|zes|zeven|acht)" + E,
        W + r"(?:basis ?school|bassischool|basisonderwijs|basisscholen|primair onderwijs|kleuter|kleuters|kleuterklas|obs|cbs|po)" + E,
        _alleen(r"(?:de |op de )?basis"),
    ),
    "vo": _p(
        W + r"(?:brugklas|brugger|brugklasser|middelbare|middelbaar|voortgezet onderwijs|vo|mavo|vmbo|havo|vwo|atheneum|gymnasium|lyceum|praktijkonderwijs|basisberoeps|onderbouw|bovenbouw|examenklas)" + E,
        W + r"(?:in|uit|van) de (?:eerste|tweede|derde|vierde|vijfde|zesde|[1-6]e)" + E + r"(?! (?:pauze|les|lesuur|week|helft|keer|periode|ronde|plaats|dag|uur|verdieping|gang|rij|bank|jaar|klas|groep|zin|alinea))",
        W + r"(?:klas ?[1-6]|[1-6]e klas|(?:eerste|tweede|derde|vierde|vijfde|zesde) ?(?:klas|jaars)|[1-6] ?(?:havo|vwo|vmbo|mavo|gym)|(?:havo|vwo|vmbo|mavo|h|v|m) ?[1-6])" + E,
    ),
}
# Second pass (issue #4): an age says the school type when nothing else does ("mijn zoon is 7",
# "dochter van 15", "ik ben 9"). 12 can be either; 16+ may already be mbo.
_KIND_NAAM = r"(?:zoon|zoontje|dochter|dochtertje|kind|kindje|jongen|meisje|broertje|zusje|neefje|nichtje|stiefzoon|stiefdochter|pleegkind|pleegzoon|pleegdochter|kleinzoon|kleindochter|leerling|leerlinge)"
_LEEFTIJD_TYPE = {
    "po": _p(W + _KIND_NAAM + r"(?: is| van|,)? \(?(?:[4-9]|1[01])(?: ?(?:jaar|jr))?(?:\)|" + E + r")(?! ?(?:euro|keer|uur|minuten|dagen|weken|maanden))",
             W + r"(?:ik ben|ben|bn) (?:pas |al |net )?(?:[6-9]|1[01])(?: ?(?:jaar|jr)(?: oud)?)?(?=\s*(?:[.,!?]|$| en | dus | maar | ofzo))"),
    "vo": _p(W + _KIND_NAAM + r"(?: is| van|,)? \(?(?:1[3-5])(?: ?(?:jaar|jr))?(?:\)|" + E + r")(?! ?(?:euro|keer|uur|minuten|dagen|weken|maanden))",
             W + r"(?:ik ben|ben|bn) (?:pas |al |net )?(?:1[3-5])(?: ?(?:jaar|jr)(?: oud)?)?(?=\s*(?:[.,!?]|$| en | dus | maar | ofzo))"),
}
_BUITEN_SCOPE = _p(W + r"(?:mbo|hbo|roc|hogeschool|universiteit|wo-opleiding|student|studente)" + E)

# --- who it is about ---------------------------------------------------------------------------
_DADER_PERSONEEL = r"(?:leraar|lerares|leerkracht|docent|docente|juf|juffrouw|meester|mentor|conci[eë]rge|coach|trainer|gymleraar|gymdocent|gymjuf|directeur|directrice|directie|rector|teamleider|begeleider|onderwijsassistent|stagiair|stagiaire|collega|leidinggevende|invaller|ib'?-?er|conrector|zwemleraar|zwemlerares|zwemjuf|zwemdocent|zwemmeester|oop|conciergen|docenten|leraren|leerkrachten|juffen|meesters|mentoren|collega's|onderwijsassistenten|stagiairs|schoolleiding)"
_ANDER_MENSEN = r"(?:zoon|zoontje|dochter|dochtertje|kind|kindje|kinderen|kindjes|stiefzoon|stiefdochter|pleegkind|pleegzoon|pleegdochter|kleinzoon|kleindochter|vriend|vriendje|vriendin|vriendinnetje|beste vriend|beste vriendin|broer|broertje|zus|zusje|zussen|broers|neef|nicht|nichtje|neefje|leerling|leerlinge|leerlingen|lln|ll|collega|collega's|klasgenoot|klasgenote|buurjongen|buurmeisje|meisje|jongen|kleuter|oudste|jongste)"
_ANDER_OBJECT = r"(?:haar|hem|iemand|(?:een|die|mijn|m'n|mn|ons|onze|andere|de) (?:\w+ )?" + _ANDER_MENSEN + r")"
_WERKWOORD_DADER = r"(?:dreigen|pikken|pikt|gooien|gooit|roepen|roept|filmen|filmt|volgen|volgt|achtervolgt|wachten|pest|pesten|pestte|slaat|slaan|sloeg|schopt|schoppen|schopte|duwt|duwen|duwde|bedreigt|bedreigen|bedreigde|dreigt|dreigde|intimideert|intimideren|betast|betasten|scheldt|schelden|uitscheldt|noemt|noemen|noemde|negeren|negeert|sluiten|lachen|plagen|achtervolgen|chanteert|chanteren|raakt|raken|slaan|trekken|trekt|stuurt|sturen|vraagt|vragen|kleineert|vernedert|heeft|hebben|had|hadden|zit|zitten|zat)"
_VOOR_WIE_STERK = {
    "ander": _p(
        W + r"(?:niet ik|niet over mij|niet mij|niet over mezelf|niet om mij|niet om mezelf|over iemand anders|iemand anders|voor iemand anders|voor een ander|over een ander|om een ander)",
        W + r"(?:ik word|ik wordt|word ik) (?:zelf )?(?:niet|nie) \w+,? (?:maar|wel)",
        W + r"(?:ik pest|ik doe) (?:zelf )?(?:niet|nie|niks)" + E,
        _alleen(r"ander|anders|iemand anders|een ander|(?:over |voor |het is voor |het gaat om |om )?(?:een|mijn|m'n|mn|onze|ons) (?:beste )?" + _ANDER_MENSEN),
        W + r"(?:voor|over) (?:mijn|m'n|mn|onze|ons) (?:beste )?" + _ANDER_MENSEN + E,
    ),
    "zelf": _p(
        W + r"(?:over mij|over mezelf|over mijzelf|gaat om mij|voor mezelf|voor mijzelf|het gaat om mij)" + E,
        _alleen(r"zelf|mijzelf|mezelf|ikzelf|over mij|ik|mij|voor mij"),
    ),
}
# Passive: the subject of "wordt/werd/word" is the victim ("mijn zusje word gepest", "dat hij thuis
# geslagen wordt"). "ik" (or a bare "word") means the writer, a person or "hij/zij" someone else.
_PASSIEF = re.compile(W + r"(?:wordt|word|wort|werd|worden|werden|is door|zijn door)" + E)
_ZINSGRENS = re.compile(r"[.!?;,:]|(?<![a-z0-9])(?:en|maar|omdat|want|terwijl|als|toen|dat)(?![a-z0-9])")
_DERDE = re.compile(W + r"(?:" + _ANDER_MENSEN + r"|" + _DADER_PERSONEEL + r"|hij|zij|ze|oudste|jongste)" + E)
_OBJECT_ZELF = _p(
    W + _WERKWOORD_DADER + r" (?:\w+ )?(?:me|mij|mijzelf|ons)" + E,
    W + r"(?:tegen|naar|aan|over|om|van) (?:me|mij)" + E + r"(?! (?:zorgen|af))",
    W + r"(?:ze|zij|hij|iedereen|niemand|die|jongen|meisje|kind|kinderen|jongens|meisjes|leerling|leerlingen|klas|leraar|juf|meester|docent|mentor|collega|leidinggevende|moeder|vader|ouder) (?:\w+ ){0,3}(?:me|mij)" + E,
    W + r"(?:ik word|ik wordt|ik wort|ik werd|word ik|werd ik|(?:ben ik|ik ben) (?:\w+ ){0,2}(?!gewoon|geen|gelukkig|genoeg|gek|geboren|gestopt|gebleven)ge\w+(?:d|t|en)|ik ben (?:\w+ )?(?:gepest|uitgescholden|geslagen|bedreigd|betast|aangerand|gediscrimineerd|aangeraakt|geintimideerd|getrapt|geschopt|geduwd|gestalkt|gechanteerd|afgeperst|buitengesloten|lastiggevallen))" + E,
    # "mijn dochter haar ..." is the daughter, not the writer's hair.
    W + r"(?:mijn|mn|m'n) (?:(?!" + _ANDER_MENSEN + E + r")\w+ )?(?:haar|jas|tas|etui|gum|spullen|fiets|account|fotos|foto's|foto|nudes|naaktfoto|naaktfotos|lichaam|billen|borsten|kont|afkomst|hoofd|hoofddoek|geld|lunchgeld|eten|kleren|kleding|telefoon|huis|kluisje|pen|pennen|schoenen|boeken|schrift|rok|broek|jas|rugzak|broodtrommel|drinken|mobiel|spullen|naam|pet|petje|muts|sjaal|bril|gymtas|arm|armen|gezicht|been|benen|bovenbeen|dij|dijen|knie|borst|heup|schouder|nek|keel|rug|buik|pols|hand|handen|zakgeld|pinpas|accent)" + E,
    W + r"(?:zonder (?:mij|me)|met (?:mij|me) alleen)" + E,
    # Staff and parents on the receiving end: "krijg ik van ouders mails dat ik ...".
    W + r"(?:ik krijg|krijg ik|ik kreeg|kreeg ik|ik ontvang|ontvang ik)(?: \w+){0,4} (?:dreig\w*|haatmails?|mails|berichten|berichtjes|appjes|brieven|briefjes|bedreigingen|klappen|scheldwoorden)" + E + r"(?! (?:over|dat (?!ik|we|wij)))",
)
_OBJECT_ANDER = _p(
    # "pesten een meisje", "bedreigt mijn zoon"; not "stuurt een jongen uit de 5e me ..." (inverted subject).
    W + _WERKWOORD_DADER + r" (?:\w+ )?" + _ANDER_OBJECT + E + r"(?!(?: \w+){0,3} (?:me|mij)" + E + r")",
    W + r"(?:de|een|die|mijn|mn|m'n|onze|oudere|andere|twee|drie) (?:" + _DADER_PERSONEEL + r"|jongen|jongens|meisje|meisjes|meiden) (?:haar|hem|(?:een|de|die) (?:leerling|leerlinge|kind|meisje|jongen))" + E,
    W + r"(?:foto|fotos|foto's|naaktfoto|naaktfotos|naaktfoto's|filmpje|filmpjes|beelden) van (?:een|die|mijn|mn|m'n|onze|de) " + _ANDER_MENSEN + E,
)
_NIET_ZELF = re.compile(W + r"(?:maak (?:ik )?(?:me|mij) zorgen|(?:vertel\w*|vroeg|vraagt|zei|zegt) (?:me|mij)|" + _ANDER_MENSEN + r" van (?:me|mij)|(?:help|helpen) (?:me|mij)|(?:me|mij) helpen)" + E)

# --- who does it -------------------------------------------------------------------------------
_DADER_LEERLING = r"(?:vriendengroep|vriendinnengroep|vriendinnen|vrienden|klasgenoot|klasgenote|klasgenoten|klasgenootje|medeleerling|medeleerlingen|leerling|leerlingen|lln|ll|jongens|meiden|meisjes|kinderen|kindjes|kids|groepje|ouderejaars|bovenbouwers|oudere leerlingen|oudere jongens|oudere kinderen|oudere leerling)"
_DADER_OUDER = r"(?:vader|moeder|ouder|ouders|papa|mama|vaders|moeders)"
_DADER_WERKWOORD = r"\w*(?:doe|pak|roddel|pest|scheld|schold|slaat|sloeg|sla|zit|zat|raakt|raakte|betast|intimid|bedreig|dreig|discrimin|schreeuw|doet|deed|zegt|zei|noemt|noemde|stuurt|stuurde|kleineer|vernedert|vernederd|maakt|maakte|negeert|heeft|had|kijkt|keek|duwt|duwde|pakt|pakte|geeft|gaf|wil|vraagt|vroeg|komt|kwam|lacht|straft|behandel|schopt|trekt|bijt|perst|roept|roepen|zeggen|noemen|sturen|schelden|slaan|schoppen|duwen|lachen|trekken|zetten|maken|plaatsen|delen|posten|wachten|benader|blijf|weiger|grijp|greep|leg|dwing|knuffel|storm|gooi|gooit|sluit|sluiten)\w*"
_DADER_NIVEAU1 = {  # "door <agent>": the clearest way Dutch names who does it
    "onbekend": _p(
        W + r"(?:onbekend\w*|die ik niet ken|weet niet (?:van )?wie|anoniem (?:account|nummer|profiel)|anonieme? (?:account|accounts))" + E,
        # Second pass (issue #4): "een account dat ik niet ken", "iemand die ze niet kent",
        # "iemand die hij via instagram leerde kennen", "niemand weet wie".
        W + r"(?:die|dat) (?:ik|ze|hij|zij|we|wij) (?:\w+ )?niet (?:ken|kent|kennen|kende|kenden)" + E + r"|(?:niemand weet|weet niemand|weten (?:\w+ )?niet) (?:van )?wie" + E,
        W + r"(?:iemand|een jongen|een man|een meisje|een vrouw) (?:die|dat) (?:ik|ze|hij|zij) (?:\w+ ){0,2}(?:via|op|online)(?: \w+){0,2} (?:heeft |heb )?(?:leerde|leren|geleerd) kennen" + E,
        # Issue #4: anonymous messages, accounts and letters, fake accounts, someone posing.
        W + r"anoniem\w* ?(?:\w+ )?(?:account\w*|nummer\w*|profiel\w*|berichten|berichtjes|mails?|dreigmails?|brief|brieven|briefjes?|dreigbrie(?:f|ven)|appjes?|dm'?s)" + E,
        W + r"(?:account|profiel|nummer)\w* (?:\w+ ){0,2}(?:dat|die) anoniem" + E,
        W + r"(?:iemand|een onbekende) (?:\w+ ){0,3}(?:nepaccount\w*|nepprofiel\w*|nep ?account\w*|fake ?account\w*)|(?:zonder afzender|zich (?:\w+ )?voor(?:deed|doet|deden|doen) als)" + E,
    ),
    "ouder": _p(
        W + r"door (?:de |een |die |een andere |andere |haar |zijn |hun |een groepje (?:andere )?|een paar (?:andere )?|twee (?:andere )?|drie (?:andere )?)?" + _DADER_OUDER + E,
        W + r"(?:krijg|kreeg|krijgen|kregen) (?:ik |we |wij )?(?:\w+ ){0,2}van (?:de |een |boze |andere |sommige )?(?:ouders|ouder|vader|moeder|vaders|moeders)" + E,
    ),
    "personeel": _p(
        W + r"door (?:de |een |mijn |m'n |mn |onze |die |zijn |haar |andere |twee |sommige )?(?:\w+ )?" + _DADER_PERSONEEL + E,
        W + r"(?:moest|moet|mocht|mag) van (?:haar|zijn|mijn|mn|de|onze) (?:\w+ )?" + _DADER_PERSONEEL + E,
        W + r"(?:relatie|verkering) (?:\w+ ){0,3}met (?:een|de|haar|zijn) (?:\w+ )?" + _DADER_PERSONEEL + E,
        W + r"(?:een|de) " + _DADER_PERSONEEL + r" van (?:mijn|onze|ons|mn) (?:zoon|dochter|kind|kinderen|zoontje|dochtertje|kleinzoon|kleindochter|pleegkind)" + E,
    ),
    "medeleerling": _p(
        W + r"door (?:de |een |mijn |m'n |mn |die |twee |drie |een paar |andere |een groep |een groepje |zijn |haar |haar hele |zijn hele |hun )?(?:oudere )?" + _DADER_LEERLING + E,
        W + r"door (?:de rest van|de hele|heel de|iedereen (?:uit|in|van)) (?:de |mijn |mn |onze |zijn |haar )?(?:klas|groep|school|jaar)" + E,
        W + r"door (?:een )?(?:groep|groepje) (?:uit|van) (?:de |het )?(?:[1-6] ?(?:havo|vwo|vmbo|mavo|h|v)|groep ?[1-8]|bovenbouw|onderbouw|brugklas|eerste|tweede|derde|vierde|vijfde|zesde|[1-6]e)" + E,
    ),
}
_DADER_NIVEAU2 = {  # someone named as the subject of what is done
    "ouder": _p(
        W + r"(?:de|een|die) (?:vader|moeder|ouder|ouders|papa|mama) van (?:een |mijn |zijn |haar |die |een andere |een ander )?(?:klasgenoot|klasgenootje|klasgenote|leerling|jongen|meisje|kind|ander kind|vriend|vriendin|andere leerling)",
        W + r"(?:de|een|die|andere) (?:moeder|vader|ouder|ouders) (?:uit|van) (?:\w+ ){0,5}?" + _DADER_WERKWOORD + E,
        W + r"(?:een|andere|boze|die) (?:ouder|ouders|vader|moeder)" + E + r".{0,50}(?:bedreig|dreig|schreeuw|scheld|intimid|slaat|sloeg|pest|agressief|discrimin|duw|weiger|storm)",
        # Second pass (issue #4): other parents saying things; a pupil's own (step)parent hitting.
        r"(?:^|[.,;:!?] |(?<![a-z0-9])(?:andere|sommige|boze|veel|hebben|en|dat) )ouders (?:\w+ ){0,3}?(?:zeggen|zeiden|gezegd|roepen|riepen|schelden|racistisch\w*|discrimin\w*|bedreig\w*|dreig\w*|schreeuw\w*)" + E,
        W + r"(?:haar|zijn|zn|z'n|hun) (?:stief|pleeg)?(?:vader|moeder|ouders?) (?:\w+ ){0,3}?(?:slaat|sloeg|slaan|schopt|schopte|mishandelt|mishandelde)" + E,
    ),
    "personeel": _p(
        W + r"(?:de|een|mijn|m'n|mn|onze|die|ons) (?:\w+ )?" + _DADER_PERSONEEL + E + r"(?: \w+){0,5}? " + _DADER_WERKWOORD + E,
        W + r"(?:een|de|mijn) (?:\w+ )?" + _DADER_PERSONEEL + r"(?:-\w+)?" + E + r".{0,60}(?:ongepast|grensoverschrijd|seks|aanrak|raakt|betast|misbruik|intimid|discrimin|knuffel|zoen|opmerkingen)",
    ),
    "medeleerling": _p(
        W + r"(?:mijn|m'n|mn|de|een|die|andere|sommige|twee|drie|een paar|meerdere|veel) " + _DADER_LEERLING + E + r"(?: (?:uit|in) (?:mijn|mn|de|zijn|haar) klas)?(?: \w+){0,2}? " + _DADER_WERKWOORD + E,
        W + r"(?:lln|ll|leerlingen|leerling) (?:van (?:mij|me|ons)|uit (?:mijn|mn) (?:\w+ )?klas)(?: \w+){0,2}? " + _DADER_WERKWOORD + E,
        W + r"(?:jongen|jongens|meisje|meisjes|meiden|kind|kinderen|kids|groepje|gast|gasten|iemand|iedereen|leerling|leerlingen|lln|kleuter|ouderejaars)" + r" (?:uit|van|in) (?:mijn |mn |m'n |de |het |haar |zijn |onze )?(?:klas|groep|school|jaar|leerjaar|bovenbouw|onderbouw|brugklas|\d\w*|eerste|tweede|derde|vierde|vijfde|zesde|[1-6]e|[1-6] ?(?:havo|vwo|vmbo|mavo))" + E,
        W + r"(?:klasgenoot|klasgenote|klasgenoten|klasgenootje|medeleerling|medeleerlingen|ouderejaars|bovenbouwers|oudere (?:leerling|leerlingen|jongens|jongen|kinderen|meisjes))" + E,
        W + r"(?:ze|zij) (?:in|uit) (?:mijn|de) klas",
        # Second pass (issue #4): the class as a whole, bigger/older children, a bare group as subject.
        W + r"(?:heel de|de hele|iedereen (?:uit|in|van)|niemand (?:uit|in|van)|ze (?:uit|in|van)) (?:mijn |mn |m'n |onze |de |zijn |haar )?(?:klas|groep)" + E,
        W + r"(?:grotere|oudere|sommige|veel) (?:kinderen|jongens|meiden|meisjes|leerlingen|kids)" + E,
        r"(?:^|[.,;:!?] |(?<![a-z0-9])(?:en|maar|dat) )(?:kinderen|jongens|meiden|meisjes|leerlingen|lln|brugklassers|bruggers|kids) (?:\w+ ){0,2}?" + _DADER_WERKWOORD + E,
    ),
}
_DADER_NIVEAU3 = {  # a child or youngster mentioned as actor, without school: most likely a pupil
    "medeleerling": _p(W + r"(?:een|die|de|twee|drie|een paar|er is een|er zijn) (?:groot |grote |ander |andere )?(?:jongen|jongens|meisje|meisjes|kind|kinderen|kindjes|kleuter|gast|gasten|groepje)" + E + r"(?! van (?:mij|me|ons))"),
}
# Staff who look on, minimise or are told are not the perpetrator: "... en de juf doet er niets
# aan", "de mentor zegt dat ik het moet negeren", "de docent zegt niks", "de leraar lacht mee".
_PERSONEEL_OMSTANDER = re.compile(
    r"(?:\S+ ){0,2}?" + _DADER_PERSONEEL + r"\w*(?: \w+){0,3}? (?:"
    r"(?:doet|deed|doen|deden)(?: er| daar| hier)?(?: \w+)? (?:niets|niks|nix|weinig|nooit iets)" + E +
    r"|(?:doet|deed|doen|deden) alsof (?:ze|hij|zij) (?:het|niks|niets) (?:niet )?(?:ziet|zag|zien|hoort|hoorde|merkt|merkte)"
    r"|(?:zegt|zei|zeggen|zeiden)(?: er| daar)?(?: helemaal| verder| ook| nooit)? (?:niets|niks|nix|nooit iets)" + E +
    r"|(?:zegt|zei|zeggen|zeiden)(?: \w+){0,3}? dat (?:\w+ ){1,4}?(?:negeren|zelf (?:\w+ )?oplossen|uit de weg (?:moet |moeten )?gaan)" + E +
    r"|(?:zegt|zei|zeggen|zeiden|vindt|vond|vinden)(?: \w+){0,3}? dat (?:het|dat|dit) (?:\w+ ){0,2}?(?:grap|grapje|grapjes|kattenkwaad|spelletje|erbij hoort|bij kleuters hoort|meevalt|meeviel|normaal is|niet zo erg is)" + E +
    r"|(?:lacht|lachte|lachen|lachten) (?:mee|erom|ermee)" + E +
    r"|(?:grijpt|greep|grijpen|grepen) niet in" + E +
    r"|(?:helpt|hielp|helpen|hielpen|luistert|luisterde|luisteren|reageert|reageerde|reageren)(?: ons| me| mij| hem| haar)? niet" + E +
    r"|(?:neemt|nam|nemen|namen) (?:het|ons|me|mij|hem|haar|dat) niet serieus"
    r"|(?:ziet|zag|zien|hoort|hoorde|merkt|merkte) (?:het|dat|niks|niets)(?: niet| nooit)?" + E +
    r"|(?:weet|wist|weten|wisten) (?:het|ervan|er van|ervan af|dat)" + E +
    r")"
)
# Not the one doing it: "ik heb het de mentor verteld", "ik ben moeder van een jongen".
_GEEN_DADER_VOOR = re.compile(r"(?<![a-z])(?:tegen|aan|bij|met|naar|voor|over|om|van|ik ben|wij zijn|we zijn|ben|als|zijn)\s+(?:een |de |het |die |mijn |mn |m'n )?$")
_VAN_AFZENDER = re.compile(r"(?<![a-z])(?:berichten|berichtjes|appjes|dm'?s|mails?|dickpics?|nudes|klappen|opmerkingen|straf|dreigementen|bedreigingen|scheldwoorden|reacties|comments)(?: \w+)? van\s+(?:een |de |het |die |mijn |mn |m'n |zijn |haar |onze )?$")
# The victim of a passive is not the one who does it: "een jongen in mijn klas wordt geschopt".
_SLACHTOFFER_NA = re.compile(r"^(?: [^ .,!?]+){0,3}? (?:wordt|word|wort|werd|worden|werden)(?![a-z])")

# --- context for routing -----------------------------------------------------------------------
_CONTEXT = {
    "online": _p(W + r"(?:online|internet|groepsapp|groeps app|whatsapp|app|appje|appjes|insta|instagram|snapchat|snap|tiktok|discord|facebook|sociale media|social media|foto|foto's|fotos|filmpje|video|nepaccount|nepprofiel|gehackt|webcam)" + E),
    "thuis": _p(W + r"(?:thuis|mijn (?:vader|moeder|stiefvader|stiefmoeder|broer|ouders) (?:slaat|slaan|sloeg|schopt|mishandelt|zit aan)|huiselijk geweld|kindermishandeling|mishandeld thuis|bij ons thuis)" + E),
    "recent": _p(W + r"(?:gisteren|vandaag|vannacht|gisteravond|vanochtend|vanmiddag|vanavond|afgelopen nacht|net gebeurd|zojuist|eergisteren)" + E),
    "lhbti": _p(W + r"(?:homo|lesbo|lesbi|lesbisch|gay|flikker|mietje|trans|transgender|queer|lhbti|lhbt|non-?binair|biseksueel|twee moeders|twee vaders|uit de kast)" + E),
    "school_helpt_niet": _p(W + r"(?:school doet niks|school doet niets|school helpt niet|school luistert niet|ze doen niks|niemand doet iets|directeur doet niks|mentor doet niks|school neemt (?:het|me|ons) niet serieus)"),
}

# --- not Dutch ----------------------------------------------------------------------------------
# Pure Python and deliberately cautious: a short Dutch message ("ok", "hoi", "ja", "thanks") is
# never flagged. Non-Latin scripts decide by share of letters; Latin text by function words that
# occur in English, Turkish or Polish but not in Dutch (so "me", "in", "is", "help", "nie" and
# "ben" do not count), plus letters Dutch does not use (ı ğ ş for Turkish, ą ę ł ń ś ź ż for Polish).
_NL_WOORDEN = frozenset("""ik je jij u de het een en is niet nie nt mijn mn m'n ze zij wat hoe wil word wordt
van op in met dat die er ben zit maar ook nog al wel kan me mij we wij hij voor over naar om te aan bij zo
heel echt dan als of waar wie geen nee ja hoi hallo hee hey dag doei ok oke oké mag moet heb hebt heeft
zijn was waren school klas juf meester leraar gepest pesten mama papa zoon dochter kind dank bedankt
jullie hun ons onze deze dit niks niets iets iemand altijd steeds elke kk kkr ff wss idk gwn""".split())
_VREEMDE_WOORDEN = frozenset("""the a an am are was were i i'm im my mine you your you're he she they them his
her hers our their this that these those what why how who where when can could would should will do
does did don't dont doesn't not no yes please thank thanks hello hi hey help with at to from for of and
or but being been bullied bully bullying classmate classmates teacher son daughter child kids speak
english understand dutch someone something me my treats unfairly talk person real need school mean
ve bir bu ne sen benim bana beni okul okulda okula oğlum kızım çocuğum merhaba selam nasıl yardım lütfen
değil var yok için çok ama ile mi mı türkçe konuşabilir istiyorum istemiyor öğretmen
jest nie się mój moja moje syn córka szkole szkoła czy mówisz polsku pomocy pomoc dzień dobry cześć
potrzebuję rozumiem proszę koledzy klasy mnie dziecko nauczyciel
keeps keep hitting hit hits calls called says said always everyone nobody anyone there about because just
very really like want wants know tell told afraid scared sad mom dad mother father friend friends class
students student girl boy people other others hate hates bad have has had sorry hollandaca bilmiyorum
lazım yardim mówię niderlandzku
ich nicht wird und ist meine mein meiner meinen schule tochter sohn mich wenden gemobbt der sich auch mir
bitte hilfe sprechen deutsch werden kann wer ihr sie seit jeden tag lehrer
mon ma mes fils fille fait harceler harcelé école l'école depuis mois est et les une pas dans bonjour aide
parle français enfant avec pour qui suis tous jours professeur
hola clase burlan todos los días el la por favor ayuda hijo hija escuela colegio que está habla español
waxaa lagu caayaa dugsiga maxaan sameeyaa wiilkayga gabadhayda iyo waa oo caawimo macallin ardayda
ayaa igu iga""".split())
# Words Dutch also has: they never count as foreign evidence.
_VREEMDE_WOORDEN = _VREEMDE_WOORDEN - _NL_WOORDEN - {"me", "hi", "thanks", "please", "help", "school", "nie", "mi", "ne", "bir",
                                                      "kann", "die", "wie", "en", "de", "is", "je", "des", "aan"}
_VREEMD_ENKEL = frozenset({"hello", "merhaba", "selam", "cześć", "czesc", "english", "türkçe", "polsku", "dzień", "help me", "do you speak english"})
# Letters Dutch never writes (Dutch chat does use ë, ï, é, ö and "hè").
_VREEMDE_LETTERS = re.compile(r"[ığşąęłńśźżćßäàâçêîôûùñ¿¡ãõ]")
_ANDER_SCHRIFT = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u0900-\u097f\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0530-\u058f\u0980-\u0dff\u10a0-\u10ff\u1200-\u139f\u2d80-\u2ddf]")


def andere_taal(tekst: str) -> bool:
    """True when the message is clearly not Dutch (English, Turkish, Polish, Arabic, Cyrillic, ...)."""
    if not tekst or not tekst.strip():
        return False
    letters = [t for t in tekst if t.isalpha()]
    if not letters:
        return False
    vreemd_schrift = sum(1 for t in letters if _ANDER_SCHRIFT.match(t))
    if vreemd_schrift / len(letters) >= 0.5:
        return True
    laag = tekst.lower().replace("\u2019", "'")
    woorden = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", laag)
    if not woorden:
        return False
    nl = sum(1 for w in woorden if w in _NL_WOORDEN)
    vreemd = sum(1 for w in woorden if w in _VREEMDE_WOORDEN or _VREEMDE_LETTERS.search(w))
    if len(woorden) <= 2:
        return nl == 0 and (" ".join(woorden) in _VREEMD_ENKEL or vreemd == len(woorden) == 2)
    return vreemd >= 2 and vreemd > 1.5 * nl


def _eerste(patroon: re.Pattern[str], tekst: str) -> re.Match[str] | None:
    return patroon.search(tekst)


# Acute danger as a combination (issue #4): a threat, violence or sexual assault against the writer
# (or those with them) AND a sign that it is happening now. Neither alone is an emergency ("ze
# willen me in elkaar slaan" can be a story about last year; "nu" is in every second message).
_DREIGING_KERN = _p(
    W + r"in elkaar (?:te )?(?:slaan|slaat|sla|trappen|trapt|schoppen|schopt|rammen|ramt|meppen|beuken)" + E,
    W + r"(?:slaat|slaan|schopt|schoppen|trapt|trappen|stompt|stompen|wurgt|wurgen|knijpt|knijpen|duwt|duwen|bijt|bijten|mept|meppen) (?:me|mij|ons|mijn \w+|de kinderen)" + E,
    W + r"(?:steken|steekt|neersteken|doodsteken|mes|messen|wapen\w*|pistool|knuppel\w*|boksbeugel|schaar|bijl|hamer|stok|stokken)" + E,
    W + r"(?:houd|houdt|houden|hield|hielden|pakt|pakken|grijpt|grijpen|trekt|trekken|sleurt|sleuren|duwt|duwen|sleept|slepen) (?:me|mij|ons) (?:\w+ ){0,3}(?:vast|mee|tegen de (?:muur|grond)|naar binnen|de (?:wc|auto|bus|kleedkamer|kast) in)" + E,
    W + r"(?:vastgehouden|vastgebonden|vastgepakt|opgesloten|sluiten me op|sluit me op|me opgesloten)" + E,
    W + r"dingen (?:\w+ ){0,4}die ik (?:niet|nie|echt niet) wil" + E,
    W + r"(?:zit|zitten|zat|zaten|komt|komen) (?:\w+ ){0,2}aan (?:me|mij|mijn|mn|m'n)" + E,
    W + r"(?:verkracht|verkrachten|verkrachte|aanrandt|aanranden|betast|betasten|misbruikt|misbruiken) (?:me|mij|ons)" + E,
    W + r"(?:iets|wat|pijn|kwaad) (?:\w+ ){0,2}aan ?(?:te )?(?:doen|doet|doe)" + E,
    W + r"(?:me|mij|ons) (?:\w+ ){0,4}achterna" + E,
    W + r"(?:volgt|volgen|achtervolgt|achtervolgen) (?:me|mij|ons)" + E + r"|achter (?:me|mij|ons) aan" + E,
    W + r"(?:word|wordt|worden) (?:\w+ ){0,7}(?:in elkaar )?(?:geslagen|geschopt|getrapt|gestoken|bedreigd|vastgehouden|aangerand|verkracht|gewurgd|achtervolgd|gevolgd|opgesloten|betast)" + E,
    W + r"(?:me|mij|ons) (?:\w+ ){0,3}(?:kapot|af|dood) (?:te )?(?:maken|slaan|trappen)" + E,
    W + r"(?:stanley|keuken|zak|vlinder|slagers|vlees|stiletto)mes(?:sen)?" + E,
    W + r"(?:dreig\w*|bedreig\w*) (?:\w+ ){0,6}(?:geweld|pijn|slaan|steken|schieten|vermoorden|dood|in elkaar|te pakken|kapot)" + E,
    W + r"(?:wachten|wacht|staan|staat) (?:\w+ ){0,4}(?:om|tot) (?:me|mij|ons|hem|haar)" + E,
    W + r"(?:gaat|gaan|wil|willen|komt|komen|zal|zullen) (?:\w+ ){0,3}(?:pakken|grijpen|slaan|steken|neersteken|verkrachten|aanranden|meenemen|ontvoeren)" + E,
)
_NU = _p(
    W + r"(?:nu|nou|nuu|zojuist|zonet|net(?! (?:als|zo|zoals|iets|niet|nie|wat|even|genoeg|op tijd|aan|gezegd))|op dit moment|momenteel|onderweg|meteen|vandaag|vanavond|straks|nog steeds)" + E,
    W + r"(?:help|helpp+|hulp|sos)" + E,
    # Minutes, not weeks: "volgt me al 10 minuten" is going on right now.
    W + r"al (?:\d+|een paar|een half|een|twee|drie|vijf|tien|vijftien|twintig|dertig) (?:minuten|minuutjes|min|kwartier|half uur|halfuur)" + E,
    W + r"(?:kan|kunnen|kon) (?:\w+ )?(?:nergens|niet|nie) (?:meer )?(?:heen|naartoe|weg|vluchten|ontsnappen)" + E,
    W + r"(?:zit|zitten|sta|staan) (?:hier )?(?:klem|vast|opgesloten)" + E,
    W + r"(?:ik ben|ben ik|we zijn|zijn we|ik sta|ik zit) (?:hier |nu |helemaal |echt )*alleen" + E,
    W + r"(?:typ|type|typt|app|stuur) (?:dit )?(?:\w+ )?stiekem|stiekem (?:\w+ ){0,2}(?:typ|type|typen|appen|app)" + E,
    W + r"(?:staan|staat|wachten|wacht|zitten|zit) (?:\w+ ){0,3}(?:buiten|voor de deur|bij de deur|bij het hek|om de hoek|op me|op mij|op ons|te wachten)" + E,
    W + r"(?:is|zijn|staat|staan) (?:\w+ ){0,2}(?:hier|binnen|in (?:mijn|onze|de) (?:klas|lokaal|huis|kamer|gang))" + E,
    W + r"(?:binnen ?gekomen|binnengedrongen|binnen ?gestormd|komt eraan|komen eraan|komt hierheen|komen hierheen|heel agressief|erg agressief|super agressief|agressief)" + E,
    W + r"(?:ik ben|ik ben echt|ik ben zo) (?:heel |echt |zo )?bang" + E,
    W + r"(?:durf|durven|kan|kunnen) (?:\w+ )?(?:niet|nie) (?:meer )?(?:naar buiten|weg|naar huis|eruit|naar beneden|de (?:\w+ )uit)" + E,
    W + r"(?:sluit|sluiten|sloten|sloot) (?:me|mij|ons) (?:\w+ )?op|(?:ik zit|we zitten|ik sta) (?:\w+ )?(?:erin|hier|binnen|in de wc|op de wc|klem)" + E,
    W + r"(?:wacht|wachten|wachtte) (?:me|mij|ons) (?:\w+ ){0,4}op" + E,
    W + r"(?:vanmiddag|zo meteen|zometeen|zo direct)" + E,
    W + r"(?:deur (?:\w+ ){0,3}(?:open te breken|open breken|openbreken|in te trappen|intrappen|in trappen)|bonkt|bonken|beukt|beuken)" + E,
    W + r"(?:dronken|door het lint|flipt|woedend|razend|ontploft)" + E,
)
# A sign that it happens now for sure; the other signs of `_NU` do not count in a story about
# something that keeps happening ("ze wachten me al drie weken op", "wordt steeds opgesloten").
_ZEKER_NU = _p(
    W + r"(?:nu|nou|nuu|zojuist|zonet|op dit moment|momenteel|nu meteen)" + E,
    W + r"net(?! (?:als|zo|zoals|iets|niet|nie|wat|even|genoeg|op tijd|aan|gezegd))" + E,
    W + r"(?:help|helpp+|sos)" + E,
    W + r"(?:typ|type|typt|app|stuur) (?:dit )?(?:\w+ )?stiekem|stiekem (?:\w+ ){0,2}(?:typ|type|typen|appen|app)" + E,
    W + r"(?:kan|kunnen|kon) (?:\w+ )?nergens (?:meer )?(?:heen|naartoe)" + E,
)
_STEEDS = _p(
    W + r"(?:steeds|elke|iedere|vaak|altijd|regelmatig|telkens|soms|al (?:\w+ )?(?:dagen|weken|maanden|jaren|jaar))" + E,
)
# Over and done: a past time AND a sign that it has ended ("vorige maand ... Het is voorbij").
_VROEGER = _p(
    W + r"(?:vorige|afgelopen) (?:week|maand|maanden|jaar|zomer|winter|schooljaar|vakantie)" + E,
    W + r"(?:vorig|afgelopen) (?:jaar|schooljaar)" + E,
    W + r"(?:jaren|maanden|weken|een jaar|een paar jaar|twee jaar) geleden" + E,
    W + r"(?:vroeger|toen ik (?:klein|jonger|jong|in groep|op de basisschool|in de brugklas))" + E,
)
_VOORBIJ = _p(
    W + r"(?:het|dat|dit|alles) is (?:nu |gelukkig |al )*(?:voorbij|over|afgelopen|opgelost)" + E,
    W + r"nu gaat het (?:\w+ )?(?:goed|beter|prima)" + E + r"|het gaat (?:nu |gelukkig |echt |weer )*(?:goed|beter|prima)" + E,
    W + r"gaat (?:het )?(?:nu |gelukkig |echt |weer )*(?:goed|beter|prima) met (?:me|mij|hem|haar|ons)" + E,
    W + r"(?:heb ik|ik heb|hij heeft|ze heeft) (?:nu |gelukkig |inmiddels )*(?:hulp|een psycholoog|therapie)" + E,
)
# Calm again: "hij is weer weg", "het is nu rustig". Masked before looking for "nu".
_WEER_RUSTIG = _p(
    W + r"(?:hij|ze|zij|die|die man|die vrouw|iedereen) (?:is|zijn) (?:nu |gelukkig |al )*(?:weer )?(?:weg|vertrokken|opgepakt|gearresteerd)" + E,
    W + r"(?:het|alles) is (?:nu |gelukkig |al )*(?:weer )?(?:rustig|veilig)" + E,
    W + r"(?:had|heeft) (?:niks|niets|geen wapen|geen mes) bij (?:zich|hem|haar)" + E,
)
# Said in anger or as a joke, and the writer says so: "hij meende het niet", "voor de grap".
_NIET_GEMEEND = _p(
    W + r"(?:meende|meent|menen|meenden) (?:het|dat|hij het|ze het) (?:natuurlijk |echt |toch |helemaal |vast )?(?:niet|nie)" + E,
    W + r"(?<!niet )(?<!geen )(?:niet|nie) (?:echt |serieus )?gemeend" + E,
    W + r"(?<!niet )(?<!geen )(?<!geen echte )(?:voor|als) (?:de |een )?(?:grap|grapje|geintje|lol)" + E,
    W + r"(?<!geen )(?:was|is) (?:maar |gewoon |natuurlijk )?(?:een |als )?(?:grap|grapje|geintje)" + E,
    W + r"(?:uit|in (?:zijn|haar|mijn) ) ?boosheid" + E,
)
# Present-tense wording that keeps suicidal thoughts acute even beside "nu gaat het goed".
_NOG_STEEDS = _p(W + r"(?:nog steeds|nog altijd|soms nog|weer|opnieuw|nu (?:\w+ )?(?:wil|denk|wil ik|denk ik))" + E)


def _voorbij(schoon: str) -> bool:
    return bool(_VROEGER.search(schoon) and _VOORBIJ.search(schoon))


def _acuut_besluit(schoon: str) -> str | None:
    """The decision on prepared text (see `_acuut_tekst`). When in doubt: alarm."""
    if _ZELFDODING.search(schoon):
        # Only a clearly past episode the writer says is over stays non-acute.
        if not (_voorbij(schoon) and not _NOG_STEEDS.search(_maskeer(schoon, _VOORBIJ))):
            return "zelfdoding"
    rustig = _WEER_RUSTIG.search(schoon)
    nu = _NU.search(_maskeer(_maskeer(schoon, _VOORBIJ), _WEER_RUSTIG))
    zeker = _ZEKER_NU.search(_maskeer(_maskeer(schoon, _VOORBIJ), _WEER_RUSTIG))
    if _LEVENSGEVAAR.search(schoon) or (
        _DREIGING_KERN.search(schoon) and (zeker or (nu and not _STEEDS.search(schoon)))
    ):
        if not nu and (_voorbij(schoon) or _NIET_GEMEEND.search(schoon) or rustig):
            return None
        return "levensgevaar"
    return None


def _maskeer(tekst: str, patroon: re.Pattern[str]) -> str:
    # Keep positions: replace look-alikes by spaces of the same length.
    return patroon.sub(lambda m: " " * len(m.group(0)), tekst)


def _acuut_tekst(tekst: str) -> str:
    """Text for the safety patterns: normalised, look-alikes masked, stretched letters shortened
    ("dooooood" -> "dood"). Only used to decide, so the lengths may change."""
    schoon = _maskeer(normaliseer(tekst), _LOOKALIKES)
    schoon = re.sub(r"([a-z])\1{2,}", r"\1\1", schoon)
    return re.sub(r"\s+", " ", schoon)


def lijkt_op_beeldspraak(tekst: str) -> bool:
    """True when the message holds a known figure of speech ("dood van het lachen", "doodmoe").
    The component uses it to overrule a trained model that reads such a message as acute."""
    return bool(tekst) and bool(_LOOKALIKES.search(normaliseer(tekst)))


def acuut_soort(tekst: str) -> str | None:
    """"zelfdoding", "levensgevaar" or None. Suicidal thoughts come first: 113 is the right line."""
    return _acuut_besluit(_acuut_tekst(tekst))


def _situatie(laag: str) -> tuple[str, re.Match[str]] | None:
    laag = _maskeer(laag, _GEEN_PESTEN)
    knop = _SITUATIE_KNOP.search(laag)
    if knop:
        return "anders", knop
    for naam, patroon in _SITUATIE:
        m = patroon.search(laag)
        if m:
            return ("intimidatie" if naam == "intimidatie_ernstig" else naam), m
    m = _LASTIG.search(laag)
    return ("seksueel_misbruik", m) if m else None


def _passief(laag: str) -> tuple[str, re.Match[str]] | None:
    """Who undergoes it in the first passive clause: ("zelf"|"ander", span of the subject)."""
    for m in _PASSIEF.finditer(laag):
        # The clause around the auxiliary: subjects stand before it ("mijn zusje word gepest")
        # or, in a subordinate clause, a few words before it ("dat hij thuis geslagen wordt").
        begin = 0
        for g in _ZINSGRENS.finditer(laag, 0, m.start()):
            begin = g.end()
        # The agent of a passive ("door een collega") is not its subject.
        venster = _maskeer(laag[begin:m.start()], re.compile(W + r"door (?:\w+ ){0,2}\w+"))
        na = laag[m.end():m.end() + 4]
        onderwerp = None
        for d in re.finditer(W + r"ik" + E + "|" + _DERDE.pattern, venster):
            onderwerp = d  # the nearest one before the auxiliary
        if na.startswith(" ik") or (onderwerp and onderwerp.group(0) == "ik"):
            if not re.match(r" (?:zelf )?(?:niet|nie)" + E, laag[m.end():]):
                return "zelf", m
            continue
        if onderwerp:
            # Span: "mijn zoon wordt" when subject and auxiliary are close, else just "mijn zoon".
            lidwoord = re.search(r"(?:mijn|m'n|mn|onze|ons|een|de|die|het|haar|zijn) (?:\w+ )?$", venster[:onderwerp.start()])
            start = begin + (lidwoord.start() if lidwoord else onderwerp.start())
            tussen = venster[onderwerp.end():]
            eind = m.end() if re.fullmatch(r"(?: [a-z]+){0,2} ?", tussen) else begin + onderwerp.end()
            return "ander", _Span(start, eind)
        if m.group(0) == "word" and not re.match(r" (?:zelf )?(?:niet|nie)" + E, laag[m.end():]):
            return "zelf", m  # "en word door een collega gekleineerd": the elided subject is "ik"
    return None


class _Span:
    """A match-like span (start/end) for signals built from two places in the text."""

    def __init__(self, start: int, eind: int):
        self._s, self._e = start, eind

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e


def _object_span(laag: str, m, object_patroon: str):
    """Only the victim part of "stuurt me" / "pesten een meisje": the subject before it is often
    another signal (rol, dader), and entities may not overlap."""
    laatste = None
    for o in re.finditer(W + object_patroon + E, laag[m.start():m.end()]):
        laatste = o
    return _Span(m.start() + laatste.start(), m.start() + laatste.end()) if laatste else m


def _voor_wie(laag: str, rol: str | None, situatie: str | None):
    for waarde in ("ander", "zelf"):
        m = _VOOR_WIE_STERK[waarde].search(laag)
        if m:
            return waarde, m
    kandidaten = []
    p = _passief(laag)
    if p:
        kandidaten.append(p)
    m = _OBJECT_ANDER.search(laag)
    if m:
        kandidaten.append(("ander", _object_span(laag, m, _ANDER_OBJECT)))
    zonder_ruis = _maskeer(laag, _NIET_ZELF)
    m = _OBJECT_ZELF.search(zonder_ruis)
    if m:
        kandidaten.append(("zelf", _object_span(laag, m, r"(?:me|mij|mijzelf|ons)")))
    if kandidaten:
        return min(kandidaten, key=lambda k: k[1].start())
    # Someone else named without a clear verb: "mijn zoon ...", "een leerling van mij ...".
    m = _p(W + r"(?:mijn|m'n|mn|ons|onze) (?:zoon|zoontje|dochter|dochtertje|kind|kindje|kinderen|stiefzoon|stiefdochter|pleegkind|pleegzoon|pleegdochter|kleinzoon|kleindochter)" + E,
           W + r"(?:een|de|die) (?:leerling|leerlinge|lln|ll) (?:van mij|van me|uit mijn klas|in mijn klas|van ons)" + E,
           W + r"(?:zorgen|bezorgd) (?:\w+ ){0,2}(?:over|om) " + _ANDER_OBJECT + E,
           W + r"van (?:mijn|mn|m'n) (?:beste )?" + _ANDER_MENSEN + E,
           W + r"(?:ons|onze|mijn|mn) tweeling" + E,
           W + r"(?:moeder|vader|ouder|ouders|pleegmoeder|pleegvader|pleegouder|verzorger|oma|opa) van (?:een|twee|mijn|onze|ons) (?:\w+ )?(?:kind|kinderen|meisje|jongen|brugklasser|brugger|kleuter|puber|tiener|leerling\w*|zoon|dochter|kleinzoon|kleindochter)" + E,
           # A pupil about a friend or sibling as the subject of the story.
           r"(?:^|[.,!?;] ?|(?<![a-z0-9])(?:en|dat|want|maar) )(?:mijn|mn|m'n) (?:beste )?(?:vriend|vriendin|vriendje|vriendinnetje|broer|broertje|zus|zusje|klasgenoot|klasgenote|nicht|neef|nichtje|neefje)" + E).search(laag)
    if m:
        return "ander", m
    # Staff about a pupil or a colleague, parents about a child: someone else, unless the writer
    # was the object (handled above).
    if situatie and rol in ("onderwijspersoneel", "ouder"):
        m = re.search(W + r"(?:een|de|die|dit|deze|twee|drie|sommige|andere|mijn|mn|m'n|onze)? ?(?:\w+ )?(?:leerling|leerlinge|leerlingen|lln|kind|kinderen|kindje|kleuter|kleuters|meisje|meisjes|jongen|jongens|collega|collega's|brugklasser)" + E, laag)
        if m:
            return "ander", m
    # A pupil telling what happens in the first person, without anyone else as the victim.
    if situatie and rol not in ("ouder", "onderwijspersoneel"):
        m = re.search(W + r"(?:ik|ons|we|wij)" + E, laag)
        if m:
            return "zelf", m
    return None


def _dader(laag: str):
    for niveau in (_DADER_NIVEAU1, _DADER_NIVEAU2, _DADER_NIVEAU3):
        beste = None
        for waarde, patroon in niveau.items():
            for m in patroon.finditer(laag):
                voor = laag[max(0, m.start() - 16):m.start()]
                # "berichten van een onbekend account": the sender is unknown, "van" does not
                # make it the receiver as it does in "ik heb het de mentor verteld".
                # "berichten/klappen/opmerkingen van X": X sends or does it (second pass, issue #4).
                if _GEEN_DADER_VOOR.search(voor) and _VAN_AFZENDER.search(voor):
                    pass
                elif _GEEN_DADER_VOOR.search(voor) and not (
                    waarde == "onbekend" and not re.search(r"(?:tegen|aan|bij|naar)\s+(?:een |de )?$", voor)
                ):
                    continue
                if niveau is not _DADER_NIVEAU1 and _SLACHTOFFER_NA.search(laag[m.end():m.end() + 60]):
                    continue
                if niveau is _DADER_NIVEAU2 and waarde == "personeel" and _PERSONEEL_OMSTANDER.match(laag, m.start()):
                    continue
                if re.match(r"(?:mijn|mn|m'n|onze|ons) (?:kind|kinderen|kindjes|zoon|dochter)" + E, m.group(0)):
                    continue  # the writer's own children
                if beste is None or m.start() < beste[1].start():
                    beste = (waarde, m)
                break
        if beste:
            return beste
    return None


def herken(tekst: str) -> Signalen:
    """All signals found in one message, each with its span in the original text."""
    if not tekst or not tekst.strip():
        return Signalen()
    laag = normaliseer(tekst)
    gevonden: list[Signaal] = []

    def voeg_toe(slot: str, waarde: str, m) -> bool:
        if m is None:
            return False
        # Whole words only: a stem pattern matches "pest" in "pesten", the entity is "pesten".
        start, eind = m.start(), m.end()
        while start > 0 and laag[start - 1].isalnum() and laag[start].isalnum():
            start -= 1
        while eind < len(laag) and laag[eind].isalnum() and laag[eind - 1].isalnum():
            eind += 1
        gevonden.append(Signaal(slot, waarde, start, eind, tekst[start:eind]))
        return True

    soort = _acuut_besluit(_acuut_tekst(tekst))
    if soort:
        gevonden.append(Signaal("acuut_soort", soort, 0, len(tekst), tekst))

    rol = None
    for waarde, patroon in _ROL.items():
        if voeg_toe("rol", waarde, _eerste(patroon, laag)):
            rol = waarde
            break

    sit = _situatie(laag)
    if sit:
        voeg_toe("situatie", sit[0], sit[1])

    for waarde, patroon in _ONDERWIJSTYPE.items():
        if voeg_toe("onderwijstype", waarde, _eerste(patroon, laag)):
            break
    else:
        if not _BUITEN_SCOPE.search(laag):
            for waarde, patroon in _LEEFTIJD_TYPE.items():
                if voeg_toe("onderwijstype", waarde, _eerste(patroon, laag)):
                    break
    voeg_toe("context", "buiten_scope", _BUITEN_SCOPE.search(laag))

    vw = _voor_wie(laag, rol, sit[0] if sit else None)
    if vw:
        voeg_toe("voor_wie", vw[0], vw[1])

    dader = _dader(laag)
    # No role stated, but a pupil's school life with the writer as the victim: a pupil. Added
    # before the perpetrator so that its span wins where the two share words.
    if rol is None and vw and vw[0] == "zelf" and sit and not (
        dader and dader[0] == "personeel" and re.search(W + r"(?:collega|leidinggevende|directeur|directie)" + E, laag)
    ):
        # A span of its own where possible ("klas", "pauze"), so entities do not overlap.
        bezet = [(g.start, g.eind) for g in gevonden] + ([(dader[1].start(), dader[1].end())] if dader else [])
        kandidaten = list(_SCHOOLLEVEN_LEERLING.finditer(laag))
        vrij = [m for m in kandidaten if all(m.end() <= b0 or m.start() >= b1 for b0, b1 in bezet)]
        if vrij or kandidaten:
            voeg_toe("rol", "leerling", (vrij or kandidaten)[0])
    if dader:
        voeg_toe("dader", dader[0], dader[1])

    for waarde, patroon in _CONTEXT.items():
        voeg_toe("context", waarde, patroon.search(laag))

    return Signalen(tuple(gevonden))


def woorden(tekst: str) -> list[str]:
    """Letter words of two letters or more, normalised ("kkr", "juf", "gepest"; not "x", "123")."""
    return [w for w in re.findall(r"[^\W\d_]+", normaliseer(tekst or "")) if len(w) >= 2]


def lijkt_onzin(tekst: str, bekend: Callable[[str], bool]) -> bool:
    """Keyboard noise ("qwerty asdf zxcv", "bloop fnarg"): letters, but not one word that `bekend`
    (the training texts' words, a lemma list) or the Dutch chat words here know, no signal of the
    rules, no acute wording and not another language. Deliberately narrow: one known word is enough
    to leave the message to the classifier; emoji, digits and empty input are answered elsewhere."""
    def kent(w: str) -> bool:
        return w in _NL_WOORDEN or bekend(w)

    lijst = woorden(tekst)
    # Cheapest first: almost every message has a known word among its first few.
    if not lijst or any(kent(w) or any(map(kent, _schrijfvarianten(w))) for w in lijst):
        return False
    return not (andere_taal(tekst) or herken(tekst).lijst)


def _schrijfvarianten(woord: str) -> set[str]:
    """How a known word is typed in chat: letters held down ("heyyy", "hallooo") and, in longer
    words, two letters swapped or one extra ("leerlign", "pessten"). Short words get no swaps:
    every four-letter jumble is one typo away from some Dutch word."""
    uit = {re.sub(r"(.)\1{2,}", r"\1\1", woord), re.sub(r"(.)\1+", r"\1", woord)}
    if len(woord) >= 6:
        uit |= {woord[:i] + woord[i + 1] + woord[i] + woord[i + 2:] for i in range(len(woord) - 1)}
        uit |= {woord[:i] + woord[i + 1:] for i in range(len(woord))}
    return uit - {woord}


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
