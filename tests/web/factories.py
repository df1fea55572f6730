"""Hand-built articles and events for the web tests (no spaCy), and users of every role."""
from __future__ import annotations

from eventwire import members
from eventwire.schema import Article, Entity, Event, Evidence, Place, article_id, empty_quantities

PASSWORD = "correct horse battery"
XSS_TITLE = '<img src=x onerror="window.__xss=1">Headline'
XSS_SENTENCE = 'Rebels <script>window.__xss=2;alert(1)</script> attacked the <b id="injected">town</b> of Goma.'


def _event(article: Article, sentence: str, event_type: str, **fields) -> Event:
    start = article.text.index(sentence)
    return Event(article_id=article.id, event_type=event_type,
                 evidence=Evidence(sentence=sentence, start=start, end=start + len(sentence)), **fields)


def plain_article() -> tuple[Article, list[Event]]:
    s1 = "The foreign minister of France met Kenyan officials in Nairobi on Monday."
    s2 = "Police arrested 12 protesters outside the parliament building."
    s3 = "Protesters marched through the capital demanding new elections."
    text = f"{s1} It was a long meeting.\n\n{s2}\n\n{s3}"
    article = Article(id=article_id(text), text=text, title="Talks in Nairobi", published="2024-03-04",
                      source="Test Wire", url="https://example.org/nairobi", format="text")
    nairobi = Place(name="Nairobi", country="KEN", admin1="Nairobi", lat=-1.2864, lon=36.8172, geonameid=184745,
                    precision="city")
    q = empty_quantities()
    q["arrested"] = 12
    events = [
        _event(article, s1, "CONSULT", mode="visit", date="2024-03-04", date_precision="day", date_stated=True,
               actors=[Entity(text="The foreign minister of France", name="Foreign Minister", country="FRA", sector="GOV")],
               recipients=[Entity(text="Kenyan officials", name="Kenyan officials", country="KEN", sector="GOV")],
               location=nairobi, confidence=0.9, trigger="met"),
        _event(article, s2, "COERCE", mode="arrest", date="2024-03-04", date_precision="day",
               actors=[Entity(text="Police", name="Kenyan Police", country="KEN", sector="COP")],
               recipients=[Entity(text="protesters", name="protesters", country="KEN", sector="CVL")],
               location=nairobi, quantities=q, confidence=0.8, trigger="arrested"),
        _event(article, s3, "PROTEST", date="2024-02", date_precision="month", factuality="asserted",
               actors=[Entity(text="Protesters", name="protesters", country="KEN", sector="CVL")],
               recipients=[], location=None, confidence=0.6, trigger="marched"),
    ]
    return article, events


def xss_article() -> tuple[Article, list[Event]]:
    text = f"{XSS_SENTENCE}\n\nOfficials in Kinshasa <i>condemned</i> the attack & called for calm."
    article = Article(id=article_id(text), text=text, title=XSS_TITLE, published="2024-03-11",
                      source='<script>alert("src")</script>', url="javascript:alert(1)", format="html")
    events = [_event(article, XSS_SENTENCE, "ASSAULT", date="2024-03-10", date_precision="day",
                     actors=[Entity(text="Rebels <script>", name="<script>alert(3)</script>", country="COD", sector="REB")],
                     recipients=[Entity(text="town", name="Goma", country="COD", sector="CVL")],
                     location=Place(name="Goma<svg onload=alert(4)>", country="COD", lat=-1.68, lon=29.22,
                                    precision="city"), confidence=0.7, trigger="attacked")]
    return article, events


def fill(store) -> dict[str, list[str]]:
    """Save both articles; return {article_id: [event ids]}."""
    batch = [plain_article(), xss_article()]
    store.save(batch, coder_version="test")
    return {a.id: [e.id for e in evs] for a, evs in batch}


def make_users(store) -> dict[str, members.User]:
    return {role: members.add_user(store, username=f"{role}1", password=PASSWORD, role=role)
            for role in members.ROLES}


def actors_article() -> tuple[Article, list[Event]]:
    """Organisations, a person and dates of every precision: what the network, timeline and map must tell apart."""
    s = ["NATO warned Russia over the drills.", "The United Nations sent food to Mali.",
         "The European Union imposed sanctions on Russia.", "John Kerry met Russian officials.",
         "Kenyan police dispersed protesters in Kidal."]
    text = " ".join(s)
    article = Article(id=article_id(text), text=text, title="Organisations and people", published="2024-03-12",
                      source="Test Wire", format="text")
    mali = Place(name="Mali", country="MLI", lat=12.65, lon=-8.0, geonameid=2453866, precision="country")
    kidal = Place(name="Kidal", country="MLI", admin1="ML.10", lat=18.44, lon=1.41, geonameid=2455290,
                  precision="city")
    russia = [Entity(text="Russia", name="Russia", country="RUS", sector=None)]
    events = [
        _event(article, s[0], "THREATEN", date="2024-03-05", date_precision="day",
               actors=[Entity(text="NATO", name="NATO", country="IGO", sector="MIL")], recipients=russia,
               confidence=0.8),
        _event(article, s[1], "AID", date="2024-03", date_precision="month",
               actors=[Entity(text="The United Nations", name="United Nations", country="UNO")],
               recipients=[Entity(text="Mali", name="Mali", country="MLI")], location=mali, confidence=0.8),
        _event(article, s[2], "SANCTION", date="2024", date_precision="year",
               actors=[Entity(text="The European Union", name="European Union", country="EUR")], recipients=russia,
               confidence=0.8),
        _event(article, s[3], "CONSULT", date="2024-03-12", date_precision="day",
               actors=[Entity(text="John Kerry", name="John Kerry", country="USA", sector="GOV", wikidata="Q22316")],
               recipients=[Entity(text="Russian officials", name="Russian officials", country="RUS", sector="GOV")],
               confidence=0.8),
        _event(article, s[4], "COERCE", date="2024-03-12", date_precision="day",
               actors=[Entity(text="Kenyan police", name="Kenyan police", country="KEN", sector="COP")],
               recipients=[Entity(text="protesters", name="protesters", country="KEN", sector="CVL")],
               location=kidal, confidence=0.8),
    ]
    return article, events
