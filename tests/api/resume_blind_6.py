"""A sixth blind set: 16 resumes typed by hand after the fixes the fifth set prompted, measured once
and not tuned on afterwards: the last figure on unseen resumes.

Styles none of the earlier sets has: a functional resume (skills summary first, short employment
lines), a headline under the name, "2019 — now: Title at Company", a Markdown table of jobs,
open-ended ranges ("2018–"), icons before contact fields, competencies in columns, a Harvard-style
PDF (company and city on one row, title and dates on the next), Cyrillic headings, Indonesian,
Filipino, Chilean, Moroccan, Finnish and Ukrainian candidates.
"""

from __future__ import annotations

from tests.api.resume_corpus import Job, Person, School, _Pdf

TEXTS: list[tuple[str, str, Person]] = []


def _add(layout: str, text: str, label: Person) -> None:
    TEXTS.append((layout, text, label))


_add("functional", """Budi Santoso
Jakarta, Indonesia | budi.santoso@example.co.id | +62 812 3456 7890

SKILLS SUMMARY
Backend: Go, PostgreSQL, Redis
Cloud: Google Cloud Platform, Kubernetes

EMPLOYMENT HISTORY
Tokopedia, Jakarta, Indonesia — Senior Backend Engineer (2019–2024)
- Scaled the promotions service to 30,000 requests per second.
Traveloka, Jakarta, Indonesia — Backend Engineer (2016–2019)
- Built the flight search cache in Go.

EDUCATION
Bachelor of Computer Science, Universitas Indonesia, 2012–2016
""", Person("Budi Santoso", "budi.santoso@example.co.id", "+62 812 3456 7890", "Jakarta, Indonesia", [], "",
            ["Go", "PostgreSQL", "Redis", "Google Cloud Platform", "Kubernetes"], [],
            [Job("Senior Backend Engineer", "Tokopedia", "Jakarta, Indonesia", "2019", "2024",
                 ["Scaled the promotions service to 30,000 requests per second."]),
             Job("Backend Engineer", "Traveloka", "Jakarta, Indonesia", "2016", "2019",
                 ["Built the flight search cache in Go."])],
            [School("Bachelor of Computer Science", None, "Universitas Indonesia", "2012", "2016")]))

_add("headline", """MARIA CLARA REYES
SENIOR QA ENGINEER
Manila, Philippines • +63 917 123 4567 • mariaclara.reyes@example.ph

EXPERIENCE
Senior QA Engineer, Accenture, Manila, Philippines    Aug 2019 – Present
• Led testing for a payroll platform used by 300 companies.
QA Engineer, Globe Telecom, Manila, Philippines    Jun 2015 – Jul 2019
• Automated 500 API tests with Postman.

EDUCATION
BS Information Technology, University of the Philippines, 2011 – 2015

SKILLS
Postman, Selenium, Java, SQL
""", Person("Maria Clara Reyes", "mariaclara.reyes@example.ph", "+63 917 123 4567", "Manila, Philippines", [], "",
            ["Postman", "Selenium", "Java", "SQL"], [],
            [Job("Senior QA Engineer", "Accenture", "Manila, Philippines", "2019-08", None,
                 ["Led testing for a payroll platform used by 300 companies."]),
             Job("QA Engineer", "Globe Telecom", "Manila, Philippines", "2015-06", "2019-07",
                 ["Automated 500 API tests with Postman."])],
            [School("BS", "Information Technology", "University of the Philippines", "2011", "2015")]))

_add("dates_colon_title_at", """Valentina Muñoz
Santiago, Chile · valentina.munoz@example.cl · +56 9 8765 4321

Experience
2020 — now: Data Engineer at Cornershop, Santiago, Chile
- Built the order events lake on BigQuery.
2017 — 2020: BI Developer at Falabella, Santiago, Chile
- Designed 25 dashboards in Looker.

Education
2012 — 2017: Ingeniería Civil Industrial, Universidad de Chile

Skills
BigQuery, Looker, Python, dbt
""", Person("Valentina Muñoz", "valentina.munoz@example.cl", "+56 9 8765 4321", "Santiago, Chile", [], "",
            ["BigQuery", "Looker", "Python", "dbt"], [],
            [Job("Data Engineer", "Cornershop", "Santiago, Chile", "2020", None,
                 ["Built the order events lake on BigQuery."]),
             Job("BI Developer", "Falabella", "Santiago, Chile", "2017", "2020", ["Designed 25 dashboards in Looker."])],
            [School("Ingeniería Civil Industrial", None, "Universidad de Chile", "2012", "2017")]))

_add("markdown_table", """# Youssef El Amrani
Casablanca, Morocco | youssef.elamrani@example.ma | +212 6 12 34 56 78

## Experience

| Dates | Role | Company |
|---|---|---|
| 2019 – Present | DevOps Engineer | OCP Group |
| 2016 – 2019 | Systems Administrator | Maroc Telecom |

## Education

MSc Computer Networks, Mohammed V University, 2014 – 2016

## Skills

Docker, Kubernetes, Jenkins, Linux
""", Person("Youssef El Amrani", "youssef.elamrani@example.ma", "+212 6 12 34 56 78", "Casablanca, Morocco", [],
            "", ["Docker", "Kubernetes", "Jenkins", "Linux"], [],
            [Job("DevOps Engineer", "OCP Group", None, "2019", None, []),
             Job("Systems Administrator", "Maroc Telecom", None, "2016", "2019", [])],
            [School("MSc", "Computer Networks", "Mohammed V University", "2014", "2016")]))

_add("open_ended", """Mikko Virtanen
Helsinki, Finland | mikko.virtanen@example.fi | +358 40 123 4567

Work experience
3/2018–   Lead Game Developer, Supercell, Helsinki
  - Led 6 developers on a mobile strategy game.
8/2014–2/2018   Game Developer, Rovio, Espoo
  - Wrote gameplay code in C++ and Lua.

Education
2009–2014   M.Sc. Computer Science, Aalto University

Skills
C++, Lua, Unity
""", Person("Mikko Virtanen", "mikko.virtanen@example.fi", "+358 40 123 4567", "Helsinki, Finland", [], "",
            ["C++", "Lua", "Unity"], [],
            [Job("Lead Game Developer", "Supercell", "Helsinki", "2018-03", None,
                 ["Led 6 developers on a mobile strategy game."]),
             Job("Game Developer", "Rovio", "Espoo", "2014-08", "2018-02", ["Wrote gameplay code in C++ and Lua."])],
            [School("M.Sc.", "Computer Science", "Aalto University", "2009", "2014")]))

_add("icons", """Olena Shevchenko
✉ olena.shevchenko@example.ua  ☎ +380 67 123 4567  ⌂ Kyiv, Ukraine

PROFESSIONAL EXPERIENCE
Grammarly, Kyiv, Ukraine
Machine Learning Engineer | Sep 2019 – Present
• Trained grammar correction models on 1 billion sentences.
SoftServe, Lviv, Ukraine
Python Developer | Jul 2016 – Aug 2019
• Built data pipelines for 3 retail clients.

EDUCATION
MSc Applied Mathematics, Taras Shevchenko National University of Kyiv, 2011 – 2016

SKILLS
Python, PyTorch, NLP, Airflow
""", Person("Olena Shevchenko", "olena.shevchenko@example.ua", "+380 67 123 4567", "Kyiv, Ukraine", [], "",
            ["Python", "PyTorch", "Natural Language Processing", "Apache Airflow"], [],
            [Job("Machine Learning Engineer", "Grammarly", "Kyiv, Ukraine", "2019-09", None,
                 ["Trained grammar correction models on 1 billion sentences."]),
             Job("Python Developer", "SoftServe", "Lviv, Ukraine", "2016-07", "2019-08",
                 ["Built data pipelines for 3 retail clients."])],
            [School("MSc", "Applied Mathematics", "Taras Shevchenko National University of Kyiv", "2011", "2016")]))

_add("competency_columns", """Daniel Schwartz
New York, NY | daniel.schwartz@example.com | (646) 555-0133

PROFESSIONAL SUMMARY
Quantitative developer building trading systems.

CORE COMPETENCIES
• C++            • Python           • Kdb+
• Linux          • Low Latency      • SQL

PROFESSIONAL EXPERIENCE
Two Sigma, New York, NY
Quantitative Developer, 2018 – Present
• Cut order-routing latency from 40 to 9 microseconds.
Goldman Sachs, New York, NY
Technology Analyst, 2014 – 2018
• Maintained risk reports for 2,000 traders.

EDUCATION
Columbia University, MS Financial Engineering, 2012 – 2014
""", Person("Daniel Schwartz", "daniel.schwartz@example.com", "(646) 555-0133", "New York, NY", [],
            "Quantitative developer building trading systems.",
            ["C++", "Python", "Kdb+", "Linux", "Low Latency", "SQL"], [],
            [Job("Quantitative Developer", "Two Sigma", "New York, NY", "2018", None,
                 ["Cut order-routing latency from 40 to 9 microseconds."]),
             Job("Technology Analyst", "Goldman Sachs", "New York, NY", "2014", "2018",
                 ["Maintained risk reports for 2,000 traders."])],
            [School("MS", "Financial Engineering", "Columbia University", "2012", "2014")]))

_add("cyrillic_headings", """Андрій Коваленко
Київ, Україна | andrii.kovalenko@example.ua | +380 50 765 4321

ДОСВІД РОБОТИ
Senior Java Developer, EPAM, Київ, Україна | 2018 – Present
- Розробив платіжний шлюз на Java.
Java Developer, GlobalLogic, Харків, Україна | 2014 – 2018
- Підтримував телеком-системи.

ОСВІТА
Магістр, Комп'ютерні науки, Київський політехнічний інститут, 2009 – 2014

НАВИЧКИ
Java, Spring Boot, PostgreSQL, Kafka
""", Person("Андрій Коваленко", "andrii.kovalenko@example.ua", "+380 50 765 4321", "Київ, Україна", [], "",
            ["Java", "Spring Boot", "PostgreSQL", "Apache Kafka"], [],
            [Job("Senior Java Developer", "EPAM", "Київ, Україна", "2018", None, ["Розробив платіжний шлюз на Java."]),
             Job("Java Developer", "GlobalLogic", "Харків, Україна", "2014", "2018", ["Підтримував телеком-системи."])],
            [School("Магістр", "Комп'ютерні науки", "Київський політехнічний інститут", "2009", "2014")]))

_add("to_present_lowercase", """Aisha Bello
Abuja, Nigeria | aisha.bello@example.com.ng | +234 809 555 0123

Work Experience
Product Analyst — Flutterwave — Abuja, Nigeria — march 2021 to present
• Defined 30 product metrics for the payments dashboard.
Business Intelligence Analyst — Access Bank — Lagos, Nigeria — june 2017 to february 2021
• Built the branch performance report in Power BI.

Education
BSc Economics — Ahmadu Bello University — 2012 – 2016

Skills
SQL, Power BI, Python, Excel
""", Person("Aisha Bello", "aisha.bello@example.com.ng", "+234 809 555 0123", "Abuja, Nigeria", [], "",
            ["SQL", "Power BI", "Python", "Excel"], [],
            [Job("Product Analyst", "Flutterwave", "Abuja, Nigeria", "2021-03", None,
                 ["Defined 30 product metrics for the payments dashboard."]),
             Job("Business Intelligence Analyst", "Access Bank", "Lagos, Nigeria", "2017-06", "2021-02",
                 ["Built the branch performance report in Power BI."])],
            [School("BSc", "Economics", "Ahmadu Bello University", "2012", "2016")]))

_add("projects_between", """Tariq Hussain
Leeds, UK | tariq.hussain@example.co.uk | +44 7700 900456 | github.com/tariqh

EXPERIENCE
Software Engineer, Sky Betting & Gaming, Leeds, UK | Sep 2020 – Present
• Built the cash-out service in Kotlin.
Graduate Developer, NHS Digital, Leeds, UK | Sep 2018 – Aug 2020
• Maintained the GP appointments API.

PROJECTS
Open Transit — a bus arrival app in Flutter with 5,000 users.

EDUCATION
BSc Computer Science, University of Sheffield, 2015 – 2018

SKILLS
Kotlin, Flutter, AWS, PostgreSQL
""", Person("Tariq Hussain", "tariq.hussain@example.co.uk", "+44 7700 900456", "Leeds, UK", ["https://github.com/tariqh"],
            "", ["Kotlin", "Flutter", "Amazon Web Services", "PostgreSQL"], [],
            [Job("Software Engineer", "Sky Betting & Gaming", "Leeds, UK", "2020-09", None,
                 ["Built the cash-out service in Kotlin."]),
             Job("Graduate Developer", "NHS Digital", "Leeds, UK", "2018-09", "2020-08",
                 ["Maintained the GP appointments API."])],
            [School("BSc", "Computer Science", "University of Sheffield", "2015", "2018")]))

_add("certifications_with_dates", """Hannah Lee
Vancouver, BC | hannah.lee@example.ca | 604-555-0166

SUMMARY
Cloud security engineer.

EXPERIENCE
Cloud Security Engineer, Hootsuite, Vancouver, BC, 2020 – Present
- Rolled out single sign-on for 1,000 employees.
Security Analyst, TELUS, Vancouver, BC, 2016 – 2020
- Ran quarterly penetration tests.

EDUCATION
BSc Computer Science, University of British Columbia, 2012 – 2016

CERTIFICATIONS
CISSP, 2019
AWS Certified Security – Specialty, 2021

SKILLS
AWS, Okta, Python, Splunk
""", Person("Hannah Lee", "hannah.lee@example.ca", "604-555-0166", "Vancouver, BC", [], "Cloud security engineer.",
            ["Amazon Web Services", "Okta", "Python", "Splunk"], [],
            [Job("Cloud Security Engineer", "Hootsuite", "Vancouver, BC", "2020", None,
                 ["Rolled out single sign-on for 1,000 employees."]),
             Job("Security Analyst", "TELUS", "Vancouver, BC", "2016", "2020", ["Ran quarterly penetration tests."])],
            [School("BSc", "Computer Science", "University of British Columbia", "2012", "2016")],
            ["CISSP", "AWS Certified Security – Specialty"]))

_add("bare_years_lines", """Lars Nielsen
Copenhagen, Denmark
lars.nielsen@example.dk
+45 20 12 34 56

EXPERIENCE

Novo Nordisk
Copenhagen, Denmark
Senior Data Scientist
2019 - Present
- Built clinical trial enrolment forecasts.

Maersk
Copenhagen, Denmark
Data Scientist
2015 - 2019
- Optimised container routing with linear programming.

EDUCATION

MSc Mathematical Modelling, Technical University of Denmark, 2013 - 2015

SKILLS

Python, R, Optimization
""", Person("Lars Nielsen", "lars.nielsen@example.dk", "+45 20 12 34 56", "Copenhagen, Denmark", [], "",
            ["Python", "R", "Optimization"], [],
            [Job("Senior Data Scientist", "Novo Nordisk", "Copenhagen, Denmark", "2019", None,
                 ["Built clinical trial enrolment forecasts."]),
             Job("Data Scientist", "Maersk", "Copenhagen, Denmark", "2015", "2019",
                 ["Optimised container routing with linear programming."])],
            [School("MSc", "Mathematical Modelling", "Technical University of Denmark", "2013", "2015")]))

_add("summary_paragraph_no_heading", """Carlos Mendoza
Bogotá, Colombia | carlos.mendoza@example.co | +57 310 123 4567

Full-stack developer with seven years of experience building marketplaces in Ruby and React.

EXPERIENCE
Full-stack Developer, Rappi, Bogotá, Colombia, Feb 2019 – Present
- Built the restaurant onboarding flow used by 50,000 restaurants.
Web Developer, Platzi, Bogotá, Colombia, Jan 2016 – Jan 2019
- Rebuilt the course player in React.

EDUCATION
Ingeniero de Sistemas, Universidad de los Andes, 2010 – 2015

SKILLS
Ruby on Rails, React, PostgreSQL
""", Person("Carlos Mendoza", "carlos.mendoza@example.co", "+57 310 123 4567", "Bogotá, Colombia", [],
            "Full-stack developer with seven years of experience building marketplaces in Ruby and React.",
            ["Ruby on Rails", "React", "PostgreSQL"], [],
            [Job("Full-stack Developer", "Rappi", "Bogotá, Colombia", "2019-02", None,
                 ["Built the restaurant onboarding flow used by 50,000 restaurants."]),
             Job("Web Developer", "Platzi", "Bogotá, Colombia", "2016-01", "2019-01",
                 ["Rebuilt the course player in React."])],
            [School("Ingeniero de Sistemas", None, "Universidad de los Andes", "2010", "2015")]))


_add("remote_in_parentheses", """Jonas Berg
Oslo, Norway | jonas.berg@example.no | +47 912 34 567

Experience
Staff Engineer, Kahoot! (Remote) | 2021 - Present
- Rebuilt the game session service in TypeScript.
Senior Developer, Schibsted, Oslo, Norway | 2016 - 2021
- Ran the classifieds search for 3 countries.

Education
MSc Informatics, University of Oslo, 2011 - 2016

Skills
TypeScript, Node.js, Elasticsearch
""", Person("Jonas Berg", "jonas.berg@example.no", "+47 912 34 567", "Oslo, Norway", [], "",
            ["TypeScript", "Node.js", "Elasticsearch"], [],
            [Job("Staff Engineer", "Kahoot!", "Remote", "2021", None, ["Rebuilt the game session service in TypeScript."]),
             Job("Senior Developer", "Schibsted", "Oslo, Norway", "2016", "2021",
                 ["Ran the classifieds search for 3 countries."])],
            [School("MSc", "Informatics", "University of Oslo", "2011", "2016")]))


def docx_name_in_page_header() -> bytes:
    """A Word template that prints the name and contact line in the page header, the rest in the body."""
    import io

    import docx

    document = docx.Document()
    header = document.sections[0].header
    header.paragraphs[0].text = "Nadia Rahman"
    header.add_paragraph("Dhaka, Bangladesh | nadia.rahman@example.com.bd | +880 1712 345678")
    document.add_heading("Experience", level=1)
    document.add_paragraph().add_run("Software Engineer, Pathao, Dhaka, Bangladesh").bold = True
    document.add_paragraph("Jan 2020 – Present")
    document.add_paragraph("Built the ride matching service in Go.", style="List Bullet")
    document.add_paragraph().add_run("Junior Developer, Brain Station 23, Dhaka, Bangladesh").bold = True
    document.add_paragraph("Mar 2017 – Dec 2019")
    document.add_paragraph("Developed Laravel apps for 8 clients.", style="List Bullet")
    document.add_heading("Education", level=1)
    document.add_paragraph("BSc Computer Science and Engineering, BUET, 2012 – 2016")
    document.add_heading("Skills", level=1)
    document.add_paragraph("Go, PHP, Laravel, MySQL")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


DOCX_HEADER_LABEL = Person(
    "Nadia Rahman", "nadia.rahman@example.com.bd", "+880 1712 345678", "Dhaka, Bangladesh", [], "",
    ["Go", "PHP", "Laravel", "MySQL"], [],
    [Job("Software Engineer", "Pathao", "Dhaka, Bangladesh", "2020-01", None, ["Built the ride matching service in Go."]),
     Job("Junior Developer", "Brain Station 23", "Dhaka, Bangladesh", "2017-03", "2019-12",
         ["Developed Laravel apps for 8 clients."])],
    [School("BSc", "Computer Science and Engineering", "BUET", "2012", "2016")],
)


def harvard_pdf() -> bytes:
    """Harvard-style: centred name, then "Company  City, ST" and "Title  dates" rows, both right-aligned."""
    pdf = _Pdf(latin=True)
    left, right = 54, pdf.width - 54
    pdf.canvas.setFont(pdf.bold, 16)
    pdf.canvas.drawCentredString(pdf.width / 2, pdf.y, "Rachel Goldberg")
    pdf.y -= 18
    pdf.canvas.setFont(pdf.regular, 9.5)
    pdf.canvas.drawCentredString(pdf.width / 2, pdf.y, "Philadelphia, PA • rachel.goldberg@example.com • (215) 555-0190")
    pdf.y -= 22
    pdf.text(left, "Education", size=11, bold=True)
    pdf.text(left, "University of Pennsylvania", size=10, bold=True, advance=False)
    pdf.text(0, "Philadelphia, PA", size=10, right=right)
    pdf.text(left, "Bachelor of Arts in Economics", size=10, advance=False)
    pdf.text(0, "2014 – 2018", size=10, right=right)
    pdf.y -= 6
    pdf.text(left, "Experience", size=11, bold=True)
    for company, place, title, dates, highlight in (
        ("Vanguard", "Malvern, PA", "Investment Analyst", "Jul 2020 – Present", "Screened 200 bond issuers a year."),
        ("Comcast", "Philadelphia, PA", "Financial Analyst", "Jul 2018 – Jun 2020", "Built the monthly capex forecast."),
    ):
        pdf.text(left, company, size=10, bold=True, advance=False)
        pdf.text(0, place, size=10, right=right)
        pdf.text(left, title, size=10, advance=False)
        pdf.text(0, dates, size=10, right=right)
        pdf.text(left + 10, f"• {highlight}", size=10)
        pdf.y -= 4
    pdf.text(left, "Skills", size=11, bold=True)
    pdf.text(left, "Excel, Bloomberg, Python, SQL", size=10)
    return pdf.done()


HARVARD_LABEL = Person(
    "Rachel Goldberg", "rachel.goldberg@example.com", "(215) 555-0190", "Philadelphia, PA", [], "",
    ["Excel", "Bloomberg", "Python", "SQL"], [],
    [Job("Investment Analyst", "Vanguard", "Malvern, PA", "2020-07", None, ["Screened 200 bond issuers a year."]),
     Job("Financial Analyst", "Comcast", "Philadelphia, PA", "2018-07", "2020-06", ["Built the monthly capex forecast."])],
    [School("Bachelor of Arts", "Economics", "University of Pennsylvania", "2014", "2018")],
)


def blind_set_6() -> list[tuple[str, Person, None, bytes]]:
    return [(layout, label, None, text.encode()) for layout, text, label in TEXTS] + [
        ("harvard_pdf", HARVARD_LABEL, None, harvard_pdf()),
        ("docx_name_in_page_header", DOCX_HEADER_LABEL, None, docx_name_in_page_header()),
    ]
