"""Reading the convening pages in the academy tests."""

import re


def page_text(response):
    """What a reader sees: the page without its tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())
