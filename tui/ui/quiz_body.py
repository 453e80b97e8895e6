"""The body of the quiz screen as one widget: the question, its options, the verdict and
the explanation beside the excerpts (a disputed item's sides side by side), drawn line by
line (Textual's Line API): each part a block of ready-made lines, a change rebuilding its
block and repainting only the screen lines that differ, with no layout pass unless the
body outgrows the screen; a new question first, the previous feedback cleared a frame later.

Hand-drawn because a bar needs it (measured): composed of Textual widgets (Statics for the
question and options, `FeedbackView` from feedback.py below), a new question changed the
height above the old feedback on 14 of 19 "next" keys of the benchmark's quiz, each one
a layout and a whole-screen repaint in the frame that answers the key: 6.7 ms of main
thread CPU to that frame against 3.0 ms here (medians, 120x40, same run, load 7.5 on 2
cores; the bar, key → screen ≤ 1.5× the floor, leaves about 2 ms); an answer, 3.3 against
2.9 ms. The item page and the facilitator use the widgets (`FeedbackView`, `DisputeSides`).

Content is rendered literally (never as markup); meaning never rests on colour alone.
"""

from __future__ import annotations

from itertools import zip_longest
from typing import Callable, NamedTuple, Sequence

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.geometry import Offset, Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from ..core.answers import Feedback
from .cursor import CursorFollow
from .feedback import (WIDE, Column, claim_content, dispute_columns, evidence_content, explanation_content,
                       side_blocks)

VERDICT_LINES = 3  # kept for the verdict while the question is asked, so drawing it moves nothing

BAR = "█"  # Textual's "thick" left border, as the CSS boxes of the explainer draw it


class Options(NamedTuple):
    texts: tuple[str, ...]
    highlighted: int
    marks: tuple[tuple[str, str], ...] | None  # after the answer: (symbol, note) per option


def _option_line(o: Options, n: int) -> tuple[Content, Content]:
    """Option `n`'s mark and number, and its words (wrapped under themselves): the highlighted
    one ▶ in reverse video; after the answer, ✓ or ✗ and the words for it."""
    text = o.texts[n]
    if o.marks is None:
        style = "reverse bold" if n == o.highlighted else ""
        return Content.assemble("▶ " if style else "  ", (f"{n + 1}. ", style)), Content.styled(text, style)
    symbol, note = o.marks[n]
    return Content(f"{symbol} {n + 1}. "), Content.assemble(text, (f"  ← {note}" if note else "", "bold"))


def _made(content: Content) -> Callable[[], Content]:
    return lambda: content  # the maker of a verdict already made


class QuizBody(CursorFollow, ScrollView, can_focus=True):
    """Shows one question and, after the answer, its feedback."""

    DEFAULT_CSS = """
    QuizBody {
        padding: 1 1 1 2;
        height: 1fr;
        /* The scrollbar's room is kept even when it is not shown, so the text keeps its
           width (and its wrapping) when a long answer brings the scrollbar. */
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind_label = ""
        self.prompt = ""
        self.quotation = False
        self.options = Options((), 0, None)
        self.verdict: tuple[str, Callable[[], Content]] | None = None  # (key, its maker)
        self.panels: tuple[Content, Content] | None = None  # (explanation, evidence)
        # A disputed item's sides, in two columns (`dispute_columns`), under the explanation.
        self.sides: tuple[Column, Column] | None = None
        self._width = 0
        self._blocks: dict[str, list[Strip]] = {}
        self._lines: list[Strip] = []
        self._options_top = 0  # first line of the options box
        self._option_rows: list[int] = []  # first line of each option inside the box
        self._drawn: dict[int, Strip] = {}  # viewport line -> strip last drawn there
        self._drawn_at: int | None = None  # scroll offset when they were drawn
        self._blanks: dict[int, Strip] = {}  # blank lines by width, in the current style
        self._pieces: dict[tuple[str, str], Strip] = {}  # decorations, in the current style
        # Blocks built ahead of need (the next question, each possible verdict), by what
        # they show; all are dropped when the width or the styles change.
        self._ready: dict[tuple, tuple[list[Strip], list[int]]] = {}

    # ---- what it shows ----

    def ask(self, kind_label: str, prompt: str, options: Sequence[str], *, quotation: bool) -> None:
        """A new question: everything below it is cleared."""
        self.kind_label, self.prompt, self.quotation = kind_label, prompt, quotation
        self.options = Options(tuple(options), 0, None)
        self.verdict = self.panels = self.sides = None
        if self.scroll_offset.y:
            self.scroll_to(y=0, animate=False, immediate=True)
        # The question and its options are drawn first; the previous answer's feedback
        # below them is cleared a frame later.
        self._build("question", "options", "verdict", "panels", first=True)

    def move(self, step: int) -> None:
        """Highlight the option `step` below (above, if negative), wrapping round."""
        o = self.options
        if o.texts and o.marks is None:
            self.options = o._replace(highlighted=(o.highlighted + step) % len(o.texts))
            self._build("options")
            self._scroll_to_highlight()

    def _scroll_to_highlight(self) -> None:
        """On a short screen, scroll the highlighted option into view."""
        rows, h = self._option_rows, self.options.highlighted
        if not rows:
            return
        ends = rows[1:] + [len(self._blocks.get("options", [])) - 3]  # past each option's lines
        first = self._options_top + 1 + rows[h]
        end = self._options_top + 1 + ends[h]
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        if first < top:
            self.scroll_to(y=first, animate=False)
        elif end > top + height:
            self.scroll_to(y=end - height, animate=False)

    @property
    def highlighted(self) -> int:
        return self.options.highlighted

    def mark(self, marks: Sequence[tuple[str, str]]) -> None:
        self.options = self.options._replace(marks=tuple(marks))
        self._build("options")

    def show_verdict(self, key: str, verdict: Callable[[], Content]) -> None:
        """The verdict for the answer `key` (unique to the question and the answer);
        `verdict()` makes it, unless it was prepared."""
        self.verdict = (key, verdict)
        self._build("verdict")

    def prepare(self, kind_label: str, prompt: str, options: Sequence[str], *, quotation: bool,
                verdicts: dict[str, Content]) -> None:
        """Build the blocks of a question that is coming (and of its possible verdicts) in
        advance, in idle time, so that showing it costs only the repaint."""
        width = self._width
        if width <= 0:
            return
        if len(self._ready) > 64:
            self._ready.clear()
        self._question_lines(width, kind_label, prompt, quotation)
        self._options_lines(width, Options(tuple(options), 0, None))
        for key, content in verdicts.items():
            self._verdict_lines(width, key, _made(content))

    def show_panels(self, feedback: Feedback) -> None:
        """The explanation beside the excerpts; for a disputed item, the explanation above
        its sides (side by side from WIDE columns, else one above the other)."""
        item = feedback.item
        if item.disputed:
            claim = claim_content(feedback)
            self.panels = (explanation_content(feedback), claim if claim is not None else Content(""))
            self.sides = dispute_columns(item, feedback.excerpts, feedback.sources or {})
        else:
            self.panels = (explanation_content(feedback), evidence_content(feedback))
            self.sides = None
        self._build("panels")

    @property
    def text(self) -> str:
        """Everything the body shows as plain text, in reading order (the explanation, then
        the excerpts beside it), also what is scrolled out of view."""
        parts = [self.kind_label, f"“{self.prompt}”" if self.quotation else self.prompt]
        options = (_option_line(self.options, n) for n in range(len(self.options.texts)))
        parts.append("\n".join(mark.plain + words.plain for mark, words in options))
        if self.verdict is not None:
            parts.append(self.verdict[1]().plain)
        if self.panels is not None:
            parts += [content.plain for content in self.panels if content]
        parts += [content.plain for column in self.sides or () for content, _ in side_blocks(column)]
        return "\n\n".join(parts)

    def line_text(self, y: int) -> str:
        """Line `y` of the body (from its top, not the viewport's) as plain text."""
        return self._lines[y].text if 0 <= y < len(self._lines) else ""

    # ---- building lines ----

    @property
    def _narrow(self) -> bool:
        return self.screen.size.width < WIDE

    def _strips(self, content: Content, width: int) -> list[Strip]:
        return Visual.to_strips(self, content, max(1, width), None, self.visual_style, pad=True)

    def _blank(self, width: int | None = None) -> Strip:
        width = self._width if width is None else width
        if (strip := self._blanks.get(width)) is None:
            strip = self._blanks[width] = Strip.blank(width, self.rich_style)
        return strip

    def _piece(self, text: str, style: str) -> Strip:
        """A one-line decoration (border, bar), drawn once per width and style."""
        if (strip := self._pieces.get((text, style))) is None:
            strip = self._pieces[text, style] = self._strips(Content.styled(text, style), cell_len(text))[0]
        return strip

    def _barred(self, content: Content, width: int, bar: str, gap: int, right: int = 0) -> list[Strip]:
        """`content` beside a thick bar in the `bar` style, `gap` cells from it."""
        head, pad, tail = self._piece(BAR, bar), self._blank(gap), [self._blank(right)] if right else []
        return [Strip.join([head, pad, line, *tail]) for line in self._strips(content, width - 1 - gap - right)]

    def _build(self, *names: str, first: bool = False) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return  # not laid out yet: built on the first resize
        if width != self._width:
            self._width = width
            self._blanks.clear()
            self._pieces.clear()
            self._ready.clear()
            names = ("question", "options", "verdict", "panels")
        for name in names:
            self._blocks[name] = getattr(self, f"_build_{name}")(width)
        self._assemble(first)

    def _cached(self, key: tuple, make: Callable[[], tuple[list[Strip], list[int]]]):
        if (built := self._ready.get(key)) is None:
            built = self._ready[key] = make()
        return built

    def _build_question(self, width: int) -> list[Strip]:
        return self._question_lines(width, self.kind_label, self.prompt, self.quotation)

    def _question_lines(self, width: int, kind_label: str, prompt: str, quotation: bool) -> list[Strip]:
        def make():
            lines = self._strips(Content.styled(kind_label, "bold $text-accent"), width)
            lines.append(self._blank())
            if quotation:
                lines += self._barred(Content.styled(f"“{prompt}”", "bold italic"), width, "$accent", 2)
            else:
                lines += self._strips(Content.styled(prompt, "bold"), width)
            lines.append(self._blank())
            return lines, []

        return self._cached(("question", width, kind_label, prompt, quotation), make)[0]

    def _build_options(self, width: int) -> list[Strip]:
        lines, self._option_rows = self._options_lines(width, self.options)
        return lines

    def _options_lines(self, width: int, o: Options) -> tuple[list[Strip], list[int]]:
        def make():
            border = "$foreground 30%"
            left = self._piece("│ ", border)
            right = self._piece(" │", border)
            lines = [self._piece("╭" + "─" * (width - 2) + "╮", border)]
            rows = []
            for n in range(len(o.texts)):
                rows.append(len(lines) - 1)
                mark, words = _option_line(o, n)
                body = self._strips(words, width - 4 - mark.cell_length)
                heads = [self._strips(mark, mark.cell_length)[0]] + [self._blank(mark.cell_length)] * (len(body) - 1)
                lines += [Strip.join([left, head, strip, right]) for head, strip in zip(heads, body)]
            lines.append(self._piece("╰" + "─" * (width - 2) + "╯", border))
            lines.append(self._blank())
            return lines, rows

        if o.marks is not None or o.highlighted:
            return make()  # shown once: not worth keeping
        return self._cached(("options", width, o.texts), make)

    def _build_verdict(self, width: int) -> list[Strip]:
        if self.verdict is None:
            return [self._blank()] * (VERDICT_LINES + 1)
        key, verdict = self.verdict
        return self._verdict_lines(width, key, verdict)

    def _verdict_lines(self, width: int, key: str, verdict: Callable[[], Content]) -> list[Strip]:
        def make():
            lines = self._strips(verdict(), width)
            lines += [self._blank()] * (VERDICT_LINES - len(lines))
            lines.append(self._blank())
            return lines, []

        return self._cached(("verdict", width, key), make)[0]

    def _build_panels(self, width: int) -> list[Strip]:
        if self.panels is None:
            return []
        explanation, evidence = self.panels
        if self.sides is None:  # the explanation beside the excerpts
            return self._two_columns([(explanation, False)], [(evidence, True)], width, gap_after_left=False)
        # Disputed: the explanation (and the claim's words, unless a side quotes them),
        # then the sides, each under who says it.
        lines = self._column([(explanation, False)] + [(evidence, True)] * bool(evidence), width)
        left, right = (side_blocks(column) for column in self.sides)
        return lines + self._two_columns(left, right, width)

    def _column(self, blocks: list[tuple[Content, bool]], width: int) -> list[Strip]:
        """Blocks one under the other, each followed by a blank line; `True`: behind a bar."""
        lines: list[Strip] = []
        for content, barred in blocks:
            lines += self._barred(content, width, "$accent 60%", 1, 1) if barred else self._strips(content, width)
            lines.append(self._blank(width))
        return lines

    def _two_columns(self, left: list[tuple[Content, bool]], right: list[tuple[Content, bool]], width: int,
                     gap_after_left: bool = True) -> list[Strip]:
        """Two columns of blocks side by side from WIDE columns of screen, else the left
        one above the right one."""
        if self._narrow:
            return self._column(left + right, width)
        left_width = width // 2
        right_width = width - left_width
        first = [Strip.join([line, self._blank(2)]) for line in self._column(left, left_width - 2)]
        if not gap_after_left:
            first.pop()
        second = self._column(right, right_width)
        return [Strip.join([a or self._blank(left_width), b or self._blank(right_width)])
                for a, b in zip_longest(first, second)]

    def _assemble(self, first: bool = False) -> None:
        """Put the blocks together and repaint what changed. With `first`, only the
        question and the options are repainted now, the rest in the next frame."""
        question = self._blocks.get("question", [])
        self._options_top = len(question)
        lines = question[:]
        for name in ("options", "verdict", "panels"):
            lines += self._blocks.get(name, [])
        if lines and not self.panels:
            lines.pop()  # no trailing gap under the last block
        self._lines = lines
        height = len(lines)
        size = self.virtual_size
        if first and height <= size.height and size.width == self._width:
            self._repaint(upto=len(question) + len(self._blocks.get("options", [])))
            self.set_timer(1 / 60, self._assemble)
        elif size.height != height or size.width != self._width:
            self.virtual_size = Size(self._width, height)  # a layout pass, for the scrollbar
            self.refresh()
        else:
            self._repaint()

    # ---- drawing ----

    def on_resize(self, event: events.Resize) -> None:
        self._build()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._width = 0  # a new theme or class: every block is built again
        self._build()

    def _line(self, y: int) -> Strip:
        """Viewport line `y` as it should look now."""
        line = self.scroll_offset.y + y
        return self._lines[line] if line < len(self._lines) else self._blank()

    def cursor_spot(self) -> Offset | None:
        """The highlighted option, at its marker, while an answer is awaited."""
        o = self.options
        if o.marks is None and o.texts and self._option_rows:
            return Offset(2, self._options_top + 1 + self._option_rows[o.highlighted])
        return None

    def render_line(self, y: int) -> Strip:
        strip = self._line(y)
        self.follow_cursor(y)
        self._drawn[y] = strip
        self._drawn_at = self.scroll_offset.y
        return strip

    def _repaint(self, upto: int | None = None) -> None:
        """Repaint the lines that differ from what is on screen, and only those (above
        line `upto` of the body, if given)."""
        height = self.scrollable_content_region.height
        if not height or self._drawn_at != self.scroll_offset.y:
            self.refresh()
            return
        if upto is not None:
            height = max(0, min(height, upto - self.scroll_offset.y))
        width = self.size.width  # regions are relative to the content area
        start = None
        for y in range(height + 1):
            changed = y < height and self._line(y) != self._drawn.get(y)
            if changed and start is None:
                start = y
            elif not changed and start is not None:
                self.refresh(Region(0, start, width, y - start))
                start = None

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._drawn.clear()
