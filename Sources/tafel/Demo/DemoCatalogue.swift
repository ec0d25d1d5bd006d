/// The people, departments and recurring problems of the Maastricht demo: what a year of
/// stadsdeeltafels is made of. Names are plausible, not real persons.
enum DemoCatalogue {
    struct Department {
        var id: String
        var name: String
        var external: Bool
    }

    static let departments: [Department] = [
        Department(id: "openbare-ruimte", name: "Openbare Ruimte", external: false),
        Department(id: "wonen", name: "Wonen", external: false),
        Department(id: "sociaal-domein", name: "Sociaal Domein", external: false),
        Department(id: "veiligheid", name: "Veiligheid", external: false),
        Department(id: "verkeer-mobiliteit", name: "Verkeer en Mobiliteit", external: false),
        Department(id: "economie", name: "Economie", external: false),
        Department(id: "stadsontwikkeling", name: "Stadsontwikkeling", external: false),
        Department(id: "politie", name: "Politie Limburg", external: true),
        Department(id: "woonpunt", name: "Woonpunt", external: true),
        Department(id: "servatius", name: "Servatius", external: true),
        Department(id: "maasvallei", name: "Maasvallei", external: true),
    ]

    static let corporations = ["woonpunt", "servatius", "maasvallei"]

    /// A recurring kind of dossier: its title (with the buurt), its lead and who helps.
    struct Theme {
        var title: String
        var lead: String
        var contributors: [String]
        var summary: String
    }

    static let themes: [Theme] = [
        Theme(title: "Overlast hangjongeren %@", lead: "veiligheid", contributors: ["sociaal-domein", "politie"], summary: "Meldingen van geluidsoverlast en intimidatie rond het speelveld in de avonduren."),
        Theme(title: "Zwerfafval en bijplaatsingen %@", lead: "openbare-ruimte", contributors: ["wonen", "corporation"], summary: "Structureel afval naast de ondergrondse containers; bewoners vragen om handhaving."),
        Theme(title: "Schimmel in huurwoningen %@", lead: "wonen", contributors: ["corporation", "sociaal-domein"], summary: "Gezondheidsklachten door vocht en schimmel in een portiekflat."),
        Theme(title: "Verkeersveiligheid schoolroute %@", lead: "verkeer-mobiliteit", contributors: ["openbare-ruimte", "politie"], summary: "Ouders melden gevaarlijke oversteek en te hard rijdend verkeer bij de basisschool."),
        Theme(title: "Leegstaande winkelpanden %@", lead: "economie", contributors: ["stadsontwikkeling", "wonen"], summary: "Drie panden staan langer dan een jaar leeg; eigenaren reageren niet."),
        Theme(title: "Eenzaamheid ouderen %@", lead: "sociaal-domein", contributors: ["wonen", "corporation"], summary: "Wijkverpleging signaleert toenemende vereenzaming bij alleenwonende ouderen."),
        Theme(title: "Drugsoverlast portiek %@", lead: "veiligheid", contributors: ["politie", "corporation"], summary: "Handel en gebruik in een portiek; bewoners durven niet te melden."),
        Theme(title: "Herinrichting buurtplein %@", lead: "stadsontwikkeling", contributors: ["openbare-ruimte", "verkeer-mobiliteit"], summary: "Bewonersinitiatief voor meer groen en minder parkeren op het plein."),
        Theme(title: "Parkeerdruk rond %@", lead: "verkeer-mobiliteit", contributors: ["economie", "openbare-ruimte"], summary: "Bezoekers en bedrijven parkeren in de woonstraten; bewoners vragen vergunningparkeren."),
        Theme(title: "Woningsplitsing en kamerverhuur %@", lead: "wonen", contributors: ["veiligheid", "stadsontwikkeling"], summary: "Vermoeden van illegale kamerverhuur en overbewoning."),
        Theme(title: "Ondermijning bedrijfspand %@", lead: "veiligheid", contributors: ["politie", "economie"], summary: "Signalen van criminele activiteiten achter een gevel van een bedrijfsverzamelgebouw."),
        Theme(title: "Wateroverlast na hoosbuien %@", lead: "openbare-ruimte", contributors: ["stadsontwikkeling", "corporation"], summary: "Kelders en tuinen lopen onder; riool kan de piekafvoer niet aan."),
        Theme(title: "Schuldenproblematiek gezinnen %@", lead: "sociaal-domein", contributors: ["corporation", "wonen"], summary: "Huurachterstanden stapelen op; vroegsignalering moet beter samenwerken."),
        Theme(title: "Speeltuin in slechte staat %@", lead: "openbare-ruimte", contributors: ["sociaal-domein"], summary: "Toestellen afgekeurd; kinderen spelen op straat."),
    ]

    static let decisionTexts: [String] = [
        "Extra handhaving in de avonduren gedurende zes weken",
        "Bewonersavond organiseren met alle betrokken partijen",
        "Plan van aanpak opstellen en terugkoppelen aan de tafel",
        "Eigenaar aanschrijven en termijn stellen",
        "Tijdelijke verkeersmaatregelen plaatsen en effect meten",
        "Huisbezoeken afleggen bij de betrokken huishoudens",
        "Budget aanvragen bij de stadsdeelwethouder",
        "Camera-toezicht onderzoeken met politie en juridische zaken",
    ]

    static let topics: [String] = [
        "Terugblik bewonersavond", "Wijkbudget: stand van zaken", "Rondvraag", "Evaluatie zomerperiode",
        "Voorbereiding carnaval", "Signalen uit het wijkteam",
    ]

    static let notes: [String: [String]] = [
        "in_progress": ["Gesprek met bewoners gepland", "Intake gedaan, plan in de maak", "Eerste maatregelen genomen", "Wacht op rapportage"],
        "blocked": ["Wacht op budgetbesluit", "Eigenaar werkt niet mee", "Capaciteit ontbreekt tot na de zomer"],
        "done": ["Afgerond, effect gemonitord", "Maatregel uitgevoerd", "Overgedragen aan beheer"],
        "open": ["Opnieuw geopend na nieuwe meldingen"],
    ]

    static let escalationReasons: [String] = [
        "Benodigd budget overstijgt het wijkbudget",
        "Partijen komen niet tot overeenstemming over de aanpak",
        "Bestuurlijke keuze nodig over handhaving",
    ]
}
