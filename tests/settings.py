"""Settings of the test run: the project's own, with a secret key of its own.

The project refuses to start without SECRET_KEY when DEBUG is off (as the tests run); this key
exists only for the tests. Subprocesses started by the tests inherit it; tests/test_deploy.py
removes it (and this module) from the environment it gives `billetterie check`.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-key-" + "f3Kq8ZpLw2Rn7Vx5Tb9Hc4Md6Gj1Ys0A" * 2)

from billetterie.settings import *  # noqa: E402, F403

# Every test closes what it opens: no connection kept between tests (threads, live server).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
