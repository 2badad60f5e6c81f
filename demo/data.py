"""The demo data, as plain Python: read by `manage.py seed_demo`.

Workstream names, cycles, dates and topics come from the public IGF documents in
../shared/seeds (see its README). Every person below is fictional: the seeds name some real
people, and none of their names is used here (tests/demo checks this). Organisations are
fictional too, and every email address and list is on example.org.
"""

DEMO_PASSWORD = "igfportal-demo"

SECRETARIAT_EMAIL = "secretariat@example.org"

# ---- IGF cycles ---------------------------------------------------------------------------

CYCLES = [
    # seed 000: "IGF 2016 (6-9 December, Jalisco, Guadalajara, Mexico)"
    {
        "year": 2016,
        "host_city": "Guadalajara",
        "host_country": "MX",
        "meeting_start": "2016-12-06",
        "meeting_end": "2016-12-09",
    },
    {
        "year": 2017,
        "host_city": "Geneva",
        "host_country": "CH",
        "meeting_start": "2017-12-18",
        "meeting_end": "2017-12-21",
    },
    # seed 001: "the IGF 2021 annual meeting in Poland"
    {
        "year": 2021,
        "host_city": "Katowice",
        "host_country": "PL",
        "meeting_start": "2021-12-06",
        "meeting_end": "2021-12-10",
    },
    # The current demo cycle: no host announced.
    {"year": 2026, "host_city": "", "host_country": "", "meeting_start": None, "meeting_end": None},
]

# ---- People -------------------------------------------------------------------------------
# Five demo accounts first (the Makefile prints them), then the rest of the fictional cast.
# gender: woman, man, non_binary, self_described (with gender_self_description),
# prefer_not_to_say. Time zones match the countries.

PEOPLE = [
    {
        "email": SECRETARIAT_EMAIL,
        "display_name": "Oriane Fabbro",
        "organisation": "IGF Secretariat (demo)",
        "stakeholder_group": "intergovernmental-organisation",
        "country": "CH",
        "time_zone": "Europe/Zurich",
        "gender": "woman",
    },
    {
        "email": "dc-coordinator@example.org",
        "display_name": "Tendai Mukoko-Evans",
        "organisation": "Example Rights Network",
        "stakeholder_group": "civil-society",
        "country": "ZW",
        "time_zone": "Africa/Harare",
        "gender": "man",
    },
    {
        "email": "bpf-coordinator@example.org",
        "display_name": "Anjali Vasquez-Rao",
        "organisation": "Example Network Operators Group",
        "stakeholder_group": "technical-community",
        "country": "IN",
        "time_zone": "Asia/Kolkata",
        "gender": "woman",
    },
    {
        "email": "mag-member@example.org",
        "display_name": "Teodor Brankovan",
        "organisation": "Example Ministry of Digital Affairs",
        "stakeholder_group": "government",
        "country": "RO",
        "time_zone": "Europe/Bucharest",
        "gender": "man",
    },
    {
        "email": "member@example.org",
        "display_name": "Luzia Aranhó",
        "organisation": "Example University",
        "stakeholder_group": "academic-community",
        "country": "BR",
        "time_zone": "America/Sao_Paulo",
        "gender": "self_described",
        "gender_self_description": "Genderfluid",
    },
    {
        "email": "kwabena.osei-lindqvist@example.org",
        "display_name": "Kwabena Osei-Lindqvist",
        "organisation": "Example Telecom Ltd",
        "stakeholder_group": "private-sector",
        "country": "GH",
        "time_zone": "Africa/Accra",
        "gender": "man",
    },
    {
        "email": "mireille.tchakounte-haas@example.org",
        "display_name": "Mireille Tchakounté-Haas",
        "organisation": "Example Digital Rights Centre",
        "stakeholder_group": "civil-society",
        "country": "CM",
        "time_zone": "Africa/Douala",
        "gender": "woman",
    },
    {
        "email": "ilka.morrow-sande@example.org",
        "display_name": "Ilka Morrow-Sande",
        "organisation": "Example Internet Registry",
        "stakeholder_group": "technical-community",
        "country": "NZ",
        "time_zone": "Pacific/Auckland",
        "gender": "non_binary",
    },
    {
        "email": "darya.kovalchuk-imre@example.org",
        "display_name": "Darya Kovalchuk-Imre",
        "organisation": "Example Polytechnic Institute",
        "stakeholder_group": "academic-community",
        "country": "UA",
        "time_zone": "Europe/Kyiv",
        "gender": "woman",
    },
    {
        "email": "esteban.quillay@example.org",
        "display_name": "Esteban Quillay",
        "organisation": "Example Telecommunications Regulator",
        "stakeholder_group": "government",
        "country": "PE",
        "time_zone": "America/Lima",
        "gender": "man",
    },
    {
        "email": "farida.noorzai-blom@example.org",
        "display_name": "Farida Noorzai-Blom",
        "organisation": "Example Regional Development Organisation",
        "stakeholder_group": "intergovernmental-organisation",
        "country": "NL",
        "time_zone": "Europe/Amsterdam",
        "gender": "prefer_not_to_say",
    },
    {
        "email": "sione.taufa-mercer@example.org",
        "display_name": "Sione Taufa-Mercer",
        "organisation": "Example Pacific Islands Connectivity Network",
        "stakeholder_group": "civil-society",
        "country": "FJ",
        "time_zone": "Pacific/Fiji",
        "gender": "man",
    },
    {
        "email": "ayesha.rahmatullah-cole@example.org",
        "display_name": "Ayesha Rahmatullah-Cole",
        "organisation": "Example Institute of Technology",
        "stakeholder_group": "academic-community",
        "country": "BD",
        "time_zone": "Asia/Dhaka",
        "gender": "woman",
    },
    {
        "email": "jorinde.vebaek@example.org",
        "display_name": "Jorinde Vebæk",
        "organisation": "Example Cloud Services A/S",
        "stakeholder_group": "private-sector",
        "country": "DK",
        "time_zone": "Europe/Copenhagen",
        "gender": "woman",
    },
    {
        "email": "milan.zoric-heller@example.org",
        "display_name": "Milan Zorić-Heller",
        "organisation": "Example Internet Exchange Point",
        "stakeholder_group": "technical-community",
        "country": "RS",
        "time_zone": "Europe/Belgrade",
        "gender": "man",
    },
    {
        "email": "wanjiru.kamau-soto@example.org",
        "display_name": "Wanjiru Kamau-Soto",
        "organisation": "Example Youth Internet Forum",
        "stakeholder_group": "civil-society",
        "country": "KE",
        "time_zone": "Africa/Nairobi",
        "gender": "woman",
    },
    {
        "email": "paz.ibarrondo@example.org",
        "display_name": "Paz Ibarrondo",
        "organisation": "Example Connectivity Cooperative",
        "stakeholder_group": "private-sector",
        "country": "MX",
        "time_zone": "America/Mexico_City",
        "gender": "self_described",
        "gender_self_description": "Agender",
    },
    {
        "email": "chidubem.ezeala-park@example.org",
        "display_name": "Chidubem Ezeala-Park",
        "organisation": "Example Communications Commission",
        "stakeholder_group": "government",
        "country": "NG",
        "time_zone": "Africa/Lagos",
        "gender": "man",
    },
    {
        "email": "haruka.fenwick-oda@example.org",
        "display_name": "Haruka Fenwick-Oda",
        "organisation": "Example Telecommunity Secretariat",
        "stakeholder_group": "intergovernmental-organisation",
        "country": "JP",
        "time_zone": "Asia/Tokyo",
        "gender": "woman",
    },
    {
        "email": "lior.stenhammar@example.org",
        "display_name": "Lior Stenhammar",
        "organisation": "Example Institute for Internet Studies",
        "stakeholder_group": "academic-community",
        "country": "SE",
        "time_zone": "Europe/Stockholm",
        "gender": "non_binary",
    },
    {
        "email": "nadege.oumarou@example.org",
        "display_name": "Nadège Oumarou",
        "organisation": "Example Ministry of Communication",
        "stakeholder_group": "government",
        "country": "SN",
        "time_zone": "Africa/Dakar",
        "gender": "woman",
    },
    {
        "email": "tomasz.wierzbicki-lunde@example.org",
        "display_name": "Tomasz Wierzbicki-Lunde",
        "organisation": "Example Data Centres sp. z o.o.",
        "stakeholder_group": "private-sector",
        "country": "PL",
        "time_zone": "Europe/Warsaw",
        "gender": "man",
    },
    {
        "email": "valentina.orozco-baptiste@example.org",
        "display_name": "Valentina Orozco-Baptiste",
        "organisation": "Example Caribbean Digital Alliance",
        "stakeholder_group": "civil-society",
        "country": "TT",
        "time_zone": "America/Port_of_Spain",
        "gender": "prefer_not_to_say",
    },
    {
        "email": "abdiel.sarmiento@example.org",
        "display_name": "Abdiel Sarmiento",
        "organisation": "Example Open Source Foundation",
        "stakeholder_group": "technical-community",
        "country": "CO",
        "time_zone": "America/Bogota",
        "gender": "man",
    },
]

# ---- Workstreams --------------------------------------------------------------------------
# Each is registered by the Secretariat (create_workstream), then taken through `history`:
# (action, reason) pairs applied with apply_transition, so the timeline shows decisions.
# A workstream with no history stays "proposed". mailing_list and archive_url are derived
# from the slug (see mailing_list() and archive_url() below).

_BPF_SELECTED = (
    "activate",
    "Selected by the MAG for the IGF 2017 cycle (seed 003 agenda item 7).",
)
_PN_DECIDED = (
    "activate",
    "Topic decided by the Secretariat for IGF 2021 after public consultation and MAG advice.",
)
_DC_RECOGNISED = (
    "activate",
    "Application complete: need, action plan, mailing list, contact person and representatives "
    "of at least three stakeholder groups; membership, list and archives are open.",
)
_NRI_RECOGNISED = (
    "activate",
    "Written statement assessed against the six core IGF principles: open, transparent, "
    "inclusive, bottom-up, multistakeholder and non-commercial.",
)

_BPF_METHOD = (
    " Like every BPF, it sets its own methodology with its participants, holds regular open "
    "virtual meetings supported by the IGF Secretariat, and reports to the MAG through its "
    "MAG facilitator before publishing a substantive output report."
)

WORKSTREAMS = [
    # -- Best Practice Forums, IGF 2017 cycle (seed 003 names them) --
    {
        "kind": "bpf",
        "slug": "bpf-cybersecurity",
        "name": "Best Practice Forum on Cybersecurity",
        "short_name": "BPF Cybersecurity",
        "cycle": 2017,
        "description": (
            "A multistakeholder platform that gathers existing practices and shared "
            "experiences on cybersecurity, with particular attention to international "
            "cybersecurity agreements, and flags the challenges that still need dialogue "
            "or the attention of policymakers." + _BPF_METHOD
        ),
        "history": [_BPF_SELECTED],
    },
    {
        "kind": "bpf",
        "slug": "bpf-gender-access",
        "name": "Best Practice Forum on Gender and Access",
        "short_name": "BPF Gender",
        "cycle": 2017,
        "description": (
            "Collects practices and experiences on the barriers women and gender-diverse "
            "people face in getting online and taking part in Internet governance, and on "
            "what has helped to remove them." + _BPF_METHOD
        ),
        "history": [_BPF_SELECTED],
    },
    {
        "kind": "bpf",
        "slug": "bpf-local-content",
        "name": "Best Practice Forum on Local Content",
        "short_name": "BPF Local Content",
        "cycle": 2017,
        "description": (
            "Looks at how local content, languages and creative industries grow online, "
            "and at the policies and practices that help communities create and find "
            "content relevant to them." + _BPF_METHOD
        ),
        "history": [_BPF_SELECTED],
    },
    # -- Policy Networks, IGF 2021 cycle (seed 001) --
    {
        "kind": "pn",
        "slug": "pn-meaningful-access",
        "name": "Policy Network on Meaningful Access",
        "short_name": "PNMA",
        "cycle": 2021,
        "description": (
            "An expert-led network on meaningful access to the Internet, building on the "
            "work of earlier BPFs. Its multistakeholder working group of 15 to 30 experts, "
            "convened by the Secretariat and supported by a contracted consultant, meets "
            "online every month in meetings open to observers. It maps the status quo, "
            "policy gaps, existing capacity, local specificities, good and bad practices, "
            "and ways forward with identified implementation parties."
        ),
        "history": [_PN_DECIDED],
    },
    {
        "kind": "pn",
        "slug": "pn-environment",
        "name": "Policy Network on Environment",
        "short_name": "PNE",
        "cycle": 2021,
        "description": (
            "An expert-led network on the Internet and the environment. A multistakeholder "
            "working group of experts from many disciplines and regions, including those "
            "historically under-represented at the IGF, develops an outcome document with "
            "ways forward; NRIs are invited to comment on each draft and on the final text."
        ),
        "history": [_PN_DECIDED],
    },
    # -- IGF-wide intersessional programme, IGF 2016 cycle (seed 000) --
    {
        "kind": "programme",
        "slug": "cenb-phase-ii",
        "name": "Policy Options for Connecting and Enabling the Next Billion – Phase II",
        "short_name": "CENB II",
        "cycle": 2016,
        "description": (
            "The second phase of the MAG's intersessional programme on connecting the next "
            "billion. It adapts the 2015 policy options (infrastructure, usability, enabling "
            "users, affordability, enabling environments) to local and regional "
            "specificities, and shows how access supports the Sustainable Development "
            "Goals. Work runs as rounds of online public consultation with an open "
            "editorial group: a call for contributions, drafts open for comment, a final "
            "output presented at IGF 2016 in Guadalajara, then shared with relevant fora."
        ),
        "history": [
            (
                "activate",
                "Launched by the MAG as the 2016 intersessional programme (seed 000).",
            )
        ],
    },
    # -- Dynamic Coalitions --
    {
        "kind": "dc",
        "slug": "dc-internet-rights-principles",
        "name": "Dynamic Coalition on Internet Rights and Principles",
        "short_name": "IRPC",
        "description": (
            "An open coalition working to make human rights standards and principles "
            "explicit in the online environment, and to promote them in Internet "
            "governance processes."
        ),
        "history": [_DC_RECOGNISED],
    },
    {
        "kind": "dc",
        "slug": "dc-child-online-safety",
        "name": "Dynamic Coalition on Child Online Safety",
        "short_name": "DC COS",
        "description": (
            "An open coalition that draws attention to the safety and rights of children "
            "online and shares practices for protecting them."
        ),
        "history": [_DC_RECOGNISED],
    },
    {
        "kind": "dc",
        "slug": "dc-community-connectivity",
        "name": "Dynamic Coalition on Community Connectivity",
        "short_name": "DC3",
        "description": (
            "An open coalition studying community networks: connectivity built and run by "
            "the communities it serves, and the policies that let it grow."
        ),
        "history": [_DC_RECOGNISED],
    },
    {
        "kind": "dc",
        "slug": "dc-accessibility-disability",
        "name": "Dynamic Coalition on Accessibility and Disability",
        "short_name": "DCAD",
        "description": (
            "An open coalition working for an accessible Internet and accessible IGF "
            "meetings, for and with persons with disabilities."
        ),
        "history": [_DC_RECOGNISED],
    },
    {
        "kind": "dc",
        "slug": "dc-schools-internet-governance",
        "name": "Dynamic Coalition on Schools on Internet Governance",
        "short_name": "DC-SIG",
        "description": (
            "An open coalition of schools on Internet governance that share curricula and "
            "experience in building capacity for newcomers to Internet governance."
        ),
        "history": [_DC_RECOGNISED],
    },
    {
        "kind": "dc",
        "slug": "dc-blockchain-technologies",
        "name": "Dynamic Coalition on Blockchain Technologies",
        "short_name": "DC-Blockchain",
        "description": (
            "An open coalition discussing the governance questions raised by blockchain "
            "technologies and their applications."
        ),
        "history": [
            _DC_RECOGNISED,
            (
                "deactivate",
                "No annual report received for the last cycle despite reminders; recorded "
                "as inactive. A new annual report will restore it.",
            ),
        ],
    },
    {
        # Not yet recognised: the Secretariat has an application to review.
        "kind": "dc",
        "slug": "dc-digital-skills-older-persons",
        "name": "Dynamic Coalition on Digital Skills for Older Persons",
        "short_name": "",
        "description": (
            "A proposed coalition on digital skills and inclusion for older persons, and on "
            "how Internet governance processes can hear from them."
        ),
        "history": [],
    },
    # -- National, Regional and Youth IGF initiatives --
    {
        "kind": "nri",
        "slug": "nri-nigeria-igf",
        "name": "Nigeria IGF",
        "nri_level": "national",
        "country": "NG",
        "description": "The national Internet Governance Forum of Nigeria.",
        "history": [_NRI_RECOGNISED],
    },
    {
        "kind": "nri",
        "slug": "nri-brazil-igf",
        "name": "Brazil IGF",
        "nri_level": "national",
        "country": "BR",
        "description": "The national Internet Governance Forum of Brazil.",
        "history": [_NRI_RECOGNISED],
    },
    {
        "kind": "nri",
        "slug": "nri-germany-igf",
        "name": "Germany IGF",
        "nri_level": "national",
        "country": "DE",
        "description": "The national Internet Governance Forum of Germany.",
        "history": [_NRI_RECOGNISED],
    },
    {
        "kind": "nri",
        "slug": "nri-bangladesh-igf",
        "name": "Bangladesh IGF",
        "nri_level": "national",
        "country": "BD",
        "description": "The national Internet Governance Forum of Bangladesh.",
        "history": [_NRI_RECOGNISED],
    },
    {
        "kind": "nri",
        "slug": "nri-kenya-youth-igf",
        "name": "Kenya Youth IGF",
        "nri_level": "national",
        "is_youth": True,
        "country": "KE",
        "description": "The national Youth Internet Governance Forum of Kenya.",
        "history": [_NRI_RECOGNISED],
    },
    {
        "kind": "nri",
        "slug": "nri-west-african-igf",
        "name": "West African IGF",
        "short_name": "WAIGF",
        "nri_level": "sub_regional",
        "region_name": "West Africa",
        "un_regional_group": "AFRICAN",
        "description": "The sub-regional Internet Governance Forum of West Africa.",
        "history": [_NRI_RECOGNISED],
    },
    {
        "kind": "nri",
        "slug": "nri-caribbean-igf",
        "name": "Caribbean IGF",
        "short_name": "CIGF",
        "nri_level": "sub_regional",
        "region_name": "Caribbean",
        "un_regional_group": "GRULAC",
        "description": "The sub-regional Internet Governance Forum of the Caribbean.",
        "history": [_NRI_RECOGNISED],
    },
    {
        # South Eastern Europe spans the Eastern European and the Western European and Others
        # groups, so no single UN regional group is set.
        "kind": "nri",
        "slug": "nri-seedig",
        "name": "South Eastern European Dialogue on Internet Governance",
        "short_name": "SEEDIG",
        "nri_level": "sub_regional",
        "region_name": "South Eastern Europe and the neighbouring area",
        "description": "The sub-regional dialogue on Internet governance of South Eastern Europe.",
        "history": [_NRI_RECOGNISED],
    },
    {
        "kind": "nri",
        "slug": "nri-african-igf",
        "name": "African IGF",
        "short_name": "AfIGF",
        "nri_level": "regional",
        "region_name": "Africa",
        "un_regional_group": "AFRICAN",
        "description": "The regional Internet Governance Forum of Africa.",
        "history": [_NRI_RECOGNISED],
    },
    {
        "kind": "nri",
        "slug": "nri-asia-pacific-igf",
        "name": "Asia Pacific Regional IGF",
        "short_name": "APrIGF",
        "nri_level": "regional",
        "region_name": "Asia Pacific",
        "un_regional_group": "ASIA_PACIFIC",
        "description": "The regional Internet Governance Forum of the Asia Pacific.",
        "history": [_NRI_RECOGNISED],
    },
    {
        # Europe spans several UN regional groups, so none is set.
        "kind": "nri",
        "slug": "nri-eurodig",
        "name": "European Dialogue on Internet Governance",
        "short_name": "EuroDIG",
        "nri_level": "regional",
        "region_name": "Europe",
        "description": "The regional dialogue on Internet governance of Europe.",
        "history": [_NRI_RECOGNISED],
    },
    {
        "kind": "nri",
        "slug": "nri-lacigf",
        "name": "Latin American and Caribbean IGF",
        "short_name": "LACIGF",
        "nri_level": "regional",
        "region_name": "Latin America and the Caribbean",
        "un_regional_group": "GRULAC",
        "description": "The regional Internet Governance Forum of Latin America and the Caribbean.",
        "history": [_NRI_RECOGNISED],
    },
    {
        "kind": "nri",
        "slug": "nri-youth-lacigf",
        "name": "Youth Latin American and Caribbean IGF",
        "short_name": "Youth LACIGF",
        "nri_level": "regional",
        "is_youth": True,
        "region_name": "Latin America and the Caribbean",
        "un_regional_group": "GRULAC",
        "description": "The regional Youth Internet Governance Forum of Latin America and the "
        "Caribbean.",
        "history": [_NRI_RECOGNISED],
    },
]


def mailing_list(slug):
    return f"{slug}@lists.example.org"


def archive_url(slug):
    return f"https://lists.example.org/archives/{slug}/"


# ---- Roles --------------------------------------------------------------------------------
# (workstream slug, email, role). Granted by the Secretariat demo account through
# workstreams.services.grant_role. One active role per person per workstream.

_C, _M, _O = "coordinator", "member", "observer"

MEMBERSHIPS = [
    # BPF on Cybersecurity
    ("bpf-cybersecurity", "bpf-coordinator@example.org", _C),
    ("bpf-cybersecurity", "milan.zoric-heller@example.org", _C),
    ("bpf-cybersecurity", "mag-member@example.org", _M),
    ("bpf-cybersecurity", "kwabena.osei-lindqvist@example.org", _M),
    ("bpf-cybersecurity", "jorinde.vebaek@example.org", _M),
    ("bpf-cybersecurity", "darya.kovalchuk-imre@example.org", _O),
    ("bpf-cybersecurity", "haruka.fenwick-oda@example.org", _O),
    # BPF on Gender and Access
    ("bpf-gender-access", "mireille.tchakounte-haas@example.org", _C),
    ("bpf-gender-access", "ayesha.rahmatullah-cole@example.org", _M),
    ("bpf-gender-access", "valentina.orozco-baptiste@example.org", _M),
    ("bpf-gender-access", "lior.stenhammar@example.org", _O),
    # BPF on Local Content
    ("bpf-local-content", "paz.ibarrondo@example.org", _C),
    ("bpf-local-content", "member@example.org", _M),
    ("bpf-local-content", "esteban.quillay@example.org", _M),
    # Policy Network on Meaningful Access
    ("pn-meaningful-access", "abdiel.sarmiento@example.org", _C),
    ("pn-meaningful-access", "mag-member@example.org", _M),
    ("pn-meaningful-access", "chidubem.ezeala-park@example.org", _M),
    ("pn-meaningful-access", "sione.taufa-mercer@example.org", _M),
    ("pn-meaningful-access", "ayesha.rahmatullah-cole@example.org", _M),
    ("pn-meaningful-access", "ilka.morrow-sande@example.org", _O),
    # Policy Network on Environment
    ("pn-environment", "lior.stenhammar@example.org", _C),
    ("pn-environment", "jorinde.vebaek@example.org", _M),
    ("pn-environment", "farida.noorzai-blom@example.org", _M),
    ("pn-environment", "nadege.oumarou@example.org", _M),
    ("pn-environment", "haruka.fenwick-oda@example.org", _O),
    # CENB Phase II
    ("cenb-phase-ii", "farida.noorzai-blom@example.org", _C),
    ("cenb-phase-ii", "nadege.oumarou@example.org", _M),
    ("cenb-phase-ii", "kwabena.osei-lindqvist@example.org", _O),
    # Dynamic Coalitions
    ("dc-internet-rights-principles", "dc-coordinator@example.org", _C),
    ("dc-internet-rights-principles", "valentina.orozco-baptiste@example.org", _M),
    ("dc-internet-rights-principles", "tomasz.wierzbicki-lunde@example.org", _M),
    ("dc-child-online-safety", "wanjiru.kamau-soto@example.org", _C),
    ("dc-child-online-safety", "mireille.tchakounte-haas@example.org", _M),
    ("dc-community-connectivity", "sione.taufa-mercer@example.org", _C),
    ("dc-community-connectivity", "abdiel.sarmiento@example.org", _M),
    ("dc-community-connectivity", "esteban.quillay@example.org", _O),
    ("dc-accessibility-disability", "darya.kovalchuk-imre@example.org", _C),
    ("dc-accessibility-disability", "member@example.org", _M),
    ("dc-schools-internet-governance", "haruka.fenwick-oda@example.org", _C),
    ("dc-schools-internet-governance", "wanjiru.kamau-soto@example.org", _M),
    ("dc-blockchain-technologies", "tomasz.wierzbicki-lunde@example.org", _C),
    ("dc-digital-skills-older-persons", "ilka.morrow-sande@example.org", _C),
    ("dc-digital-skills-older-persons", "chidubem.ezeala-park@example.org", _M),
    ("dc-digital-skills-older-persons", "paz.ibarrondo@example.org", _M),
    # NRIs
    ("nri-nigeria-igf", "chidubem.ezeala-park@example.org", _C),
    ("nri-bangladesh-igf", "ayesha.rahmatullah-cole@example.org", _C),
    ("nri-kenya-youth-igf", "wanjiru.kamau-soto@example.org", _C),
    ("nri-west-african-igf", "nadege.oumarou@example.org", _C),
    ("nri-west-african-igf", "kwabena.osei-lindqvist@example.org", _M),
    ("nri-caribbean-igf", "valentina.orozco-baptiste@example.org", _C),
    ("nri-seedig", "milan.zoric-heller@example.org", _C),
    ("nri-seedig", "mag-member@example.org", _O),
    ("nri-african-igf", "mireille.tchakounte-haas@example.org", _M),
    ("nri-african-igf", "dc-coordinator@example.org", _M),
    ("nri-eurodig", "jorinde.vebaek@example.org", _C),
    ("nri-asia-pacific-igf", "ilka.morrow-sande@example.org", _C),
    ("nri-lacigf", "esteban.quillay@example.org", _C),
    ("nri-youth-lacigf", "abdiel.sarmiento@example.org", _C),
]


# ---- Timelines and next steps (R-TL-1, R-PN-10) -------------------------------------------
# Seed 001's next-steps tables were written around 10 April 2021. The demo moves the Policy
# Networks into its current cycle: that day becomes the day `seed_demo` runs (in each PN's
# time zone) and every other date keeps its distance from it, so 26 March is 15 days overdue,
# 15 April is in 5 days, 22 April in 12 days and 25 April in 15 days.
PN_ANCHOR = "2021-04-10"
MOVED_TO_TODAY = {"pn-meaningful-access", "pn-environment"}

# Milestones: (workstream slug, title, start, end or None, is_deadline, description).
# CENB Phase II keeps its real 2016 dates (seed 000, "Timeframe"); the PNs' dates move as above.
MILESTONES = [
    # -- CENB Phase II, seed 000 --
    (
        "cenb-phase-ii",
        "Public call for background contributions opens (open-ended)",
        "2016-05-02",
        None,
        False,
        "Launch of the public call for background contributions on “Policy Options for "
        "Connecting and Enabling the Next Billion – Phase II”. Contributions are gathered and "
        "incorporated in the output through an iterative process.",
    ),
    (
        "cenb-phase-ii",
        "Invitation to the IGF community to join the open editorial group",
        "2016-06-01",
        "2016-06-30",
        False,
        "",
    ),
    (
        "cenb-phase-ii",
        "First draft “Policy Options – Phase II” open for public comment",
        "2016-08-01",
        "2016-09-30",
        False,
        "Open for comment through the web platform.",
    ),
    (
        "cenb-phase-ii",
        "Draft reviewed by the open editorial group",
        "2016-09-01",
        "2016-09-30",
        False,
        "",
    ),
    (
        "cenb-phase-ii",
        "Second draft open for public comment",
        "2016-10-01",
        "2016-10-31",
        False,
        "Open for comment through the web platform.",
    ),
    (
        "cenb-phase-ii",
        "Final draft output published on the IGF website",
        "2016-11-01",
        "2016-11-30",
        True,
        "",
    ),
    (
        "cenb-phase-ii",
        "Presentation and discussion during IGF 2016 in Guadalajara",
        "2016-12-06",
        "2016-12-09",
        False,
        "The “Policy Options – Phase II” are presented and discussed at the annual meeting.",
    ),
    (
        "cenb-phase-ii",
        "Post-IGF: the output incorporates the input from IGF 2016 and is shared",
        "2016-12-12",
        None,
        False,
        "Published and shared with relevant fora at the international, regional and local "
        "level (WSIS Forum, CSTD, UN TFM, High-Level Political Forum, NRIs, DCs, BPFs).",
    ),
    # -- Policy Network on Meaningful Access (dates move to the demo's today) --
    (
        "pn-meaningful-access",
        "Topic decided after public consultation and MAG advice",
        "2021-02-24",
        None,
        False,
        "",
    ),
    (
        "pn-meaningful-access",
        "Invitations to the multistakeholder working group sent",
        "2021-03-26",
        None,
        True,
        "",
    ),
    (
        "pn-meaningful-access",
        "Community consultation on the thematic focus",
        "2021-03-29",
        "2021-04-30",
        False,
        "The PN's mailing list is consulted on its focus, building on the two earlier BPFs.",
    ),
    (
        "pn-meaningful-access",
        "Work plan announced: milestones and final timeline",
        "2021-04-15",
        None,
        True,
        "Each PN announces its work plan for the cycle at the beginning of its work.",
    ),
    (
        "pn-meaningful-access",
        "Multistakeholder working group formed",
        "2021-04-22",
        None,
        True,
        "",
    ),
    (
        "pn-meaningful-access",
        "Draft output document open for public comment",
        "2021-08-02",
        "2021-09-10",
        False,
        "NRIs are invited to give feedback on the draft.",
    ),
    (
        "pn-meaningful-access",
        "Presentation of the outputs at the annual IGF meeting",
        "2021-12-06",
        "2021-12-10",
        False,
        "A roundtable exchange on the PN's findings, with the high-level and parliamentary tracks.",
    ),
    # -- Policy Network on Environment (dates move to the demo's today) --
    (
        "pn-environment",
        "Topic decided after public consultation and MAG advice",
        "2021-02-24",
        None,
        False,
        "",
    ),
    (
        "pn-environment",
        "Call for experts to join the multistakeholder working group",
        "2021-04-01",
        "2021-04-20",
        False,
        "Experts from disciplines and regions historically under-represented at the IGF "
        "are particularly invited.",
    ),
    (
        "pn-environment",
        "Work plan announced: milestones and final timeline",
        "2021-04-15",
        None,
        True,
        "",
    ),
    (
        "pn-environment",
        "Multistakeholder working group formed",
        "2021-05-06",
        None,
        False,
        "",
    ),
    (
        "pn-environment",
        "Draft output document open for public comment",
        "2021-09-01",
        "2021-10-01",
        False,
        "NRIs are invited to give feedback on each phase of the document.",
    ),
    (
        "pn-environment",
        "Presentation of the outputs at the annual IGF meeting",
        "2021-12-06",
        "2021-12-10",
        False,
        "",
    ),
]

# Action items: seed 001's two "NEXT STEPS" tables, row by row. The seed names real MAG
# liaisons as actors; fictional demo people stand in for them (mag-member@example.org and the
# PN's coordinators), and the Secretariat demo account stands in for "IGF Secretariat".
# people: demo accounts by email; roles: roles in the PN ("coordinator", "member"); deadline:
# the seed's 2021 date, moved as above, or None where the seed sets none ("to be set").
SEC = SECRETARIAT_EMAIL
# The MAG member's "My duties" dashboard (and its browser journey) shows PNMA's first item as
# overdue (26 March, before the anchor) and "Form the multistakeholder working group" as not
# yet due (22 April): keep mag-member@example.org an actor of both.
MAG = "mag-member@example.org"

ACTION_ITEMS = [
    # -- PNMA --
    {
        "workstream": "pn-meaningful-access",
        "action": "Update the proposal’s focus to reflect the two BPFs, and agree on a separate "
        "mailing list and how the BPF Local Content mailing list should be integrated.",
        "people": [MAG],
        "roles": ["coordinator"],
        "deadline": "2021-03-26",
    },
    {
        # The seed's row "Form the multistakeholder working group" has two deadlines: the
        # invitations on 26 March, the group by 22 April. Two items keep both.
        "workstream": "pn-meaningful-access",
        "action": "Communicate the invitations to the multistakeholder working group.",
        "people": [SEC],
        "roles": [],
        "deadline": "2021-03-26",
    },
    {
        "workstream": "pn-meaningful-access",
        "action": "Form the multistakeholder working group: the MAG liaisons and the IGF "
        "Secretariat suggest the list.",
        "people": [MAG, SEC],
        "roles": [],
        "deadline": "2021-04-22",
    },
    {
        "workstream": "pn-meaningful-access",
        "action": "Define the scope of work for 2021-22: review relevant outcomes from at least "
        "the last two IGFs and, as appropriate, DCs and BPFs, and propose a scope of work to "
        "the broader membership of the PN for input.",
        "people": [],
        "roles": ["member"],  # the MWG
        "deadline": None,
    },
    {
        "workstream": "pn-meaningful-access",
        "action": "Develop the database and the communication and outreach strategy.",
        "people": [SEC],
        "roles": [],
        "deadline": "2021-04-25",
    },
    {
        "workstream": "pn-meaningful-access",
        "action": "Set milestones and the final timeline: share the proposal with the working "
        "group members.",
        "people": [SEC],
        "roles": [],
        "deadline": "2021-04-15",
    },
    # -- PNE --
    {
        "workstream": "pn-environment",
        "action": "Contract the consultant.",
        "people": [SEC],
        "roles": [],
        "deadline": "2021-04-10",
    },
    {
        # The seed leaves actor and deadline empty; the PN's coordinators carry it.
        "workstream": "pn-environment",
        "action": "Form the multistakeholder working group.",
        "people": [],
        "roles": ["coordinator"],
        "deadline": None,
    },
    {
        "workstream": "pn-environment",
        "action": "Develop the database, communication and outreach strategy.",
        "people": [SEC],
        "roles": [],
        "deadline": "2021-04-10",
    },
    {
        "workstream": "pn-environment",
        "action": "Set milestones and the final timeline: share the proposal with the working "
        "group members.",
        "people": [SEC],
        "roles": [],
        "deadline": "2021-04-15",
    },
]

# Who follows which workstream (they hear of its milestones and news).
FOLLOWS = [
    ("pn-meaningful-access", "mag-member@example.org"),
    ("pn-meaningful-access", "member@example.org"),
    ("pn-environment", "member@example.org"),
]
