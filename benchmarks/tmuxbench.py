"""tmuxbench: time terminal programs in tmux, as ratios to a floor measured alongside.

Each program runs as the pane command of its own detached tmux session (fixed size,
TERM=xterm-256color) on a private tmux server (`tmux -L NAME`). One control-mode client
per program (`tmux -C new-session …` over pipes) creates that session, sends its keys and
reads its screen (`capture-pane -p`), so no process is spawned per poll and no client ever
switches sessions. The screen is captured again whenever the client reports `%output`
from the pane, and at least every `poll` seconds.

Measured per run: launch → marker on screen; key press → marker on screen; peak memory
(VmHWM of the pane's process, read from /proc just before it is stopped). `compare` runs
floor and subject alternately, run by run, and reports medians, min/max and the ratio
subject/floor of each metric.

    python benchmarks/tmuxbench.py selftest               # floor vs floor, vs slowed copies
    python benchmarks/tmuxbench.py compare --marker 'Question 1 of 20' -- CMD ARGS…
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Union

BENCH_DIR = Path(__file__).resolve().parent
VENV_BIN = BENCH_DIR.parent / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python")
FLOOR_APP = BENCH_DIR / "floor_app.py"
FLOOR_MARKER = "Hello, floor"
TMUX = shutil.which("tmux") or "/usr/bin/tmux"

# The server's options: kept alive with no session, panes see TERM=xterm-256color, no
# status line (the pane is the full size), no focus events, a dead pane keeps its screen
# so a crash can be shown.
TMUX_CONF = """\
set -g exit-empty off
set -g default-terminal xterm-256color
set -g status off
set -g focus-events off
set -g remain-on-exit on
"""

Marker = Union[str, "re.Pattern[str]", None]


class BenchError(RuntimeError):
    """A measurement could not be made (timeout, program died, bad marker)."""


def line_matcher(marker: Marker) -> Callable[[str], bool]:
    """A test for one screen line: substring for str, search for a compiled regex."""
    if isinstance(marker, str):
        return lambda line: marker in line
    if isinstance(marker, re.Pattern):
        return lambda line: marker.search(line) is not None
    raise TypeError(f"marker must be str or re.Pattern, not {type(marker).__name__}")


def appeared(marker: Marker, before: str) -> Callable[[str], bool]:
    """A screen test: a line matching `marker` that was not on `before`.

    With marker None: the screen differs from `before`.
    """
    if marker is None:
        return lambda screen: screen != before
    match = line_matcher(marker)
    old = {line for line in before.splitlines() if match(line)}
    return lambda screen: any(match(l) and l not in old for l in screen.splitlines())


def program_env(pycache: str) -> dict[str, str]:
    """The environment programs run in: ours, with bytecode cached under `pycache`.

    Where PYTHONDONTWRITEBYTECODE is set, a project installed in editable mode would be
    compiled from source at every start while the floor's Textual is read from .pyc files;
    a private PYTHONPYCACHEPREFIX lets the warm-up run cache both, outside the work tree.
    """
    env = dict(os.environ, TERM="xterm-256color", PYTHONPYCACHEPREFIX=pycache)
    for name in ("PYTHONDONTWRITEBYTECODE", "TMUX", "TMUX_PANE"):
        env.pop(name, None)
    return env


class Server:
    """A private tmux server (`tmux -L NAME -f CONF`), killed on close."""

    def __init__(self, name: str | None = None) -> None:
        self.name = name or f"tmuxbench-{os.getpid()}"
        self.tmp = tempfile.mkdtemp(prefix="tmuxbench-")
        self.conf = os.path.join(self.tmp, "tmux.conf")
        Path(self.conf).write_text(TMUX_CONF)
        self.env = program_env(os.path.join(self.tmp, "pycache"))
        subprocess.run(self.argv("start-server"), check=True, env=self.env)
        self._count = 0

    def argv(self, *args: str) -> list[str]:
        return [TMUX, "-L", self.name, "-f", self.conf, *args]

    def session_name(self) -> str:
        self._count += 1
        return f"s{self._count}"

    def close(self) -> None:
        subprocess.run(self.argv("kill-server"), stderr=subprocess.DEVNULL, env=self.env)
        shutil.rmtree(self.tmp, ignore_errors=True)
        # tmux leaves the socket file behind; it lives where `-L` put it.
        tmpdir = os.environ.get("TMUX_TMPDIR") or "/tmp"
        Path(tmpdir, f"tmux-{os.getuid()}", self.name).unlink(missing_ok=True)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class TmuxApp:
    """One program in its own tmux session, driven by one control-mode client."""

    def __init__(self, server: Server, argv: list[str], size: tuple[int, int] = (120, 40),
                 poll: float = 0.004, cwd: str | None = None) -> None:
        self.server = server
        self.argv = [str(a) for a in argv]
        self.label = Path(self.argv[0]).name
        self.size = size
        self.poll = poll
        self.cwd = cwd or os.getcwd()   # tmux would start the pane in its own directory
        self.name = server.session_name()
        self.proc: subprocess.Popen[bytes] | None = None
        self.pane = ""
        self.pid = 0
        self._replies: queue.Queue[tuple[bool, list[str]] | None] = queue.Queue()
        self._output = threading.Event()
        self._attached = threading.Event()
        self._exited = threading.Event()
        self.last_output = 0.0

    # -- the control client -------------------------------------------------------------
    def launch(self) -> float:
        """Start the program; return the perf_counter time taken just before."""
        w, h = self.size
        argv = self.server.argv("-C", "new-session", "-s", self.name, "-x", str(w),
                                "-y", str(h), "-c", self.cwd, "--", *self.argv)
        t0 = time.perf_counter()
        # Buffered: the reader takes whole lines from a 64 KiB buffer. Unbuffered, it
        # read one byte per system call, and a large repaint (tens of KiB of %output)
        # delayed the capture reply queued behind it by milliseconds, charging the
        # harness's own reading to the program under test.
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, bufsize=65536,
                                     env=self.server.env)
        threading.Thread(target=self._read, daemon=True).start()
        # Commands sent before the client is attached may run before new-session does.
        self._attached.wait(10)
        pane, pid = self.command("display-message -p '#{pane_id} #{pane_pid}'")[0].split()
        self.pane, self.pid = pane, int(pid)
        return t0

    def _read(self) -> None:
        """Reader thread: replies to our commands go to the queue; %output sets an event."""
        assert self.proc and self.proc.stdout
        block: list[str] | None = None
        mine = False
        for raw in self.proc.stdout:
            if block is not None:
                if raw.startswith((b"%end ", b"%error ")):
                    if mine:
                        self._replies.put((raw.startswith(b"%end "), block))
                    block = None
                else:
                    block.append(raw.decode("utf-8", "replace").rstrip("\n"))
            elif raw.startswith(b"%output "):
                self.last_output = time.perf_counter()
                self._output.set()
            elif raw.startswith(b"%begin "):
                block = []
                mine = raw.split()[-1] == b"1"   # 0: the command given on tmux's command line
            elif raw.startswith(b"%session-changed "):
                self._attached.set()
            elif raw.startswith(b"%exit"):
                break
        self._exited.set()
        self._attached.set()
        self._output.set()
        self._replies.put(None)

    def command(self, line: str, timeout: float = 10.0) -> list[str]:
        """Run one tmux command through the control client; return its output lines."""
        assert self.proc and self.proc.stdin
        if self._exited.is_set():
            raise BenchError(f"control client for {self.label} has exited")
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()
        try:
            reply = self._replies.get(timeout=timeout)
        except queue.Empty:
            raise BenchError(f"tmux did not answer {line!r}") from None
        if reply is None:
            raise BenchError(f"control client exited while running {line!r}")
        ok, lines = reply
        if not ok:
            raise BenchError(f"tmux: {line!r}: {' '.join(lines)}")
        return lines

    # -- the screen ---------------------------------------------------------------------
    def screen(self) -> str:
        return "\n".join(self.command(f"capture-pane -p -t {self.pane}"))

    def alive(self) -> bool:
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_text()
        except OSError:
            return False
        return stat.rpartition(")")[2].split()[0] not in ("Z", "X")

    def wait_for(self, test: Callable[[str], bool], t0: float, timeout: float,
                 what: str) -> float:
        """Seconds from t0 until a captured screen passes `test`."""
        deadline = t0 + timeout
        while True:
            self._output.clear()
            screen = self.screen()
            now = time.perf_counter()
            if test(screen):
                return now - t0
            if not self.alive():
                raise BenchError(f"{self.label} exited waiting for {what}; screen:\n"
                                 + tail(screen))
            if now > deadline:
                raise BenchError(f"timeout after {timeout:g}s waiting for {what}; screen:\n"
                                 + tail(screen))
            self._output.wait(self.poll)

    def wait_marker(self, marker: Marker, t0: float, timeout: float = 20.0) -> float:
        return self.wait_for(appeared(marker, ""), t0, timeout, repr(marker))

    def press(self, key: str, marker: Marker = None, timeout: float = 10.0) -> float:
        """Send one key; seconds until a new line matching `marker` is on screen (or, with
        marker None, until the screen changes)."""
        if not re.fullmatch(r"[\w+-]+", key):
            raise ValueError(f"unsupported key {key!r}")
        test = appeared(marker, self.screen())
        t0 = self.last_sent = time.perf_counter()
        self.command(f"send-keys -t {self.pane} {key}")
        return self.wait_for(test, t0, timeout, f"{marker!r} after key {key!r}")

    def settle(self, quiet: float = 0.1, timeout: float = 1.0) -> bool:
        """Wait until the pane has written nothing for `quiet` seconds (or timeout)."""
        deadline = time.perf_counter() + timeout
        while True:
            now = time.perf_counter()
            idle = now - self.last_output
            if idle >= quiet:
                return True
            if now >= deadline or self._exited.is_set():
                return False
            self._output.clear()
            self._output.wait(min(quiet - idle, deadline - now))

    def peak_rss_kib(self) -> int:
        """VmHWM of the program (the pane's process), in KiB."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            raise BenchError(f"{self.label} (pid {self.pid}) is gone") from None
        match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
        if not match:
            raise BenchError(f"no VmHWM for pid {self.pid}")
        return int(match.group(1))

    def stop(self) -> None:
        """Kill the session, wait for the client and the program to be gone."""
        if self.proc is None:
            return
        try:
            if not self._exited.is_set():
                self.command(f"kill-session -t {self.name}", timeout=5)
        except BenchError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        deadline = time.perf_counter() + 5
        while self.pid and self.alive():
            if time.perf_counter() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                deadline = float("inf")
            time.sleep(self.poll)
        self.proc = None


def tail(screen: str, lines: int = 12) -> str:
    kept = [l for l in screen.splitlines() if l.strip()]
    return "\n".join("    | " + l for l in kept[-lines:])


# -- one run, and the alternating comparison ---------------------------------------------
@dataclass
class Step:
    """One key press: `label` groups timings; `marker` must newly appear (None: any change)."""
    label: str
    key: str
    marker: Marker = None


@dataclass
class Target:
    name: str
    argv: list[str]
    marker: Marker
    steps: list[Step] = field(default_factory=list)
    cwd: str | None = None


@dataclass
class Options:
    runs: int = 7
    warmup: int = 1
    size: tuple[int, int] = (120, 40)
    poll: float = 0.004
    timeout: float = 20.0
    keys: bool = True          # press the steps after start-up (and so read memory after them)
    settle: float = 0.1        # quiet time before each key and before reading memory


def run_once(server: Server, target: Target, opts: Options) -> dict[str, list[float]]:
    """Launch, time the marker, optionally the key steps, read VmHWM, stop."""
    app = TmuxApp(server, target.argv, opts.size, opts.poll, target.cwd)
    try:
        result = {"startup_s": [app.wait_marker(target.marker, app.launch(), opts.timeout)]}
        for step in target.steps if opts.keys else []:
            app.settle(opts.settle)
            latency = app.press(step.key, step.marker, opts.timeout)
            result.setdefault(f"key_{step.label}_s", []).append(latency)
        app.settle(opts.settle)
        result["peak_rss_mib"] = [app.peak_rss_kib() / 1024]
        return result
    finally:
        app.stop()


def compare(floor: Target, subject: Target, opts: Options,
            log: Callable[[str], None] = lambda s: None) -> dict[str, dict[str, list[float]]]:
    """Alternate floor and subject run by run; return {target name: {metric: [values]}}:
    one value per run for start-up and memory, every key press for key metrics."""
    if floor.name == subject.name:
        raise ValueError("floor and subject need different names")
    results: dict[str, dict[str, list[float]]] = {floor.name: {}, subject.name: {}}
    with Server() as server:
        for i in range(opts.warmup + opts.runs):
            for target in (floor, subject):
                values = run_once(server, target, opts)
                if i < opts.warmup:
                    continue
                for metric, samples in values.items():
                    results[target.name].setdefault(metric, []).extend(samples)
            log(f"  run {i + 1 - opts.warmup}/{opts.runs}" if i >= opts.warmup else "  warm-up")
    return results


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "n": len(values)}


def ratios(results: dict[str, dict[str, list[float]]], floor: str, subject: str,
           floor_metric: dict[str, str] | None = None) -> dict[str, dict]:
    """Per subject metric: both summaries and the ratio of medians. `floor_metric` maps a
    subject metric to the floor metric it is compared with (default: the same name)."""
    out = {}
    for metric, values in results[subject].items():
        base = (floor_metric or {}).get(metric, metric)
        if base not in results[floor]:
            continue
        f, s = summary(results[floor][base]), summary(values)
        out[metric] = {"floor_metric": base, "floor": f, "subject": s,
                       "ratio": s["median"] / f["median"]}
    return out


def fmt(metric: str, value: float) -> str:
    return f"{value:.1f} MiB" if metric.endswith("_mib") else f"{value * 1000:.1f} ms"


def print_ratios(table: dict[str, dict], floor: str, subject: str) -> None:
    print(f"  {'metric':18} {floor + ' median [min-max]':>30} "
          f"{subject + ' median [min-max]':>30} {'ratio':>7}")
    for metric, row in table.items():
        cells = []
        for s in (row["floor"], row["subject"]):
            cells.append(f"{fmt(metric, s['median'])} [{fmt(metric, s['min']).split()[0]}-"
                         f"{fmt(metric, s['max'])}]")
        print(f"  {metric:18} {cells[0]:>30} {cells[1]:>30} {row['ratio']:6.2f}x")


# -- the self-test: floor vs floor, and vs slowed copies ---------------------------------
def floor_target(name: str = "floor", path: Path = FLOOR_APP, presses: int = 10) -> Target:
    steps = [Step("n", "n", f"Pressed {k}") for k in range(1, presses + 1)]
    return Target(name, [PYTHON, str(path)], FLOOR_MARKER, steps)


def slowed_floor(tmpdir: str, startup: float = 0.0, key: float = 0.0) -> Path:
    """A copy of the floor app that sleeps before run() and/or in its key action."""
    source = FLOOR_APP.read_text()
    edits = {"    FloorApp().run()": f"    import time; time.sleep({startup}); FloorApp().run()",
             "        self.presses += 1": f"        import time; time.sleep({key}); "
                                         "self.presses += 1"}
    for old, new in edits.items():
        if old not in source:
            raise BenchError(f"floor_app.py has no line {old.strip()!r} to slow down")
        source = source.replace(old, new)
    path = Path(tmpdir) / f"floor_slow_{startup}_{key}.py"
    path.write_text(source)
    return path


def selftest(opts: Options) -> int:
    """Floor vs floor must give ratios near 1; +100 ms start-up and +50 ms per key must show.

    A time metric passes when its median moved by the expected delta, within 15 % of the
    floor's median plus 25 % of the delta; memory when its ratio is within 1 ± 0.1.
    """
    failed = False
    with tempfile.TemporaryDirectory(prefix="tmuxbench-") as tmp:
        cases = [
            ("floor vs floor", floor_target("floor2"), {}),
            ("floor vs start-up +100 ms", floor_target("slow", slowed_floor(tmp, startup=0.1)),
             {"startup_s": 0.1}),
            ("floor vs key +50 ms", floor_target("slow", slowed_floor(tmp, key=0.05)),
             {"key_n_s": 0.05}),
        ]
        for title, subject, expected in cases:
            print(f"{title}:")
            table = ratios(compare(floor_target(), subject, opts, print), "floor", subject.name)
            print_ratios(table, "floor", subject.name)
            for metric, row in table.items():
                base, delta = row["floor"]["median"], row["subject"]["median"] - row["floor"]["median"]
                want = expected.get(metric, 0.0)
                if metric.endswith("_s"):
                    ok = abs(delta - want) <= 0.15 * base + 0.25 * want
                    shown = f"{delta * 1000:+.1f} ms (expected {want * 1000:+.0f} ms)"
                else:
                    ok = abs(row["ratio"] - 1) <= 0.1
                    shown = f"{row['ratio']:.2f}x (expected 1.00x)"
                failed |= not ok
                print(f"    {metric:16} {shown:40} {'ok' if ok else 'UNEXPECTED'}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--runs", type=int, default=7)
    common.add_argument("--warmup", type=int, default=1)
    common.add_argument("--size", default="120x40", help="pane size WxH")
    common.add_argument("--poll", type=float, default=0.004, help="seconds between captures")
    sub.add_parser("selftest", parents=[common], help="check the harness on the floor app")
    cmp_ = sub.add_parser("compare", parents=[common],
                          help="start-up, peak memory (and one key) of CMD vs the floor")
    cmp_.add_argument("--marker", required=True, help="text that shows CMD is up")
    cmp_.add_argument("--key", help="also time this key (the floor's: n) ...")
    cmp_.add_argument("--key-marker", help="... until this text appears (default: any change)")
    cmp_.add_argument("cmd", nargs="+", help="the program and its arguments (after --)")
    args = parser.parse_args(argv)
    w, h = (int(v) for v in args.size.lower().split("x"))
    opts = Options(runs=args.runs, warmup=args.warmup, size=(w, h), poll=args.poll)
    if args.cmd == "selftest":
        return selftest(opts)
    floor = floor_target(presses=1 if args.key else 0)
    steps = [Step("key", args.key, args.key_marker)] if args.key else []
    subject = Target("subject", args.cmd, args.marker, steps)
    try:
        results = compare(floor, subject, opts, print)
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print_ratios(ratios(results, "floor", "subject", {"key_key_s": "key_n_s"}), "floor", "subject")
    return 0


if __name__ == "__main__":
    sys.exit(main())
