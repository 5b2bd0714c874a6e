"""First visit on a slow phone: how long /check/ takes to load over a throttled connection.

    python bench/bench_phone.py [--runs 5] [--path /check/] [--kbps 400] [--rtt 400]

Serves the app with gunicorn on loopback (a throwaway SQLite database, as bench_load.py does),
then opens the page in Chromium at 390 x 844 with an empty cache, the network throttled by the
browser (Chrome DevTools' network conditions: 400 kbps each way, 400 ms round trip), and prints
for each run the time to the first byte, to DOMContentLoaded and to the load event, and the
bytes that crossed the wire, then the median. Needs Chromium (apt-get install chromium) and the
dev requirements (Playwright).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_load import served  # noqa: E402

from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, PHONE  # noqa: E402

TARGET_SECONDS = 1.5


def _measure(browser, url: str, kbps: int, rtt_ms: int) -> dict[str, float]:
    context = browser.new_context(viewport=PHONE, locale="zh-CN", device_scale_factor=2)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    bytes_per_second = kbps * 1000 / 8
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": rtt_ms,
            "downloadThroughput": bytes_per_second,
            "uploadThroughput": bytes_per_second,
        },
    )
    received = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    page.goto(url, wait_until="load")
    timing = page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return {ttfb: n.responseStart, dcl: n.domContentLoadedEventEnd,"
        " load: n.loadEventEnd}; }"
    )
    context.close()
    return {
        "ttfb": timing["ttfb"] / 1000,
        "dcl": timing["dcl"] / 1000,
        "load": timing["load"] / 1000,
        "kb": sum(received) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--path", default="/check/")
    parser.add_argument("--kbps", type=int, default=400)
    parser.add_argument("--rtt", type=int, default=400, help="round trip in milliseconds")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with served(DJANGO_LOG_LEVEL="ERROR") as (server, _env):
        base = server.base
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            _measure(browser, base + args.path, 100_000, 0)  # warm the server, not the browser
            print(
                f"{args.path} at {PHONE['width']}x{PHONE['height']}, {args.kbps} kbps, "
                f"{args.rtt} ms round trip, empty cache\n"
            )
            print(f"{'run':>4} {'first byte s':>13} {'DOM ready s':>12} {'load s':>8} {'KB':>7}")
            loads = []
            for run in range(1, args.runs + 1):
                m = _measure(browser, base + args.path, args.kbps, args.rtt)
                loads.append(m["load"])
                print(
                    f"{run:>4} {m['ttfb']:>13.2f} {m['dcl']:>12.2f} {m['load']:>8.2f} "
                    f"{m['kb']:>7.1f}"
                )
            browser.close()
        median = statistics.median(loads)
        verdict = "under" if median < TARGET_SECONDS else "OVER"
        print(f"\nmedian load {median:.2f} s: {verdict} the {TARGET_SECONDS} s target")


if __name__ == "__main__":
    main()
