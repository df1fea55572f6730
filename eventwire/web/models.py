"""What the JSON API returns and accepts: Public and Create models, nothing internal.

Users appear as ``UserPublic`` (no password hash, no e-mail for others); the
session token is only ever a cookie.  Events are the export shape of
../shared/EVENT_SCHEMA.md plus ``review_status``.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class EntityPublic(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    text: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    # "article": the sentence did not name this participant, the article supplied it (coder/discourse.py);
    # "sentence": the sentence named the participant but not whose it is (or did not name the doer); its place
    # or the one state it acts on gave the country (coder/placing.py)
    from_: Literal["article", "sentence"] | None = Field(default=None, alias="from")


class PlacePublic(BaseModel):
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str | None = None


class EvidencePublic(BaseModel):
    sentence: str
    start: int
    end: int


class MoneyPublic(BaseModel):
    amount: float | None = None
    currency: str | None = None
    text: str | None = None


class QuantitiesPublic(BaseModel):
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None
    displaced: int | None = None
    troops: int | None = None
    money: list[MoneyPublic] = []


class ReviewPublic(BaseModel):
    status: str
    by: str | None = None
    at: str | None = None


class MentionPublic(BaseModel):
    article_id: str
    start: int | None = None
    end: int | None = None


class EventPublic(BaseModel):
    id: str
    article_id: str
    event_type: str
    mode: str | None
    actors: list[EntityPublic]
    recipients: list[EntityPublic]
    date: str | None
    date_precision: str
    date_stated: bool
    location: PlacePublic | None
    factuality: str
    quantities: QuantitiesPublic
    evidence: EvidencePublic
    confidence: float
    trigger: str | None
    mentions: list[MentionPublic]
    review: ReviewPublic | None
    review_status: Literal["unreviewed", "confirmed", "corrected", "rejected"]
    source_count: int | None = None


class EventPagePublic(BaseModel):
    items: list[EventPublic]
    next_cursor: str | None = Field(description="pass as ?cursor= for the next page; null on the last page")
    total: int | None = Field(description="events matching the filters (all pages); a lower bound unless "
                                          "total_exact; null on later pages (cursor given) unless exact_total")
    total_exact: bool = Field(description="false when counting stopped at 1,000 (ask with exact_total=true)")
    sort: str
    limit: int
    filters: dict[str, Any]


class ArticleRef(BaseModel):
    id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None


class RevisionPublic(BaseModel):
    number: int
    action: str
    by: str | None
    at: datetime
    changes: dict[str, Any]
    reason: str | None
    fields: dict[str, Any]


class CommentPublic(BaseModel):
    id: int
    by: str
    body: str
    created_at: datetime
    hidden: bool
    hidden_by: str | None = None
    hidden_reason: str | None = None


class EventDetailPublic(EventPublic):
    merged_into: str | None
    article: ArticleRef
    history: list[RevisionPublic]
    comments: list[CommentPublic]


class ArticleListItem(ArticleRef):
    dateline: str | None
    n_events: int


class ArticlePagePublic(BaseModel):
    items: list[ArticleListItem]
    next_cursor: str | None
    limit: int


class ArticlePublic(ArticleRef):
    external_id: str | None
    dateline: str | None
    text: str
    events: list[EventPublic]


class ActorCount(BaseModel):
    name: str
    country: str | None
    sector: str | None
    as_actor: int
    as_recipient: int
    events: int


class PlaceCount(BaseModel):
    name: str
    country: str | None
    admin1: str | None  # GeoNames' division code ("ML.10"; a US state's "TX")
    precision: str | None
    lat: float | None
    lon: float | None
    count: int
    label: str | None = None  # "Kidal, Mali"
    region: str | None = None  # the division's name where known ("Texas")
    country_name: str | None = None
    country_numeric: str | None = None  # ISO 3166-1 numeric: the map's country shapes are keyed by it


class PeriodCount(BaseModel):
    period: str
    precision: Literal["day", "week", "month", "year"]  # what the period is: a coarser date keeps its own
    event_type: str
    count: int


class MapPoint(BaseModel):
    name: str
    country: str | None
    precision: str | None = None  # city, region or country: a country is drawn shaded, not as a dot
    label: str | None = None
    country_name: str | None = None
    country_numeric: str | None = None
    lat: float
    lon: float
    count: int
    by_type: dict[str, int]


class NetworkNode(BaseModel):
    id: str  # a country code, "org:CODE:Name" or "person:CODE:Name"
    kind: Literal["country", "organisation", "person"]
    code: str | None  # the country or PLOVER non-state code
    name: str | None  # the organisation's or person's name (None for a country)
    label: str  # what the page writes
    title: str  # the tooltip: the label with what the code means
    count: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    count: int
    cooperation: int
    conflict: int
    tone: Literal["cooperation", "conflict"]
    by_type: dict[str, int]


class NetworkPublic(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class OverviewFreshness(BaseModel):
    """How current the data is: the newest article stored, the last successful feed poll."""
    last_article_at: datetime | None
    last_feed_success_at: datetime | None
    age_seconds: int | None
    age: str  # "5 minutes", "no data yet"
    feeds: int
    failing_feeds: int


class Overview(BaseModel):
    articles: int
    events: int
    by_type: dict[str, int]
    by_week: list[PeriodCount]
    top_actors: list[ActorCount]
    latest: list[EventPublic]
    freshness: OverviewFreshness | None = None


class UserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    username: str
    role: str
    created_at: datetime
    disabled: bool


class Me(BaseModel):
    user: UserPublic | None
    csrf_token: str = Field(description="send as the X-CSRF-Token header with every write")
    signup: Literal["open", "invitation", "closed"]


class SessionPublic(BaseModel):
    id: str
    created_at: datetime
    expires_at: datetime
    current: bool = Field(description="the session of this request")


class PasswordChangeIn(BaseModel):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


class LoginIn(BaseModel):
    username: str = Field(max_length=255)
    password: str = Field(max_length=1024)


class SignupIn(BaseModel):
    username: str = Field(max_length=40)
    password: str = Field(max_length=1024)
    email: str | None = Field(default=None, max_length=254)
    invitation: str | None = Field(default=None, max_length=200)


class ReviewIn(BaseModel):
    action: Literal["confirm", "correct", "reject"]
    changes: dict[str, Any] | None = Field(
        default=None, description="for a correction: {field: new value}; fields are event_type, mode, actors, "
                                  "recipients, location, date, date_precision, factuality, quantities")
    reason: str | None = Field(default=None, max_length=2000)


class CommentIn(BaseModel):
    body: str = Field(min_length=1, max_length=5000)


class HideIn(BaseModel):
    reason: str | None = Field(default=None, max_length=2000)


class RoleIn(BaseModel):
    role: Literal["reader", "member", "reviewer", "admin"]


class DisabledIn(BaseModel):
    disabled: bool


class InvitationIn(BaseModel):
    role: Literal["reader", "member", "reviewer", "admin"] = "member"


class InvitationPublic(BaseModel):
    code: str
    role: str
