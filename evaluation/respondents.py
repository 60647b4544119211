"""The pseudonymous key that stands for a person in a convening's surveys.

The same person gets the same key in every survey of one convening, so a
pre-assessment pairs with the post-assessment, and a person finds their own
unfinished response, without an anonymous response naming them. The key is a
keyed hash (HMAC-SHA256 with the server's SECRET_KEY): whoever reads the
database, organizers included, cannot compute it back to a person. Rotating
SECRET_KEY between two surveys of a convening breaks the pairing of the
answers already given.
"""

from django.utils.crypto import salted_hmac

SALT = "evaluation.respondent"


def respondent_key(*, convening_id: int, user_id: int) -> str:
    return salted_hmac(
        SALT, f"{convening_id}:{user_id}", algorithm="sha256"
    ).hexdigest()
