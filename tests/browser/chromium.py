"""How every browser test and benchmark starts Debian's chromium (never a downloaded browser).

The background-networking flags matter here: without them chromium keeps trying to reach
Google's hosts, which this machine's closed network refuses many times a second.
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
