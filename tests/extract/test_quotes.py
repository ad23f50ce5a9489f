import pytest

from kg.extract import extract_article
from kg.model import SpeakerKind


def people_quotes(article):
    return [
        (q.speaker, q.text)
        for q in extract_article(article).quotes
        if q.speaker_kind is SpeakerKind.PERSON
    ]


CASES = [
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


def test_quotes_surname_resolves_to_full_name(make_article):
    a = make_article(
        "Derbyshire’s Chief Constable Mick Creedon welcomed it.\n\n"
        "Mr Creedon said: “Policing is facing significant challenges.”"
    )
    assert people_quotes(a) == [("Mick Creedon", "Policing is facing significant challenges.")]
