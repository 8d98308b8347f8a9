"""The engine and its command line import nothing from Django."""

import ast
import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "billetterie" / "allocation"


def test_no_django_import_in_the_engine_source():
    files = [
        *sorted((PACKAGE / "engine").glob("*.py")),
        PACKAGE / "__main__.py",
        PACKAGE / "__init__.py",
    ]
    assert len(files) > 5
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
                if node.level == 0 and (node.module or "").startswith("billetterie."):
                    assert (node.module or "").startswith("billetterie.allocation.engine"), path
            for name in names:
                assert name.split(".")[0] != "django", f"{path.name} imports {name}"


def test_importing_the_engine_loads_no_django_module():
    env = dict(os.environ, PYTHONPATH=str(PACKAGE.parents[1]))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    code = (
        "import sys\n"
        "import billetterie.allocation.engine as e, billetterie.allocation.__main__\n"
        "e.solve({'format': 'billetterie.allocation/1', 'organisations': [], 'packs': []})\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'django')\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
