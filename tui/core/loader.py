"""Loading and checking a pack: `corpus/sources.yaml`, the corpus files, `content/*.yaml`.

One pass does both jobs. `check_pack` returns every problem it finds, each with file and
line; `tui.core.pack.load_pack` turns that into a usable `Pack` or a `PackError`. The
rules enforced here are the ones README.md documents for pack authors.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
from pathlib import Path

from .embedded import embedded_dirs
from .model import CLAIMANT_TYPES, ITEM_TYPES, Claimant, Item, Pack, Quote, Source
from .problems import PackError, Problem
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .yamlfile import _TEXT_LIKE, MAX_FILE_BYTES, YamlFile, plain_text, read_limited, shown

PACK_FILE = "pack.yaml"
SOURCES_FILE = "sources.yaml"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Quotes of a document up to this many characters are looked for one by one as they are
# read; a larger document's quotes are all found in one pass over it at the end.
SMALL_DOCUMENT = 64 * 1024
HEX64 = re.compile(r"^[0-9a-f]{64}$")

SOURCE_KEYS = (
    "id", "file", "title", "publisher", "date", "date_note", "genre", "perspective", "sha256",
)
SOURCE_OPTIONAL = ("cite_as", "date_inferred", "boilerplate")
PACK_KEYS = ("title", "description", "topics")
PACK_OPTIONAL = ("publisher",)
COMMON_KEYS = ("id", "type", "topic", "verdict_by", "explanation", "evidence")
MYTH_OR_FACT_ANSWERS = ("myth", "fact", "disputed")
CLAIMANT_KEYS = ("name", "type", "per")
QUOTE_KEYS = ("source", "quote")
EVIDENCE_KEYS = ("source", "quote", "said_by")
TYPE_KEYS = {
    "myth-or-fact": ("statement", "answer", "claimed_by"),
    "choice": ("question", "choices", "answer"),
    "who-said": ("said", "choices", "answer"),
}
TYPE_OPTIONAL = {"myth-or-fact": ("claim_quote",), "choice": (), "who-said": ()}
# For the fast path: each type's allowed and required keys as sets.
_ALLOWED = {k: frozenset(COMMON_KEYS + TYPE_KEYS[k] + TYPE_OPTIONAL[k]) for k in TYPE_KEYS}
# verdict_by may be left out of a disputed myth-or-fact item only (checked with the answer).
_REQUIRED = {k: frozenset(COMMON_KEYS + TYPE_KEYS[k]) - ({"verdict_by"} if k == "myth-or-fact" else set())
             for k in TYPE_KEYS}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOOL = "tag:yaml.org,2002:bool"


def date_problem(value: str) -> str | None:
    """Why `value` is not a date a source may carry (YYYY, YYYY-MM or YYYY-MM-DD, and a
    day that exists), or None."""
    if not DATE.match(value):
        return "date must be YYYY, YYYY-MM or YYYY-MM-DD (explain in date_note)"
    parts = [int(p) for p in value.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return f"date {value!r} has no month {parts[1]}"
    if len(parts) == 3:
        import calendar

        last = calendar.monthrange(parts[0], parts[1])[1] if parts[0] >= 1 else 31
        if not 1 <= parts[2] <= last:
            return f"date {value!r} does not exist (that month has {last} days)"
    return None
# A corpus document may hold tabs and line ends (LF or CR LF), but no other control
# character or bidirectional override: the reader shows documents in a terminal.
_DOC_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # e.g. permission denied on a parent, a name too long
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


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
        # Quotes already found in each document: a quote used again is not searched again.
        self._found: dict[str, set[str]] = {}
        # Quotes of a large document wait to be looked for: all of them are found in one
        # pass over it once every item is read, so checking costs the size of the pack plus
        # the corpus, not their product. Each keeps where it was written (a line, not the
        # YAML node, which would keep its file's whole tree in memory) for the problem if
        # it is not there. A quote of a small document is looked for at once: each search
        # costs at most SMALL_DOCUMENT characters, and nothing waits in memory.
        self._pending: dict[str, dict[str, list[tuple[str, int, str | tuple[str, str]]]]] = {}
        # Each file as it is opened, with the number of problems found before it: problems
        # found at the end (missing quotes) are still listed in the order files were read.
        self.read_order: list[tuple[str, int]] = []
        self._corpus_bytes = 0  # documents are kept in memory: their total is limited too
        self.publisher: str | None = None
        self._altered: set[str] = set()  # documents whose hash differs: their boilerplate is not checked
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

    def read_sources(self) -> None:
        path = self.corpus_dir / SOURCES_FILE
        yf = YamlFile(path, self.problems, root=self.corpus_dir)
        self.read_order.append((yf.name, len(self.problems)))
        root = yf.parse()
        if root is None:
            return
        if root.__class__ is SequenceNode:
            yf.problem(root, f"{SOURCES_FILE} holds a bare list: put it under 'sources:' "
                             "(a first line 'sources:', each entry indented below it)")
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
                yf.problem(node, f"source id {shown(source.id)} is used twice")
                continue
            self.sources[source.id] = source
            if source.path is not None:
                listed.add(source.path)
        try:
            names = sorted(os.listdir(self.corpus_dir))
        except OSError as exc:
            self.problems.append(
                Problem(str(self.corpus_dir), None, f"cannot list the directory: {exc.strerror or exc}")
            )
            return
        known = listed | self._broken_files
        for name in names:
            if name == SOURCES_FILE or name.startswith("."):
                continue
            extra = self.corpus_dir / name
            try:
                resolved = extra.resolve()
            except (OSError, RuntimeError):  # a loop of links
                resolved = None
            if resolved not in known:
                self.problems.append(Problem(str(extra), None, f"file is not listed in {SOURCES_FILE}"))

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
                except (OSError, ValueError, RuntimeError):
                    pass

    def _read_source(self, yf: YamlFile, node) -> Source | None:
        entries = yf.mapping(node, "a source")
        if entries is None:
            return None
        yf.unknown_keys(entries, SOURCE_KEYS + SOURCE_OPTIONAL, "a source")
        if not yf.required(entries, SOURCE_KEYS, node, "a source"):
            return None
        values: dict[str, str | None] = {}
        for key in SOURCE_KEYS + ("cite_as",):
            if key not in entries:
                continue
            node_ = entries[key][1]
            if key == "date" and node_.__class__ is ScalarNode and node_.tag == _TIMESTAMP:
                values[key] = node_.value  # an unquoted date, as written: 2020-01-01
                continue
            reader = yf.optional_text if key in ("publisher",) else yf.text
            values[key] = reader(node_, f"'{key}'")
        inferred = self._flag(yf, entries["date_inferred"][1], "'date_inferred'") if "date_inferred" in entries else False
        if any(values.get(k) is None for k in SOURCE_KEYS if k != "publisher"):
            return None
        sid = values["id"] or ""
        if not SLUG.match(sid):
            yf.problem(entries["id"][1], f"source id {shown(sid)} must be lower-case letters, digits and hyphens")
            return None
        why = date_problem(values["date"] or "")
        if why:
            yf.problem(entries["date"][1], why)
        digest = (values["sha256"] or "").lower()
        if not HEX64.match(digest):
            yf.problem(entries["sha256"][1], "sha256 must be 64 hexadecimal digits")
        path = self._read_document(yf, entries["file"][1], values["file"] or "", sid, digest)
        boilerplate: tuple[str, ...] = ()
        if "boilerplate" in entries:
            boilerplate = self._boilerplate(yf, entries["boilerplate"][1], sid)
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
            date_inferred=bool(inferred),
            boilerplate=boilerplate,
            path=path,
        )

    def _flag(self, yf: YamlFile, node, what: str) -> bool | None:
        """true or false (YAML's plain words for them), else a problem and None."""
        if node.__class__ is ScalarNode and node.tag == _BOOL:
            return node.value.lower() in ("true", "yes", "on", "y")
        if yf._first_visit(node):
            yf.problem(node, f"{what} must be true or false")
        return None

    def _boilerplate(self, yf: YamlFile, node, sid: str) -> tuple[str, ...]:
        """The passages of a document that are not substantive; each must be in it."""
        nodes = yf.sequence(node, "'boilerplate'")
        found = []
        for n in nodes or ():
            text = yf.text(n, "a boilerplate passage")
            if text is None:
                continue
            doc = self.texts.get(sid)
            if doc is not None and text not in doc and sid not in self._altered:
                from .quotes import explain_missing

                yf.problem(n, f"boilerplate passage is not in {sid}: {explain_missing(doc, text)}")
                continue
            found.append(text)
        return tuple(found)

    def _read_document(self, yf: YamlFile, node, name: str, sid: str, digest: str) -> Path | None:
        """Check that a corpus file is inside the corpus dir, UTF-8, and matches its hash."""
        # A plain name: no directory part, so the cache's fingerprint of the corpus directory
        # covers every document (and `..` or an absolute path cannot reach outside it).
        if len(Path(name).parts) != 1 or Path(name).is_absolute() or name in (".", "..") or "\\" in name \
                or "/" in name:  # Path drops "./" and a trailing "/"
            yf.problem(node, f"file {shown(name)} must be a plain name inside the corpus directory")
            return None
        try:
            root = self.corpus_dir.resolve()
            path = (self.corpus_dir / name).resolve()
        except (OSError, RuntimeError):  # a loop of links, a name too long
            yf.problem(node, f"file {shown(name)} cannot be followed (a loop of links, or a bad name)")
            return None
        if path != root and root not in path.parents:
            yf.problem(node, f"file {shown(name)} leads outside the corpus directory (through a link)")
            return None
        try:
            data = read_limited(path, MAX_FILE_BYTES)
        except FileNotFoundError:
            yf.problem(node, f"file {shown(name)} does not exist in {self.corpus_dir}")
            return None
        except OSError as exc:
            yf.problem(node, f"cannot read {shown(name)}: {exc.strerror or exc}")
            return None
        except ValueError as exc:  # a directory, a device, too big
            yf.problem(node, f"file {shown(name)}: {exc}")
            return None
        self._corpus_bytes += len(data)
        if self._corpus_bytes > MAX_FILE_BYTES:
            yf.problem(node, f"file {shown(name)}: the corpus documents come to over {MAX_FILE_BYTES:,} bytes in all")
            return None
        actual = hashlib.sha256(data).hexdigest()
        if HEX64.match(digest) and actual != digest:
            self._altered.add(sid)
            yf.problem(
                node,
                f"{name} has sha256 {actual[:12]}…, not {digest[:12]}… as listed: corpus files must "
                "stay byte-identical to the originals",
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            self.problems.append(Problem(str(path), line, f"not UTF-8: byte 0x{data[exc.start]:02X}"))
            return path
        bad = _DOC_BAD_CHAR.search(text)
        if bad is not None:
            at = bad.start()
            line = text.count("\n", 0, at) + 1
            column = at - (text.rfind("\n", 0, at) + 1) + 1
            self.problems.append(Problem(
                str(path), line,
                f"a control character (U+{ord(bad.group()):04X}) at column {column}: a corpus document "
                "may hold tabs and line ends but no other control character",
            ))
            return path
        self.texts[sid] = text
        return path

    # ---- the content ----

    def read_pack_file(self) -> tuple[str, str]:
        yf = YamlFile(self.content_dir / PACK_FILE, self.problems, root=self.content_dir)
        self.read_order.append((yf.name, len(self.problems)))
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

    def read_items(self) -> list[Item]:
        from .characters import check_item  # invisible characters, lookalike choices

        items: list[Item] = []
        first_seen: dict[str, Item] = {}
        for path in self._item_files():
            yf = YamlFile(path, self.problems, root=self.content_dir)
            self.read_order.append((yf.name, len(self.problems)))
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
            fast = not yf.has_aliases
            for node in yf.sequence(top["items"][1], "'items'") or ():
                item = self._fast_item(yf, node) if fast else None
                if item is None:
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

    # The fast path: an item that is right in every respect, read with as little work
    # per node as possible. It reports nothing: on anything unexpected it gives None, and
    # `_read_item` reads the item again, carefully, and says what is wrong. So it accepts
    # only what `_read_item` accepts, and builds the same Item (a property test checks).

    def _fast_item(self, yf: YamlFile, node) -> Item | None:
        if node.__class__ is not MappingNode or node.tag != _MAP_TAG:
            return None
        fields = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode or key_node.tag not in _TEXT_LIKE:
                return None
            fields[key_node.value] = value_node
        if len(fields) != len(node.value):
            return None  # a key twice
        kind = plain_text(fields.get("type"))
        if kind not in _ALLOWED or not _ALLOWED[kind].issuperset(fields) or not _REQUIRED[kind] <= fields.keys():
            return None
        item_id = plain_text(fields["id"])
        topic = plain_text(fields["topic"])
        verdict_node = fields.get("verdict_by")
        verdict_by = "" if verdict_node is None else plain_text(verdict_node)
        explanation = plain_text(fields["explanation"])
        prompt = plain_text(fields[TYPE_KEYS[kind][0]])
        if (
            item_id is None or not SLUG.match(item_id) or topic not in self.topics
            or verdict_by is None or (verdict_by and verdict_by not in self.sources)
            or explanation is None or prompt is None
        ):
            return None
        evidence_node = fields["evidence"]
        if evidence_node.__class__ is not SequenceNode or evidence_node.tag != _SEQ_TAG or not evidence_node.value:
            return None
        evidence = []
        for quote_node in evidence_node.value:
            quote = self._fast_quote(yf, quote_node, item_id, "evidence")
            if quote is None:
                return None
            evidence.append(quote)
        raw = plain_text(fields["answer"])
        if raw is None:
            return None
        claimed_by = claim = None
        if kind == "myth-or-fact":
            answer = raw.strip()
            if answer.lower() not in MYTH_OR_FACT_ANSWERS:
                return None
            answer = answer.capitalize()
            if answer == "Disputed":
                if not _two_sides(evidence):
                    return None
            elif not verdict_by:
                return None
            claimed_by = self._fast_claimant(fields["claimed_by"])
            if claimed_by is None:
                return None
            choices: tuple[str, ...] = ()
            if "claim_quote" in fields:
                claim = self._fast_quote(yf, fields["claim_quote"], item_id, "'claim_quote'")
                if claim is None:
                    return None
        else:
            choices_node = fields["choices"]
            if choices_node.__class__ is not SequenceNode or choices_node.tag != _SEQ_TAG:
                return None
            choices = tuple(map(plain_text, choices_node.value))
            if not 3 <= len(choices) <= 5 or None in choices or len(set(choices)) != len(choices):
                return None
            answer = raw
            if answer not in choices:
                return None
            if kind == "who-said" and not self._look_for(yf, fields["said"], verdict_by, prompt, item_id, "'said'"):
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
            evidence=tuple(evidence),
            claimed_by=None if claimed_by is None else self.claimant(claimed_by),
            claim_quote=claim,
            file=yf.name,
            line=node.start_mark.line + 1,
        )

    def _fast_claimant(self, node) -> Claimant | None:
        if node.__class__ is ScalarNode:
            name = plain_text(node)
            return None if name is None else Claimant(name, "", None)  # type settled later
        if node.__class__ is not MappingNode or node.tag != _MAP_TAG:
            return None
        fields = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode or key_node.tag not in _TEXT_LIKE:
                return None
            fields[key_node.value] = value_node
        if len(fields) != len(node.value) or not _CLAIMANT_ALLOWED.issuperset(fields):
            return None
        name = plain_text(fields.get("name"))
        kind = plain_text(fields.get("type"))
        per = plain_text(fields["per"]) if "per" in fields else ""
        if name is None or kind not in CLAIMANT_TYPES or per is None or (per and per not in self.sources):
            return None
        return Claimant(name, kind, per or None)

    def _fast_quote(self, yf: YamlFile, node, item_id: str, role: str) -> Quote | None:
        if node.__class__ is not MappingNode or node.tag != _MAP_TAG or len(node.value) != 2:
            return None
        (k1, v1), (k2, v2) = node.value
        if k1.__class__ is not ScalarNode or k2.__class__ is not ScalarNode:
            return None
        if k1.tag not in _TEXT_LIKE or k2.tag not in _TEXT_LIKE:
            return None
        if k1.value == "source" and k2.value == "quote":
            sid, text = plain_text(v1), plain_text(v2)
        elif k1.value == "quote" and k2.value == "source":
            sid, text = plain_text(v2), plain_text(v1)
        else:
            return None
        if sid not in self.sources or text is None or sid not in self.texts:
            return None  # the careful path says what is wrong
        if not self._look_for(yf, v1 if k1.value == "quote" else v2, sid, text, item_id, role):
            return None
        return self.quote(sid, text)

    def _look_for(self, yf: YamlFile, node, sid: str, text: str, item_id: str, role: str) -> bool:
        """The fast path's `_verbatim`: False, reporting nothing, where a quote of a small
        document is not there (the careful path reads the item again and says why)."""
        if not self.verify_quotes:
            return True
        if len(self.texts[sid]) > SMALL_DOCUMENT:
            return self._verbatim(yf, node, sid, text, (item_id, role))
        return self._in_small(sid, text)

    def _in_small(self, sid: str, text: str) -> bool:
        found = self._found.setdefault(sid, set())
        if text in found:
            return True
        if text in self.texts[sid]:
            found.add(text)
            return True
        return False

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
        what = f"item {shown(item_id)}"
        if not SLUG.match(item_id):
            yf.problem(entries["id"][1], f"id {shown(item_id)} must be lower-case letters, digits and hyphens")
        if kind not in ITEM_TYPES:
            yf.problem(entries["type"][1], f"{what}: type {shown(kind)} is not one of {', '.join(ITEM_TYPES)}")
            return None
        known = COMMON_KEYS + TYPE_KEYS[kind] + TYPE_OPTIONAL[kind]
        yf.unknown_keys(entries, known, f"a {kind} {what}")
        required = tuple(k for k in COMMON_KEYS + TYPE_KEYS[kind] if k in _REQUIRED[kind])
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
            if answer == "Disputed" and evidence is not None and not _two_sides(evidence):
                sides = len({q.source for q in evidence})
                yf.problem(v["evidence"], f"{what}: a disputed item needs at least two evidence quotes from at "
                                          f"least two different sources (found {len(evidence)} from {sides})")
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

        if None in (topic, verdict_by, explanation, evidence, prompt, answer, choices):
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

    def _claimant(self, yf: YamlFile, node, what: str) -> Claimant | None:
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

    def _source_id(self, yf: YamlFile, node, what: str) -> str | None:
        sid = yf.text(node, what)
        if sid is not None and sid in self.broken_sources and sid not in self.sources:
            return None  # its entry in the sources file is broken, and reported there
        if sid is not None and sid not in self.sources:
            known = ", ".join(self.sources) or "none"
            yf.problem(node, f"{what}: unknown source {shown(sid)} (known: {known})")
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
                yf.problem(n, f"{what}: choice {shown(value)} appears twice")
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
        quotes = [self._quote(yf, n, f"{what}: evidence", EVIDENCE_KEYS) for n in nodes]
        if any(q is None for q in quotes):
            return None
        return tuple(quotes)  # type: ignore[arg-type]

    def _quote(self, yf: YamlFile, node, what: str, keys: tuple[str, ...] = QUOTE_KEYS) -> Quote | None:
        entries = yf.mapping(node, what)
        if entries is None:
            return None
        yf.unknown_keys(entries, keys, what)
        if not yf.required(entries, QUOTE_KEYS, node, what):
            return None
        sid = self._source_id(yf, entries["source"][1], f"{what}: 'source'")
        text = yf.text(entries["quote"][1], f"{what}: 'quote'")
        said_by = yf.text(entries["said_by"][1], f"{what}: 'said_by'") if "said_by" in entries else ""
        if sid is None or text is None or said_by is None:
            return None
        if sid in self.texts and not self._verbatim(yf, entries["quote"][1], sid, text, what):
            return None
        if said_by:
            return Quote(self.one(sid), text, self.one(said_by))
        return self.quote(sid, text)

    def _verbatim(self, yf: YamlFile, node, sid: str, text: str, what: str | tuple[str, str]) -> bool:
        """Is `text` an exact substring of document `sid`? Report the nearest match if not.
        For a large document, only note it: `verify_pending` looks once every item is read.
        `what` names the quote in a report: a phrase, or (item id, role) on the fast path."""
        if not self.verify_quotes:
            return True
        doc = self.texts[sid]
        if len(doc) > SMALL_DOCUMENT:
            self._pending.setdefault(sid, {}).setdefault(text, []).append((yf.name, node.start_mark.line + 1, what))
            return True
        if self._in_small(sid, text):
            return True
        self._missing(yf.name, node.start_mark.line + 1, sid, what, doc, text)
        return False

    def _missing(self, file: str, line: int, sid: str, what: str | tuple[str, str], doc: str, text: str) -> None:
        from .quotes import explain_missing

        if isinstance(what, tuple):
            item_id, role = what
            what = f"item {shown(item_id)}: {role}"
        why = explain_missing(doc, text)
        self.problems.append(Problem(file, line, f"{what}: quote is not in {sid} ({self.sources[sid].file}): {why}"))

    def verify_pending(self) -> None:
        """Look for every noted quote, one pass over each document, and report those missing."""
        from .quotes import find_all

        for sid, quotes in self._pending.items():
            doc = self.texts[sid]
            found = find_all(doc, quotes)
            for text, places in quotes.items():
                if text not in found:
                    for file, line, what in places:
                        self._missing(file, line, sid, what, doc, text)
        self._pending.clear()


_CLAIMANT_ALLOWED = frozenset(CLAIMANT_KEYS)


def _two_sides(evidence) -> bool:  # noqa: ANN001 - a sequence of Quote
    """Does the evidence hold two quotes or more, from two sources or more (a dispute)?"""
    return len(evidence) >= 2 and len({q.source for q in evidence}) >= 2


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


def _reader(content_dir: Path | None, corpus_dir: Path | None, verify_quotes: bool) -> _PackReader:
    default_content, default_corpus = embedded_dirs()
    content = Path(content_dir) if content_dir is not None else default_content
    corpus = Path(corpus_dir) if corpus_dir is not None else default_corpus
    reader = _PackReader(content, corpus, verify_quotes)
    missing = []
    if not _is_dir(content):
        missing.append(Problem(str(content), None, "content directory not found"))
    elif not _is_file(content / PACK_FILE):
        missing.append(Problem(str(content / PACK_FILE), None, _why_missing(content / PACK_FILE, "a pack")))
    if not _is_dir(corpus):
        missing.append(Problem(str(corpus), None, "corpus directory not found"))
    elif not _is_file(corpus / SOURCES_FILE):
        missing.append(Problem(str(corpus / SOURCES_FILE), None, _why_missing(corpus / SOURCES_FILE, "a corpus")))
    if missing:
        raise PackError(missing, unusable=True)
    return reader


def _why_missing(path: Path, whose: str) -> str:
    """Why a pack's required file cannot be used: absent, a directory, unreadable."""
    try:
        if path.is_dir():
            return f"{path.name} is a directory, not a file: {whose} needs one"
        os.stat(path)
    except OSError as exc:
        if not isinstance(exc, FileNotFoundError):
            return f"{path.name} cannot be read ({exc.strerror or exc}): {whose} needs one"
        return f"{path.name} not found: {whose} needs one"
    return f"{path.name} is not a regular file: {whose} needs one"


def check_pack(
    content_dir: Path | None = None, corpus_dir: Path | None = None
) -> tuple[Pack | None, list[Problem]]:
    """Read a whole pack and report every problem. Raises PackError only if unusable."""
    # A pack's YAML makes hundreds of thousands of short-lived nodes and the items pile
    # up as they are read: left on, the cyclic GC re-scans them all again and again, so
    # a big pack took quadratic time. The few cycles a hostile file can make (an anchor
    # used inside itself) are collected once it is back on.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_pack(content_dir, corpus_dir)
    finally:
        if enabled:
            gc.enable()


def _files_in_order(reader: _PackReader) -> list[str]:
    """The files of the problems, and the files opened, in the order they came up."""
    names: list[str] = []
    done = 0
    for name, before in reader.read_order:
        names += [p.file for p in reader.problems[done:before]]
        names.append(name)
        done = before
    return names + [p.file for p in reader.problems[done:]]


def _check_pack(content_dir: Path | None, corpus_dir: Path | None) -> tuple[Pack | None, list[Problem]]:
    reader = _reader(content_dir, corpus_dir, verify_quotes=True)
    reader.read_sources()
    title, description = reader.read_pack_file()
    items = settle_claimant_types(reader.read_items())
    reader.verify_pending()
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
        publisher=reader.publisher,
    )
    # Every problem of a file together, in line order; files in the order they were read.
    order = {name: i for i, name in enumerate(dict.fromkeys(_files_in_order(reader)))}
    problems = sorted(reader.problems, key=lambda p: (order[p.file], p.line or 0))
    return pack, problems
