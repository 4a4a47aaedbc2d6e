"""CV text clean-up: mojibake, hyphenation, bullets, decoding, Markdown, PDF column detection."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from skillgap.cv import read_cv
from skillgap.cv.clean import clean_cv_text, dehyphenate
from skillgap.cv.pdf import split_columns
from skillgap.cv.plain import decode_text, markdown_to_text


def test_mojibake_is_fixed():
    raw = "NaÃ¯ve Bayes â¢ Python â¢ SQL"
    assert clean_cv_text(raw) == "Naïve Bayes • Python • SQL"
    assert clean_cv_text("â¢ Lone bullet on a clean line") == "• Lone bullet on a clean line"


def test_hyphenation_at_line_ends():
    assert dehyphenate("gained experi-\nence in") == "gained experience\nin"
    assert dehyphenate("a well-\nknown tool") == "a well-known\ntool"  # a real compound keeps its hyphen
    assert dehyphenate("Python-\nbased") == "Python-based\n"
    assert dehyphenate("2016 -\n2018") == "2016 -\n2018"
    assert dehyphenate("- item one\n- item two") == "- item one\n- item two"


def test_soft_hyphens_and_ligatures():
    assert clean_cv_text("pro\u00adgramming e\ufb03cient") == "programming efficient"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc -\n\t•Ã¯â¢")), max_size=60))
def test_clean_is_idempotent(s):
    once = clean_cv_text(s)
    assert clean_cv_text(once) == once


def test_decode_text_encodings():
    assert decode_text("Naïve".encode("utf-8")) == "Naïve"
    assert decode_text("Naïve".encode("utf-16")) == "Naïve"
    assert decode_text("\ufeffNaïve".encode("utf-8")) == "Naïve"
    assert decode_text("Naïve – ok".encode("cp1252")) == "Naïve – ok"


def test_markdown_markup_is_removed():
    md = "# Jo\n\n## Skills\n\n* **Python** and `SQL`\n- [site](https://jo.dev)\n\n| a | b |\n|---|---|\n| x | y |\n"
    out = markdown_to_text(md)
    assert "Jo\n\nSkills\n\n- Python and SQL\n- site (https://jo.dev)" in out
    assert "x | y" in out and "---" not in out


def test_single_column_with_right_aligned_dates_is_not_split():
    layout = "\n".join(
        [
            "Jo Bloggs",
            "Senior Engineer, Foo Ltd                                              Jan 2019 - Present",
            "Built data pipelines in Python and ran them on AWS for the finance team.",
            "Engineer, Bar plc                                                     2016 - 2018",
            "Wrote SQL reports and kept the warehouse tidy for everyone who used it.",
            "Intern, Baz                                                           2015 - 2016",
            "Fixed bugs.",
        ]
    )
    assert split_columns(layout) is None


def test_two_column_layout_is_split():
    left = ["SKILLS", "Python, SQL", "Docker and Git", "", "EDUCATION", "BSc Physics"]
    right = [
        "EXPERIENCE",
        "Built pipelines for the finance team at Foo",
        "Wrote reports for the sales team at Bar",
        "Mentored two junior engineers at Baz",
        "Kept the warehouse tidy and documented",
        "",
    ]
    layout = "\n".join(f"{a:<30}{b}" for a, b in zip(left, right))
    out = split_columns(layout)
    assert out is not None
    assert out.index("BSc Physics") < out.index("EXPERIENCE")
    assert "Python, SQL\nDocker and Git" in out


def test_right_aligned_dates_pdf_keeps_dates_on_job_lines():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    y = 20
    for title, dates, desc in [
        ("Senior Engineer, Foo Ltd", "Jan 2019 - Present", "Built data pipelines in Python and ran them on AWS."),
        ("Engineer, Bar plc", "2016 - 2018", "Wrote SQL reports and kept the warehouse tidy for all."),
        ("Intern, Baz", "2015 - 2016", "Fixed bugs in the billing system and wrote many tests."),
    ]:
        pdf.text(20, y, title)
        pdf.text(160, y, dates)
        pdf.text(20, y + 5, desc)
        y += 14
    buf = bytes(pdf.output())
    doc = read_cv(buf, filename="dates.pdf")
    assert "Senior Engineer, Foo Ltd" in doc.text
    line = next(ln for ln in doc.text.split("\n") if "Foo Ltd" in ln)
    assert "Jan 2019 - Present" in line


def test_wrapped_two_column_pdf_reads_sidebar_then_body():
    """A sidebar drawn after a justified, wrapped body column (content-stream order: body first)."""
    from fpdf import FPDF

    para = ("Designed and operated data pipelines in Python and Airflow for the finance team, moving nightly "
            "batch jobs to streaming with Kafka and cutting report latency from hours to minutes. ")  # fmt: skip
    pdf = FPDF()
    pdf.add_page()
    pdf.set_xy(80, 20)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, "EXPERIENCE", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    for i in range(3):
        pdf.set_x(80)
        pdf.multi_cell(115, 4.5, f"Job {i}: " + para * 2, align="J")
    pdf.set_xy(10, 20)
    for line in ["SKILLS", "Python, SQL, Scala", "Docker and Kubernetes", "", "EDUCATION", "BSc Physics 2010 - 2013"]:
        pdf.set_x(10)
        pdf.cell(60, 4.5, line, new_x="LMARGIN", new_y="NEXT")
    doc = read_cv(bytes(pdf.output()), filename="sidebar.pdf")
    assert [s.name for s in doc.sections] == ["skills", "education", "experience"]
    assert "Python, SQL, Scala\nDocker and Kubernetes" in doc.text
    assert "Job 0: Designed and operated data pipelines" in doc.text
    assert doc.text.index("Job 0") < doc.text.index("Job 1") < doc.text.index("Job 2")


def test_docx_text_boxes_are_read_once():
    import io

    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("Skills")
    p = d.add_paragraph("Main text.")
    box = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        "<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>"
        "<w:p><w:r><w:t>Kubernetes in a box</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:textbox><w:txbxContent>"
        "<w:p><w:r><w:t>Kubernetes in a box</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    p._p.append(parse_xml(box))
    buf = io.BytesIO()
    d.save(buf)
    doc = read_cv(buf.getvalue(), filename="box.docx")
    assert doc.text.count("Kubernetes in a box") == 1
    assert doc.text.index("Main text.") < doc.text.index("Kubernetes in a box")
