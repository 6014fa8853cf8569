"""The demo's feedback and comments: on the demo materials, both sides of each, once."""

from sqlalchemy import func, select

from share.demo.accounts import seed_demo_accounts
from share.demo.feedback import DEMO_COMMENTS, DEMO_FEEDBACK, LASFIGURER, seed_demo_feedback
from share.demo.materials import ensure_demo_authors, seed_demo_materials
from share.feedback.models import Comment, Feedback
from share.feedback.services import revised_after_feedback
from share.materials.models import Material


def test_seeding_adds_the_demo_feedback_and_comments_once(db):
    seed_demo_accounts()
    seed_demo_materials(ensure_demo_authors())
    db.session.commit()
    expected = len(DEMO_FEEDBACK) + sum(1 + len(c.replies) for c in DEMO_COMMENTS)
    assert seed_demo_feedback(ensure_demo_authors()) == expected
    db.session.commit()
    assert seed_demo_feedback(ensure_demo_authors()) == 0
    db.session.commit()

    messages = db.session.execute(select(Feedback)).scalars().all()
    assert len(messages) == len(DEMO_FEEDBACK)
    assert any(m.answered_at for m in messages) and any(not m.answered_at for m in messages)
    for message in messages:
        assert message.writer_id != message.material.author_id
        assert message.created_at.replace(tzinfo=None) > message.material.published_at.replace(
            tzinfo=None
        )
    replies = db.session.execute(select(Comment).where(Comment.parent_id.is_not(None))).scalars()
    assert all(reply.parent.parent_id is None for reply in replies)
    assert db.session.execute(select(func.count()).select_from(Comment)).scalar_one() == (
        expected - len(DEMO_FEEDBACK)
    )

    revised = db.session.execute(select(Material).where(Material.title == LASFIGURER)).scalar_one()
    assert "Frågekort till Reportern" in revised.body
    assert list(revised_after_feedback(revised).values()) == [1]


def test_without_the_demo_materials_nothing_is_added(db):
    seed_demo_accounts()
    db.session.commit()
    assert seed_demo_feedback(ensure_demo_authors()) == 0
