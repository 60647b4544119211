"""A small HTTP client with cookies, as one browser tab, and signing in."""

import http.client
import http.cookies
import re
import urllib.parse

from bench import cohort as bench_cohort
from bench.knobs import HOST


class Browser:
    """One keep-alive connection and a cookie jar, as one browser tab."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)

    def request(self, method, path, data=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers.setdefault("Accept-Language", "en")
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # gunicorn closed the idle keep-alive connection: a browser reconnects
            # and sends again, since the request never reached the app.
            self.connection.close()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        return response.status, content

    def cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def close(self):
        self.connection.close()


def sign_in(port, email):
    """A signed-in Browser: the login form is fetched and posted with its token."""
    browser = Browser(port)
    status, page = browser.request("GET", "/accounts/login/")
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or match is None:
        raise RuntimeError(f"login page answered {status} without a CSRF token")
    status, _page = browser.request(
        "POST",
        "/accounts/login/",
        {
            "username": email,
            "password": bench_cohort.PASSWORD,
            "csrfmiddlewaretoken": match.group(1),
        },
    )
    if status != 302 or "sessionid" not in browser.cookies:
        raise RuntimeError(f"signing in {email} answered {status}")
    return browser
