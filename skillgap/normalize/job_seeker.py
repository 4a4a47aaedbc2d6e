"""Tell a job seeker's post from a job posting in a "Who is hiring" thread.

Hacker News hiring threads also collect a few posts from people looking for work. They are no demand for skills,
so ingest keeps them out of ``postings`` (as rejected rows with the reason, never lost). Two conventions mark them:

- the freelancer threads' tag at the very start: "SEEKING WORK | Full-stack developer", "SEEKING REMOTE UI/UX
  OPPORTUNITIES", "Seeking freelance ...";
- the "Who wants to be hired" template: a post that *starts* with "Location:" and fills in "Willing to relocate:"
  and "Technologies:". Employers who reuse that template start with their own header line
  ("Acme | Senior Engineer | REMOTE"), so they stay postings.
"""

from __future__ import annotations

import re

from skillgap.normalize.text import html_to_text

SEEKER_REASON = (
    "a job seeker's post (\"SEEKING WORK\", or the Location / Willing to relocate / Technologies template of "
    "\"Who wants to be hired\"), not a job posting"
)
_TAG = re.compile(
    r"^\W*seeking\s+(?:work|freelance\w*|remote|employment|contract\w*|full[- ]?time|part[- ]?time"
    r"|(?:a\s+)?(?:new\s+)?(?:role|position|job)s?)\b",
    re.IGNORECASE,
)
_TEMPLATE_START = re.compile(r"^\W*location\s*:", re.IGNORECASE)
_RELOCATE = re.compile(r"\bwilling\s+to\s+relocate\s*:", re.IGNORECASE)
_TECHNOLOGIES = re.compile(r"\btechnologies\s*:", re.IGNORECASE)
_HEAD_CHARS = 3000


def is_job_seeker_post(text: str | None) -> bool:
    """Whether a hiring-thread post (HTML or plain text) is someone looking for work rather than a job."""
    if not isinstance(text, str) or not text.strip():
        return False
    head = text[:_HEAD_CHARS]
    if "<" in head or "&" in head:
        head = html_to_text(head)
    head = head.lstrip()
    if _TAG.match(head):
        return True
    return bool(_TEMPLATE_START.match(head) and _RELOCATE.search(head) and _TECHNOLOGIES.search(head))
