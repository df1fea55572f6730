"""Members, reviews and comments: who may do what, and what a valid change is.

Policy only; every row goes through the store's :class:`~eventwire.store.members_sql.MembersSQL`
methods.  Roles are ordered, each including the rights of those before it:
``reader`` reads, ``member`` comments, ``reviewer`` confirms, corrects and rejects
events, ``admin`` manages users, invitations and comments.  Passwords are argon2
hashes (rehashed on sign-in when the parameters change); session tokens and
invitation codes are handed out once and stored only as SHA-256 digests.

A review writes a revision (who, when, what changed from what to what, why); the
machine's original coding is revision 0, written before the first change, so it
is never lost.  A re-run of the coder never touches a reviewed event
(``Store.replace_machine_events``).
"""
from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from eventwire.errors import ConfigError, EventwireError
from eventwire.schema import DATE_PRECISION, EVENT_TYPES, FACTUALITY, QUANTITY_KEYS, Entity, Place
from eventwire.store.members_sql import REVIEWABLE_COLUMNS, Conflict

log = logging.getLogger(__name__)

ROLES = ("reader", "member", "reviewer", "admin")  # ordered: each includes the rights of the ones before
SIGNUP_MODES = ("open", "invitation", "closed")
DEFAULT_SIGNUP = "invitation"
REVIEW_STATUS = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected"}

FAILURE_WINDOW = timedelta(minutes=15)  # failures counted within this window ...
LOCKOUT = timedelta(minutes=15)  # ... lock the name (or ip) this long after the one that tipped it
MAX_FAILURES_PER_USERNAME = 5
MAX_FAILURES_PER_IP = 20
FREE_FAILURES = 3  # failures on a name (from any address) before each further try waits ...
MAX_DELAY_S = 8  # ... 1, 2, 4, 8 s (members.login_delay)
FORGET_ATTEMPTS_AFTER = timedelta(days=1)
INVITATION_TTL = timedelta(days=7)
MIN_PASSWORD, MAX_PASSWORD = 10, 1024
MIN_PASSWORD_SCORE = 3  # zxcvbn's 0-4: 3 is "safely unguessable: moderate protection from offline attacks"
MAX_COMMENT, MAX_REASON = 5000, 2000
MAX_MONEY = 20  # amounts of money one event may carry
INT64_MAX = 2**63 - 1  # every stored count and id fits in a signed 64-bit integer (SQL BIGINT, Parquet int64)

_USERNAME = re.compile(r"[A-Za-z0-9_.-]{3,40}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_CODE3 = re.compile(r"[A-Z]{3}")  # ISO alpha-3 and PLOVER non-state country codes; sector codes
_MODE = re.compile(r"[a-z][a-z-]{0,31}")
_WIKIDATA = re.compile(r"Q[0-9]+")
_DATE_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
_DATE_LENGTHS = {"day": 10, "month": 7, "year": 4}
_PLACE_PRECISION = ("city", "region", "country")


class AuthError(EventwireError):
    """Sign-in refused; ``reason`` is "invalid credentials", "locked" or "disabled"."""

    code = "E-AUTH"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class PermissionDenied(EventwireError):
    code = "E-PERMISSION"


class ValidationError(EventwireError):
    code = "E-VALIDATION"


class NotFound(ValidationError):
    """No such user, event or comment."""

    code = "E-NOT-FOUND"


@dataclass
class User:
    id: int
    username: str
    email: str | None
    role: str
    created_at: datetime
    disabled: bool


@dataclass
class Revision:
    id: int | None  # None: the machine's coding of an event nobody has reviewed yet (not stored)
    event_id: str
    number: int  # 0 is the machine's coding
    action: str  # machine | confirm | correct | reject
    by: str | None  # username; None for the machine
    at: datetime
    changes: dict[str, dict[str, Any]]  # {field: {"old": ..., "new": ...}}
    reason: str | None
    fields: dict[str, Any]  # the reviewable fields as they stood after this revision
    coder_version: str | None = None


@dataclass
class Comment:
    id: int
    event_id: str
    user_id: int | None
    by: str
    body: str  # plain text as written; escaping is the web layer's job
    created_at: datetime
    hidden: bool
    hidden_by: str | None = None
    hidden_at: datetime | None = None
    hidden_reason: str | None = None


# -- helpers -------------------------------------------------------------------------------------


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(timezone.utc)
    return now.replace(tzinfo=timezone.utc) if now.tzinfo is None else now.astimezone(timezone.utc)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@functools.cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against for unknown names, so they cost as long as known ones."""
    return _hasher().hash(secrets.token_urlsafe(16))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _user(row: dict[str, Any]) -> User:
    return User(id=row["id"], username=row["username"], email=row["email"], role=row["role"],
                created_at=row["created_at"], disabled=bool(row["disabled"]))


def _unicode_ok(text: str) -> bool:
    """``text`` can be written as UTF-8: no lone surrogate such as ``\\ud800``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _valid_username(username: Any) -> str:
    if not isinstance(username, str) or not _USERNAME.fullmatch(username):
        raise ValidationError("a username is 3 to 40 characters: letters, digits, '_', '.' or '-'")
    return username.lower()  # names are case-insensitive


def _valid_password(password: Any, *, user_inputs: tuple[str | None, ...] = ()) -> str:
    """A password long enough and hard enough to guess.

    Strength is zxcvbn's estimate (Dropbox's estimator: dictionaries of common passwords,
    names and words, keyboard patterns, repeats, dates, l33t), given the user's own name
    and e-mail so that a password built on them counts as weak; the score must reach
    :data:`MIN_PASSWORD_SCORE` (of 0-4).
    """
    if not isinstance(password, str) or not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise ValidationError(f"a password is at least {MIN_PASSWORD} characters (at most {MAX_PASSWORD})")
    if not _unicode_ok(password):
        raise ValidationError("a password must be valid Unicode (it holds an unpaired surrogate)")
    from zxcvbn import zxcvbn

    # zxcvbn's cost grows with length; past 100 characters the first 100 decide
    verdict = zxcvbn(password[:100], user_inputs=[u for u in user_inputs if u])
    if verdict["score"] < MIN_PASSWORD_SCORE:
        hint = verdict["feedback"].get("warning") or "it is easy to guess"
        raise ValidationError(f"this password is too weak: {hint.rstrip('.')}. Add words or characters "
                              "that are not a name, a date, a pattern or a common password")
    return password


def _valid_role(role: Any) -> str:
    if role not in ROLES:
        raise ValidationError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
    return role


def _valid_email(email: Any) -> str | None:
    if email is None or (isinstance(email, str) and not email.strip()):
        return None
    if not isinstance(email, str) or len(email) > 254 or not _EMAIL.fullmatch(email.strip()):
        raise ValidationError(f"not an email address: {email!r}")
    return email.strip()


def _text(value: Any, what: str, *, limit: int, required: bool = True) -> str | None:
    """Text with surrounding space removed; None when empty and not required."""
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text")
    value = value.strip()
    if "\x00" in value:
        raise ValidationError(f"{what} contains a NUL character")
    if not _unicode_ok(value):
        raise ValidationError(f"{what} holds an unpaired surrogate (not valid Unicode)")
    if not value:
        if required:
            raise ValidationError(f"{what} is empty")
        return None
    if len(value) > limit:
        raise ValidationError(f"{what} is longer than {limit} characters")
    return value


# -- users ---------------------------------------------------------------------------------------


def add_user(store, *, username: str, password: str, email: str | None = None, role: str = "member",
             invitation: str | None = None, now: datetime | None = None) -> User:
    """Add a user.  With an ``invitation`` code the user gets the invitation's role and spends it."""
    name = _valid_username(username)
    email = _valid_email(email)
    role = _valid_role(role)
    if invitation is not None and not _invitation_usable(store, invitation, _now(now)):
        raise ValidationError(INVITATION_REFUSED)  # before the name is looked at or a hash is spent
    password_hash = _hasher().hash(_valid_password(password, user_inputs=(name, email)))
    try:
        row = store.insert_user(username=name, email=email, password_hash=password_hash,
                                role=None if invitation is not None else role, created_at=_now(now),
                                invitation_hash=_digest(invitation) if invitation is not None else None)
    except Conflict as exc:
        if exc.what == "username":
            raise ValidationError(f"the username {name!r} is taken") from None
        raise ValidationError(INVITATION_REFUSED) from None
    log.info("added user %s (%s)", row["username"], row["role"])
    return _user(row)


INVITATION_REFUSED = "this invitation is unknown, used or expired"


def _invitation_usable(store, invitation: str, now: datetime) -> bool:
    row = store.invitation_row(_digest(invitation)) if isinstance(invitation, str) and _unicode_ok(invitation) else None
    if row is None or row.get("used_at") is not None:
        return False
    expires = row["expires_at"]
    expires = expires.replace(tzinfo=timezone.utc) if expires.tzinfo is None else expires
    return expires > now


def get_user(store, username: str) -> User | None:
    row = store.get_user_row(username=username.lower()) if isinstance(username, str) else None
    return _user(row) if row else None


def set_password(store, *, username: str, password: str) -> None:
    """New password; the user is signed out everywhere."""
    row = store.get_user_row(username=username.lower()) if isinstance(username, str) else None
    password_hash = _hasher().hash(_valid_password(password, user_inputs=(username, row and row["email"])))
    if not store.update_user(username.lower(), password_hash=password_hash, end_sessions=True):
        raise NotFound(f"no user {username!r}")
    log.info("password of %s changed", username)


def set_role(store, *, username: str, role: str) -> None:
    if not store.update_user(username.lower(), role=_valid_role(role)):
        raise NotFound(f"no user {username!r}")
    log.info("role of %s set to %s", username, role)


def set_disabled(store, *, username: str, disabled: bool = True) -> None:
    """Disable (or re-enable) an account; disabling signs it out everywhere."""
    if not store.update_user(username.lower(), disabled=bool(disabled), end_sessions=bool(disabled)):
        raise NotFound(f"no user {username!r}")
    log.info("user %s %s", username, "disabled" if disabled else "enabled")


def list_users(store) -> list[User]:
    return [_user(r) for r in store.user_rows()]


# -- signing in ----------------------------------------------------------------------------------


def lock_ends(failures: list[datetime], *, threshold: int, window: timedelta = FAILURE_WINDOW,
              lockout: timedelta = LOCKOUT) -> datetime | None:
    """When the lock set by ``failures`` (sorted times) ends: ``threshold`` failures within
    ``window`` lock for ``lockout`` from the one that reached the threshold; None if never locked."""
    end = None
    for i in range(threshold - 1, len(failures)):
        if failures[i] - failures[i - threshold + 1] <= window:
            end = failures[i] + lockout
    return end


def _failures_since_success(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    successes = [i for i, a in enumerate(rows) if a["outcome"] == "success"]
    since = rows[successes[-1] + 1:] if successes else rows  # a success clears the count
    return [a for a in since if a["outcome"] == "failure"]


def login_delay(store, *, username: str, now: datetime | None = None) -> float:
    """Seconds to wait before checking a password for ``username``: 0 for the first
    :data:`FREE_FAILURES` failures (from anywhere, since its last success, within the window),
    then doubling from 1 s up to :data:`MAX_DELAY_S`.  A delay, not a lock: whoever knows the
    password still gets in, so nobody can keep another user out by failing on purpose."""
    now = _now(now)
    name = username.lower()[:255] if isinstance(username, str) and _unicode_ok(username) else ""
    by_name, _ = store.login_attempt_rows(username=name, ip=None, since=now - FAILURE_WINDOW)
    n = len(_failures_since_success(by_name))
    return 0.0 if n < FREE_FAILURES else float(min(MAX_DELAY_S, 2 ** (n - FREE_FAILURES)))


def _locked(store, name: str, ip: str | None, now: datetime) -> bool:
    by_name, by_ip = store.login_attempt_rows(username=name, ip=ip, since=now - FAILURE_WINDOW - LOCKOUT)
    # the name locks for the address that failed on it, not for everyone (see login_delay for the rest)
    here = [a for a in by_name if a.get("ip") == ip]
    ends = [lock_ends([a["at"] for a in _failures_since_success(here)], threshold=MAX_FAILURES_PER_USERNAME),
            lock_ends([a["at"] for a in by_ip if a["outcome"] == "failure"], threshold=MAX_FAILURES_PER_IP)]
    return any(end is not None and now < end for end in ends)


def authenticate(store, *, username: str, password: str, ip: str | None = None,
                 now: datetime | None = None) -> User:
    """The user with this name and password, or :class:`AuthError`.

    An unknown name and a wrong password get the same answer, after the same work
    (a hash is verified either way).  After 5 failures for a name from one ip, or 20
    from one ip for any names, within 15 minutes, sign-in from that ip is "locked" for
    15 minutes; attempts while locked are recorded but do not extend the lock.  Other
    addresses are not locked out of the name: they wait :func:`login_delay` instead.
    """
    now = _now(now)
    name = username.lower()[:255] if isinstance(username, str) else ""
    name = name if _unicode_ok(name) else name.encode("utf-8", "replace").decode("utf-8")
    password = password if isinstance(password, str) and _unicode_ok(password) else ""
    ip = ip[:64] if ip else None

    def record(outcome: str) -> None:
        store.record_login_attempt(username=name, ip=ip, at=now, outcome=outcome,
                                   forget_before=now - FORGET_ATTEMPTS_AFTER)

    if _locked(store, name, ip, now):
        record("locked")
        log.warning("sign-in as %r from %s refused: locked", name, ip)
        raise AuthError("locked")
    row = store.get_user_row(username=name) if name else None
    ok = _verify(row["password_hash"] if row else _dummy_hash(), password if isinstance(password, str) else "")
    if row is None or not ok:
        record("failure")
        raise AuthError("invalid credentials")
    if row["disabled"]:
        record("disabled")
        raise AuthError("disabled")
    if _hasher().check_needs_rehash(row["password_hash"]):
        store.update_user(name, password_hash=_hasher().hash(password))
        log.info("password hash of %s upgraded to the current parameters", name)
    record("success")
    return _user(row)


def create_session(store, user: User, *, ttl_hours: float = 24 * 14, now: datetime | None = None) -> str:
    """A new session token for ``user`` (give it to the browser; only its SHA-256 is stored)."""
    if user is None or user.disabled:
        raise PermissionDenied("no session for an anonymous or disabled user")
    if ttl_hours <= 0:
        raise ValidationError("a session lasts a positive number of hours")
    now = _now(now)
    token = secrets.token_urlsafe(32)
    store.insert_session(token_hash=_digest(token), user_id=user.id, created_at=now,
                         expires_at=now + timedelta(hours=ttl_hours))
    return token


def user_for_session(store, token: str | None, *, now: datetime | None = None) -> User | None:
    """The signed-in user of ``token``; None for an unknown, expired or disabled one."""
    if not token or not isinstance(token, str):
        return None
    row = store.session_user_row(_digest(token), now=_now(now))
    return _user(row) if row and not row["disabled"] else None


def session_id(token_hash: str) -> str:
    """A session's public handle: a digest of its stored digest, so the list of sessions gives away no token."""
    return _digest("session:" + token_hash)[:20]


def list_sessions(store, user: User, *, current: str | None = None, now: datetime | None = None) -> list[dict]:
    """``user``'s sessions (newest first): ``{id, created_at, expires_at, current}``; ``current`` is
    the caller's own session token, marked so that a page can say "this browser"."""
    mine = _digest(current) if isinstance(current, str) and current else None
    return [{"id": session_id(r["token_hash"]), "created_at": r["created_at"], "expires_at": r["expires_at"],
             "current": r["token_hash"] == mine} for r in store.session_rows(user.id, now=_now(now))]


def end_own_session(store, user: User, sid: str, *, now: datetime | None = None) -> None:
    """End one of ``user``'s own sessions by its id (from :func:`list_sessions`); NotFound otherwise."""
    for r in store.session_rows(user.id, now=_now(now)):
        if session_id(r["token_hash"]) == sid and store.delete_user_session(user.id, r["token_hash"]):
            log.info("%s ended one of their sessions", user.username)
            return
    raise NotFound("no such session of yours")


def change_password(store, user: User, *, current: str, new: str) -> None:
    """``user`` changes their own password, proving the current one; every session of theirs ends."""
    row = store.get_user_row(user_id=user.id)
    if row is None or not _verify(row["password_hash"], current if isinstance(current, str) else ""):
        raise ValidationError("the current password is wrong")
    set_password(store, username=row["username"], password=new)


def end_session(store, token: str) -> None:
    if token and isinstance(token, str):
        store.delete_session(_digest(token))


# -- roles and sign-up ---------------------------------------------------------------------------


def has_role(user: User | None, role: str) -> bool:
    """Whether ``user`` (None: anonymous) has ``role`` or a higher one."""
    _valid_role(role)
    if user is None or user.disabled or user.role not in ROLES:
        return False
    return ROLES.index(user.role) >= ROLES.index(role)


def require_role(user: User | None, role: str) -> None:
    if not has_role(user, role):
        if user is None:
            raise PermissionDenied(f"sign in first: this needs the {role} role")
        raise PermissionDenied(f"{user.username} is a {user.role}; this needs the {role} role")


def signup_allowed(settings: Any = None) -> str:
    """"open", "invitation" or "closed": ``settings.signup`` where set, else ``EVENTWIRE_SIGNUP``."""
    value = getattr(settings, "signup", None) or os.environ.get("EVENTWIRE_SIGNUP") or DEFAULT_SIGNUP
    value = value.strip().lower()
    if value not in SIGNUP_MODES:
        raise ConfigError(f"EVENTWIRE_SIGNUP is {value!r}; use one of {', '.join(SIGNUP_MODES)}")
    return value


def create_invitation(store, *, by: User | None, role: str = "member", ttl_days: float = INVITATION_TTL.days,
                      now: datetime | None = None) -> str:
    """An invitation code (admins only) that makes one new user with ``role``."""
    require_role(by, "admin")
    role = _valid_role(role)
    now = _now(now)
    code = secrets.token_urlsafe(16)
    store.insert_invitation(code_hash=_digest(code), role=role, created_by=by.id, created_at=now,
                            expires_at=now + timedelta(days=ttl_days))
    log.info("%s created an invitation for a %s", by.username, role)
    return code


def sign_up(store, *, username: str, password: str, email: str | None = None, invitation: str | None = None,
            settings: Any = None, now: datetime | None = None) -> User:
    """Self-service sign-up under the operator's policy: open (as a member), by invitation, or closed."""
    mode = signup_allowed(settings)
    if mode == "closed":
        raise PermissionDenied("sign-up is closed; ask an administrator for an account")
    if mode == "invitation" and not invitation:
        raise PermissionDenied("sign-up needs an invitation")
    return add_user(store, username=username, password=password, email=email, invitation=invitation or None,
                    now=now)


# -- reviews -------------------------------------------------------------------------------------


def _entity(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError(f"{what} must be an object with text, name, country, sector")
    unknown = set(value) - {"text", "name", "country", "sector", "wikidata", "from"}  # "from": a member states it
    if unknown:
        raise ValidationError(f"{what} has unknown fields: {', '.join(sorted(unknown))}")
    return Entity(
        text=_text(value.get("text"), f"{what}.text", limit=300),
        name=_text(value.get("name"), f"{what}.name", limit=300, required=False),
        country=_code(value.get("country"), f"{what}.country", _CODE3),
        sector=_code(value.get("sector"), f"{what}.sector", _CODE3),
        wikidata=_code(value.get("wikidata"), f"{what}.wikidata", _WIKIDATA),
    ).to_dict()


def _code(value: Any, what: str, pattern: re.Pattern) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not pattern.fullmatch(value.strip().upper()):
        raise ValidationError(f"{what} is not a valid code: {value!r}")
    return value.strip().upper()


def _entities(value: Any, what: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or len(value) > 50:
        raise ValidationError(f"{what} must be a list of at most 50 entities")
    return [_entity(v, f"{what}[{i}]") for i, v in enumerate(value)]


def _number(value: Any, what: str, *, low: float, high: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise ValidationError(f"{what} must be a number from {low} to {high}")
    return float(value)


def _count(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= INT64_MAX:
        raise ValidationError(f"{what} must be a whole number from 0 to {INT64_MAX} (64 bits), or null")
    return value


def _location(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValidationError("location must be an object or null")
    unknown = set(value) - set(Place.__dataclass_fields__)
    if unknown:
        raise ValidationError(f"location has unknown fields: {', '.join(sorted(unknown))}")
    precision = value.get("precision")
    if precision is not None and precision not in _PLACE_PRECISION:
        raise ValidationError(f"location.precision is one of {', '.join(_PLACE_PRECISION)} or null")
    return Place(
        name=_text(value.get("name"), "location.name", limit=300),
        country=_code(value.get("country"), "location.country", _CODE3),
        admin1=_text(value.get("admin1"), "location.admin1", limit=300, required=False),
        lat=_number(value.get("lat"), "location.lat", low=-90, high=90),
        lon=_number(value.get("lon"), "location.lon", low=-180, high=180),
        geonameid=_count(value.get("geonameid"), "location.geonameid"),
        precision=precision,
    ).to_dict()


def _quantities(value: Any) -> dict[str, Any]:
    """A partial quantities object: the given keys replace the event's."""
    if not isinstance(value, dict):
        raise ValidationError("quantities must be an object")
    unknown = set(value) - set(QUANTITY_KEYS) - {"money"}
    if unknown:
        raise ValidationError(f"quantities has unknown keys: {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {k: _count(v, f"quantities.{k}") for k, v in value.items() if k != "money"}
    if "money" in value:
        money = value["money"]
        if not isinstance(money, list) or len(money) > MAX_MONEY:
            raise ValidationError(f"quantities.money must be a list of at most {MAX_MONEY} amounts")
        out["money"] = []
        for i, m in enumerate(money):
            if not isinstance(m, dict) or set(m) - {"amount", "currency", "text"}:
                raise ValidationError(f"quantities.money[{i}] is {{amount, currency, text}}")
            out["money"].append({
                "amount": _number(m.get("amount"), f"quantities.money[{i}].amount", low=0, high=1e18),
                "currency": _code(m.get("currency"), f"quantities.money[{i}].currency", _CODE3),
                "text": _text(m.get("text"), f"quantities.money[{i}].text", limit=200),
            })
    return out


def _one_of(choices: tuple[str, ...], what: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in choices:
            raise ValidationError(f"{what} is one of {', '.join(choices)}; got {value!r}")
        return value
    return check


def _mode(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _MODE.fullmatch(value.strip().lower()):
        raise ValidationError(f"mode is a lower-case PLOVER mode name such as 'visit'; got {value!r}")
    return value.strip().lower()


def _date(value: Any) -> str | None:
    if value is None:
        return None
    for fmt in _DATE_FORMATS.values():
        try:
            if isinstance(value, str) and datetime.strptime(value, fmt).strftime(fmt) == value:
                return value
        except ValueError:
            continue
    raise ValidationError(f"date is YYYY-MM-DD, YYYY-MM or YYYY; got {value!r}")


# One validator per reviewable field: each returns the value as stored or raises ValidationError.
FIELD_VALIDATORS: dict[str, Callable[[Any], Any]] = {
    "event_type": _one_of(EVENT_TYPES, "event_type"),
    "mode": _mode,
    "actors": lambda v: _entities(v, "actors"),
    "recipients": lambda v: _entities(v, "recipients"),
    "location": _location,
    "date": _date,
    "date_precision": _one_of(DATE_PRECISION, "date_precision"),
    "factuality": _one_of(FACTUALITY, "factuality"),
    "quantities": _quantities,
}


def _check_date_precision(date: str | None, precision: str) -> None:
    length = _DATE_LENGTHS.get(precision)  # "unknown": no date
    if (date is None) != (length is None) or (date is not None and len(date) != length):
        raise ValidationError(f"date {date!r} does not have precision {precision!r}")


def validate_changes(changes: Any) -> dict[str, Any]:
    """The corrected values, each checked and normalised; ValidationError names the first bad one."""
    if not isinstance(changes, dict):
        raise ValidationError("changes must be an object {field: new value}")
    unknown = set(changes) - set(FIELD_VALIDATORS)
    if unknown:
        raise ValidationError(f"these fields cannot be corrected: {', '.join(sorted(unknown))}; "
                              f"fields are {', '.join(FIELD_VALIDATORS)}")
    return {name: FIELD_VALIDATORS[name](value) for name, value in changes.items()}


def review_event(store, *, event_id: str, user: User | None, action: str, changes: dict[str, Any] | None = None,
                 reason: str | None = None, now: datetime | None = None) -> Revision:
    """Confirm, correct or reject an event (reviewers and admins); returns the revision written.

    ``correct`` needs ``changes`` (any of the reviewable fields) and a ``reason``;
    ``reject`` a reason; ``confirm`` takes neither changes nor a required reason.
    """
    require_role(user, "reviewer")
    if action not in REVIEW_STATUS:
        raise ValidationError(f"action is one of {', '.join(REVIEW_STATUS)}; got {action!r}")
    reason = _text(reason, "reason", limit=MAX_REASON, required=False)
    if action != "confirm" and reason is None:
        raise ValidationError(f"a reason is needed to {action} an event")
    if action != "correct" and changes:
        raise ValidationError(f"only a correction changes fields; {action} takes none")
    if action == "correct" and not changes:
        raise ValidationError("a correction needs changes")
    wanted = validate_changes(changes or {})
    now = _now(now)
    review = {"status": REVIEW_STATUS[action], "by": user.username, "at": now.isoformat(timespec="seconds")}

    def decide(current: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
        new = dict(wanted)
        if "quantities" in new:
            new["quantities"] = {**(current["quantities"] or {}), **new["quantities"]}
        if {"date", "date_precision"} & set(new):
            merged = {**current, **new}
            _check_date_precision(merged["date"], merged["date_precision"])
        diff = {k: {"old": current[k], "new": v} for k, v in new.items() if v != current[k]}
        if action == "correct" and not diff:
            raise ValidationError("the correction changes nothing")
        return diff, review

    row = store.write_revision(event_id, decide, action=action, user_id=user.id, username=user.username,
                               at=now, reason=reason)
    if row is None:
        raise NotFound(f"no event {event_id!r}")
    log.info("%s: %s %s event %s", user.username, action, ", ".join(row["changes"]) or "", event_id)
    return _revision(row)


def _revision(row: dict[str, Any]) -> Revision:
    return Revision(id=row["id"], event_id=row["event_id"], number=row["number"], action=row["action"],
                    by=row["username"], at=row["at"], changes=row["changes"] or {}, reason=row["reason"],
                    fields=row["snapshot"], coder_version=row["coder_version"])


def event_history(store, event_id: str) -> list[Revision]:
    """An event's revisions, oldest first, starting with the machine's coding (number 0)."""
    rows = store.revision_rows(event_id)
    if rows:
        return [_revision(r) for r in rows]
    current = store.event_review_fields(event_id)
    if current is None:
        raise NotFound(f"no event {event_id!r}")
    return [Revision(id=None, event_id=event_id, number=0, action="machine", by=None, at=current["created_at"],
                     changes={}, reason=None, fields={k: current[k] for k in REVIEWABLE_COLUMNS},
                     coder_version=current["coder_version"])]


# -- comments ------------------------------------------------------------------------------------


def _comment(row: dict[str, Any]) -> Comment:
    return Comment(id=row["id"], event_id=row["event_id"], user_id=row["user_id"], by=row["username"],
                   body=row["body"], created_at=row["created_at"], hidden=bool(row["hidden"]),
                   hidden_by=row["hidden_by"], hidden_at=row["hidden_at"], hidden_reason=row["hidden_reason"])


def add_comment(store, *, event_id: str, user: User | None, body: str, now: datetime | None = None) -> Comment:
    """A member's comment on an event: 1 to 5,000 characters of plain text."""
    require_role(user, "member")
    body = _text(body, "a comment", limit=MAX_COMMENT)
    row = store.insert_comment(event_id=event_id, user_id=user.id, username=user.username, body=body,
                               created_at=_now(now))
    if row is None:
        raise NotFound(f"no event {event_id!r}")
    return _comment(row)


def hide_comment(store, *, comment_id: int, user: User | None, reason: str | None = None,
                 now: datetime | None = None) -> None:
    """Hide a comment (admins only); it is kept, and shown again with ``include_hidden``."""
    require_role(user, "admin")
    reason = _text(reason, "reason", limit=MAX_REASON, required=False)
    if not store.hide_comment_row(comment_id, hidden_by=user.username, hidden_at=_now(now), reason=reason):
        raise NotFound(f"no comment {comment_id!r}")
    log.info("%s hid comment %s", user.username, comment_id)


def list_comments(store, event_id: str, *, include_hidden: bool = False) -> list[Comment]:
    return [_comment(r) for r in store.comment_rows(event_id, include_hidden=include_hidden)]
