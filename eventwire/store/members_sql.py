"""The SQL for members: users, sessions, login attempts, invitations, revisions, comments.

A mixin of :class:`eventwire.store.Store` (it uses the store's ``_engine`` and
``_write``), so a web route or ``eventwire.members`` never builds SQL itself.
SQLAlchemy Core with bound parameters only; SQLite and PostgreSQL alike.  These
methods decide nothing: who may do what, and what is valid, is
``eventwire.members``; here rows go in and come out as plain dicts, with every
time as an aware UTC datetime (SQLite hands back naive ones).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa

from eventwire.store.member_tables import comments, invitations, login_attempts, revisions, sessions, users
from eventwire.store.sides import write_event_sides
from eventwire.store.rows import _countries
from eventwire.store.tables import events

# The fields of an event a reviewer may correct; revision snapshots hold exactly these.
REVIEWABLE_COLUMNS = ("event_type", "mode", "actors", "recipients", "location", "date", "date_precision",
                      "factuality", "quantities")


class Conflict(Exception):
    """A write that the current rows refuse: ``what`` is ``username`` or ``invitation``."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def _utc(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
    return value


def _as_dict(row: sa.Row | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {k: _utc(v) for k, v in row._mapping.items()}


def _flattened(fields: dict[str, Any]) -> dict[str, Any]:
    """The copies in ``events`` that queries and datasette use, kept in step with the fields."""
    location = fields["location"]
    quantities = fields["quantities"] or {}
    return {
        "actor_countries": _countries(fields["actors"] or []),
        "recipient_countries": _countries(fields["recipients"] or []),
        "location_name": location.get("name") if location else None,
        "killed": quantities.get("killed"),
    }


class MembersSQL:
    """Store methods for members; mixed into ``Store``."""

    _engine: sa.Engine

    # -- users ------------------------------------------------------------------------------

    def insert_user(self, *, username: str, email: str | None, password_hash: str, role: str | None,
                    created_at: datetime, invitation_hash: str | None = None) -> dict[str, Any]:
        """Add a user; with ``invitation_hash`` the invitation is spent in the same transaction.

        ``role=None`` takes the invitation's role.  Raises :class:`Conflict` ("invitation" when
        the code is unknown, used or expired -- checked first -- then "username" when the name is taken).
        """
        created_at = _utc(created_at)
        with self._write() as conn:
            invitation = None
            if invitation_hash is not None:  # first: without a good invitation, nothing about names is told
                invitation = conn.execute(
                    sa.select(invitations).where(invitations.c.code_hash == invitation_hash,
                                                 invitations.c.used_at.is_(None),
                                                 invitations.c.expires_at > created_at)
                ).first()
                if invitation is None:
                    raise Conflict("invitation")
                role = role or invitation.role
            if conn.execute(sa.select(users.c.id).where(users.c.username == username)).first():
                raise Conflict("username")
            try:
                user_id = conn.execute(users.insert().values(
                    username=username, email=email, password_hash=password_hash, role=role,
                    created_at=created_at, disabled=False,
                )).inserted_primary_key[0]
            except sa.exc.IntegrityError as exc:  # another writer took the name meanwhile
                raise Conflict("username") from exc
            if invitation is not None:
                spent = conn.execute(
                    invitations.update()
                    .where(invitations.c.code_hash == invitation_hash, invitations.c.used_at.is_(None))
                    .values(used_at=created_at, used_by=user_id)
                )
                if spent.rowcount != 1:  # redeemed by someone else meanwhile: add nobody
                    raise Conflict("invitation")
            row = conn.execute(sa.select(users).where(users.c.id == user_id)).first()
        return _as_dict(row)

    def get_user_row(self, *, username: str | None = None, user_id: int | None = None) -> dict[str, Any] | None:
        """One user by name or id (with its password hash), or None."""
        query = sa.select(users)
        query = query.where(users.c.username == username) if user_id is None else query.where(users.c.id == user_id)
        with self._engine.connect() as conn:
            return _as_dict(conn.execute(query).first())

    def user_rows(self) -> list[dict[str, Any]]:
        with self._engine.connect() as conn:
            return [_as_dict(r) for r in conn.execute(sa.select(users).order_by(users.c.id))]

    def update_user(self, username: str, *, end_sessions: bool = False, **values: Any) -> bool:
        """Set columns of one user (``password_hash``, ``role``, ``disabled``, ``email``); False if unknown.

        ``end_sessions`` also signs the user out everywhere, in the same transaction.
        """
        with self._write() as conn:
            user_id = conn.execute(sa.select(users.c.id).where(users.c.username == username)).scalar()
            if user_id is None:
                return False
            conn.execute(users.update().where(users.c.id == user_id).values(**values))
            if end_sessions:
                conn.execute(sessions.delete().where(sessions.c.user_id == user_id))
        return True

    # -- login attempts ---------------------------------------------------------------------

    def record_login_attempt(self, *, username: str, ip: str | None, at: datetime, outcome: str,
                             forget_before: datetime | None = None) -> None:
        """Log one attempt; attempts older than ``forget_before`` are deleted on the way."""
        with self._write() as conn:
            conn.execute(login_attempts.insert().values(username=username, ip=ip, at=_utc(at), outcome=outcome))
            if forget_before is not None:
                conn.execute(login_attempts.delete().where(login_attempts.c.at < _utc(forget_before)))

    def login_attempt_rows(self, *, username: str, ip: str | None, since: datetime) -> tuple[list[dict], list[dict]]:
        """Attempts since ``since``, oldest first: for ``username``, and from ``ip`` (any name)."""
        since = _utc(since)
        cols = (login_attempts.c.at, login_attempts.c.outcome, login_attempts.c.ip)
        order = (login_attempts.c.at, login_attempts.c.id)
        with self._engine.connect() as conn:
            by_name = conn.execute(sa.select(*cols).where(login_attempts.c.username == username,
                                                          login_attempts.c.at >= since).order_by(*order))
            by_name = [_as_dict(r) for r in by_name]
            by_ip: list[dict] = []
            if ip is not None:
                by_ip = [_as_dict(r) for r in conn.execute(
                    sa.select(*cols).where(login_attempts.c.ip == ip, login_attempts.c.at >= since).order_by(*order))]
        return by_name, by_ip

    # -- sessions ---------------------------------------------------------------------------

    def insert_session(self, *, token_hash: str, user_id: int, created_at: datetime, expires_at: datetime) -> None:
        """Store a session; expired sessions of anyone are deleted on the way."""
        created_at = _utc(created_at)
        with self._write() as conn:
            conn.execute(sessions.delete().where(sessions.c.expires_at <= created_at))
            conn.execute(sessions.insert().values(token_hash=token_hash, user_id=user_id, created_at=created_at,
                                                  expires_at=_utc(expires_at)))

    def session_user_row(self, token_hash: str, *, now: datetime) -> dict[str, Any] | None:
        """The user of an unexpired session, or None."""
        query = (sa.select(users).join(sessions, sessions.c.user_id == users.c.id)
                 .where(sessions.c.token_hash == token_hash, sessions.c.expires_at > _utc(now)))
        with self._engine.connect() as conn:
            return _as_dict(conn.execute(query).first())

    def session_rows(self, user_id: int, *, now: datetime) -> list[dict[str, Any]]:
        """The unexpired sessions of one user, newest first: token_hash, created_at, expires_at."""
        query = (sa.select(sessions.c.token_hash, sessions.c.created_at, sessions.c.expires_at)
                 .where(sessions.c.user_id == user_id, sessions.c.expires_at > _utc(now))
                 .order_by(sessions.c.created_at.desc()))
        with self._engine.connect() as conn:
            return [_as_dict(r) for r in conn.execute(query)]

    def delete_user_session(self, user_id: int, token_hash: str) -> bool:
        """End one session of one user; False if the user has no such session."""
        with self._write() as conn:
            done = conn.execute(sessions.delete().where(sessions.c.user_id == user_id,
                                                        sessions.c.token_hash == token_hash))
        return done.rowcount > 0

    def delete_session(self, token_hash: str) -> None:
        with self._write() as conn:
            conn.execute(sessions.delete().where(sessions.c.token_hash == token_hash))

    # -- invitations ------------------------------------------------------------------------

    def insert_invitation(self, *, code_hash: str, role: str, created_by: int | None, created_at: datetime,
                          expires_at: datetime) -> None:
        with self._write() as conn:
            conn.execute(invitations.insert().values(code_hash=code_hash, role=role, created_by=created_by,
                                                     created_at=_utc(created_at), expires_at=_utc(expires_at)))

    def invitation_row(self, code_hash: str) -> dict[str, Any] | None:
        with self._engine.connect() as conn:
            return _as_dict(conn.execute(sa.select(invitations).where(invitations.c.code_hash == code_hash)).first())

    # -- revisions --------------------------------------------------------------------------

    def write_revision(
        self,
        event_id: str,
        decide: Callable[[dict[str, Any]], tuple[dict[str, dict[str, Any]], dict[str, Any]]],
        *,
        action: str,
        user_id: int | None,
        username: str | None,
        at: datetime,
        reason: str | None,
    ) -> dict[str, Any] | None:
        """Review one event in one transaction; None if there is no such event.

        ``decide(current_fields)`` returns ``(changes, review)``: ``{field: {"old", "new"}}``
        and the ``{status, by, at}`` to record (it may raise to refuse).  The first review
        first saves the machine's coding as revision 0.  The event takes the new values,
        with ``review`` and ``review_status`` set together as ``Store.set_review`` does.
        """
        at = _utc(at)
        with self._write() as conn:
            row = conn.execute(sa.select(events).where(events.c.id == event_id).with_for_update()).first()
            if row is None:
                return None
            current = {c: row._mapping[c] for c in REVIEWABLE_COLUMNS}
            changes, review = decide(current)
            last = conn.execute(sa.select(sa.func.max(revisions.c.number))
                                .where(revisions.c.event_id == event_id)).scalar()
            if last is None:
                conn.execute(revisions.insert().values(
                    event_id=event_id, number=0, action="machine", user_id=None, username=None,
                    at=_utc(row.created_at), changes={}, reason=None, snapshot=current,
                    coder_version=row.coder_version,
                ))
                last = 0
            fields = {**current, **{name: change["new"] for name, change in changes.items()}}
            revision = {"event_id": event_id, "number": last + 1, "action": action, "user_id": user_id,
                        "username": username, "at": at, "changes": changes, "reason": reason,
                        "snapshot": fields, "coder_version": None}
            revision_id = conn.execute(revisions.insert().values(**revision)).inserted_primary_key[0]
            conn.execute(events.update().where(events.c.id == event_id).values(
                **{name: fields[name] for name in changes}, **_flattened(fields),
                review=review, review_status=review.get("status"),
            ))
            write_event_sides(conn, [{"id": event_id, **fields}])  # the index of countries and sectors
        return {"id": revision_id, **revision}

    def revision_rows(self, event_id: str) -> list[dict[str, Any]]:
        """An event's revisions, oldest first (revision 0 is the machine's coding)."""
        query = sa.select(revisions).where(revisions.c.event_id == event_id).order_by(revisions.c.number)
        with self._engine.connect() as conn:
            return [_as_dict(r) for r in conn.execute(query)]

    def event_review_fields(self, event_id: str) -> dict[str, Any] | None:
        """An event's reviewable fields with ``created_at`` and ``coder_version``; None if unknown."""
        query = sa.select(*(events.c[c] for c in REVIEWABLE_COLUMNS), events.c.created_at,
                          events.c.coder_version).where(events.c.id == event_id)
        with self._engine.connect() as conn:
            return _as_dict(conn.execute(query).first())

    # -- comments ---------------------------------------------------------------------------

    def insert_comment(self, *, event_id: str, user_id: int, username: str, body: str,
                       created_at: datetime) -> dict[str, Any] | None:
        """Add a comment; None if there is no such event."""
        with self._write() as conn:
            if conn.execute(sa.select(events.c.id).where(events.c.id == event_id)).first() is None:
                return None
            comment_id = conn.execute(comments.insert().values(
                event_id=event_id, user_id=user_id, username=username, body=body,
                created_at=_utc(created_at), hidden=False,
            )).inserted_primary_key[0]
            return _as_dict(conn.execute(sa.select(comments).where(comments.c.id == comment_id)).first())

    def hide_comment_row(self, comment_id: int, *, hidden_by: str, hidden_at: datetime, reason: str | None) -> bool:
        """Hide one comment (kept, not deleted); False if there is no such comment."""
        with self._write() as conn:
            result = conn.execute(comments.update().where(comments.c.id == comment_id).values(
                hidden=True, hidden_by=hidden_by, hidden_at=_utc(hidden_at), hidden_reason=reason))
        return result.rowcount > 0

    def comment_rows(self, event_id: str, *, include_hidden: bool = False) -> list[dict[str, Any]]:
        """Comments on an event, oldest first."""
        query = sa.select(comments).where(comments.c.event_id == event_id)
        if not include_hidden:
            query = query.where(sa.not_(comments.c.hidden))
        with self._engine.connect() as conn:
            return [_as_dict(r) for r in conn.execute(query.order_by(comments.c.created_at, comments.c.id))]
