"""A second blind labelled set, written before the parser was touched for it.

Other people than the earlier sets (names with particles, diacritics, Greek and Cyrillic
script; phone numbers written the way twelve countries write them) in four layouts the corpus
does not have:

- `text_career`: contact fields on one line with "|", "•" or "·"; headings underlined with
  dashes and named "Work History", "Employment", "Career", "Professional Experience"; education
  before experience; a summary only on some; skills written as a sentence, not a list;
  "Company — Location" then "Title   dates".
- `pdf_right_sidebar`: a two-column PDF with the narrow column on the right (contact, skills,
  languages); "Title" bold, then "Company · Location", then the dates on their own row.
- `docx_pipes`: DOCX with Heading 2 styles; "Title | Company | Location" in bold, the dates in
  italics below; skills grouped under labels ("Cloud: AWS, Terraform"); no summary.
- `pdf_dates_left`: one-column PDF with the dates in a left margin column and the entry beside
  them; centred capitals headings; education first.

Date styles rotate: "03/2019 – Present", "Jan. 2020 to Now", "2018–2021" (years only),
"September 2019 - Current", "Mar '19 – Jun '21", and internships dated "Summer 2017".
Labels follow what the document says: a year-only range is labelled with years, a season with
its year (start and end).

bench/resume_parse.py reports it per field; its first measurement is recorded in the README.
"""

from __future__ import annotations

import io
from dataclasses import replace

from tests.api.resume_corpus import MONTH_ABBR, MONTH_FULL, Job, Person, School, _Pdf

PEOPLE_2: list[Person] = [
    Person(
        "Jan van der Berg", "jan.vanderberg@example.nl", "+31 6 1234 5678", "Amsterdam, Netherlands",
        ["https://github.com/jvdberg"], "Backend developer who enjoys boring, reliable payment systems.",
        ["Java", "Kotlin", "Spring Boot", "PostgreSQL", "Apache Kafka"], ["Java", "Kotlin", "Spring Boot", "Postgres", "Kafka"],
        [Job("Senior Backend Developer", "Adyen", "Amsterdam, Netherlands", "2019-03", None,
             ["Scaled the refunds service to 4,000 requests per second.", "Mentored 4 junior developers."]),
         Job("Software Engineer", "Bol.com", "Utrecht, Netherlands", "2015-09", "2019-02",
             ["Moved the catalogue search from Solr to Elasticsearch."])],
        [School("MSc", "Computer Science", "Vrije Universiteit Amsterdam", "2013", "2015")],
        [], ["Dutch", "English"],
    ),
    Person(
        "María José García-López", "mj.garcia@example.es", "+34 612 34 56 78", "Madrid, Spain", [], "",
        ["Python", "pandas", "scikit-learn", "SQL", "Tableau"], ["Python", "Pandas", "scikit-learn", "SQL", "Tableau"],
        [Job("Data Scientist", "Telefónica", "Madrid, Spain", "2020-01", None,
             ["Built a churn model that saved 2 million euros a year."]),
         Job("Data Analyst", "BBVA", "Bilbao, Spain", "2017-06", "2019-12",
             ["Automated 12 weekly reports with Python."])],
        [School("Master", "Data Science", "Universidad Politécnica de Madrid", "2015", "2017"),
         School("Grado", "Mathematics", "Universidad de Sevilla", "2011", "2015")],
        [], ["Spanish", "English", "French"],
    ),
    Person(
        "Nguyễn Thị Minh Anh", "minhanh.nguyen@example.vn", "+84 90 123 45 67", "Hanoi, Vietnam", [],
        "Mobile engineer building fast Android apps for emerging markets.",
        ["Kotlin", "Android", "Firebase", "GraphQL"], ["Kotlin", "Android", "Firebase", "GraphQL"],
        [Job("Android Engineer", "VNG Corporation", "Ho Chi Minh City, Vietnam", "2018-04", None,
             ["Cut the Zalo app's cold start by 30%."]),
         Job("Mobile Developer Intern", "FPT Software", "Hanoi, Vietnam", "2017-06", "2017-08",
             ["Wrote UI tests for a banking app."])],
        [School("Bachelor of Engineering", "Software Engineering", "Hanoi University of Science and Technology",
                "2013", "2018")],
        [], ["Vietnamese", "English"], latin=False,
    ),
    Person(
        "Дмитрий Соколов", "d.sokolov@example.ru", "+7 495 123-45-67", "Москва, Россия", [], "",
        ["C++", "Linux", "Rust", "Go"], ["C++", "Linux", "Rust", "Golang"],
        [Job("Ведущий разработчик", "Яндекс", "Москва", "2016-02", None,
             ["Ускорил индексатор в 3 раза."]),
         Job("Разработчик", "Лаборатория Касперского", "Москва", "2012-09", "2016-01",
             ["Поддерживал антивирусный движок на C++."])],
        [School("Магистр", "Прикладная математика", "Московский государственный университет", "2007", "2012")],
        [], ["Русский", "Английский"], latin=False,
    ),
    Person(
        "Νίκος Παπαδόπουλος", "nikos.papadopoulos@example.gr", "+30 210 123 4567", "Athens, Greece",
        ["https://www.linkedin.com/in/nikospap"], "Site reliability engineer keeping shipping software online.",
        ["Kubernetes", "Terraform", "Prometheus", "Go"], ["k8s", "Terraform", "Prometheus", "Go"],
        [Job("Site Reliability Engineer", "Skroutz", "Athens, Greece", "2019-10", None,
             ["Brought the on-call pages down by 60%."]),
         Job("Systems Administrator", "Intracom Telecom", "Athens, Greece", "2015-05", "2019-09",
             ["Ran 300 Linux servers across two data centres."])],
        [School("Diploma", "Electrical and Computer Engineering", "National Technical University of Athens",
                "2009", "2015")],
        [], ["Greek", "English"], latin=False,
    ),
    Person(
        "Siobhán O'Connor", "siobhan.oconnor@example.ie", "+353 87 123 4567", "Dublin, Ireland", [],
        "Product designer with a soft spot for accessibility.",
        ["Figma", "User research", "Accessibility"], ["Figma", "User Research", "Accessibility"],
        [Job("Senior Product Designer", "Intercom", "Dublin, Ireland", "2021-02", None,
             ["Led the redesign of the inbox used by 25,000 companies."]),
         Job("UX Designer", "Workhuman", "Dublin, Ireland", "2017-03", "2021-01",
             ["Ran 40 usability studies."])],
        [School("BA", "Design", "National College of Art and Design", "2012", "2016")],
        [], ["English", "Irish"],
    ),
    Person(
        "Rahul Sharma", "rahul.sharma@example.in", "+91 98765 43210", "Bengaluru, India",
        ["https://github.com/rahulsharma"], "",
        ["Python", "Django", "React", "Amazon Web Services", "Redis"], ["Python", "Django", "ReactJS", "AWS", "Redis"],
        [Job("Lead Engineer", "Flipkart", "Bengaluru, India", "2020-07", None,
             ["Led a team of 6 engineers on the checkout service.", "Reduced p99 latency by 45%."]),
         Job("Software Development Engineer", "Infosys", "Pune, India", "2016-07", "2020-06",
             ["Built REST APIs in Django for an insurance client."])],
        [School("B.Tech", "Computer Science", "Indian Institute of Technology Delhi", "2012", "2016")],
        ["AWS Certified Solutions Architect – Associate"], ["English", "Hindi"],
    ),
    Person(
        "Kenji Watanabe", "kenji.watanabe@example.jp", "+81 3-1234-5678", "Tokyo, Japan", [],
        "Embedded software engineer for consumer cameras.",
        ["C", "C++", "Embedded systems", "Python"], ["C", "C++", "Embedded Systems", "Python"],
        [Job("Embedded Software Engineer", "Sony", "Tokyo, Japan", "2014-04", None,
             ["Wrote firmware for 5 camera models."]),
         Job("Research Intern", "Hitachi", "Tokyo, Japan", "2013-06", "2013-08",
             ["Prototyped an image sensor driver."])],
        [School("Master of Engineering", "Information Science", "University of Tokyo", "2012", "2014")],
        [], ["Japanese", "English"],
    ),
    Person(
        "Ana Luísa de Souza", "analuisa.souza@example.com.br", "+55 11 91234-5678", "São Paulo, Brazil", [], "",
        ["JavaScript", "TypeScript", "Node.js", "React", "MongoDB"], ["JS", "TypeScript", "Node", "React", "MongoDB"],
        [Job("Full Stack Developer", "Nubank", "São Paulo, Brazil", "2020-03", None,
             ["Shipped the credit card limit screen to 40 million customers."]),
         Job("Front-end Developer", "Movile", "Campinas, Brazil", "2017-01", "2020-02",
             ["Rewrote the ordering web app in React."])],
        [School("Bacharelado", "Ciência da Computação", "Universidade de São Paulo", "2012", "2016")],
        [], ["Portuguese", "English", "Spanish"],
    ),
    Person(
        "Émile Lefèvre", "emile.lefevre@example.fr", "06 12 34 56 78", "Toulouse, France", [],
        "Aerospace software engineer working on flight control software.",
        ["Ada", "C", "MATLAB", "Simulink"], ["Ada", "C", "MATLAB", "Simulink"],
        [Job("Software Engineer", "Airbus", "Toulouse, France", "2018-09", None,
             ["Verified flight control code to DO-178C level A."]),
         Job("Engineering Intern", "Thales", "Toulouse, France", "2017-06", "2017-08",
             ["Wrote test benches in MATLAB."])],
        [School("Diplôme d'ingénieur", "Aerospace Engineering", "ISAE-SUPAERO", "2015", "2018")],
        [], ["French", "English"],
    ),
    Person(
        "Marcus Johnson", "marcus.j@example.com", "(312) 555-0147", "Chicago, IL",
        ["https://marcusjohnson.dev"], "",
        ["Salesforce", "SQL", "Project management", "Agile"], ["Salesforce", "SQL", "Project Management", "Agile"],
        [Job("Technical Project Manager", "Groupon", "Chicago, IL", "2019-05", None,
             ["Managed a $2M CRM migration across 3 teams."]),
         Job("Business Systems Analyst", "Motorola Solutions", "Schaumburg, IL", "2015-08", "2019-04",
             ["Gathered requirements for 20 Salesforce releases."])],
        [School("BS", "Information Systems", "University of Illinois Chicago", "2011", "2015")],
        ["Project Management Professional (PMP)"], [],
    ),
    Person(
        "Fatima Al-Hassan", "fatima.alhassan@example.ae", "+971 50 123 4567", "Dubai, UAE", [],
        "Security engineer focused on cloud identity.",
        ["Microsoft Azure", "Python", "Splunk", "Penetration testing"], ["Azure", "Python", "Splunk", "Penetration Testing"],
        [Job("Security Engineer", "Careem", "Dubai, UAE", "2021-01", None,
             ["Cut mean time to detect incidents from 3 days to 4 hours."]),
         Job("Security Analyst", "Emirates NBD", "Dubai, UAE", "2017-10", "2020-12",
             ["Triaged 150 alerts a week in Splunk."])],
        [School("BSc", "Computer Engineering", "American University of Sharjah", "2013", "2017")],
        ["CISSP"], ["Arabic", "English"],
    ),
]

# Dates ---------------------------------------------------------------------------------------

STYLES = ["slash_present", "dot_now", "years", "full_current", "apostrophe"]
SUMMER_INTERNSHIPS = {"Mobile Developer Intern", "Research Intern", "Engineering Intern"}


def _one(value: str, style: str) -> str:
    year, month = value.split("-")
    m = int(month)
    return {
        "slash_present": f"{m:02d}/{year}",
        "dot_now": f"{MONTH_ABBR[m - 1]}. {year}" if m != 5 else f"May {year}",
        "years": year,
        "full_current": f"{MONTH_FULL[m - 1]} {year}",
        "apostrophe": f"{MONTH_ABBR[m - 1]} '{year[2:]}",
    }[style]


def dates(job: Job, style: str) -> str:
    if job.title in SUMMER_INTERNSHIPS:
        return f"Summer {job.start[:4]}"
    dash, present = {"slash_present": (" – ", "Present"), "dot_now": (" to ", "Now"), "years": ("–", "Present"),
                     "full_current": (" - ", "Current"), "apostrophe": (" – ", "Present")}[style]
    end = present if job.end is None else _one(job.end, style)
    return f"{_one(job.start, style)}{dash}{end}"


def labelled(person: Person, style: str, *, summary: bool) -> Person:
    """The labels as this document writes the dates (years alone stay years, a season is its year),
    without the summary when the layout leaves it out."""
    jobs = []
    for job in person.jobs:
        if job.title in SUMMER_INTERNSHIPS:
            job = replace(job, start=job.start[:4], end=job.start[:4])
        elif style == "years":
            job = replace(job, start=job.start[:4], end=job.end and job.end[:4])
        jobs.append(job)
    return replace(person, jobs=jobs, summary=person.summary if summary else "")


SEPARATORS = [" | ", " • ", " · "]
EXPERIENCE_HEADINGS = ["Work History", "Employment", "Career", "Professional Experience"]


def _skills_sentence(skills: list[str]) -> str:
    return f"Day to day I work with {', '.join(skills[:-1])} and {skills[-1]}."


# Layouts -------------------------------------------------------------------------------------

def render_text_career(person: Person, n: int, style: str) -> bytes:
    sep = SEPARATORS[n % len(SEPARATORS)]
    out = [person.name, sep.join([person.location, person.phone, person.email, *person.links]), ""]

    def heading(text: str) -> None:
        out.extend([text.upper() if n % 2 else text, "-" * len(text)])

    if person.summary and n % 2 == 0:
        heading("About")
        out += [person.summary, ""]
    heading("Education")
    for school in person.schools:
        field_text = f" in {school.field}" if school.field else ""
        out.append(f"{school.degree}{field_text} — {school.institution} ({school.start}–{school.end})")
    out.append("")
    heading(EXPERIENCE_HEADINGS[n % len(EXPERIENCE_HEADINGS)])
    for job in person.jobs:
        out.append(f"{job.company} — {job.location}")
        out.append(f"{job.title}    {dates(job, style)}")
        out += [f"  ▪ {h}" for h in job.highlights]
        out.append("")
    heading("Skills")
    out += [_skills_sentence(person.skills_written), ""]
    if person.certifications:
        heading("Certifications")
        out += [*person.certifications, ""]
    if person.languages:
        heading("Languages")
        out.append(", ".join(person.languages))
    return "\n".join(out).encode()


def render_pdf_right_sidebar(person: Person, n: int, style: str) -> bytes:
    pdf = _Pdf(person.latin)
    main, side, right = 48, 400, pdf.width - 40
    pdf.text(main, person.name, size=21, bold=True)
    pdf.y -= 8
    top = pdf.y
    if person.summary:
        pdf.text(main, "Summary", size=12, bold=True)
        pdf.text(main, person.summary, size=9.5, wrap=side - main - 30)
        pdf.y -= 6
    pdf.text(main, EXPERIENCE_HEADINGS[(n + 1) % len(EXPERIENCE_HEADINGS)], size=12, bold=True)
    for job in person.jobs:
        pdf.text(main, job.title, size=10.5, bold=True)
        pdf.text(main, f"{job.company} · {job.location}", size=9.5)
        pdf.text(main, dates(job, style), size=9)
        for highlight in job.highlights:
            pdf.text(main + 8, f"• {highlight}", size=9.5, wrap=side - main - 40)
        pdf.y -= 4
    pdf.text(main, "Education", size=12, bold=True)
    for school in person.schools:
        degree = f"{school.degree}, {school.field}" if school.field else school.degree
        pdf.text(main, degree, size=10, bold=True)
        pdf.text(main, f"{school.institution}, {school.start} – {school.end}", size=9.5)
    pdf.y = top
    pdf.text(side, "Contact", size=12, bold=True)
    for item in [person.email, person.phone, person.location, *person.links]:
        pdf.text(side, item, size=8)
    pdf.y -= 6
    pdf.text(side, "Skills", size=12, bold=True)
    for skill in person.skills_written:
        pdf.text(side, skill, size=9)
    if person.certifications:
        pdf.y -= 6
        pdf.text(side, "Certifications", size=12, bold=True)
        for cert in person.certifications:
            pdf.text(side, cert, size=8, wrap=right - side)
    if person.languages:
        pdf.y -= 6
        pdf.text(side, "Languages", size=12, bold=True)
        for language in person.languages:
            pdf.text(side, language, size=9)
    return pdf.done()


def render_docx_pipes(person: Person, n: int, style: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(person.name, level=1)
    document.add_paragraph(SEPARATORS[(n + 1) % len(SEPARATORS)].join([person.email, person.phone, person.location]))
    for link in person.links:
        document.add_paragraph(link)
    document.add_heading(EXPERIENCE_HEADINGS[(n + 2) % len(EXPERIENCE_HEADINGS)], level=2)
    for job in person.jobs:
        document.add_paragraph().add_run(f"{job.title} | {job.company} | {job.location}").bold = True
        document.add_paragraph().add_run(dates(job, style)).italic = True
        for highlight in job.highlights:
            document.add_paragraph(highlight, style="List Bullet")
    document.add_heading("Education", level=2)
    for school in person.schools:
        degree = f"{school.degree} in {school.field}" if school.field else school.degree
        document.add_paragraph().add_run(school.institution).bold = True
        document.add_paragraph(f"{degree}, {school.start}–{school.end}")
    document.add_heading("Skills", level=2)
    half = (len(person.skills_written) + 1) // 2
    document.add_paragraph(f"Main: {', '.join(person.skills_written[:half])}")
    document.add_paragraph(f"Also used: {', '.join(person.skills_written[half:])}")
    if person.certifications:
        document.add_heading("Certifications", level=2)
        for cert in person.certifications:
            document.add_paragraph(cert)
    if person.languages:
        document.add_heading("Languages", level=2)
        document.add_paragraph(" · ".join(person.languages))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_pdf_dates_left(person: Person, n: int, style: str) -> bytes:
    pdf = _Pdf(person.latin)
    margin, body, right = 50, 170, pdf.width - 50
    centre = pdf.width / 2
    pdf.canvas.setFont(pdf.bold, 18)
    pdf.canvas.drawCentredString(centre, pdf.y, person.name)
    pdf.y -= 24
    pdf.canvas.setFont(pdf.regular, 9)
    pdf.canvas.drawCentredString(centre, pdf.y, SEPARATORS[(n + 2) % len(SEPARATORS)].join(
        [person.email, person.phone, person.location, *person.links]))
    pdf.y -= 22

    def heading(text: str) -> None:
        pdf.canvas.setFont(pdf.bold, 11)
        pdf.canvas.drawString(margin, pdf.y, text.upper())
        pdf.canvas.line(margin, pdf.y - 3, right, pdf.y - 3)
        pdf.y -= 18

    heading("Education")
    for school in person.schools:
        pdf.text(margin, f"{school.start} – {school.end}", size=9, advance=False)
        pdf.text(body, school.institution, size=10, bold=True)
        pdf.text(body, f"{school.degree}, {school.field}" if school.field else school.degree, size=9.5)
        pdf.y -= 4
    heading(EXPERIENCE_HEADINGS[(n + 3) % len(EXPERIENCE_HEADINGS)])
    for job in person.jobs:
        pdf.text(margin, dates(job, style), size=9, advance=False)
        pdf.text(body, f"{job.title}, {job.company}", size=10, bold=True)
        pdf.text(body, job.location, size=9)
        for highlight in job.highlights:
            pdf.text(body + 6, f"– {highlight}", size=9.5, wrap=right - body - 10)
        pdf.y -= 4
    heading("Skills")
    pdf.text(body, _skills_sentence(person.skills_written), size=9.5, wrap=right - body)
    if person.certifications:
        heading("Certifications")
        for cert in person.certifications:
            pdf.text(body, cert, size=9.5)
    if person.languages:
        heading("Languages")
        pdf.text(body, ", ".join(person.languages), size=9.5)
    return pdf.done()


# which layouts print the summary (text_career: every other document)
SHOWS_SUMMARY = {"text_career": lambda n: n % 2 == 0, "pdf_right_sidebar": lambda n: True,
                 "docx_pipes": lambda n: False, "pdf_dates_left": lambda n: False}

RENDERERS_2 = {
    "text_career": render_text_career, "pdf_right_sidebar": render_pdf_right_sidebar,
    "docx_pipes": render_docx_pipes, "pdf_dates_left": render_pdf_dates_left,
}


def blind_set_2() -> list[tuple[str, Person, None, bytes]]:
    documents = []
    for p_index, person in enumerate(PEOPLE_2):
        for l_index, (layout, render) in enumerate(RENDERERS_2.items()):
            n = p_index * len(RENDERERS_2) + l_index
            style = STYLES[n % len(STYLES)]
            label = labelled(person, style, summary=SHOWS_SUMMARY[layout](n))
            documents.append((layout, label, None, render(person, n, style)))
    return documents
