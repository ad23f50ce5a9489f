"""Quotations and who said them: tables of (text, expected quotations), each a
sentence shape from a real article (tests/gold/dev, corpus/) and variants of it.
An expected quotation is (speaker kind, speaker, first words): the speaker is a
person's full name, an organization's key, or the index of the article's report
claim ("0") for the report's and its inspectors' words."""

import pytest

from kg.extract import extract_article
from kg.model import SpeakerKind

PERSON, ORG, REPORT = SpeakerKind.PERSON, SpeakerKind.ORGANIZATION, SpeakerKind.REPORT


def said(article):
    return [(q.speaker_kind, q.speaker, q.text) for q in extract_article(article).quotes]


def check(article, expected):
    got = said(article)
    assert [(k, s) for k, s, _ in got] == [(k, s) for k, s, _ in expected], got
    for (_, _, text), (_, _, start) in zip(got, expected, strict=True):
        assert text.startswith(start), (text, start)


def people_quotes(article):
    return [
        (q.speaker, q.text)
        for q in extract_article(article).quotes
        if q.speaker_kind is SpeakerKind.PERSON
    ]


CASES = [
    # the comma after the closing mark, the verb inverted, in a picture's caption
    (
        "Probation firm failing\n\nInspectors criticised the company.\n\nImage caption: Staff "
        'morale was "through the floor", said Ian Lawrence of the trade union NAPO',
        [("Ian Lawrence", "through the floor")],
    ),
    # X said: “...”
    (
        "Deputy Chief Constable Sunita Gamblin said: “The findings are concerning.”",
        [("Sunita Gamblin", "The findings are concerning.")],
    ),
    # fragment quotes inside a sentence, two of them
    (
        'Deputy Ch Con Sunita Gamblin said the force was taking the findings "extremely seriously" '
        'and improvements were "a matter of urgency."',
        [("Sunita Gamblin", "extremely seriously"), ("Sunita Gamblin", "a matter of urgency.")],
    ),
    # “...,” he said.  with the speaker named before
    (
        "HM Inspector of Constabulary Mike Cunningham visited. “I was impressed by the staff,” he said.",
        [("Mike Cunningham", "I was impressed by the staff,")],
    ),
    # said NAME after the quote
    (
        "“We have work to do,” said Chief Constable Mike Barton of Durham Constabulary.",
        [("Mike Barton", "We have work to do,")],
    ),
    # said TITLE, NAME after the quote: the title set off by a comma
    (
        "Among them was an officer with a conviction. “It's far too easy for the wrong people "
        "to get in,” said Inspector of Constabulary, Matt Parr.",
        [("Matt Parr", "It's far too easy for the wrong people to get in,")],
    ),
    # the words of NAME in the next sentence
    (
        "‘I congratulate South Yorkshire Police on the way it performs.’ Those are the words of "
        "Roy Wilsher, one of His Majesty’s Inspectors of Constabulary.",
        [("Roy Wilsher", "I congratulate South Yorkshire Police on the way it performs.")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quotes_attributes_speaker(make_article, text, expected):
    assert people_quotes(make_article(text)) == expected


# Who said it: the subject of the verb that reports the quotation.
SPEAKERS = [
    pytest.param(
        "Rape programme already showing impact\n\nThe first report by HMICFRS on Operation "
        "Soteria has been released today.\n\nChief Constable Sarah Crew, Senior Responsible "
        'Officer for Operation Soteria, welcomed the report, saying:\n\n"I am pleased that '
        'this first HMICFRS report has found Soteria to be a true game-changer."',
        [(PERSON, "Sarah Crew", "I am pleased that this first")],
        id="a-verb-after-a-person-set-off-by-a-title-is-not-inverted",
    ),
    pytest.param(
        "Midland report\n\nHarvey Proctor, the former Tory MP who was falsely accused by "
        "serial liar 'Nick', whose real name is Carl Beech, said today's report 'clearly "
        "indicates the Met tried to cover-up its wrongdoings'.\n\nMr Smith, the lawyer for "
        "Jane Doe, who was injured, said it was 'a grave failure of duty'.",
        [
            (PERSON, "Harvey Proctor", "clearly indicates the Met"),
            (PERSON, "Smith", "a grave failure of duty"),
        ],
        id="a-name-in-a-relative-clause-is-not-the-subject-the-clause-is-set-off-after",
    ),
    pytest.param(
        "Crime figures\n\nHMIC inspected Kent Police. Ms Barnes had voiced her anger after the "
        "inspectors identified an 'institutional bias' towards chasing targets.",
        [(REPORT, "0", "institutional bias")],
        id="words-in-a-clause-after-when-the-inspectors-speak-are-theirs",
    ),
    pytest.param(
        "Neighbourhood policing\n\nHMIC inspected Hertfordshire Constabulary.\n\nThe latest "
        'HMIC report observes that Hertfordshire has an "established commitment to '
        'neighbourhood policing".',
        [(REPORT, "0", "established commitment to neighbourhood")],
        id="a-body-named-inside-a-reports-noun-phrase-leaves-the-report-the-subject",
    ),
    pytest.param(
        "Prison is safe\n\nPeter Clarke, HM Chief Inspector of Prisons, said the 2015 "
        "inspection of the jail near Market Drayton had found reasonably good outcomes. He "
        'also said good work was under way.\n\n"At this inspection we were pleased to see '
        'a very similar picture."',
        [(PERSON, "Peter Clarke", "At this inspection we were")],
        id="a-place-after-a-preposition-is-no-speaker",
    ),
    pytest.param(
        "Federation responds\n\nAccording to branch secretary Steve Butler, officers were "
        "'working tirelessly in an increasingly stressful and complex role'.",
        [(PERSON, "Steve Butler", "working tirelessly")],
        id="according-to-a-title-in-lower-case-and-a-name",
    ),
    pytest.param(
        "Essex\n\nEssex Police was inspected by HMICFRS, which released its findings today."
        "\n\nThe force acknowledged that it had been given a 'Requires Improvement' grade, and "
        "says it has already started work on the three points the report raised.\n\nThey "
        'tell us: "The force is also improving the way in which it supports victims."',
        [(ORG, "essex", "The force is also improving")],
        id="they-is-the-body-that-spoke-in-the-sentence-before",
    ),
    pytest.param(
        "Stalking\n\nThe responses were welcomed by IOPC Director General Rachel Watson, "
        "HMICFRS Chief Inspector of Constabulary Sir Andy Cooke and Assistant Chief "
        "Constable Tom Harding, College of Policing director.\n\nIn a joint statement they "
        'said: "We are encouraged by the responses to the recommendations."',
        [
            (PERSON, "Rachel Watson", "We are encouraged"),
            (PERSON, "Andy Cooke", "We are encouraged"),
            (PERSON, "Tom Harding", "We are encouraged"),
        ],
        id="they-after-a-list-of-titled-people-a-verb-gives-words-to-is-each-of-them",
    ),
    pytest.param(
        "Probation\n\nAlison Hernandez is the Police and Crime Commissioner for Devon and "
        'Cornwall.\n\nThe commissioner said: "I welcome the fact that the Government has '
        'acted."',
        [(PERSON, "Alison Hernandez", "I welcome the fact")],
        id="a-title-standing-for-its-holder-however-the-text-gave-the-title",
    ),
    pytest.param(
        "Good\n\nDarren Davies, the Chief Constable, said the force was pleased.\n\n"
        "Mr Davies also credited the people the force serves and employs.\n\n"
        '"We have listened to our staff and communities."',
        [(PERSON, "Darren Davies", "We have listened")],
        id="a-quotation-alone-after-a-paragraph-its-subject-opens-is-the-subject-s",
    ),
    pytest.param(
        "Referral\n\nBarry Coppinger, the commissioner, referred the case.\n\n"
        'The IOPC confirmed it was looking at the case. A spokesperson said: "We can '
        'confirm that we have received a referral."\n\n'
        "In an interview with Heart, Mr Coppinger stood by his view.\n\n"
        '"He came through as the strongest candidate," he said.',
        [
            (ORG, "iopc", "We can confirm that"),
            (PERSON, "Barry Coppinger", "He came through"),
        ],
        id="a-spokesperson-speaks-for-the-body-opening-the-sentence-before",
    ),
    pytest.param(
        "Essex\n\nThe report was published today. Essex Police Chief Constable Ben "
        'Harrington QPM said: "Every officer is dedicated to catching criminals."',
        [(PERSON, "Ben Harrington", "Every officer is")],
        id="honours-between-a-name-and-its-verb-keep-the-name-the-subject",
    ),
    pytest.param(
        'Whitemoor\n\nSteve Gillan, the general secretary, said: "We are dismayed."\n\n'
        "Mark Fairhurst, the national chairman, defended the staff.\n\n"
        'According to Mr Fairhurst, the practice had paid off. "They have proven that '
        'smaller cohorts reduce violence," he said.',
        [
            (PERSON, "Steve Gillan", "We are dismayed"),
            (PERSON, "Mark Fairhurst", "They have proven"),
        ],
        id="he-after-according-to-a-name-is-that-name",
    ),
    pytest.param(
        "Custody\n\nLorne Green, the commissioner, welcomed the report.\n\nMr Green added "
        "that the inspectors had also acknowledged outside scrutiny of the suites. "
        '"I am also pleased to see inspectors recognise that the forces are open."',
        [(PERSON, "Lorne Green", "I am also pleased")],
        id="the-verb-reporting-a-clause-not-the-clause-s-own-verb-gives-the-next-words",
    ),
    pytest.param(
        "Cumbria\n\nTemporary Deputy Chief Constable Darren Martland said the force was "
        'pleased.\n\nThe Temporary Deputy Chief Constable added: "We continue to work hard."',
        [(PERSON, "Darren Martland", "We continue to work")],
        id="a-capitalised-qualifier-before-a-title-standing-for-its-holder",
    ),
    pytest.param(
        "Oversight\n\nThe commissioner spoke to the paper.\n\n"
        '"So who polices the police? Should officers investigate themselves?" – Police '
        "Investigations and Review Commissioner Kate Frame",
        [(PERSON, "Kate Frame", "So who polices")],
        id="a-pull-quote-signed-after-a-dash-on-its-line-is-the-signer-s",
    ),
    pytest.param(
        "Kent\n\nThe report by HMIC was published.\n\n"
        '"We are one of very few forces that send an officer to every crime" - Chief '
        "Constable Ian Learmonth, Kent Police\n\nThe meeting went on.",
        [(PERSON, "Ian Learmonth", "We are one of very few")],
        id="a-pull-quote-signed-after-a-dash-with-the-signer-s-body-after-a-comma",
    ),
    pytest.param(
        "Essex\n\nZoe Billingham, HM Inspector of Constabulary, said she had been "
        "\"extremely disappointed by what we found\".\n\n## 'Immediate attention'\n\n"
        '"For example, we found that some officers had poor attitudes towards missing '
        'children."',
        [
            (PERSON, "Zoe Billingham", "extremely disappointed"),
            (PERSON, "Zoe Billingham", "For example, we found"),
        ],
        id="a-paragraph-of-quotation-after-a-crosshead-goes-on-from-the-speaker-before-it",
    ),
    pytest.param(
        "Holyrood\n\nGreen MSP John Finnie put the question.\n\nGill Imery, the assistant "
        "inspector, told the committee that staff thought it unfair. She said staff saw the "
        'inspection as "disproportionate and unnecessary".\n\nThat drew a sharp response '
        'from Mr Finnie. "I find that very worrying," he said.',
        [
            (PERSON, "Gill Imery", "disproportionate and unnecessary"),
            (PERSON, "John Finnie", "I find that very"),
        ],
        id="he-is-no-woman-the-text-shows-and-a-response-from-a-name-is-theirs",
    ),
    pytest.param(
        "Dorset\n\nHMIC inspected Dorset Police in 2016.\n\n"
        '"The force understands the importance of fair treatment," the report read. '
        '"However, more could be done," it added.',
        [(REPORT, "0", "The force understands"), (REPORT, "0", "However, more could")],
        id="what-a-report-reads-is-the-report-s",
    ),
    pytest.param(
        "Reforms\n\nHMICFRS published its report on Monday.\n\nPolice forces have "
        '"failed to get the basics right", according to the policing inspectorate, which '
        "gave its backing to the reforms.\n\nIn a speech on Tuesday the Home Secretary will "
        'argue that confidence in policing has been "badly eroded" in recent years.',
        [(REPORT, "0", "failed to get the basics right")],
        id="a-role-no-one-is-named-as-speaks-for-no-one-else",
    ),
    pytest.param(
        "Report warning\n\nNorthamptonshire Police has been warned that the report will "
        "not make pleasant reading - though its chief constable insists the findings are a "
        "'snapshot in time'.\n\nChief Constable Nick Adderley has been in post for a year.",
        [(PERSON, "Nick Adderley", "snapshot in time")],
        id="its-role-is-the-holder-the-article-names",
    ),
    pytest.param(
        'Force praised\n\nThe City of London Police is "committed to improving the service '
        'victims receive" but still has further to go in some areas, according to the most '
        "recent report by His Majesty's Inspectorate of Constabulary and Fire and Rescue "
        "Services (HMICFRS).",
        [(REPORT, "0", "committed to improving")],
        id="according-to-a-report-by-a-body-with-a-long-name-ends-the-sentence",
    ),
    pytest.param(
        "Kent Police praised on fairness but 'must do more' to improve in some areas, says "
        "HMICFRS\n\nThe inspectorate published its PEEL report on Kent Police on Friday.",
        [(REPORT, "0", "must do more")],
        id="an-inverted-verb-ending-the-headline-after-a-clause",
    ),
    pytest.param(
        "Forces inspected\n\nPolice in Kent 'must do more' to improve in some areas, says "
        "Tom Winsor.",
        [(PERSON, "Tom Winsor", "must do more")],
        id="an-inverted-verb-ending-the-sentence-after-a-clause",
    ),
    pytest.param(
        "'Policing at the ports must meet future needs', says CJI Chief Inspector\n\n"
        "Criminal Justice Inspection Northern Ireland Chief Inspector Jacqui Durkin "
        "published the report today.",
        [(PERSON, "Jacqui Durkin", "Policing at the ports")],
        id="a-bodys-role-after-the-inverted-verb-is-its-holder",
    ),
    pytest.param(
        "Police failures on child abuse 'not good enough', says NSPCC\n\n"
        'The NSPCC said it was "simply not good enough" that police were still failing.',
        [(ORG, "nspcc", "simply not good enough")],
        id="the-headlines-repeat-of-a-body-quotation-is-one-statement",
    ),
    pytest.param(
        "Commissioners respond\n\nThe APCC's Joint Leads on Local Policing, Matt Story and "
        "Chris Nelson, issued a statement after HMICFRS published its report.\n\nThe two "
        "leads said they were heartened, but noted that the same report found weaknesses.\n\n"
        "They described the damage done to neighbourhoods.\n\nOn reporting, the commissioners "
        'welcomed the findings.\n\n"It is important that people can report incidents," they '
        'said.\n\n"Chief Constables must ensure their officers are equipped," the statement '
        "continued.",
        [
            (PERSON, "Matt Story", "It is important"),
            (PERSON, "Chris Nelson", "It is important"),
            (PERSON, "Matt Story", "Chief Constables must"),
            (PERSON, "Chris Nelson", "Chief Constables must"),
        ],
        id="a-pair-named-as-speaking-goes-on-speaking-as-they-and-their-statement",
    ),
    pytest.param(
        "Victims' leads welcome review\n\nTwo commissioners, Donna Jones and Alan Billings, "
        "responded on behalf of the association.\n\nBoth said they were pleased that "
        "inspectors had found good practice, though the report also found gaps.\n\n"
        '"We are glad the inspectorate recognises the work of victims\' services," they '
        "said.\n\nThey also spoke about funding.\n\nThey praised the staff.\n\nThey "
        "thanked volunteers.\n\nThe two commissioners then turned to what the report says "
        'about courts.\n\n"Delays in court remain the biggest worry for victims," they said.',
        [
            (PERSON, "Donna Jones", "We are glad"),
            (PERSON, "Alan Billings", "We are glad"),
            (PERSON, "Donna Jones", "Delays in court"),
            (PERSON, "Alan Billings", "Delays in court"),
        ],
        id="they-after-a-sentence-whose-subject-is-the-pair-as-a-group-is-the-pair",
    ),
    pytest.param(
        "Mayor backs inquiry\n\nThe deputy mayor, Sophie Linden, said she would back an inquiry.\n\n"
        'The HMICFRS report concluded that such failings "could happen again".\n\n'
        '"I asked for this review because I was not confident lessons had been learnt" '
        "\u2013 Sophie Linden\n\nThe review also found gaps in training.",
        [
            (REPORT, "0", "could happen again"),
            (PERSON, "Sophie Linden", "I asked for this review"),
        ],
        id="a-pull-quote-signed-after-a-dash-is-not-the-paragraph-befores-next-quotation",
    ),
    pytest.param(
        "Cuts bite\n\nThe NSPCC says the cuts hurt children.\n\nJane Hollis, NSPCC head of "
        'policy said: "The report shows services are stretched."',
        [(PERSON, "Jane Hollis", "The report shows")],
        id="a-name-then-a-body-and-title-without-the-closing-comma-is-the-person",
    ),
    pytest.param(
        "Panel meets\n\nCommissioner Jane Hall said the force was improving.\n\nPanel "
        "chairman Cllr Tom "
        'Reid said: "We will keep watching."\n\nAt the same meeting, held today at County '
        "Hall, Mrs Hall also presented her annual report, which she said had marked a "
        "'turning point for the force'.",
        [
            (PERSON, "Tom Reid", "We will keep watching"),
            (PERSON, "Jane Hall", "turning point for the force"),
        ],
        id="she-is-the-subject-of-her-own-sentence-before-a-speaker-named-earlier",
    ),
    pytest.param(
        "HMIC published a report on Kent Police.\n\nDavid Lloyd welcomed the report, which "
        'warns that forces are "sleepwalking away from communities".',
        [(REPORT, "0", "sleepwalking away from communities")],
        id="a-report-speaks-in-its-relative-clause-not-the-one-who-welcomed-it",
    ),
    pytest.param(
        "Neighbourhood policing\n\nDavid Lloyd backed HMIC's most recent national report on "
        'Police Effectiveness, which warns that forces are "sleepwalking away from '
        'communities".',
        [(REPORT, "0", "sleepwalking away from communities")],
        id="a-bodys-report-named-with-its-topic-speaks-in-its-relative-clause",
    ),
    pytest.param(
        "Neighbourhood policing\n\nDavid Lloyd backed HMIC's most recent national report, "
        'which cautions that forces are "sleepwalking away from communities".',
        [(REPORT, "0", "sleepwalking away from communities")],
        id="a-report-that-cautions-speaks",
    ),
    pytest.param(
        "Forces under strain\n\nThe Derbyshire Police Federation read the report. Policing "
        "is 'on its knees', the Federation warned.",
        [(ORG, "named-derbyshire-police-federation", "on its knees")],
        id="the-bodys-head-noun-capitalised-refers-back-to-it",
    ),
    pytest.param(
        "Police response to missing children 'poor', says HMIC report\n\n"
        '"Unacceptable inconsistencies" in the way police investigate leave children at '
        "risk.\n\nIn the report, inspector Wendy Williams says the inspection found "
        '"unacceptable inconsistencies between and within forces".',
        [(PERSON, "Wendy Williams", "unacceptable inconsistencies between")],
        id="the-headlines-attribution-does-not-carry-into-the-story",
    ),
    pytest.param(
        "Suspects held in police cells in Kent are at risk, according to a report.\n\n"
        "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) and "
        "Her Majesty's Inspectorate of Prisons (HMIP), which published the report, said "
        '"immediate action on the cells" was needed to put the problems right.',
        [(REPORT, "0", "immediate action on the cells")],
        id="two-bodies-speaking-together-are-the-first-named",
    ),
    pytest.param(
        "Adam Simmonds, the Police and Crime Commissioner, has said he believes crime in "
        'Northamptonshire is being recorded "correctly and ethically", even though the '
        "inspection report has found serious crimes are being recorded inaccurately.",
        [(PERSON, "Adam Simmonds", "correctly and ethically")],
        id="a-verb-in-a-clause-of-its-own-after-the-quote-is-not-its-attribution",
    ),
    pytest.param(
        "In June last year, Chief Constable Stephen Watson pledged that the force would get "
        "better.\n\nMayor Andy Burnham credited the new Chief Constable with the changes.\n\n"
        'On Friday, he said: "This is a good day for GMP and for everyone in it."',
        [(PERSON, "Andy Burnham", "This is a good day")],
        id="he-is-the-subject-opening-the-sentence-before-not-an-earlier-speaker",
    ),
    pytest.param(
        'Chief Constable Stephen Watson said: "We will get better."\n\nMayor Andy Burnham '
        "credited the new Chief Constable with the changes.\n\n"
        'Mr Watson went on: "The force is proud today."\n\nHe added: "And so am I."',
        [
            (PERSON, "Stephen Watson", "We will get better."),
            (PERSON, "Stephen Watson", "The force is proud today."),
            (PERSON, "Stephen Watson", "And so am I."),
        ],
        id="he-added-goes-on-with-the-last-speaker",
    ),
    pytest.param(
        "Devon and Cornwall Police wrote to Her Majesty's Inspectorate of Constabulary "
        'after it said the force "requires improvement". The force accused the '
        'inspectorate of making "inaccurate, adverse comments" about its work.\n\n'
        "The report examined how forces protect vulnerable people. On Devon and "
        'Cornwall, it said "there is still significant work to do" before the next visit.',
        [
            (ORG, "devon-and-cornwall", "inaccurate, adverse comments"),
            (REPORT, "0", "there is still significant work to do"),
        ],
        id="it-after-a-fronted-phrase-is-the-subject-of-the-sentence-before",
    ),
    pytest.param(
        "West Midlands Police has closed three causes of concern.\n\n"
        '"I recognise the effort the force is making," HM inspector Lee Freeman said.',
        [(PERSON, "Lee Freeman", "I recognise the effort")],
        id="title-in-lower-case-between-quote-and-verb",
    ),
    pytest.param(
        "In a letter to stakeholders across the force area, Chief Constable Richard Lewis "
        "has disclosed that the force is to be placed under observation.\n\n"
        '"Cleveland Police has been subject to the national programme of inspection," the '
        "letter says.",
        [(PERSON, "Richard Lewis", "Cleveland Police has been subject")],
        id="the-letter-says-its-author",
    ),
    pytest.param(
        "Charlie Taylor, Chief Inspector of Prisons, said many of the children had committed "
        "serious crimes.\n\n"
        '"We spoke to boys who\'d had almost no human contact at all in days," Mr Taylor said, '
        "describing how some had tried to put up photographs of home.",
        [(PERSON, "Charlie Taylor", "We spoke to boys")],
        id="right-after-surname",
    ),
    pytest.param(
        "Kent Police was inspected this year.\n\n"
        "“Victims deserve better,” said Chief Constable Jo Bloggs of Kent Police.",
        [(PERSON, "Jo Bloggs", "Victims deserve better")],
        id="right-after-inverted",
    ),
    pytest.param(
        "HM Inspectorate of Constabulary published its child protection report on Cumbria "
        "Constabulary on Thursday.\n\n"
        "Cumbria Constabulary has “acted decisively” on previous recommendations but still "
        "needs to be more involved in partnership assessments, an inspection found.",
        [(REPORT, "0", "acted decisively")],
        id="ending-the-sentence-not-the-force",
    ),
    pytest.param(
        "HM Inspectorate of Constabulary reported on domestic abuse in Gloucestershire.\n\n"
        "VICTIMS of domestic abuse in the county are being failed because Gloucestershire "
        'Constabulary cannot deal with the crime "consistently and appropriately", a damning '
        "report has concluded.",
        [(REPORT, "0", "consistently and appropriately")],
        id="ending-the-sentence-report",
    ),
    pytest.param(
        "Those running HMP Liverpool, at every level from the jail itself up to national "
        'management, oversaw an "abject failure" to deliver a safe, decent and purposeful '
        "regime, according to Peter Clarke, HM Chief Inspector of Prisons.",
        [(PERSON, "Peter Clarke", "abject failure")],
        id="according-to-person",
    ),
    pytest.param(
        "Her Majesty’s Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) said "
        "in its findings that police forces were “not protecting victims” from stalkers.\n\n"
        "According to the watchdog, forces are failing to use their powers to search the homes "
        "of suspects, meaning stalking investigations are “not as thorough as they could be”.",
        # the watchdog's words are its national report's (a report about no one force)
        [(REPORT, "0", "not protecting victims"), (REPORT, "0", "not as thorough")],
        id="according-to-watchdog",
    ),
    pytest.param(
        "HMICFRS published its report on Kent Police today.\n\n"
        'Victim Support said the findings were "deeply worrying for victims".',
        [(ORG, "victim-support", "deeply worrying")],
        id="a-body-in-the-reference-data-speaks",
    ),
    pytest.param(
        "In the report, Missing Children: who cares?, inspector Wendy Williams says the "
        'inspection found "unacceptable inconsistencies between and within forces" in every '
        "part of the approach to missing children.",
        [(PERSON, "Wendy Williams", "unacceptable inconsistencies")],
        id="person-says-report-found",
    ),
    pytest.param(
        "In a report delivered to Home Secretary Priti Patel, the chief inspector of "
        "constabulary, Sir Thomas Winsor, said his inspectorate had found that Met officers "
        'behaved "lawfully, sensitively and proportionately" when they broke up the vigil.',
        [(PERSON, "Thomas Winsor", "lawfully, sensitively")],
        id="apposition-name-after-role",
    ),
    pytest.param(
        "Deputy Mayor for Policing and Crime Sophie Linden appeared before the committee.\n\n"
        "Appearing before City Hall’s policing committee this morning, Ms Linden, who heads the "
        "mayor’s office for policing and crime (MOPAC), told the assembly that she and the "
        "mayor were “disappointed but not surprised” by the news.",
        [(PERSON, "Sophie Linden", "disappointed but not surprised")],
        id="relative-clause-between",
    ),
    pytest.param(
        "Ron Hogg, Police, Crime and Victims' Commissioner for County Durham and Darlington, "
        'described the result as "a real tribute" to the hard work of all of the officers.',
        [(PERSON, "Ron Hogg", "a real tribute")],
        id="apposition-with-commas",
    ),
    pytest.param(
        "Chief Constable Justine Curran spoke to reporters.\n\n"
        'Mrs Curran, who became chief constable in April 2013, said she was "really, really '
        'disappointed" with the rating, but described the inspection as "just a snapshot" and '
        "said the force had been working on the issues.",
        [
            (PERSON, "Justine Curran", "really, really disappointed"),
            (PERSON, "Justine Curran", "just a snapshot"),
        ],
        id="coordinated-verbs",
    ),
    pytest.param(
        "HM Chief Inspector of Constabulary Andy Cooke said he was pleased with the way "
        "Cleveland Police had improved since the current chief constable arrived, adding that "
        'he had brought "greater stability".',
        [(PERSON, "Andy Cooke", "greater stability")],
        id="participle-adding",
    ),
    pytest.param(
        "Inspector of Constabulary Zoë Billingham said the country was living through "
        '"a national epidemic of violence against women and girls", adding that the prevalence '
        'and range of offending and harm was "stark and shocking".',
        [
            (PERSON, "Zoë Billingham", "a national epidemic"),
            (PERSON, "Zoë Billingham", "stark and shocking"),
        ],
        id="accented-name-in-speaker-slot",
    ),
    pytest.param(
        "HMIC published a report on Lancashire Constabulary today. Inspectors said they were "
        "encouraged by the force's response.\n\n"
        'The force had shown a "clear commitment" to serving vulnerable children and had '
        '"taken immediate steps to improve", they added.',
        [(REPORT, "0", "clear commitment"), (REPORT, "0", "taken immediate steps")],
        id="they-added-after-inspectors",
    ),
    pytest.param(
        "HMIC inspected custody in Lancashire. A Lancashire Police spokesman said the force was "
        'committed to making sure that "everyone who comes into our custody is treated with '
        'courtesy and respect", and that it had developed new systems.',
        [(ORG, "lancashire", "everyone who comes into our custody")],
        id="spokesman-of-a-force",
    ),
    pytest.param(
        "The mayor of London, Sadiq Khan, is angry with the Met.\n\n"
        "A spokesperson for the mayor of London said the mayor had made it clear to the "
        "commissioner how angry he was.\n\n"
        '"He has put the commissioner on notice," the spokesperson said, adding that the Met '
        "must urgently show it had an effective plan.",
        [(PERSON, "Sadiq Khan", "He has put the commissioner on notice")],
        id="spokesperson-for-the-mayor",
    ),
    pytest.param(
        'Lancashire Police said it would "strive" to "learn and improve".',
        [(ORG, "lancashire", "learn and improve")],
        id="a-force-saying",
    ),
    pytest.param(
        "HMICFRS published its report on Kent Police today.\n\n"
        '"We accept the findings and are already acting on them," the force said in a statement.',
        [(ORG, "kent", "We accept the findings")],
        id="the-force-said-in-a-statement",
    ),
    pytest.param(
        "HMICFRS published its report on Kent Police today.\n\n"
        'A spokesman for Kent Police said: "We accept the findings and are already acting on '
        'them."',
        [(ORG, "kent", "We accept the findings")],
        id="spokesman-for-a-force",
    ),
    pytest.param(
        "Kent's Police and Crime Commissioner Matthew Scott welcomed the report.\n\n"
        'A spokesperson for the PCC said the commissioner would "hold the chief constable to '
        'account for every recommendation".',
        [(PERSON, "Matthew Scott", "hold the chief constable to account")],
        id="spokesperson-for-the-pcc",
    ),
    pytest.param(
        "Beds police and crime commissioner Olly Martins has attacked HM Inspectorate of "
        "Constabulary for “starting to usurp” his position, after the inspectorate said the "
        "force needs to make a raft of improvements.",
        [(PERSON, "Olly Martins", "starting to usurp")],
        id="opening-subject-after-a-lower-case-role",
    ),
    pytest.param(
        "HER MAJESTY'S INSPECTOR OF CONSTABULARY (HMIC) Wendy Williams has now delivered her "
        "final report on the state of Dyfed Powys Police.\n\n"
        "Turning to the Force’s finances, the Inspector said the Force’s plan to keep policing "
        "its very large area effectively with fewer staff “needs to be developed as a matter "
        "of urgency”.",
        [(PERSON, "Wendy Williams", "needs to be developed")],
        id="the-inspector-named-before",
    ),
    pytest.param(
        "Chief Constable Chris Noble welcomed the decision.\n\n"
        "Despite his delight at the force leaving special measures, the Chief Constable said "
        'there was "much still to do", adding that everyone in the force was determined.',
        [(PERSON, "Chris Noble", "much still to do")],
        id="the-chief-constable-named-before",
    ),
    pytest.param(
        "Cleveland Police was rated inadequate by Her Majesty's Inspectorate of Constabulary and "
        "Fire and Rescue Services.\n\n"
        "The chief inspector of constabulary recently described working practices at the force "
        'as about as "inefficient as you can possibly imagine", with officers forced to share '
        "laptops.",
        [(REPORT, "0", "inefficient as you can possibly imagine")],
        id="an-inspector-named-nowhere",
    ),
    pytest.param(
        "Chief Constable Mark Webster said the force was improving.\n\n"
        "He accepted that there was more to do and that, because of the pressures it faces, it "
        'was "not always hitting the mark and being as good as we should be".',
        [(PERSON, "Mark Webster", "not always hitting the mark")],
        id="he-after-a-person",
    ),
    pytest.param(
        "Chief Constable Mark Webster, who took over from the departed Chief Constable "
        "Richard Lewis in April last year, said the force was improving.\n\n"
        'He accepted that there was more to do and that it was "not always hitting the mark '
        'and being as good as we should be".',
        [(PERSON, "Mark Webster", "not always hitting the mark")],
        id="he-is-the-last-speaker-not-the-last-name",
    ),
    pytest.param(
        "Stephen Watson took over from Ian Hopkins as Chief Constable of GMP in May 2021.\n\n"
        "Mr Watson, regarded as an 'old school' police chief, put the force's problems down to "
        'a "failure of senior leadership" and pledged a "dialled up muscularity" in tackling '
        "crime.",
        [
            (PERSON, "Stephen Watson", "failure of senior leadership"),
            (PERSON, "Stephen Watson", "dialled up muscularity"),
        ],
        id="surname-and-opening-subject",
    ),
    pytest.param(
        "Her Majesty’s Inspectorate of Constabulary published its report on Lancashire "
        "Constabulary.\n\n"
        "While serious areas of concern have been raised by the inspection, the report does "
        "highlight the good work currently being done by the force.\n\n"
        "It says: “Lancashire Constabulary and its senior leaders are committed to providing "
        "the best service for vulnerable children.”",
        [(REPORT, "0", "Lancashire Constabulary and its senior leaders")],
        id="it-says-after-the-report",
    ),
    pytest.param(
        "An inspection by Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services "
        "(HMICFRS) has found that councils need to work together.\n\n"
        'Inspectors described offending against women and girls as "deep-rooted and pervasive" '
        "in society.",
        # the inspection is found as a report about no one force: its words
        [(REPORT, "0", "deep-rooted and pervasive")],
        id="inspectors-of-a-national-inspection",
    ),
    pytest.param(
        "Devon and Cornwall's Police and Crime Commissioner Alison Hernandez has said the force "
        "must improve.\n\nHMICFRS published its PEEL report on Devon and Cornwall Police on "
        "July 11.\n\n"
        '"What they have found matches the findings of His Majesty\'s Inspector," said Alison.',
        # a given name alone beside the verb: the one person named in full with it
        [(PERSON, "Alison Hernandez", "What they have found")],
        id="said-given-name",
    ),
    pytest.param(
        "Phil Dilks, the Labour candidate, called the report shocking.\n\n"
        'He said: "The cuts go too deep."\n\n'
        "Richard Davies, a Grantham county councillor, is one of three names on the "
        "shortlist. He blames the problems on Whitehall.\n\n"
        'He said: "It is very worrying that Lincolnshire Police has been named."\n\n'
        "Mr Davies said his party could deliver savings.",
        # "he": the subject of the paragraph just before, no one else named since
        [(PERSON, "Phil Dilks", "The cuts go too deep"), (PERSON, "Richard Davies", "It is very")],
        id="he-the-paragraph-before-opens-with",
    ),
    pytest.param(
        "Statement from Dr Alan Billings, South Yorkshire's Police and Crime Commissioner:\n\n"
        "“I welcome the report and congratulate the force.”",
        [(PERSON, "Alan Billings", "I welcome the report")],
        id="lead-in-paragraph",
    ),
    pytest.param(
        "HMICFRS graded Durham Constabulary outstanding in its PEEL inspection.\n\n"
        "Among the areas singled out for praise by inspectors were:\n\n"
        "- the force's work looking after victims of crime;\n"
        "- the work of its 'professional and forward-thinking' IT team;",
        [(REPORT, "0", "professional and forward-thinking")],
        id="list-item-under-lead-in",
    ),
    pytest.param(
        "HMICFRS graded Cheshire Fire and Rescue Service good in all three areas.\n\n"
        "Among the points highlighted in the latest report are the service's:\n\n"
        '- "range of wellbeing support" for its staff;\n'
        '- "clear, risk-based approach to prevention activity".',
        # the service in the possessive owns the points; the report makes them
        [(REPORT, "0", "range of wellbeing support"), (REPORT, "0", "clear, risk-based approach")],
        id="list-items-of-a-body-in-the-possessive",
    ),
    pytest.param(
        "HMICFRS published its report on Lancashire Constabulary today.\n\n"
        'The girl had been asked to send photographs of herself and there was "clear evidence" '
        "the man wanted to meet her, the report said.\n\n"
        'However, there had been no police records "to indicate whether an investigation was '
        'conducted".',
        [(REPORT, "0", "clear evidence"), (REPORT, "0", "to indicate whether")],
        id="after-the-report-speaks",
    ),
    pytest.param(
        "Durham Constabulary was graded outstanding for efficiency.\n\n"
        "The HMIC report said: “The constabulary understands what it costs to provide police "
        "services.”",
        [(REPORT, "0", "The constabulary understands")],
        id="the-inspectorates-report-said",
    ),
    pytest.param(
        "HMICFRS's latest assessment of the effectiveness of police forces across England and "
        'Wales found that "most police forces are maintaining a good standard of service" '
        'despite sharp rises in demand, "but cracks are beginning to show."',
        [(REPORT, "0", "most police forces"), (REPORT, "0", "but cracks")],
        id="a-long-subject-opening-the-clause",
    ),
    pytest.param(
        "Prison report\n\n"
        "“The speed of this decline has been extraordinary”\n\n"
        "Peter Clarke\n\n"
        "Peter Clarke, the chief inspector of prisons, has put the Justice Secretary on notice.",
        [(PERSON, "Peter Clarke", "The speed of this decline")],
        id="pull-quote-caption",
    ),
    pytest.param(
        'HMIC inspected the Met.\n\nDomestic abuse remains a "poor relation to other policing '
        'activity" in too many forces, the inspectors warn, even though most of them say it is '
        "one of their priorities.",
        [(REPORT, "0", "poor relation")],
        id="plural-attribution-before-a-subordinate-clause",
    ),
    pytest.param(
        "HMICFRS inspected Sussex Police.\n\nGiles York said the report did not reflect the "
        '"huge strides" made since then, nor the "tremendous work" done every day.',
        [(PERSON, "Giles York", "huge strides"), (PERSON, "Giles York", "tremendous work")],
        id="the-quoted-phrase-before-a-participle",
    ),
    pytest.param(
        "The IOPC investigated Wiltshire Police.\n\nThe force said sorry after a watchdog "
        'concluded that detectives missed "significant opportunities" to catch the killer.',
        [(REPORT, "0", "significant opportunities")],
        id="a-watchdog",
    ),
    pytest.param(
        "HM Inspectorate of Prisons inspected HMP Hewell.\n\nA prison in crisis has been "
        'branded "squalid, degrading and dispiriting" in a hard-hitting report by an '
        "inspector.",
        [(REPORT, "0", "squalid, degrading")],
        id="a-passive-whose-agent-wrote-the-report",
    ),
    pytest.param(
        "HM Inspectorate of Prisons inspected HMP Hewell.\n\nInspectors last went there in "
        '2016, when they uncovered "levels of violence that were much too high".',
        # the words of the 2016 inspection, the article's second report
        [(REPORT, "1", "levels of violence")],
        id="they-uncovered",
    ),
    pytest.param(
        "HMIC inspected North Yorkshire Police.\n\nOffences went unrecorded, according to the "
        'inspector, who warned that the force was "potentially depriving victims of help".',
        [(REPORT, "0", "potentially depriving")],
        id="the-inspector-nobody-is-named-as",
    ),
    pytest.param(
        "HMIC inspected South Yorkshire Police.\n\nOn its return, HMIC welcomed what it called "
        "“very welcome early improvements” in performance.",
        [(REPORT, "0", "very welcome early")],
        id="what-it-called",
    ),
    pytest.param(
        "HMICFRS inspected Leicestershire Police.\n\nChief Constable Rob Nixon said he "
        'welcomed what he called a "largely positive" report.',
        [(PERSON, "Rob Nixon", "largely positive")],
        id="what-he-called-a",
    ),
    pytest.param(
        "HMIC inspected the Met.\n\nHM Inspectorate of Constabulary, in its report, gave "
        'Scotland Yard credit for "clear leadership" on the issue.',
        [(REPORT, "0", "clear leadership")],
        id="an-inspectorate-opening-the-sentence",
    ),
    pytest.param(
        "HMICFRS published its report on violence against women.\n\nRefuge backs the "
        'report\'s recommendation for "an immediate and unequivocal commitment" from the '
        "government.",
        [(REPORT, "0", "an immediate and unequivocal commitment")],
        id="the-reports-recommendation-for",
    ),
    pytest.param(
        "A review by the College of Policing criticised Lancashire Police.\n\nThe force revealed her "
        'problems with alcohol, a disclosure the report deemed "avoidable and unnecessary". '
        'The report criticised the delay in declaring a "critical incident" that day.',
        [(REPORT, "0", "avoidable and unnecessary")],
        id="the-report-deemed-and-a-term-of-art",
    ),
    pytest.param(
        "HMICFRS inspected the response to violence against women.\n\nShe noted that the "
        'report rightly called for "radical action".',
        [(REPORT, "0", "radical action")],
        id="an-adverb-between-subject-and-verb",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPEAKERS)
def test_quotes_speaker_is_the_subject_of_the_verb(make_article, text, expected):
    check(make_article(text), expected)


# Quoted labels and words nobody is given: no quotation.
NOT_QUOTES = [
    pytest.param(
        "Sophie Linden spoke to the assembly.\n\n"
        "Ms Linden was asked whether she or the mayor should “consider your position”, since it "
        "was they who oversaw the force’s work.",
        id="passive-asked",
    ),
    pytest.param(
        "Matt Parr, Her Majesty's Inspector of Constabulary and Fire & Rescue Services, has "
        'called the police response "woeful".',
        id="one-word",
    ),
    pytest.param(
        'Both forces were rated "requires improvement" by HMIC, along with 16 others in England '
        "and Wales.",
        id="grade",
    ),
    pytest.param(
        "Inspectors praised the force's ‘Think Child’ campaign in their report.", id="title"
    ),
    pytest.param(
        "HMIC’s March 2014 report, ‘Everyone’s business’, exposed significant weaknesses.",
        id="title-in-apposition-to-a-report",
    ),
    pytest.param(
        'In April, Humberside Police brought in a "one force" model which scrapped its separate '
        "divisions.",
        id="noun-modifier",
    ),
    pytest.param(
        'HMICFRS published a report called "Missing children: who cares?" on Thursday.',
        id="called",
    ),
    pytest.param(
        "HMIC published its report. Inspectors did say the force needs to improve its work on "
        "'protecting those who are vulnerable from harm, and supporting victims', but HMIC "
        "praised the progress it has made.",
        id="area-name",
    ),
    pytest.param(
        'Chief Constable Mark Webster, who was credited with bringing "greater stability" after '
        "taking over in April last year, was at the meeting.",
        id="passive-relative-clause",
    ),
    pytest.param(
        "Under that regime the chief constable and the police and crime commissioner are "
        "summoned before a national board and quizzed on how they intend to deliver "
        '"critical improvements".',
        id="no-verb-of-saying",
    ),
    pytest.param(
        "HMICFRS published its report on Kent Police today.\n\n"
        'Justice for Families said the findings were "deeply worrying for victims".',
        id="a-body-not-in-the-lexicon-is-not-a-person",
    ),
    pytest.param(
        "HMICFRS published its report on Kent Police today.\n\n"
        "After HMICFRS published its report, Justice for Families said the findings were "
        '"deeply worrying for victims".',
        id="a-comma-starts-a-clause",
    ),
    pytest.param(
        'Kent Police said it was improving.\n\nThe force had made "real progress on recording '
        'crime", they said.',
        id="they-is-never-the-force",
    ),
    pytest.param(
        "Chief Constable Nick Adderley said inspectors had been fair.\n\n"
        "'Managing expectations'\n\n"
        "Mr Adderley said the two videos were meant to prepare people for the report.",
        id="a-quoted-subheading-is-no-quotation",
    ),
    pytest.param(
        "NCA report\n\nHMICFRS has completed its inspection of the National Crime Agency, a "
        "statement to the House of Commons has confirmed.\n\nHMICFRS has been asked to "
        'publish the report. "It will be published today," the statement said.',
        id="a-statement-that-speaks-as-its-clauses-subject-is-not-the-bodys-it-names",
    ),
]


@pytest.mark.parametrize("text", NOT_QUOTES)
def test_quotes_labels_and_unattributed_words_are_left_out(make_article, text):
    assert said(make_article(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        # to the report or to the force, never to a person
        "“We found deficiencies in a number of critical areas,” said the Inspectorate.",
        "The report said: “Leaders in the force are good role models.”",
        "The force said it was making improvements “as a matter of urgency”.",
        "Inspectors said they were “encouraged” by the response of Lancashire Police.",
        # scare quotes in single marks are not quotations
        "Chief Constable Mike Barton said Durham was rated ‘outstanding’ again.",
    ],
)
def test_quotes_not_given_to_a_person(make_article, text):
    assert people_quotes(make_article(text)) == []


def test_quotes_over_several_paragraphs_are_one(make_article):
    a = make_article(
        "Deputy Chief Constable Sunita Gamblin said: “I’m really pleased with the findings.\n\n"
        "“The commitment of everyone has led to change.\n\n"
        "“We are not complacent.”\n\nThe end of Lancashire Police news."
    )
    quotes = people_quotes(a)
    assert len(quotes) == 1
    assert quotes[0][1].startswith("I’m really pleased") and "not complacent" in quotes[0][1]


def test_quotes_continue_after_dropped_closing_mark(make_article):
    a = make_article(
        "Cumbria police and crime commissioner Peter McCall said: “Our police force "
        "is busy. “I know that they will continue.”"
    )
    assert people_quotes(a) == [
        ("Peter McCall", "Our police force is busy. I know that they will continue.")
    ]


def test_quotes_left_open_goes_on_in_a_paragraph_not_opened_with_a_mark(make_article):
    a = make_article(
        "Police and Crime Commissioner David Lloyd said: “HMIC is a useful tool for the public.\n\n"
        "This report has pointed to where the force must improve, and we will go forward.”\n\n"
        "The report was published on Tuesday."
    )
    quotes = people_quotes(a)
    assert len(quotes) == 1 and quotes[0][0] == "David Lloyd"
    assert quotes[0][1].startswith("HMIC is a useful tool") and quotes[0][1].endswith("forward.")


def test_quotes_single_marks_over_paragraphs_opened_after_a_colon(make_article):
    # British style: each paragraph of the quotation opens with a mark, only the last
    # closes; the first opens after "said:" inside the paragraph
    a = make_article(
        "HMICFRS inspected the fire service.\n\n"
        "Matthew Ellis, the commissioner, said: 'Since I took on the governance of fire and "
        "rescue here, it has been clear to me that the organisation works well.\n\n"
        "'In recent years they have adapted well to changes in society.'"
    )
    quotes = people_quotes(a)
    assert len(quotes) == 1 and quotes[0][0] == "Matthew Ellis"
    assert quotes[0][1].startswith("Since I took on") and "adapted well" in quotes[0][1]


def test_quotes_a_paragraph_of_quotations_over_the_line_that_signs_them(make_article):
    # straight marks, each sentence opening anew with its closing mark dropped
    a = make_article(
        "HMICFRS inspected Cleveland Police.\n\n"
        '"Cleveland Police has put in place many of our recommendations. "We did come across '
        'good examples. But overall the force is not performing as well as we expect. "That '
        'is why I am confident the force can change."\n\n'
        "HM Inspector of Constabulary Matt Parr\n\nThe force said it had made changes."
    )
    quotes = people_quotes(a)
    assert len(quotes) == 1 and quotes[0][0] == "Matt Parr"
    assert quotes[0][1].startswith("Cleveland Police has put") and "not performing" in quotes[0][1]


@pytest.mark.parametrize(
    ("said", "speaker"),
    [
        ("Cumbria's Police, Fire and Crime Commissioner, David Allen, said", "David Allen"),
        (
            "Liam McArthur, justice spokesman for the Scottish Liberal Democrats, said",
            "Liam McArthur",
        ),
    ],
)
def test_quotes_he_after_a_name_closing_or_opening_an_apposition(make_article, said, speaker):
    a = make_article(
        "HMICFRS inspected the force.\n\nChief Constable Rob Carden said the grades were "
        'good.\n\n"It is a huge endorsement," he added.\n\n'
        f"{said} there was more to do.\n\n"
        '"I know there is work to be done," he said.'
    )
    assert people_quotes(a)[-1] == (speaker, "I know there is work to be done,")


def test_quotes_a_given_name_alone_is_the_person_named_in_full(make_article):
    a = make_article(
        "Keith Hunter, the Police and Crime Commissioner for Humberside, has given his "
        "reaction to the reports released today by HMIC.\n\n"
        'Keith said: "I would like to thank the inspectorate for its two reports."'
    )
    assert people_quotes(a) == [
        ("Keith Hunter", "I would like to thank the inspectorate for its two reports.")
    ]


def test_quotes_two_apostrophes_close_a_straight_double_mark(make_article):
    a = make_article(
        "Chief inspector Nick Hardwick spoke about HMP Oakwood.\n\n"
        "\"Prisoner frustration needed to be addressed,'' he said."
    )
    assert people_quotes(a) == [("Nick Hardwick", "Prisoner frustration needed to be addressed,")]


def test_quotes_a_markdown_block_quotation_after_a_lead_in(make_article):
    a = make_article(
        "HMICFRS reviewed Cumbria Constabulary's progress.\n\nPeter McCall, Cumbria's "
        "Police and Crime Commissioner, welcomed the review.\n\n"
        "Cumbria's Police and Crime Commissioner said:\n\n"
        "> Our police force is extremely busy, and I thank the chief officer team.\n>\n"
        "> I know they will carry on dealing with any issues.\n\n"
        "The review was published today.\n\n"
        "> 450 staff were employed at the prison. *Credit: ITV*"
    )
    quotes = people_quotes(a)
    assert len(quotes) == 1 and quotes[0][0] == "Peter McCall"
    assert quotes[0][1].startswith("Our police force") and "carry on dealing" in quotes[0][1]


def test_quotes_a_report_title_after_its_noun_is_no_quotation(make_article):
    a = make_article(
        "Surrey's Police and Crime Commissioner Kevin Hurley responded to the HMIC report "
        "'Core Business: An inspection into crime prevention and the use of police time'."
    )
    assert people_quotes(a) == []


def test_quotes_the_title_of_a_body_before_a_verb_is_its_holder(make_article):
    a = make_article(
        "The Chair of Leicestershire Police Federation has described a force that is "
        '"struggling and creaking and being pulled in every direction".\n\n'
        'Andy Spence, Chair of Leicestershire Police Federation, said: "This is what we said."'
    )
    assert people_quotes(a)[0] == (
        "Andy Spence",
        "struggling and creaking and being pulled in every direction",
    )


def test_quotes_a_pull_quote_over_a_dashed_line_of_title_name_and_apposition(make_article):
    a = make_article(
        "The justice system is failing people with mental ill health\n\n"
        '"People with a mental illness are being failed by the criminal justice system."\n\n'
        "– Chief Inspector of Probation Justin Russell, speaking on behalf of all six "
        "inspectorates\n\nThe report was published by six inspectorates."
    )
    assert people_quotes(a) == [
        (
            "Justin Russell",
            "People with a mental illness are being failed by the criminal justice system.",
        )
    ]


def test_quotes_a_bare_surname_after_the_full_name_is_that_person(make_article):
    # papers' style: the surname alone, no honorific ("Hopkins said", "Burnham, who ...")
    a = make_article(
        "GMP chief resigns\n\nIan Hopkins, the chief constable of Greater Manchester Police, "
        "has resigned. In announcing that he would retire, Hopkins said: “Greater Manchester "
        "police is going through challenging times.”"
    )
    assert people_quotes(a) == [
        ("Ian Hopkins", "Greater Manchester police is going through challenging times.")
    ]
    a = make_article(
        "GMP chief resigns\n\nAndy Burnham, the Mayor of Greater Manchester, spoke. Burnham, "
        "who oversees the force, had said earlier that it was a “difficult day” for the region."
    )
    assert people_quotes(a) == [("Andy Burnham", "difficult day")]


def test_quotes_a_name_whose_given_name_alone_speaks_later_is_a_persons(make_article):
    # no cue around "Nicky Ryan"; "Nicky said:" shows the name is a person's
    a = make_article(
        "Federation responds\n\nNicky Ryan was reacting to a report just published by "
        "HMICFRS.\n\nNicky said: “Our officers are doing the best they can.”"
    )
    assert people_quotes(a) == [("Nicky Ryan", "Our officers are doing the best they can.")]


def test_quotes_a_role_brought_in_with_a_is_the_holder_named_later(make_article):
    a = make_article(
        "Report lets down survivors\n\nA police and crime commissioner has said that a "
        'lengthy investigation "lets down victims and survivors" because it fails.\n\nThe '
        "IOPC published the report on Wednesday.\n\nAlan Billings, South Yorkshire's police "
        "and crime commissioner, said it was poor."
    )
    assert people_quotes(a) == [("Alan Billings", "lets down victims and survivors")]


def test_quotes_he_is_the_person_named_after_a_caption_line(make_article):
    # "of H.M. Prison Maghaberry" on the line above does not make the name an object
    a = make_article(
        "Prison unsafe, inspectors say\n\nGeneral views of H.M. Prison Maghaberry\n\nBrendan "
        "McGuigan, Chief Inspector of Criminal Justice in Northern Ireland, set out the "
        "conditions the inspection team had found.\n\nHe said Maghaberry “had become unsafe "
        "and unstable” and was caught in a downward spiral."
    )
    assert people_quotes(a) == [("Brendan McGuigan", "had become unsafe and unstable")]


def test_quotes_surname_resolves_to_full_name(make_article):
    a = make_article(
        "Derbyshire’s Chief Constable Mick Creedon welcomed it.\n\n"
        "Mr Creedon said: “Policing is facing significant challenges.”"
    )
    assert people_quotes(a) == [("Mick Creedon", "Policing is facing significant challenges.")]


def test_quotes_said_between_two_quotations_is_one(make_article):
    # durham-peel-2019: `“...,” she said. “If more forces ...` goes on in one paragraph
    a = make_article(
        "Deputy Chief Constable Jo Farrell said the force was delighted.\n\n"
        "\"Everyone's safety in the UK depends on police forces across the country doing an "
        'outstanding job," she said. "If more forces can provide an outstandingly effective '
        'service, the whole country will be safer."'
    )
    quotes = people_quotes(a)
    assert len(quotes) == 1 and quotes[0][0] == "Jo Farrell"
    assert quotes[0][1].startswith("Everyone's safety") and "whole country" in quotes[0][1]


def test_quotes_quote_only_paragraph_after_a_closed_one_is_the_next(make_article):
    # glos-effectiveness-2017: a closed quotation, then a quote-only paragraph
    a = make_article(
        "But Gloucestershire's Chief Constable Suzette Davenport (pictured) insists the findings "
        "do not give a true picture.\n\n"
        '"I am angry and saddened by HMIC\'s report," she said.\n\n'
        '"Crime in Gloucestershire is falling year on year."'
    )
    assert people_quotes(a) == [
        ("Suzette Davenport", "I am angry and saddened by HMIC's report,"),
        ("Suzette Davenport", "Crime in Gloucestershire is falling year on year."),
    ]


def test_quotes_the_one_urged_to_is_no_speaker(make_article):
    # "X urged to 'Y'", "X told to", "X said to be": the subject is spoken to or of
    a = make_article(
        "PSNI and North’s Police Ombudsman urged to ‘work hard together’\n\n"
        "The PSNI and the Police Ombudsman have been told to build working relationships."
    )
    assert said(a) == []


def test_quotes_a_speaker_named_with_honours_and_a_relative_clause(make_article):
    a = make_article(
        'Susan Hall AM, who proposed the motion, said the assessment had "highlighted '
        'shocking failings" within the Met.'
    )
    check(a, [(PERSON, "Susan Hall", "highlighted shocking failings")])


def test_quotes_a_title_and_a_surname_given_in_full_before(make_article):
    a = make_article(
        "Commander Umer Khan leads the force's economic crime work.\n\nThe report said 52 of "
        '506 disruptions related to fraud.\n\nCommander Khan said: "We welcome the '
        'recognition of the good work the City of London Police does."'
    )
    check(a, [(PERSON, "Umer Khan", "We welcome the recognition")])


def test_quotes_the_trust_is_the_trust_named_before(make_article):
    a = make_article(
        "Marking the anniversary, the Suzy Lamplugh Trust said it welcomed the progress "
        "report.\n\n“Without this transparency, it is impossible to fully assess where "
        "improvements are being made,” the trust said."
    )
    check(a, [(ORG, "named-suzy-lamplugh-trust", "Without this transparency")])


def test_quotes_it_said_is_the_body_that_spoke_last(make_article):
    a = make_article(
        "Marking the anniversary, the Suzy Lamplugh Trust said it welcomed the National Police "
        "Chiefs' Council's recent progress report.\n\nBut it said the absence of any national "
        "requirement “seriously hinders” the ability of the stalking sector to hold forces to "
        "account."
    )
    check(a, [(ORG, "named-suzy-lamplugh-trust", "seriously hinders")])


def test_quotes_a_whole_sentence_quotation_after_he_said(make_article):
    a = make_article(
        "Chief Inspector of Constabulary Andy Cooke published his annual assessment.\n\n"
        "Policing by consent was 'at risk', he said. 'Public confidence hangs by a thread.'"
    )
    assert (PERSON, "Andy Cooke", "Public confidence hangs by a thread.") in said(a)


def test_quotes_a_person_of_a_body_speaks_for_themself(make_article):
    a = make_article(
        'Deputy Chief Constable Jason Hogg of Thames Valley Police said: "We are grateful to '
        'HMICFRS for its feedback."'
    )
    check(a, [(PERSON, "Jason Hogg", "We are grateful to HMICFRS")])


def test_quotes_a_speaker_named_with_her_body_and_an_apposition(make_article):
    # NAME of BODY, APPOSITION, said: hers, and so is "she said" in the next paragraph
    a = make_article(
        "HMIC inspected every force. HM Inspector Stephen Otter said it was bad.\n\n"
        "Cecilia Goodwin of the Stop and Search Legal Project, a member of BSB Solicitors, "
        'said the police had "a very long way to go" before they won back trust.\n\n'
        '"People are still being stopped every day, just for how they look," she said.'
    )
    claims = extract_article(a)
    assert {p.name for p in claims.people} >= {"Cecilia Goodwin"}
    assert {(q.speaker, q.text[:12]) for q in claims.quotes} >= {
        ("Cecilia Goodwin", "a very long "),
        ("Cecilia Goodwin", "People are s"),
    }


def test_quotes_he_after_a_spokesman_is_the_spokesmans_body(make_article):
    a = make_article(
        "HMIC said Bedfordshire Police recorded too few crimes.\n\nResponding today, a "
        "spokesman for Bedfordshire Police said the force welcomed the findings.\n\n"
        '"Victims remain at the heart of everything we do," he said.'
    )
    quotes = {(q.speaker_kind, q.speaker, q.text[:14]) for q in extract_article(a).quotes}
    assert quotes == {(SpeakerKind.ORGANIZATION, "bedfordshire", "Victims remain")}


@pytest.mark.parametrize("close", ["”", ""])  # closed, or left open to go on
def test_quotes_a_quotation_paragraph_after_a_persons_indirect_speech(make_article, close):
    a = make_article(
        "The Metropolitan Police Service was inspected by HMICFRS.\n\nHM Inspector of "
        "Constabulary Matt Parr said the force had made significant improvements to the way "
        "it records crime.\n\n“Staff are now in a better position to make the right call. "
        "There is still room for improvement." + close
    )
    assert {(q.speaker, q.text[:14]) for q in extract_article(a).quotes} == {
        ("Matt Parr", "Staff are now ")
    }


def test_quotes_no_speaker_from_a_paragraph_before_that_only_names_one(make_article):
    a = make_article(
        "The Metropolitan Police Service was inspected by HMICFRS.\n\nThe report was sent "
        "to Commissioner Mark Rowley last week.\n\n“Staff are now in a better position to "
        "make the right call.”"
    )
    assert not extract_article(a).quotes


@pytest.mark.parametrize(
    "said",
    [
        '"Crime is falling," he said, "and, as the report points out, faster than elsewhere."',
        '"Crime is falling," said Mr Mackey. "And, as the report points out, faster than '
        'elsewhere."',
    ],
)
def test_quotes_one_quotation_around_its_attribution(make_article, said):
    a = make_article(
        "HMIC inspected the Metropolitan Police Service.\n\nDeputy Commissioner Craig Mackey "
        "welcomed the report.\n\n" + said
    )
    ((speaker, text),) = {(q.speaker, q.text) for q in extract_article(a).quotes}
    assert speaker == "Craig Mackey"
    assert text.startswith("Crime is falling") and "faster than elsewhere" in text


def test_quotes_two_speakers_in_a_row_are_two_quotations(make_article):
    a = make_article(
        "Kent Police was inspected by HMIC.\n\n"
        '"We welcome it," said Chief Constable Alan Pughsley. "The report is fair," said '
        "PCC Matthew Scott."
    )
    assert {q.speaker for q in extract_article(a).quotes} == {"Alan Pughsley", "Matthew Scott"}


def test_quotes_the_one_written_to_is_no_subject_of_saying(make_article):
    a = make_article(
        "Kent Police was inspected by HMIC.\n\nChief Constable Alan Pughsley had written to "
        'Home Secretary Priti Patel saying there were "several examples of good work" in '
        "the force."
    )
    assert {q.speaker for q in extract_article(a).quotes} == {"Alan Pughsley"}


def test_quotes_with_name_observing_is_that_names(make_article):
    a = make_article(
        "Prison inspectors have today set out serious concerns about HMYOI Glen Parva, with "
        "Chief Inspector Nick Hardwick observing that “this is a model of custody that does "
        "not work”."
    )
    assert {q.speaker for q in extract_article(a).quotes} == {"Nick Hardwick"}


def test_quotes_they_after_two_people_who_spoke_together_is_each_of_them(make_article):
    a = make_article(
        "The joint inspection was led by Criminal Justice Inspection Northern Ireland and HM "
        "Inspectorate of Prisons.\n\n"
        '"We found that real progress had been made," said Brendan McGuigan, Chief Inspector '
        "of Criminal Justice in Northern Ireland, and Peter Clarke, HM Chief Inspector of "
        "Prisons.\n\n"
        '"Prisoners now spend far more time out of their cells," they said.'
    )
    got = [(k, s, t[:33]) for k, s, t in said(a)]
    assert (PERSON, "Brendan McGuigan", "Prisoners now spend far more time") in got
    assert (PERSON, "Peter Clarke", "Prisoners now spend far more time") in got


def test_quotes_they_after_two_who_spoke_of_an_inspection_is_still_them(make_article):
    # the earlier inspection they spoke of is not who "they" are
    a = make_article(
        "In a joint comment, Peter Clarke, HM Chief Inspector of Prisons, and Wendy "
        "Williams, HM Inspector of Constabulary, said there had been little improvement "
        "since the 2013 inspection.\n\n"
        'They added that the force was open to challenge. "We found committed staff and a '
        'strong culture of wanting to improve," they said.'
    )
    assert {(k, s) for k, s, t in said(a) if t.startswith("We found committed")} == {
        (PERSON, "Peter Clarke"),
        (PERSON, "Wendy Williams"),
    }


def test_quotes_two_people_who_say_the_words_together_each_say_them(make_article):
    # the second named with a title of their own before the name, and without
    a = make_article(
        "Custody inspected\n\nPeter Clarke, chief inspector of prisons, and inspector of "
        'constabulary, Dru Sharpling, said: "We found that detainees were held in good '
        'conditions."\n\nPeter Clarke and Dru Sharpling said: "Given the structure, we did '
        'not believe the force had control."\n\nDru Sharpling later added: "We will return."'
    )
    got = {(s, t[:10]) for _, s, t in said(a)}
    assert got == {
        ("Peter Clarke", "We found t"),
        ("Dru Sharpling", "We found t"),
        ("Peter Clarke", "Given the "),
        ("Dru Sharpling", "Given the "),
        ("Dru Sharpling", "We will re"),
    }


def test_quotes_a_pair_introduced_with_titles_before_each_name_say_the_words_together(
    make_article,
):
    # titles before each name, a relative clause before the colon, the words in the
    # paragraph after
    a = make_article(
        "Leads respond\n\nThe comments came from the association's joint leads, PCC Ann "
        "Hale and Deputy Mayor Ruth Moss, who said:\n\n“This report raises serious "
        "concerns about how victims are supported.”\n\nThe report was published today."
    )
    assert {s for _, s, t in said(a) if t.startswith("This report raises")} == {
        "Ann Hale",
        "Ruth Moss",
    }


def test_quotes_a_pairs_next_paragraph_of_words_and_what_they_disputed_are_both_theirs(
    make_article,
):
    a = make_article(
        "Mayor responds\n\nIn a joint statement, Mayor Ann Hale and Deputy Mayor Ruth Moss "
        "said the problems were not new.\n\n"
        '"The report raised serious issues," they said.\n\n'
        '"More progress should have been made."\n\n'
        "Ms Hale and Ms Moss disputed any suggestion that the force had stood still.\n\n"
        '"It is not true to say there has been no improvement," they said.'
    )
    got = {(s, t[:10]) for _, s, t in said(a)}
    assert got == {
        (name, words)
        for name in ("Ann Hale", "Ruth Moss")
        for words in ("The report", "More progr", "It is not ")
    }


def test_quotes_a_verb_before_two_titled_inspectors_gives_the_words_to_both(make_article):
    a = make_article(
        "Victims failed\n\n'Victims are failed at every stage,' commented HMICFRS inspector "
        "Ann Hale and HMCPSI inspector Tom Reed.\n\n'We followed each case from beginning to "
        "end,' they said."
    )
    assert {(s, t[:10]) for _, s, t in said(a)} == {
        ("Ann Hale", "Victims ar"),
        ("Tom Reed", "Victims ar"),
        ("Ann Hale", "We followe"),
        ("Tom Reed", "We followe"),
    }


def test_quotes_a_pair_who_issued_a_response_say_what_they_said_after(make_article):
    # two appositions before the verb; "issued a joint response" speaks; "they said" at
    # the end of a quotation of two sentences
    a = make_article(
        "Commissioners respond\n\nJane Fell, Kent PCC, and Mary Rowe, Essex PCC, who both "
        "sit on the inspection's reference group, issued a joint response.\n\n"
        '"This report is a real opportunity," they said.\n\n'
        "The two commissioners said the wider picture was disappointing.\n\n"
        '"Many officers show real expertise. We must never be complacent," they said.'
    )
    got = {(s, t[:10]) for _, s, t in said(a)}
    assert got == {
        ("Jane Fell", "This repor"),
        ("Mary Rowe", "This repor"),
        ("Jane Fell", "Many offic"),
        ("Mary Rowe", "Many offic"),
    }


def test_quotes_a_verb_after_a_names_apposition_is_the_nearest_that_lets_it_speak(
    make_article,
):
    # "said" right after the apposition, not a longer stretch that runs on past it: the
    # deputy said her own words, and "She went on" is the inspector's after her
    a = make_article(
        "Force criticised\n\nDeputy Chief Constable Sara Dunn, the force's "
        "second-in-command, said the findings were taken 'very seriously', although she "
        "pointed out the force's record.\n\nZoe Hart, HM Inspector of Constabulary, said "
        "she was 'very disappointed', above all for victims.\n\nShe went on: 'It is "
        "unacceptable to me that so many investigations go no further.'"
    )
    assert {(s, t[:14]) for _, s, t in said(a)} == {
        ("Sara Dunn", "very seriously"),
        ("Zoe Hart", "very disappoin"),
        ("Zoe Hart", "It is unaccept"),
    }


def test_quotes_they_after_inspectors_is_still_the_inspectorate(make_article):
    a = make_article(
        "Chief Constable Jane Doe and Superintendent John Roe said the force would respond. "
        "Inspectors from HMICFRS visited in May.\n\n"
        '"Victims are let down too often," they said.'
    )
    assert [(k, s) for k, s, _ in said(a)] in ([(ORG, "hmicfrs")], [(REPORT, "0")])


def test_quotes_an_abbreviated_rank_and_surname_is_the_person_named_before(make_article):
    a = make_article(
        "Chief constable to retire\n\nHumberside Chief Constable Justine Curran has announced "
        "she is retiring.\n\nIn a statement, CC Curran said the time had come for someone else "
        "to “deliver the aims” of the plan."
    )
    assert [(q.speaker, q.text) for q in extract_article(a).quotes] == [
        ("Justine Curran", "deliver the aims")
    ]


@pytest.mark.parametrize("verb", ["showed", "had", "lacked"])
def test_quotes_a_clause_inspectors_report_is_their_words_not_the_forces(make_article, verb):
    a = make_article(
        "Force criticised\n\nHMIC inspected Dyfed-Powys Police.\n\nInspectors concluded that "
        f"the force {verb} “too little understanding of the scale of child sexual exploitation”."
    )
    assert [(q.speaker_kind.value, q.speaker) for q in extract_article(a).quotes] == [
        ("Report", "0")
    ]


def test_quotes_single_marks_over_paragraphs_open_each_and_close_the_last(make_article):
    a = make_article(
        "PCC welcomes report\n\nThe Police and Crime Commissioner Matthew Scott welcomed the "
        "report.\n\nMr Scott commented:\n\n'I am delighted that HMICFRS has found Kent Police "
        "to be outstanding.\n\n'The Chief Constable and his team have built a culture of "
        "accurate recording.'\n\nThe force was praised."
    )
    quotes = [(q.speaker, q.text[:20]) for q in extract_article(a).quotes]
    assert quotes == [("Matthew Scott", "I am delighted that ")]
    assert "Chief Constable" in extract_article(a).quotes[0].text


def test_quotes_a_statements_unattributed_paragraphs_are_its_responders(make_article):
    a = make_article(
        "PCC responds to inspection report\n\nLorne Green, Norfolk's Police and Crime "
        "Commissioner, has welcomed the publication of an inspection report rating Norfolk "
        "Constabulary outstanding.\n\nThe report is one of 14 published today by HMICFRS.\n\n"
        "“People in Norfolk should take comfort from the fact that their force is outstanding.”"
    )
    assert [(q.speaker, q.text[:20]) for q in extract_article(a).quotes] == [
        ("Lorne Green", "People in Norfolk sh")
    ]


def test_quotes_no_responder_once_someone_else_has_spoken(make_article):
    a = make_article(
        "PCC responds to inspection report\n\nLorne Green, Norfolk's Police and Crime "
        "Commissioner, has welcomed the report.\n\nChief Constable Simon Bailey said: “We are "
        "proud of our officers.”\n\n“People in Norfolk should take comfort from it.”"
    )
    speakers = {q.speaker for q in extract_article(a).quotes}
    assert "Lorne Green" not in speakers


def test_quotes_assured_gives_the_words_to_its_subject(make_article):
    a = make_article(
        "PCC responds\n\nDurham's Police and Crime Commissioner Joy Allen said the force must "
        "improve.\n\nEven so, Commissioner Allen has assured the public that “work is already "
        "underway” on improvements."
    )
    assert ("Joy Allen", "work is already underway") in {
        (q.speaker, q.text) for q in extract_article(a).quotes
    }


def test_quotes_a_lead_in_between_two_quotations_names_the_second_speaker(make_article):
    a = make_article(
        "Association response\n\nChief Constable Jo Shiner said: “We welcome the report.”\n\n"
        "PSA President Paul Griffiths sets out the Association's response to the report:\n\n"
        "“The report gives us valuable insight into what our forces are achieving.”"
    )
    assert [q.speaker for q in extract_article(a).quotes] == ["Jo Shiner", "Paul Griffiths"]


def test_quotes_that_was_the_verdict_of_names_the_speaker_of_a_quotation_alone(make_article):
    a = make_article(
        "Federation chairman responds to PEEL report\n\n“What you get for less is less”\n\n"
        "That was the verdict of Staffordshire Police Federation Chairman, Keith Jervis, after "
        "the results of the PEEL report came out."
    )
    assert [(q.speaker, q.text) for q in extract_article(a).quotes] == [
        ("Keith Jervis", "What you get for less is less")
    ]


def test_quotes_a_surname_alone_and_he_after_a_speaker_from_a_body(make_article):
    a = make_article(
        "Digital evidence delays\n\nZoe Billingham, from HMIC, said: “On occasions it is taking "
        "months to get a download from a phone.”\n\nBillingham added: “We cannot afford that "
        "time and delay.”\n\nMike Cunningham from HMIC said the best forces were teaming up "
        "with universities.\n\nHe said the shortcoming needed urgent attention: “These are "
        "real threats, here and now.”"
    )
    assert [(q.speaker, q.text[:12]) for q in extract_article(a).quotes] == [
        ("Zoe Billingham", "On occasions"),
        ("Zoe Billingham", "We cannot af"),
        ("Mike Cunningham", "These are re"),
    ]


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        (
            "HMP Nottingham has been judged 'fundamentally unsafe', with self-harm rising.",
            "fundamentally unsafe",
        ),
        ('Its response to missing children was found to be "not good enough".', "not good enough"),
        ("The situation has been described as 'completely unacceptable'.", "completely unacc"),
    ],
)
def test_quotes_an_agentless_judgement_in_a_report_article_is_the_reports(
    make_article, sentence, words
):
    a = make_article(
        "Thursday, 18 January 2018\n\nHM Inspectorate of Prisons today published its report "
        f"on HMP Nottingham.\n\n{sentence}"
    )
    check(a, [(REPORT, "0", words)])


def test_quotes_an_agentless_judgement_with_no_report_in_view_has_no_speaker(make_article):
    a = make_article("Residents' views\n\nThe new car park has been described as 'an eyesore'.")
    assert said(a) == []


def test_quotes_inspectors_opening_a_coordinated_clause_speak_for_the_report(make_article):
    a = make_article(
        "Thursday, 18 January 2018\n\nHMICFRS today published its report on Hertfordshire "
        'Constabulary.\n\nCrime prevention was rated good, but inspectors had "serious concerns" '
        "about how the force recorded crime.\n\nResidents were worried, and the council said "
        '"more must be done".'
    )
    check(a, [(REPORT, "0", "serious concerns")])


def test_quotes_a_forces_chief_in_lower_case_or_short_is_the_holder_named_later(make_article):
    a = make_article(
        "Force doing a good job\n\nBedfordshire's chief constable said that comparing the "
        'inspections is not comparing "apples with apples".\n\nAnd he added that the force is '
        'doing a "pretty good job" with what it has.\n\nChief constable Trevor Rodenhurst said: '
        '"The methodology is different."\n\nThe council welcomed the report.\n\n"They were '
        'right to point it out and say there could be risk there," the chief said.'
    )
    assert [(s, t[:12]) for _, s, t in said(a)] == [
        ("Trevor Rodenhurst", "apples with "),
        ("Trevor Rodenhurst", "pretty good "),
        ("Trevor Rodenhurst", "The methodol"),
        ("Trevor Rodenhurst", "They were ri"),
    ]


def test_quotes_a_possessive_spokesman_speaks_for_the_person_or_body_before(make_article):
    a = make_article(
        "Chief resigns\n\nHome Secretary Priti Patel welcomed the announcement.\n\nPatel’s "
        "spokesman went on: “His years of failure will not be obscured by this.”\n\nKent "
        "Police's spokesman said: “We will study the report with care.”"
    )
    assert [(k, s, t[:9]) for k, s, t in said(a)] == [
        (PERSON, "Priti Patel", "His years"),
        (ORG, "kent", "We will s"),
    ]


def test_quotes_it_opening_a_sentence_is_the_body_the_sentence_before_opens_with(make_article):
    a = make_article(
        "Crime recording\n\nFriday, 7 March 2014\n\nHer Majesty's Inspectorate of Constabulary "
        "(HMIC) published a report on Thursday which pointed to failings in the way "
        'Northamptonshire Police records crime. It said the "central focus" of the force had '
        "been on bringing crime down."
    )
    assert [(k, t) for k, _, t in said(a)] == [(REPORT, "central focus")]


def test_quotes_an_adverb_between_speaker_and_verb(make_article):
    a = make_article(
        "Crime figures\n\nThe National Policing Lead for Crime Statistics, Chief Constable Jeff "
        "Farrar, has however responded by claiming that police are ‘actively addressing their "
        "weaknesses’."
    )
    assert [(s, t) for _, s, t in said(a)] == [
        ("Jeff Farrar", "actively addressing their weaknesses")
    ]


@pytest.mark.parametrize(
    "term",
    [
        "special measures",
        "case to answer",
        "causes for concern",
        "reasonably good",
        "no crimes",
        "county lines",  # a plural by its singular
        "place of safety",
    ],
)
def test_quotes_a_quoted_term_of_art_is_a_label(make_article, term):
    a = make_article(
        f"Force in difficulty\n\nSadiq Khan said the Met had been placed in '{term}' and that "
        "he expected 'rapid and lasting improvement'."
    )
    assert [t for _, _, t in said(a)] == ["rapid and lasting improvement"]


def test_quotes_he_after_a_role_whose_holder_is_named_is_the_holder(make_article):
    a = make_article(
        "Review row\n\nLondon mayor Sadiq Khan faced the committee.\n\nSir Tom "
        "Winsor's review concluded that due process had not been followed. At the time, "
        "the mayor of London hit back by calling it biased.\n\nHe repeated that charge at a "
        "meeting, adding: “The process is flawed.”"
    )
    assert [(s, t) for _, s, t in said(a)] == [("Sadiq Khan", "The process is flawed.")]


def test_quotes_a_second_reported_clause_is_still_the_first_speakers(make_article):
    a = make_article(
        "Vetting report\n\nMonday, 3 July 2023\n\nHMICFRS published its report on Humberside "
        "Police today.\n\nThe HMICFRS report said the force had brought in a new IT system in "
        'August 2022, and that the force had told the watchdog it was working to fix "some '
        'problems" with the new process.'
    )
    assert [(k, t) for k, _, t in said(a)] == [(REPORT, "some problems")]


def test_quotes_a_paragraph_left_open_starts_the_quotation_its_speaker_ends(make_article):
    # the speaker named only after the quotation's last paragraph: one quotation, from
    # its first paragraph
    a = make_article(
        "Force responds\n\n"
        '"We will build on this report and keep improving the service we give to victims '
        "of crime.\n\n"
        '"Our officers work hard every day," said Chief Constable Alan Pughsley.'
    )
    assert [(s, t[:13]) for _, s, t in said(a)] == [("Alan Pughsley", "We will build")]


def test_quotes_a_passive_of_telling_the_force_gives_the_words_to_the_report(make_article):
    a = make_article(
        "Force must improve\n\nHMICFRS inspected Kent Police and published its report "
        'today. The force was told to make "urgent improvements to how it records crime".'
    )
    assert [(k, s) for k, s, _ in said(a)] == [(REPORT, "0")]


def test_quotes_the_inspector_is_the_chief_inspector_named_before(make_article):
    # a chief is "the inspector" too, when the article names no other inspector
    a = make_article(
        "Prison squalid\n\nHMP Hewell was inspected by HM Inspectorate of Prisons. Chief "
        "Inspector of Prisons Peter Clarke said conditions were poor.\n\n"
        '"In one room the plaster wall was so damp that it had deep dents," the inspector said.'
    )
    assert [(k, s) for k, s, _ in said(a)] == [(PERSON, "Peter Clarke")]


def test_quotes_a_headlines_passive_of_telling_is_not_the_told_bodys(make_article):
    # "Humberside Police told it 'must improve'": the force is told, it does not speak
    a = make_article(
        "Humberside Police told it 'must improve'\n\nHer Majesty's Inspectorate of "
        "Constabulary published its report on the force today."
    )
    assert not any(s == "humberside" for _, s, _ in said(a))


def test_quotes_a_title_of_a_body_set_off_after_a_name_keeps_the_person_speaking(make_article):
    # the closing comma left out: "NAME, Director of BODY said"
    a = make_article(
        "Deaths in custody\n\nThe IOPC published figures today.\n\nDeborah Coles, Director of "
        'INQUEST said: "The figures show the same pattern."'
    )
    assert [(k, s) for k, s, _ in said(a)] == [(PERSON, "Deborah Coles")]


def test_quotes_a_noun_of_saying_carries_the_next_paragraphs_quotation(make_article):
    # "gave an assurance that ...": said, as a verb of saying would
    a = make_article(
        "Force responds\n\nDCS Andy Slattery accepted the conclusions.\n\nHe gave an "
        "assurance that robust systems are in place.\n\n"
        '"We accept the findings in the report in full and we welcome the inspections."'
    )
    assert [(k, s) for k, s, _ in said(a)] == [(PERSON, "Andy Slattery")]


def test_quotes_the_inspectors_after_a_partner_are_the_lead_inspectorates(make_article):
    # an inspectorate that "took part in" another's inspection did not write its report
    a = make_article(
        "Ligature points were found in every custody suite, according to a report by HM "
        "Inspectorate of Constabulary and Fire & Rescue Services.\n\nHM Inspectorate of "
        "Prisons took part in the unannounced inspection, which was carried out in "
        'October.\n\nThe inspectors also credited the force with a "good focus on diverting '
        'children away from custody".'
    )
    quotes = extract_article(a).quotes
    assert [q.text for q in quotes] == ["good focus on diverting children away from custody"]
    report = extract_article(a).reports[int(quotes[0].speaker)]
    assert quotes[0].speaker_kind is REPORT and report.publisher == "hmicfrs"


@pytest.mark.parametrize("opener", ["Indeed, ", "Crucially, ", "In addition, "])
def test_quotes_a_sentence_adverb_before_the_inspectorate_opening_it(make_article, opener):
    a = make_article(
        "HMIC published a report on Hampshire Constabulary on Tuesday.\n\n"
        f"{opener}Her Majesty's Inspector of Constabulary (HMIC) commended the force for "
        'its "strong victim focus" and found no "institutionalised performance pressure".'
    )
    assert [(k, t) for k, _, t in said(a)] == [
        (REPORT, "strong victim focus"),
        (REPORT, "institutionalised performance pressure"),
    ]


def test_quotes_a_person_from_a_title_standing_for_the_body_is_the_speaker(make_article):
    # "HM Inspector of Constabulary" written for the inspectorate the person is from
    a = make_article(
        '"I am very pleased with the force\'s performance," Matt Parr from HM Inspector of '
        "Constabulary said."
    )
    assert people_quotes(a) == [("Matt Parr", "I am very pleased with the force's performance,")]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ('The IOPC director general said "immediate action" would be taken.', "iopc"),
        ('Kent Police\'s chief constable said "immediate action" would be taken.', "kent"),
    ],
)
def test_quotes_a_title_holder_nobody_names_speaks_for_the_body(make_article, text, body):
    assert said(make_article(text)) == [(ORG, body, "immediate action")]


def test_quotes_the_head_of_a_force_is_its_chief_constable_named_in_the_article(make_article):
    a = make_article(
        "The head of Sussex Police says she is 'proud of the positive changes' picked out "
        'in its latest inspection.\n\nSussex Police Chief Constable Jo Shiner said: "I welcome this '
        'report."'
    )
    assert people_quotes(a) == [
        ("Jo Shiner", "proud of the positive changes"),
        ("Jo Shiner", "I welcome this report."),
    ]


def test_quotes_a_person_set_off_by_commas_before_of_body_said(make_article):
    a = make_article(
        "Responding to the findings, Deputy Chief Constable, Dawn Copley, of South Yorkshire "
        'Police said: "We acknowledge the latest HMIC report."'
    )
    assert people_quotes(a) == [("Dawn Copley", "We acknowledge the latest HMIC report.")]


def test_quotes_one_over_paragraphs_is_the_speaker_its_end_names(make_article):
    # the paragraph before speaks of inspectors; the quotation's own end names its speaker
    a = make_article(
        "Brendan McGuigan, the Chief Inspector of Criminal Justice, published the report.\n\n"
        "Inspectors found that the PSNI was building its capacity.\n\n"
        '"We welcome the work the police have undertaken to date.\n\n'
        '"A comprehensive analysis will help gather this information," said Mr McGuigan.'
    )
    (quote,) = people_quotes(a)
    assert quote[0] == "Brendan McGuigan"
    assert quote[1].startswith("We welcome the work")


@pytest.mark.parametrize(
    "sentence",
    [
        'The report on Kent Police says officers "rarely have time to dedicate to it".',
        "The inspectorate's report into Kent Police said officers \"rarely have time to "
        'dedicate to it".',
        'A report about Kent Police found officers "rarely have time to dedicate to it".',
    ],
)
def test_quotes_a_report_on_a_force_speaks_for_itself_not_for_the_force(make_article, sentence):
    a = make_article("HMICFRS inspected Kent Police in May.\n\n" + sentence)
    check(a, [(REPORT, "0", "rarely have time")])


def test_quotes_he_is_not_a_person_named_inside_what_a_sentence_is_about(make_article):
    # "the murder of Sarah Everard raised serious questions": the murder raised them, so
    # "he" later is the commissioner, not the woman named after "of"
    a = make_article(
        "Darryl Preston, Police and Crime Commissioner, has said standards are a priority.\n\n"
        "According to the Commissioner, the murder of Sarah Everard raised serious "
        "questions about systemic failings.\n\n"
        'But he said the leadership had already been acting. "I want to reassure you '
        'that the team has not been sat waiting," he said.'
    )
    check(a, [(PERSON, "Darryl Preston", "I want to reassure you")])


def test_quotes_the_inspector_is_the_chief_inspector_named_with_an_honorific(make_article):
    # a title holding "in" ("... in Scotland") and "Mrs" between the title and the name
    a = make_article(
        "HM Inspectorate of Constabulary in Scotland (HMICS) said improvements had been "
        "made.\n\nHM Chief Inspector of Constabulary in Scotland, Mrs Gill Imery, said "
        'enough work had been done.\n\nThe inspector added: "There is evidence of an '
        'inconsistent understanding."'
    )
    check(a, [(PERSON, "Gill Imery", "There is evidence")])


def test_quotes_it_after_a_report_on_a_force_is_the_report(make_article):
    # "The report on Staffordshire Police says ...": the force does not speak, so "it
    # adds" is the report's
    a = make_article(
        "HMICFRS inspected Staffordshire Police last summer.\n\nThe report on Staffordshire "
        "Police says the officers are stretched. They are drawn into response roles, it "
        'adds, and as a result "rarely have time to dedicate to tackling SOC".'
    )
    check(a, [(REPORT, "0", "rarely have time")])


def test_quotes_he_is_not_the_one_he_wants_to_succeed(make_article):
    # "he said" after "he now wants to succeed Mr Coppinger": the subject, not the object
    text = (
        "It is fair to say that the period under Barry Coppinger has been a difficult one.\n\n"
        "Labour's candidate is Dr Paul Williams, the former Stockton South MP. He lost his "
        "seat last December, and he now wants to succeed Mr Coppinger.\n\n"
        "\"It's a challenging role, but nobody wanting an easy life would put themselves "
        'forward," he said.'
    )
    check(make_article(text), [(PERSON, "Paul Williams", "It's a challenging role")])


def test_quotes_he_is_not_a_prepositions_object_set_off_by_its_title(make_article):
    # "than that of the incumbent, Barry Coppinger": an object, past a lower-case title
    text = (
        "Matthew Vickers was chosen last week as the party's candidate for Cleveland's Police "
        "and Crime Commissioner (PCC). He said he would also run an office that was leaner "
        "than that of the incumbent, Barry Coppinger.\n\n"
        '"I think a change would be a good thing for Cleveland Police," he said.\n\n'
        "Mr Vickers, who won a seat on Stockton Council in May, said his aim was a more "
        "efficient force. Mr Coppinger said he would stand again."
    )
    check(make_article(text), [(PERSON, "Matthew Vickers", "I think a change would be")])


def test_quotes_a_title_apposed_to_a_name_without_its_closing_comma(make_article):
    # "John Foley, the SPA's Chief Executive said:": his words, not the body's
    text = (
        "HMICS published its inspection of the Scottish Police Authority. Speaking in "
        "response, John Foley, the SPA's Chief Executive said:\n\n"
        '"The SPA recognises the valuable part HMICS plays in improving policing."'
    )
    check(make_article(text), [(PERSON, "John Foley", "The SPA recognises the valuable")])


def test_quotes_she_is_the_doer_of_a_passive_verb_when_no_one_else_is_named(make_article):
    # "led by HMI Dru Sharpling": the object of "by", but the only one who acts
    text = (
        "The inspections were led by HMI Dru Sharpling. She said:\n\n"
        '"Children must come first – there can be no compromise when it comes to child '
        'protection."'
    )
    check(make_article(text), [(PERSON, "Dru Sharpling", "Children must come first")])


def test_quotes_a_short_paragraph_left_open_goes_on_and_is_no_crosshead(make_article):
    # a one-sentence paragraph opened and not closed is a quotation that goes on into
    # the next, not a subheading that quotes
    text = (
        '"The police have heard no end of it from me – it is not acceptable," Ms Kim '
        "McGuinness told the committee.\n\n"
        '"Demand is higher than ever before.\n\n'
        "\"The number of calls coming in can be compared to a New Year's Eve every single "
        'weekend."'
    )
    got = [t for _, _, t in said(make_article(text))]
    assert any(t.startswith("Demand is higher than ever before") for t in got), got


def test_quotes_a_coordinate_clause_of_its_own_speaker(make_article):
    # ", while NAME called the findings "..."": the second speaker's clause, not the
    # first's
    text = (
        "Police in Avon and Somerset failed to record a third of crimes. Sue "
        "Mountstevens, the police and crime commissioner, said an investigation would "
        'take place, while Home Secretary Theresa May called the findings "utterly '
        'unacceptable".'
    )
    check(make_article(text), [(PERSON, "Theresa May", "utterly unacceptable")])


def test_quotes_a_clause_coordinated_after_a_quotation_is_no_attribution(make_article):
    # "‘...’, and she called for ...": a clause of its own after the words, not their
    # attribution; the words are the relative clause's "who said that"
    text = (
        "Responding to the findings, a Ministry of Justice spokeswoman said: “Public "
        "protection is our top priority.”\n\nA different note was struck by the Northumbria "
        "Police and Crime Commissioner, Dame Vera Baird QC, who said that ‘our prisons need "
        "saving from this current chaos’, and she called for change."
    )
    check(
        make_article(text),
        [
            (ORG, "ministry-of-justice", "Public protection is our top priority"),
            (PERSON, "Vera Baird", "our prisons need saving from this current chaos"),
        ],
    )


def test_quotes_maintained_is_a_verb_of_saying(make_article):
    # "he maintained that the force was "not failing"": the words are his, as after
    # "insisted"
    text = (
        "Chief Constable Stephen Watson joined Greater Manchester Police in May 2021.\n\n"
        'When he arrived he maintained that the force was "not failing".'
    )
    got = [(q.speaker_kind, q.speaker, q.text) for q in extract_article(make_article(text)).quotes]
    assert got == [(SpeakerKind.PERSON, "Stephen Watson", "not failing")]


def test_quotes_a_headline_s_title_without_its_article_speaks(make_article):
    # a headline drops "the": "‘...’ Chief Constable says", "..., says chief constable";
    # the words are the holder's the article names below
    for headline in (
        "‘Police taking steps to improve’ Chief Constable says",
        "‘Police taking steps to improve’, says chief constable",
    ):
        text = (
            f"{headline}\n\nChief Constable Neil Rhodes says Lincolnshire Police is "
            "already acting to fix the weaknesses.\n"
        )
        got = [(q.speaker, q.text) for q in extract_article(make_article(text)).quotes]
        assert got == [("Neil Rhodes", "Police taking steps to improve")]
    # past a qualifier: "Acting Commissioner says ..."
    text = (
        'Acting Commissioner says verdict on Cleveland Police is "a fair review"\n\n'
        "Cleveland's Acting Police and Crime Commissioner, Lisa Oldroyd, has accepted "
        "the findings.\n"
    )
    got = [(q.speaker, q.text) for q in extract_article(make_article(text)).quotes]
    assert got == [("Lisa Oldroyd", "a fair review")]


def test_quotes_first_person_words_given_to_a_body_are_its_named_holder_s(make_article):
    # "I'm delighted ..." said for a body whose one titled person the article names:
    # a body says no "I"
    text = (
        "Paul Whittaker, Chief Crown Prosecutor for CPS Mersey-Cheshire, welcomed the "
        "inspection.\n\n"
        "CPS Mersey-Cheshire said: \"I'm delighted with this report, which is a tribute "
        'to the hard work of our staff."\n\n'
        'CPS Mersey-Cheshire added: "The area will build on this work."'
    )
    got = [(q.speaker_kind, q.speaker) for q in extract_article(make_article(text)).quotes]
    assert got == [
        (SpeakerKind.PERSON, "Paul Whittaker"),
        (SpeakerKind.ORGANIZATION, "cps-mersey-cheshire"),
    ]


def test_quotes_the_inspector_is_the_person_named_as_of_an_inspectorate(make_article):
    # "Peter Clarke of HM Inspectorate of Prisons said ... / "...," the inspector said":
    # no one is titled an inspector, but he is named as of the inspectorate
    text = (
        "Peter Clarke of HM Inspectorate of Prisons (HMIP) said some facilities at HMP "
        "Hewell were 'the worst he had seen'.\n\n"
        '"In one room the plaster wall was so damp that it had dents," the inspector said.'
    )
    got = [(q.speaker_kind, q.speaker) for q in extract_article(make_article(text)).quotes]
    assert got == [(SpeakerKind.PERSON, "Peter Clarke"), (SpeakerKind.PERSON, "Peter Clarke")]


def test_quotes_they_after_two_people_opening_the_sentence_before_is_each_of_them(make_article):
    # the pair is the subject of the sentence before, with a verb that is not one of
    # saying; a body named earlier (as help to the team) is not who "they" are
    a = make_article(
        "Prison praised\n\nThe inspection was conducted by Criminal Justice Inspection "
        "Northern Ireland. Colleagues from the Regulation and Quality Improvement Authority "
        "(RQIA) provided support.\n\n"
        "Brendan McGuigan, Chief Inspector of Criminal Justice in Northern Ireland, and "
        "Peter Clarke, Her Majesty's Chief Inspector of Prisons, recalled the concerns "
        "raised on their previous visit.\n\n"
        '"In 2014 we were worried that almost half of the prisoners were idle," they said.'
    )
    got = {(k, s) for k, s, t in said(a) if t.startswith("In 2014 we were worried")}
    assert got == {(PERSON, "Brendan McGuigan"), (PERSON, "Peter Clarke")}


def test_quotes_in_the_words_of_the_report_and_it_went_on(make_article):
    # "In the words of the report:" gives what follows to the report, as "According to
    # the report," does; "It went on:" after it is the report's too, though a force spoke
    # before it
    a = make_article(
        "Inspectors condemn cells\n\n"
        'According to a report by HM Inspectorate of Prisons, the suite was "dark and dirty".'
        "\n\nNorth Wales Police said it welcomed the findings.\n\n"
        'In the words of the report: "The force had invested in the estate which was '
        'generally in good condition."\n\n'
        'It went on: "Conditions in Wrexham were very poor and needed urgent attention."'
    )
    got = [(k, s, t[:20]) for k, s, t in said(a)]
    assert (REPORT, "0", "The force had invest") in got
    assert (REPORT, "0", "Conditions in Wrexha") in got


def test_quotes_she_after_the_doer_of_a_participle_by(make_article):
    # "the complete statement issued by NAME": NAME did it, and "she said" after it is hers
    a = make_article(
        "In full: the statement\n\n"
        "Below is the complete statement issued by Deputy Chief Constable Rose Fitzpatrick "
        "in response to the report.\n\n"
        '"Dealing with 999 calls sits at the heart of how we police," she said.'
    )
    check(a, [(PERSON, "Rose Fitzpatrick", "Dealing with 999 calls")])


@pytest.mark.parametrize(
    "subject",
    ["Humberside Police's interim chief constable", "Greater Manchester Police's chief constable"],
)
def test_quotes_a_body_s_role_standing_for_its_holder_is_the_holder(make_article, subject):
    # the holder of the role the body's possessive names, named later, not the body
    text = (
        "Chief promises change\n\n"
        f'{subject} has promised to "deal with" any problems with culture inside the force.\n\n'
        'Judi Heaton, the interim chief constable, said she would "stand for a very high '
        'standard of behaviour".'
    )
    quotes = extract_article(make_article(text)).quotes
    assert [(q.speaker_kind.value, q.speaker) for q in quotes] == [
        ("Person", "Judi Heaton"),
        ("Person", "Judi Heaton"),
    ]
