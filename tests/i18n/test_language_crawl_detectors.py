"""The language crawl's readers find what they are for (a check that cannot fail is a defect):
each kind of fault is caught in a sample page, and what is allowed is let through."""

from tests.i18n.crawl import chinese_runs, data_tokens, english_words, machine_codes, visible_text

ALLOWED = {"Terroir", "GB", "PDF"}


def test_visible_text_reads_what_a_person_sees_and_hears_and_skips_scripts():
    html = """<html lang="zh-hans"><head><title>标题</title><style>.a{}</style></head><body>
      <script>var hidden = "script";</script>
      <p title="提示">正文</p><input type="submit" value="提交"><input type="hidden" name="next" value="/x/">
      <input placeholder="搜索"><img alt="图片"><select><option>选项</option></select>
      <button aria-label="关闭">×</button><a href="/next/">下一页</a>
      <form><button lang="en">English</button></form></body></html>"""
    texts, links = visible_text(html, "zh-hans")
    assert ("zh", "标题") in texts and ("zh", "提示") in texts and ("zh", "提交") in texts
    assert {("zh", "搜索"), ("zh", "图片"), ("zh", "选项"), ("zh", "关闭"), ("en", "English")} <= set(texts)
    assert not [text for _language, text in texts if "script" in text or ".a{}" in text or "/x/" in text]
    assert links == ["/next/"]


def test_machine_codes_are_caught_in_both_languages():
    for sample, code in [
        ("动作：enforcement.receive", "enforcement.receive"),
        ("状态 preliminary_examination", "preliminary_examination"),
        ("已批准：True", "True"),
        ("任务 #4/17", "#4/17"),
    ]:
        assert code in [found for _why, found in machine_codes(sample, "zh")], sample
        assert code in [found for _why, found in machine_codes(sample, "en")], sample
    assert [found for _why, found in machine_codes("draft → submitted", "zh")] == ["draft → submitted"]
    # English words around an arrow are a sentence; "None" is a word; URLs, e-mail addresses and
    # file names are not codes.
    assert machine_codes("Submitted → preliminary examination. None yet.", "en") == []
    assert machine_codes("见 https://example.org/a_b.c 或 kjs_staff@demo.terroir.localhost 检验报告.pdf", "zh") == []


def test_a_chinese_page_may_show_no_english_word_but_the_allowed_and_the_data():
    assert english_words("下载 PDF · 依据 GB/T 17924-2008 与 DB33/T 地方标准 · 编号 JB-7KQ9M-4XT2R", ALLOWED) == []
    assert english_words("Terroir 地理标志", ALLOWED) == []
    assert english_words("返回首页 · Back to the home page", ALLOWED) == ["Back", "to", "the", "home", "page"]
    latin, _cjk = data_tokens(["Xihu Longjing Tea", "杭州市西湖区"])
    assert english_words("西湖龙井（Xihu Longjing Tea）", ALLOWED | latin) == []
    assert english_words("状态：Draft", ALLOWED | latin) == ["Draft"]


def test_an_english_page_may_show_chinese_only_as_data():
    _latin, cjk = data_tokens(["西湖龙井", "杭州市西湖区龙井村18号"])
    assert chinese_runs("Product 西湖龙井, address 杭州市西湖区龙井村18号", cjk) == []
    assert chinese_runs("Status: 已提交", cjk) == ["已提交"]
    assert chinese_runs("西湖龙井、安溪铁观音", cjk) == ["西湖龙井、安溪铁观音"]  # a Chinese list separator
    assert chinese_runs("Supervision checks：3", cjk) == ["："]
