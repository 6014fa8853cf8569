"""A second `flask search reindex` while one is running refuses at once."""

import threading

from share.search.upkeep import rebuild


def test_a_second_reindex_is_refused_while_the_first_runs(app, db, publish, runner):
    publish("Rastlekar", "lek")
    building, may_finish = threading.Event(), threading.Event()
    outcome = []

    def first_reindex() -> None:
        def progress(_count):
            building.set()
            may_finish.wait(timeout=60)

        with app.app_context():
            outcome.append(rebuild(progress=progress))

    first = threading.Thread(target=first_reindex)
    first.start()
    try:
        assert building.wait(timeout=60), "the first reindex did not start"
        second = runner.invoke(args=["search", "reindex"])
    finally:
        may_finish.set()
        first.join(timeout=60)
    assert second.exit_code == 1
    assert "already running" in second.output
    assert "Traceback" not in second.output
    assert outcome == [1]
    # The lock goes with the first: the next reindex runs.
    again = runner.invoke(args=["search", "reindex"])
    assert again.exit_code == 0 and "1 materials indexed" in again.output
