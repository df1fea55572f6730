"""Members policy: users, sign-in and lockout, sessions, roles, sign-up, reviews, comments."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from eventwire import members
from eventwire.errors import ConfigError, EventwireError
from eventwire.members import (
    ROLES, AuthError, NotFound, PermissionDenied, User, ValidationError, add_comment, add_user, authenticate,
    create_invitation, create_session, end_session, event_history, has_role, hide_comment, list_comments,
    list_users, require_role, review_event, set_disabled, set_password, set_role, sign_up, signup_allowed,
    user_for_session,
)
from eventwire.store import open_store
from eventwire.store.member_tables import sessions
from eventwire.store.members_sql import REVIEWABLE_COLUMNS
from eventwire.store.tables import events as events_table
from tests.store.factories import make_batch, make_events

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
PASSWORD = "correct horse battery"
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    """Fast argon2 parameters: the policy is under test here, not the hash's cost."""
    monkeypatch.setattr(members, "_hasher", lambda: CHEAP)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "members.db") as s:
        yield s


@pytest.fixture
def coded(store):
    """A store with three coded articles; returns (store, batch)."""
    batch = make_batch(0, 3)
    store.save(batch, coder_version="coder-1")
    return store, batch


def _user(store, name: str, role: str = "member") -> User:
    return add_user(store, username=name, password=PASSWORD, role=role)


def _event(store, index: int = 0) -> dict:
    """The ``index``-th stored event (by id), in the export shape."""
    return list(store.iter_events())[index]


# -- users ---------------------------------------------------------------------------------------


def test_add_user_and_list(store):
    ana = add_user(store, username="Ana.Silva", password=PASSWORD, email="ana@example.org", role="reviewer",
                   now=T0)
    bob = _user(store, "bob_2")
    assert (ana.username, ana.email, ana.role, ana.disabled, ana.created_at) == (
        "ana.silva", "ana@example.org", "reviewer", False, T0)
    assert [u.username for u in list_users(store)] == ["ana.silva", "bob_2"]
    assert list_users(store)[1] == bob
    stored = store.get_user_row(username="ana.silva")["password_hash"]
    assert stored.startswith("$argon2") and PASSWORD not in stored


@pytest.mark.parametrize("username", ["ab", "a" * 41, "has space", "semi;colon", "ümlaut", "", None, 42])
def test_bad_usernames_are_refused(store, username):
    with pytest.raises(ValidationError, match="username"):
        add_user(store, username=username, password=PASSWORD)


@pytest.mark.parametrize("username", ["abc", "a" * 40, "x.y-z_0"])
def test_good_usernames_are_accepted(store, username):
    assert add_user(store, username=username, password=PASSWORD).username == username.lower()


@pytest.mark.parametrize("password", ["short", "123456789", "", None, "x" * 1025])
def test_bad_passwords_are_refused(store, password):
    with pytest.raises(ValidationError, match="password"):
        add_user(store, username="carla", password=password)
    assert list_users(store) == []


def test_bad_role_and_email_are_refused(store):
    with pytest.raises(ValidationError, match="unknown role"):
        add_user(store, username="carla", password=PASSWORD, role="owner")
    with pytest.raises(ValidationError, match="email"):
        add_user(store, username="carla", password=PASSWORD, email="not-an-address")
    assert add_user(store, username="carla", password=PASSWORD, email="  ").email is None


def test_usernames_are_unique_case_insensitively(store):
    _user(store, "dana")
    with pytest.raises(ValidationError, match="taken"):
        _user(store, "DANA")


def test_set_role_and_password(store):
    _user(store, "emil")
    set_role(store, username="Emil", role="admin")
    assert list_users(store)[0].role == "admin"
    set_password(store, username="emil", password="a new password")
    with pytest.raises(AuthError):
        authenticate(store, username="emil", password=PASSWORD, now=T0)
    assert authenticate(store, username="emil", password="a new password", now=T0).role == "admin"
    with pytest.raises(ValidationError):
        set_role(store, username="emil", role="superuser")
    with pytest.raises(ValidationError):
        set_password(store, username="emil", password="short")
    with pytest.raises(NotFound):
        set_role(store, username="nobody", role="member")
    with pytest.raises(NotFound):
        set_password(store, username="nobody", password=PASSWORD)


def test_errors_are_eventwire_errors():
    for cls in (AuthError, PermissionDenied, ValidationError, NotFound):
        assert issubclass(cls, EventwireError)
    assert AuthError("locked").reason == "locked"


# -- signing in and lockout ----------------------------------------------------------------------


def test_authenticate_right_and_wrong(store):
    fay = _user(store, "fay")
    assert authenticate(store, username="FAY", password=PASSWORD, ip="10.0.0.1", now=T0) == fay
    with pytest.raises(AuthError) as wrong:
        authenticate(store, username="fay", password=PASSWORD + "!", now=T0)
    with pytest.raises(AuthError) as unknown:
        authenticate(store, username="nobody", password=PASSWORD, now=T0)
    assert wrong.value.reason == unknown.value.reason == str(unknown.value) == "invalid credentials"


def test_unknown_user_costs_a_hash_verification_too(store, monkeypatch):
    calls = []
    real = members._verify
    monkeypatch.setattr(members, "_verify", lambda h, p: calls.append(h) or real(h, p))
    with pytest.raises(AuthError):
        authenticate(store, username="ghost", password=PASSWORD, now=T0)
    assert len(calls) == 1 and calls[0].startswith("$argon2")


def test_five_failures_lock_the_name_for_fifteen_minutes(store):
    _user(store, "gil")
    for minute in range(5):  # failures at T0 .. T0+4min
        with pytest.raises(AuthError, match="invalid credentials"):
            authenticate(store, username="gil", password="wrong password", now=T0 + timedelta(minutes=minute))
    fifth = T0 + timedelta(minutes=4)
    for t in (fifth + timedelta(seconds=1), fifth + timedelta(minutes=14, seconds=59)):
        with pytest.raises(AuthError, match="locked"):  # even with the right password
            authenticate(store, username="gil", password=PASSWORD, now=t)
    # the attempts while locked did not extend the lock
    assert authenticate(store, username="gil", password=PASSWORD, now=fifth + timedelta(minutes=15)).username == "gil"


def test_failures_spread_over_more_than_the_window_do_not_lock(store):
    _user(store, "hal")
    for k in range(8):  # one failure every 4 minutes: never 5 within 15 minutes
        with pytest.raises(AuthError, match="invalid credentials"):
            authenticate(store, username="hal", password="wrong password", now=T0 + timedelta(minutes=4 * k))
    assert authenticate(store, username="hal", password=PASSWORD, now=T0 + timedelta(minutes=33))


def test_a_success_clears_the_count_for_the_name(store):
    _user(store, "ida")
    for k in range(4):
        with pytest.raises(AuthError, match="invalid credentials"):
            authenticate(store, username="ida", password="wrong password", now=T0 + timedelta(seconds=k))
    authenticate(store, username="ida", password=PASSWORD, now=T0 + timedelta(seconds=10))
    with pytest.raises(AuthError, match="invalid credentials"):
        authenticate(store, username="ida", password="wrong password", now=T0 + timedelta(seconds=11))
    assert authenticate(store, username="ida", password=PASSWORD, now=T0 + timedelta(seconds=12))


def test_unknown_names_lock_too(store):
    for k in range(5):
        with pytest.raises(AuthError, match="invalid credentials"):
            authenticate(store, username="ghost", password=PASSWORD, now=T0 + timedelta(seconds=k))
    with pytest.raises(AuthError, match="locked"):
        authenticate(store, username="ghost", password=PASSWORD, now=T0 + timedelta(seconds=6))


def test_twenty_failures_from_one_ip_lock_that_ip(store):
    _user(store, "joe")
    for k in range(20):  # 4 names x 5 would lock the names; use 20 names once each
        with pytest.raises(AuthError, match="invalid credentials"):
            authenticate(store, username=f"guess{k}", password="x", ip="203.0.113.9",
                         now=T0 + timedelta(seconds=k))
    later = T0 + timedelta(minutes=1)
    with pytest.raises(AuthError, match="locked"):
        authenticate(store, username="joe", password=PASSWORD, ip="203.0.113.9", now=later)
    assert authenticate(store, username="joe", password=PASSWORD, ip="198.51.100.1", now=later)
    assert authenticate(store, username="joe", password=PASSWORD, ip="203.0.113.9",
                        now=T0 + timedelta(seconds=19, minutes=15))


def test_nineteen_failures_from_one_ip_do_not_lock_it(store):
    _user(store, "kim")
    for k in range(19):
        with pytest.raises(AuthError):
            authenticate(store, username=f"guess{k}", password="x", ip="203.0.113.9", now=T0 + timedelta(seconds=k))
    assert authenticate(store, username="kim", password=PASSWORD, ip="203.0.113.9", now=T0 + timedelta(minutes=1))


@pytest.mark.parametrize("minutes, threshold, expected_end", [
    ([0, 1, 2, 3, 4], 5, 4 + 15),
    ([0, 1, 2, 3], 5, None),
    ([0, 4, 8, 12, 16], 5, None),  # 16 minutes from first to fifth
    ([0, 4, 8, 12, 15], 5, 15 + 15),  # exactly 15 minutes: counted
    ([0, 1, 2, 3, 4, 30, 31, 32, 33, 34], 5, 34 + 15),
])
def test_lock_ends(minutes, threshold, expected_end):
    times = [T0 + timedelta(minutes=m) for m in minutes]
    end = members.lock_ends(times, threshold=threshold)
    assert end == (None if expected_end is None else T0 + timedelta(minutes=expected_end))


def test_disabled_users_cannot_sign_in(store):
    _user(store, "lea")
    token = create_session(store, list_users(store)[0], now=T0)
    set_disabled(store, username="lea")
    with pytest.raises(AuthError, match="disabled"):
        authenticate(store, username="lea", password=PASSWORD, now=T0)
    assert user_for_session(store, token, now=T0) is None
    set_disabled(store, username="lea", disabled=False)
    assert authenticate(store, username="lea", password=PASSWORD, now=T0).disabled is False
    with pytest.raises(NotFound):
        set_disabled(store, username="nobody")


def test_hash_is_upgraded_when_parameters_change(store, monkeypatch):
    _user(store, "max")
    old = store.get_user_row(username="max")["password_hash"]
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    monkeypatch.setattr(members, "_hasher", lambda: stronger)
    authenticate(store, username="max", password=PASSWORD, now=T0)
    new = store.get_user_row(username="max")["password_hash"]
    assert new != old and "m=16,t=2,p=1" in new and stronger.verify(new, PASSWORD)
    authenticate(store, username="max", password=PASSWORD, now=T0)  # no further rehash needed
    assert store.get_user_row(username="max")["password_hash"] == new


# -- sessions ------------------------------------------------------------------------------------


def test_sessions_store_only_a_digest_and_expire(store):
    nia = _user(store, "nia")
    token = create_session(store, nia, ttl_hours=2, now=T0)
    assert len(token) >= 40
    with store._engine.connect() as conn:
        stored = conn.execute(sa.select(sessions.c.token_hash)).scalars().all()
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]
    assert user_for_session(store, token, now=T0 + timedelta(hours=1, minutes=59)) == nia
    assert user_for_session(store, token, now=T0 + timedelta(hours=2)) is None
    assert user_for_session(store, "not-a-token", now=T0) is None
    assert user_for_session(store, None) is None
    assert user_for_session(store, stored[0], now=T0) is None  # the digest is not a token


def test_end_session_and_password_change_sign_out(store):
    ola = _user(store, "ola")
    one, two = create_session(store, ola), create_session(store, ola)
    assert one != two
    end_session(store, one)
    assert user_for_session(store, one) is None and user_for_session(store, two) == ola
    set_password(store, username="ola", password="another password")
    assert user_for_session(store, two) is None


def test_sessions_need_a_user_and_a_positive_ttl(store):
    with pytest.raises(PermissionDenied):
        create_session(store, None)
    with pytest.raises(ValidationError):
        create_session(store, _user(store, "pia"), ttl_hours=0)


# -- roles ---------------------------------------------------------------------------------------

# who (None: anonymous) -> the roles they have; written out, not derived from ROLES
HAS = {
    None: set(),
    "reader": {"reader"},
    "member": {"reader", "member"},
    "reviewer": {"reader", "member", "reviewer"},
    "admin": {"reader", "member", "reviewer", "admin"},
}


@pytest.mark.parametrize("who", list(HAS))
@pytest.mark.parametrize("needed", ["reader", "member", "reviewer", "admin"])
def test_role_matrix(who, needed):
    user = None if who is None else User(id=1, username="u", email=None, role=who, created_at=T0, disabled=False)
    assert has_role(user, needed) is (needed in HAS[who])
    if needed in HAS[who]:
        require_role(user, needed)
    else:
        with pytest.raises(PermissionDenied, match="sign in" if who is None else f"is a {who}"):
            require_role(user, needed)


def test_roles_are_ordered_and_disabled_users_have_none():
    assert ROLES == ("reader", "member", "reviewer", "admin")
    admin = User(id=1, username="a", email=None, role="admin", created_at=T0, disabled=True)
    assert not has_role(admin, "reader")
    with pytest.raises(ValidationError):
        has_role(admin, "owner")


# -- sign-up and invitations ---------------------------------------------------------------------


def test_signup_mode_comes_from_settings_or_environment(monkeypatch):
    monkeypatch.delenv("EVENTWIRE_SIGNUP", raising=False)
    assert signup_allowed(None) == "invitation"
    monkeypatch.setenv("EVENTWIRE_SIGNUP", "Open")
    assert signup_allowed(object()) == "open"

    class Settings:
        signup = "closed"

    assert signup_allowed(Settings()) == "closed"
    monkeypatch.setenv("EVENTWIRE_SIGNUP", "sometimes")
    with pytest.raises(ConfigError, match="EVENTWIRE_SIGNUP"):
        signup_allowed(None)


def test_invitations(store):
    root = _user(store, "root", role="admin")
    with pytest.raises(PermissionDenied):
        create_invitation(store, by=_user(store, "rev", role="reviewer"))
    with pytest.raises(PermissionDenied):
        create_invitation(store, by=None)
    code = create_invitation(store, by=root, role="reviewer", now=T0)
    assert store.invitation_row(code) is None  # stored as a digest only
    _user(store, "taken")
    with pytest.raises(ValidationError, match="taken"):  # a failed sign-up does not spend the code
        add_user(store, username="taken", password=PASSWORD, invitation=code, now=T0)
    quin = add_user(store, username="quin", password=PASSWORD, invitation=code, now=T0 + timedelta(days=1))
    assert quin.role == "reviewer"
    with pytest.raises(ValidationError, match="invitation"):
        add_user(store, username="quin2", password=PASSWORD, invitation=code, now=T0 + timedelta(days=1))
    old = create_invitation(store, by=root, now=T0, ttl_days=7)
    with pytest.raises(ValidationError, match="expired"):
        add_user(store, username="late", password=PASSWORD, invitation=old, now=T0 + timedelta(days=7))
    with pytest.raises(ValidationError, match="invitation"):
        add_user(store, username="forger", password=PASSWORD, invitation="made-up-code")
    with pytest.raises(ValidationError, match="role"):
        create_invitation(store, by=root, role="owner")


def test_sign_up_follows_the_operator_setting(store, monkeypatch):
    root = _user(store, "root", role="admin")
    monkeypatch.setenv("EVENTWIRE_SIGNUP", "closed")
    with pytest.raises(PermissionDenied, match="closed"):
        sign_up(store, username="rae", password=PASSWORD)
    monkeypatch.setenv("EVENTWIRE_SIGNUP", "invitation")
    with pytest.raises(PermissionDenied, match="invitation"):
        sign_up(store, username="rae", password=PASSWORD)
    assert sign_up(store, username="rae", password=PASSWORD,
                   invitation=create_invitation(store, by=root, role="reader")).role == "reader"
    monkeypatch.setenv("EVENTWIRE_SIGNUP", "open")
    assert sign_up(store, username="sol", password=PASSWORD).role == "member"


# -- reviews -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [None, "reader", "member"])
def test_review_needs_a_reviewer(coded, role):
    store, _ = coded
    user = None if role is None else _user(store, "someone", role=role)
    event = _event(store)
    with pytest.raises(PermissionDenied):
        review_event(store, event_id=event["id"], user=user, action="confirm")
    assert _event(store)["review"] is None and store.revision_rows(event["id"]) == []


@pytest.mark.parametrize("role", ["reviewer", "admin"])
def test_confirm(coded, role):
    store, _ = coded
    user = _user(store, "tess", role=role)
    event = _event(store)
    revision = review_event(store, event_id=event["id"], user=user, action="confirm", now=T0)
    assert (revision.action, revision.by, revision.changes, revision.number) == ("confirm", "tess", {}, 1)
    after = _event(store)
    assert after["review"] == {"status": "confirmed", "by": "tess", "at": T0.isoformat()}
    assert {k: after[k] for k in REVIEWABLE_COLUMNS} == {k: event[k] for k in REVIEWABLE_COLUMNS}
    with store._engine.connect() as conn:
        status = conn.execute(sa.select(events_table.c.review_status).where(events_table.c.id == event["id"]))
        assert status.scalar() == "confirmed"


def test_correct_keeps_the_original_and_records_old_and_new(coded):
    store, _ = coded
    uma = _user(store, "uma", role="reviewer")
    event = _event(store)
    original = {k: event[k] for k in REVIEWABLE_COLUMNS}
    actors = [{"text": "the army", "name": "Brazilian Army", "country": "bra", "sector": "MIL"}]
    first = review_event(store, event_id=event["id"], user=uma, action="correct", reason="actor was wrong",
                         changes={"actors": actors, "factuality": "negated", "quantities": {"killed": 4}}, now=T0)
    assert first.changes["actors"] == {"old": event["actors"],
                                       "new": [{"text": "the army", "name": "Brazilian Army", "country": "BRA",
                                                "sector": "MIL"}]}
    assert first.changes["quantities"]["new"] == {**event["quantities"], "killed": 4}
    assert first.reason == "actor was wrong"
    after = _event(store)
    assert after["actors"][0]["country"] == "BRA" and after["factuality"] == "negated"
    assert after["quantities"]["killed"] == 4 and after["quantities"]["money"] == event["quantities"]["money"]
    assert after["review"]["status"] == "corrected"
    with store._engine.connect() as conn:
        row = conn.execute(sa.select(events_table).where(events_table.c.id == event["id"])).first()
    assert (row.actor_countries, row.killed, row.review_status) == ("BRA", 4, "corrected")

    review_event(store, event_id=event["id"], user=uma, action="correct", reason="type too",
                 changes={"event_type": "COERCE", "date": "2024-02", "date_precision": "month"},
                 now=T0 + timedelta(hours=1))
    history = event_history(store, event["id"])
    assert [r.number for r in history] == [0, 1, 2]
    assert [r.action for r in history] == ["machine", "correct", "correct"]
    assert history[0].fields == original and history[0].by is None and history[0].coder_version == "coder-1"
    assert history[2].fields["event_type"] == "COERCE" and history[2].fields["actors"] == after["actors"]
    assert history[2].changes["event_type"]["old"] == event["event_type"]


def test_reject_and_rereview(coded):
    store, _ = coded
    vic = _user(store, "vic", role="reviewer")
    event = _event(store)
    with pytest.raises(ValidationError, match="reason"):
        review_event(store, event_id=event["id"], user=vic, action="reject")
    review_event(store, event_id=event["id"], user=vic, action="reject", reason="not an event", now=T0)
    assert _event(store)["review"]["status"] == "rejected"
    assert event["id"] not in {d["id"] for d in store.iter_events(include_rejected=False)}
    review_event(store, event_id=event["id"], user=_user(store, "boss", role="admin"), action="confirm",
                 now=T0 + timedelta(days=1))
    assert _event(store)["review"]["by"] == "boss"
    assert [r.action for r in event_history(store, event["id"])] == ["machine", "reject", "confirm"]


@pytest.mark.parametrize("action, changes, reason, message", [
    ("approve", None, "x", "action"),
    ("correct", None, "why", "needs changes"),
    ("correct", {"factuality": "negated"}, None, "reason"),
    ("correct", {"factuality": "negated"}, "   ", "reason"),
    ("confirm", {"factuality": "negated"}, None, "only a correction"),
    ("reject", {"factuality": "negated"}, "why", "only a correction"),
    ("correct", {"trigger": "met"}, "why", "cannot be corrected"),
    ("correct", {"event_type": "ATTACK"}, "why", "event_type"),
    ("correct", {"factuality": "maybe"}, "why", "factuality"),
    ("correct", {"mode": "Heavy Weapons!"}, "why", "mode"),
    ("correct", {"actors": [{"name": "no text"}]}, "why", "actors\\[0\\].text"),
    ("correct", {"actors": [{"text": "x", "country": "US"}]}, "why", "country"),
    ("correct", {"actors": [{"text": "x", "sector": "GOVT"}]}, "why", "sector"),
    ("correct", {"actors": [{"text": "x", "role": "boss"}]}, "why", "unknown fields"),
    ("correct", {"actors": {"text": "x"}}, "why", "list"),
    ("correct", {"recipients": [{"text": ""}]}, "why", "empty"),
    ("correct", {"location": {"country": "BRA"}}, "why", "location.name"),
    ("correct", {"location": {"name": "X", "lat": 91}}, "why", "lat"),
    ("correct", {"location": {"name": "X", "precision": "street"}}, "why", "precision"),
    ("correct", {"date": "2024-13-01", "date_precision": "day"}, "why", "date"),
    ("correct", {"date": "yesterday"}, "why", "date"),
    ("correct", {"date": "2024-03", "date_precision": "day"}, "why", "precision"),
    ("correct", {"date": None, "date_precision": "year"}, "why", "precision"),
    ("correct", {"date_precision": "week"}, "why", "date_precision"),
    ("correct", {"quantities": {"killed": -1}}, "why", "killed"),
    ("correct", {"quantities": {"killed": True}}, "why", "killed"),
    ("correct", {"quantities": {"wounded": 3}}, "why", "unknown keys"),
    ("correct", {"quantities": {"money": [{"amount": 5, "currency": "dollars", "text": "$5"}]}}, "why", "currency"),
])
def test_invalid_reviews_change_nothing(coded, action, changes, reason, message):
    store, _ = coded
    wes = _user(store, "wes", role="reviewer")
    event = _event(store)
    with pytest.raises(ValidationError, match=message):
        review_event(store, event_id=event["id"], user=wes, action=action, changes=changes, reason=reason)
    assert _event(store) == event and store.revision_rows(event["id"]) == []


def test_a_correction_that_changes_nothing_is_refused(coded):
    store, _ = coded
    event = _event(store)
    with pytest.raises(ValidationError, match="changes nothing"):
        review_event(store, event_id=event["id"], user=_user(store, "xia", role="reviewer"), action="correct",
                     reason="same", changes={"event_type": event["event_type"]})
    assert store.revision_rows(event["id"]) == []


def test_valid_corrections_of_every_field(coded):
    store, _ = coded
    yan = _user(store, "yan", role="reviewer")
    event = _event(store)
    changes = {
        "event_type": "SANCTION" if event["event_type"] != "SANCTION" else "AID",
        "mode": "Heavy-Weapons",
        "actors": [{"text": "UN", "name": "United Nations", "country": "UNO", "sector": None, "wikidata": "q1065"}],
        "recipients": [],
        "location": {"name": "Recife", "country": "BRA", "lat": -8.05, "lon": -34.9, "geonameid": 3390760,
                     "precision": "city"},
        "date": "2024", "date_precision": "year",
        "factuality": "future" if event["factuality"] != "future" else "asserted",
        "quantities": {"money": [{"amount": 10, "currency": "usd", "text": "$10"}], "troops": 200},
    }
    review_event(store, event_id=event["id"], user=yan, action="correct", reason="all of it", changes=changes)
    after = _event(store)
    assert after["mode"] == "heavy-weapons" and after["actors"][0]["wikidata"] == "Q1065"
    assert after["location"]["admin1"] is None and after["location"]["name"] == "Recife"
    assert after["quantities"]["money"] == [{"amount": 10.0, "currency": "USD", "text": "$10"}]
    assert (after["date"], after["date_precision"], after["recipients"]) == ("2024", "year", [])
    assert set(event_history(store, event["id"])[1].changes) <= set(changes)


def test_unknown_event(store):
    zoe = _user(store, "zoe", role="admin")
    with pytest.raises(NotFound):
        review_event(store, event_id="nope", user=zoe, action="confirm")
    with pytest.raises(NotFound):
        event_history(store, "nope")
    with pytest.raises(NotFound):
        add_comment(store, event_id="nope", user=zoe, body="hello")


def test_history_of_an_unreviewed_event_is_the_machines_coding(coded):
    store, _ = coded
    event = _event(store)
    (only,) = event_history(store, event["id"])
    assert (only.id, only.number, only.action, only.by, only.coder_version) == (None, 0, "machine", None, "coder-1")
    assert only.fields == {k: event[k] for k in REVIEWABLE_COLUMNS}


def test_review_survives_recoding(coded):
    store, batch = coded
    article, machine_events = batch[0]
    reviewed_id = machine_events[0].id
    ann = _user(store, "ann", role="reviewer")
    review_event(store, event_id=reviewed_id, user=ann, action="correct", reason="wrong type",
                 changes={"event_type": "COERCE"}, now=T0)
    rejected_id = machine_events[1].id
    review_event(store, event_id=rejected_id, user=ann, action="reject", reason="noise", now=T0)
    # the coder runs again, producing events with the same ids and new ones
    fresh = machine_events + make_events(article, 3, seed=5)
    store.replace_machine_events(article.id, fresh, coder_version="coder-2")
    stored = {d["id"]: d for d in store.iter_events(article_id=article.id)}
    assert stored[reviewed_id]["event_type"] == "COERCE" and stored[reviewed_id]["review"]["status"] == "corrected"
    assert stored[rejected_id]["review"]["status"] == "rejected"
    assert [r.action for r in event_history(store, reviewed_id)] == ["machine", "correct"]
    assert event_history(store, reviewed_id)[0].fields["event_type"] == machine_events[0].event_type


# -- comments ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [None, "reader"])
def test_comments_need_a_member(coded, role):
    store, _ = coded
    user = None if role is None else _user(store, "rita", role=role)
    with pytest.raises(PermissionDenied):
        add_comment(store, event_id=_event(store)["id"], user=user, body="hello")


@pytest.mark.parametrize("role", ["member", "reviewer", "admin"])
def test_comments_are_stored_as_plain_text(coded, role):
    store, _ = coded
    sam = _user(store, "sam", role=role)
    event_id = _event(store)["id"]
    body = "<script>alert('x')</script> & \"quotes\"\nsecond line"
    comment = add_comment(store, event_id=event_id, user=sam, body=f"  {body}  ", now=T0)
    assert (comment.body, comment.by, comment.created_at, comment.hidden) == (body, "sam", T0, False)
    assert list_comments(store, event_id) == [comment]
    assert list_comments(store, _event(store, 1)["id"]) == []


@pytest.mark.parametrize("body, message", [("", "empty"), ("   \n", "empty"), ("x" * 5001, "longer"),
                                           ("a\x00b", "NUL"), (None, "text")])
def test_bad_comment_bodies(coded, body, message):
    store, _ = coded
    event_id = _event(store)["id"]
    with pytest.raises(ValidationError, match=message):
        add_comment(store, event_id=event_id, user=_user(store, "tom"), body=body)
    assert list_comments(store, event_id, include_hidden=True) == []


def test_longest_comment_is_accepted(coded):
    store, _ = coded
    comment = add_comment(store, event_id=_event(store)["id"], user=_user(store, "una"), body="y" * 5000)
    assert len(comment.body) == 5000


@pytest.mark.parametrize("role", [None, "member", "reviewer"])
def test_only_admins_hide_comments(coded, role):
    store, _ = coded
    event_id = _event(store)["id"]
    comment = add_comment(store, event_id=event_id, user=_user(store, "val"), body="spam")
    user = None if role is None else _user(store, "hider", role=role)
    with pytest.raises(PermissionDenied):
        hide_comment(store, comment_id=comment.id, user=user)
    assert list_comments(store, event_id) == [comment]


def test_hidden_comments_are_kept_but_not_listed(coded):
    store, _ = coded
    event_id = _event(store)["id"]
    val, root = _user(store, "val"), _user(store, "root", role="admin")
    first = add_comment(store, event_id=event_id, user=val, body="spam", now=T0)
    second = add_comment(store, event_id=event_id, user=val, body="useful", now=T0 + timedelta(minutes=1))
    hide_comment(store, comment_id=first.id, user=root, reason="advertising", now=T0 + timedelta(hours=1))
    assert list_comments(store, event_id) == [second]
    hidden, shown = list_comments(store, event_id, include_hidden=True)
    assert shown == second
    assert (hidden.hidden, hidden.hidden_by, hidden.hidden_reason, hidden.hidden_at, hidden.body) == (
        True, "root", "advertising", T0 + timedelta(hours=1), "spam")
    with pytest.raises(NotFound):
        hide_comment(store, comment_id=9999, user=root)


def test_every_reviewable_field_has_a_validator():
    assert set(members.FIELD_VALIDATORS) == set(REVIEWABLE_COLUMNS)
