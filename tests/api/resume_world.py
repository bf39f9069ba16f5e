"""Check documents for resume conventions none of the blind sets has, written together with the
parser's rules for them (so they are no blind set, and `bench/resume_parse.py` reports them apart):
a German Lebenslauf ("seit", "Persönliche Daten", a date of birth), a French CV (surname in
capitals, "Depuis", an e-mail written "[at]"), Spanish "Actualidad" and "Surname, Given", Portuguese
"atual", Indian resumes ("RESUME" title, "+91-", "Till Date"; jobs as sentences, a table of qualifications
under its column names, "Languages Known:", a declaration), a US resume with an extension and
a name with particles in capitals, Europass CVs (as the online editor exports them, too) and an older Europass form ("Occupation or position
held:"), a Japanese resume (年/月 dates, 職歴 / 学歴
headings), icon-font glyphs before contact fields, a PDF with the name on two lines, PDFs laid out
as the awesome-cv and moderncv LaTeX classes lay them out, and a DOCX table of jobs.
"""

from __future__ import annotations

import io

from tests.api.resume_corpus import Job, Person, School, _Pdf

TEXTS: list[tuple[str, str, Person]] = []


def _add(layout: str, text: str, label: Person) -> None:
    TEXTS.append((layout, text, label))


_add("lebenslauf", """Lebenslauf

Persönliche Daten
Name: Jonas Müller
Geburtsdatum: 12.03.1990
Anschrift: Hauptstraße 5, 10115 Berlin
Telefon: 0049 170 1234567
E-Mail: jonas.mueller@example.de

Berufserfahrung
seit 04/2020   Softwareentwickler, SAP SE, Walldorf
  • Entwicklung von Microservices in Java und Kotlin.
09/2016 – 03/2020   Werkstudent, Siemens AG, München
  • Testautomatisierung mit Python.

Ausbildung
10/2012 – 08/2016   Bachelor of Science Informatik, Technische Universität München

Kenntnisse
Java, Kotlin, Python, Docker

Sprachen
Deutsch (Muttersprache), Englisch (fließend)
""", Person("Jonas Müller", "jonas.mueller@example.de", "0049 170 1234567", "Berlin", [], "",
            ["Java", "Kotlin", "Python", "Docker"], [],
            [Job("Softwareentwickler", "SAP SE", "Walldorf", "2020-04", None,
                 ["Entwicklung von Microservices in Java und Kotlin."]),
             Job("Werkstudent", "Siemens AG", "München", "2016-09", "2020-03", ["Testautomatisierung mit Python."])],
            [School("Bachelor of Science", "Informatik", "Technische Universität München", "2012-10", "2016-08")],
            [], ["Deutsch", "Englisch"]))

_add("french_cv", """CURRICULUM VITAE

Marie-Claire DUPONT
Lyon, France
Tél. : +33 (0)6 12 34 56 78
marie-claire.dupont [at] example [dot] fr

EXPÉRIENCE PROFESSIONNELLE
Depuis janvier 2021 — Cheffe de projet, Capgemini, Lyon
• Pilotage d'une équipe de 6 développeurs.
Septembre 2017 – décembre 2020 — Consultante, Sopra Steria, Paris
• Migration de 40 applications vers Azure.

FORMATION
2015 – 2017 Master Informatique, Université Claude Bernard Lyon 1

COMPÉTENCES
Azure, Scrum, SQL

LANGUES
Français (natif), Anglais (C1)
""", Person("Marie-Claire Dupont", "marie-claire.dupont@example.fr", "+33 (0)6 12 34 56 78", "Lyon, France", [], "",
            ["Microsoft Azure", "Scrum", "SQL"], [],
            [Job("Cheffe de projet", "Capgemini", "Lyon", "2021-01", None, ["Pilotage d'une équipe de 6 développeurs."]),
             Job("Consultante", "Sopra Steria", "Paris", "2017-09", "2020-12", ["Migration de 40 applications vers Azure."])],
            [School("Master", "Informatique", "Université Claude Bernard Lyon 1", "2015", "2017")],
            [], ["Français", "Anglais"]))

_add("spanish_surname_first", """GARCÍA LÓPEZ, María Fernanda
Buenos Aires, Argentina · +54 9 11 2345-6789 · mf.garcia@example.com.ar

EXPERIENCIA LABORAL
Enero 2019 – Actualidad | Desarrolladora Full Stack | Mercado Libre | Buenos Aires, Argentina
- Construí el checkout en React para 10 países.
Marzo 2016 – Diciembre 2018 | Desarrolladora | Globant | Córdoba, Argentina
- Mantuve APIs en Node.js.

EDUCACIÓN
Licenciatura en Sistemas, Universidad de Buenos Aires, 2011 – 2015

HABILIDADES
React, Node.js, MongoDB

IDIOMAS
Español (nativo), Inglés (avanzado)
""", Person("María Fernanda García López", "mf.garcia@example.com.ar", "+54 9 11 2345-6789", "Buenos Aires, Argentina",
            [], "", ["React", "Node.js", "MongoDB"], [],
            [Job("Desarrolladora Full Stack", "Mercado Libre", "Buenos Aires, Argentina", "2019-01", None,
                 ["Construí el checkout en React para 10 países."]),
             Job("Desarrolladora", "Globant", "Córdoba, Argentina", "2016-03", "2018-12", ["Mantuve APIs en Node.js."])],
            [School("Licenciatura", "Sistemas", "Universidad de Buenos Aires", "2011", "2015")],
            [], ["Español", "Inglés"]))

_add("portuguese", """João Pedro da Silva
São Paulo, Brasil | joao.silva@example.com.br | +55 11 91234-5678

Experiência Profissional
Analista de Dados | Nubank | São Paulo, Brasil
mar 2020 – atual
• Criei 15 modelos de crédito em Python.
Estagiário | Itaú Unibanco | São Paulo, Brasil
jan 2018 – fev 2020
• Automatizei relatórios em SQL.

Formação Acadêmica
Bacharelado em Ciência da Computação, Universidade de São Paulo, 2014 – 2018

Habilidades
Python, SQL, Tableau
""", Person("João Pedro da Silva", "joao.silva@example.com.br", "+55 11 91234-5678", "São Paulo, Brasil", [], "",
            ["Python", "SQL", "Tableau"], [],
            [Job("Analista de Dados", "Nubank", "São Paulo, Brasil", "2020-03", None,
                 ["Criei 15 modelos de crédito em Python."]),
             Job("Estagiário", "Itaú Unibanco", "São Paulo, Brasil", "2018-01", "2020-02",
                 ["Automatizei relatórios em SQL."])],
            [School("Bacharelado", "Ciência da Computação", "Universidade de São Paulo", "2014", "2018")]))

_add("indian", """RESUME

PRIYA SHARMA
Mobile: +91-9876543210
Email: priya.sharma@example.in
Pune, Maharashtra

CAREER OBJECTIVE
To work in a challenging environment where I can apply my Java skills.

PROFESSIONAL EXPERIENCE
Infosys Ltd., Pune | Senior Systems Engineer | Jul 2019 – Till Date
• Built 12 Spring Boot microservices for a banking client.
Tata Consultancy Services, Chennai | Systems Engineer | Jun 2016 – Jun 2019
• Supported a mainframe to Java migration.

EDUCATIONAL QUALIFICATIONS
B.Tech (Computer Science), VIT University, 2012 – 2016, CGPA 8.6

TECHNICAL SKILLS
Java, Spring Boot, MySQL
""", Person("Priya Sharma", "priya.sharma@example.in", "+91-9876543210", "Pune, Maharashtra", [],
            "To work in a challenging environment where I can apply my Java skills.",
            ["Java", "Spring Boot", "MySQL"], [],
            [Job("Senior Systems Engineer", "Infosys Ltd.", "Pune", "2019-07", None,
                 ["Built 12 Spring Boot microservices for a banking client."]),
             Job("Systems Engineer", "Tata Consultancy Services", "Chennai", "2016-06", "2019-06",
                 ["Supported a mainframe to Java migration."])],
            [School("B.Tech", "Computer Science", "VIT University", "2012", "2016")]))

_add("indian_long_form", """CURRICULUM VITAE

RAHUL VERMA
Email ID: rahul.verma@example.in
Contact No.: 9876543210
Address: H.No. 12, Sector 15, Noida, Uttar Pradesh - 201301

CAREER OBJECTIVE
Seeking a challenging position in software testing.

WORK EXPERIENCE
• Working as QA Engineer at HCL Technologies, Noida from Aug 2019 to till date.
• Worked as Trainee at Wipro, Bengaluru from Jul 2017 to Jul 2019.

ACADEMIC QUALIFICATION
Qualification | Board/University | Year | Percentage
B.Tech (IT) | AKTU | 2017 | 72%
12th | CBSE | 2013 | 85%

TECHNICAL SKILLS
Selenium, Java, TestNG, JIRA

PERSONAL DETAILS
Father's Name: Suresh Verma
Date of Birth: 15-08-1995
Languages Known: English, Hindi

DECLARATION
I hereby declare that the above information is true to the best of my knowledge.
(RAHUL VERMA)
""", Person("Rahul Verma", "rahul.verma@example.in", "9876543210", "Noida, Uttar Pradesh", [],
            "Seeking a challenging position in software testing.", ["Selenium", "Java", "TestNG", "Jira"], [],
            [Job("QA Engineer", "HCL Technologies", "Noida", "2019-08", None, []),
             Job("Trainee", "Wipro", "Bengaluru", "2017-07", "2019-07", [])],
            [School("B.Tech", "IT", "AKTU", None, "2017"), School("12th", None, "CBSE", None, "2013")],
            [], ["English", "Hindi"]))

_add("us_particles_extension", """LUDWIG VAN DER BERG
Chicago, IL  |  (312) 555-0147 ext. 12  |  ludwig.vanderberg@example.com

EXPERIENCE
Senior Accountant, Deloitte, Chicago, IL                Oct 2018 – Present
• Closed the books for 14 client entities each month.
Staff Accountant, Grant Thornton, Chicago, IL           Jun 2015 – Sep 2018
• Reconciled $2M in intercompany balances.

EDUCATION
BS Accounting, University of Illinois Chicago, 2011 – 2015

CERTIFICATIONS
Certified Public Accountant (CPA)

SKILLS
Excel, SAP, QuickBooks
""", Person("Ludwig van der Berg", "ludwig.vanderberg@example.com", "(312) 555-0147 ext. 12", "Chicago, IL", [], "",
            ["Excel", "SAP", "QuickBooks"], [],
            [Job("Senior Accountant", "Deloitte", "Chicago, IL", "2018-10", None,
                 ["Closed the books for 14 client entities each month."]),
             Job("Staff Accountant", "Grant Thornton", "Chicago, IL", "2015-06", "2018-09",
                 ["Reconciled $2M in intercompany balances."])],
            [School("BS", "Accounting", "University of Illinois Chicago", "2011", "2015")],
            ["Certified Public Accountant (CPA)"]))

_add("europass", """Ioana Popescu
Date of birth: 14.05.1992   Nationality: Romanian
Phone number: (+40) 721 234 567   Email address: ioana.popescu@example.ro
Address: Strada Victoriei 10, 010061, Bucharest, Romania

WORK EXPERIENCE
01/09/2019 – CURRENT   Bucharest, Romania
SOFTWARE DEVELOPER   UIPATH
● Built robot scheduling features used by 2,000 customers.
15/07/2016 – 31/08/2019   Cluj-Napoca, Romania
JUNIOR DEVELOPER   ENDAVA
● Wrote integration tests for a payments platform.

EDUCATION AND TRAINING
01/10/2013 – 30/06/2016   Bucharest, Romania
BACHELOR OF COMPUTER SCIENCE   University of Bucharest

LANGUAGE SKILLS
Mother tongue(s): Romanian
Other language(s): English, French
""", Person("Ioana Popescu", "ioana.popescu@example.ro", "(+40) 721 234 567", "Bucharest, Romania", [], "",
            [], [],
            [Job("SOFTWARE DEVELOPER", "UIPATH", "Bucharest, Romania", "2019-09", None,
                 ["Built robot scheduling features used by 2,000 customers."]),
             Job("JUNIOR DEVELOPER", "ENDAVA", "Cluj-Napoca, Romania", "2016-07", "2019-08",
                 ["Wrote integration tests for a payments platform."])],
            [School("BACHELOR OF COMPUTER SCIENCE", None, "University of Bucharest", "2013-10", "2016-06")],
            [], ["Romanian", "English", "French"]))

_add("europass_2013_form", """Europass Curriculum Vitae

Personal information
First name(s) / Surname(s): Anna Kovács
Address(es): Váci út 12, 1132 Budapest, Hungary
Telephone(s): +36 30 123 4567
E-mail: anna.kovacs@example.hu
Nationality: Hungarian

Work experience
Dates: September 2018 – Present
Occupation or position held: Software Developer
Main activities and responsibilities: Development of billing services in Java.
Name and address of employer: Telekom Hungary, Budapest
Type of business or sector: Telecommunications

Dates: July 2015 – August 2018
Occupation or position held: Junior Developer
Name and address of employer: EPAM Systems, Budapest

Education and training
Dates: 2010 – 2015
Title of qualification awarded: MSc Computer Science
Name and type of organisation providing education and training: Budapest University of Technology and Economics

Personal skills
Mother tongue(s): Hungarian
Other language(s): English, German
""", Person("Anna Kovács", "anna.kovacs@example.hu", "+36 30 123 4567", "Budapest, Hungary", [], "", [], [],
            [Job("Software Developer", "Telekom Hungary", "Budapest", "2018-09", None,
                 ["Development of billing services in Java."]),
             Job("Junior Developer", "EPAM Systems", "Budapest", "2015-07", "2018-08", [])],
            [School("MSc", "Computer Science", "Budapest University of Technology and Economics", "2010", "2015")],
            [], ["Hungarian", "English", "German"]))

_add("europass_editor", """Mihai Ionescu
Nationality: Romanian  Date of birth: 02.11.1990  Gender: Male
Phone number: (+40) 721234567 (Mobile)  Email address: mihai.ionescu@example.ro
Home: Strada Lipscani 7, 030031 Bucharest (Romania)

WORK EXPERIENCE
[ 01/09/2019 – Current ] Data Engineer
Bitdefender
City: Bucharest | Country: Romania
◦ Built the telemetry pipeline for 500 million endpoints.

[ 15/07/2016 – 31/08/2019 ] Junior Developer
Endava
City: Cluj-Napoca | Country: Romania

EDUCATION AND TRAINING
[ 01/10/2013 – 30/06/2016 ] Bachelor of Computer Science
University of Bucharest
Address: Bucharest (Romania)

LANGUAGE SKILLS
Mother tongue(s): Romanian
Other language(s): English
""", Person("Mihai Ionescu", "mihai.ionescu@example.ro", "(+40) 721234567", "Bucharest, Romania", [], "", [], [],
            [Job("Data Engineer", "Bitdefender", "Bucharest, Romania", "2019-09", None,
                 ["Built the telemetry pipeline for 500 million endpoints."]),
             Job("Junior Developer", "Endava", "Cluj-Napoca, Romania", "2016-07", "2019-08", [])],
            [School("Bachelor of Computer Science", None, "University of Bucharest", "2013-10", "2016-06")],
            [], ["Romanian", "English"]))

_add("japanese", """職務経歴書
山田 太郎
東京都渋谷区 | taro.yamada@example.jp | 090-1234-5678

職歴
2019年4月 – 現在   株式会社メルカリ   バックエンドエンジニア
・Goで決済APIを開発
2015年4月 – 2019年3月   楽天株式会社   ソフトウェアエンジニア
・Javaで検索基盤を運用

学歴
2011年4月 – 2015年3月   東京大学   工学部 学士

スキル
Go, Java, MySQL
""", Person("山田 太郎", "taro.yamada@example.jp", "090-1234-5678", "東京都渋谷区", [], "",
            ["Go", "Java", "MySQL"], [],
            [Job("バックエンドエンジニア", "株式会社メルカリ", None, "2019-04", None, ["Goで決済APIを開発"]),
             Job("ソフトウェアエンジニア", "楽天株式会社", None, "2015-04", "2019-03", ["Javaで検索基盤を運用"])],
            [School("学士", "工学部", "東京大学", "2011-04", "2015-03")], latin=False))

_add("icon_font_glyphs", """Anna Kowalska
\uf0e0 anna.kowalska@example.pl   \uf095 +48 501 234 567   \uf041 Kraków, Poland   \uf09b github.com/akowalska

DOŚWIADCZENIE ZAWODOWE
Allegro, Poznań, Poland
Senior Frontend Developer | 10.2020 – obecnie
• Przepisałam koszyk w TypeScript.
Comarch, Kraków, Poland
Frontend Developer | 07.2017 – 09.2020
• Utrzymywałam 3 aplikacje w Angular.

WYKSZTAŁCENIE
Magister Informatyki, Akademia Górniczo-Hutnicza, 2012 – 2017

UMIEJĘTNOŚCI
TypeScript, Angular, React
""", Person("Anna Kowalska", "anna.kowalska@example.pl", "+48 501 234 567", "Kraków, Poland",
            ["https://github.com/akowalska"], "", ["TypeScript", "Angular", "React"], [],
            [Job("Senior Frontend Developer", "Allegro", "Poznań, Poland", "2020-10", None,
                 ["Przepisałam koszyk w TypeScript."]),
             Job("Frontend Developer", "Comarch", "Kraków, Poland", "2017-07", "2020-09",
                 ["Utrzymywałam 3 aplikacje w Angular."])],
            [School("Magister", "Informatyki", "Akademia Górniczo-Hutnicza", "2012", "2017")]))


def name_on_two_lines_pdf() -> bytes:
    """A template that prints the given name and the surname on two lines in large type."""
    pdf = _Pdf(latin=True)
    left = 56
    pdf.text(left, "Eleanor", size=26, bold=True)
    pdf.text(left, "Whitfield-Hughes", size=26, bold=True)
    pdf.text(left, "Manchester, UK  |  +44 (0)161 496 0321  |  eleanor.wh@example.co.uk", size=9)
    pdf.y -= 8
    pdf.text(left, "EXPERIENCE", size=12, bold=True)
    pdf.text(left, "Product Designer, Auto Trader, Manchester, UK", size=10, bold=True, advance=False)
    pdf.text(0, "Apr 2021 – Present", size=10, right=pdf.width - 56)
    pdf.text(left + 10, "• Redesigned the car listing page for 40 million visits a month.", size=10)
    pdf.text(left, "UX Designer, BBC, Salford, UK", size=10, bold=True, advance=False)
    pdf.text(0, "Sep 2017 – Mar 2021", size=10, right=pdf.width - 56)
    pdf.text(left + 10, "• Ran 30 usability studies for iPlayer.", size=10)
    pdf.y -= 6
    pdf.text(left, "EDUCATION", size=12, bold=True)
    pdf.text(left, "BA Graphic Design, Manchester School of Art, 2014 – 2017", size=10)
    pdf.y -= 6
    pdf.text(left, "SKILLS", size=12, bold=True)
    pdf.text(left, "Figma, Sketch, User Research", size=10)
    return pdf.done()


NAME_ON_TWO_LINES = Person(
    "Eleanor Whitfield-Hughes", "eleanor.wh@example.co.uk", "+44 (0)161 496 0321", "Manchester, UK", [], "",
    ["Figma", "Sketch", "User research"], [],
    [Job("Product Designer", "Auto Trader", "Manchester, UK", "2021-04", None,
         ["Redesigned the car listing page for 40 million visits a month."]),
     Job("UX Designer", "BBC", "Salford, UK", "2017-09", "2021-03", ["Ran 30 usability studies for iPlayer."])],
    [School("BA", "Graphic Design", "Manchester School of Art", "2014", "2017")],
)


def awesome_cv_pdf() -> bytes:
    """awesome-cv's layout: the given name light and the surname bold on one centred row, a position
    line in capitals, then "Title ... City" and "Company ... dates" rows, right-aligned."""
    pdf = _Pdf(latin=True)
    left, right = 56, pdf.width - 56
    pdf.canvas.setFont(pdf.regular, 28)
    pdf.canvas.drawString(190, pdf.y, "Claire")
    pdf.canvas.setFont(pdf.bold, 28)
    pdf.canvas.drawString(290, pdf.y, "Fontaine")
    pdf.y -= 22
    pdf.canvas.setFont(pdf.regular, 9)
    pdf.canvas.drawCentredString(pdf.width / 2, pdf.y, "SITE RELIABILITY ENGINEER · PLATFORM")
    pdf.y -= 14
    pdf.canvas.drawCentredString(pdf.width / 2, pdf.y, "+33 6 12 34 56 78  |  claire.fontaine@example.fr  |  "
                                                       "github.com/cfontaine  |  Paris, France")
    pdf.y -= 26
    pdf.text(left, "Experience", size=14, bold=True)
    for title, place, company, dates, highlight in (
        ("Site Reliability Engineer", "Paris, France", "Datadog", "Mar. 2020 - Present",
         "Ran the on-call rotation for 40 services."),
        ("Systems Engineer", "Lyon, France", "OVHcloud", "Sep. 2016 - Feb. 2020", "Automated 3,000 server installs."),
    ):
        pdf.text(left, title, size=10, bold=True, advance=False)
        pdf.text(0, place, size=9, right=right)
        pdf.text(left, company, size=9, advance=False)
        pdf.text(0, dates, size=9, right=right)
        pdf.text(left + 10, f"• {highlight}", size=9)
    pdf.text(left, "Education", size=14, bold=True)
    pdf.text(left, "MSc in Computer Science", size=10, bold=True, advance=False)
    pdf.text(0, "Grenoble, France", size=9, right=right)
    pdf.text(left, "Université Grenoble Alpes", size=9, advance=False)
    pdf.text(0, "2011 - 2016", size=9, right=right)
    pdf.text(left, "Skills", size=14, bold=True)
    pdf.text(left, "Kubernetes, Terraform, Go, Prometheus", size=9)
    return pdf.done()


AWESOME_CV = Person(
    "Claire Fontaine", "claire.fontaine@example.fr", "+33 6 12 34 56 78", "Paris, France",
    ["https://github.com/cfontaine"], "", ["Kubernetes", "Terraform", "Go", "Prometheus"], [],
    [Job("Site Reliability Engineer", "Datadog", "Paris, France", "2020-03", None,
         ["Ran the on-call rotation for 40 services."]),
     Job("Systems Engineer", "OVHcloud", "Lyon, France", "2016-09", "2020-02", ["Automated 3,000 server installs."])],
    [School("MSc", "Computer Science", "Université Grenoble Alpes", "2011", "2016")],
)


def moderncv_pdf() -> bytes:
    """moderncv's classic style: the address, phone and e-mail right-aligned beside the name, dates in
    a left margin, "Title, Employer, City" beside them."""
    pdf = _Pdf(latin=True)
    top, right = pdf.y, pdf.width - 56
    pdf.text(56, "Tomasz Zielinski", size=24)
    pdf.text(56, "Embedded Software Engineer", size=12)
    pdf.canvas.setFont(pdf.regular, 9)
    for number, text in enumerate(("ul. Dluga 5, 00-001 Warsaw", "+48 601 234 567", "tomasz.zielinski@example.pl")):
        pdf.canvas.drawRightString(right, top - 12 * number, text)
    pdf.y -= 20
    for heading, entries in (
        ("Experience", [("2019–present", "Senior Firmware Engineer, Nokia, Gdansk", "Wrote 5G base station drivers in C."),
                        ("2015–2019", "Firmware Engineer, Samsung R&D, Warsaw", "Ported RTOS to 4 boards.")]),
        ("Education", [("2010–2015", "MSc Electronics, Warsaw University of Technology", "Thesis on CAN bus timing.")]),
    ):
        pdf.text(150, heading, size=13)
        for dates, what, detail in entries:
            pdf.text(56, dates, size=9, advance=False)
            pdf.text(150, what, size=10)
            pdf.text(150, detail, size=9)
    pdf.text(150, "Languages", size=13)
    for language, level in (("Polish", "Native"), ("English", "Fluent")):
        pdf.text(56, language, size=9, advance=False)
        pdf.text(150, level, size=9)
    return pdf.done()


MODERNCV = Person(
    "Tomasz Zielinski", "tomasz.zielinski@example.pl", "+48 601 234 567", "Warsaw", [], "", [], [],
    [Job("Senior Firmware Engineer", "Nokia", "Gdansk", "2019", None, ["Wrote 5G base station drivers in C."]),
     Job("Firmware Engineer", "Samsung R&D", "Warsaw", "2015", "2019", ["Ported RTOS to 4 boards."])],
    [School("MSc", "Electronics", "Warsaw University of Technology", "2010", "2015")],
    [], ["Polish", "English"],
)


def _docx_table(document, rows: list[tuple[str, ...]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text


def docx_table_of_jobs() -> bytes:
    """Jobs and education in Word tables with a row naming the columns."""
    import docx

    document = docx.Document()
    document.add_heading("Kofi Boateng", level=0)
    document.add_paragraph("Kumasi, Ghana | kofi.boateng@example.com.gh | +233 20 987 6543")
    document.add_heading("Work Experience", level=1)
    _docx_table(document, [("Period", "Position", "Employer", "Location"),
                           ("2020 – Present", "Network Engineer", "MTN Ghana", "Accra, Ghana"),
                           ("2016 – 2020", "IT Support Officer", "Ecobank", "Kumasi, Ghana")])
    document.add_heading("Education", level=1)
    _docx_table(document, [("Years", "Degree", "Institution"),
                           ("2012 – 2016", "BSc Computer Engineering", "Kwame Nkrumah University of Science and Technology")])
    document.add_heading("Skills", level=1)
    document.add_paragraph("Cisco IOS, Linux, Python")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


DOCX_TABLE_OF_JOBS = Person(
    "Kofi Boateng", "kofi.boateng@example.com.gh", "+233 20 987 6543", "Kumasi, Ghana", [], "",
    ["Cisco IOS", "Linux", "Python"], [],
    [Job("Network Engineer", "MTN Ghana", "Accra, Ghana", "2020", None, []),
     Job("IT Support Officer", "Ecobank", "Kumasi, Ghana", "2016", "2020", [])],
    [School("BSc", "Computer Engineering", "Kwame Nkrumah University of Science and Technology", "2012", "2016")],
)


def world_set() -> list[tuple[str, Person, None, bytes]]:
    return [(layout, label, None, text.encode()) for layout, text, label in TEXTS] + [
        ("pdf_name_on_two_lines", NAME_ON_TWO_LINES, None, name_on_two_lines_pdf()),
        ("pdf_awesome_cv", AWESOME_CV, None, awesome_cv_pdf()),
        ("pdf_moderncv", MODERNCV, None, moderncv_pdf()),
        ("docx_table_of_jobs", DOCX_TABLE_OF_JOBS, None, docx_table_of_jobs()),
    ]
