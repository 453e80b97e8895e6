"""The requests a live room refuses, each with the HTTP status the web API answers with.

The room's rules (`room.py`) raise these; the web server turns them into a status and a
one-line message, the plain and full-screen facilitators never see them.
"""

from __future__ import annotations


class RoomError(Exception):
    """A request the room refuses; `status` is the HTTP status the web API answers with."""

    status = 400


class WrongCode(RoomError):
    status = 403


class BadName(RoomError):
    status = 400


class RoomFull(RoomError):
    status = 503


class UnknownToken(RoomError):
    status = 401


class NotOpen(RoomError):
    status = 409


class AlreadyAnswered(RoomError):
    status = 409


class WrongRound(RoomError):
    """An answer that names a round other than the one open now."""

    status = 409


class BadOption(RoomError):
    status = 400


class NotSaved(RoomError):
    """The database could not be written: nothing was accepted."""

    status = 503
