"""The printable handout, Markdown or HTML: every question with its answer, whose verdict it
is, the explanation and the verbatim excerpts, then the sources.

Content text is always escaped for the target format, so markup-like text in a pack (square
brackets, asterisks, angle brackets) appears exactly as written.
"""

from __future__ import annotations

import html
import re

from .. import __version__
from ..core.engine import excerpt
from ..core.explain import answer_label, question_text
from ..core.model import Item, Pack, Quote, human_date, quoted

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def md(text: str) -> str:
    """Escape Markdown so the text renders literally."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _where(pack: Pack, quote: Quote) -> str:
    ex = excerpt(pack, quote)
    line = f", line {ex.line}" if ex.line else ""
    return f"{ex.source.byline}{line}"


def _verdict(pack: Pack, item: Item) -> str:
    source = pack.sources[item.verdict_by]
    kind = "one party's own statement" if source.is_party_statement else source.genre
    return f"according to {source.name} ({kind})"


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
            out += [f"**Answer: {md(answer_label(item))}**, {md(_verdict(pack, item))}.", ""]
            if item.type == "myth-or-fact" and item.claimed_by:
                who = "Who makes this claim" if item.answer == "Myth" else "Whose statement this is"
                out += [f"*{who}:* {md(item.claimed_by)}", ""]
            if item.claim_quote:
                out += ["*The claim in its maker's own words:*", "",
                        f"> {md(quoted(item.claim_quote.text))}  ", f"> — {md(_where(pack, item.claim_quote))}", ""]
            out += [md(item.explanation), ""]
            for quote in item.evidence:
                out += [f"> {md(quoted(quote.text))}  ", f"> — {md(_where(pack, quote))}", ""]
    out += sources_markdown(pack)
    return "\n".join(out).rstrip() + "\n"


def sources_markdown(pack: Pack) -> list[str]:
    counts = pack.citation_counts()
    out = ["## Sources", ""]
    for s in pack.sources.values():
        out += [
            f"- **{md(s.title)}** — {md(s.publisher or 'publisher not named in the text')}, "
            f"{md(human_date(s.date))} ({md(s.genre)}); cited by {counts.get(s.id, 0)} items.  ",
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
dl.sources dt { font-weight: bold; margin-top: .8em; }
dl.sources dd { margin-left: 1em; }
@media print { body { margin: 0; max-width: none; } a { color: #000; } blockquote { background: none; } }
"""


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _quote_html(pack: Pack, quote: Quote) -> str:
    return (f"<blockquote><p>{_h(quoted(quote.text))}</p>"
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
            parts.append(f"<p><span class=\"answer\">Answer: {_h(answer_label(item))}</span>, "
                         f"{_h(_verdict(pack, item))}.</p>")
            if item.type == "myth-or-fact" and item.claimed_by:
                who = "Who makes this claim" if item.answer == "Myth" else "Whose statement this is"
                parts.append(f"<p><em>{who}:</em> {_h(item.claimed_by)}</p>")
            if item.claim_quote:
                parts.append("<div class=\"claim\"><p><em>The claim in its maker's own words:</em></p>"
                             + _quote_html(pack, item.claim_quote) + "</div>")
            parts.append(f"<p>{_h(item.explanation)}</p>")
            parts += [_quote_html(pack, q) for q in item.evidence]
            parts.append("</section>")
    counts = pack.citation_counts()
    parts.append("<h2>Sources</h2>")
    parts.append("<dl class=\"sources\">")
    for s in pack.sources.values():
        parts.append(f"<dt>{_h(s.title)}</dt>")
        parts.append(f"<dd>{_h(s.publisher or 'publisher not named in the text')}, {_h(human_date(s.date))} "
                     f"({_h(s.genre)}); cited by {counts.get(s.id, 0)} items.</dd>")
        parts.append(f"<dd>How the date is known: {_h(s.date_note)}</dd>")
        parts.append(f"<dd>Perspective: {_h(s.perspective)}</dd>")
        parts.append(f"<dd>File <code>{_h(s.file)}</code>, SHA-256 <code>{_h(s.sha256)}</code>.</dd>")
    parts += ["</dl>", f"<p class=\"src\">Made with mythquiz {__version__}.</p>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"
