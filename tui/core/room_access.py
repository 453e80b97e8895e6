"""Who may take part in a live room: room codes, nicknames and participants' tokens.

A room code is six random digits unless the facilitator gives one. A nickname is any
text a person would type as a name (1 to 40 characters, no control or invisible
characters), never required to be real. A token is random and unguessable; the store
keeps only its SHA-256.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from typing import NamedTuple

from .room_errors import BadName

MAX_NAME = 40
DEFAULT_MAX_PARTICIPANTS = 500


class Participant(NamedTuple):
    id: int
    name: str
    joined_at: float


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_code() -> str:
    """A random six-digit room code."""
    return f"{secrets.randbelow(1_000_000):06d}"


def code_matches(given: object, code: str) -> bool:
    """Whether `given` is the room's code, compared in constant time."""
    return isinstance(given, str) and secrets.compare_digest(given.strip().encode(), code.encode())


def clean_name(name: object) -> str:
    """A nickname as given, trimmed; BadName if empty, too long or with control characters."""
    if not isinstance(name, str):
        raise BadName("the name must be text")
    name = name.strip()
    if not name:
        raise BadName("the name is empty")
    if len(name) > MAX_NAME:
        raise BadName(f"the name is longer than {MAX_NAME} characters")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") for ch in name):
        raise BadName("the name contains control or invisible characters")
    return name
