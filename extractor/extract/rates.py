"""Extractor: rates — proportions of this trial's participants with an outcome (RECORDS.md Rate).

Shapes, by regex over `doc.text` (most specific first; each percent is used once):
  "21.6% (8/37)", "8/37 (21.6%)", "8 of 37 patients (22%)", "52 [19%] of 269", "neutropenia 12 (35%)",
  a bare "27.8%", "43 and 24%, respectively", and n/N, "n of N patients", "n patients out of N" or
  "(n = a/b; OR ...)" with no percent.
Whether a percent is a rate at all is read from its surroundings: confidence intervals, ranges, thresholds
("HbA1c < 7%", "more than 50%"), changes and differences ("reduced by 0.8%", "41% lower"), concentrations
("0.5% bupivacaine", "concentrations of X (0.25% and 0.5%)"), lab measures, mean adherence and baseline
characteristics are dropped. The kind comes from the nearest outcome word (a relapse is progression in a cancer
trial); a percent with no outcome word is kept as `other` only in a sentence about outcomes or when it names a
share of persons with its own verb ("x% of patients received", "achieved by x% of patients", "in x% of patients").
n/N missing from the text are inferred from counts of the same abstract when they give the stated percent.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Optional

import re

import regex
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH
from spacy.tokens import Doc

from ..annotate import sentence_bounds
from ..models import Rate, RecordWarning
from pathlib import Path

from .sections import first_body_heading
from .numbers import (
    COUNT_NUMBER, DECIMAL, NUMBER_WORD, decimals_of, match_at, number_starts, parse_int, parse_percent_number,
    percent_agrees, round_half_up,
)

if TYPE_CHECKING:
    from . import Found

_F = regex.IGNORECASE | regex.VERSION1

PCT = rf"(?P<pct>(?<![\d.·]){DECIMAL})\s?(?:%|percent\b|per\s+cent\b)"
N_OF = r"(?P<n>\d+)"
N_ALL = r"(?P<N>\d+)"
PERSON = (
    r"(?:patients?|subjects?|participants?|individuals?|volunteers?|persons?|people|women|men|children|infants|"
    r"neonates|adults|cases|pts|eyes|responders|recipients|evaluable\s+patients|assessable\s+patients)"
)
NUMW = rf"(?P<n>{COUNT_NUMBER})"
# "All but one of the 265 patients": the complement is the figure, not n
NOT_ALL_BUT = r"(?<!\bbut\s+)"
# "26/27 abatacept- and 23/23 placebo-randomised patients completed Month 4", "11/18 patients completed treatments":
# the share of an arm that completed or left the trial (a completion outcome, kind other), the arm named between
DISPOSITION_AFTER = (rf"\s+(?:[\w-]+\s+){{0,3}}?(?:and\s+\d+\s*/\s*\d+\s+(?:[\w-]+\s+){{0,3}}?)?{PERSON}\s+"
                     r"(?:completed|discontinued|withdrew|dropped\s+out)\b")
# "grade 3/4 toxicity", "CTC grades 3/4 (28% versus 10%)": a pair of grades, not n/N
NOT_GRADE = r"(?<!\b(?:grades?|G)\s*)"
PCT_WORDS = rf"(?P<pct>\b{NUMBER_WORD}(?:[\s\-\u2010\u2011]+{NUMBER_WORD})*)\s+(?:percent|per\s+cent)\b"

CANDIDATES = [
    # "21.6% (8/37)", "28% [5 of 18]", "12% (26 of 211)"
    ("pct_nN", regex.compile(rf"{PCT}\s*[(\[]\s*(?:n\s*=\s*)?{N_OF}\s*(?:/|of|out\s+of)\s*{N_ALL}(?:\s+\w+){{0,2}}?\s*[)\]\;,]", _F)),
    # "8/37 (21.6%)", "35/121 [28.9%]"
    ("nN_pct", regex.compile(rf"(?<![\d./]){NOT_GRADE}{N_OF}\s*/\s*{N_ALL}(?:\s+{PERSON})?\s*[(\[,]\s*{PCT}\s*[)\]]?", _F)),
    # "Two (20%) of ten patients", "52 [19%] of 269 patients"
    ("n_pct_of_N", regex.compile(rf"(?<![\w.,/]){NUMW}\s*[(\[]\s*{PCT}\s*[)\]]\s+of\s+(?:the\s+|all\s+|these\s+)?(?P<N>{COUNT_NUMBER})(?![\d%])", _F)),
    # "8 of 37 patients (22%)", "5 out of 18 (28%)"
    ("n_of_N_pct", regex.compile(rf"(?<![\w.,/]){NOT_ALL_BUT}{NUMW}\s+(?:of|out\s+of)\s+(?:the\s+|all\s+|these\s+)?(?P<N>{COUNT_NUMBER})(?:\s+(?:[\w\-]+\s+){{0,3}}?{PERSON})?\s*[(\[,]\s*{PCT}\s*[)\]]?", _F)),
    # "14 patients (14.5%)", "neutropenia 12 (35%)", "Five patients (6%)"
    ("n_pct", regex.compile(rf"(?<![\w.,/·\-−]){NUMW}(?:\s+(?:[\w\-]+\s+){{0,2}}?{PERSON})?\s*[(\[]\s*{PCT}\s*[)\]]", _F)),
    # "mild (n = 49, 35.5%)", "Hypertension cases (n = 3; 2.2%)": the numerator written as n = before the percent
    # ("(n = 31)" after a percent stays its base: settled 23693018)
    ("n_eq_pct", regex.compile(rf"(?<=[(\[]\s*)n\s*=\s*{N_OF}\s*[,;]\s*{PCT}(?=\s*[)\]])", _F)),
    # "58.6% (n = 17)": numerator written as n =
    ("pct_n", regex.compile(rf"{PCT}\s*[(\[]\s*n\s*=\s*{N_OF}\s*[)\]]", _F)),
    # "43 and 24%, respectively": a percent sign shared by a list
    ("list", regex.compile(rf"(?<![\d.·%\-−])(?P<list>{DECIMAL}\s+(?:vs\.?|versus|v)\s+){PCT}"
                          # (not a time point or a level: "14.3% (placebo) on day 28 and 10.8% and 22.5%")
                          rf"|(?<![\d.·%\-−])(?<![=<>≤≥]\s*)(?<!\b(?:days?|weeks?|months?|years?|hours?|h|cycles?|grades?|levels?|groups?|arms?|"
                          rf"phases?|visits?|stages?|sessions?|doses?)\s+)(?P<list>{DECIMAL}(?:\s*,\s*{DECIMAL})*\s*,?\s*(?:and|or)\s+){PCT}"
                          # "respectively" anywhere in the clause, past a list of doses ("were 73.5, 76.3, 74.1, and 70.4 %
                          # for all patients receiving the palonosetron 0.25, 0.50, and 0.75 mg oral doses, ..., respectively")
                          rf"(?=(?:[^.;]|\.\d){{0,160}}\brespectively)", _F)),
    ("pct", regex.compile(rf"{PCT}", _F)),
    ("pct_words", regex.compile(PCT_WORDS, _F)),
    # "5 of 18 patients", "7/71": no percent written
    ("n_of_N", regex.compile(rf"(?<![\w.,/]){NOT_ALL_BUT}{NUMW}\s+(?:of|out\s+of)\s+(?:the\s+|all\s+|these\s+)?(?P<N>{COUNT_NUMBER})\s+(?:[\w\-]+\s+){{0,3}}?{PERSON}\b", _F)),
    # "Functional remission was observed with X 10 mg (n = 170/573; odds ratio 1.7 ...)": n/N heading the statistics of
    # a comparison is the outcome's figure; "(n = 26/29)" alone is two arm sizes
    ("nN_stat", regex.compile(r"\bn(?:\s*/\s*N)?\s*=\s*(?P<n>\d+)\s*/\s*(?P<N>\d+)(?=\s*[;,]\s*(?:OR|odds\s+ratio|RR|"
                              r"relative\s+risk|risk\s+ratio|HR|hazard\s+ratio|p\s*[=<>≤]))", _F)),
    # "Two patients out of five had DLTs", "Partial response was observed in four patients out of 11"
    ("n_persons_out_of_N", regex.compile(rf"(?<![\w.,/]){NUMW}\s+(?:[\w\-]+\s+)?{PERSON}\s+out\s+of\s+(?:the\s+|all\s+|these\s+)?"
                                         rf"(?P<N>{COUNT_NUMBER})\b(?![\d%]|\s*(?:years?|months?|weeks?|days?)\b)", _F)),
    # "(n = 181/557)" with no percent is two group sizes, not n/N
    ("nN", regex.compile(rf"(?<![\d./:\w])(?<!\bn\s*=\s*){NOT_GRADE}{N_OF}\s*/\s*{N_ALL}(?![\d./:])"
                         rf"(?=\s*[)\],;.]|\s+(?:{PERSON}|had|have|were|was|achieved|experienced|developed|responded|vs\.?|versus|and|or|in|with|for)\b"
                         rf"|{DISPOSITION_AFTER})", _F)),
]

# --- percents that are not rates ---
# "95% CI", "90% confidence interval", "80% power"
_STAT_AFTER_RE = regex.compile(r"\s*(?:CI|CIs|C\.I\.|CL|confidence|credible|inhibitory|effective\s+(?:dose|concentration)|lethal|prediction\s+interval|tolerance|power|probability|significance|level\s+of)(?![a-z])", _F)
# a zone after a CI or range keyword, up to the closing bracket or clause end: its limits are not rates;
# (stdlib `re`: the same matches, a third faster on this whole-text scan)
_ZONE_RE = re.compile(
    r"(?:\b(?:CIs?|CL|C\.I\.|confidence\s+(?:intervals?|limits?)|credible\s+intervals?|range[sd]?|IQR|interquartile\s+range|SD|SE|SEM)\b(?:\s*\[CI\])?|±|\+/-)"
    # the zone stops at "vs"/"versus": "(68%, 95% CI 49%-83% vs. 22%, ...)" gives the other arm's figure next
    r"(?:(?!\b(?:vs|versus)\b)[^)\];]){0,60}", re.IGNORECASE)
# "41% lower", "a 30% decrease", "50% or more reduction", "3 percentage points"
_CHANGE_AFTER_RE = regex.compile(
    r"(?:\s*(?:,|and|or|to|-|–)\s*\d+(?:\.\d+)?\s?%)*\s*(?:or\s+(?:more|greater|less)\s+)?(?:relative\s+|absolute\s+)?(?:risk\s+)?(?:reductions?|decreases?|increases?|declines?|drops?|rises?|"
    r"improvements?|lower|higher|greater|less|more|fewer|changes?|differences?|inhibition|gains?|loss|shorter|longer|"
    r"faster|slower|excess|points?|percentage|(?:from|over|relative\s+to|compared\s+with)\s+baseline|reduced|increased|decreased|improved|of\s+(?:the\s+)?(?:planned|intended|"
    r"predicted|expected|normal|maximum|maximal|baseline|total|ideal|dose|body\s+weight|initial|reference|"
    # "x% of control" is relative to a control value; "x% of the control group" is a share of its persons
    r"control(?!\s+(?:group|arm|patients|subjects|participants|cohort|children|infants|women|men)))|"
    r"per\s+(?:year|annum|month|week|day|person|patient[\s-]year|100)|/\s*(?:year|yr|y|month)\b|w/v|v/v|w/w|"
    r"solution|dextrose|glucose|saline|NaCl|lidocaine|lignocaine|bupivacaine|ropivacaine|levobupivacaine|chlorhexidine|"
    r"povidone|cream|gel|ointment|foam|spray|aqueous|alcohol|ethanol|sucrose|albumin|oxygen|O2|isoflurane|sevoflurane|"
    r"desflurane|formulation|strength|concentration|lotion|eye\s*drops?|tincture|mouthwash|iodine|nitrous|emulsion|"
    r"Intralipid|propofol|lipid|fat|of\s+predicted|predicted|inspired|data\s+maturity|maturity|information\s+fraction|mannitol|hydrogen\s+peroxide|sodium|potassium)\b", _F)
# "reduced by 30%", "HbA1c < 7%", "more than 50%", "ranged from 10% to"; a bare "=" states a figure
# ("ORR = 30%", "response rate=25%"), only "<", ">", "≤", "≥" (also "< or =") bound one
_BEFORE_RE = regex.compile(
    r"(?:\bby(?:\s+(?:around|nearly|almost|roughly|some|over|up\s+to))?|[<>≤≥]\s*(?:or\s*)?=?|\b(?:less|more|greater|fewer|higher|lower)\s+than|\bat\s+least|\babove|\bbelow|\bover|\bunder|\bup\s+to|"
    r"\bexceed(?:ing|ed|s)?|\bwithin|\bfrom|\bbetween|\breductions?\s+of|\bdecreases?\s+of|\bincreases?\s+of|\bimprovements?\s+of|"
    r"\bdeclines?\s+of|\bdifferences?\s+of|\bchanges?\s+of|"
    # "31.4?6.1%": a ± lost in decoding between a mean and its SD
    r"(?<=\d\s?)\?|\breduced|\bincreased|\bdecreased|\bimproved|\blowered|\bdeclined|\bfell|\brose|"
    r"\bdifference|\bchange|\bbetween\s+\S+\s+and|[-−–+±]|\d\s*(?:-|–|to)|\bapproximately\s+by|\bmargin\s+of|\bpower\s+of|\balpha\s+of|\bα|"
    # index thresholds: "American College of Rheumatology 70% responses", "PASI 75%"
    # "difference, 9.0% [95% CI ...]", "mean difference=30.3%": the label of a difference set off by , : or =
    # a value at baseline: "reduced HbA1c by 0.74% from baseline 7.82%"
    r"\bbaseline(?:\s+(?:values?|levels?))?(?:\s+of)?|"
    r"\bRheumatology|\bACR|\bPASI|\bEASI)\s*(?:(?<=difference|change)\s*[,:=])?\s*(?:about\s+|approximately\s+|only\s+|a\s+|[~≈∼]\s*)?$",
    _F)
# the change words of _BEFORE_RE: a list that a change opens is changes throughout ("decreased total blood loss by
# nearly 54% in B/L TKR and 40% in U/L TKR", "scores improved 26 and 38%")
_CHANGE_WORD_RE = regex.compile(r"(?:by|reduced|increased|decreased|improved|lowered|declined|fell|rose)\b", _F)
# a change verb with its object right before the figure: "Metoprolol reduced maximum heart rate 31%, summed stress
# scores 29%, and ...", "lowered hsCRP levels 40.0%", "increased the stroke volume 30%"; not an event's share
# ("reduced mortality (8% vs. 17%)", "reduced the incidence of X 12%") nor a share of persons
_CHANGE_OBJECT = (
    rf"(?:(?!(?:by|in|to|from|of|with|than|for|among|at|on|and|or|vs|versus|was|were|had|who|while|whereas|but|only|"
    rf"that|which|{PERSON}|"
    r"(?<!(?:heart|pulse|respiratory|flow|filtration)\s+)rates?|proportions?|incidences?|percentages?|frequenc\w+)\b)"
    r"[\w/\-]+(?:\s+\([^()%;]{1,25}\))?\s+){1,5}")
_CHANGE_OBJECT_RE = regex.compile(
    r"\b(?:reduced|increased|decreased|improved|lowered|enhanced|shortened|prolonged|augmented|"
    rf"attenuated|suppressed)\s+{_CHANGE_OBJECT}(?:{DECIMAL}\s?%\s*(?:\([^()]{{0,40}}\)\s*)?,\s*(?:and\s+)?{_CHANGE_OBJECT})*"
    r"(?:[~≈∼]\s*|(?:approximately|about|nearly|almost)\s+)?$", _F)
# a change as the subject of the figure: "the increase in weight at 4 months relative to baseline weight was 17.3%",
# "the acute CR improvement was approximately 7 %"; not "the proportion of patients with an improvement in X was"
_CHANGE_SUBJECT_RE = regex.compile(
    # (a list of events after it is a list of outcomes: "The reduction of QRS voltage, arrhythmia and abnormal
    # troponin were 55.0%, 45.0% and 45.0%"; "75% reduction in PASI responses were 65%" is a responder rate)
    r"(?<!%\s*|%\s+[\w-]+\s+)\b(?:increases?|decreases?|reductions?|improvements?|changes?|gains?|loss|declines?)\b"
    r"(?:\s+(?:in|of)\s+(?:(?!\b(?:respon\w*|rates?|proportions?)\b)[^.;%,]){0,60}?)?"
    r"\s+(?:was|were)\s+(?:approximately\s+|about\s+|around\s+|nearly\s+|[~≈∼]\s*)?$", _F)
# what makes a change noun part of a share of persons: "the proportion of patients with an improvement"
_SHARE_LEAD_RE = regex.compile(
    rf"\b(?:proportions?|percentages?|rates?|incidences?|probabilit\w+|number|likelihood|odds|with|having|success\w*|"
    rf"respon\w*|achiev\w*|{PERSON})\b", _F)
# the upper end of a range or CI written with both signs ("15% to 27%", "(29% to 55%)"); a change "from a% to b%"
# ("the ORR from 26% to 35%") states the second figure
_RANGE_END_RE = regex.compile(r"\d\s?%\s*(?:-|–|to)\s*$")
_FROM_TO_RE = regex.compile(rf"\bfrom\s+{DECIMAL}\s?%(?:\s*(?:,|and)\s*{DECIMAL}\s?%)*\s+to\s*$", _F)
# a passive agent, not a change: "achieved by 86% and 55% of patients", "noted by 35% of the PC group"
_BY_END_RE = regex.compile(r"\bby\s*(?:[~≈∼]\s*|(?:about|approximately|nearly|almost|around)\s+)?$", _F)
# "were reported by 50.5%, 50%, 46.7%, 62.1% of YBCS", "were achieved by 73.5%, 57.5%, and 32.8% of those treated":
# a passive agent, not a change, even where the persons are not named as such
_AGENT_BY_RE = regex.compile(
    r"\b(?:reported|achieved|noted|experienced|observed|seen|endorsed|attained|met|used|preferred|chosen|selected|"
    r"perceived|completed|rated|mentioned|cited|reached|obtained|accepted|received|performed|described)\s+"
    r"(?:[\w-]+\s+){0,3}?by\s*(?:[~≈∼]\s*|(?:about|approximately|nearly|almost|around|only)\s+)?$", _F)
_SHARE_OF_PERSONS_RE = regex.compile(
    rf"(?:\s*(?:,|and|or)\s*{DECIMAL}\s?%)*\s+of\s+(?:the\s+|all\s+|these\s+)?(?:[\w-]+\s+){{0,3}}?(?:{PERSON}|group|arm|cohort)\b", _F)
_RANGE_AFTER_RE = regex.compile(rf"\s*(?:-|–|to)\s*{DECIMAL}\s?%?\s*(?!of\b)(?=[^\w]|$)|\s*[-–]\s*{DECIMAL}", _F)
# a lab or device measure written as a percent, not a proportion of participants
_MEASURE_BEFORE_RE = regex.compile(
    r"\b(?:HbA1c|HbA\s?\(?1c\)?|A1C|glycated|glycosylated|h(?:a)?emoglobin\s+A1c?|FEV1|FVC|ejection\s+fraction|LVEF|EF|"
    r"saturation|SpO2|SaO2|h(?:a)?ematocrit|Hct|body\s+fat|fat\s+mass|bioavailability|coefficient\s+of\s+variation|CV|"
    # (a test's sensitivity or specificity in the trial's patients is a share of them, a rate: settled 22747856)
    r"accuracy|AUC|Cmax|concentration|inhibition|occupancy|"
    r"bone\s+mineral\s+density|BMD|dose\s+intensity|relative\s+dose|variability|BMI|"
    r"agreement|kappa|reproducibility|recovery\s+of|yield|efficiency|absorption|excretion|clearance|binding|"
    r"uptake|density|percentage\s+of\s+time|time\s+in\s+range|TIR|ISI|concentrations|"
    r"(?:median|mean|average)\s+(?:percentage|proportion|percent)|percentage\s+of\s+days)\b"
    r"[^.;]{0,30}$", _F)
# "... was elevated in 80% of the patients": the share of participants in whom something was found or done
# ("cases" left out: "agreed with the reference in 80% of cases" counts judgements)
_IN_BEFORE_RE = regex.compile(r"\bin\s+(?:only\s+|approximately\s+|about\s+|nearly\s+|almost\s+|around\s+|over\s+)?$", _F)
_OF_PERSONS_AFTER_RE = regex.compile(
    r"\s*of\s+(?:the\s+|all\s+|these\s+)?(?:[\w-]+\s+){0,2}?(?:patients|subjects|participants|women|men|children|"
    r"infants|neonates|eyes|individuals|volunteers|recipients|adults)\b", _F)
_DISPOSITION_AFTER_RE = regex.compile(DISPOSITION_AFTER, _F)
# ("87% of which took place in the patient's home": a share of things, not of persons)
_OF_WHOM_RE = regex.compile(r"\s*of\s+(?:whom|which)\b", _F)
# adherence or compliance as the subject of the figure, with no other outcome word after it: a mean of each
# patient's share of doses or sessions, not a proportion of patients ("n (x%) were adherent" is one)
_ADHERENCE_SUBJECT_RE = regex.compile(
    r"\b(?:adherence|compliance)\b(?:(?!\b(?:patients?|participants?|subjects?|women|men|children)\b)[^.;%])*$", _F)
_CHANGES_OF_RE = regex.compile(
    r"\b(?:reductions?|decreases?|increases?|improvements?|declines?|changes?|differences?)\s+of\s+"
    r"(?:about\s+|approximately\s+|around\s+|nearly\s+)?$", _F)
# an exercise or stimulus intensity named after the figure; "45% of patients reached peak ..." names persons
_INTENSITY_AFTER_RE = regex.compile(
    r"\s*(?:of\s+(?:the\s+|their\s+)?)?(?:maximal|maximum|max|peak|V̇?O2\s?(?:max|peak)?|MVC|MVIC|1-?RM|HR\s?max|HRR|"
    r"heart\s+rate\s+reserve|contrast)\b", _F)
# a solute or solution named right before the figure ("(NaCl 0.9%)", "(lidocaine 0.5%)") or a tonicity before it
_SOLUTE_BEFORE_RE = regex.compile(
    r"(?:\b(?:NaCl|saline|glucose|dextrose|sucrose|lidocaine|lignocaine|bupivacaine|ropivacaine|chlorhexidine|ethanol)"
    r"|\b(?:hyper|hypo|iso)tonic\s*[(\[])\s*$", _F)
_WEIGHT_RATIO_AFTER_RE = regex.compile(r"\s*,?\s*(?:wt|w)\s*/\s*(?:wt|w|v|vol)\b", _F)
# the strengths of a solution given in parentheses after what they are strengths of
_STRENGTH_BEFORE_RE = regex.compile(r"\b(?:concentrations?|strengths?)\s+of\s+[^.;%()]{0,70}[(\[]\s*$", _F)
# a threshold of a measure: "HbA1c < 7%", "A1C of 7% or less", "≤6.5%"
_BOUND_PCT_RE = regex.compile(
    rf"(?:[<>≤≥]|\b(?:less|lower|more|greater)\s+than|\bbelow|\bunder)\s*(?:or\s*)?=?\s*{DECIMAL}\s?%|{DECIMAL}\s?%\s+or\s+(?:less|lower|below)\b", _F)
# baseline descriptions ("65% were men", "ECOG 0 in 40%")
_BASELINE_RE = regex.compile(
    r"\b(?:male|female|males|females|men|women|boys|girls|white|black|caucasian|asian|hispanic|ethnic\w*|race|aged?|"
    r"older|younger|years\s+old|smok\w*|ECOG|performance\s+status|PS|Karnofsky|stage|histolog\w*|adenocarcinoma|"
    r"squamous|prior|previous(?:ly)?|history|characteristics|"
    # "baseline" describes patients, not "change from baseline" or "baseline testing"
    r"(?<!\b(?:from|to|with|over|versus|vs\.?|than|of)\s+)baseline(?!\s+(?:testing|tests?|measurements?|values?|visits?|assessments?|levels?|scores?))|comorbid\w*|married|educat\w*|BMI|obes\w*|"
    r"overweight|diagnos\w*|naive|naïve|genotype|mutations?|mutated|expression|expressed|prevalence|demographic\w*|"
    r"Gleason|grade\s+[12]\s+tumou?rs?|metastatic\s+sites|liver\s+metastases|nodal|node[\s-]positive|receptor[\s-]positive|"
    r"HER2|ER\+|hormone|menopaus\w*|premenopausal|postmenopausal|insurance|income|employ\w*|living|resident\w*|"
    # the state before the trial's treatment: "Before radiotherapy, 70% of patients had no weight loss", "on entry"
    r"(?:before|prior\s+to)\s+(?:the\s+)?(?:treatment|therapy|radiotherapy|chemotherapy|surgery|randomi[sz]ation|enrol\w*|entry)|"
    r"on\s+entry|at\s+entry|at\s+enrol\w*|at\s+screening)\b", _F)
# outcome words that make a plain percent an outcome rate (kind `other`)
_OUTCOME_RE = regex.compile(
    # "proportions" of persons only: "Proportions of REM sleep duration" is a measure, and "similar proportions had
    # MDS (50 [51%] ...)" describes who the patients are
    rf"\b(?:rates?|incidences?|proportion|proportions(?!\s+of\s+(?!(?:the\s+|all\s+)?(?:[\w-]+\s+){{0,2}}?{PERSON}))(?!\s+(?:had|have|were|was)\b)|"
    r"occur\w*|re-?occur\w*|achiev\w*|experienc\w*|develop\w*|success\w*|complet\w*|cured?|cure\s+rate|"
    r"heal\w*|remission|relaps\w*|recurren\w*|recurred|mortality|died|deaths?|dead|events?|resolution|resolved|"
    r"required|requiring|needed|compliance|adherence|adherent|retention|retained|satisf\w*|eradicat\w*|abstinen\w*|"
    r"abstain\w*|conversion|seroconver\w*|seroprotect\w*|withdr\w*|discontinu\w*|failures?|failed|responding|free\s+of|free\s+from|"
    r"improv\w*|normali[sz]\w*|reached|attained|underwent|return\w*|reported|readmi\w*|hospitali[sz]\w*|cessation|"
    r"quit|ovulat\w*|pregnan\w*|live\s+birth|efficacy|effective|clearance|negative|negativity|reduction\s+of\s+at\s+least|"
    r"rescue|infection|infected|tested\s+(?:positive|negative)|positive\s+for|transfusion|reintervention|reoperation|conversion|clinical\s+cure|benefit)\b", _F)

# a test's sensitivity, specificity or predictive value: in the trial's patients a share of them, a rate (settled
# 22747856); not "high sensitivity-C reactive protein", "sensitivity analysis", nor where the base is cases, images
# or lesions ("agreed with the reference standard in 80% of cases", "lesion-by-lesion analysis")
_DIAGNOSTIC_RE = regex.compile(
    r"\b(?:(?<!high[\s-])sensitivit(?:y|ies)(?!\s+analys|[\s-]+C\b)|specificit(?:y|ies)|predictive\s+values?|PPV|NPV)\b", _F)
_DIAGNOSTIC_UNITS_RE = regex.compile(
    r"\b(?:cases|images|readings|lesions?|lesion-by-lesion|samples|specimens|scans|sites|metastases|readers?)\b", _F)

# The adverse-event vocabulary of the AE extractor (CTCAE terms as abstracts write them), minus the terms that are
# also lab names or list-only words, and minus diseases that trials count as efficacy outcomes.
_NOT_AE_KIND = {"heart failure", "congestive heart failure", "myocardial infarction", "fracture", "depression",
                "anxiety", "hepatitis", "weight gain"}


def _trie_pattern(terms: set[str]) -> str:
    """One alternation per shared prefix (a trie): a flat list of 300 terms made the kind scan twice as slow."""
    trie: dict = {}
    for t in terms:
        node = trie
        for ch in t:
            node = node.setdefault(" " if ch in " -" else ch, {})
        node[""] = True

    def render(node: dict) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            alts.append((r"[\s-]+" if ch == " " else regex.escape(ch)) + render(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not end else "(?:" + "|".join(alts) + ")"
        return body + ("?" if end and alts else "")

    return render(trie)


def _ae_vocabulary() -> str:
    path = Path(__file__).resolve().parents[1] / "data" / "ae_terms.txt"
    terms = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        term, _, tag = line.partition("\t")
        term = term.strip().lower()
        if term and not term.startswith("#") and not tag.strip() and term not in _NOT_AE_KIND and len(term) > 3:
            terms.add(term)
    return "(?:" + _trie_pattern(terms) + r")\b"


_AE_VOCABULARY = _ae_vocabulary()

KIND_PATTERNS = [
    ("complete_response", r"(?:patho(?:logic(?:al)?)?\s+)?complete\s+(?:response|remission|responders?|regression)|(?-i:\b(?:CR|CRs|pCR|CRR)\b)"),
    ("partial_response", r"partial\s+(?:response|remission|responders?|regression)|(?-i:\bPRs?\b)"),
    # "mean [SD] age", "± SD": a standard deviation
    ("stable_disease", r"stable\s+disease|disease\s+stabili[sz]ation|no\s+change(?!\s+(?:in|of|from)\b)|"
                       r"(?<!\bmean\s*[(\[]?\s*|±\s*|\+/-\s*)(?-i:\bSD\b)(?!\s*[)\]]?\s*(?:age|=|:|,\s*\d))"),
    ("disease_control", r"disease[\s-]control|clinical\s+benefit|(?-i:\b(?:DCR|CBR)\b)"),
    ("survival", r"surviv\w*|(?-i:\b(?:PFS|OS|DFS|EFS|RFS|MFS|DSS|CSS|LC)\b)|(?:progression|disease|event|relapse|recurrence|metastasis|failure)[\s-]free|"
                 r"\balive\b|local\s+control|"
                 # mortality at a time point is survival (settled rule); mortality alone stays `other`
                 r"(?:\d+|one|two|three|five|ten)[\s-](?:day|week|month|year)s?[\s-](?:all[\s-]cause\s+)?mortality|"
                 r"mortality\s+(?:at|by|within)\s+(?:\d+|one|two|three|five|ten)\s+(?:days?|weeks?|months?|years?)"),
    ("progression", r"progress(?:ion|ive\s+disease|ed)(?![\s-]free)|(?-i:\bPD\b)"),
    # the disease returning: progression in a cancer trial, `other` for an infection or symptom (settled rule);
    # not the adjectives of eligibility ("relapsed or refractory", "recurrent disease"); "-free" is survival above
    ("relapse", r"relaps(?:e|es)\b(?![\s-]free)|recurrences?\b(?![\s-]free)|recurred"),
    ("response", r"respon(?:se|ses|ded|ders?|sive)|(?-i:\b(?:ORR|ORRs|BOR|SVR\d*|ACR\s?\d+|PASI\s?\d+|EASI\s?\d+)\b)"),
    ("adverse_event", r"advers\w*|toxicit\w*|side[\s-]effects?|(?-i:\b(?:AEs?|SAEs?|TEAEs?|DLTs?|irAEs?|ALT|AST|PONV)\b)|dose[\s-]limiting|"
                      r"grades?\s*(?:[1-5]|I{1,3}V?|≥|>=)|neutropeni\w*|leukopeni\w*|leucopeni\w*|thrombocytopeni\w*|"
                      r"an(?:a)?emi\w*|lymphopeni\w*|febrile|nause\w*|vomit\w*|emesis|diarrh\w*|fatigue|asthenia|rash\w*|"
                      r"alopecia|mucositis|stomatitis|hypertension|hypotension|neuropath\w*|hand[\s-]foot|anorexia|"
                      r"constipation|fever|pyrexia|headache|dizziness|pruritus|insomnia|somnolence|dyspn\w*|cough|"
                      r"arthralgia|myalgia|hepatotoxic\w*|transaminase\w*|bilirubin|proteinuria|edema|oedema|"
                      r"bleeding|ha?emorrhag\w*|thrombo\w*|embolism|infections?|sepsis|pneumonitis|colitis|hypothyroid\w*|"
                      r"hyperglyc\w*|hypoglyc\w*|hypokal\w*|hyponatr\w*|injection[\s-]site|nephrotox\w*|ototox\w*|"
                      r"cardiotox\w*|pain\s+at\s+injection|dysgeusia|weight\s+loss|hiccups?|flushing|chills|"
                      r"reactions?|hypersensitivity|anaphyla\w*|cytopeni\w*|myelosuppression|neutrophil\s+count|"
                      r"mucosal|dermatitis|sensory|paresthesia|paraesthesia|complications?|(?-i:\b(?:VTE|DVT)\b)|"
                      # postoperative and liver toxicities written out: "anastomotic leak rates", "Increases in alanine
                      # aminotransferase ... were reported in five (3.7%)"
                      r"anastomotic[\s-]+leak\w*|(?:alanine|aspartate)\s+aminotransferase|"
                      + _AE_VOCABULARY),
]
# \b first: "rebleeding" is not "bleeding", "nonresponse" not "response"
_KIND_RE = regex.compile("|".join(rf"(?P<{k}{i}>\b(?:{p}))" for i, (k, p) in enumerate(KIND_PATTERNS)), _F)
# right-hand side that says who had what: "35% had a partial response", "(8/37) achieved CR"
_RIGHT_VERB_RE = regex.compile(
    r"\s*[)\]]?\s*(?:of\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}?(?:patients|subjects|participants|cases|children|women|men)\s+)?"
    r"(?:(?:in\s+)?(?:the\s+)?[\w\-]+\s+(?:group|arm)\s+)?(?:had|have|achieved|experienced|developed|showed|attained|obtained|"
    r"were|was|remained|died|survived|responded|reached|reported)\b", _F)
_GROUP_RE = regex.compile(
    r"\s*[)\]]?\s*(?:with|for|in|on|among)\s+(?:the\s+)?(?P<g>(?:arm\s+[A-Z0-9]+|(?:[\w\-+/.]+\s+){0,3}?(?:group|arm|cohort)|"
    r"[\w\-+/.]+(?:\s+[\w\-+/.]+){0,2}?))(?=\s*(?:[,;.)]|\s(?:versus|vs|and|compared|respectively|than)\b|$))", _F)
_ARMISH_RE = regex.compile(r"\b(?:group|arm|cohort|placebo|control)\b|^arm\s", _F)
_BASELINE_AFTER_RE = regex.compile(
    r"\s*[)\]]?\s*(?:of\s+(?:the\s+)?(?:patients|subjects|participants)\s+)?(?:were\s+|was\s+|are\s+|had\s+|with\s+)?"
    r"(?:male|female|males|females|men|women|boys|girls|white|black|caucasian|asian|hispanic|smokers?|current\s+smokers?|"
    r"former\s+smokers?|never\s+smokers?|stage|ECOG|PS\s*\d|performance\s+status|married|aged|older|younger|"
    r"postmenopausal|premenopausal|obese|overweight|previously|prior|treatment[\s-]na[iï]ve|na[iï]ve)\b", _F)
# the state before the trial written later in the figure's clause: "162/676 (24 %) patients had renal impairment at
# baseline", "97.2% of patients had head and neck cancer as their primary malignancy"; concomitant medication:
# "Of those M+, 70.1% were taking ICS" (not "were taking study drug at week 24")
_BASELINE_LATER_RE = regex.compile(
    r"[^.;,]{0,100}?\b(?:at\s+(?:baseline|entry|enrol\w*|screening|study\s+entry)|as\s+(?:their|the)\s+primary)\b"
    r"|\s*[)\]]?\s*(?:of\s+(?:the\s+)?(?:patients|participants|subjects)\s+)?(?:were|was)\s+(?:taking|using)\b"
    r"(?![^.;]{0,60}\b(?:study|at\s+(?:week|month|day|the\s+end)|after|during|follow)\b)", _F)
# what turns such a clause into an outcome after all: "(23%) who were positive at baseline became negative"
_LATER_OUTCOME_RE = regex.compile(
    r"\b(?:became|converted|achiev\w*|develop\w*|respond\w*|resolv\w*|died|discontinu\w*|complet\w*|withdr\w*|"
    r"improv\w*|recover\w*|relaps\w*|experienc\w*|consent\w*|assessments?|outcomes?|follow[\s-]?up)\b", _F)
# a sentence opened by its base and a demographic parenthesis lists who the patients are: "Of 187 patients enrolled
# (147 men [78.6%]; mean [SD] age, 63.9 [13.3] years), 122 patients had Parkinson disease (65.2%), 13 (7.0%) were
# stroke survivors, ..."; its figures are no rates unless their clause has an outcome verb
_DEMOGRAPHIC_BASE_RE = regex.compile(
    rf"\s*(?:Of|Among|In)\s+(?:the\s+|all\s+)?{COUNT_NUMBER}\s+(?:[\w-]+\s+){{0,3}}?{PERSON}(?:\s+[\w-]+){{0,2}}\s*"
    r"[(\[][^()\[\]]*(?:\([^()]*\)|\[[^\[\]]*\][^()\[\]]*)*\b(?:men|women|males?|females?|age|aged|years)\b", _F)
# "blasts of 50% or less": a threshold
_THRESHOLD_AFTER_RE = regex.compile(r"\s*or\s+(?:less|more|greater|fewer|lower|higher|above|below|over|under)\b", _F)
_PERCENT_WORD_RE = regex.compile(r"\bper\s?cent\b", _F)
# a base that is not participants: "Among the 32 episodes", "rates per distal anastomoses", "25 of 32 episodes"
_NOT_PERSONS = (r"(?:episodes?|tests?|samples?|specimens?|procedures?|lesions?|infusions?|injections?|admissions?|"
                r"visits?|anastomos[ie]s|teeth|tooth|implants?|grafts?|cultures?|isolates?|attacks?|events?|prescriptions?|"
                r"pairs|measurements?|readings?)")
_NOT_PERSONS_BEFORE_RE = regex.compile(
    rf"(?:\bper\s+(?:[\w-]+\s+)?|\b(?:among|of|in)\s+(?:the\s+|all\s+|these\s+)?{COUNT_NUMBER}\s+(?:[\w-]+\s+)?){_NOT_PERSONS}\b[^;]*$", _F)
_NOT_PERSONS_IN_RE = regex.compile(rf"\d\s+(?:[\w-]+\s+)?{_NOT_PERSONS}\b", _F)
# "In only 89/754 (11.8%) pairs": the unit named right after the figure
# (plural nouns only: "2/50 (4%) admission to ICU", "(10%) injection site reactions" are patients' outcomes)
_NOT_PERSONS_AFTER_RE = regex.compile(
    r"\s*[)\]]?\s*(?:[\w-]+\s+){0,2}?(?:pairs|samples|specimens|lesions|episodes|procedures|measurements|readings|tests|teeth|"
    r"cultures|isolates|anastomoses|grafts|implants|prescriptions|interviews|questionnaires|sessions|cycles|courses)\b", _F)
_PERSONS_AFTER_RE = regex.compile(rf"\s*[)\]]?\s*of\s+(?:the\s+|all\s+|these\s+)?(?:[\w-]+\s+){{0,2}}?{PERSON}", _F)
# other studies quoted in the background: "Older reports suggest ...", "... reported a 37% response rate"
_OTHER_STUDY_RE = regex.compile(
    r"\b(?:previous(?:ly)?|prior|earlier|older|other|published|historical)\s+(?:reports?|stud(?:y|ies)|trials?|series|data|"
    r"literature|experience)\b|\b(?:has|have)\s+been\s+reported\b|\breported\s+(?:a|an)\s+\d|\bliterature\b", _F)
_OUR_STUDY_RE = regex.compile(r"\b(?:we|our|this\s+(?:study|trial)|the\s+present|the\s+current)\b", _F)
# the base a sentence opens with: "Of 405 patients ...", "Among the 275 patients randomized ...",
# and "Forty-four patients were enrolled ... of which 7 (16%)"
_BASE_OF_RE = regex.compile(
    rf"\s*(?-i:[A-Z][A-Z ]{{2,30}}:\s*)?(?:Of|Among|In|For)\s+(?:the\s+|all\s+|these\s+|a\s+total\s+of\s+)?(?P<N>{COUNT_NUMBER})\s+(?:[\w-]+\s+){{0,3}}?{PERSON}\b", _F)
_BASE_SUBJECT_RE = regex.compile(
    rf"\s*(?-i:[A-Z][A-Z ]{{2,30}}:\s*)?(?:A\s+total\s+of\s+|Overall,?\s+|In\s+total,?\s+)?(?P<N>{COUNT_NUMBER})\s+(?:[\w-]+\s+){{0,2}}?{PERSON}\b", _F)
# the n (x%) that follows a base and reports on it: "; 7 (7.5%) developed", "of which 7 (16%)"
_OF_BASE_LEAD_RE = regex.compile(r"(?:;|,?\s+(?:of\s+(?:whom|which|these|them)|and\s+of\s+these))\s*,?\s*$", _F)
# numbers of participants written in the abstract, the denominators a stated numerator may be inferred against
# (tried only where a number starts, like the candidates: scanning every character was a fifth of the stage's time)
_POPULATION_RE = regex.compile(
    # "65 of 200 patients" is a numerator: the words between never hold "of"
    rf"(?P<v>{COUNT_NUMBER})\s+(?:(?!of\b|out\b)[\w-]+\s+){{0,2}}?{PERSON}\b"
    rf"|(?P<v>{COUNT_NUMBER})\s+(?:were|was)\s+(?:randomi[sz]ed|assigned|allocated|enrolled|included|treated)\b"
    # "38 patients who received 200 mg, 39 who received 400 mg": the later sizes of a list name no person
    rf"|(?<=,\s*(?:and\s+)?|\band\s+)(?P<v>{COUNT_NUMBER})\s+who\s+(?:received|were|had\s+been|completed|underwent)\b", _F)
_N_EQUALS_RE = regex.compile(r"\b[nN]\s*=\s*(?P<v>\d[\d,]*)")
# "43% of the patients had ...", "80% of patients in the brimonidine group ... had achieved": a share of the
# participants with its own outcome verb, an outcome even where the sentence names no outcome word
_PCT_OF_PERSONS_VERB_RE = regex.compile(
    # "49.1% and 36.0% of patients received dose adjustment": the first item of a list shares the rest
    rf"(?:(?:\s*,\s*{DECIMAL}\s?%)*\s*,?\s+(?:and|or)\s+{DECIMAL}\s?%)?"
    rf"\s*[)\]]?\s*of\s+(?:the\s+|all\s+)?(?:[\w-]+\s+){{0,2}}?{PERSON}(?:\s+(?:in|receiving|treated\s+with|on|given)\s+[^.;()]{{0,50}}?)?"
    # received/underwent: a share of participants given a treatment or procedure during the trial (settled rule:
    # "454 (83%) were treated" is a rate); "prior"/"previous" treatment stays a baseline description
    r"\s+(?:had|have|achieved|experienced|developed|attained|reached|showed|required|needed|received|underwent|"
    r"completed|discontinued|withdrew)\b", _F)
# a verb right after the figure: its own clause reports an outcome ("64 (94.2%) were assessable", "(51%) had ...")
_CLAUSE_BREAK_RE = regex.compile(r";|,|\band\b|\bwhereas\b|\bwhile\b|\bbut\b", _F)
# "(6%) with prior chemotherapy had a complete response": a subgroup's outcome, not a baseline description
_SUBGROUP_OUTCOME_RE = regex.compile(r"[^.;]{0,80}?\b(?:had|achieved|experienced|developed|attained|showed|responded)\b", _F)
_SIGN_RE = regex.compile(r"\s?(?:%|percent\b|per\s+cent\b)", _F)
_QUICK_RE = regex.compile(r"%|percent|per\s+cent|\bout\s+of\s|\d\s+per\s*cent|\d\s*/\s*\d|\d\s+(?:of|out\s+of)\s+\d|\b(?:of|out\s+of)\s+(?:the\s+)?\d", _F)
# a number that may count patients with an outcome: not a percent, decimal, ratio, time, dose or grade
_NUMBER_IN_SENT_RE = regex.compile(
    rf"(?<!\b(?:grades?|days?|weeks?|cycles?|levels?|phase|arms?|group|stage|n\s*=)\s*(?:\d+\s*(?:-|–|to|and|or|,|/)\s*)?"
    rf"|[-–/]\s*|[A-Za-z]){COUNT_NUMBER}"
    r"(?!\s*(?:%|percent|·\d|\.\d|/\d|\+|[-–]\s*[a-z]|(?:years?|months?|weeks?|days?|hours?|h|min\w*|"
    r"mg|g|µg|mcg|ml|mL|kg|m2|Gy|IU|cycles?|courses?|doses?|times|points?|mm\w*|cm|fold|sites?|centres?|centers?|"
    r"hospitals?|countries|institutions|studies|trials|populations?|groups?|arms?|cohorts?|subgroups?|criteria|items?|"
    r"domains?|categories|types?|factors?|parameters?|variables?|end\s*points?|questions?|lesions?|episodes?|events?|"
    r"visits?|samples?|measurements?|injections?|infusions?|sessions?|steps?|levels?|dose\s+levels?|strata)\b))", _F)
# a number with its own percent is that figure's numerator: "32 patients (70%)"
_OWN_FIGURE_RE = regex.compile(r"\s*(?:[\w-]+\s+){0,2}?[(\[]\s*(?P<p>\d+(?:[.·]\d+)?)\s*%", _F)


# what may stand between two items of one list of figures: a group phrase, a comma or semicolon, and/or/versus
_LIST_GAP_RE = regex.compile(
    r"(?:\s*[)\]])?\s*(?:(?:in|for|with|among|of)\s+[^.;%()\[\]]{0,60}?)?\s*"
    # "\b" before the optional ".": "91% vs. 93%" is a list like "91% vs 93%"
    r"(?P<sep>[,;]?\s*(?:(?:and|or|vs|versus|v)\b\.?|compared\s+(?:with|to)\b)|[,;])?\s*[(\[]?\s*", _F)

# the gap from a rate to the other arm's figure: "... compared with|versus|than 51%" (no other figure between)
_COMPARED_GAP_RE = regex.compile(r"[^.;%]{0,120}?\b(?:compared\s+(?:with|to)|versus|vs\.?|than)\s*(?:that\s+(?:in|of|for)\s+[^.;%]{0,40}?)?[(\[]?\s*", _F)
_ARM_AFTER_RE = regex.compile(r"\s*(?:[)\],;.]|(?:in|for|with|among|of|on)\s)", _F)

# a cancer trial, where a relapse or recurrence is the disease progressing
_CANCER_RE = regex.compile(
    r"\b(?:cancers?|carcinomas?|tumou?rs?|neoplas\w*|lymphomas?|leuka?emias?|myelomas?|sarcomas?|melanomas?|"
    r"metasta\w*|malignan\w*|gliomas?|glioblastomas?|blastomas?|oncolog\w*)\b", _F)

_WORD_LED = {"n_pct_of_N", "n_of_N_pct", "n_pct", "n_of_N", "n_persons_out_of_N"}

# Figures given arm by arm in the same order ("(48 [17%] of 276 patients allocated A vs 29 [11%] of 266 allocated B),
# rash (29 [11%] vs two [1%])"): the gap joining the figures of one comparison, and "vs none of 114" whose base
# still names the second arm's size.
_VS_GAP_RE = regex.compile(r"[^;(\[.]{0,80}?\b(?:vs\.?|versus)\s*", _F)
_AND_GAP_RE = regex.compile(r"[^;(\[.]{0,80}?\band\s+", _F)
_VS_NONE_RE = regex.compile(r"[^;(\[.]{0,80}?\b(?:vs\.?|versus)\s+(?:none|no\s+patients?|zero)\b(?:\s+of\s+(?:the\s+)?(?P<N>\d+))?", _F)
_VS_QUICK_RE = regex.compile(r"\b(?:vs|versus)\b", _F)


def _arm_bases(text: str, cands: list["_Cand"], sent_starts: list[int]) -> dict[int, int]:
    """Base of each unbased figure of an arm-by-arm comparison, by its position: the i-th figure of "a vs b" takes
    the N last stated for the i-th arm of such a comparison ("of 276 ... vs ... of 266", or "320 of 1722 ... and
    351 of 1723"). Only figures joined by vs/versus take a base; "and" joins only two stated bases."""
    slot = [0] * len(cands)
    paired = [False] * len(cands)
    extra: dict[int, int] = {}  # "vs none of N" after figure i: the next arm's base
    for i, c in enumerate(cands):
        if i and bisect_right(sent_starts, cands[i - 1].start) == bisect_right(sent_starts, c.start):
            p = cands[i - 1]
            if _VS_GAP_RE.fullmatch(text, p.end, c.start) or (
                    p.N is not None and c.N is not None and slot[i - 1] == 0 and _AND_GAP_RE.fullmatch(text, p.end, c.start)):
                slot[i], paired[i], paired[i - 1] = slot[i - 1] + 1, True, True
        m = _VS_NONE_RE.match(text, c.end)
        if m and (i + 1 == len(cands) or m.end() <= cands[i + 1].start):
            paired[i] = True
            if m.group("N"):
                extra[i] = int(m.group("N"))
    memory: dict[int, int] = {}
    out: dict[int, int] = {}
    for i, c in enumerate(cands):
        if not paired[i]:
            continue
        if c.N is not None:
            memory[slot[i]] = c.N
        elif c.n is not None and slot[i] in memory:
            out[i] = memory[slot[i]]
        if i in extra:
            memory[slot[i] + 1] = extra[i]
    return out



class _Cand:
    __slots__ = ("start", "end", "pct_span", "pct_text", "n", "N", "shape", "n_span")

    def __init__(self, start, end, pct_span, pct_text, n, N, shape, n_span=None):
        self.start, self.end, self.pct_span, self.pct_text = start, end, pct_span, pct_text
        self.n, self.N, self.shape, self.n_span = n, N, shape, n_span


def _int(s: Optional[str]) -> Optional[int]:
    return parse_int(s) if s is not None else None


def _pct(s: str) -> float:
    try:
        return float(s.replace("·", "."))  # the usual case, without a regex
    except ValueError:
        v = parse_percent_number(s)
        return v if v is not None else float("nan")


def _find_candidates(text: str) -> list[_Cand]:
    taken: list[tuple[int, int]] = []  # spans of numbers already used

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    out: list[_Cand] = []
    nums = number_starts(text)
    for shape, rx in CANDIDATES:
        # patterns led by a count number (words included) are tried only near numbers
        if shape == "pct_words" and not _PERCENT_WORD_RE.search(text):
            continue
        matches = match_at(rx, text, nums) if shape in _WORD_LED else rx.finditer(text)
        for m in matches:
            gd = m.groupdict()
            if shape == "list":
                base = m.start("list")
                for x in regex.finditer(DECIMAL, m.group("list")):
                    a, b = base + x.start(), base + x.end()
                    if free(a, b):
                        out.append(_Cand(a, b + 0, (a, b), x.group(), None, None, "pct"))
                        taken.append((a, b))
                a, b = m.span("pct")
                if free(a, b):
                    out.append(_Cand(a, m.end(), (a, b), m.group("pct"), None, None, "pct"))
                    taken.append((a, m.end()))
                continue
            spans = [m.span(g) for g in ("pct", "n", "N") if gd.get(g) is not None]
            if not all(free(a, b) for a, b in spans):
                continue
            n, N = _int(gd.get("n")), _int(gd.get("N"))
            if gd.get("n") is not None and n is None:
                continue
            if N is not None and (n is None or n > N or N == 0):
                continue
            pct = (m.span("pct"), m.group("pct")) if gd.get("pct") is not None else (None, None)
            if pct[1] is not None and _pct(pct[1]) != _pct(pct[1]):
                continue
            out.append(_Cand(m.start(), m.end(), pct[0], pct[1], n, N, "pct" if shape == "pct_words" else shape,
                             m.span("n") if gd.get("n") is not None else None))
            taken.extend(spans)
    out.sort(key=lambda c: c.start)
    return _merge(text, out)


# "131 of the 532 patients who received remdesivir (24.6%)": the percent written a few words after its n/N
_BETWEEN_RE = regex.compile(r"[^.;%()\[\]]{0,60}[(\[]\s*$")
_PCT_FOR_GROUP_N_RE = regex.compile(r"\s*(?:for|in|with|among)\s+[^.;%()\[\]]{0,50}?[(\[]\s*n\s*=\s*(?P<N>\d+)\s*[)\];,]", _F)
_PCT_THEN_NN_RE = regex.compile(r"\s*(?:in|for|with|among)\s+[^.;%()\[\]]{0,50}?[(\[]\s*")


def _merge(text: str, cands: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    skip = set()
    for i, c in enumerate(cands):
        if i in skip:
            continue
        if c.pct_span is None and i + 1 < len(cands):
            nxt = cands[i + 1]
            if (nxt.shape == "pct" and _BETWEEN_RE.fullmatch(text, c.end, nxt.start)
                    and percent_agrees(_pct(nxt.pct_text), decimals_of(nxt.pct_text), c.n, c.N)):
                end = nxt.end + (1 if text[nxt.end:nxt.end + 1] in ")]" else 0)
                out.append(_Cand(c.start, end, nxt.pct_span, nxt.pct_text, c.n, c.N, "n_of_N_pct", c.n_span))
                skip.add(i + 1)
                continue
        if c.shape == "pct" and i + 1 < len(cands):
            nxt = cands[i + 1]
            if (nxt.pct_span is None and nxt.N is not None and _PCT_THEN_NN_RE.fullmatch(text, c.end, nxt.start)
                    and percent_agrees(_pct(c.pct_text), decimals_of(c.pct_text), nxt.n, nxt.N)):
                end = nxt.end + (1 if text[nxt.end:nxt.end + 1] in ")]" else 0)
                out.append(_Cand(c.start, end, c.pct_span, c.pct_text, nxt.n, nxt.N, "pct_nN", nxt.n_span))
                skip.add(i + 1)
                continue
        out.append(c)
    return out


def _zones(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _ZONE_RE.finditer(text)]


def _not_a_rate(text: str, c: _Cand, zones: list[tuple[int, int]], drug_starts: set[int],
                drug_ends: set[int] = frozenset()) -> "bool | str":
    if c.pct_span is None:
        return False
    a, b = c.pct_span
    if _pct(c.pct_text) > 100:
        return True
    if any(s <= a < e for s, e in zones):
        return True
    sign = _SIGN_RE.match(text, b)
    pos = sign.end() if sign else b
    after = text[pos: pos + 80]
    if _STAT_AFTER_RE.match(after) or _CHANGE_AFTER_RE.match(after):
        return True
    if _INTENSITY_AFTER_RE.match(after):
        return "listed"  # "at 45% MVIC", "(60–70% peak oxygen uptake)", "40, 60 and 80% of VO2max": an intensity
    if _SOLUTE_BEFORE_RE.search(text, max(0, a - 40), a):
        return "listed"  # "saline (NaCl 0.9%)", "hypertonic (4.5%) saline": a concentration
    if _WEIGHT_RATIO_AFTER_RE.match(after):
        return "listed"  # "retapamulin ointment (1%, wt/wt)": a strength
    if after[:1] == "/" or text[max(0, a - 2):a] == "%/":
        return True  # "20%/50%/70% improvement criteria": thresholds, not rates
    if any(pos <= d <= pos + 2 and not text[pos:d].strip() for d in drug_starts) or \
            any(a - 2 <= e <= a and not text[e:a].strip() for e in drug_ends):
        return "listed"  # "0.5% bupivacaine": a concentration, and so is the rest of its list
    if _RANGE_AFTER_RE.match(after) or _THRESHOLD_AFTER_RE.match(after):
        return True
    before = text[max(0, a - 40): a]
    if c.shape == "pct" and _CHANGES_OF_RE.search(before):
        return "listed"  # "decreases of 65% and 56% of ... volume and clearance": changes, the whole list
    if c.shape == "pct" and _RANGE_END_RE.search(before) and not _FROM_TO_RE.search(before):
        return True
    if c.shape in ("pct",):
        m = _BEFORE_RE.search(before)
        if m and not (_BY_END_RE.search(before) and _SHARE_OF_PERSONS_RE.match(text, pos)):
            return "listed" if (_CHANGE_WORD_RE.match(text, m.start() + max(0, a - 40))
                                and not _AGENT_BY_RE.search(before)) else True
        if _CHANGE_OBJECT_RE.search(text, max(0, a - 160), a):
            return "listed"
        m = _CHANGE_SUBJECT_RE.search(text, max(0, a - 100), a)
        if m:
            lead = text.rfind(".", max(0, m.start() - 150), m.start())
            if not _SHARE_LEAD_RE.search(text, max(lead + 1, m.start() - 150), m.start()):
                return "listed"
    if c.shape == "pct" and _STRENGTH_BEFORE_RE.search(text, max(0, a - 90), a):
        return "listed"  # "different concentrations of ... levobupivacaine (0.25% and 0.5%)": strengths
    if c.shape == "pct":
        m = _MEASURE_BEFORE_RE.search(text, max(0, a - 60), a)
        # "achieved an A1C <7% with sitagliptin (47.0%)": the measure is the bound's, the outcome's name
        if m and not _BOUND_PCT_RE.search(text, m.start(), a):
            return "listed"  # a measure, and so is the rest of its list
    return False


# the shared predicate right before the outcome word, after a list of figures ("..., and 11 (33%) in X had a")
_SHARED_PREDICATE_RE = regex.compile(
    r"\b(?:had|have|achieved|experienced|developed|showed|attained|reached)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}$", _F)
_LIST_ITEM_RE = regex.compile(rf",\s*(?:and\s+)?{COUNT_NUMBER}\s*[(\[]\s*{DECIMAL}\s?%", _F)


class _KindIndex:
    """The outcome words of each sentence that holds a candidate, found in one pass per sentence: scanning the
    sentence again for every candidate with the large alternation cost more than the rest of the extractor."""

    __slots__ = ("starts", "ends", "names", "_done", "_text")

    def __init__(self, text: str):
        self._text = text
        self._done: set[int] = set()
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.names: list[str] = []

    def scan(self, s0: int, s1: int) -> None:
        if s0 in self._done:
            return
        self._done.add(s0)
        ms = list(_KIND_RE.finditer(self._text, s0, s1))
        if not ms:
            return
        i = bisect_right(self.starts, s0)
        self.starts[i:i] = [m.start() for m in ms]
        self.ends[i:i] = [m.end() for m in ms]
        self.names[i:i] = [_kind_name(m) for m in ms]

    def last_before(self, lo: int, hi: int) -> tuple[Optional[str], int]:
        """The kind of the last outcome word inside [lo, hi), and where it ends."""
        i = bisect_right(self.starts, hi) - 1
        while i >= 0 and self.starts[i] >= lo:
            if self.ends[i] <= hi:
                return self.names[i], self.ends[i]
            i -= 1
        return None, lo

    def first_after(self, lo: int, hi: int) -> Optional[str]:
        """The kind of the first outcome word inside [lo, hi)."""
        i = bisect_right(self.starts, lo - 1)
        if i < len(self.starts) and self.ends[i] <= hi:
            return self.names[i]
        return None


def _kind(text: str, c: _Cand, sent_start: int, sent_end: int, kinds: _KindIndex) -> tuple[Optional[str], bool]:
    """(kind or None, found_on_right). Nearest outcome word on the left in the sentence, unless the right says
    who had what ("35% had a partial response")."""
    # a stated n/N is often followed by its outcome at the end of a long clause ("11/27 (41%; ...) ... were responders")
    right_end = sent_end if c.N is not None else min(sent_end, c.end + 90)
    kinds.scan(sent_start, sent_end)
    own_clause = _RIGHT_VERB_RE.match(text, c.end, right_end) is not None
    if own_clause:
        k = kinds.first_after(c.end, right_end)
        if k:
            return k, True
    k, k_end = kinds.last_before(sent_start, c.start)
    # "assessable for toxicity and 64 (94.2%) were assessable for efficacy": the left word is another clause's
    if k is not None and not (own_clause and _CLAUSE_BREAK_RE.search(text, k_end, c.start)):
        return k, False
    k = kinds.first_after(c.end, right_end)
    if k:
        return k, True
    # "11 (29%) patients in the 200 mg group, 13 (33%) in the 400 mg group, and 11 (33%) in the 1400 mg group had a
    # PSA response": the first figure of a list shares the predicate that ends it, however far
    i = bisect_right(kinds.starts, c.end - 1)
    if i < len(kinds.starts) and kinds.ends[i] <= sent_end and kinds.starts[i] - c.end <= 300:
        gap = text[c.end:kinds.starts[i]]
        if ";" not in gap and _SHARED_PREDICATE_RE.search(gap) and _LIST_ITEM_RE.search(gap):
            return kinds.names[i], True
    return None, False


def _kind_name(m: regex.Match) -> str:
    name = m.lastgroup
    return name.rstrip("0123456789")


def _group(text: str, c: _Cand, sent_end: int, drug_starts: set[int]) -> Optional[str]:
    m = _GROUP_RE.match(text, c.end, min(sent_end, c.end + 60))
    if not m:
        return None
    g = m.group("g").strip()
    if _ARMISH_RE.search(g) or m.start("g") in drug_starts:
        return g
    return None


def _drug_bounds(doc: Doc) -> tuple[set[int], set[int]]:
    """Start and end offsets of DRUG mentions from the token arrays (doc.ents builds a Token per token)."""
    drug = doc.vocab.strings["DRUG"] if "DRUG" in doc.vocab.strings else None
    if drug is None or len(doc) == 0:
        return set(), set()
    arr = doc.to_array([ENT_IOB, ENT_TYPE, IDX, LENGTH])
    rows = arr[arr[:, 1] == drug]
    if not len(rows):
        return set(), set()
    starts, ends = set(), set()
    prev_end = None
    for iob, _, idx, length in rows.tolist():
        if iob == 3 or prev_end is None:  # B opens a mention
            if prev_end is not None:
                ends.add(prev_end)
            starts.add(idx)
        prev_end = idx + length
    ends.add(prev_end)
    return starts, ends


_EXPLICIT = {"pct_nN", "nN_pct", "n_pct_of_N", "n_of_N_pct"}


def _population(text: str, found: "Found") -> list[tuple[int, int]]:
    """(offset, value) of the numbers of participants written in the abstract, in text order."""
    out = {(c.start, c.value) for c in found.counts if c.start is not None}
    for rx_matches in (match_at(_POPULATION_RE, text, number_starts(text)), _N_EQUALS_RE.finditer(text)):
        for m in rx_matches:
            v = parse_int(m.group("v"))
            if v is not None and v > 0 and not _FIGURE_AFTER_RE.match(text, m.end()):
                out.add((m.start("v"), v))
    return sorted(out)


# "Fifteen eyes (88%) ...": a numerator with its own percent, not a base
_FIGURE_AFTER_RE = regex.compile(rf"\s*[(\[]\s*{DECIMAL}\s?%")


def _base_of_sentence(text: str, s0: int, c: _Cand) -> tuple[Optional[int], bool]:
    """(N, opens_with_of) for a sentence that opens with its base ("Of 405 patients", "Forty-four patients ...")."""
    m = _BASE_OF_RE.match(text, s0, c.start)
    if m:
        return parse_int(m.group("N")), True
    m = _BASE_SUBJECT_RE.match(text, s0, c.start)
    if m and m.end() <= c.start and not _FIGURE_AFTER_RE.match(text, m.end()):
        return parse_int(m.group("N")), False
    return None, False


def _baseline_near(text: str, b0: int, b1: int, a0: int, a1: int) -> bool:
    """A baseline word near a figure with no outcome word; one before the figure is overruled by an outcome word
    nearer the figure ("92 patients with IFAT titer 80 or more before treatment, efficacy would be 68.1%")."""
    if _BASELINE_RE.search(text, a0, a1):
        return True
    last = None
    for m in _BASELINE_RE.finditer(text, b0, b1):
        # "Among 181 patients (mean age, 70 years; 75 [41%] women), 155 (86%) completed": a closed parenthesis
        # describes the base, not the figure after it
        gap = text[m.end():b1]
        if gap.count(")") + gap.count("]") <= gap.count("(") + gap.count("["):
            last = m
    return last is not None and not _OUTCOME_RE.search(text, last.end(), b1)


def extract(doc: Doc, found: "Found") -> list[Rate]:
    text = found.text or doc.text
    if not _QUICK_RE.search(text):
        return []
    cands = _find_candidates(text)
    if not cands:
        return []
    zones = _zones(text)
    drug_starts, drug_ends = _drug_bounds(doc)  # ends: "carteolol 1%" is a strength
    bounds = sentence_bounds(doc)
    sent_starts = [a for a, _ in bounds] or [0]
    sent_ends = [b for _, b in bounds] or [len(text)]
    count_values = sorted({c.value for c in found.counts})
    kinds = _KindIndex(text)
    heading = first_body_heading(text)
    body_start = heading or 0
    population: Optional[list[tuple[int, int]]] = None
    cancer: Optional[bool] = None  # a cancer trial: read once, when a relapse figure needs it

    rates: list[Rate] = []
    digits_of: list[int] = []  # the stated precision of each rate's percent
    stated_N_in_sentence: dict[int, list[int]] = {}
    prev_end, prev_kind = -1, None  # the figure before, and its kind ("dropped" when it was no rate)
    arm_bases = _arm_bases(text, cands, sent_starts) if _VS_QUICK_RE.search(text) else {}
    for ci, c in enumerate(cands):
        if c.start < body_start:
            continue  # background and aims of a structured abstract
        i = max(bisect_right(sent_starts, c.start) - 1, 0)
        s0, s1 = sent_starts[i], sent_ends[i]
        # the next item of a list goes the way of the first: "(0.25% and 0.5%)" after a drug are strengths,
        # "2.3% for 49 children ...; 2.5% in 47 children" after "median percentage of days" are measures
        gap = _LIST_GAP_RE.fullmatch(text, prev_end, c.start) if s0 <= prev_end else None
        listed = gap is not None and gap.group("sep") is not None
        inherited = prev_kind if listed else None  # a kind, or "listed" when the first item was no rate
        # "43% of the patients had an occluded graft compared with 51% in the control group": the other arm's
        # figure of the same outcome, however long the first figure's clause
        compared = prev_kind if (inherited is None and prev_kind not in (None, "listed") and s0 <= prev_end
                                 and _COMPARED_GAP_RE.fullmatch(text, prev_end, c.start)) else None
        prev_end, prev_kind = c.end, None
        if inherited == "listed":
            prev_kind = "listed"
            continue
        why = _not_a_rate(text, c, zones, drug_starts, drug_ends)
        if why:
            prev_kind = why if why == "listed" else None
            continue
        if _NOT_PERSONS_BEFORE_RE.search(text, s0, c.start) and not _PERSONS_AFTER_RE.match(text, c.end):
            continue  # "Among the 32 episodes, 26 (81%)", "rates per distal anastomoses were 27%"
        if c.N is not None and (_NOT_PERSONS_IN_RE.search(text, c.start, min(s1, c.end + 3))
                                or _NOT_PERSONS_AFTER_RE.match(text, c.end)):
            continue  # "25 out of 32 episodes (78%)"
        if heading is None and _OTHER_STUDY_RE.search(text, s0, s1) and not _OUR_STUDY_RE.search(text, s0, s1):
            continue  # "Older reports suggest a response rate of 8%"
        kind, _ = _kind(text, c, s0, s1, kinds)
        if kind == "relapse":
            if cancer is None:
                cancer = _CANCER_RE.search(text) is not None
            kind = "progression" if cancer else "other"
        if kind is None and inherited is not None:
            kind = inherited  # "65 of 200 patients were transplanted (33%), 30 (13%) in the intermediate-risk group"
        if kind is None and compared is not None and _ARM_AFTER_RE.match(text, c.end):
            kind = compared
        m = _BASELINE_LATER_RE.match(text, c.end, s1)
        if m and not _LATER_OUTCOME_RE.search(text, c.end, m.end()):
            continue  # "(24 %) patients had renal impairment at baseline"
        if _DEMOGRAPHIC_BASE_RE.match(text, s0, c.start):
            lo = max(s0, text.rfind(",", s0, c.start - 12) + 1, text.rfind(";", s0, c.start) + 1)
            hi = min(s1, c.end + 60)
            if not _LATER_OUTCOME_RE.search(text, lo, hi):
                continue  # "..., 13 (7.0%) were stroke survivors, ...": who the patients are
        if c.n is None and _OF_WHOM_RE.match(text, c.end):
            continue  # "49,616 applicators, 53% of whom reported ...": a description of the population just named
        if _BASELINE_AFTER_RE.match(text, c.end, min(s1, c.end + 40)) and not (kind and kind != "other" and _SUBGROUP_OUTCOME_RE.match(text, c.end, s1)):
            continue  # "54% male", "(32%) were women", "32% stage 1"; not "(6%) with prior chemotherapy had a CR"
        if kind is None:
            # a percent with no outcome word: an outcome only in an outcome sentence, never a baseline description;
            # a stated n/N with its percent, or "n (x%) had ...", is an outcome of its own
            if _baseline_near(text, max(s0, c.start - 70), c.start, c.end, min(s1, c.end + 40)):
                continue
            own = c.shape in _EXPLICIT or (c.n is not None and c.pct_span is not None
                                           and _RIGHT_VERB_RE.match(text, c.end, min(s1, c.end + 90))) or \
                (c.pct_span is not None and _PCT_OF_PERSONS_VERB_RE.match(text, c.end, min(s1, c.end + 120))
                 and not _BASELINE_RE.search(text, c.end, min(s1, c.end + 120))) or \
                (c.pct_span is not None and c.n is None and _IN_BEFORE_RE.search(text, max(s0, c.start - 25), c.start)
                 and _OF_PERSONS_AFTER_RE.match(text, c.end))  # "was assessed by angiography in 95% of patients"
            if not own and not _OUTCOME_RE.search(text, s0, s1) and not (
                    _DIAGNOSTIC_RE.search(text, s0, s1) and not _DIAGNOSTIC_UNITS_RE.search(text, s0, s1)):
                continue
            if c.pct_span is None and not (c.shape == "nN_stat" and _OUTCOME_RE.search(text, s0, s1)) \
                    and not (c.shape == "nN" and _DISPOSITION_AFTER_RE.match(text, c.end)):
                continue  # a bare n/N needs a named outcome
            if not own and c.n is None and c.N is None and _ADHERENCE_SUBJECT_RE.search(text, s0, c.start):
                prev_kind = "listed"  # and so is the rest of its list ("was 68.4% and 67% in the C and T arms")
                continue  # "The rate of adherence ... was 78.9%": an average of per-patient shares (settled rule)
            kind = "other"
        elif _BASELINE_RE.search(text[max(s0, c.start - 30): c.start]) and kind in ("other",):
            continue

        n, N = c.n, c.N
        if c.pct_span is None and n == 0:
            continue  # "had no recurrences (0/16)": an outcome named as absent is no 0% rate (settled rule)
        inferred = False
        consistent: Optional[bool] = None
        if c.pct_text is not None:
            percent = round(_pct(c.pct_text), 4)
            digits = decimals_of(c.pct_text)
            if n is None and digits >= 1:
                # "62.3% in the GET arm (n = 114)": the arm's size written for the percent is its base, when the
                # percent is a whole number of it ("76% in group 1 (n = 19)" is a numerator: 19/25)
                m = _PCT_FOR_GROUP_N_RE.match(text, c.end, s1)
                if m:
                    k = int(m.group("N"))
                    if k > 0 and any(percent_agrees(percent, digits, j, k) for j in range(k + 1)):
                        N = k
            if N is None:
                base, opens_with_of = _base_of_sentence(text, s0, c)
                if base is not None and (n is None or n < base):
                    if n is None:
                        N = base if opens_with_of else None
                    elif opens_with_of or percent_agrees(percent, digits, n, base) or \
                            _OF_BASE_LEAD_RE.search(text, max(s0, c.start - 30), c.start):
                        N = base
                positioned = ci in arm_bases  # its arm is known by position: no other arm's base may fill it
                if N is None and n is not None and positioned:
                    k = arm_bases[ci]
                    if n < k and _rounds_to(percent, digits, n, k):
                        N, inferred = k, True
                if N is None and n is not None and not positioned:
                    # a list sharing the base of its first item: "(15 [12%] of 124 patients), hot flush (six [5%])"
                    for prev in reversed(stated_N_in_sentence.get(s0, [])):
                        if n < prev and _rounds_to(percent, digits, n, prev):
                            N = prev
                            break
                if N is None and n is not None and not positioned:
                    if population is None:
                        population = _population(text, found)
                    agreeing = {v for _, v in population if v > n and _rounds_to(percent, digits, n, v)}
                    if len(agreeing) == 1:
                        N, inferred = agreeing.pop(), True
            if n is not None and N is not None:
                consistent = percent_agrees(percent, digits, n, N)
                if not consistent:
                    found.warnings.append(RecordWarning(
                        code="rate_mismatch", start=c.start, end=c.end,
                        message=f"{n}/{N} is {100.0 * n / N:.1f}%, not the stated {c.pct_text}%"))
            elif n is None and N is None:
                if population is None:
                    population = _population(text, found)
                n, N, inferred = _infer(text, c, s0, s1, percent, digits, count_values, population)
        else:
            percent = round_half_up(100.0 * n / N, 1)
        if c.N is not None:
            stated_N_in_sentence.setdefault(s0, []).append(c.N)
        if percent == 0:
            prev_kind = kind  # the list goes on ("0% and 58.3% with Easyhaler")
            continue  # "(4.1% v 0%)", "0 (0%) vs. 1 (0.3%)": an outcome absent in an arm is no 0% rate (settled rule)
        digits_of.append(decimals_of(c.pct_text) if c.pct_text is not None else 1)
        prev_kind = kind
        rates.append(Rate(
            percent=percent, numerator=n, denominator=N, kind=kind, inferred=inferred, consistent=consistent,
            group=_group(text, c, s1, drug_starts), text=text[c.start:c.end], start=c.start, end=c.end,
        ))
    if any(r.numerator is None and r.denominator is None and r.kind in _TUMOUR_KINDS and r.percent > 0 for r in rates):
        _infer_across_sentences(text, rates, digits_of, count_values, population or _population(text, found))
    return rates


# "Six partial responses", "one complete response", "three patients had a partial response": a number written for
# an outcome, which a percent of the same outcome elsewhere may be a share of ("(CR, 2%; PR, 13%)")
_NUMBER_FOR_KIND_RE = regex.compile(
    r"\s+(?:(?:patients?|subjects?|participants?|cases)\s+(?:had|achieved|showed|attained|with|experienced)\s+(?:an?\s+)?)?"
    r"(?:confirmed\s+|objective\s+|major\s+|durable\s+|unconfirmed\s+)?(?=\w)", _F)


# outcomes counted once per patient; adverse events are counted as events too ("grade 3-4 neutropenia", "4 deaths")
_TUMOUR_KINDS = {"response", "complete_response", "partial_response", "stable_disease", "disease_control", "progression"}


def _infer_across_sentences(text: str, rates: list[Rate], digits_of: list[int], count_values: list[int],
                            population: list[tuple[int, int]]) -> None:
    """A percent of a named outcome with no n/N in its sentence ("The overall response rate was 15% (CR, 2%; PR 13%)")
    takes its numerator from a number written for the same outcome elsewhere ("One of 16 patients ... had a complete
    response", "Six partial responses") and its denominator from the participants written in the abstract, when
    exactly one such pair gives the percent (settled rule: a numerator only when that number is written for that
    outcome)."""
    by_kind: dict[str, set[int]] = {}
    for r in rates:
        if r.numerator and not r.inferred and r.kind in _TUMOUR_KINDS:
            by_kind.setdefault(r.kind, set()).add(r.numerator)
    for p in number_starts(text):
        m = _NUMBER_IN_SENT_RE.match(text, p)
        if m is None:
            continue
        lead = _NUMBER_FOR_KIND_RE.match(text, m.end())
        if lead is None:
            continue
        k = _KIND_RE.match(text, lead.end())
        if k is not None:
            v = parse_int(m.group())
            if v:
                by_kind.setdefault(_kind_name(k), set()).add(v)
    denominators = set(count_values) | {v for _, v in population}
    for i, r in enumerate(rates):
        if r.numerator is not None or r.denominator is not None or r.kind not in _TUMOUR_KINDS or r.percent <= 0:
            continue
        pairs = {(n, N) for n in by_kind.get(r.kind, ()) for N in denominators
                 if 0 < n < N and _rounds_to(r.percent, digits_of[i], n, N)}
        if len(pairs) == 1:
            n, N = pairs.pop()
            rates[i] = r.model_copy(update={"numerator": n, "denominator": N, "inferred": True})


def _rounds_to(percent: float, digits: int, n: int, N: int) -> bool:
    """n/N gives the stated percent by ordinary (half-up) rounding: the settled rule for inferring n/N. Authors
    who truncate are forgiven only in the consistency check of a stated n/N."""
    return N > 0 and abs(round_half_up(100.0 * n / N, digits) - percent) < 1e-9


def _infer(text: str, c: _Cand, s0: int, s1: int, percent: float, digits: int,
           count_values: list[int], population: list[tuple[int, int]]) -> tuple[Optional[int], Optional[int], bool]:
    """n/N from numbers written in the abstract: numerators from this sentence, denominators from the counts and
    the numbers of participants written anywhere ("the 37 eligible patients").
    Kept only when exactly one pair gives the stated percent (half-up at the stated precision). An arm size is
    never a numerator ("n = 70", or a number that is itself a count)."""
    counts = set(count_values)
    denominators = counts | {v for _, v in population}
    numerators = set()
    for m in _NUMBER_IN_SENT_RE.finditer(text, s0, s1):
        if c.start <= m.start() < c.end or regex.search(r"\bn\s*=\s*$", text[max(s0, m.start() - 6):m.start()]):
            continue
        own = _OWN_FIGURE_RE.match(text, m.end())
        if own is not None and own.start("p") != c.pct_span[0]:
            continue
        v = parse_int(m.group())
        if v is not None and 0 < v < 10000 and not (1900 <= v <= 2100) and v not in counts:
            numerators.add(v)
    if percent <= 0:
        return None, None, False  # "0%" is nobody: no numerator to find
    pairs = {(n, N) for N in denominators for n in numerators if 0 < n < N and _rounds_to(percent, digits, n, N)}
    if len(pairs) == 1:
        n, N = pairs.pop()
        return n, N, True
    return None, None, False
