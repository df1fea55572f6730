"""Property tests of ingest (issue 14): random bytes, random mixtures of good and bad JSONL lines,
random truncations -- no exception escapes, every good record is stored exactly once, every bad one
is named by its ``file:line``.  ``events=False`` keeps them fast (coding has its own isolation tests)."""
from __future__ import annotations

import json
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventwire
from eventwire.errors import NothingReadError
from eventwire.store import open_store

SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

BAD_LINES = st.sampled_from([
    b"{not json", b"[1, 2]", b'"a string"', b"null", b'{"id": "x"}', b'{"text": ""}', b'{"text": 5}',
    b"\x80\x81garbage\xff", b'{"text": "<p></p>"}', b"\x00\x01\x02\x03",
])


def _ingest(paths, db):
    try:
        return eventwire.ingest(paths, db=db, events=False)
    except NothingReadError as exc:  # nothing readable at all: the report comes with the error
        return exc.report


def _stored_external_ids(db) -> list[str]:
    with open_store(db) as store:
        return [a.external_id for a in store.iter_articles() if a.external_id]


def _good(tag: str, n: int) -> bytes:
    text = f"Report {tag} {n}: the council of district {n} met on Monday and agreed on a budget."
    return json.dumps({"id": f"{tag}-{n}", "text": text}).encode()


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_raise(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("bytes")
    src = folder / "random.bin"
    src.write_bytes(data)
    report = _ingest([src], f"sqlite:///{folder}/t.db")
    assert report.articles_new >= 0
    assert all(isinstance(e, str) and e.isprintable() for e in report.errors)


@SETTINGS
@given(kinds=st.lists(st.one_of(st.none(), BAD_LINES), min_size=1, max_size=12))
def test_jsonl_mixtures_store_every_good_record_once_and_name_every_bad_one(tmp_path_factory, kinds):
    folder = tmp_path_factory.mktemp("mix")
    tag = uuid.uuid4().hex[:8]
    lines = [_good(tag, i) if kind is None else kind for i, kind in enumerate(kinds)]
    src = folder / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    db = f"sqlite:///{folder}/t.db"
    for _ in range(2):  # a re-run adds nothing
        report = _ingest([src], db)
        good = [f"{tag}-{i}" for i, kind in enumerate(kinds) if kind is None]
        stored = _stored_external_ids(db)
        assert sorted(stored) == sorted(good)
        bad_lines = [i + 1 for i, kind in enumerate(kinds) if kind is not None]
        if good:  # a file with no good line at all may also be named as a whole (binary junk)
            for number in bad_lines:
                assert any(f"{src}:{number}:" in e for e in report.errors), (number, report.errors)


@SETTINGS
@given(count=st.integers(min_value=1, max_value=8), cut=st.floats(min_value=0.0, max_value=1.0))
def test_a_truncated_jsonl_file_stores_its_whole_records(tmp_path_factory, count, cut):
    folder = tmp_path_factory.mktemp("cut")
    tag = uuid.uuid4().hex[:8]
    full = b"".join(_good(tag, i) + b"\n" for i in range(count))
    data = full[:int(len(full) * cut)]
    src = folder / "in.jsonl"
    src.write_bytes(data)
    report = _ingest([src], f"sqlite:///{folder}/t.db")
    whole = data.count(b"\n") + (1 if data and not data.endswith(b"\n") and data.rstrip().endswith(b"}") else 0)
    stored = _stored_external_ids(f"sqlite:///{folder}/t.db")
    assert sorted(stored) == [f"{tag}-{i}" for i in range(whole)]
    partial = data and not data.endswith(b"\n") and not data.rstrip().endswith(b"}")
    if partial and whole:
        assert any(f"{src}:{whole + 1}:" in e for e in report.errors), report.errors
