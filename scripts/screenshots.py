"""Screenshots of the sample evaluation's feedback pages and public ranking page for the
README (docs/*.png, docs/screenshots/public.png).

From the repository root, with Chromium, its driver and CJK fonts installed
(``apt-get install chromium chromium-driver fonts-noto-cjk``)::

    python scripts/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    from evaluator._reports.browser import browser, chromium_missing, screenshot
    from evaluator.cli import main as evaluate

    missing = chromium_missing()
    if missing:
        print(missing, file=sys.stderr)
        return 2
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1484006400")  # 2017-01-10, as the scheme's as_of
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as folder:
        pages = Path(folder) / "feedback"
        if evaluate(["report", "submissions/", "-o", str(pages)]) != 0:
            return 1
        public = Path(folder) / "排名.html"
        if evaluate(["submissions/", "--public", "-o", str(public)]) != 0:
            return 1
        with browser(1200, 900) as driver:
            driver.get((pages / "index.html").as_uri())
            screenshot(driver, str(ROOT / "docs" / "report-index.png"))
            driver.get((pages / "xc-housing.html").as_uri())
            screenshot(driver, str(ROOT / "docs" / "report-unit.png"), height=1700)
            driver.get(public.as_uri())
            (ROOT / "docs" / "screenshots").mkdir(exist_ok=True)
            screenshot(driver, str(ROOT / "docs" / "screenshots" / "public.png"), height=1500)
    return 0


if __name__ == "__main__":
    sys.exit(main())
