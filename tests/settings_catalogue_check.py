"""Settings for one test: makemessages writes into a copy of the catalogue."""

import os

from config.settings import *  # noqa: F403

LOCALE_PATHS = [os.environ["CATALOGUE_CHECK_DIR"]]
