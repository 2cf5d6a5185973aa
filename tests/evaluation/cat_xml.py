"""Build tiny MEANTIME CAT XML documents for tests: sentences of words, and markables over them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CatBuilder:
    """Collect tokens, markables and relations; ``xml()`` returns the document."""

    tokens: list[tuple[int, int, str]] = field(default_factory=list)
    markables: list[str] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)
    next_id: int = 1000

    def sentence(self, text: str) -> list[int]:
        """Add a sentence (words split on spaces); return its token ids."""
        number = 1 + max((s for _, s, _ in self.tokens), default=-1)
        ids = []
        for word in text.split(" "):
            t_id = len(self.tokens) + 1
            self.tokens.append((t_id, number, word))
            ids.append(t_id)
        return ids

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def _markable(self, tag: str, attributes: str, t_ids: list[int]) -> int:
        m_id = self._id()
        anchors = "".join(f'<token_anchor t_id="{t}"/>' for t in t_ids)
        self.markables.append(f'<{tag} m_id="{m_id}" {attributes}>{anchors}</{tag}>')
        return m_id

    def event(self, t_ids: list[int], pos: str = "VERB", document_level: bool = True) -> int:
        comment = 'comment="" ' if document_level else ""
        return self._markable("EVENT_MENTION", f'{comment}pos="{pos}" certainty="CERTAIN"', t_ids)

    def entity(
        self, t_ids: list[int], ent_type: str, head: str, syntactic_type: str = "NAM", document_level: bool = True
    ) -> int:
        attributes = f'comment="" head="{head}" syntactic_type="{syntactic_type}"' if document_level else ""
        m_id = self._markable("ENTITY_MENTION", attributes, t_ids)
        instance = self._id()
        self.markables.append(f'<ENTITY m_id="{instance}" ent_type="{ent_type}" instance_id="X{instance}"/>')
        self.relations.append(
            f'<REFERS_TO r_id="{self._id()}"><source m_id="{m_id}"/><target m_id="{instance}"/></REFERS_TO>'
        )
        return m_id

    def timex(self, t_ids: list[int], value: str, type: str = "DATE", dct: bool = False) -> int:
        function = "CREATION_TIME" if dct else "NONE"
        return self._markable(
            "TIMEX3", f'comment="" type="{type}" value="{value}" functionInDocument="{function}"', t_ids
        )

    def tlink(self, source: int, target: int, reltype: str) -> None:
        self.relations.append(
            f'<TLINK r_id="{self._id()}" comment="" reltype="{reltype}">'
            f'<source m_id="{source}"/><target m_id="{target}"/></TLINK>'
        )

    def xml(self, name: str = "1_test") -> str:
        tokens = "\n".join(
            f'<token number="{i}" sentence="{s}" t_id="{t}">{w}</token>' for i, (t, s, w) in enumerate(self.tokens)
        )
        return (
            f'<?xml version="1.0" ?><Document doc_id="1" doc_name="{name}" lang="en" url="http://x">\n{tokens}\n'
            f"<Markables>{''.join(self.markables)}</Markables><Relations>{''.join(self.relations)}</Relations>"
            "</Document>"
        )
