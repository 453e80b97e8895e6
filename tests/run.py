"""Run the whole test suite; fail loudly if pytest ran no test at all.

`make test` and CI call this. pytest exits 5 when it collects nothing, and a suite
that silently tests nothing must not pass.
"""

from __future__ import annotations

import subprocess
import sys

rc = subprocess.call([sys.executable, "-m", "pytest", *sys.argv[1:]])
if rc == 5:
    print("FAILED: pytest collected no tests; an empty run is not a pass.", file=sys.stderr)
    sys.exit(1)
sys.exit(rc)
