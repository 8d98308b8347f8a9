"""A PostgreSQL connection is kept a minute by default (checked before reuse); SQLite's is not."""

import json
import os
import subprocess
import sys

import pytest

READ = (
    "import json; from billetterie import settings as s; "
    "d = s.DATABASES['default']; print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
)


@pytest.mark.parametrize(
    ("url", "extra", "expected"),
    [
        ("postgresql://u@127.0.0.1:5432/base", {}, [60, True]),
        ("sqlite:////tmp/base.sqlite3", {}, [0, True]),
        ("postgresql://u@127.0.0.1:5432/base", {"DATABASE_CONN_MAX_AGE": "0"}, [0, True]),
    ],
)
def test_connection_kept_by_default_on_postgresql(url, extra, expected, tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_CONN_MAX_AGE",)},
        "DATABASE_URL": url,
        "DEBUG": "1",
        "BILLETTERIE_DATA_DIR": str(tmp_path),
        **extra,
    }
    out = subprocess.run(
        [sys.executable, "-c", READ], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == expected
