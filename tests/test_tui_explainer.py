"""Pilot tests of the explainer: browse, filter, search, item detail, source reader, sources.

Keys only, checked against what the screens hold and show.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events
from textual.content import Content
from textual.scrollbar import ScrollBar
from textual.style import Style
from textual.widgets import DataTable

from tui.core.engine import Session
from tui.core.explain import reader_marks
from tui.core.model import Claimant, Pack
from tui.core.wording import claimant_row, verdict_line
from tui.core.search import parse_query
from tui.ui.app import MythQuizApp
from tui.ui.browse_screen import BrowseScreen
from tui.ui.confirm import ConfirmScreen
from tui.ui.help_screen import HelpScreen
from tui.ui.home_screen import HomeScreen
from tui.ui.item_list import MATCH, PLAIN, ItemList, draw, pieces
from tui.ui.item_screen import ItemScreen
from tui.ui.reader_screen import ReaderScreen
from tui.ui.search_box import SearchBox
from tui.ui.sources_screen import SourcesScreen
from tui.ui.status_line import StatusLine

from tui_helpers import flat, lists_key, screen_text

SIZE = (120, 40)


def browse_app(pack, **options) -> MythQuizApp:
    return MythQuizApp(pack, start="browse", start_options=options)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))


def rows(app) -> list[str]:
    """Every row of the item list, as drawn (both lines of each)."""
    items = app.screen.query_one(ItemList)
    return [items.row_text(n) for n in range(len(items.rows))]


def visible_lines(widget) -> list[str]:
    """The lines a Line API widget draws in its viewport."""
    return ["".join(seg.text for seg in widget.render_line(y)) for y in range(widget.size.height)]


def open_door(pack):
    return next(i for i in pack.items if i.type == "choice" and i.answer == "Article 10")


# ---- browse ----

async def test_browse_lists_every_item_with_type_topic_and_statement(pack):
    app = browse_app(pack)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, BrowseScreen)
        listed = rows(app)
        assert len(listed) == len(pack.items)
        for item, row in zip(pack.items, listed):
            assert item.id in row and pack.topic_name(item.topic) in row
            assert item.prompt[:40] in row
        assert f"All {len(pack.items)} items" in screen_text(app)
        # Only what fits is drawn; the first row carries the cursor marker.
        shown = visible_lines(app.screen.query_one(ItemList))
        assert shown[0].startswith("▶ ")
        await pilot.press("down", "down")
        assert app.screen.query_one(ItemList).highlighted is pack.items[2]
        await pilot.press("end")
        items = app.screen.query_one(ItemList)
        assert items.highlighted is pack.items[-1]
        assert items.scroll_offset.y > 0  # scrolled to keep the cursor in view
        await pilot.press("home")
        assert items.highlighted is pack.items[0] and items.scroll_offset.y == 0


async def test_filters_by_topic_and_type_with_keys(pack):
    app = browse_app(pack)
    async with app.run_test(size=SIZE) as pilot:
        first_topic, name = next(iter(pack.topics.items()))
        await pilot.press("p")
        items = app.screen.query_one(ItemList)
        shown = [items.items[n] for n in items.rows]
        assert shown and all(i.topic == first_topic for i in shown)
        assert f"Topic: {name}" in screen_text(app)
        await pilot.press("t")
        shown = [items.items[n] for n in items.rows]
        assert all(i.topic == first_topic and i.type == "myth-or-fact" for i in shown)
        assert "Type: Myth or fact" in screen_text(app)
        await pilot.press("t", "t", "t")  # choice, who-said, all
        assert "Type: all" in screen_text(app)
        for _ in pack.topics:
            await pilot.press("p")
        assert "Topic: all" in screen_text(app) and len(items.rows) == len(pack.items)


async def test_search_article_10_finds_the_open_door_item_and_highlights(pack):
    app = browse_app(pack)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        search = app.screen.query_one("#browse-search", SearchBox)
        assert search.display and search.has_focus
        await type_text(pilot, "Article 10")
        items = app.screen.query_one(ItemList)
        assert items.highlighted is not None and items.highlighted.id == open_door(pack).id
        assert "match “Article 10”" in screen_text(app)
        # The matched words are drawn underlined (visible without colour).
        underlined = [seg.text for y in range(2) for seg in items.render_line(y)
                      if seg.style is not None and seg.style.underline]
        assert "Article" in underlined and "10" in underlined
        assert "in answer: Article 10" in visible_lines(items)[1]
        # Enter in the search box opens the highlighted item.
        await pilot.press("enter")
        assert isinstance(app.screen, ItemScreen) and app.screen.item.id == open_door(pack).id


async def test_letters_typed_right_after_slash_go_into_the_search(pack):
    """A fast typist's "/nato" arrives as five queued keys: none is lost on the way."""
    app = browse_app(pack)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        for key, character in (("slash", "/"), *((ch, ch) for ch in "nato")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert app.screen.search_text == "nato"
        assert "match “nato”" in screen_text(app)


async def test_a_search_given_on_the_command_line_is_the_one_shown(pack):
    app = browse_app(pack, query="nato\texpansion")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.screen.query_one(SearchBox)
        assert box.value == "nato expansion" == app.screen.search_text
        await pilot.press("slash", "end", "s")
        assert app.screen.search_text == "nato expansions"


async def test_the_search_box_edits_like_a_text_field(pack):
    app = browse_app(pack)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        box = app.screen.query_one(SearchBox)
        await type_text(pilot, "open door")
        await pilot.press("home", "delete", "O", "end", "left", "left", "backspace", "right")
        assert box.value == "Open dor" and box.cursor == 7
        await pilot.press("ctrl+w")  # the word before the cursor
        assert box.value == "Open r" and box.cursor == 5
        await pilot.press("ctrl+a", "ctrl+right")
        assert box.cursor == 4
        await pilot.press("ctrl+k")
        assert box.value == "Open" and app.screen.search_text == "Open"
        await pilot.press("ctrl+u")
        assert box.value == "" and box.cursor == 0
        # Letters that are keys elsewhere (p: topic, t: type, q, ?) are typed here.
        await type_text(pilot, "pt?q")
        assert box.value == "pt?q" and isinstance(app.screen, BrowseScreen)
        # A paste inserts its first line, control characters dropped.
        await pilot.press("ctrl+u")
        app.screen.query_one(SearchBox).post_message(events.Paste("Art\x1b[31micle 10\nsecond line"))
        await pilot.pause()
        assert box.value == "Art[31micle 10"
        # Spaces of other scripts (typed with an input method, or pasted) and tabs are
        # spaces: they separate words as the search does.
        await pilot.press("ctrl+u")
        app.screen.query_one(SearchBox).post_message(events.Paste("Article\u00a010"))
        await pilot.pause()
        assert box.value == "Article 10" and app.screen.search_text == "Article 10"
        await pilot.press("ctrl+u")
        await type_text(pilot, "open")
        app.post_message(events.Key("\u3000", "\u3000"))
        await type_text(pilot, "door")
        assert app.screen.search_text == "open door"
        await pilot.press("ctrl+u")
        app.screen.query_one(SearchBox).post_message(events.Paste("Art\x1b[31micle 10\nsecond line"))
        await pilot.pause()
        # The field shows its text literally, the cursor in reverse video after it.
        line = box.render_line(0)
        assert line.text.startswith("Search: Art[31micle 10 ")
        assert [seg.text for seg in line if seg.style and seg.style.reverse] == [" "]
        assert app.cursor_position.x == box.content_region.x + len("Search: Art[31micle 10")


async def test_search_keeps_up_with_each_letter_and_arrows_move_while_typing(pack):
    app = browse_app(pack)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        counts = []
        for letter in "putin":
            await pilot.press(letter)
            counts.append(len(app.screen.query_one(ItemList).rows))
        assert counts == sorted(counts, reverse=True) and counts[-1] > 1
        items = app.screen.query_one(ItemList)
        assert all("putin" in items.items[n].searchable_text() for n in items.rows)
        await pilot.press("down")
        assert items.cursor == 1 and app.screen.query_one(SearchBox).has_focus
        await pilot.press("up")
        assert items.cursor == 0


def big_pack(pack, count: int = 3000, seed: int = 11) -> Pack:
    """The pack's items copied `count` times over, statements and explanations re-mixed
    from its words: broad queries match thousands of items, longer ones a few."""
    rng = random.Random(seed)
    words = sorted({w for i in pack.items for w in f"{i.prompt} {i.explanation}".split()})
    items = []
    for n in range(count):
        base = pack.items[n % len(pack.items)]
        items.append(base._replace(
            id=f"big-{n}", prompt=" ".join(rng.choice(words) for _ in range(rng.randint(2, 12))),
            explanation=" ".join(rng.choice(words) for _ in range(rng.randint(4, 30)))))
    return Pack(pack.title, pack.description, pack.topics, pack.sources, items,
                pack.content_dir, pack.corpus_dir)


def expected_rows(pack, query: str) -> list[int]:
    """What the search must show, by brute force: every word somewhere in the item; the
    phrase in the statement first, then in the answer or options, then the rest."""
    words = query.casefold().split()
    if not words:
        return list(range(len(pack.items)))
    hits = [n for n, i in enumerate(pack.items) if all(w in i.searchable_text() for w in words)]
    phrase = " ".join(words)
    first = [n for n in hits if phrase in pack.items[n].prompt.casefold()]
    second = [n for n in hits if n not in first and phrase in
              "\n".join((pack.items[n].answer, *pack.items[n].choices)).casefold()]
    return first + second + [n for n in hits if n not in first and n not in second]


async def test_typing_and_deleting_on_a_big_pack_shows_the_brute_force_result(pack):
    """Every keystroke, typed or deleted, shows at once the right count, rows and highlights."""
    big = big_pack(pack)
    app = MythQuizApp(big, start="browse")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        items = app.screen.query_one(ItemList)
        status = app.screen.query_one("#browse-status", StatusLine)
        query = ""
        counts = []
        for key in [*"open", "space", *"door", *["backspace"] * 6, *"en", "space", *"zb",
                    "backspace", "backspace", "backspace", "backspace", "backspace", "n"]:
            await pilot.press(key)
            query = query[:-1] if key == "backspace" else query + (" " if key == "space" else key)
            expected = expected_rows(big, query)
            assert list(items.rows) == expected, query
            words = " ".join(query.split())
            head = f"{len(expected)} of {len(big.items)} items match “{words}”" if words \
                else f"All {len(big.items)} items"
            assert str(status.visual).startswith(head), (query, str(status.visual))
            shown = visible_lines(items)
            for row in range(min(3, len(expected))):
                item = big.items[expected[row]]
                assert item.id in shown[2 * row + 1] and item.id in items.row_text(row), query
            counts.append(len(expected))
        # From thousands of matches down to a hundred and to none, and back.
        assert max(counts) > 1000 and 0 in counts and any(0 < c < 150 for c in counts), counts


async def test_after_each_keystroke_the_scroll_range_and_scrollbar_fit_the_list(pack):
    """The rest of the list and the scrollbar follow the first row a frame later; then the
    scroll range, the scrollbar's thumb and whether it is shown fit the new count."""
    big = big_pack(pack)
    app = MythQuizApp(big, start="browse")
    async with app.run_test(size=SIZE) as pilot:
        items = app.screen.query_one(ItemList)
        await pilot.press("slash")
        for key in [*"open", "space", *"door", *["backspace"] * 9, *"zzq", *["backspace"] * 3]:
            await pilot.press(key)
            for _ in range(100):  # the second stage, a frame after the first, and no more
                if items._later is None:
                    break
                await pilot.pause(0.01)
            else:
                raise AssertionError(f"the rest of the list is still pending after {key!r}")
            await pilot.pause()
            height = max(1, len(items.rows)) * 2
            scrolls = height > items.container_size.height
            assert items.virtual_size.height == height, key
            assert items.max_scroll_y == max(0, height - items.container_size.height), key
            assert items.show_vertical_scrollbar == scrolls, key
            if scrolls:
                assert items.vertical_scrollbar.window_virtual_size == height, key
        # The list scrolls to its last row, and back.
        items.focus()
        await pilot.press("end")
        assert items.cursor == len(items.rows) - 1 and items.scroll_offset.y == items.max_scroll_y > 0
        await pilot.press("home")
        assert items.cursor == 0 and items.scroll_offset.y == 0


async def test_a_keystroke_redraws_only_list_lines_that_change(pack, monkeypatch):
    """Typing into a search that matches nothing redraws only the line that names the
    search. A space (the same words) redraws neither the list nor its scrollbar."""
    drawn: list[int] = []
    scrollbar_renders: list[int] = []
    real_render_line = ItemList.render_line
    real_scrollbar_render = ScrollBar.render

    def counting_render_line(self, y):
        drawn.append(y)
        return real_render_line(self, y)

    def counting_scrollbar_render(self):
        scrollbar_renders.append(1)
        return real_scrollbar_render(self)

    monkeypatch.setattr(ItemList, "render_line", counting_render_line)
    monkeypatch.setattr(ScrollBar, "render", counting_scrollbar_render)
    app = browse_app(pack)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "z", "z")
        await pilot.pause()
        drawn.clear()
        await pilot.press("q")
        await pilot.pause()
        assert "No item matches “zzq”" in visible_lines(app.screen.query_one(ItemList))[0]
        drawn.clear()
        await pilot.press("q")
        await pilot.pause()
        assert drawn == [0]
        await pilot.press("backspace", "backspace", "backspace", "backspace", "n")
        await pilot.pause()
        assert len(app.screen.query_one(ItemList).rows) > 20  # the list scrolls
        drawn.clear()
        scrollbar_renders.clear()
        await pilot.press("space")
        await pilot.pause()
        assert drawn == [] and scrollbar_renders == []
        # A letter that changes the count redraws the list and the scrollbar.
        await pilot.press("a", "t", "o")
        await pilot.pause()
        assert drawn and scrollbar_renders


# ---- drawing a row ----

_KINDS = (None, Style(dim=True), Style(underline=True), Style(dim=True, underline=True))
_TEXT = st.text(alphabet=st.sampled_from([*"abc XY.,", "“", "”", "…", "é", "·", "界", "\t"]),
                max_size=40)


@settings(max_examples=200, deadline=None)
@given(text=_TEXT, data=st.data(), width=st.integers(0, 30))
def test_a_drawn_line_is_what_content_would_draw(text, data, width):
    """A row's line, cut into pieces at the search matches, shows the text, highlights
    and `…` of the whole text truncated to the width, always exactly `width` cells."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    strip = draw(pieces(text, spans, PLAIN, MATCH), width, Style(), _KINDS)
    assert strip.cell_length == width
    assert sum(seg.cell_length for seg in strip) == width
    shown = "".join(seg.text for seg in strip)
    underlined = [bool(seg.style and seg.style.underline) for seg in strip for _ in seg.text]
    content = Content(text.replace("\t", " "))
    for start, end in spans:
        content = content.stylize("underline", start, end)
    fitted = content.truncate(width, ellipsis=True, pad=True)
    assert shown == fitted.plain
    expected = [any(s.start <= n < s.end for s in fitted.spans) for n in range(len(fitted.plain))]
    assert underlined == expected


async def test_no_match_says_so_and_esc_steps_back(pack):
    app = browse_app(pack)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "zzqq")
        items = app.screen.query_one(ItemList)
        assert not items.rows and "No item matches “zzqq”" in visible_lines(items)[0]
        await pilot.press("enter")  # nothing to open
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("escape")  # leave the search box, keep the search
        assert items.has_focus and app.screen.search_text == "zzqq"
        await pilot.press("escape")  # clear the search
        assert app.screen.search_text == "" and len(items.rows) == len(pack.items)
        assert not app.screen.query_one(SearchBox).display
        await pilot.press("escape")  # go back: home
        assert isinstance(app.screen, HomeScreen)


async def test_browse_help_lists_its_keys(pack):
    app = browse_app(pack)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for key, words in (("/", "Search statements"), ("p", "one topic"), ("t", "one type"),
                           ("Esc", "go back"), ("Enter", "Open the highlighted item"),
                           ("↑↓", "item above or below")):
            assert lists_key(app, key, words), (key, text)
        # The search box's editing keys, under their own heading, from its bindings.
        assert "In the search box (after /), besides typing:" in text
        for key, words in (("←", "one character left"), ("Home, ctrl+a", "start of the search"),
                           ("ctrl+w", "word before the cursor"), ("ctrl+k", "everything after")):
            assert lists_key(app, key, words), (key, text)


async def test_enter_on_the_list_opens_the_item(pack):
    app = browse_app(pack)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        assert isinstance(app.screen, ItemScreen) and app.screen.item is pack.items[1]


# ---- item detail ----

async def test_item_detail_shows_both_sides_and_whose_verdict(pack):
    item = next(i for i in pack.items if i.type == "myth-or-fact" and i.answer in ("Myth", "Fact") and i.claim_quote)
    app = MythQuizApp(pack, start="show", start_options={"item": item.id})
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ItemScreen)
        text = flat(screen_text(app))
        verdict = pack.sources[item.verdict_by]
        assert flat(item.prompt) in text
        assert flat(verdict_line(item, pack.sources)) in text
        label, claimant = claimant_row(item, pack.sources)
        assert flat(f"{label}: {claimant}") in text
        rebuts = "Who rebuts it" if item.answer == "Myth" else "Judged a fact by"
        assert f"{rebuts}: {verdict.name}" in text
        assert "one party's own statement" in text or "reports what others said" in text
        assert "Both sides in their own words" in text
        assert flat(item.claim_quote.text) in text
        assert "The claim in its maker's own words" in text
        for quote in item.evidence:
            assert flat(quote.text) in text
        assert flat(item.explanation) in text
        # Esc from an item opened by the command goes to browse, on that item.
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen)
        assert app.screen.query_one(ItemList).highlighted.id == item.id
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_who_said_and_choice_details(pack):
    who = next(i for i in pack.items if i.type == "who-said")
    app = MythQuizApp(pack, start="show", start_options={"item": who.id})
    async with app.run_test(size=SIZE):
        text = flat(screen_text(app))
        assert f"“{flat(who.prompt)}”" in text and f"names {who.answer} as the speaker" in text
        assert "Reported by: " in text
        assert f"✓ {who.choices.index(who.answer) + 1}. {who.answer} ← answer" in text


# ---- the source reader ----

def assert_current_mark_in_view(reader: ReaderScreen) -> None:
    scroll = reader.query_one("#reader-scroll")
    y = reader.current_line()
    assert y is not None
    assert scroll.scroll_offset.y <= y < scroll.scroll_offset.y + scroll.scrollable_content_region.height
    # That line, as the Static draws it, holds the start of the excerpt in reverse video.
    mark = reader.marks[reader.current]
    text_widget = reader.query_one("#reader-text")
    line = y - text_widget.virtual_region.y
    strip = text_widget.render_line(line)
    drawn = "".join(seg.text for seg in strip)
    reversed_text = "".join(seg.text for seg in strip if seg.style is not None and seg.style.reverse)
    opening = reader.pack.text_of(mark.source)[mark.start:mark.end].split()[0]
    assert reversed_text.lstrip().startswith(opening), (drawn, opening)


def highlighted_spans(reader: ReaderScreen) -> list[tuple[str, str]]:
    content = reader.query_one("#reader-text").visual
    return [(content.plain[s.start:s.end], str(s.style)) for s in content.spans]


async def test_s_opens_the_reader_at_the_excerpt_and_esc_returns(pack):
    item = open_door(pack)
    app = browse_app(pack, query="Article 10")
    async with app.run_test(size=SIZE) as pilot:
        browse = app.screen
        await pilot.press("enter")
        detail = app.screen
        await pilot.press("s")
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.pause()
        source = pack.sources[item.evidence[0].source]
        text = screen_text(app)
        # The document's metadata header, then the whole document.
        assert source.title in text and flat(source.date_note) in flat(text)
        assert pack.text_of(source.id) in text
        spans = highlighted_spans(reader)
        assert (item.evidence[0].text, "reverse bold") in spans
        assert reader.query_one("#reader-scroll").scroll_offset.y > 0
        assert_current_mark_in_view(reader)
        assert "excerpt 1 of 1" in screen_text(app)
        await pilot.press("escape")
        assert app.screen is detail
        await pilot.press("escape")
        assert app.screen is browse and browse.search_text == "Article 10"
        assert browse.query_one(ItemList).highlighted.id == item.id


async def test_next_and_previous_highlight_across_documents(pack):
    item = max(pack.items, key=lambda i: (len({q.source for q in i.evidence}
                                                | ({i.claim_quote.source} if i.claim_quote else set())),
                                           len(i.evidence)))
    marks = reader_marks(pack, item)
    assert len(marks) >= 3 and len({m.source for m in marks}) >= 2
    app = MythQuizApp(pack, start="show", start_options={"item": item.id})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        reader = app.screen
        await pilot.pause()
        start = reader.current
        assert start == 0 and marks[0].source == item.evidence[0].source
        seen = []
        for step in range(len(marks)):
            mark = reader.marks[reader.current]
            assert reader.source_id == mark.source
            current = [t for t, style in highlighted_spans(reader) if style == "reverse bold"]
            assert current == [pack.text_of(mark.source)[mark.start:mark.end]]
            # Every other excerpt in this document is highlighted too (underlined).
            others = [m for m in marks if m.source == mark.source and m != mark]
            underlined = [t for t, style in highlighted_spans(reader) if "underline" in style]
            assert len(underlined) == len(others)
            assert f"excerpt {reader.current + 1} of {len(marks)}" in screen_text(app)
            assert_current_mark_in_view(reader)
            seen.append(reader.current)
            await pilot.press("n")
            await pilot.pause()
        assert seen == list(range(len(marks))) and reader.current == 0  # wraps around
        await pilot.press("p")
        await pilot.pause()
        assert reader.current == len(marks) - 1
        assert_current_mark_in_view(reader)


async def test_reader_from_quiz_feedback_returns_to_the_same_quiz_state(pack):
    session = Session.create(pack, seed=5, count=3)
    app = MythQuizApp(pack, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = app.screen
        # Before answering, `s` is not offered and does nothing.
        assert "s" not in {k for k, b in quiz.active_bindings.items() if b.enabled}
        await pilot.press("s")
        assert app.screen is quiz
        await pilot.press("1")
        feedback = session.feedback
        body = quiz.query_one("#quiz-body")
        await pilot.press("pagedown")
        scrolled = body.scroll_offset.y
        focused = app.focused
        assert "s" in quiz.active_bindings
        await pilot.press("s")
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.item is feedback.item
        await pilot.pause()
        assert_current_mark_in_view(reader)
        await pilot.press("n", "escape")
        assert app.screen is quiz
        assert session.feedback is feedback and session.index == 0 and len(session.records) == 1
        assert body.scroll_offset.y == scrolled and app.focused is focused
        await pilot.press("n")
        assert "Question 2 of 3" in screen_text(app)


async def test_quit_from_the_reader_during_a_quiz_asks_first(pack):
    session = Session.create(pack, seed=5, count=3)
    app = MythQuizApp(pack, session=session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "s")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, ReaderScreen)


# ---- sources ----

async def test_sources_table_and_reader(pack):
    app = MythQuizApp(pack)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        screen = app.screen
        assert isinstance(screen, SourcesScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == len(pack.sources) == 5
        counts = pack.citation_counts()
        for n, source in enumerate(pack.sources.values()):
            marker, *row = [str(cell) for cell in table.get_row_at(n)]
            assert marker == ("▶" if n == 0 else "")  # the highlighted row, not by colour alone
            assert row[0] == source.title
            assert row[1] == (source.publisher or "not named in the text")
            assert row[3] == source.genre
            assert row[4].startswith(f"{counts[source.id]} item")
        first, second = list(pack.sources.values())[:2]
        assert flat(first.date_note) in flat(screen_text(app))
        await pilot.press("down")
        assert [str(table.get_row_at(n)[0]) for n in range(2)] == ["", "▶"]
        text = flat(screen_text(app))
        assert flat(second.date_note) in text and flat(second.perspective) in text
        await pilot.press("enter")
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.source_id == second.id
        assert not reader.marks and "n" not in reader.active_bindings
        assert pack.text_of(second.id) in screen_text(app)
        await pilot.press("escape")
        assert app.screen is screen and table.cursor_row == 1
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_home_b_opens_browse_and_esc_returns_home(pack):
    app = MythQuizApp(pack)
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        await pilot.press("b")
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("escape")
        assert app.screen is home


# ---- literal text ----

async def test_markup_like_content_is_shown_literally(pack):
    item = pack.items[0]
    hostile = item._replace(id="markup-test", prompt="[bold red]x[/] and [link=http://e.com]y[/link]",
                            explanation="[i]not italic[/i] \\[escaped]", claimed_by=Claimant("[b]someone[/b]"))
    pack.items.append(hostile)
    pack._by_id = None
    try:
        app = browse_app(pack, query="[bold")
        async with app.run_test(size=SIZE) as pilot:
            assert hostile.prompt in rows(app)[0]
            assert parse_query("[bold") == ("[bold",)
            await pilot.press("enter")
            text = screen_text(app)
            assert hostile.prompt in text and hostile.explanation in text and "[b]someone[/b]" in text
    finally:
        pack.items.remove(hostile)
        pack._by_id = None


async def test_the_reader_status_line_starts_with_a_capital_also_for_a_name_written_for_a_sentence(pack):
    """Sources are named to stand inside a sentence ("the December 2019 report of Putin's
    remarks"); at the head of the reader's status line the name starts with a capital."""
    source = pack.sources["putin-2019"]
    assert source.name.startswith("the ")
    app = MythQuizApp(pack, start="sources")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ReaderScreen(pack, source_id="putin-2019"))
        await pilot.pause()
        status = str(app.screen.query_one("#reader-status").visual)
        assert status.startswith("The December 2019 report of Putin's remarks"), status
