"""The printable handout, Markdown or HTML: every question with its answer, whose verdict it
is, the explanation and the verbatim excerpts, then the sources.

Content text is always escaped for the target format, so markup-like text in a pack (square
brackets, asterisks, angle brackets) appears exactly as written.
"""

from __future__ import annotations

import html
import re

from .. import __version__
from ..core import wording
from ..core.answers import excerpt
from ..core.explain import answer_label, question_text
from ..core.model import Item, Pack, Quote

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def md(text: str) -> str:
    """Escape Markdown so the text renders literally."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _where(pack: Pack, quote: Quote) -> str:
    """The source line under an excerpt, without its leading dash."""
    ex = excerpt(pack, quote)
    return wording.source_line(ex.source, ex.line, quote.said_by)[2:]


def _verdict(pack: Pack, item: Item) -> list[str]:
    """The verdict line, and the party line where the verdict comes from a party."""
    lines = [wording.verdict_line(item, pack.sources)]
    party = wording.party_line(item, pack.sources)
    return lines + [party] if party else lines


def _evidence_groups(pack: Pack, item: Item) -> list[tuple[str, list[Quote]]]:
    """The evidence under headings: a disputed item's by declared side ("X supports this:"), else one group."""
    if item.disputed:
        return [(wording.side_heading(side), list(side.quotes)) for side in wording.sides(item, pack.sources)]
    return [("", list(item.evidence))]


def _md_quote(pack: Pack, quote: Quote) -> list[str]:
    body = [f"> {md(line)}  " for line in quote.text.split("\n")]
    return body + [f"> — {md(_where(pack, quote))}", ""]


# ---- handout ----


def handout_markdown(pack: Pack, items: list[Item]) -> str:
    out = [f"# {md(pack.title)}", "", md(pack.description), "",
           f"{len(items)} questions with their answers. Every excerpt is quoted verbatim from the "
           "named source; every verdict says whose it is.", ""]
    for topic, name in pack.topics.items():
        chosen = [item for item in items if item.topic == topic]
        if not chosen:
            continue
        out += [f"## {md(name)}", ""]
        for item in chosen:
            out += [f"### {md(question_text(item))}", ""]
            if item.type != "myth-or-fact":
                out += ["Options: " + " · ".join(md(c) for c in item.choices), ""]
            out += [f"**Answer: {md(answer_label(item))}.** " + " ".join(md(s) for s in _verdict(pack, item)), ""]
            claimant = wording.claimant_row(item, pack.sources)
            if claimant:
                out += [f"*{claimant[0]}:* {md(wording.sentence(claimant[1]))}", ""]
            if item.claim_quote:
                out += [f"*{wording.CLAIM_LABEL}:*", ""] + _md_quote(pack, item.claim_quote)
            out += [md(item.explanation), ""]
            for heading, quotes in _evidence_groups(pack, item):
                if heading:
                    out += [f"*{md(heading)}*", ""]
                for quote in quotes:
                    out += _md_quote(pack, quote)
    out += sources_markdown(pack)
    return "\n".join(out).rstrip() + "\n"


def sources_markdown(pack: Pack) -> list[str]:
    counts = pack.citation_counts()
    out = ["## Sources", ""]
    for s in pack.sources.values():
        out += [
            f"- **{md(s.title)}** — {md(s.publisher or 'publisher not named in the text')}, "
            f"{md(s.shown_date)} ({md(s.genre)}); cited by {counts.get(s.id, 0)} items.  ",
            f"  How the date is known: {md(s.date_note)}  ",
            f"  Perspective: {md(s.perspective)}  ",
            f"  File `{md(s.file)}`, SHA-256 `{s.sha256}`.",
        ]
    return out + [""]


_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 46em; margin: 2em auto; padding: 0 1em;
       line-height: 1.45; color: #111; background: #fff; }
h1, h2, h3 { font-family: 'Helvetica Neue', Arial, sans-serif; line-height: 1.2; }
h2 { border-bottom: 2px solid #333; padding-bottom: .2em; margin-top: 2em; }
h3 { margin-top: 1.6em; }
.item { break-inside: avoid; page-break-inside: avoid; }
.answer { font-weight: bold; }
blockquote { margin: .8em 0; padding: .3em 1em; border-left: 4px solid #555; background: #f4f4f4; }
blockquote p { margin: .2em 0; }
.src { font-size: .9em; color: #333; }
.claim blockquote { border-left-style: dashed; }
.sides { display: flex; flex-wrap: wrap; gap: 1em; }
.side { flex: 1 1 18em; }
dl.sources dt { font-weight: bold; margin-top: .8em; }
dl.sources dd { margin-left: 1em; }
@media print { body { margin: 0; max-width: none; } a { color: #000; } blockquote { background: none; } }
"""


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _quote_html(pack: Pack, quote: Quote) -> str:
    return (f"<blockquote><p>{_h(quote.text)}</p>"
            f"<p class=\"src\">— {_h(_where(pack, quote))}</p></blockquote>")


def handout_html(pack: Pack, items: list[Item]) -> str:
    parts = [
        "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
        f"<title>{_h(pack.title)} — handout</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
        f"<h1>{_h(pack.title)}</h1>", f"<p>{_h(pack.description)}</p>",
        f"<p>{len(items)} questions with their answers. Every excerpt is quoted verbatim from the named "
        "source; every verdict says whose it is.</p>",
    ]
    for topic, name in pack.topics.items():
        chosen = [item for item in items if item.topic == topic]
        if not chosen:
            continue
        parts.append(f"<h2>{_h(name)}</h2>")
        for item in chosen:
            parts.append(f"<section class=\"item\" id=\"{_h(item.id)}\">")
            parts.append(f"<h3>{_h(question_text(item))}</h3>")
            if item.type != "myth-or-fact":
                parts.append("<p>Options: " + " · ".join(_h(c) for c in item.choices) + "</p>")
            parts.append(f"<p><span class=\"answer\">Answer: {_h(answer_label(item))}.</span> "
                         + " ".join(_h(s) for s in _verdict(pack, item)) + "</p>")
            claimant = wording.claimant_row(item, pack.sources)
            if claimant:
                parts.append(f"<p><em>{_h(claimant[0])}:</em> {_h(wording.sentence(claimant[1]))}</p>")
            if item.claim_quote:
                parts.append(f"<div class=\"claim\"><p><em>{_h(wording.CLAIM_LABEL)}:</em></p>"
                             + _quote_html(pack, item.claim_quote) + "</div>")
            parts.append(f"<p>{_h(item.explanation)}</p>")
            groups = _evidence_groups(pack, item)
            if len(groups) > 1:  # a dispute: the sides side by side where the page is wide
                parts.append("<div class=\"sides\">")
                for heading, quotes in groups:
                    parts.append(f"<div class=\"side\"><p><em>{_h(heading)}</em></p>"
                                 + "".join(_quote_html(pack, q) for q in quotes) + "</div>")
                parts.append("</div>")
            else:
                parts += [_quote_html(pack, q) for q in groups[0][1]]
            parts.append("</section>")
    counts = pack.citation_counts()
    parts.append("<h2>Sources</h2>")
    parts.append("<dl class=\"sources\">")
    for s in pack.sources.values():
        parts.append(f"<dt>{_h(s.title)}</dt>")
        parts.append(f"<dd>{_h(s.publisher or 'publisher not named in the text')}, {_h(s.shown_date)} "
                     f"({_h(s.genre)}); cited by {counts.get(s.id, 0)} items.</dd>")
        parts.append(f"<dd>How the date is known: {_h(s.date_note)}</dd>")
        parts.append(f"<dd>Perspective: {_h(s.perspective)}</dd>")
        parts.append(f"<dd>File <code>{_h(s.file)}</code>, SHA-256 <code>{_h(s.sha256)}</code>.</dd>")
    parts += ["</dl>", f"<p class=\"src\">Made with mythquiz {__version__}.</p>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"
