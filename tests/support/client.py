"""The Flask test client driven the way a browser drives the forms."""

import re

from tests.support.accounts import PASSWORD

CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Browser:
    """Drives the test client the way a browser would: GET the form, read its CSRF token,
    POST it back. Tests can then also send a wrong or missing token on purpose."""

    def __init__(self, client) -> None:
        self.client = client

    def csrf_token(self, path: str = "/logga-in") -> str:
        """The token from any page's forms (every page has the language switch)."""
        html = self.client.get(path, follow_redirects=True).get_data(as_text=True)
        return CSRF_INPUT.search(html).group(1)

    def post(self, path: str, data: dict, *, token_from: str = "/logga-in", **kwargs):
        data = {"csrf_token": self.csrf_token(token_from), **data}
        return self.client.post(path, data=data, **kwargs)

    def sign_in(self, email: str, password: str = PASSWORD, **extra):
        return self.post("/logga-in", {"email": email, "password": password, **extra})
