"""Reading a job ad: every format, a stored posting, title and company, and each kind of bad input."""

from __future__ import annotations

import pytest

from skillgap.errors import JobAdEmpty, JobAdLanguage, JobAdUnreadable, NotAJobAd, PostingNotFound
from skillgap.jobad import detect_language, guess_title_company, job_ad_from_text, read_job_ad, read_job_ad_file
from tests.match.ads import AD_HTML, AD_TEXT, CV_FULL, GERMAN_AD, GUIDE_TEXT, NOT_AN_AD, docx_bytes, pdf_bytes


@pytest.mark.parametrize("name, data", [
    ("ad.txt", AD_TEXT.encode()),
    ("ad.md", ("# " + AD_TEXT).encode()),
    ("ad.docx", docx_bytes(AD_TEXT)),
    ("ad.pdf", pdf_bytes(AD_TEXT)),
    ("ad", AD_TEXT.encode("utf-8-sig")),
])
def test_every_format_gives_the_same_title_company_and_sections(name, data):
    ad = read_job_ad(data, filename=name)
    assert ad.title == "Senior Data Engineer" and ad.company == "Acme Analytics"
    assert "Requirements" in ad.text and "Apache Airflow" in ad.text and ad.source == name


def test_html_page_becomes_text_with_its_title_and_no_script():
    ad = read_job_ad(AD_HTML.encode(), filename="job.html")
    assert ad.kind == "html" and ad.title == "Machine Learning Engineer" and ad.company == "Nimbus Labs"
    assert "PyTorch & experience" in ad.text and "<li>" not in ad.text
    assert "tracking" not in ad.text and "color: red" not in ad.text
    assert job_ad_from_text(AD_HTML).kind == "html"  # pasted HTML too


@pytest.mark.parametrize("line, title, company", [
    ("Acme | Senior Backend Engineer | Remote | $150k", "Senior Backend Engineer", "Acme"),
    ("Data Analyst - Example Bank", "Data Analyst", "Example Bank"),
    ("Staff ML Engineer @ Nimbus", "Staff ML Engineer", "Nimbus"),
])
def test_title_and_company_from_the_first_line(line, title, company):
    assert guess_title_company(line + "\n\nWe are hiring.") == (title, company)


def test_labelled_lines_win():
    text = "Job title: Cloud Architect\nCompany: Example Corp\n\nYou will design our AWS landing zones."
    assert guess_title_company(text) == ("Cloud Architect", "Example Corp")


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_empty_ad(data):
    with pytest.raises(JobAdEmpty, match="'ad.txt' is empty"):
        read_job_ad(data, filename="ad.txt")
    with pytest.raises(JobAdEmpty, match="empty"):
        job_ad_from_text(data.decode())


def test_almost_no_text():
    with pytest.raises(JobAdEmpty, match="almost no text"):
        read_job_ad(b"Python!", filename="ad.txt")


def test_scanned_pdf_has_no_text():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    with pytest.raises(JobAdEmpty, match="scanned"):
        read_job_ad(bytes(pdf.output()), filename="scan.pdf")


@pytest.mark.parametrize("name, data, words", [
    ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not a text, HTML, PDF or Word"),
    ("ad.pdf", b"plain text pretending to be a PDF, with enough letters in it", "not a text, HTML, PDF or Word"),
    ("ad.pdf", b"%PDF-1.4 broken", "looks damaged"),
    ("ad.docx", b"PK\x03\x04 not really a zip", "looks damaged"),
    ("ad.csv", b"title,company\nData Engineer,Acme\n", ".csv files are not read"),
])
def test_unreadable_files_say_what_to_do(name, data, words):
    with pytest.raises(JobAdUnreadable) as err:
        read_job_ad(data, filename=name)
    assert name in str(err.value) and words in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(JobAdUnreadable, match="missing"):
        read_job_ad_file(tmp_path / "nope.txt")


def test_another_language_is_refused_with_its_name():
    assert detect_language(GERMAN_AD) == "German"
    with pytest.raises(JobAdLanguage, match="German.*English version"):
        job_ad_from_text(GERMAN_AD, source="stelle.txt")
    with pytest.raises(JobAdLanguage, match="Chinese"):
        job_ad_from_text("我们正在招聘一名高级数据工程师，负责数据平台的建设与维护。要求熟悉 Python 和 SQL，有五年以上相关经验。")


def test_a_keyword_list_is_not_taken_for_another_language():
    assert detect_language("Python, SQL, Docker, Kubernetes, Terraform") == "unknown"
    assert detect_language(AD_TEXT) == "English"


def test_a_cv_is_not_a_job_ad():
    with pytest.raises(NotAJobAd, match="looks like a CV"):
        job_ad_from_text(CV_FULL, source="riley.txt")


def test_a_recipe_is_not_a_job_ad():
    with pytest.raises(NotAJobAd, match="does not read like a job ad"):
        job_ad_from_text(NOT_AN_AD)


def test_a_learning_guide_is_not_a_job_ad():
    with pytest.raises(NotAJobAd, match="reads like a guide"):
        read_job_ad(GUIDE_TEXT.encode(), filename="roadmap.md")


def test_stored_posting(tmp_path):
    from skillgap import store

    con = store.connect(tmp_path / "s.duckdb")
    con.execute(
        """INSERT INTO postings (posting_id, source, title, company, location, posted_month, url, description, loaded_at)
           VALUES ('p1', 'test', 'Data Engineer', 'Acme', 'Berlin, DE', '2026-05', 'https://example.com/jobs/1', ?, now()),
                  ('p2', 'test', 'Empty', 'Acme', NULL, '2026-05', NULL, '', now())""",
        [AD_TEXT],
    )
    from skillgap.jobad import job_ad_from_posting

    ad = job_ad_from_posting(con, "p1")
    assert (ad.title, ad.company, ad.location, ad.month, ad.url, ad.posting_id) == (
        "Data Engineer", "Acme", "Berlin, DE", "2026-05", "https://example.com/jobs/1", "p1")
    with pytest.raises(JobAdEmpty, match="no description"):
        job_ad_from_posting(con, "p2")
    with pytest.raises(PostingNotFound, match="'nope'"):
        job_ad_from_posting(con, "nope")
    con.close()


def test_plain_text_with_a_stray_tag_keeps_its_lines_and_sections():
    ad = job_ad_from_text(AD_TEXT.replace("- Snowflake", "- Snowflake <b>bold</b> &amp; <script>alert(1)</script>"))
    assert ad.kind == "txt" and ad.title == "Senior Data Engineer" and ad.company == "Acme Analytics"
    assert "\nRequirements\n" in ad.text and "Snowflake bold &" in ad.text and "alert" not in ad.text
