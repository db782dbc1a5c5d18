"""Benchmark: milliseconds to render a one-page Chinese notice to PDF, with and without a QR code.

    .venv/bin/python bench/bench_documents.py [--repeat 30]

Renders through documents.rendering.render_pdf (the path every official document takes:
template, WeasyPrint, the static-only fetcher, the CJK font), after two warm-up renders.
Needs no database. Prints p50/p95/max per variant and writes bench/results/documents.json;
it also checks that each PDF has exactly one page and embeds a CJK font.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "documents.json"

PARAGRAPHS = [
    "你单位报送的西湖龙井地理标志产品保护申请材料已收悉。经初步审查，申请材料基本齐全，"
    "符合《地理标志产品保护规定》第九条的要求，现予受理。",
    "请于收到本通知之日起三十个工作日内，按照审查意见补充产地范围图、质量技术要求及检测报告，"
    "逾期未补正的，视为撤回申请。",
    "特此通知。",
]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def context(with_qr: bool) -> dict:
    from documents.qr import qr_data_uri

    data = {
        "authority": "浙江省市场监督管理局",
        "addressee": "杭州市西湖区龙井茶产业协会",
        "paragraphs": PARAGRAPHS,
        "document_number": "通知〔2026〕12号",
        "document_title": "地理标志产品保护申请受理通知书",
        "issued_on": datetime.date(2026, 11, 23),
    }
    if with_qr:
        data["qr"] = qr_data_uri("https://terroir.example.org/verify/2345abcdefghijkmnopqrstuvw/")
        data["qr_caption"] = "扫码查验"
    return data


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        sys.exit(f"{tool} is missing: install poppler-utils (scripts/bootstrap.sh does)")
    return path


def check_pdf(pdf: bytes) -> None:
    """One page, and a CJK font embedded (poppler's pdfinfo and pdffonts read the PDF)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        info = subprocess.run([poppler("pdfinfo"), file.name], capture_output=True, text=True, check=True).stdout
        fonts = subprocess.run([poppler("pdffonts"), file.name], capture_output=True, text=True, check=True).stdout
    pages = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    if not pages or pages.group(1) != "1":
        sys.exit(f"expected a one-page notice:\n{info}")
    if "CJK" not in fonts:
        sys.exit(f"the PDF embeds no CJK font (is fonts-noto-cjk installed?):\n{fonts}")


def measure(with_qr: bool, repeat: int) -> dict:
    from django.utils import translation

    from documents.rendering import render_pdf

    with translation.override("zh-hans"):
        for _ in range(2):
            check_pdf(render_pdf("documents/notice.html", context(with_qr)))
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            pdf = render_pdf("documents/notice.html", context(with_qr))
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1),
        "max_ms": round(timings[-1], 1),
        "bytes": len(pdf),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    setup_django()
    import weasyprint

    variants = {"notice": measure(False, args.repeat), "notice_with_qr": measure(True, args.repeat)}
    print(f"one-page Chinese notice, {args.repeat} renders each, WeasyPrint {weasyprint.__version__}")
    print(f"{'variant':<16}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'bytes':>9}")
    for name, figures in variants.items():
        print(f"{name:<16}{figures['p50_ms']:>9}{figures['p95_ms']:>9}{figures['max_ms']:>9}{figures['bytes']:>9}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "one-page Chinese notice rendered to PDF",
                "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "weasyprint": weasyprint.__version__,
                "cpu_count": os.cpu_count(),
                "repeat": args.repeat,
                "variants": variants,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
