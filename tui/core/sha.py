"""SHA-256 without loading OpenSSL.

`hashlib` loads OpenSSL's library on import, a few milliseconds of start-up for the two
digests the quiz needs before its first screen (the pack cache's key and the seeded
question order). Python's own implementation gives the same digests.
"""

from __future__ import annotations

try:
    from _sha2 import sha256  # Python 3.12 and later
except ImportError:  # pragma: no cover - depends on the Python version
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:
        from hashlib import sha256

__all__ = ["sha256"]
