"""Hostile and malicious packs, through the real `mythquiz check` command.

A pack is data someone else may have written: a downloaded workshop pack, a zip from a
colleague. Each case below starts from the checker catalogue's small pack
(`test_checker_catalogue.build_mini_pack`), plants one broken or malicious thing, runs
`.venv/bin/mythquiz check --content … --corpus …` as a subprocess, and asserts the exit
code (1 problems, 2 unusable), the one `FILE:LINE: message` line that names it (or
`FILE: message` where no line applies), and that nothing printed a traceback, a raw
control character, or a flood of output. Cases already in test_checker_catalogue.py are
not repeated here.

The second half gives every text field markup-like text (Rich/Textual markup, HTML) and
shows it comes out literally: the checker accepts it, plain mode prints it as written, the
Markdown and HTML handouts escape it, the JSON export carries it unchanged.
"""

from __future__ import annotations

import errno
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import MYTHQUIZ, run_env
from test_checker_catalogue import _sha, build_mini_pack, edit, line_of
from tui.export.handout import md
from tui.core.problems import printable
from tui.core.files import MAX_FILE_BYTES
from tui.core.yaml_compose import MAX_DEPTH
from tui.core.yamlfile import MAX_TEXT

# The system's reason for a refused read, in its own words (they differ between systems).
DENIED = os.strerror(errno.EACCES)

# What no output line may hold: C0 controls but newline, DEL, C1 controls, bidi controls.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Want:
    code: int  # 1: problems found; 2: the pack is unusable
    file: Path | str
    line: int | None
    words: tuple[str, ...]


@dataclass(frozen=True)
class Hostile:
    id: str
    plant: Callable[[Path, Path], Want]
    needs: str = ""  # "fifo", "symlink", "nobody": skipped where the system lacks it


HOSTILE: list[Hostile] = []


def hostile(case_id: str, needs: str = ""):
    def register(fn: Callable[[Path, Path], Want]):
        HOSTILE.append(Hostile(case_id, fn, needs))
        return fn

    return register


def a_items(content: Path) -> Path:
    return content / "a-items.yaml"


def b_items(content: Path) -> Path:
    return content / "b-items.yaml"


# --------------------------------------------------------------------------- code and tags


@hostile("python-object-apply-in-sources-yaml")
def _(content, corpus):
    f = corpus / "sources.yaml"
    marker = corpus.parent / "pwned"
    edit(f, "title: Alpha Report", f'title: !!python/object/apply:os.system ["touch {marker}"]')
    return Want(1, f, 4, ("the YAML tag", "python/object/apply:os.system", "not allowed"))


@hostile("python-object-new-as-the-whole-pack-yaml")
def _(content, corpus):
    marker = corpus.parent / "pwned"
    f = content / "pack.yaml"
    f.write_text(f'!!python/object/new:os.system ["touch {marker}"]\n', encoding="utf-8")
    return Want(1, f, 1, ("the YAML tag", "python/object/new:os.system", "not allowed"))


@hostile("python-name-tag-as-a-key")
def _(content, corpus):
    f = a_items(content)
    edit(f, "    answer: myth\n", "    answer: myth\n    !!python/name:os.system : run\n")
    return Want(1, f, 7, ("the YAML tag", "python/name:os.system", "not allowed"))


@hostile("python-module-tag-as-a-choice")
def _(content, corpus):
    f = a_items(content)
    edit(f, "      - in 1991\n", "      - !!python/module:os\n")
    return Want(1, f, 21, ("the YAML tag", "python/module:os", "not allowed"))


@hostile("local-include-tag-reads-nothing")
def _(content, corpus):
    f = b_items(content)
    edit(f, "explanation: The analysis reports", "explanation: !include /etc/passwd\n    x: The analysis reports")
    return Want(1, f, 21, ("the YAML tag '!include'", "not allowed"))


@hostile("merge-key-with-alias")
def _(content, corpus):
    f = a_items(content)
    edit(f, "  - id: m-one\n", "  - &base\n    id: m-one\n")
    edit(f, "  - id: c-one\n", "  - <<: *base\n    id: c-one\n")
    return Want(1, f, line_of(f, "<<: *base"), ("merge keys (<<) are not allowed",))


@hostile("billion-laughs-in-pack-yaml")
def _(content, corpus):
    f = content / "pack.yaml"
    bomb = [f"x0: &x0 [{', '.join(['lol'] * 9)}]"]
    bomb += [f"x{n}: &x{n} [{', '.join([f'*x{n - 1}'] * 9)}]" for n in range(1, 9)]
    f.write_text("\n".join(bomb) + "\ntitle: T\ndescription: D\ntopics: {threat: *x8, history: H}\n",
                 encoding="utf-8")
    return Want(1, f, 9, ("aliases (*name) are not allowed",))


@hostile("anchor-used-inside-itself")
def _(content, corpus):
    f = content / "loop.yaml"
    f.write_text("items: &a [*a]\n", encoding="utf-8")
    return Want(1, f, 1, ("aliases (*name) are not allowed",))


# --------------------------------------------------------------------------- YAML shape


@hostile("nesting-100000-deep-flow")
def _(content, corpus):
    # Crashed the process (segmentation fault in libyaml's recursive composer) before.
    f = content / "deep.yaml"
    f.write_text("items: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    return Want(1, f, 1, (f"nested deeper than {MAX_DEPTH} levels",))


@hostile("nesting-deep-block-mappings")
def _(content, corpus):
    f = content / "deep.yaml"
    f.write_text("items:\n" + "".join(" " * n + f"k{n}:\n" for n in range(1, 200)), encoding="utf-8")
    return Want(1, f, MAX_DEPTH, (f"nested deeper than {MAX_DEPTH} levels",))


@hostile("two-documents-in-one-file")
def _(content, corpus):
    f = b_items(content)
    f.write_text(f.read_text(encoding="utf-8") + "---\nitems: []\n", encoding="utf-8")
    return Want(1, f, 25, ("YAML syntax error", "another document"))


@hostile("tab-indentation")
def _(content, corpus):
    f = a_items(content)
    edit(f, "    answer: in 1949\n", "\tanswer: in 1949\n")
    return Want(1, f, 22, ("YAML syntax error",))


@hostile("unterminated-quote-at-end-of-file")
def _(content, corpus):
    f = b_items(content)
    f.write_text(f.read_text(encoding="utf-8") + '  - id: "never closed\n', encoding="utf-8")
    return Want(1, f, 26, ("YAML syntax error", "end of stream"))


@hostile("empty-pack-yaml")
def _(content, corpus):
    f = content / "pack.yaml"
    f.write_text("", encoding="utf-8")
    return Want(1, f, None, ("holds no YAML document",))


@hostile("comments-only-sources-yaml")
def _(content, corpus):
    f = corpus / "sources.yaml"
    f.write_text("# sources: to do\n", encoding="utf-8")
    return Want(1, f, None, ("holds no YAML document",))


@hostile("empty-item-file")
def _(content, corpus):
    f = content / "c-items.yaml"
    f.write_bytes(b"")
    return Want(1, f, None, ("holds no YAML document",))


# --------------------------------------------------------------------------- wrong types, every level


@hostile("sources-yaml-is-a-list")
def _(content, corpus):
    f = corpus / "sources.yaml"
    f.write_text("- alpha.txt\n- beta.txt\n", encoding="utf-8")
    return Want(1, f, 1, ("sources.yaml holds a bare list", "put it under 'sources:'"))


@hostile("sources-is-a-mapping")
def _(content, corpus):
    f = corpus / "sources.yaml"
    f.write_text("sources:\n  alpha: alpha.txt\n", encoding="utf-8")
    return Want(1, f, 2, ("'sources' must be a list", "found a mapping"))


@hostile("a-source-is-text")
def _(content, corpus):
    f = corpus / "sources.yaml"
    f.write_text(f.read_text(encoding="utf-8") + "\n  - gamma.txt\n", encoding="utf-8")
    return Want(1, f, 22, ("a source must be a mapping", "found text"))


@hostile("source-date-that-does-not-exist")
def _(content, corpus):
    f = corpus / "sources.yaml"
    edit(f, 'date: "2020-01-02"', "date: 2020-02-30")  # unquoted: a YAML date, read as written
    return Want(1, f, 6, ("'2020-02-30' does not exist",))


@hostile("pack-yaml-is-text")
def _(content, corpus):
    f = content / "pack.yaml"
    f.write_text("Just a title\n", encoding="utf-8")
    return Want(1, f, 1, ("pack.yaml must be a mapping", "found text"))


@hostile("topics-is-a-list")
def _(content, corpus):
    f = content / "pack.yaml"
    edit(f, "topics:\n  threat: Is it a threat?\n  history: History\n", "topics: [threat, history]\n")
    return Want(1, f, 3, ("'topics' must be a mapping", "found a list"))


@hostile("item-file-is-a-list")
def _(content, corpus):
    f = content / "c-items.yaml"
    f.write_text("- id: x\n- id: y\n", encoding="utf-8")
    return Want(1, f, 1, ("c-items.yaml must be a mapping", "found a list"))


@hostile("items-is-a-mapping")
def _(content, corpus):
    f = content / "c-items.yaml"
    f.write_text("items:\n  id: x\n", encoding="utf-8")
    return Want(1, f, 2, ("'items' must be a list", "found a mapping"))


@hostile("an-item-is-a-number")
def _(content, corpus):
    f = content / "c-items.yaml"
    f.write_text("items:\n  - 42\n", encoding="utf-8")
    return Want(1, f, 2, ("an item must be a mapping", "found a number"))


@hostile("evidence-is-a-mapping")
def _(content, corpus):
    f = a_items(content)
    edit(f, "    evidence:\n      - source: alpha\n        quote: The treaty",
         "    evidence:\n        source: alpha\n        quote: The treaty")
    return Want(1, f, 26, ("'evidence' must be a list", "found a mapping"))


@hostile("an-evidence-entry-is-a-list")
def _(content, corpus):
    f = b_items(content)
    edit(f, "      - source: beta\n        quote: Moscow says the West ignores its security concerns.\n",
         "      - [beta, Moscow says the West ignores its security concerns.]\n")
    return Want(1, f, 23, ("evidence must be a mapping", "found a list"))


@hostile("a-quote-is-a-list")
def _(content, corpus):
    f = a_items(content)
    edit(f, "quote: The treaty was signed in 1949", "quote: [The treaty, was signed]")
    return Want(1, f, 27, ("'quote' must be text", "found a list"))


@hostile("choices-is-text")
def _(content, corpus):
    f = b_items(content)
    edit(f, "choices: [Jane Roe, John Doe, Max Mustermann]", "choices: Jane Roe, John Doe, Max Mustermann")
    return Want(1, f, 6, ("'choices' must be a list", "found text"))


@hostile("a-key-is-a-list")
def _(content, corpus):
    f = b_items(content)
    edit(f, "    answer: fact\n", "    answer: fact\n    ? [claimed, by]\n    : Moscow\n")
    return Want(1, f, 19, ("keys in an item must be plain words", "found a list"))


# --------------------------------------------------------------------------- control characters


@hostile("osc8-hyperlink-escape-in-pack-title")
def _(content, corpus):
    f = content / "pack.yaml"
    edit(f, "title: Test pack", 'title: "\\e]8;;https://evil.example/\\e\\\\click\\e]8;;\\e\\\\"')
    return Want(1, f, 1, ("'title' contains a control character (U+001B) at character 1",))


@hostile("c1-csi-in-topic-name")
def _(content, corpus):
    f = content / "pack.yaml"
    edit(f, "history: History", 'history: "History\\x9b2J"')
    return Want(1, f, 5, ("the name of topic 'history'", "control character (U+009B)"))


@hostile("nul-escape-in-source-title")
def _(content, corpus):
    f = corpus / "sources.yaml"
    edit(f, "title: Beta Analysis", 'title: "Beta\\0Analysis"')
    return Want(1, f, 14, ("'title' contains a control character (U+0000) at character 5",))


@hostile("bidi-isolate-in-date-note")
def _(content, corpus):
    f = corpus / "sources.yaml"
    edit(f, "date_note: Printed at the top of the report.", 'date_note: "Printed \\u2066at the top of the report."')
    return Want(1, f, 7, ("'date_note' contains a control character (U+2066)",))


@hostile("next-line-c1-in-claimed-by")
def _(content, corpus):
    f = b_items(content)
    edit(f, "claimed_by: Moscow", 'claimed_by: "Mos\\Ncow"')
    return Want(1, f, 19, ("'claimed_by' contains a control character (U+0085)",))


@hostile("raw-nul-byte-in-item-file")
def _(content, corpus):
    f = a_items(content)
    f.write_bytes(f.read_bytes().replace(b"Critics of", b"Critics\x00of"))
    return Want(1, f, 7, ("a control character (U+0000)", "not allowed"))


@hostile("escape-sequence-in-a-file-name")
def _(content, corpus):
    f = content / "c-\x1b[2J\x1b[31mred.yaml"
    f.write_text("items: nope\n", encoding="utf-8")
    return Want(1, printable(str(f)), 1, ("'items' must be a list",))


@hostile("newline-in-an-unlisted-corpus-file-name")
def _(content, corpus):
    f = corpus / "notes\nfake.txt:1: all good"
    f.write_text("x\n", encoding="utf-8")
    return Want(1, printable(str(f)), None, ("not listed in sources.yaml",))


@hostile("undecodable-bytes-in-a-file-name")
def _(content, corpus):
    name = os.fsdecode(b"c-\xff\xfe.yaml")
    (content / name).write_text("items: nope\n", encoding="utf-8")
    return Want(1, str(content) + "/c-\\xff\\xfe.yaml", 1, ("'items' must be a list",))


@hostile("escape-sequence-in-a-corpus-document")
def _(content, corpus):
    doc = corpus / "beta.txt"
    data = doc.read_bytes().replace(b"Kremlin", b"\x1b[8mKremlin")
    doc.write_bytes(data)
    edit(corpus / "sources.yaml", _sha(doc.read_bytes().replace(b"\x1b[8m", b"").decode()),
         hashlib.sha256(data).hexdigest())
    return Want(1, doc, 3, ("a control character (U+001B) at column 1", "corpus document"))


# --------------------------------------------------------------------------- sizes


@hostile("a-million-character-explanation")
def _(content, corpus):
    f = a_items(content)
    edit(f, "explanation: The report dates the treaty to 1949.", "explanation: " + "v" * 1_000_000)
    return Want(1, f, 24, ("'explanation' is 1,000,000 characters long", f"the limit is {MAX_TEXT:,}"))


@hostile("a-200000-character-key")
def _(content, corpus):
    f = b_items(content)
    # An explicit key (`? …`): libyaml allows a plain `key:` 1,024 characters at most.
    edit(f, "    answer: fact\n", "    answer: fact\n    ? " + "k" * 200_000 + "\n    : v\n")
    return Want(1, f, 19, ("unknown key 'kkkk", "(200,000 characters)"))


@hostile("a-sparse-item-file-over-the-size-limit")
def _(content, corpus):
    f = content / "huge.yaml"
    with open(f, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # no disk used; the size alone is refused
    return Want(1, f, None, (f"file is {MAX_FILE_BYTES + 1:,} bytes", f"the limit is {MAX_FILE_BYTES:,}"))


@hostile("a-million-values-in-one-file")
def _(content, corpus):
    f = content / "many.yaml"
    f.write_text("items: [" + "0," * 1_000_001 + "0]\n", encoding="utf-8")
    return Want(1, f, 1, ("more than 1,000,000 YAML values in one file",))


@hostile("a-hundred-thousand-mistakes-in-one-file")
def _(content, corpus):
    f = content / "many.yaml"
    f.write_text("items:\n" + "  - 0\n" * 100_000, encoding="utf-8")
    return Want(1, f, None, ("… and 99,800 more problems in this file, not listed",))


@hostile("a-sparse-corpus-document-over-the-size-limit")
def _(content, corpus):
    with open(corpus / "beta.txt", "r+b") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    return Want(1, corpus / "sources.yaml", 13, ("file 'beta.txt'", "the limit is"))


# --------------------------------------------------------------------------- encodings


@hostile("utf16-item-file")
def _(content, corpus):
    f = content / "c-items.yaml"
    f.write_bytes("items: []\n".encode("utf-16"))
    return Want(1, f, 1, ("not UTF-8", "0xFF"))


@hostile("latin1-sources-yaml")
def _(content, corpus):
    f = corpus / "sources.yaml"
    f.write_bytes(f.read_bytes().replace(b"Beta Analysis", b"Beta Analyse \xe9conomique"))
    return Want(1, f, 14, ("not UTF-8", "0xE9"))


# --------------------------------------------------------------------------- files and paths


@hostile("corpus-file-absolute-path")
def _(content, corpus):
    f = corpus / "sources.yaml"
    edit(f, "file: beta.txt", "file: /etc/passwd")
    return Want(1, f, 13, ("'/etc/passwd' must be a plain name inside the corpus directory",))


@hostile("corpus-file-is-the-corpus-directory")
def _(content, corpus):
    f = corpus / "sources.yaml"
    edit(f, "file: beta.txt", "file: .")
    (corpus / "beta.txt").unlink()
    return Want(1, f, 13, ("file '.' must be a plain name inside the corpus directory",))


@hostile("corpus-file-in-a-subdirectory")
def _(content, corpus):
    # The cache fingerprints the corpus directory's own entries: a document must be one.
    (corpus / "sub").mkdir()
    shutil.move(corpus / "beta.txt", corpus / "sub" / "beta.txt")
    f = corpus / "sources.yaml"
    edit(f, "file: beta.txt", "file: sub/beta.txt")
    return Want(1, f, 13, ("file 'sub/beta.txt' must be a plain name inside the corpus directory",))


@hostile("corpus-file-is-a-directory")
def _(content, corpus):
    (corpus / "beta.txt").unlink()
    (corpus / "beta.txt").mkdir()
    return Want(1, corpus / "sources.yaml", 13, ("file 'beta.txt'", "is a directory, not a file"))


@hostile("corpus-file-is-a-loop-of-links", needs="symlink")
def _(content, corpus):
    (corpus / "beta.txt").unlink()
    (corpus / "beta.txt").symlink_to("beta-again.txt")
    (corpus / "beta-again.txt").symlink_to("beta.txt")
    return Want(1, corpus / "sources.yaml", 13, ("file 'beta.txt' cannot be followed", "loop of links"))


@hostile("corpus-file-is-a-dangling-link", needs="symlink")
def _(content, corpus):
    (corpus / "beta.txt").unlink()
    (corpus / "beta.txt").symlink_to("gone.txt")
    return Want(1, corpus / "sources.yaml", 13, ("file 'beta.txt' does not exist",))


@hostile("corpus-file-links-to-dev-zero", needs="symlink")
def _(content, corpus):
    # Outside the corpus, so refused before it is opened (it would never end).
    (corpus / "beta.txt").unlink()
    (corpus / "beta.txt").symlink_to("/dev/zero")
    return Want(1, corpus / "sources.yaml", 13, ("file 'beta.txt' leads outside the corpus directory",))


@hostile("sources-yaml-links-outside", needs="symlink")
def _(content, corpus):
    outside = corpus.parent / "elsewhere.yaml"
    shutil.move(corpus / "sources.yaml", outside)
    (corpus / "sources.yaml").symlink_to(outside)
    return Want(1, corpus / "sources.yaml", None, ("leads outside", "through a link"))


@hostile("item-file-links-outside", needs="symlink")
def _(content, corpus):
    secret = content.parent / "secret.yaml"
    secret.write_text("items:\n  - password: hunter2\n", encoding="utf-8")
    (content / "c-items.yaml").symlink_to(secret)
    return Want(1, content / "c-items.yaml", None, ("leads outside", "through a link"))


@hostile("item-file-is-a-fifo", needs="fifo")
def _(content, corpus):
    # Hung the checker before (it waited for a writer).
    f = content / "c-items.yaml"
    os.mkfifo(f)
    return Want(1, f, None, ("is not a regular file",))


@hostile("item-file-is-a-directory")
def _(content, corpus):
    f = content / "c-items.yaml"
    f.mkdir()
    return Want(1, f, None, ("is a directory, not a file",))


@hostile("pack-yaml-is-a-directory")
def _(content, corpus):
    f = content / "pack.yaml"
    f.unlink()
    f.mkdir()
    return Want(2, f, None, ("pack.yaml is a directory, not a file",))


@hostile("content-dir-is-a-file")
def _(content, corpus):
    shutil.rmtree(content)
    content.write_text("not a directory\n", encoding="utf-8")
    return Want(2, content, None, ("content directory not found",))


@hostile("yml-file-beside-the-yaml-files")
def _(content, corpus):
    f = content / "c-items.yml"
    f.write_text("items: []\n", encoding="utf-8")
    return Want(1, f, None, ("not read: item files end in .yaml",))


@hostile("unreadable-item-file", needs="permissions")
def _(content, corpus):
    f = content / "c-items.yaml"
    f.write_text("items: []\n", encoding="utf-8")
    f.chmod(0)
    return Want(1, f, None, (f"cannot read the file: {DENIED}",))


@hostile("unreadable-corpus-directory", needs="permissions")
def _(content, corpus):
    corpus.chmod(0)
    return Want(2, corpus / "sources.yaml", None, (f"sources.yaml cannot be read ({DENIED})",))


# --------------------------------------------------------------------------- what a reader cannot see
#
# a-items.yaml's choice item lists "in 1949" (line 19), "in 1989" (20), "in 1991" (21);
# b-items.yaml's who-said item has `choices: [Jane Roe, John Doe, Max Mustermann]` (6).
# Each case makes a second choice read exactly like the first.


def _second_choice(content: Path, written: str) -> Path:
    f = a_items(content)
    edit(f, "      - in 1989\n", f"      - {written}\n")
    return f


@hostile("choice-with-zero-width-space")
def _(content, corpus):
    f = _second_choice(content, '"in 1\\u200b949"')
    return Want(1, f, 20, ("choice 'in 1\\u200b949'", "U+200B ZERO WIDTH SPACE", "cannot see"))


@hostile("choice-with-word-joiners")
def _(content, corpus):
    f = _second_choice(content, '"in\\u2060 1949\\u2060"')
    return Want(1, f, 20, ("U+2060 WORD JOINER", "cannot see"))


@hostile("choice-with-right-to-left-mark")
def _(content, corpus):
    f = _second_choice(content, '"in 1949\\u200f"')
    return Want(1, f, 20, ("U+200F RIGHT-TO-LEFT MARK",))


@hostile("choice-with-arabic-letter-mark")
def _(content, corpus):
    f = _second_choice(content, '"\\u061cin 1949"')
    return Want(1, f, 20, ("U+061C ARABIC LETTER MARK",))


@hostile("choice-with-cyrillic-lookalike")
def _(content, corpus):
    f = _second_choice(content, "\u0456n 1949")  # Cyrillic і, written as itself
    return Want(1, f, 20, ("choices 'in 1949' and 'іn 1949' look alike", "UTS #39",
                           "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I"))


@hostile("choice-with-mathematical-digit")
def _(content, corpus):
    # (Full-width digits are wider, and not in Unicode's confusables: they pass.)
    f = _second_choice(content, "in \U0001d7e3949")
    return Want(1, f, 20, ("look alike", "MATHEMATICAL SANS-SERIF DIGIT ONE"))


@hostile("who-said-names-that-look-alike")
def _(content, corpus):
    f = b_items(content)
    edit(f, "[Jane Roe, John Doe, Max Mustermann]", "[Jane Roe, J\u0430ne R\u043ee, Max Mustermann]")
    return Want(1, f, 6, ("look alike", "CYRILLIC SMALL LETTER A", "CYRILLIC SMALL LETTER O"))


@hostile("statement-with-soft-hyphen")
def _(content, corpus):
    f = a_items(content)
    edit(f, "statement: The Alliance seeks", "statement: The Alli\u00adance seeks")
    return Want(1, f, 5, ("'statement'", "U+00AD SOFT HYPHEN"))


@hostile("claimed-by-with-zero-width-joiner")
def _(content, corpus):
    f = a_items(content)
    edit(f, "claimed_by: Critics of the Alliance", 'claimed_by: "Critics of the\\u200d Alliance"')
    return Want(1, f, 7, ("'claimed_by'", "U+200D ZERO WIDTH JOINER"))


@hostile("question-with-paragraph-separator")
def _(content, corpus):
    f = a_items(content)
    edit(f, "question: When was the treaty signed?", 'question: "When was the\\u2029treaty signed?"')
    return Want(1, f, 17, ("'question'", "U+2029 PARAGRAPH SEPARATOR"))


@hostile("explanation-with-line-separator")
def _(content, corpus):
    f = a_items(content)
    edit(f, "explanation: The report dates the treaty to 1949.",
         'explanation: "The report dates\\u2028the treaty to 1949."')
    return Want(1, f, 24, ("'explanation'", "U+2028 LINE SEPARATOR", "ordinary line break"))


@hostile("corpus-file-with-dot-slash")
def _(content, corpus):
    f = corpus / "sources.yaml"
    edit(f, "file: beta.txt", "file: ./beta.txt")
    return Want(1, f, 13, ("file './beta.txt' must be a plain name inside the corpus directory",))


@hostile("corpus-file-with-trailing-slash")
def _(content, corpus):
    f = corpus / "sources.yaml"
    edit(f, "file: beta.txt", 'file: "beta.txt/"')
    return Want(1, f, 13, ("file 'beta.txt/' must be a plain name inside the corpus directory",))


def test_joiners_and_selectors_that_scripts_need_are_allowed(tmp_path):
    """Persian needs a zero-width non-joiner between letters, emoji a joiner and a
    variation selector: between non-ASCII characters they are not hidden in anything."""
    content, corpus = build_mini_pack(tmp_path / "pack")
    edit(a_items(content), "      - in 1989\n      - in 1991\n",
         '      - "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"\n'
         '      - "\U0001f469\u200d\U0001f52c \u2764\ufe0f"\n')
    result = run_check(content, corpus)
    assert result.returncode == 0, (result.stdout + result.stderr).decode("utf-8", "replace")


# --------------------------------------------------------------------------- running them

# Root reads any file whatever its mode. To test unreadable files as root, the command runs
# without the two capabilities that let it (as `setpriv` from util-linux can arrange).
_AS_USER = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]


def _can(need: str) -> str | None:
    """None if the case can run here, else why not."""
    if need == "fifo" and not hasattr(os, "mkfifo"):
        return "no FIFOs on this system"
    if need == "symlink" and os.name == "nt":
        return "symbolic links need privileges on Windows"
    if need == "permissions":
        if os.name != "posix":
            return "file modes are POSIX"
        if os.geteuid() == 0 and not _drops_root_privilege():
            return ("running as root, which reads files whatever their mode, and `setpriv` cannot "
                    "drop that privilege here")
    return None


def _drops_root_privilege() -> bool:
    if shutil.which("setpriv") is None:
        return False
    with tempfile.NamedTemporaryFile() as probe:
        os.chmod(probe.name, 0)
        result = subprocess.run([*_AS_USER, "cat", probe.name], capture_output=True)
    return result.returncode != 0


def run_check(content: Path, corpus: Path, obey_modes: bool = False, timeout: float = 60):
    prefix = _AS_USER if obey_modes and os.name == "posix" and os.geteuid() == 0 else []
    return subprocess.run(
        [*prefix, str(MYTHQUIZ), "check", "--content", str(content), "--corpus", str(corpus)],
        capture_output=True, timeout=timeout, env=run_env(),
    )


def _restore_modes(root: Path) -> None:
    """Make everything under `root` removable again (a case may chmod 000 a directory)."""
    for path in [root, *root.rglob("*")] if root.exists() else []:
        if not path.is_symlink():
            try:
                path.chmod(0o755 if path.is_dir() else 0o644)
            except OSError:
                pass


@pytest.mark.parametrize("case_", [pytest.param(c, id=c.id) for c in HOSTILE])
def test_hostile_pack(case_: Hostile, tmp_path: Path):
    why_not = _can(case_.needs)
    if why_not:
        pytest.skip(why_not)
    content, corpus = build_mini_pack(tmp_path / "pack")
    want = case_.plant(content, corpus)
    try:
        result = run_check(content, corpus, obey_modes=case_.needs == "permissions")
    finally:
        if case_.needs == "permissions":
            _restore_modes(tmp_path / "pack")
    out = result.stdout.decode("utf-8")
    err = result.stderr.decode("utf-8")
    both = out + err
    assert "Traceback" not in both, both[-3000:]
    assert result.returncode == want.code, both[-3000:]
    assert len(both) < 100_000, f"{len(both):,} characters of output"
    assert not RAW_CONTROL.search(both), repr(RAW_CONTROL.search(both))
    # Problems go to stdout (exit 1) or, for an unusable pack, to stderr (exit 2).
    lines = (out if want.code == 1 else err).splitlines()
    problems = [line for line in lines if not re.fullmatch(r"\d+ problems? found\.", line)]
    assert problems, both
    for line in problems:  # each names a file of the pack (its name may hold spaces)
        assert line.startswith(str(tmp_path / "pack")), line
        assert re.match(r"^\S.*?(:\d+)?: \S", line), line
    where = f"{want.file}:{want.line}: " if want.line else f"{want.file}: "
    mine = [line for line in problems if line.startswith(where)]
    assert any(all(word in line for word in want.words) for line in mine), (
        f"no line starting {where!r} with {want.words}; got:\n" + "\n".join(l[:300] for l in problems)
    )
    # Nothing planted ran.
    assert not (corpus.parent / "pwned").exists()


def test_catalogue_is_big_enough():
    assert len(HOSTILE) >= 30


# --------------------------------------------------------------------------- markup is text

MARKUP = "[bold red]x[/] [/] [link=https://evil.example/]click[/link] <script>alert(1)</script> &amp; *em* `code`"


def build_markup_pack(root: Path) -> tuple[Path, Path, str]:
    """A pack with markup-like text in every text field; returns (content, corpus, gamma doc)."""
    content, corpus = build_mini_pack(root)
    said = f"Gamma Person said: the words {MARKUP} are just words."
    doc = f"Gamma Report\n\n{said}\nAnother line [i]with[/i] brackets.\n"
    name = "gamma [red]doc[bold].txt"
    (corpus / name).write_text(doc, encoding="utf-8")
    text = (corpus / "sources.yaml").read_text(encoding="utf-8")

    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # a YAML double-quoted scalar

    text += (
        "\n  - id: gamma\n"
        f"    file: {q(name)}\n"
        f"    title: {q('Gamma ' + MARKUP)}\n"
        f"    publisher: {q('Publisher ' + MARKUP)}\n"
        '    date: "2022"\n'
        f"    date_note: {q('Date note ' + MARKUP)}\n"
        f"    genre: {q('analysis ' + MARKUP)}\n"
        f"    perspective: {q('Perspective ' + MARKUP)}\n"
        f"    cite_as: {q('Cited as ' + MARKUP)}\n"
        f"    sha256: {_sha(doc)}\n"
    )
    (corpus / "sources.yaml").write_text(text, encoding="utf-8")
    edit(content / "pack.yaml", "title: Test pack", f"title: {q('Pack ' + MARKUP)}")
    edit(content / "pack.yaml", "description: A minimal pack for the checker's tests.",
         f"description: {q('Description ' + MARKUP)}")
    edit(content / "pack.yaml", "  history: History\n", f"  history: {q('History ' + MARKUP)}\n  markup: {q('Topic ' + MARKUP)}\n")
    quote = f"the words {MARKUP} are just words."
    (content / "m-items.yaml").write_text(
        "items:\n"
        "  - id: markup-myth\n"
        "    type: myth-or-fact\n"
        "    topic: markup\n"
        f"    statement: {q('Statement ' + MARKUP)}\n"
        "    answer: myth\n"
        f"    claimed_by: {q('Claimant ' + MARKUP)}\n"
        f"    claim_quote: {{source: gamma, quote: {q(quote)}}}\n"
        "    verdict_by: gamma\n"
        f"    explanation: {q('Explanation ' + MARKUP)}\n"
        f"    evidence: [{{source: gamma, quote: {q(said)}}}]\n"
        "  - id: markup-choice\n"
        "    type: choice\n"
        "    topic: markup\n"
        f"    question: {q('Question ' + MARKUP)}\n"
        f"    choices: [{q('One ' + MARKUP)}, {q('[/]')}, {q('[bold]Three[/bold]')}]\n"
        f"    answer: {q('One ' + MARKUP)}\n"
        "    verdict_by: gamma\n"
        f"    explanation: {q('Explanation ' + MARKUP)}\n"
        f"    evidence: [{{source: gamma, quote: {q(quote)}}}]\n"
        "  - id: markup-who\n"
        "    type: who-said\n"
        "    topic: markup\n"
        f"    said: {q(quote)}\n"
        f"    choices: [{q('Gamma Person')}, {q('[red]Nobody[/red]')}, {q('[link=x]Someone[/link]')}]\n"
        f"    answer: {q('Gamma Person')}\n"
        "    verdict_by: gamma\n"
        f"    explanation: {q('Explanation ' + MARKUP)}\n"
        f"    evidence: [{{source: gamma, quote: {q(said)}}}]\n",
        encoding="utf-8",
    )
    return content, corpus, doc


@pytest.fixture
def markup_pack(tmp_path):
    return build_markup_pack(tmp_path / "markup")


def mythquiz(content: Path, corpus: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(MYTHQUIZ), *args, "--content", str(content), "--corpus", str(corpus)],
        capture_output=True, text=True, timeout=60, env=run_env(NO_COLOR="1"),
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr[-3000:]
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result


def test_markup_is_legal_text_in_every_field(markup_pack):
    content, corpus, _ = markup_pack
    out = mythquiz(content, corpus, "check").stdout
    assert out.startswith("OK: 7 items"), out


@pytest.mark.parametrize("item_id", ["markup-myth", "markup-choice", "markup-who"])
def test_plain_show_prints_markup_literally(markup_pack, item_id):
    content, corpus, _ = markup_pack
    out = mythquiz(content, corpus, "--plain", "show", item_id).stdout
    assert MARKUP in out
    assert out.count(MARKUP) >= 3  # the prompt or options, the explanation, the excerpts
    if item_id == "markup-choice":
        assert "[/]" in out and "[bold]Three[/bold]" in out
    if item_id == "markup-who":
        assert "[red]Nobody[/red]" in out and "[link=x]Someone[/link]" in out
    assert "Cited as " + MARKUP in out  # whose verdict, named by cite_as
    assert not RAW_CONTROL.search(out)


def test_plain_browse_and_sources_print_markup_literally(markup_pack):
    content, corpus, _ = markup_pack
    out = mythquiz(content, corpus, "--plain", "browse").stdout
    for prompt in ("Statement " + MARKUP, "Question " + MARKUP, MARKUP + " are just words"):
        assert prompt in out, out
    out = mythquiz(content, corpus, "--plain", "sources").stdout
    for field in ("Gamma ", "Publisher ", "Date note ", "Perspective "):
        assert field + MARKUP in out, out
    assert "gamma [red]doc[bold].txt" in out


def test_markdown_handout_escapes_markup(markup_pack):
    content, corpus, _ = markup_pack
    out = mythquiz(content, corpus, "export", "handout", "--format", "markdown").stdout
    assert md("Statement " + MARKUP) in out
    assert md("Explanation " + MARKUP) in out
    assert md(MARKUP) in out
    # Nothing of it is left for a Markdown renderer to act on.
    assert "<script>" not in out and "[link=https://evil.example/]" not in out


def test_html_handout_escapes_markup(markup_pack):
    content, corpus, _ = markup_pack
    out = mythquiz(content, corpus, "export", "handout", "--format", "html").stdout
    assert "<script>alert(1)</script>" not in out
    escaped = html.escape(MARKUP, quote=True)
    assert html.escape("Statement " + MARKUP, quote=True) in out
    assert html.escape("Explanation " + MARKUP, quote=True) in out
    assert out.count(escaped) >= 6
    assert "&amp;amp;" in out  # the literal "&amp;" escaped once more, so it shows as typed


def test_json_export_carries_markup_unchanged(markup_pack):
    content, corpus, _ = markup_pack
    data = json.loads(mythquiz(content, corpus, "export", "json").stdout)
    text = json.dumps(data, ensure_ascii=False)
    for value in ("Statement " + MARKUP, "Question " + MARKUP, "Explanation " + MARKUP,
                  "One " + MARKUP, "[/]", "[bold]Three[/bold]", "[red]Nobody[/red]",
                  f"the words {MARKUP} are just words."):
        assert json.dumps(value, ensure_ascii=False) in text, value
