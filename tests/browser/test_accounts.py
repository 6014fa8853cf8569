"""Accounts through the real forms in a real browser: register, sign out, sign in, and the
things every page must do for everyone (keyboard, language, narrow screens)."""

import re
import uuid

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from share.auth.models import User
from share.extensions import db

PASSWORD = "ett långt lösenord om bråk"
UNIT_LABEL = "Din enhet (förskola eller skola)"


def unique_email(domain: str) -> str:
    return f"ny-{uuid.uuid4().hex[:12]}@{domain}"


def register(page, *, email: str, name: str = "Test Testsson", unit: str = "Björkängsskolan"):
    page.goto("/registrera")
    page.get_by_label("Namn", exact=True).fill(name)
    page.get_by_label("E-postadress i jobbet").fill(email)
    page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    page.get_by_label(UNIT_LABEL).select_option(label=unit)
    with page.expect_navigation():
        page.get_by_role("button", name="Skapa konto").click()


def account_exists(app, email: str) -> bool:
    with app.app_context():
        return db.session.execute(select(User.id).where(User.email == email)).first() is not None


def sign_in_form(page):
    return page.get_by_role("heading", level=1, name="Logga in på Dela")


def test_register_sign_out_and_sign_in_again(page, live_server):
    from conftest import sign_in  # noqa: F401 (see below)


def test_units_are_grouped_by_area(page):
    page.goto("/registrera")
    unit_select = page.get_by_label(UNIT_LABEL)
    expect(unit_select.locator("optgroup[label='Skolområde Norr'] > option")).to_have_text(
        ["Björkängsskolan", "Förskolan Solrosen", "Norrbackaskolan"], ignore_case=False
    )
