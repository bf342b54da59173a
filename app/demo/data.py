"""The demo data set: the City of Vantaa, six fictional training providers,
twenty fictional client companies and the ten entities of the service menu.

Business IDs other than the city's are made up; their check digits are right.
"""

COORDINATOR = {
    "name": "Vantaan kaupunki",
    "business_id": "0124610-9",
    "municipality": "Vantaa",
    "street_address": "Asematie 7",
    "postal_code": "01300",
    "website": "https://www.vantaa.fi",
}

COORDINATOR_PEOPLE = [
    ("Sanna", "Virtanen", "Koulutusoperaattorin koordinaattori", "sanna.virtanen"),
    ("Jari", "Laaksonen", "Elinkeinopäällikkö", "jari.laaksonen"),
]

# name, business id, municipality, contact person (first, last, title)
PROVIDERS = [
    (
        "Kehärata-opisto",
        "3100001-1",
        "Vantaa",
        ("Minna", "Heikkinen", "Yrityspalvelupäällikkö"),
    ),
    (
        "Vantaanjoen ammattikorkeakoulu",
        "3100038-8",
        "Vantaa",
        ("Petri", "Salonen", "Täydennyskoulutuspäällikkö"),
    ),
    (
        "Aviapolis Akatemia Oy",
        "3100075-9",
        "Vantaa",
        ("Laura", "Nieminen", "Toimitusjohtaja"),
    ),
    (
        "Digitaito Koulutus Oy",
        "3100112-9",
        "Helsinki",
        ("Antti", "Korhonen", "Koulutusjohtaja"),
    ),
    (
        "Hyvinvointivalmennus Rinne Oy",
        "3100149-5",
        "Espoo",
        ("Heidi", "Rinne", "Yrittäjä, valmentaja"),
    ),
    (
        "Kivistön logistiikkaopisto",
        "3100186-6",
        "Vantaa",
        ("Mikko", "Lehtonen", "Koulutuspäällikkö"),
    ),
]

# name, business id, industry, size class, municipality, language
CLIENT_COMPANIES = [
    ("Peltolan Konepaja Oy", "3100223-6", "Metalliteollisuus", "small", "Vantaa", "fi"),
    ("Tikkurilan Lämpö Oy", "3100260-7", "LVI-asennus", "small", "Vantaa", "fi"),
    (
        "Hakunilan Leipomo Oy",
        "3100297-3",
        "Elintarviketeollisuus",
        "micro",
        "Vantaa",
        "fi",
    ),
    (
        "Kuljetusliike Aaltonen Oy",
        "3100334-3",
        "Kuljetus ja logistiikka",
        "medium",
        "Vantaa",
        "fi",
    ),
    (
        "Myyrmäen Kiinteistöhuolto Oy",
        "3100371-4",
        "Kiinteistöpalvelut",
        "medium",
        "Vantaa",
        "fi",
    ),
    (
        "Airport Cargo Solutions Finland Oy",
        "3100445-0",
        "Kuljetus ja logistiikka",
        "large",
        "Vantaa",
        "en",
    ),
    (
        "Korson Kauneushoitola Oy",
        "3100482-1",
        "Henkilökohtaiset palvelut",
        "micro",
        "Vantaa",
        "fi",
    ),
    ("Pakkalan Tukku Oy", "3100519-7", "Tukkukauppa", "medium", "Vantaa", "fi"),
    ("Vantaan Ohjelmistotalo Oy", "3100556-8", "Ohjelmistot", "small", "Vantaa", "fi"),
    (
        "Martinlaakson Rakennus Oy",
        "3100593-9",
        "Rakentaminen",
        "medium",
        "Vantaa",
        "fi",
    ),
    ("Byggnads Ab Nordström Oy", "3100630-9", "Rakentaminen", "small", "Vantaa", "sv"),
    (
        "Hiekkaharjun Hammaslääkärit Oy",
        "3100667-5",
        "Terveyspalvelut",
        "small",
        "Vantaa",
        "fi",
    ),
    ("Kivistön Sähkö Oy", "3100704-5", "Sähköasennus", "small", "Vantaa", "fi"),
    (
        "Aviapolis Hotels Oy",
        "3100741-6",
        "Majoitus ja ravitsemus",
        "medium",
        "Vantaa",
        "en",
    ),
    (
        "Länsimäen Autokorjaamo Oy",
        "3100778-2",
        "Autojen korjaus",
        "micro",
        "Vantaa",
        "fi",
    ),
    (
        "Vantaan Muovituote Oy",
        "3100815-2",
        "Muovituoteteollisuus",
        "medium",
        "Vantaa",
        "fi",
    ),
    (
        "Koivukylän Siivouspalvelu Oy",
        "3100852-3",
        "Siivouspalvelut",
        "small",
        "Vantaa",
        "fi",
    ),
    (
        "Ruskeasannan Puutarha Oy",
        "3100963-0",
        "Puutarhatalous",
        "micro",
        "Vantaa",
        "fi",
    ),
    ("Jokiniemen Painotalo Oy", "3101000-9", "Painaminen", "small", "Vantaa", "fi"),
    (
        "Petikon Logistiikkakeskus Oy",
        "3101037-5",
        "Varastointi",
        "large",
        "Vantaa",
        "fi",
    ),
]

# client contact people, by company index: first, last, title
CLIENT_PEOPLE = [
    ("Timo", "Peltola", "Toimitusjohtaja"),
    ("Riikka", "Mäkelä", "Henkilöstöpäällikkö"),
    ("Kari", "Hakala", "Yrittäjä"),
    ("Päivi", "Aaltonen", "HR-päällikkö"),
    ("Juha", "Savolainen", "Palvelupäällikkö"),
    ("Sarah", "Lindqvist", "HR Manager"),
    ("Elina", "Koskinen", "Yrittäjä"),
    ("Markus", "Pakkanen", "Myyntijohtaja"),
    ("Outi", "Järvinen", "Tiiminvetäjä"),
    ("Ville", "Martikainen", "Työmaapäällikkö"),
    ("Anders", "Nordström", "Verkställande direktör"),
    ("Katja", "Hiltunen", "Vastaava hammaslääkäri"),
    ("Sami", "Kivistö", "Toimitusjohtaja"),
    ("James", "Holmberg", "Operations Manager"),
    ("Pekka", "Länsimäki", "Yrittäjä"),
    ("Tuula", "Rantanen", "Tuotantopäällikkö"),
    ("Marja", "Koivisto", "Esihenkilö"),
    ("Hannu", "Ruskeasanta", "Yrittäjä"),
    ("Leena", "Jokinen", "Toimitusjohtaja"),
    ("Tero", "Petäjä", "Varastopäällikkö"),
]

THEMES = [
    ("Digitalisaatio", "Digitaidot, tekoäly ja tietoturva työelämässä."),
    ("Johtaminen", "Esihenkilötyö, muutosjohtaminen ja työyhteisön kehittäminen."),
    ("Asiakkuudet", "Myynti, asiakaspalvelu ja markkinointi."),
    ("Työhyvinvointi", "Työturvallisuus, jaksaminen ja terveys."),
    ("Tuotanto ja logistiikka", "Teollisuuden, varastojen ja kuljetusten osaaminen."),
    ("Kestävyys", "Ympäristövastuu, kiertotalous ja energia."),
    ("Kieli ja kulttuuri", "Suomen ja ruotsin kieli sekä monikulttuurinen työyhteisö."),
]

# name, description, themes (indexes), format, hours, providers (indexes)
SERVICE_ENTITIES = [
    (
        "Digitaidot ja tekoäly työssä",
        "Arjen digityökalut, tekoälyavustajien hyödyntäminen ja tietoturva.",
        [0],
        "blended",
        16,
        [1, 3],
    ),
    (
        "Esihenkilötyön valmennus",
        "Valmennus uusille ja kokeneille esihenkilöille: vuorovaikutus ja "
        "suorituksen johtaminen.",
        [1],
        "contact",
        24,
        [1, 4],
    ),
    (
        "Myynnin ja asiakaspalvelun kehittäminen",
        "Asiakaskokemus, ratkaisumyynti ja palvelun laatu.",
        [2],
        "blended",
        20,
        [0, 2],
    ),
    (
        "Työturvallisuus ja työhyvinvointi",
        "Työturvallisuuskortti, ergonomia ja henkinen jaksaminen.",
        [3],
        "contact",
        8,
        [0, 4],
    ),
    (
        "Logistiikka ja varastonhallinta",
        "Varastotyö, trukkikortti, toimitusketjun hallinta.",
        [4],
        "workplace",
        32,
        [5, 0],
    ),
    (
        "Teollinen automaatio ja kunnossapito",
        "Automaation perusteet, ennakoiva kunnossapito ja tuotannon laatu.",
        [4],
        "contact",
        40,
        [0, 1],
    ),
    (
        "Työpaikkasuomi",
        "Suomen kieltä työtehtävissä tarvittavaan viestintään.",
        [6],
        "workplace",
        30,
        [0, 2],
    ),
    (
        "Kestävä kehitys ja vastuullisuus",
        "Hiilijalanjälki, kiertotalouden liiketoimintamallit ja raportointi.",
        [5],
        "online",
        12,
        [1],
    ),
    (
        "Talous- ja liiketoimintaosaaminen",
        "Kannattavuus, hinnoittelu ja talouden tunnusluvut pk-yrityksessä.",
        [1, 2],
        "online",
        16,
        [1, 3],
    ),
    (
        "Asiakaslähtöinen palvelumuotoilu",
        "Palvelujen kehittäminen asiakkaiden kanssa työpajoissa.",
        [2, 0],
        "blended",
        12,
        [2, 3],
    ),
]

# name, funder, description, employer share, suits joint procurement
FUNDING_OPTIONS = [
    (
        "Yhteishankintakoulutus (RekryKoulutus)",
        "Uudenmaan TE-palvelut ja työnantaja",
        "Uusien työntekijöiden kouluttaminen yrityksen tarpeisiin.",
        "30.00",
        True,
    ),
    (
        "Yhteishankintakoulutus (TäsmäKoulutus)",
        "Uudenmaan TE-palvelut ja työnantaja",
        "Henkilöstön osaamisen päivittäminen muutostilanteessa.",
        "50.00",
        True,
    ),
    (
        "Yrityksen oma rahoitus",
        "Asiakasyritys",
        "Yritys maksaa koulutuksen kokonaan itse.",
        "100.00",
        False,
    ),
    (
        "Työvoimakoulutus",
        "Uudenmaan TE-palvelut",
        "Työttömille ja työttömyysuhan alaisille suunnattu koulutus.",
        "0.00",
        False,
    ),
]

FORESIGHT_NOTES = [
    (
        "Tekoälyavustajat pk-yritysten toimistotyöhön",
        "Yrityskäynneillä yhä useampi pk-yritys kysyy, miten tekoälyavustajia voi "
        "käyttää turvallisesti tarjouksissa ja asiakasviestinnässä.",
        "Yrityskäynnit syksy",
        "Palvelut",
        0,
    ),
    (
        "Lentoaseman logistiikan rekrytointitarve kasvaa",
        "Aviapoliksen alueen logistiikkayritykset arvioivat tarvitsevansa 200 uutta "
        "varastotyöntekijää seuraavan vuoden aikana.",
        "Elinkeinopalvelujen kysely",
        "Kuljetus ja logistiikka",
        4,
    ),
    (
        "Rakennusalalla kysyntää ruotsinkieliselle työturvallisuuskoulutukselle",
        "Ruotsinkieliset rakennusyritykset toivovat työturvallisuuskoulutusta "
        "omalla kielellään.",
        "Ohjausryhmän keskustelu",
        "Rakentaminen",
        3,
    ),
]
