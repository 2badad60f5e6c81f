"""Words for scale data: fictional names and organisations, and plausible policy prose.

Every person is fictional (first and last names are combined at random, as in the demo's
rule that no real person is named); organisations are "Example ..." like the demo's.
"""

FIRST_NAMES = [
    "Adaeze", "Amara", "Anjali", "Aroha", "Ayesha", "Bilal", "Camila", "Chidi", "Dalia",
    "Darya", "Diego", "Elif", "Emeka", "Esi", "Farida", "Hana", "Haruka", "Ilka", "Imani",
    "Ines", "Jorinde", "Kai", "Kamal", "Kwabena", "Leila", "Liang", "Lucia", "Malak", "Mateus",
    "Mei", "Milan", "Mireille", "Nadia", "Nikolai", "Noor", "Olga", "Omar", "Paz", "Priya",
    "Rafael", "Rustam", "Samira", "Sione", "Sofia", "Tariq", "Tendai", "Teodor", "Thandiwe",
    "Valeria", "Wanjiru", "Yara", "Yusuf", "Zainab", "Zhanna",
]  # fmt: skip

LAST_NAMES = [
    "Abara", "Alvarez-Lund", "Amadi", "Berisha", "Brankovan", "Castellanos", "Chowdhury",
    "Dlamini", "Eriksen-Obi", "Fenwick", "Ferreira", "Haddad", "Ibarra", "Iqbal", "Jovanovic",
    "Kamau", "Kovalchuk", "Lindqvist", "Mahlangu", "Marin-Sousa", "Mensah", "Morrow", "Nakamura",
    "Nazarov", "Ndiaye", "Noorzai", "Okafor", "Ortega", "Petrova", "Quillay", "Rahman",
    "Rasmussen", "Sande", "Santos", "Silva-Brandt", "Takahashi", "Taufa", "Tchakounte", "Umarov",
    "Vasquez", "Vebaek", "Wrobel", "Xu", "Yilmaz", "Zoric",
]  # fmt: skip

ORGANISATIONS = {
    "government": ["Example Ministry of Digital Affairs", "Example Communications Authority",
                   "Example Ministry of Foreign Affairs", "Example Data Protection Office"],
    "private-sector": ["Example Telecom Ltd", "Example Cloud Services",
                       "Example Fintech Cooperative", "Example Mobile Operators Association"],
    "civil-society": ["Example Digital Rights Centre", "Example Community Networks Alliance",
                      "Example Youth Coalition", "Example Open Knowledge Foundation"],
    "technical-community": ["Example Internet Registry", "Example Network Operators Group",
                            "Example Internet Exchange", "Example Standards Forum"],
    "academic-community": ["Example University", "Example Institute of Law and Technology",
                           "Example School of Public Policy", "Example Research Centre"],
    "intergovernmental-organisation": ["Example Regional Telecommunity",
                                       "Example UN Agency (fictional)",
                                       "Example Development Bank"],
}  # fmt: skip

TOPICS = [
    "Internet Rights and Principles", "Accessibility and Disability", "Child Online Safety",
    "Community Connectivity", "Data and Trust", "Digital Health", "Gender and Internet Governance",
    "Internet of Things", "Innovative Approaches to Connecting the Unconnected",
    "Platform Responsibility", "Public Access in Libraries", "Small Island Developing States",
    "Blockchain Technologies", "Core Internet Values", "Network Neutrality",
    "Schools on the Internet",
    "Environment", "Digital Economy", "Data-Driven Health Technologies", "Journalism",
    "Youth Participation", "Internet Standards, Security and Safety", "Sustainable Energy",
    "Artificial Intelligence", "Digital Inclusion", "Local Content", "Cybersecurity",
    "Meaningful Access", "Internet Fragmentation", "Environment and Digitalisation",
    "Digital Identity", "Online Content Moderation", "Open Data", "Multilingual Internet",
    "Digital Public Infrastructure", "Cloud Sovereignty", "Spam and Abuse", "IPv6 Deployment",
    "Digital Literacy", "Rural Broadband",
]  # fmt: skip

SUBJECTS = [
    "Governments", "Network operators", "Civil society organisations", "Regulators",
    "National and regional initiatives", "Researchers", "Platform providers", "Local communities",
    "Standards bodies", "Development partners", "Youth groups", "Libraries and schools",
]  # fmt: skip
VERBS = [
    "should document", "are encouraged to share", "need clearer guidance on", "have reported on",
    "can strengthen", "must be consulted on", "should publish", "are invited to review",
    "could coordinate", "should measure",
]  # fmt: skip
OBJECTS = [
    "the cost of meaningful access", "good and bad practices in community networks",
    "existing capacity in the region", "the policy gaps identified by the working group",
    "local specificities that shape adoption", "the affordability of mobile data",
    "the implementation parties for each recommendation", "the status quo and current issues",
    "open and transparent consultation processes", "the skills needed for digital inclusion",
    "interoperable identity frameworks", "the environmental footprint of networks",
]  # fmt: skip
CLAUSES = [
    "before the annual meeting", "in line with the core IGF principles",
    "with particular attention to under-represented regions", "in a multistakeholder setting",
    "so that progress can be compared across cycles", "in at least two UN languages",
    "drawing on contributions received in the call", "as several commenters suggested",
]  # fmt: skip

ACTION_VERBS = [
    "Circulate", "Review", "Draft", "Collect", "Send", "Agree on", "Publish", "Translate",
    "Summarise", "Schedule", "Update", "Confirm",
]  # fmt: skip
ACTION_OBJECTS = [
    "the survey results", "the session proposal", "the work plan", "the case studies",
    "the draft output report", "the notes of the last call", "the outreach plan",
    "the speaker list", "the annual report", "the list of focal points", "the glossary",
    "the mapping of existing initiatives",
]  # fmt: skip
ACTION_FOR = [
    "to the working group", "before the next call", "for the MAG", "for the annual meeting",
    "with NRIs in the region", "with the coordinators", "on the mailing list",
    "for the consultation",
]  # fmt: skip

DISCIPLINES = [
    "Telecommunications policy", "Human rights law", "Network engineering", "Economics",
    "Development studies", "Public administration", "Community organising", "Data science",
]  # fmt: skip

HIDE_REASONS = [
    "Off-topic: not about this paragraph.", "Advertising.", "Personal attack on another commenter.",
]  # fmt: skip


def sentence(rng):
    """One plausible sentence of an IGF output document."""
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(CLAUSES)}."
    )


def sentences(rng, low, high):
    return " ".join(sentence(rng) for _ in range(rng.randint(low, high)))


def action_text(rng):
    return f"{rng.choice(ACTION_VERBS)} {rng.choice(ACTION_OBJECTS)} {rng.choice(ACTION_FOR)}"
