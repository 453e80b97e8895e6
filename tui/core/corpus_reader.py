"""Reading a pack's corpus: `sources.yaml` (one entry per document) and the documents
themselves, each inside the corpus directory, UTF-8, free of control characters and
byte-identical to the hash its entry lists."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from yaml.nodes import Node, ScalarNode, SequenceNode

from .model import Source
from .pack_format import DOC_BAD_CHAR, HEX64, SLUG, SOURCE_KEYS, SOURCE_OPTIONAL, SOURCES_FILE, date_problem
from .problems import Findings, Problem
from .files import MAX_FILE_BYTES, read_limited
from .yamlfile import YamlFile, shown

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOOL = "tag:yaml.org,2002:bool"


class CorpusReader:
    """Reads the sources file and every document it lists, collecting problems."""

    def __init__(self, corpus_dir: Path, findings: Findings) -> None:
        self.corpus_dir = corpus_dir
        self.findings = findings
        self.problems = findings.problems
        self.sources: dict[str, Source] = {}
        # Sources whose entry is broken (already reported): items citing them, and the file
        # they list, are not reported again.
        self.broken_sources: set[str] = set()
        self._broken_files: set[Path] = set()
        self.texts: dict[str, str] = {}  # each readable document's text, by source id
        self._corpus_bytes = 0  # documents are kept in memory: their total is limited too
        self._altered: set[str] = set()  # documents whose hash differs: their boilerplate is not checked

    def read_sources(self) -> None:
        path = self.corpus_dir / SOURCES_FILE
        yf = YamlFile(path, self.problems, root=self.corpus_dir)
        self.findings.opened(yf.name)
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

    def _note_broken(self, node: Node) -> None:
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

    def _read_source(self, yf: YamlFile, node: Node) -> Source | None:
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

    def _flag(self, yf: YamlFile, node: Node, what: str) -> bool | None:
        """true or false (YAML's plain words for them), else a problem and None."""
        if node.__class__ is ScalarNode and node.tag == _BOOL:
            return node.value.lower() in ("true", "yes", "on", "y")
        if yf.first_visit(node):
            yf.problem(node, f"{what} must be true or false")
        return None

    def _boilerplate(self, yf: YamlFile, node: Node, sid: str) -> tuple[str, ...]:
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

    def _read_document(self, yf: YamlFile, node: Node, name: str, sid: str, digest: str) -> Path | None:
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
        bad = DOC_BAD_CHAR.search(text)
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
