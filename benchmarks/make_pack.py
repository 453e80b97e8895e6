"""Generate a synthetic mythquiz pack of N items for scale tests.

    python benchmarks/make_pack.py N OUTDIR [--seed S] [--per-file K] [--sentences M]

OUTDIR/corpus/ gets copies of the real corpus files and sources.yaml (so hashes stay
valid); OUTDIR/content/ gets pack.yaml (a copy of the real one) and items-NNNN.yaml
files of K items each. Items mix the three types; every quote and `said` is a real
sentence cut from the named corpus file, so the pack checks clean. Deterministic.

With --sentences M the corpus grows with the pack: a sixth document of M generated
sentences (an "archive", about 120 characters each) is added to sources.yaml, and every
item quotes it, so the cost of checking quotes against a large corpus can be measured.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Oana Lungescu", "Jeff Davis", "Alexander Grushko", "Dmitry Peskov",
         "Vladimir Putin", "Jens Stoltenberg", "Andrey Kortunov", "Sergei Lavrov"]
CLAIMANTS = ["Russian officials", "Vladimir Putin", "the Kremlin", "NATO", "Dmitry Peskov"]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def read_sources(corpus: Path) -> dict[str, Path]:
    """{source id: file} from sources.yaml, read without a YAML parser."""
    text = (corpus / "sources.yaml").read_text(encoding="utf-8")
    ids = re.findall(r"^  - id: (\S+)", text, re.M)
    files = re.findall(r"^    file: (\S+)", text, re.M)
    if not ids or len(ids) != len(files):
        raise SystemExit(f"cannot read ids and files from {corpus / 'sources.yaml'}")
    return {i: corpus / f for i, f in zip(ids, files)}


def read_topics(pack: Path) -> list[str]:
    """Topic slugs declared under `topics:` in pack.yaml."""
    section = pack.read_text(encoding="utf-8").split("\ntopics:\n", 1)[-1]
    topics = re.findall(r"^  ([\w-]+):", section, re.M)
    if not topics:
        raise SystemExit(f"no topics in {pack}")
    return topics


def sentences(path: Path) -> list[str]:
    """Whole sentences of one line each, 30 to 240 characters: exact substrings."""
    text = path.read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        for s in re.split(r"(?<=[.!?])\s+", line.strip()):
            if 30 <= len(s) <= 240 and s == s.strip() and s in text:
                found.append(s)
    if not found:
        raise SystemExit(f"no usable sentences in {path}")
    return found


WORDS = ("alliance ministers summit border treaty exercise troops council envoy report "
         "statement spokesman delegation missile defence brigade district doctrine agreement "
         "security talks region capital observers members enlargement partnership").split()
CITIES = "Brussels Moscow Warsaw Vilnius Riga Tallinn Kyiv Berlin Paris London Madrid Rome".split()


def archive(m: int, seed: int) -> str:
    """M distinct generated sentences, a few to a line, as a news archive might hold."""
    rng = random.Random(seed * 7919 + m)
    lines, line = [], []
    for n in range(1, m + 1):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 14)))
        line.append(f"Dispatch {n} from {rng.choice(CITIES)}: the {words} were discussed on day {rng.randint(1, 28)}.")
        if len(line) == 4:
            lines.append(" ".join(line))
            line = []
    if line:
        lines.append(" ".join(line))
    return "\n\n".join(lines) + "\n"


def add_archive(corpus: Path, m: int, seed: int) -> tuple[str, Path]:
    """Write the archive document and its sources.yaml entry; return (id, path)."""
    import hashlib

    path = corpus / "generated-archive.txt"
    data = archive(m, seed).encode("utf-8")
    path.write_bytes(data)
    entry = (
        "\n  - id: archive\n    file: generated-archive.txt\n    title: A generated news archive\n"
        "    cite_as: the generated archive\n    publisher: null\n    date: \"2020-01-01\"\n"
        "    date_note: Generated for the scale benchmarks.\n    genre: news report\n"
        "    perspective: Generated text.\n"
        f"    sha256: {hashlib.sha256(data).hexdigest()}\n"
    )
    with (corpus / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write(entry)
    return "archive", path


def evidence(rng: random.Random, source: str, quotes: dict[str, list[str]]) -> list[str]:
    picked = rng.sample(quotes[source], min(rng.randint(1, 2), len(quotes[source])))
    out = ["    evidence:"]
    for quote in picked:
        out += [f"      - source: {source}", f"        quote: {q(quote)}"]
    return out


def item(i: int, rng: random.Random, topics: list[str], quotes: dict[str, list[str]]) -> list[str]:
    kind = ("myth-or-fact", "choice", "who-said")[i % 3]
    source = rng.choice(sorted(quotes))
    head = [f"  - id: gen-{i:06d}", f"    type: {kind}", f"    topic: {rng.choice(topics)}"]
    if kind == "myth-or-fact":
        body = [f"    statement: {q(f'Generated statement number {i} for the scale test.')}",
                f"    answer: {rng.choice(['myth', 'fact'])}",
                f"    claimed_by: {q(rng.choice(CLAIMANTS))}"]
        if i % 2:
            other = rng.choice(sorted(quotes))
            body += ["    claim_quote:", f"      source: {other}",
                     f"      quote: {q(rng.choice(quotes[other]))}"]
    elif kind == "choice":
        choices = [f"Option {c} of item {i}" for c in range(rng.randint(3, 5))]
        body = [f"    question: {q(f'Which option is right for generated item {i}?')}",
                f"    choices: [{', '.join(q(c) for c in choices)}]",
                f"    answer: {q(rng.choice(choices))}"]
    else:
        choices = rng.sample(NAMES, rng.randint(3, 5))
        body = [f"    said: {q(rng.choice(quotes[source]))}",
                f"    choices: [{', '.join(q(c) for c in choices)}]",
                f"    answer: {q(rng.choice(choices))}"]
    return head + body + [
        f"    verdict_by: {source}",
        f"    explanation: {q(f'Generated explanation {i}, faithful to {source} for the test.')}",
        *evidence(rng, source, quotes)]


def make_pack(n: int, outdir: Path, seed: int = 1, per_file: int = 1000, sentences_in_corpus: int = 0) -> Path:
    """Write the pack; return outdir."""
    corpus, content = outdir / "corpus", outdir / "content"
    for d in (corpus, content):
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
    sources = read_sources(ROOT / "corpus")
    shutil.copy2(ROOT / "corpus" / "sources.yaml", corpus)
    for path in sources.values():
        shutil.copy2(path, corpus)
    shutil.copy2(ROOT / "content" / "pack.yaml", content)
    head = (content / "pack.yaml").read_text(encoding="utf-8")
    if not re.search(r"^publisher:", head, re.M):  # ClaimReview's signer; the checker asks for it
        (content / "pack.yaml").write_text(head.rstrip("\n") + "\npublisher: mythquiz benchmarks\n", encoding="utf-8")
    topics = read_topics(content / "pack.yaml")
    quotes = {sid: sentences(path) for sid, path in sources.items()}
    if sentences_in_corpus:
        sid, path = add_archive(corpus, sentences_in_corpus, seed)
        quotes = {sid: sentences(path)}
    rng = random.Random(seed)
    for start in range(0, n, per_file):
        lines = [f"# Generated by benchmarks/make_pack.py (seed {seed}): items {start + 1}-"
                 f"{min(n, start + per_file)} of {n}.", "items:"]
        for i in range(start + 1, min(n, start + per_file) + 1):
            lines += item(i, rng, topics, quotes)
        (content / f"items-{start // per_file + 1:04d}.yaml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8")
    return outdir


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=_positive, help="number of items")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-file", type=_positive, default=1000)
    parser.add_argument("--sentences", type=_positive, default=0, metavar="M",
                        help="add a generated document of M sentences that every item quotes")
    args = parser.parse_args(argv)
    make_pack(args.n, args.outdir, args.seed, args.per_file, args.sentences)
    print(f"{args.n} items in {args.outdir / 'content'}, corpus in {args.outdir / 'corpus'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
