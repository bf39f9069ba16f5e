"""A blind labelled set: resumes typed out by hand in styles the parser was never run on
before this set was measured (a US one-pager with an address line, a European CV with
"Name:" labels, a Markdown resume, a DOCX with bold-run headings and dates in parentheses,
a PDF with the sidebar on the right, a PDF with one "Title | Company | Location | Dates" row).

Its first measurement is the figure the bench reports as "blind"; rules were not tuned on it.
"""

from __future__ import annotations

import io

from tests.api.resume_corpus import Job, Person, School

US_ONE_PAGER = """JOHN A. SMITH
123 Main Street, Austin, TX 78701 • (512) 555-0187 • john.smith@example.com
linkedin.com/in/johnasmith

PROFESSIONAL SUMMARY
Results-driven software developer with six years of experience building web applications for healthcare.

TECHNICAL SKILLS
Languages: Java, JavaScript, SQL
Frameworks: Spring Boot, Angular
Tools: Git, Jenkins, Docker

PROFESSIONAL EXPERIENCE
Software Developer II                                   June 2019 – Present
Lone Star Health Systems, Austin, TX
• Developed patient scheduling features used by 200 clinics.
• Reduced page load time by 35% by caching provider search results.

Junior Developer                                        Aug 2016 – May 2019
Bluebonnet Web Co., Dallas, TX
• Maintained e-commerce sites for 25 clients.

EDUCATION
Bachelor of Science in Computer Science, May 2016
The University of Texas at Austin
"""
US_ONE_PAGER_LABEL = Person(
    "John A. Smith", "john.smith@example.com", "(512) 555-0187", "Austin, TX",
    ["https://linkedin.com/in/johnasmith"],
    "Results-driven software developer with six years of experience building web applications for healthcare.",
    ["Java", "JavaScript", "SQL", "Spring Boot", "Angular", "Git", "Jenkins", "Docker"], [],
    [Job("Software Developer II", "Lone Star Health Systems", "Austin, TX", "2019-06", None,
         ["Developed patient scheduling features used by 200 clinics.",
          "Reduced page load time by 35% by caching provider search results."]),
     Job("Junior Developer", "Bluebonnet Web Co.", "Dallas, TX", "2016-08", "2019-05",
         ["Maintained e-commerce sites for 25 clients."])],
    [School("Bachelor of Science", "Computer Science", "The University of Texas at Austin", None, "2016-05")],
)

EUROPEAN_CV = """Curriculum Vitae

Personal details
Name: Marie Dubois
Address: Lyon, France
Phone: +33 6 12 34 56 78
E-mail: marie.dubois@example.fr

Work experience
09/2018 - present   Data Analyst, Banque Rhône (Lyon)
  - Built weekly risk dashboards in Power BI.
  - Automated data extraction with Python, saving 2 days per month.
01/2016 - 08/2018   Business Analyst, Carrefour Digital (Paris)
  - Analysed the sales of 300 stores.

Education
2013 - 2015   Master in Statistics, Université Lumière Lyon 2
2010 - 2013   Licence in Mathematics, Université Claude Bernard Lyon 1

Languages
French (native), English (C1), German (B1)

Skills
Python, SQL, Power BI, Excel, Tableau
"""
EUROPEAN_CV_LABEL = Person(
    "Marie Dubois", "marie.dubois@example.fr", "+33 6 12 34 56 78", "Lyon, France", [], "",
    ["Python", "SQL", "Power BI", "Excel", "Tableau"], [],
    [Job("Data Analyst", "Banque Rhône", "Lyon", "2018-09", None,
         ["Built weekly risk dashboards in Power BI.",
          "Automated data extraction with Python, saving 2 days per month."]),
     Job("Business Analyst", "Carrefour Digital", "Paris", "2016-01", "2018-08",
         ["Analysed the sales of 300 stores."])],
    [School("Master", "Statistics", "Université Lumière Lyon 2", "2013", "2015"),
     School("Licence", "Mathematics", "Université Claude Bernard Lyon 1", "2010", "2013")],
    [], ["French", "English", "German"],
)

MARKDOWN = """# Tomás Herrera
Full-stack engineer · Buenos Aires, Argentina · tomas@herrera.dev · +54 11 5555 1234 · github.com/therrera

## Experience

**Senior Software Engineer** — Mercado Pago (Mar 2021 – present)
- Designed a ledger reconciliation service in Go handling 5M transactions a day.
- Mentored 3 engineers.

**Software Engineer** — Globant (Jul 2017 – Feb 2021)
- Built React Native apps for retail clients.

## Education

**Ingeniero en Informática**, Universidad de Buenos Aires, 2011–2017

## Skills

Go, TypeScript, React, React Native, PostgreSQL, AWS
"""
MARKDOWN_LABEL = Person(
    "Tomás Herrera", "tomas@herrera.dev", "+54 11 5555 1234", "Buenos Aires, Argentina",
    ["https://github.com/therrera"], "",
    ["Go", "TypeScript", "React", "React Native", "PostgreSQL", "Amazon Web Services"], [],
    [Job("Senior Software Engineer", "Mercado Pago", None, "2021-03", None,
         ["Designed a ledger reconciliation service in Go handling 5M transactions a day.", "Mentored 3 engineers."]),
     Job("Software Engineer", "Globant", None, "2017-07", "2021-02", ["Built React Native apps for retail clients."])],
    [School("Ingeniero en Informática", None, "Universidad de Buenos Aires", "2011", "2017")],
)


def plain_docx() -> bytes:
    """No heading styles: headings are bold runs; "Company (dates)" then the title in italics."""
    import docx

    document = docx.Document()
    document.add_paragraph().add_run("Hannah Schmidt").bold = True
    document.add_paragraph("Vienna, Austria | hannah.schmidt@example.at | +43 1 234 5678")
    for heading, lines in (
        ("Summary", ["Cloud architect helping mid-sized companies move to Azure."]),
        ("Experience", []),
    ):
        document.add_paragraph().add_run(heading).bold = True
        for line in lines:
            document.add_paragraph(line)
    document.add_paragraph().add_run("Alpen Cloud Consulting (2020 – present)").bold = True
    document.add_paragraph().add_run("Cloud Architect").italic = True
    document.add_paragraph("Planned 14 migrations from on-premise data centres to Azure.", style="List Bullet")
    document.add_paragraph().add_run("Raiffeisen IT (2015 – 2020)").bold = True
    document.add_paragraph().add_run("Systems Engineer").italic = True
    document.add_paragraph("Ran the Windows Server and VMware estate for 3,000 users.", style="List Bullet")
    document.add_paragraph().add_run("Education").bold = True
    document.add_paragraph("MSc Computer Science, TU Wien (2013 – 2015)")
    document.add_paragraph().add_run("Skills").bold = True
    document.add_paragraph("Azure, Terraform, PowerShell, Windows Server, Kubernetes")
    document.add_paragraph().add_run("Certifications").bold = True
    document.add_paragraph("Microsoft Certified: Azure Solutions Architect Expert")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PLAIN_DOCX_LABEL = Person(
    "Hannah Schmidt", "hannah.schmidt@example.at", "+43 1 234 5678", "Vienna, Austria", [],
    "Cloud architect helping mid-sized companies move to Azure.",
    ["Microsoft Azure", "Terraform", "PowerShell", "Windows Server", "Kubernetes"], [],
    [Job("Cloud Architect", "Alpen Cloud Consulting", None, "2020", None,
         ["Planned 14 migrations from on-premise data centres to Azure."]),
     Job("Systems Engineer", "Raiffeisen IT", None, "2015", "2020",
         ["Ran the Windows Server and VMware estate for 3,000 users."])],
    [School("MSc", "Computer Science", "TU Wien", "2013", "2015")],
    ["Microsoft Certified: Azure Solutions Architect Expert"],
)


def right_sidebar_pdf() -> bytes:
    """Main column on the left, a narrow sidebar on the right (contact, skills)."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=letter)
    y = 740

    def line(x: float, text: str, size: float = 10, bold: bool = False) -> None:
        nonlocal y
        page.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        page.drawString(x, y, text)
        y -= size * 1.5

    line(50, "Samuel Adeyemi", 20, True)
    top = y
    for text, size, bold in (
        ("Work Experience", 12, True), ("Backend Developer, Flutterwave", 10, True),
        ("April 2020 - Present", 9, False),
        ("- Built payout APIs in Node.js serving 1,000 merchants.", 9.5, False),
        ("- Cut failed payouts by 30%.", 9.5, False),
        ("Software Developer, Andela", 10, True), ("January 2018 - March 2020", 9, False),
        ("- Delivered features for 4 US clients.", 9.5, False),
        ("Education", 12, True), ("BSc Computer Science", 10, True),
        ("Obafemi Awolowo University, 2013 - 2017", 9.5, False),
    ):
        line(50, text, size, bold)
    y = top
    for text, size, bold in (
        ("Contact", 12, True), ("samuel.adeyemi@example.com", 8.5, False), ("+234 802 555 0101", 8.5, False),
        ("Lagos, Nigeria", 8.5, False), ("Skills", 12, True), ("Node.js", 9, False), ("TypeScript", 9, False),
        ("MongoDB", 9, False), ("Redis", 9, False), ("Docker", 9, False),
    ):
        line(430, text, size, bold)
    page.save()
    return out.getvalue()


RIGHT_SIDEBAR_LABEL = Person(
    "Samuel Adeyemi", "samuel.adeyemi@example.com", "+234 802 555 0101", "Lagos, Nigeria", [], "",
    ["Node.js", "TypeScript", "MongoDB", "Redis", "Docker"], [],
    [Job("Backend Developer", "Flutterwave", None, "2020-04", None,
         ["Built payout APIs in Node.js serving 1,000 merchants.", "Cut failed payouts by 30%."]),
     Job("Software Developer", "Andela", None, "2018-01", "2020-03", ["Delivered features for 4 US clients."])],
    [School("BSc", "Computer Science", "Obafemi Awolowo University", "2013", "2017")],
)


def one_row_pdf() -> bytes:
    """Underlined headings; each job on one row: "Title | Company | Location | Dates"."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    y = 790

    def line(text: str, size: float = 10, bold: bool = False, rule: bool = False) -> None:
        nonlocal y
        page.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        page.drawString(60, y, text)
        if rule:
            page.line(60, y - 3, 535, y - 3)
        y -= size * 1.6

    line("Chloé Martin", 18, True)
    line("chloe.martin@example.ca  |  +1 514 555 0177  |  Montréal, QC")
    line("Experience", 12, True, rule=True)
    line("Data Scientist | Ubisoft | Montréal, QC | 2019 – Present", 10, True)
    line("• Built player churn models that lifted retention 8%.")
    line("Research Assistant | McGill University | Montréal, QC | 2017 – 2019", 10, True)
    line("• Published 2 papers on recommender systems.")
    line("Education", 12, True, rule=True)
    line("M.Sc. Computer Science | McGill University | 2017 – 2019")
    line("Skills", 12, True, rule=True)
    line("Python, PyTorch, SQL, Spark, Statistics")
    page.save()
    return out.getvalue()


ONE_ROW_LABEL = Person(
    "Chloé Martin", "chloe.martin@example.ca", "+1 514 555 0177", "Montréal, QC", [], "",
    ["Python", "PyTorch", "SQL", "Apache Spark", "Statistics"], [],
    [Job("Data Scientist", "Ubisoft", "Montréal, QC", "2019", None,
         ["Built player churn models that lifted retention 8%."]),
     Job("Research Assistant", "McGill University", "Montréal, QC", "2017", "2019",
         ["Published 2 papers on recommender systems."])],
    [School("M.Sc.", "Computer Science", "McGill University", "2017", "2019")],
)


def blind_set() -> list[tuple[str, Person, None, bytes]]:
    return [
        ("us_one_pager", US_ONE_PAGER_LABEL, None, US_ONE_PAGER.encode()),
        ("european_cv", EUROPEAN_CV_LABEL, None, EUROPEAN_CV.encode()),
        ("markdown", MARKDOWN_LABEL, None, MARKDOWN.encode()),
        ("plain_docx", PLAIN_DOCX_LABEL, None, plain_docx()),
        ("right_sidebar_pdf", RIGHT_SIDEBAR_LABEL, None, right_sidebar_pdf()),
        ("one_row_pdf", ONE_ROW_LABEL, None, one_row_pdf()),
    ]
