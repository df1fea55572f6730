from eventwire.render import describe_article, describe_event


def test_describe_event_line():
    event = {
        "event_type": "CONSULT", "mode": "visit", "factuality": "future", "confidence": 0.81,
        "actors": [{"text": "Kerry", "name": "John Kerry", "country": "USA", "sector": "GOV"}],
        "recipients": [{"text": "Lavrov", "name": "Sergei Lavrov", "country": "RUS", "sector": None}],
        "location": {"name": "Rome", "country": "ITA"}, "date": "2014-12-14",
        "quantities": {"killed": 0, "injured": None, "money": [{"amount": 1e9, "currency": "USD", "text": "$1 billion"}]},
        "evidence": {"sentence": "Kerry will meet Lavrov in Rome.", "start": 0, "end": 31},
    }
    line = describe_event(event)
    assert line.startswith("CONSULT/visit")
    for part in ("John Kerry (USA, GOV) -> Sergei Lavrov (RUS)", "in Rome, ITA", "on 2014-12-14", "[future]",
                 "killed=0", "$1 billion", "conf 0.81", "\u201cKerry will meet Lavrov in Rome.\u201d"):
        assert part in line


def test_describe_article_counts_paragraphs():
    text = "First paragraph here.\n\nSecond one."
    out = describe_article({"title": "T", "published": "2024-01-01", "text": text})
    assert "T  [2024-01-01]" in out and "2 paragraphs, 5 words" in out
