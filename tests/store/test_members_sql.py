"""The members' SQL (Store methods from members_sql) on SQLite and on a throwaway PostgreSQL."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from eventwire.store import open_store
from eventwire.store.engine import WRITE_OPTION, alembic_config, current_revision, head_revision
from eventwire.store.member_tables import MEMBER_TABLES
from eventwire.store.members_sql import REVIEWABLE_COLUMNS, Conflict
from eventwire.store.search import include_name
from eventwire.store.tables import events, metadata
from tests.store.factories import make_batch
from tests.pg import pg_server, pg_url  # noqa: F401  (the throwaway PostgreSQL server fixtures)

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
HASH = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=[pytest.mark.postgres, pytest.mark.slow])])
def any_store(request, tmp_path):
    """A fresh store per test: a SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'members.db'}"
    else:
        url = request.getfixturevalue("pg_url")  # a new database on the session's server
    with open_store(url) as store:
        yield store


def _user(store, name="ana", role="member", **kw):
    return store.insert_user(username=name, email=None, password_hash=HASH, role=role, created_at=T0, **kw)


def _coded(store):
    batch = make_batch(0, 2)
    store.save(batch, coder_version="c1")
    return [e for _, evs in batch for e in evs]


def _aware_utc(value):
    return isinstance(value, datetime) and value.utcoffset() == timedelta(0)


# -- schema --------------------------------------------------------------------------------------


def test_migration_chain_and_tables(any_store):
    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_revision("0003").down_revision == "0002"
    assert scripts.get_revision("0002").down_revision == "0001"
    assert current_revision(any_store._engine) == head_revision()
    with any_store._engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name}), metadata) == []
        present = set(sa.inspect(conn).get_table_names())
    assert set(MEMBER_TABLES) <= present


def test_downgrade_to_0002_removes_only_the_members_tables(tmp_path):
    with open_store(tmp_path / "down.db") as store:
        store.save(make_batch(0, 1))
        with store._engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                command.downgrade(alembic_config(conn), "0002")
            tables = set(sa.inspect(conn).get_table_names())
            conn.rollback()
        assert not set(MEMBER_TABLES) & tables and {"articles", "events"} <= tables
        assert store.count("events") == 2
    with open_store(tmp_path / "down.db") as store:  # and up again
        assert current_revision(store._engine) == head_revision()
        assert _user(store)["username"] == "ana"


# -- users, invitations ---------------------------------------------------------------------------


def test_users(any_store):
    ana = _user(any_store, role="admin")
    assert ana["id"] and ana["disabled"] is False and ana["created_at"] == T0 and _aware_utc(ana["created_at"])
    with pytest.raises(Conflict) as taken:
        _user(any_store, role="member")
    assert taken.value.what == "username"
    bob = _user(any_store, "bob")
    assert any_store.get_user_row(username="bob") == bob == any_store.get_user_row(user_id=bob["id"])
    assert any_store.get_user_row(username="nobody") is None
    assert [u["username"] for u in any_store.user_rows()] == ["ana", "bob"]
    assert any_store.update_user("bob", role="reviewer", email="b@example.org")
    assert any_store.get_user_row(username="bob")["role"] == "reviewer"
    assert not any_store.update_user("nobody", role="admin")


def test_invitation_is_spent_with_the_user_or_not_at_all(any_store):
    admin = _user(any_store, "root", role="admin")
    any_store.insert_invitation(code_hash="h1", role="reviewer", created_by=admin["id"], created_at=T0,
                                expires_at=T0 + timedelta(days=1))
    with pytest.raises(Conflict) as taken:
        _user(any_store, "root", role=None, invitation_hash="h1")
    assert taken.value.what == "username" and any_store.invitation_row("h1")["used_at"] is None
    cleo = _user(any_store, "cleo", role=None, invitation_hash="h1")
    assert cleo["role"] == "reviewer"
    spent = any_store.invitation_row("h1")
    assert spent["used_by"] == cleo["id"] and spent["used_at"] == T0
    for code in ("h1", "unknown"):
        with pytest.raises(Conflict) as refused:
            _user(any_store, "dora", role=None, invitation_hash=code)
        assert refused.value.what == "invitation"
    any_store.insert_invitation(code_hash="old", role="member", created_by=None, created_at=T0 - timedelta(days=8),
                                expires_at=T0 - timedelta(days=1))
    with pytest.raises(Conflict):
        _user(any_store, "dora", role=None, invitation_hash="old")
    assert any_store.get_user_row(username="dora") is None


# -- login attempts, sessions --------------------------------------------------------------------


def test_login_attempts_by_name_and_ip(any_store):
    for k, (name, ip, outcome) in enumerate([("ana", "1.1.1.1", "failure"), ("bob", "1.1.1.1", "failure"),
                                             ("ana", "2.2.2.2", "success"), ("ana", None, "locked")]):
        any_store.record_login_attempt(username=name, ip=ip, at=T0 + timedelta(minutes=k), outcome=outcome)
    by_name, by_ip = any_store.login_attempt_rows(username="ana", ip="1.1.1.1", since=T0)
    assert [a["outcome"] for a in by_name] == ["failure", "success", "locked"]
    assert [a["at"] for a in by_ip] == [T0, T0 + timedelta(minutes=1)] and all(_aware_utc(a["at"]) for a in by_ip)
    later, _ = any_store.login_attempt_rows(username="ana", ip=None, since=T0 + timedelta(minutes=1))
    assert len(later) == 2
    any_store.record_login_attempt(username="cy", ip=None, at=T0 + timedelta(days=2), outcome="failure",
                                   forget_before=T0 + timedelta(days=1))
    assert any_store.login_attempt_rows(username="ana", ip="1.1.1.1", since=T0 - timedelta(days=1)) == ([], [])


def test_sessions(any_store):
    ana, bob = _user(any_store), _user(any_store, "bob")
    any_store.insert_session(token_hash="a1", user_id=ana["id"], created_at=T0, expires_at=T0 + timedelta(hours=1))
    any_store.insert_session(token_hash="b1", user_id=bob["id"], created_at=T0, expires_at=T0 + timedelta(days=1))
    assert any_store.session_user_row("a1", now=T0)["username"] == "ana"
    assert any_store.session_user_row("a1", now=T0 + timedelta(hours=1)) is None
    assert any_store.session_user_row("zz", now=T0) is None
    # a new session clears expired ones
    any_store.insert_session(token_hash="b2", user_id=bob["id"], created_at=T0 + timedelta(hours=2),
                             expires_at=T0 + timedelta(days=1))
    with any_store._engine.connect() as conn:
        left = set(conn.execute(sa.select(MEMBER_TABLES["sessions"].c.token_hash)).scalars())
    assert left == {"b1", "b2"}
    any_store.delete_session("b1")
    assert any_store.session_user_row("b1", now=T0) is None
    any_store.update_user("bob", end_sessions=True, disabled=True)
    assert any_store.session_user_row("b2", now=T0) is None


# -- revisions -----------------------------------------------------------------------------------


def test_write_revision_keeps_the_machines_coding(any_store):
    event = _coded(any_store)[0]
    original = {k: v for k, v in event.to_dict().items() if k in REVIEWABLE_COLUMNS}
    reviewer = _user(any_store, "rev", role="reviewer")
    new_actors = [{"text": "police", "name": "Police", "country": "KEN", "sector": "COP"}]
    seen = []

    def decide(current):
        seen.append(current)
        return ({"actors": {"old": current["actors"], "new": new_actors}},
                {"status": "corrected", "by": "rev", "at": T0.isoformat()})

    row = any_store.write_revision(event.id, decide, action="correct", user_id=reviewer["id"], username="rev",
                                   at=T0, reason="wrong actor")
    assert seen == [original] and row["number"] == 1 and row["snapshot"]["actors"] == new_actors
    history = any_store.revision_rows(event.id)
    assert [(r["number"], r["action"], r["username"]) for r in history] == [(0, "machine", None), (1, "correct", "rev")]
    assert history[0]["snapshot"] == original and history[0]["coder_version"] == "c1"
    assert history[1]["changes"]["actors"]["new"] == new_actors and history[1]["reason"] == "wrong actor"
    with any_store._engine.connect() as conn:
        stored = conn.execute(sa.select(events).where(events.c.id == event.id)).first()
    assert stored.actors == new_actors and stored.actor_countries == "KEN"
    assert stored.review == {"status": "corrected", "by": "rev", "at": T0.isoformat()}
    assert stored.review_status == "corrected"

    any_store.write_revision(event.id, lambda c: ({}, {"status": "confirmed", "by": "rev", "at": "x"}),
                             action="confirm", user_id=None, username="rev", at=T0, reason=None)
    assert [r["number"] for r in any_store.revision_rows(event.id)] == [0, 1, 2]


def test_a_refused_revision_writes_nothing(any_store):
    event = _coded(any_store)[0]

    def refuse(current):
        raise ValueError("no")

    with pytest.raises(ValueError):
        any_store.write_revision(event.id, refuse, action="confirm", user_id=None, username=None, at=T0, reason=None)
    assert any_store.revision_rows(event.id) == []
    assert next(d for d in any_store.iter_events() if d["id"] == event.id)["review"] is None
    assert any_store.write_revision("nope", refuse, action="confirm", user_id=None, username=None, at=T0,
                                    reason=None) is None


def test_event_review_fields(any_store):
    event = _coded(any_store)[0]
    fields = any_store.event_review_fields(event.id)
    assert fields["event_type"] == event.event_type and fields["coder_version"] == "c1"
    assert _aware_utc(fields["created_at"])
    assert any_store.event_review_fields("nope") is None


# -- comments ------------------------------------------------------------------------------------


def test_comments(any_store):
    first_event, second_event = _coded(any_store)[:2]
    ana = _user(any_store)
    a = any_store.insert_comment(event_id=first_event.id, user_id=ana["id"], username="ana", body="one",
                                 created_at=T0 + timedelta(minutes=1))
    b = any_store.insert_comment(event_id=first_event.id, user_id=ana["id"], username="ana", body="two ü <b>",
                                 created_at=T0)
    assert any_store.insert_comment(event_id="nope", user_id=ana["id"], username="ana", body="x",
                                    created_at=T0) is None
    assert [c["body"] for c in any_store.comment_rows(first_event.id)] == ["two ü <b>", "one"]
    assert any_store.comment_rows(second_event.id) == []
    assert any_store.hide_comment_row(a["id"], hidden_by="root", hidden_at=T0, reason="spam")
    assert not any_store.hide_comment_row(10_000, hidden_by="root", hidden_at=T0, reason=None)
    assert [c["id"] for c in any_store.comment_rows(first_event.id)] == [b["id"]]
    hidden = any_store.comment_rows(first_event.id, include_hidden=True)[1]
    assert (hidden["hidden"], hidden["hidden_by"], hidden["hidden_reason"]) == (True, "root", "spam")


def test_deleting_an_article_takes_its_events_revisions_and_comments(tmp_path):
    with open_store(tmp_path / "cascade.db") as store:
        event = _coded(store)[0]
        store.write_revision(event.id, lambda c: ({}, {"status": "confirmed", "by": "x", "at": "x"}),
                             action="confirm", user_id=None, username="x", at=T0, reason=None)
        store.insert_comment(event_id=event.id, user_id=None, username="x", body="b", created_at=T0)
        with store._write() as conn:
            conn.execute(sa.text("DELETE FROM articles WHERE id = :id"), {"id": event.article_id})
        assert store.revision_rows(event.id) == [] and store.comment_rows(event.id, include_hidden=True) == []
