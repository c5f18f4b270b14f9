"""Extractor: counts — numbers of participants of this trial, with their role (RECORDS.md Count).

Abstracts state counts in a handful of shapes, all handled by regexes over `doc.text` (offsets are evidence):
  "46 patients were registered", "A total of 18 patients received at least one dose"   (passive / verb after)
  "We randomly assigned 272 patients", "The trial enrolled 54 participants"               (verb before)
  "Of 212 patients randomized, 208 (...) were treated", "and 15 completed the study"      (noun-less follow-ups)
  "80 patients were treated and analyzed"                                                 (one phrase, two roles)
  "arm A (n = 472)", "(placebo = 18, liraglutide = 54)", "269 to binimetinib and 133 to dacarbazine",
  "9 (3 at each level)", "56 children in the vitamin A group"                             (group sizes)
Only a role word makes a count: numbers of patients *with* an event ("Five patients had DLTs"), screened
patients, centres, cycles and baseline breakdowns never match, which is how precision is kept.
"""

from __future__ import annotations

import re as _re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Optional

import regex
from spacy.tokens import Doc

from ..models import Count
from .numbers import COUNT_NUMBER, COUNT_NUMBER_RE, NUMBER_WORD, finditer_near, match_at, number_starts, parse_int

if TYPE_CHECKING:
    from . import Found

# "type 2 diabetic patients", "grade 3", "phase 2": labels, not counts
# ("Study 2 enrolled only heavy smokers", "groups 1, 2, and 3 entered early escape": labels too)
NUM = (rf"(?<!\b(?:type|grade|stage|phase|group|arm|day|days|week|cycle|level|cohort|step|class|part|visit|year|month|No|number|version)\s)"
       rf"(?<!\b(?-i:Study|Trial)\s)(?<!\b(?:groups|arms|cohorts|studies|trials)\s+(?:\d+\s*,?\s*)+(?:(?:and|or)\s+)?)(?P<num>{COUNT_NUMBER})")
# a number that is not a percent, a decimal, a ratio side or a unit amount
NUM_END = r"(?!\s*(?:%|percent|per\s*cent|/\d|·\d|\.\d|mg|g\b|grams?\b|kg|ml|mL|years?|months?|weeks?|days?|hours?|h\b|min))"
PERSON = (
    r"(?:patients?|subjects?|participants?|individuals?|volunteers?|persons?|people|women|men|children|"
    r"infants|neonates|newborns|adults|adolescents|girls|boys|cases|outpatients|inpatients|smokers|"
    r"mothers|students|recipients|pts|beneficiaries|veterans|athletes|survivors|teenagers|toddlers|pupils|employees|"
    r"workers|nurses|physicians|caregivers|donors)"
)
# words between the number and the noun ("46 consecutive eligible Japanese patients"); never a verb or a clause word
MODS = r"(?:(?!(?:were|was|had|have|of|and|or|with|in|to|who|from|at|per|received)\b)[A-Za-z][\w'\-]*,?\s+){0,4}?"

# "included in the analysis", "included in efficacy analyses", "included in the intent-to-treat population": an
# analysis set (evaluable), not enrolment ("included in the study population" stays enrolled)
INTO_ANALYSIS = (r"\s+in\s+(?:the\s+)?(?:[\w\-]+\s+){0,4}?(?:analys[ie]s|(?:(?:intention|intent)[\s-]to[\s-]treat|ITT|mITT|"
                 r"efficacy|safety|full[\s-]analysis|evaluable)\s+(?:population|set|cohort|sample))")
# Role verbs as written, each a named alternative so the role is read from the group name.
ROLE_VERBS = {
    "enrolled": rf"(?:enrolled|enroled|registered|recruited|entered(?:\s+(?:into|in|onto))?|accrued|"
    rf"participated|took\s+part|included(?!{INTO_ANALYSIS}))",
    "randomized": r"(?:randomi[sz]ed|randomly\s+(?:assigned|allocated|divided|distributed)|(?:assigned|allocated)\s+(?:at\s+)?random(?:ly)?|"
    # bare 'assigned to' is randomization only in a sentence that says so (checked where the role is given)
    r"underwent\s+randomi[sz]ation|(?P<assigned>assigned|allocated)(?=\s+(?:either\s+)?(?:to|into|between)\b))",
    "per_protocol": r"(?:(?:evaluable|assessable|analy[sz]ed|included|eligible)\s+(?:in\s+the\s+)?per[\s-]protocol)",
    "treated": r"(?:treated|dosed|receiv(?:ed|ing)\s+(?:at\s+least\s+(?:one|1)|≥\s?1|one\s+or\s+more|1\s+or\s+more)\s+"
    r"(?:dose|cycle|infusion|injection|administration)s?|received\s+(?:the\s+)?(?:study\s+)?(?:treatment|drug|medication))",
    "evaluable": r"(?:evaluable|assessable|(?:evaluated|assessed)(?!\s+for\s+eligibility)|analy[sz]ed|"
    r"able\s+to\s+be\s+(?:evaluated|assessed|analy[sz]ed)|(?:could|can)\s+be\s+(?:evaluated|assessed|analy[sz]ed)|"
    rf"included{INTO_ANALYSIS})",
    "completed": r"(?:completed)",
    "discontinued": r"(?:withdrew|were\s+withdrawn|dropped\s+out|(?:were\s+|was\s+)?lost\s+to\s+follow[\s-]?up|"
    r"discontinued)",
}
ROLE_ALT = "|".join(rf"(?P<{role}>{pat})" for role, pat in ROLE_VERBS.items())
ROLE = rf"(?:{ROLE_ALT})"
AUX = r"(?:(?:were|was|had\s+been|have\s+been|has\s+been|being|are|be)\s+)"
ADV = r"(?:(?:\w+ly|then|also|subsequently|finally|eventually|successfully|prospectively)\s+)"
# a following role joined to the first ("were treated and analyzed", "enrolled and randomly assigned")
NEXT_ROLE = rf"(?:\s*,?\s*(?:and|or)\s+{AUX}?{ADV}?(?P<next>{'|'.join(ROLE_VERBS.values())}))?"
# a short qualifier between the noun and the verb ("patients with advanced RCC were enrolled")
QUAL = r"(?:\s*\([^()]{0,100}\))?(?:\s+(?:with|without|from|in|at|who|aged|having|treated|undergoing|achieving|on|scheduled|requiring|referred|admitted|presenting|suffering|diagnosed)\b[^.;:(),]{0,80}?)?(?:\s*\([^()]{0,100}\))?"
PAREN = r"(?:\s*\((?P<paren>[^()]{0,120})\))?"

_F = regex.IGNORECASE | regex.VERSION1

# "46 patients were registered", "54 participants enrolled", "A total of 206 patients were included"
# without an auxiliary only verbs that cannot be a reduced relative ("43 subjects ... treated with X were randomised")
NO_AUX = r"(?=enrol|entered|participated|took|completed|withdrew|dropped|discontinued|underwent|receiv|accrued|registered|recruited)"
# arm sizes may follow the verb in a parenthesis: "were treated (239 PLD and 235 topotecan)"
PAREN_AFTER = r"(?:\s*\((?P<paren>[^()]{0,120})\))?"
PAREN_AFTER2 = PAREN_AFTER.replace("<paren>", "<paren2>")
# the share a role count is of its population ('121 (90%) patients in each group were included in the analysis');
# not before a sex noun: '124 (75%) women ... were randomized' is a breakdown of the population, not its count
SHARE = r"\s*\(\d{1,3}(?:\.\d+)?\s?%\)(?!\s+(?:\w+\s+)?(?:women|men|males?|females?|girls|boys)\b)"
# "252 of the 331 patients were evaluable": the verb's subject is the part, never the whole after "of"
NOT_A_WHOLE = rf"(?<!(?:\d|\b{NUMBER_WORD})(?:\s*[\[(][^()\[\]]{{0,20}}[\])])?\s+(?:of|out\s+of)\s+(?:the\s+|all\s+|these\s+)?)"
PASSIVE_RE = regex.compile(rf"(?<![\w.,]){NOT_A_WHOLE}(?<!\b(?:including|includes|comprising)\s+)(?:a\s+total\s+of\s+)?{NUM}{NUM_END}(?:\s*\((?:of|out\s+of)\s+\d[^()]{{0,20}}\)|{SHARE})?\s+{MODS}{PERSON}\b{QUAL}(?:,(?!\s*respectively)[^.;,\d()]{{1,100}},)?,?\s+(?:{AUX}{ADV}?|{ADV}?{NO_AUX}){ROLE}\b{NEXT_ROLE}{PAREN_AFTER}", _F)
# a long description between the noun and its verb: "701 patients, aged 19-78 years, with mild hyperglycemia (mean A1C
# 8.0%) receiving metformin (>or=1,500 mg/day) were randomized"; the gap is checked in code (no verb, no other count)
LONG_PASSIVE_RE = regex.compile(
    rf"(?<![\w.,]){NOT_A_WHOLE}(?:a\s+total\s+of\s+)?{NUM}{NUM_END}\s+{MODS}{PERSON}\b"
    rf"(?P<gap>(?:[^.;:()]|\.\d|\([^()]{{0,120}}\)){{1,240}}?)\s+(?:{AUX}{ADV}?|{ADV}?{NO_AUX}){ROLE}\b{NEXT_ROLE}{PAREN_AFTER}", _F)
_GAP_VERB_RE = regex.compile(
    rf"\b(?:were|was|had|have|has|are|is|did|do|does|developed|showed|died|experienced|achieved|underwent|received|"
    rf"respectively|whom|which|while|whereas|but)\b|\b(?:and|or)\s+(?:\d|{NUMBER_WORD}\b)|(?<![\w.,])\d+\s+(?:with|had|were)\b", _F)
# the noun's clause ended before the verb: another subject, a percent, a coordinated verb phrase, a relative pronoun
_GAP_BAD_RE = regex.compile(
    r",\s*(?:\w+\s+)?\d+(?:[.·]\d+)?\s*%|,\s*and\s|\band\s+(?:the|their|all|none|most|only|then)\b|\b(?:and|who|that|which)\s*$|"
    r"\b(?:agreed|declined|refused|accepted)\b", _F)
_PARTICIPLE_RE = regex.compile(r"enrol|regist|recruit|includ|randomi|treated|assigned|allocated|evaluated|assessed|analy", _F)
_INTO_ARM_RE = regex.compile(r"\s+(?:in|to|into)\s+(?:the\s+)?(?P<name>[\w\-+/ ]{0,40}?\b(?:group|arm))\b", _F)
_SHARE_NO_AUX_RE = regex.compile(r"\s*\(\d{1,3}(?:\.\d+)?\s?%\)")
_AUX_IN_RE = regex.compile(rf"\s+{AUX}", _F)
# without an auxiliary ("Ten participants viewed images and completed") the gap must open as a qualifier does
_GAP_QUALIFIER_START_RE = regex.compile(
    r"\s*(?:,|\(|with\b|without\b|aged?\b|from\b|in\b|of\b|at\b|on\b|undergoing\b|receiving\b|treated\b|diagnosed\b|"
    r"suffering\b|scheduled\b|requiring\b|who\b|between\b|over\b|under\b|older\b|younger\b|\d)", _F)
_GAP_COMMA_COUNT_RE = regex.compile(rf"[,;]\s*(?:\d+|{NUMBER_WORD})\s+(?!years?|yrs?|months?|weeks?|days?|kg|cm|mg)[a-z]", _F)
# stems of the role verbs, found in the lower-cased text by plain substring search (a cheap over-approximation of ROLE)
_ROLE_STEMS = ("divided", "enrol", "regist", "recruit", "entered", "accrued", "particip", "took part", "includ", "randomi", "randomly",
               "assigned", "allocated", "evaluab", "assessab", "evaluated", "assessed", "analy", "treated", "dosed",
               "receiv", "complet", "withdr", "dropped", "lost to", "discontinu", "underwent")
_AGE_BETWEEN_RE = regex.compile(r"\bbetween\s+\d+(?:\.\d+)?\s+and\s+\d+(?:\.\d+)?(?=\s+(?:years?|months?|weeks?|days?)\b)|"
                             r"(?<=,\s*)\d+(?:\.\d+)?\s*(?:to|-|–)\s*\d+(?:\.\d+)?(?=\s+(?:years?|months?)\s+(?:of\s+age|old)\s*,)", _F)
_GAP_ROLE_RE = regex.compile(rf"\b(?:{ROLE_ALT})\b", _F)
_GAP_ENDS_WITH_COUNT_RE = regex.compile(rf"(?:\d+|{NUMBER_WORD})\s*$", _F)
_GAP_PERSON_COUNT_RE = regex.compile(rf"(?<![\w.,])(?:\d+|{NUMBER_WORD})\s+(?:\w+\s+){{0,2}}?{PERSON}\b", _F)
# two counts sharing one verb: "Thirty patients without prior chemotherapy and 16 pretreated with X were assessable",
# "Twenty-three younger and 23 older adults were randomly assigned": each is a subgroup's size
_SEX_RE = regex.compile(r"(?:(?:\w+\s+)?(?:males?|females?|men|women|boys|girls))", _F)
COORD_RE = regex.compile(
    rf"(?<![\w.,])(?<!\b(?:including|includes|comprising|whom|with|among|of)\s+){NUM}{NUM_END}(?![\s\-]+(?:and\s+)?{NUMBER_WORD}\b)\s+(?P<q1>(?:(?!and\b)[^.;:(),\d]|\([^()]{{0,60}}\)){{1,90}}?)\s+and\s+"
    rf"(?P<num2>{COUNT_NUMBER})(?!\s*(?:%|/|\.\d|mg|g\b|kg|ml|years?|months?|weeks?|days?))\s+"
    rf"(?P<q2>(?:[^.;:(),\d]|\([^()]{{0,60}}\)){{1,90}}?)\s*,?\s+{AUX}{ADV}?{ROLE}\b", _F)
# two arms' n/N sharing one noun and verb: "25/26 fast track and 21/26 standard best practice patients completed the
# trial", "26/27 abatacept- and 23/23 placebo-randomised patients completed Month 4 and entered the OLE": each n takes
# the verb's role(s), each N is its arm's size
COORD_FRACTION_RE = regex.compile(
    rf"(?<![\w.,/])(?P<n1>\d{{1,5}})\s*/\s*(?P<d1>\d{{1,5}})\s+(?P<a1>[^.;,/()\d]{{1,40}}?)\s+and\s+(?P<n2>\d{{1,5}})\s*/\s*(?P<d2>\d{{1,5}})\s+"
    rf"(?P<a2>[^.;,/()\d]{{1,40}}?)\s+{PERSON}\s+(?:{AUX}{ADV}?|{ADV}?(?=completed|withdrew|dropped|discontinued|entered|participated)){ROLE}\b"
    rf"(?:\s+(?:the\s+)?[\w\-]+(?:\s+\d+)?)?{NEXT_ROLE}", _F)
# randomization as the second verb of the count's clause: "Sixty patients were stratified by IHF and NIHF and randomized
# to ...", "A total of 1360 patients were found to be vitamin D-deficient during screening and underwent randomization"
COORD_VP_RE = regex.compile(
    rf"(?<![\w.,]){NOT_A_WHOLE}(?:a\s+total\s+of\s+)?{NUM}{NUM_END}\s+{MODS}{PERSON}\s+(?:were|was)\s+(?P<vp>[^.;:,()\d]{{3,100}}?)"
    rf"\s+and\s+(?:were\s+)?(?:subsequently\s+|then\s+|later\s+)?(?:randomi[sz]ed|underwent\s+randomi[sz]ation|randomly\s+(?:assigned|allocated))\b", _F)
_VP_CLAUSE_RE = regex.compile(r"\b(?:who|which|that|whom|whose)\b|\b(?:and|or)\s+\w+ed\b", _F)
# arms named by what they received, sharing one verb: "38 patients who received 200 mg, 39 who received 400 mg, and 33
# who received 1400 mg were assessable", "1,242 women who received ospemifene and 924 women who received placebo were
# evaluable": each is an arm's count (its role settled per arm, as for other per-arm counts)
_WHO_GOT = r"who\s+(?:received|were\s+given|were\s+treated\s+with)\s+"
_WHO_ITEM_RE = regex.compile(
    rf"(?<![\w.,]){NUM}{NUM_END}\s+(?:{MODS}{PERSON}\s+)?{_WHO_GOT}(?P<name>[^,;.()]{{1,50}}?)(?=\s*,|\s+and\s|\s+(?:{AUX}{ADV}?)?{ROLE}\b)", _F)
WHO_LIST_RE = regex.compile(
    rf"(?<![\w.,]){NUM}{NUM_END}\s+(?:{MODS}{PERSON}\s+)?{_WHO_GOT}[^,;.()]{{1,50}}?"
    rf"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?(?:\d[\d,]*|{NUMBER_WORD}(?:[\s\-]+{NUMBER_WORD})*)\s+(?:{MODS}{PERSON}\s+)?"
    rf"{_WHO_GOT}[^,;.()]{{1,50}}?){{1,5}}\s+(?P<verb>(?:{AUX}{ADV}?)?{ROLE})\b", _F)
# "we randomly assigned 272 patients", "the trial enrolled a total of 54 participants"
ACTIVE_RE = regex.compile(
    rf"(?<=\b(?:(?P<enrolled>enrolled|enroled|enrolling|recruited|recruiting|registered|included|including|accrued|involved|involving|studied)|"
    rf"(?P<randomized>randomi[sz]ed|randomly\s+(?:assigned|allocated)|(?P<assigned>assigned|allocated))|(?P<treated>treated))\s+(?:a\s+total\s+of\s+|(?:about|approximately)\s+)?)"
    rf"{NUM}{NUM_END}(?:\s+{MODS}{PERSON}\b{PAREN}|(?=\s*\(\s*\d+\s+(?:in|to|on)\s))",
    _F,
)
# "In the 46 patients evaluated", "Of 212 patients randomized", "Among 30 patients treated"
PREP_RE = regex.compile(rf"(?<=\b(?:(?:of|among|for)\s+(?:the\s+|all\s+|these\s+)?|in\s+(?:the|all|these)\s+|(?:^|[.;:]\s+)In\s+)){NUM}{NUM_END}\s+{MODS}{PERSON}\s+{ADV}?{ROLE}\b{NEXT_ROLE}", _F)
# "252 of the 331 patients were evaluable", "A total of 214 of 1028 patients were included", "487/562 (88%) participants
# completed the endpoint assessment": the part takes the verb
PART_OF_RE = regex.compile(
    rf"(?<![\w.,])(?:a\s+total\s+of\s+)?{NUM}(?:{NUM_END}(?:\s*[\[(]\d[^()\[\]]{{0,20}}[\])])?\s+(?:of|out\s+of)\s+(?:the\s+|all\s+|these\s+)?"
    rf"\d[\d,]*|\s*/\s*\d[\d,]*(?:\s*\(\d{{1,3}}(?:\.\d+)?\s?%\))?)\s+{MODS}{PERSON}\b(?:\s*\(\d{{1,3}}(?:\.\d+)?\s?%\))?,?\s+"
    # without an auxiliary only verbs that cannot modify the whole ("24 (11%) of 212 patients enrolled had ...")
    rf"(?:{AUX}{ADV}?|{ADV}?(?=completed|withdrew|dropped|discontinued|participated|took)){ROLE}\b{NEXT_ROLE}{PAREN_AFTER}", _F)
# "9 evaluable patients", "37 assessable patients"
ADJ_RE = regex.compile(rf"(?<![\w.,]){NUM}{NUM_END}\s+(?:(?:(?!of\b|and\b|or\b)[A-Za-z]\w*\s+){{0,2}}?)(?:(?P<evaluable>evaluable|assessable)|(?P<randomized>randomi[sz]ed)|(?P<enrolled>enrolled|registered|recruited)|(?P<treated>treated))\s+{MODS}{PERSON}\b", _F)
# noun-less follow-up in the same sentence: ", 208 (arm A, 75; ...) were treated", "and 15 completed", "with 9 (...) able to be evaluated"
FOLLOW_RE = regex.compile(
    rf"(?<=[,;]\s*|\b(?:and|with|whom|these|them|while|but|which)\s+){NUM}{NUM_END}{PAREN}\s+(?:{PERSON}\s+)?{AUX}?{ADV}?{ROLE}\b{NEXT_ROLE}{PAREN_AFTER2}",
    _F,
)
# per-protocol: "in 37 patients, classified as per protocol set", "150 patients in the per-protocol population"
PP_RE = regex.compile(
    rf"(?<![\w.,]){NUM}{NUM_END}\s+{MODS}{PERSON}\b[^.;]{{0,30}}?\b(?:classified|defined|included|analy[sz]ed|evaluable)?\s*"
    rf"(?:as|in)\s+(?:the\s+|a\s+)?per[\s-]protocol\b"
    rf"|(?<=per[\s-]protocol\s+(?:population|set|analysis|group|cohort)\s*[(\[,:]?\s*\(?(?:n\s*=\s*)?){NUM}{NUM_END}(?:\s+{PERSON})?",
    _F,
)
# "(3 at each level)", "three patients per cohort", "3 to 6 patients" excluded by NUM_END? no: range start is fine to skip
EACH_RE = regex.compile(
    rf"(?<![\w.,\-]){NUM}{NUM_END}\s+(?:{MODS}{PERSON}\s+)?(?:were\s+)?(?:treated\s+|enrolled\s+)?(?:at|in|per|for)\s+"
    rf"(?P<name>each\s+(?:dose[\s-])?(?:level|cohort|arm|group|dose|stratum))\b",
    _F,
)
# "randomly divided into 3 groups of 35 each", "two groups of 30 patients": each group's size; "four groups of
# 12 teeth" counts teeth, and "two groups of experimental and control" names them
GROUPS_OF_RE = regex.compile(
    rf"(?<=\b(?:into|in|to)\s+(?:two|three|four|five|six|[2-9])\s+(?:equal\s+|equally\s+sized\s+)?(?:groups|arms|cohorts)\s+"
    rf"(?:of|with|containing|comprising)\s+){NUM}{NUM_END}(?:\s+{PERSON})?(?:\s+(?:each|in\s+each|per\s+group))?(?=\s*[,.;:)]|\s+(?:and|who|with|to|for)\b)",
    _F,
)
# "were divided in 2 groups: 43 patients with ... (group I) and 35 pt. with ...", "Three cohorts: 32 HIV-infected
# children; 154 ...; and 187 ...": a stated number of groups, then exactly that many items, each opening with its size
# (a division verb or the sentence's start: "similar in the 2 groups: 8 eyes (15%) ..." reports an outcome)
GROUPS_COLON_RE = regex.compile(
    r"(?:\b(?:divided|randomi[sz]ed|allocated|assigned|distributed|split|separated|stratified|enrolled|included|grouped|"
    r"categori[sz]ed|classified)\s+(?:\w+\s+){0,3}?(?:into|in|to|among|between)\s+(?:one\s+of\s+)?(?:the\s+)?|(?:^|(?<=[.:]\s))(?-i:(?=[A-Z2-6])))"
    r"(?P<k>two|three|four|five|six|[2-6])\s+(?:\w+\s+)?(?:groups|cohorts|arms)\s*:\s*(?=\d|(?:two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|[a-z]+ty|[a-z]+teen)\b)", _F)
_GROUP_ITEM = rf"(?P<num>{COUNT_NUMBER}){NUM_END}(?!\s*(?:[/×x.·]\s*\d|to\s+\d|or\s+\d))\s+(?=[A-Za-z(])"
_GROUP_ITEM_FIRST_RE = regex.compile(_GROUP_ITEM, _F)
_GROUP_ITEM_START_RE = regex.compile(rf"(?:[;,]\s*(?:and\s+)?|\s+and\s+){_GROUP_ITEM}", _F)
_SENTENCE_END_RE = regex.compile(r"\.(?:\s+(?=[A-Z])|$)")
# "202 participants were allocated to the intervention group": the name is what follows the noun and the verb
_ITEM_LEAD_RE = regex.compile(
    rf"^(?:{PERSON}\s+|pts?\.?\s+)?(?:(?:were\s+)?(?:randomly\s+)?(?:allocated|assigned|randomi[sz]ed)\s+)?(?:to\s+)?(?:receive\s+)?", _F)
_ITEM_NAME_CUT_RE = regex.compile(r"\s*\(|\s+(?:who|which|that)\b")
_K_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
NAME = r"(?P<name>[A-Za-z0-9][\w\-+/'.]*(?:\s+(?!(?:and|or|versus|vs|with|n)\b)[\w\-+/'.]+){0,6}?)"
# "of 872 patients in the enzalutamide group", "4% in 56 children in the vitamin A group", "49 children allocated
# to vitamin A;": an arm's size. "occurred in five participants in the X group" counts an event, so the number
# must be a denominator ("of N", "% in N") or the arm must be one of a list ("; 47 children allocated to ...").
IN_GROUP_RE = regex.compile(
    rf"(?:(?<=\bof\s+)|(?<=%\s*[)\]]?\s*(?:in|for|among)\s+)|(?<=(?:^|[.;]\s+|\bvs\.?\s+|\bversus\s+)))"
    rf"{NUM}{NUM_END}\s+{MODS}{PERSON}\s+(?:(?:(?:were\s+)?(?:in|on|within)\s+(?:the\s+|each\s+)?"
    rf"(?P<name>(?:[\w\-+/'.\u2010]+\s+){{0,4}}?(?:group|arm|cohort))\b)"
    rf"|(?:were\s+)?(?:allocated|assigned|randomi[sz]ed)\s+to\s+(?:receive\s+)?(?:the\s+)?{NAME}(?=\s*(?:;|,\s*(?:and\s+)?\d)|\s+and\s+\d+\s+(?:{PERSON}\s+)?(?:were\s+)?(?:allocated\s+|assigned\s+)?to\b))",
    _F,
)
# "arm A (n = 472)", "placebo group [n=18]", "nivolumab (n = 272)", "group A, n = 20"
N_EQ_RE = regex.compile(
    rf"(?<![\d,.])(?P<name>[A-Za-z0-9\u2010][\w\-+/'.]*(?:\s+[\w\-+/'.]+){{0,4}}?)\s*(?:\(|\[|,|(?<=\w)\s)\s*(?:n|N)\s*=\s*{NUM}{NUM_END}(?=\s*[)\],;])"
)
# inside the parenthesis after a count: "(placebo = 18, liraglutide = 54)", "(arm A, 75; arm B, 54; arm C, 79)"
PAIR_RE = regex.compile(rf"(?:^|[,;]\s*)(?P<name>[A-Za-z][\w\-+/' ]{{0,40}}?)\s*(?:=|:|,)\s*{NUM}{NUM_END}\s*(?=$|[,;])", _F)
# arm sizes inside a parenthesis written number first: "(239 PLD and 235 topotecan)", "(68 received A and 73 B)";
# sex and other baseline splits are not arms
PAIR_NUM_FIRST_RE = regex.compile(
    rf"(?:^|[,;]\s*(?:and\s+)?|\s+(?:and|vs\.?|versus)\s+){NUM}{NUM_END}\s+(?:{PERSON}\s+)?(?:(?:received|were\s+given|in\s+the|on|to)\s+)?"
    rf"(?!(?:males?|females?|men|women|boys|girls|patients|had|have|were|was|with|without|in|of|at)\b|\d)"
    rf"(?P<name>[A-Za-z][\w\-+/']*(?:\s+(?!and\b|vs\b|versus\b)[\w\-+/'–]+){{0,4}}?)\s*(?=$|[,;]|\s+(?:and|vs\.?|versus)\s)",
    _F,
)
# "269 to binimetinib and 133 to dacarbazine" after a randomization verb
TO_ARM_RE = regex.compile(
    rf"(?<=[,;(]\s*|(?<!\d)\s*:\s*|\b(?:and|with)\s+){NUM}{NUM_END}\s+(?:{PERSON}\s+)?(?:were\s+)?"
    rf"(?:(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+(?:(?:to|into)\s+)?|(?:to|into)\s+)(?:receive\s+)?(?:the\s+)?{NAME}(?=\s*(?:[,;.)]|\s(?:and|or|versus|vs)\b))",
    _F,
)

# --- study populations and analysis sets written without a role verb on the count ---
# "a study conducted on 105 adult patients", "This crossover study evaluated X in 20 healthy subjects",
# "study of 123 children receiving busulfan", "Participants were 36 HIV-infected patients": the trial's population
# (settled rule: a study done in N patients is enrolled; treated only with a verb of receiving).
STUDY_RE = regex.compile(
    rf"(?<=\b(?:study|trial|investigation)\s+(?:"
    rf"(?:[^.;,]{{0,100}}?\s)?(?:was|were|is|has\s+been)\s+(?:\w+\s+)?(?:performed|conducted|done|undertaken|carried\s+out)\s+(?:in|on|among|with)"
    rf"|(?:evaluated|assessed|investigated|examined|compared|tested|studied|explored|determined)\s+[^.;,]{{0,100}}?\s(?:in|on|among)"
    rf"|(?:of|in|on|among|involved|involving|enrolled|enrolling|included|including|comprised|comprising)"
    rf")\s+(?:a\s+total\s+of\s+|all\s+)?|\b(?:[Pp]articipants|[Ss]ubjects|[Pp]atients)\s+(?:were|included)\s+|"
    rf"\b(?:sample|population)\s+(?:consisted\s+of|comprised|included)\s+)"
    rf"{NUM}{NUM_END}\s+{MODS}{PERSON}\b(?P<receiving>(?:\s*\([^()]{{0,60}}\))?\s+(?:receiving|who\s+received|given|treated\s+with)\b)?",
    _F,
)
# "a crossover study was conducted to examine ... in 16 overweight adults", "a study was conducted that compared ... in 46
# healthy adults": the study population (enrolled); tried only where such a purpose clause is written
STUDY_TO_RE = regex.compile(
    rf"(?<=\b(?:study|trial|investigation)\s+(?:was|were)\s+(?:\w+\s+)?(?:performed|conducted|done|undertaken|carried\s+out)\s+(?:that|to)\s+"
    rf"(?:compared?|evaluated?|assess(?:ed)?|investigated?|examined?|tested?|determined?|studied|study)\s+[^.;]{{0,160}}?\s(?:in|on|among)\s+)"
    rf"{NUM}{NUM_END}\s+{MODS}{PERSON}\b", _F)
_STUDY_TO_QUICK_RE = _re.compile(r"(?:performed|conducted|done|undertaken|carried out) (?:that|to) ")
# a design sentence naming the trial's population with no enrolment verb: "We have compared, in 60 adult patients, ...",
# "We evaluated 143 patients who received ...", "We studied the effects ... of 3,935 children", "CRP levels were measured
# ... in 2,322 patients", "Our study group consisted of 74 ...": the study population (settled rule: enrolled; treated only
# with a receiving clause). Read only when no other rule gave an enrolled, randomized or treated count (a later 'assessed in 65
# patients' is a subset), and never a share, a part of a whole or an arm ('in 49 children in the PEG-only group').
_DESIGN_VERB = r"(?:compared|evaluated|studied|analy[sz]ed|reviewed|investigated|examined|assessed|measured)"
DESIGN_RE = regex.compile(
    rf"(?<=(?:\b(?-i:[Ww]e)\s+(?:have\s+|had\s+)?(?:\w+ly\s+)?{_DESIGN_VERB}|\b(?:was|were)\s+(?:\w+ly\s+)?{_DESIGN_VERB})"
    rf"(?:\s+|(?P<gap>,?(?:\s+[^.;]{{0,150}}?)?)\s(?:in|of|among)\s+)(?:a\s+total\s+of\s+|all\s+|the\s+)?"
    rf"|\b(?-i:[Oo]ur|[Tt]he)\s+study\s+(?:group|sample|population)\s+(?:consisted\s+of|comprised|was\s+composed\s+of)\s+)"
    rf"(?<!\b(?:group|between)\s+(?:of\s+)?){NUM}{NUM_END}(?!\s*(?:\([^()]*%\s*\)|(?:of|out\s+of)\s+\d))\s+{MODS}{PERSON}\b(?!-)"
    rf"(?!\s+(?:in|of|on)\s+(?:the\s+|each\s+)?[^.;,]{{0,40}}?\b(?:group|arm|cohort)s?\b)"
    rf"(?P<receiving>(?:\s*\([^()]{{0,60}}\))?\s+(?:who\s+(?:had\s+)?received|receiving|treated\s+with)\b)?", _F)
# "compared to previously reported rates in 1031 patients": a historical series, not this trial's population
# "... after treatment in 163 patients", "for first-line treatment in 668 women": TREATMENT_IN_RE decides those
_DESIGN_NOT_OURS_RE = regex.compile(r"\b(?:previously|historical|reported|published|literature)\b|\b(?:treatment|therapy)$", _F)
_LEFT_STUDY_RE = regex.compile(r"\b(?:withdr\w*|discontinu\w*|drop[\s-]?outs?|dropped\s+out|removed|excluded|exclusion)\s+"
                               r"(?:\w+\s+)?from\s+(?:the\s+)?(?:study|trial)\s+(?:in|of|among)\s+$", _F)
_DESIGN_QUICK_RE = _re.compile(r"(?:compared|evaluated|studied|analy[sz]ed|reviewed|investigated|examined|assessed|measured|"
                               r"study (?:group|sample|population))[ ,]")
# a total's arms in the parenthesis right after it, adding up to it: "41 severely burned patients (20 placebo and 21
# intervention)", "526 patients were randomised (n=264, ABP 501; n=262 adalimumab)", "1607 participants (796 allocated to
# TAV and 811 allocated to MAV)": one group count per item, whatever the total's own verb. Items must fill the parenthesis
# and sum to the total; sex, ethnicity, origin and trait splits ('97 men, 87 women', '27 with cirrhosis, 23 without',
# '1527 patients from Bangladesh; 945 patients from Pakistan') are not arms.
TOTAL_PAREN_RE = regex.compile(
    rf"(?<![\w.,]){NUM}{NUM_END}\s+{MODS}{PERSON}\b(?:\s+(?:were|was)\s+(?:\w+ly\s+)?[a-z]+ed)?\s*\((?P<paren>[^()]{{3,160}})\)"
    # "136 women (74 placebo, 62 tamoxifen) developed breast cancer": the arms' numbers of events, not their sizes
    rf"(?!\s*,?\s*(?:(?:had|have)\s+(?!been\b|an?\s+(?:mean|median|average)\b|(?:a\s+)?(?:mean|median)\b)|developed|died|experienced|showed|suffered|achieved|reported|responded|relapsed))", _F)
_BREAKDOWN_ITEM_RE = regex.compile(
    rf"(?:^|\s*;\s*|\s*,\s*(?:and\s+)?|\s+(?:and|vs\.?|versus)\s+)(?:[nN]\s*=\s*)?(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d.]|\s*%)\s*,?\s*(?:{PERSON}\s+)?"
    rf"(?:(?:were\s+)?(?:randomly\s+)?(?:allocated|assigned|randomi[sz]ed)\s+(?:to\s+)?|in\s+the\s+|to\s+|on\s+|received\s+)?"
    rf"(?!(?:{PERSON}\s+)?(?:with|without|aged|who|had|have|were|was|of|in|at|from)\b)(?P<name>[A-Za-z][^,;()=]{{0,40}}?)"
    rf"(?=\s*$|\s*;|\s*,\s*(?:and\s+)?(?:[nN]\s*=\s*)?\d|\s+(?:and|vs\.?|versus)\s+(?:[nN]\s*=\s*)?\d)", _F)
_NOT_AN_ARM_RE = regex.compile(
    r"^(?:males?|females?|men|women|boys|girls|m|f|white|black|caucasians?|asians?|chinese|malay(?:sian)?s?|indians?|"
    r"hispanics?|africans?|blacks|whites|cases|controls)\b", _F)
# "120 patients undergoing laparotomy were evenly divided into three groups", "Sixty patients with minor aphthae were
# selected and randomly divided into four groups": the population split into the trial's arms, randomized in a randomized
# trial (a randomisation cue in the abstract), else enrolled; a split by a trait ('according to', 'based on') is enrolled
DIVIDED_RE = regex.compile(
    rf"(?<![\w.,]){NOT_A_WHOLE}(?:a\s+total\s+of\s+)?{NUM}{NUM_END}\s+{MODS}{PERSON}\b(?P<gap>(?:[^.;:()]|\([^()]{{0,60}}\)){{0,150}}?)"
    rf"\s+(?:were|was)\s+(?:(?:selected|recruited|enrolled|included)\s+and\s+)?(?:(?:randomly|evenly|equally|then|subsequently)\s+)*"
    rf"divided\s+(?:in|into)\s+(?:two|three|four|five|six|[2-6])\s+(?:\w+\s+)?(?:groups|arms|cohorts)\b(?P<by>\s+(?:according\s+to|based\s+on|on\s+the\s+basis\s+of|by)\b)?", _F)
# a named arm's size written as its make-up: "the other group included 18 participants", "The control group consisted of 39
# patients who received only ...", "Each group comprised 28 patients"; not the whole ("the study group"), nor a size
# broken down further ('The NiTi group comprised 26 women, 10 men'), nor plural groups without 'each'
GROUP_CONSISTED_RE = regex.compile(
    rf"(?<=(?<![\w\-+/])(?P<name>(?:(?!(?:the|a|an|this|that|these|in|of|and|or|while|whereas|our|study|whole|entire|total|all)\b)[\w\-+/]+\s+){{0,3}}(?:group|arm|cohort)(?P<plural>s)?)\s*,?\s+(?:consisted\s+of|comprised|included|was\s+composed\s+of|contained)\s+)"
    rf"{NUM}{NUM_END}\s+{MODS}{PERSON}\b(?!\s*,\s*\d|\s+and\s+\d|\s*\(\s*\d+\s+(?:men|women|males?|females?|boys|girls)\b)(?P<each>\s+each\b)?", _F)
_AND_COUNT_RE = regex.compile(rf"\band\s+(?:\d|{NUMBER_WORD}\b)", _F)
_GROUP_NAME_WHOLE_RE = regex.compile(r"^(?:(?:the|this|our|study|whole|entire|total)\s+)*(?:group|cohort)$", _F)
# a demographic parenthesis between the number and its noun: "Fifty-nine young (mean age = 21.7), healthy volunteers
# participated"; the parenthesis must describe the people (age, sex, BMI), not count them
DEMO_PAREN_RE = regex.compile(
    rf"(?<![\w.,]){NOT_A_WHOLE}(?:a\s+total\s+of\s+)?{NUM}{NUM_END}\s+(?:[A-Za-z][\w\-]*\s+){{0,2}}?\((?P<demo>[^()]{{1,100}})\)\s*,?\s+"
    rf"{MODS}{PERSON}\b{QUAL},?\s+(?:{AUX}{ADV}?|{ADV}?{NO_AUX}){ROLE}\b", _F)
_DEMO_WORD_RE = regex.compile(r"\b(?:age|aged|years?|yrs?|y|BMI|body\s+mass|mean|median|±)\b|±", _F)
# "open-label gemfibrozil-lovastatin treatment in 80 patients with ...", "VTD as consolidation therapy in 24 patients.":
# the treated population named by its treatment; not the timing or effect of a treatment ("after treatment in",
# "response to X treatment in", "commencement of therapy in") nor a share of patients ("treatment in 98 patients (9.9%)")
TREATMENT_IN_RE = regex.compile(
    rf"(?<=(?<!\b(?:of|after|before|during|to|for|following|line|prior|previous)\s+)(?<!\b(?:of|to|after|for)\s+[\w\-]+\s+)"
    rf"\b(?:treatment|therapy)\s+in\s+){NUM}{NUM_END}\s+{MODS}{PERSON}\b(?=\s+with\b|\s*[.;]|\s*,\s)",
    _F,
)
# "the final analysis comprising 101 patients", "80 patients in the efficacy population", "the ITT population of 300"
ANALYSIS_SET_RE = regex.compile(
    rf"(?<=\b(?:(?:analysis|analyses|population|set)\s+(?:comprising|comprised|consisting\s+of|consisted\s+of|including|included)|"
    rf"(?:population|set)\s+of|(?:efficacy|safety|primary|final|per[\s-]protocol|intention[\s-]to[\s-]treat|ITT)\s+analysis\s+of)\s+)"
    rf"{NUM}{NUM_END}(?:\s+{MODS}{PERSON}\b)?{PAREN}"
    # "analysis was carried out in 223 infants", "Pharmacokinetic analyses in 21 patients": the analysed set; a
    # retrospective or prospective analysis is the study itself (read as a study population)
    rf"|(?<=(?<!\b(?:retrospective|prospective)\s)\banaly(?:sis|ses)\s+(?:(?:was|were)\s+(?:performed|conducted|done|carried\s+out)\s+)?(?:in|on)\s+(?:the\s+)?)"
    rf"{NUM}{NUM_END}\s+{MODS}{PERSON}\b(?!\s+in\s+(?:the\s+)?[\w\-+ ]{{0,30}}?\b(?:group|arm)\b){PAREN}"
    rf"|(?<![\w.,]){NUM}{NUM_END}\s+{MODS}{PERSON}\s+in\s+the\s+(?:[\w\-]+\s+){{0,3}}?"
    rf"(?:efficacy|safety|intention[\s-]to[\s-]treat|ITT|mITT|full[\s-]analysis|evaluable|analy[sz]ed)\s+(?:population|set|analysis|cohort)\b",
    _F,
)
# "leading to treatment discontinuation in three patients", "withdrawal from the study in 4 patients"
DISCONTINUED_RE = regex.compile(
    rf"(?<=\b(?:discontinu(?:ation|ed)|withdrawal|withdrawn|drop[\s-]?outs?)\s+(?:(?:of|from)\s+(?:\w+\s+){{0,3}}?)?(?:in|for|by)\s+)"
    rf"{NUM}{NUM_END}\s+{MODS}{PERSON}\b",
    _F,
)
# --- arm sizes written as denominators (settled rule: a denominator inside n/N that is an arm size is a group count) ---
# "9 of 47 patients (19%) who received docetaxel plus thalidomide", "six of 106 (6%) patients in the ganitumab group",
# "39 of 181 patients (21.5%) in the placebo group"
# a denominator: digits or number words ("one out of nine")
DEN = rf"(?:\d{{1,6}}(?![\d.,]\d)|\b{NUMBER_WORD}(?:[\s\-]+{NUMBER_WORD})*\b)"
DENOM_RE = regex.compile(
    rf"(?:(?<![\w.,/]){NUM}(?:\s*\[[^\[\]]{{0,40}}\]|\s*\(\s*\d[^()]{{0,30}}\))?\s*(?:/|\bof\b|\bout\s+of\b)\s*(?:the\s+)?|(?<=\b[Nn]one\s+of\s+(?:the\s+)?))(?P<den>{DEN})\s*(?:\([^()]{{0,40}}\)\s*)?"
    # "x% (126/311) in arm A": the parenthesis that holds n/N closes before the arm
    rf"(?:(?<=\(\s*(?:n\s*=\s*)?\d{{1,6}}\s*(?:/|of|out\s+of)\s*\d{{1,6}})\)\s*)?"
    rf"(?:{MODS}{PERSON}\b\s*(?:\([^()]{{0,40}}\)\s*)?)?"
    rf"(?:(?:in|on|of|from|among)\s+the\s+(?P<name>(?:[\w\-+/'.\u2010]+\s+){{0,4}}?(?:group|arm|cohort))\b"
    # the arm named without an article: "(8/27) in group A", "(126/311) in arm A", "79/108 (73.1%) in thiabendazole arm"
    rf"|(?:in|of)\s+(?P<name>(?:group|arm|cohort)\s+(?-i:[A-Z]|[IVX]{{1,4}}|\d{{1,2}})\b|(?-i:[A-Za-z][\w\-+]*)\s+(?:group|arm)\b)"
    rf"|(?:who\s+(?:were\s+|had\s+been\s+)?)?(?:receiv(?:ed|ing)|treated\s+with|given|allocated\s+to|assigned\s+to|randomi[sz]ed\s+to)\s+"
    rf"(?P<name>[^,;.()]{{1,60}}?)(?=\s+(?:developed|had|have|were|was|achieved|experienced|showed|reported|compared)\b|\s*[,;.(])"
    # a dose level: "six of nine patients at 200 mg/m2/d", "two of six patients treated at dose level 3"
    rf"|(?:(?:treated|enrolled)\s+)?at\s+(?:the\s+)?(?P<name>\d[\d.,]*\s*(?:mg|µg|mcg|g|IU|MIU|U|Gy)\b[\w/]*(?:\s+dose\s+level)?|"
    rf"dose\s+level\s+[\w\-]+|(?:highest|lowest|starting|first|second|third|top|maximum)\s+dose(?:\s+level)?))",
    _F,
)
# "in the vitamin D group (125 of 531 patients)", "11/27 (41%; liarozole 75 mg)"
DENOM_AFTER_NAME_RE = regex.compile(
    rf"(?<=\b(?:in|for|with)\s+the\s+(?P<name>(?:[\w\-+/'.\u2010]+\s+){{0,4}}?(?:group|arm|cohort))\s*[(\[]\s*){NUM}"
    rf"(?:\s*\[[^\[\]]{{0,60}}\]|\s*\([^()]{{0,60}}\))?\s*(?:/|of|out\s+of)\s*(?P<den>{DEN})"
    rf"|(?<![\w.,/]){NUM}\s*(?:/|\s+(?:out\s+)?of\s+)(?P<den>{DEN})\s*\(\s*\d+(?:\.\d+)?\s*%\s*;\s*(?P<name>[^();]{{1,40}}?)\s*\)",
    _F,
)
# the arm named first, its one n/N later in the clause: "In ivermectin arm, mild to moderate side effects were observed in
# 24/115 patients (20.9%)", "In the closure group, the incidence was 52% (16/31), but in the no-closure group it was only
# 23% (7/30)"; not shares of eyes or other units
_ARM_FIRST_RE = regex.compile(
    r"(?:(?<=^|[.;]\s)(?-i:I)|(?<=\bbut\s|\bwhile\s|\bwhereas\s)i)n\s+(?:the\s+)?(?P<name>[\w\-+/]+(?:\s+[\w\-+/]+){0,3}?\s+(?:arm|group))\b(?!\s*\d),?\s+"
    r"(?P<body>[^.;]{0,120}?)(?<![\w.,/])(?P<n>\d{1,5})\s*/\s*(?P<den>\d{1,5})\b(?![\d.])"
    r"(?!\s*(?:\)\s*)?(?:\(\s*\d[^()]*\)\s*)?(?:of\s+)?(?:the\s+)?(?:eyes|teeth|lesions|samples|sites|episodes|cycles))", regex.VERSION1)
# one figure of an arm-by-arm list: "60 of 191", "149 of 2065", "227 (90%, 95% CI 85 - 93) of 253", "17/78"
_BASE_ITEM_RE = regex.compile(r"(?<![\w.,/])(?<![≥≤<>=]\s?)(?P<n>\d{1,6})(?:\s*[\[(][^\[\]()]{0,40}[\])])?\s*(?:/|\bof\b|\bout\s+of\b)\s*"
                              r"(?P<den>\d{1,6})(?![\d.,]\d|\s*%)")
# the arms named together after the list: "... in the amisulpride 5 and 10 mg groups", "... of those in the A and B arms"
_ARMS_AFTER_RE = regex.compile(
    r"(?P<gap>(?:[^.;\d]|\d+(?:\.\d+)?\s*%|\([^()]{0,40}\)|\[[^\[\]]{0,40}\]){0,60}?)\b(?:in|of|among|for)\s+the\s+"
    r"(?P<names>[^.;()]{1,80}?)\s+(?:groups|arms|cohorts)\b", regex.IGNORECASE)
_NAME_LIST_SPLIT_RE = regex.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|or|vs\.?|versus)\s+", regex.IGNORECASE)
_GAP_NOISE_RE = regex.compile(r"\([^()]*\)|\[[^\[\]]*\]|\d+(?:[.·]\d+)?\s*%|[()\[\]]")
# --- arm sizes in a list right after a count: "enrolled 156 (106 in the ganitumab group and 50 in the placebo group)",
# "41 subjects were enrolled, 20 in the initial study and 21 in the second study", "(18 in each group)"
LIST_ITEM_RE = regex.compile(
    rf"\s*(?:[(,;:]\s*(?:and\s+|of\s+(?:whom|these)\s+)?|\s+and\s+)(?P<body>{NUM}{NUM_END}(?:\s*\([^()]{{0,30}}\))?\s+(?:{PERSON}\s+)?(?:were\s+)?"
    rf"(?:(?P<verb>randomi[sz]ed|enrolled|treated|included)\s+)?(?:in|into|to|on)\s+(?:the\s+)?(?!\d)"
    rf"(?P<name>[^,;:()]{{1,60}}?))(?=\s*(?:[,;:)(]|\.(?:\s|$)|\s+and\s+(?:\d|{NUMBER_WORD}\b)|$))",
    _F,
)
_GROUPISH_RE = regex.compile(r"\b(?:group|arm|cohort|each)\b", _F)
_ARM_NOUN_RE = regex.compile(r"\b(?:groups?|arms?|cohorts?|each)\b", _F)
_COMPLEMENT_PAREN_RE = regex.compile(r"\s+(?:in|into|of|on|from|for|at)\s+[^,;:().\d]{1,60}?\s*\((?P<paren>[^()]{0,120})\)", _F)
_NUMBER_WORD_RE = regex.compile(rf"\b{NUMBER_WORD}\b", _F)
# the role verb's complement before a list of arms: "in the study", "of ralimetinib or placebo", "in analysis"
_ROLE_COMPLEMENT_RE = regex.compile(r"\s+(?:in|into|onto|on|of|from|for|at)\s+(?:[^,;:().\d]|\.\d){1,60}?(?=\s*[,;:(])", _F)
_PART_RE = regex.compile(r"^(?:phase|part|stage|step|study|trial|substudy|period)\b|\b(?:study|trial)$", _F)
# "N patients were randomly assigned to A and M to B": the N is A's size, not the randomized total
TO_NAME_THEN_LIST_RE = regex.compile(
    rf"\s+(?:(?:to|into)\s+)?(?:receive\s+)?(?:the\s+)?(?P<name>[^,;.()]{{1,60}}?)(?:\s*\([^()]{{0,60}}\))?"
    rf"(?:\s*[,;]\s*(?:and\s+|while\s+|whereas\s+)?|\s+and\s+){NUM}{NUM_END}\s+(?:{PERSON}\s+)?(?:were\s+)?"
    rf"(?:(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+)?(?:to|into)?\s*(?!\d)",
    _F,
)
# "Of 181 eligible patients, 89 were randomly assigned to A and 92 to B": the whole takes the verb when its parts add up
OF_TOTAL_RE = regex.compile(
    rf"(?<=(?:^|[.;:]\s+)(?:Of|Among)\s+(?:the\s+|all\s+|these\s+)?){NUM}{NUM_END}\s+{MODS}{PERSON}\b(?P<rest>[^.;]{{0,300}})", _F)
# a structured abstract's population section opening with its count: "PATIENTS: Seventy men, aged 50-80 years, with ...",
# "PARTICIPANTS: One hundred fifteen patients with IOP ..."; the study population (enrolled) unless a verb gives a role
HEADING_POPULATION_RE = regex.compile(
    rf"(?<=(?-i:\b(?:PATIENTS|PARTICIPANTS|SUBJECTS|POPULATION|(?:DESIGN|SETTING|SETTINGS)\s+AND\s+(?:PATIENTS|PARTICIPANTS|SUBJECTS)|"
    rf"Patients|Participants|Subjects|Study\s+population|STUDY\s+POPULATION))\s*:\s*(?:a\s+total\s+of\s+)?){NUM}{NUM_END}\s+{MODS}{PERSON}\b", _F)
# "Of 11 patients, 9 were treated": the whole, with no role of its own, before a part that has one
_OF_BARE_THEN_ROLE_RE = regex.compile(
    rf",\s*{COUNT_NUMBER}(?:\s*\([^()]{{0,40}}\))?\s+(?:{PERSON}\s+)?{AUX}{ADV}?{ROLE}\b", _F)
_TO_EACH_RE = regex.compile(r"\s+(?:to|into|in)\s+(?P<name>each\s+(?:of\s+the\s+\w+\s+)?(?:group|arm|cohort)s?)\b", _F)
# "randomised to receive vitamin C (74 patients) or placebo (68 patients)": the arm named before its size
NAME_PAREN_RE = regex.compile(
    rf"(?<=(?P<name>\b[\w\-+/'.\u2010]+(?:\s+[\w\-+/'.\u2010]+){{0,5}})\s*\(\s*){NUM}{NUM_END}\s+{PERSON}\s*\)",
    _F,
)
# "In all, 56 patients received ILF and 58 ELF", "20 children received IVIG (...) and 21 children received PE"
RECEIVED_LIST_RE = regex.compile(
    rf"(?<![\w.,]){NUM}{NUM_END}\s+{MODS}{PERSON}\s+(?:received|were\s+given|were\s+treated\s+with)\s+"
    rf"(?!at\s+least|≥|one\s+or\s+more|(?:the\s+)?(?:study|same|all)\b)(?P<name>[^,;.()]{{1,60}}?)(?:\s*\([^()]{{0,60}}\))?"
    rf"\s*(?:,\s*(?:and\s+|while\s+|whereas\s+)?|\s+and\s+|;\s*)(?P<num2>{COUNT_NUMBER})(?!\s*(?:%|/|\.\d|mg|g\b|grams?\b|ml|cycles?|courses?|doses?))\s+"
    rf"(?:(?:{PERSON}\s+)?(?:received|were\s+given|were\s+treated\s+with)\s+|(?!{PERSON}|(?:in|at|on|of|had|have|were|was|died|\w+ed)\b))"
    rf"(?P<name2>[^,;.()]{{1,60}}?)(?=\s*[,;.(]|$)",
    _F,
)
# a population split in two: "27 patients underwent EDWS, and the other 28 patients underwent MED", "Sixty-one of these
# patients were treated with FU ...; the other 61 received no further treatment": each part is an arm
_ARM_VERB = r"(?:were\s+(?:\w+ly\s+)?(?:treated\s+with|given|assigned\s+to|allocated\s+to)|received|underwent)"
OTHER_ARM_RE = regex.compile(
    rf"(?<![\w.,]){NUM}{NUM_END}\s+(?:of\s+(?:these|them|the)\s+)?(?:{MODS}{PERSON}\s+)?{_ARM_VERB}\s+(?P<name>[^;.]{{1,200}}?)"
    rf"\s*(?:[;,]\s*(?:and\s+|while\s+|whereas\s+)?|\s+(?:and|while|whereas)\s+)the\s+(?:other|remaining)\s+(?P<num2>{COUNT_NUMBER})\s+"
    rf"(?:{MODS}{PERSON}\s+)?(?:{_ARM_VERB}|served\s+as)\s+(?P<name2>[^,;.()]{{1,60}}?)"
    rf"(?=\s*[,;.(]|\s+(?:by|as|for|with|at|on|during|after|before|from|until)\s|$)", _F)
# "Thirty patients were given daily intramuscular injections of 0.035 mg/kg BP-C1 or placebo", "18 healthy subjects (11
# males, 7 females) received either placebo or 400 mg ibuprofen": the trial's treated population (settled rule: treated
# needs a verb of receiving); what was received is checked in code (a drug or dose, or 'either'), and a later, smaller
# one of these after a treated or randomized total is that subgroup's size. "N patients who received" is a relative
# clause (a subgroup with an outcome) and never matches.
RECEIVED_RE = regex.compile(
    rf"(?<![\w.,])(?<!\b(?:of|among|including|whom|with|or|in|to|than|between)\s+)(?:a\s+total\s+of\s+|the\s+|all\s+|(?:In\s+)?(?:total|all),\s+)?{NUM}{NUM_END}\s+{MODS}{PERSON}\b"
    rf"(?P<gap>(?:\s*\([^()]{{0,120}}\))?(?:\s+(?:with|without|from|aged|having|undergoing|scheduled|requiring|diagnosed|suffering)\b"
    rf"(?:[^.;:()]|\([^()]{{0,40}}\)){{0,120}}?)?(?:\s*\([^()]{{0,120}}\))?),?\s+"
    rf"(?:(?:were|was)\s+(?:then\s+|subsequently\s+|also\s+|\w+ly\s+)?(?:given|administered)|(?:then\s+|subsequently\s+|also\s+|all\s+)?received)\s+"
    rf"(?!(?:no|not|prior|previous|previously|other|additional|further|concomitant|rescue|salvage|subsequent|second|"
    rf"dose\s+reductions?|transfusions?|surgery|an?\s+(?:diagnosis|score))\b)(?=(?P<obj>(?:[^.;]|\.\d){{1,100}}))",
    _F,
)
# "liposomal doxorubicin (...) was administered intravenously every 28 days to 37 patients", "VPA was given to 24
# epileptic patients": the treated population written after what it received; lists ("to 11 patients and 5
# volunteers", "to 15 and 19 women, respectively") are subgroups and do not match
ADMIN_TO_RE = regex.compile(
    rf"\b(?:administered|given|delivered)\b(?P<how>[^.;]{{0,120}}?)\bto\s+(?:the\s+|all\s+|a\s+total\s+of\s+|each\s+of\s+(?:the\s+)?)?"
    rf"{NUM}{NUM_END}\s+{MODS}{PERSON}\b(?!\s+and\s+(?:\d|{NUMBER_WORD}\b)|,?\s+respectively)",
    _F,
)
# "were randomized and received tofacitinib ...": randomized, then given the trial's treatment (treated)
_AND_RECEIVED_RE = regex.compile(r"\s*,?\s+and\s+(?:then\s+|subsequently\s+|all\s+)?received\s+(?!no\b|none\b|neither\b)\S", _F)
_PRIOR_TREATMENT_RE = regex.compile(
    r"\b(?:had|have|not|never)\s+(?:not\s+)?(?:been\s+)?(?:previously\s+|already\s+)?(?:treated|received|receiving)\b|"
    r"\b(?:previously|already)\s+(?:treated|received)\b", _F)
# a received-clause that is prior or later-line therapy, not the trial's treatment
_NOT_TRIAL_TREATMENT_RE = regex.compile(r"\b(?:second|third|later)[\s-]line|\bpre[\s-]?planned\b|\bsalvage\b|\brescue\b|"
                                        r"\bprior\b|\bprevious(?:ly)?\b|\bafter\s+(?:disease\s+)?progression", _F)
_ARM_LABEL_RE = regex.compile(r"\(\s*(?P<label>(?:the\s+)?(?:[\w\-]+\s+){0,3}(?:group|arm|cohort)(?:\s+[A-Z0-9]{1,3})?)\s*\)", _F)
_HEADING_RE = regex.compile(r"[A-Z][A-Za-z /&\-]{0,40}")  # "METHODS", "Materials/Methods": a section heading
_SIBLING_BEFORE_RE = regex.compile(r"(?:[,;]|\band|\bwhereas|\bwhile)\s*$", _F)
_EACH_IN_RE = regex.compile(r"\b(?:in\s+each|each\s+(?:group|arm|sequence)|per\s+(?:group|arm))\b", _F)
_CLAUSE_CUT_RE = regex.compile(r"\s*(?:,(?!\d{3}\b)|\()|\s+(?:for|to|until|at|on|during|after|before|from)\s", _F)
# what a received-clause must name to be the trial's treatment: a study-drug word when no drug entity or dose is in it
_TREATMENT_WORD_RE = regex.compile(
    r"\b(?:either|placebo|drugs?|medications?|therapy|treatment|chemotherapy|regimen|vaccines?|vaccinations?|"
    r"infusions?|injections?|doses?|cycles?|courses?|tablets?|capsules?)\b", _F)
# the end of the received clause: another count, a new clause
_OBJ_END_RE = regex.compile(rf"(?:;|,(?!\d{{3}}\b))\s*(?:and\s+|while\s+|whereas\s+)?(?P<next>\d|{NUMBER_WORD}\b|the\s+(?:other|remaining))|"
                            rf"\s+(?:and|whereas|while)\s+(?P<next>\d|{NUMBER_WORD}\b|the\s+(?:other|remaining))|\s+(?:and|but)\s+(?:were|had)\b", _F)
# the next item is another arm ('..., and ten patients received Y', 'the other 61 received'), not a dose of a list
_SIBLING_COUNT_RE = regex.compile(
    rf"(?:the\s+(?:other|remaining)\s+)?{COUNT_NUMBER}(?:\s*\([^()]{{0,30}}\))?\s+(?:(?:[\w\-]+\s+){{0,3}}?{PERSON}\s+)?"
    rf"(?:received|were\s+(?:\w+ly\s+)?(?:given|treated|administered|assigned|allocated)|to|in\s+the)\b", _F)

# a sentence-initial "Forty patients in the diet group" is an arm size only when a role verb follows in the sentence
# ("... and 58 patients in the on-demand group were included for analysis"); else it counts patients with an event
# "healthy male subjects", "adults with asthma" but not a sex split ("men (n = 20) and women (n = 25)")
_POPULATION_NAME_RE = regex.compile(r"(?<!\b(?:and|or|versus|vs\.?)\s)\b(?:\w+\s+){1,3}(?:patients|subjects|participants|volunteers|adults|children)$", _F)
_ROLE_ADJ_RE = regex.compile(
    r"\b(?:(?P<randomized>randomi[sz]ed)|(?P<enrolled>enrolled|included)|(?P<treated>treated)|(?P<evaluable>evaluable|assessable))\s+\w+$", _F)
_AFTER_VS_RE = regex.compile(r"\b(?:vs\.?|versus)\s*$", _F)
_ROLE_LATER_RE = regex.compile(rf"[^.;]{{0,160}}?\b(?:were|was)\s+{ADV}?(?P<verb>{ROLE})\b", _F)
# lists of adverse events or reasons with their n: "included hypercalcemia (n = 3), rash (n = 2)"
_EVENT_LIST_RE = regex.compile(
    r"\b(?:toxicit|adverse|events?\b|such\s+as|complications?|reactions?|side[\s-]effects?|reasons?|due\s+to|"
    r"because\s+of|caused|causes|deaths?|died|responded|"
    # reasons for exclusion: "excluded because they did not meet eligibility criteria (n = 681) or refused (n = 410)"
    r"excluded|exclusion|refused|declined|ineligib|did\s+not\s+meet)", _F)
# a statistic right before the name ("median age 61 (n = 40)", "showed monophasic (n = 2)"); a name inside the
# parenthesis with its n ("163.9 mg/dL (placebo, n = 58)") labels an arm whatever the sentence measures
_NEAR_STAT_RE = regex.compile(r"\b(?:LSM|mean|median|showed|demonstrated)\b", _F)
# "(IL-2 group; n = 60)", "latanoprost once daily (8:00 AM; n = 152)", "7.1% (54 mmol/mol; n = 37)": an arm's n
# after a label or a statistic of that arm
_SEMI_STAT_RE = regex.compile(r"\bp\s*[<=>≤]|%|\b(?:HR|OR|RR|CI|vs\.?|versus)\b", _F)
SEMI_N_RE = regex.compile(
    rf"(?:(?P<name>[A-Za-z][\w\-+/'.]*(?:\s+[\w\-+/'.%]+){{0,4}}?)\s*)?\((?P<pre>[^()]{{1,80}}?)\s*;\s*[nN]\s*=\s*{NUM}{NUM_END}\s*\)")
_PREP_BEFORE_RE = _re.compile(r"(?:of|among|for|in|these|all|the)\s+$")
_ANALYSIS_DONE_IN_RE = _re.compile(r"analy(?:sis|ses)\s+(?:(?:was|were)\s+(?:performed|conducted|done|carried\s+out)\s+)?(?:in|on)\s+(?:the\s+)?$")
_AND_RANDOM_RE = _re.compile(r" and (?:were |subsequently |then |later )*(?:randomi|underwent randomi|randomly)")
_THE_OTHER_WORDS = ("the other ", "the remaining ")
# a number right before "of [the] <number>" or "/<number>" ("252 of the 331", "two of the 36", "487/562")
_PART_OF_QUICK_RE = _re.compile(r"[a-z0-9,\-]+(?:\s*[\[(][^()\[\]]{0,22}[\])])?\s+(?:out\s+)?of\s+(?:the\s+|all\s+|these\s+)?\d|[0-9,]+\s*/\s*\d")
# where an arm named first may open a clause ("In ivermectin arm, ...", "but in the no-closure group ...")
_FRACTION_AT_RE = _re.compile(r"\d+\s*/\s*\d")
_CLAUSE_OPENER_RE = _re.compile(r"(?:but|while|whereas) in ")
_SET_WORD_RE = _re.compile(r"analys|populat| set")
_GROUP_WORDS = ("group", "arm", "cohort", "allocat", "assign", "randomi")
_TO_ARM_WORDS = ("to ", "into", "assign", "allocat", "randomi")
RANDOM_CUE_RE = regex.compile(r"randomi[sz]|randomly|assigned|allocated", _F)
# "38.7% (12/31) of those who were nephrectomized": the subgroup an outcome is reported for
SUBGROUP_RE = regex.compile(
    rf"(?<![\d.])\d+\s*/\s*(?P<num>\d+)\s*[)\]]?\s+(?:of|among|in)\s+(?:those|the\s+patients|patients|subjects|participants)\s+"
    rf"(?:who\s+(?:were|had|was)\s+|with\s+)(?P<name>[^.;()]{{1,80}}?)(?=\s*(?:[.;(]|$))",
    _F,
)
QUICK_RE = regex.compile(rf"{PERSON}|\bn\s*=|random|enrol|regist|recruit|accru|evaluab|assessab|complet|withdr|dropped|lost\s+to|discontinu|protocol|each", _F)
# names that are not an arm but the whole population or a statistic
# not participants: units of analysis and occasions
_NOT_PARTICIPANTS = (
    rf"\b(?:cycles?|clusters?|cent(?:re|er)s?|sites?|hospitals?|samples?|specimens?|eyes?|teeth|tooth|lesions?|"
    rf"tumou?rs?|visits?|trials?|studies|articles|courses?|procedures?|episodes?|events?|injections?|schools?|classes|"
    rf"practices|clinics|communities|villages|households|interviews?|surveys?|rats|mice|animals|dogs|pigs|rabbits|"
    rf"ANOVA|test|analys[ie]s|model)\b"
)
NOT_PARTICIPANTS_RE = regex.compile(_NOT_PARTICIPANTS, _F)
# the person word is a modifier of what is counted: "Sixty patient specimens", "969 patient MRI visits"
_GAP_NOT_PEOPLE_RE = regex.compile(rf"\s*(?:MRI\s+)?{_NOT_PARTICIPANTS}|\s*(?:specimens|samples|visits|records|charts|images)\b", _F)
NOT_A_NAME_RE = regex.compile(
    rf"^(?:(?:all|total|overall|the|of|in|and|for|a|patients|subjects|participants|population|study|trial|sample|cohort|"
    rf"included|enrolled|respectively|overall\s+population|eyes?|median|mean|n)\s*)+$|\d\s*%|\bp\s*[<=>]|\bper\s*cent|percent|"
    rf"\b(?:outcome|end\s*point)s?$"
    rf"|{_NOT_PARTICIPANTS}|^(?:19|20)\d\d$",
    _F,
)
_LEADING_STOP_RE = regex.compile(r"^(?:(?:the|a|an|in|of|with|to|and|or|but|not|versus|vs\.?|either|both|for|from|receive|receiving|received|given|on)\s+)+", _F)
_CLAUSE_WORD_RE = regex.compile(
    r"\b(?:to|into|in|of|with|and|or|versus|vs\.?|were|was|received|receiving|given|either|both|than|from|"
    r"randomi[sz]ed|assigned|allocated|enrolled|included|treated|between|among|for)\s+", _F)
_ROLE_NAMES = tuple(ROLE_VERBS)
# an analysis set named before its n (settled: an analysis set is evaluable; per-protocol is PP_RE's)
_SET_NAME_RE = regex.compile(r"(?:\b(?:full|modified)\s+)?\b(?:(?:intention|intent)[\s-]to[\s-]treat|ITT|mITT|full[\s-]analysis|safety|"
                             r"efficacy|evaluable|analy[sz]ed)\s+(?:population|set|cohort)$", _F)
_N_SHARE_RE = regex.compile(r"\s*[,;]\s*\d+(?:[.·]\d+)?\s*%\s*\)(?!\s*(?:\w+\s+)?(?:women|men|males?|females?|girls|boys)\b)", _F)
_N_EQ_QUICK_RE = regex.compile(r"\b[nN]\s*=\s*\d")
_PLANNED_RE = regex.compile(r"\b(?:target(?:ed)?|planned|plan\s+to|aim(?:ed)?\s+to|goal|sample\s+size|required|needed|"
                            r"expected|anticipated|power(?:ed)?|would\s+need)\b[^.;]*$", _F)
# ("were found to be", "shown to be" describe the participants, not a plan)
_FUTURE_RE = regex.compile(r"\b(?:will|would|shall|(?<!\b(?:able|found|shown|thought|considered|known)\s)to)\s+be\b|\bwill\s+(?:enrol|recruit|random|include)", _F)
_PERSON_NAME_RE = regex.compile(rf"(?:all\s+)?(?:[\w\-]+\s+){{0,2}}?{PERSON}", _F)
# the verb right after the parenthesis; without an auxiliary "treated for/with" is a reduced relative, not the verb
_AFTER_NEQ_ROLE_RE = regex.compile(rf"\s*[)\]]\s*,?\s*(?:{AUX}{ADV}?{ROLE}\b|{ADV}?{ROLE}\b(?!\s+(?:for|with|by|at|in|on|from)\b))", _F)
# the population's verb later in its clause: "subjects (n=461) continued their stimulant and were randomized",
# "patients (N=956) who were MTX-naive ... were randomised"; no other count or colon in between
_LATER_NEQ_ROLE_RE = regex.compile(
    rf"\s*[)\]](?P<gap>(?:[^.;:()]|\([^()]{{0,40}}\)){{0,160}}?)\b(?:{AUX}|and\s+{AUX}?){ADV}?{ROLE}\b(?!\s+(?:for|with|by)\s+(?:eligibility|inclusion))"
    rf"{NEXT_ROLE}", _F)
_GAP_COUNT_RE = regex.compile(rf"\d\s+(?:\w+\s+){{0,2}}?{PERSON}|\b[nN]\s*=", _F)
# "Participants were postmenopausal women not using estrogen (n=382)": the study population described
_POPULATION_SENT_RE = regex.compile(
    r"(?:The\s+)?(?:participants|subjects|patients|study\s+(?:population|sample)|sample)\s+(?:were|was|included|comprised|consisted\s+of)\s+(?!(?:\w+ly\s+)?\w+ed\b|divided|split)", _F)


# patterns the helpers below use on every document, compiled once
_ROLE_VERB_RES = {role: regex.compile(pat, _F) for role, pat in ROLE_VERBS.items()}
_CLAUSE_END_RE = regex.compile(r"[.;:]\s+")
_DIGIT_RE = regex.compile(r"\d")
_DIGIT_OR_STOP_RE = regex.compile(r"\d|\.\s")
_TRAILING_N_RE = regex.compile(r"\s+[nN]$")
_PERSON_WORD_RE = regex.compile(rf"\b{PERSON}\b", _F)
_PERSON_EDGE_RE = regex.compile(rf"^(?:{MODS}{PERSON}\s*)|\s*{PERSON}$", _F)
_PAREN_RE = regex.compile(r"\([^()]*\)")
_BREAKDOWN_VERB_RE = regex.compile(r"\b(?:were|was|had|have|respectively|whom|which)\b", _F)
_FOR_ELIGIBILITY_RE = regex.compile(r"\bfor\s+eligibility", _F)


def _role_of(m: regex.Match) -> Optional[str]:
    for role in _ROLE_NAMES:
        if m.group(role) if role in m.re.groupindex else None:
            return role
    return None


_RANDOM_WORD_RE = regex.compile(r"randomi[sz]|\brandom(?:ly)?\b", _F)


def _unrandom(m: regex.Match, text: str) -> bool:
    """A bare 'assigned/allocated to' read as randomization in a sentence that never says random: not a randomized
    count ('30 patients were assigned to the control group' in a cohort study)."""
    if m.groupdict().get("assigned") is None:
        return False
    start = _full_sentence_start(text, m.start())
    end = text.find(". ", m.end())
    return _RANDOM_WORD_RE.search(text, start, end if end >= 0 else len(text)) is None


_NEXT_ROLE_FIX_RE = regex.compile(r"(?:assigned|allocated)", _F)


def _role_of_text(s: str) -> Optional[str]:
    for role, pat in ROLE_VERBS.items():
        if _ROLE_VERB_RES[role].fullmatch(s):
            return role
    # "enrolled and randomly assigned to": ADV took "randomly", and the bare verb's look-ahead for "to" lies outside s
    if _NEXT_ROLE_FIX_RE.fullmatch(s):
        return "randomized"
    return None


def _clean_name(name: str) -> Optional[str]:
    # the name is what follows the last clause word: "were randomized to arm A" -> "arm A"
    name = _CLAUSE_END_RE.split(name)[-1]
    name = _CLAUSE_WORD_RE.split(name.strip(" ,;:"))[-1]
    name = _LEADING_STOP_RE.sub("", name).strip()
    if not name or NOT_A_NAME_RE.search(name) or len(name) > 60:
        return None
    return name


class _Collector:
    def __init__(self, text: str):
        self.text = text
        self.counts: list[Count] = []
        self.claimed: dict[int, set[str]] = {}  # number start -> roles already given
        self.spans: list[tuple[int, int]] = []  # numbers used

    def add(self, m: regex.Match, role: str, group: Optional[str] = None, num_group: str = "num",
            span: Optional[tuple[int, int]] = None, base: int = 0) -> bool:
        start = base + m.start(num_group)
        value = parse_int(m.group(num_group))
        if value is None or value <= 0 or value > 1_000_000:
            return False
        end = base + m.end(num_group)
        if any(a <= start < b and a != start for a, b in self.spans):
            return False  # "ninety" inside "Five hundred and ninety"
        roles = self.claimed.setdefault(start, set())
        # one number is a group size or has roles, never both; a role is given once
        if role in roles or (roles and (role == "group" or "group" in roles)):
            return False
        s, e = span or (m.start(), m.end())
        # planned sizes and targets are design, not participants ("the target of 123 evaluable patients")
        if _PLANNED_RE.search(self.text, max(0, s - 40), s) or _FUTURE_RE.search(self.text, s, e):
            return False
        # evidence starts at the number or the name, never on leading punctuation
        while s < e and self.text[s] in " ,;(": s += 1  # noqa: E701
        roles.add(role)
        self.spans.append((start, end))
        self.counts.append(Count(value=value, role=role, group=group, text=self.text[s:e], start=s, end=e))
        return True


def _is_range(m: regex.Match, text: str) -> bool:
    """'15 to 45 mg daily', '2 to 12 years': a range, not 15 patients to a 45 mg arm ('292 to 50 mg sirukumab' is one)."""
    if text[m.end("num"):m.start("name")].strip() not in ("to", "into"):
        return False
    upper = COUNT_NUMBER_RE.match(m.group("name"))  # "four to nine positive nodes" as well as "15 to 45 mg"
    return upper is not None and (parse_int(upper.group()) or 0) > (parse_int(m.group("num")) or 0)


# Stems of PERSON: a number with none of them in the next few words cannot start a "N patients ..." pattern, so those
# patterns are tried only at numbers that pass this substring check (most numbers are doses, percents and p-values).
_PERSON_STEMS = ("patient", "subject", "particip", "individual", "volunteer", "person", "people", "men", "child",
                 "infant", "neonate", "newborn", "adult", "adolesc", "girl", "boy", "case", "smoker", "mother",
                 "student", "recipient", "pts", "beneficiar", "veteran", "athlete", "survivor", "teen", "toddler",
                 "pupil", "employee", "worker", "nurse", "physician", "caregiver", "donor")




def _starts(words: tuple[str, ...], low: str) -> list[int]:
    """Where any of the key words starts, sorted: str.find per word is several times faster than one alternation."""
    out = []
    for w in words:
        i = low.find(w)
        while i >= 0:
            out.append(i)
            i = low.find(w, i + 1)
    out.sort()
    return out


def _within(starts: list[int], p: int, width: int) -> bool:
    """A key word starts in [p, p + width): the anchor filters below test this instead of scanning a window per number."""
    i = bisect_left(starts, p)
    return i < len(starts) and starts[i] < p + width


def _person_numbers(low: str, nums: list[int]) -> list[int]:
    stems = _starts(_PERSON_STEMS, low)
    out = []
    for p in nums:
        if _within(stems, p, 90) or low.find("(", p, p + 12) >= 0:
            out.append(p)
    return out


def _sentence_start(text: str, pos: int) -> int:
    i = max(text.rfind(". ", 0, pos), text.rfind("; ", 0, pos))
    return i + 2 if i >= 0 else 0


def _full_sentence_start(text: str, pos: int) -> int:
    """Start of the sentence across semicolons: arms listed after ';' share the randomization verb before it."""
    i = text.rfind(". ", 0, pos)
    return i + 2 if i >= 0 else 0


def _arm_list(out: "_Collector", text: str, pos: int, role: str) -> None:
    """Arm or part sizes listed right after a count at `pos`: '(106 in the X group and 50 in the Y group)'."""
    if LIST_ITEM_RE.match(text, pos) is None:
        # the verb's own complement comes first: "were enrolled in the study, 33 in the A group and 28 in the B group",
        # "received at least one dose of X or placebo; eight in phase 1b and 110 in phase 2"
        c = _ROLE_COMPLEMENT_RE.match(text, pos)
        if c is None or _NUMBER_WORD_RE.search(c.group()):
            return  # "enrolled in the trial with eight schools in the DIA arm, nine in ...": the list counts something else
        pos = c.end()
    items = []
    for _ in range(6):
        m = LIST_ITEM_RE.match(text, pos)
        if m is None:
            break
        pos = m.end()
        items.append(m)

    def arm_like(m: regex.Match) -> bool:
        return bool(_ARM_NOUN_RE.search(m.group("name")) or m.group("name").lower().startswith("each") or (
            text[m.start("name") - 3: m.start("name")].strip() == "to"))

    # a list shares its last noun: "(108 in lidocaine gel, 107 in placebo gel groups)"; an item with its own verb
    # ("129 were included in the ITT population") is a clause of its own
    shared = len(items) >= 2 and arm_like(items[-1]) and not items[-1].group("verb")
    for m in items:
        name = _clean_name(m.group("name"))
        if not name:
            continue
        if arm_like(m):
            out.add(m, "group", name, span=(m.start("body"), m.end()))
        elif _PART_RE.search(name):
            # a phase, part or study of the trial keeps the verb's role (pooled reports: the trial is the group)
            verb = _role_of_text(m.group("verb")) if m.group("verb") else None
            out.add(m, verb or role, name, span=(m.start("body"), m.end()))
        elif shared and not m.group("verb"):
            out.add(m, "group", name, span=(m.start("body"), m.end()))


_ITEM_NOT_PEOPLE_RE = regex.compile(
    rf"\s*(?:[\w\-]+\s+){{0,2}}?(?:{_NOT_PARTICIPANTS}|(?:sessions?|specimens|samples|records|images)\b)", _F)


def _listed_groups(out: "_Collector", text: str) -> None:
    """Group sizes listed after 'N groups:' — only when the list has exactly the stated number of items."""
    for g in GROUPS_COLON_RE.finditer(text):
        k = _K_WORDS.get(g.group("k").lower()) or int(g.group("k"))
        end = _SENTENCE_END_RE.search(text, g.end())
        stop = end.start() + 1 if end else len(text)
        first = _GROUP_ITEM_FIRST_RE.match(text, g.end(), stop)
        if first is None:
            continue
        starts = [first, *_GROUP_ITEM_START_RE.finditer(text, first.end(), stop)]
        if len(starts) != k or any((parse_int(it.group("num")) or 0) < 2 for it in starts):
            continue  # "one group received ..., the other ...": no sizes
        bodies = [text[it.end():(starts[i + 1].start() if i + 1 < k else stop)] for i, it in enumerate(starts)]
        if any(_ITEM_NOT_PEOPLE_RE.match(b) for b in bodies):
            continue  # "six sites will implement ...", "8 eyes (15%)": the items count something else
        for it, body in zip(starts, bodies):
            cut = _ITEM_NAME_CUT_RE.search(body)
            name = body[:cut.start()] if cut else body
            name = _LEADING_STOP_RE.sub("", _ITEM_LEAD_RE.sub("", name.strip(" .;,")))[:60]
            if name:
                out.add(it, "group", name, span=(it.start("num"), it.end() + len(body.rstrip(" .;,"))))


def _arm_first_matches(text: str, low: str, nums: list[int]):
    """_ARM_FIRST_RE tried only where a clause holding an n/N opens with 'in': at the clause's start or after 'but'."""
    tried = set()
    for p in nums:
        if not _FRACTION_AT_RE.match(low, p):
            continue
        start = max(low.rfind(". ", 0, p), low.rfind("; ", 0, p))
        start = start + 2 if start >= 0 else 0
        opener = None
        for o in _CLAUSE_OPENER_RE.finditer(low, start, p):
            opener = o.end() - 3
        for q in (start, opener):
            if q is not None and q not in tried and low.startswith("in ", q):
                tried.add(q)
                m = _ARM_FIRST_RE.match(text, q)
                if m is not None:
                    yield m


def _bases_of_listed_arms(out: "_Collector", text: str, of_nums: list[int]) -> None:
    """n/N figures given arm by arm, the arms named together after them: '60 of 191 patients (31.4%) and 59 of 188
    patients (31.4%) in the amisulpride 5 and 10 mg groups, respectively', '6% (149 of 2065) and 4% (108 of 2633) of
    those in the pioglitazone and placebo groups': each base is its arm's size, in order (settled rule: a denominator
    that is an arm size is a group count)."""
    chain: list[regex.Match] = []
    for m in match_at(_BASE_ITEM_RE, text, of_nums):
        if chain and not _quiet_gap(text, chain[-1].end(), m.start(), 40):
            _name_chain(out, text, chain)
            chain = []
        chain.append(m)
    _name_chain(out, text, chain)


def _quiet_gap(text: str, a: int, b: int, limit: int) -> bool:
    """Only words, percents and parentheses between two figures of one list (no other number, no sentence end)."""
    gap = _GAP_NOISE_RE.sub(" ", text[a:b])
    return len(gap.strip()) <= limit and not _DIGIT_OR_STOP_RE.search(gap)


def _name_chain(out: "_Collector", text: str, chain: list[regex.Match]) -> None:
    if len(chain) < 2:
        return
    last = chain[-1]
    arms = _ARMS_AFTER_RE.match(text, last.end())
    if arms is None or arms.start("names") - last.end() > 70:
        return  # the arms named far from the figures ('... (P = 0.08), and 98.9% versus 99.5% ... of eyes in the A and B groups')
    names = [_LEADING_STOP_RE.sub("", x.strip()) for x in _NAME_LIST_SPLIT_RE.split(arms.group("names"))]
    if len(names) < 2 or len(names) > len(chain) or not all(names):
        return
    for m, name in zip(chain[-len(names):], names):
        n, den = int(m.group("n")), int(m.group("den"))
        if 0 < n <= den:
            out.add(m, "group", name, num_group="den", span=(m.start(), m.end()))


def _paren_pairs(out: "_Collector", m: regex.Match) -> None:
    """Arm sizes inside the parenthesis after a count: '(placebo = 18, liraglutide = 54)', '(Arm A: 284, Arm B: 277)'."""
    gd = m.groupdict()
    key = "paren" if gd.get("paren") else "paren2"
    paren = gd.get(key)
    if not paren:
        return
    base = m.start(key)
    for p in PAIR_RE.finditer(paren):
        name = _clean_name(_TRAILING_N_RE.sub("", p.group("name")))  # "vonapanitase n = 405"
        if name:
            out.add(p, "group", name, span=(base + p.start("name"), base + p.end("num")), base=base)
    items = list(PAIR_NUM_FIRST_RE.finditer(paren))
    if len(items) >= 2 and sum(1 for p in items if _clean_name(p.group("name"))) == len(items):
        for p in items:
            out.add(p, "group", _clean_name(p.group("name")), span=(base + p.start("num"), base + p.end("name")), base=base)


def _paren_breakdown(out: "_Collector", m: regex.Match) -> None:
    """Arm sizes in the parenthesis after a total, read only when the items fill it and add up to the total."""
    paren, base = m.group("paren"), m.start("paren")
    items, pos = [], 0
    while pos < len(paren):
        it = _BREAKDOWN_ITEM_RE.match(paren, pos)
        if it is None or it.end() == pos:
            return
        items.append(it)
        pos = it.end()
    if len(items) < 2 or sum(parse_int(it.group("num")) or 0 for it in items) != parse_int(m.group("num")):
        return
    names = [_clean_name(it.group("name").strip()) for it in items]
    if not all(names) or any(_NOT_AN_ARM_RE.match(n) for n in names):
        return
    for it, name in zip(items, names):
        out.add(it, "group", name, span=(base + it.start("num"), base + it.end("name")), base=base)


def extract(doc: Doc, found: "Found") -> list[Count]:
    text = found.text or doc.text
    nums = number_starts(text)
    if not nums:
        return []
    out = _Collector(text)
    low = text.lower()
    pnums = _person_numbers(low, nums)
    random_cue = RANDOM_CUE_RE.search(text) is not None
    per_arm: list[tuple[Count, Optional[str]]] = []  # arm counts written with a verb: (count, the verb's role)

    # group sizes named explicitly come first so a role rule does not take their number
    # each pattern below is tried only at numbers whose next words hold the pattern's key word (cheap substring checks)
    for m in (match_at(EACH_RE, text, [p for p in nums if "each" in low[p:p + 150]]) if "each" in low else ()):
        out.add(m, "group", m.group("name"))
    for m in (match_at(GROUPS_OF_RE, text, nums) if "groups of" in low else ()):
        out.add(m, "group", "each group")
    if "groups:" in low or "cohorts:" in low or "arms:" in low:
        _listed_groups(out, text)
    for m in (match_at(PP_RE, text, nums) if "protocol" in low else ()):
        out.add(m, "per_protocol")
    if "(" in text:
        for m in match_at(TOTAL_PAREN_RE, text, [p for p in pnums if low.find("(", p, p + 120) >= 0]):
            _paren_breakdown(out, m)
    if " consisted of " in low or " comprised " in low or " included " in low or " composed of " in low or " contained " in low:
        for m in match_at(GROUP_CONSISTED_RE, text, pnums):
            raw = _LEADING_STOP_RE.sub("", m.group("name").strip())
            if m.group("plural") and not m.group("each"):
                continue  # "The study groups included 65 women with OAB and 20 without": not one arm
            tail = text[m.end():m.end() + 80].split(". ")[0]
            if _AND_COUNT_RE.search(tail) and _GAP_PERSON_COUNT_RE.search(tail):
                continue  # "consisted of 3 patients with Plane I fracture and 11 patients with ...": a breakdown, not the size
            if raw.lower().startswith("each") or m.group("each"):
                out.add(m, "group", "each group", span=(m.start("name"), m.end()))
            elif not _GROUP_NAME_WHOLE_RE.match(raw) and raw:
                out.add(m, "group", raw, span=(m.start("name"), m.end()))
    group_words = _starts(_GROUP_WORDS, low)
    for m in match_at(IN_GROUP_RE, text, [p for p in pnums if _within(group_words, p, 150)]):
        name = _clean_name(m.group("name"))
        if not name:
            continue
        if m.group(0)[:1].isupper() or _AFTER_VS_RE.search(text, max(0, m.start() - 10), m.start()):
            # sentence-initial or after "vs": an arm size only when a role verb follows in the sentence
            v = _ROLE_LATER_RE.match(text, m.end())
            if v is None:
                continue
        else:
            v = _ROLE_LATER_RE.match(text, m.end())
        if out.add(m, "group", name) and v is not None:
            per_arm.append((out.counts[-1], _role_of(v)))
    # the denominator patterns need 'of' or '/' right after the numerator (or 'none of' before the denominator)
    of_nums = [p for p in nums if "/" in low[p:p + 80] or " of " in low[p:p + 80] or "none of" in low[max(0, p - 13):p]]
    arm_size: dict[str, int] = {}  # an arm's size is one number: a later, other base for the same arm is a subset
    for m in match_at(DENOM_RE, text, [p for p in of_nums if "/" in low[p:p + 50] or " of " in low[p:p + 50] or "none of" in low[max(0, p - 13):p]]):
        name = _clean_name(m.group("name"))
        den, num = parse_int(m.group("den")), parse_int(m.group("num") or "0")
        if name and den and (num is None or num <= den) and not _GROUPISH_RE.fullmatch(name):
            if text[m.end("den"):m.start("name")].lstrip().startswith(")") and not _ARM_NOUN_RE.search(name):
                continue  # "only 15% (4/27) received any form of PCC": past the closing bracket only a named arm counts
            if arm_size.setdefault(name.lower(), den) != den:
                continue  # "recurrence ... 30.2% (13/43) in group I" after "38.3% (28/73) in group I": the successes
            out.add(m, "group", name, num_group="den")
    for m in match_at(DENOM_AFTER_NAME_RE, text, of_nums):
        name = _clean_name(m.group("name"))
        den, num = parse_int(m.group("den")), parse_int(m.group("num"))
        if name and den and num is not None and num <= den:
            out.add(m, "group", name, num_group="den")
    if "/" in low and (" arm" in low or " group" in low):
        for m in _arm_first_matches(text, low, nums):
            n, den = int(m.group("n")), int(m.group("den"))
            if 0 < n <= den and not _ARM_NOUN_RE.search(m.group("body")) and "/" not in m.group("body"):
                out.add(m, "group", m.group("name"), num_group="den", span=(m.start("name"), m.end("den")))
    if of_nums and ("groups" in low or "arms" in low or "cohorts" in low):
        _bases_of_listed_arms(out, text, of_nums)

    # the long-gap patterns are tried only at person numbers with a role verb in the next 300 characters (one scan)
    role_pos = _starts(_ROLE_STEMS, low)
    near_role = [p for p in pnums if (i := bisect_right(role_pos, p)) < len(role_pos) and role_pos[i] - p < 300]
    for m in (match_at(COORD_FRACTION_RE, text, [p for p in nums if "/" in low[p:p + 8]]) if "/" in low else ()):
        if int(m.group("n1")) > int(m.group("d1")) or int(m.group("n2")) > int(m.group("d2")):
            continue
        roles = [r for r in (_role_of(m), _role_of_text(m.group("next")) if m.group("next") else None) if r]
        for n, d, a in (("n1", "d1", "a1"), ("n2", "d2", "a2")):
            name = _LEADING_STOP_RE.sub("", m.group(a).strip(" -"))
            if not name:
                continue
            out.add(m, "group", name, num_group=d, span=(m.start(n), m.end(a)))
            for r in roles:
                out.add(m, r, name, num_group=n, span=(m.start(n), m.end(d)))
    if "who received" in low or "who were given" in low or "who were treated with" in low:
        for m in match_at(WHO_LIST_RE, text, [p for p in nums if " who " in low[p:p + 60]]):
            role = _role_of(m)
            for item in _WHO_ITEM_RE.finditer(text, m.start(), m.end()):
                name = _LEADING_STOP_RE.sub("", item.group("name").strip())
                if name and out.add(item, "group", name[:60], span=(item.start("num"), item.end("name"))):
                    per_arm.append((out.counts[-1], role))
    for m in match_at(COORD_RE, text, near_role):
        q1, q2 = m.group("q1"), m.group("q2")
        if not _PERSON_WORD_RE.search(q1 + " " + q2) or _GAP_VERB_RE.search(q1 + " " + q2):
            continue
        n1 = _clean_name(_PERSON_EDGE_RE.sub("", q1.strip()) or q1)
        n2 = _clean_name(_PERSON_EDGE_RE.sub("", q2.strip()) or q2)
        if n1 and n2 and not (_SEX_RE.fullmatch(n1) or _SEX_RE.fullmatch(n2)):
            for g, n, q in (("num", n1, "q1"), ("num2", n2, "q2")):
                if out.add(m, "group", n, num_group=g, span=(m.start(g), m.end(q))):
                    per_arm.append((out.counts[-1], _role_of(m)))

    part_nums = [p for p in pnums if _PART_OF_QUICK_RE.match(low, p)]
    prep_nums = [p for p in pnums if _PREP_BEFORE_RE.search(low, max(0, p - 16), p)]
    for rx in (PASSIVE_RE, PART_OF_RE, PREP_RE, ACTIVE_RE, ADJ_RE, FOLLOW_RE, LONG_PASSIVE_RE):
        anchors = {FOLLOW_RE: nums, LONG_PASSIVE_RE: near_role, PART_OF_RE: part_nums, PREP_RE: prep_nums}.get(rx, pnums)
        for m in match_at(rx, text, anchors):
            if rx is LONG_PASSIVE_RE:
                gap = _PAREN_RE.sub("", m.group("gap"))
                gap = _AGE_BETWEEN_RE.sub(" aged", gap)  # "between 3 and 12 years of age", ", 2 to 12 years of age,": an age range, not counts
                # a number read by its adjective ("Fifty-one assessable patients, 2 to 12 years of age, were treated")
                # may take its verb's role too; an arm's size may not
                if ("group" in out.claimed.get(m.start("num"), ()) or _GAP_PERSON_COUNT_RE.search(gap) or _GAP_ROLE_RE.search(gap)
                        or _GAP_ENDS_WITH_COUNT_RE.search(gap) or _GAP_BAD_RE.search(gap)
                        or (not m.group(0).lower().startswith("a total") and _GAP_NOT_PEOPLE_RE.match(gap))
                        or (not _AUX_IN_RE.match(text, m.end("gap")) and not _GAP_QUALIFIER_START_RE.match(gap))):
                    continue  # another count or verb in between: "120 participants randomly assigned, 78 (65%) completed"
                # "A total of 50 patients, 17 with X and 33 with Y, were recruited": a breakdown of the total may sit
                # between commas when its parts add up to it
                parts = [parse_int(x.group()) or 0 for x in COUNT_NUMBER_RE.finditer(gap)]
                breakdown = (gap.startswith(",") and len(parts) >= 2 and sum(parts) == parse_int(m.group("num"))
                             and not _BREAKDOWN_VERB_RE.search(gap))
                if not breakdown and (_GAP_VERB_RE.search(gap) or _GAP_COMMA_COUNT_RE.search(gap)):
                    continue
            role = _role_of(m)
            if role is None:
                continue
            arm = _INTO_ARM_RE.match(text, m.end(role)) if rx is PREP_RE and _PARTICIPLE_RE.match(m.group(role)) else None
            if arm:  # "24 (11%) of 212 patients enrolled in the placebo group": the arm's size
                out.add(m, "group", arm.group("name"), span=(m.start("num"), arm.end()))
                continue
            if role == "evaluable" and rx is PASSIVE_RE and _FOR_ELIGIBILITY_RE.search(m.group(0)):
                continue
            if (rx in (PASSIVE_RE, FOLLOW_RE, LONG_PASSIVE_RE) and _SHARE_NO_AUX_RE.match(text, m.end("num"))
                    and not _AUX_IN_RE.search(m.group(0)) and _PARTICIPLE_RE.match(m.group(role))
                    and _INTO_ARM_RE.match(text, m.end(role))):
                continue  # "four (2%) patients enrolled in the low-dose group" (had diarrhoea): a share of an arm, no verb
            if role == "treated" and rx is PART_OF_RE:
                continue  # "Two of the 36 patients were treated with thrombolytics": a subgroup's therapy, not the trial's
            if role == "treated" and _PRIOR_TREATMENT_RE.search(m.group(0)):
                continue  # "Seven patients had been treated with anthracycline", "who had not received treatment": prior therapy
            if role == "randomized" and rx in (PASSIVE_RE, FOLLOW_RE):
                # "56 patients were randomly assigned to each group", "228 were randomly assigned to A and 225 to B"
                each = _TO_EACH_RE.match(text, m.end())
                listed = each or TO_NAME_THEN_LIST_RE.match(text, m.end())
                name = _clean_name(listed.group("name")) if listed else None
                if name:
                    out.add(m, "group", name, span=(m.start("num"), listed.end("name")))
                    continue
            if role == "randomized" and _unrandom(m, text):
                continue
            span = None
            if rx is ACTIVE_RE:  # evidence from the verb in the lookbehind ("enrolled 156 patients")
                span = (min(m.start(r) for r in ("enrolled", "randomized", "treated") if m.start(r) >= 0), m.end())
                if "analys" in text[max(0, span[0] - 16):span[0]]:
                    continue  # "the safety analysis included 561 patients": an analysis set, read below
            if span is None and m.groupdict().get("paren") and rx in (PASSIVE_RE, LONG_PASSIVE_RE, PART_OF_RE):
                span = (m.start(), m.start("paren") - 1)  # evidence ends at the verb; the arms in the parenthesis get their own
            elif span is None and m.groupdict().get("paren2"):
                span = (m.start(), m.start("paren2") - 1)
            if span is not None:
                span = (span[0], len(text[:span[1]].rstrip(" (")))
            out.add(m, role, span=span)
            nxt = m.groupdict().get("next")
            second = _role_of_text(nxt) if nxt else None
            if second == "randomized" and _unrandom(m, text):
                second = None
            if second:
                out.add(m, second, span=span)
            last_verb = "next" if second else role
            got = (second or role) == "randomized" and m.end(last_verb) == m.end() and _AND_RECEIVED_RE.match(text, m.end())
            if got:
                out.add(m, "treated", span=((span or (m.start(), 0))[0], len(text[:got.end() - 1].rstrip())))
            _paren_pairs(out, m)
            paren = m.groupdict().get("paren")
            paren2 = m.groupdict().get("paren2")
            if not (paren or paren2) and (c := _COMPLEMENT_PAREN_RE.match(text, m.end())):
                _paren_pairs(out, c)  # "received ≥1 dose of study treatment (1,522 placebo, 2,694 vortioxetine 5–20 mg/day)"
            _arm_list(out, text, m.start("paren") - 1 if paren else m.start("paren2") - 1 if paren2 else m.end(), second or role)

    for m in (match_at(DEMO_PAREN_RE, text, [p for p in near_role if low.find("(", p, p + 40) >= 0]) if "(" in text else ()):
        if (_DEMO_WORD_RE.search(m.group("demo")) and not out.claimed.get(m.start("num"))
                and not _GAP_PERSON_COUNT_RE.search(m.group("demo")) and (role := _role_of(m)) and not _unrandom(m, text)):
            out.add(m, role)
    for m in (match_at(DIVIDED_RE, text, near_role) if "divided" in low else ()):
        gap = _PAREN_RE.sub("", m.group("gap"))
        if _GAP_PERSON_COUNT_RE.search(gap) or _GAP_VERB_RE.search(gap) or _GAP_BAD_RE.search(gap) or out.claimed.get(m.start("num")):
            continue
        out.add(m, "randomized" if random_cue and not m.group("by") else "enrolled")
    and_random = [m.start() for m in _AND_RANDOM_RE.finditer(low)] if "random" in low else []
    vp_nums = [p for p in near_role if _within(and_random, p, 200)] if and_random else ()
    for m in match_at(COORD_VP_RE, text, vp_nums):
        if not _GAP_ROLE_RE.search(m.group("vp")) and not _VP_CLAUSE_RE.search(m.group("vp")):
            out.add(m, "randomized")
    for m in (match_at(STUDY_TO_RE, text, pnums) if _STUDY_TO_QUICK_RE.search(low) else ()):
        if not out.claimed.get(m.start("num")):
            out.add(m, "enrolled")
    for m in match_at(STUDY_RE, text, pnums):
        if _LEFT_STUDY_RE.search(text, max(0, m.start() - 40), m.start()):
            continue  # "caused withdrawal from the study in 3 patients": leaving the study, not its population
        if out.claimed.get(m.start("num")) and not m.group("receiving"):
            continue  # "a study of 610 women randomized to ...": the number's own verb gives its role
        out.add(m, "treated" if m.group("receiving") else "enrolled")
    for m in (match_at(TREATMENT_IN_RE, text, pnums) if ("treatment in " in low or "therapy in " in low) else ()):
        out.add(m, "treated")
    set_nums = [p for p in nums if _SET_WORD_RE.search(low, max(0, p - 45), p + 150)]
    for m in match_at(ANALYSIS_SET_RE, text, set_nums):
        span = None
        done_in = _ANALYSIS_DONE_IN_RE.search(low, max(0, m.start() - 60), m.start())
        if done_in:  # "analysis was carried out in 223 infants": evidence from the analysis
            if out.claimed.get(m.start("num")):
                continue  # "analysis was performed on the 188 patients who completed the study": the set has its role
            end = m.start("paren") - 1 if m.group("paren") else m.end()
            span = (done_in.start(), len(text[:end].rstrip(" (")))
        if out.add(m, "evaluable", span=span):
            _paren_pairs(out, m)
    for m in (match_at(DISCONTINUED_RE, text, pnums) if ("discontinu" in low or "withdr" in low or "drop" in low) else ()):
        out.add(m, "discontinued")

    if "=" in text:
        n_eq = [m.end() - 1 for m in _N_EQ_QUICK_RE.finditer(text)]
        for m in finditer_near(N_EQ_RE, text, n_eq, back=90, ahead=20):
            if _N_SHARE_RE.match(text, m.end()):
                continue  # "predominantly mild in nature (n = 28, 20.3%)": the n of an event with its percent, not an arm
            aset = _SET_NAME_RE.search(m.group("name"))
            if aset:  # "in the full ITT population (n = 637)", "In the efficacy population (n = 74)": the analysed set
                out.add(m, "evaluable", aset.group().strip(), span=(m.start("name") + aset.start(), m.end()))
                continue
            last = _CLAUSE_END_RE.split(m.group("name"))[-1].strip()
            v = _AFTER_NEQ_ROLE_RE.match(text, m.end())
            # a name inside the parenthesis ("764 (SB3, n = 380; TRZ, n = 384) completed") labels an item of a list
            in_paren = text.rfind("(", 0, m.start("num")) < m.start("name") + len(m.group("name")) - len(last)
            if v and _role_of(v) and not _unrandom(v, text) and not in_paren and not _GROUPISH_RE.search(last) and not NOT_PARTICIPANTS_RE.search(last):
                # "Patients (n = 429) were randomly assigned", "fractions of 0.30 or less (n = 3164) were randomized":
                # the population with the verb's role, not an arm
                name_start = m.start("name") + len(m.group("name")) - len(last)
                out.add(m, _role_of(v), span=(name_start, v.end()))
                continue
            if _PERSON_NAME_RE.fullmatch(last) or (_POPULATION_NAME_RE.search(last) and not _GROUPISH_RE.search(last)):
                later = _LATER_NEQ_ROLE_RE.match(text, m.end())
                if later and _role_of(later) and not _unrandom(later, text) and not _GAP_COUNT_RE.search(later.group("gap")):
                    name_start = m.start("name") + len(m.group("name")) - len(last)
                    out.add(m, _role_of(later), span=(name_start, m.end() + 1))
                    second = _role_of_text(later.group("next")) if later.group("next") else None
                    if second:
                        out.add(m, second, span=(name_start, m.end() + 1))
                    if (second or _role_of(later)) == "randomized" and _AND_RECEIVED_RE.match(text, later.end()):
                        out.add(m, "treated", span=(name_start, m.end() + 1))
                    continue
            sent = _sentence_start(text, m.start())
            if (_POPULATION_SENT_RE.match(text, sent) and not _GROUPISH_RE.search(last)
                    and not _N_EQ_QUICK_RE.search(text, sent, m.start("num") - 3)
                    and not _N_EQ_QUICK_RE.search(text, m.end(), text.find(". ", m.end()) % (len(text) + 1))
                    and not RANDOM_CUE_RE.search(text, sent, m.start())):
                # the sentence describes the whole population, with one n and no verb of its own
                name_start = m.start("name") + len(m.group("name")) - len(last)
                out.add(m, "enrolled", span=(name_start, m.end() + 1))
                continue
            if _PERSON_NAME_RE.fullmatch(last):
                continue
            if _POPULATION_NAME_RE.search(last) and not _GROUPISH_RE.search(last):
                adj = _ROLE_ADJ_RE.search(last)  # "randomized patients (N = 1326)"
                out.add(m, _role_of(adj) if adj else "enrolled", span=(m.start("name") + len(m.group("name")) - len(last), m.end()))
                continue
            name = _clean_name(m.group("name"))
            if name is None or parse_int(m.group("num")) == 1:  # an arm of one is an anecdote, not an arm
                continue
            if _EVENT_LIST_RE.search(text, _full_sentence_start(text, m.start()), m.start("name") + len(m.group("name"))):
                continue  # "(n = 3)" after an adverse event or a reason, anywhere in the sentence
            if text[m.start("name") - 1] != "(" and _NEAR_STAT_RE.search(text, max(sent, m.start("name") - 40), m.end("name")):
                continue
            role = _role_of_text(name.split()[-1])
            name_start = m.start("name") + m.group("name").rfind(name)
            out.add(m, role or "group", None if role else name, span=(name_start, m.end()))

        if ";" in text:
            for m in finditer_near(SEMI_N_RE, text, n_eq, back=140, ahead=20):
                value = parse_int(m.group("num"))
                sent = _full_sentence_start(text, m.start())
                if not value or value < 2 or _EVENT_LIST_RE.search(text, sent, m.start("num")):
                    continue
                pre = m.group("pre")
                if _SEMI_STAT_RE.search(pre):
                    continue  # "(HR 0.96 [95% CI ...]; n = 776)", "(+5.3%, p = 0.04; n = 10)", "(A vs. B; N = 46)": not one arm
                name = _clean_name(pre) if not _DIGIT_RE.search(pre) else None
                if name is None and m.group("name"):
                    name = _clean_name(m.group("name"))
                if name and (_PERSON_NAME_RE.fullmatch(name) or NOT_PARTICIPANTS_RE.search(name)):
                    continue
                out.add(m, "group", name, span=(m.start("name") if m.group("name") else m.start("pre") - 1, m.end()))

    if random_cue:
        to_words = _starts(_TO_ARM_WORDS, low)
        for m in match_at(TO_ARM_RE, text, [p for p in nums if _within(to_words, p, 70)]):
            # only after a randomization verb earlier in the sentence
            if not RANDOM_CUE_RE.search(text, _full_sentence_start(text, m.start()), m.start()):
                continue
            name = _clean_name(m.group("name"))
            if name and not _is_range(m, text):
                out.add(m, "group", name)
        for m in (match_at(NAME_PAREN_RE, text, [p for p in nums if text[max(0, p - 3):p].rstrip().endswith("(")]) if "(" in text else ()):
            if RANDOM_CUE_RE.search(text, _sentence_start(text, m.start()), m.start()):
                name = _clean_name(m.group("name"))
                if name:
                    out.add(m, "group", name, span=(m.start("name") + m.group("name").rfind(name), m.end()))

    if "the other " in low or "the remaining " in low:
        others = _starts(_THE_OTHER_WORDS, low)
        for m in match_at(OTHER_ARM_RE, text, [p for p in pnums if _within(others, p, 300)]):
            cut = _CLAUSE_CUT_RE.search(m.group("name"))
            raw = m.group("name")[:cut.start()] if cut else m.group("name")
            n1 = _LEADING_STOP_RE.sub("", raw.strip())
            n2 = _LEADING_STOP_RE.sub("", m.group("name2").strip())
            if n1 and n2:  # what a part received may be counted in cycles ("3 cycles of FU"): no name check on it
                out.add(m, "group", n1[:60], span=(m.start("num"), m.start("name") + len(raw.rstrip())))
                out.add(m, "group", n2, num_group="num2", span=(m.start("num2"), m.end("name2")))
    # two arms, each with what it received, are arm sizes in any trial ("105 patients received A and 109 received B")
    for m in match_at(RECEIVED_LIST_RE, text, [p for p in pnums if any(w in low[p:p + 200] for w in ("received", "given", "treated with"))]):
        n1, n2 = _clean_name(m.group("name")), _clean_name(m.group("name2"))
        if n1 and n2 and n1.lower() != n2.lower():
            out.add(m, "group", n1, span=(m.start("num"), m.end("name")))
            out.add(m, "group", n2, num_group="num2", span=(m.start("num2"), m.end("name2")))

    for m in (match_at(OF_TOTAL_RE, text, nums) if ("Of " in text or "Among " in text) else ()):
        total = parse_int(m.group("num"))
        parts = [c.value for c in out.counts if c.role == "group" and m.start("rest") <= c.start < m.end()]
        if random_cue and len(parts) >= 2 and sum(parts) == total and RANDOM_CUE_RE.search(m.group("rest")):
            out.add(m, "randomized", span=(m.start(), m.end("num")))
        elif not out.claimed.get(m.start("num")) and _OF_BARE_THEN_ROLE_RE.match(text, m.start("rest")):
            # settled rule: "Of 546 patients, 454 (83%) were treated" gives the 546 enrolled
            out.add(m, "enrolled", span=(m.start(), m.start("rest")))

    if ":" in text:
        for m in match_at(HEADING_POPULATION_RE, text, pnums):
            if not out.claimed.get(m.start("num")):
                out.add(m, "enrolled")

    for m in (SUBGROUP_RE.finditer(text) if "/" in text else ()):
        value = parse_int(m.group("num"))
        if value is not None and not any(c.value == value for c in out.counts):
            out.add(m, "group", m.group("name").strip(), span=(m.start("num"), m.end()))

    if "receiv" in low or "given" in low or "administ" in low or "deliver" in low:
        _received(out, doc, found, text, low, pnums)

    if _DESIGN_QUICK_RE.search(low) and not any(c.role in ("enrolled", "randomized", "treated") for c in out.counts):
        for m in match_at(DESIGN_RE, text, pnums):
            if out.claimed.get(m.start("num")) or (m.group("gap") and (_GAP_PERSON_COUNT_RE.search(m.group("gap"))
                                                                     or _DESIGN_NOT_OURS_RE.search(m.group("gap")))):
                continue
            if out.add(m, "enrolled") and m.group("receiving"):
                out.add(m, "treated")
            break  # the first population named is the trial's; later ones are its subsets

    _settle_per_arm(out, per_arm)
    return out.counts


def _received(out: "_Collector", doc: Doc, found: "Found", text: str, low: str, pnums: list[int]) -> None:
    """The treated population named by what it received ('Thirty patients were given ...', '... was administered ...
    to 37 patients'); a smaller one after a treated or randomized total is a subgroup's size instead."""
    treat_pos = sorted({e.start_char for e in doc.ents if e.label_ == "DRUG"} | {d.start for d in found.doses if d.start is not None})

    def names_treatment(a: int, b: int) -> bool:
        i = bisect_right(treat_pos, a - 1)
        return (i < len(treat_pos) and treat_pos[i] < b) or _TREATMENT_WORD_RE.search(text, a, b) is not None

    def larger_before(pos: int, value: int) -> bool:
        return any(c.start < pos and c.role in ("treated", "randomized") and c.value > value for c in out.counts)

    for m in match_at(RECEIVED_RE, text, [p for p in pnums if low.find("receiv", p, p + 400) >= 0 or low.find("given", p, p + 400) >= 0
                                          or low.find("administ", p, p + 400) >= 0]):
        gap = _PAREN_RE.sub("", m.group("gap") or "")
        if _GAP_PERSON_COUNT_RE.search(gap) or _GAP_VERB_RE.search(gap) or _GAP_BAD_RE.search(gap):
            continue
        a = m.start("obj")
        e = _OBJ_END_RE.search(text, a, m.end("obj"))
        b = e.start() if e else m.end("obj")
        if not names_treatment(a, min(b, a + 80)) or _NOT_TRIAL_TREATMENT_RE.search(text, a, b):
            continue
        value = parse_int(m.group("num")) or 0
        # "N patients received X, and ten patients received Y": each is an arm, the first and the last alike
        sibling = e is not None and e.group("next") is not None and _SIBLING_COUNT_RE.match(text, e.start("next")) is not None
        sent = _sentence_start(text, m.start())
        if not sibling and _SIBLING_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()):
            sibling = any(sent <= c.start < m.start() for c in out.counts)
        # "They were allocated at random: 10 women received A, another 10 ...": an item of a list of arms
        colon = text.rfind(":", sent, m.start())
        sibling = sibling or (colon >= 0 and not _HEADING_RE.fullmatch(text, sent, colon))
        if _EACH_IN_RE.search(text, a, b):
            continue  # "received randomized therapy in each treatment sequence": a per-group size, read elsewhere
        b = _CLAUSE_CUT_RE.search(text, a, b).start() if _CLAUSE_CUT_RE.search(text, a, b) else b
        end = text.find(". ", a)
        label = _ARM_LABEL_RE.search(text, a, end if end >= 0 else len(text))
        if label:  # "... on postoperative days 1, 2, and 3 (Group 1)": the clause describes one arm
            out.add(m, "group", label.group("label"), span=(m.start(), b))
        elif sibling or larger_before(m.start(), value):
            name = _LEADING_STOP_RE.sub("", text[a:b].strip())
            if name and not NOT_A_NAME_RE.search(name):
                out.add(m, "group", name[:60], span=(m.start(), b))
        else:
            out.add(m, "treated", span=(m.start(), b))

    if not ("administ" in low or "given" in low or "deliver" in low):
        return
    for m in ADMIN_TO_RE.finditer(text):
        sent = _sentence_start(text, m.start())
        if not names_treatment(sent, m.start("num")) or _GROUPISH_RE.search(text, sent, m.start()):
            continue  # "Two olfactory tests were administered to 78 children"; an arm's own administration
        value = parse_int(m.group("num")) or 0
        if larger_before(m.start("num"), value - 1):
            continue
        out.add(m, "treated", span=(sent if m.start() - sent < 120 else m.start(), m.end()))


def _settle_per_arm(out: "_Collector", per_arm: list) -> None:
    """Settled rule: a per-arm treated/evaluable count is the arm's size (group) only when no other size is written for
    the arms; when the arms' sizes are written elsewhere (at least two group counts at least as large, or one under the
    arm's own name, outside its sentence), it takes its verb's role ('Sixty patients in the Cisplatin arm were evaluable' after the arms' sizes)."""
    if not per_arm:
        return
    own = {id(c) for c, _ in per_arm}
    for c, role in per_arm:
        if role in (None, "group", "randomized", "enrolled"):
            continue
        sent = _full_sentence_start(out.text, c.start)
        end = out.text.find(". ", c.start)
        elsewhere = [o for o in out.counts if o.role == "group" and id(o) not in own
                     and not (sent <= o.start < (end if end >= 0 else len(out.text)))]
        # the arms' sizes written elsewhere: two at least as large, or this arm's own size under the same name
        same_arm = c.group is not None and any(o.group and o.group.lower() == c.group.lower() for o in elsewhere)
        if same_arm or sum(1 for o in elsewhere if o.value >= c.value) >= 2:
            c.role = role
