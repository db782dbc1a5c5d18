"""Rendering: Chinese text with an embedded CJK font, escaped user text, nothing fetched from outside."""

import shutil
import subprocess
from base64 import b64decode
from urllib.parse import unquote

import pytest
from django.utils import timezone, translation

from documents import rendering
from documents.qr import qr_data_uri
from documents.rendering import DOCUMENT_BASE_URL, ResourceRefused, StaticOnlyFetcher, render_pdf, static_file_for


def notice_context(**overrides):
    return {
        "authority": "浙江省市场监督管理局",
        "document_number": "通知〔2026〕1号",
        "document_title": "关于开展地理标志专用标志使用监督检查的通知",
        "issued_on": timezone.now(),
        "addressee": "各市、县（市、区）市场监督管理局",
        "paragraphs": ["检查采取“双随机、一公开”方式。"],
        **overrides,
    }


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    assert path, f"{tool} is missing: install poppler-utils (scripts/bootstrap.sh does)"
    return path


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run([poppler("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_fonts(pdf: bytes, tmp_path) -> list[list[str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([poppler("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def test_chinese_text_is_rendered_with_an_embedded_cjk_font(tmp_path):
    with translation.override("zh-hans"):
        pdf = render_pdf("documents/notice.html", notice_context())
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf, tmp_path)
    assert "关于开展地理标志专用标志使用监督" in text and "通知〔2026〕1号" in text
    fonts = pdf_fonts(pdf, tmp_path)
    cjk = [row for row in fonts if "CJK" in row[0]]
    assert cjk, fonts
    # Columns: name type… emb sub uni id gen: every CJK font is embedded (and subset).
    assert all(row[-5] == "yes" and row[-4] == "yes" for row in cjk)


# Song for the text, Hei for headings and anything bold: each face is subset at every render (ADR 0025).
DOCUMENT_FACES = {"Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC-Bold"}


def font_faces(fonts: list[list[str]]) -> set[str]:
    return {row[0].split("+", 1)[-1] for row in fonts}  # without the subset tag ("ABCDEF+")


def test_a_document_embeds_the_two_faces_only(tmp_path):
    with translation.override("zh-hans"):
        pdf = render_pdf("documents/notice.html", notice_context())
    assert font_faces(pdf_fonts(pdf, tmp_path)) == DOCUMENT_FACES


def test_user_text_is_escaped_not_interpreted(tmp_path):
    hostile = '<b>粗体</b><img src="file:///etc/passwd"><script>alert(1)</script>'
    pdf = render_pdf("documents/notice.html", notice_context(paragraphs=[hostile]))
    text = pdf_text(pdf, tmp_path)
    assert "<b>粗体</b>" in text and "<script>alert(1)</script>" in text


def test_the_fetcher_serves_the_projects_static_files_only():
    css = static_file_for(f"{DOCUMENT_BASE_URL}static/documents/print.css")
    assert css is not None and css.name == "print.css"
    for url in [
        "file:///etc/passwd",
        "http://example.com/x.css",
        "https://example.com/static/documents/print.css",
        f"{DOCUMENT_BASE_URL}static/../config/settings/base.py",
        f"{DOCUMENT_BASE_URL}static/%2e%2e/manage.py",
        f"{DOCUMENT_BASE_URL}static/documents/missing.css",
        f"{DOCUMENT_BASE_URL}media/documents/2026/x.pdf",
        f"{DOCUMENT_BASE_URL}static/documents/print.css?x=1",
    ]:
        assert static_file_for(url) is None, url
        with pytest.raises(ResourceRefused):
            StaticOnlyFetcher().fetch(url)


def test_a_template_that_points_outside_fetches_nothing(monkeypatch, settings, tmp_path):
    templates = tmp_path / "templates" / "documents"
    templates.mkdir(parents=True)
    (templates / "hostile.html").write_text(
        '<html><head><link rel="stylesheet" href="http://127.0.0.1:9/evil.css"></head><body>'
        '<img src="file:///etc/passwd"><img src="/static/../../etc/hostname"><p>正文</p></body></html>',
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}]
    asked, served = [], []
    original = rendering.static_file_for

    def spy(url):
        asked.append(url)
        path = original(url)
        if path is not None:
            served.append(url)
        return path

    monkeypatch.setattr(rendering, "static_file_for", spy)
    pdf = render_pdf("documents/hostile.html", {})
    assert pdf.startswith(b"%PDF-")
    assert any("evil.css" in url for url in asked) and any("passwd" in url for url in asked)
    assert served == []


def test_qr_code_is_an_svg_data_uri():
    uri = qr_data_uri("https://terroir.example.cn/verify/abc")
    assert uri.startswith("data:image/svg+xml")
    payload = uri.split(",", 1)[1]
    svg = b64decode(payload).decode() if ";base64" in uri else unquote(payload)
    assert "<svg" in svg and "path" in svg


def test_fonts_are_loaded_once_per_thread_and_documents_stay_their_own(tmp_path):
    import threading

    from_other_thread = []
    worker = threading.Thread(target=lambda: from_other_thread.append(rendering.font_configuration()))
    worker.start()
    worker.join()
    assert rendering.font_configuration() is rendering.font_configuration()
    assert from_other_thread[0] is not rendering.font_configuration()

    with translation.override("zh-hans"):
        first = render_pdf("documents/notice.html", notice_context(document_title="西湖龙井茶专用标志核查通知"))
        second = render_pdf("documents/notice.html", notice_context(document_title="赣南脐橙整改通知"))
    assert "西湖龙井茶" in pdf_text(first, tmp_path) and "赣南脐橙" not in pdf_text(first, tmp_path)
    assert "赣南脐橙" in pdf_text(second, tmp_path) and "西湖龙井茶" not in pdf_text(second, tmp_path)
