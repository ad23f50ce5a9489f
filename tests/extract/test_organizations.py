import pytest

from kg.extract import extract_article
from kg.model import OrgType


def orgs(article):
    return {m.org for m in extract_article(article).organizations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LANCASHIRE Constabulary has welcomed it.", {"lancashire"}),
        # a body whose name has no head noun, from the reference data, in its case or in
        # capitals (not "in unison", "a knife amnesty")
        (
            "Unison and HMRC welcomed it, as did UNISON members and Barnardo's, acting in "
            "unison during a knife amnesty.",
            {"unison", "hmrc", "barnardos"},
        ),
        (
            "Audit Scotland, Estyn and the Senedd looked at contracts held by Seetec and GEOAmey.",
            {"audit-scotland", "estyn", "senedd", "seetec", "geoamey"},
        ),
        # a department by its initials, beside a longer name that holds them
        (
            "The DWP and the MoD briefed IPCO; MoD Police officers attended.",
            {"dwp", "ministry-of-defence", "ipco", "ministry-of-defence-police"},
        ),
        # two titles joined by "and" before a name are no body's name
        (
            "Cheshire Fire and Rescue Service was rated good. The service's Chief Fire Officer "
            "and Chief Executive Mark Cashin said so.",
            {"named-cheshire-fire-and-rescue-service"},
        ),
        # a title with commas inside a body's name: the whole name, to the title's end
        (
            "Governance passed to the Office of the Police, Fire and Crime Commissioner.",
            {"named-office-of-the-police-fire-and-crime-commissioner"},
        ),
        # a name held to its case by its acronym: the other words in any case
        ("HM Inspectorate of police said forces were wrong.", {"hmicfrs"}),
        (
            "HM inspectorate of Prisons found the jail filthy.",
            {"his-majesty-s-inspectorate-of-prisons"},
        ),
        ("Beds Police requires improvement, said HMIC.", {"bedfordshire", "hmicfrs"}),
        # inspectorates beyond policing's that inspect with it or beside it
        (
            "The Care Inspectorate and HMICS reviewed public protection in Scotland.",
            {"care-inspectorate", "hmics"},
        ),
        (
            "The Independent Chief Inspector of Borders and Immigration re-inspected Border Force.",
            {"icibi", "border-force"},
        ),
        (
            "The Met was inspected by HM Inspectorate of Constabulary and Fire & Rescue Services.",
            {"metropolitan", "hmicfrs"},
        ),
        (
            "Her Majesty’s Inspectorate of Constabulary and Fire and Rescue Services (HMICFRS) said so.",
            {"hmicfrs"},
        ),
        (
            "SYP was graded good by the College of Policing.",
            {"south-yorkshire", "college-of-policing"},
        ),
        # a role title is not a mention of the force it contains
        ("They met the police and crime commissioner.", set()),
        # "HMI" alone is an inspector, not the inspectorate
        ("The HMI spoke.", set()),
        # two bodies joined by "and", the second one the reference data names
        (
            "Police leaders needed to work with the Home Office and Crown Prosecution Service "
            "to deal with the problem.",
            {"home-office", "cps"},
        ),
        # an office named by its holder's title is a body too
        (
            "The Victims' Commissioner for England and Wales, Dame Vera Baird QC, said rape was "
            "a terrible crime.",
            {"victims-commissioner"},
        ),
        # ... but a role title holding a place names no force
        ("Mayor of Greater Manchester Andy Burnham spoke.", set()),
        # parliaments, their committees and Northern Ireland's bodies and parties
        (
            "MPs on the Home Affairs Select Committee told the House of Commons the Public "
            "Prosecution Service (PPS) and the DUP had been heard.",
            {
                "home-affairs-committee",
                "house-of-commons",
                "public-prosecution-service-ni",
                "democratic-unionist-party",
            },
        ),
        # a force's area beside a title held in the force names the force
        ("Katy Bourne, the Sussex PCC, gave this response.", {"sussex"}),
        ("Mark Webster, Cleveland's Chief Constable, said it was fair.", {"cleveland"}),
        ("The PCC for West Yorkshire, Mark Burns-Williamson, said so.", {"west-yorkshire"}),
        # a body's name without its royal style
        (
            "The Inspectorate of Prisons and the Crown Prosecution Service Inspectorate reported.",
            {"his-majesty-s-inspectorate-of-prisons", "hmcpsi"},
        ),
        (
            "The Inspectorate of Constabulary in Scotland praised Police Scotland.",
            {"hmics", "police-scotland"},
        ),
        # an acronym printed as a word, as some papers style it
        ("A Pirc spokesman said the inquiry would end.", {"pirc"}),
        ("Mopac said it would scrutinise the force's plan.", {"mopac"}),
    ],
)
def test_organizations_by_name_and_alias(make_article, text, expected):
    assert orgs(make_article(text)) == expected


def test_organizations_context_refers_back(make_article):
    claims = extract_article(
        make_article(
            "Cumbria Constabulary was praised. Cleveland Police was criticised. The force must improve."
        )
    )
    last = [m for m in claims.organizations if m.by_context]
    assert [m.org for m in last] == ["cleveland"]


def test_organizations_inspectors_of_a_joint_inspection_are_its_leads(make_article):
    # "the inspectors" after two inspectorates named together stands for the first
    # (the lead), not for the last named
    a = make_article(
        "West Midlands Police has made limited improvement in custody, a report found.\n\n"
        "Inspectors from His Majesty's Inspectorate of Constabulary and Fire and Rescue "
        "Services (HMICFRS) and the Care Quality Commission (CQC) said officers could not "
        "justify force.\n\nThe inspectors also found that the leadership of custody was weak."
    )
    claims = extract_article(a)
    assert [m.org for m in claims.organizations if m.by_context] == ["hmicfrs"]
    assert {r.publisher for r in claims.reports} == {"hmicfrs"}


def test_organizations_two_inspectorates_named_at_once_in_the_plural(make_article):
    # "HM Inspectorates of Prisons and Constabulary": each body, the first the lead
    a = make_article(
        'Custody\n\nThe Metropolitan Police strip-searched children. "Not all strip '
        'searches were warranted," according to the report by HM Inspectorates of Prisons '
        "and Constabulary."
    )
    claims = extract_article(a)
    assert orgs(a) == {"metropolitan", "his-majesty-s-inspectorate-of-prisons", "hmicfrs"}
    assert {r.publisher for r in claims.reports} == {"his-majesty-s-inspectorate-of-prisons"}
    assert [q.speaker_kind.value for q in claims.quotes] == ["Report"]


def test_organizations_none_from_page_clutter(make_article):
    a = make_article(
        "HMICFRS praised Cumbria Constabulary.\n\nRelated News\n\nSelect Vacancies\n\n"
        "Greater Manchester Police\n\nCopyright © 2024 Police Professional"
    )
    assert orgs(a) == {"hmicfrs", "cumbria"}
    assert a.publisher == "Police Professional"


def test_organizations_one_prison_however_named(make_article):
    a = make_article(
        "Feltham Young Offenders Institute, in Hounslow, has been stopped from taking in young "
        "offenders. Inspectors found rising violence at HM YOI Feltham A in west London."
    )
    named = {(m.org, m.name) for m in extract_article(a).organizations}
    assert named == {("named-hm-yoi-feltham", "HM YOI Feltham")}  # its official style


@pytest.mark.parametrize(
    "name",
    ["Vale of Glamorgan Council", "East Riding of Yorkshire Council", "Isle of Wight Council"],
)
def test_organizations_a_council_named_for_an_area_with_an_of_inside(make_article, name):
    a = make_article(f"The {name} said it would study the report.")
    assert name in {m.name for m in extract_article(a).organizations}


def test_organizations_a_prison_named_with_an_of_inside(make_article):
    a = make_article(
        "Inspectors visited HMP Isle of Wight in June. The Governor of Winchester Prison, "
        "David Rogers, was not there."
    )
    named = {m.name for m in extract_article(a).organizations}
    assert "HMP Isle of Wight" in named
    assert not any(
        n and n.startswith(("HMP Isle ", "Governor")) and n != "HMP Isle of Wight" for n in named
    )


def test_organizations_a_centre_for_children_by_its_full_name_not_its_initials(make_article):
    a = make_article(
        "Inspectorate publishes new report on Woodlands JJC\n\nStaff at Woodlands Juvenile "
        "Justice Centre (Woodlands JJC) were commended by CJI. Plans to join Woodlands JJC "
        "and Lakewood Secure Care Centre have been dropped."
    )
    named = {(m.org, m.name) for m in extract_article(a).organizations if m.name}
    assert named == {
        ("named-woodlands-juvenile-justice-centre", "Woodlands Juvenile Justice Centre"),
        ("named-lakewood-secure-care-centre", "Lakewood Secure Care Centre"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a party by its nation
        (
            "Scottish Labour called on Mr Foley to consider his position.",
            {("Scottish Labour", "Other")},
        ),
        # the party's word alone names no body; with "Party" after it, the party
        ("Labour MP Jo Stevens said the force had failed.", set()),
        (
            "The Labour Party and the Conservative Party both said the force had failed.",
            {("Labour Party", "Other"), ("Conservative Party", "Other")},
        ),
    ],
)
def test_organizations_parties(make_article, text, expected):
    found = extract_article(make_article(text)).organizations
    assert {(m.name, m.kind.value if m.kind else None) for m in found} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # forces named by their places: before "forces", or listed where forces are spoken of
        (
            "South Yorkshire and West Yorkshire forces have made short-term savings.",
            {"south-yorkshire", "west-yorkshire"},
        ),
        (
            "Under the gradings, 40 forces were rated good. Only three – Bedfordshire, Gwent "
            "and Nottinghamshire – were told they require improvement.",
            {"bedfordshire", "gwent", "nottinghamshire"},
        ),
        # a plural's possessive inside a body's name; a title inside a longer name
        (
            "Chief Superintendent Gavin Thomas, President of the Police Superintendents' "
            "Association, has welcomed the report.",
            {"police-superintendents-association"},
        ),
        # a misremembered name given with an acronym the reference data knows
        (
            "An investigation by the Independent Office for Police Complaints (IOPC) found a "
            "case to answer.",
            {"iopc"},
        ),
        # a sentence opener is no part of a name; "and" inside one before its head
        (
            "THE Traditional Unionist Voice Party has demanded a further inquiry.",
            {"named-traditional-unionist-voice-party"},
        ),
        # forces listed by their places after a sentence about forces, past a paragraph
        (
            "Six forces are now in special measures.\n\nThey are: Greater Manchester, "
            "Cleveland, Gloucestershire and Wiltshire.",
            {"greater-manchester", "cleveland", "gloucestershire", "wiltshire"},
        ),
        # a party before a body's name is its member's affiliation, no part of the name
        (
            "The DUP's Jonathan Craig, of the DUP Policing Board group, said it must act.",
            {"democratic-unionist-party", "northern-ireland-policing-board"},
        ),
        (
            "Speaking at a meeting of the Nottinghamshire Police and Crime Panel on Monday, "
            "the commissioner said she was confident.",
            {"named-nottinghamshire-police-and-crime-panel"},
        ),
        (
            "He must set out how the Ministry of Justice and HM Courts and Tribunals Service "
            "intend to improve it.",
            {"ministry-of-justice", "named-hm-courts-and-tribunals-service"},
        ),
        # networks and consortia of agencies and charities
        (
            "The National Stalking Consortium and the Lancashire Violence Reduction Network "
            "welcomed the report.",
            {
                "named-national-stalking-consortium",
                "named-lancashire-violence-reduction-network",
            },
        ),
        # universities, named with their place after "of" or before the head
        (
            "Researchers at the University of Leicester and Cardiff University studied it.",
            {"named-university-of-leicester", "named-cardiff-university"},
        ),
    ],
)
def test_organizations_by_the_shape_of_their_names(make_article, text, expected):
    assert orgs(make_article(text)) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a preposition opening the sentence is no part of the name
        (
            "Among Forensic Science Service (FSS) files, 41% did not meet the standard.",
            "Forensic Science Service",
        ),
        (
            "Under Northern Ireland Housing Executive rules, it met.",
            "Northern Ireland Housing Executive",
        ),
        # parties and firms by the head of their names
        ("Liam McArthur, justice spokesman for the Scottish Liberal Democrats, spoke.", None),
        ("Cecilia Goodwin, a member of BSB Solicitors, said so.", "BSB Solicitors"),
        ("The centre is run by GEO Group UK Ltd for the Home Office.", "GEO Group UK Ltd"),
        # a possessive of a title or a common noun is the name's own
        ("The Staffordshire Commissioner's Office said so.", "Staffordshire Commissioner's Office"),
        ("The inquest at West London Coroner's Court heard it.", "West London Coroner's Court"),
        # a list of single words that "and" closes before the head: one body's name
        (
            "The North Yorkshire Police, Fire and Crime Panel met on Monday.",
            "North Yorkshire Police, Fire and Crime Panel",
        ),
        # a jurisdiction's name after the head
        (
            "The Youth Justice Agency Northern Ireland was inspected.",
            "Youth Justice Agency Northern Ireland",
        ),
        # a head in the possessive before a common noun ends the name
        ("Jane Smith, Bradford Council's chief executive, said so.", "Bradford Council"),
        # a party's word that is an ordinary adjective opens a body's name
        (
            "The Independent Scrutiny and Oversight Board said it would meet.",
            "Independent Scrutiny and Oversight Board",
        ),
    ],
)
def test_organizations_named_by_the_shape_of_their_names(make_article, text, name):
    names = {m.name for m in extract_article(make_article(text)).organizations if m.name}
    assert (name or "Scottish Liberal Democrats") in names
    assert not any(n.split()[0] in ("Among", "Under") for n in names)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mick Whelan, general secretary of Aslef, said the report was damning.", "Aslef"),
        ("Stephen Boyle, audit director at Audit Wales, said so.", "Audit Wales"),
        ("Ben Priestley, Bectu's national officer for police, said so.", "Bectu"),
    ],
)
def test_organizations_a_name_in_a_job_titles_body_slot_is_a_body(make_article, text, name):
    names = {m.name for m in extract_article(make_article(text)).organizations if m.name}
    assert names == {name}


@pytest.mark.parametrize(
    "text",
    [
        # a common noun in capitals, a place, a title before the name it goes with
        "The custody suites were checked. Jane Smith, head of Custody, said so.",
        "Jane Smith, chair of Cumbria, said so.",
        "It put the new Secretary of State, David Gauke, on notice.",
    ],
)
def test_organizations_no_body_in_a_job_titles_slot_that_names_none(make_article, text):
    assert not [m for m in extract_article(make_article(text)).organizations if m.name]


def test_organizations_a_possessive_past_the_head_ends_the_name(make_article):
    a = make_article(
        "Andrew Neilson, the Howard League for Penal Reform's Director of Campaigns, spoke."
    )
    names = {m.text for m in extract_article(a).organizations}
    assert names == {"Howard League for Penal Reform"}


def test_organizations_a_head_that_ends_a_title_names_no_body(make_article):
    # "Executive" heads "the Scottish Executive", not "Chief Executive of Refuge"
    a = make_article(
        "Sandra Horley, Chief Executive of Refuge, spoke, as did the SPA Chief Executive "
        "John Foley and Martyn Evans, Chief Executive of Carnegie UK Trust. The Scottish "
        "Executive said nothing."
    )
    found = extract_article(a).organizations
    names = {m.name or m.text for m in found}
    assert "Carnegie UK Trust" in names
    assert not [n for n in names if "Chief Executive" in n]
    assert any(m.text == "Scottish Executive" for m in found)


def test_organizations_a_roles_qualifier_opens_no_name(make_article):
    # "Acting" qualifies the ombudsman's title; "New" may open a name
    a = make_article(
        "Acting Prisons and Probation Ombudsman Elizabeth Moody said the Interim Police "
        "Federation chair agreed, as did New Forest District Council."
    )
    names = {m.name or m.text for m in extract_article(a).organizations}
    assert not [n for n in names if n.startswith(("Acting", "Interim"))]
    assert "New Forest District Council" in names


def test_organizations_a_name_ends_before_a_join_it_does_not_go_past(make_article):
    # (a picture's caption in Markdown italics: "*The High Court in Edinburgh.*")
    a = make_article("Judges heard the appeal.\n\n*The High Court in Edinburgh.*\n\nIt failed.")
    names = {m.name for m in extract_article(a).organizations}
    assert "High Court" in names and "High Court in" not in names


def test_organizations_the_royal_style_is_part_of_a_name(make_article):
    a = make_article("His Majesty's Courts and Tribunals Service said it would act on it.")
    names = {m.name for m in extract_article(a).organizations}
    assert "His Majesty's Courts and Tribunals Service" in names


def test_organizations_a_prison_goes_by_its_official_style(make_article):
    # one name, and so one entity across articles, however the article first puts it
    a = make_article(
        "Inspectors brand Maghaberry Prison unsafe\n\nAccording to HM Inspectorate of Prisons, "
        "HMP Maghaberry is a prison in crisis. Maghaberry prison holds 1,000 men."
    )
    names = {m.name for m in extract_article(a).organizations if m.name}
    assert "HMP Maghaberry" in names and "Maghaberry Prison" not in names


def test_organizations_a_prison_named_before_a_common_noun(make_article):
    # "Wandsworth prison" names a prison as "HMP Wandsworth" does; a word before the noun
    # that only describes ("the category B Victorian prison", "a London prison") or is one
    # word of a wider place ("self-harm at Yorkshire prison") or a determiner ("No
    # prison in England") names none
    a = make_article(
        "Deaths at Yorkshire prison\n\nInspectors visited Wandsworth prison in May. The "
        "category B Victorian prison was overcrowded, like a London prison they saw in 2019, "
        "and women were moved from Holloway to Downview prison in Surrey.\n\nNo prison in "
        "England has a higher rate of self-harm."
    )
    names = {m.name for m in extract_article(a).organizations if m.name}
    assert names == {"Wandsworth prison", "Downview prison"}


def test_organizations_a_prisons_name_stops_before_a_title(make_article):
    # "HMP Winchester Governor James Bourke": the governor is no word of the prison's name
    a = make_article(
        "The prison was criticised by inspectors.\n\nHMP Winchester Governor James Bourke "
        "said every issue was being tackled."
    )
    claims = extract_article(a)
    assert {m.name for m in claims.organizations if m.name} == {"HMP Winchester"}
    assert {(r.person, r.role, r.org) for r in claims.roles} == {
        ("James Bourke", "governor", "named-hmp-winchester")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Other agencies include the UK-wide National Crime Agency.",
        "The London-based National Crime Agency took part.",
    ],
)
def test_organizations_a_compound_adjective_is_no_part_of_a_name(make_article, text):
    orgs = {(o.org, o.text) for o in extract_article(make_article(text)).organizations}
    assert orgs == {("nca", "National Crime Agency")}


@pytest.mark.parametrize(
    "text",
    [
        "We have fought for years to shine a light on it in our Police Service.",
        "The Fire and Rescue Service also attended the scene.",
        # a court of a kind, named by no place
        "Cases at the Crown Court and the Magistrates' Court were delayed.",
    ],
)
def test_organizations_a_service_in_general_is_no_body(make_article, text):
    assert extract_article(make_article(text)).organizations == ()


def test_organizations_a_title_case_headlines_words_open_no_body(make_article):
    # a headline capitalises every word: "To" and "After" are no part of a body's name
    a = make_article(
        "PSNI Says 'Sincere Apologies' To Families After Ombudsman Report\n\nThe PSNI "
        "responded to a Police Ombudsman report."
    )
    names = {o.text for o in extract_article(a).organizations}
    assert not any("Apologies" in n or "Families" in n for n in names)


def test_organizations_a_titles_own_words_name_no_body(make_article):
    claims = extract_article(
        make_article("Sarah Champion, Member of Parliament for Rotherham, said it was welcome.")
    )
    assert claims.organizations == ()
    assert {(r.person, r.role, r.org) for r in claims.roles} == {("Sarah Champion", "mp", None)}


def test_organizations_the_inspectorate_of_constabularies_is_hmic(make_article):
    a = make_article(
        "Gloucestershire Police has been rated good in a report by Her Majesty's Inspectorate "
        "of Constabularies."
    )
    assert "hmicfrs" in {o.org for o in extract_article(a).organizations}


def test_organizations_a_body_named_after_a_force_is_one_under_its_names(make_article):
    a = make_article(
        "Federation attacks watchdog\n\nGreater Manchester Police Federation, which represents "
        "officers, has attacked the IOPC.\n\nStu Berry, chairman of the GMP Police Federation, "
        "said the case had cost the officer dearly."
    )
    claims = extract_article(a)
    feds = {o.org for o in claims.organizations if "ederation" in o.text}
    assert feds == {"named-greater-manchester-police-federation"}
    assert {(r.person, r.org) for r in claims.roles} == {
        ("Stu Berry", "named-greater-manchester-police-federation")
    }


def test_organizations_a_former_force_by_name_but_never_by_its_area(make_article):
    a = make_article(
        "Before taking charge at Humberside, she served in the former Tayside Police and the "
        "Royal Ulster Constabulary (RUC).\n\nPolice Scotland's division in Tayside was "
        "inspected by HMICS."
    )
    found = {(o.org, o.text) for o in extract_article(a).organizations}
    assert ("tayside-police", "Tayside Police") in found
    assert ("royal-ulster-constabulary", "Royal Ulster Constabulary") in found
    assert not any(text == "Tayside" for _, text in found)


def test_organizations_the_force_is_the_last_force_named_before_it_by_position(make_article):
    a = make_article(
        "Austerity report\n\nHMIC inspected all 43 police forces.\n\nUnder the gradings, 40 "
        "forces were rated good. Only three – Bedfordshire, Gwent and Nottinghamshire – were "
        "told they require improvement.\n\nNorthamptonshire Police was graded good. HMIC "
        "picked out two initiatives as key to the force achieving affordable policing."
    )
    found = [m for m in extract_article(a).organizations if m.text == "the force"]
    assert [m.org for m in found] == ["northamptonshire"]


def test_organizations_an_and_right_after_a_head_joins_two_bodies(make_article):
    a = make_article(
        "Joint review\n\nThe review was carried out with Aberdeen City Council and NHS Grampian."
        "\n\nThe Mayor's Office for Policing and Crime welcomed it."
    )
    names = {m.name or m.org for m in extract_article(a).organizations}
    assert "Aberdeen City Council" in names
    assert not any("NHS Grampian" in n and "Council" in n for n in names)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Nigel Murphy, chair of the Police, Crime and Fire Panel, said it was poor.",
            "Police, Crime and Fire Panel",
        ),
        (
            "City of York Council leader Councillor Keith Aspden said it made unhappy reading.",
            "City of York Council",
        ),
        (
            "The Belfast Health and Social Care Trust said it was working with police.",
            "Belfast Health and Social Care Trust",
        ),
        (
            "Ben Murphy, a member of the City of London Police Authority Board, said so.",
            "City of London Police Authority Board",
        ),
    ],
)
def test_organizations_a_name_cut_by_a_comma_or_a_forces_name_is_whole(make_article, text, name):
    a = make_article("Panel meets\n\n" + text)
    assert name in {m.name for m in extract_article(a).organizations}


@pytest.mark.parametrize(
    ("text", "body", "person"),
    [
        (
            "Responding to the report, Refuge CEO Ruth Davison said it was welcome.",
            "Refuge",
            "Ruth Davison",
        ),
        (
            "Solace chief executive Suzanne Jacob said the findings were stark.",
            "Solace",
            "Suzanne Jacob",
        ),
    ],
)
def test_organizations_a_body_named_before_a_title_it_has(make_article, text, body, person):
    a = make_article("Charity responds\n\n" + text)
    found = extract_article(a)
    assert body in {m.name for m in found.organizations}
    assert {(r.person, r.role) for r in found.roles} == {(person, "chief-executive")}


def test_organizations_a_name_past_a_join_stops_before_a_title_and_its_holder(make_article):
    # the run of capitals goes on past "for" to "Police Conduct", but not into the title
    # its holder carries
    a = make_article(
        "Watchdog responds\n\nThe Independent Office for Police Conduct Director General "
        "Michael Lockwood said the findings were serious."
    )
    found = extract_article(a)
    assert {m.text for m in found.organizations} == {"Independent Office for Police Conduct"}
    assert {(r.person, r.role, r.org) for r in found.roles} == {
        ("Michael Lockwood", "director-general", "iopc")
    }


def test_organizations_no_body_before_a_title_without_a_name_after(make_article):
    a = make_article("Council meets\n\nOn Monday the Chair said it was good.")
    assert extract_article(a).organizations == ()


def test_organizations_a_possessive_pronoun_is_no_part_of_a_name(make_article):
    a = make_article(
        "Candidates react\n\nHis Labour predecessor quit last September. Her Office said it "
        "would respond. His Majesty's Inspectorate of Prisons published its report."
    )
    names = {m.name or m.org for m in extract_article(a).organizations}
    assert not any(n.startswith(("His ", "Her ")) for n in names)
    assert "his-majesty-s-inspectorate-of-prisons" in names


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "The campaign group Reclaim These Streets said the report was disappointing.",
            "Reclaim These Streets",
        ),
        ("Figures obtained by the London firm Hickman & Rose showed the delays.", "Hickman & Rose"),
        # after "of", with no article and up to three words saying what it does
        (
            "Sandra Horley, chief executive of national domestic violence charity Refuge, "
            "said the report was stark.",
            "Refuge",
        ),
        (
            "The criminals posed as staff of Kleinwort Hambros, a genuine private bank, and "
            "used its documents.",
            "Kleinwort Hambros",
        ),
    ],
)
def test_organizations_a_body_named_with_its_kind(make_article, text, body):
    found = {(m.name, m.kind) for m in extract_article(make_article(text)).organizations}
    assert (body, OrgType.OTHER) in found


def test_organizations_a_body_known_by_a_short_name_given_with_its_kind(make_article):
    # "POA" names the Prison Officers' Association only in context: its kind is one
    a = make_article("Steve Gillan, of the prison officers union POA, said it was predictable.")
    assert {m.org for m in extract_article(a).organizations} == {"prison-officers-association"}
    # alone, it names nothing
    b = make_article("Steve Gillan, of the POA, said it was predictable.")
    assert not extract_article(b).organizations


def test_organizations_a_kind_noun_that_heads_no_body_names_none(make_article):
    # "a charity worker" is a person's job, not a body called "Jane Smith"
    a = make_article("Jane Smith, a charity worker in Leeds, said the police had failed her.")
    assert not [m for m in extract_article(a).organizations if m.kind is OrgType.OTHER]


@pytest.mark.parametrize(
    "text",
    [
        "I am keen to ensure the best for the Police Service of Cumbria and its residents.",
        "I am keen to ensure the best for the Cumbria Police Service and its residents.",
    ],
)
def test_organizations_a_forces_name_put_another_way_is_the_force(make_article, text):
    orgs = {o.org for o in extract_article(make_article(text)).organizations}
    assert orgs == {"cumbria"}


def test_organizations_forces_beyond_the_territorial_ones_by_name_only(make_article):
    # the national special forces and the Crown Dependencies' forces are forces; the
    # island they police is no name of theirs
    a = make_article(
        "Watchdog inspects\n\nInspectors examined the Civil Nuclear Constabulary and the "
        "Ministry of Defence Police last year. The Isle of Man Constabulary said it was "
        "pleased. Tourism on the Isle of Man is growing. Jersey Police and the Royal "
        "Gibraltar Police were inspected too."
    )
    found = extract_article(a).organizations
    assert {(m.org, m.kind) for m in found} == {
        ("civil-nuclear-constabulary", OrgType.POLICE_FORCE),
        ("ministry-of-defence-police", OrgType.POLICE_FORCE),
        ("isle-of-man-constabulary", OrgType.POLICE_FORCE),
        ("states-of-jersey-police", OrgType.POLICE_FORCE),
        ("royal-gibraltar-police", OrgType.POLICE_FORCE),
    }
    assert len(found) == 5


def test_organizations_a_list_of_forces_is_no_one_body(make_article):
    a = make_article("Forces inspected\n\nInspectors visited Kent, Essex and Sussex Police.")
    assert {m.org for m in extract_article(a).organizations} == {"kent", "essex", "sussex"}


def test_organizations_the_royal_style_alone_refers_back_to_the_inspectorate(make_article):
    a = make_article(
        "HMIC inspected Kent Police in May.\n\nThe force was praised by Her Majesty's "
        "Inspectorate for the progress it has made. HM Inspectorate of Prisons was not there."
    )
    found = [(m.org, m.text) for m in extract_article(a).organizations]
    assert ("hmicfrs", "Her Majesty's Inspectorate") in found
    assert ("his-majesty-s-inspectorate-of-prisons", "HM Inspectorate of Prisons") in found
    assert ("hmicfrs", "HM Inspectorate") not in found


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # a fire brigade is a public service
        ("Cleveland Fire Brigade welcomed the report.", "Cleveland Fire Brigade", "GovernmentBody"),
        # a group: a parliamentary group, a firm, an advisory body
        (
            "The All Party Parliamentary Group on Runaway and Missing Children and Adults "
            "published its findings.",
            "All Party Parliamentary Group on Runaway and Missing Children and Adults",
            "Other",
        ),
        ("The contract went to GEO Group in 2014.", "GEO Group", "Other"),
        # the last head of a name says what the body is: a union of firefighters
        (
            "The Retained Fire Brigade Union said crews were stretched.",
            "Retained Fire Brigade Union",
            "Other",
        ),
        # a head that names no body in general ("Unit", "Team"), in the name of a body an
        # inspectorate inspects (ontology/remits.ttl)
        (
            "Inspectors rated the Derbyshire Probation Delivery Unit inadequate.",
            "Derbyshire Probation Delivery Unit",
            "GovernmentBody",
        ),
        (
            "HM Inspectorate of Probation said Bradford Youth Offending Team had improved.",
            "Bradford Youth Offending Team",
            "GovernmentBody",
        ),
        # a place that lists areas is part of the name; a company is no public body
        (
            "Cheshire and Greater Manchester Community Rehabilitation Company was criticised.",
            "Cheshire and Greater Manchester Community Rehabilitation Company",
            "Other",
        ),
        (
            "Dorset and Wiltshire Fire and Rescue Service was rated good.",
            "Dorset and Wiltshire Fire and Rescue Service",
            "GovernmentBody",
        ),
    ],
)
def test_organizations_a_name_whole_and_the_type_its_last_head_says(make_article, text, name, kind):
    got = {(m.name, m.kind.value) for m in extract_article(make_article(text)).organizations}
    assert (name, kind) in got


def test_organizations_a_possessive_before_another_name_does_not_end_the_body(make_article):
    # "the Probation Service's National Security Division": the division is examined
    a = make_article("It examined the Probation Service's National Security Division.")
    assert "Probation Service" not in {m.name for m in extract_article(a).organizations if m.name}


def test_organizations_scotlands_prisons_inspectorate_is_its_own_body(make_article):
    # not HM Inspectorate of Prisons (England and Wales) whose name it begins with
    a = make_article(
        "Her Majesty's Inspectorate of Prisons for Scotland (HMIPS) said the practice "
        "was unacceptable."
    )
    assert orgs(a) == {"hmips"}


def test_organizations_the_acronym_a_name_is_given_with_says_which_inspectorate(make_article):
    # England and Wales's name for the inspectorate, with Scotland's acronym: Scotland's
    text = (
        'Scotland\'s drug-driving law was not "sufficiently robust", according to HM '
        "Inspectorate of Constabulary (HMICS)."
    )
    claims = extract_article(make_article(text))
    assert {m.org for m in claims.organizations} == {"hmics"}
    assert [(q.speaker, q.text) for q in claims.quotes] == [("hmics", "sufficiently robust")]


def test_organizations_an_inspected_bodys_place_holds_no_other_body(make_article):
    # "Essex Police and Kent Fire and Rescue Service": two bodies, not one
    a = make_article("Essex Police and Kent Fire and Rescue Service signed a deal.")
    names = {m.name for m in extract_article(a).organizations if m.name}
    assert names == {"Kent Fire and Rescue Service"}
    assert "essex" in orgs(a)


def test_organizations_justice_bodies_by_their_acronyms(make_article):
    # the reference data's bodies beside the police, by their own acronyms; one that
    # stands for other things too ("NPS") only where the article names the body in full
    a = make_article(
        "Inspectors report\n\nCJI said the NIPS and PBNI must work together. The SFO and "
        "the YJB welcomed the report. The NPS was not mentioned."
    )
    orgs = {m.org for m in extract_article(a).organizations}
    assert orgs >= {
        "northern-ireland-prison-service",
        "probation-board-for-northern-ireland",
        "serious-fraud-office",
        "youth-justice-board",
    }
    assert "national-probation-service" not in orgs
    b = make_article(
        "Probation inspected\n\nThe National Probation Service was praised. The NPS said "
        "it would act."
    )
    assert [m.org for m in extract_article(b).organizations] == ["national-probation-service"] * 2


def test_organizations_a_force_named_by_its_place_in_the_possessive(make_article):
    a = make_article(
        "The HMIC's PEEL report said police forces were starting to show strain.\n\n"
        "Staffordshire's force was rated 'good' in two of those areas."
    )
    assert "staffordshire" in orgs(a)


def test_organizations_an_acronym_that_is_a_word_is_no_body_in_title_case(make_article):
    # "INQUEST" the charity stands for no longer name of its own: "Inquest" is the word
    assert orgs(make_article("Inquest hears of delays in police custody.")) == set()


def test_organizations_a_place_opening_another_body_s_short_name_is_no_force(make_article):
    # "South Wales FRA" is the fire and rescue authority, whose commissioners are no
    # police and crime commissioners; "Thames Valley PCC" is still the force's
    article = make_article(
        "South Wales Fire and Rescue Service was inspected by HMICFRS. The Commissioners "
        "for South Wales FRA also gave the report their backing. Thames Valley PCC "
        "Anthony Stansfeld was not asked."
    )
    found = orgs(article)
    assert "south-wales" not in found
    assert "thames-valley" in found


def test_organizations_a_prison_in_its_full_style_with_the_words_abbreviated(make_article):
    # the style's abbreviation in brackets between its words and the place is no part of
    # the name: one prison, "HM Prison and Young Offender Institution Feltham"
    article = make_article(
        "Inspectors judged HM Prison and Young Offender Institution (YOI) Feltham to be unsafe."
    )
    assert orgs(article) == {"named-hm-prison-and-young-offender-institution-feltham"}


def test_organizations_three_places_listed_where_forces_are_spoken_of(make_article):
    # a list of places closed by a semicolon, not "and": each place's force
    text = (
        "The culture was present in all eight police forces inspected - the Met, Kent, "
        "Cumbria, South Wales, Nottinghamshire, Dorset, Devon and Cornwall; and the Civil "
        "Nuclear Constabulary."
    )
    got = {m.org for m in extract_article(make_article(text)).organizations}
    assert got >= {"kent", "cumbria", "south-wales", "nottinghamshire", "dorset"}
    # two places in passing, no list: no forces
    two = make_article("Officers from the forces met in Kent, Cumbria last week.")
    assert not {"kent", "cumbria"} & {m.org for m in extract_article(two).organizations}


def test_organizations_a_party_s_group_after_a_council_s_name(make_article):
    # "Stockport Council Liberal Democrats": the council, then the party; a councillor
    # sits on that council
    text = (
        "Stockport Council Liberal Democrats are calling for change.\n\nCllr Angie Clark "
        'from Bredbury Green and Romiley, added: "We will follow up."'
    )
    claims = extract_article(make_article(text))
    assert {m.text for m in claims.organizations} == {"Stockport Council", "Liberal Democrats"}
    assert {(r.person, r.role, r.org) for r in claims.roles} == {
        ("Angie Clark", "councillor", "named-stockport-council")
    }


def test_organizations_an_inquiry_or_regulator_named_as_a_body(make_article):
    # "the Angiolini Inquiry", "the Forensic Science Regulator": bodies with names of
    # their own; "a public inquiry" is none
    text = (
        "The Angiolini Inquiry published its report. The Forensic Science Regulator said "
        "it was concerned. Campaigners called for a public inquiry."
    )
    got = {m.text for m in extract_article(make_article(text)).organizations}
    assert got == {"Angiolini Inquiry", "Forensic Science Regulator"}


def test_organizations_a_corporation_or_hospital_named_as_a_body(make_article):
    text = (
        "The City of London Corporation funds the force. He was taken to Broadmoor "
        "Hospital, where a hospital spokesman said he was well."
    )
    got = {m.text for m in extract_article(make_article(text)).organizations}
    assert {"City of London Corporation", "Broadmoor Hospital"} <= got


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("HMICFSR", "hmicfrs"),  # two letters swapped
        ("HMICRFS", "hmicfrs"),
        ("HMCFRS", "hmicfrs"),  # one left out
        ("HMICFRST", "hmicfrs"),  # one added
        ("HMCSPI", "hmcpsi"),
    ],
)
def test_organizations_an_inspectorate_s_acronym_misspelt_by_one_slip(make_article, word, key):
    text = f"The {word} report found the force was good."
    assert [m.org for m in extract_article(make_article(text)).organizations] == [key]


def test_organizations_a_misspelt_acronym_near_two_inspectorates(make_article):
    # "HMICFS" is one slip from HMICFRS and from HMICS: the one the article names
    text = "HMICS inspected the division. The HMICFS report found it was good."
    got = {m.org for m in extract_article(make_article(text)).organizations}
    assert got == {"hmics"}
    # letters of no inspectorate's acronym, or another body's, stay what they are
    other = "HMPPS and HMCTS staff met HMYOI Feltham governors."
    got = {m.org for m in extract_article(make_article(other)).organizations}
    assert "hmicfrs" not in got and "hmics" not in got and "hmips" not in got


@pytest.mark.parametrize("mark", ['"', "“"])
def test_organizations_a_name_opening_a_quotation_keeps_its_first_word(make_article, mark):
    # the quotation mark before the first word is no part of it: "West Mercia Probation
    # Trust", not "Mercia Probation Trust"
    close = "”" if mark == "“" else mark
    text = (
        "Probation staff celebrate\n\n"
        f"Sally Lester, assistant chief inspector, said: {mark}West Mercia Probation Trust is "
        f"known for building innovative partnerships.{close}"
    )
    names = {m.text for m in extract_article(make_article(text)).organizations}
    assert "West Mercia Probation Trust" in names
    assert "Mercia Probation Trust" not in names


def test_organizations_a_place_s_body_named_without_the_place_is_the_place_s(make_article):
    # "Cumbria's final Police and Crime Panel" is the Cumbria Police and Crime Panel, not
    # a body of every area (which another article's panel would be taken for)
    text = (
        "Report released\n\n"
        "A new report on what Cumbria's final Police and Crime Panel did during its last "
        "year has been accepted by councillors."
    )
    got = {m.org for m in extract_article(make_article(text)).organizations}
    assert "named-cumbria-police-and-crime-panel" in got
    assert "named-police-and-crime-panel" not in got


@pytest.mark.parametrize(
    ("force", "inspectorate"),
    [("Lincolnshire Police", "hmicfrs"), ("Police Scotland", "hmics")],
)
def test_organizations_her_majesty_s_inspectorate_named_bare_is_the_force_s(
    make_article, force, inspectorate
):
    # "Her Majesty's Inspectorate" without what it is of, no inspectorate named: the
    # inspectorate of constabulary of the article's force (Scotland has its own)
    text = (
        "Force praised\n\n"
        f"Her Majesty's Inspectorate found {force} had made enormous improvements in "
        "the last two years."
    )
    orgs = extract_article(make_article(text)).organizations
    got = {m.org for m in orgs if m.text == "Her Majesty's Inspectorate"}
    assert got == {inspectorate}
