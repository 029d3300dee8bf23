"""Screenshots of the sample evaluation's feedback pages and public ranking page for the
README (docs/*.png, docs/report-public.png).

From the repository root, with Chromium, its driver and CJK fonts installed
(``apt-get install chromium chromium-driver fonts-noto-cjk``)::

    python scripts/screenshots.py

``docs/report-unit-review.png`` is a unit's 复核 section: the sample scored, then
scored again with a few review decisions (:data:`DECISIONS`, in a folder of
their own, never the repository's) and ``--baseline`` against the first run,
so that the withdrawn deductions show too.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REVIEWED = "xc-civil-affairs"
"""The unit whose 复核 section is shown (西城区民政局)."""
DECISIONS = f"""\
- unit: {REVIEWED}
  indicator: synchronisation
  code: policy.not_synchronous
  decision: 采纳
  reason: 单位补充提供了解读稿在区政府网站发布的页面存档，解读与文件同日发布，原扣分所据的日期有误
  reviewer: 王芳
  decided_on: 2017.2.20
- unit: {REVIEWED}
  indicator: requests
  code: requests.late
  records: 2016-0013、2016-0042
  decision: 采纳
  reason: 两件申请延期答复经单位负责人批准，单位补交了延期审批单和向申请人送达的延期告知书
  reviewer: 王芳
  decided_on: 2017.2.20
- unit: {REVIEWED}
  indicator: appeals
  code: appeals.corrected
  decision: 不采纳
  reason: 复议决定书认定答复未说明不予公开的理由，单位所述事后补正不改变被纠错的事实，维持原扣分
  reviewer: 李强
  decided_on: 2017.2.21
"""
"""The decisions a reviewer would write for the unit: two accepted (one naming two of a
merged finding's records), one rejected, each with the reason in the reviewer's words."""
SECTION = """
const start = document.getElementById('reviews');
let bottom = start.getBoundingClientRect().bottom;
for (let e = start.nextElementSibling; e && !(e.tagName === 'H2' && e.id !== 'withdrawn');
     e = e.nextElementSibling) {
  bottom = Math.max(bottom, e.getBoundingClientRect().bottom);
}
return [start.getBoundingClientRect().top + window.scrollY, bottom + window.scrollY];
"""
"""The 复核 section's top and bottom on the page (its heading to the withdrawn list)."""


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
        reviewed = _reviewed(Path(folder))
        if reviewed is None:
            return 1
        with browser(1200, 900) as driver:
            driver.get((pages / "index.html").as_uri())
            screenshot(driver, str(ROOT / "docs" / "report-index.png"))
            driver.get((pages / "xc-housing.html").as_uri())
            screenshot(driver, str(ROOT / "docs" / "report-unit.png"), height=1700)
            driver.get((reviewed / f"{REVIEWED}.html").as_uri())
            top, bottom = driver.execute_script(SECTION)
            top, bottom = int(top) - 16, int(bottom) + 16
            review_png = str(ROOT / "docs" / "report-unit-review.png")
            screenshot(driver, review_png, height=bottom - top, top=top)
            driver.get(public.as_uri())
            screenshot(driver, str(ROOT / "docs" / "report-public.png"), height=1500)
    return 0


def _reviewed(folder: Path) -> Path | None:
    """The feedback pages of the sample with :data:`DECISIONS` applied, against the run
    before them; ``None`` when a run fails."""
    from evaluator.cli import main as evaluate

    before, reviews, pages = folder / "before.json", folder / "reviews", folder / "reviewed"
    if evaluate(["submissions/", "--no-progress", "-o", str(before)]) != 0:
        return None
    reviews.mkdir()
    (reviews / "复核.yaml").write_text(DECISIONS, encoding="utf-8")
    command = ["report", "submissions/", "--reviews", str(reviews), "--baseline", str(before)]
    if evaluate([*command, "-o", str(pages)]) != 0:
        return None
    return pages


if __name__ == "__main__":
    sys.exit(main())
