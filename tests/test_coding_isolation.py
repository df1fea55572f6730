"""Coding is isolated per article (issue 14): a text over the model's ``max_length`` is coded in
sections with offsets into the stored text, and one article's coding failure is that record's
error while the rest of the batch and the run go on -- in ``ingest``, ``code`` and the Dask worker.

The model's limit is lowered for these tests (a real 1,000,000-character text would cost a minute
of parsing); the code path is the one a real over-long text takes.
"""
from __future__ import annotations

import json

import pytest
from spacy.language import Language

import eventwire
from eventwire.store import open_store

PARAGRAPH = ("Police arrested ten protesters in Nairobi on Monday after a march on parliament. "
             "The interior minister said the arrests were lawful.")
LIMIT = 2_000
FAULT_WORD = "Zzyzxfault"


@pytest.fixture
def small_limit(nlp, monkeypatch):
    """The shared pipeline with a small ``max_length`` (restored afterwards)."""
    monkeypatch.setattr(nlp, "max_length", LIMIT)
    return nlp


def _long_text(paragraphs: int = 40) -> str:
    text = "\n\n".join(f"{PARAGRAPH} Item {i}." for i in range(paragraphs))
    assert len(text) > LIMIT
    return text


def _jsonl(path, texts):
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    return path


def _events_point_into_stored_text(db):
    with open_store(db) as store:
        texts = {a.id: a.text for a in store.iter_articles()}
        evs = list(store.iter_events(include_merged=True))
    for e in evs:
        ev = e["evidence"]
        assert texts[e["article_id"]][ev["start"]:ev["end"]] == ev["sentence"]
    return texts, evs


@pytest.mark.slow
def test_an_over_long_text_is_coded_in_sections_and_the_run_goes_on(tmp_path, small_limit):
    long_text = _long_text()
    assert len(long_text) > 2 * LIMIT
    src = _jsonl(tmp_path / "in.jsonl", ["Rebels attacked an army base in Mali on Friday.", long_text,
                                         "Kenya and Uganda held talks in Nairobi on Tuesday."])
    db = f"sqlite:///{tmp_path}/t.db"
    report = eventwire.ingest([src], db=db, merge=False)
    assert report.errors == [] and report.articles_new == 3 and report.articles_coded == 3
    texts, evs = _events_point_into_stored_text(db)
    long_id = next(i for i, t in texts.items() if len(t) > LIMIT)
    starts = sorted(e["evidence"]["start"] for e in evs if e["article_id"] == long_id)
    assert starts and starts[-1] > 2 * LIMIT, "events of the later sections are kept, offsets shifted"
    assert len({e["id"] for e in evs}) == len(evs)


@pytest.mark.slow
def test_code_verb_codes_an_over_long_stored_text(tmp_path, small_limit):
    src = _jsonl(tmp_path / "in.jsonl", [_long_text(20), "Kenya and Uganda held talks in Nairobi on Tuesday."])
    db = f"sqlite:///{tmp_path}/t.db"
    assert eventwire.ingest([src], db=db, events=False).articles_new == 2
    report = eventwire.code(db=db)
    assert report.failed_articles == [] and report.articles == 2 and report.events > 0
    _events_point_into_stored_text(db)


@Language.component("eventwire_test_fault")
def _fault(doc):
    if FAULT_WORD in doc.text:
        raise RuntimeError("injected fault for the isolation test")
    return doc


@pytest.fixture
def faulty_nlp(nlp):
    """The shared pipeline with a last component that raises on texts holding FAULT_WORD (removed afterwards)."""
    nlp.add_pipe("eventwire_test_fault", last=True)
    try:
        yield nlp
    finally:
        nlp.remove_pipe("eventwire_test_fault")


@pytest.mark.slow
def test_one_article_failing_to_code_is_its_records_error(tmp_path, faulty_nlp):
    texts = ["Rebels attacked an army base in Mali on Friday.", f"The {FAULT_WORD} council met in Paris.",
             "Kenya and Uganda held talks in Nairobi on Tuesday."]
    src = _jsonl(tmp_path / "in.jsonl", texts)
    db = f"sqlite:///{tmp_path}/t.db"
    report = eventwire.ingest([src], db=db, merge=False)
    assert report.articles_new == 3 and report.articles_coded == 2
    assert len(report.errors) == 1 and f"{src}:2" in report.errors[0] and "coding failed" in report.errors[0]
    with open_store(db) as store:
        uncoded = list(store.iter_articles(uncoded_only=True))
        assert [a.origin for a in uncoded] == [f"{src}:2"]  # kept, uncoded: a re-run tries it again
        assert uncoded[0].id in report.errors[0]
        assert {e["article_id"] for e in store.iter_events()} - {uncoded[0].id}
    again = eventwire.code(db=db)
    assert again.failed_articles == [uncoded[0].id] and again.articles == 0


@pytest.mark.slow
def test_dask_worker_keeps_a_partitions_good_records(tmp_path, small_limit, faulty_nlp):
    from eventwire.batch.partitions import partition_inputs
    from eventwire.batch.work import Job, process_partition

    src = _jsonl(tmp_path / "in.jsonl", ["Rebels attacked an army base in Mali on Friday.", _long_text(20),
                                         f"The {FAULT_WORD} council met in Paris.",
                                         "Kenya and Uganda held talks in Nairobi on Tuesday."])
    (part,) = list(partition_inputs([src]))
    outcome = process_partition(part, Job(events=True, reader_options={"format": "auto"}))
    coded = {a.origin: evs for a, evs in outcome.rows}
    assert len(coded) == 4
    assert coded[f"{src}:3"] is None and [e for e in outcome.errors if f"{src}:3" in e]
    assert all(coded[f"{src}:{n}"] is not None for n in (1, 2, 4))
    assert len(outcome.errors) == 1


def test_sections_cover_the_text_exactly_and_cut_at_paragraphs():
    from eventwire.sections import split_sections

    text = _long_text(40)
    parts = split_sections(text, LIMIT)
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= LIMIT and text[o:o + len(p)] == p for o, p in parts)
    assert all(p.endswith("\n\n") for _, p in parts[:-1])  # cut after a paragraph break
    one_word = "x" * (3 * LIMIT + 5)  # nowhere to cut: hard cuts, still exact
    assert [len(p) for _, p in split_sections(one_word, LIMIT)] == [LIMIT, LIMIT, LIMIT, 5]
    assert split_sections("short", LIMIT) == [(0, "short")]


def test_long_sections_are_parsed_a_few_at_a_time(small_limit, monkeypatch):
    """nlp.pipe holds a whole batch in memory: sections of an over-long text go a few at a time."""
    from eventwire import sections
    from eventwire.schema import Article, article_id

    monkeypatch.setattr(sections, "PIPE_BATCH_CHARS", 2 * LIMIT)
    seen: list[int] = []
    real_pipe = type(small_limit).pipe

    def pipe(self, texts, batch_size=1000, **kw):
        seen.append(batch_size)
        return real_pipe(self, texts, batch_size=batch_size, **kw)

    monkeypatch.setattr(type(small_limit), "pipe", pipe)
    text = _long_text(30)
    out = sections.code_each([Article(id=article_id(text), text=text)], nlp=small_limit, batch_size=64)
    assert out[0] is not None and seen == [2]
