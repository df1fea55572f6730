from eventwire.articles import articles_from_document, date_from_dateline
from eventwire.schema import RawDocument, article_id


def raw(content, **kw):
    kw.setdefault("format", "text")
    return RawDocument(content=content, content_type="text", origin="mem.txt", **kw)


PAGE = """Dam talks resume between Egypt and Sudan

Egyptian and Sudanese water ministers resumed talks on the river dam on Monday in Cairo, officials said.

The two sides agreed to meet again next month.

Member comments

Log in here to leave a comment.


Floods force thousands from homes in Bangladesh

Heavy monsoon rains forced about 20,000 people from their homes in northern Bangladesh this week.

Relief agencies said more rain was expected.
"""


def test_text_page_becomes_one_article_per_story_with_stable_ids():
    arts = articles_from_document(raw(PAGE), published="2024-07-01")
    assert [a.title for a in arts] == ["Dam talks resume between Egypt and Sudan",
                                       "Floods force thousands from homes in Bangladesh"]
    for a in arts:
        assert a.id == article_id(a.text)
        assert a.published == "2024-07-01"
        assert "comment" not in a.text.lower()
    again = articles_from_document(raw(PAGE.replace("\n\n", "\n\n\n")), published="2024-07-01")
    assert [a.id for a in again] == [a.id for a in arts]


def test_external_id_gets_story_number_only_when_split():
    arts = articles_from_document(raw(PAGE, external_id="page-7"))
    assert [a.external_id for a in arts] == ["page-7#1", "page-7#2"]
    one = articles_from_document(RawDocument(content="One story only. It has two sentences.", content_type="text",
                                             origin="x.jsonl:3", format="jsonl", external_id="r1", title="T"))
    assert [a.external_id for a in one] == ["r1"]
    assert one[0].title == "T"


def test_published_precedence():
    # JSONL metadata wins over the --published default; text pages take the flag
    doc = RawDocument(content="A story. It has words.", content_type="text", origin="x", format="jsonl", published="2020-01-02")
    assert articles_from_document(doc, published="1999-09-09")[0].published == "2020-01-02"
    doc.published = None
    assert articles_from_document(doc, published="1999-09-09")[0].published == "1999-09-09"


def test_dateline_dates_need_a_year():
    assert date_from_dateline("KYIV, June 16, 2022 (AFP) -") == "2022-06-16"
    assert date_from_dateline("SALVADOR, Feb 26 -") is None
    assert date_from_dateline(None) is None
