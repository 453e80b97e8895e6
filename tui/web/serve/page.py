"""The page a browser loads from `mythquiz serve`, and the headers of every response.

The page loads nothing from outside (textual-serve's own template links Google Fonts; the
font it wants ships with textual-serve) and builds its WebSocket URL from the address the
browser used, so `--host 0.0.0.0` works from other computers (textual-serve writes
`ws://0.0.0.0:PORT/ws` into the page).
"""

from __future__ import annotations

import html

PAGE = """<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{title}</title>
    <link rel="preload" href="static/fonts/RobotoMono-VariableFont_wght.ttf" as="font" type="font/ttf" crossorigin>
    <link rel="stylesheet" href="static/css/xterm.css">
    <style>
      @font-face {{
        font-family: "Roboto Mono";
        src: url("static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
        font-weight: 100 700;
        font-style: normal;
      }}
      @font-face {{
        font-family: "Roboto Mono";
        src: url("static/fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype");
        font-weight: 100 700;
        font-style: italic;
      }}
      body {{ background: #0c181f; margin: 0; }}
      .dialog-container {{
        position: absolute; width: 100vw; height: 100vh; display: flex;
        align-items: center; justify-content: center; z-index: 10;
      }}
      .shade {{
        position: absolute; width: 100%; height: 100%; background: #0c181f;
        background-image: url("static/images/background.png");
      }}
      .intro {{
        max-width: 640px; min-height: 200px; padding: 16px 32px; font-size: 16px; z-index: 20;
        font-family: "Roboto Mono", menlo, monospace; text-align: center;
        color: rgba(255, 255, 255, 0.95); background-color: #12232d;
        display: flex; flex-direction: column; align-items: center; justify-content: center;
        margin: 32px;
      }}
      body.-first-byte .intro-dialog {{ display: none; }}
      body .textual-terminal {{ opacity: 0; transition: opacity 0.3s ease-out; }}
      body.-first-byte .textual-terminal {{ opacity: 1; }}
      .intro button {{
        padding: 16px 32px; background-color: #5e0ba7; color: rgba(255, 255, 255, 0.95);
        border: none; font-family: "Roboto Mono", menlo, monospace; font-size: 16px;
        margin: 16px; display: block; cursor: pointer;
      }}
      .intro button:hover, .intro button:focus {{ background: #ac5af4; }}
      .closed-dialog {{ display: none; }}
      body.-closed .closed-dialog {{ display: flex; }}
    </style>
    <script>
      // textual.js only marks the page closed; show the participant the reason the
      // server gave when it closed the session (room full, could not start, stopped).
      (function () {{
        var Native = window.WebSocket;
        window.WebSocket = class extends Native {{
          constructor(url, protocols) {{
            super(url, protocols);
            this.addEventListener("close", function (event) {{
              var message = document.querySelector(".closed-dialog .message");
              if (message && event.reason) message.textContent = event.reason;
            }});
          }}
        }};
      }})();
      function refresh() {{
        window.location.reload();
      }}
    </script>
    <script src="static/js/textual.js"></script>
  </head>
  <body>
    <noscript>mythquiz in a browser needs JavaScript.</noscript>
    <div class="dialog-container intro-dialog">
      <div class="shade"></div>
      <div class="intro"><div>{title}</div><div>Starting…</div></div>
    </div>
    <div class="dialog-container closed-dialog" role="alert">
      <div class="shade"></div>
      <div class="intro">
        <div class="message">Session ended.</div>
        <button type="button" onclick="refresh()">Start again</button>
      </div>
    </div>
    <div id="terminal" class="textual-terminal" data-font-size="{font_size}"></div>
    <script>
      // The session's address is the one this page came from, whatever name or
      // address the browser used to reach it.
      (function () {{
        var url = new URL("ws", window.location.href);
        url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
        url.search = "";
        url.hash = "";
        document.getElementById("terminal").dataset.sessionWebsocketUrl = url.href;
      }})();
    </script>
  </body>
</html>
"""

# Nothing but this server: the page works in a room without internet.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def index_page(title: str, font_size: int) -> str:
    """The page, its title escaped."""
    return PAGE.format(title=html.escape(title), font_size=font_size)
