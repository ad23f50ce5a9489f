import pytest

from kg.extract import extract_article
from kg.extract.people import is_name

# (sentence, a name the people extractor must find in it)
NAMES = [
    # a full name in no context whose surname the article gives after a title alone
    (
        "Jeff Farrar has held the post since November 2013.\n\nCC Farrar presided over "
        "significant change in Gwent Police.",
        "Jeff Farrar",
    ),
    # set off by a title in lower case after its body's possessive, then a verb of saying
    ("Matt Parr, HMIC's inspector for London, said it was fair.", "Matt Parr"),
    # in apposition to a title whose police area is a list of places
    (
        "Alison Hernandez, the Devon, Cornwall and Isles of Scilly Police and Crime "
        "Commissioner, has started hosting a board.",
        "Alison Hernandez",
    ),
    # a reporting verb in the perfect
    ("Nicky Ryan has welcomed the inspectorate's report.", "Nicky Ryan"),
    # joined by "and" to a name a verb of saying follows, also set off by commas
    ("Peter Clarke and Chris Nelson said they were pleased.", "Peter Clarke"),
    (
        "The APCC's Joint Leads on Local Policing, Matt Story and Chris Nelson, issued a "
        "statement.",
        "Matt Story",
    ),
    # a title after a body's name with small words in it, in apposition
    ("The plan was welcomed by Jane Brook, College of Policing director.", "Jane Brook"),
    # a body the reference data does not know before a title outside the scheme
    ("Napo General Secretary Ian Lawrence said the report vindicated the union.", "Ian Lawrence"),
    # ... or after a title and its "of", a body the reference data does not know
    ("Head of Counter Terrorism Policing Matt Jukes said the review was public.", "Matt Jukes"),
    ("IOPC Director of Operations Amanda Rowe said the crimes appalled everyone.", "Amanda Rowe"),
    # an Irish "O'" surname, straight or curly apostrophe
    (
        "Deputy Chief Constable Bernie O'Reilly said the force always valued HMIC's scrutiny.",
        "Bernie O'Reilly",
    ),
    ("Chief Constable Siobhan O’Brien said the force would act.", "Siobhan O’Brien"),
    # a month as a surname, after a first name and not before a day or year
    (
        "Home Secretary Theresa May has said she will chair a new national monitoring group.",
        "Theresa May",
    ),
    ("Sir Brian June, the force's chief constable, said it was a fair report.", "Brian June"),
    # a name before a possessive
    (
        "It welcomed Justice Secretary Michael Matheson's announcement of a review.",
        "Michael Matheson",
    ),
    # in apposition, one of a group: ", one of the four, said"
    (
        "Speaking to The Irish Times, Gerard Kelly, one of the four, said the group felt "
        "vindicated by the ruling.",
        "Gerard Kelly",
    ),
    (
        'Gerry McGowan, another of the men, described the report as "the final piece".',
        "Gerry McGowan",
    ),
]


@pytest.mark.parametrize(("text", "name"), NAMES)
def test_people_finds_names(make_article, text, name):
    claims = extract_article(make_article(text))
    assert name in {p.name for p in claims.people}


@pytest.mark.parametrize(
    "text",
    [
        # a month before a day is a date's, not a surname
        "Chief Constable Jo Bloggs said on Friday May 3 that the force was improving.",
        "In May the force was inspected by HMIC.",
    ],
)
def test_people_months_are_dates(make_article, text):
    claims = extract_article(make_article(text))
    assert not any(p.name.endswith("May") for p in claims.people)


def test_people_a_platform_or_department_after_a_title_is_no_one(make_article):
    # "the West Mids PCC Facebook page", "the Commander Operations (Vulnerability)"
    a = make_article(
        "Review\n\nHe set out his views on the West Mids PCC Facebook page. The Commissioner "
        "said accountability would rest with the Commander Operations (Vulnerability)."
    )
    claims = extract_article(a)
    assert claims.people == ()
    assert claims.roles == ()


def test_people_an_honorific_of_two_words_is_no_part_of_the_name(make_article):
    a = make_article(
        "Evidence\n\nRt Hon Alun Michael, South Wales Police & Crime Commissioner, said the "
        "role had grown."
    )
    claims = extract_article(a)
    assert {p.name for p in claims.people} == {"Alun Michael"}
    assert {(r.person, r.role) for r in claims.roles} == {
        ("Alun Michael", "police-and-crime-commissioner")
    }


def test_people_a_peer_given_no_first_name_is_named_with_the_title(make_article):
    # "Lord Laming" (not "Laming"); "Mr Finnie" alone stays "Finnie"
    a = make_article(
        "Review\n\nThe review was led by Lord Laming. Lord Laming said the findings were "
        "stark. Mr Finnie said he agreed."
    )
    assert {p.name for p in extract_article(a).people} == {"Lord Laming", "Finnie"}


def test_people_a_peers_title_keeps_its_place(make_article):
    a = make_article(
        "Review\n\nThe review was chaired by Lord Herbert of South Downs, chair of the "
        "College of Policing."
    )
    claims = extract_article(a)
    assert {p.name for p in claims.people} == {"Lord Herbert of South Downs"}
    assert {(r.person, r.role) for r in claims.roles} == {("Lord Herbert of South Downs", "chair")}


def test_people_an_honorific_written_with_full_stops_ends_no_sentence(make_article):
    # "Rt. Hon." neither ends the sentence nor is part of the name: the title before it
    # is the name's
    a = make_article(
        "South Wales Police was rated good.\n\nThe force's Police and Crime Commissioner, "
        "Rt. Hon. Alun Michael, also responded to the report."
    )
    claims = extract_article(a)
    assert {p.name for p in claims.people} == {"Alun Michael"}
    assert {(r.person, r.role, r.org) for r in claims.roles} == {
        ("Alun Michael", "police-and-crime-commissioner", "south-wales")
    }


def test_people_surname_after_honorific_may_be_a_month(make_article):
    text = "Home Secretary Theresa May spoke. Mrs May said every force must change."
    people = extract_article(make_article(text)).people
    assert [p.name for p in people] == ["Theresa May", "Theresa May"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mark Burns-Williamson", True),
        ("Bernie O'Reilly", True),
        ("West Yorkshire's Police", False),
        ("Lancashire Constabulary", False),
    ],
)
def test_people_is_name(text, expected):
    assert is_name(text) is expected


def test_people_a_title_case_headline_names_no_one_the_prose_does_not(make_article):
    a = make_article(
        "Gwent PCC Welcomes Feedback from Latest HMICFRS Report on Gwent Police\n\n"
        "The Police and Crime Commissioner (PCC) for Gwent, Jeff Cuthbert, today welcomed "
        "the latest report.",
        "gwent.txt",
    )
    assert a.title == "Gwent PCC Welcomes Feedback from Latest HMICFRS Report on Gwent Police"
    assert {p.name for p in extract_article(a).people} == {"Jeff Cuthbert"}


def test_people_a_title_case_markdown_heading_names_no_one_the_prose_does_not(tmp_path):
    # the same headline as a Markdown page's front matter title and its "# " heading
    from kg.ingest import read_article

    page = tmp_path / "gwent.md"
    page.write_text(
        '---\ntitle: "Gwent PCC Welcomes Feedback from Latest HMICFRS Report on Gwent '
        'Police"\n---\n\n# Gwent PCC Welcomes Feedback from Latest HMICFRS Report on '
        "Gwent Police\n\nThe Police and Crime Commissioner (PCC) for Gwent, Jeff Cuthbert, "
        "today welcomed the latest report.\n",
        encoding="utf-8",
    )
    assert {p.name for p in extract_article(read_article(page)).people} == {"Jeff Cuthbert"}


def test_people_a_caption_in_title_case_still_names_its_person(make_article):
    a = make_article(
        "Sussex Police told to improve\n\nInspectors criticised the force.\n\n"
        "Chief Constable of Sussex Police Jo Shiner\n\nThe force said it would respond."
    )
    assert "Jo Shiner" in {p.name for p in extract_article(a).people}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The force complained, saying inspector Zoe Billingham was treating it unfairly.",
            "Zoe Billingham",
        ),
        (
            "Liberal Democrat councillor Paul Kennedy has raised the problem for three years.",
            "Paul Kennedy",
        ),
    ],
)
def test_people_a_lower_case_title_before_a_name_marks_a_person(make_article, text, name):
    assert name in {p.name for p in extract_article(make_article(text)).people}


def test_people_a_units_name_before_a_title_is_not_part_of_the_name(make_article):
    a = make_article(
        "Neglect report\n\nSpecialist Crime Detective Superintendent Anne-Marie Salwey said: "
        '"Cleveland Police is determined to protect children."'
    )
    assert [p.name for p in extract_article(a).people] == ["Anne-Marie Salwey"]


@pytest.mark.parametrize(
    ("text", "name", "respelled"),
    [
        (
            "Jonathan Ash-Edwards welcomed the report. Police and Crime Commissioner "
            'Jonathon Ash-Edwards said: "I have welcomed the report as a new PCC."',
            "Jonathan Ash-Edwards",
            "Jonathon Ash-Edwards",
        ),
        (
            'Philip Seccombe told the panel so. Phillip Seccombe said: "I know the areas."',
            "Philip Seccombe",
            "Phillip Seccombe",
        ),
    ],
)
def test_people_a_given_name_spelt_two_ways_is_one_person_as_first_written(
    make_article, text, name, respelled
):
    claims = extract_article(make_article(text))
    names = {p.name for p in claims.people}
    assert name in names and respelled not in names
    assert {q.speaker for q in claims.quotes} == {name}


def test_people_two_given_names_a_letter_apart_are_two_people(make_article):
    a = make_article("Dan Smith said it was good. Don Smith said it was bad.")
    assert {p.name for p in extract_article(a).people} == {"Dan Smith", "Don Smith"}


def test_people_a_full_name_in_no_context_is_a_persons_when_its_given_name_then_speaks(
    make_article,
):
    # a staff association's page: the name once with no cue, then the given name alone
    # before a verb of saying; the surname may be a place's word ("Kent")
    a = make_article(
        "The Difficulties Of An Inexperienced Workforce\n\nSteve Kent made the remarks "
        'after a new HMICFRS report.\n\nSteve said: "This is a huge worry."\n\nThe '
        "Humberside Police Federation agreed."
    )
    claims = extract_article(a)
    assert {(p.name, p.text) for p in claims.people} == {
        ("Steve Kent", "Steve Kent"),
        ("Steve Kent", "Steve"),
    }
    assert {(q.speaker, q.text) for q in claims.quotes} == {("Steve Kent", "This is a huge worry.")}
    # ... and his surname is no force: neither a body the article names nor its report's
    assert {m.org for m in claims.organizations} == {
        "hmicfrs",
        "named-humberside-police-federation",
    }
    assert {r.subjects for r in claims.reports} == {()}


def test_people_a_name_set_off_after_a_title_and_its_abbreviation(make_article):
    a = make_article(
        "Telford & Wrekin Council demanded leadership from the Police and Crime "
        "Commissioner (PCC), John Campion, after a report."
    )
    assert [p.name for p in extract_article(a).people] == ["John Campion"]


def test_people_a_compass_point_or_county_may_end_a_titled_name(make_article):
    # "West", "Kent" are words of forces' names, but also surnames after a given name
    # a title marks; the force's name itself is still no person
    a = make_article(
        "Lincolnshire Police was inspected.\n\nAssistant Chief Constable Shaun West said it "
        "was right. Federation chair Steve Kent agreed. Chief Constable Alan Pughsley of "
        "Kent Police said so too."
    )
    assert {p.name for p in extract_article(a).people} == {
        "Shaun West",
        "Steve Kent",
        "Alan Pughsley",
    }


def test_people_an_honorific_marks_a_name_in_a_title_case_headline(make_article):
    # a headline in Title Case names no one by its capitals alone, but "Sir" marks a
    # name: the person is "Thomas Winsor", not a "Thomas" known by surname
    text = (
        "Statement by Sir Thomas Winsor, Her Majesty's Chief Inspector of Constabulary\n\n"
        "The inspection found failings in how the police respond to crime."
    )
    claims = extract_article(make_article(text))
    assert [(p.name, p.surname_only) for p in claims.people] == [("Thomas Winsor", False)]
    assert {(r.person, r.role) for r in claims.roles} == {
        ("Thomas Winsor", "hm-chief-inspector-of-constabulary")
    }


def test_people_a_given_name_that_is_a_word_of_a_body_s_name_opens_a_name(make_article):
    # "Howard" is a word of "Howard League for Penal Reform", and a given name: it
    # opens "Howard Quayle", whom "Mr Quayle" names again (not a "Quayle" alone)
    text = (
        "The Chief Minister, Howard Quayle, took a different view.\n\n"
        'Mr Quayle said the review would be "a good thing".\n\n'
        "The Howard League for Penal Reform said nothing."
    )
    claims = extract_article(make_article(text))
    assert {p.name for p in claims.people} == {"Howard Quayle"}
    assert [(q.speaker, q.text) for q in claims.quotes] == [("Howard Quayle", "a good thing")]
    # "Chief" before a one-word title makes another title: no minister of the Home Office
    assert not any(r.role == "minister" for r in claims.roles)


def test_people_a_relative_clause_of_leading_a_body_marks_a_person(make_article):
    # "NAME, who chairs the Police Federation ..., predicted": no verb of saying needed
    text = (
        "Paul McKeever, who chairs the Police Federation of England and Wales, the body "
        'that represents officers, predicted there would be "135,000 raised eyebrows".'
    )
    claims = extract_article(make_article(text))
    assert [p.name for p in claims.people] == ["Paul McKeever"]
    assert {(r.person, r.role, r.org) for r in claims.roles} == {
        ("Paul McKeever", "chair", "police-federation")
    }


def test_people_a_surname_of_two_words_after_an_honorific_is_the_full_name(make_article):
    # "Mr Burns Williamson" after "Mark Burns Williamson": an unhyphenated double
    # surname, one person
    text = (
        "Commissioner responds to review\n\n"
        "Mark Burns Williamson, West Yorkshire's Police and Crime Commissioner, has given his "
        "reaction to the review.\n\n"
        "Mr Burns Williamson said more abuse was reported in West Yorkshire than elsewhere."
    )
    names = {p.name for p in extract_article(make_article(text)).people}
    assert names == {"Mark Burns Williamson"}


def test_people_a_relative_clause_of_leaving_a_post_marks_a_person(make_article):
    # "NAME, who recently retired as TITLE": an adverb in the clause, no verb of saying
    text = (
        "New deputy\n\n"
        "Gareth Wilson, who recently retired as Chief Constable of Suffolk Police, starts "
        "work this week."
    )
    claims = extract_article(make_article(text))
    assert [p.name for p in claims.people] == ["Gareth Wilson"]
    assert {(r.person, r.role, r.org, r.qualifier) for r in claims.roles} == {
        ("Gareth Wilson", "chief-constable", "suffolk", "former")
    }
