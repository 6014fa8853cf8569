"""Zero-hit and low-hit searches, counted per day and query, without who searched."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import inspect, select

from share.search import misses
from share.search.models import MissKind, SearchMiss
from tests.support.database import waited_for_this_transaction


def sent(response):
    """The response as a WSGI server leaves it: body sent, then closed."""
    response.get_data()
    response.close()
    return response


def today_in_stockholm() -> date:
    return datetime.now(ZoneInfo("Europe/Stockholm")).date()


def rows(db) -> list[tuple[str, MissKind, int]]:
    db.session.expire_all()
    found = db.session.execute(select(SearchMiss).order_by(SearchMiss.query_text)).scalars()
    return [(miss.query_text, miss.kind, miss.count) for miss in found]


def test_the_same_zero_hit_query_twice_a_day_is_one_row_counted_twice(
    browser, signed_in, publish, db
):
    signed_in()
    publish("Rastlekar", "Vi leker på rasten.")
    assert sent(browser.client.get("/sok?q=Fotosyntes")).status_code == 200
    assert sent(browser.client.get("/sok", query_string={"q": "  fotosyntes "})).status_code == 200
    assert rows(db) == [("fotosyntes", MissKind.ZERO, 2)]
    assert db.session.execute(select(SearchMiss.day)).scalar_one() == today_in_stockholm()


def test_nothing_identifies_who_searched(browser, signed_in, db):
    user = signed_in()
    sent(browser.client.get("/sok?q=fotosyntes"))
    columns = {column["name"] for column in inspect(db.engine).get_columns("search_miss")}
    assert columns == {"id", "day", "query_text", "kind", "count"}
    (miss,) = db.session.execute(select(SearchMiss)).scalars()
    stored = " ".join(str(value) for value in (miss.day, miss.query_text, miss.kind, miss.count))
    assert user.email not in stored and user.name not in stored


def test_api_searches_count_and_few_hits_are_low(browser, signed_in, publish, db):
    signed_in()
    publish("Rastlekar", "Vi leker på rasten.")
    publish("Lekar inne", "Vi leker inne.")
    assert sent(browser.client.get("/api/v1/search?q=leker")).status_code == 200
    assert sent(browser.client.get("/api/v1/search?q=fotosyntes")).status_code == 200
    assert rows(db) == [("fotosyntes", MissKind.ZERO, 1), ("leker", MissKind.LOW, 1)]


def test_searches_that_find_enough_or_are_narrowed_or_empty_are_not_counted(
    browser, signed_in, publish, db
):
    signed_in()
    for number in range(misses.LOW_HITS):
        publish(f"Lek {number}", "lek", subject="svenska")
    sent(browser.client.get("/sok?q=lek"))
    sent(browser.client.get("/sok?q=lek&subject=matematik"))
    sent(browser.client.get("/sok?q=+++"))
    sent(browser.client.get("/sok?subject=matematik"))
    sent(browser.client.get("/api/v1/search?q=lek&mitt_omrade=1&subject=matematik"))
    assert rows(db) == []


def test_a_long_query_is_capped(browser, signed_in, db):
    signed_in()
    sent(browser.client.get("/sok", query_string={"q": "ord " * 200}))
    ((query_text, _kind, _count),) = rows(db)
    assert len(query_text) <= 100 and query_text.startswith("ord ord")


def test_two_counts_at_once_both_count(app, db):
    day = date(2026, 12, 4)
    misses.record_miss(day, "fotosyntes", MissKind.ZERO)  # not committed yet

    def the_other_request() -> None:
        with app.app_context():  # its own session and connection
            misses.record_miss(day, "fotosyntes", MissKind.ZERO)
            db.session.commit()

    waited_for_this_transaction(the_other_request)
    assert rows(db) == [("fotosyntes", MissKind.ZERO, 2)]


def test_a_failed_count_never_reaches_the_response(browser, signed_in, db, app, monkeypatch):
    signed_in()

    def broken(*args):
        raise RuntimeError("the database went away")

    # Standing in for a database that fails: the response was sent before the write.
    monkeypatch.setattr(misses, "record_miss", broken)
    response = browser.client.get("/sok?q=fotosyntes")
    assert response.status_code == 200
    response.get_data()
    response.close()
    assert rows(db) == []
