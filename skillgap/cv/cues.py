"""What one mention of a skill in a CV says about the person: used, listed, learning or not held.

Rules, not a model: cue phrases inside the mention's clause. A clause ends at a sentence end, a line break, a
bullet, ";", "|" or a contrast word ("but", "whereas", "although"); commas do not end it, so "Interested in Rust,
Go and Kubernetes" reads all three as learning. Inside a clause the cues before the skill are read left to right:
a learning or not-held cue ("planning to learn", "no hands-on experience with", "the team that used", "hired")
always takes over, while a used or listed cue takes over from them only after a comma or "and" ("Never used Java,
built everything in Python"). A cue right after the skill ("(in progress)", "(I did not)", "developers",
"reseller", "- 12 months") has the last word. With no cue the section decides: experience and projects mean used,
a certification line means used for what it certifies, "Publications" / "Research" / "Portfolio" sections mean used,
everything else (skills lists, summaries) means listed. A skill inside the name of a course being taken ("enrolled in
the Google Data Analytics certificate") is learning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["STATUSES", "MentionReading", "clause_bounds", "read_mention"]

# strongest first: a skill takes the strongest status of its mentions
STATUSES = ("used", "listed", "learning", "not_held")

_LEARN_VERBS = (
    r"(?:learn|study|explore|pick up|get into|get started with|master|try|dive into|deepen|move into|"
    r"transition (?:in)?to|grow (?:in|into)|work with|work on|use|build|gain|acquire|get|earn|obtain|pass|take|complete|"
    r"finish|sit|achieve|become|do|certify|improve)"
)
_LEARNING = (
    rf"\bplan(?:s|ned|ning)?\s+(?:is\s+)?to\s+(?:\w+\s+)?{_LEARN_VERBS}",
    rf"\b(?:want|wants|wanting|would like|'d like|’d like|would love|'d love|’d love|love|hope|hopes|hoping|aim|"
    rf"aims|aiming|intend|intends|"
    rf"intending|looking|eager|keen|excited|motivated|willing|going)\s+to\s+(?:\w+\s+)?{_LEARN_VERBS}",
    rf"\b(?:will|shall|'ll|’ll|gonna)\s+(?:\w+\s+)?{_LEARN_VERBS}",
    r"\blearning\s+(?:path|track|plan|journey|programme|program|roadmap)\b",
    r"\b(?:curious|enthusiastic)\s+about",
    r"\b(?:interested|an interest|interest|fascinated|intrigued)\s+(?:in|by)",
    r"(?:^\s*|[:(]\s*|\b(?:currently|now|actively|am|i'm|i’m|been|still|also|and|while|started|start|begin|began|"
    r"presently|i|we)\s+)(?:learning|studying|self-studying|upskilling|reskilling|exploring)\b(?!\s*,)"
    r"(?:\s+(?:in|on|about|with|for))?",
    r"\b(?:teaching myself|getting started with|getting into|currently exploring|self-taught in progress|"
    r"familiari[sz]ing (?:myself )?with|getting (?:familiar|acquainted) with|ramping up (?:on|in)|"
    r"(?:a )?beginner (?:in|with|at))\b",
    r"\b(?:aspiring|would-be|wannabe)\b",
    r"\b(?:want|wants|wish|wishes|would like|'d like|’d like|hope|hopes|hoping|aim|aims|aiming|aspire|aspires|"
    r"intend|intends|looking|eager|keen)\s+to\s+(?:work|be|become|serve|join|grow|start|build\s+(?:a|my)\s+career)"
    r"\b[^.;\n]{0,50}?\bas\s+an?\b",
    r"\bpursuing\b(?=[^.;\n]{0,60}\bcertif)",
    r"\b(?:areas?\s+of\s+interest|interests?\s*:)",
    r"\b(?:taking|enrolled|enrolling|attending|following|doing|registered|signed up)\s+(?:in|for|on)?\s*"
    r"(?:an?\s+|the\s+|my\s+)?(?:[\w'’-]+\s+){0,4}?(?:courses?|class(?:es)?|bootcamp|program(?:me)?|training|module|"
    r"specialization|specialisation|nanodegree|certification|certificate|track)\b(?:\s+(?:on|in|about|for|covering|of))?",
    r"\b(?:studying|preparing|prepping|revising|registered|scheduled)\s+for",
    r"\bworking\s+towards?",
    r"\b(?:exam|test)\s+(?:is\s+)?(?:booked|scheduled|planned)",
    r"\b(?:next|future)\s+(?:year|step|steps|goal|goals|focus)\b",
    r"\b(?:learning|career|development)\s+goals?\b",
    r"\bgoals?\s*:",
    r"\bto[- ]learn\b(?!\s+(?:new|more|quickly|fast|and|from|on the job)\b)",
    r"\bon my (?:list|radar|roadmap)\b",
    r"\bnot yet (?:certified|started)\b",
)
# people other than the CV's author; groups (and any singular person) only with "who/that/which"
_PEOPLE = (
    r"(?:engineers|developers|colleagues|analysts|scientists|staff|vendors|contractors|clients|customers|users|"
    r"partners|others|consultants|people|coworkers|co-workers|peers|employees|teammates|they|he|she)"
)
_GROUPS = (
    r"(?:team|teams|squad|group|department|company|companies|firm|firms|organi[sz]ations?|engineer|developer|"
    r"colleague|client|customer|vendor|partner|person|someone|everyone|business|unit)"
)
_OTHERS_VERBS = (
    r"(?:used|use|uses|using|built|build|builds|worked|work|works|working|relied|rely|relies|ran|run|runs|running|"
    r"maintained|maintain|maintains|developed|develop|develops|adopted|adopt|migrated|migrate|deployed|deploy|"
    r"handled|handle|handles|supplying|supplied|supply|provided|providing|provide|implemented|implementing|"
    r"operated|operate|owned|own|owns|wrote|write|writes|programmed|coded|administered|managed|manage|manages|"
    r"preferred|chose|switched|moved)"
)
_NOT_HELD = (
    # negation of the person's own experience
    r"\b(?:no|zero|nil)\s+(?:(?:real|hands-on|hands on|practical|prior|previous|professional|production|direct|formal|"
    r"commercial|working|actual|much|any)\s+)*(?:experience|exposure|knowledge|background|skills?)\s+"
    r"(?:with|in|of|on|using)",
    r"\b(?:never|not yet|haven't|have not|hasn't|has not|didn't|did not|don't|do not|cannot|can't|could not)\s+"
    r"(?:\w+\s+){0,2}?(?:used|use|worked|work|touched|tried|programmed|coded|deployed|built|had|learned|learnt|"
    r"studied)\b(?:\s+(?:with|on|in))?",
    r"\bwithout\s+(?:any\s+)?(?:\w+\s+)?(?:experience|exposure|knowledge)\s+(?:with|in|of)",
    r"\black(?:s|ing)?\s+(?:of\s+)?(?:\w+\s+)?(?:experience|exposure|knowledge)\s+(?:with|in|of)",
    r"\bnot\s+(?:familiar|experienced|proficient|comfortable|trained|skilled)\s+(?:with|in)",
    r"\bnone\s+(?:with|in)\b",
)
_OTHERS = (
    rf"\b(?:my|our|the|their|his|her)\s+(?:\w+\s+)?(?:DBA|DBAs|admin|admins|administrator|manager|lead|architect|"
    rf"colleague|colleagues|boss|supervisor|CTO|team|teammates?|client|customer|vendor|partner|employer|"
    rf"predecessor|contractor)\s+(?:\w+ly\s+)?(?!\w+ing\b){_OTHERS_VERBS}\b(?:\s+(?:on|with|in|to))?",
    # someone else's tool: a team that used it, people who use it, hiring for it, selling it, receiving it
    rf"\b{_PEOPLE}\s+(?:who\s+|that\s+|which\s+)?(?:\w+ly\s+|had\s+|have\s+|has\s+|were\s+|was\s+|are\s+|is\s+)?"
    rf"{_OTHERS_VERBS}\b(?:\s+(?:on|with|in|to))?",
    rf"\b{_GROUPS},?\s+(?:who|that|which)\s+(?:\w+ly\s+|had\s+|have\s+|has\s+|were\s+|was\s+|are\s+|is\s+)?"
    rf"{_OTHERS_VERBS}\b(?:\s+(?:on|with|in|to))?",
    r"\b(?:hir(?:e|es|ed|ing)(?!\s+as\b)|recruit(?:s|ed|ing|ment|ment of)?|head-?hunt(?:ed|ing)?|staffing|"
    r"screen(?:ed|ing)\s+(?:candidates|applicants|cvs|resumes)|placing|placement of|interview(?:ed|ing))\b",
    r"\b(?:sell|sells|selling|sold|resell|resells|reselling|resold|pre-?sales\s+for|sales\s+of|"
    r"account\s+(?:manager|executive|management)\s+(?:for|of|at)|marketed|pitched|pitching)\b",
    r"\bon\s+behalf\s+of\b",
    r"\b(?:triag(?:e|ed|es|ing)|logg(?:ed|ing)|log|rout(?:e|ed|ing)|escalat(?:e|ed|es|ing)|dispatch(?:ed|ing)|"
    r"forward(?:ed|ing))\s+(?:\w+\s+){0,2}?(?:tickets?|cases|calls|queries|questions|requests|"
    r"complaints|enquiries|inquiries)\s+(?:about|on|regarding|concerning|related\s+to)\b",
)
_LISTED = (
    r"\bfamiliar(?:ity)?\s+with",
    r"\b(?:basic|good|working|sound|solid|strong|deep|some|general|theoretical)?\s*(?:knowledge|understanding|"
    r"awareness|command)\s+(?:of|in|on|about)",
    r"\bexposure\s+(?:to|in)",
    r"\bbasics?\s+(?:of|in)",
    r"\b(?:proficien(?:t|cy)|skilled|expertise|expert|fluent|strong|versed|competent|comfortable|conversant|"
    r"good|adept)\s+(?:in|with|at)",
    r"\bknows?\b",
)
_USED_VERBS = (
    r"built|build|builds|building|develop|develops|developed|developing|implement|implements|implemented|"
    r"implementing|design|designs|designed|designing|migrat(?:e|es|ed|ing)|wrote|write|writes|writing|written|"
    r"deploy|deploys|deployed|deploying|automat(?:e|es|ed|ing)|maintain|maintains|maintained|maintaining|"
    r"creat(?:e|es|ed|ing)|use|uses|used|using|utili[sz](?:e|es|ed|ing)|configur(?:e|es|ed|ing)|"
    r"administer(?:s|ed|ing)?|administrat(?:ed|ing)|programm(?:ed|ing)|trained|analy[sz](?:e|es|ed|ing)|"
    r"integrat(?:e|es|ed|ing)|optimi[sz](?:e|es|ed|ing)|tun(?:ed|ing)|fine-tun(?:e|ed|ing)|script(?:ed|ing)|"
    r"cod(?:ed|ing)|engineered|set\s+up|setting\s+up|ran|operat(?:e|ed|ing)|monitor(?:ed|ing)|"
    r"test(?:ed|ing)|quer(?:ied|ying)|modell?(?:ed|ing)|visuali[sz](?:e|ed|ing)|refactor(?:ed|ing)|"
    r"deliver(?:ed|ing)|ship(?:ped|ping)|contribut(?:ed|ing)|appl(?:ied|ying)|leverag(?:e|ed|ing)|"
    r"employ(?:ed|ing)|handl(?:ed|ing)|introduc(?:ed|ing)|rolled\s+out|upgrad(?:ed|ing)|troubleshoot(?:ed|ing)?|"
    r"debugg(?:ed|ing)|port(?:ed|ing)|rewrote|rewriting|scal(?:ed|ing)|launch(?:ed|ing)|containeri[sz](?:ed|ing)|"
    r"orchestrat(?:ed|ing)|provision(?:ed|ing)|extend(?:ed|ing)|wrot|produc(?:ed|ing)|prototyp(?:ed|ing)|"
    r"install(?:ed|ing)|manag(?:ed|ing)|led|lead|leading|own(?:ed|ing)|work(?:ed|ing)\s+(?:with|on|in)|"
    r"responsible\s+for|involved\s+in|hands-on\s+(?:with|in)|practi[cs](?:ed|ing)|supported|supporting|"
    r"ported|taught|teaching|published|presented|wrote|spearhead(?:ed|ing)|pioneer(?:ed|ing)|champion(?:ed|ing)|"
    r"adopt(?:ed|ing)|architect(?:ed|ing)|authored|drove|driving|establish(?:ed|ing)|modernis(?:ed|ing)|"
    r"moderniz(?:ed|ing)|standardi[sz](?:ed|ing)|consolidat(?:ed|ing)|streamlin(?:ed|ing)|replac(?:ed|ing)|"
    r"completed"
)
_USED = (
    rf"\b(?:{_USED_VERBS})\b(?!\s*:)(?!\s+systems?\b)",
    # a duration in words only with "experience": "six month experience in", not "for the last two years"
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty)\s+"
    r"(?:years?|months?)['’]?\s+(?:of\s+)?(?:(?:hands-on|professional|working|commercial|industry|production)\s+)?"
    r"(?:experience|exp)\s+(?:with|in|using|of|on)\b",
    r"\b\d+(?:\.\d+)?\s*\+?\s*(?:years?|yrs?|months?|mos)['’]?\s+(?:of\s+)?(?:(?:\w+\s+)?(?:experience|exp|"
    r"hands-on|professional|working|commercial|industry|production)\s*)?(?:(?:with|in|using|of|on)\b)?",
    r"\bcertified\b",
    r"\bhired\s+as\b",
    r"\b(?:thesis|dissertation|capstone|final[- ]year project)\b",
)

# a claim of experience without a duration: use in a job or project, a listing anywhere else
_CLAIM = (
    r"\b(?:(?:hands-on|practical|professional|working|industry|production|commercial|proven|extensive|strong|good|"
    r"solid|sound|some)\s+)?experience\s+(?:with|in|using|on|of)",
    r"\bexperienced\s+(?:with|in)",
)
_FLAGS = re.IGNORECASE
_CUES = [(kind, re.compile(p, _FLAGS)) for kind, ps in
         (("learning", _LEARNING), ("not_held", _NOT_HELD), ("others", _OTHERS), ("listed", _LISTED), ("used", _USED),
          ("claim", _CLAIM))
         for p in ps]
_KIND_RANK = {"not_held": 0, "others": 0, "learning": 1, "used": 2, "claim": 3, "listed": 4}  # which of two equal-length cues wins
# in a skills list only these used cues count: "-ing" words there are labels ("Programming Languages:", "Testing:")
_SKILLS_LIST_USED = re.compile(r"\d|ed\b|\b(?:wrote|built|ran|led|written|certified|thesis|dissertation)\b", _FLAGS)
_NEGATIVE = ("learning", "not_held", "others")
_PLAIN = {"others": "not_held"}  # someone else's tool is not held

# after the skill (and any list continuation: "Java and .NET developers")
_LIST_TAIL = r"(?:\s*(?:,|/|&|\band\b|\bor\b)\s*[\w.+#-]+(?:\s+[\w.+#-]+)?){0,3}"
_ONGOING = r"ongoing(?!\s+(?:project|work|role|engagement|contract|maintenance|support))"  # "(ongoing project)" is use
_AFTER_CUES = (
    ("learning", re.compile(
        rf"^\s*[-–—:,]?\s*[(\[]\s*(?:in progress|{_ONGOING}|planned|learning|currently learning|studying|pending|"
        r"in training|upcoming|scheduled|booked|expected|preparing|not yet|to learn|target|goal|next)",
        _FLAGS)),
    ("learning", re.compile(
        rf"^\s*[-–—:,]\s*(?:in progress|{_ONGOING}|planned|currently (?:learning|studying)|exam (?:booked|scheduled)|"
        r"expected\s+(?:in\s+)?\d{4}|preparing|studying)", _FLAGS)),
    ("learning", re.compile(r"^[^.;]{0,40}?\b(?:is|are)\s+(?:next|on my (?:list|radar|roadmap))", _FLAGS)),
    ("learning", re.compile(r"^\s*learning\s+(?:path|track|plan|journey|programme|program|roadmap)\b", _FLAGS)),
    ("learning", re.compile(rf"^\s*[(\[][^)\]\n]{{0,40}}?\b(?:in progress|{_ONGOING}|underway|planned|pending|scheduled|"
                            r"booked|not yet|studying|preparing|learning)\b", _FLAGS)),
    ("learning", re.compile(
        rf"^[^.;]{{0,40}}?(?:[-–—(,:]|\bis\b|\bare\b)\s*(?:in progress|{_ONGOING}|planned|expected|scheduled|booked|"
        r"underway|pending|not yet (?:taken|passed|complete))\b", _FLAGS)),
    ("learning", re.compile(r"^[^.;()]{0,30}?\b(?:certification|exam)\s+(?:booked|scheduled|planned)", _FLAGS)),
    ("not_held", re.compile(
        r"^\s*[(\[]\s*(?:I\s+did\s*n[o']t|I\s+didn't|not\s+(?:me|myself|by me|my own)|no hands-on|did not use|"
        r"didn't use|I have not|I haven't|never used|not used)", _FLAGS)),
    ("others", re.compile(
        rf"^{_LIST_TAIL}\s*(?:developers|engineers|programmers|consultants|specialists|experts|talent|candidates|"
        r"professionals|architects|administrators|admins|hires|positions|openings|"
        r"vacancies|recruit(?:ment|ing)|hiring)\b", _FLAGS)),
    ("others", re.compile(rf"^{_LIST_TAIL}\s*(?:resellers?|re-sellers?|distributors?|licen[cs]es?|licen[cs]ing|"
                            r"sales|deals|subscriptions sold)\b", _FLAGS)),
    ("others", re.compile(r"^[^.;]{0,30}?\b(?:runbooks?|documentation|docs)\s+(?:from|based on)\s+interviews",
                            _FLAGS)),
    ("used", re.compile(
        r"^\s*[-–—:(]?\s*(?:exp[e]?rience\s*[-–:]?\s*)?(?:\d+(?:\.\d+)?\s*\+?\s*(?:months?|mos?|years?|yrs?)(?-i:(?![a-z]))|"
        r"less\s+than\s+(?:1|one)\s+year)", _FLAGS)),
    ("used", re.compile(
        r"^\s*[(\[]\s*(?:used|using|daily|weekly|in production|production|hands-on|at work|professional(?:ly)?|"
        r"commercial(?:ly)?)\b", _FLAGS)),
    ("used", re.compile(r"^\s*[(\[][^)\]\n]{0,25}?\bcertified\b", _FLAGS)),
    ("used", re.compile(r"^[\w\s/&,.+#-]{0,30}?\bsince\s+(?:19|20)\d\d\b", _FLAGS)),
    ("used", re.compile(
        r"^[\w\s/&,.+#-]{0,30}?\bwith\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?\d+(?:\.\d+)?\s*\+?\s*"
        r"(?:years?|yrs?)", _FLAGS)),
)
_AGENTS = (
    r"(?:team|teams|contractors?|vendors?|consultants?|consultancy|engineers|developers|analysts|scientists|"
    r"colleagues|partners?|others|agency|agencies|company|supplier|suppliers|department|colleague|someone|"
    r"third[- ]part(?:y|ies)|outsourcer|integrator|staff|group|squad|specialists)"
)
_DONE_BY_OTHERS = re.compile(
    r"^[^.;]{0,60}?\b(?:built|done|run|made|written|set up|carried out|rolled out|taken|prepared|developed|"
    r"maintained|managed|implemented|delivered|owned|operated|configured|designed|created|deployed|administered|"
    r"migrated|supported|produced|coded|programmed|engineered|handled|performed|executed)\s+by\s+"
    rf"(?!me\b|myself\b|I\b)(?:the\s+|a\s+|an\s+|our\s+|their\s+|its\s+)?(?:[\w-]+\s+){{0,2}}?{_AGENTS}\b",
    re.IGNORECASE)
_REPORTS_AFTER = re.compile(rf"^{_LIST_TAIL}\s*(?:reports?|dashboards?|extracts?|outputs?|exports?)\b", _FLAGS)
_REVIEW_BEFORE = re.compile(
    r"\b(?:review(?:ed|ing)?|read(?:ing)?|got|get|sent|given|present(?:ed|ing)|receiv(?:e|ed|es|ing)|"
    r"consum(?:e|ed|es|ing))\b",
    _FLAGS)
_INTERVIEW_CLAUSE = re.compile(
    r"\bfrom\s+interviews\b|\binterview(?:ed|ing)\s+(?:the\s+)?(?:engineers|developers|SMEs|staff|team|experts)"
    r"|\bsubject[- ]matter\s+experts\b|\bSMEs\b", _FLAGS)
_DOCUMENT_CLAUSE = re.compile(r"\b(?:document(?:ed|ing)?|wrote\s+up|writing\s+up|transcrib\w*|captur(?:ed|ing))\b",
                              _FLAGS)
_SUBCLAUSE = re.compile(r",|\band\b|\bthen\b|\bafter\b|\bwhile\b|\s[-–—]\s", _FLAGS)
_CLAUSE_BREAK = re.compile(
    r"[;|•▪●◦➢❖✓\n]|[.!?](?=\s+[A-Z(\"'“]|\s*$)|\s(?:but|whereas|although|though|however|yet)\b", _FLAGS)
_EDUCATION_USE = re.compile(r"\b(?:thesis|dissertation|capstone|project|coursework|course work|internship|lab|"
                            r"assignment|research)\b", _FLAGS)
_WORK_TITLE = re.compile(r"\b(?:publications?|papers|research|thesis|dissertation|portfolio)\b", _FLAGS)
_CERT_WORD = re.compile(r"\bcertif(?:ied|icate|ication)|\bcredential\b|\blicen[cs]e\b", _FLAGS)
_MAX_CLAUSE = 400
# a line that is a skills list although no heading was recognised ("Skills Exceptional communication ...",
# "... management SKILLS Project Management Tools: ...", "Technical Skill Set Big Data Ecosystems: ...")
_SKILLS_LINE = re.compile(r"^\W*(?i:technical\s+|key\s+|core\s+|it\s+)?(?i:skills?)(?i:\s+set)?\b|\bSKILLS\b")


@dataclass(frozen=True)
class MentionReading:
    """The status one mention gives its skill and the cue that decided it ("" when the section did)."""

    status: str
    cue: str


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the clause holding ``text[start:end]`` (at most ~400 characters either side)."""
    lo = max(0, start - _MAX_CLAUSE)
    cuts = [m.end() for m in _CLAUSE_BREAK.finditer(text, lo, start)]
    c_start = cuts[-1] if cuts else lo
    m = _CLAUSE_BREAK.search(text, end, min(len(text), end + _MAX_CLAUSE))
    c_end = m.start() if m else min(len(text), end + _MAX_CLAUSE)
    return c_start, c_end


def _cues_in(before: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every cue in *before*; of overlapping cues the longest one is kept."""
    found = [(m.start(), m.end(), kind) for kind, rx in _CUES for m in rx.finditer(before) if m.end() > m.start()]
    found.sort(key=lambda c: (c[0], -(c[1] - c[0]), _KIND_RANK[c[2]]))
    kept: list[tuple[int, int, str]] = []
    for c in found:
        if kept and c[0] < kept[-1][1]:
            if c[1] - c[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = c
            continue
        kept.append(c)
    return kept


def _before_state(before: str, cues: list[tuple[int, int, str]]) -> tuple[str, str]:
    state, cue, last_end = "", "", 0
    for start, end, kind in cues:
        if kind in _NEGATIVE or state not in _NEGATIVE or _SUBCLAUSE.search(before, last_end, start):
            state, cue = kind, before[start:end].strip()
        last_end = end
    return state, cue


_COURSE_AFTER = re.compile(r"^\s*(?:online\s+|evening\s+|certification\s+)?(?:course|class|bootcamp|training|"
                           r"exam|programme|program|nanodegree|specialization|specialisation)\b", _FLAGS)
_COURSE_BEFORE = re.compile(r"\b(?:currently|doing|taking|attending|enrolled|following|starting|started|studying|"
                            r"preparing|registered|signed up)\b", _FLAGS)


def _after_state(before: str, after: str, clause: str) -> tuple[str, str]:
    m = _COURSE_AFTER.search(after)
    if m and _COURSE_BEFORE.search(before):
        return "learning", m.group(0).strip()
    for kind, rx in _AFTER_CUES:
        m = rx.search(after)
        if m:
            return kind, m.group(0).strip()
    m = _REPORTS_AFTER.search(after)
    if m and _REVIEW_BEFORE.search(before):
        return "others", m.group(0).strip()
    m = _DONE_BY_OTHERS.search(after)
    if m:  # weaker than the author's own verb before the skill ("Used Jenkins pipelines maintained by ...")
        return "not_held_unless_used", m.group(0).strip()
    if _INTERVIEW_CLAUSE.search(clause) and _DOCUMENT_CLAUSE.search(clause):
        return "others", "documented from interviews"
    return "", ""


def _section_default(section: str, line: str, *, is_certification: bool, title: str) -> str:
    if "interest" in title.casefold():
        return "learning"  # "Interests", "Areas of interest": wishes, not skills
    if section in ("experience", "projects") or _WORK_TITLE.search(title):
        return "used"  # "Publications", "Research", "Portfolio": the author's own work
    if section == "education":
        return "used" if _EDUCATION_USE.search(line) else "listed"
    if is_certification or (section == "certifications" and _CERT_WORD.search(line)):
        return "used"  # an earned certification
    return "listed"


def read_mention(text: str, start: int, end: int, *, section: str, section_title: str = "",
                 is_certification: bool = False, cache: dict | None = None) -> MentionReading:
    """The status the mention ``text[start:end]`` gives its skill (see the module docstring for the rules).

    ``cache``: a dict kept across the mentions of one text, so each clause is searched for cues once.
    """
    c_start, c_end = clause_bounds(text, start, end)
    before, after = text[c_start:start], text[end:c_end]
    key = (c_start, c_end)
    clause_cues = cache.get(key) if cache is not None else None
    if clause_cues is None:
        clause_cues = _cues_in(text[c_start:c_end])
        if cache is not None:
            cache[key] = clause_cues
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    # a skills list names the author's own skills: "Recruitment", "Sales Support" there are items, not cues
    own_list = section == "skills" or bool(_SKILLS_LINE.search(line))
    before_cues = [c for c in clause_cues if c[1] <= start - c_start and not (own_list and c[2] == "others")]
    around = [c for c in clause_cues if c[2] == "learning" and c[0] < start - c_start and c[1] >= end - c_start]
    if around:  # part of the name of a course being taken ("enrolled in the Google Data Analytics certificate")
        return MentionReading("learning", text[c_start + around[0][0] : c_start + around[0][1]].strip())
    after_state, after_cue = _after_state(before, after, text[c_start:c_end])
    if own_list and after_state in ("others", "not_held_unless_used"):
        after_state, after_cue = "", ""
    if after_state in _NEGATIVE:
        return MentionReading(_PLAIN.get(after_state, after_state), after_cue)
    state, cue = _before_state(before, before_cues)
    if state in _NEGATIVE:
        return MentionReading(_PLAIN.get(state, state), cue)
    if after_state == "not_held_unless_used":
        return MentionReading("used", cue) if state == "used" else MentionReading("not_held", after_cue)
    if after_state == "used":
        return MentionReading("used", after_cue)
    if state == "used" and section == "skills" and not _SKILLS_LIST_USED.search(cue):
        state, cue = "", ""
    if state == "used":
        return MentionReading("used", cue)
    if state == "claim":
        return MentionReading("used" if section in ("experience", "projects") else "listed", cue)
    default = _section_default(section, line, is_certification=is_certification, title=section_title)
    if state == "listed" and default == "used" and section not in ("experience", "projects"):
        return MentionReading("listed", cue)
    if state == "listed" and section in ("experience", "projects"):
        return MentionReading("listed", cue)
    return MentionReading(default, cue if state else "")
