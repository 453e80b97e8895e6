"""mythquiz benchmarks: each bar is a ratio to a bare Textual app measured in the same run.

    .venv/bin/python benchmarks/bench.py [--scenario NAME]... [--runs N] [--json FILE]
                                         [--mythquiz PATH] [--big]

Scenarios (default: all):
  startup  launch -> "Question 1 of 20"  vs  the floor's launch -> "Hello, floor"
  keys     "1" -> answer feedback and "n" -> next question  vs  the floor's "n" -> "Pressed K"
  memory   peak RSS (VmHWM) after the keys  vs  the floor's
  bigpack  launch on generated 1,000- and 10,000-item packs (100,000 with --big)  vs  the floor's
  check    `mythquiz check` on generated 1k and 10k packs (100k with --big) and the embedded one
  cold     as startup, but every run starts with an empty pack cache (the first run after install)
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tmuxbench as tb
from make_pack import make_pack

DEFAULT_MYTHQUIZ = Path(__file__).resolve().parent.parent / ".venv/bin/mythquiz"
SCENARIOS = ("startup", "keys", "memory", "bigpack", "check", "quotes", "cold")
FEEDBACK = re.compile(r"\b(Correct|Incorrect)\b")
BAR_STARTUP, BAR_KEY, BAR_MEMORY, BAR_BIGPACK, BAR_CHECK_10K_S = 1.2, 1.5, 1.3, 1.5, 2.0
BAR_COLD = 1.15
LINEAR_SLACK = 1.2   # per-item cost may grow this much from one pack size to the next


def quiz_target(mythquiz: str, data_dir: str, pairs: int, pack: Path | None = None,
                save: bool = True) -> tb.Target:
    """`mythquiz quiz`, answering "1" and going on with "n", `pairs` times. With `save`
    (as a user runs it) every answer is written to the progress file in `data_dir`
    before its verdict is drawn, so the answer key's time includes the save."""
    argv = [mythquiz, "quiz", "--count", "20", "--seed", "1", "--data-dir", data_dir]
    if not save:
        argv.append("--no-save")
    if pack:
        argv += ["--content", str(pack / "content"), "--corpus", str(pack / "corpus")]
    steps = []
    for i in range(pairs):
        steps += [tb.Step("answer", "1", FEEDBACK),
                  tb.Step("next", "n", f"Question {i + 2} of 20")]
    return tb.Target("mythquiz", argv, "Question 1 of 20", steps)


def cold_target(mythquiz: str, data_dir: str, cache_dir: str) -> tb.Target:
    """`mythquiz quiz` as on the first run after install: the pack cache (MYTHQUIZ_CACHE_DIR,
    see tui/core/cache.py) is emptied just before each launch, so the embedded pack comes
    from its checked copy in the package (tui/core/shipped.py) and the cache is written. The emptying (a `rm -rf` in the `sh` that then
    execs mythquiz) is inside the timed launch: a few milliseconds. Python's bytecode cache
    stays warm, as it is after `pip install` compiles the package."""
    quiz = quiz_target(mythquiz, data_dir, 0)
    return tb.Target("mythquiz", emptying(cache_dir, quiz.argv), quiz.marker)


def emptying(cache_dir: str, argv: list[str]) -> list[str]:
    """`argv` launched through a `sh` that first empties `cache_dir` (and names it in
    MYTHQUIZ_CACHE_DIR). The cold series launches the floor the same way, into a directory
    of its own, so that the shell, `rm` and `env` cost both sides alike."""
    return ["sh", "-c", 'rm -rf "$0" && exec env MYTHQUIZ_CACHE_DIR="$0" "$@"', cache_dir, *argv]


def row(scenario: str, measure: str, floor: dict | None, subject: dict, unit: str,
        ratio: float | None, bar: str, ok: bool | None, note: str = "") -> dict:
    return {"scenario": scenario, "measure": measure, "floor": floor, "mythquiz": subject,
            "unit": unit, "ratio": ratio, "bar": bar,
            "result": "" if ok is None else ("PASS" if ok else "FAIL"), "note": note}


def ratio_rows(table: dict, wanted: dict[str, tuple[str, str, float | None]]) -> list:
    """Rows for the metrics in `wanted` ({metric: (scenario, label, max ratio or None)})."""
    rows = []
    for metric, (scenario, label, bar) in wanted.items():
        if metric not in table:
            continue
        r = table[metric]
        unit = "MiB" if metric.endswith("_mib") else "ms"
        scale = 1 if unit == "MiB" else 1000
        f, s = ({k: v * scale if k != "n" else v for k, v in x.items()}
                for x in (r["floor"], r["subject"]))
        rows.append(row(scenario, label, f, s, unit, r["ratio"],
                        f"<= {bar}x" if bar else "", None if bar is None else r["ratio"] <= bar))
    return rows


def interactive(args: argparse.Namespace, selected: set[str], packs: "Packs") -> tuple[list, dict]:
    """startup / keys / memory in one alternating series, bigpack in another."""
    rows, raw = [], {}
    opts = tb.Options(runs=args.runs, warmup=args.warmup, size=args.size,
                      keys=bool(selected & {"keys", "memory"}))
    floor = tb.floor_target(presses=2 * args.pairs)
    series = []
    if selected & {"startup", "keys", "memory"}:
        series.append(("interactive", quiz_target(args.mythquiz, packs.data_dir, args.pairs,
                                                       save=not args.no_save), opts))
    if "cold" in selected:
        cold = cold_target(args.mythquiz, packs.data_dir, str(packs.root / "cold-cache"))
        series.append(("cold", cold, tb.Options(runs=args.runs, warmup=args.warmup, size=args.size, keys=False)))
    if "bigpack" in selected:
        for n in [1_000, 10_000] + ([100_000] if args.big else []):
            big = quiz_target(args.mythquiz, packs.data_dir, 0, packs.get(n), save=False)
            series.append((f"bigpack-{n // 1000}k", big,
                           tb.Options(runs=args.runs, warmup=args.warmup, size=args.size, keys=False)))
    for name, subject, o in series:
        print(f"{name}: floor vs {' '.join(subject.argv[1:])}", flush=True)
        base = floor
        if name == "cold":  # launched the same way: through the shell that empties a directory
            base = tb.Target(floor.name, emptying(str(packs.root / "floor-cold"), floor.argv), floor.marker,
                             floor.steps)
        try:
            results = tb.compare(base, subject, o, lambda s: print(s, flush=True))
        except tb.BenchError as exc:
            rows.append(row(name, "error", None, {}, "", None, "", False, str(exc)))
            continue
        raw[name] = results
        table = tb.ratios(results, "floor", "mythquiz",
                          {"key_answer_s": "key_n_s", "key_next_s": "key_n_s"})
        if name == "cold":
            wanted = {"startup_s": ("cold", "first run, empty cache -> Question 1", BAR_COLD)}
        elif name.startswith("bigpack"):
            size = name.split("-")[1]
            # The bar is for 10,000 items; the other sizes show how the cost grows.
            wanted = {"startup_s": ("bigpack", f"launch {size} pack -> Question 1",
                                    BAR_BIGPACK if size == "10k" else None),
                      "peak_rss_mib": ("bigpack", f"peak RSS, {size} pack", None)}
        else:
            wanted = {"startup_s": ("startup", "launch -> Question 1", BAR_STARTUP),
                      "key_answer_s": ("keys", "key 1 -> feedback", BAR_KEY),
                      "key_next_s": ("keys", "key n -> next question", BAR_KEY),
                      "peak_rss_mib": ("memory", "peak RSS (VmHWM)", BAR_MEMORY)}
            wanted = {m: w for m, w in wanted.items() if w[0] in selected}
        rows += ratio_rows(table, wanted)
    return rows, raw


class Packs:
    """Generated packs, made once per size in a temporary directory."""

    def __init__(self, root: str) -> None:
        self.root = Path(root)
        self.data_dir = str(self.root / "data")
        os.makedirs(self.data_dir)
        self.made: dict[int, Path] = {}

    def get(self, n: int) -> Path:
        if n not in self.made:
            print(f"generating a {n}-item pack", flush=True)
            self.made[n] = make_pack(n, self.root / f"pack-{n}")
        return self.made[n]


def check_scenario(args: argparse.Namespace, packs: Packs) -> tuple[list, dict]:
    """Wall time of `mythquiz check` per pack size, sizes interleaved run by run."""
    sizes = [1_000, 10_000] + ([100_000] if args.big else [])
    cases = {"embedded": []} | {f"{n}": ["--content", str(packs.get(n) / "content"),
                                          "--corpus", str(packs.get(n) / "corpus")]
                                for n in sizes}
    env = tb.program_env(str(packs.root / "pycache"))
    times: dict[str, list[float]] = {name: [] for name in cases}
    failures: dict[str, str] = {}
    print("check: " + ", ".join(cases), flush=True)
    for i in range(args.warmup + args.runs):
        for name, extra in cases.items():
            if name == "100000" and i >= args.warmup + 3:
                continue                                   # 3 runs are plenty at 100k
            t0 = time.perf_counter()
            done = subprocess.run([args.mythquiz, "check", *extra], env=env,
                                  capture_output=True, text=True)
            elapsed = time.perf_counter() - t0
            if done.returncode != 0:
                lines = (done.stdout + done.stderr).strip().splitlines() or [""]
                failures[name] = f"exit {done.returncode}: {lines[0][:120]}"
            if i >= args.warmup:
                times[name].append(elapsed)
        print(f"  run {i + 1 - args.warmup}/{args.runs}" if i >= args.warmup else "  warm-up",
              flush=True)
    rows = []
    per_item = {}
    for name, values in times.items():
        s = tb.summary(values)
        n = None if name == "embedded" else int(name)
        note = failures.get(name, "")
        if n:
            per_item[n] = s["median"] / n
            note = note or f"{per_item[n] * 1e6:.0f} us/item"
        ok = None if name not in failures else False
        if n == 10_000:
            ok = name not in failures and s["median"] < BAR_CHECK_10K_S
        rows.append(row("check", f"check {name} items" if n else "check embedded pack",
                        None, s, "s", None, f"< {BAR_CHECK_10K_S:g} s" if n == 10_000 else "",
                        ok, note))
    ns = sorted(per_item)
    for small, large in zip(ns, ns[1:]):
        growth = per_item[large] / per_item[small]
        rows.append(row("check", f"per-item cost {large} / {small}", None, {}, "", growth,
                        f"<= {LINEAR_SLACK}x", growth <= LINEAR_SLACK, "linear in items"))
    return rows, {"check_s": times}


BAR_QUOTES_GROWTH = 6.0  # 5x the quotes over a 5x corpus: linear is 5x


def quotes_scenario(args: argparse.Namespace, packs: Packs) -> tuple[list, dict]:
    """`mythquiz check` on N items quoting a generated document of N sentences, for 10k and
    50k: quote checking must grow with pack + corpus, not their product (bar <= 6x)."""
    sizes = (10_000, 50_000)
    dirs = {n: make_pack(n, packs.root / f"quotes-{n}", sentences_in_corpus=n) for n in sizes}
    env = tb.program_env(str(packs.root / "pycache"))
    times: dict[int, list[float]] = {n: [] for n in sizes}
    print("quotes: 10k items over 10k sentences, 50k over 50k", flush=True)
    for i in range(args.warmup + min(args.runs, 5)):
        for n in sizes:
            t0 = time.perf_counter()
            done = subprocess.run([args.mythquiz, "check", "--content", str(dirs[n] / "content"),
                                   "--corpus", str(dirs[n] / "corpus")], env=env, capture_output=True, text=True)
            elapsed = time.perf_counter() - t0
            if done.returncode != 0:
                raise SystemExit(f"check failed on the {n} pack: {(done.stdout + done.stderr)[:300]}")
            if i >= args.warmup:
                times[n].append(elapsed)
    small, large = (tb.summary(times[n]) for n in sizes)
    growth = large["median"] / small["median"]
    rows = [row("quotes", f"check {n} items over {n} sentences", None, tb.summary(times[n]), "s", None, "", None, "")
            for n in sizes]
    rows.append(row("quotes", "50k/50k time / 10k/10k time", None, {}, "", growth,
                    f"<= {BAR_QUOTES_GROWTH:g}x", growth <= BAR_QUOTES_GROWTH, "linear in pack + corpus"))
    return rows, {"quotes_s": {str(n): v for n, v in times.items()}}


def cell(stats: dict | None, unit: str) -> str:
    if not stats:
        return ""
    digits = {"s": 2, "MiB": 1}.get(unit, 1 if stats["median"] < 100 else 0)
    return (f"{stats['median']:.{digits}f} [{stats['min']:.{digits}f}-"
            f"{stats['max']:.{digits}f}] {unit}")


def print_table(rows: list[dict]) -> None:
    head = ("scenario", "measure", "floor median [min-max]", "mythquiz median [min-max]",
            "ratio", "bar", "result", "note")
    lines = [head]
    for r in rows:
        ratio = f"{r['ratio']:.2f}x" if r["ratio"] is not None else ""
        note = r["note"].splitlines()[0] if r["note"] else ""
        lines.append((r["scenario"], r["measure"], cell(r["floor"], r["unit"]),
                      cell(r["mythquiz"], r["unit"]), ratio, r["bar"], r["result"], note))
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for k, line in enumerate(lines):
        print("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip())
        if k == 0:
            print("  ".join("-" * w for w in widths))
    for r in rows:
        if "\n" in r["note"]:
            print(f"\n{r['scenario']} {r['measure']}: {r['note']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 2)[2])
    parser.add_argument("--scenario", action="append", choices=SCENARIOS + ("all",),
                        help="run only these (repeatable; default all)")
    parser.add_argument("--runs", type=int, default=7, help="measured runs of each (default 7)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs first (default 1)")
    parser.add_argument("--pairs", type=int, default=5,
                        help="answer/next pairs per quiz run (default 5; the floor gets 2x presses)")
    parser.add_argument("--size", default="120x40", help="terminal size WxH (default 120x40)")
    parser.add_argument("--mythquiz", default=str(DEFAULT_MYTHQUIZ), help="the command to test")
    parser.add_argument("--no-save", action="store_true",
                        help="run the quiz with --no-save (default: answers are saved, as a user's are)")
    parser.add_argument("--big", action="store_true", help="check and launch a 100,000-item pack too")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0 or not 1 <= args.pairs <= 19:
        parser.error("need --runs >= 1, --warmup >= 0 and 1 <= --pairs <= 19")
    try:
        w, h = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size must be WxH, not {args.size!r}")
    args.size = (w, h)
    if not Path(args.mythquiz).is_file():
        parser.error(f"{args.mythquiz} not found (run `make install`, or pass --mythquiz)")
    selected = set(SCENARIOS if not args.scenario or "all" in args.scenario else args.scenario)

    rows, raw = [], {}
    with tempfile.TemporaryDirectory(prefix="mythquiz-bench-") as tmp:
        packs = Packs(tmp)
        if selected - {"check", "quotes"}:
            r, d = interactive(args, selected, packs)
            rows += r
            raw |= d
        if "check" in selected:
            r, d = check_scenario(args, packs)
            rows += r
            raw |= d
        if "quotes" in selected:
            r, d = quotes_scenario(args, packs)
            rows += r
            raw |= d
    print()
    print_table(rows)
    if args.json:
        meta = {"argv": sys.argv[1:], "mythquiz": args.mythquiz, "runs": args.runs,
                "warmup": args.warmup, "pairs": args.pairs, "size": list(args.size),
                "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "cpus": os.cpu_count(),
                "loadavg": os.getloadavg(), "python": platform.python_version(),
                "tmux": subprocess.run([tb.TMUX, "-V"], capture_output=True,
                                       text=True).stdout.strip()}
        args.json.write_text(json.dumps({"meta": meta, "rows": rows, "raw": raw}, indent=1))
        print(f"\nwrote {args.json}")
    return 1 if any(r["result"] == "FAIL" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
