"""The Flask test client driven the way a browser drives the forms."""

import re
import threading

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

    def add_files(self, material_id: int, files, **kwargs):
        """Add `files` to a material through its page's upload form."""
        return self.post(
            f"/material/{material_id}/filer",
            {"files": files},
            token_from=f"/material/{material_id}",
            content_type="multipart/form-data",
            **kwargs,
        )

    def sign_in(self, email: str, password: str = PASSWORD, **extra):
        return self.post("/logga-in", {"email": email, "password": password, **extra})


def answered_within(request, seconds: float, waiting_for: str):
    """The response `request()` gives, asked in a thread of its own: the test fails, rather
    than hangs, when it is still waiting for `waiting_for` after `seconds`."""
    answers = []
    thread = threading.Thread(target=lambda: answers.append(request()), daemon=True)
    thread.start()
    thread.join(timeout=seconds)
    assert answers, f"the request still waits for {waiting_for}"
    return answers[0]
