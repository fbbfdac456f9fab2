"""
The dial ledger: a durable record (SQLite, standard library) of each request of a campaign.

A row per key moves from ``sending`` (written and committed before the request goes out) to
``created`` (with the call id), ``failed`` or ``unknown`` (sent, no answer: it may have been
placed). Opening a ledger turns rows a dead process left at ``sending`` into ``unknown``, so a
campaign run again dials only keys the ledger has never seen, and lists the unknown ones for
`Ledger.reconcile` rather than dialling them twice. An OS file lock keeps two processes from
using one ledger at once.

This module reads and writes the ledger file; it sends requests only through `reconcile`'s client.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Self

import attrs
import filelock

from ._errors import BandwidthError, ConfigurationError

if TYPE_CHECKING:
    from ._client import BandwidthClient

__all__ = ["Ledger", "LedgerEntry", "Reconciliation", "Status"]

Status = Literal["sending", "created", "failed", "unknown"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS dials (
    key TEXT PRIMARY KEY,
    run INTEGER NOT NULL,
    status TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    tag TEXT,
    call_id TEXT,
    error TEXT,
    response TEXT,
    sent_at REAL NOT NULL,
    done_at REAL
);
CREATE TABLE IF NOT EXISTS runs (run INTEGER PRIMARY KEY, started_at REAL NOT NULL);
"""
_COLUMNS = 'key, run, status, "to", "from", tag, call_id, error, response, sent_at, done_at'


@attrs.frozen
class LedgerEntry:
    """
    One request of a campaign as the ledger holds it.

    Attributes:
        key: The caller's key for the request (its ``tag``, its ``to``, or an explicit id).
        run: Which run of the campaign sent it (1 for the first).
        status: ``sending``, ``created``, ``failed`` or ``unknown``.
        sent_at: When it was sent (Unix time), done_at when its outcome was recorded.
        response: The createCall response body (JSON text) of a created call.
    """

    key: str
    run: int
    status: Status
    to: str
    from_: str
    tag: str | None
    call_id: str | None
    error: str | None
    response: str | None
    sent_at: float
    done_at: float | None


@attrs.frozen
class Reconciliation:
    """
    What `Ledger.reconcile` found for the unknown outcomes.

    Attributes:
        resolved: Entries now ``created``, each with the one matching call's id.
        unresolved: Entries still ``unknown``, each with the reason (no match, or several).
        redial: Entries dropped for the next run to dial (``redial_missing=True``).
    """

    resolved: list[LedgerEntry]
    unresolved: list[tuple[LedgerEntry, str]]
    redial: list[LedgerEntry] = attrs.field(factory=list)


class Ledger:
    """
    A campaign's durable record of what was sent and how it went.

    Pass it (or its path) to `Calls.create_many` as ``ledger=``.

    Raises:
        ConfigurationError: Another process is using the ledger, or the file is not a ledger.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if not self.path.parent.is_dir():
            raise ConfigurationError(f"the ledger's directory {self.path.parent} does not exist")
        self._lock = filelock.FileLock(f"{self.path}.lock", timeout=0)
        try:
            self._lock.acquire()
        except filelock.Timeout:
            msg = f"the ledger {self.path} is in use by another process: wait for it to end"
            raise ConfigurationError(msg) from None
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            # WAL with synchronous=NORMAL survives a killed process (not a power cut) and
            # commits without an fsync each: two commits per call stay cheap.
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            now = time.time()
            cursor = self._db.execute("INSERT INTO runs (started_at) VALUES (?)", (now,))
            assert cursor.lastrowid is not None  # noqa: S101 - an INSERT sets it
            self.run: int = cursor.lastrowid
            # A dead run's "sending" rows were sent and never answered: their outcome is unknown.
            self._db.execute(
                "UPDATE dials SET status = 'unknown', done_at = ?, error = ? "
                "WHERE status = 'sending'",
                (now, "the process stopped before the answer came"),
            )
        except sqlite3.DatabaseError as exc:
            self._lock.release()
            raise ConfigurationError(f"{self.path} is not a dial ledger: {exc}") from exc

    def __repr__(self) -> str:
        return f"<Ledger {self.path} run={self.run}>"

    def close(self) -> None:
        """
        Close the database and release the lock; harmless twice.
        """
        if self._lock.is_locked:
            self._db.close()
            self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------

    def get(self, key: str) -> LedgerEntry | None:
        """
        The entry for *key*, or None when it was never sent.
        """
        row = self._db.execute(f"SELECT {_COLUMNS} FROM dials WHERE key = ?", (key,)).fetchone()  # noqa: S608 - constant columns
        return None if row is None else LedgerEntry(*row)

    def entries(self, status: Status | None = None) -> Iterator[LedgerEntry]:
        """
        Every entry (or those with *status*), in the order they were sent.
        """
        where, args = ("WHERE status = ?", (status,)) if status else ("", ())
        query = f"SELECT {_COLUMNS} FROM dials {where} ORDER BY sent_at, rowid"  # noqa: S608
        for row in self._db.execute(query, args):
            yield LedgerEntry(*row)

    def counts(self) -> dict[str, int]:
        """
        How many entries have each status.
        """
        rows = self._db.execute("SELECT status, COUNT(*) FROM dials GROUP BY status")
        return dict(rows)

    # -- writing ---------------------------------------------------------------------------

    def sending(self, key: str, to: str, from_: str, tag: str | None) -> None:
        """
        Record, durably, that the request *key* is about to be sent.

        Raises:
            ValueError: *key* is already in the ledger.
        """
        try:
            self._db.execute(
                'INSERT INTO dials (key, run, status, "to", "from", tag, sent_at) '
                "VALUES (?, ?, 'sending', ?, ?, ?, ?)",
                (key, self.run, to, from_, tag, time.time()),
            )
        except sqlite3.IntegrityError:
            raise ValueError(f"the key {key!r} is already in the ledger") from None

    def forget(self, key: str) -> None:
        """
        Drop *key*: it was refused (429), so nothing happened, and it will be sent again.
        """
        self._db.execute("DELETE FROM dials WHERE key = ?", (key,))

    def finish(
        self,
        key: str,
        status: Status,
        *,
        call_id: str | None = None,
        error: str | None = None,
        response: str | None = None,
    ) -> None:
        """
        Record the outcome of *key*: ``created`` (with *call_id*), ``failed`` or ``unknown``.
        """
        self._db.execute(
            "UPDATE dials SET status = ?, call_id = ?, error = ?, response = ?, done_at = ? "
            "WHERE key = ?",
            (status, call_id, error, response, time.time(), key),
        )

    # -- reconciling -----------------------------------------------------------------------

    async def reconcile(
        self,
        client: BandwidthClient,
        *,
        slack: dt.timedelta = dt.timedelta(minutes=2),
        redial_missing: bool = False,
    ) -> Reconciliation:
        """
        Look up each ``unknown`` entry with listCalls and resolve the ones that can be.

        Exactly one call to the same ``to`` from the same ``from`` that started within *slack*
        of its sending, and not already in the ledger, resolves it as ``created``; anything
        else leaves it unknown, with the reason. With *redial_missing*, an entry with no
        matching call at all is dropped from the ledger instead, so the next run dials it:
        only safe once listCalls is complete for that time (Bandwidth lists a call within
        seconds of its creation), as it is against the emulator.
        """
        known = {
            row[0]
            for row in self._db.execute("SELECT call_id FROM dials WHERE call_id IS NOT NULL")
        }
        resolved: list[LedgerEntry] = []
        unresolved: list[tuple[LedgerEntry, str]] = []
        redial: list[LedgerEntry] = []
        for entry in list(self.entries("unknown")):
            sent = dt.datetime.fromtimestamp(entry.sent_at, dt.UTC)
            until = dt.datetime.fromtimestamp(entry.done_at or entry.sent_at, dt.UTC)
            try:
                found = [
                    c.call_id
                    async for c in client.calls.list(
                        to=entry.to,
                        from_=entry.from_,
                        min_start_time=sent - slack,
                        max_start_time=until + slack,
                    )
                    if c.call_id not in known
                ]
            except BandwidthError as exc:
                unresolved.append((entry, f"the lookup failed: {exc}"))
                continue
            if len(found) == 1:
                self.finish(entry.key, "created", call_id=found[0])
                known.add(found[0])
                resolved.append(attrs.evolve(entry, status="created", call_id=found[0]))
            elif not found and redial_missing:
                self.forget(entry.key)
                redial.append(entry)
            else:
                reason = "no matching call" if not found else f"{len(found)} calls match"
                unresolved.append((entry, reason))
        return Reconciliation(resolved, unresolved, redial)
