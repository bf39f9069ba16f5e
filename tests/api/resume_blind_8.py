"""An eighth blind set: 30 resumes written as a representative sample of what a mock-interview
platform's users upload, typed by a helper who did not read, search or run the parser, to be
measured once and not tuned on afterwards.

Unlike the earlier blind sets this one does not seek styles the parser has not seen: it is the
ordinary mix a real inbox gets, mostly software, data, product, design, QA, DevOps and IT people
with a few other professions (a nurse, an accountant, a marketing manager, a business analyst),
from many countries, junior to senior. Fourteen are plain text as pasted, ten PDFs (eight one
column as Word, Google Docs or LaTeX exports look, two with a sidebar) and six DOCX. Contact
lines with email, phone, city, LinkedIn/GitHub; a summary in most; skills lists (flat or by
category); one to three jobs with bullets and the common date styles ("Jan 2020 – Present",
"2019 - 2021", "03/2018 – 05/2020", "Sept 2022 – Present", "Feb 2021 – Current"); education;
some certifications and languages.

Labels are what a careful reader would extract: names without post-nominals ("RN", "CPA"), links
with https:// added when written bare, school dates as years (a graduation month gives the end
year only), certifications and languages without their levels or years, skills as the skills
section lists them under the canonical names of backend/llm_api/data/skills.txt when listed
there, otherwise as the resume writes them, and an untitled opening paragraph as the summary.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from tests.api.resume_corpus import Job, Person, School, _Pdf

TEXTS: list[tuple[str, str, Person]] = []


def _add(layout: str, text: str, label: Person) -> None:
    TEXTS.append((layout, text, label))


# Plain text ----------------------------------------------------------------------------------

_add("us_backend_text", """Marcus Reed
Austin, TX | (512) 555-0147 | marcus.reed@example.com | linkedin.com/in/marcusreed | github.com/mreed-dev

SUMMARY
Backend engineer with 7 years of experience designing APIs and data services in Python and Go. Comfortable owning services from design through on-call.

SKILLS
Languages: Python, Go, SQL
Frameworks: Django, FastAPI, gRPC
Data & Infra: PostgreSQL, Redis, Kafka, Docker, Kubernetes, AWS

EXPERIENCE
Senior Software Engineer | Bazaarvoice | Austin, TX
Jan 2021 – Present
- Designed a gRPC ingestion service handling 15,000 reviews per minute.
- Cut monthly AWS spend by $40K by moving batch jobs to spot instances.
- Mentor three engineers and run the backend interview loop.

Software Engineer | Indeed | Austin, TX
Jun 2017 – Dec 2020
- Built the job alert pipeline in Python and Kafka, sending 8 million emails a day.
- Migrated search ranking features from MySQL to PostgreSQL.

EDUCATION
B.S. Computer Science, The University of Texas at Austin, 2013 – 2017
""", Person("Marcus Reed", "marcus.reed@example.com", "(512) 555-0147", "Austin, TX",
            ["https://linkedin.com/in/marcusreed", "https://github.com/mreed-dev"],
            "Backend engineer with 7 years of experience designing APIs and data services in Python and Go. "
            "Comfortable owning services from design through on-call.",
            ["Python", "Go", "SQL", "Django", "FastAPI", "gRPC", "PostgreSQL", "Redis", "Apache Kafka", "Docker",
             "Kubernetes", "Amazon Web Services"], [],
            [Job("Senior Software Engineer", "Bazaarvoice", "Austin, TX", "2021-01", None,
                 ["Designed a gRPC ingestion service handling 15,000 reviews per minute.",
                  "Cut monthly AWS spend by $40K by moving batch jobs to spot instances.",
                  "Mentor three engineers and run the backend interview loop."]),
             Job("Software Engineer", "Indeed", "Austin, TX", "2017-06", "2020-12",
                 ["Built the job alert pipeline in Python and Kafka, sending 8 million emails a day.",
                  "Migrated search ranking features from MySQL to PostgreSQL."])],
            [School("B.S.", "Computer Science", "The University of Texas at Austin", "2013", "2017")]))

_add("indian_qa_text", """Sneha Kulkarni
QA Automation Engineer
Email: sneha.kulkarni@example.in | Phone: +91 98860 45123 | Bengaluru, Karnataka
LinkedIn: https://www.linkedin.com/in/sneha-kulkarni-qa

PROFESSIONAL SUMMARY
QA automation engineer with 5+ years of experience in web and API testing for e-commerce and banking clients. Skilled in building Selenium and REST Assured frameworks and integrating them with Jenkins pipelines.

TECHNICAL SKILLS
• Automation: Selenium WebDriver, TestNG, REST Assured, Cucumber
• Languages: Java, SQL
• Tools: Jenkins, Git, JIRA, Postman
• Methodologies: Agile, Scrum

WORK EXPERIENCE
Senior QA Engineer – Flipkart, Bengaluru (08/2021 – Present)
• Built a Selenium and TestNG regression suite of 1,400 test cases for the seller portal.
• Reduced regression cycle time from 3 days to 6 hours by running tests in parallel on Jenkins.

QA Engineer – Wipro Technologies, Bengaluru (07/2019 – 07/2021)
• Tested REST APIs for a UK banking client using Postman and REST Assured.
• Logged and tracked 600+ defects in JIRA.

EDUCATION
Bachelor of Engineering (B.E.) in Information Science – RV College of Engineering – 2015 – 2019

CERTIFICATIONS
ISTQB Certified Tester Foundation Level (CTFL)

LANGUAGES
English, Kannada, Hindi
""", Person("Sneha Kulkarni", "sneha.kulkarni@example.in", "+91 98860 45123", "Bengaluru, Karnataka",
            ["https://www.linkedin.com/in/sneha-kulkarni-qa"],
            "QA automation engineer with 5+ years of experience in web and API testing for e-commerce and banking "
            "clients. Skilled in building Selenium and REST Assured frameworks and integrating them with Jenkins "
            "pipelines.",
            ["Selenium", "TestNG", "REST Assured", "Cucumber", "Java", "SQL", "Jenkins", "Git", "Jira", "Postman",
             "Agile", "Scrum"], [],
            [Job("Senior QA Engineer", "Flipkart", "Bengaluru", "2021-08", None,
                 ["Built a Selenium and TestNG regression suite of 1,400 test cases for the seller portal.",
                  "Reduced regression cycle time from 3 days to 6 hours by running tests in parallel on Jenkins."]),
             Job("QA Engineer", "Wipro Technologies", "Bengaluru", "2019-07", "2021-07",
                 ["Tested REST APIs for a UK banking client using Postman and REST Assured.",
                  "Logged and tracked 600+ defects in JIRA."])],
            [School("Bachelor of Engineering (B.E.)", "Information Science", "RV College of Engineering", "2015",
                    "2019")],
            ["ISTQB Certified Tester Foundation Level (CTFL)"], ["English", "Kannada", "Hindi"]))

_add("uk_data_analyst_text", """Chloe Harrington
Manchester, UK • 07700 900461 • chloe.harrington@example.co.uk • linkedin.com/in/chloeharrington

Profile
Data analyst with four years' experience turning messy operational data into dashboards and decisions for retail and public-sector teams.

Key Skills
SQL, Python (pandas), Power BI, Tableau, Excel (advanced), Stakeholder management

Employment History

Data Analyst, Boohoo Group, Manchester
Sept 2022 – Present
• Built the Power BI returns dashboard used daily by 60 merchandisers.
• Automated weekly stock reports with Python, saving 12 hours a week.

Junior Data Analyst, Manchester City Council, Manchester
Aug 2020 – Aug 2022
• Cleaned and linked housing records across three legacy systems.
• Presented findings to councillors at monthly performance reviews.

Education
BSc (Hons) Mathematics, University of Leeds, 2017 – 2020

Interests
Fell running, board games
""", Person("Chloe Harrington", "chloe.harrington@example.co.uk", "07700 900461", "Manchester, UK",
            ["https://linkedin.com/in/chloeharrington"],
            "Data analyst with four years' experience turning messy operational data into dashboards and decisions "
            "for retail and public-sector teams.",
            ["SQL", "Python", "pandas", "Power BI", "Tableau", "Excel", "Stakeholder management"], [],
            [Job("Data Analyst", "Boohoo Group", "Manchester", "2022-09", None,
                 ["Built the Power BI returns dashboard used daily by 60 merchandisers.",
                  "Automated weekly stock reports with Python, saving 12 hours a week."]),
             Job("Junior Data Analyst", "Manchester City Council", "Manchester", "2020-08", "2022-08",
                 ["Cleaned and linked housing records across three legacy systems.",
                  "Presented findings to councillors at monthly performance reviews."])],
            [School("BSc (Hons)", "Mathematics", "University of Leeds", "2017", "2020")]))

_add("canadian_pm_text", """PRIYANKA SHARMA
Product Manager
Toronto, ON · 647-555-0183 · priyanka.sharma@example.ca · linkedin.com/in/priyankasharmapm

SUMMARY
Product manager with 6 years in B2B SaaS, leading discovery and delivery for payments and onboarding products. Former software engineer who works closely with design and engineering.

EXPERIENCE
Senior Product Manager — Wave Financial, Toronto, ON
March 2022 – Present
- Launched instant payouts, growing payments revenue 31% year over year.
- Own the roadmap for a squad of 8 engineers and 2 designers.

Product Manager — FreshBooks, Toronto, ON
May 2019 – February 2022
- Redesigned self-serve onboarding and raised trial-to-paid conversion from 9% to 13%.
- Ran 25 A/B tests with the growth team.

Software Developer — CGI, Mississauga, ON
September 2016 – April 2019
- Built Java services for a provincial health records system.

EDUCATION
Bachelor of Applied Science, Computer Engineering — University of Toronto, 2012 – 2016

SKILLS
Product management, Roadmapping, A/B testing, SQL, Jira, Figma, Amplitude

CERTIFICATIONS
Certified Scrum Product Owner (CSPO)
""", Person("Priyanka Sharma", "priyanka.sharma@example.ca", "647-555-0183", "Toronto, ON",
            ["https://linkedin.com/in/priyankasharmapm"],
            "Product manager with 6 years in B2B SaaS, leading discovery and delivery for payments and onboarding "
            "products. Former software engineer who works closely with design and engineering.",
            ["Product management", "Roadmapping", "A/B Testing", "SQL", "Jira", "Figma", "Amplitude"], [],
            [Job("Senior Product Manager", "Wave Financial", "Toronto, ON", "2022-03", None,
                 ["Launched instant payouts, growing payments revenue 31% year over year.",
                  "Own the roadmap for a squad of 8 engineers and 2 designers."]),
             Job("Product Manager", "FreshBooks", "Toronto, ON", "2019-05", "2022-02",
                 ["Redesigned self-serve onboarding and raised trial-to-paid conversion from 9% to 13%.",
                  "Ran 25 A/B tests with the growth team."]),
             Job("Software Developer", "CGI", "Mississauga, ON", "2016-09", "2019-04",
                 ["Built Java services for a provincial health records system."])],
            [School("Bachelor of Applied Science", "Computer Engineering", "University of Toronto", "2012", "2016")],
            ["Certified Scrum Product Owner (CSPO)"]))

_add("philippine_it_support_text", """JUAN MIGUEL DELA CRUZ
Quezon City, Metro Manila
Mobile: 0917 123 4567
Email: jm.delacruz@example.ph

OBJECTIVE
To obtain a challenging position as an IT Support Specialist where I can use my technical and customer service skills.

WORK EXPERIENCE
IT Support Specialist
Accenture Inc. – Quezon City
2021 - Present
• Provide level 2 support for 1,500 users on Windows 10 and Microsoft 365.
• Resolve an average of 35 tickets a day in ServiceNow within SLA.

Technical Support Representative
Concentrix – Pasig City
2018 - 2021
• Handled inbound calls for a US internet provider and troubleshot router and DNS issues.
• Received the Top Performer award for four consecutive quarters.

EDUCATION
Bachelor of Science in Information Technology
Polytechnic University of the Philippines
2014 - 2018

SKILLS
Windows Server, Active Directory, Microsoft 365, TCP/IP, DNS, DHCP, ServiceNow, Customer service

CERTIFICATIONS
• CompTIA A+
• Microsoft 365 Certified: Modern Desktop Administrator Associate
""", Person("Juan Miguel Dela Cruz", "jm.delacruz@example.ph", "0917 123 4567", "Quezon City, Metro Manila", [],
            "To obtain a challenging position as an IT Support Specialist where I can use my technical and customer "
            "service skills.",
            ["Windows Server", "Active Directory", "Microsoft 365", "TCP/IP", "DNS", "DHCP", "ServiceNow",
             "Customer service"], [],
            [Job("IT Support Specialist", "Accenture Inc.", "Quezon City", "2021", None,
                 ["Provide level 2 support for 1,500 users on Windows 10 and Microsoft 365.",
                  "Resolve an average of 35 tickets a day in ServiceNow within SLA."]),
             Job("Technical Support Representative", "Concentrix", "Pasig City", "2018", "2021",
                 ["Handled inbound calls for a US internet provider and troubleshot router and DNS issues.",
                  "Received the Top Performer award for four consecutive quarters."])],
            [School("Bachelor of Science", "Information Technology", "Polytechnic University of the Philippines",
                    "2014", "2018")],
            ["CompTIA A+", "Microsoft 365 Certified: Modern Desktop Administrator Associate"]))

_add("german_devops_text", """Jonas Becker
DevOps Engineer
Berlin, Germany | +49 151 23456789 | jonas.becker@example.de | github.com/jbecker-ops

About me
DevOps engineer with 6 years of experience automating cloud infrastructure on AWS and Azure. I care about reproducible builds, observability and short feedback loops.

Work experience

DevOps Engineer
N26 GmbH, Berlin
06/2020 – present
- Maintain 300+ Terraform modules for AWS accounts across three regions.
- Introduced Argo CD, reducing deployment time from 45 to 8 minutes.

System Engineer
T-Systems International GmbH, Frankfurt
03/2018 – 05/2020
- Operated Linux and Kubernetes clusters for automotive customers.
- Wrote Ansible playbooks for patching 2,000 servers.

Education
M.Sc. Computer Science, Humboldt-Universität zu Berlin, 2015 – 2018
B.Sc. Computer Science, Universität Potsdam, 2012 – 2015

Skills
AWS, Azure, Terraform, Kubernetes, Helm, Argo CD, Ansible, Prometheus, Grafana, Linux, Python, Bash

Certifications
Certified Kubernetes Administrator (CKA)
AWS Certified DevOps Engineer – Professional

Languages
German (native), English (C1)
""", Person("Jonas Becker", "jonas.becker@example.de", "+49 151 23456789", "Berlin, Germany",
            ["https://github.com/jbecker-ops"],
            "DevOps engineer with 6 years of experience automating cloud infrastructure on AWS and Azure. I care "
            "about reproducible builds, observability and short feedback loops.",
            ["Amazon Web Services", "Microsoft Azure", "Terraform", "Kubernetes", "Helm", "Argo CD", "Ansible",
             "Prometheus", "Grafana", "Linux", "Python", "Bash"], [],
            [Job("DevOps Engineer", "N26 GmbH", "Berlin", "2020-06", None,
                 ["Maintain 300+ Terraform modules for AWS accounts across three regions.",
                  "Introduced Argo CD, reducing deployment time from 45 to 8 minutes."]),
             Job("System Engineer", "T-Systems International GmbH", "Frankfurt", "2018-03", "2020-05",
                 ["Operated Linux and Kubernetes clusters for automotive customers.",
                  "Wrote Ansible playbooks for patching 2,000 servers."])],
            [School("M.Sc.", "Computer Science", "Humboldt-Universität zu Berlin", "2015", "2018"),
             School("B.Sc.", "Computer Science", "Universität Potsdam", "2012", "2015")],
            ["Certified Kubernetes Administrator (CKA)", "AWS Certified DevOps Engineer – Professional"],
            ["German", "English"]))

_add("nigerian_frontend_text", """Adaeze Nwosu
Frontend Developer | Lagos, Nigeria
adaeze.nwosu@example.com | +234 809 876 5432 | github.com/adaezenwosu | adaezenwosu.dev

SUMMARY
Frontend developer with 4 years of experience building responsive React and Next.js applications for fintech and logistics startups.

SKILLS
React, Next.js, TypeScript, JavaScript, Redux, Tailwind CSS, HTML, CSS, Jest, Git

EXPERIENCE
Frontend Developer — Paystack, Lagos
Feb 2022 – Present
• Rebuilt the merchant dashboard in Next.js, cutting page load time by 45%.
• Wrote a shared component library used by 5 product teams.

Frontend Developer — Kobo360, Lagos
Jan 2020 – Jan 2022
• Built the shipper booking flow in React and Redux.
• Added Jest tests, raising coverage from 15% to 70%.

EDUCATION
B.Sc. Computer Science — University of Lagos (2015 – 2019)
""", Person("Adaeze Nwosu", "adaeze.nwosu@example.com", "+234 809 876 5432", "Lagos, Nigeria",
            ["https://github.com/adaezenwosu", "https://adaezenwosu.dev"],
            "Frontend developer with 4 years of experience building responsive React and Next.js applications for "
            "fintech and logistics startups.",
            ["React", "Next.js", "TypeScript", "JavaScript", "Redux", "Tailwind CSS", "HTML", "CSS", "Jest", "Git"],
            [],
            [Job("Frontend Developer", "Paystack", "Lagos", "2022-02", None,
                 ["Rebuilt the merchant dashboard in Next.js, cutting page load time by 45%.",
                  "Wrote a shared component library used by 5 product teams."]),
             Job("Frontend Developer", "Kobo360", "Lagos", "2020-01", "2022-01",
                 ["Built the shipper booking flow in React and Redux.",
                  "Added Jest tests, raising coverage from 15% to 70%."])],
            [School("B.Sc.", "Computer Science", "University of Lagos", "2015", "2019")]))

_add("australian_nurse_text", """Emily Watson RN
Melbourne VIC | 0412 345 678 | emily.watson@example.com.au

CAREER OBJECTIVE
Compassionate Registered Nurse with five years of acute care experience, seeking a senior role in an emergency department.

PROFESSIONAL EXPERIENCE
Registered Nurse
The Royal Melbourne Hospital, Parkville VIC
Feb 2021 – Current
• Triage and care for up to 8 patients per shift in a 60-bed emergency department.
• Precept graduate nurses and nursing students.

Graduate Registered Nurse
Monash Health, Clayton VIC
Feb 2020 – Jan 2021
• Completed rotations in general medicine and surgical wards.

EDUCATION
Bachelor of Nursing, Deakin University, 2016 – 2019

REGISTRATION & CERTIFICATIONS
• AHPRA Registered Nurse (Division 1)
• Advanced Life Support (ALS2)
• Triage Education Program

SKILLS
Patient assessment, Triage, Medication administration, Wound care, Clinical documentation, Communication

REFEREES
Available upon request
""", Person("Emily Watson", "emily.watson@example.com.au", "0412 345 678", "Melbourne VIC", [],
            "Compassionate Registered Nurse with five years of acute care experience, seeking a senior role in an "
            "emergency department.",
            ["Patient assessment", "Triage", "Medication administration", "Wound care", "Clinical documentation",
             "Communication"], [],
            [Job("Registered Nurse", "The Royal Melbourne Hospital", "Parkville VIC", "2021-02", None,
                 ["Triage and care for up to 8 patients per shift in a 60-bed emergency department.",
                  "Precept graduate nurses and nursing students."]),
             Job("Graduate Registered Nurse", "Monash Health", "Clayton VIC", "2020-02", "2021-01",
                 ["Completed rotations in general medicine and surgical wards."])],
            [School("Bachelor of Nursing", None, "Deakin University", "2016", "2019")],
            ["AHPRA Registered Nurse (Division 1)", "Advanced Life Support (ALS2)", "Triage Education Program"]))

_add("brazilian_data_engineer_text", """Lucas Oliveira Santos
Data Engineer
São Paulo, Brazil | +55 11 98765-4321 | lucas.santos@example.com.br
linkedin.com/in/lucasoliveirasantos | github.com/lucasos

SUMMARY
Data engineer with 5 years of experience building batch and streaming pipelines on GCP and AWS for e-commerce and fintech companies.

EXPERIENCE
Nubank | Senior Data Engineer | São Paulo
Apr 2022 – Present
- Built a Kafka and Spark streaming pipeline processing 2 billion events per day.
- Led the migration of 400 Airflow DAGs to a new scheduler cluster.

Mercado Livre | Data Engineer | Osasco
Jan 2019 – Mar 2022
- Modeled the sales data warehouse in BigQuery with dbt.
- Reduced daily ETL runtime from 5 hours to 90 minutes.

EDUCATION
Bachelor's Degree in Computer Science | Universidade de São Paulo | 2014 – 2018

SKILLS
Python, SQL, Scala, Apache Spark, Kafka, Airflow, dbt, BigQuery, AWS, GCP, Docker

LANGUAGES
Portuguese (native), English (fluent), Spanish (intermediate)
""", Person("Lucas Oliveira Santos", "lucas.santos@example.com.br", "+55 11 98765-4321", "São Paulo, Brazil",
            ["https://linkedin.com/in/lucasoliveirasantos", "https://github.com/lucasos"],
            "Data engineer with 5 years of experience building batch and streaming pipelines on GCP and AWS for "
            "e-commerce and fintech companies.",
            ["Python", "SQL", "Scala", "Apache Spark", "Apache Kafka", "Apache Airflow", "dbt", "BigQuery",
             "Amazon Web Services", "Google Cloud Platform", "Docker"], [],
            [Job("Senior Data Engineer", "Nubank", "São Paulo", "2022-04", None,
                 ["Built a Kafka and Spark streaming pipeline processing 2 billion events per day.",
                  "Led the migration of 400 Airflow DAGs to a new scheduler cluster."]),
             Job("Data Engineer", "Mercado Livre", "Osasco", "2019-01", "2022-03",
                 ["Modeled the sales data warehouse in BigQuery with dbt.",
                  "Reduced daily ETL runtime from 5 hours to 90 minutes."])],
            [School("Bachelor's Degree", "Computer Science", "Universidade de São Paulo", "2014", "2018")],
            [], ["Portuguese", "English", "Spanish"]))

_add("mexican_full_stack_text", """Diego Hernández Ruiz
Full Stack Developer
Guadalajara, Jalisco, México · +52 33 1234 5678 · diego.hernandez@example.mx · linkedin.com/in/diegohernandezruiz

Profile
Full stack developer with 5 years of experience building web apps with Node.js, React and PostgreSQL for US clients. Strong communicator used to working with distributed teams.

Experience
Senior Full Stack Developer, Wizeline — Guadalajara
2022 – Present
- Lead a team of 4 developers on a logistics platform for a US retailer.
- Designed a NestJS API serving 3 million requests a day.

Full Stack Developer, Softtek — Guadalajara
2019 – 2022
- Built React and Node.js features for an insurance claims portal.
- Wrote Cypress end-to-end tests for the claims flow.

Junior Web Developer, Agencia Digital Tapatía — Zapopan
2018 – 2019
- Built WordPress and PHP sites for local businesses.

Education
B.S. in Computer Systems Engineering, ITESO, 2014 – 2018

Skills
JavaScript, TypeScript, Node.js, NestJS, React, PostgreSQL, MongoDB, Docker, AWS, Cypress

Languages
Spanish (native), English (C1)
""", Person("Diego Hernández Ruiz", "diego.hernandez@example.mx", "+52 33 1234 5678", "Guadalajara, Jalisco, México",
            ["https://linkedin.com/in/diegohernandezruiz"],
            "Full stack developer with 5 years of experience building web apps with Node.js, React and PostgreSQL "
            "for US clients. Strong communicator used to working with distributed teams.",
            ["JavaScript", "TypeScript", "Node.js", "NestJS", "React", "PostgreSQL", "MongoDB", "Docker",
             "Amazon Web Services", "Cypress"], [],
            [Job("Senior Full Stack Developer", "Wizeline", "Guadalajara", "2022", None,
                 ["Lead a team of 4 developers on a logistics platform for a US retailer.",
                  "Designed a NestJS API serving 3 million requests a day."]),
             Job("Full Stack Developer", "Softtek", "Guadalajara", "2019", "2022",
                 ["Built React and Node.js features for an insurance claims portal.",
                  "Wrote Cypress end-to-end tests for the claims flow."]),
             Job("Junior Web Developer", "Agencia Digital Tapatía", "Zapopan", "2018", "2019",
                 ["Built WordPress and PHP sites for local businesses."])],
            [School("B.S.", "Computer Systems Engineering", "ITESO", "2014", "2018")],
            [], ["Spanish", "English"]))

_add("us_accountant_text", """Rachel Kim, CPA
Chicago, IL | (312) 555-0178 | rachel.kim.cpa@example.com | linkedin.com/in/rachelkimcpa

PROFESSIONAL SUMMARY
Certified Public Accountant with 8 years of experience in financial reporting, month-end close and audit for manufacturing and SaaS companies.

CORE COMPETENCIES
Financial reporting | Month-end close | GAAP | Account reconciliation | NetSuite | Excel | Power BI

PROFESSIONAL EXPERIENCE
Senior Accountant                                   Oct 2020 – Present
Groupon, Chicago, IL
• Lead the month-end close for 12 entities, shortening the close from 10 to 6 days.
• Built Power BI dashboards for the CFO's weekly cash review.

Staff Accountant                                    Jul 2016 – Sep 2020
Deloitte, Chicago, IL
• Audited manufacturing clients with revenues up to $500M.
• Prepared workpapers for 15 year-end audits.

EDUCATION
Master of Accountancy, University of Illinois Urbana-Champaign, 2016
Bachelor of Science in Accounting, University of Illinois Urbana-Champaign, 2015

CERTIFICATIONS
Certified Public Accountant (CPA)
""", Person("Rachel Kim", "rachel.kim.cpa@example.com", "(312) 555-0178", "Chicago, IL",
            ["https://linkedin.com/in/rachelkimcpa"],
            "Certified Public Accountant with 8 years of experience in financial reporting, month-end close and "
            "audit for manufacturing and SaaS companies.",
            ["Financial reporting", "Month-end close", "GAAP", "Account reconciliation", "NetSuite", "Excel",
             "Power BI"], [],
            [Job("Senior Accountant", "Groupon", "Chicago, IL", "2020-10", None,
                 ["Lead the month-end close for 12 entities, shortening the close from 10 to 6 days.",
                  "Built Power BI dashboards for the CFO's weekly cash review."]),
             Job("Staff Accountant", "Deloitte", "Chicago, IL", "2016-07", "2020-09",
                 ["Audited manufacturing clients with revenues up to $500M.",
                  "Prepared workpapers for 15 year-end audits."])],
            [School("Master of Accountancy", None, "University of Illinois Urbana-Champaign", None, "2016"),
             School("Bachelor of Science", "Accounting", "University of Illinois Urbana-Champaign", None, "2015")],
            ["Certified Public Accountant (CPA)"]))

_add("pakistani_mobile_text", """Muhammad Usman Tariq
Lahore, Pakistan
Phone: +92 300 1234567
Email: usman.tariq@example.pk
GitHub: github.com/usmantariq

Summary
Flutter and Android developer with 4 years of experience shipping apps for food delivery and banking clients, with over 1 million downloads combined.

Skills
Flutter, Dart, Kotlin, Android, Firebase, REST APIs, Git

Experience
Senior Mobile Developer
Arbisoft, Lahore | Aug 2022 - Present
- Built a Flutter food delivery app with 500,000+ downloads.
- Set up CI/CD with GitHub Actions for 4 mobile apps.

Android Developer
Systems Limited, Lahore | Jul 2020 - Jul 2022
- Developed a mobile banking app in Kotlin for a leading Pakistani bank.

Education
BS Computer Science, FAST National University of Computer and Emerging Sciences (2016 - 2020)

Languages
English, Urdu, Punjabi
""", Person("Muhammad Usman Tariq", "usman.tariq@example.pk", "+92 300 1234567", "Lahore, Pakistan",
            ["https://github.com/usmantariq"],
            "Flutter and Android developer with 4 years of experience shipping apps for food delivery and banking "
            "clients, with over 1 million downloads combined.",
            ["Flutter", "Dart", "Kotlin", "Android", "Firebase", "REST APIs", "Git"], [],
            [Job("Senior Mobile Developer", "Arbisoft", "Lahore", "2022-08", None,
                 ["Built a Flutter food delivery app with 500,000+ downloads.",
                  "Set up CI/CD with GitHub Actions for 4 mobile apps."]),
             Job("Android Developer", "Systems Limited", "Lahore", "2020-07", "2022-07",
                 ["Developed a mobile banking app in Kotlin for a leading Pakistani bank."])],
            [School("BS", "Computer Science", "FAST National University of Computer and Emerging Sciences", "2016",
                    "2020")],
            [], ["English", "Urdu", "Punjabi"]))

_add("dutch_designer_text", """Sanne de Vries
Product Designer
Amsterdam, the Netherlands
sanne@example.nl · +31 6 12345678 · sannedevries.design · linkedin.com/in/sannedevries

Hi! I'm a product designer with 7 years of experience in mobility and travel apps. I love turning research insights into simple interfaces and working closely with engineers.

EXPERIENCE

Senior Product Designer at Booking.com, Amsterdam
Jan 2021 – Present
- Led the redesign of the hotel search filters, raising filter usage 18%.
- Ran 40+ usability sessions and set up the research repository.

Product Designer at Swapfiets, Amsterdam
Mar 2018 – Dec 2020
- Designed the bike subscription app from scratch for iOS and Android.

UX Designer at Mirabeau, Amsterdam
Sep 2016 – Feb 2018
- Designed websites and apps for Dutch insurers and banks.

EDUCATION
MSc Design for Interaction, Delft University of Technology, 2014 – 2016
BSc Industrial Design Engineering, Delft University of Technology, 2011 – 2014

TOOLS & SKILLS
Figma, Sketch, Prototyping, User research, Usability testing, Design systems, Accessibility

LANGUAGES
Dutch (native), English (fluent), German (basic)
""", Person("Sanne de Vries", "sanne@example.nl", "+31 6 12345678", "Amsterdam, the Netherlands",
            ["https://sannedevries.design", "https://linkedin.com/in/sannedevries"],
            "Hi! I'm a product designer with 7 years of experience in mobility and travel apps. I love turning "
            "research insights into simple interfaces and working closely with engineers.",
            ["Figma", "Sketch", "Prototyping", "User research", "Usability testing", "Design systems",
             "Accessibility"], [],
            [Job("Senior Product Designer", "Booking.com", "Amsterdam", "2021-01", None,
                 ["Led the redesign of the hotel search filters, raising filter usage 18%.",
                  "Ran 40+ usability sessions and set up the research repository."]),
             Job("Product Designer", "Swapfiets", "Amsterdam", "2018-03", "2020-12",
                 ["Designed the bike subscription app from scratch for iOS and Android."]),
             Job("UX Designer", "Mirabeau", "Amsterdam", "2016-09", "2018-02",
                 ["Designed websites and apps for Dutch insurers and banks."])],
            [School("MSc", "Design for Interaction", "Delft University of Technology", "2014", "2016"),
             School("BSc", "Industrial Design Engineering", "Delft University of Technology", "2011", "2014")],
            [], ["Dutch", "English", "German"]))

_add("us_new_grad_text", """Tyler Brooks
Columbus, OH | 614-555-0102 | tyler.brooks@example.edu | github.com/tylerbrooks | linkedin.com/in/tyler-brooks-dev

EDUCATION
The Ohio State University, Columbus, OH
Bachelor of Science in Computer Science and Engineering, May 2026
GPA: 3.6/4.0

EXPERIENCE
Software Engineering Intern, JPMorgan Chase & Co., Columbus, OH      May 2025 – Aug 2025
- Built a React dashboard for monitoring batch job failures, used by 3 support teams.
- Wrote Java Spring Boot endpoints with JUnit tests.

Undergraduate Teaching Assistant, The Ohio State University, Columbus, OH      Aug 2024 – May 2026
- Led weekly labs for 40 students in Software I (Java).

PROJECTS
CampusEats — React Native app for ordering from dining halls (Firebase, Expo)
Pathfinder — C++ visualizer for graph search algorithms

SKILLS
Languages: Java, Python, JavaScript, C++, SQL
Frameworks & Tools: React, React Native, Spring Boot, Git, Docker
""", Person("Tyler Brooks", "tyler.brooks@example.edu", "614-555-0102", "Columbus, OH",
            ["https://github.com/tylerbrooks", "https://linkedin.com/in/tyler-brooks-dev"], "",
            ["Java", "Python", "JavaScript", "C++", "SQL", "React", "React Native", "Spring Boot", "Git", "Docker"], [],
            [Job("Software Engineering Intern", "JPMorgan Chase & Co.", "Columbus, OH", "2025-05", "2025-08",
                 ["Built a React dashboard for monitoring batch job failures, used by 3 support teams.",
                  "Wrote Java Spring Boot endpoints with JUnit tests."]),
             Job("Undergraduate Teaching Assistant", "The Ohio State University", "Columbus, OH", "2024-08",
                 "2026-05", ["Led weekly labs for 40 students in Software I (Java)."])],
            [School("Bachelor of Science", "Computer Science and Engineering", "The Ohio State University", None,
                    "2026")]))


# PDFs ----------------------------------------------------------------------------------------
# Each PDF is written as lines of light markup and drawn the way word processors lay them out:
# the first line is the name; "# X" a bold heading (with a rule under it when asked); "- x" a
# bullet; "a >> b" a row with b right-aligned (bold when it starts with "*"); "*x" a bold line.

def _draw(pdf: _Pdf, lines: list[str], left: float, right: float, *, rule: bool = False,
          heading_size: float = 12, size: float = 9.5) -> None:
    for line in lines:
        if not line.strip():
            pdf.y -= 4
        elif line.startswith("# "):
            pdf.y -= 4
            pdf.text(left, line[2:], size=heading_size, bold=True)
            if rule:
                pdf.canvas.setLineWidth(0.6)
                pdf.canvas.line(left, pdf.y + heading_size, right, pdf.y + heading_size)
                pdf.y -= 3
        elif line.startswith("- "):
            pdf.text(left + 10, f"• {line[2:]}", size=size, wrap=right - left - 20)
        elif " >> " in line:
            text, aside = line.split(" >> ")
            bold = text.startswith("*")
            pdf.text(left, text.lstrip("*"), size=size + 0.5, bold=bold, advance=False)
            pdf.text(0, aside, size=size, right=right)
            pdf.y -= (size + 0.5) * 1.45
        elif line.startswith("*"):
            pdf.text(left, line[1:], size=size + 0.5, bold=True, wrap=right - left)
        else:
            pdf.text(left, line, size=size, wrap=right - left)


def _one_column_pdf(markup: str, *, latin: bool = True, rule: bool = False, margin: float = 56) -> bytes:
    lines = markup.strip("\n").splitlines()
    pdf = _Pdf(latin)
    pdf.text(margin, lines[0], size=20, bold=True)
    _draw(pdf, lines[1:], margin, pdf.width - margin, rule=rule)
    return pdf.done()


def _two_column_pdf(header: str, sidebar: str, main: str, *, latin: bool = True) -> bytes:
    """A name across the top, then a narrow sidebar and a main column, as résumé templates draw them."""
    pdf = _Pdf(latin)
    side, body, right = 40, 215, pdf.width - 40
    name, *rest = header.strip("\n").splitlines()
    pdf.text(side, name, size=22, bold=True)
    for line in rest:
        pdf.text(side, line, size=12)
    pdf.y -= 10
    top = pdf.y
    _draw(pdf, sidebar.strip("\n").splitlines(), side, body - 20, heading_size=11, size=8.5)
    pdf.y = top
    _draw(pdf, main.strip("\n").splitlines(), body, right, heading_size=11)
    return pdf.done()


PDFS: list[tuple[str, Callable[[], bytes], Person]] = []  # rendered when the set is asked for

PDFS.append(("us_senior_swe_pdf", lambda: _one_column_pdf("""
Jennifer Liu
Seattle, WA  |  (206) 555-0117  |  jennifer.liu@example.com  |  linkedin.com/in/jenniferliu-swe
# PROFESSIONAL SUMMARY
Senior software engineer with 10 years of experience building distributed systems at scale. Led teams of up to 6 engineers on storage and streaming infrastructure.
# EXPERIENCE
*Senior Software Engineer >> Mar 2020 – Present
Amazon Web Services, Seattle, WA
- Led design of a metadata service for S3 handling 2 million requests per second.
- Reduced tail latency by 35% by rewriting the cache layer in Rust.
- Mentored 6 engineers, 3 of whom were promoted.
*Software Engineer II >> Jul 2016 – Feb 2020
Microsoft, Redmond, WA
- Built telemetry ingestion for Azure Monitor in C#.
- Drove the on-call runbook effort that cut time to mitigate incidents by 40%.
*Software Engineer >> Aug 2014 – Jun 2016
Zillow, Seattle, WA
- Developed Java services for the home valuation pipeline.
# EDUCATION
*University of Washington >> 2010 – 2014
B.S. in Computer Science
# SKILLS
Java, C#, Rust, Python, Distributed systems, AWS, DynamoDB, Kafka, Kubernetes
""", rule=True), Person(
    "Jennifer Liu", "jennifer.liu@example.com", "(206) 555-0117", "Seattle, WA",
    ["https://linkedin.com/in/jenniferliu-swe"],
    "Senior software engineer with 10 years of experience building distributed systems at scale. Led teams of up to "
    "6 engineers on storage and streaming infrastructure.",
    ["Java", "C#", "Rust", "Python", "Distributed systems", "Amazon Web Services", "DynamoDB", "Apache Kafka",
     "Kubernetes"], [],
    [Job("Senior Software Engineer", "Amazon Web Services", "Seattle, WA", "2020-03", None,
         ["Led design of a metadata service for S3 handling 2 million requests per second.",
          "Reduced tail latency by 35% by rewriting the cache layer in Rust.",
          "Mentored 6 engineers, 3 of whom were promoted."]),
     Job("Software Engineer II", "Microsoft", "Redmond, WA", "2016-07", "2020-02",
         ["Built telemetry ingestion for Azure Monitor in C#.",
          "Drove the on-call runbook effort that cut time to mitigate incidents by 40%."]),
     Job("Software Engineer", "Zillow", "Seattle, WA", "2014-08", "2016-06",
         ["Developed Java services for the home valuation pipeline."])],
    [School("B.S.", "Computer Science", "University of Washington", "2010", "2014")])))

PDFS.append(("indian_data_scientist_pdf", lambda: _one_column_pdf("""
Kavya Reddy
Data Scientist
Hyderabad, India | +91 90000 12345 | kavya.reddy@example.com | github.com/kavyareddy-ds
# Summary
Data scientist with 4 years of experience in NLP and forecasting for retail and healthcare clients. Hands-on with the full model lifecycle from data collection to deployment.
# Technical Skills
Languages: Python, SQL, R
ML/DL: scikit-learn, XGBoost, PyTorch, Hugging Face
Data & MLOps: pandas, NumPy, Apache Spark, MLflow, Docker, Azure
# Professional Experience
*Data Scientist, Tiger Analytics >> 06/2022 – Present
- Built a demand forecasting model for a US retailer, improving forecast accuracy by 14%.
- Fine-tuned a BERT model to classify 50,000 customer complaints a day.
*Associate Data Scientist, Deloitte USI >> 07/2020 – 05/2022
- Developed patient readmission risk models in Python and scikit-learn.
- Deployed models as REST APIs with Docker on Azure.
# Education
*M.Tech in Data Science, IIIT Hyderabad >> 2018 – 2020
*B.Tech in Computer Science, JNTU Hyderabad >> 2014 – 2018
# Certifications
Microsoft Certified: Azure Data Scientist Associate
# Languages
English, Telugu, Hindi
"""), Person(
    "Kavya Reddy", "kavya.reddy@example.com", "+91 90000 12345", "Hyderabad, India",
    ["https://github.com/kavyareddy-ds"],
    "Data scientist with 4 years of experience in NLP and forecasting for retail and healthcare clients. Hands-on "
    "with the full model lifecycle from data collection to deployment.",
    ["Python", "SQL", "R", "scikit-learn", "XGBoost", "PyTorch", "Hugging Face", "pandas", "NumPy", "Apache Spark",
     "MLflow", "Docker", "Microsoft Azure"], [],
    [Job("Data Scientist", "Tiger Analytics", None, "2022-06", None,
         ["Built a demand forecasting model for a US retailer, improving forecast accuracy by 14%.",
          "Fine-tuned a BERT model to classify 50,000 customer complaints a day."]),
     Job("Associate Data Scientist", "Deloitte USI", None, "2020-07", "2022-05",
         ["Developed patient readmission risk models in Python and scikit-learn.",
          "Deployed models as REST APIs with Docker on Azure."])],
    [School("M.Tech", "Data Science", "IIIT Hyderabad", "2018", "2020"),
     School("B.Tech", "Computer Science", "JNTU Hyderabad", "2014", "2018")],
    ["Microsoft Certified: Azure Data Scientist Associate"], ["English", "Telugu", "Hindi"])))

PDFS.append(("uk_sre_latex_pdf", lambda: _one_column_pdf("""
Oliver Bennett
London, UK | +44 7700 900812 | oliver.bennett@example.co.uk | linkedin.com/in/oliverbennett | github.com/obennett
# Education
*University of Bristol >> Bristol, UK
BEng Computer Science >> Sep 2014 – Jun 2017
# Experience
*Site Reliability Engineer >> Jan 2021 – Present
Monzo Bank >> London, UK
- Run the Kubernetes platform hosting 1,600 microservices across three clusters.
- Wrote the SLO alerting library adopted by every backend team.
- Led 30+ incident reviews and the follow-up reliability work.
*DevOps Engineer >> Jul 2017 – Dec 2020
Sky >> Leeds, UK
- Moved 200 Jenkins jobs to GitLab CI, halving average build time.
- Managed AWS infrastructure with Terraform for the streaming apps.
# Technical Skills
Languages: Go, Python, Bash
Tools: Kubernetes, Terraform, Prometheus, Grafana, GitLab CI, AWS, GCP
""", rule=True, margin=48), Person(
    "Oliver Bennett", "oliver.bennett@example.co.uk", "+44 7700 900812", "London, UK",
    ["https://linkedin.com/in/oliverbennett", "https://github.com/obennett"], "",
    ["Go", "Python", "Bash", "Kubernetes", "Terraform", "Prometheus", "Grafana", "GitLab CI", "Amazon Web Services",
     "Google Cloud Platform"], [],
    [Job("Site Reliability Engineer", "Monzo Bank", "London, UK", "2021-01", None,
         ["Run the Kubernetes platform hosting 1,600 microservices across three clusters.",
          "Wrote the SLO alerting library adopted by every backend team.",
          "Led 30+ incident reviews and the follow-up reliability work."]),
     Job("DevOps Engineer", "Sky", "Leeds, UK", "2017-07", "2020-12",
         ["Moved 200 Jenkins jobs to GitLab CI, halving average build time.",
          "Managed AWS infrastructure with Terraform for the streaming apps."])],
    [School("BEng", "Computer Science", "University of Bristol", "2014", "2017")])))

PDFS.append(("polish_java_pdf", lambda: _one_column_pdf("""
Michał Wiśniewski
Senior Java Developer
Warszawa, Poland | +48 512 345 678 | michal.wisniewski@example.pl | linkedin.com/in/mwisniewski
# SUMMARY
Java developer with 8 years of experience in banking and e-commerce backends. Focused on clean code, testing and mentoring.
# EXPERIENCE
*Senior Java Developer >> 2021 – present
Allegro, Warszawa
- Split the order management monolith into 6 Spring Boot services.
- Cut checkout API error rate from 1.2% to 0.1%.
*Java Developer >> 2017 – 2021
Asseco Poland, Rzeszów
- Built core banking modules in Java and Oracle for 3 cooperative banks.
*Junior Java Developer >> 2016 – 2017
Comarch, Kraków
- Fixed defects and wrote JUnit tests for a telecom billing system.
# EDUCATION
*Politechnika Warszawska >> 2011 – 2016
Master of Science in Computer Science
# SKILLS
Java, Spring Boot, Hibernate, Kafka, PostgreSQL, Docker, Kubernetes, JUnit, Microservices
# LANGUAGES
Polish – native, English – C1
""", latin=False), Person(
    "Michał Wiśniewski", "michal.wisniewski@example.pl", "+48 512 345 678", "Warszawa, Poland",
    ["https://linkedin.com/in/mwisniewski"],
    "Java developer with 8 years of experience in banking and e-commerce backends. Focused on clean code, testing "
    "and mentoring.",
    ["Java", "Spring Boot", "Hibernate", "Apache Kafka", "PostgreSQL", "Docker", "Kubernetes", "JUnit",
     "Microservices"], [],
    [Job("Senior Java Developer", "Allegro", "Warszawa", "2021", None,
         ["Split the order management monolith into 6 Spring Boot services.",
          "Cut checkout API error rate from 1.2% to 0.1%."]),
     Job("Java Developer", "Asseco Poland", "Rzeszów", "2017", "2021",
         ["Built core banking modules in Java and Oracle for 3 cooperative banks."]),
     Job("Junior Java Developer", "Comarch", "Kraków", "2016", "2017",
         ["Fixed defects and wrote JUnit tests for a telecom billing system."])],
    [School("Master of Science", "Computer Science", "Politechnika Warszawska", "2011", "2016")],
    [], ["Polish", "English"])))

PDFS.append(("ukrainian_qa_pdf", lambda: _one_column_pdf("""
Olena Kovalenko
QA Engineer
Lviv, Ukraine · +380 67 123 4567 · olena.kovalenko@example.com · linkedin.com/in/olenakovalenko
# Summary
QA engineer with 5 years of experience in manual and automated testing of web and mobile applications. Experienced in Agile teams and in building test processes from scratch.
# Skills
Manual testing, Test design, API testing, Postman, Cypress, JavaScript, SQL, Jira, TestRail
# Work Experience
*QA Engineer >> Sep 2021 – Present
SoftServe, Lviv
- Own testing for a US healthcare scheduling app used by 300 clinics.
- Automated 450 Cypress regression tests, cutting manual regression by 60%.
*Junior QA Engineer >> Jun 2019 – Aug 2021
EPAM Systems, Kyiv
- Wrote test cases in TestRail and checked REST APIs with Postman.
# Education
*Lviv Polytechnic National University >> 2015 – 2019
Bachelor's degree in Software Engineering
# Certifications
ISTQB Certified Tester Foundation Level
# Languages
Ukrainian (native), English (B2), Polish (B1)
"""), Person(
    "Olena Kovalenko", "olena.kovalenko@example.com", "+380 67 123 4567", "Lviv, Ukraine",
    ["https://linkedin.com/in/olenakovalenko"],
    "QA engineer with 5 years of experience in manual and automated testing of web and mobile applications. "
    "Experienced in Agile teams and in building test processes from scratch.",
    ["Manual testing", "Test design", "API testing", "Postman", "Cypress", "JavaScript", "SQL", "Jira", "TestRail"],
    [],
    [Job("QA Engineer", "SoftServe", "Lviv", "2021-09", None,
         ["Own testing for a US healthcare scheduling app used by 300 clinics.",
          "Automated 450 Cypress regression tests, cutting manual regression by 60%."]),
     Job("Junior QA Engineer", "EPAM Systems", "Kyiv", "2019-06", "2021-08",
         ["Wrote test cases in TestRail and checked REST APIs with Postman."])],
    [School("Bachelor's degree", "Software Engineering", "Lviv Polytechnic National University", "2015", "2019")],
    ["ISTQB Certified Tester Foundation Level"], ["Ukrainian", "English", "Polish"])))

PDFS.append(("spanish_designer_two_column_pdf", lambda: _two_column_pdf("""
Laura Martín Gómez
Product Designer
""", """
# CONTACT
laura.martin@example.es
+34 622 123 456
Barcelona, Spain
linkedin.com/in/lauramartin
# SKILLS
Figma
Design systems
Prototyping
User research
UI design
HTML & CSS
# LANGUAGES
Spanish
Catalan
English
# EDUCATION
*BA in Graphic Design
Elisava Barcelona School of Design and Engineering
2012 – 2016
""", """
# PROFILE
Product designer with 8 years of experience designing mobile and web products for delivery and fintech. I enjoy building design systems and working closely with engineering.
# EXPERIENCE
*Senior Product Designer
Glovo · Barcelona · Mar 2021 – Present
- Lead design for the courier app used by 60,000 couriers in 20 countries.
- Built the design system now used by 12 product teams.
*Product Designer
Typeform · Barcelona · Jun 2018 – Feb 2021
- Redesigned the form builder, raising weekly active creators 15%.
*UI Designer
Ogilvy · Madrid · Sep 2016 – May 2018
- Designed campaign sites and apps for banking and telecom clients.
"""), Person(
    "Laura Martín Gómez", "laura.martin@example.es", "+34 622 123 456", "Barcelona, Spain",
    ["https://linkedin.com/in/lauramartin"],
    "Product designer with 8 years of experience designing mobile and web products for delivery and fintech. I "
    "enjoy building design systems and working closely with engineering.",
    ["Figma", "Design systems", "Prototyping", "User research", "UI design", "HTML", "CSS"], [],
    [Job("Senior Product Designer", "Glovo", "Barcelona", "2021-03", None,
         ["Lead design for the courier app used by 60,000 couriers in 20 countries.",
          "Built the design system now used by 12 product teams."]),
     Job("Product Designer", "Typeform", "Barcelona", "2018-06", "2021-02",
         ["Redesigned the form builder, raising weekly active creators 15%."]),
     Job("UI Designer", "Ogilvy", "Madrid", "2016-09", "2018-05",
         ["Designed campaign sites and apps for banking and telecom clients."])],
    [School("BA", "Graphic Design", "Elisava Barcelona School of Design and Engineering", "2012", "2016")],
    [], ["Spanish", "Catalan", "English"])))

PDFS.append(("indonesian_android_pdf", lambda: _one_column_pdf("""
Rizky Pratama
Android Developer
Jakarta, Indonesia | +62 812 3456 7890 | rizky.pratama@example.co.id | github.com/rizkypratama
# SUMMARY
Android developer with 5 years of experience building e-commerce and ride-hailing apps in Kotlin. Passionate about app performance and clean architecture.
# WORK EXPERIENCE
*Tokopedia >> Jan 2021 – Present
Senior Android Engineer
- Reduced cold start time by 40% on low-end devices.
- Migrated the product detail page to Jetpack Compose.
*Gojek >> Mar 2019 – Dec 2020
Android Engineer
- Built the in-app chat between drivers and customers, used in 3 countries.
# EDUCATION
*B.Sc. in Computer Science, Universitas Indonesia >> 2014 – 2018
# SKILLS
Kotlin, Java, Android, Jetpack Compose, Coroutines, Dagger Hilt, Firebase, Git
# LANGUAGES
Indonesian, English
"""), Person(
    "Rizky Pratama", "rizky.pratama@example.co.id", "+62 812 3456 7890", "Jakarta, Indonesia",
    ["https://github.com/rizkypratama"],
    "Android developer with 5 years of experience building e-commerce and ride-hailing apps in Kotlin. Passionate "
    "about app performance and clean architecture.",
    ["Kotlin", "Java", "Android", "Jetpack Compose", "Coroutines", "Dagger Hilt", "Firebase", "Git"], [],
    [Job("Senior Android Engineer", "Tokopedia", None, "2021-01", None,
         ["Reduced cold start time by 40% on low-end devices.",
          "Migrated the product detail page to Jetpack Compose."]),
     Job("Android Engineer", "Gojek", None, "2019-03", "2020-12",
         ["Built the in-app chat between drivers and customers, used in 3 countries."])],
    [School("B.Sc.", "Computer Science", "Universitas Indonesia", "2014", "2018")],
    [], ["Indonesian", "English"])))

PDFS.append(("south_african_ba_pdf", lambda: _one_column_pdf("""
Thandiwe Mokoena
Cape Town, South Africa | 082 555 1234 | thandi.mokoena@example.co.za | linkedin.com/in/thandimokoena
# PROFILE
Business analyst with 6 years in banking and insurance, translating business needs into clear requirements and working closely with development teams.
# CORE SKILLS
Requirements gathering, BPMN, SQL, Jira, Confluence, Agile, Stakeholder management, Power BI
# EXPERIENCE
*Senior Business Analyst >> 2021 – Present
Old Mutual, Cape Town
- Led requirements for a new claims system serving 2 million policyholders.
- Facilitate backlog refinement for two Scrum teams.
*Business Analyst >> 2018 – 2021
Capitec Bank, Stellenbosch
- Mapped 40 branch processes in BPMN ahead of digitisation.
- Built Power BI reports tracking app onboarding drop-off.
# EDUCATION
*BCom Information Systems, University of Cape Town >> 2014 – 2017
# CERTIFICATIONS
IIBA Certification of Capability in Business Analysis (CCBA)
# LANGUAGES
English, isiZulu, Afrikaans
""", rule=True), Person(
    "Thandiwe Mokoena", "thandi.mokoena@example.co.za", "082 555 1234", "Cape Town, South Africa",
    ["https://linkedin.com/in/thandimokoena"],
    "Business analyst with 6 years in banking and insurance, translating business needs into clear requirements "
    "and working closely with development teams.",
    ["Requirements gathering", "BPMN", "SQL", "Jira", "Confluence", "Agile", "Stakeholder management", "Power BI"],
    [],
    [Job("Senior Business Analyst", "Old Mutual", "Cape Town", "2021", None,
         ["Led requirements for a new claims system serving 2 million policyholders.",
          "Facilitate backlog refinement for two Scrum teams."]),
     Job("Business Analyst", "Capitec Bank", "Stellenbosch", "2018", "2021",
         ["Mapped 40 branch processes in BPMN ahead of digitisation.",
          "Built Power BI reports tracking app onboarding drop-off."])],
    [School("BCom", "Information Systems", "University of Cape Town", "2014", "2017")],
    ["IIBA Certification of Capability in Business Analysis (CCBA)"], ["English", "isiZulu", "Afrikaans"])))

PDFS.append(("canadian_it_pm_two_column_pdf", lambda: _two_column_pdf("""
Daniel Tremblay
IT Project Manager, PMP
""", """
# CONTACT
Vancouver, BC
604-555-0166
daniel.tremblay@example.ca
linkedin.com/in/dtremblay
# SKILLS
Project management
Agile
Scrum
Budgeting
Risk management
Jira
MS Project
Stakeholder management
# CERTIFICATIONS
Project Management Professional (PMP)
Certified ScrumMaster (CSM)
# LANGUAGES
English
French
""", """
# SUMMARY
IT project manager with 11 years of experience delivering ERP, cloud migration and infrastructure projects for utilities and government. Known for calm delivery of complex projects on budget.
# EXPERIENCE
*Senior IT Project Manager
BC Hydro, Vancouver, BC | 2019 – Present
- Delivered a $14M SAP upgrade on time with 120 stakeholders across 6 departments.
- Manage a portfolio of 8 infrastructure projects with a combined budget of $30M.
*IT Project Manager
TELUS, Burnaby, BC | 2015 – 2019
- Led the migration of 300 servers to a new data centre with no unplanned outages.
*Systems Analyst
Province of British Columbia, Victoria, BC | 2013 – 2015
- Gathered requirements for a licensing system used by 50,000 residents.
# EDUCATION
*Bachelor of Commerce, Management Information Systems
University of British Columbia | 2009 – 2013
"""), Person(
    "Daniel Tremblay", "daniel.tremblay@example.ca", "604-555-0166", "Vancouver, BC",
    ["https://linkedin.com/in/dtremblay"],
    "IT project manager with 11 years of experience delivering ERP, cloud migration and infrastructure projects for "
    "utilities and government. Known for calm delivery of complex projects on budget.",
    ["Project management", "Agile", "Scrum", "Budgeting", "Risk management", "Jira", "MS Project",
     "Stakeholder management"], [],
    [Job("Senior IT Project Manager", "BC Hydro", "Vancouver, BC", "2019", None,
         ["Delivered a $14M SAP upgrade on time with 120 stakeholders across 6 departments.",
          "Manage a portfolio of 8 infrastructure projects with a combined budget of $30M."]),
     Job("IT Project Manager", "TELUS", "Burnaby, BC", "2015", "2019",
         ["Led the migration of 300 servers to a new data centre with no unplanned outages."]),
     Job("Systems Analyst", "Province of British Columbia", "Victoria, BC", "2013", "2015",
         ["Gathered requirements for a licensing system used by 50,000 residents."])],
    [School("Bachelor of Commerce", "Management Information Systems", "University of British Columbia", "2009",
            "2013")],
    ["Project Management Professional (PMP)", "Certified ScrumMaster (CSM)"], ["English", "French"])))

PDFS.append(("us_data_analyst_google_docs_pdf", lambda: _one_column_pdf("""
Aisha Johnson
New York, NY • aisha.johnson@example.com • (917) 555-0190 • linkedin.com/in/aishajohnson
# Summary
Data analyst with 3 years of experience in product analytics for consumer apps. I write SQL all day, build dashboards people actually use and design experiments with product teams.
# Experience
*Spotify >> New York, NY
Data Analyst >> June 2022 – Present
- Built Looker dashboards tracking podcast engagement for 15 product managers.
- Designed and analysed 20 A/B tests on the home feed.
*Peloton >> New York, NY
Junior Data Analyst >> August 2020 – May 2022
- Wrote SQL pipelines for weekly subscription retention reporting.
- Found a billing bug through churn analysis that recovered $1.2M a year.
# Education
*Rutgers University >> New Brunswick, NJ
B.A. in Economics, Minor in Statistics >> 2016 – 2020
# Skills
SQL, Python, Looker, Tableau, BigQuery, A/B testing, Statistics
"""), Person(
    "Aisha Johnson", "aisha.johnson@example.com", "(917) 555-0190", "New York, NY",
    ["https://linkedin.com/in/aishajohnson"],
    "Data analyst with 3 years of experience in product analytics for consumer apps. I write SQL all day, build "
    "dashboards people actually use and design experiments with product teams.",
    ["SQL", "Python", "Looker", "Tableau", "BigQuery", "A/B Testing", "Statistics"], [],
    [Job("Data Analyst", "Spotify", "New York, NY", "2022-06", None,
         ["Built Looker dashboards tracking podcast engagement for 15 product managers.",
          "Designed and analysed 20 A/B tests on the home feed."]),
     Job("Junior Data Analyst", "Peloton", "New York, NY", "2020-08", "2022-05",
         ["Wrote SQL pipelines for weekly subscription retention reporting.",
          "Found a billing bug through churn analysis that recovered $1.2M a year."])],
    [School("B.A.", "Economics", "Rutgers University", "2016", "2020")])))


# DOCX ----------------------------------------------------------------------------------------
# The same markup, written the way people format Word documents: the name as a large bold
# paragraph, contact lines, then headings as Word heading styles (styled=True) or as bold
# capitals, "List Bullet" bullets, and "a >> b" as a tab before the right-hand text.

def _docx(markup: str, *, styled: bool) -> bytes:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    lines = markup.strip("\n").splitlines()
    name = document.add_paragraph().add_run(lines[0])
    name.bold = True
    name.font.size = Pt(18)
    for line in lines[1:]:
        if not line.strip():
            continue
        if line.startswith("# "):
            if styled:
                document.add_heading(line[2:], level=1)
            else:
                run = document.add_paragraph().add_run(line[2:].upper())
                run.bold = True
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif " >> " in line:
            text, aside = line.split(" >> ")
            paragraph = document.add_paragraph()
            paragraph.add_run(text.lstrip("*")).bold = text.startswith("*")
            paragraph.add_run(f"\t{aside}")
        elif line.startswith("*"):
            document.add_paragraph().add_run(line[1:]).bold = True
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


DOCXS: list[tuple[str, str, bool, Person]] = []

DOCXS.append(("us_marketing_docx", """
Megan O'Connell
Denver, CO | 720-555-0134 | megan.oconnell@example.com | linkedin.com/in/meganoconnell
# Summary
Marketing manager with 10 years of experience in B2B and consumer tech. I build demand generation programs that sales teams trust and measure everything.
# Experience
*Senior Marketing Manager
Ibotta, Denver, CO | January 2021 – Present
- Grew marketing-sourced pipeline 48% in two years.
- Manage a team of 4 and a $2.5M annual budget.
*Marketing Manager
SendGrid, Denver, CO | June 2017 – December 2020
- Launched the developer newsletter, reaching 250,000 subscribers.
- Ran SEO program that doubled organic sign-ups.
*Marketing Coordinator
Craftsy, Denver, CO | August 2013 – May 2017
- Coordinated 30 webinars and trade show events a year.
# Education
B.A. in Communications, University of Colorado Boulder, 2009 – 2013
# Skills
SEO, Google Analytics, HubSpot, Salesforce, Content strategy, Email marketing, A/B testing
# Certifications
Google Analytics Certification
HubSpot Inbound Marketing Certification
""", True, Person(
    "Megan O'Connell", "megan.oconnell@example.com", "720-555-0134", "Denver, CO",
    ["https://linkedin.com/in/meganoconnell"],
    "Marketing manager with 10 years of experience in B2B and consumer tech. I build demand generation programs that "
    "sales teams trust and measure everything.",
    ["SEO", "Google Analytics", "HubSpot", "Salesforce", "Content strategy", "Email marketing", "A/B Testing"], [],
    [Job("Senior Marketing Manager", "Ibotta", "Denver, CO", "2021-01", None,
         ["Grew marketing-sourced pipeline 48% in two years.", "Manage a team of 4 and a $2.5M annual budget."]),
     Job("Marketing Manager", "SendGrid", "Denver, CO", "2017-06", "2020-12",
         ["Launched the developer newsletter, reaching 250,000 subscribers.",
          "Ran SEO program that doubled organic sign-ups."]),
     Job("Marketing Coordinator", "Craftsy", "Denver, CO", "2013-08", "2017-05",
         ["Coordinated 30 webinars and trade show events a year."])],
    [School("B.A.", "Communications", "University of Colorado Boulder", "2009", "2013")],
    ["Google Analytics Certification", "HubSpot Inbound Marketing Certification"])))

DOCXS.append(("indian_java_docx", """
KARTHIK SUBRAMANIAN
Chennai, Tamil Nadu | +91 94440 12345 | karthik.s@example.in | linkedin.com/in/karthiksubramanian
# Profile Summary
Software engineer with 7 years of experience developing scalable Java microservices for SaaS and banking products. Strong in Spring Boot, REST APIs and cloud deployment on AWS.
# Technical Skills
- Languages: Java, SQL, JavaScript
- Frameworks: Spring Boot, Hibernate, Angular
- Cloud & DevOps: AWS, Docker, Jenkins
- Databases: MySQL, MongoDB
# Professional Experience
*Senior Software Engineer – Zoho Corporation, Chennai >> Apr 2020 – Present
- Developed billing microservices processing 5 million invoices a month.
- Improved API response time by 30% through query tuning and caching.
*Software Engineer – Cognizant Technology Solutions, Chennai >> Jun 2017 – Mar 2020
- Built Spring Boot REST APIs for a US insurance client.
- Received the Best Performer award in 2019.
# Education
B.E. in Computer Science and Engineering | Anna University | 2013 – 2017
# Certifications
AWS Certified Developer – Associate
# Languages
English, Tamil
""", False, Person(
    "Karthik Subramanian", "karthik.s@example.in", "+91 94440 12345", "Chennai, Tamil Nadu",
    ["https://linkedin.com/in/karthiksubramanian"],
    "Software engineer with 7 years of experience developing scalable Java microservices for SaaS and banking "
    "products. Strong in Spring Boot, REST APIs and cloud deployment on AWS.",
    ["Java", "SQL", "JavaScript", "Spring Boot", "Hibernate", "Angular", "Amazon Web Services", "Docker", "Jenkins",
     "MySQL", "MongoDB"], [],
    [Job("Senior Software Engineer", "Zoho Corporation", "Chennai", "2020-04", None,
         ["Developed billing microservices processing 5 million invoices a month.",
          "Improved API response time by 30% through query tuning and caching."]),
     Job("Software Engineer", "Cognizant Technology Solutions", "Chennai", "2017-06", "2020-03",
         ["Built Spring Boot REST APIs for a US insurance client.", "Received the Best Performer award in 2019."])],
    [School("B.E.", "Computer Science and Engineering", "Anna University", "2013", "2017")],
    ["AWS Certified Developer – Associate"], ["English", "Tamil"])))

DOCXS.append(("uk_qa_lead_docx", """
Gareth Thomas
Leeds, West Yorkshire
07911 123456 | gareth.thomas@example.co.uk | linkedin.com/in/gareththomasqa
# Personal Statement
Test lead with 9 years' experience in insurance and public-sector software. I build test strategies that balance automation with exploratory testing, and I enjoy coaching testers.
# Key Skills
Test strategy, Playwright, Selenium, C#, SpecFlow, Azure DevOps, SQL, Agile
# Career History
*Test Lead >> Apr 2021 – Present
Aviva, Leeds
- Lead 7 testers across three delivery teams on the motor claims platform.
- Introduced Playwright, moving 70% of regression testing into the CI pipeline.
*Senior Test Analyst >> Sept 2017 – Mar 2021
NHS Digital, Leeds
- Tested the national e-referral service used by every GP practice in England.
*Test Analyst >> Jul 2015 – Aug 2017
Sky Betting & Gaming, Leeds
- Wrote and ran exploratory and automated tests for the betting app.
# Education
BSc (Hons) Computing, Leeds Beckett University, 2012 – 2015
# Certifications
ISTQB Advanced Level Test Manager
""", True, Person(
    "Gareth Thomas", "gareth.thomas@example.co.uk", "07911 123456", "Leeds, West Yorkshire",
    ["https://linkedin.com/in/gareththomasqa"],
    "Test lead with 9 years' experience in insurance and public-sector software. I build test strategies that "
    "balance automation with exploratory testing, and I enjoy coaching testers.",
    ["Test strategy", "Playwright", "Selenium", "C#", "SpecFlow", "Azure DevOps", "SQL", "Agile"], [],
    [Job("Test Lead", "Aviva", "Leeds", "2021-04", None,
         ["Lead 7 testers across three delivery teams on the motor claims platform.",
          "Introduced Playwright, moving 70% of regression testing into the CI pipeline."]),
     Job("Senior Test Analyst", "NHS Digital", "Leeds", "2017-09", "2021-03",
         ["Tested the national e-referral service used by every GP practice in England."]),
     Job("Test Analyst", "Sky Betting & Gaming", "Leeds", "2015-07", "2017-08",
         ["Wrote and ran exploratory and automated tests for the betting app."])],
    [School("BSc (Hons)", "Computing", "Leeds Beckett University", "2012", "2015")],
    ["ISTQB Advanced Level Test Manager"])))

DOCXS.append(("kenyan_sysadmin_docx", """
Faith Wanjiru Kamau
Nairobi, Kenya | +254 712 345 678 | faith.kamau@example.co.ke
# Professional Summary
Systems administrator with 6 years of experience managing Linux and Windows servers, networks and backups for banks and NGOs.
# Work Experience
*Systems Administrator
Equity Bank Kenya, Nairobi
March 2021 – Present
- Administer 250 Linux and Windows servers across two data centres.
- Automated patching with Ansible, cutting patch windows from 8 to 2 hours.
*IT Officer
Kenya Red Cross Society, Nairobi
January 2018 – February 2021
- Supported 400 staff and set up networks for 12 regional offices.
# Education
Bachelor of Science in Information Technology, Jomo Kenyatta University of Agriculture and Technology, 2013 – 2017
# Skills
Linux, Windows Server, VMware, Active Directory, Ansible, Bash, PowerShell, Cisco IOS
# Certifications
Red Hat Certified System Administrator (RHCSA)
Cisco Certified Network Associate (CCNA)
# Languages
English, Swahili
""", False, Person(
    "Faith Wanjiru Kamau", "faith.kamau@example.co.ke", "+254 712 345 678", "Nairobi, Kenya", [],
    "Systems administrator with 6 years of experience managing Linux and Windows servers, networks and backups for "
    "banks and NGOs.",
    ["Linux", "Windows Server", "VMware", "Active Directory", "Ansible", "Bash", "PowerShell", "Cisco IOS"], [],
    [Job("Systems Administrator", "Equity Bank Kenya", "Nairobi", "2021-03", None,
         ["Administer 250 Linux and Windows servers across two data centres.",
          "Automated patching with Ansible, cutting patch windows from 8 to 2 hours."]),
     Job("IT Officer", "Kenya Red Cross Society", "Nairobi", "2018-01", "2021-02",
         ["Supported 400 staff and set up networks for 12 regional offices."])],
    [School("Bachelor of Science", "Information Technology", "Jomo Kenyatta University of Agriculture and Technology",
            "2013", "2017")],
    ["Red Hat Certified System Administrator (RHCSA)", "Cisco Certified Network Associate (CCNA)"],
    ["English", "Swahili"])))

DOCXS.append(("romanian_dotnet_docx", """
Andrei Popescu
.NET Developer
Cluj-Napoca, Romania | +40 723 456 789 | andrei.popescu@example.ro | github.com/andreipopescu
# Summary
.NET developer with 6 years of experience building web APIs and internal tools for logistics and healthcare clients in Western Europe.
# Experience
*Senior .NET Developer >> 10/2021 – present
Endava, Cluj-Napoca
- Built ASP.NET Core APIs for a Dutch logistics company handling 1 million shipments a month.
- Moved CI from TeamCity to Azure DevOps pipelines.
*.NET Developer >> 07/2018 – 09/2021
Fortech, Cluj-Napoca
- Developed Entity Framework data access for a German hospital scheduling system.
# Education
Bachelor's degree in Computer Science, Babeș-Bolyai University, 2014 – 2018
# Skills
C#, .NET, ASP.NET Core, Entity Framework, Microsoft SQL Server, Azure, Angular, Docker
# Languages
Romanian (native), English (C1), German (B1)
""", True, Person(
    "Andrei Popescu", "andrei.popescu@example.ro", "+40 723 456 789", "Cluj-Napoca, Romania",
    ["https://github.com/andreipopescu"],
    ".NET developer with 6 years of experience building web APIs and internal tools for logistics and healthcare "
    "clients in Western Europe.",
    ["C#", ".NET", "Entity Framework", "Microsoft SQL Server", "Microsoft Azure", "Angular", "Docker"], [],
    [Job("Senior .NET Developer", "Endava", "Cluj-Napoca", "2021-10", None,
         ["Built ASP.NET Core APIs for a Dutch logistics company handling 1 million shipments a month.",
          "Moved CI from TeamCity to Azure DevOps pipelines."]),
     Job(".NET Developer", "Fortech", "Cluj-Napoca", "2018-07", "2021-09",
         ["Developed Entity Framework data access for a German hospital scheduling system."])],
    [School("Bachelor's degree", "Computer Science", "Babeș-Bolyai University", "2014", "2018")],
    [], ["Romanian", "English", "German"])))

DOCXS.append(("australian_sre_docx", """
Josh Nguyen
Sydney NSW | 0433 987 654 | josh.nguyen@example.com.au | github.com/joshnguyen
# Summary
Site reliability engineer with 8 years of experience keeping payment and marketplace platforms available. I like boring deploys, good dashboards and blameless reviews.
# Experience
*Senior Site Reliability Engineer, Atlassian >> Feb 2022 – Present
- Own reliability for the Jira Cloud search service, holding 99.95% availability.
- Built chaos testing that caught 14 failure modes before production.
*Site Reliability Engineer, Afterpay >> 2019 – 2022
- Moved the payments stack to Kubernetes on AWS with zero downtime.
*Systems Engineer, Telstra >> 2016 – 2019
- Automated server builds with Puppet and Python.
# Education
Bachelor of Engineering (Software), University of New South Wales, 2012 – 2015
# Skills
AWS, Kubernetes, Terraform, Go, Python, Datadog, PagerDuty, Linux
# Certifications
AWS Certified Solutions Architect – Professional
""", False, Person(
    "Josh Nguyen", "josh.nguyen@example.com.au", "0433 987 654", "Sydney NSW", ["https://github.com/joshnguyen"],
    "Site reliability engineer with 8 years of experience keeping payment and marketplace platforms available. I like "
    "boring deploys, good dashboards and blameless reviews.",
    ["Amazon Web Services", "Kubernetes", "Terraform", "Go", "Python", "Datadog", "PagerDuty", "Linux"], [],
    [Job("Senior Site Reliability Engineer", "Atlassian", None, "2022-02", None,
         ["Own reliability for the Jira Cloud search service, holding 99.95% availability.",
          "Built chaos testing that caught 14 failure modes before production."]),
     Job("Site Reliability Engineer", "Afterpay", None, "2019", "2022",
         ["Moved the payments stack to Kubernetes on AWS with zero downtime."]),
     Job("Systems Engineer", "Telstra", None, "2016", "2019", ["Automated server builds with Puppet and Python."])],
    [School("Bachelor of Engineering", "Software", "University of New South Wales", "2012", "2015")],
    ["AWS Certified Solutions Architect – Professional"])))


def blind_set_8() -> list[tuple[str, Person, None, bytes]]:
    """The 30 documents with their labels, in the shape of the other blind sets."""
    return ([(layout, label, None, text.encode()) for layout, text, label in TEXTS]
            + [(layout, label, None, render()) for layout, render, label in PDFS]
            + [(layout, label, None, _docx(markup, styled=styled)) for layout, markup, styled, label in DOCXS])
