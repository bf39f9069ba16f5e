"""The offline resume parser: rules over the document's lines, no network, deterministic.

1. Sections: a line is a heading when its text names a section (in any case, with or without a
   colon), or when it looks like the headings already found (capitals, bold, larger type) or the
   document marks it as one (DOCX heading styles). "Skills: Python, Go" is a heading with content.
2. Contact fields by pattern (e-mail, phone, links), the name from the top of the document (the
   largest type when the layout is known), the location from the header's place names.
3. Skills: the skills section's items looked up in the shipped vocabulary with its aliases, plus
   the vocabulary's skills named anywhere else; canonical names, no duplicates.
4. Experience and education: entries anchored on their date ranges (month names, numbers, ISO,
   seasons, "Present"), title / company / location told apart by separators, title words,
   company suffixes and place names; highlights are the lines that follow.
5. Claims: highlights an interviewer would probe (numbers, leadership verbs, technologies).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from .documents import Line
from .vocabulary import place_key, places, vocabulary

# Sections ------------------------------------------------------------------------------------


def heading_key(text: str) -> str:
    """How headings are compared: case, accents (of Latin, Greek and Cyrillic letters), punctuation and
    "&" / "and" ignored: "ΕΠΑΓΓΕΛΜΑΤΙΚΗ ΕΜΠΕΙΡΙΑ" is "Επαγγελματική εμπειρία"; Turkish dotless ı is i
    ("YABANCI DİL" is "Yabancı dil")."""
    text = re.sub(r"^[#=\-_*•·|>\s]+|[:\-_=*|\s]+$", "", text).replace("&", " and ")
    text = re.sub(r"(?i)^(?:\d{1,2}|[ivx]{1,4})[.)]\s+(?=\w)", "", text)  # "1. Skills", "II. EDUCATION"
    if re.fullmatch(r"(?:\w ){3,}\w", text.strip()):
        text = text.replace(" ", "")  # "E X P E R I E N C E": letters spaced out
    folded = unicodedata.normalize("NFD", text.casefold().replace("ı", "i"))
    text = unicodedata.normalize("NFC", re.sub(r"[\u0300-\u036f]", "", folded))
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": ("summary", "professional summary", "career summary", "executive summary", "profile",
                "professional profile", "personal profile", "about", "about me", "objective",
                "career objective", "overview", "introduction", "personal statement", "resumen", "profil",
                "profiel", "profilo", "perfil", "sammanfattning", "kurzprofil",
                # more languages and scripts: German, French, Spanish, Portuguese, Polish, Turkish,
                # Indonesian, Cyrillic, Greek, Japanese, Chinese, Korean, Arabic
                "über mich", "persönliches profil", "à propos", "à propos de moi", "résumé professionnel",
                "sobre mí", "perfil profesional", "resumo", "sobre mim", "perfil profissional", "resumo profissional",
                "podsumowanie", "o mnie", "profil zawodowy", "özet", "hakkımda", "ringkasan", "tentang saya",
                "о себе", "обо мне", "про себе", "профиль", "профіль", "цель", "мета", "σχετικά με εμένα", "προφίλ",
                "summary of qualifications", "qualifications summary", "highlights of qualifications",
                "key qualifications", "professional overview", "career profile", "profile summary",
                "自己pr", "自己紹介", "職務要約", "个人简介", "自我评价", "个人总结", "자기소개", "요약", "نبذة عني",
                "الملخص", "mục tiêu nghề nghiệp", "mục tiêu", "giới thiệu", "giới thiệu bản thân", "tóm tắt",
                "tóm tắt bản thân", "kariyer hedefi", "profesyonel özet"),
    "experience": ("experience", "work experience", "professional experience", "employment",
                   "employment history", "work history", "career history", "relevant experience",
                   "professional background", "experience history", "positions", "career", "appointments",
                   "positions held", "employment and appointments", "earlier career", "early career", "previous roles",
                   "earlier roles", "prior roles", "other roles",
                   "berufserfahrung", "experiencia", "expérience professionnelle", "work",
                   "employment record", "work record", "professional history", "experiencia profesional",
                   "experiencia laboral", "esperienza", "esperienza professionale", "esperienze lavorative",
                   "experiência", "experiência profissional", "expérience", "expériences professionnelles",
                   "werdegang", "beruflicher werdegang", "praxiserfahrung", "werkervaring", "werkgeschiedenis",
                   "arbetslivserfarenhet", "erfarenhet", "erfaring", "arbejdserfaring", "työkokemus",
                   "internships", "internship", "industrial training", "berufliche erfahrung", "berufspraxis", "expériences", "parcours professionnel",
                   "expérience professionelle", "experiencia profesional y laboral", "trayectoria profesional",
                   "experiências", "experiência profissional", "historial laboral", "doświadczenie",
                   "doświadczenie zawodowe", "pracovní zkušenosti", "praxe", "iş deneyimi", "deneyim",
                   "pengalaman", "pengalaman kerja", "kinh nghiệm làm việc", "kinh nghiệm", "quá trình công tác",
                   "iş tecrübesi", "deneyimler", "mesleki deneyim", "experiență profesională",
                   "szakmai tapasztalat", "опыт", "опыт работы", "профессиональный опыт", "трудовая деятельность",
                   "досвід", "досвід роботи", "професійний досвід", "трудов опит", "радно искуство",
                   "εμπειρία", "επαγγελματική εμπειρία", "職歴", "職務経歴", "経歴", "工作经历", "工作经验", "工作經歷",
                   "工作經驗", "경력", "경력사항", "الخبرة", "الخبرات", "الخبرة المهنية", "ניסיון תעסוקתי"),
    "education": ("education", "academic background", "academic qualification", "educational qualification",
                  "educational qualifications", "academic details", "academic profile", "academic record",
                  "scholastic profile", "qualification", "education and training", "academics",
                  "qualifications", "academic qualifications", "educational background", "studies",
                  "ausbildung", "formación", "formation", "education history", "educación", "educacion",
                  "formación académica", "istruzione", "formazione", "educação", "formação", "formação académica",
                  "studium", "bildung", "bildungsweg", "opleiding", "opleidingen", "utbildning", "utdanning",
                  "uddannelse", "koulutus", "schulbildung", "akademische ausbildung", "formations", "diplômes",
                  "formation académique", "estudios", "formación académica y profesional", "formação acadêmica",
                  "escolaridade", "wykształcenie", "edukacja", "vzdělání", "eğitim", "eğitim bilgileri", "pendidikan",
                  "học vấn", "trình độ học vấn", "đào tạo",
                  "educație", "tanulmányok", "образование", "освіта", "освита", "образование и курсы", "εκπαίδευση",
                  "σπουδές", "学歴", "教育背景", "教育经历", "學歷", "学历", "학력", "학력사항", "التعليم", "השכלה"),
    "skills": ("skills", "top skills", "technical skills", "key skills", "core skills", "core competencies",
               "competencies", "skills and competencies", "technologies", "tech stack", "tools",
               "tools and technologies", "technical proficiencies", "expertise", "areas of expertise",
               "skill set", "skillset", "programming languages", "languages and technologies",
               "kenntnisse", "compétences", "habilidades", "skills and tools", "technical expertise",
               "competenze", "competências", "conocimientos", "fähigkeiten", "aptitudes", "vaardigheden",
               "kompetenser", "färdigheter", "ferdigheter", "kompetencer", "taidot", "it kenntnisse",
               "edv kenntnisse", "fachkenntnisse", "kompetenzen", "compétences techniques", "savoir faire",
               "habilidades técnicas", "competencias", "competências técnicas", "umiejętności", "dovednosti",
               "yetenekler", "beceriler", "keahlian", "keterampilan", "kỹ năng", "kỹ năng chuyên môn",
               "teknik beceriler", "yetkinlikler", "competențe", "készségek",
               "навыки", "ключевые навыки", "профессиональные навыки", "навички", "ключові навички",
               "технические навыки", "умения", "δεξιότητες", "スキル", "技術", "保有スキル", "专业技能", "技能",
               "技能特长", "기술", "보유기술", "보유 기술", "المهارات", "כישורים", "ferramentas", "herramientas", "outils",
               "strumenti", "werkzeuge", "narzędzia", "araçlar", "công cụ"),
    "certifications": ("certifications", "certificates", "certification", "licenses and certifications",
                       "licences and certifications", "licenses", "licences", "professional certifications",
                       "accreditations", "certifications and licenses", "zertifikate", "zertifizierungen",
                       "certificats", "certificaciones", "certificações", "certificados", "certificazioni",
                       "certyfikaty", "sertifikalar", "sertifikat", "chứng chỉ", "bằng cấp chứng chỉ", "сертификаты",
                       "сертифікати", "πιστοποιήσεις",
                       "資格", "免許 資格", "证书", "資格證書", "자격증", "الشهادات"),
    "languages": ("languages", "spoken languages", "languages known", "language known", "known languages", "language skills", "language", "sprachen", "idiomas",
                  "langues", "lingue", "idiomi", "línguas", "talen", "språk", "sprog", "kielitaito",
                  "sprachkenntnisse", "compétences linguistiques", "języki", "znajomość języków", "jazyky",
                  "diller", "yabancı dil", "yabancı diller", "dil bilgisi", "bahasa", "ngoại ngữ", "ngôn ngữ",
                  "limbi străine", "nyelvtudás", "языки", "знание языков",
                  "мови", "знання мов", "владение языками", "γλώσσες", "語学", "语言能力", "外语能力", "어학",
                  "외국어", "اللغات", "שפות"),
    "contact": ("contact", "contact information", "contact details", "personal details",
                "personal information", "contact info", "persönliche daten", "kontakt", "coordonnées",
                "informations personnelles", "datos personales", "contacto", "dados pessoais", "contato",
                "dati personali", "contatti", "dane osobowe", "kişisel bilgiler", "iletişim", "контакты",
                "контакти", "личные данные", "особисті дані", "στοιχεία επικοινωνίας", "連絡先", "个人信息",
                "联系方式", "연락처", "인적사항", "thông tin cá nhân", "thông tin liên hệ"),
    "other": ("projects", "personal projects", "side projects", "selected projects", "key projects",
              "publications", "awards", "honors", "honours", "awards and honors", "interests",
              "hobbies", "hobbies and interests", "references", "volunteering", "volunteer experience",
              "volunteer work", "activities", "extracurricular activities", "achievements",
              "key achievements", "courses", "coursework", "training", "patents", "conferences",
              "talks", "memberships", "affiliations", "portfolio", "additional information",
              "leadership", "open source", "community", "research", "teaching", "personal skills",
              "honors awards", "honours awards", "projekte", "projets", "proyectos", "projetos", "progetti",
              "projekty", "projeler", "проекты", "проєкти", "проекти", "έργα", "プロジェクト", "项目经验",
              "项目经历", "프로젝트", "interessen", "hobbys", "centres d intérêt", "intereses", "interesses",
              "interessi", "zainteresowania", "хобби", "інтереси", "auszeichnungen", "prix", "premios",
              "weiterbildung", "fortbildung", "kurse", "cursos", "formations complémentaires", "курсы", "курси",
              "publikationen", "publications scientifiques", "publicaciones", "referenzen", "références",
              "referencias", "declaration", "strengths", "key strengths", "extra curricular activities",
              "co curricular activities", "academic projects", "trainings attended", "workshops", "seminars",
              "workshops and seminars", "referanslar", "hobiler", "ilgi alanları", "projeler", "dự án", "sở thích",
              "hoạt động", "giải thưởng", "người tham chiếu"),
}
DOCUMENT_TITLES = {heading_key(title) for title in (
    "curriculum vitae", "resume", "résumé", "cv", "lebenslauf", "curriculum", "my resume",
                   "hoja de vida", "currículum vitae", "currículo", "curriculum vitæ", "europass curriculum vitae",
                   "tabellarischer lebenslauf", "życiorys", "özgeçmiş", "резюме", "βιογραφικό", "βιογραφικό σημείωμα",
                   "履歴書", "職務経歴書", "简历", "個人簡歷", "个人简历", "이력서", "السيرة الذاتية")}
HEADING_KIND = {heading_key(name): kind for kind, names in HEADINGS.items() for name in names}
# education headings that name certificates when the resume has an education section too
CERTIFICATE_HEADINGS = {heading_key(name) for name in (
    "qualifications", "qualification", "professional qualifications", "other qualifications")}
PROJECT_HEADINGS = {heading_key(name) for name in (
    "projects", "personal projects", "side projects", "selected projects", "key projects",
                    "open source", "achievements", "key achievements", "leadership", "academic projects", "projekte", "projets",
                    "proyectos", "projetos", "progetti", "projekty", "projeler", "проекты", "проєкти", "проекти",
                    "プロジェクト", "项目经验", "项目经历", "프로젝트")}
# the words that name a section inside a longer heading: "Skills Summary", "Summary of Skills",
# "IT Skills", "Education & Certifications" (the first such word decides)
SECTION_WORDS = {"experience": "experience", "employment": "experience", "skills": "skills",
                 "competencies": "skills", "competences": "skills", "education": "education",
                 "educational": "education",
                 "certifications": "certifications", "certificates": "certifications", "languages": "languages",
                 "projects": "other", "publications": "other", "awards": "other", "interests": "other"}

BULLET = re.compile(r"^\s*(?:[•·▪◦‣∙●○■□►▸\-–—*+>✓✔\x7f\uf0b7\uf0a7\uf076\uf0d8・⁃❖➢➤→◆◇♦❯»]|\d{1,2}[.)])\s*")
ICONS = "\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\ue000-\uf8ff\U0001f300-\U0001faff"
SEPARATORS = re.compile(rf"\s+\t\s+|\s*\t\s*|\s+[|•·◆◇]\s+|\s+[—–]\s+|\s+-\s+|\s{{3,}}|\s*[{ICONS}]+\ufe0f?\s*")
WORDS = re.compile(r"[^\W\d_]+(?:['’.\-][^\W\d_]+)*\.?", re.UNICODE)


@dataclass
class Section:
    kind: str
    heading: str
    lines: list[Line] = field(default_factory=list)


def _known_heading(line: Line) -> tuple[str, str, str] | None:
    """(kind, heading key, inline content) when the line names a section."""
    text = line.text.replace("\t", " ").strip()
    if len(text) <= 48:
        key = heading_key(text)
        if key in HEADING_KIND and (not text[:1].islower() or line.heading or line.bold):
            return HEADING_KIND[key], key, ""
        words = key.split()
        if 2 <= len(words) <= 3 and words[-1] in ("experience", "employment", "appointments", "positions") \
                and text[:1].isupper() \
                and not re.search(r"[\d,.;@|]", text) and (text.isupper() or line.bold or line.heading
                                                           or text.istitle()):
            return "experience", key, ""  # "Research Experience", "Industry Employment", "Academic Appointments"
        edges = [word for word in (words[:1] + words[-1:]) if word in SECTION_WORDS] if 2 <= len(words) <= 4 else []
        if edges and text[:1].isupper() and not re.search(r"[\d,.;@|]", text) \
                and (text.isupper() or line.bold or line.heading or text.istitle()
                     or all(w[:1].isupper() for w in text.split() if w.casefold() not in ("of", "and", "&", "for"))) \
                and not TITLE_WORDS.search(text) and not COMPANY_WORDS.search(text):
            return SECTION_WORDS[edges[0]], key, ""  # "Skills Summary", "Summary of Skills", "IT Skills"
        halves = [heading_key(half) for half in re.split(r"\s+[/|]\s+", text)]
        kinds = {HEADING_KIND.get(half) for half in halves}
        if len(halves) == 2 and len(kinds) == 1 and None not in kinds and not text[:1].islower():
            return HEADING_KIND[halves[0]], halves[0], ""  # "Esperienza / Experience": one section, two languages
        known = [half for half in halves if half in HEADING_KIND]
        if len(halves) == 2 and len(known) == 1 and (text.isupper() or line.bold or line.heading) \
                and not re.search(r"[\d,.;@]", text) and all(len(half.split()) <= 4 for half in halves):
            return HEADING_KIND[known[0]], known[0], ""  # "MỤC TIÊU NGHỀ NGHIỆP / CAREER OBJECTIVE": one half known
    match = re.match(r"^([^\W\d][\w &/]{1,38}?)\s*:\s*(\S.*)$", text)
    if match:
        key = heading_key(match.group(1))
        if HEADING_KIND.get(key) in ("skills", "languages", "certifications", "summary"):
            return HEADING_KIND[key], key, match.group(2)
    return None


def _programming_languages(text: str) -> bool:
    """Whether most items of a list are programming languages ("Java, SQL"), not spoken ones."""
    items = [item for item in re.split(r"\s*[,;|/]\s*", text) if item.strip()]
    known = [item for item in items if (skill := vocabulary().lookup(item)) and skill.category == "programming languages"]
    return bool(items) and len(known) * 2 > len(items)


def split_sections(lines: list[Line]) -> tuple[list[Line], list[Section]]:
    """The header (before any heading) and the sections in document order."""
    marked = [(_known_heading(line), line) for line in lines]
    heading_lines = [line for found, line in marked if found and not found[2]]
    caps = bool(heading_lines) and all(line.text.isupper() for line in heading_lines)
    bold = bool(heading_lines) and all(line.bold for line in heading_lines)
    sizes = [line.size for line in heading_lines if line.size]
    heading_size = min(sizes) if sizes else None
    levels = {line.level for line in heading_lines if line.level is not None}
    body_sizes = sorted(line.size for line in lines if line.size)
    body_size = body_sizes[len(body_sizes) // 2] if body_sizes else None

    def styled_like_heading(line: Line) -> bool:
        text = line.text.strip()
        if not heading_lines or len(text) > 40 or len(text.split()) > 4 or re.search(r"[\d,@|/]", text):
            return False
        if line.heading:  # a DOCX heading, at the level of the section headings ("Heading 2" under them is an entry's)
            return not levels or line.level is None or line.level <= max(levels)
        if not (caps and text.isupper()):
            return False
        if heading_size and body_size and heading_size > body_size + 0.5:
            return bool(line.size and line.size >= heading_size - 0.2)
        return bold and line.bold

    header: list[Line] = []
    sections: list[Section] = []
    for found, line in marked:
        if found and found[0] == "languages" and found[2] and sections and sections[-1].kind == "skills" \
                and _programming_languages(found[2]):
            sections[-1].lines.append(line)  # "Languages: Java, SQL" among the skills: a kind of skill
            continue
        if found:
            kind, key, inline = found
            sections.append(Section(kind, key))
            if inline:
                sections[-1].lines.append(Line(inline, line.size, line.bold))
            continue
        if sections and sections[-1].kind != "contact" and styled_like_heading(line) \
                and not BULLET.match(line.text):
            sections.append(Section("other", heading_key(line.text)))
            continue
        (sections[-1].lines if sections else header).append(line)
    return header, sections


# Dates ---------------------------------------------------------------------------------------

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    "janv": 1, "févr": 2, "fevr": 2, "mars": 3, "avr": 4, "mai": 5, "juin": 6, "juil": 7, "août": 8,
    "okt": 10, "dez": 12, "ene": 1, "abr": 4, "ago": 8, "dic": 12, "mär": 3, "märz": 3,
    "januari": 1, "februari": 2, "maart": 3, "mrt": 3, "mei": 5, "juni": 6, "juli": 7, "augustus": 8,
    "oktober": 10, "maj": 5, "augusti": 8, "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4,
    "maggio": 5, "giugno": 6, "luglio": 7, "agosto": 8, "settembre": 9, "ottobre": 10, "dicembre": 12,
    # German, French, Spanish, Portuguese in full, and their other abbreviations
    "januar": 1, "jänner": 1, "februar": 2, "dezember": 12, "janvier": 1, "février": 2,
    "fevrier": 2, "avril": 4, "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "déc": 12, "enero": 1, "febrero": 2, "abril": 4, "mayo": 5, "junio": 6,
    "julio": 7, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "dezembro": 12, "fev": 2, "set": 9, "out": 10,
    # Polish, Czech, Turkish, Dutch/Scandinavian extras
    "styczeń": 1, "luty": 2, "marzec": 3, "kwiecień": 4, "czerwiec": 6, "lipiec": 7, "sierpień": 8,
    "wrzesień": 9, "październik": 10, "listopad": 11, "grudzień": 12, "ocak": 1, "şubat": 2, "mart": 3,
    "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7, "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11,
    "aralık": 12,
    # Russian and Ukrainian (nominative and genitive)
    "январь": 1, "января": 1, "февраль": 2, "февраля": 2, "март": 3, "марта": 3, "апрель": 4, "апреля": 4,
    "май": 5, "мая": 5, "июнь": 6, "июня": 6, "июль": 7, "июля": 7, "август": 8, "августа": 8,
    "сентябрь": 9, "сентября": 9, "октябрь": 10, "октября": 10, "ноябрь": 11, "ноября": 11,
    "декабрь": 12, "декабря": 12, "січень": 1, "січня": 1, "лютий": 2, "лютого": 2, "березень": 3,
    "березня": 3, "квітень": 4, "квітня": 4, "травень": 5, "травня": 5, "червень": 6, "червня": 6,
    "липень": 7, "липня": 7, "серпень": 8, "серпня": 8, "вересень": 9, "вересня": 9, "жовтень": 10,
    "жовтня": 10, "листопад": 11, "листопада": 11, "грудень": 12, "грудня": 12,
}
SEASONS = ("spring", "summer", "fall", "autumn", "winter")
_MONTH_NAMES = "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
DATE = (
    rf"(?:{_YEAR}\s*年\s*(?:0?[1-9]|1[0-2])\s*月"  # 2018年4月 (Japanese, Chinese)
    rf"|{_YEAR}\s*년\s*(?:0?[1-9]|1[0-2])\s*월"  # 2018년 4월 (Korean)
    rf"|(?:{_MONTH_NAMES})(?:\.?,?\s*|-)(?:de\s+|del\s+)?{_YEAR}"  # Jan 2020, January, 2020, Sept. 2020, Jan-2020
    rf"|(?:{_MONTH_NAMES})\.?\s*['’\-]\d{{2}}(?!\d)"  # Mar '19, Mar-19
    rf"|(?:{'|'.join(SEASONS)})\s+{_YEAR}"  # Summer 2019
    rf"|(?:0?[1-9]|[12]\d|3[01])[/.](?:0?[1-9]|1[0-2])[/.]{_YEAR}"  # 01/03/2018, 15.09.2014 (day first)
    rf"|(?:0?[1-9]|1[0-2])\s*[/.]\s*{_YEAR}"  # 01/2020, 3.2021
    rf"|{_YEAR}\s*[-/.]\s*(?:0[1-9]|1[0-2])(?!\d)"  # 2020-01
    rf"|(?:0[1-9]|1[0-2])/\d{{2}}(?![\d/])"  # 05/19 (month and two-digit year)
    rf"|{_YEAR}\.(?:[1-9])(?![\d.])"  # 2018.4 (East Asian resumes)
    rf"|{_YEAR}\s*年"  # 2018年
    rf"|'\d{{2}}"  # '19 (after a month)
    rf"|{_YEAR})"
)
PRESENT = (r"(?:present|current(?:ly)?|now|today|(?:till|until|up) (?:date|now)|to date|date|ongoing|heute|"
           r"la actualidad|actualidad|actualmente|la fecha|presente|actual|atual(?:mente)?|o momento|hoje|"
           r"attuale|oggi|ad oggi|en curso|aujourd['’]hui|à ce jour|ce jour|présent|en cours|heden|nu|nå|idag|"
           r"pågående|jetzt|aktuell|derzeit|dato|obecnie|nadal|teraz|současnost|dosud|günümüz|halen|devam ediyor|"
           r"sekarang|saat ini|hiện tại|hiện nay|đến nay|"
           r"nykyään|настоящее время|по настоящее время|н\.\s?в\.?|наст\.\s?время|"
           r"сейчас|теперішній час|дотепер|досі|сьогодні|σήμερα|今|現在|至今|现在|目前|현재|재직중|حتى الآن|"
           r"الآن)")
# the words between two dates: "to", "bis", "hasta", "à", "até", "tot", "до", "по"...
_TO = (r"(?:[-–—~→〜～]+|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b|\bbis\b|\bhasta\b|\ba\b|\bal\b|"
       r"\bà\b|\bau\b|\baté\b|\btot\b|\bdo\b|\bдо\b|\bпо\b|\btil\b)")
RANGE = re.compile(
    rf"(?<![\w/])(?:(?:from|von|de|desde|du|dal|da|od|з|с)\s+)?(?P<start>{DATE})\s*{_TO}\s*"
    rf"(?:(?:la|le|o|a|al|aujourd)\s+)?(?P<end>{DATE}|{PRESENT})(?![\w/])",
    re.IGNORECASE,
)
# an open range: "3/2018–", "2018 –" at the end of the line or before a column gap (a dash
# written apart from what follows it, "2014 - BSc", is a separator, not an open end)
OPEN_RANGE = re.compile(rf"(?<![\w/])(?P<start>{DATE})\s*[-–—]+(?=\s*\t|\s{{2,}}|\s*$)", re.IGNORECASE)
SINCE = re.compile(rf"(?:\b(?:since|from|seit|depuis|desde|dal|dall['’]|dai|sinds|sedan|siden|od|från|fra|"
                   rf"alkaen|с|з|від|от|από)\s+(?P<start>{DATE})(?![\w/])"
                   rf"|(?P<start_after>{DATE})\s*(?:以来|から|부터|г\.\s*(?:по\s*)?н\.\s?в\.))", re.IGNORECASE)
SINGLE = re.compile(rf"(?<![\w/])(?:expected\s+|graduated:?\s+|class of\s+)?(?P<date>{DATE})(?![\w/])",
                    re.IGNORECASE)
MONTH_YEAR = re.compile(rf"(?P<mon>{_MONTH_NAMES})(?:\.?,?\s*|-)(?:de\s+|del\s+)?(?P<year>{_YEAR})", re.IGNORECASE)
MONTH_SHORT_YEAR = re.compile(rf"(?P<mon>{_MONTH_NAMES})\.?\s*['’\-](?P<year>\d{{2}})", re.IGNORECASE)
SEASON = re.compile(rf"(?<![\w/])(?:{'|'.join(SEASONS)})\s+(?P<year>{_YEAR})(?![\w/])", re.IGNORECASE)


def normalise_date(text: str) -> str | None:
    """`YYYY-MM` or `YYYY`, or None for text that is no date."""
    text = text.strip().casefold()
    if match := re.fullmatch(rf"({_YEAR})\s*[年년.]\s*(0?[1-9]|1[0-2])\s*[月월]?", text):
        return f"{match.group(1)}-{int(match.group(2)):02d}"
    if match := MONTH_YEAR.fullmatch(text):
        return f"{match.group('year')}-{MONTHS[match.group('mon').casefold()]:02d}"
    if match := re.fullmatch(rf"(?:0?[1-9]|[12]\d|3[01])[/.](0?[1-9]|1[0-2])[/.]({_YEAR})", text):
        return f"{match.group(2)}-{int(match.group(1)):02d}"  # the day is dropped
    if match := MONTH_SHORT_YEAR.fullmatch(text):  # '19 is 2019, '98 is 1998
        century = "19" if int(match.group("year")) >= 50 else "20"
        return f"{century}{match.group('year')}-{MONTHS[match.group('mon').casefold()]:02d}"
    if match := re.fullmatch(r"(0[1-9]|1[0-2])/(\d{2})", text):  # 05/19: May 2019
        return f"{'19' if int(match.group(2)) >= 50 else '20'}{match.group(2)}-{match.group(1)}"
    if match := re.fullmatch(rf"(0?[1-9]|1[0-2])\s*[/.]\s*({_YEAR})", text):
        return f"{match.group(2)}-{int(match.group(1)):02d}"
    if match := re.fullmatch(rf"({_YEAR})\s*[-/.]\s*(0[1-9]|1[0-2])", text):
        return f"{match.group(1)}-{match.group(2)}"
    if match := re.search(rf"{_YEAR}", text):
        return match.group(0)
    return None


@dataclass
class DateRange:
    start: str | None
    end: str | None
    current: bool
    span: tuple[int, int]


# "2015–19": the end year by its last two digits (a month, "2015-11", is read as one before this)
SHORT_END = re.compile(rf"(?<![\w/])(?P<start>{_YEAR})(?:\s*[–—]\s*|-)(?P<end>\d{{2}})(?![\w/.])")


def find_range(text: str) -> DateRange | None:
    if not re.search(r"\d\d", text):
        return None  # every range has a year in it (or two digits of one)
    short = SHORT_END.search(text)
    if short and (int(short.group("end")) > 12 or "-" not in short.group(0)) \
            and short.group("end") > short.group("start")[2:]:
        return DateRange(short.group("start"), short.group("start")[:2] + short.group("end"), False, short.span())
    if match := RANGE.search(text):
        end_text = match.group("end")
        current = bool(re.fullmatch(PRESENT, end_text.strip(), re.IGNORECASE))
        start = normalise_date(match.group("start"))
        end = None if current else normalise_date(end_text)
        if end_text.startswith("'") and start:  # "Jan '19" style is rare; a bare '19 ends in 20xx
            end = "20" + end_text[1:]
        return DateRange(start, end, current, match.span())
    if match := SINCE.search(text):
        return DateRange(normalise_date(match.group("start") or match.group("start_after")), None, True,
                         match.span())
    if match := OPEN_RANGE.search(text):
        return DateRange(normalise_date(match.group("start")), None, True, match.span())
    if match := SEASON.search(text):  # "Summer 2017": an internship's season, begun and ended that year
        return DateRange(match.group("year"), match.group("year"), False, match.span())
    return None


def find_single(text: str) -> DateRange | None:
    match = SINGLE.search(text)
    if match and not match.group("date").startswith("'"):
        return DateRange(None, normalise_date(match.group("date")), False, match.span())
    return None


def without(text: str, span: tuple[int, int]) -> str:
    rest = text[: span[0]] + " " + text[span[1]:]
    rest = re.sub(r"\(\s*\)|\[\s*\]", " ", rest)
    rest = re.sub(r"(?:\s*[|•·,;]\s*)+(?=\s\t\s|$)", "", rest)  # a separator the dates leave dangling
    rest = re.sub(r" +", " ", rest)
    edges = " ,;:|–—-·•\t()"
    kept = rest.rstrip(edges)
    tail, kept = rest[len(kept):], kept.lstrip(edges)
    if kept.count("(") > kept.count(")") and ")" in tail:
        kept += ")"  # "Certificate (WASSCE) – 2004": a parenthesis closed before the dates stays closed
    return kept


# Fields --------------------------------------------------------------------------------------

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
PHONE = re.compile(r"(?<![\w+/])0\d{2,5}\s?/\s?\d[\d \-]{3,12}\d(?![\w/])"  # German "030/1234567"
                   r"|(?<![\w+])(?:\+\d{1,3}[\s.\-]?|\(\+\d{1,3}\)\s?)?(?:\(\d{1,4}\)[\s.\-]?)?\d[\d\s.\-]{5,16}\d"
                   r"(?:\s*(?:ext\.?|x|extn\.?|extension|доб\.?|poste|durchwahl)\s*\d{1,5})?(?![\w])", re.IGNORECASE)
# an e-mail address written against harvesters: "jane [at] example [dot] com", "jane(at)example.com"
OBFUSCATED_AT = re.compile(r"(?i)\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*")
OBFUSCATED_DOT = re.compile(r"(?i)\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*")
URL = re.compile(
    r"(?i)\b(?:https?://[^\s,;|<>()]+|www\.[^\s,;|<>()]+|(?:linkedin\.com|github\.com|gitlab\.com|"
    r"stackoverflow\.com|behance\.net|dribbble\.com|medium\.com|x\.com|twitter\.com)/[^\s,;|<>()]+)"
)
# a personal site written without "https://" or "www." in the contact lines: "janedoe.dev"
BARE_DOMAIN = re.compile(r"(?i)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:io|dev|me|com|net|org|app|site|xyz|"
                         r"tech|page|blog|codes|design|co)(?:/[^\s,;|<>()]*)?")
TITLE_WORDS = re.compile(
    r"(?i)\b(engineer|engineering manager|developer|programmer|architect|manager|lead|head|director|"
    r"analyst|scientist|designer|consultant|intern|internship|specialist|administrator|admin|officer|"
    r"coordinator|associate|assistant|technician|researcher|fellow|founder|co-founder|cto|ceo|cfo|coo|"
    r"vp|vice president|president|principal|staff|owner|partner|advisor|strategist|editor|writer|"
    r"teacher|lecturer|professor|tutor|instructor|product owner|scrum master|devops|sre|accountant|"
    r"recruiter|representative|executive|supervisor|trainee|apprentice|contractor|freelancer|"
    r"freelance|tester|qa|sales|marketing|support|operator|nurse|chef|entwickler|ingenieur|"
    r"senior|junior|chief|mathematician|physicist|chemist|biologist|geologist|economist|statistician|actuary|"
    r"pharmacist|physician|surgeon|dentist|therapist|psychologist|counsel+or|lawyer|attorney|paralegal|"
    r"cashier|electrician|mechanic|plumber|welder|barista|waiter|waitress|receptionist|"
    r"secretary|librarian|journalist|photographer|translator|interpreter|auditor|controller|banker|broker|"
    r"trader|agent|planner|buyer|merchandiser|artist|animator|producer|curator|surveyor|inspector|estimator|"
    r"foreman|superintendent|dispatcher|caregiver|midwife|paramedic|veterinarian|social worker|corps member|"
    r"team member|staff member|crew member|"
    r"desarrollador|ingeniero|développeur|ingénieur|инженер|разработчик|工程师|开发)(?:e|a|in|innen)?\b"  # "Consultante", "Ingeniera", "Entwicklerin"
    r"|\b(?:ingenier[oa]|analista|programador(?:a)?|diseñador(?:a)?|consultor(?:a)?|"
    r"gerente|jef[ea]|coordinador(?:a)?|especialista|técnic[oa]|becari[oa]|desenvolvedor(?:a)?|"
    r"engenheir[oa]|sviluppatore|ingegnere|responsabile)\b"  # Spanish, Portuguese and Italian titles
    r"|\b(?:mühendis|geliştirici|yazılımcı|uzman|müdür|yönetici|analist|danışman|stajyer|kıdemli|"
    r"lập trình viên|kỹ sư|trưởng phòng|chuyên viên|nhân viên)\w*"  # Turkish and Vietnamese titles
    r"|エンジニア|開発者|マネージャー|マネジャー|デザイナー|コンサルタント|アナリスト|リーダー|部長|課長|主任|"
    r"工程师|开发|经理|總監|总监|设计师|分析师|엔지니어|개발자|매니저|디자이너|팀장|연구원"
)
COMPANY_WORDS = re.compile(
    r"(?i)(\b(inc|inc\.|llc|ltd|ltd\.|limited|gmbh|ag|corp|corp\.|corporation|co\.|company|plc|s\.a\.|sa|"
    r"srl|bv|b\.v\.|oy|ab|as|labs|lab|technologies|technology|systems|solutions|software|group|"
    r"holdings|bank|partners|studio|studios|ventures|consulting|agency|foundation|hospital|media|"
    r"networks|digital|health|capital|games|analytics|services|llp|pvt|pte|sdn bhd|tbk|kk|ministry|"
    r"department|council|commission|authority)\b|\.(com|io|ai|co)\b|"
    r"株式会社|有限会社|合同会社|（株）|\(株\)|公司|集团|集團|주식회사|\(주\))"
)
INSTITUTION = re.compile(
    r"(?i)(\b(university|univer[sz]\w*|uniwersytet|politechnika|politécnica|politécnico|escuela|escola|"
    r"facultad|faculdade|fakultät|faculté|yliopisto|korkeakoulu|högskola|høgskole|hogeschool|egyetem|"
    r"üniversitesi|üniversite|sekolah|institut\w*|daigaku|lycée|liceo|colegio|colégio|gymnasium|"
    r"college|institute|institut|instituto|school|academy|polytechnic|politecnico|hochschule|école|ecole|"
    r"conservatory|technion|eth zürich|eth zurich|epfl|mit|ucla|kth|iit|bootcamp|tu|fh|insa|hec)\b|大学|大學|학교|"
    r"университет|університет|інститут|институт|академ\w+|политехн\w+|політехн\w+|πανεπιστήμιο|"
    r"πολυτεχνείο|ΤΕΙ|大学院|学院|高校|대학교|대학원|جامعة|אוניברסיטת)"
)
DEGREE = re.compile(
    r"(?i)^(?P<degree>(?:(?:bachelor|master|doctor|associate)(?:'s|’s|s)?(?:\s+of\s+(?:[A-Z][a-z]+)"
    r"(?:\s+(?:Administration|Arts|Science|Sciences|Engineering|Technology|Laws|Fine Arts|"
    r"Business|Philosophy|Education|Commerce|Applied Science)(?=\s|$|,)"
    # "Bachelor of Science in Engineering" ends there; "... in Business Administration" goes on with its field
    r"|\s+in\s+(?:Arts|Science|Sciences|Engineering|Technology|Laws|Business|Education|Commerce)"
    r"(?=\s*(?:$|,|\(|[–—|]|\s\t)))?)?(?:\s+degree)?"
    r"|ph\.?\s?d\.?|d\.?\s?phil\.?|m\.?\s?p\.?\s?h\.?|m\.?\s?res\.?|m\.?\s?p\.?\s?[ap]\.?|m\.?\s?s\.?\s?w\.?|"
    r"mbbs|mb\s?ch\s?b|b\.?\s?pharm\.?|pharm\.?\s?d\.?|b\.?\s?a\.?\s?sc\.?|m\.?\s?a\.?\s?sc\.?|"
    r"(?:executive|global|part-time|online)\s+m\.?\s?b\.?\s?a\.?|m\.?\s?phil\.?|m\.?\s?b\.?\s?a\.?|b\.?\s?b\.?\s?a\.?|b\.?\s?sc\.?|"
    r"m\.?\s?sc\.?|b\.?\s?eng\.?|m\.?\s?eng\.?|b\.?\s?tech\.?|m\.?\s?tech\.?|b\.?\s?f\.?\s?a\.?|"
    r"m\.?\s?f\.?\s?a\.?|ll\.?\s?[bm]\.?|b\.?\s?[asec]\.?|m\.?\s?[asde]\.?|a\.?\s?a\.?\s?s?\.?|"
    r"a\.\s?b\.|s\.\s?b\.|b\.?\s?des\.?|m\.?\s?des\.?|ing\.|"
    r"(?:class|std\.?|standard|grade)\s+(?:xii|x|12|10)(?:th)?(?:\s*\((?:hsc|ssc|cbse|icse|isc|sslc|puc|state board)\))?|"
    r"hsc|ssc|sslc|matriculation|"  # Indian school years ("Class XII (HSC)")
    r"high school diploma|diploma|certificate|hnd|ged|licence|licenciatura|licenciado|grado|bacharelado|"
    r"mestrado|doutorado|máster|especializa[çc][ãa]o|especializaci[óo]n|p[óo]s-gradua[çc][ãa]o|posgrado|"
    r"laurea(?:\s+magistrale|\s+triennale)?|dipl[oô]me(?:\s+d['’]ing[ée]nieur)?|"
    r"diplom(?:-\w+)?|magister(?:\s+inżynier)?|"
    r"abitur|baccalauréat|bachillerato|maestría|magíster|doctorado|tecnólogo|técnico superior|"
    r"ingenier[oa]s?(?:\s+(?:en|de|del)\s+[^\W\d_][^,(\d–—|]*?)?(?=\s*(?:,|\(|$|\s[–—-]\s))|"
    r"ingenier[íi]a(?:\s+civil(?:\s+[^\W\d_]+)?)?|engenheir[oa]|engenharia|ingegneria|laurea|"
    r"licencjat|magister inżynier|inżynier|magisterium|inženýr|bakalář|lisans|yüksek lisans|doktora|"
    r"sarjana|diplom-?ingenieur|staatsexamen|"
    r"бакалавр|магистр|магістр|специалист|спеціаліст|кандидат наук|аспирантура|аспірантура|"
    r"πτυχίο|μεταπτυχιακό|διδακτορικό|学士|硕士|博士|修士|本科|학사|석사|박사)"
    r"(?:\s*\((?:hons|honours|honors|with honou?rs)\.?\))?)(?=[\s,(:\-–—]|$)"
)
GPA = re.compile(r"(?i)[,;(]?\s*\b(gpa|grade|cgpa)\b[:\s]*[\d.]+(\s*/\s*[\d.]+)?\)?|\b(summa|magna)?\s*cum laude\b|"
                 r"\(?\s*((?:first|second|third) class(?: (?:upper|lower)(?: division)?| honou?rs)?(?:,?\s*(?:upper|lower) division)?|"
                 r"(?:upper|lower) second|(?:mean )?grade\s*:?\s*(?:[A-E][+-]?(?![\w+-])|very good|good|excellent|pass|merit)|"
                 r"2:1|2:2|with distinction|distinction|honou?rs)\s*\)?")
LEADERSHIP = re.compile(
    r"(?i)\b(led|lead|leading|managed|managing|manage|mentored|mentoring|mentor|coached|hired|"
    r"recruited|founded|co-founded|headed|directed|supervised|owned|spearheaded|oversaw|championed|"
    r"drove|team of \d+|\d+[- ]person team|\d+ engineers|reports?)\b"
)
QUANTIFIED = re.compile(
    r"(?i)(\d+(?:[.,]\d+)?\s*(?:%|percent|x\b|×|k\b|m\b|bn\b|ms\b|s\b|hours?|days?|weeks?|users|customers|"
    r"clients|requests|rps|qps|engineers|people|services|countries|million|billion)|[$€£¥]\s?\d|"
    r"\b\d{2,}(?:,\d{3})*\b(?!\s*[-–]\s*\d))"
)
YEARISH = re.compile(rf"^(?:{_YEAR})$")


def _is_bullet(text: str) -> bool:
    return bool(BULLET.match(text)) and not re.match(rf"^\s*{_YEAR}", text)


def _strip_bullet(text: str) -> str:
    return BULLET.sub("", text, count=1).strip() if _is_bullet(text) else text.strip()


def parts_of(text: str, *, at: bool = True) -> list[str]:
    """A header line's parts: split at separators (and " at " / "@" unless `at` is False)."""
    if at:  # "Engineer at Acme", not "University of Texas at Austin" (a campus of the school)
        text = re.sub(r"(?<=\w)\s+at\s+(?=[A-Z\d])", lambda m: m.group(0) if _campus(text[:m.start()]) else " | ", text)
        text = re.sub(r"\s+@\s+", " | ", text)
    return [part for p in SEPARATORS.split(text) if p and (part := _trimmed(p))]


def _campus(before: str) -> bool:
    """Whether " at " after `before` names a school's campus: the part before it is a school's name."""
    part = SEPARATORS.split(before)[-1]
    return bool(INSTITUTION.search(part)) and not TITLE_WORDS.search(part)


def _trimmed(part: str) -> str:
    """A part without the punctuation around it; a parenthesis only when it is unbalanced ("(PDO)" stays)."""
    part = part.strip(" ,;[]")
    while True:
        if part.startswith("(") and part.endswith(")") and part.count("(") == part.count(")") == 1:
            part = part[1:-1]  # "(Remote)"
        elif part.startswith("(") and ")" not in part:
            part = part[1:]
        elif part.endswith(")") and "(" not in part:
            part = part[:-1]
        else:
            return part
        part = part.strip(" ,;[]")


def is_place(text: str) -> bool:
    """"Berlin, Germany", "Remote", "Springfield, IL"; not "Acme, Berlin" (a company first)."""
    if re.fullmatch(r"[\u4e00-\u9fff]{1,6}(?:都|道|府|県|省|市|州)(?:[\u4e00-\u9fff]{1,6}(?:市|区|區|町|村|县|縣))?"
                    r"|[가-힣]{1,6}(?:특별시|광역시|시|도)(?:\s?[가-힣]{1,5}(?:구|군|시))?", text.strip()):
        return True
    known = places()
    pieces = [p.strip(" .()") for p in re.split(r",|/", text) if p.strip(" .()")]
    if not pieces or len(text) > 60 or re.search(r"\d|@", text):
        return False
    kinds = [known.get(place_key(p)) for p in pieces]
    if all(kinds):
        return True
    coded = re.fullmatch(r"([^\W\d_][^\W\d_ '’\-]+(?:[ \-][^\W\d_]+)?)\s+([A-Z]{2,3})", text.strip())
    if coded and known.get(place_key(coded.group(2))) == "regions":  # "Brisbane QLD", "Austin TX": no comma
        return known.get(place_key(coded.group(1))) == "cities"  # not "Nordic Devices AB": a known city
    if len(pieces) == 3 and kinds[0] == "cities" and kinds[1] is None and kinds[2] == "countries":
        return pieces[1][:1].isupper() and len(pieces[1].split()) <= 3 and not COMPANY_WORDS.search(pieces[1])
    # one unknown place name is accepted only before a state or country: "Thessaloniki, Greece"
    if len(pieces) != 2 or (kinds[0] is None) == (kinds[1] is None):
        return False
    if kinds[0] is None and kinds[1] not in ("countries", "regions"):
        return False
    if kinds[1] is None and kinds[0] != "cities":
        return False  # "Москва, Россия": a known city, then a country the list does not have
    unknown = pieces[0] if kinds[0] is None else pieces[1]
    return (len(unknown.split()) <= (4 if kinds[0] is None else 2) and unknown[:1].isupper()
            and not COMPANY_WORDS.search(unknown) and not TITLE_WORDS.search(unknown)
            and not INSTITUTION.search(unknown))


def split_place(text: str) -> tuple[str, str | None]:
    """"Acme Corp, Berlin, Germany" -> ("Acme Corp", "Berlin, Germany")."""
    pieces = text.split(",")
    for cut in range(1, len(pieces)):
        tail = ",".join(pieces[cut:]).strip()
        if is_place(tail):
            return ",".join(pieces[:cut]).strip(), tail
    return text, None


HONORIFIC = re.compile(r"(?i)^(?:(?:dr|prof|mr|mrs|ms|mx|ing|dipl\.-ing)\.?\s+"
                       r"(?:(?:med|dent|rer\.\s?nat|phil|jur|h\.\s?c|habil|ing)\.\s+)*)+(?=\S)")  # "Dr. med."
CREDENTIALS = re.compile(r"(?i)(?:\s*,\s*(?:rn|bsn|np|ph\.?\s?d|m\.?d|m\.?b\.?a|cpa|p\.?e|pmp|cfa|esq|acca|cima|frm|"
                         r"m\.?\s?sc|b\.?\s?sc|m\.?a|b\.?a|m\.?\s?eng|b\.?\s?eng|ceng|frcs|dds|do|j\.?d|lpn|mbbs|"
                         r"dipl\.?-?ing|shrm-cp|phr|csm|cissp)\.?)+\.?$")
PRONOUNS = re.compile(r"(?i)\s*[(\[]\s*(?:she|he|they|ze|xe)\s*/\s*(?:her|him|them|hers|his|theirs|zir|xem)"
                      r"(?:\s*/\s*\w+)?\s*[)\]]")


NAME_PARTICLES = ("de", "van", "von", "der", "den", "da", "di", "la", "le", "del", "dos", "das", "du", "des",
                  "bin", "binti", "al", "y", "ter", "ten", "zu", "af", "e")
SURNAME_FIRST = re.compile(r"^(?P<surname>[^\W\d_a-z][^\W\d_]*(?:[ '’\-][^\W\d_]+){0,3}),\s+"
                           r"(?P<given>[^\W\d_][^\W\d_]*(?:[ '’\-.][^\W\d_]+){0,3})$")


def _name_case(words: list[str]) -> str:
    """Words of a name written in capitals in ordinary case: "VAN DER BERG" -> "van der Berg" after the first."""
    out = []
    for number, word in enumerate(words):
        if word.isupper() and len(word) > 1:
            word = word.capitalize()
            word = re.sub(r"(?<=[-'’])(\w)", lambda m: m.group(1).upper(), word)
            if re.match(r"^Mc[a-z]", word):
                word = "Mc" + word[2:].capitalize()  # MCDONALD -> McDonald
            if number and word.casefold() in NAME_PARTICLES:
                word = word.casefold()
        out.append(word)
    return " ".join(out)


def _name_like(text: str) -> str | None:
    text = re.sub(r"^[\s\-=*#_~|]+|[\s\-=*#_~|]+$", "", PRONOUNS.sub("", text))  # "-- JANE ROE --", "(she/her)"
    text = re.sub(r"(?i)^\s*(?:hello|hi|hey)\s*[,!]?\s*(?:i['’]m|i am|my name is)\s+", "", text)  # "Hello, I'm Jane Doe"
    text = re.sub(r"(?i)^\s*(?:resume|résumé|cv|curriculum vitae|lebenslauf)\s*(?:of\b|[-–—:|])\s*(?=\S)|"
                  r"\s*(?:[-–—:|]\s*|\s)(?:resume|résumé|cv|curriculum vitae|lebenslauf)\s*$", "", text)
    flipped = SURNAME_FIRST.match(text.strip())
    if flipped and flipped.group("surname").isupper() and not flipped.group("given").isupper() \
            and not CREDENTIALS.search(text):  # "Doe, Jane" in ordinary case is as often "Town, Region": left alone
        text = f"{flipped.group('given')} {flipped.group('surname')}"  # "GARCÍA LÓPEZ, María": the surname in capitals
    candidate = parts_of(text)[0] if parts_of(text) else ""
    candidate = re.sub(r"^(name|nombre|nom)\s*:\s*", "", candidate, flags=re.I).strip()
    candidate = HONORIFIC.sub("", CREDENTIALS.sub("", candidate)).strip()  # "Dr. Jane Roe, PhD": Jane Roe
    if not candidate or len(candidate) > 60 or re.search(r"[\d@/:]|https?", candidate):
        return None
    if heading_key(candidate) in HEADING_KIND or heading_key(candidate) in DOCUMENT_TITLES \
            or TITLE_WORDS.search(candidate) or is_place(candidate):
        return None
    words = candidate.split()
    if not all(re.fullmatch(r"[^\W\d_]+(?:['’.\-][^\W\d_]*)*\.?|\(?[^\W\d_]+\)?", w) for w in words):
        return None
    if len(words) == 1:
        if not re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]", candidate) or len(candidate) > 8:
            return None
    elif len([w for w in words if w not in NAME_PARTICLES]) > 5 or len(words) > 8 \
            or any(w[:1].islower() and w not in NAME_PARTICLES for w in words):
        return None
    if candidate.isupper() and len(candidate) > 3:
        candidate = _name_case(words)
    elif any(w.isupper() and len(w) > 2 for w in words) and any(w[:1].isupper() and not w.isupper() for w in words):
        candidate = _name_case(words)  # "Marie-Claire DUPONT": the surname in capitals, as the French write it
    return candidate


@dataclass
class _Entry:
    header: list[str] = field(default_factory=list)
    highlights: list[str] = field(default_factory=list)


def _group_entries(lines: list[Line], anchor) -> list[_Entry]:
    """Entries of a section: header lines around an anchor line, then the highlights below."""
    texts = [line.text for line in lines]
    anchors = [i for i, text in enumerate(texts) if anchor(text)]
    if not anchors:
        return []
    entries: list[_Entry] = []
    starts = []
    # the section opens with an anchor: its entries are written anchor first ("Title  2021–present",
    # then the employer's line), so the lines after an anchor are its own, not the next entry's
    details_below = anchors[0] == 0
    for index in anchors:
        start = index  # the header takes up to two short non-bullet lines right before the anchor
        while not details_below and start - 1 >= 0 and start - 1 not in anchors and _headerish(texts[start - 1]) \
                and index - start < 2:
            start -= 1
        # and a third, a short name, when one of the two is a place ("Novo Nordisk", "Copenhagen,
        # Denmark", "Senior Data Scientist", "2019 - Present": company and city above the title)
        if index - start == 2 and start - 1 >= 0 and start - 1 not in anchors \
                and _headerish(texts[start - 1]) and len(texts[start - 1].split()) <= 5 \
                and any(is_place(texts[i].strip()) for i in (start, start + 1)) \
                and not is_place(texts[start - 1].strip()):
            start -= 1
        # the header also takes short non-bullet lines right after the anchor
        end = index
        while end + 1 < len(texts) and end + 1 not in anchors and _headerish(texts[end + 1]) and end - index < 2 \
                and (details_below or not (end + 2 < len(texts) and end + 2 in anchors)):
            end += 1
        starts.append((start, end))
    # a line both after one entry's anchor and before the next belongs to the next
    for number, (start, end) in enumerate(starts):
        if number + 1 < len(starts) and end >= starts[number + 1][0]:
            starts[number] = (start, starts[number + 1][0] - 1)
    for number, (start, end) in enumerate(starts):
        stop = starts[number + 1][0] if number + 1 < len(starts) else len(texts)
        entry = _Entry(header=texts[start:end + 1])
        for text in texts[end + 1:stop]:
            bare = _strip_bullet(text)
            if not bare:
                continue
            if entry.highlights and not _is_bullet(text) and (bare[:1].islower() or
                                                               not entry.highlights[-1].rstrip().endswith(".")) \
                    and not _headerish(text):
                entry.highlights[-1] = f"{entry.highlights[-1]} {bare}"
            else:
                entry.highlights.append(bare)
        entries.append(entry)
    return entries


def _headerish(text: str) -> bool:
    bare = text.strip()
    return bool(bare) and not _is_bullet(bare) and len(bare.split()) <= 12 and not bare.endswith(".") \
        and not (bare[:1].islower() and not re.match(r"[^\W\d_]+[A-Z]", bare))  # "iOS Developer" heads, "and more" not


LEGAL_FORM = re.compile(r"(?i)\b(inc|llc|ltd|limited|gmbh|ag|corp|corporation|co|plc|s\.?a|srl|bv|oy|ab|as|"
                        r"labs?|technologies|studios?|group|holdings|bank|partners|ventures|agency)\.?$")


def _title_score(part: str) -> int:
    """How much a part reads as a job title rather than a company ("Software Engineer" vs "Datawise Labs")."""
    words = part.split()
    if not words or not TITLE_WORDS.search(part):
        return 0
    score = 1 + 2 * bool(TITLE_WORDS.search(words[-1])) + bool(TITLE_WORDS.search(words[0]))
    return score - 3 * bool(LEGAL_FORM.search(part))


WORKED_AS = re.compile(r"(?i)^(?:currently\s+|presently\s+)?(?:am\s+|was\s+)?(?:working|worked|employed|served)\s+"
                       r"(?:as\s+)?(?:an?\s+)?")
# "Working as Technology Lead in Infosys Limited": the title, then the employer
WORKED_AS_IN = re.compile(r"\s+(?:in|at|with|for)\s+(?=[A-Z])")
WORK_MODES = ("remote", "hybrid", "on-site", "onsite", "worldwide")
DURATION = re.compile(r"(?i)\s*\(\s*(?:\d+\+?\s*(?:yrs?|years?|mos?|months?)\.?\s*){1,2}\)")
ENTRY_LABEL = re.compile(r"(?i)^\s*(?:company|employer|organi[sz]ation|client|designation|position|role|job title|"
                         r"title|duration|period|dates?|location|place|city|town|country|state)\s*(?::\s*|$)")


# labels of entries written as forms (Europass, many Indian and Gulf resumes), by the field they give;
# matched against the label's `heading_key` (lower case, without accents)
EXPERIENCE_LABELS = {
    "dates": re.compile(r"dates?|duration|period|tenure|from to|dates from to|years?|year of passing|passing year|"
                        r"graduation(?: year| date)?|batch|zeitraum|periodo|fechas|duree|annee|jahr"),
    "title": re.compile(r"occupation or position held|position held|position|designation|role|job title|title|"
                        r"job role|poste|puesto|cargo|funzione|funktion|stelle|posicao"),
    "company": re.compile(r"name and address of employer|name of employer|employer|company|company name|"
                          r"organi[sz]ation|client|arbeitgeber|empresa|employeur|entreprise|datore di lavoro"),
    "location": re.compile(r"location|place|city|lieu|ort|ubicacion|localizacao"),
    "highlights": re.compile(r"main activities and responsibilities|responsibilities|key responsibilities|duties|"
                             r"achievements|key achievements|tasks|description|job description|aufgaben|"
                             r"responsabilidades|missions|responsabilites|mansioni"),
    "other": re.compile(r"type of business or sector|sector|industry|branche|reporting to|team size|"
                        r"reasons? for leaving|leaving reason"),
}
EDUCATION_LABELS = {
    "dates": EXPERIENCE_LABELS["dates"],
    "degree": re.compile(r"title of qualification awarded|qualification awarded|qualification|degree|diploma|"
                         r"abschluss|titulacion|titre|titolo"),
    "institution": re.compile(r"name and type of organisation providing education and training|board(?: university)?|"
                              r"university board|board of education|"
                              r"name of (?:the )?institution|institution|university|college|school|organisation|"
                              r"organization|hochschule|universidad|etablissement|istituto"),
    "field": re.compile(r"principal subjects occupational skills covered|principal subjects|field of study|field|"
                        r"major|subjects?|specialization|specialisation|fachrichtung|especialidad"),
    "other": re.compile(r"level in national or international classification|grade|gpa|cgpa|percentage|result"),
}
# a table's row naming its columns ("Qualification | Board/University | Year | Percentage")
COLUMN_HEADING = re.compile(
    r"(?i)dates?|period|years?|from|to|role|title|position|designation|job|company|employer|organi[sz]ation|"
    r"location|city|place|degree|qualification|course|institution|institute|school|college|university|board|"
    r"field|subjects?|specialization|stream|description|responsibilities|details|grade|percentage|marks|score|"
    r"cgpa|gpa|class|of|passing|name|and|duration|result")


def _table_as_form(lines: list[Line]) -> list[Line]:
    """A table written with separators ("B.Tech (IT) | AKTU | 2017 | 72%") under a row naming its columns,
    as the labelled lines it means ("Qualification: B.Tech (IT)", "Board/University: AKTU", ...)."""
    out: list[Line] = []
    columns: list[str] | None = None
    for line in lines:
        cells = [cell.strip() for cell in re.split(r"\s+\|\s+|\s+\t\s+", line.text.strip()) if cell.strip()]
        if len(cells) >= 3 and all(all(COLUMN_HEADING.fullmatch(word) for word in re.split(r"[\s/&:().,-]+", cell) if word)
                                   for cell in cells):
            columns = cells
        elif columns and len(cells) == len(columns):
            out.extend(Line(f"{column}: {cell}") for column, cell in zip(columns, cells, strict=True))
        else:
            columns = None
            out.append(line)
    return out


_LABELLED = re.compile(r"^([^\W\d][^:\t]{1,70}?)\s*(?::|\s\t\s)\s*(.*)$")


def _labelled_records(lines: list[Line], labels: dict[str, re.Pattern[str]]) -> list[dict[str, list[str]]]:
    """Entries written as labelled lines ("Dates: ...", "Occupation or position held: ..."), one record
    each: a label seen again starts the next entry, unlabelled lines are the entry's highlights.

    [] unless at least two fields are labelled and no unlabelled line is an entry of its own (dates).
    """
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    kinds: set[str] = set()
    for line in lines:
        text = _strip_bullet(line.text)
        match = _LABELLED.match(text)
        key = heading_key(match.group(1)) if match else ""
        kind = next((name for name, pattern in labels.items() if pattern.fullmatch(key)), None) if match else None
        if kind is None:
            if not _is_bullet(line.text) and find_range(text):
                return []  # an entry written the ordinary way: the section is no form
            if current is not None and text:
                current.setdefault("highlights", []).append(text)
            continue
        kinds.add(kind)
        if current is None or (kind in current and kind != "highlights"):
            current = {}
            records.append(current)
        current.setdefault(kind, [])
        if match.group(2).strip():
            current[kind].append(match.group(2).strip())
    return records if len(kinds - {"other", "highlights"}) >= 2 else []


def _experience_of_records(records: list[dict[str, list[str]]]) -> list[dict[str, Any]]:
    found = []
    for record in records:
        dates = find_range(" ".join(record.get("dates", [])))
        company = " ".join(record.get("company", [])) or None
        location = " ".join(record.get("location", [])) or None
        if company and location is None:
            company, location = split_place(company)
            if location is None and company.count(", ") == 1 and _town_like(company.split(", ")[1]):
                company, location = company.split(", ")  # "Telekom Hungary, Budapest"
        found.append({"title": " ".join(record.get("title", [])) or None, "company": company, "location": location,
                      "start": dates.start if dates else None, "end": dates.end if dates else None,
                      "current": bool(dates and dates.current), "highlights": record.get("highlights", [])})
    return found


def _education_of_records(records: list[dict[str, list[str]]]) -> list[dict[str, Any]]:
    found = []
    for record in records:
        text = " ".join(record.get("dates", []))
        dates = find_range(text) or find_single(text)
        degree_text = " ".join(record.get("degree", []))
        degree, field = _degree_field(degree_text) or (degree_text or None, None)
        field = " ".join(record.get("field", [])) or field
        institution = " ".join(record.get("institution", [])) or None
        found.append({"degree": degree, "field": field, "institution": institution and split_place(institution)[0],
                      "start": dates.start if dates else None,
                      "end": (dates.end if not dates.current else None) if dates else None})
    return [entry for entry in found if entry["degree"] or entry["institution"]]


def _experience(section_lines: list[Line]) -> list[dict[str, Any]]:
    def anchor(text: str) -> bool:
        return not _is_bullet(text) and find_range(text) is not None

    if records := _labelled_records(_table_as_form(section_lines), EXPERIENCE_LABELS):
        return _experience_of_records(records)

    entries = _group_entries(section_lines, anchor)
    sentences = [] if entries else [
        WORKED_AS_IN.sub(" | ", WORKED_AS.sub("", _strip_bullet(line.text)).rstrip("."), 1) for line in section_lines
        if _is_bullet(line.text) and (WORKED_AS.match(_strip_bullet(line.text)) or TITLE_WORDS.search(line.text))
        and find_range(line.text)]
    if sentences:
        # "• Working as QA Engineer at HCL Technologies from Aug 2019 to till date.": a job a sentence
        entries = [_Entry(header=[sentence]) for sentence in sentences]
    if not entries:
        entries = _group_entries(section_lines, lambda t: _headerish(t) and bool(TITLE_WORDS.search(t)))
    found = []
    group: dict[str, Any] | None = None
    for entry in entries:
        dates: DateRange | None = None
        parts: list[str] = []
        for text in entry.header:
            text = DURATION.sub("", text)  # "2020 – Present (4 yrs)": the length is no part of the entry
            found_range = find_range(text) if dates is None else None
            if found_range:
                dates = found_range
                text = without(text, found_range.span)
            # "Banque Rhône (Lyon)": a trailing parenthesis without digits is a part of its own,
            # and so is a place in parentheses inside the line ("OutSystems (Lisbon) — Engineer")
            text = re.sub(r"\s*\(([^()\d]{2,40})\)?\s*$", r" | \1", text)
            text = re.sub(r"\s*\(([^()\d]{2,40})\)\s*(?=[—–|,]|\s-\s)",
                          lambda m: f" | {m.group(1)} " if is_place(m.group(1)) else m.group(0), text)
            # "Company: Acme", "Designation: Engineer": the value, not its label
            parts.extend(part for whole in parts_of(ENTRY_LABEL.sub("", text)) if (part := ENTRY_LABEL.sub("", whole)))
        title = company = location = None
        rest: list[str] = []
        for part in parts:
            if location is None and is_place(part):
                location = part
            elif location and "," not in location and places().get(place_key(part)) == "countries":
                location = f"{location}, {part}"  # "City: Bucharest | Country: Romania"
            else:
                rest.append(part)
        if location and places().get(place_key(location)) == "countries" and location.casefold() not in WORK_MODES \
                and rest and _town_like(rest[-1]) \
                and parts.index(location) == parts.index(rest[-1]) + 1:
            location = f"{rest.pop()}, {location}"  # "City: Cluj-Napoca | Country: Romania", a town no list knows
        if len(rest) == 1 and ", " in rest[0]:
            head, tail = rest[0].split(", ", 1)
            rest = [head, tail]
        scored = [(_title_score(part), number) for number, part in enumerate(rest)]
        best = max(scored, default=(0, 0))
        if best[0] > 0:
            title = rest[best[1]]
        for part in rest:
            if part is title:
                continue
            if company is None:
                company, place = split_place(part)
                if place and location is None:
                    location = place
        if title is None and rest:
            title = rest[0]
            company = None
            for part in rest[1:]:
                company, place = split_place(part)
                if place and location is None:
                    location = place
                break
        if company and location is None and company.count(", ") == 1:
            name, town = company.split(", ")
            if _town_like(town):
                company, location = name, town  # "Rovio, Espoo": a company, then a town the list does not know
        if company and location is None and (inner := re.fullmatch(r"(.+?)\s*\(([^()]+)\)", company)) \
                and (is_place(inner.group(2)) or _town_like(inner.group(2))):
            company, location = inner.group(1), inner.group(2)  # "Farfetch (Porto)"
        if location is None and title and company:  # "Giza", "Smart Village, Giza": a district and its town
            location = next((part for part in rest if part not in (title, company)
                             and all(_town_like(piece) for piece in part.split(", ", 1))), None)
        if company is None and title and found and found[-1]["company"] and len(entry.header) == 1:
            company = found[-1]["company"]  # "Agoda" then two titles with their dates: both at Agoda
            location = location or found[-1]["location"]
        if company is None and title and group is not None:
            company, location = group["company"], location or group["location"]  # a role under "Google  2015 – Present"
        elif company is not None:
            group = None
        if best[0] == 0 and company is None and not entry.highlights and len(rest) == 1 and not DEGREE.match(title or ""):
            group = {"company": title, "location": location}  # a company with its whole span, its roles below it
            continue
        found.append({
            "title": title, "company": company, "location": location,
            "start": dates.start if dates else None,
            "end": dates.end if dates else None,
            "current": bool(dates and dates.current),
            "highlights": entry.highlights,
        })
    return found


def _town_like(text: str) -> bool:
    """One or two capitalised words that name no company, title or school: a town after a company."""
    words = text.split()
    return 1 <= len(words) <= 2 and all(w[:1].isupper() and w[1:2].islower() for w in words) \
        and bool(re.fullmatch(r"[^\W\d_]+(?:[-'’ ][^\W\d_]+)*", text)) and not COMPANY_WORDS.search(text) \
        and not TITLE_WORDS.search(text) and not INSTITUTION.search(text) and not LEGAL_FORM.search(text) \
        and heading_key(text) not in HEADING_KIND and not ENTRY_LABEL.match(text) \
        and heading_key(text) not in NOT_TOWNS and not vocabulary().lookup(text)


# words that follow a company as its team or department, not its town ("Google | Search")
NOT_TOWNS = {"responsibilities", "duties", "tasks", "description", "highlights", "details", "finance", "engineering",
             "research", "operations", "search", "ads", "advertising", "cloud", "payments", "platform", "infrastructure",
             "security", "data", "product", "design", "legal", "hr", "human resources", "it", "retail", "banking",
             "investment banking", "consulting", "audit", "tax", "risk", "compliance", "strategy", "growth",
             "mobile", "web", "backend", "frontend", "core", "internal", "contract", "freelance", "part time",
             "full time", "volunteer", "headquarters", "hq"}


def _degree_field(part: str) -> tuple[str, str | None] | None:
    match = DEGREE.match(part)
    after = re.fullmatch(r"(?P<field>.+?)\s*(?P<degree>学士|修士|博士|硕士|本科|학사|석사|박사)(?:課程|修了|卒業|学位|학위)?",
                         part.strip())
    if not match and after:
        return after.group("degree"), after.group("field").strip() or None
    if not match:
        return None
    degree = match.group("degree").strip()
    rest = part[match.end():].strip()
    rest = re.sub(r"^(?:in|of|en|im|in der|em|de|d['’]|di|w|z|na|no|по|в|з|:|,|-|–|—)\s*(?<=\s|['’])", "", rest,
                  flags=re.I).strip(" ,:-–—")
    if rest.startswith("(") and rest.endswith(")") or rest.startswith("(") and ")" not in rest:
        rest = rest.strip("()").strip()  # "B.Tech (Computer Science)"
    return degree, (GPA.sub("", rest).strip(" ,;-–") or None)


# the words of a degree written as a sentence: "B.Tech (ECE) from JNTU Hyderabad with 72% in 2017."
EDUCATION_SENTENCE = re.compile(r"(?P<sep>\s+from\s+(?=[A-Z]))|\s+(?:with|securing|scoring)\s+(?:an?\s+)?(?:c?gpa\s+(?:of\s+)?)?"
                                r"[\d.]+\s*(?:%|/\s*[\d.]+)?(?:\s+c?gpa)?|\s+in\s*\.?\s*$")
# a course named by its kind, when the line names who ran it too
PROGRAMME = re.compile(r"(?i)\b(?:bootcamp|nanodegree|immersive)$")
# a school-leaving or vocational qualification named in words ending with what it is
QUALIFICATION = re.compile(r"(?:[A-Z][\w'’.\-]*\s+){1,6}(?:Certificate|Diploma)(?:\s+of\s+[A-Z][\w ]{2,40})?"
                           r"(?:\s*\([A-Z][A-Za-z]{1,9}\))?")


def _education(section_lines: list[Line]) -> list[dict[str, Any]]:
    if records := _labelled_records(_table_as_form(section_lines), EDUCATION_LABELS):
        return _education_of_records(records)
    entries: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    last_kind = ""
    pending: str | None = None  # a name alone on its line before a degree: the institution ("ISAE-SUPAERO")
    guessed: dict[str, Any] | None = None  # the entry whose institution is such a name
    for line in section_lines:
        text = line.text
        if _is_bullet(text) and current is not None:
            continue
        text = _strip_bullet(text)
        dates = find_range(text) or find_single(text)
        if dates:
            text = without(text, dates.span)
        text = EDUCATION_SENTENCE.sub(lambda m: " | " if m.group("sep") else "", text).strip(" .")
        text = GPA.sub("", text).rstrip(" ,;–—-")  # "(Second Class Honours, Upper Division)": a grade, commas and all
        pieces: list[str] = []
        # "Massachusetts Institute of Technology" then "MBA, Sloan School of Management": a school of the same
        school_above = current is not None and bool(current["institution"]) and not current["degree"]
        earlier = current  # the entry the lines above made
        for part in parts_of(text, at=False):
            if is_place(part) or ADDRESS_LABEL.match(part):
                continue  # "University of Pennsylvania \t Philadelphia, PA", "Address: Bucharest": where, not who
            if DEGREE.match(part) and not INSTITUTION.search(part) and ", " in part:
                # "MSc Computer Science, TU Wien": the degree and field, then who awarded it
                head, tail = part.split(", ", 1)
                pieces.extend([head, *([tail] if tail[:1].isupper() else [])] if DEGREE.match(head) else [part])
            elif DEGREE.match(part) and not INSTITUTION.search(part):
                pieces.append(part)  # "BSc, Computer Science": the comma parts the degree from its field
            else:
                pieces.extend(p.strip() for p in re.split(r",\s+(?=[^\W\d_]|\d)", part) if p.strip())
        for number, piece in enumerate(pieces):
            piece = _trimmed(GPA.sub("", piece).strip(" ,;"))  # "(WASSCE)" keeps its parenthesis
            if not piece or re.match(r"(?i)(?:minor|concentration|speciali[sz]ation|focus|thesis|dissertation|"
                                     r"(?:relevant )?course(?:work|s)|activities|societies|awards?)\b", piece):
                continue  # "Minor in Mathematics": not the degree's field, nor its institution
            degree = _degree_field(piece) if not INSTITUTION.search(piece.split(" in ")[0]) else None
            course = False
            if degree is None and QUALIFICATION.fullmatch(piece):
                degree = piece, None  # "West African Senior School Certificate (WASSCE)": named by what it is
            if degree is None and number == 0 and len(pieces) > 1 and PROGRAMME.search(piece) \
                    and pieces[1][:1].isupper():
                degree, course = (piece, None), True  # "Data Analytics Bootcamp, General Assembly": who ran it next
            if degree:
                if current is None or current["degree"] or dates and current is earlier and current["end"]:
                    current = _new_education(entries)  # a dated degree line after a dated entry: another
                    school_above = False
                current["degree"], current["field"] = degree
                if pending and not current["institution"]:
                    current["institution"], guessed = pending, current
                last_kind = "course" if course else "degree"
            elif INSTITUTION.search(piece) and not is_place(piece):
                if school_above and last_kind == "degree" and current is not None and current["degree"]:
                    continue
                if current is None or current["institution"] and current is not guessed:
                    current = _new_education(entries)
                current["institution"] = split_place(piece)[0]  # a named school over a guessed one
                last_kind = "institution"
            elif is_place(piece):
                continue
            elif current is not None and last_kind in ("degree", "course") and not current["institution"] \
                    and (current["field"] or last_kind == "course") and len(piece.split()) <= 6 and piece[:1].isupper():
                current["institution"] = piece  # after "degree, field" or a course: the institution, however named
                last_kind = "institution"
            elif current is not None and last_kind == "degree" and not current["field"]:
                current["field"] = re.sub(r"(?i)^major(?:ing)?\s+(?:in\s+)?", "", piece)  # "BA, Major in Economics"
            elif current is not None and last_kind == "institution" and len(piece.split()) <= 3 \
                    and piece[:1].isupper():
                current["institution"] += f", {piece}"
            elif len(pieces) == 1 and len(piece.split()) <= 4 and piece[:1].isupper() and not re.search(r"[:\d]", piece) \
                    and (current is None or current["degree"] and current["institution"]):
                pending = piece
                continue
            pending = None
        if dates and current is None:
            current = _new_education(entries)
        if dates and current is not None:
            if current["end"] is not None and (current["degree"] or current["institution"]):
                continue
            current["start"], current["end"] = dates.start, dates.end if not dates.current else None
    return [e for e in entries if e["degree"] or e["institution"]]


def _new_education(entries: list[dict[str, Any]]) -> dict[str, Any]:
    entry = {"degree": None, "field": None, "institution": None, "start": None, "end": None}
    entries.append(entry)
    return entry


def _items(lines: list[Line]) -> list[str]:
    items: list[str] = []
    for line in lines:
        text = _strip_bullet(line.text)
        label = re.match(r"^([^\W\d][\w &/+-]{1,30}?)\s*:\s*(.+)$", text) or \
            re.match(r"^([^\W\d][\w &/+-]{1,30}?)\s+\t\s+(.+[,;].+)$", text)  # "Languages <tab> Python, Go"
        if label and HEADING_KIND.get(heading_key(label.group(1))) == "other":
            continue  # "Interests: jazz piano" under "Skills & Interests"
        if label and len(label.group(1).split()) <= 4:
            text = label.group(2)
        text = re.sub(r"(?i)\s*\(\s*(?:expert|advanced|intermediate|beginner|basic|proficient|familiar|fluent|"
                      r"native|good|strong|working knowledge|\d+\+?\s*(?:years?|yrs?))\s*\)", "", text)
        text = re.sub(r"\(([^)]*)\)", r", \1", text)
        for item in re.split(r"\s*[,;|•·▪]\s*|\s+/\s+|\s+\t\s+|\s{3,}|\s+(?:and|&)\s+", text):
            item = item.strip(" .-–—*")
            if item:
                items.append(item)
    return items


LEAD_IN = re.compile(r"(?i)^(?:\S+\s+){1,8}?(?:with|in|using|including|such as|like)\s+(?=\S)")


def _skills(section_lines: list[Line], *, free_text: list[str]) -> list[str]:
    vocab = vocabulary()
    found: list[str] = []

    def add(name: str) -> None:
        if name.casefold() not in (f.casefold() for f in found):
            found.append(name)

    for item in _items(section_lines):
        skill = vocab.lookup(item)
        lead_in = LEAD_IN.match(item)
        if skill is None and lead_in and not vocab.mentions(item[:lead_in.end()]):
            item = item[lead_in.end():]  # "I work with Python", "experienced in Go": what follows the lead-in
            skill = vocab.lookup(item)
        if skill is None:
            bare = re.sub(r"(?i)\s*[-:]?\s*(\d+\+?\s*(years?|yrs?)|expert|advanced|intermediate|beginner|"
                          r"proficient|basic|familiar)\s*$", "", item).strip()
            skill = vocab.lookup(bare) if bare else None
            item = bare or item
        if skill is not None:
            add(skill.name)
            continue
        named = vocab.mentions(item)
        if named:
            for one in named:
                add(one.name)
        elif 1 <= len(item.split()) <= 4 and len(item) <= 40 and re.search(r"[^\W\d_]", item):
            add(item)
    for text in free_text:
        for skill in vocab.mentions(text):
            add(skill.name)
    return found


LANGUAGES_LABEL = re.compile(
    r"(?i)^\s*(?:mother tongue(?:s|\(s\))?|native languages?|other languages?(?:\(s\))?|foreign languages?|"
    r"languages?(?:\(s\))?|spoken languages?|languages? (?:spoken|known)|"
    r"muttersprache|fremdsprachen|langue maternelle|autres langues|"
    r"lengua materna|otros idiomas|língua materna|outras línguas|madrelingua|altre lingue)\s*:\s*")
LANGUAGE_LEVEL = re.compile(
    r"(?i)\s*[-–—:]?\s*\(?\b(native|mother tongue|bilingual|fluent|proficient|professional|working|full|"
    r"limited|elementary|basic|conversational|intermediate|advanced|beginner|upper|[abc][12]|"
    # the levels in French, German, Spanish, Portuguese, Italian, Polish and Turkish
    r"courant|natif|maternelle|bilingue|notions|intermédiaire|avancé|débutant|muttersprache|"
    r"verhandlungssicher|fließend|grundkenntnisse|nativo|nativa|avanzado|intermedio|básico|fluido|fluente|"
    r"avançado|intermediário|madrelingua|ottimo|buono|ojczysty|biegły|zaawansowany|średnio|podstawowy|"
    r"komunikatywny|anadil|ileri|orta|başlangıç)\b.*$"
)


# a personal detail's label on a CV written as a form ("Passport: Available", "Marital Status: Single")
PERSONAL_DETAIL = re.compile(r"(?i)^\s*(?:passport(?: no\.?| number| details)?|visa(?: status)?|date of birth|dob|"
                             r"nationality|marital status|gender|sex|religion|driving licen[cs]e|licen[cs]e|notice period|"
                             r"father'?s name|place of birth|age)\s*(?:\t\s*)*:")


def _languages(section_lines: list[Line]) -> list[str]:
    found: list[str] = []
    first_size = next((line.size for line in section_lines if line.size), None)
    for line in section_lines:
        if first_size and line.size and abs(line.size - first_size) > 2:
            break  # type of another size: the next block (a name across the top, say), not a language
        text = re.sub(r"\([^)]*\)", "", _strip_bullet(line.text))
        if PERSONAL_DETAIL.match(text):
            continue  # "Passport: Available" after the languages: the form's next field, no language
        text = LANGUAGES_LABEL.sub("", text)  # "Mother tongue(s): Romanian"; "English: Native" keeps its name
        for item in re.split(r"\s*[,;|•·]\s*|\s+\t\s+|\s{3,}", text):
            name = LANGUAGE_LEVEL.sub("", item).strip(" -–—:.")
            if name and len(name.split()) <= 3 and not re.search(r"\d", name) and name not in found:
                found.append(name)
    return found


def _certifications(section_lines: list[Line]) -> list[str]:
    found: list[str] = []
    texts: list[str] = []
    for line in section_lines:
        text = _strip_bullet(line.text)
        if texts and re.search(r"[-–—&,/]$|\b(?:and|of|in|for)$", texts[-1]) and not _is_bullet(line.text):
            texts[-1] = f"{texts[-1]} {text}"  # a name wrapped onto the next line
        else:
            texts.append(text)
    for text in texts:
        dates = find_range(text) or find_single(text)
        if dates:
            text = without(text, dates.span)
        text = re.sub(r"\s+\t\s+.*$", "", text).strip(" ,;-–—")
        for item in re.split(r"\s*;\s*|\s+[·•|]\s+", text):
            item = item.strip(" ,;-–—")
            if item.count("(") != item.count(")"):  # unbalanced parentheses are the line's, not the name's
                item = item.strip("()").strip()
            if item and item not in found:
                found.append(item)
    return found


def _claims(experience: list[dict[str, Any]], projects: list[str]) -> list[dict[str, Any]]:
    vocab = vocabulary()
    claims = []
    sources = [(h, " at ".join(p for p in (e["title"], e["company"]) if p) or None)
               for e in experience for h in e["highlights"]] + [(p, None) for p in projects]
    for text, context in sources:
        kinds = []
        if QUANTIFIED.search(re.sub(rf"\b{_YEAR}\b", "", text)):
            kinds.append("quantified")
        if LEADERSHIP.search(text):
            kinds.append("leadership")
        skills = [s.name for s in vocab.mentions(text)]
        if skills:
            kinds.append("technology")
        if kinds:
            claims.append({"text": text, "kind": kinds[0], "kinds": kinds, "skills": skills,
                           "context": context, "source": text})
    return claims


ADDRESS_LABEL = re.compile(
    r"(?i)^(?:location|(?:home |postal |mailing |permanent |current )?address|home|based in|residence|city|"
    r"anschrift|adresse|wohnort|"
    r"dirección|direccion|domicilio|residencia|ciudad|endereço|morada|cidade|indirizzo|residenza|adres|"
    r"woonplaats|adresa|adres zamieszkania|adresa bydliště|адрес|адреса|місто|город|διεύθυνση|住所|地址|주소)"
    r"\s*:\s*(.+)$"
)


# a street with its number, then a postal code before the town
EUROPEAN_ADDRESS = re.compile(r"\d\w?\s*,\s*(?:[A-Z]{1,2}-)?\d{2,5}(?:-\d{3})?\s+[^\W\d_][^\W\d_ '’\-]+"
                              r"(?:[ \-][^\W\d_]+)?(?:\s*,\s*[^\W\d_][^\W\d_ ]+)?$")


def _town_of_address(text: str) -> str:
    """The town of an address: "Hauptstraße 5, 10115 Berlin" -> "Berlin"; a bare town stays as it is."""
    text = re.sub(r"\s*\((?:home|work|private|domicile)\)\s*$", "", text.strip(), flags=re.I)
    text = re.sub(r"^(.+?)\s*\(([^()]+)\)$", r"\1, \2", text)  # "010061 Bucharest (Romania)", as Europass writes it
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    kept = []
    for number, piece in enumerate(pieces):
        if number == 0 and len(pieces) > 1 and re.search(r"\d", piece):
            continue  # the street and its number ("123 Main Street", "Hauptstraße 5")
        without_code = re.sub(r"^\s*(?:[A-Z]{1,2}-)?\d{2,6}(?:-\d{3})?\s+|\s+\d{4,6}(-\d{4})?\s*$", "", piece)
        if re.search(r"\d", without_code):
            continue  # a postal code alone
        kept.append(without_code)
    return ", ".join(kept) or text


def _name_on_two_lines(top: list[Line]) -> list[Line]:
    """The top lines with a given name and a surname printed on two lines ("Eleanor" / "Whitfield-Hughes",
    a template's large type) joined into one."""
    texts = [line.text.strip() for line in top]
    first = next((i for i, text in enumerate(texts) if heading_key(text) not in DOCUMENT_TITLES), None)
    if first is None or first + 1 >= len(top):
        return top
    one, two = top[first], top[first + 1]
    single = all(re.fullmatch(r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*", t.text.strip()) and
                 not _known_heading(t) and not TITLE_WORDS.search(t.text) and not is_place(t.text.strip())
                 for t in (one, two))
    if not single or one.size != two.size or _name_like(one.text) or vocabulary().lookup(one.text.strip()):
        return top
    joined = Line(f"{one.text.strip()} {two.text.strip()}", one.size, one.bold and two.bold)
    return [*top[:first], joined, *top[first + 2:]] if _name_like(joined.text) else top


NAME_LABEL = re.compile(r"(?i)^\s*(?:full name|name|first name\(s\)\s*/\s*surname\(s\)|name and surname|"
                        r"surname and name|nombre completo|nombre y apellidos|nom et prénom|nom complet|nome completo|"
                        r"imię i nazwisko|ф\.?\s?и\.?\s?о\.?|піб|氏名|姓名|이름|name, vorname|vor- und nachname)\s*:\s*(\S.*)$")
GIVEN_NAME = re.compile(r"(?i)^\s*(?:first names?|given names?|forenames?|vorname[n]?|prénoms?|prenom|nombres?|"
                        r"nome|imi[eę]|имя|ім'я)\s*:\s*([^\W\d_][^\d:|\t]{0,40})$")
FAMILY_NAME = re.compile(r"(?i)^\s*(?:last name|surname|family name|nachname|familienname|nom(?: de famille)?|"
                         r"apellidos?|sobrenome|nazwisko|фамилия|прізвище)\s*:\s*([^\W\d_][^\d:|\t]{0,40})$")
# the labels of phone and e-mail fields on a form
CONTACT_FIELD = re.compile(r"(?i)^\s*(?:phone|telephone|tel|mobile|cell|e-?mail|telefon|handy|mobil|téléphone|teléfono|"
                           r"telefone|telefono|celular)\s*:")
# a contact field's short label: "W: janedoe.dev", "Web: ...", "Site: ..."
CONTACT_LABEL = re.compile(r"(?i)^(?:[a-z]|web|website|site|homepage|portfolio|blog|url)\s*:\s*")


def _phone(candidate: str) -> str | None:
    """A phone number as written, or None for digits that are something else (years, versions)."""
    candidate = candidate.strip()
    digits = re.sub(r"\D", "", candidate)
    if not 7 <= len(digits) <= 15 or RANGE.fullmatch(candidate):
        return None
    if re.fullmatch(r"\d+(\.\d+)+", candidate.replace(" ", "")) and not re.fullmatch(r"\d{2,4}(\.\d{2,4}){2,}", candidate):
        return None  # 1.2.3456 is a version or a number, 555.123.4567 a phone
    if re.fullmatch(rf"(?:0?[1-9]|[12]\d|3[01])\s*[./-]\s*(?:0?[1-9]|1[0-2])\s*[./-]\s*{_YEAR}", candidate):
        return None  # 12.03.1990: a date (of birth, say), not a phone
    return candidate


PAGE_FOOTER = re.compile(r"(?i)^\s*(?:page\s+)?\d{1,2}\s*(?:of|/)\s*\d{1,2}\s*$|^\s*page\s+\d{1,2}\s*$")


def _without_page_furniture(lines: list[Line]) -> list[Line]:
    """Without "Page 1 of 2" footers, nor a running header repeating the first lines' e-mail address."""
    kept = [line for line in lines if not PAGE_FOOTER.match(line.text)]
    first = next((m.group(0) for line in kept[:6] if (m := EMAIL.search(line.text))), None)
    if first is None:
        return kept
    return kept[:6] + [line for line in kept[6:] if first not in line.text or len(line.text.split()) > 12]


# "Referees available on request.": a closing note, in whichever section it ends up
REFERENCES_NOTE = re.compile(r"(?i)^\W*(?:references?|referees?)\s+(?:are\s+|will be\s+)?(?:available|provided|furnished)"
                             r"\s+(?:up)?on\s+request\W*$")
TAB_ALIGNED = re.compile(r"^([^\W\d][^:\t]{0,40}?)\s*:\s*(?=\S)")


# the place and date a CV is signed with at its end: "München, 15. Januar 2025", "Berlin, den 03.02.2025"
SIGNED_AT = re.compile(rf"^[^\W\d_][^\W\d_ .\-]*(?:[ \-][^\W\d_]+)?,\s*(?:(?:den|le|el|il)\s+)?"
                       rf"(?:\d{{1,2}}\.?\s*(?:{_MONTH_NAMES})\.?\s*{_YEAR}|\d{{1,2}}[./]\d{{1,2}}[./]{_YEAR}"
                       rf"|(?:{_MONTH_NAMES})\.?\s+\d{{1,2}},?\s+{_YEAR})$",
                       re.IGNORECASE)


def _without_signature(lines: list[Line]) -> list[Line]:
    """Without the place, date and signed name closing a CV (after the last section's content)."""
    for back in range(1, min(3, len(lines)) + 1):
        if SIGNED_AT.match(lines[-back].text.strip()):
            after = lines[len(lines) - back + 1:]
            if all(len(line.text.split()) <= 4 and not re.search(r"\d|@", line.text) for line in after):
                return lines[:len(lines) - back]
    return lines


# a form's field written as a table row without a colon: "Wohnort \t München", "Name \t Stefan Hoffmann"
FORM_ROW = re.compile(r"^([^\W\d][^\t:]{0,30}?) \t ([^\t]+)$")


def _tab_aligned(line: Line) -> Line:
    """"Address: \t \t Lekki, Lagos", "Client \t : A bank" (values tabbed into a column beside their labels)
    as "Address: Lekki, Lagos", "Client: A bank"."""
    if "\t" not in line.text:
        return line
    if (row := FORM_ROW.match(line.text)) and any(
            pattern.match(labelled := f"{row.group(1)}: {row.group(2)}")
            for pattern in (NAME_LABEL, ADDRESS_LABEL, PERSONAL_DETAIL, CONTACT_FIELD)):
        return replace(line, text=labelled)
    if not (match := TAB_ALIGNED.match(line.text.replace(" \t ", "\t"))) or "\t" not in match.group(0):
        return line
    return replace(line, text=TAB_ALIGNED.sub(lambda m: m.group(1).strip() + ": ", line.text.replace(" \t ", "\t"), 1)
                   .replace("\t", " \t "))


def parse_lines(lines: list[Line]) -> dict[str, Any]:
    """The parsed resume (see `schema.EMPTY`) from the document's lines."""
    lines = [_tab_aligned(line) for line in _without_signature(_without_page_furniture(lines))
             if not REFERENCES_NOTE.match(line.text)]
    header, sections = split_sections(lines)
    everything = "\n".join(line.text for line in lines)
    by_kind: dict[str, list[Line]] = {}
    schooling = sum(section.kind == "education" for section in sections) > 1
    for section in sections:
        kind = section.kind
        if schooling and section.heading in CERTIFICATE_HEADINGS:
            kind = "certifications"  # "Education" and "Qualifications" both: the second lists certificates
        by_kind.setdefault(kind, []).extend(section.lines)
    contact_lines = header + by_kind.get("contact", [])
    contact_text = "\n".join(line.text for line in contact_lines)
    if not EMAIL.search(contact_text):
        contact_text = OBFUSCATED_DOT.sub(".", OBFUSCATED_AT.sub("@", contact_text))

    email = (EMAIL.search(contact_text) or EMAIL.search(everything))
    phone = next((found for source in (contact_text, everything) for match in PHONE.finditer(source)
                  if (found := _phone(match.group(0)))), None)
    links = []
    bare = [m for line in contact_lines for part in parts_of(line.text)
            if (m := BARE_DOMAIN.fullmatch(CONTACT_LABEL.sub("", part)))]
    for match in [*URL.finditer(everything), *bare]:
        link = match.group(0).rstrip(".,;:)")
        if "@" in link and not link.lower().startswith("http"):
            continue
        if not link.lower().startswith("http"):
            link = "https://" + link
        if link not in links:
            links.append(link)

    # the name: a "Name:" label, else the first name-like line near the top (largest type first)
    top = _name_on_two_lines((header or lines)[:8]) + [line for line in by_kind.get("contact", [])[:4]]
    labelled_name = next((Line(m.group(1)) for line in lines[:20] if (m := NAME_LABEL.match(line.text))), None)
    given = next((m.group(1) for line in lines[:20] if (m := GIVEN_NAME.match(line.text))), None)
    family = next((m.group(1) for line in lines[:20] if (m := FAMILY_NAME.match(line.text))), None)
    if given and family:  # a form: "First name: Jonas", "Last name: Müller"
        labelled_name = Line(f"{given.strip()} {family.strip()}")
    if labelled_name is not None:
        top = [labelled_name]
    candidates = [(line, name) for line in top if (name := _name_like(line.text))]
    sizes = [line.size for line in lines[:60] if line.size]
    if labelled_name is None and sizes and len(set(sizes)) > 1:
        largest = [(line, name) for line in lines[:60] if line.size and line.size >= max(sizes) - 0.1
                   and (name := _name_like(line.text))]
        if largest and all(line.size < largest[0][0].size for line, _ in candidates):
            candidates = largest[:1]  # a sidebar read first must not hide the name printed largest
    if not candidates:
        candidates = [(line, name) for line in lines[:12] if (name := _name_like(line.text))]
    name = name_line = None
    if candidates:
        sized = [c for c in candidates if c[0].size]
        name_line, name = (max(sized, key=lambda c: c[0].size) if sized and len({c[0].size for c in sized}) > 1
                           else candidates[0])

    location = None
    for line in contact_lines:
        labelled = next((m for part in parts_of(line.text, at=False) if (m := ADDRESS_LABEL.match(part))), None)
        if labelled:
            location = _town_of_address(labelled.group(1))
            break
        # "jane@example.jp / +81 90-1234-5678 / Osaka, Japan": a slash parts contact fields too
        for part in (piece for whole in parts_of(line.text) for piece in re.split(r"\s+/\s+", whole)):
            if EMAIL.search(part):
                continue
            if is_place(part):
                location = part
                break
            # "123 Main Street, Austin, TX 78701": the place after the street, without the postal code
            address = re.sub(r"\s*\b(\d{4,6}(-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)\s*$", "", part)
            if address != part or re.match(r"\d", part):
                place = address if is_place(address) else split_place(address)[1]
                if place:
                    location = place
                    break
            if EUROPEAN_ADDRESS.search(part):  # "ul. Długa 5, 00-001 Warsaw", "Hauptstraße 5, 10115 Berlin"
                location = _town_of_address(part)
                break
        if location:
            break
    if location is None:  # "a product designer based in Lagos."
        location = next((m.group(1) for line in contact_lines[:8]
                         if (m := re.search(r"\b(?:based in|located in|living in|lives in)\s+([^\W\d_][^.;|•\t]{1,40}?)"
                                            r"\s*(?:[.;|•\t]|$)", line.text))
                         and (is_place(m.group(1)) or _town_like(m.group(1)))), None)
    if location is None and name_line is not None:  # a sidebar read first: the place printed under the name
        after = lines[lines.index(name_line) + 1:lines.index(name_line) + 4] if name_line in lines else []
        location = next((line.text.strip() for line in after if is_place(line.text.strip())), None)
    if location is None:  # "jane@example.com • 07700 900123 • Bristol": a town beside the contact fields
        location = next((part for line in contact_lines[:8] if EMAIL.search(line.text) or PHONE.search(line.text)
                         for part in parts_of(line.text) if part != name and not EMAIL.search(part)
                         and not PHONE.search(part) and _town_like(part)), None)

    summary_lines = [_strip_bullet(line.text) for line in by_kind.get("summary", [])]
    if not summary_lines:
        summary_lines = [line.text for line in header if len(line.text.split()) >= 8
                         and not EMAIL.search(line.text) and not URL.search(line.text)
                         and len(re.findall(r"[^\W\d_]{2,}", line.text)) >= 6
                         and not re.match(r"[^\W\d_][\w ]{1,25}:\s", line.text)]  # "Nationality: ...": a form's fields
    summary = re.sub(r"\s+", " ", " ".join(summary_lines)).strip() or None

    experience = _experience(by_kind.get("experience", []))
    education = _education(by_kind.get("education", []))
    language_lines = by_kind.get("languages", [])
    languages = _languages(language_lines)
    if not languages:  # Europass: "Mother tongue: Hungarian", "Other languages: English, German"
        labelled = [Line(m.group(1)) for line in lines
                    if (m := re.match(r"(?i)\s*(?:mother tongue(?:s|\(s\))?|native languages?|other language(?:s|\(s\))?|"
                                      r"foreign languages?|languages? (?:spoken|known)|spoken languages?)\s*:\s*(.+)$", line.text))]
        languages = _languages(labelled)
    skill_lines = list(by_kind.get("skills", []))
    if languages and _programming_languages(", ".join(languages)):  # "Languages: Python, Go" lists skills
        skill_lines += language_lines
        languages = []
    project_lines = [_strip_bullet(line.text) for section in sections
                     if section.kind == "other" and section.heading in PROJECT_HEADINGS for line in section.lines]
    free_text = [h for e in experience for h in e["highlights"]] + [e["title"] or "" for e in experience] \
        + project_lines + ([summary] if summary else [])
    skills = _skills(skill_lines, free_text=free_text)
    return {
        "name": name,
        "email": email.group(0) if email else None,
        "phone": phone,
        "location": location,
        "links": links,
        "summary": summary,
        "skills": skills,
        "experience": experience,
        "education": education,
        "certifications": _certifications(by_kind.get("certifications", [])),
        "languages": languages,
        "claims": _claims(experience, project_lines),
    }
