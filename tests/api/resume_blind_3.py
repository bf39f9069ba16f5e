"""A third blind set: 16 resumes typed by hand after the fixes the second blind set prompted,
measured once, without changing the parser for it.

Each is its own style: headings the parser's list does not all have ("Employment Record",
"Career Highlights", "Berufserfahrung"), labelled contact lines ("Tel:", "Mob:"), dates as
"2019/03 – 2021/11", "04/2017 – heute", "Oct 2015 — Sep 2018", "June 2021 – till date",
Polish, Turkish, Korean, Kenyan, Italian and Mexican names and numbers, a DOCX with a
two-column table, a PDF with a left sidebar of other headings.
"""

from __future__ import annotations

import io

from tests.api.resume_corpus import Job, Person, School, _Pdf

TEXTS: list[tuple[str, str, Person]] = []


def _add(layout: str, text: str, label: Person) -> None:
    TEXTS.append((layout, text, label))


_add("uk_career", """Oliver Bennett
Manchester, UK · 07700 900123 · oliver.bennett@example.co.uk

Key Skills
• C#
• .NET
• Azure
• SQL Server

Career
Senior .NET Developer, Auto Trader UK — Manchester, UK      Oct 2018 — Present
• Moved 30 services to Azure Kubernetes Service.
• Mentored 5 developers.
.NET Developer, Sage Group — Newcastle, UK      Oct 2015 — Sep 2018
• Built payroll calculations used by 50,000 businesses.

Education
BSc (Hons) Computer Science, University of Leeds, 2012 – 2015
""", Person("Oliver Bennett", "oliver.bennett@example.co.uk", "07700 900123", "Manchester, UK", [], "",
            ["C#", ".NET", "Microsoft Azure", "Microsoft SQL Server"], [],
            [Job("Senior .NET Developer", "Auto Trader UK", "Manchester, UK", "2018-10", None,
                 ["Moved 30 services to Azure Kubernetes Service.", "Mentored 5 developers."]),
             Job(".NET Developer", "Sage Group", "Newcastle, UK", "2015-10", "2018-09",
                 ["Built payroll calculations used by 50,000 businesses."])],
            [School("BSc (Hons)", "Computer Science", "University of Leeds", "2012", "2015")]))

_add("labelled_contact", """ŁUKASZ WIŚNIEWSKI
Tel: +48 601 234 567
Email: lukasz.wisniewski@example.pl
Kraków, Poland

PROFILE
QA automation engineer who writes tests developers actually run.

EMPLOYMENT RECORD
Test Automation Engineer | Comarch | Kraków, Poland | 2019/03 – present
- Wrote 1,200 Selenium tests for the ERP web client.
QA Engineer | Sabre | Kraków, Poland | 2016/07 – 2019/02
- Cut the regression cycle from 5 days to 1.

EDUCATION
MSc Computer Science | AGH University of Science and Technology | 2014 – 2016

SKILLS
Selenium, Java, Cypress, Jenkins
""", Person("Łukasz Wiśniewski", "lukasz.wisniewski@example.pl", "+48 601 234 567", "Kraków, Poland", [],
            "QA automation engineer who writes tests developers actually run.",
            ["Selenium", "Java", "Cypress", "Jenkins"], [],
            [Job("Test Automation Engineer", "Comarch", "Kraków, Poland", "2019-03", None,
                 ["Wrote 1,200 Selenium tests for the ERP web client."]),
             Job("QA Engineer", "Sabre", "Kraków, Poland", "2016-07", "2019-02",
                 ["Cut the regression cycle from 5 days to 1."])],
            [School("MSc", "Computer Science", "AGH University of Science and Technology", "2014", "2016")]))

_add("korean_text", """김민준
Seoul, South Korea | +82 10-1234-5678 | minjun.kim@example.kr

EXPERIENCE
Backend Engineer — Kakao, Seoul, South Korea    Mar 2020 – Present
- Served 10 million daily chat messages with Kotlin and Spring Boot.
Software Engineer — Naver, Seongnam, South Korea    Jan 2017 – Feb 2020
- Built the search autocomplete API.

EDUCATION
B.S. in Computer Science, Seoul National University, 2013 – 2017

SKILLS
Kotlin, Spring Boot, MySQL, Redis
""", Person("김민준", "minjun.kim@example.kr", "+82 10-1234-5678", "Seoul, South Korea", [], "",
            ["Kotlin", "Spring Boot", "MySQL", "Redis"], [],
            [Job("Backend Engineer", "Kakao", "Seoul, South Korea", "2020-03", None,
                 ["Served 10 million daily chat messages with Kotlin and Spring Boot."]),
             Job("Software Engineer", "Naver", "Seongnam, South Korea", "2017-01", "2020-02",
                 ["Built the search autocomplete API."])],
            [School("B.S.", "Computer Science", "Seoul National University", "2013", "2017")]))

_add("turkish_text", """Ayşe Yılmaz
ayse.yilmaz@example.com.tr • +90 532 123 45 67 • Istanbul, Turkey

Summary
Data engineer building pipelines for e-commerce.

Professional Experience

Trendyol, Istanbul, Turkey
Data Engineer, 06/2020 – Present
▪ Moved 200 batch jobs to Apache Airflow.

Getir, Istanbul, Turkey
Junior Data Engineer, 09/2018 – 05/2020
▪ Built the courier location stream on Kafka.

Education
Boğaziçi University — BSc in Computer Engineering (2014 – 2018)

Technical Skills
Python, Apache Airflow, Kafka, BigQuery
""", Person("Ayşe Yılmaz", "ayse.yilmaz@example.com.tr", "+90 532 123 45 67", "Istanbul, Turkey", [],
            "Data engineer building pipelines for e-commerce.",
            ["Python", "Apache Airflow", "Apache Kafka", "BigQuery"], [],
            [Job("Data Engineer", "Trendyol", "Istanbul, Turkey", "2020-06", None,
                 ["Moved 200 batch jobs to Apache Airflow."]),
             Job("Junior Data Engineer", "Getir", "Istanbul, Turkey", "2018-09", "2020-05",
                 ["Built the courier location stream on Kafka."])],
            [School("BSc", "Computer Engineering", "Boğaziçi University", "2014", "2018")]))

_add("kenyan_text", """WANJIRU KAMAU
Nairobi, Kenya
Mob: +254 712 345678 | wanjiru.kamau@example.co.ke | linkedin.com/in/wanjirukamau

WORK EXPERIENCE
Safaricom PLC                                   Nairobi, Kenya
Mobile Money Product Manager                    Feb 2019 - Present
• Launched a savings product used by 2 million customers.
• Led a cross-functional team of 12.
Equity Bank                                     Nairobi, Kenya
Business Analyst                                Aug 2015 - Jan 2019
• Mapped 40 branch processes for automation.

EDUCATION
Bachelor of Commerce, University of Nairobi, 2011 - 2015

SKILLS
Product Management, SQL, Jira, Agile
""", Person("Wanjiru Kamau", "wanjiru.kamau@example.co.ke", "+254 712 345678", "Nairobi, Kenya",
            ["https://linkedin.com/in/wanjirukamau"], "",
            ["Product management", "SQL", "Jira", "Agile"], [],
            [Job("Mobile Money Product Manager", "Safaricom PLC", "Nairobi, Kenya", "2019-02", None,
                 ["Launched a savings product used by 2 million customers.", "Led a cross-functional team of 12."]),
             Job("Business Analyst", "Equity Bank", "Nairobi, Kenya", "2015-08", "2019-01",
                 ["Mapped 40 branch processes for automation."])],
            [School("Bachelor of Commerce", None, "University of Nairobi", "2011", "2015")]))

_add("german_cv", """Lebenslauf

Jonas Becker
Hamburg, Deutschland · +49 40 1234567 · jonas.becker@example.de

Berufserfahrung
04/2017 – heute   Softwareentwickler, Otto Group, Hamburg
  – Entwicklung von Microservices mit Java und Spring Boot.
10/2014 – 03/2017   Werkstudent, Airbus, Hamburg
  – Testautomatisierung mit Python.

Ausbildung
2011 – 2016   M.Sc. Informatik, Universität Hamburg

Kenntnisse
Java, Spring Boot, Python, Docker

Sprachen
Deutsch (Muttersprache), Englisch (fließend)
""", Person("Jonas Becker", "jonas.becker@example.de", "+49 40 1234567", "Hamburg, Deutschland", [], "",
            ["Java", "Spring Boot", "Python", "Docker"], [],
            [Job("Softwareentwickler", "Otto Group", "Hamburg", "2017-04", None,
                 ["Entwicklung von Microservices mit Java und Spring Boot."]),
             Job("Werkstudent", "Airbus", "Hamburg", "2014-10", "2017-03", ["Testautomatisierung mit Python."])],
            [School("M.Sc.", "Informatik", "Universität Hamburg", "2011", "2016")], [], ["Deutsch", "Englisch"]))

_add("australian_text", """Liam O'Brien
0412 345 678 | liam.obrien@example.com.au | Melbourne, Australia

CAREER HIGHLIGHTS
Cloud engineer who automated away his own on-call rotation.

EXPERIENCE
DevOps Engineer at Atlassian (Sydney, Australia), Jul 2019 to Present
- Rebuilt the deployment pipeline in GitHub Actions, cutting deploys from 40 to 8 minutes.
Systems Engineer at Telstra (Melbourne, Australia), Mar 2016 to Jun 2019
- Managed 500 Linux hosts with Ansible.

EDUCATION
Bachelor of Information Technology, Monash University, 2012 - 2015

CERTIFICATIONS
AWS Certified DevOps Engineer – Professional
HashiCorp Certified: Terraform Associate

SKILLS
AWS, Terraform, Ansible, GitHub Actions, Linux
""", Person("Liam O'Brien", "liam.obrien@example.com.au", "0412 345 678", "Melbourne, Australia", [],
            "Cloud engineer who automated away his own on-call rotation.",
            ["Amazon Web Services", "Terraform", "Ansible", "GitHub Actions", "Linux"], [],
            [Job("DevOps Engineer", "Atlassian", "Sydney, Australia", "2019-07", None,
                 ["Rebuilt the deployment pipeline in GitHub Actions, cutting deploys from 40 to 8 minutes."]),
             Job("Systems Engineer", "Telstra", "Melbourne, Australia", "2016-03", "2019-06",
                 ["Managed 500 Linux hosts with Ansible."])],
            [School("Bachelor of Information Technology", None, "Monash University", "2012", "2015")],
            ["AWS Certified DevOps Engineer – Professional", "HashiCorp Certified: Terraform Associate"]))

_add("indian_text", """PRIYA PATEL
Email: priya.patel@example.com | Phone: +91 91234 56789 | Hyderabad, India

OBJECTIVE
Frontend engineer looking to build accessible design systems.

WORK EXPERIENCE
Frontend Engineer — Swiggy, Bengaluru, India (June 2021 – till date)
• Built the design system used by 15 product teams.
Associate Software Engineer — TCS, Hyderabad, India (July 2018 – May 2021)
• Migrated a banking portal from AngularJS to React.

EDUCATION
B.E. in Electronics and Communication, Osmania University, 2014 – 2018

TECHNICAL SKILLS
React, TypeScript, CSS, Storybook, Jest
""", Person("Priya Patel", "priya.patel@example.com", "+91 91234 56789", "Hyderabad, India", [],
            "Frontend engineer looking to build accessible design systems.",
            ["React", "TypeScript", "CSS", "Storybook", "Jest"], [],
            [Job("Frontend Engineer", "Swiggy", "Bengaluru, India", "2021-06", None,
                 ["Built the design system used by 15 product teams."]),
             Job("Associate Software Engineer", "TCS", "Hyderabad, India", "2018-07", "2021-05",
                 ["Migrated a banking portal from AngularJS to React."])],
            [School("B.E.", "Electronics and Communication", "Osmania University", "2014", "2018")]))

_add("italian_text", """Giulia Rossi
Milano, Italy — +39 347 123 4567 — giulia.rossi@example.it — github.com/giuliarossi

Esperienza / Experience
Machine Learning Engineer, Prima Assicurazioni, Milano, Italy | Sep 2020 – Present
  • Deployed pricing models serving 1 million quotes a month.
Data Scientist, Accenture, Milano, Italy | Jan 2018 – Aug 2020
  • Built demand forecasts for 3 retail clients.

Education
Laurea Magistrale in Ingegneria Informatica, Politecnico di Milano, 2015 – 2017

Skills
Python, TensorFlow, PyTorch, SQL

Languages
Italian (native), English (C1)
""", Person("Giulia Rossi", "giulia.rossi@example.it", "+39 347 123 4567", "Milano, Italy",
            ["https://github.com/giuliarossi"], "", ["Python", "TensorFlow", "PyTorch", "SQL"], [],
            [Job("Machine Learning Engineer", "Prima Assicurazioni", "Milano, Italy", "2020-09", None,
                 ["Deployed pricing models serving 1 million quotes a month."]),
             Job("Data Scientist", "Accenture", "Milano, Italy", "2018-01", "2020-08",
                 ["Built demand forecasts for 3 retail clients."])],
            [School("Laurea Magistrale", "Ingegneria Informatica", "Politecnico di Milano", "2015", "2017")],
            [], ["Italian", "English"]))

_add("mexican_text", """José Luis Hernández
Mexico City, Mexico
+52 55 1234 5678
joseluis.hernandez@example.mx

EXPERIENCIA
Ingeniero de Software, Kavak, Mexico City, Mexico
Ene 2021 – Presente
- Construyó la API de inventario en Python y FastAPI.
Desarrollador Backend, Bitso, Mexico City, Mexico
Abr 2018 – Dic 2020
- Mantuvo el motor de órdenes con 99.99% de disponibilidad.

EDUCACIÓN
Ingeniería en Computación, Universidad Nacional Autónoma de México, 2013 – 2018

HABILIDADES
Python, FastAPI, PostgreSQL, Docker
""", Person("José Luis Hernández", "joseluis.hernandez@example.mx", "+52 55 1234 5678", "Mexico City, Mexico", [],
            "", ["Python", "FastAPI", "PostgreSQL", "Docker"], [],
            [Job("Ingeniero de Software", "Kavak", "Mexico City, Mexico", "2021-01", None,
                 ["Construyó la API de inventario en Python y FastAPI."]),
             Job("Desarrollador Backend", "Bitso", "Mexico City, Mexico", "2018-04", "2020-12",
                 ["Mantuvo el motor de órdenes con 99.99% de disponibilidad."])],
            [School("Ingeniería", "Computación", "Universidad Nacional Autónoma de México", "2013", "2018")]))

_add("canadian_text", """Ethan Tremblay
416-555-0199 · ethan.tremblay@example.ca · Toronto, ON

RELEVANT EXPERIENCE
Shopify — Toronto, ON
Staff Developer · January 2020 – Present
- Led the checkout extensibility project across 4 teams.
Wealthsimple — Toronto, ON
Developer · May 2016 – December 2019
- Built the tax-loss harvesting engine in Ruby on Rails.

EDUCATION
University of Waterloo — Bachelor of Mathematics, Computer Science — 2011 – 2016

SKILLS
Ruby on Rails, GraphQL, React, MySQL
""", Person("Ethan Tremblay", "ethan.tremblay@example.ca", "416-555-0199", "Toronto, ON", [], "",
            ["Ruby on Rails", "GraphQL", "React", "MySQL"], [],
            [Job("Staff Developer", "Shopify", "Toronto, ON", "2020-01", None,
                 ["Led the checkout extensibility project across 4 teams."]),
             Job("Developer", "Wealthsimple", "Toronto, ON", "2016-05", "2019-12",
                 ["Built the tax-loss harvesting engine in Ruby on Rails."])],
            [School("Bachelor of Mathematics", "Computer Science", "University of Waterloo", "2011", "2016")]))

_add("us_functional", """SARAH CHEN
San Francisco, CA | (415) 555-0134 | sarah.chen@example.com | sarahchen.io

EDUCATION
Stanford University, M.S. Computer Science, 2014 – 2016
University of California, Berkeley, B.A. Computer Science, 2010 – 2014

EXPERIENCE
Stripe, San Francisco, CA
Engineering Manager, 2021 – Present
• Managed 9 engineers on the fraud detection team.
• Reduced false declines by 18%.
Airbnb, San Francisco, CA
Senior Software Engineer, 2016 – 2021
• Built the search ranking service in Java.

SKILLS
Java, Python, Machine Learning, Leadership
""", Person("Sarah Chen", "sarah.chen@example.com", "(415) 555-0134", "San Francisco, CA",
            ["https://sarahchen.io"], "", ["Java", "Python", "Machine Learning", "Leadership"], [],
            [Job("Engineering Manager", "Stripe", "San Francisco, CA", "2021", None,
                 ["Managed 9 engineers on the fraud detection team.", "Reduced false declines by 18%."]),
             Job("Senior Software Engineer", "Airbnb", "San Francisco, CA", "2016", "2021",
                 ["Built the search ranking service in Java."])],
            [School("M.S.", "Computer Science", "Stanford University", "2014", "2016"),
             School("B.A.", "Computer Science", "University of California, Berkeley", "2010", "2014")]))

_add("minimal_text", """Noah Fischer
noah@fischer.dev
+41 79 123 45 67
Zürich, Switzerland

Experience

Google — Senior Site Reliability Engineer
2018 – present, Zürich, Switzerland
Kept Gmail's storage layer at 99.999% availability.

Credit Suisse — Systems Engineer
2013 – 2018, Zürich, Switzerland
Automated server builds with Puppet.

Education

ETH Zürich — MSc Computer Science, 2011 – 2013

Skills

Go, Python, Puppet, Linux, Borg
""", Person("Noah Fischer", "noah@fischer.dev", "+41 79 123 45 67", "Zürich, Switzerland", [], "",
            ["Go", "Python", "Puppet", "Linux", "Borg"], [],
            [Job("Senior Site Reliability Engineer", "Google", "Zürich, Switzerland", "2018", None,
                 ["Kept Gmail's storage layer at 99.999% availability."]),
             Job("Systems Engineer", "Credit Suisse", "Zürich, Switzerland", "2013", "2018",
                 ["Automated server builds with Puppet."])],
            [School("MSc", "Computer Science", "ETH Zürich", "2011", "2013")]))


def docx_table_cv() -> bytes:
    """A DOCX laid out as a two-row table: the name across, then details left and experience right."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].merge(table.rows[0].cells[1])
    name = table.rows[0].cells[0].paragraphs[0].add_run("Amara Okafor")
    name.bold = True
    name.font.size = docx.shared.Pt(22)
    side, main = table.rows[1].cells
    for text, bold in (("DETAILS", True), ("amara.okafor@example.com", False), ("+234 803 555 0199", False),
                       ("Abuja, Nigeria", False), ("SKILLS", True), ("Flutter", False), ("Dart", False),
                       ("Firebase", False)):
        side.add_paragraph().add_run(text).bold = bold
    for text, bold, style in (
        ("EMPLOYMENT", True, None), ("Mobile Engineer — Paystack", True, None), ("Lagos, Nigeria", False, None),
        ("Nov 2019 – Present", False, None), ("Shipped the merchant app to 100,000 businesses.", False, "List Bullet"),
        ("Junior Developer — Interswitch", True, None), ("Lagos, Nigeria", False, None),
        ("Jun 2017 – Oct 2019", False, None), ("Maintained the Quickteller Android app.", False, "List Bullet"),
        ("EDUCATION", True, None), ("B.Eng. Computer Engineering — University of Lagos — 2012 – 2017", False, None),
    ):
        paragraph = main.add_paragraph(style=style) if style else main.add_paragraph()
        paragraph.add_run(text).bold = bold
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


DOCX_TABLE_LABEL = Person(
    "Amara Okafor", "amara.okafor@example.com", "+234 803 555 0199", "Abuja, Nigeria", [], "",
    ["Flutter", "Dart", "Firebase"], [],
    [Job("Mobile Engineer", "Paystack", "Lagos, Nigeria", "2019-11", None,
         ["Shipped the merchant app to 100,000 businesses."]),
     Job("Junior Developer", "Interswitch", "Lagos, Nigeria", "2017-06", "2019-10",
         ["Maintained the Quickteller Android app."])],
    [School("B.Eng.", "Computer Engineering", "University of Lagos", "2012", "2017")],
)


def left_sidebar_pdf() -> bytes:
    """A left sidebar ("Get in touch", "Toolbox", "Speaks") beside "Where I've worked" / "Studies"."""
    pdf = _Pdf(latin=True)
    side, main, right = 40, 210, pdf.width - 40
    pdf.text(side, "Lucas Moreau", size=22, bold=True)
    pdf.y -= 10
    top = pdf.y
    pdf.text(main, "Experience", size=13, bold=True)
    for title, company, dates, highlight in (
        ("Lead iOS Developer", "Doctolib, Paris, France", "Feb 2020 – Present", "Led 4 iOS developers on video consultations."),
        ("iOS Developer", "BlaBlaCar, Paris, France", "Sep 2016 – Jan 2020", "Rewrote the booking flow in SwiftUI."),
    ):
        pdf.text(main, title, bold=True)
        pdf.text(main, company, size=9.5)
        pdf.text(main, dates, size=9)
        pdf.text(main + 8, f"• {highlight}", size=9.5, wrap=right - main - 12)
        pdf.y -= 4
    pdf.text(main, "Education", size=13, bold=True)
    pdf.text(main, "Master in Computer Science", bold=True)
    pdf.text(main, "Université de Bordeaux, 2011 – 2016", size=9.5)
    pdf.y = top
    for text, size, bold in (("Contact", 12, True), ("lucas.moreau@example.fr", 8.5, False),
                             ("+33 7 81 23 45 67", 8.5, False), ("Paris, France", 8.5, False),
                             ("Skills", 12, True), ("Swift", 9.5, False), ("SwiftUI", 9.5, False),
                             ("Objective-C", 9.5, False), ("Languages", 12, True), ("French", 9.5, False),
                             ("English", 9.5, False)):
        pdf.text(side, text, size=size, bold=bold)
    return pdf.done()


LEFT_SIDEBAR_LABEL = Person(
    "Lucas Moreau", "lucas.moreau@example.fr", "+33 7 81 23 45 67", "Paris, France", [], "",
    ["Swift", "SwiftUI", "Objective-C"], [],
    [Job("Lead iOS Developer", "Doctolib", "Paris, France", "2020-02", None,
         ["Led 4 iOS developers on video consultations."]),
     Job("iOS Developer", "BlaBlaCar", "Paris, France", "2016-09", "2020-01", ["Rewrote the booking flow in SwiftUI."])],
    [School("Master", "Computer Science", "Université de Bordeaux", "2011", "2016")], [], ["French", "English"],
)


def blind_set_3() -> list[tuple[str, Person, None, bytes]]:
    return [(layout, label, None, text.encode()) for layout, text, label in TEXTS] + [
        ("docx_table_cv", DOCX_TABLE_LABEL, None, docx_table_cv()),
        ("left_sidebar_pdf", LEFT_SIDEBAR_LABEL, None, left_sidebar_pdf()),
    ]
