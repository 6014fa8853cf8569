"""The evidence rules at their edges, through the services on a real database."""

import pytest
from sqlalchemy import select

from share.auth.models import Role
from share.materials.models import EvidenceLevel, Material
from share.materials.services import MaterialDraft, update_material
from share.rules import NotAllowed
from share.schools.services import update_unit
from share.tries.models import Outcome, TryReport
from share.tries.services import (
    confirm_research_basis,
    evidence_of,
    save_report,
    set_report_hidden,
    withdraw_report,
)

U, T, P, R = (
    EvidenceLevel.UNTRIED,
    EvidenceLevel.TRIED,
    EvidenceLevel.PROVEN,
    EvidenceLevel.RESEARCH_BASED,
)


def report(db, method, user, draft):
    saved = save_report(method, user, draft)
    db.session.commit()
    return saved


def level(db, method) -> EvidenceLevel:
    db.session.expire_all()
    return db.session.get(Material, method.id).evidence_level


def test_untried_until_a_colleague_reports(db, method):
    assert level(db, method) == U
    assert method.tried_by_count == 0


def test_the_author_cannot_report_a_try_of_their_own(db, method, report_draft):
    with pytest.raises(NotAllowed):
        save_report(method, method.author, report_draft())


def test_a_colleague_in_the_authors_own_unit_makes_it_tried_not_more(
    db, method, colleague, report_draft
):
    for _ in range(3):
        report(db, method, colleague("norr", 0), report_draft())
    assert level(db, method) == T
    assert db.session.get(Material, method.id).tried_by_count == 3


def test_three_units_in_two_areas_make_it_proven(db, method, colleague, report_draft):
    report(db, method, colleague("norr", 1), report_draft())
    report(db, method, colleague("söder", 0), report_draft())
    assert level(db, method) == T
    report(db, method, colleague("söder", 1), report_draft(outcome=Outcome.PARTLY))
    assert level(db, method) == P
    assert db.session.get(Material, method.id).proven_at is not None


def test_three_units_in_one_area_are_not_enough(db, method, colleague, report_draft):
    for unit in range(3):
        report(db, method, colleague("söder", unit), report_draft())
    assert level(db, method) == T


def test_the_same_unit_twice_counts_once(db, method, colleague, report_draft):
    report(db, method, colleague("söder", 0), report_draft())
    report(db, method, colleague("söder", 0), report_draft())
    report(db, method, colleague("väster", 0), report_draft())
    assert level(db, method) == T
    assert evidence_of(method).units == 2


def test_the_authors_unit_does_not_count_towards_proven(db, method, colleague, report_draft):
    report(db, method, colleague("norr", 0), report_draft())  # the author's unit
    report(db, method, colleague("söder", 0), report_draft())
    report(db, method, colleague("väster", 0), report_draft())
    assert level(db, method) == T


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ((Outcome.WELL, Outcome.NOT, Outcome.NOT), T),
        ((Outcome.WELL, Outcome.PARTLY, Outcome.NOT), P),
        ((Outcome.WELL, Outcome.WELL, Outcome.NOT, Outcome.NOT), T),  # a tie is not more
    ],
)
def test_more_must_have_worked_than_not(db, method, colleague, report_draft, outcomes, expected):
    places = [("söder", 0), ("söder", 1), ("väster", 0), ("väster", 1)]
    for (area, unit), outcome in zip(places, outcomes, strict=False):
        report(db, method, colleague(area, unit), report_draft(outcome=outcome))
    assert level(db, method) == expected


@pytest.fixture
def proven(db, method, colleague, report_draft):
    """The method made proven by reports from Söder 1, Söder 2 and Norr 2."""
    reports = [
        report(db, method, colleague(area, unit), report_draft())
        for area, unit in (("söder", 0), ("söder", 1), ("norr", 1))
    ]
    assert level(db, method) == P
    return reports


def test_a_withdrawn_report_stops_counting(db, method, proven):
    withdraw_report(proven[0].id, proven[0].author)
    db.session.commit()
    assert level(db, method) == T
    assert db.session.get(Material, method.id).proven_at is None


def test_a_hidden_report_stops_counting_at_once(db, method, proven):
    set_report_hidden(proven[0], hidden=True)
    db.session.commit()
    assert level(db, method) == T
    set_report_hidden(proven[0], hidden=False)
    db.session.commit()
    assert level(db, method) == P


def test_a_unit_that_moves_to_another_area_moves_its_reports(db, method, proven, places):
    moved = places["norr"][1]
    update_unit(
        moved, name=moved.name, kind=moved.kind, area_id=places["söder"][0].area_id,
        retired=False, actor=None,
    )  # fmt: skip
    db.session.commit()
    assert level(db, method) == T  # three units, all in Söder now
    update_unit(
        moved, name=moved.name, kind=moved.kind, area_id=places["väster"][0].area_id,
        retired=False, actor=None,
    )  # fmt: skip
    db.session.commit()
    assert level(db, method) == P


def test_a_confirmed_research_basis_makes_it_research_based_and_lapses_on_edit(
    db, method, proven, make_user
):
    editor = make_user(role=Role.EDITOR)
    with pytest.raises(NotAllowed):
        confirm_research_basis(method, method.author)
    confirm_research_basis(method, editor)
    db.session.commit()
    assert level(db, method) == R
    material = db.session.get(Material, method.id)
    assert material.research_confirmed_by_id == editor.id

    def edit(**changes):
        values = dict(
            kind=material.kind, title=material.title, summary=material.summary,
            licence=material.licence, research_basis=material.research_basis,
            terms={"core_process": [t.id for t in material.core_processes]},
        )  # fmt: skip
        values.update(changes)
        update_material(material, material.author, MaterialDraft(**values))
        db.session.commit()

    edit(summary="En ny sammanfattning.")  # not the research basis: still confirmed
    assert level(db, method) == R
    edit(research_basis="Palincsar & Brown (1984); Hattie (2009).")
    assert level(db, method) == P
    assert db.session.get(Material, method.id).research_confirmed_at is None


def test_a_second_report_by_the_same_colleague_updates_the_first(
    db, method, colleague, report_draft
):
    reporter = colleague("söder", 0)
    first = report(db, method, reporter, report_draft(outcome=Outcome.NOT))
    second = report(db, method, reporter, report_draft(outcome=Outcome.WELL))
    assert first.id == second.id
    reports = db.session.execute(select(TryReport)).scalars().all()
    assert [r.outcome for r in reports] == [Outcome.WELL]
    assert db.session.get(Material, method.id).tried_by_count == 1
