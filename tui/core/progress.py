"""The progress store: one JSON file in the data dir that nothing may tear or lose.

- Written after every answer by write-to-temp, fsync, rename (and fsync of the dir), so a
  process killed at any instant leaves either the previous file or the new one.
- Every write takes an exclusive lock on a lock file beside it, then re-reads the file
  and applies only its own change: two instances answering at once lose nothing.
- A file that cannot be read is moved aside under a timestamped name, with a one-line
  warning naming both paths; the app then starts fresh. A file from a newer schema than
  this version knows is left untouched and nothing is saved this run.

Review uses Leitner boxes: a wrong answer puts an item in box 1, due at once; a right
answer moves it up one box; an item in box n (n ≥ 2) comes back 2**n days after it was
last seen. Only items that were ever answered wrong are reviewed.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator, NamedTuple

SCHEMA = 1
FILE_NAME = "progress.json"
MAX_BOX = 6


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class ProgressError(Exception):
    """The progress file cannot be written (disk full, permissions): one line for the user."""


class ItemHistory(NamedTuple):
    seen: int
    right: int
    wrong: int
    last_seen: str | None
    box: int

    def due_at(self) -> datetime | None:
        last = _parse_time(self.last_seen)
        if last is None:
            return None
        return last if self.box <= 1 else last + timedelta(days=2**self.box)


def empty() -> dict[str, Any]:
    return {"schema": SCHEMA, "items": {}, "sessions": [], "settings": {}}


def _valid(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("schema"), int)
        and isinstance(data.get("items", {}), dict)
        and isinstance(data.get("sessions", []), list)
        and isinstance(data.get("settings", {}), dict)
    )


def history(data: dict[str, Any], item_id: str) -> ItemHistory | None:
    raw = data["items"].get(item_id)
    if not isinstance(raw, dict):
        return None
    try:
        return ItemHistory(
            int(raw.get("seen", 0)), int(raw.get("right", 0)), int(raw.get("wrong", 0)),
            raw.get("last_seen"), int(raw.get("box", 1)),
        )
    except (TypeError, ValueError):
        return None


def apply_answer(data: dict[str, Any], item_id: str, correct: bool, when: str) -> None:
    """Add one answer to an item's history and move it between Leitner boxes."""
    entry = data["items"].setdefault(item_id, {"seen": 0, "right": 0, "wrong": 0, "box": 1})
    entry["seen"] = int(entry.get("seen", 0)) + 1
    if correct:
        entry["right"] = int(entry.get("right", 0)) + 1
        entry["box"] = min(int(entry.get("box", 1)) + 1, MAX_BOX)
    else:
        entry["wrong"] = int(entry.get("wrong", 0)) + 1
        entry["box"] = 1
    entry["last_seen"] = when


class Store:
    """The progress file of one data dir."""

    file_name = FILE_NAME
    what = "progress"  # in messages: "cannot save progress to …"

    @staticmethod
    def _empty() -> dict[str, Any]:
        return empty()

    @staticmethod
    def _valid(data: Any) -> bool:
        return _valid(data)

    def __init__(self, data_dir: Path | None = None, *, save: bool = True) -> None:
        self._dir = Path(data_dir) if data_dir is not None else None
        self.save = save
        self.read_only = False  # set when the file belongs to a newer version
        self._written: tuple[bytes, dict[str, Any]] | None = None  # last bytes written, their data
        self.warnings: list[str] = []

    @property
    def dir(self) -> Path:
        """The data dir, found on first use (platformdirs is not needed before then)."""
        if self._dir is None:
            self._dir = default_data_dir()
        return self._dir

    @property
    def path(self) -> Path:
        return self.dir / self.file_name

    # ---- reading ----

    def _read_raw(self) -> dict[str, Any]:
        """The file's content; a broken file is moved aside (and warned about)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return self._empty()
        except OSError as exc:
            return self._set_aside(f"cannot be read ({exc.strerror or exc})")
        try:
            import json  # not needed before the first screen is drawn

            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return self._set_aside("is not valid JSON")
        if not self._valid(data):
            return self._set_aside("does not have the layout of a progress file")
        if data["schema"] > SCHEMA:
            if not self.read_only:
                self.read_only = True
                self.warnings.append(
                    f"{self.path} was written by a newer mythquiz (schema {data['schema']}, this one "
                    f"knows {SCHEMA}); it is left untouched and this run's answers are not saved."
                )
            return data
        for key, value in self._empty().items():
            data.setdefault(key, value)
        return data

    def _set_aside(self, why: str) -> dict[str, Any]:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.broken-{stamp}-{n}")
        try:
            os.replace(self.path, target)
            self.warnings.append(f"{self.path} {why}; it was moved to {target} and progress starts afresh.")
        except OSError as exc:
            self.read_only = True
            self.warnings.append(
                f"{self.path} {why} and could not be moved aside ({exc.strerror or exc}); "
                "this run's answers are not saved."
            )
        return self._empty()

    def load(self) -> dict[str, Any]:
        """A snapshot of the whole store (moves a broken file aside)."""
        if not self.path.exists():
            return self._empty()
        with self._locked():
            return self._read_raw()

    # ---- writing ----

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: rely on atomic rename alone
            yield
            return
        try:
            fd = os.open(self.dir / f"{self.file_name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            yield  # a read-only data dir: reading still works, writing will report
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _write(self, data: dict[str, Any]) -> bytes:
        from .atomic import write_atomic

        import json

        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            write_atomic(self.path, payload)
        except OSError as exc:
            raise ProgressError(
                f"cannot save {self.what} to {self.path}: {exc.strerror or exc}; the previous file is intact"
            ) from None
        return payload

    def update(self, change) -> bool:
        """Lock, re-read, apply `change(data)`, write. False if saving is off or refused."""
        if not self.save or self.read_only:
            return False
        if not self.dir.is_dir():
            try:
                self.dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ProgressError(f"cannot create the data dir {self.dir}: {exc.strerror or exc}") from None
        with self._locked():
            data = self._reread()
            if self.read_only:
                return False
            change(data)
            payload = self._write(data)
            self._written = (payload, data)
        return True

    def _reread(self) -> dict[str, Any]:
        """The file's content, under the lock. If its bytes are still the ones this store
        last wrote (no other instance has written since), the data written is reused
        rather than parsed again."""
        written, self._written = self._written, None
        if written is not None:
            try:
                if self.path.read_bytes() == written[0]:
                    return written[1]
            except OSError:
                pass
        return self._read_raw()

    def record_answer(self, item_id: str, correct: bool) -> bool:
        when = now_iso()
        return self.update(lambda data: apply_answer(data, item_id, correct, when))

    def record_session(self, record: dict[str, Any]) -> bool:
        return self.update(lambda data: data["sessions"].append(record))

    def set_setting(self, key: str, value: Any) -> bool:
        return self.update(lambda data: data["settings"].__setitem__(key, value))


# ---- what the store tells about a pack ----


def due_for_review(data: dict[str, Any], item_ids: list[str], at: datetime | None = None) -> list[str]:
    """Missed items that are due, most-missed first, then longest ago."""
    moment = at or datetime.now(timezone.utc)
    due: list[tuple[int, str, str]] = []
    for item_id in item_ids:
        h = history(data, item_id)
        if h is None or h.wrong == 0:
            continue
        when = h.due_at()
        if when is None or when <= moment:
            due.append((-h.wrong, h.last_seen or "", item_id))
    return [item_id for _, _, item_id in sorted(due)]


def session_record(session) -> dict[str, Any]:
    """A finished (or abandoned) session as the store keeps it."""
    summary = session.summary()
    return {
        "date": now_iso(),
        "name": session.name,
        "seed": summary.seed,
        "score": summary.score,
        "answered": summary.answered,
        "total": summary.total,
        "best_streak": summary.best_streak,
        "duration": summary.seconds,
        "review": bool(getattr(session, "review", False)),
        "answers": [
            {"item": r.item_id, "given": r.given, "correct": r.correct, "seconds": r.seconds}
            for r in session.records
        ],
    }


def default_data_dir() -> Path:
    env = os.environ.get("MYTHQUIZ_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("mythquiz", appauthor=False)

