"""The demo cohort: the Panama convening (second edition) and the first edition.

``data`` holds the people, delegations and agenda; ``load`` writes them
(``manage.py seed_demo``).
"""

from cohort.demo.data import DEMO_PASSWORD
from cohort.demo.load import demo_cohort_load

__all__ = ["DEMO_PASSWORD", "demo_cohort_load"]
