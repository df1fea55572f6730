"""Short and bare mentions that stand for a fuller one the article made before; mixed into
``actors.ActorResolver``.

* a name's short form, "the" and its last word ("the Commission"), is the nearest earlier fuller name ending in
  that word ("the EC's Executive Commission");
* a bare role noun ("the ministers", "Ministers also warned ...") is the group named before with the same noun
  and a country ("EC foreign ministers"), when every such earlier mention names the same one.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.schema import Entity


class EarlierMentions:
    """Earlier mentions of the article (see the module doc)."""

    doc: Doc
    _same_role: dict[tuple[str, int, str], str | None]

    def _resolve(self, tokens, head, *, coref: bool = True) -> Entity | None:  # ActorResolver's
        raise NotImplementedError

    def _phrase(self, token: Token) -> list[Token]:  # ActorResolver's
        raise NotImplementedError

    def _short_form_of(self, head: Token) -> Entity | None:
        """A name's short form, "the" and its last word ("the Commission", "the Fund", "the Front"), is the
        nearest earlier fuller name in the article ending in that word ("the EC's Executive Commission",
        "the International Monetary Fund") that resolves to a placed actor (a country or sector)."""
        for j in range(head.i - 1, -1, -1):
            t = self.doc[j]
            if t.text != head.text:
                continue
            toks = [x for x in self.doc[t.left_edge.i : j + 1] if not x.is_space]
            if len(toks) < 2:
                continue
            found = self._resolve(toks, t, coref=False)
            if found is not None and (found.country or found.sector):
                return found
        return None

    def _earlier_same_role(self, token: Token, sector: str) -> str | None:
        """A bare role noun ("the ministers", "Ministers also warned ...") is the group the article named before
        with the same noun and a country ("EC foreign ministers"), when every such earlier mention names the
        same one."""
        if any(c.dep_ not in ("det", "punct") or (c.dep_ == "det" and c.lower_ != "the") for c in token.children
               if c.i < token.i):
            return None  # "some ministers", "Japanese ministers": the phrase says itself whose, or whose not
        key = (token.lemma_.lower(), token.sent.start, sector)
        if key not in self._same_role:
            self._same_role[key] = self._named_before(token, sector)
        return self._same_role[key]

    def _named_before(self, token: Token, sector: str) -> str | None:
        found: set[str] = set()
        for t in self.doc[: token.sent.start]:
            if t.lemma_.lower() != token.lemma_.lower() or t.pos_ != "NOUN":
                continue
            if any(x.dep_ == "conj" for x in t.subtree if x.i < t.i):
                return None  # "Japanese and U.S. ministers": the ministers are both sides
            earlier = self._resolve(self._phrase(t), t, coref=False)
            if earlier is not None and earlier.country and earlier.sector == sector:
                found.add(earlier.country)
        return found.pop() if len(found) == 1 else None
