"""Loading and checking a pack: `corpus/sources.yaml`, the corpus files, `content/*.yaml`.

One pass does both jobs. `check_pack` returns every problem it finds, each with file and
line; `tui.pack.load_pack` turns that into a usable `Pack` or a `PackError`. The
rules enforced here are the ones README.md documents for pack authors.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .model import ITEM_TYPES, Item, Pack, Quote, Source
from .problems import PackError, Problem
from .yamlfile import YamlFile, iter_yaml_files

PACK_FILE = "pack.yaml"
SOURCES_FILE = "sources.yaml"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")

SOURCE_KEYS = (
    "id", "file", "title", "publisher", "date", "date_note", "genre", "perspective", "sha256",
)
SOURCE_OPTIONAL = ("cite_as",)
PACK_KEYS = ("title", "description", "topics")
COMMON_KEYS = ("id", "type", "topic", "verdict_by", "explanation", "evidence")
TYPE_KEYS = {
    "myth-or-fact": ("statement", "answer", "claimed_by"),
    "choice": ("question", "choices", "answer"),
    "who-said": ("said", "choices", "answer"),
}
TYPE_OPTIONAL = {"myth-or-fact": ("claim_quote",), "choice": (), "who-said": ()}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class _PackReader:
    """Reads one pack, collecting problems instead of stopping at the first."""

    def __init__(self, content_dir: Path, corpus_dir: Path, verify_quotes: bool) -> None:
        self.content_dir = content_dir
        self.corpus_dir = corpus_dir
        self.verify_quotes = verify_quotes
        self.problems: list[Problem] = []
        self.sources: dict[str, Source] = {}
        # Sources whose entry is broken (already reported): items citing them, and the file
        # they list, are not reported again.
        self.broken_sources: set[str] = set()
        self._broken_files: set[Path] = set()
        self.texts: dict[str, str] = {}
        self.topics: dict[str, str] = {}

    # ---- the corpus ----

    def read_sources(self) -> None:
        path = self.corpus_dir / SOURCES_FILE
        yf = YamlFile(path, self.problems)
        root = yf.parse()
        if root is None:
            return
        top = yf.mapping(root, SOURCES_FILE)
        if top is None:
            return
        yf.unknown_keys(top, ("sources",), SOURCES_FILE)
        if "sources" not in top:
            yf.problem(root, f"{SOURCES_FILE} must have a 'sources:' list")
            return
        entries = yf.sequence(top["sources"][1], "'sources'")
        listed: set[Path] = set()
        for node in entries or ():
            source = self._read_source(yf, node)
            if source is None:
                self._note_broken(node)
                continue
            if source.id in self.sources:
                yf.problem(node, f"source id {source.id!r} is used twice")
                continue
            self.sources[source.id] = source
            if source.path is not None:
                listed.add(source.path)
        if self.corpus_dir.is_dir():
            for extra in sorted(self.corpus_dir.iterdir()):
                if extra.name == SOURCES_FILE or extra.name.startswith("."):
                    continue
                if extra.resolve() not in listed | self._broken_files:
                    self.problems.append(
                        Problem(str(extra), None, f"file is not listed in {SOURCES_FILE}")
                    )

    def _note_broken(self, node) -> None:
        """Remember the id and file of a source entry that was refused (and reported)."""
        for key_node, value_node in getattr(node, "value", ()) if isinstance(getattr(node, "value", None), list) else ():
            if not hasattr(key_node, "value") or not isinstance(getattr(value_node, "value", None), str):
                continue
            if key_node.value == "id":
                self.broken_sources.add(value_node.value)
            elif key_node.value == "file":
                try:
                    self._broken_files.add((self.corpus_dir / value_node.value).resolve())
                except (OSError, ValueError):
                    pass

    def _read_source(self, yf: YamlFile, node) -> Source | None:
        entries = yf.mapping(node, "a source")
        if entries is None:
            return None
        yf.unknown_keys(entries, SOURCE_KEYS + SOURCE_OPTIONAL, "a source")
        if not yf.required(entries, SOURCE_KEYS, node, "a source"):
            return None
        values: dict[str, str | None] = {}
        for key in SOURCE_KEYS + SOURCE_OPTIONAL:
            if key not in entries:
                continue
            reader = yf.optional_text if key in ("publisher",) else yf.text
            values[key] = reader(entries[key][1], f"'{key}'")
        if any(values.get(k) is None for k in SOURCE_KEYS if k != "publisher"):
            return None
        sid = values["id"] or ""
        if not SLUG.match(sid):
            yf.problem(entries["id"][1], f"source id {sid!r} must be lower-case letters, digits and hyphens")
            return None
        if not DATE.match(values["date"] or ""):
            yf.problem(entries["date"][1], "date must be YYYY, YYYY-MM or YYYY-MM-DD (explain in date_note)")
        digest = (values["sha256"] or "").lower()
        if not HEX64.match(digest):
            yf.problem(entries["sha256"][1], "sha256 must be 64 hexadecimal digits")
        path = self._read_document(yf, entries["file"][1], values["file"] or "", sid, digest)
        return Source(
            id=sid,
            file=values["file"] or "",
            title=values["title"] or "",
            publisher=values.get("publisher"),
            date=values["date"] or "",
            date_note=values["date_note"] or "",
            genre=values["genre"] or "",
            perspective=values["perspective"] or "",
            sha256=digest,
            cite_as=values.get("cite_as"),
            path=path,
        )

    def _read_document(self, yf: YamlFile, node, name: str, sid: str, digest: str) -> Path | None:
        """Check that a corpus file is inside the corpus dir, UTF-8, and matches its hash."""
        if Path(name).is_absolute() or ".." in Path(name).parts:
            yf.problem(node, f"file {name!r} must be a plain name inside the corpus directory")
            return None
        root = self.corpus_dir.resolve()
        path = (self.corpus_dir / name).resolve()
        if root not in path.parents:
            yf.problem(node, f"file {name!r} leads outside the corpus directory (through a link)")
            return None
        if not path.is_file():
            yf.problem(node, f"file {name!r} does not exist in {self.corpus_dir}")
            return None
        try:
            data = path.read_bytes()
        except OSError as exc:
            yf.problem(node, f"cannot read {name!r}: {exc.strerror or exc}")
            return None
        actual = hashlib.sha256(data).hexdigest()
        if HEX64.match(digest) and actual != digest:
            yf.problem(
                node,
                f"{name} has sha256 {actual[:12]}…, not {digest[:12]}… as listed: corpus files must "
                "stay byte-identical to the originals",
            )
        try:
            self.texts[sid] = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            self.problems.append(Problem(str(path), line, f"not UTF-8: byte 0x{data[exc.start]:02X}"))
        return path

    # ---- the content ----

    def read_pack_file(self) -> tuple[str, str]:
        yf = YamlFile(self.content_dir / PACK_FILE, self.problems)
        root = yf.parse()
        if root is None:
            return "", ""
        entries = yf.mapping(root, PACK_FILE)
        if entries is None:
            return "", ""
        yf.unknown_keys(entries, PACK_KEYS, PACK_FILE)
        yf.required(entries, PACK_KEYS, root, PACK_FILE)
        title = yf.text(entries["title"][1], "'title'") if "title" in entries else None
        description = (
            yf.text(entries["description"][1], "'description'") if "description" in entries else None
        )
        if "topics" in entries:
            topics = yf.mapping(entries["topics"][1], "'topics'")
            for slug, (key_node, value_node) in (topics or {}).items():
                if not SLUG.match(slug):
                    yf.problem(key_node, f"topic {slug!r} must be lower-case letters, digits and hyphens")
                    continue
                name = yf.text(value_node, f"the name of topic {slug!r}")
                if name is not None:
                    self.topics[slug] = name
            if topics is not None and not topics:
                yf.problem(entries["topics"][1], "'topics' declares no topic")
        return title or "", description or ""

    def read_items(self) -> list[Item]:
        items: list[Item] = []
        first_seen: dict[str, str] = {}
        for path in iter_yaml_files(self.content_dir, PACK_FILE):
            yf = YamlFile(path, self.problems)
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
                where = f"{yf.name}:{item.line}"
                if item.id in first_seen:
                    yf.problem(node, f"item id {item.id!r} is used twice (first at {first_seen[item.id]})")
                    continue
                first_seen[item.id] = where
                items.append(item)
        return items

    def _read_item(self, yf: YamlFile, node) -> Item | None:
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
        what = f"item {item_id!r}"
        if not SLUG.match(item_id):
            yf.problem(entries["id"][1], f"id {item_id!r} must be lower-case letters, digits and hyphens")
        if kind not in ITEM_TYPES:
            yf.problem(entries["type"][1], f"{what}: type {kind!r} is not one of {', '.join(ITEM_TYPES)}")
            return None
        known = COMMON_KEYS + TYPE_KEYS[kind] + TYPE_OPTIONAL[kind]
        yf.unknown_keys(entries, known, f"a {kind} {what}")
        if not yf.required(entries, COMMON_KEYS + TYPE_KEYS[kind], node, what):
            return None
        v = {key: entries[key][1] for key in known if key in entries}

        topic = yf.text(v["topic"], "'topic'")
        if topic is not None and topic not in self.topics:
            declared = ", ".join(self.topics) or "none"
            yf.problem(v["topic"], f"{what}: topic {topic!r} is not declared in pack.yaml (declared: {declared})")
        verdict_by = self._source_id(yf, v["verdict_by"], f"{what}: 'verdict_by'")
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
                if raw.strip().lower() not in ("myth", "fact"):
                    yf.problem(answer_node, f"{what}: answer must be 'myth' or 'fact', found {raw!r}")
                else:
                    answer = raw.strip().capitalize()
            claimed_by = yf.text(v["claimed_by"], f"{what}: 'claimed_by'")
            choices: tuple[str, ...] | None = ()
            if "claim_quote" in v:
                claim = self._quote(yf, v["claim_quote"], f"{what}: 'claim_quote'")
        else:
            choices = self._choices(yf, v["choices"], what)
            answer = yf.text(answer_node, f"{what}: 'answer'")
            if choices is not None and answer is not None and answer not in choices:
                yf.problem(answer_node, f"{what}: answer {answer!r} is not one of the choices")
                answer = None
            if kind == "who-said" and prompt is not None and verdict_by in self.texts:
                self._verbatim(yf, v[prompt_key], verdict_by, prompt, f"{what}: 'said'")

        if None in (topic, verdict_by, explanation, evidence, prompt, answer, choices):
            return None
        if kind == "myth-or-fact" and claimed_by is None:
            return None
        return Item(
            id=item_id,
            type=kind,
            topic=topic,
            prompt=prompt,
            answer=answer,
            choices=choices,
            verdict_by=verdict_by,
            explanation=explanation,
            evidence=evidence,
            claimed_by=claimed_by,
            claim_quote=claim,
            file=yf.name,
            line=node.start_mark.line + 1,
        )

    def _source_id(self, yf: YamlFile, node, what: str) -> str | None:
        sid = yf.text(node, what)
        if sid is not None and sid in self.broken_sources and sid not in self.sources:
            return None  # its entry in the sources file is broken, and reported there
        if sid is not None and sid not in self.sources:
            known = ", ".join(self.sources) or "none"
            yf.problem(node, f"{what}: unknown source {sid!r} (known: {known})")
            return None
        return sid

    def _choices(self, yf: YamlFile, node, what: str) -> tuple[str, ...] | None:
        nodes = yf.sequence(node, f"{what}: 'choices'")
        if nodes is None:
            return None
        values = [yf.text(n, f"{what}: a choice") for n in nodes]
        if any(value is None for value in values):
            return None
        if not 3 <= len(values) <= 5:
            yf.problem(node, f"{what}: choices must number 3 to 5, found {len(values)}")
            return None
        seen: set[str] = set()
        for n, value in zip(nodes, values):
            if value in seen:
                yf.problem(n, f"{what}: choice {value!r} appears twice")
                return None
            seen.add(value)
        return tuple(values)  # type: ignore[arg-type]

    def _evidence(self, yf: YamlFile, node, what: str) -> tuple[Quote, ...] | None:
        nodes = yf.sequence(node, f"{what}: 'evidence'")
        if nodes is None:
            return None
        if not nodes:
            yf.problem(node, f"{what}: evidence must hold at least one quote")
            return None
        quotes = [self._quote(yf, n, f"{what}: evidence") for n in nodes]
        if any(q is None for q in quotes):
            return None
        return tuple(quotes)  # type: ignore[arg-type]

    def _quote(self, yf: YamlFile, node, what: str) -> Quote | None:
        entries = yf.mapping(node, what)
        if entries is None:
            return None
        yf.unknown_keys(entries, ("source", "quote"), what)
        if not yf.required(entries, ("source", "quote"), node, what):
            return None
        sid = self._source_id(yf, entries["source"][1], f"{what}: 'source'")
        text = yf.text(entries["quote"][1], f"{what}: 'quote'")
        if sid is None or text is None:
            return None
        if sid in self.texts and not self._verbatim(yf, entries["quote"][1], sid, text, what):
            return None
        return Quote(sid, text)

    def _verbatim(self, yf: YamlFile, node, sid: str, text: str, what: str) -> bool:
        """Is `text` an exact substring of document `sid`? Report the nearest match if not."""
        if not self.verify_quotes:
            return True
        doc = self.texts[sid]
        if text in doc:
            return True
        from .quotes import explain_missing

        yf.problem(node, f"{what}: quote is not in {sid} ({self.sources[sid].file}): {explain_missing(doc, text)}")
        return False


def _reader(content_dir: Path | None, corpus_dir: Path | None, verify_quotes: bool) -> _PackReader:
    from .pack import embedded_dirs

    default_content, default_corpus = embedded_dirs()
    content = Path(content_dir) if content_dir is not None else default_content
    corpus = Path(corpus_dir) if corpus_dir is not None else default_corpus
    reader = _PackReader(content, corpus, verify_quotes)
    missing = []
    if not content.is_dir():
        missing.append(Problem(str(content), None, "content directory not found"))
    elif not (content / PACK_FILE).is_file():
        missing.append(Problem(str(content / PACK_FILE), None, "pack.yaml not found: a pack needs one"))
    if not corpus.is_dir():
        missing.append(Problem(str(corpus), None, "corpus directory not found"))
    elif not (corpus / SOURCES_FILE).is_file():
        missing.append(Problem(str(corpus / SOURCES_FILE), None, "sources.yaml not found: a corpus needs one"))
    if missing:
        raise PackError(missing, unusable=True)
    return reader


def check_pack(
    content_dir: Path | None = None, corpus_dir: Path | None = None
) -> tuple[Pack | None, list[Problem]]:
    """Read a whole pack and report every problem. Raises PackError only if unusable."""
    reader = _reader(content_dir, corpus_dir, verify_quotes=True)
    reader.read_sources()
    title, description = reader.read_pack_file()
    items = reader.read_items()
    if not items and not reader.problems:
        reader.problems.append(Problem(str(reader.content_dir), None, "the pack has no items"))
    pack = Pack(
        title=title,
        description=description,
        topics=reader.topics,
        sources=reader.sources,
        items=items,
        content_dir=reader.content_dir,
        corpus_dir=reader.corpus_dir,
        texts=reader.texts,
    )
    # Every problem of a file together, in line order; files in the order they were read.
    order = {name: i for i, name in enumerate(dict.fromkeys(p.file for p in reader.problems))}
    problems = sorted(reader.problems, key=lambda p: (order[p.file], p.line or 0))
    return pack, problems
