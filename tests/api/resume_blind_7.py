"""A seventh blind set: 24 resumes typed by hand by a helper who did not read, search or run the
parser, to be measured once and not tuned on afterwards.

Eight are PDFs, four DOCX and twelve plain text. Styles and details none of the earlier sets lists:
an Indian fresher (career objective, "Academic Details" with Class XII/X rows and CGPA), an Indian
IT-services resume ("Working as X in Y, City from Jul 2021 to till date", projects with clients,
a declaration and "Place:"), a Kenyan CV with referees whose phones and emails are not the
candidate's, a Nigerian Word CV (tab-aligned personal data, two phone numbers, NYSC service,
"March 2020 – Date"), a South African "Employer:/Position:/Period:/Duties:" CV with "Reason for
leaving", a Gulf CV with personal details and "Jan '22 – Present", an Egyptian one with military
status and "Oct-2020", a Pakistani one with "From August 2021 to date", a Korean one with
[bracketed] headings and "2021.03 ~ Present", a Japanese one with "2019.04 – Present" and
"Qualifications", a Vietnamese PDF with bilingual headings and "Hiện tại", a Turkish PDF
("Özgeçmiş", "Ocak 2021 – Devam ediyor", birth date and military service), a Polish PDF
("od 04.2020", "10.2016 – 03.2020") with the GDPR consent clause in the footer, a Spanish CV
("septiembre de 2019 – actualidad"), a French one ("Depuis 2021", surname in capitals, "Permis B"),
a Swiss one ("since 2021", "2017 to 2020"), an Australian teacher turned data analyst
("Feb 2023 – current", "Referees available on request"), a US veteran moving into project
management (title, company and dates spaced out on one row), a US new graduate PDF (education
first, "Expected May 2025", "Summer 2024" internships, ruled headings), a two-column Brazilian
designer PDF with education and a portfolio link in the sidebar and "2017/09–2021/02", an
academic CV with ORCID, publications, grants and teaching, a Singapore PDF with headings in the
left margin, a German "Lebenslauf" DOCX with the contact details in a table and a signature line,
and a senior DOCX (26 years, "Earlier Career" lines) with the name in a large spaced title paragraph.

Labels are what a careful reader would extract: the candidate's own contact details (not a
referee's), the first phone when two are given, a career objective as the summary, school dates as
years, "Summer 2024" as that year for start and end, certifications and languages without their
years or levels, names without post-nominals, skills by the names the earlier sets' labels use (nine skills here have no
earlier label: Adobe Illustrator, BGP, Cisco IOS, Hibernate, OSPF, QGIS, SAS, SD-WAN, Stan).
"""

from __future__ import annotations

import io

from tests.api.resume_corpus import Job, Person, School, _Pdf

TEXTS: list[tuple[str, str, Person]] = []


def _add(layout: str, text: str, label: Person) -> None:
    TEXTS.append((layout, text, label))


_add("indian_fresher", """RAHUL VERMA
Mobile: +91-98450 12345 | Email: rahul.verma2003@example.in
LinkedIn: linkedin.com/in/rahul-verma-cse
Pune, Maharashtra

CAREER OBJECTIVE
To work as a software engineer in a reputed organisation where I can apply my skills in Java and web development and grow with the company.

ACADEMIC DETAILS
B.E. in Computer Engineering | Pune Institute of Computer Technology | 2020 – 2024 | CGPA: 8.7/10
Class XII (HSC) | Fergusson College | 2020 | 91.4%
Class X (SSC) | St. Vincent's High School | 2018 | 94.2%

INTERNSHIP
Software Development Intern | Persistent Systems, Pune | Jan 2024 – Jun 2024
- Developed REST APIs in Spring Boot for an internal leave management tool.
- Wrote 120 JUnit tests, raising code coverage to 78%.

ACADEMIC PROJECTS
- Smart Attendance System: face recognition attendance app using Python and OpenCV.
- Online Bookstore: Java and MySQL web application with a JSP front end.

TECHNICAL SKILLS
Languages: Java, Python, C
Web: HTML, CSS, JavaScript
Database: MySQL
Tools: Git, Linux

CERTIFICATIONS
- Oracle Certified Associate – Java SE 8 Programmer
- NPTEL Data Structures and Algorithms using Java

LANGUAGES KNOWN
English, Hindi, Marathi

HOBBIES
Chess, cricket, blogging
""", Person("Rahul Verma", "rahul.verma2003@example.in", "+91-98450 12345", "Pune, Maharashtra",
            ["https://linkedin.com/in/rahul-verma-cse"],
            "To work as a software engineer in a reputed organisation where I can apply my skills in Java and web "
            "development and grow with the company.",
            ["Java", "Python", "C", "HTML", "CSS", "JavaScript", "MySQL", "Git", "Linux"], [],
            [Job("Software Development Intern", "Persistent Systems", "Pune", "2024-01", "2024-06",
                 ["Developed REST APIs in Spring Boot for an internal leave management tool.",
                  "Wrote 120 JUnit tests, raising code coverage to 78%."])],
            [School("B.E.", "Computer Engineering", "Pune Institute of Computer Technology", "2020", "2024"),
             School("Class XII (HSC)", None, "Fergusson College", None, "2020"),
             School("Class X (SSC)", None, "St. Vincent's High School", None, "2018")],
            ["Oracle Certified Associate – Java SE 8 Programmer", "NPTEL Data Structures and Algorithms using Java"],
            ["English", "Hindi", "Marathi"]))

_add("kenyan_referees", """CURRICULUM VITAE

BRIAN OTIENO OCHIENG
Nairobi, Kenya
Cell: 0722 123 456
Email: brian.ochieng@example.co.ke

PROFILE
A payments developer with six years' experience building mobile money APIs for banks and SACCOs.

WORK EXPERIENCE
Safaricom PLC, Nairobi
Senior API Developer                         May 2021 – to date
• Built the developer onboarding portal used by 40,000 businesses.
• Mentored 5 graduate developers.

Cellulant Kenya Ltd, Nairobi
Software Developer                           Feb 2018 – Apr 2021
• Integrated 12 banks into the payments gateway using Java.

EDUCATION
2013 – 2017   Bachelor of Science in Computer Science, University of Nairobi (Second Class Honours, Upper Division)
2009 – 2012   Kenya Certificate of Secondary Education (KCSE), Maseno School – Mean Grade A-

SKILLS
Java, Spring Boot, Android, MySQL, Git

HOBBIES
Football, mentoring secondary school students in coding

REFEREES
1. Dr. Jane Wambui
   Senior Lecturer, School of Computing and Informatics, University of Nairobi
   Tel: 0733 987 654 | Email: jwambui@example.ac.ke
2. Mr. Peter Kamau
   Head of Engineering, Cellulant Kenya Ltd
   Tel: 0711 222 333 | Email: pkamau@example.co.ke
""", Person("Brian Otieno Ochieng", "brian.ochieng@example.co.ke", "0722 123 456", "Nairobi, Kenya", [],
            "A payments developer with six years' experience building mobile money APIs for banks and SACCOs.",
            ["Java", "Spring Boot", "Android", "MySQL", "Git"], [],
            [Job("Senior API Developer", "Safaricom PLC", "Nairobi", "2021-05", None,
                 ["Built the developer onboarding portal used by 40,000 businesses.", "Mentored 5 graduate developers."]),
             Job("Software Developer", "Cellulant Kenya Ltd", "Nairobi", "2018-02", "2021-04",
                 ["Integrated 12 banks into the payments gateway using Java."])],
            [School("Bachelor of Science", "Computer Science", "University of Nairobi", "2013", "2017"),
             School("Kenya Certificate of Secondary Education (KCSE)", None, "Maseno School", "2009", "2012")]))

_add("australian_career_changer", """Sarah Mitchell
Brisbane QLD 4000 · 0491 570 156 · sarah.mitchell@example.com.au
linkedin.com/in/sarahmitchell-data

Career Summary
Former secondary maths teacher now working in data analysis. Completed a data analytics bootcamp in 2022 and build reporting for a health insurer.

Employment

Junior Data Analyst
Medibank, Brisbane QLD
Feb 2023 – current
- Automated the monthly claims report in Python, saving 2 days of manual work.
- Built 6 Power BI dashboards for the member retention team.

Mathematics Teacher
Kelvin Grove State College, Brisbane QLD
Jan 2014 – Dec 2022
- Taught Year 10–12 mathematics to classes of up to 28 students.
- Coordinated the school's NAPLAN numeracy data for 4 years.

Education & Training
Data Analytics Bootcamp, General Assembly, 2022
Graduate Diploma of Education, Queensland University of Technology, 2013
Bachelor of Mathematics, The University of Queensland, 2010 – 2012

Skills
SQL · Python · Power BI · Excel · Tableau

Referees available on request.
""", Person("Sarah Mitchell", "sarah.mitchell@example.com.au", "0491 570 156", "Brisbane QLD",
            ["https://linkedin.com/in/sarahmitchell-data"],
            "Former secondary maths teacher now working in data analysis. Completed a data analytics bootcamp in 2022 "
            "and build reporting for a health insurer.",
            ["SQL", "Python", "Power BI", "Excel", "Tableau"], [],
            [Job("Junior Data Analyst", "Medibank", "Brisbane QLD", "2023-02", None,
                 ["Automated the monthly claims report in Python, saving 2 days of manual work.",
                  "Built 6 Power BI dashboards for the member retention team."]),
             Job("Mathematics Teacher", "Kelvin Grove State College", "Brisbane QLD", "2014-01", "2022-12",
                 ["Taught Year 10–12 mathematics to classes of up to 28 students.",
                  "Coordinated the school's NAPLAN numeracy data for 4 years."])],
            [School("Data Analytics Bootcamp", None, "General Assembly", None, "2022"),
             School("Graduate Diploma of Education", None, "Queensland University of Technology", None, "2013"),
             School("Bachelor of Mathematics", None, "The University of Queensland", "2010", "2012")]))

_add("korean_brackets_tilde", """Lee Ji-eun
Seoul, Republic of Korea | 010-9876-5432 | jieun.lee@example.co.kr | github.com/jieunlee

[Summary]
Android developer with 7 years in fintech and e-commerce apps.

[Work Experience]
Viva Republica | Android Developer | 2021.03 ~ Present
 - Rewrote the remittance flow in Jetpack Compose; the crash rate fell 35%.
Coupang | Android Engineer | 2018.01 ~ 2021.02
 - Built the delivery tracking screen used by 10 million customers.
Kakao Corp. | Software Engineering Intern | 2017.07 ~ 2017.08
 - Wrote UI tests for the KakaoTalk settings screens.

[Education]
Yonsei University | B.S. in Computer Science | 2011 ~ 2017

[Skills]
Kotlin, Java, Android, Jetpack Compose, Firebase

[Languages]
Korean (native), English (TOEIC 905)
""", Person("Lee Ji-eun", "jieun.lee@example.co.kr", "010-9876-5432", "Seoul, Republic of Korea",
            ["https://github.com/jieunlee"], "Android developer with 7 years in fintech and e-commerce apps.",
            ["Kotlin", "Java", "Android", "Jetpack Compose", "Firebase"], [],
            [Job("Android Developer", "Viva Republica", None, "2021-03", None,
                 ["Rewrote the remittance flow in Jetpack Compose; the crash rate fell 35%."]),
             Job("Android Engineer", "Coupang", None, "2018-01", "2021-02",
                 ["Built the delivery tracking screen used by 10 million customers."]),
             Job("Software Engineering Intern", "Kakao Corp.", None, "2017-07", "2017-08",
                 ["Wrote UI tests for the KakaoTalk settings screens."])],
            [School("B.S.", "Computer Science", "Yonsei University", "2011", "2017")],
            [], ["Korean", "English"]))

_add("gulf_personal_details", """MOHAMMED AL-HASHIMI
Dubai, United Arab Emirates
Mobile: +971 50 123 4567 | E-mail: m.alhashimi@example.ae

PERSONAL DETAILS
Nationality: Jordanian
Date of Birth: 14/06/1988
Visa Status: UAE Residence Visa (transferable)
Driving Licence: UAE, valid

PROFESSIONAL SUMMARY
CCNP-certified network engineer with 12 years across telecom operators and data centres in Jordan and the UAE.

PROFESSIONAL EXPERIENCE
Etisalat – Dubai, UAE
Senior Network Engineer | Jan '22 – Present
• Designed the SD-WAN rollout for 150 enterprise branches.
• Led a team of 4 engineers on overnight core migrations.

Injazat Data Systems – Abu Dhabi, UAE
Network Engineer | Jan '19 – Dec '21
• Cut data centre network outages by 30% by redesigning BGP policies.

Zain Jordan – Amman, Jordan
NOC Engineer | Jul '12 – Dec '18
• Monitored 2,000 cell sites around the clock.

EDUCATION
B.Sc. in Communications Engineering, Jordan University of Science and Technology, 2006 – 2011

CERTIFICATIONS
Cisco CCNP Enterprise
Cisco CCNA
ITIL 4 Foundation

TECHNICAL SKILLS
Cisco IOS, BGP, OSPF, SD-WAN, Linux, Python

LANGUAGES
Arabic – Native | English – Fluent
""", Person("Mohammed Al-Hashimi", "m.alhashimi@example.ae", "+971 50 123 4567", "Dubai, United Arab Emirates", [],
            "CCNP-certified network engineer with 12 years across telecom operators and data centres in Jordan and "
            "the UAE.",
            ["Cisco IOS", "BGP", "OSPF", "SD-WAN", "Linux", "Python"], [],
            [Job("Senior Network Engineer", "Etisalat", "Dubai, UAE", "2022-01", None,
                 ["Designed the SD-WAN rollout for 150 enterprise branches.",
                  "Led a team of 4 engineers on overnight core migrations."]),
             Job("Network Engineer", "Injazat Data Systems", "Abu Dhabi, UAE", "2019-01", "2021-12",
                 ["Cut data centre network outages by 30% by redesigning BGP policies."]),
             Job("NOC Engineer", "Zain Jordan", "Amman, Jordan", "2012-07", "2018-12",
                 ["Monitored 2,000 cell sites around the clock."])],
            [School("B.Sc.", "Communications Engineering", "Jordan University of Science and Technology",
                    "2006", "2011")],
            ["Cisco CCNP Enterprise", "Cisco CCNA", "ITIL 4 Foundation"], ["Arabic", "English"]))

_add("french_depuis", """Julien MOREAU
Développeur back-end Java
Lyon, France
06 12 34 56 78 — julien.moreau@example.fr
Permis B

EXPÉRIENCES PROFESSIONNELLES

Depuis 2021    Développeur back-end — Groupe SEB, Écully
               • Migration de 40 services vers Spring Boot 3.
               • Encadrement de deux alternants.

2016 – 2021    Développeur Java — Sopra Steria, Lyon
               • Maintenance de l'application de paie d'un grand client public.

FORMATION

2014 – 2016    Master Informatique, Université Claude Bernard Lyon 1
2011 – 2014    Licence Informatique, Université Claude Bernard Lyon 1

COMPÉTENCES
Java, Spring Boot, PostgreSQL, Docker, Jenkins

LANGUES
Anglais : courant (TOEIC 910)
Espagnol : notions

CENTRES D'INTÉRÊT
Escalade, photographie
""", Person("Julien Moreau", "julien.moreau@example.fr", "06 12 34 56 78", "Lyon, France", [], "",
            ["Java", "Spring Boot", "PostgreSQL", "Docker", "Jenkins"], [],
            [Job("Développeur back-end", "Groupe SEB", "Écully", "2021", None,
                 ["Migration de 40 services vers Spring Boot 3.", "Encadrement de deux alternants."]),
             Job("Développeur Java", "Sopra Steria", "Lyon", "2016", "2021",
                 ["Maintenance de l'application de paie d'un grand client public."])],
            [School("Master", "Informatique", "Université Claude Bernard Lyon 1", "2014", "2016"),
             School("Licence", "Informatique", "Université Claude Bernard Lyon 1", "2011", "2014")],
            [], ["Anglais", "Espagnol"]))

_add("spanish_de_dates", """Lucía Fernández Ortega
Madrid · +34 655 12 34 56 · lucia.fernandez@example.es · www.linkedin.com/in/luciafernandezortega

Perfil
Ingeniera de datos con experiencia en banca y telecomunicaciones. Me interesan la calidad del dato y la automatización.

Experiencia laboral

BBVA — Ingeniera de datos sénior
septiembre de 2019 – actualidad · Madrid
- Diseñé el lago de datos de riesgos sobre Apache Spark.
- Reduje un 45 % el tiempo de los procesos nocturnos.

Telefónica — Analista de datos
marzo de 2016 – agosto de 2019 · Madrid
- Automaticé 20 informes semanales con Python y SQL.

Formación
Máster en Big Data y Data Science, Universidad Complutense de Madrid, 2015 – 2016
Grado en Matemáticas, Universidad Autónoma de Madrid, 2011 – 2015

Conocimientos
Python, Apache Spark, SQL, Airflow, AWS

Idiomas
Español (nativo), inglés (C1), francés (B1)
""", Person("Lucía Fernández Ortega", "lucia.fernandez@example.es", "+34 655 12 34 56", "Madrid",
            ["https://www.linkedin.com/in/luciafernandezortega"],
            "Ingeniera de datos con experiencia en banca y telecomunicaciones. Me interesan la calidad del dato y la "
            "automatización.",
            ["Python", "Apache Spark", "SQL", "Apache Airflow", "Amazon Web Services"], [],
            [Job("Ingeniera de datos sénior", "BBVA", "Madrid", "2019-09", None,
                 ["Diseñé el lago de datos de riesgos sobre Apache Spark.",
                  "Reduje un 45 % el tiempo de los procesos nocturnos."]),
             Job("Analista de datos", "Telefónica", "Madrid", "2016-03", "2019-08",
                 ["Automaticé 20 informes semanales con Python y SQL."])],
            [School("Máster", "Big Data y Data Science", "Universidad Complutense de Madrid", "2015", "2016"),
             School("Grado", "Matemáticas", "Universidad Autónoma de Madrid", "2011", "2015")],
            [], ["Español", "inglés", "francés"]))

_add("us_veteran_spaced_row", """MARCUS J. WILLIAMS
San Antonio, TX | (210) 555-0187 | marcus.williams@example.com | linkedin.com/in/marcusjwilliams
Active Secret Clearance | U.S. Army Veteran

SUMMARY
Army logistics officer moving into civilian project management after 10 years leading teams of up to 60 soldiers. PMP certified.

PROFESSIONAL EXPERIENCE
Project Management Intern      USAA, San Antonio, TX      Mar 2024 – Jun 2024
• Tracked a 9-month claims platform migration in Jira for 3 Scrum teams through the DoD SkillBridge program.
Logistics Officer      U.S. Army, Fort Cavazos, TX      Jun 2016 – Feb 2024
• Managed $12M of equipment with zero losses across 3 command inspections.
• Planned the rail movement of 400 vehicles for a 2022 deployment to Poland.
Platoon Leader      U.S. Army, Fort Bliss, TX      May 2014 – May 2016
• Led a platoon of 35 soldiers through 2 field training rotations.

EDUCATION
Master of Science in Management, Webster University, 2019 – 2021
Bachelor of Science in Business Administration, Texas A&M University, 2010 – 2014

CERTIFICATIONS
Project Management Professional (PMP)
Lean Six Sigma Green Belt

SKILLS
Project management, Agile, Scrum, Jira, Excel
""", Person("Marcus J. Williams", "marcus.williams@example.com", "(210) 555-0187", "San Antonio, TX",
            ["https://linkedin.com/in/marcusjwilliams"],
            "Army logistics officer moving into civilian project management after 10 years leading teams of up to 60 "
            "soldiers. PMP certified.",
            ["Project management", "Agile", "Scrum", "Jira", "Excel"], [],
            [Job("Project Management Intern", "USAA", "San Antonio, TX", "2024-03", "2024-06",
                 ["Tracked a 9-month claims platform migration in Jira for 3 Scrum teams through the DoD SkillBridge "
                  "program."]),
             Job("Logistics Officer", "U.S. Army", "Fort Cavazos, TX", "2016-06", "2024-02",
                 ["Managed $12M of equipment with zero losses across 3 command inspections.",
                  "Planned the rail movement of 400 vehicles for a 2022 deployment to Poland."]),
             Job("Platoon Leader", "U.S. Army", "Fort Bliss, TX", "2014-05", "2016-05",
                 ["Led a platoon of 35 soldiers through 2 field training rotations."])],
            [School("Master of Science", "Management", "Webster University", "2019", "2021"),
             School("Bachelor of Science", "Business Administration", "Texas A&M University", "2010", "2014")],
            ["Project Management Professional (PMP)", "Lean Six Sigma Green Belt"]))

_add("swiss_since", """Anna Keller
Zürich, Switzerland
+41 79 123 45 67
anna.keller@example.ch
https://annakeller.ch

Profile
Site reliability engineer. Calm on-call, boring deploys.

Experience

Site Reliability Engineer at Google, Zürich
since 2021
- Ran the rollout of a new load balancer to 30 regions.

DevOps Engineer at Swisscom, Bern
2017 to 2020
- Moved 200 servers to Ansible.

Education
ETH Zürich — MSc Computer Science (2015 – 2017)
ETH Zürich — BSc Computer Science (2012 – 2015)

Skills
Go, Kubernetes, Terraform, Ansible, Prometheus

Languages
German (native) · English (C2) · French (B2)
""", Person("Anna Keller", "anna.keller@example.ch", "+41 79 123 45 67", "Zürich, Switzerland",
            ["https://annakeller.ch"], "Site reliability engineer. Calm on-call, boring deploys.",
            ["Go", "Kubernetes", "Terraform", "Ansible", "Prometheus"], [],
            [Job("Site Reliability Engineer", "Google", "Zürich", "2021", None,
                 ["Ran the rollout of a new load balancer to 30 regions."]),
             Job("DevOps Engineer", "Swisscom", "Bern", "2017", "2020", ["Moved 200 servers to Ansible."])],
            [School("MSc", "Computer Science", "ETH Zürich", "2015", "2017"),
             School("BSc", "Computer Science", "ETH Zürich", "2012", "2015")],
            [], ["German", "English", "French"]))

_add("south_african_employer_labels", """THABO MOKOENA
Johannesburg, Gauteng
Cell: 082 555 0134
Email: thabo.mokoena@example.co.za
Driver's licence: Code 08 (B) | Own transport

WORK EXPERIENCE

Employer: Discovery Health
Position: Actuarial Analyst
Period: 2020/01 – present
Duties:
• Priced 3 new medical scheme options for the 2023 benefit year.
• Built claims cost models in R.

Employer: Old Mutual
Position: Graduate Actuarial Trainee
Period: 2017/02 – 2019/12
Duties:
• Rotated through the life, pensions and investments teams.
Reason for leaving: Career advancement

EDUCATION
BSc Actuarial Science, University of the Witwatersrand, 2013 – 2016
National Senior Certificate (Matric), King Edward VII School, 2012

COMPUTER SKILLS
Excel (advanced), SQL, R, Python
""", Person("Thabo Mokoena", "thabo.mokoena@example.co.za", "082 555 0134", "Johannesburg, Gauteng", [], "",
            ["Excel", "SQL", "R", "Python"], [],
            [Job("Actuarial Analyst", "Discovery Health", None, "2020-01", None,
                 ["Priced 3 new medical scheme options for the 2023 benefit year.", "Built claims cost models in R."]),
             Job("Graduate Actuarial Trainee", "Old Mutual", None, "2017-02", "2019-12",
                 ["Rotated through the life, pensions and investments teams."])],
            [School("BSc", "Actuarial Science", "University of the Witwatersrand", "2013", "2016"),
             School("National Senior Certificate (Matric)", None, "King Edward VII School", None, "2012")]))

_add("pakistani_from_to", """Ayesha Siddiqui
Lahore, Pakistan
Cell # +92 300 1234567
ayesha.siddiqui@example.pk
github.com/ayeshasiddiqui

Professional Summary
Full-stack developer with six years of experience building Django and React applications for US and European clients.

Experience

Senior Software Engineer — Arbisoft, Lahore
From August 2021 to date
• Led a team of 4 developers on an e-learning platform with 2 million learners.
• Cut page load time by 50% with server-side caching in Redis.

Software Engineer — Systems Limited, Lahore
From July 2018 to July 2021
• Built REST APIs in Django for a retail banking client.

Education
BS (Computer Science) — FAST-NUCES — 2014 to 2018

Skills: Python, Django, React, PostgreSQL, Redis
""", Person("Ayesha Siddiqui", "ayesha.siddiqui@example.pk", "+92 300 1234567", "Lahore, Pakistan",
            ["https://github.com/ayeshasiddiqui"],
            "Full-stack developer with six years of experience building Django and React applications for US and "
            "European clients.",
            ["Python", "Django", "React", "PostgreSQL", "Redis"], [],
            [Job("Senior Software Engineer", "Arbisoft", "Lahore", "2021-08", None,
                 ["Led a team of 4 developers on an e-learning platform with 2 million learners.",
                  "Cut page load time by 50% with server-side caching in Redis."]),
             Job("Software Engineer", "Systems Limited", "Lahore", "2018-07", "2021-07",
                 ["Built REST APIs in Django for a retail banking client."])],
            [School("BS", "Computer Science", "FAST-NUCES", "2014", "2018")]))

_add("egyptian_month_hyphen_year", """Ahmed Mostafa Hassan
Cairo, Egypt | +20 100 123 4567 | ahmed.m.hassan@example.com.eg
Military Status: Completed | Marital Status: Married

Experience

Vodafone Egypt — Smart Village, Giza
Data Engineer                                      Oct-2020 – Present
- Built Spark jobs that process 4 TB of call records daily.
- Moved 60 legacy SSIS packages to Airflow.

Orange Egypt — Cairo
BI Developer                                       Aug-2017 – Sep-2020
- Designed the sales data mart used by 300 analysts.

Education
B.Sc. Computer Engineering, Cairo University, 2012 – 2017 (Grade: Very Good)

Skills
Apache Spark, Kafka, SQL, Airflow, Python

Languages
Arabic (native), English (very good), German (basic)
""", Person("Ahmed Mostafa Hassan", "ahmed.m.hassan@example.com.eg", "+20 100 123 4567", "Cairo, Egypt", [], "",
            ["Apache Spark", "Apache Kafka", "SQL", "Apache Airflow", "Python"], [],
            [Job("Data Engineer", "Vodafone Egypt", "Smart Village, Giza", "2020-10", None,
                 ["Built Spark jobs that process 4 TB of call records daily.",
                  "Moved 60 legacy SSIS packages to Airflow."]),
             Job("BI Developer", "Orange Egypt", "Cairo", "2017-08", "2020-09",
                 ["Designed the sales data mart used by 300 analysts."])],
            [School("B.Sc.", "Computer Engineering", "Cairo University", "2012", "2017")],
            [], ["Arabic", "English", "German"]))


# PDFs ----------------------------------------------------------------------------------------

def _rule(pdf: _Pdf, left: float, right: float) -> None:
    """A thin line under a heading, as word processors' "border below" draws it."""
    pdf.canvas.setLineWidth(0.6)
    pdf.canvas.line(left, pdf.y + 8, right, pdf.y + 8)
    pdf.y -= 4


def academic_pdf() -> bytes:
    """An academic CV: appointments, education with a thesis line, numbered publications, grants, teaching."""
    pdf = _Pdf(latin=True)
    left, right = 60, pdf.width - 60
    pdf.text(left, "Efua Asante, PhD", size=18, bold=True)
    pdf.text(left, "Department of Infectious Disease Epidemiology", size=9.5)
    pdf.text(left, "London, UK  ·  efua.asante@example.ac.uk  ·  +44 20 7946 0321", size=9.5)
    pdf.text(left, "orcid.org/0000-0002-4417-9130  ·  scholar.google.com/citations?user=eAsAnT3AAAAJ", size=9.5)
    pdf.y -= 8

    def heading(text: str) -> None:
        pdf.y -= 4
        pdf.text(left, text, size=11, bold=True)

    heading("ACADEMIC APPOINTMENTS")
    for title, place, dates, bullets in (
        ("Assistant Professor", "London School of Hygiene & Tropical Medicine, London, UK", "2021–present", []),
        ("Postdoctoral Research Fellow", "University of Oxford, Oxford, UK", "2018–2021",
         ["Built a Bayesian model of malaria incidence across 12 districts of northern Ghana."]),
    ):
        pdf.text(left, title, size=10, bold=True, advance=False)
        pdf.text(0, dates, size=10, right=right)
        pdf.text(left, place, size=10)
        for bullet in bullets:
            pdf.text(left + 10, f"• {bullet}", size=9.5, wrap=right - left - 20)
    heading("EDUCATION")
    for degree, school, dates, extra in (
        ("PhD in Epidemiology", "University of Oxford", "2014–2018",
         'Thesis: "Spatial models of malaria transmission in the Upper East Region of Ghana"'),
        ("MPH", "University of Ghana", "2011–2013", None),
        ("BSc in Biochemistry", "Kwame Nkrumah University of Science and Technology", "2006–2010", None),
    ):
        pdf.text(left, degree, size=10, bold=True, advance=False)
        pdf.text(0, dates, size=10, right=right)
        pdf.text(left, school, size=10)
        if extra:
            pdf.text(left, extra, size=9)
    heading("SELECTED PUBLICATIONS")
    for n, reference in enumerate((
        "Asante E, Boateng K, Smith J. Seasonal drivers of malaria incidence in northern Ghana, 2010–2020. "
        "Lancet Planet Health. 2023;7(4):e301–e310.",
        "Asante E, Owusu P. A hierarchical model for sparse malaria surveillance data. Stat Med. 2020;39:1120–1135.",
        "Owusu P, Asante E, Mensah A. Rainfall and bed-net use in the Upper East Region. Malar J. 2019;18:212.",
    ), start=1):
        pdf.text(left, f"{n}. {reference}", size=9.5, wrap=right - left)
    heading("GRANTS AND AWARDS")
    pdf.text(left, "2022–2026   Wellcome Trust Early-Career Award (£450,000)", size=9.5)
    pdf.text(left, "2019        Royal Society of Tropical Medicine and Hygiene Early Career Prize", size=9.5)
    heading("TEACHING")
    pdf.text(left, "2021–present   Module lead, Statistical Methods in Epidemiology (MSc)", size=9.5)
    heading("SKILLS")
    pdf.text(left, "R, Stan, Python, QGIS", size=9.5)
    heading("LANGUAGES")
    pdf.text(left, "English (native), Twi (native), French (working knowledge)", size=9.5)
    return pdf.done()


ACADEMIC_LABEL = Person(
    "Efua Asante", "efua.asante@example.ac.uk", "+44 20 7946 0321", "London, UK",
    ["https://orcid.org/0000-0002-4417-9130", "https://scholar.google.com/citations?user=eAsAnT3AAAAJ"], "",
    ["R", "Stan", "Python", "QGIS"], [],
    [Job("Assistant Professor", "London School of Hygiene & Tropical Medicine", "London, UK", "2021", None, []),
     Job("Postdoctoral Research Fellow", "University of Oxford", "Oxford, UK", "2018", "2021",
         ["Built a Bayesian model of malaria incidence across 12 districts of northern Ghana."])],
    [School("PhD", "Epidemiology", "University of Oxford", "2014", "2018"),
     School("MPH", None, "University of Ghana", "2011", "2013"),
     School("BSc", "Biochemistry", "Kwame Nkrumah University of Science and Technology", "2006", "2010")],
    [], ["English", "Twi", "French"],
)


def brazilian_two_column_pdf() -> bytes:
    """Two columns in Portuguese: a left sidebar holding contact, education, tools and languages."""
    pdf = _Pdf(latin=True)
    side, main, right = 40, 215, pdf.width - 40
    pdf.text(side, "Beatriz Carvalho Lima", size=22, bold=True)
    pdf.text(side, "Product Designer", size=12)
    pdf.y -= 10
    top = pdf.y
    for heading, items in (
        ("CONTATO", ["beatriz.lima@example.com.br", "(11) 98765-4321", "São Paulo, SP", "behance.net/beatrizlima",
                     "linkedin.com/in/beatrizclima"]),
        ("FORMAÇÃO", ["Bacharelado em Design", "Universidade de São Paulo", "2012 – 2016", "",
                      "Especialização em UX Design", "PUC-Rio", "2018 – 2019"]),
        ("FERRAMENTAS", ["Figma", "Sketch", "Adobe Illustrator", "HTML", "CSS"]),
        ("IDIOMAS", ["Português (nativo)", "Inglês (avançado)", "Espanhol (intermediário)"]),
    ):
        pdf.text(side, heading, size=11, bold=True)
        for item in items:
            if item:
                pdf.text(side, item, size=8.5)
            else:
                pdf.y -= 4
        pdf.y -= 8
    pdf.y = top
    pdf.text(main, "SOBRE MIM", size=11, bold=True)
    pdf.text(main, "Designer de produto com 8 anos de experiência em fintechs e e-commerce. Gosto de pesquisa com "
                   "usuários e de sistemas de design.", size=9.5, wrap=right - main)
    pdf.y -= 6
    pdf.text(main, "EXPERIÊNCIA", size=11, bold=True)
    for title, company, dates, place, bullets in (
        ("Product Designer Sênior", "Nubank", "2021/03 – atual", "São Paulo, SP",
         ["Redesenhei o fluxo de Pix no app, reduzindo erros de transferência em 25%.",
          "Conduzo 40 entrevistas com clientes por trimestre."]),
        ("UX Designer", "Magazine Luiza", "2017/09–2021/02", "São Paulo, SP",
         ["Criei o design system usado por 12 squads."]),
        ("Designer Gráfico", "Agência Lema", "2016/01–2017/08", "Campinas, SP",
         ["Produzi campanhas para 15 clientes de varejo."]),
    ):
        pdf.text(main, f"{title} — {company}", size=10, bold=True)
        pdf.text(main, f"{dates} | {place}", size=9)
        for bullet in bullets:
            pdf.text(main + 8, f"• {bullet}", size=9.5, wrap=right - main - 12)
        pdf.y -= 4
    return pdf.done()


BRAZILIAN_LABEL = Person(
    "Beatriz Carvalho Lima", "beatriz.lima@example.com.br", "(11) 98765-4321", "São Paulo, SP",
    ["https://behance.net/beatrizlima", "https://linkedin.com/in/beatrizclima"],
    "Designer de produto com 8 anos de experiência em fintechs e e-commerce. Gosto de pesquisa com usuários e de "
    "sistemas de design.",
    ["Figma", "Sketch", "Adobe Illustrator", "HTML", "CSS"], [],
    [Job("Product Designer Sênior", "Nubank", "São Paulo, SP", "2021-03", None,
         ["Redesenhei o fluxo de Pix no app, reduzindo erros de transferência em 25%.",
          "Conduzo 40 entrevistas com clientes por trimestre."]),
     Job("UX Designer", "Magazine Luiza", "São Paulo, SP", "2017-09", "2021-02",
         ["Criei o design system usado por 12 squads."]),
     Job("Designer Gráfico", "Agência Lema", "Campinas, SP", "2016-01", "2017-08",
         ["Produzi campanhas para 15 clientes de varejo."])],
    [School("Bacharelado", "Design", "Universidade de São Paulo", "2012", "2016"),
     School("Especialização", "UX Design", "PUC-Rio", "2018", "2019")],
    [], ["Português", "Inglês", "Espanhol"],
)


def polish_gdpr_pdf() -> bytes:
    """A Polish CV with "od 04.2020" and "MM.YYYY – MM.YYYY", and the consent clause in small print at the foot."""
    from reportlab.lib.utils import simpleSplit

    pdf = _Pdf(latin=False)
    left, right = 56, pdf.width - 56
    pdf.text(left, "Katarzyna Nowak-Zielińska", size=20, bold=True)
    pdf.text(left, "Kraków  |  +48 601 234 567  |  katarzyna.nowak@example.pl  |  github.com/knowakz", size=9)
    pdf.y -= 10
    pdf.text(left, "DOŚWIADCZENIE ZAWODOWE", size=12, bold=True)
    for title, company, dates, bullets in (
        ("Senior Python Developer", "Allegro, Kraków", "od 04.2020",
         ["Przeniosłam system rekomendacji na Kubernetes.", "Skróciłam czas odpowiedzi API o 30%."]),
        ("Python Developer", "Comarch, Kraków", "10.2016 – 03.2020",
         ["Rozwijałam system fakturowania dla 200 klientów."]),
    ):
        pdf.text(left, title, bold=True, advance=False)
        pdf.text(0, dates, right=right)
        pdf.text(left, company)
        for bullet in bullets:
            pdf.text(left + 10, f"• {bullet}")
        pdf.y -= 4
    pdf.text(left, "WYKSZTAŁCENIE", size=12, bold=True)
    pdf.text(left, "Akademia Górniczo-Hutnicza w Krakowie", bold=True, advance=False)
    pdf.text(0, "2011 – 2016", right=right)
    pdf.text(left, "Magister inżynier, Informatyka")
    pdf.y -= 4
    pdf.text(left, "UMIEJĘTNOŚCI", size=12, bold=True)
    pdf.text(left, "Python, Django, PostgreSQL, Docker, Kubernetes")
    pdf.y -= 4
    pdf.text(left, "CERTYFIKATY", size=12, bold=True)
    pdf.text(left, "AWS Certified Developer – Associate")
    pdf.y -= 4
    pdf.text(left, "JĘZYKI", size=12, bold=True)
    pdf.text(left, "polski – ojczysty, angielski – C1, niemiecki – B1")
    clause = ("Wyrażam zgodę na przetwarzanie moich danych osobowych dla potrzeb niezbędnych do realizacji procesu "
              "rekrutacji zgodnie z Rozporządzeniem Parlamentu Europejskiego i Rady (UE) 2016/679 z dnia 27 kwietnia "
              "2016 r. w sprawie ochrony osób fizycznych w związku z przetwarzaniem danych osobowych (RODO).")
    pdf.canvas.setFont(pdf.regular, 7)
    for n, line in enumerate(simpleSplit(clause, pdf.regular, 7, right - left)):
        pdf.canvas.drawString(left, 60 - n * 9, line)
    return pdf.done()


POLISH_LABEL = Person(
    "Katarzyna Nowak-Zielińska", "katarzyna.nowak@example.pl", "+48 601 234 567", "Kraków",
    ["https://github.com/knowakz"], "", ["Python", "Django", "PostgreSQL", "Docker", "Kubernetes"], [],
    [Job("Senior Python Developer", "Allegro", "Kraków", "2020-04", None,
         ["Przeniosłam system rekomendacji na Kubernetes.", "Skróciłam czas odpowiedzi API o 30%."]),
     Job("Python Developer", "Comarch", "Kraków", "2016-10", "2020-03",
         ["Rozwijałam system fakturowania dla 200 klientów."])],
    [School("Magister inżynier", "Informatyka", "Akademia Górniczo-Hutnicza w Krakowie", "2011", "2016")],
    ["AWS Certified Developer – Associate"], ["polski", "angielski", "niemiecki"], latin=False,
)


def japanese_pdf() -> bytes:
    """Japanese-English: family name in capitals, "YYYY.MM – Present" right-aligned, a "Qualifications" section."""
    pdf = _Pdf(latin=True)
    left, right = 56, pdf.width - 56
    pdf.text(left, "Kenji YAMAMOTO", size=20, bold=True)
    pdf.text(left, "Tokyo, Japan  |  +81 90-1234-5678  |  kenji.yamamoto@example.jp  |  github.com/kyamamoto", size=9)
    pdf.y -= 8
    pdf.text(left, "Summary", size=12, bold=True)
    pdf.text(left, "Backend engineer with 8 years at Japanese web companies. Currently leading the payments API team "
                   "at Mercari.", wrap=right - left)
    pdf.y -= 6
    pdf.text(left, "Work Experience", size=12, bold=True)
    for company, dates, title, bullets in (
        ("Mercari, Inc. — Tokyo", "2019.04 – Present", "Backend Engineer",
         ["Led a team of 6 engineers building the settlement API in Go.",
          "Reduced the settlement batch from 3 hours to 20 minutes.",
          "Promoted to tech lead in October 2022."]),
        ("Rakuten, Inc. — Tokyo", "2016.04 – 2019.03", "Software Engineer",
         ["Maintained the marketplace search API in Java at 1,000 requests per second."]),
    ):
        pdf.text(left, company, bold=True, advance=False)
        pdf.text(0, dates, right=right)
        pdf.text(left, title)
        for bullet in bullets:
            pdf.text(left + 10, f"• {bullet}", wrap=right - left - 20)
        pdf.y -= 4
    pdf.text(left, "Education", size=12, bold=True)
    pdf.text(left, "Keio University — B.E. in Information Engineering", advance=False)
    pdf.text(0, "2012 – 2016", right=right)
    pdf.y -= 6
    pdf.text(left, "Qualifications", size=12, bold=True)
    pdf.text(left, "Applied Information Technology Engineer Examination (2017)")
    pdf.text(left, "TOEIC 915 (2018)")
    pdf.y -= 6
    pdf.text(left, "Skills", size=12, bold=True)
    pdf.text(left, "Go, Java, MySQL, Kubernetes, GCP")
    pdf.y -= 6
    pdf.text(left, "Languages", size=12, bold=True)
    pdf.text(left, "Japanese (native), English (business)")
    return pdf.done()


JAPANESE_LABEL = Person(
    "Kenji Yamamoto", "kenji.yamamoto@example.jp", "+81 90-1234-5678", "Tokyo, Japan", ["https://github.com/kyamamoto"],
    "Backend engineer with 8 years at Japanese web companies. Currently leading the payments API team at Mercari.",
    ["Go", "Java", "MySQL", "Kubernetes", "Google Cloud Platform"], [],
    [Job("Backend Engineer", "Mercari, Inc.", "Tokyo", "2019-04", None,
         ["Led a team of 6 engineers building the settlement API in Go.",
          "Reduced the settlement batch from 3 hours to 20 minutes.", "Promoted to tech lead in October 2022."]),
     Job("Software Engineer", "Rakuten, Inc.", "Tokyo", "2016-04", "2019-03",
         ["Maintained the marketplace search API in Java at 1,000 requests per second."])],
    [School("B.E.", "Information Engineering", "Keio University", "2012", "2016")],
    ["Applied Information Technology Engineer Examination", "TOEIC 915"], ["Japanese", "English"],
)


def vietnamese_pdf() -> bytes:
    """Vietnamese headings with their English translation after a slash; "MM/YYYY – Hiện tại"."""
    pdf = _Pdf(latin=False)
    left, right = 50, pdf.width - 50
    pdf.text(left, "NGUYỄN THỊ THU HÀ", size=20, bold=True)
    pdf.text(left, "Hà Nội, Việt Nam | (+84) 912 345 678 | thuha.nguyen@example.vn | github.com/thuhanguyen", size=9)
    pdf.y -= 8

    def heading(text: str) -> None:
        pdf.text(left, text, size=11.5, bold=True)
        _rule(pdf, left, right)

    heading("MỤC TIÊU NGHỀ NGHIỆP / CAREER OBJECTIVE")
    pdf.text(left, "Frontend developer with 6 years of experience in React and Vue.js, aiming to lead a frontend team.",
             wrap=right - left)
    pdf.y -= 6
    heading("KINH NGHIỆM LÀM VIỆC / WORK EXPERIENCE")
    for company, title, dates, bullets in (
        ("FPT Software | Hà Nội", "Senior Frontend Developer", "06/2021 – Hiện tại",
         ["Built a React dashboard for a Japanese automotive client used by 3,000 dealers.",
          "Trained 8 fresher developers in TypeScript."]),
        ("VNG Corporation | TP. Hồ Chí Minh", "Frontend Developer", "07/2018 – 05/2021",
         ["Developed the ZaloPay web checkout in Vue.js."]),
    ):
        pdf.text(left, company, bold=True)
        pdf.text(left, title, advance=False)
        pdf.text(0, dates, right=right)
        for bullet in bullets:
            pdf.text(left + 10, f"- {bullet}", size=9.5, wrap=right - left - 20)
        pdf.y -= 4
    heading("HỌC VẤN / EDUCATION")
    pdf.text(left, "Hanoi University of Science and Technology", bold=True)
    pdf.text(left, "Bachelor of Engineering in Information Technology", advance=False)
    pdf.text(0, "2013 – 2018", right=right)
    pdf.y -= 6
    heading("KỸ NĂNG / SKILLS")
    pdf.text(left, "JavaScript, TypeScript, React, Vue.js, HTML, CSS")
    pdf.y -= 6
    heading("CHỨNG CHỈ / CERTIFICATES")
    pdf.text(left, "AWS Certified Cloud Practitioner (2022)")
    pdf.y -= 6
    heading("NGÔN NGỮ / LANGUAGES")
    pdf.text(left, "Vietnamese (native), English (IELTS 7.0), Japanese (JLPT N3)")
    return pdf.done()


VIETNAMESE_LABEL = Person(
    "Nguyễn Thị Thu Hà", "thuha.nguyen@example.vn", "(+84) 912 345 678", "Hà Nội, Việt Nam",
    ["https://github.com/thuhanguyen"],
    "Frontend developer with 6 years of experience in React and Vue.js, aiming to lead a frontend team.",
    ["JavaScript", "TypeScript", "React", "Vue.js", "HTML", "CSS"], [],
    [Job("Senior Frontend Developer", "FPT Software", "Hà Nội", "2021-06", None,
         ["Built a React dashboard for a Japanese automotive client used by 3,000 dealers.",
          "Trained 8 fresher developers in TypeScript."]),
     Job("Frontend Developer", "VNG Corporation", "TP. Hồ Chí Minh", "2018-07", "2021-05",
         ["Developed the ZaloPay web checkout in Vue.js."])],
    [School("Bachelor of Engineering", "Information Technology", "Hanoi University of Science and Technology",
            "2013", "2018")],
    ["AWS Certified Cloud Practitioner"], ["Vietnamese", "English", "Japanese"], latin=False,
)


def us_new_grad_pdf() -> bytes:
    """A US new graduate: education first with "Expected May 2025", summer internships, ruled headings."""
    pdf = _Pdf(latin=True)
    left, right = 50, pdf.width - 50
    pdf.canvas.setFont(pdf.bold, 20)
    pdf.canvas.drawCentredString(pdf.width / 2, pdf.y, "Daniela Ortiz")
    pdf.y -= 18
    pdf.canvas.setFont(pdf.regular, 9)
    pdf.canvas.drawCentredString(pdf.width / 2, pdf.y, "Austin, TX | (512) 555-0148 | dortiz@example.edu | "
                                                       "github.com/daniela-ortiz | danielaortiz.dev")
    pdf.y -= 24

    def heading(text: str) -> None:
        pdf.text(left, text, size=11, bold=True)
        _rule(pdf, left, right)

    heading("EDUCATION")
    pdf.text(left, "The University of Texas at Austin", bold=True, advance=False)
    pdf.text(0, "Austin, TX", right=right)
    pdf.text(left, "B.S. in Computer Science, Minor in Business", advance=False)
    pdf.text(0, "Expected May 2025", right=right)
    pdf.text(left, "GPA: 3.8/4.0 | Relevant Coursework: Operating Systems, Distributed Systems, Machine Learning, "
                   "Databases", size=9, wrap=right - left)
    pdf.y -= 6
    heading("EXPERIENCE")
    for title, dates, company, bullets in (
        ("Software Engineering Intern", "Summer 2024", "Dell Technologies, Round Rock, TX",
         ["Built a Kafka consumer in Java that flags failed firmware updates across 50,000 servers."]),
        ("Software Engineering Intern", "Summer 2023", "Indeed, Austin, TX",
         ["Added filters to the job alerts page in React, used by 2 million job seekers a week."]),
        ("Undergraduate Teaching Assistant", "Aug 2022 – May 2024", "The University of Texas at Austin, Austin, TX",
         ["Held weekly office hours for 150 students in CS 314 Data Structures."]),
    ):
        pdf.text(left, title, bold=True, advance=False)
        pdf.text(0, dates, right=right)
        pdf.text(left, company)
        for bullet in bullets:
            pdf.text(left + 10, f"• {bullet}", wrap=right - left - 20)
        pdf.y -= 4
    heading("PROJECTS")
    pdf.text(left, "Campus Eats: a food-truck locator in React Native and Firebase (winner, HackTX 2023)")
    pdf.y -= 6
    heading("SKILLS")
    pdf.text(left, "Languages: Java, Python, JavaScript, SQL")
    pdf.text(left, "Frameworks: React, Node.js, Spring Boot")
    pdf.text(left, "Tools: Git, Docker, AWS")
    return pdf.done()


US_NEW_GRAD_LABEL = Person(
    "Daniela Ortiz", "dortiz@example.edu", "(512) 555-0148", "Austin, TX",
    ["https://github.com/daniela-ortiz", "https://danielaortiz.dev"], "",
    ["Java", "Python", "JavaScript", "SQL", "React", "Node.js", "Spring Boot", "Git", "Docker", "Amazon Web Services"],
    [],
    [Job("Software Engineering Intern", "Dell Technologies", "Round Rock, TX", "2024", "2024",
         ["Built a Kafka consumer in Java that flags failed firmware updates across 50,000 servers."]),
     Job("Software Engineering Intern", "Indeed", "Austin, TX", "2023", "2023",
         ["Added filters to the job alerts page in React, used by 2 million job seekers a week."]),
     Job("Undergraduate Teaching Assistant", "The University of Texas at Austin", "Austin, TX", "2022-08", "2024-05",
         ["Held weekly office hours for 150 students in CS 314 Data Structures."])],
    [School("B.S.", "Computer Science", "The University of Texas at Austin", None, "2025-05")],
)


def turkish_pdf() -> bytes:
    """A Turkish CV in Turkish: "ÖZGEÇMİŞ" over the name, personal details, "Company — Title" rows, "Devam ediyor"."""
    pdf = _Pdf(latin=False)
    left, right = 56, pdf.width - 56
    pdf.canvas.setFont(pdf.bold, 11)
    pdf.canvas.drawCentredString(pdf.width / 2, pdf.y, "ÖZGEÇMİŞ")
    pdf.y -= 26
    pdf.text(left, "Mehmet Can Öztürk", size=18, bold=True)
    pdf.text(left, "İstanbul | 0532 123 45 67 | mehmetcan.ozturk@example.com.tr | linkedin.com/in/mcozturk", size=9)
    pdf.y -= 8
    pdf.text(left, "KİŞİSEL BİLGİLER", size=11.5, bold=True)
    for line in ("Doğum Tarihi: 12.05.1992", "Askerlik Durumu: Yapıldı", "Ehliyet: B"):
        pdf.text(left, line, size=9.5)
    pdf.y -= 6
    pdf.text(left, "İŞ DENEYİMİ", size=11.5, bold=True)
    for row, dates, place, bullets in (
        ("Trendyol — Kıdemli Yazılım Mühendisi", "Ocak 2021 – Devam ediyor", "İstanbul",
         ["Sipariş servisini Go ile yeniden yazdım; gecikme %40 azaldı.", "3 kişilik bir ekibe teknik liderlik yaptım."]),
        ("Hepsiburada — Yazılım Mühendisi", "Eylül 2016 – Aralık 2020", "İstanbul",
         ["Ödeme altyapısında 15 bankayla entegrasyon geliştirdim."]),
    ):
        pdf.text(left, row, bold=True, advance=False)
        pdf.text(0, dates, right=right)
        pdf.text(left, place, size=9.5)
        for bullet in bullets:
            pdf.text(left + 10, f"• {bullet}", size=9.5)
        pdf.y -= 4
    pdf.text(left, "EĞİTİM", size=11.5, bold=True)
    pdf.text(left, "Orta Doğu Teknik Üniversitesi", bold=True, advance=False)
    pdf.text(0, "2011 – 2016", right=right)
    pdf.text(left, "Lisans, Bilgisayar Mühendisliği", size=9.5)
    pdf.y -= 6
    pdf.text(left, "YETENEKLER", size=11.5, bold=True)
    pdf.text(left, "Go, Java, PostgreSQL, Kafka, Docker", size=9.5)
    pdf.y -= 6
    pdf.text(left, "YABANCI DİL", size=11.5, bold=True)
    pdf.text(left, "İngilizce (İleri), Almanca (Başlangıç)", size=9.5)
    pdf.y -= 6
    pdf.text(left, "REFERANSLAR", size=11.5, bold=True)
    pdf.text(left, "İstenildiğinde verilecektir.", size=9.5)
    return pdf.done()


TURKISH_LABEL = Person(
    "Mehmet Can Öztürk", "mehmetcan.ozturk@example.com.tr", "0532 123 45 67", "İstanbul",
    ["https://linkedin.com/in/mcozturk"], "", ["Go", "Java", "PostgreSQL", "Apache Kafka", "Docker"], [],
    [Job("Kıdemli Yazılım Mühendisi", "Trendyol", "İstanbul", "2021-01", None,
         ["Sipariş servisini Go ile yeniden yazdım; gecikme %40 azaldı.", "3 kişilik bir ekibe teknik liderlik yaptım."]),
     Job("Yazılım Mühendisi", "Hepsiburada", "İstanbul", "2016-09", "2020-12",
         ["Ödeme altyapısında 15 bankayla entegrasyon geliştirdim."])],
    [School("Lisans", "Bilgisayar Mühendisliği", "Orta Doğu Teknik Üniversitesi", "2011", "2016")],
    [], ["İngilizce", "Almanca"], latin=False,
)


def singapore_margin_headings_pdf() -> bytes:
    """Headings in a left margin, each on the same row as the first line of its section."""
    pdf = _Pdf(latin=True)
    margin, body, right = 50, 160, pdf.width - 50
    pdf.text(margin, "Tan Wei Ling", size=20, bold=True)
    pdf.text(margin, "Singapore · +65 9123 4567 · weiling.tan@example.sg · linkedin.com/in/tanweiling", size=9)
    pdf.y -= 12

    def heading(text: str) -> None:
        pdf.y -= 6
        pdf.text(margin, text, size=9, bold=True, advance=False)

    heading("PROFILE")
    pdf.text(body, "Credit risk analyst turned machine learning engineer, building fraud and credit models for "
                   "Southeast Asian fintech.", size=9.5, wrap=right - body)
    heading("EXPERIENCE")
    for title, dates, bullets in (
        ("Machine Learning Engineer, Grab, Singapore", "Apr 2022 – Present",
         ["Built fraud models that blocked S$3M of fraudulent payouts in 2023.",
          "Served models behind a feature store at 5,000 predictions per second."]),
        ("Credit Risk Analyst, DBS Bank, Singapore", "Jul 2017 – Mar 2022",
         ["Built scorecards for SME loans in SAS and Python."]),
    ):
        pdf.text(body, title, size=10, bold=True, advance=False)
        pdf.text(0, dates, size=9.5, right=right)
        for bullet in bullets:
            pdf.text(body + 8, f"• {bullet}", size=9.5, wrap=right - body - 12)
        pdf.y -= 3
    heading("EDUCATION")
    for line, dates in (("MSc Business Analytics, National University of Singapore", "2020 – 2021"),
                        ("BBA (Finance), Nanyang Technological University", "2013 – 2017")):
        pdf.text(body, line, size=9.5, advance=False)
        pdf.text(0, dates, size=9.5, right=right)
    heading("SKILLS")
    pdf.text(body, "Python, scikit-learn, SQL, Apache Spark, SAS", size=9.5)
    heading("CERTIFICATIONS")
    pdf.text(body, "Google Professional Machine Learning Engineer", size=9.5)
    heading("LANGUAGES")
    pdf.text(body, "English, Mandarin, Malay", size=9.5)
    return pdf.done()


SINGAPORE_LABEL = Person(
    "Tan Wei Ling", "weiling.tan@example.sg", "+65 9123 4567", "Singapore", ["https://linkedin.com/in/tanweiling"],
    "Credit risk analyst turned machine learning engineer, building fraud and credit models for Southeast Asian "
    "fintech.",
    ["Python", "scikit-learn", "SQL", "Apache Spark", "SAS"], [],
    [Job("Machine Learning Engineer", "Grab", "Singapore", "2022-04", None,
         ["Built fraud models that blocked S$3M of fraudulent payouts in 2023.",
          "Served models behind a feature store at 5,000 predictions per second."]),
     Job("Credit Risk Analyst", "DBS Bank", "Singapore", "2017-07", "2022-03",
         ["Built scorecards for SME loans in SAS and Python."])],
    [School("MSc", "Business Analytics", "National University of Singapore", "2020", "2021"),
     School("BBA", "Finance", "Nanyang Technological University", "2013", "2017")],
    ["Google Professional Machine Learning Engineer"], ["English", "Mandarin", "Malay"],
)


# DOCX ----------------------------------------------------------------------------------------

def _docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def german_contact_table_docx() -> bytes:
    """A German "Lebenslauf": personal details in a two-column table, tab-aligned dates, place and date to sign."""
    import docx

    document = docx.Document()
    document.add_paragraph("Lebenslauf", style="Title")
    document.add_heading("Persönliche Daten", level=1)
    rows = (("Name", "Stefan Hoffmann"), ("Wohnort", "München"), ("Telefon", "+49 (0)171 2345678"),
            ("E-Mail", "stefan.hoffmann@example.de"), ("Geburtsdatum", "03.11.1987"),
            ("Staatsangehörigkeit", "deutsch"))
    table = document.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for row, (key, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text = key
        row.cells[1].text = value
    document.add_heading("Berufserfahrung", level=1)
    for dates, title, company, bullets in (
        ("seit 03/2021", "Senior Embedded Software Engineer", "Rohde & Schwarz GmbH & Co. KG, München",
         ["Entwicklung der Firmware für Spektrumanalysatoren in C++.",
          "Einführung von Unit-Tests mit GoogleTest (Abdeckung von 20 % auf 75 %)."]),
        ("10/2015 – 02/2021", "Embedded Software Engineer", "Infineon Technologies AG, Neubiberg",
         ["Treiberentwicklung für 32-Bit-Mikrocontroller in C."]),
    ):
        paragraph = document.add_paragraph(f"{dates}\t")
        paragraph.add_run(title).bold = True
        document.add_paragraph(f"\t{company}")
        for bullet in bullets:
            document.add_paragraph(bullet, style="List Bullet")
    document.add_heading("Ausbildung", level=1)
    document.add_paragraph("2013 – 2015\tM.Sc. Elektrotechnik und Informationstechnik, Technische Universität München")
    document.add_paragraph("2009 – 2013\tB.Sc. Elektrotechnik und Informationstechnik, Technische Universität München")
    document.add_heading("Kenntnisse", level=1)
    document.add_paragraph("Programmiersprachen: C, C++, Python")
    document.add_paragraph("Werkzeuge: Git, Jenkins, Linux")
    document.add_heading("Sprachen", level=1)
    document.add_paragraph("Deutsch (Muttersprache), Englisch (verhandlungssicher), Französisch (Grundkenntnisse)")
    document.add_paragraph("")
    document.add_paragraph("München, 15. Januar 2025")
    document.add_paragraph("Stefan Hoffmann")
    return _docx_bytes(document)


GERMAN_LABEL = Person(
    "Stefan Hoffmann", "stefan.hoffmann@example.de", "+49 (0)171 2345678", "München", [], "",
    ["C", "C++", "Python", "Git", "Jenkins", "Linux"], [],
    [Job("Senior Embedded Software Engineer", "Rohde & Schwarz GmbH & Co. KG", "München", "2021-03", None,
         ["Entwicklung der Firmware für Spektrumanalysatoren in C++.",
          "Einführung von Unit-Tests mit GoogleTest (Abdeckung von 20 % auf 75 %)."]),
     Job("Embedded Software Engineer", "Infineon Technologies AG", "Neubiberg", "2015-10", "2021-02",
         ["Treiberentwicklung für 32-Bit-Mikrocontroller in C."])],
    [School("M.Sc.", "Elektrotechnik und Informationstechnik", "Technische Universität München", "2013", "2015"),
     School("B.Sc.", "Elektrotechnik und Informationstechnik", "Technische Universität München", "2009", "2013")],
    [], ["Deutsch", "Englisch", "Französisch"],
)


def senior_title_docx() -> bytes:
    """A senior executive's DOCX: the name in a large, letter-spaced, centred paragraph (not a heading style),
    26 years of roles, the oldest two condensed under "Earlier Career"."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    name = document.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = name.add_run("RAMI KHOURY")
    run.bold = True
    run.font.size = Pt(28)
    spacing = OxmlElement("w:spacing")  # character spacing, as templates space out a name
    spacing.set(qn("w:val"), "60")
    run._r.get_or_add_rPr().insert_element_before(spacing, "w:w", "w:kern", "w:position", "w:sz", "w:szCs")
    contact = document.add_paragraph("Toronto, ON  •  416-555-0199  •  rami.khoury@example.ca  •  "
                                     "linkedin.com/in/ramikhoury")
    contact.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def heading(text: str) -> None:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(12)
        section = paragraph.add_run(text.upper())
        section.bold = True
        section.font.size = Pt(12)

    heading("Executive Summary")
    document.add_paragraph("Engineering executive with 25+ years building fintech and commerce platforms in Canada. "
                           "Grows organisations past 200 engineers while keeping delivery predictable.")
    heading("Areas of Expertise")
    document.add_paragraph("People management · System design · Microservices · Agile · AWS · Java")
    heading("Professional Experience")
    for company, dates, title, bullets in (
        ("WEALTHSIMPLE — Toronto, ON", "2020 – Present", "VP Engineering",
         ["Grew the engineering organisation from 60 to 210 people across 4 time zones.",
          "Led the move of the trading platform to AWS with no customer-facing downtime."]),
        ("SHOPIFY — Ottawa, ON", "2015 – 2020", "Director of Engineering",
         ["Ran the checkout group of 9 teams through Black Friday peaks of 10,000 orders per minute."]),
        ("BLACKBERRY — Waterloo, ON", "2010 – 2015", "Engineering Manager",
         ["Managed 3 teams building the BlackBerry 10 email client."]),
        ("OPENTEXT — Waterloo, ON", "2006 – 2010", "Senior Software Developer",
         ["Wrote the document sync engine in Java."]),
    ):
        paragraph = document.add_paragraph()
        paragraph.add_run(company).bold = True
        paragraph.add_run(f"\t{dates}")
        document.add_paragraph().add_run(title).italic = True
        for bullet in bullets:
            document.add_paragraph(bullet, style="List Bullet")
    heading("Earlier Career")
    document.add_paragraph("Software Developer, Nortel Networks, Ottawa, ON (2001 – 2006)")
    document.add_paragraph("Junior Programmer, CGI Group, Montréal, QC (1998 – 2001)")
    heading("Education")
    document.add_paragraph("Executive MBA, Ivey Business School, 2008 – 2010")
    document.add_paragraph("BASc Computer Engineering, University of Waterloo, 1993 – 1998")
    heading("Languages")
    document.add_paragraph("English (native) · French (professional) · Arabic (conversational)")
    return _docx_bytes(document)


SENIOR_LABEL = Person(
    "Rami Khoury", "rami.khoury@example.ca", "416-555-0199", "Toronto, ON", ["https://linkedin.com/in/ramikhoury"],
    "Engineering executive with 25+ years building fintech and commerce platforms in Canada. Grows organisations past "
    "200 engineers while keeping delivery predictable.",
    ["People management", "System design", "Microservices", "Agile", "Amazon Web Services", "Java"], [],
    [Job("VP Engineering", "Wealthsimple", "Toronto, ON", "2020", None,
         ["Grew the engineering organisation from 60 to 210 people across 4 time zones.",
          "Led the move of the trading platform to AWS with no customer-facing downtime."]),
     Job("Director of Engineering", "Shopify", "Ottawa, ON", "2015", "2020",
         ["Ran the checkout group of 9 teams through Black Friday peaks of 10,000 orders per minute."]),
     Job("Engineering Manager", "BlackBerry", "Waterloo, ON", "2010", "2015",
         ["Managed 3 teams building the BlackBerry 10 email client."]),
     Job("Senior Software Developer", "OpenText", "Waterloo, ON", "2006", "2010",
         ["Wrote the document sync engine in Java."]),
     Job("Software Developer", "Nortel Networks", "Ottawa, ON", "2001", "2006", []),
     Job("Junior Programmer", "CGI Group", "Montréal, QC", "1998", "2001", [])],
    [School("Executive MBA", None, "Ivey Business School", "2008", "2010"),
     School("BASc", "Computer Engineering", "University of Waterloo", "1993", "1998")],
    [], ["English", "French", "Arabic"],
)


def nigerian_docx() -> bytes:
    """A Nigerian Word CV: bold underlined headings, tab-aligned personal data with two phone numbers, NYSC."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("CURRICULUM VITAE").bold = True

    def heading(text: str) -> None:
        run = document.add_paragraph().add_run(text.upper())
        run.bold = True
        run.underline = True

    heading("Personal Data")
    for key, value in (("Name", "Chukwuemeka Obinna Eze"), ("Address", "Lekki, Lagos"),
                       ("Phone", "0803 456 7890, 0812 345 6789"), ("E-mail", "emeka.eze@example.com.ng"),
                       ("Date of Birth", "21st March, 1993"), ("Sex", "Male"), ("Marital Status", "Single"),
                       ("State of Origin", "Enugu State"), ("Nationality", "Nigerian"),
                       ("Languages Spoken", "English, Igbo")):
        document.add_paragraph(f"{key}:\t\t{value}")
    heading("Career Objective")
    document.add_paragraph("To contribute my skills in cloud infrastructure and automation to a growing fintech "
                           "company while developing into a site reliability leader.")
    heading("Educational Qualifications")
    document.add_paragraph("University of Nigeria, Nsukka — B.Eng. Electronic Engineering (Second Class Upper) — "
                           "2010 – 2015")
    document.add_paragraph("Federal Government College, Enugu — West African Senior School Certificate (WASSCE) — "
                           "2004 – 2010")
    heading("Work Experience")
    for company, title, dates, bullets in (
        ("Interswitch Group, Lagos", "DevOps Engineer", "March 2020 – Date",
         ["Automated the deployment of 80 microservices with Jenkins and Kubernetes.",
          "Reduced monthly cloud spend by 22% through rightsizing."]),
        ("Sterling Bank Plc, Lagos", "IT Support Officer", "January 2017 – February 2020",
         ["Supported 1,200 staff across 40 branches."]),
        ("Kaduna State Ministry of Finance, Kaduna", "NYSC Corps Member", "2015 – 2016",
         ["Maintained the ministry's local area network."]),
    ):
        document.add_paragraph().add_run(company).bold = True
        document.add_paragraph(f"{title} — {dates}")
        for bullet in bullets:
            document.add_paragraph(bullet, style="List Bullet")
    heading("Skills")
    document.add_paragraph("Linux, Docker, Kubernetes, Jenkins, Terraform, AWS")
    heading("Certifications")
    document.add_paragraph("AWS Certified SysOps Administrator – Associate")
    document.add_paragraph("Cisco Certified Network Associate (CCNA)")
    heading("Hobbies")
    document.add_paragraph("Reading, football, travelling")
    heading("Referees")
    document.add_paragraph("Available on request.")
    return _docx_bytes(document)


NIGERIAN_LABEL = Person(
    "Chukwuemeka Obinna Eze", "emeka.eze@example.com.ng", "0803 456 7890", "Lekki, Lagos", [],
    "To contribute my skills in cloud infrastructure and automation to a growing fintech company while developing into "
    "a site reliability leader.",
    ["Linux", "Docker", "Kubernetes", "Jenkins", "Terraform", "Amazon Web Services"], [],
    [Job("DevOps Engineer", "Interswitch Group", "Lagos", "2020-03", None,
         ["Automated the deployment of 80 microservices with Jenkins and Kubernetes.",
          "Reduced monthly cloud spend by 22% through rightsizing."]),
     Job("IT Support Officer", "Sterling Bank Plc", "Lagos", "2017-01", "2020-02",
         ["Supported 1,200 staff across 40 branches."]),
     Job("NYSC Corps Member", "Kaduna State Ministry of Finance", "Kaduna", "2015", "2016",
         ["Maintained the ministry's local area network."])],
    [School("B.Eng.", "Electronic Engineering", "University of Nigeria, Nsukka", "2010", "2015"),
     School("West African Senior School Certificate (WASSCE)", None, "Federal Government College, Enugu",
            "2004", "2010")],
    ["AWS Certified SysOps Administrator – Associate", "Cisco Certified Network Associate (CCNA)"],
    ["English", "Igbo"],
)


def indian_it_services_docx() -> bytes:
    """An Indian IT-services resume: "Working as X in Y, City from Mon YYYY to till date", projects, declaration."""
    import docx

    document = docx.Document()
    run = document.add_paragraph().add_run("SURESH KUMAR REDDY")
    run.bold = True
    run.font.size = docx.shared.Pt(14)
    document.add_paragraph("Email: suresh.reddy@example.co.in | Mobile: +91 99887 76655")
    document.add_paragraph("Hyderabad, Telangana")
    document.add_heading("CAREER SUMMARY", level=1)
    document.add_paragraph("Java full-stack developer with 7 years of experience in banking and insurance applications "
                           "using Spring Boot, microservices and Angular.")
    document.add_heading("PROFESSIONAL EXPERIENCE", level=1)
    document.add_paragraph("Working as Technology Lead in Infosys Limited, Hyderabad from Jul 2021 to till date.",
                           style="List Bullet")
    document.add_paragraph("Worked as Senior Software Engineer in Tech Mahindra, Hyderabad from Jun 2017 to Jun 2021.",
                           style="List Bullet")
    document.add_heading("TECHNICAL SKILLS", level=1)
    for key, value in (("Languages", "Java, SQL"), ("Frameworks", "Spring Boot, Hibernate, Angular"),
                       ("Databases", "MySQL, PostgreSQL"), ("Tools", "Jenkins, Git, JIRA")):
        document.add_paragraph(f"{key}\t: {value}")
    document.add_heading("PROJECTS", level=1)
    for n, (name, client, description) in enumerate((
        ("Loan Origination System", "A US retail bank",
         "Spring Boot microservices that take a loan application from submission to approval."),
        ("Policy Administration Portal", "A UK insurer", "Angular front end for agents to issue and renew motor "
                                                         "policies."),
    ), start=1):
        document.add_paragraph().add_run(f"Project {n}: {name}").bold = True
        document.add_paragraph(f"Client\t: {client}")
        document.add_paragraph(f"Description\t: {description}")
    document.add_heading("EDUCATION", level=1)
    document.add_paragraph("B.Tech (ECE) from JNTU Hyderabad with 72% in 2017.")
    document.add_heading("PERSONAL DETAILS", level=1)
    for key, value in (("Date of Birth", "12-08-1995"), ("Languages Known", "English, Telugu, Hindi"),
                       ("Passport", "Available")):
        document.add_paragraph(f"{key}\t: {value}")
    document.add_heading("DECLARATION", level=1)
    document.add_paragraph("I hereby declare that the above information is true to the best of my knowledge.")
    document.add_paragraph("Place: Hyderabad")
    document.add_paragraph("(SURESH KUMAR REDDY)")
    return _docx_bytes(document)


INDIAN_IT_LABEL = Person(
    "Suresh Kumar Reddy", "suresh.reddy@example.co.in", "+91 99887 76655", "Hyderabad, Telangana", [],
    "Java full-stack developer with 7 years of experience in banking and insurance applications using Spring Boot, "
    "microservices and Angular.",
    ["Java", "SQL", "Spring Boot", "Hibernate", "Angular", "MySQL", "PostgreSQL", "Jenkins", "Git", "Jira"], [],
    [Job("Technology Lead", "Infosys Limited", "Hyderabad", "2021-07", None, []),
     Job("Senior Software Engineer", "Tech Mahindra", "Hyderabad", "2017-06", "2021-06", [])],
    [School("B.Tech", "ECE", "JNTU Hyderabad", None, "2017")],
    [], ["English", "Telugu", "Hindi"],
)


def blind_set_7() -> list[tuple[str, Person, None, bytes]]:
    return [(layout, label, None, text.encode()) for layout, text, label in TEXTS] + [
        ("academic_pdf", ACADEMIC_LABEL, None, academic_pdf()),
        ("brazilian_two_column_pdf", BRAZILIAN_LABEL, None, brazilian_two_column_pdf()),
        ("polish_gdpr_pdf", POLISH_LABEL, None, polish_gdpr_pdf()),
        ("japanese_pdf", JAPANESE_LABEL, None, japanese_pdf()),
        ("vietnamese_pdf", VIETNAMESE_LABEL, None, vietnamese_pdf()),
        ("us_new_grad_pdf", US_NEW_GRAD_LABEL, None, us_new_grad_pdf()),
        ("turkish_pdf", TURKISH_LABEL, None, turkish_pdf()),
        ("singapore_margin_headings_pdf", SINGAPORE_LABEL, None, singapore_margin_headings_pdf()),
        ("german_contact_table_docx", GERMAN_LABEL, None, german_contact_table_docx()),
        ("senior_title_docx", SENIOR_LABEL, None, senior_title_docx()),
        ("nigerian_docx", NIGERIAN_LABEL, None, nigerian_docx()),
        ("indian_it_services_docx", INDIAN_IT_LABEL, None, indian_it_services_docx()),
    ]
