"""A small HTTP client for tests against a live server: cookies kept, redirects not
followed, forms posted as the browser posts them (urlencoded, or multipart with files)."""

import http.client
import re
import uuid
from urllib.parse import urlencode

CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class WebClient:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        """(status, headers, text) of one request on a connection of its own."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.headers, text

    def csrf_token(self, path: str) -> str:
        return CSRF_INPUT.search(self.request("GET", path)[2]).group(1)

    def post_form(self, path: str, fields: dict, *, token_from: str):
        body = urlencode({"csrf_token": self.csrf_token(token_from), **fields}, doseq=True)
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body.encode(), headers)

    def post_multipart(self, path: str, fields: dict, files: dict[str, tuple[str, bytes]]):
        """`fields` must hold the csrf_token; `files` maps a field to (file name, content)."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, values in fields.items():
            for value in values if isinstance(values, list) else [values]:
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
        for name, (filename, content) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
            )
            parts.append(head.encode() + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request("POST", path, b"".join(parts), headers)
