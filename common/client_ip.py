"""The address of the person at the other end, behind a known number of proxies.

Behind the TLS proxy the README recommends, every request arrives from the
proxy's address; the proxy appends the address it saw to X-Forwarded-For. With
TRUSTED_PROXY_COUNT proxies in front of the app, the client is the address the
outermost of them saw: counted from the right of the header, since whatever a
client writes into the header itself stays on the left and is never trusted.
With no proxy configured (the default) the header is ignored.
"""

from django.conf import settings


def client_ip(request) -> str:
    """The client's address for throttling and rate limits."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        # Fewer hops than proxies configured: the request did not come through
        # them all; the address it came from is all we know.
        return remote
    return forwarded[-proxies]
