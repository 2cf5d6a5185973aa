"""CAT XML (MEANTIME / SemEval-2015 TimeLine input) as an input kind: text with token ids, title, DCT."""

from __future__ import annotations

from pathlib import Path

from timeline.ingest import read_articles

CAT = (
    '<?xml version="1.0" ?><Document doc_id="118147" doc_name="118147_Deal_fails.txt" '
    'src_url="http://en.wikinews.org/wiki/Deal_fails">\n'
    + "".join(
        f'<token number="{n}" sentence="{s}" t_id="{n + 1}">{w}</token>\n'
        for n, (s, w) in enumerate(
            [
                (0, "Deal"),
                (0, "fails"),
                (1, "GM"),
                (1, "said"),
                (1, "it"),
                (1, "would"),
                (1, "cut"),
                (1, "jobs"),
                (1, "."),
                (2, "It"),
                (2, "did"),
                (2, "n't"),
                (2, "."),
            ]
        )
    )
    + '<Markables><TIMEX3 functionInDocument="CREATION_TIME" m_id="9" type="DATE" value="2008-12-12"/></Markables>'
    "</Document>\n"
)


def test_cat_xml_is_an_article_with_title_dct_and_token_ids(write) -> None:
    path = write("corpus/118147_Deal_fails.txt.xml", CAT)
    result = read_articles([path.parent])
    (article,) = result.articles
    assert article.id == "118147_Deal_fails"
    assert article.text == "Deal fails\nGM said it would cut jobs. It didn't."
    assert article.title == "Deal fails" and article.header_chars == len("Deal fails\n")
    assert str(article.published) == "2008-12-12" and article.published_origin == "record"
    assert article.url == "http://en.wikinews.org/wiki/Deal_fails"
    assert article.tokens is not None and article.tokens.doc_id == "118147"
    sentence, start, end = article.tokens.tokens[3]
    assert (sentence, article.text[start:end]) == (1, "said")


def test_a_bad_cat_file_is_one_issue_and_the_others_are_read(write, tmp_path: Path) -> None:
    write("corpus/good.xml", CAT)
    write("corpus/broken.xml", "<Document><token t_id='1'>Deal</Document>")
    write("corpus/other.xml", "<html><body>not CAT</body></html>")
    result = read_articles([tmp_path / "corpus"])
    assert [a.id for a in result.articles] == ["good"]
    bad = [issue for issue in result.issues if issue.code == "I180"]
    assert len(bad) == 2 and all(issue.severity == "error" for issue in bad)
    assert {Path(issue.path).name for issue in bad} == {"broken.xml", "other.xml"}
    assert all("\n" not in issue.message and issue.message.startswith(issue.path) for issue in bad)


def test_a_cat_creation_time_that_is_no_day_is_reported(write) -> None:
    path = write("one.xml", CAT.replace('value="2008-12-12"', 'value="2008-12"'))
    result = read_articles([path])
    assert result.articles[0].published is None
    assert any(issue.code == "I130" and "2008-12" in issue.message for issue in result.issues)


def test_a_dateline_without_timex3_is_a_line_of_its_own(write) -> None:
    tokens = '<token number="0" sentence="0" t_id="1">Deal</token>'
    tokens += '<token number="1" sentence="1" t_id="2">December</token>'
    tokens += '<token number="2" sentence="1" t_id="3">12</token><token number="3" sentence="1" t_id="4">,</token>'
    tokens += '<token number="4" sentence="1" t_id="5">2008</token><token number="5" sentence="2" t_id="6">GM</token>'
    tokens += '<token number="6" sentence="2" t_id="7">fell</token>'
    path = write("d.xml", f"<Document doc_id='1'>{tokens}</Document>")
    assert read_articles([path]).articles[0].text == "Deal\nDecember 12, 2008\nGM fell"
