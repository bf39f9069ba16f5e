"""Resumes written for this project as structured data, rendered in varied layouts.

Used by the parser tests and by bench/resume_parse.py (the labelled set): every document is
generated here from `PEOPLE`, so the expected fields are known exactly. Layouts: plain text
with capital or title-case headings, one-column PDFs (dates right-aligned), two-column PDFs
(a sidebar beside the main column), DOCX with heading styles, and DOCX laid out as a
two-column table; date styles vary per document ("Jan 2020", "01/2020", "2020-01", ...).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass
class Job:
    title: str
    company: str
    location: str | None
    start: str  # YYYY-MM
    end: str | None  # None: current
    highlights: list[str]


@dataclass
class School:
    degree: str
    field: str | None
    institution: str
    start: str | None  # YYYY
    end: str  # YYYY


@dataclass
class Person:
    name: str
    email: str
    phone: str
    location: str
    links: list[str]
    summary: str
    skills: list[str]  # canonical vocabulary names, as the skills section lists them (some by alias)
    skills_written: list[str]  # how the document writes them
    jobs: list[Job]
    schools: list[School]
    certifications: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    latin: bool = True  # False: needs a font beyond Latin-1 (rendered with DejaVu in PDFs)


PEOPLE: list[Person] = [
    Person(
        "Ada Lovelace", "ada.lovelace@example.com", "+44 20 7946 0958", "London, UK",
        ["https://github.com/adalovelace", "https://www.linkedin.com/in/ada-lovelace"],
        "Backend engineer with eight years of experience building payment systems and data pipelines.",
        ["Python", "Go", "PostgreSQL", "Kubernetes", "Apache Kafka", "Amazon Web Services"],
        ["Python", "Golang", "Postgres", "k8s", "Kafka", "AWS"],
        [Job("Senior Backend Engineer", "Paystream Ltd", "London, UK", "2021-03", None,
             ["Cut p95 checkout latency by 40% by moving fraud checks off the request path.",
              "Led a team of 5 engineers through the migration from a monolith to services."]),
         Job("Software Engineer", "Datawise Labs", "Manchester, UK", "2017-09", "2021-02",
             ["Built streaming ingestion handling 20,000 events per second.",
              "Introduced contract tests that caught regressions before release."])],
        [School("BSc", "Computer Science", "University of Manchester", "2013", "2017")],
        ["AWS Certified Solutions Architect"], ["English", "French"],
    ),
    Person(
        "José Martínez-García", "jose.mg@example.es", "+34 612 345 678", "Madrid, Spain",
        ["https://github.com/josemg"],
        "Frontend developer focused on accessible, fast web applications for retail.",
        ["TypeScript", "React", "Next.js", "GraphQL", "Jest", "Figma"],
        ["TypeScript", "ReactJS", "NextJS", "GraphQL", "Jest", "Figma"],
        [Job("Lead Frontend Developer", "Tiendas Online SA", "Madrid, Spain", "2020-01", None,
             ["Rebuilt the checkout in React and raised conversion 12%.",
              "Mentored four junior developers."]),
         Job("Frontend Developer", "Agencia Creativa", "Barcelona, Spain", "2016-06", "2019-12",
             ["Delivered 30 marketing sites for international brands."])],
        [School("Master of Science", "Software Engineering", "Universidad Politécnica de Madrid", "2014", "2016"),
         School("Bachelor of Science", "Computer Engineering", "Universidad de Sevilla", "2010", "2014")],
        [], ["Spanish", "English"],
    ),
    Person(
        "Дарья Соколова", "daria.sokolova@example.ru", "+7 495 123 45 67", "Moscow, Russia",
        ["https://github.com/dsokolova"],
        "Data scientist building forecasting models for logistics and retail demand.",
        ["Python", "pandas", "scikit-learn", "PyTorch", "Apache Spark", "SQL"],
        ["Python", "Pandas", "sklearn", "PyTorch", "PySpark", "SQL"],
        [Job("Data Scientist", "Logistika Group", "Moscow, Russia", "2019-04", None,
             ["Improved demand forecast accuracy by 18% with gradient boosting.",
              "Owned the model monitoring dashboards used by 3 teams."]),
         Job("Junior Data Analyst", "Retail Analytics", "Moscow, Russia", "2017-07", "2019-03",
             ["Automated weekly reporting, saving 10 hours per week."])],
        [School("MSc", "Applied Mathematics", "Moscow State University", "2015", "2017")],
        ["TensorFlow Developer Certificate"], ["Russian", "English", "German"], latin=False,
    ),
    Person(
        "Priya Raman", "priya.raman@example.in", "+91 98765 43210", "Bengaluru, India",
        ["https://www.linkedin.com/in/priyaraman", "https://priyaraman.dev"],
        "Site reliability engineer who keeps large fleets boring: automation, observability, calm on-call.",
        ["Terraform", "Kubernetes", "Prometheus", "Grafana", "Go", "Linux"],
        ["Terraform", "Kubernetes", "Prometheus", "Grafana", "Go", "Linux"],
        [Job("Staff Site Reliability Engineer", "CloudScale Technologies", "Bengaluru, India", "2022-02", None,
             ["Reduced paging incidents 60% by rewriting alert rules around SLOs.",
              "Managed the on-call rotation for 40 services."]),
         Job("DevOps Engineer", "Infosys", "Pune, India", "2018-07", "2022-01",
             ["Moved 120 virtual machines to Terraform-managed infrastructure."]),
         Job("Systems Administrator Intern", "Wipro", "Bengaluru, India", "2017-05", "2017-08",
             ["Wrote Bash scripts for nightly backups."])],
        [School("B.Tech", "Information Technology", "Anna University", "2014", "2018")],
        ["Certified Kubernetes Administrator", "HashiCorp Certified Terraform Associate"], ["English", "Tamil", "Hindi"],
    ),
    Person(
        "Νίκος Παππάς", "nikos.pappas@example.gr", "+30 210 123 4567", "Athens, Greece",
        ["https://github.com/npappas"],
        "Mobile engineer shipping iOS and Android apps used by millions of travellers.",
        ["Swift", "Kotlin", "iOS", "Android", "Firebase", "CI/CD"],
        ["Swift", "Kotlin", "iOS", "Android", "Firebase", "CI/CD"],
        [Job("Senior Mobile Engineer", "Travelia", "Athens, Greece", "2019-10", None,
             ["Shipped offline maps to 2 million users.", "Cut app start time from 3s to 1.2s."]),
         Job("iOS Developer", "Appcraft Studio", "Thessaloniki, Greece", "2016-03", "2019-09",
             ["Built 8 apps for clients in tourism."])],
        [School("Diploma", "Electrical and Computer Engineering", "National Technical University of Athens",
                "2010", "2015")],
        [], ["Greek", "English"], latin=False,
    ),
    Person(
        "Grace Okafor", "grace.okafor@example.ng", "+234 803 123 4567", "Lagos, Nigeria",
        ["https://www.linkedin.com/in/graceokafor"],
        "Engineering manager growing product teams in fintech.",
        ["Java", "Spring Boot", "Microservices", "Agile", "People management", "System design"],
        ["Java", "SpringBoot", "Microservices", "Agile", "Team management", "System design"],
        [Job("Engineering Manager", "Naira Pay", "Lagos, Nigeria", "2021-06", None,
             ["Hired and led 12 engineers across two product teams.",
              "Launched instant transfers processing $2M daily."]),
         Job("Senior Software Engineer", "Bankly Technologies", "Lagos, Nigeria", "2017-01", "2021-05",
             ["Designed the ledger service in Java and Spring Boot."])],
        [School("MBA", None, "Lagos Business School", "2019", "2021"),
         School("BEng", "Electrical Engineering", "University of Lagos", "2010", "2015")],
        ["Certified Scrum Master"], ["English", "Igbo", "Yoruba"],
    ),
    Person(
        "Liam O'Brien", "liam.obrien@example.ie", "+353 1 234 5678", "Dublin, Ireland",
        ["https://github.com/liamob", "https://liamobrien.ie"],
        "Full-stack developer who enjoys turning vague requirements into working software.",
        ["Ruby on Rails", "JavaScript", "Vue.js", "PostgreSQL", "Redis", "Docker"],
        ["Rails", "JS", "Vue", "PostgreSQL", "Redis", "Docker"],
        [Job("Full Stack Developer", "Shamrock Software", "Dublin, Ireland", "2018-02", None,
             ["Built the booking platform serving 500 clinics.",
              "Drove the adoption of Docker for local development."]),
         Job("Web Developer", "Emerald Media", "Cork, Ireland", "2015-09", "2018-01",
             ["Maintained a Rails CMS for 40 regional newspapers."])],
        [School("BA", "Computer Science", "Trinity College Dublin", "2011", "2015")],
        [], ["English", "Irish"],
    ),
    Person(
        "Mei Chen", "mei.chen@example.com", "(415) 555-0132", "San Francisco, CA",
        ["https://github.com/meichen", "https://www.linkedin.com/in/meichen"],
        "Machine learning engineer working on search ranking and recommendation.",
        ["Python", "TensorFlow", "Machine Learning", "Apache Airflow", "BigQuery", "Docker"],
        ["Python", "TensorFlow", "ML", "Airflow", "BigQuery", "Docker"],
        [Job("Machine Learning Engineer", "Searchly Inc", "San Francisco, CA", "2020-08", None,
             ["Raised click-through rate 9% with a new ranking model.",
              "Built training pipelines on Airflow and BigQuery."]),
         Job("Software Engineer", "Cartwheel Labs", "Seattle, WA", "2018-06", "2020-07",
             ["Served recommendations to 3 million shoppers."])],
        [School("MS", "Computer Science", "Stanford University", "2016", "2018"),
         School("BS", "Mathematics", "University of Washington", "2012", "2016")],
        [], ["English", "Mandarin"],
    ),
    Person(
        "Henrik Johansson", "henrik.j@example.se", "+46 8 123 456 78", "Stockholm, Sweden",
        ["https://github.com/henrikj"],
        "Embedded software engineer for connected industrial devices.",
        ["C", "C++", "Rust", "Embedded systems", "Linux", "Python"],
        ["C", "C++", "Rust", "Embedded", "Linux", "Python"],
        [Job("Embedded Software Engineer", "Nordic Devices AB", "Stockholm, Sweden", "2019-01", None,
             ["Ported the sensor firmware to Rust, removing a class of memory bugs.",
              "Reduced power draw by 25% on battery devices."]),
         Job("Firmware Developer", "Volta Systems", "Gothenburg, Sweden", "2015-08", "2018-12",
             ["Wrote drivers in C for 6 sensor families."])],
        [School("MSc", "Embedded Systems", "KTH Royal Institute of Technology", "2013", "2015")],
        [], ["Swedish", "English"],
    ),
    Person(
        "Fatima Zahra Benali", "fatima.benali@example.ma", "+212 6 12 34 56 78", "Paris, France",
        ["https://www.linkedin.com/in/fzbenali"],
        "Product designer bridging research and engineering for B2B software.",
        ["Figma", "User research", "Prototyping", "UX design", "Accessibility", "HTML"],
        ["Figma", "User research", "Prototyping", "UX", "Accessibility", "HTML5"],
        [Job("Senior Product Designer", "Logiciel Pro", "Paris, France", "2020-09", None,
             ["Redesigned onboarding and lifted activation 22%.",
              "Led weekly research sessions with customers."]),
         Job("UX Designer", "Studio Atlas", "Casablanca, Morocco", "2016-10", "2020-08",
             ["Designed 15 products for banks and telecoms."])],
        [School("Master", "Interaction Design", "Université Paris Cité", "2014", "2016")],
        ["Nielsen Norman UX Certification"], ["Arabic", "French", "English"],
    ),
]
CJK_PEOPLE = [
    Person(
        "李明", "li.ming@example.cn", "+86 10 1234 5678", "Beijing, China",
        ["https://github.com/liming"],
        "Backend engineer building high-traffic e-commerce services.",
        ["Java", "MySQL", "Redis", "Apache Kafka", "Kubernetes"],
        ["Java", "MySQL", "Redis", "Kafka", "K8s"],
        [Job("Senior Backend Engineer", "Shopwave Technologies", "Beijing, China", "2019-07", None,
             ["Scaled the order service to 50,000 requests per second."])],
        [School("BEng", "Software Engineering", "Tsinghua University", "2013", "2017")],
        [], ["Mandarin", "English"], latin=False,
    ),
    Person(
        "김민준", "minjun.kim@example.kr", "+82 2 1234 5678", "Seoul, South Korea",
        [], "Game client programmer with a love of tools.",
        ["C++", "Unreal Engine", "C#", "Git"],
        ["C++", "Unreal", "C#", "Git"],
        [Job("Game Programmer", "Pixel Forge Studios", "Seoul, South Korea", "2018-03", None,
             ["Built the level editor used by 30 designers."])],
        [School("BS", "Computer Science", "Seoul National University", "2012", "2018")],
        [], ["Korean", "English"], latin=False,
    ),
]

# Dates ---------------------------------------------------------------------------------------

MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH_FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]


def _month(value: str, style: str) -> str:
    year, month = value.split("-")
    m = int(month)
    return {
        "abbr": f"{MONTH_ABBR[m - 1]} {year}",
        "full": f"{MONTH_FULL[m - 1]} {year}",
        "slash": f"{m:02d}/{year}",
        "iso": f"{year}-{m:02d}",
        "dot": f"{MONTH_ABBR[m - 1]}. {year}" if MONTH_ABBR[m - 1] != "May" else f"May {year}",
    }[style]


DATE_STYLES = ["abbr", "full", "slash", "iso", "dot"]
DASHES = [" – ", " - ", " to ", "–", " — "]


def job_dates(job: Job, style: str, dash: str, present: str = "Present") -> str:
    end = present if job.end is None else _month(job.end, style)
    return f"{_month(job.start, style)}{dash}{end}"


def school_dates(school: School, dash: str) -> str:
    return f"{school.start}{dash}{school.end}" if school.start else school.end


# Layouts -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Variant:
    date_style: str = "abbr"
    dash: str = " – "
    caps: bool = True  # headings in capitals


def _heading(text: str, variant: Variant) -> str:
    return text.upper() if variant.caps else text


def render_text(person: Person, variant: Variant = Variant()) -> bytes:
    """Plain text: one column; jobs as "Title — Company, Location  dates" or on two lines."""
    out = [person.name, f"{person.email} | {person.phone} | {person.location}", *person.links, ""]
    out += [_heading("Summary", variant), person.summary, ""]
    out += [_heading("Experience", variant)]
    for job in person.jobs:
        dates = job_dates(job, variant.date_style, variant.dash)
        if variant.caps:
            out.append(f"{job.title} — {job.company}, {job.location}    {dates}")
        else:
            out += [f"{job.company} | {job.location}", f"{job.title} | {dates}"]
        out += [f"• {h}" if variant.caps else f"- {h}" for h in job.highlights]
        out.append("")
    out += [_heading("Education", variant)]
    for school in person.schools:
        degree = f"{school.degree} in {school.field}" if school.field else school.degree
        out.append(f"{degree}, {school.institution}, {school_dates(school, variant.dash)}")
    out.append("")
    skills_heading = _heading("Skills", variant)
    out += [f"{skills_heading}: {', '.join(person.skills_written)}", ""]
    if person.certifications:
        out += [_heading("Certifications", variant), *[f"- {c}" for c in person.certifications], ""]
    if person.languages:
        out += [_heading("Languages", variant), ", ".join(person.languages)]
    return "\n".join(out).encode()


def _fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    return "DejaVu", "DejaVu-Bold"


class _Pdf:
    """A reportlab canvas with a cursor per column and page breaks."""

    def __init__(self, latin: bool) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=A4)
        self.width, self.height = A4
        self.regular, self.bold = ("Helvetica", "Helvetica-Bold") if latin else _fonts()
        self.y = self.height - 60

    def text(self, x: float, text: str, *, size: float = 10, bold: bool = False, right: float | None = None,
             advance: bool = True, wrap: float | None = None) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        font = self.bold if bold else self.regular
        lines = [text]
        if wrap:
            lines, current = [], ""
            for word in text.split():
                trial = f"{current} {word}".strip()
                if stringWidth(trial, font, size) > wrap and current:
                    lines.append(current)
                    current = word
                else:
                    current = trial
            lines.append(current)
        for line in lines:
            if self.y < 60:
                self.canvas.showPage()
                self.y = self.height - 60
            self.canvas.setFont(font, size)
            if right is not None:
                self.canvas.drawRightString(right, self.y, line)
            else:
                self.canvas.drawString(x, self.y, line)
            if advance:
                self.y -= size * 1.45

    def done(self) -> bytes:
        self.canvas.save()
        return self.buffer.getvalue()


def render_pdf(person: Person, variant: Variant = Variant(), *, repeat: int = 1) -> bytes:
    """One column; bold headings; title left and dates right-aligned on one row, company below.

    `repeat` > 1 gives that many pages, the resume once on each (for page limits and throughput).
    """
    pdf = _Pdf(person.latin)
    left, right = 56, pdf.width - 56
    for copy in range(repeat):
        pdf.text(left, person.name, size=20, bold=True)
        pdf.text(left, f"{person.email}  |  {person.phone}  |  {person.location}", size=9)
        for link in person.links:
            pdf.text(left, link, size=9)
        pdf.y -= 8
        pdf.text(left, _heading("Summary", variant), size=12, bold=True)
        pdf.text(left, person.summary, wrap=right - left)
        pdf.y -= 6
        pdf.text(left, _heading("Work Experience", variant), size=12, bold=True)
        for job in person.jobs:
            pdf.text(left, job.title, bold=True, advance=False)
            pdf.text(0, job_dates(job, variant.date_style, variant.dash), right=right)
            pdf.text(left, f"{job.company}, {job.location}")
            for highlight in job.highlights:
                pdf.text(left + 10, f"• {highlight}", wrap=right - left - 20)
            pdf.y -= 4
        pdf.text(left, _heading("Education", variant), size=12, bold=True)
        for school in person.schools:
            pdf.text(left, school.institution, bold=True, advance=False)
            pdf.text(0, school_dates(school, variant.dash), right=right)
            pdf.text(left, f"{school.degree}, {school.field}" if school.field else school.degree)
        pdf.y -= 4
        pdf.text(left, _heading("Skills", variant), size=12, bold=True)
        pdf.text(left, " · ".join(person.skills_written), wrap=right - left)
        if person.certifications:
            pdf.text(left, _heading("Certifications", variant), size=12, bold=True)
            for cert in person.certifications:
                pdf.text(left, f"• {cert}")
        if person.languages:
            pdf.text(left, _heading("Languages", variant), size=12, bold=True)
            pdf.text(left, ", ".join(person.languages))
        if copy + 1 < repeat:
            pdf.canvas.showPage()
            pdf.y = pdf.height - 60
    return pdf.done()


def render_pdf_two_columns(person: Person, variant: Variant = Variant()) -> bytes:
    """A name across the top, then a sidebar (contact, skills, languages) beside the main column."""
    pdf = _Pdf(person.latin)
    side, main, right = 40, 215, pdf.width - 40
    pdf.text(side, person.name, size=22, bold=True)
    pdf.y -= 10
    top = pdf.y
    # main column first in the content stream: the parser must not rely on drawing order
    pdf.text(main, _heading("Profile", variant), size=12, bold=True)
    pdf.text(main, person.summary, wrap=right - main)
    pdf.y -= 6
    pdf.text(main, _heading("Experience", variant), size=12, bold=True)
    for job in person.jobs:
        pdf.text(main, f"{job.title} at {job.company}", bold=True)
        pdf.text(main, f"{job_dates(job, variant.date_style, variant.dash)} | {job.location}", size=9)
        for highlight in job.highlights:
            pdf.text(main + 8, f"• {highlight}", size=9.5, wrap=right - main - 12)
        pdf.y -= 4
    pdf.text(main, _heading("Education", variant), size=12, bold=True)
    for school in person.schools:
        degree = f"{school.degree} in {school.field}" if school.field else school.degree
        pdf.text(main, degree, bold=True)
        pdf.text(main, f"{school.institution} ({school_dates(school, variant.dash)})", size=9.5)
    pdf.y = top
    pdf.text(side, _heading("Contact", variant), size=12, bold=True)
    for item in [person.email, person.phone, person.location, *person.links]:
        pdf.text(side, item, size=8.5)
    pdf.y -= 6
    pdf.text(side, _heading("Skills", variant), size=12, bold=True)
    for skill in person.skills_written:
        pdf.text(side, f"• {skill}", size=9.5)
    pdf.y -= 6
    if person.languages:
        pdf.text(side, _heading("Languages", variant), size=12, bold=True)
        for language in person.languages:
            pdf.text(side, language, size=9.5)
    if person.certifications:
        pdf.y -= 6
        pdf.text(side, _heading("Certifications", variant), size=12, bold=True)
        for cert in person.certifications:
            pdf.text(side, cert, size=8.5, wrap=side + 160 - side)
    return pdf.done()


def render_docx(person: Person, variant: Variant = Variant()) -> bytes:
    """Heading styles; "Title, Company" then "dates · location"; bulleted highlights."""
    import docx

    document = docx.Document()
    document.add_heading(person.name, level=0)
    document.add_paragraph(f"{person.email} · {person.phone} · {person.location}")
    for link in person.links:
        document.add_paragraph(link)
    document.add_heading(_heading("About me", variant), level=1)
    document.add_paragraph(person.summary)
    document.add_heading(_heading("Professional Experience", variant), level=1)
    for job in person.jobs:
        run = document.add_paragraph().add_run(f"{job.title}, {job.company}")
        run.bold = True
        document.add_paragraph(f"{job_dates(job, variant.date_style, variant.dash, 'Current')} · {job.location}")
        for highlight in job.highlights:
            document.add_paragraph(highlight, style="List Bullet")
    document.add_heading(_heading("Education", variant), level=1)
    for school in person.schools:
        degree = f"{school.degree}, {school.field}" if school.field else school.degree
        document.add_paragraph(f"{degree} — {school.institution} — {school_dates(school, variant.dash)}")
    document.add_heading(_heading("Technical Skills", variant), level=1)
    document.add_paragraph(", ".join(person.skills_written))
    if person.certifications:
        document.add_heading(_heading("Certifications", variant), level=1)
        for cert in person.certifications:
            document.add_paragraph(cert, style="List Bullet")
    if person.languages:
        document.add_heading(_heading("Languages", variant), level=1)
        document.add_paragraph(" | ".join(f"{lang} (fluent)" for lang in person.languages))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_docx_table(person: Person, variant: Variant = Variant()) -> bytes:
    """A two-column layout table: sidebar cell (contact, skills, languages) and main cell; bold headings."""
    import docx

    document = docx.Document()
    title = document.add_paragraph().add_run(person.name)
    title.bold = True
    title.font.size = docx.shared.Pt(24)
    table = document.add_table(rows=1, cols=2)
    side, main = table.rows[0].cells

    def heading(cell, text: str) -> None:
        run = cell.add_paragraph().add_run(_heading(text, variant))
        run.bold = True
        run.font.size = docx.shared.Pt(13)

    heading(side, "Contact")
    for item in [person.email, person.phone, person.location, *person.links]:
        side.add_paragraph(item)
    heading(side, "Skills")
    for skill in person.skills_written:
        side.add_paragraph(f"• {skill}")
    if person.languages:
        heading(side, "Languages")
        for language in person.languages:
            side.add_paragraph(f"{language} – fluent")
    heading(main, "Summary")
    main.add_paragraph(person.summary)
    heading(main, "Experience")
    for job in person.jobs:
        run = main.add_paragraph().add_run(job.company)
        run.bold = True
        main.add_paragraph(f"{job.title}\t{job_dates(job, variant.date_style, variant.dash)}")
        main.add_paragraph(job.location or "")
        for highlight in job.highlights:
            main.add_paragraph(f"– {highlight}")
    heading(main, "Education")
    for school in person.schools:
        main.add_paragraph(school.institution)
        degree = f"{school.degree} in {school.field}" if school.field else school.degree
        main.add_paragraph(f"{degree}, {school_dates(school, variant.dash)}")
    if person.certifications:
        heading(main, "Certifications")
        for cert in person.certifications:
            main.add_paragraph(f"• {cert}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


RENDERERS: dict[str, Callable[[Person, Variant], bytes]] = {
    "text": render_text, "pdf": render_pdf, "pdf_two_columns": render_pdf_two_columns,
    "docx": render_docx, "docx_table": render_docx_table,
}
PDF_LAYOUTS = ("pdf", "pdf_two_columns")


def labelled_set() -> list[tuple[str, Person, Variant, bytes]]:
    """Every person in every layout, each document with its own date style, dash and heading case."""
    documents = []
    for p_index, person in enumerate(PEOPLE + CJK_PEOPLE):
        for l_index, (layout, render) in enumerate(RENDERERS.items()):
            if layout in PDF_LAYOUTS and person in CJK_PEOPLE:
                continue  # DejaVu has no CJK glyphs; those names are covered by text and DOCX
            n = p_index * len(RENDERERS) + l_index
            variant = Variant(DATE_STYLES[n % len(DATE_STYLES)], DASHES[(n // 2) % len(DASHES)], caps=n % 3 != 1)
            documents.append((layout, person, variant, render(person, variant)))
    return documents


# Scoring -------------------------------------------------------------------------------------

def _norm(value) -> str:
    return " ".join(str(value or "").casefold().replace("–", "-").split()).strip(" .")


def expected_fields(person: Person) -> dict[str, object]:
    """The labels, field by field (entries by position)."""
    fields: dict[str, object] = {
        "name": person.name, "email": person.email, "phone": person.phone, "location": person.location,
        "links": sorted(person.links), "summary": person.summary, "skills": sorted(person.skills),
        "certifications": sorted(person.certifications), "languages": sorted(person.languages),
    }
    for i, job in enumerate(person.jobs):
        fields.update({f"experience[{i}].title": job.title, f"experience[{i}].company": job.company,
                       f"experience[{i}].location": job.location, f"experience[{i}].start": job.start,
                       f"experience[{i}].end": job.end, f"experience[{i}].current": job.end is None,
                       f"experience[{i}].highlights": job.highlights})
    for i, school in enumerate(person.schools):
        fields.update({f"education[{i}].degree": school.degree, f"education[{i}].field": school.field,
                       f"education[{i}].institution": school.institution,
                       f"education[{i}].start": school.start, f"education[{i}].end": school.end})
    fields["experience.count"] = len(person.jobs)
    fields["education.count"] = len(person.schools)
    return fields


def parsed_fields(parsed: dict) -> dict[str, object]:
    from backend.llm_api.services.resume_parsing.vocabulary import vocabulary

    known = {s.name for s in vocabulary().skills}
    fields: dict[str, object] = {
        "name": parsed.get("name"), "email": parsed.get("email"), "phone": parsed.get("phone"),
        "location": parsed.get("location"), "links": sorted(parsed.get("links") or []),
        "summary": parsed.get("summary"),
        # skills mentioned in the highlights count too when they are vocabulary skills
        "skills": sorted(parsed.get("skills") or []), "skills_known": known,
        "certifications": sorted(parsed.get("certifications") or []),
        "languages": sorted(parsed.get("languages") or []),
    }
    for i, job in enumerate(parsed.get("experience") or []):
        for key in ("title", "company", "location", "start", "end", "current", "highlights"):
            fields[f"experience[{i}].{key}"] = job.get(key)
    for i, school in enumerate(parsed.get("education") or []):
        for key in ("degree", "field", "institution", "start", "end"):
            fields[f"education[{i}].{key}"] = school.get(key)
    fields["experience.count"] = len(parsed.get("experience") or [])
    fields["education.count"] = len(parsed.get("education") or [])
    return fields


def field_matches(name: str, expected, got, got_all: dict) -> bool:
    if name == "skills":
        listed = set(expected)
        found = set(got or [])
        return listed <= found and found - listed <= got_all["skills_known"]
    if name == "phone":
        return "".join(ch for ch in str(got or "") if ch.isdigit()) == "".join(ch for ch in expected if ch.isdigit())
    if isinstance(expected, list):
        return [_norm(x) for x in expected] == [_norm(x) for x in (got or [])]
    if isinstance(expected, bool) or isinstance(expected, int):
        return expected == got
    return _norm(expected) == _norm(got)


def score(person: Person, parsed: dict) -> dict[str, bool]:
    expected = expected_fields(person)
    got = parsed_fields(parsed)
    return {name: field_matches(name, value, got.get(name), got) for name, value in expected.items()}


# A held-out set ------------------------------------------------------------------------------
# Written after the parser's rules were settled and not used to tune them: other people, other
# wording, and two layouts the parser was not developed against (dates first; a compact PDF with
# "Company — Title" and "Location | dates" right-aligned). bench/resume_parse.py reports it apart.

HELD_OUT_PEOPLE: list[Person] = [
    Person(
        "Olivia Brennan", "olivia.brennan@example.com", "+1 617 555 0199", "Boston, MA",
        ["https://github.com/obrennan"],
        "Platform engineer who likes paved roads: build systems, deploy pipelines and developer tooling.",
        ["Go", "Bazel", "Kubernetes", "GitHub Actions", "Google Cloud Platform"],
        ["Go", "Bazel", "Kubernetes", "GitHub Actions", "GCP"],
        [Job("Senior Platform Engineer", "Harbor Freight Software", "Boston, MA", "2020-05", None,
             ["Cut CI time from 40 to 12 minutes with remote caching.", "Led the move of 60 services to GKE."]),
         Job("Build Engineer", "Quantum Leap Robotics", "Cambridge, MA", "2016-08", "2020-04",
             ["Maintained the Bazel monorepo for 200 engineers."])],
        [School("BS", "Computer Engineering", "Northeastern University", "2011", "2016")],
        [], ["English", "Portuguese"],
    ),
    Person(
        "Kwame Mensah", "kwame.mensah@example.gh", "+233 24 123 4567", "Accra, Ghana",
        ["https://www.linkedin.com/in/kwamemensah"],
        "Data engineer designing reliable batch and streaming pipelines for telecom analytics.",
        ["Python", "Apache Airflow", "Apache Spark", "Snowflake", "dbt"],
        ["Python", "Airflow", "Spark", "Snowflake", "dbt"],
        [Job("Lead Data Engineer", "TelcoVision", "Accra, Ghana", "2021-01", None,
             ["Built a lakehouse ingesting 3 TB per day.", "Mentored a team of 4 data engineers."]),
         Job("Data Engineer", "MobileMoney Ltd", "Kumasi, Ghana", "2018-03", "2020-12",
             ["Rewrote nightly jobs in Spark, cutting runtime by 70%."])],
        [School("MSc", "Data Science", "University of Ghana", "2016", "2018")],
        ["Snowflake SnowPro Core"], ["English", "Twi"],
    ),
    Person(
        "Аня Петренко", "anya.petrenko@example.ua", "+380 44 123 4567", "Kyiv, Ukraine",
        ["https://github.com/apetrenko"],
        "QA automation engineer building test frameworks for web and mobile products.",
        ["Playwright", "TypeScript", "Cypress", "Jenkins", "Postman"],
        ["Playwright", "TypeScript", "Cypress", "Jenkins", "Postman"],
        [Job("QA Automation Lead", "Softserve Digital", "Kyiv, Ukraine", "2019-09", None,
             ["Raised automated coverage from 20% to 85% of regression cases."]),
         Job("QA Engineer", "Lviv Apps", "Lviv, Ukraine", "2016-02", "2019-08",
             ["Wrote 900 Cypress tests for the booking flow."])],
        [School("Bachelor", "Applied Physics", "Taras Shevchenko National University of Kyiv", "2011", "2015")],
        ["ISTQB Foundation Level"], ["Ukrainian", "English", "Polish"], latin=False,
    ),
    Person(
        "Sofia Rossi", "sofia.rossi@example.it", "+39 02 1234 5678", "Milan, Italy",
        ["https://sofiarossi.design"],
        "Product manager for consumer fintech apps, from discovery to launch.",
        ["Product management", "A/B Testing", "SQL", "Jira", "Figma"],
        ["Product management", "A/B testing", "SQL", "Jira", "Figma"],
        [Job("Senior Product Manager", "Banca Smart", "Milan, Italy", "2019-02", None,
             ["Launched savings goals used by 400,000 customers.", "Owned the roadmap for the payments squad."]),
         Job("Product Analyst", "Moda Group", "Rome, Italy", "2015-10", "2019-01",
             ["Ran 50 pricing experiments on the web shop."])],
        [School("MBA", None, "SDA Bocconi School of Management", "2017", "2018"),
         School("BA", "Economics", "Università di Bologna", "2011", "2014")],
        [], ["Italian", "English", "Spanish"],
    ),
    Person(
        "Arjun Mehta", "arjun.mehta@example.com", "+1 (206) 555-0144", "Seattle, WA",
        ["https://github.com/arjunm", "https://www.linkedin.com/in/arjun-mehta"],
        "Security engineer hardening cloud infrastructure and running the bug bounty program.",
        ["Application security", "Amazon Web Services", "Python", "Terraform", "Penetration testing"],
        ["AppSec", "AWS", "Python", "Terraform", "Pentesting"],
        [Job("Security Engineer", "Cascade Cloud Inc", "Seattle, WA", "2020-07", None,
             ["Triaged 300 bug bounty reports a year.", "Built IAM guardrails in Terraform for 90 accounts."]),
         Job("Penetration Tester", "RedTeam Partners", "Portland, OR", "2017-06", "2020-06",
             ["Led 45 web application assessments for banks."])],
        [School("MS", "Cybersecurity", "Carnegie Mellon University", "2015", "2017")],
        ["OSCP", "CISSP"], ["English", "Hindi", "Gujarati"],
    ),
    Person(
        "Lena Müller", "lena.mueller@example.de", "+49 30 1234567", "Berlin, Germany",
        ["https://github.com/lenamueller"],
        "Android developer with a soft spot for offline-first apps and clean architecture.",
        ["Kotlin", "Android", "Jetpack Compose", "Firebase", "Git"],
        ["Kotlin", "Android", "Jetpack Compose", "Firebase", "Git"],
        [Job("Senior Android Developer", "Fahrrad Apps GmbH", "Berlin, Germany", "2021-04", None,
             ["Rebuilt the app in Jetpack Compose with 30% fewer crashes."]),
         Job("Android Developer", "Stadtwerke Digital", "Hamburg, Germany", "2017-01", "2021-03",
             ["Shipped the ticketing app to 1 million riders."])],
        [School("B.Sc.", "Informatik", "Technische Universität Berlin", "2013", "2016")],
        [], ["German", "English"],
    ),
]


def render_text_dates_first(person: Person, variant: Variant = Variant()) -> bytes:
    """Plain text: headings between rules, dates first on entry lines, categorised skills."""
    out = [person.name.upper() if variant.caps else person.name, person.location,
           f"Email: {person.email}", f"Phone: {person.phone}", *person.links, ""]
    for title, body in (("Profile", [person.summary]),):
        out += ["=" * 20, _heading(title, variant), "=" * 20, *body, ""]
    out += ["=" * 20, _heading("Employment History", variant), "=" * 20]
    for job in person.jobs:
        out.append(f"{job_dates(job, variant.date_style, variant.dash)}   {job.title}, {job.company} — {job.location}")
        out += [f"  * {h}" for h in job.highlights]
        out.append("")
    out += ["=" * 20, _heading("Education", variant), "=" * 20]
    for school in person.schools:
        field_text = f" in {school.field}" if school.field else ""
        out.append(f"{school_dates(school, variant.dash)}   {school.degree}{field_text}, {school.institution}")
    out += ["", "=" * 20, _heading("Skills", variant), "=" * 20]
    half = len(person.skills_written) // 2
    out += [f"Core: {', '.join(person.skills_written[:half])}", f"Also: {', '.join(person.skills_written[half:])}"]
    if person.certifications:
        out += ["", _heading("Certifications", variant), *[f"* {c}" for c in person.certifications]]
    out += ["", _heading("Languages", variant), " · ".join(person.languages)]
    return "\n".join(out).encode()


def render_pdf_compact(person: Person, variant: Variant = Variant()) -> bytes:
    """One column: "Company — Title" bold on the left, "Location | dates" right-aligned."""
    pdf = _Pdf(person.latin)
    left, right = 50, pdf.width - 50
    pdf.text(left, person.name, size=18, bold=True)
    pdf.text(left, " · ".join([person.email, person.phone, person.location, *person.links]), size=8.5)
    pdf.y -= 6
    pdf.text(left, _heading("Summary", variant), size=11, bold=True)
    pdf.text(left, person.summary, size=9.5, wrap=right - left)
    pdf.text(left, _heading("Experience", variant), size=11, bold=True)
    for job in person.jobs:
        pdf.text(left, f"{job.company} — {job.title}", size=10, bold=True, advance=False)
        pdf.text(0, f"{job.location} | {job_dates(job, variant.date_style, variant.dash)}", size=9, right=right)
        for highlight in job.highlights:
            pdf.text(left + 8, f"- {highlight}", size=9.5, wrap=right - left - 16)
    pdf.text(left, _heading("Education", variant), size=11, bold=True)
    for school in person.schools:
        degree = f"{school.degree}, {school.field}" if school.field else school.degree
        pdf.text(left, f"{school.institution} — {degree}", size=10, advance=False)
        pdf.text(0, school_dates(school, variant.dash), size=9, right=right)
    pdf.text(left, _heading("Skills", variant), size=11, bold=True)
    pdf.text(left, ", ".join(person.skills_written), size=9.5, wrap=right - left)
    if person.certifications:
        pdf.text(left, _heading("Certifications", variant), size=11, bold=True)
        pdf.text(left, "; ".join(person.certifications), size=9.5)
    pdf.text(left, _heading("Languages", variant), size=11, bold=True)
    pdf.text(left, ", ".join(person.languages), size=9.5)
    return pdf.done()


HELD_OUT_RENDERERS: dict[str, Callable[[Person, Variant], bytes]] = {
    "text_dates_first": render_text_dates_first, "pdf_compact": render_pdf_compact,
    "docx_table": render_docx_table, "pdf_two_columns": render_pdf_two_columns,
}


def held_out_set() -> list[tuple[str, Person, Variant, bytes]]:
    documents = []
    for p_index, person in enumerate(HELD_OUT_PEOPLE):
        for l_index, (layout, render) in enumerate(HELD_OUT_RENDERERS.items()):
            n = p_index * len(HELD_OUT_RENDERERS) + l_index + 3
            variant = Variant(DATE_STYLES[n % len(DATE_STYLES)], DASHES[(n // 2) % len(DASHES)], caps=n % 2 == 0)
            documents.append((layout, person, variant, render(person, variant)))
    return documents
