"""The synonym list admins edit."""

from flask import g, has_request_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from share.audit import record_audit
from share.extensions import db
from share.rules import DomainError
from share.search.analysis import words
from share.search.models import SynonymGroup

MAX_TERMS = 10

#: The starting list: the abbreviations and everyday words of Swedish schools, each with
#: the forms it stands for.
SEED = [
    "ikt,digital kompetens,digitala verktyg",
    "npf,neuropsykiatrisk funktionsnedsättning,neuropsykiatriska funktionsnedsättningar",
    "sva,svenska som andraspråk",
    "värdegrund,likabehandling",
    "fritids,fritidshem",
    "f klass,fklass,förskoleklass",
    "åk,årskurs",
    "lågstadiet,lågstadium,årskurs 1 3",
    "mellanstadiet,mellanstadium,årskurs 4 6",
    "högstadiet,högstadium,årskurs 7 9",
    "grundsärskola,grundsär,särskola,anpassad grundskola",
    "so,samhällsorienterande ämnen",
    "no,naturorienterande ämnen",
    "matte,matematik",
    "mattelyftet,matematiklyftet",
    "idrott,idrott och hälsa,idh,gympa",
    "hkk,hemkunskap,hem och konsumentkunskap",
    "eht,elevhälsoteam,elevhälsa",
    "takk,tecken som alternativ och kompletterande kommunikation,tecken som stöd",
    "akk,alternativ och kompletterande kommunikation",
    "lärplatta,surfplatta,ipad",
    "bfl,bedömning för lärande,formativ bedömning",
    "exit ticket,exit tickets,exitlapp,utgångsbiljett",
    "kamratrespons,kamratbedömning,peer response",
]


class SynonymError(DomainError):
    """A rule about synonyms was broken."""


def list_groups() -> list[SynonymGroup]:
    return list(db.session.execute(select(SynonymGroup).order_by(SynonymGroup.id)).scalars())


def synonym_sets() -> list[set[str]]:
    """The groups as sets of phrases; read once per request (a search reads them twice)."""
    if has_request_context():
        if "synonym_sets" not in g:
            g.synonym_sets = [set(group.term_list) for group in list_groups()]
        return g.synonym_sets
    return [set(group.term_list) for group in list_groups()]


def add_group(text: str, *, actor) -> SynonymGroup:
    """A group from comma-separated words or phrases, an administrator's act (audited);
    raises SynonymError."""
    terms: list[str] = []
    for part in (text or "").split(","):
        term = " ".join(words(part))
        if term and term not in terms:
            terms.append(term)
    if len(terms) < 2:
        raise SynonymError(_l("Write at least two words or phrases, separated by commas."), "terms")
    if len(terms) > MAX_TERMS:
        raise SynonymError(
            _l("At most %(max)s words or phrases in a group.", max=MAX_TERMS), "terms"
        )
    group = SynonymGroup(terms=",".join(terms))
    db.session.add(group)
    db.session.flush()
    record_audit(actor, "synonyms.added", "synonym_group", group.id, label=", ".join(terms))
    return group


def delete_group(group: SynonymGroup, *, actor) -> None:
    label = ", ".join(group.term_list)
    record_audit(actor, "synonyms.removed", "synonym_group", group.id, label=label)
    db.session.delete(group)


def seed_synonyms() -> int:
    """Add the starting list, but only to an empty table: what admins removed stays gone."""
    if list_groups():
        return 0
    db.session.add_all(SynonymGroup(terms=terms) for terms in SEED)
    db.session.flush()
    return len(SEED)
