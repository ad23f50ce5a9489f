"""The extractors, in the order ``extract_article`` runs them. Each is a pure
function of the article and of what the extractors before it found; none
mutates anything or raises on odd text.

    name            needs
    sentences       -
    organizations   sentences
    people          sentences
    roles           sentences, people, organizations
    reports         sentences, organizations
    quotes          sentences, people, organizations, reports, roles
    grades          sentences, organizations, reports, quotes, roles
    figures         sentences, organizations, reports
    findings        sentences, organizations, reports, quotes, roles
"""

from __future__ import annotations

from kg.extract import (
    figures,
    findings,
    grades,
    organizations,
    people,
    quotes,
    reports,
    roles,
    text,
)
from kg.model import Article, ArticleClaims


def extract_article(article: Article) -> ArticleClaims:
    """Every claim one article makes."""
    sents = text.sentences(article)
    persons = people.extract(article, sents)
    # a place inside a person's name is no body ("Steve Kent"), nor a report's subject
    orgs = [
        o
        for o in organizations.extract(article, sents)
        if not any(p.span.start <= o.span.start and o.span.end <= p.span.end for p in persons)
    ]
    # a force named only in a title ("Beds police and crime commissioner Olly Martins")
    # is named, but is no speaker and has no grade there
    acting = [o for o in orgs if not o.titled]
    reps = reports.extract(article, sents, orgs, persons)
    role_claims = roles.extract(article, sents, persons, orgs)
    quotes_ = quotes.extract(article, sents, persons, acting, reps, role_claims)
    inspectors = roles.inspectors(role_claims)
    return ArticleClaims(
        article=article,
        organizations=tuple(orgs),
        people=tuple(persons),
        roles=tuple(role_claims),
        reports=tuple(reps),
        quotes=tuple(quotes_),
        grades=tuple(grades.extract(article, sents, acting, reps, quotes_, inspectors)),
        findings=tuple(
            findings.extract(article, sents, acting, reps, quotes_, inspectors, persons)
        ),
        figures=tuple(figures.extract(article, sents, acting, reps)),
    )
