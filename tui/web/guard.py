"""Host and Origin checks for mythquiz's web servers (`serve`, `room`): an aiohttp middleware.

Why: a server on 127.0.0.1 is reachable by any web page the facilitator's browser opens.
Such a page can open a WebSocket or post a form to it (cross-site WebSocket hijacking,
cross-site request forgery), and DNS rebinding lets it reach the server under a name of
the attacker's (`evil.example` that now resolves to 127.0.0.1). Browsers always send the
`Host` they think they are talking to and, on a WebSocket upgrade or a cross-site POST,
the `Origin` of the page; these two headers are what the guard checks, as Jupyter Server
does (`check_host`, `check_origin`).

What it refuses:

- **Host** on every request: served only when it names this server — a loopback address
  (127.0.0.0/8, ::1), `localhost` or a name under `.localhost`, the address the server
  was told to listen on (`--host`), this computer's own network addresses when it listens
  on all of them (`--host 0.0.0.0` or `::`), and each name given with `--allow-host`.
  The port is not compared (a forwarded port is still this server). Anything else,
  including no Host at all, gets **421 Misdirected Request**.
- **Origin** on every WebSocket upgrade and every state-changing request (any method but
  GET, HEAD and OPTIONS): the origin's `host:port` must be the `Host` the request came
  to (same scheme-default ports), and its host must pass the Host check; otherwise **403
  Forbidden**. `Origin: null` (a sandboxed frame, a `file:` page) is refused. A request
  *without* Origin is let through, as Jupyter and Tornado do: browsers always send Origin
  on the requests a foreign page could forge, so a missing Origin means a script or a
  command-line client, which could send any header it liked anyway.

How to use it in an aiohttp app (the room does the same as `serve`)::

    from tui.web.guard import Guard, add_host_options

    # in the subcommand's argparse setup (adds --allow-host NAME, repeatable):
    add_host_options(room_parser)

    # where the app is made:
    guard = Guard(args.host, args.allow_host, say=lambda line: print(line, file=sys.stderr))
    app = web.Application(middlewares=[guard.middleware(), *other_middlewares])

`guard.middleware()` must come first in the list, so that a refused request reaches no
handler. `Guard.host_allowed(host_header)` and `Guard.origin_allowed(origin, host_header)`
are plain functions of the header values, for tests and for code outside aiohttp. The
operator's console gets one line per refused Host or Origin value (the first time it is
seen, for at most 50 different values), with control characters shown as escapes.

This module imports aiohttp only inside `middleware()`, so a command line that merely
adds the options stays light.
"""

from __future__ import annotations

import argparse
import ipaddress
import socket
import sys
from typing import Callable, Iterable, Mapping
from urllib.parse import urlsplit

WILDCARDS = ("", "0.0.0.0", "::")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
MAX_LOGGED = 50  # different refused values the console hears about
MAX_REMEMBERED = 64  # Host values whose check is remembered (they come from clients: bounded)

MESSAGE_BAD_HOST = ("Misdirected request: this quiz server does not answer to that name. "
                    "Open it by the address the facilitator gave.")
MESSAGE_BAD_ORIGIN = "Forbidden: this request came from a page of another site."


def add_host_options(parser: argparse.ArgumentParser) -> None:
    """Add `--allow-host NAME` (repeatable) to a subcommand that serves HTTP."""
    parser.add_argument(
        "--allow-host", dest="allow_host", metavar="NAME", action="append", default=[],
        help="also answer to this host name (e.g. quiz.local); repeat for several. Loopback "
             "names and the --host address are always allowed; other names get 421",
    )


def split_host(value: str) -> tuple[str, int | None] | None:
    """`name[:port]` or `[v6]:port` from a Host header: (lower-case name, port); None if malformed."""
    value = value.strip()
    if not value:
        return None
    port_text = ""
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[1:end], value[end + 1:]
        if rest:
            if not rest.startswith(":"):
                return None
            port_text = rest[1:]
    elif value.count(":") == 1:
        name, port_text = value.split(":")
    elif ":" in value:
        return None  # a bare IPv6 address must be bracketed in a Host header
    else:
        name = value
    port = None
    if port_text:
        if not port_text.isdigit() or not port_text.isascii() or int(port_text) > 65535:
            return None
        port = int(port_text)
    name = name.lower().rstrip(".")
    if not name or any(c in name for c in "/\\@ \t?#"):
        return None
    return name, port


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        return None


def interface_addresses() -> list[str]:
    """The IPv4 address of each network interface (Linux; asks the kernel, sends nothing)."""
    if not sys.platform.startswith("linux"):
        return []
    import fcntl
    import struct

    found = []
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            for _, name in socket.if_nameindex():
                try:
                    packed = fcntl.ioctl(sock.fileno(), 0x8915,  # SIOCGIFADDR
                                         struct.pack("256s", name.encode()[:15]))
                except OSError:
                    continue  # no IPv4 address
                found.append(socket.inet_ntoa(packed[20:24]))
    except OSError:
        return []
    return found


def network_addresses() -> list[str]:
    """This computer's addresses that others could use: not loopback, not link-local."""
    candidates = interface_addresses()
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        infos = []
    candidates += [str(info[4][0]) for info in infos]
    found = []
    for candidate in candidates:
        address = candidate.split("%", 1)[0]
        ip = _ip(address)
        if ip is not None and not (ip.is_loopback or ip.is_link_local) and address not in found:
            found.append(address)
    return found


class Guard:
    """Which Host and Origin values a server answers to (see the module's docstring)."""

    def __init__(self, bind_host: str, allow_hosts: Iterable[str] = (),
                 say: Callable[[str], None] | None = None,
                 own_addresses: Iterable[str] | None = None) -> None:
        self.say = say
        self._logged: set[tuple[str, str]] = set()
        names: set[str] = set()
        for value in [bind_host, *allow_hosts]:
            value = value.strip().lower().rstrip(".")
            if value.startswith("[") and value.endswith("]"):
                value = value[1:-1]
            if value and value not in WILDCARDS:
                names.add(value)
        if bind_host.strip() in WILDCARDS:
            # Listening on every address: each of this computer's own addresses names it.
            names.update(a.lower() for a in (network_addresses() if own_addresses is None else own_addresses))
        self.names = frozenset(names)
        self._hosts: dict[str | None, bool] = {}  # Host header -> allowed, see host_allowed
        self.addresses = frozenset(ip for ip in map(_ip, names) if ip is not None)

    def host_allowed(self, host: str | None) -> bool:
        """Does this Host header name this server? Remembered for the first MAX_REMEMBERED
        values: a server hears the same one or two Host values in every request."""
        known = self._hosts.get(host)
        if known is None:
            known = self._host_allowed(host)
            if len(self._hosts) < MAX_REMEMBERED:
                self._hosts[host] = known
        return known

    def _host_allowed(self, host: str | None) -> bool:
        parts = split_host(host) if host else None
        if parts is None:
            return False
        name = parts[0]
        ip = _ip(name)
        if ip is not None:
            if ip.version == 6 and ip.ipv4_mapped is not None:
                ip = ip.ipv4_mapped
            return ip.is_loopback or ip in self.addresses
        return name == "localhost" or name.endswith(".localhost") or name in self.names

    def origin_allowed(self, origin: str | None, host: str | None, scheme: str | None = None) -> bool:
        """Is `origin` this server as the browser reached it (the request's Host, and its
        scheme when given: `http` for a server without TLS)?"""
        if origin is None:
            return True  # not a browser (see the module's docstring)
        try:
            parts = urlsplit(origin.strip())
            origin_port = parts.port
        except ValueError:
            return False
        scheme, want_scheme = parts.scheme.lower(), scheme
        if scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
            return False
        if want_scheme is not None and scheme != want_scheme:
            return False
        target = split_host(host) if host else None
        if target is None or not self.host_allowed(host):
            return False
        origin_name = parts.hostname.lower().rstrip(".")
        if (origin_port or DEFAULT_PORTS[scheme]) != (target[1] or DEFAULT_PORTS[scheme]):
            return False
        return origin_name == target[0]

    def _refused(self, kind: str, value: str | None, path: str) -> None:
        if self.say is None:
            return
        key = (kind, value or "")
        if key in self._logged or len(self._logged) >= MAX_LOGGED:
            return
        self._logged.add(key)
        from ..core.problems import printable

        shown = printable(repr(value)[:200]) if value is not None else "none"
        if kind == "Host":
            self.say(f"mythquiz: refused a request for {printable(path[:100])} with Host {shown} "
                     f"(421): not a name of this server; if it is one, add --allow-host NAME")
        else:
            self.say(f"mythquiz: refused a request for {printable(path[:100])} from Origin {shown} "
                     f"(403): a page of another site")

    def middleware(self, headers: Mapping[str, str] | None = None):
        """An aiohttp middleware that applies both checks; put it first. `headers`: set
        (unless the handler set them) on every response, refusals included, in the same
        middleware: each middleware is one more coroutine on every request."""
        from aiohttp import web

        extra = tuple((headers or {}).items())

        @web.middleware
        async def guard(request: web.Request, handler):
            response = self._refusal(request)
            if response is None:
                response = await handler(request)
            for name, value in extra:
                response.headers.setdefault(name, value)
            return response

        return guard

    def _refusal(self, request):
        """The 421 or 403 for a request this server must not answer, else None."""
        from aiohttp import web

        host = request.headers.get("Host")
        if not self.host_allowed(host):
            self._refused("Host", host, request.path)
            return web.Response(status=421, text=MESSAGE_BAD_HOST)
        upgrade = "websocket" in request.headers.get("Upgrade", "").lower()
        if upgrade or request.method not in SAFE_METHODS:
            origin = request.headers.get("Origin")
            if not self.origin_allowed(origin, host, request.scheme):
                self._refused("Origin", origin, request.path)
                return web.Response(status=403, text=MESSAGE_BAD_ORIGIN)
        return None
