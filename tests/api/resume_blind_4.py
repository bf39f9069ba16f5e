"""A fourth blind set: 17 resumes typed by hand after the fixes the third set prompted, measured
once, without changing the parser for it (the figure the README reports as unseen).

Styles none of the earlier sets has: one-line entries joined by em dashes with "MM/YYYY–MM/YYYY",
dates first on the company line, a French CV ("sept. 2019 – aujourd'hui"), a Dutch CV, an
academic CV, a nurse's and a salesperson's resume, "Duration:" labels, "Remote" on the dates line,
"Company (City) — Title, 2016-2019", a DOCX whose jobs sit in a table, a PDF with a left sidebar
holding the profile.
"""

from __future__ import annotations

import io

from tests.api.resume_corpus import Job, Person, School, _Pdf

TEXTS: list[tuple[str, str, Person]] = []


def _add(layout: str, text: str, label: Person) -> None:
    TEXTS.append((layout, text, label))


_add("em_dash_rows", """Daniel Okoro
Atlanta, GA • daniel.okoro@example.com • (404) 555-0112

WORK EXPERIENCE
Senior Data Engineer — Home Depot — Atlanta, GA — 04/2020–Present
• Built a Spark pipeline processing 2 TB of orders a day.
Data Engineer — Delta Air Lines — Atlanta, GA — 06/2016–03/2020
• Moved 80 nightly jobs to Airflow.

EDUCATION
BS in Computer Science — Georgia Institute of Technology — 2012–2016

SKILLS
Apache Spark, Airflow, Scala, SQL
""", Person("Daniel Okoro", "daniel.okoro@example.com", "(404) 555-0112", "Atlanta, GA", [], "",
            ["Apache Spark", "Apache Airflow", "Scala", "SQL"], [],
            [Job("Senior Data Engineer", "Home Depot", "Atlanta, GA", "2020-04", None,
                 ["Built a Spark pipeline processing 2 TB of orders a day."]),
             Job("Data Engineer", "Delta Air Lines", "Atlanta, GA", "2016-06", "2020-03",
                 ["Moved 80 nightly jobs to Airflow."])],
            [School("BS", "Computer Science", "Georgia Institute of Technology", "2012", "2016")]))

_add("dates_on_company_line", """Hiroshi Tanaka
hiroshi.tanaka@example.jp / +81 90-1234-5678 / Osaka, Japan

Professional History

2017 - Present   Panasonic, Osaka, Japan
Senior Firmware Engineer
- Ported the battery management firmware to 3 new chips.

2012 - 2017   Kyocera, Kyoto, Japan
Firmware Engineer
- Wrote drivers for printer controllers in C.

Education
2008 - 2012   B.Eng. Electrical Engineering, Osaka University

Skills
C, Embedded Linux, RTOS, Python
""", Person("Hiroshi Tanaka", "hiroshi.tanaka@example.jp", "+81 90-1234-5678", "Osaka, Japan", [], "",
            ["C", "Embedded Linux", "RTOS", "Python"], [],
            [Job("Senior Firmware Engineer", "Panasonic", "Osaka, Japan", "2017", None,
                 ["Ported the battery management firmware to 3 new chips."]),
             Job("Firmware Engineer", "Kyocera", "Kyoto, Japan", "2012", "2017",
                 ["Wrote drivers for printer controllers in C."])],
            [School("B.Eng.", "Electrical Engineering", "Osaka University", "2008", "2012")]))

_add("french_cv", """Camille Girard
Bordeaux, France · camille.girard@example.fr · 06 98 76 54 32

Expériences professionnelles
Développeuse web, Cdiscount, Bordeaux — sept. 2019 – aujourd'hui
• Refonte du tunnel de paiement en Vue.js.
Développeuse junior, Ubiqus, Paris — janv. 2017 – août 2019
• Maintenance d'applications PHP.

Formation
Master Informatique, Université de Bordeaux, 2015 – 2017

Compétences
Vue.js, PHP, JavaScript, MySQL

Langues
Français (langue maternelle), Anglais (courant)
""", Person("Camille Girard", "camille.girard@example.fr", "06 98 76 54 32", "Bordeaux, France", [], "",
            ["Vue.js", "PHP", "JavaScript", "MySQL"], [],
            [Job("Développeuse web", "Cdiscount", "Bordeaux", "2019-09", None,
                 ["Refonte du tunnel de paiement en Vue.js."]),
             Job("Développeuse junior", "Ubiqus", "Paris", "2017-01", "2019-08", ["Maintenance d'applications PHP."])],
            [School("Master", "Informatique", "Université de Bordeaux", "2015", "2017")], [], ["Français", "Anglais"]))

_add("dutch_cv", """Sanne de Vries
Rotterdam, Nederland | +31 10 123 4567 | sanne.devries@example.nl

Werkervaring
Product Owner, Coolblue, Rotterdam    maart 2019 – heden
- Verantwoordelijk voor de checkout van 3 landen.
Business Analist, ING, Amsterdam    sep 2015 – feb 2019
- Analyseerde 50 betaalprocessen.

Opleiding
MSc Bedrijfskunde, Erasmus Universiteit Rotterdam, 2013 – 2015

Vaardigheden
Scrum, Jira, SQL
""", Person("Sanne de Vries", "sanne.devries@example.nl", "+31 10 123 4567", "Rotterdam, Nederland", [], "",
            ["Scrum", "Jira", "SQL"], [],
            [Job("Product Owner", "Coolblue", "Rotterdam", "2019-03", None,
                 ["Verantwoordelijk voor de checkout van 3 landen."]),
             Job("Business Analist", "ING", "Amsterdam", "2015-09", "2019-02", ["Analyseerde 50 betaalprocessen."])],
            [School("MSc", "Bedrijfskunde", "Erasmus Universiteit Rotterdam", "2013", "2015")]))

_add("academic_cv", """Dr. Elena Petrova
Cambridge, MA | elena.petrova@example.edu | +1 617 555 0148

EDUCATION
PhD in Physics, Massachusetts Institute of Technology, 2014 – 2019
MSc in Physics, Lomonosov Moscow State University, 2012 – 2014

RESEARCH EXPERIENCE
Postdoctoral Researcher, Harvard University, Cambridge, MA, Sep 2019 – Present
- Published 6 papers on quantum error correction.
Graduate Research Assistant, MIT, Cambridge, MA, Sep 2014 – Aug 2019
- Built a cryogenic measurement setup with Python.

SKILLS
Python, MATLAB, LaTeX
""", Person("Elena Petrova", "elena.petrova@example.edu", "+1 617 555 0148", "Cambridge, MA", [], "",
            ["Python", "MATLAB", "LaTeX"], [],
            [Job("Postdoctoral Researcher", "Harvard University", "Cambridge, MA", "2019-09", None,
                 ["Published 6 papers on quantum error correction."]),
             Job("Graduate Research Assistant", "MIT", "Cambridge, MA", "2014-09", "2019-08",
                 ["Built a cryogenic measurement setup with Python."])],
            [School("PhD", "Physics", "Massachusetts Institute of Technology", "2014", "2019"),
             School("MSc", "Physics", "Lomonosov Moscow State University", "2012", "2014")]))

_add("nurse", """MARIA SANTOS, RN
Houston, TX  |  (713) 555-0163  |  maria.santos@example.com

SUMMARY
Registered nurse with nine years in intensive care.

CLINICAL EXPERIENCE
ICU Charge Nurse
Houston Methodist Hospital, Houston, TX | Mar 2018 – Present
• Supervised 12 nurses per shift in a 30-bed ICU.
Staff Nurse
Memorial Hermann Hospital, Houston, TX | Jun 2014 – Feb 2018
• Cared for 4 critical patients per shift.

EDUCATION
Bachelor of Science in Nursing, University of Houston, 2010 – 2014

CERTIFICATIONS
Registered Nurse (RN), Texas
Advanced Cardiovascular Life Support (ACLS)
""", Person("Maria Santos", "maria.santos@example.com", "(713) 555-0163", "Houston, TX", [],
            "Registered nurse with nine years in intensive care.", [], [],
            [Job("ICU Charge Nurse", "Houston Methodist Hospital", "Houston, TX", "2018-03", None,
                 ["Supervised 12 nurses per shift in a 30-bed ICU."]),
             Job("Staff Nurse", "Memorial Hermann Hospital", "Houston, TX", "2014-06", "2018-02",
                 ["Cared for 4 critical patients per shift."])],
            [School("Bachelor of Science", "Nursing", "University of Houston", "2010", "2014")],
            ["Registered Nurse (RN), Texas", "Advanced Cardiovascular Life Support (ACLS)"]))

_add("sales", """Tom Eriksson
Stockholm, Sweden
tom.eriksson@example.se
+46 70 123 45 67

Experience
Spotify, Stockholm, Sweden
Enterprise Account Executive, Jan 2020 – Present
- Closed 4.2M USD of new business in 2022, 130% of quota.
Klarna, Stockholm, Sweden
Sales Development Representative, Aug 2017 – Dec 2019
- Booked 300 qualified meetings.

Education
BSc Business Administration, Stockholm School of Economics, 2014 – 2017

Skills
Salesforce, Negotiation, HubSpot
""", Person("Tom Eriksson", "tom.eriksson@example.se", "+46 70 123 45 67", "Stockholm, Sweden", [], "",
            ["Salesforce", "Negotiation", "HubSpot"], [],
            [Job("Enterprise Account Executive", "Spotify", "Stockholm, Sweden", "2020-01", None,
                 ["Closed 4.2M USD of new business in 2022, 130% of quota."]),
             Job("Sales Development Representative", "Klarna", "Stockholm, Sweden", "2017-08", "2019-12",
                 ["Booked 300 qualified meetings."])],
            [School("BSc", "Business Administration", "Stockholm School of Economics", "2014", "2017")]))

_add("duration_labels", """Arjun Mehta
Pune, India | arjun.mehta@example.in | +91 99887 76655

PROFESSIONAL EXPERIENCE
Company: Persistent Systems
Designation: Senior Software Engineer
Duration: Jan 2019 - Present
Responsibilities:
- Developed microservices in Java for a healthcare client.
Company: Tech Mahindra
Designation: Software Engineer
Duration: Jul 2015 - Dec 2018
Responsibilities:
- Maintained a telecom billing system.

EDUCATION
B.E. Computer Engineering, University of Pune, 2011 - 2015

TECHNICAL SKILLS
Java, Spring, Oracle, Microservices
""", Person("Arjun Mehta", "arjun.mehta@example.in", "+91 99887 76655", "Pune, India", [], "",
            ["Java", "Spring", "Oracle Database", "Microservices"], [],
            [Job("Senior Software Engineer", "Persistent Systems", None, "2019-01", None,
                 ["Developed microservices in Java for a healthcare client."]),
             Job("Software Engineer", "Tech Mahindra", None, "2015-07", "2018-12",
                 ["Maintained a telecom billing system."])],
            [School("B.E.", "Computer Engineering", "University of Pune", "2011", "2015")]))

_add("remote_dates_line", """Grace Kim
grace.kim@example.com | +1 206 555 0175 | Seattle, WA | github.com/gracekim

EXPERIENCE
Staff Software Engineer, GitLab
Jun. 2018 - Present | Remote
- Led the merge request performance work across 5 teams.
Software Engineer, Amazon
Aug. 2014 - May 2018 | Seattle, WA
- Built inventory services in Java handling 50,000 requests per second.

EDUCATION
University of Washington
BS, Computer Science, 2010 - 2014

SKILLS
Ruby, Go, PostgreSQL, Java
""", Person("Grace Kim", "grace.kim@example.com", "+1 206 555 0175", "Seattle, WA", ["https://github.com/gracekim"],
            "", ["Ruby", "Go", "PostgreSQL", "Java"], [],
            [Job("Staff Software Engineer", "GitLab", "Remote", "2018-06", None,
                 ["Led the merge request performance work across 5 teams."]),
             Job("Software Engineer", "Amazon", "Seattle, WA", "2014-08", "2018-05",
                 ["Built inventory services in Java handling 50,000 requests per second."])],
            [School("BS", "Computer Science", "University of Washington", "2010", "2014")]))

_add("company_city_title", """Pedro Alves
Lisbon, Portugal — pedro.alves@example.pt — +351 912 345 678

EXPERIENCE
OutSystems (Lisbon) — Principal Engineer, 2019-2023
- Designed the low-code compiler's caching layer.
Farfetch (Porto) — Software Engineer, 2016-2019
- Built the product catalogue API in C#.

EDUCATION
MSc Computer Engineering, Instituto Superior Técnico, 2011-2016

SKILLS
C#, .NET, Azure, TypeScript
""", Person("Pedro Alves", "pedro.alves@example.pt", "+351 912 345 678", "Lisbon, Portugal", [], "",
            ["C#", ".NET", "Microsoft Azure", "TypeScript"], [],
            [Job("Principal Engineer", "OutSystems", "Lisbon", "2019", "2023",
                 ["Designed the low-code compiler's caching layer."]),
             Job("Software Engineer", "Farfetch", "Porto", "2016", "2019", ["Built the product catalogue API in C#."])],
            [School("MSc", "Computer Engineering", "Instituto Superior Técnico", "2011", "2016")]))

_add("caps_everything", """ZANELE DLAMINI
CAPE TOWN, SOUTH AFRICA • ZANELE.DLAMINI@EXAMPLE.CO.ZA • +27 82 123 4567

PROFILE
Cloud engineer who runs fintech platforms on AWS.

EXPERIENCE
CLOUD ENGINEER | TYME BANK | CAPE TOWN, SOUTH AFRICA | 2019–2024
• Cut the monthly AWS bill by 35%.
SYSTEMS ADMINISTRATOR | DISCOVERY | JOHANNESBURG, SOUTH AFRICA | 2015–2019
• Ran 400 Windows and Linux servers.

EDUCATION
BSC COMPUTER SCIENCE | UNIVERSITY OF CAPE TOWN | 2011–2014

SKILLS
AWS, TERRAFORM, LINUX, PYTHON
""", Person("Zanele Dlamini", "ZANELE.DLAMINI@EXAMPLE.CO.ZA", "+27 82 123 4567", "Cape Town, South Africa", [],
            "Cloud engineer who runs fintech platforms on AWS.",
            ["Amazon Web Services", "Terraform", "Linux", "Python"], [],
            [Job("Cloud Engineer", "Tyme Bank", "Cape Town, South Africa", "2019", "2024",
                 ["Cut the monthly AWS bill by 35%."]),
             Job("Systems Administrator", "Discovery", "Johannesburg, South Africa", "2015", "2019",
                 ["Ran 400 Windows and Linux servers."])],
            [School("BSc", "Computer Science", "University of Cape Town", "2011", "2014")]))

_add("two_line_entries_tabs", """Lena Vogel
Berlin, Germany\tlena.vogel@example.de\t+49 151 23456789

Summary
UX researcher turning interviews into product decisions.

Experience
N26\tBerlin, Germany
UX Researcher\t09/2020 – present
- Ran 60 customer interviews a quarter.
Zalando\tBerlin, Germany
Junior UX Researcher\t02/2018 – 08/2020
- Set up the research repository.

Education
M.A. Human Factors, Technische Universität Berlin, 2015 – 2017

Skills
User Research, Figma, Usability Testing
""", Person("Lena Vogel", "lena.vogel@example.de", "+49 151 23456789", "Berlin, Germany", [],
            "UX researcher turning interviews into product decisions.",
            ["User research", "Figma", "Usability Testing"], [],
            [Job("UX Researcher", "N26", "Berlin, Germany", "2020-09", None, ["Ran 60 customer interviews a quarter."]),
             Job("Junior UX Researcher", "Zalando", "Berlin, Germany", "2018-02", "2020-08",
                 ["Set up the research repository."])],
            [School("M.A.", "Human Factors", "Technische Universität Berlin", "2015", "2017")]))

_add("arabic_name", """Omar Haddad
Amman, Jordan | omar.haddad@example.jo | +962 79 123 4567

Work Experience
Mobile Team Lead — Careem, Amman, Jordan (Feb 2019 – Present)
• Led 7 engineers building the rider app in Swift.
iOS Developer — Aspire, Amman, Jordan (Oct 2015 – Jan 2019)
• Shipped 12 apps to the App Store.

Education
B.Sc. Computer Science — University of Jordan — 2011 – 2015

Skills
Swift, iOS, Kotlin, Firebase

Languages
Arabic (native), English (fluent)
""", Person("Omar Haddad", "omar.haddad@example.jo", "+962 79 123 4567", "Amman, Jordan", [], "",
            ["Swift", "iOS", "Kotlin", "Firebase"], [],
            [Job("Mobile Team Lead", "Careem", "Amman, Jordan", "2019-02", None,
                 ["Led 7 engineers building the rider app in Swift."]),
             Job("iOS Developer", "Aspire", "Amman, Jordan", "2015-10", "2019-01", ["Shipped 12 apps to the App Store."])],
            [School("B.Sc.", "Computer Science", "University of Jordan", "2011", "2015")], [], ["Arabic", "English"]))

_add("chinese_name", """Zhang Wei
Shanghai, China · zhang.wei@example.cn · +86 138 0013 8000

EXPERIENCE
Algorithm Engineer, ByteDance, Shanghai, China   2020.07 – Present
- Improved the recommendation model's click-through rate by 3%.
Machine Learning Intern, Alibaba, Hangzhou, China   2019.06 – 2019.09
- Trained text classifiers with PyTorch.

EDUCATION
M.S. Computer Science, Fudan University, 2017 – 2020

SKILLS
Python, PyTorch, C++, Spark
""", Person("Zhang Wei", "zhang.wei@example.cn", "+86 138 0013 8000", "Shanghai, China", [], "",
            ["Python", "PyTorch", "C++", "Apache Spark"], [],
            [Job("Algorithm Engineer", "ByteDance", "Shanghai, China", "2020-07", None,
                 ["Improved the recommendation model's click-through rate by 3%."]),
             Job("Machine Learning Intern", "Alibaba", "Hangzhou, China", "2019-06", "2019-09",
                 ["Trained text classifiers with PyTorch."])],
            [School("M.S.", "Computer Science", "Fudan University", "2017", "2020")]))

_add("no_bullets_paragraphs", """Ruth Abebe
Addis Ababa, Ethiopia | ruth.abebe@example.com | +251 91 123 4567

Experience

Software Engineer at Ethio Telecom, Addis Ababa, Ethiopia (March 2020 – Present)
Built the mobile top-up API used by 20 million subscribers.

Junior Developer at Kifiya, Addis Ababa, Ethiopia (June 2017 – February 2020)
Maintained the loan scoring service in Python.

Education

BSc in Software Engineering, Addis Ababa University, 2013 – 2017

Skills

Python, Django, PostgreSQL, Docker
""", Person("Ruth Abebe", "ruth.abebe@example.com", "+251 91 123 4567", "Addis Ababa, Ethiopia", [], "",
            ["Python", "Django", "PostgreSQL", "Docker"], [],
            [Job("Software Engineer", "Ethio Telecom", "Addis Ababa, Ethiopia", "2020-03", None,
                 ["Built the mobile top-up API used by 20 million subscribers."]),
             Job("Junior Developer", "Kifiya", "Addis Ababa, Ethiopia", "2017-06", "2020-02",
                 ["Maintained the loan scoring service in Python."])],
            [School("BSc", "Software Engineering", "Addis Ababa University", "2013", "2017")]))


def docx_jobs_table() -> bytes:
    """Heading styles; the jobs in a table: dates | title, company | location, highlights in paragraphs after."""
    import docx

    document = docx.Document()
    document.add_heading("Mateo Rossi", level=0)
    document.add_paragraph("mateo.rossi@example.com | +39 06 1234 5678 | Rome, Italy")
    document.add_heading("Experience", level=1)
    for dates, title, company, place, highlight in (
        ("May 2021 – Present", "Backend Engineer", "Satispay", "Milan, Italy", "Built the payment reconciliation service."),
        ("Sep 2017 – Apr 2021", "Software Developer", "Engineering Ingegneria Informatica", "Rome, Italy",
         "Maintained public-sector portals in Java."),
    ):
        table = document.add_table(rows=1, cols=3)
        cells = table.rows[0].cells
        cells[0].text, cells[1].text, cells[2].text = dates, f"{title}, {company}", place
        document.add_paragraph(highlight, style="List Bullet")
    document.add_heading("Education", level=1)
    document.add_paragraph("Laurea Magistrale in Computer Engineering, Sapienza University of Rome, 2015 – 2017")
    document.add_heading("Skills", level=1)
    document.add_paragraph("Go, Java, Kubernetes, gRPC")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


DOCX_JOBS_TABLE_LABEL = Person(
    "Mateo Rossi", "mateo.rossi@example.com", "+39 06 1234 5678", "Rome, Italy", [], "",
    ["Go", "Java", "Kubernetes", "gRPC"], [],
    [Job("Backend Engineer", "Satispay", "Milan, Italy", "2021-05", None, ["Built the payment reconciliation service."]),
     Job("Software Developer", "Engineering Ingegneria Informatica", "Rome, Italy", "2017-09", "2021-04",
         ["Maintained public-sector portals in Java."])],
    [School("Laurea Magistrale", "Computer Engineering", "Sapienza University of Rome", "2015", "2017")],
)


def profile_sidebar_pdf() -> bytes:
    """A left sidebar with the profile text and contact; the main column with experience and education."""
    pdf = _Pdf(latin=True)
    side, main, right = 36, 220, pdf.width - 40
    pdf.text(main, "Isabel Fernández", size=22, bold=True)
    pdf.y -= 6
    top = pdf.y
    pdf.text(main, "EXPERIENCE", size=12, bold=True)
    for title, company, dates, highlight in (
        ("Data Analyst", "Glovo · Barcelona, Spain", "Mar 2021 – Present", "Built courier supply forecasts in Python."),
        ("Business Intelligence Analyst", "Seat · Martorell, Spain", "Jan 2018 – Feb 2021",
         "Moved 40 reports to Power BI."),
    ):
        pdf.text(main, title, bold=True)
        pdf.text(main, company, size=9.5)
        pdf.text(main, dates, size=9)
        pdf.text(main + 8, f"• {highlight}", size=9.5, wrap=right - main - 12)
        pdf.y -= 4
    pdf.text(main, "EDUCATION", size=12, bold=True)
    pdf.text(main, "MSc Statistics", bold=True)
    pdf.text(main, "Universitat de Barcelona, 2016 – 2018", size=9.5)
    pdf.y = top
    pdf.text(side, "PROFILE", size=12, bold=True)
    pdf.text(side, "Analyst who likes clean data and short dashboards.", size=8.5, wrap=160)
    pdf.y -= 6
    pdf.text(side, "CONTACT", size=12, bold=True)
    for item in ("isabel.fernandez@example.es", "+34 634 12 34 56", "Barcelona, Spain"):
        pdf.text(side, item, size=8.5)
    pdf.y -= 6
    pdf.text(side, "SKILLS", size=12, bold=True)
    for item in ("Python", "SQL", "Power BI", "dbt"):
        pdf.text(side, item, size=9)
    return pdf.done()


PROFILE_SIDEBAR_LABEL = Person(
    "Isabel Fernández", "isabel.fernandez@example.es", "+34 634 12 34 56", "Barcelona, Spain", [],
    "Analyst who likes clean data and short dashboards.", ["Python", "SQL", "Power BI", "dbt"], [],
    [Job("Data Analyst", "Glovo", "Barcelona, Spain", "2021-03", None, ["Built courier supply forecasts in Python."]),
     Job("Business Intelligence Analyst", "Seat", "Martorell, Spain", "2018-01", "2021-02",
         ["Moved 40 reports to Power BI."])],
    [School("MSc", "Statistics", "Universitat de Barcelona", "2016", "2018")],
)


def blind_set_4() -> list[tuple[str, Person, None, bytes]]:
    return [(layout, label, None, text.encode()) for layout, text, label in TEXTS] + [
        ("docx_jobs_table", DOCX_JOBS_TABLE_LABEL, None, docx_jobs_table()),
        ("profile_sidebar_pdf", PROFILE_SIDEBAR_LABEL, None, profile_sidebar_pdf()),
    ]
