"""Every word list and mark table of the quotation engine, in one place.

They are data, not rules: a rule that needs a list imports it from here, so
that a word is added once and every stage sees it. (Over 400 lines for that
reason: splitting the lists up would scatter them again.)
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: Every mark that can open or close a quotation (curly, straight, single, guillemets).
QUOTE_CHARS = "\u201c\u201e\u201f\u201d\"\uff02\u2018\u2019'\u00ab\u00bb"


#: Punctuation that ends a sentence or clause; a line without it is a heading.
FINAL_PUNCT = ".!?\u2026:;,~)"


def wordlist(text: str) -> list[str]:
    return text.split()


def unique(text: str) -> tuple[str, ...]:
    """The words of ``text`` in order, each once.

    >>> unique("said says said")
    ('said', 'says')
    """
    return tuple(dict.fromkeys(text.split()))


PRONOUNS = frozenset({"he", "she", "him", "her"})
#: Pronouns that stand for an organisation or a group ("it said in a statement").
ORG_PRONOUNS = frozenset({"it", "they"})


DETERMINERS = frozenset(
    wordlist("a an the one some another many several two three most other others")
)


NOT_SUBJECT = frozenset(
    wordlist(
        "it this that these those there here what which who they we i you people everyone "
        "nobody everybody somebody anybody someone anyone noone none nothing something "
        "everything anything whoever"
    )
)


#: Capital letters, accented Latin ones included (``Øvergaard``, ``Élodie``, ``Íñigo``).
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())


#: Lower-case particles inside a name (``de la Fuente``, ``van der Berg``, ``bin Yusof``).
PARTICLES = "de|van|von|der|den|da|di|du|del|della|bin|ibn|al|el|la|le|dos|das|los|las|ter|ten|arap"


PARTICLE_SET = frozenset(PARTICLES.split("|"))
#: The capitalised words of Irish surnames before the name itself (``Ó Briain``, ``Nic
#: Giolla Phádraig``, ``Mac an tSaoi``).
IRISH_PARTICLES = frozenset({"Ó", "Ò", "Ní", "Nic", "Mac", "Mhic", "Uí", "Ua", "Giolla"})


MASK = "\u2024"  # one-dot leader: looks like a full stop, ends no sentence


#: Abbreviated titles, with or without their dot, and the office each stands for (``Gov.``
#: is a governor): civic and political (US, British and Commonwealth), police and
#: military ranks, and the clergy's. Written before a name, they are no part of it.
TITLE_ABBREVIATIONS: Mapping[str, str] = MappingProxyType(
    {
        # civic and political
        "gov": "governor",
        "sen": "senator",
        "rep": "representative",
        "del": "delegate",
        "cllr": "councillor",
        "cr": "councillor",  # Australian and New Zealand papers: "Cr Jenny Hill"
        "engr": "engineer",  # Nigerian papers: "Engr. Musa Lawan"
        "barr": "barrister",
        "ald": "alderman",
        "pres": "president",
        "sec": "secretary",
        "amb": "ambassador",
        "atty": "attorney",
        "comm": "commissioner",
        "commr": "commissioner",
        "comr": "commissioner",
        "dep": "deputy",
        "hon": "honourable",
        "rt": "right",  # "Rt Hon"
        # police
        "supt": "superintendent",
        "insp": "inspector",
        "det": "detective",
        "ch": "chief",  # "Ch Supt", "Ch Insp"
        "const": "constable",
        "cst": "constable",
        # military
        "gen": "general",
        "lt": "lieutenant",
        "col": "colonel",
        "capt": "captain",
        "maj": "major",
        "brig": "brigadier",
        "sgt": "sergeant",
        "cpl": "corporal",
        "pte": "private",
        "pvt": "private",
        "spc": "specialist",
        "ens": "ensign",
        "cmdr": "commander",
        "cdr": "commander",
        "cmdt": "commandant",
        "cdre": "commodore",
        "adm": "admiral",
        "sqn": "squadron",  # "Sqn Ldr"
        "ldr": "leader",
        "wg": "wing",  # "Wg Cdr"
        "flt": "flight",  # "Flt Lt"
        # clergy
        "rev": "reverend",
        "revd": "reverend",
        "fr": "father",
        "msgr": "monsignor",
        "bp": "bishop",
        "abp": "archbishop",
    }
)


FUNCTION_WORDS = (
    NOT_SUBJECT
    | DETERMINERS
    | PRONOUNS
    | frozenset(
        wordlist(
            "as when while but and so then if because although after before since in on at of "
            "for to with from by my his her our their its your all no not yes also why how where "
            "whether today yesterday later meanwhile however asked outside inside once"
        )
    )
)


#: Last words that make a capitalised name an organisation, a place or a thing, not a person.
ORG_WORDS = frozenset(
    wordlist(
        "auto motors motor corporation corp company co inc ltd llc group holdings holding "
        "technology technologies review news times post journal daily weekly observer magazine "
        "agency bank university institute college school ministry department association council "
        "committee foundation party media press network tv radio club team league government "
        "office bureau federation union board commission court police army "
        "research partners capital securities studio studios systems labs lab ventures fund "
        "funds investments advisors advisers consulting associates solutions industries "
        "international global airlines airways energy pharma pharmaceuticals therapeutics "
        "hospital clinic library museum stadium airport station port harbour harbor street road "
        "avenue square bridge zone province county district centre center hotel restaurant "
        "marathon cup championship championships games festival awards award prize show expo "
        "summit conference convention forum edition plan programme program project initiative "
        "report "
        "factory plant services service software mobile store shop market exchange open "
        "hall cathedral theatre theater arena gardens workers society coalition alliance "
        "foods maritime shipping lines logistics mining minerals metals steel petroleum "
        "chemicals beverages farms insurance telecom electronics aerospace authority "
        "retail pictures films records entertainment productions publishing games "
        "rovers town city united athletic wanderers albion rangers fc afc hotspur "
        "democrat democrats dem dems conservatives tories labour republicans greens "
        "watch trust regulator homes housing properties estates developments construction "
        "builders brands stores supermarkets trading enterprises railways rail buses transport "
        "utilities water"
    )
)


#: Offices and roles written before a name ("Transport Minister Amira Haddad").
TITLE_WORDS = frozenset(
    wordlist(
        "minister mayor deputy councillor councilor alderman chairman chairwoman chairperson "
        "chair president vice prime secretary senator governor judge justice coach professor "
        "director chief executive ceo cfo coo cto founder co-founder cofounder manager "
        "spokesman spokeswoman spokesperson officer commissioner ambassador king queen prince "
        "princess pope bishop archbishop rabbi imam cardinal captain sergeant lieutenant "
        "colonel detective inspector constable editor reporter correspondent economist analyst "
        "chancellor premier speaker representative congressman congresswoman lawmaker "
        "treasurer attorney counsel superintendent sheriff admiral commander sir dame lord lady "
        "physician doctor nurse architect author commentator prosecutor grandmaster curator "
        "magistrate mp mep msp mla mpp leader whip "
        # titles before a name elsewhere in the English-speaking press
        "comrade advocate mallam malam alhaji alhaja hajiya engineer barrister "
        # peers' titles that are no given names ("Earl", "Duke" and "Baron" are)
        "baroness viscount viscountess countess marquess duchess"
    )
)
#: The titles of members of the House of Lords that are no given names (``Earl``,
#: ``Baron`` are): a ``Lord`` is ``the peer``.
PEER_TITLES = frozenset(wordlist("lord lady baroness viscount viscountess countess marquess"))


#: Roles that are titles only when they open a run ("Striker Ali Khan"): inside one, many
#: are surnames ("Manuel Pastor Ortega", "Jonathan Priest Smith").
OPENING_TITLE_WORDS = frozenset(
    wordlist(
        "striker goalkeeper midfielder defender winger quarterback pitcher batsman bowler "
        "skipper referee umpire trainer chef artist actor actress novelist poet photographer "
        "designer scientist researcher historian lawyer teacher pastor priest general "
        "frontman frontwoman guitarist drummer bassist singer songwriter star co-star "
        "presenter host producer comedian rapper musician composer writer columnist pundit "
        "veteran boss captain forward keeper centre-back full-back playmaker jockey trainer "
        "rider driver cyclist boxer golfer sprinter swimmer"
    )
)


#: Roles without a role noun's ending that open a run before a full name: "Chief of
#: Staff Denis Roe" leaves "Staff Denis Roe", "Marine John Roe" is a marine, "Owner Ann
#: Lee" an owner; before a surname alone they stay ("Baker Mayfield", "Farmer Giles").
RUN_ROLES = frozenset(
    wordlist(
        "staff marine soldier sailor airman trooper ranger medic aide envoy intern "
        "owner farmer baker worker nurse pilot miner cook landlord father commuter"
    )
)


#: What an office is for, before the name of who holds it: "Undersecretary for
#: Political Affairs Wendy Sherman" leaves "Political Affairs Wendy Sherman".
OFFICE_SUBJECTS = frozenset(
    wordlist("affairs communications operations relations outreach strategy policy")
)


HEADLINE_WORDS = frozenset(wordlist("interview exclusive q&a conversation full transcript"))


GENDER_OF_HONORIFIC: Mapping[str, str] = MappingProxyType(
    {"mr": "m", "sir": "m", "ms": "f", "mrs": "f", "miss": "f", "madam": "f", "mme": "f"}
)


#: Words right before a run that make it a thing or a place ("the Harwood Library"). Other
#: determiners do not: "former number one Mark Eddowes".
NOT_BEFORE_NAME = frozenset(wordlist("the a an at in"))


SOURCE_STOP_WORDS = frozenset(wordlist("the a an of in at on with for to from by and who is was"))


#: Suffixes that mark a company's legal name; dropped from the name (``Brightwell Foods Inc.``).
CORPORATE_SUFFIXES = frozenset(
    wordlist("inc inc. corp corp. ltd ltd. llc plc co co. ag sa nv gmbh")
)


#: Nouns a definite reference uses for a company (``the company said``); written just
#: before a name, they also make it one (``the utility Cascade Power & Light``).
COMPANY_NOUNS = frozenset(
    wordlist(
        "company firm group business retailer maker carmaker automaker utility miner "
        "producer bank lender insurer operator airline carrier manufacturer supplier "
        "charity club party union council regulator watchdog broadcaster publisher "
        "studio label distributor developer network agency trust foundation institute "
        "campaign organisation organization "
        "developer distributor chain brand conglomerate"
    )
)


#: Legal forms written before a company's name (``PT Sulawesi Prima Nikel``).
CORPORATE_PREFIXES = frozenset(wordlist("PT PJSC JSC OAO PAO"))


PRONOUN_GENDER: Mapping[str, str] = MappingProxyType(
    {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
)


CURLY_OPEN = "\u201c\u201e\u201f"  # “ „ ‟


CURLY_CLOSE = "\u201d"  # ”


STRAIGHT = '"\uff02'


SINGLE_OPEN = "\u2018'"  # ‘ and '


SINGLE_CLOSE = "\u2019'"  # ’ and '


#: Guillemets: ``«`` opens and ``»`` closes (French, Italian, Russian, Spanish), or the
#: other way round (``»…«``: German, Danish).
GUILLEMET_OPEN, GUILLEMET_CLOSE = "\u00ab", "\u00bb"


#: Speech verbs, in the forms news prose uses, each once.
SPEECH_VERBS = unique(
    "said says say told tells tell added adds replied replies reply responded responds "
    "stated states admitted admits mentioned mentions explained explains noted notes asked "
    "asks answered answers believes believed argued argues insisted insists recalled recalls "
    "wrote writes declared declares emphasized emphasised emphasizes stressed stresses claimed "
    "claims commented comments remarked remarks joked jokes quipped exclaimed revealed reveals "
    "confirmed confirms announced announces acknowledged acknowledges concluded observed "
    "warned warns shared shares tweeted posted thinks predicted promised suggested suggests "
    "asserted conceded confessed boasted complained lamented sighed repeated recounted "
    "summarized summarised urged vowed countered retorted wondered continued continues "
    "described describes cautioned cautions concludes observes echoed echoes reads read "
    "chanted chants shouted shouts yelled yells screamed cried whispered muttered assured "
    "assures pledged pledges interjected barked mocked mocks fumed riffed surmised testified "
    "testifies mused muses elaborated beamed boomed demanded demands affirmed affirms "
    "recounts remembered remembers wonders marveled marvelled scoffed snapped "
    "gushed raved griped grumbled concedes charged reported reports state pressed predicts "
    "reasoned"
)
#: Participles that carry a quote after the main clause ("X …, saying: …").
PARTICIPLES = unique(
    "saying adding writing noting asking declaring insisting arguing explaining warning "
    "stating replying responding quipping joking recalling tweeting"
)
#: Speech cues of several words, as a regular expression.
SPEECH_PHRASES = (
    r"pointed out|points out|went on|goes on|shot back|fired back|put it|puts it"
    r"|(?:is|was) quoted as saying"
)


#: Words whose dot ends no sentence ("Mr.", "Inc.", "U.S.", "Gov.").
ABBREVIATIONS = frozenset(
    wordlist("mr mrs ms dr prof st jr sr inc co ltd corp vs etc no u.s u.k e.g i.e")
) | frozenset(TITLE_ABBREVIATIONS)


#: Days and words for a time: never part of a name, and cut from the end of a run
#: ("Pence Thursday", "Super Tuesday").
WEEKDAYS = frozenset(wordlist("monday tuesday wednesday thursday friday saturday sunday"))
TIME_WORDS = WEEKDAYS | frozenset(
    wordlist(
        "today tonight tomorrow yesterday morning afternoon evening night week weekend "
        "month year christmas easter thanksgiving"
    )
)
#: Months are names alone ("Last September" is no one), but not inside one: "April Ryan",
#: "Theresa May".
MONTHS = frozenset(
    wordlist(
        "january february march april may june july august september october november december"
    )
)

#: Capitalised words that open a sentence before a name and are no part of it
#: ("Speaking Sunday, Smith said", "Instead Clinton", "Former Arizona governor …"),
#: among them the verbs of reaching someone that open a reporter's notes and a
#: participle clause ("Called Grace Okafor at the union.", "Reached Tuesday, …").
OPENERS = frozenset(
    wordlist(
        "instead yet still once following speaking former formerly late last lastly among unlike "
        "when while whilst where if because since after before whether "
        "is are was were four five six seven eight nine ten dozens hundreds thousands "
        "during every like despite amid amidst even just only perhaps maybe indeed overall "
        "together earlier first second third next finally now thus hence therefore moreover "
        "furthermore besides otherwise nevertheless nonetheless regardless including "
        "excluding according asking noting citing saying calling adding writing responding "
        "referring describing addressing defending explaining reflecting recalling "
        "acknowledging quoting dismissing welcoming criticising criticizing urging warning "
        "echoing pointing looking talking commenting joining introducing announcing reacting "
        "arguing insisting accusing blaming thanking mocking attacking backing supporting "
        "endorsing opposing rejecting praising hailing considering knowing given having being "
        "seeing hearing watching reading behind beyond under over above below near across "
        "against around through throughout toward towards upon within without via per "
        "amongst dear welcome congratulations thanks sorry please unless until whereas "
        "wherever whenever whatever whoever although though nor either neither both each "
        "asked told interviewed reached contacted pressed challenged called phoned rang "
        "emailed e-mailed texted messaged met visited approached quizzed questioned "
        "calling phoning emailing texting messaging meeting visiting"
    )
)

#: Places a capitalised run may be, which makes it no person: countries, the US states
#: and other large regions, and the cities that news names most. A run equal to one of
#: these, or ending in one after a title ("Former Arizona"), is a place.
PLACES = frozenset(
    name.lower()
    for name in wordlist(
        "Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria "
        "Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan "
        "Bolivia Bosnia Botswana Brazil Brunei Bulgaria Burundi Cambodia Cameroon Canada Chad "
        "Chile China Colombia Comoros Congo Croatia Cuba Cyprus Czechia Denmark Djibouti "
        "Dominica Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon "
        "Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti Honduras "
        "Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan "
        "Kazakhstan Kenya Kiribati Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho "
        "Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives "
        "Mali Malta Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro "
        "Morocco Mozambique Myanmar Burma Namibia Nauru Nepal Netherlands Nicaragua Niger "
        "Nigeria Norway Oman Pakistan Palau Palestine Panama Paraguay Peru Philippines Poland "
        "Portugal Qatar Romania Russia Rwanda Samoa Senegal Serbia Seychelles Singapore "
        "Slovakia Slovenia Somalia Spain Sudan Suriname Sweden Switzerland Syria Taiwan "
        "Tajikistan Tanzania Thailand Togo Tonga Tunisia Turkey Turkmenistan Tuvalu Uganda "
        "Ukraine Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen Zambia Zimbabwe Europe "
        "Asia Africa America Americas Antarctica Oceania Scotland Wales England Britain "
        "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida "
        "Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland "
        "Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio "
        "Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington "
        "Wisconsin Wyoming Ontario Quebec Alberta Manitoba Saskatchewan Queensland Tasmania "
        "Victoria Bavaria Catalonia Kashmir Punjab Bengal Kerala Gujarat Maharashtra Tamil "
        "Crimea Donbas Gaza Sinai Tibet Xinjiang Siberia Chechnya Darfur Kurdistan London "
        "Paris Berlin Madrid Rome Moscow Beijing Shanghai Tokyo Seoul Delhi Mumbai Karachi "
        "Lahore Dhaka Jakarta Manila Bangkok Hanoi Sydney Melbourne Toronto Montreal "
        "Vancouver Ottawa Chicago Boston Philadelphia Houston Dallas Atlanta Miami Denver "
        "Seattle Detroit Cleveland Baltimore Pittsburgh Phoenix Brussels Geneva Vienna Athens "
        "Istanbul Ankara Tehran Baghdad Damascus Beirut Cairo Riyadh Dubai Doha Kabul Nairobi "
        "Lagos Abuja Accra Johannesburg Dublin Edinburgh Glasgow Manchester Liverpool "
        "Birmingham Leeds Amsterdam Stockholm Oslo Copenhagen Helsinki Warsaw Prague Budapest "
        "Kyiv Kiev Minsk Havana Caracas Bogota Lima Santiago Brasilia Hollywood"
    )
) | frozenset(
    # Several words each, joined by "_" in this list.
    name.replace("_", " ")
    for name in wordlist(
        "new_york new_jersey new_hampshire new_mexico new_zealand north_carolina "
        "south_carolina north_dakota south_dakota west_virginia rhode_island "
        "south_africa south_korea north_korea saudi_arabia sri_lanka costa_rica "
        "el_salvador puerto_rico hong_kong united_states united_kingdom "
        "united_arab_emirates latin_america middle_east south_sudan ivory_coast "
        "new_delhi los_angeles san_francisco san_diego las_vegas new_orleans "
        "white_house capitol_hill wall_street silicon_valley downing_street ground_zero"
    )
)


#: One-word names of newspapers and sites, written with "the" (``the Hill``, ``the Times``).
MEDIA_WORDS = frozenset(
    wordlist(
        "guardian independent economist telegraph mirror sun times post hill journal herald "
        "tribune observer standard express mail star globe chronicle examiner inquirer gazette "
        "register bulletin nation atlantic spectator blaze intercept verge"
    )
)


#: Nationalities written before a name ("American Jordan Ruiz", "Czech qualifier …"):
#: no part of it.
NATIONALITIES = frozenset(
    wordlist(
        "american british english scottish welsh irish french german italian spanish "
        "portuguese dutch belgian swiss austrian swedish norwegian danish finnish icelandic "
        "polish czech slovak hungarian romanian bulgarian greek turkish russian ukrainian "
        "serbian croatian bosnian slovenian albanian chinese japanese korean taiwanese "
        "vietnamese thai indian pakistani bangladeshi afghan iranian iraqi syrian lebanese "
        "israeli palestinian egyptian saudi emirati qatari nigerian ghanaian kenyan "
        "ethiopian south-african moroccan algerian tunisian canadian mexican brazilian "
        "argentine argentinian chilean colombian peruvian venezuelan cuban australian "
        "kiwi filipino indonesian malaysian singaporean"
    )
)


#: Common Chinese, Korean and Vietnamese surnames, written first: a name that opens with
#: one ("Lin Guohua") opens with no given name, whatever an American list says of it.
EAST_ASIAN_SURNAMES = frozenset(
    wordlist(
        "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao "
        "zheng liang xie tang song han feng deng cao peng zeng xiao tian dong pan yuan cai "
        "jiang yu du ye cheng wei su lu ding ren yao shen zhong cui tan fan liao shi jin jia "
        "xia fu fang zou xiong bai meng qin qiu hou yin xue yan duan lei long tao mao gu wan "
        "kong xiang qian kim lee park choi jung kang cho yoon jang lim nguyen tran le pham "
        "hoang huynh vo dang bui do ngo duong ly"
    )
)


#: What of someone's they write in themselves: a post on ``her account`` is her words.
CHANNEL_NOUNS = frozenset(wordlist("account feed page website blog channel"))


#: Bodies that speak for someone: what ``her office said`` is her office's statement,
#: not her words, and a reporter attributes it so ("Alison Carter's office").
SPOKESBODY_NOUNS = frozenset(
    wordlist("office campaign team camp administration government staff ministry department")
)


#: Letters after a name ("Jane Roe QC", "Tom Brandt MP"): no part of it.
POST_NOMINALS = frozenset(wordlist("mp mep msp mla mpp qc kc cbe obe mbe frs phd jr sr"))
#: A name's generation (``Robert Ashworth III``), which goes as ``Jr.`` does; not a
#: monarch's or a pope's (``REGNAL_TITLES``: ``King Charles III`` stays).
GENERATIONS = frozenset(wordlist("ii iii iv"))
REGNAL_TITLES = frozenset(
    wordlist("king queen pope emperor empress prince princess tsar czar sultan shah saint st")
)


#: Party words written before a name ("Democrat Hillary Clinton", "House Intelligence
#: Republican Mike Pompeo"): no part of it.
PARTY_WORDS = frozenset(
    wordlist("democrat democrats democratic republican republicans gop tory labour liberal")
)


#: Groups of people, named with a capital, that are nobody's name: "the absence of
#: Latinos" (and any nationality's plural: "Americans").
GROUP_NOUNS = frozenset(
    wordlist(
        "latinos latinas hispanics muslims christians jews catholics protestants "
        "evangelicals mormons asians europeans africans arabs"
    )
)
#: Nationalities written as nouns for a person ("the Dutchman", "the Scot"), beside the
#: adjectives in NATIONALITIES that serve as nouns too ("the Norwegian").
DEMONYM_NOUNS = frozenset(
    wordlist(
        "dutchman dutchwoman frenchman frenchwoman englishman englishwoman irishman "
        "irishwoman welshman welshwoman scotsman scotswoman scot brit briton dane swede finn "
        "pole spaniard turk aussie argentine filipino filipina kiwi yank"
    )
)

#: Organisation words that are also common surnames: after a given name they end a
#: person's name ("Robert Plant", "Jerry Hall", "Margaret Court").
SURNAME_ORG_WORDS = frozenset(wordlist("hall plant court post street church banks fields"))


#: Labels that open a line with a colon and are no speaker (``Update: …``, ``Photo: …``).
NOT_SPEAKER_LABELS = frozenset(
    wordlist(
        "note update editor editors source sources photo photos video correction "
        "clarification disclosure related watch read listen warning spoiler tags topics filed "
        "advertisement image caption credit sponsored transcript summary background context "
        "analysis opinion review verdict result results score scores question answer breaking "
        "live latest more also see follow"
    )
)

#: Cues that make a paragraph a turn in a conversation (a reply, a question).
TURN_CUES = frozenset(
    wordlist("replied replies responded answered retorted countered asked dialogue")
)

#: What a sign "reads" is a slogan, not speech; a statement or a report that reads is.
SIGNS = frozenset(
    wordlist(
        "sign signs banner banners slogan slogans placard placards poster posters shirt shirts "
        "t-shirt t-shirts sticker stickers billboard billboards plaque inscription graffiti "
        "mural hat hats cap caps badge button buttons"
    )
)

#: Words before a name that make it an object, not a subject (``told Roe``).
OBJECT_BEFORE = frozenset(
    wordlist("to with by for of told asked about against and from at on than like thanked")
)

#: Roles one person holds in a story ("the chancellor", "the manager"): a reference to
#: one of them is someone the article names. Roles many hold (spokesman, official,
#: analyst) are not: "the spokesman" may be anyone.
UNIQUE_ROLES = frozenset(
    wordlist(
        "chancellor president premier mayor governor senator chairman chairwoman chair "
        "manager coach captain boss founder minister secretary judge"
    )
)

#: Demonstratives that make a back-reference of a source ("this source told the Post").
DEMONSTRATIVES = frozenset(wordlist("this that these those"))

#: Possessive pronouns, and the pronoun each stands for (a post on "her account" is hers).
POSSESSIVE_PRONOUNS: Mapping[str, str] = MappingProxyType(
    {"his": "he", "her": "her", "their": "they", "its": "it"}
)

#: Nouns that make the quote after them a title ("the book "…"", "a film called "…"").
TITLE_NOUNS = wordlist(
    "book novel memoir film movie documentary song album article report column essay play "
    "poem series show titled entitled called named dubbed collection anthology single "
    "opera musical painting sculpture exhibition podcast"
)

#: Small words a title-case phrase may hold in lower case ("Sense of Participation").
TITLE_SMALL_WORDS = frozenset(wordlist("of the a an and or in on to for with at by"))


#: Nouns that give an unnamed source's gender ("a spokeswoman", "his father").
FEMALE_NOUNS = frozenset(
    wordlist(
        "woman women spokeswoman chairwoman businesswoman congresswoman councilwoman "
        "policewoman sportswoman mother grandmother stepmother wife widow daughter "
        "stepdaughter sister aunt niece girl girlfriend lady actress waitress headmistress "
        "mum mom grandma"
    )
)
MALE_NOUNS = frozenset(
    wordlist(
        "man men spokesman chairman businessman congressman councilman policeman "
        "sportsman father grandfather stepfather husband widower son stepson brother uncle "
        "nephew boy boyfriend gentleman actor waiter headmaster dad grandpa"
    )
)
