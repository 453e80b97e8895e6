"""Reading a pack's content: `pack.yaml` (title, topics, publisher) and the item files,
each item checked against the rules of its type and its quotes against the corpus."""

from __future__ import annotations

import os
from pathlib import Path

from yaml.nodes import Node, ScalarNode

from .corpus_reader import CorpusReader
from .disputes import check_sides, two_sides
from .model import CLAIMANT_TYPES, ITEM_TYPES, Claimant, Item, Quote
from .pack_format import (
    CLAIMANT_KEYS, COMMON_KEYS, EVIDENCE_KEYS, MYTH_OR_FACT_ANSWERS, PACK_FILE, PACK_KEYS, PACK_OPTIONAL, date_problem,
    QUOTE_KEYS, REQUIRED, SIDES, SLUG, TYPE_KEYS, TYPE_OPTIONAL,
)
from .problems import Findings, Problem
from .verbatim import VerbatimCheck
from .yamlfile import YamlFile, shown


class ContentReader:
    """Reads pack.yaml and the items, collecting problems; the corpus is already read."""

    def __init__(self, content_dir: Path, corpus: CorpusReader, findings: Findings) -> None:
        self.content_dir = content_dir
        self.findings = findings
        self.problems = findings.problems
        self.sources = corpus.sources
        self.broken_sources = corpus.broken_sources
        self.texts = corpus.texts
        self.verbatim = VerbatimCheck(corpus.texts, corpus.sources, findings.problems)
        self.topics: dict[str, str] = {}
        self.publisher: str | None = None
        self.date: str | None = None  # the pack's own: the day its content was last reviewed
        # One copy of each text that items repeat (quotes, types, topics, source ids,
        # choices, claimants): each YAML node has its own, and 100,000 items held ~80 MB
        # of copies.
        self._copies: dict[str, str] = {}
        self._quotes: dict[str, dict[str, Quote]] = {}  # one Quote for each (source, text)
        self._claimants: dict[Claimant, Claimant] = {}  # one Claimant for each (name, type, per)

    def one(self, text: str) -> str:
        """The one copy of `text` that every item repeating it shares."""
        return self._copies.setdefault(text, text)

    def claimant(self, claimant: Claimant) -> Claimant:
        """The one Claimant that every item naming the same claimant shares."""
        return self._claimants.setdefault(claimant, claimant)

    def quote(self, sid: str, text: str) -> Quote:
        """The one Quote of `text` in `sid` that every item quoting it shares."""
        quotes = self._quotes.get(sid)
        if quotes is None:
            quotes = self._quotes[self.one(sid)] = {}
        found = quotes.get(text)
        if found is None:
            found = quotes[text] = Quote(self.one(sid), text)
        return found

    # ---- the corpus ----

    # ---- pack.yaml ----

    def read_pack_file(self) -> tuple[str, str]:
        yf = YamlFile(self.content_dir / PACK_FILE, self.problems, root=self.content_dir)
        self.findings.opened(yf.name)
        root = yf.parse()
        if root is None:
            return "", ""
        entries = yf.mapping(root, PACK_FILE)
        if entries is None:
            return "", ""
        yf.unknown_keys(entries, PACK_KEYS + PACK_OPTIONAL, PACK_FILE)
        yf.required(entries, PACK_KEYS, root, PACK_FILE)
        if "publisher" in entries:
            self.publisher = yf.text(entries["publisher"][1], "'publisher'")
        else:
            # Reported, but the pack stays usable: only the ClaimReview export needs it.
            self.problems.append(Problem(
                yf.name, root.start_mark.line + 1,
                f"{PACK_FILE} is missing the key 'publisher' (who curates the pack and signs its "
                "ClaimReview reviews)", blocking=False,
            ))
        if "date" in entries:  # YYYY-MM-DD, quoted or not; ClaimReview's datePublished
            node = entries["date"][1]
            date = node.value if isinstance(node, ScalarNode) and node.tag.endswith(":timestamp") else yf.text(node, "'date'")
            why = date and (date_problem(date) or (None if len(date) == 10 else "date must be YYYY-MM-DD"))
            self.date = None if why else date
            if why:
                yf.problem(node, why)
        title = yf.text(entries["title"][1], "'title'") if "title" in entries else None
        description = (
            yf.text(entries["description"][1], "'description'") if "description" in entries else None
        )
        if "topics" in entries:
            topics = yf.mapping(entries["topics"][1], "'topics'")
            for slug, (key_node, value_node) in (topics or {}).items():
                if not SLUG.match(slug):
                    yf.problem(key_node, f"topic {shown(slug)} must be lower-case letters, digits and hyphens")
                    continue
                name = yf.text(value_node, f"the name of topic {shown(slug)}")
                if name is not None:
                    self.topics[slug] = name
            if topics is not None and not topics:
                yf.problem(entries["topics"][1], "'topics' declares no topic")
        return title or "", description or ""

    # ---- the item files ----

    def read_items(self) -> list[Item]:
        from .characters import check_item  # invisible characters, lookalike choices

        items: list[Item] = []
        first_seen: dict[str, Item] = {}
        for path in self._item_files():
            yf = YamlFile(path, self.problems, root=self.content_dir)
            self.findings.opened(yf.name)
            root = yf.parse()
            if root is None:
                continue
            top = yf.mapping(root, path.name)
            if top is None:
                continue
            yf.unknown_keys(top, ("items",), path.name)
            if "items" not in top:
                yf.problem(root, "an item file must have one key, 'items:', holding a list")
                continue
            for node in yf.sequence(top["items"][1], "'items'") or ():
                item = self._read_item(yf, node)
                if item is None:
                    continue
                first = first_seen.get(item.id)
                if first is not None:
                    yf.problem(node, f"item id {shown(item.id)} is used twice (first at {first.file}:{first.line})")
                    continue
                first_seen[item.id] = item
                items.append(item)
                check_item(node, yf.problem, shown)
        return items

    def _item_files(self) -> list[Path]:
        """The item files: every `*.yaml` of the content dir but pack.yaml, sorted by name.
        A `*.yml` file is reported, not silently skipped."""
        try:
            names = sorted(os.listdir(self.content_dir))
        except OSError as exc:
            self.problems.append(
                Problem(str(self.content_dir), None, f"cannot list the directory: {exc.strerror or exc}")
            )
            return []
        for name in names:
            if name.endswith(".yml") and not name.startswith("."):
                self.problems.append(Problem(
                    str(self.content_dir / name), None,
                    "not read: item files end in .yaml (rename it, or move it out of the content directory)",
                ))
        return [self.content_dir / name for name in names if name.endswith(".yaml") and name != PACK_FILE]

    def _read_item(self, yf: YamlFile, node: Node) -> Item | None:
        entries = yf.mapping(node, "an item")
        if entries is None:
            return None
        ok = yf.required(entries, ("id", "type"), node, "an item")
        if not ok:
            return None
        item_id = yf.text(entries["id"][1], "'id'")
        kind = yf.text(entries["type"][1], "'type'")
        if item_id is None or kind is None:
            return None
        what = f"item {shown(item_id)}"
        if not SLUG.match(item_id):
            yf.problem(entries["id"][1], f"id {shown(item_id)} must be lower-case letters, digits and hyphens")
        if kind not in ITEM_TYPES:
            yf.problem(entries["type"][1], f"{what}: type {shown(kind)} is not one of {', '.join(ITEM_TYPES)}")
            return None
        known = COMMON_KEYS + TYPE_KEYS[kind] + TYPE_OPTIONAL[kind]
        yf.unknown_keys(entries, known, f"a {kind} {what}")
        required = tuple(k for k in COMMON_KEYS + TYPE_KEYS[kind] if k in REQUIRED[kind])
        if not yf.required(entries, required, node, what):
            return None
        v = {key: entries[key][1] for key in known if key in entries}

        topic = yf.text(v["topic"], "'topic'")
        if topic is not None and topic not in self.topics:
            declared = ", ".join(self.topics) or "none"
            yf.problem(v["topic"], f"{what}: topic {shown(topic)} is not declared in pack.yaml (declared: {declared})")
        verdict_by = (self._source_id(yf, v["verdict_by"], f"{what}: 'verdict_by'")
                      if "verdict_by" in v else "")
        explanation = yf.text(v["explanation"], f"{what}: 'explanation'")
        evidence = self._evidence(yf, v["evidence"], what)
        prompt_key = TYPE_KEYS[kind][0]
        prompt = yf.text(v[prompt_key], f"{what}: '{prompt_key}'")
        claimed_by = claim = None
        answer_node = v["answer"]
        if kind == "myth-or-fact":
            raw = yf.text(answer_node, f"{what}: 'answer'")
            answer = None
            if raw is not None:
                if raw.strip().lower() not in MYTH_OR_FACT_ANSWERS:
                    yf.problem(answer_node, f"{what}: answer must be 'myth', 'fact' or 'disputed', found {shown(raw)}")
                else:
                    answer = raw.strip().capitalize()
            if answer == "Disputed" and evidence is not None and not two_sides(evidence):
                sides = len({q.source for q in evidence})
                yf.problem(v["evidence"], f"{what}: a disputed item needs at least two evidence quotes from at "
                                          f"least two different sources (found {len(evidence)} from {sides})")
                evidence = None
            if answer is not None and evidence is not None and not check_sides(yf, v["evidence"], evidence, answer, what):
                evidence = None
            if answer not in (None, "Disputed") and "verdict_by" not in v:
                yf.problem(node, f"{what} is missing the key 'verdict_by' (only a disputed item may leave it out)")
                verdict_by = None
            claimed_by = self._claimant(yf, v["claimed_by"], what)
            choices: tuple[str, ...] | None = ()
            if "claim_quote" in v:
                claim = self._quote(yf, v["claim_quote"], f"{what}: 'claim_quote'")
        else:
            choices = self._choices(yf, v["choices"], what)
            answer = yf.text(answer_node, f"{what}: 'answer'")
            if choices is not None and answer is not None and answer not in choices:
                yf.problem(answer_node, f"{what}: answer {shown(answer)} is not one of the choices")
                answer = None
            if kind == "who-said" and prompt is not None and verdict_by in self.texts:
                self._verbatim(yf, v[prompt_key], verdict_by, prompt, f"{what}: 'said'")
            if evidence is not None and not check_sides(yf, v["evidence"], evidence, None, what):
                evidence = None

        if (topic is None or verdict_by is None or explanation is None or evidence is None or prompt is None
                or answer is None or choices is None):
            return None
        if kind == "myth-or-fact" and claimed_by is None:
            return None
        return Item(
            id=item_id,
            type=self.one(kind),
            topic=self.one(topic),
            prompt=prompt,
            answer=self.one(answer),
            choices=tuple(map(self.one, choices)),
            verdict_by=self.one(verdict_by),
            explanation=explanation,
            evidence=evidence,
            claimed_by=None if claimed_by is None else self.claimant(claimed_by),
            claim_quote=claim,
            file=yf.name,
            line=node.start_mark.line + 1,
        )

    def _claimant(self, yf: YamlFile, node: Node, what: str) -> Claimant | None:
        """`claimed_by`: a mapping {name, type, per}, or (older packs) the name alone."""
        if node.__class__ is ScalarNode:
            name = yf.text(node, f"{what}: 'claimed_by'")
            return None if name is None else Claimant(name, "", None)
        entries = yf.mapping(node, f"{what}: 'claimed_by'")
        if entries is None:
            return None
        yf.unknown_keys(entries, CLAIMANT_KEYS, f"{what}: 'claimed_by'")
        if not yf.required(entries, ("name", "type"), node, f"{what}: 'claimed_by'"):
            return None
        name = yf.text(entries["name"][1], f"{what}: 'claimed_by' name")
        kind = yf.text(entries["type"][1], f"{what}: 'claimed_by' type")
        if kind is not None and kind not in CLAIMANT_TYPES:
            yf.problem(entries["type"][1], f"{what}: 'claimed_by' type must be Person or Organization, found {shown(kind)}")
            kind = None
        per: str | None = ""
        if "per" in entries:
            per = self._source_id(yf, entries["per"][1], f"{what}: 'claimed_by' per")
        if name is None or kind is None or per is None:
            return None
        return Claimant(name, kind, per or None)

    def _source_id(self, yf: YamlFile, node: Node, what: str) -> str | None:
        sid = yf.text(node, what)
        if sid is not None and sid in self.broken_sources and sid not in self.sources:
            return None  # its entry in the sources file is broken, and reported there
        if sid is not None and sid not in self.sources:
            known = ", ".join(self.sources) or "none"
            yf.problem(node, f"{what}: unknown source {shown(sid)} (known: {known})")
            return None
        return sid

    def _choices(self, yf: YamlFile, node: Node, what: str) -> tuple[str, ...] | None:
        nodes = yf.sequence(node, f"{what}: 'choices'")
        if nodes is None:
            return None
        read = [yf.text(n, f"{what}: a choice") for n in nodes]
        values = [value for value in read if value is not None]
        if len(values) != len(read):
            return None
        if not 3 <= len(values) <= 5:
            yf.problem(node, f"{what}: choices must number 3 to 5, found {len(values)}")
            return None
        seen: set[str] = set()
        for n, value in zip(nodes, values):
            if value in seen:
                yf.problem(n, f"{what}: choice {shown(value)} appears twice")
                return None
            seen.add(value)
        return tuple(values)

    def _evidence(self, yf: YamlFile, node: Node, what: str) -> tuple[Quote, ...] | None:
        nodes = yf.sequence(node, f"{what}: 'evidence'")
        if nodes is None:
            return None
        if not nodes:
            yf.problem(node, f"{what}: evidence must hold at least one quote")
            return None
        read = [self._quote(yf, n, f"{what}: evidence", EVIDENCE_KEYS) for n in nodes]
        quotes = tuple(q for q in read if q is not None)
        return quotes if len(quotes) == len(read) else None

    def _quote(self, yf: YamlFile, node: Node, what: str, keys: tuple[str, ...] = QUOTE_KEYS) -> Quote | None:
        entries = yf.mapping(node, what)
        if entries is None:
            return None
        yf.unknown_keys(entries, keys, what)
        if not yf.required(entries, QUOTE_KEYS, node, what):
            return None
        sid = self._source_id(yf, entries["source"][1], f"{what}: 'source'")
        text = yf.text(entries["quote"][1], f"{what}: 'quote'")
        said_by = yf.text(entries["said_by"][1], f"{what}: 'said_by'") if "said_by" in entries else ""
        side: str | None = ""
        if "side" in entries:
            side = yf.text(entries["side"][1], f"{what}: 'side'")
            if side is not None and side not in SIDES:
                yf.problem(entries["side"][1], f"{what}: 'side' must be 'for' or 'against' (the item's "
                                               f"statement), found {shown(side)}")
                side = None
        if sid is None or text is None or said_by is None or side is None:
            return None
        if sid in self.texts and not self._verbatim(yf, entries["quote"][1], sid, text, what):
            return None
        if said_by or side:
            return Quote(self.one(sid), text, self.one(said_by) if said_by else None, self.one(side) if side else None)
        return self.quote(sid, text)

    def _verbatim(self, yf: YamlFile, node: Node, sid: str, text: str, what: str) -> bool:
        return self.verbatim.check(sid, text, yf.name, node.start_mark.line + 1, what)


def settle_claimant_types(items: list[Item]) -> list[Item]:
    """Give a `claimed_by` written as a plain string (older packs) its type: Person if the
    name is an option of one of the pack's who-said items, else Organization."""
    people = None
    settled: dict[Claimant, Claimant] = {}  # one typed Claimant for each untyped one
    for n, item in enumerate(items):
        claimant = item.claimed_by
        if claimant is not None and not claimant.type:
            typed = settled.get(claimant)
            if typed is None:
                if people is None:
                    people = {name for i in items if i.type == "who-said" for name in i.choices}
                kind = "Person" if claimant.name in people else "Organization"
                typed = settled[claimant] = claimant._replace(type=kind)
            items[n] = item._replace(claimed_by=typed)
    return items
