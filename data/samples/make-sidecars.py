#!/usr/bin/env python3
"""Regenerate the Gloss sample sidecars (sidecar format v1).

Usage:
    python3 data/samples/make-sidecars.py           # (re)write every sidecar
    python3 data/samples/make-sidecars.py --check   # verify, write nothing; exit 1 if stale
    python3 data/samples/make-sidecars.py --report  # also print where alice and bilal differ

Annotations are defined below by the text they cover (a snippet plus an
occurrence index), never by offsets, so the articles can be edited and the
sidecars regenerated.  Attribute values, article labels and relations other
than speaker are checked against the samples' own gloss-labels.json (a
span starts with its attributes' defaults, as a new span in the app does).  Offsets are computed in Unicode code points on the text
exactly as stored in the file (no newline translation, no normalisation).

Standard library only; works with plain python3 (3.11+).
"""

import hashlib
import json
import re
import sys
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent

ANNOTATORS = {"alice": "Alice Moreau", "bilal": "Bilal Haddad"}
LABELS = {"claim", "quote", "person", "organization", "location", "misc"}
ENTITY_LABELS = {"person", "organization", "location", "misc"}
MIN_ANNOTATIONS, MAX_ANNOTATIONS = 15, 40

SAME = object()  # "this annotator agrees with the base definition"


class Span:
    """One annotation as the annotators see it.

    key    -- name used by speaker() to refer to it (local to the article)
    label  -- base label
    find   -- the exact text to mark
    occ    -- which occurrence of `find` (0-based); None = it must be unique
    within -- optional unique context string; `find` is searched inside it
    note   -- note both annotators wrote (usually "")
    alice, bilal -- SAME (agree with the base), None (did not mark it), or a
              dict overriding any of label/find/occ/within/note for that
              annotator only.
    """

    def __init__(self, key, label, find, occ=None, *, within=None, note="",
                 alice=SAME, bilal=SAME):
        self.key, self.label, self.find, self.occ = key, label, find, occ
        self.within, self.note = within, note
        self.per = {"alice": alice, "bilal": bilal}

    def resolved(self, annotator):
        """The (label, find, occ, within, note) this annotator used, or None."""
        o = self.per[annotator]
        if o is None:
            return None
        base = dict(label=self.label, find=self.find, occ=self.occ,
                    within=self.within, note=self.note)
        if o is not SAME:
            unknown = set(o) - set(base)
            if unknown:
                raise SystemExit(f"span {self.key}: unknown override {unknown}")
            base.update(o)
        return base


class Relation:
    """A relation of a type: span key -> span key.

    alice, bilal -- SAME, None (no relation) or another target key.
    """

    def __init__(self, type, source, target, *, alice=SAME, bilal=SAME):
        self.type, self.source, self.target = type, source, target
        self.per = {"alice": alice, "bilal": bilal}

    def resolved(self, annotator):
        o = self.per[annotator]
        if o is None:
            return None
        return (self.source, self.target if o is SAME else o)


def Speaker(quote, entity, **per):
    """A speaker relation: quote span key -> entity span key."""
    return Relation("speaker", quote, entity, **per)


class Per:
    """An attribute or article label valued differently by the annotators
    (None: that annotator did not set it)."""

    def __init__(self, *, alice, bilal):
        self.per = {"alice": alice, "bilal": bilal}


def only(annotator, **extra):
    """Overrides making a span exist for one annotator only."""
    other = "bilal" if annotator == "alice" else "alice"
    d = {other: None}
    if extra:
        d[annotator] = extra
    return d


# ---------------------------------------------------------------------------
# Article 1: Port Ellery harbour bridge
# ---------------------------------------------------------------------------
HARBOUR = dict(
    file="harbour-bridge-vote.txt",
    sessions={"alice": "2026-11-20T09:15:00Z", "bilal": "2026-11-21T13:40:00Z"},
    spans=[
        # Alice marks datelines, Bilal never does.
        Span("loc-dateline", "location", "PORT ELLERY", **only("alice")),
        Span("claim-vote", "claim",
             "Councillors in Port Ellery voted 9–4 on Tuesday night to approve "
             "a £48.2 million opening bridge across the inner harbour",
             note="", alice=dict(note="check against the council minutes")),
        # Boundary: Alice includes the full stop, Bilal stops before it.
        Span("claim-start", "claim",
             "The vote, taken shortly after 11 p.m. on 17 November, clears the "
             "way for construction to begin in the spring of 2027.",
             bilal=dict(find="The vote, taken shortly after 11 p.m. on 17 "
                             "November, clears the way for construction to "
                             "begin in the spring of 2027")),
        # Boundary: "Saltings" vs "Saltings estate".
        Span("loc-saltings", "location", "Saltings", 0,
             bilal=dict(find="Saltings estate", occ=None)),
        # Claim vs nothing: only Bilal treats the distance as checkable.
        Span("claim-distance", "claim",
             "cutting the drive around the harbour from roughly 4.5 miles to "
             "under half a mile", **only("bilal", note="4.5 miles by road? check on a map")),
        # Boundary: Bilal includes the title "Mayor", Alice does not.
        Span("per-castellane", "person", "Zoë Castellane",
             bilal=dict(find="Mayor Zoë Castellane")),
        Span("q-generation", "quote",
             "“the most important this council will take in a generation.”"),
        Span("q-argued", "quote",
             "“We have argued about this bridge since 2016. Tonight we stopped "
             "arguing and started building.”"),
        # Claim nested in a quote: Alice only.
        Span("claim-2016", "claim", "We have argued about this bridge since 2016",
             **only("alice", note="first council debate on the bridge: 2016?")),
        Span("claim-funding", "claim",
             "The scheme will be paid for with a £31 million grant from the "
             "Department for Transport’s Coastal Connectivity Fund, £12 million "
             "borrowed by the council and £5.2 million from the Port Ellery "
             "Harbour Authority",
             alice=dict(note="31 + 12 + 5.2 = 48.2, matches the headline figure")),
        Span("org-dft-0", "organization", "Department for Transport", 0),
        # Label: a fund is misc for Alice, an organisation for Bilal.
        Span("fund", "misc", "Coastal Connectivity Fund",
             alice=dict(note="a funding programme, not a body"),
             bilal=dict(label="organization")),
        Span("org-harbour-auth", "organization", "Port Ellery Harbour Authority"),
        Span("per-nunez", "person", "Ramón Núñez"),
        # Only Bilal marks the council group.
        Span("org-independents", "organization", "Independent group",
             **only("bilal")),
        Span("claim-600k", "claim",
             "the borrowing would cost the town more than £600,000 a year in "
             "interest",
             alice=dict(note="disputed below by the finance director (£410,000)")),
        Span("q-saltings", "quote",
             "“People on the Saltings want this bridge, and so do I,”"),
        Span("per-mr-nunez-0", "person", "Mr Núñez", 0),
        Span("q-council-tax", "quote",
             "“But I will not vote for a plan that quietly pushes council tax up "
             "by 3 per cent to pay for it.”"),
        # Boundary: Alice includes "Dr.", Bilal does not.
        Span("per-okonkwo", "person", "Dr. Priya Okonkwo-Hale",
             bilal=dict(find="Priya Okonkwo-Hale")),
        Span("claim-410k", "claim",
             "she said the annual interest on the loan would be “in the region of "
             "£410,000” at current rates"),
        Span("q-410k", "quote", "“in the region of £410,000”"),
        Span("claim-fleet", "claim",
             "The harbour’s fishing fleet — 23 boats at the last count, down "
             "from 41 in 2010",
             alice=dict(note="check against the harbour authority vessel register")),
        Span("per-tremayne", "person", "Siobhán Tremayne"),
        Span("org-fishermen", "organization", "Port Ellery Fishermen’s Association"),
        Span("q-calm", "quote", "“Six minutes is fine on a calm day,”"),
        Span("q-north-easterly", "quote",
             "“In a north-easterly with the tide going out, six minutes is the "
             "difference between getting in and sitting off the breakwater until "
             "morning.”"),
        Span("org-halvard", "organization", "Halvard & Crane"),
        Span("claim-holvik", "claim",
             "a similar bridge it built at Hølvik, in western Norway, had opened "
             "more than 14,000 times since 2019 without a single recorded fault"),
        Span("loc-holvik", "location", "Hølvik"),
        # Claim vs nothing: only Alice.
        Span("claim-shared", "claim",
             "was shared more than 8,000 times over the weekend", **only("alice")),
        Span("per-abernathy", "person", "Joël Abernathy"),
        Span("q-post", "quote",
             "“Forty minutes to get my kids to school on the other side of the "
             "harbour. Four hundred metres as the gull flies 🌉👏🏽 Build it!”",
             bilal=dict(note="social media post, not speech")),
        Span("claim-business-case", "claim",
             "submit a full business case to the Department for Transport by 31 "
             "March 2027"),
        Span("org-mmo", "organization", "Marine Management Organisation"),
        Span("per-mr-nunez-1", "person", "Mr Núñez", 1),
        Span("q-pound", "quote", "“watch every pound.”"),
        # Boundary: Alice marks the interrupted quote as two spans, Bilal as one.
        Span("q-paper-1", "quote", "“If it is not on paper,”",
             bilal=dict(find="“If it is not on paper,” she said, “it is not a promise.”",
                        note="one quote, interrupted by ‘she said’")),
        Span("q-paper-2", "quote", "“it is not a promise.”", **only("alice")),
        Span("claim-2029", "claim",
             "The bridge is expected to open to traffic in late 2029."),
    ],
    relations=[
        Speaker("q-generation", "per-castellane"),
        Speaker("q-argued", "per-castellane"),
        # Same person, different mention: Alice links the full name, Bilal
        # the "Mr Núñez" right next to the quote.
        Speaker("q-saltings", "per-nunez", bilal="per-mr-nunez-0"),
        Speaker("q-council-tax", "per-nunez", bilal="per-mr-nunez-0"),
        Speaker("q-410k", "per-okonkwo"),
        Speaker("q-calm", "per-tremayne"),
        Speaker("q-north-easterly", "per-tremayne"),
        Speaker("q-post", "per-abernathy"),
        Speaker("q-pound", "per-mr-nunez-1"),
        Speaker("q-paper-1", "per-tremayne"),
        Speaker("q-paper-2", "per-tremayne", bilal=None),
        # Alice, the fact-checker, links the finance director's figure to
        # the one it disputes.
        Relation("contradicts", "claim-410k", "claim-600k", bilal=None),
    ],
    # Alice checks claims; Bilal sets verdicts only where he is sure. A
    # quote is "direct" unless said otherwise (the label set's default).
    attributes={
        "claim-vote": dict(checkworthy=True, verdict="true"),
        "claim-start": dict(checkworthy=Per(alice=False, bilal=True)),
        "claim-distance": dict(checkworthy=True),
        "claim-2016": dict(checkworthy=True, verdict="true"),
        "claim-funding": dict(checkworthy=True, verdict="true"),
        "claim-600k": dict(checkworthy=True, verdict=Per(alice="false", bilal="mixed")),
        "claim-410k": dict(checkworthy=True, verdict=Per(alice="unverifiable", bilal=None)),
        "claim-fleet": dict(checkworthy=True, verdict=Per(alice=None, bilal="true")),
        "claim-holvik": dict(checkworthy=True, verdict="unverifiable"),
        "claim-shared": dict(checkworthy=False),
        "claim-business-case": dict(checkworthy=Per(alice=True, bilal=False)),
        "claim-2029": dict(checkworthy=False),
        "q-generation": dict(form=Per(alice="partial", bilal="direct")),
        "q-410k": dict(form="partial"),
        "q-pound": dict(form="partial"),
    },
    document_labels=dict(
        topic=Per(alice=["politics", "infrastructure", "economy"],
                  bilal=["infrastructure", "politics"]),
        stance=Per(alice="neutral", bilal="for"),
    ),
)

# ---------------------------------------------------------------------------
# Article 2: Lykos valley flood review
# ---------------------------------------------------------------------------
FLOOD = dict(
    file="river-flood-report.txt",
    sessions={"alice": "2026-11-23T10:02:00Z", "bilal": "2026-11-23T16:05:00Z"},
    spans=[
        Span("loc-lykos-valley-0", "location", "Lykos valley", 0),
        Span("loc-dateline", "location", "KOZANI", **only("alice")),
        Span("claim-two-hours", "claim",
             "emergency alerts reached four villages up to two hours after the "
             "river had burst its banks"),
        Span("claim-six-months", "claim",
             "a gauge which should have raised the alarm had been out of service "
             "for almost six months",
             bilal=dict(note="22 August to 9 February: five and a half months")),
        Span("org-basin", "organization", "Northern Aegean River Basin Authority"),
        Span("claim-rise", "claim",
             "the Lykos rose 3.8 metres in under six hours after two days of "
             "heavy rain"),
        Span("loc-lykos", "location", "Lykos", within="when the Lykos rose"),
        Span("claim-homes", "claim",
             "About 1,900 homes were flooded in Kastrochori, Palaiomylos, Agia "
             "Eleni and Drosero, and two people died.",
             alice=dict(note="check the death toll against the police statement")),
        Span("loc-kastrochori-0", "location", "Kastrochori", 0),
        Span("loc-palaiomylos", "location", "Palaiomylos"),
        Span("per-papadimitriou", "person", "Eleni Papadimitriou"),
        Span("org-institute", "organization", "Institute of Hydraulic Research"),
        Span("q-chain", "quote", "“not one mistake but a chain of small ones.”"),
        Span("q-link", "quote", "“Every link in that chain was known to someone,”"),
        Span("q-nobody", "quote",
             "“Nobody was responsible for seeing the whole chain.”"),
        Span("loc-megalo-rema", "location", "Megalo Rema", 0),
        Span("claim-lightning", "claim",
             "the gauge stopped sending data on 22 August after a lightning strike",
             alice=dict(note="check against the maintenance logs in the report annex")),
        # Claim vs nothing: only Bilal.
        Span("claim-repair", "claim",
             "a repair ordered in October had still not been carried out when the "
             "rain began", **only("bilal")),
        Span("claim-0247", "claim",
             "The first text-message alert reached phones in the valley at 02:47 — "
             "more than two hours after residents of Kastrochori began calling the "
             "fire service at 00:30",
             bilal=dict(note="02:47 − 00:30 = 2 h 17 min, consistent")),
        Span("per-karagiannis", "person", "Dimitris Karagiannis"),
        # Label: a named body for Alice, a generic function for Bilal.
        Span("org-civil-protection", "organization", "regional civil protection", 1,
             bilal=dict(label="misc", note="a service, not a named body")),
        Span("q-trust", "quote",
             "“We sent it as soon as we had a reading we could trust,”"),
        Span("q-not-enough", "quote",
             "“That was not soon enough, and I will not pretend otherwise.”"),
        # Boundary: Alice starts at "The report also found that", Bilal at the claim proper.
        Span("claim-held-back", "claim",
             "The report also found that an alert drafted at 01:15 was held back "
             "for almost 90 minutes because, in the words of one duty officer "
             "quoted in it, “Mr Karagiannis had to approve it and nobody could "
             "reach him.”",
             bilal=dict(find="an alert drafted at 01:15 was held back for almost "
                             "90 minutes because, in the words of one duty "
                             "officer quoted in it, “Mr Karagiannis had to "
                             "approve it and nobody could reach him.”")),
        # Only Bilal makes the anonymous officer an entity (and a speaker).
        Span("per-duty-officer", "person", "duty officer", **only("bilal")),
        Span("q-approve", "quote",
             "“Mr Karagiannis had to approve it and nobody could reach him.”",
             alice=dict(note="speaker is an unnamed duty officer: no speaker link")),
        Span("per-mr-karagiannis-0", "person", "Mr Karagiannis", 0),
        Span("per-stefanidou", "person", "Maria Stefanídou"),
        # Boundary: Bilal takes the comma after the closing guillemet.
        Span("q-greek", "quote",
             "«Το νερό μπήκε κάτω από την πόρτα πριν χτυπήσει το τηλέφωνο»",
             bilal=dict(find="«Το νερό μπήκε κάτω από την πόρτα πριν χτυπήσει το "
                             "τηλέφωνο»,")),
        # Only Alice marks the reporter's translation as a quote.
        Span("q-english", "quote",
             "“The water came in under the door before the phone ever rang.”",
             **only("alice", note="reporter’s translation of the Greek quote")),
        Span("per-kostas", "person", "Kostas Stefanídis"),
        Span("q-month-eight", "quote",
             "“Month eight. Walls still wet. Still waiting for the insurers 😞”"),
        Span("per-theodorou", "person", "Nikos Theodorou"),
        Span("claim-budget", "claim",
             "€6.4 million had been set aside in the 2026 budget for gauge upgrades"),
        # Claim vs nothing: only Alice.
        Span("claim-repaired", "claim",
             "the Megalo Rema gauge had been repaired and tested in March",
             **only("alice")),
        Span("q-six-million", "quote",
             "“Six million euros after the flood is what one million before it "
             "would have saved,”"),
        Span("per-vlachou", "person", "Anastasia Vlachou"),
        Span("org-citizens", "organization", "Citizens for Kastrochori"),
    ],
    relations=[
        Speaker("q-chain", "per-papadimitriou"),
        Speaker("q-link", "per-papadimitriou"),
        Speaker("q-nobody", "per-papadimitriou"),
        Speaker("q-trust", "per-karagiannis"),
        Speaker("q-not-enough", "per-karagiannis"),
        Speaker("q-approve", "per-duty-officer", alice=None),
        Speaker("q-greek", "per-stefanidou"),
        Speaker("q-english", "per-stefanidou", bilal=None),
        Speaker("q-month-eight", "per-kostas"),
        Speaker("q-six-million", "per-vlachou"),
    ],
    attributes={
        "claim-two-hours": dict(checkworthy=True, verdict="true"),
        # Bilal's note: five and a half months, not "almost six".
        "claim-six-months": dict(checkworthy=True,
                                 verdict=Per(alice="true", bilal="mostly-true")),
        "claim-rise": dict(checkworthy=True),
        "claim-homes": dict(checkworthy=True, verdict=Per(alice="unverifiable", bilal=None)),
        "claim-lightning": dict(checkworthy=True),
        "claim-repair": dict(checkworthy=True),
        "claim-0247": dict(checkworthy=True, verdict="true"),
        "claim-held-back": dict(checkworthy=True),
        "claim-budget": dict(checkworthy=Per(alice=True, bilal=False)),
        "claim-repaired": dict(checkworthy=True),
        "q-chain": dict(form="partial"),
        # A reporter's translation is not the speaker's own words.
        "q-english": dict(form="indirect"),
    },
    document_labels=dict(
        topic=Per(alice=["environment", "infrastructure"],
                  bilal=["environment", "politics"]),
        stance="neutral",
    ),
)

# ---------------------------------------------------------------------------
# Article 3: Kyiv grain insurance talks
# ---------------------------------------------------------------------------
KYIV = dict(
    file="kyiv-grain-talks.txt",
    sessions={"alice": "2026-11-24T14:30:00Z", "bilal": "2026-11-25T08:50:00Z"},
    spans=[
        Span("loc-kyiv-head", "location", "Kyiv", 0),
        Span("loc-dateline", "location", "KYIV", **only("alice")),
        Span("claim-third", "claim",
             "a scheme that could cut the cost of insuring grain ships leaving "
             "Odesa by as much as a third"),
        Span("loc-odesa-0", "location", "Odesa", 0),
        Span("claim-fund", "claim",
             "a new guarantee fund of $250 million will cover part of the war-risk "
             "premium paid by bulk carriers loading at the ports of Odesa, "
             "Chornomorsk and Pivdennyi"),
        Span("loc-odesa-1", "location", "Odesa", 1),
        # Boundary: Bilal runs on to the end of the sentence.
        Span("claim-split", "claim",
             "The Ukrainian government will put in $100 million; the remaining "
             "$150 million will come from a group of lenders led by the Nordic "
             "Trade Credit Alliance",
             bilal=dict(find="The Ukrainian government will put in $100 million; "
                             "the remaining $150 million will come from a group "
                             "of lenders led by the Nordic Trade Credit Alliance, "
                             "based in Copenhagen.")),
        Span("org-nordic-0", "organization", "Nordic Trade Credit Alliance", 0),
        Span("org-union", "organization", "Ukrainian Grain Exporters’ Union"),
        Span("per-hrytsenko", "person", "Oksana Hrytsenko"),
        Span("q-ukrainian", "quote",
             "“Українське зерно годує світ, але кожен рейс сьогодні коштує нам "
             "занадто дорого. Ми не просимо допомоги — ми просимо рівних умов.”"),
        # Boundary: Bilal includes the parentheses around the translation.
        Span("q-translation", "quote",
             "“Ukrainian grain feeds the world, but every voyage today costs us "
             "far too much. We are not asking for help — we are asking for a "
             "level playing field.”",
             alice=dict(note="translation of the Ukrainian quote above"),
             bilal=dict(find="(“Ukrainian grain feeds the world, but every voyage "
                             "today costs us far too much. We are not asking for "
                             "help — we are asking for a level playing field.”)")),
        Span("claim-1pc", "claim",
             "War-risk cover for a ship calling at a Ukrainian port currently costs "
             "about 1 per cent of the vessel’s hull value for each voyage",
             alice=dict(note="figures come from the talks themselves: find an "
                             "independent source")),
        Span("claim-250k", "claim",
             "For a typical 60,000-tonne bulk carrier worth $25 million, that adds "
             "roughly $250,000 to every round trip.",
             bilal=dict(note="1% of $25m is $250,000 per voyage, not per round trip?")),
        # Claim vs nothing: only Bilal.
        Span("claim-065", "claim",
             "The fund is meant to bring the premium down to about 0.65 per cent.",
             **only("bilal")),
        # Label: organisation for Alice, misc for Bilal.
        Span("org-navy", "organization", "Ukrainian navy", bilal=dict(label="misc")),
        Span("claim-start", "claim",
             "The scheme is due to start on 1 January 2027 and will be reviewed "
             "after six months."),
        Span("per-yildirim", "person", "Mehmet Ali Yıldırım"),
        Span("org-bosphorus", "organization", "Bosphorus Marine Mutual"),
        Span("loc-istanbul", "location", "Istanbul"),
        Span("q-risk", "quote", "“The risk has not gone away,”"),
        Span("q-price", "quote",
             "“What has changed is that we now have someone standing behind the "
             "first loss, and that is a risk we can price.”"),
        Span("per-kjaergaard", "person", "Søren Kjærgaard"),
        Span("q-loss-data", "quote",
             "“the most detailed loss data we have ever been shown by a country at "
             "war.”"),
        Span("claim-41mt", "claim",
             "Ukraine exported about 41 million tonnes of grain and oilseeds in the "
             "2025/26 marketing year"),
        Span("per-kovalchuk", "person", "Halyna Kovalchuk"),
        Span("claim-38", "claim",
             "freight and insurance now take up to $38 of every tonne shipped from "
             "Odesa, compared with $11 before the full-scale invasion in February "
             "2022"),
        Span("q-dollar", "quote",
             "“Every dollar we save at sea is a dollar that goes back to the farmer,”"),
        # Only Bilal marks the short mention (and links the quote to it).
        Span("per-kovalchuk-short", "person", "Kovalchuk", 1, **only("bilal")),
        Span("q-post", "quote",
             "“Deal signed 🇺🇦🤝🌍 More ships, lower costs, more bread on more "
             "tables.”",
             bilal=dict(note="posted from the union’s account, not by Kovalchuk")),
        Span("per-melnyk", "person", "Vasyl Melnyk"),
        # Claim vs nothing: only Alice.
        Span("claim-hectares", "claim",
             "farms 3,200 hectares of wheat and sunflowers near Vinnytsia",
             **only("alice")),
        Span("loc-vinnytsia", "location", "Vinnytsia"),
        Span("q-january", "quote",
             "“The big companies will see this money in January,”"),
        Span("q-harvest", "quote",
             "“A farmer like me will see it — if he sees it at all — by the next "
             "harvest.”"),
        Span("per-hrytsenko-short", "person", "Hrytsenko", 1),
        Span("q-ice", "quote", "“before the ice melts,”"),
    ],
    relations=[
        Speaker("q-ukrainian", "per-hrytsenko"),
        Speaker("q-translation", "per-hrytsenko"),
        Speaker("q-risk", "per-yildirim"),
        Speaker("q-price", "per-yildirim"),
        Speaker("q-loss-data", "per-kjaergaard"),
        Speaker("q-dollar", "per-kovalchuk", bilal="per-kovalchuk-short"),
        Speaker("q-post", "org-union"),
        Speaker("q-january", "per-melnyk"),
        Speaker("q-harvest", "per-melnyk"),
        Speaker("q-ice", "per-hrytsenko-short"),
    ],
    attributes={
        "claim-third": dict(checkworthy=True),
        "claim-fund": dict(checkworthy=True, verdict="unverifiable"),
        "claim-split": dict(checkworthy=True),
        "claim-1pc": dict(checkworthy=True, verdict=Per(alice="unverifiable", bilal="true")),
        # Bilal's note: 1% of $25m is per voyage, not per round trip.
        "claim-250k": dict(checkworthy=True, verdict=Per(alice="true", bilal="mixed")),
        "claim-065": dict(checkworthy=True),
        "claim-start": dict(checkworthy=False),
        "claim-41mt": dict(checkworthy=True, verdict="mostly-true"),
        "claim-38": dict(checkworthy=True, verdict=Per(alice=None, bilal="unverifiable")),
        "claim-hectares": dict(checkworthy=False),
        "q-translation": dict(form="indirect"),
        "q-loss-data": dict(form="partial"),
        "q-ice": dict(form=Per(alice="partial", bilal="direct")),
        # The real places' Wikidata items (the people are invented).
        "loc-kyiv-head": dict(wikidata="Q1899"),
        "loc-dateline": dict(wikidata="Q1899"),
        "loc-odesa-0": dict(wikidata="Q1874"),
        "loc-odesa-1": dict(wikidata=Per(alice="Q1874", bilal=None)),
        "loc-istanbul": dict(wikidata="Q406"),
    },
    document_labels=dict(
        topic=Per(alice=["economy", "agriculture", "conflict"],
                  bilal=["economy", "agriculture"]),
        stance="neutral",
    ),
)

ARTICLES = [HARBOUR, FLOOD, KYIV]


# ---------------------------------------------------------------------------
# Machinery
# ---------------------------------------------------------------------------
class Invalid(Exception):
    pass


def locate(text, find, occ, within, where):
    """Code point (start, end) of the occ-th `find` (inside `within`, if given)."""
    lo, hi = 0, len(text)
    if within is not None:
        if text.count(within) != 1:
            raise Invalid(f"{where}: context {within!r} occurs "
                          f"{text.count(within)} times, need exactly 1")
        lo = text.index(within)
        hi = lo + len(within)
    hits, i = [], lo
    while True:
        i = text.find(find, i, hi)
        if i < 0:
            break
        hits.append(i)
        i += 1
    if not hits:
        raise Invalid(f"{where}: {find!r} not found")
    if occ is None:
        if len(hits) != 1:
            raise Invalid(f"{where}: {find!r} occurs {len(hits)} times; "
                          "give an occurrence index")
        occ = 0
    if occ >= len(hits):
        raise Invalid(f"{where}: {find!r} occurrence {occ} requested, "
                      f"only {len(hits)} found")
    return hits[occ], hits[occ] + len(find)


def wordish(c):
    return c.isalnum() or unicodedata.category(c) in ("Mn", "Mc", "Me")


def extends_cluster(c):
    """True if c continues the grapheme cluster of the character before it."""
    cp = ord(c)
    return (unicodedata.category(c) in ("Mn", "Mc", "Me")
            or cp == 0x200D                      # ZERO WIDTH JOINER
            or 0xFE00 <= cp <= 0xFE0F            # variation selectors
            or 0x1F3FB <= cp <= 0x1F3FF          # skin tone modifiers
            or 0xE0020 <= cp <= 0xE007F)         # tag characters


def is_ri(c):
    return 0x1F1E6 <= ord(c) <= 0x1F1FF


def check_boundary(text, pos, where):
    """pos must not cut a word or a grapheme cluster."""
    if pos <= 0 or pos >= len(text):
        return
    a, b = text[pos - 1], text[pos]
    if wordish(a) and wordish(b):
        raise Invalid(f"{where}: offset {pos} cuts a word ({a!r}|{b!r})")
    apostrophes = "’'"
    if b in apostrophes and wordish(a) and pos + 1 < len(text) and wordish(text[pos + 1]):
        # Stopping before a possessive ’s ("Department for Transport’s") is
        # fine: tokenizers split it off. Anything else (council’s|tax) is not.
        possessive = (text[pos + 1] == "s"
                      and (pos + 2 >= len(text) or not wordish(text[pos + 2])))
        if not possessive:
            raise Invalid(f"{where}: offset {pos} cuts a word before an apostrophe")
    if a in apostrophes and wordish(b) and pos >= 2 and wordish(text[pos - 2]):
        raise Invalid(f"{where}: offset {pos} cuts a word after an apostrophe")
    if extends_cluster(b) or a == "\u200d":
        raise Invalid(f"{where}: offset {pos} is inside a grapheme cluster")
    if is_ri(b):
        n, i = 0, pos - 1
        while i >= 0 and is_ri(text[i]):
            n, i = n + 1, i - 1
        if n % 2 == 1:
            raise Invalid(f"{where}: offset {pos} splits a flag emoji")


def load_label_set():
    """The samples' gloss-labels.json: {label id: kind}, relation rules,
    attributes and article fields by id."""
    data = json.loads((HERE / "gloss-labels.json").read_text(encoding="utf-8"))
    kinds = {lab["id"]: lab["kind"] for lab in data["labels"]}
    if set(kinds) != LABELS:
        raise Invalid(f"gloss-labels.json: labels {sorted(kinds)}, want {sorted(LABELS)}")
    return dict(kinds=kinds,
                relations={r["type"]: r for r in data.get("relations", [])},
                attributes={a["id"]: a for a in data.get("attributes", [])},
                fields={a["id"]: a for a in data.get("document_labels", [])})


def matches(rule, label, kinds):
    """Whether a label fits a list of label ids and "kind:KIND" (None: any)."""
    return rule is None or label in rule or f"kind:{kinds[label]}" in rule


def check_value(attr, value, where):
    """docs/labels.md, "Values": what a value of this attribute may be."""
    t = attr["type"]
    if t == "boolean":
        ok = isinstance(value, bool)
    elif t == "choice":
        ids = {v["id"] for v in attr["values"]}
        if attr.get("multiple"):
            ok = (isinstance(value, list) and value and len(set(value)) == len(value)
                  and all(v in ids for v in value))
        else:
            ok = isinstance(value, str) and value in ids
    elif t == "text":
        ok = isinstance(value, str) and ("pattern" not in attr
                                         or re.fullmatch(attr["pattern"], value))
    else:
        ok = (isinstance(value, (int, float)) and not isinstance(value, bool)
              and attr.get("min", value) <= value <= attr.get("max", value))
    if not ok:
        raise Invalid(f"{where}: {value!r} is not a value of {attr['id']!r}")


def resolve(value, annotator):
    """A value, or Per's value for this annotator (None: not set)."""
    return value.per[annotator] if isinstance(value, Per) else value


def span_attributes(article, key, label, annotator, labelset, where):
    """A span's attributes: its label's defaults (as the app gives a new
    span), then what the article sets for it; sorted by id, as Gloss writes."""
    kinds = labelset["kinds"]
    values = {a["id"]: a["default"] for a in labelset["attributes"].values()
              if "default" in a and matches(a["applies_to"], label, kinds)}
    for attr_id, value in article.get("attributes", {}).get(key, {}).items():
        attr = labelset["attributes"].get(attr_id)
        if attr is None or not matches(attr["applies_to"], label, kinds):
            raise Invalid(f"{where}: attribute {attr_id!r} does not apply to {label!r}")
        value = resolve(value, annotator)
        if value is None:
            values.pop(attr_id, None)
        else:
            values[attr_id] = value
    for attr_id, value in values.items():
        check_value(labelset["attributes"][attr_id], value, f"{where} {attr_id}")
    return dict(sorted(values.items()))


def article_labels(article, annotator, labelset, where):
    """The article's fields this annotator set, sorted by id."""
    values = {}
    for field_id, value in article.get("document_labels", {}).items():
        if field_id not in labelset["fields"]:
            raise Invalid(f"{where}: {field_id!r} is not an article field")
        value = resolve(value, annotator)
        if value is not None:
            check_value(labelset["fields"][field_id], value, f"{where} {field_id}")
            values[field_id] = value
    return dict(sorted(values.items()))


def parse_time(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def fmt_time(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def h(*parts):
    return hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def read_article(path):
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise Invalid(f"{path.name}: the samples must not start with a BOM")
    text = open(path, encoding="utf-8", newline="").read()
    if "\r" in text:
        raise Invalid(f"{path.name}: CR found; samples use LF line endings")
    if '"' in text or "'" in text:
        raise Invalid(f"{path.name}: straight quote found; use curly quotes")
    if not text.endswith("\n") or not text.split("\n", 1)[0].strip():
        raise Invalid(f"{path.name}: needs a headline first and a final newline")
    return raw, text


def build_sidecar(article, annotator, raw, text, labelset):
    fname = article["file"]
    anns, by_key = [], {}
    unknown = set(article.get("attributes", {})) - {sp.key for sp in article["spans"]}
    if unknown:
        raise Invalid(f"{fname}: attributes for unknown spans {sorted(unknown)}")
    for sp in article["spans"]:
        r = sp.resolved(annotator)
        if r is None:
            continue
        where = f"{fname} [{annotator}] {sp.key}"
        if r["label"] not in LABELS:
            raise Invalid(f"{where}: unknown label {r['label']!r}")
        start, end = locate(text, r["find"], r["occ"], r["within"], where)
        anns.append(dict(key=sp.key, label=r["label"], start=start, end=end,
                         note=r["note"],
                         attributes=span_attributes(article, sp.key, r["label"],
                                                    annotator, labelset, where)))
        by_key[sp.key] = anns[-1]

    # Ids: deterministic, from annotator + label + offsets.
    for a in anns:
        a["id"] = "a-" + h(annotator, a["label"], a["start"], a["end"])[:8]

    # Timestamps: a first pass over entities and quotes in reading order, then a
    # second pass for claims; notes were typed in a little later.
    t = parse_time(article["sessions"][annotator])
    order = sorted(anns, key=lambda a: (a["label"] == "claim", a["start"], a["end"]))
    for n, a in enumerate(order):
        if n and order[n - 1]["label"] != "claim" and a["label"] == "claim":
            t += timedelta(minutes=6 + int(h(fname, annotator, "break"), 16) % 9)
        t += timedelta(seconds=18 + int(h(a["id"], "gap"), 16) % 97)
        a["created"] = fmt_time(t)
    last = t
    for a in order:
        if a["note"]:
            last += timedelta(seconds=40 + int(h(a["id"], "note"), 16) % 150)
            a["modified"] = fmt_time(last)
        else:
            a["modified"] = a["created"]

    annotations = []
    for a in sorted(anns, key=lambda a: (a["start"], a["end"], a["label"], a["id"])):
        s, e = a["start"], a["end"]
        annotation = {
            "id": a["id"],
            "label": a["label"],
            "start": s,
            "end": e,
            "exact": text[s:e],
            "prefix": text[max(0, s - 32):s],
            "suffix": text[e:e + 32],
            "note": a["note"],
            "created": a["created"],
            "modified": a["modified"],
        }
        if a["attributes"]:
            annotation["attributes"] = a["attributes"]
        annotations.append(annotation)

    relations = []
    for rel in article["relations"]:
        r = rel.resolved(annotator)
        if r is None:
            continue
        sk, tk = r
        where = f"{fname} [{annotator}] {rel.type} {sk} -> {tk}"
        if sk not in by_key or tk not in by_key:
            raise Invalid(f"{where}: endpoint not annotated by {annotator}")
        rule = labelset["relations"].get(rel.type)
        if rule is None:
            raise Invalid(f"{where}: not a relation type of gloss-labels.json")
        if (not matches(rule.get("from"), by_key[sk]["label"], labelset["kinds"])
                or not matches(rule.get("to"), by_key[tk]["label"], labelset["kinds"])):
            raise Invalid(f"{where}: the label set's rule does not allow it")
        frm, to = by_key[sk]["id"], by_key[tk]["id"]
        relations.append({"id": "r-" + h(annotator, rel.type, frm, to)[:8],
                          "type": rel.type, "from": frm, "to": to})
    relations.sort(key=lambda r: (r["type"], r["from"], r["to"], r["id"]))

    obj = {
        "format": "gloss",
        "version": 1,
        "document": {
            "file": fname,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "length": len(text),
        },
        "annotator": {"id": annotator, "name": ANNOTATORS[annotator]},
    }
    document_labels = article_labels(article, annotator, labelset, f"{fname} [{annotator}]")
    if document_labels:
        obj["document_labels"] = document_labels
    obj["annotations"] = annotations
    obj["relations"] = relations
    return obj


def verify(obj, raw, text, fname):
    """Independent checks on a finished sidecar object."""
    where = f"{fname} [{obj['annotator']['id']}]"
    if [k for k in obj if k != "document_labels"] != ["format", "version", "document",
                                                      "annotator", "annotations",
                                                      "relations"] \
            or ("document_labels" in obj and list(obj).index("document_labels") != 4):
        raise Invalid(f"{where}: top-level key order")
    doc = obj["document"]
    if doc["sha256"] != hashlib.sha256(raw).hexdigest() or doc["length"] != len(text):
        raise Invalid(f"{where}: document hash/length")
    anns = obj["annotations"]
    if not MIN_ANNOTATIONS <= len(anns) <= MAX_ANNOTATIONS:
        raise Invalid(f"{where}: {len(anns)} annotations, want "
                      f"{MIN_ANNOTATIONS}-{MAX_ANNOTATIONS}")
    ids = [a["id"] for a in anns] + [r["id"] for r in obj["relations"]]
    if len(set(ids)) != len(ids):
        raise Invalid(f"{where}: duplicate ids")
    keys = ["id", "label", "start", "end", "exact", "prefix", "suffix", "note",
            "created", "modified"]
    seen = set()
    for a in anns:
        w = f"{where} {a['id']}"
        if list(a) != keys + (["attributes"] if "attributes" in a else []):
            raise Invalid(f"{w}: annotation key order")
        if "attributes" in a and list(a["attributes"]) != sorted(a["attributes"]):
            raise Invalid(f"{w}: attributes not sorted by id")
        s, e = a["start"], a["end"]
        if not (0 <= s < e <= len(text)):
            raise Invalid(f"{w}: bad range {s}-{e}")
        if a["exact"] != text[s:e]:
            raise Invalid(f"{w}: exact does not match the text")
        if a["prefix"] != text[max(0, s - 32):s] or a["suffix"] != text[e:e + 32]:
            raise Invalid(f"{w}: prefix/suffix")
        if a["exact"] != a["exact"].strip():
            raise Invalid(f"{w}: leading or trailing whitespace")
        check_boundary(text, s, w)
        check_boundary(text, e, w)
        if a["modified"] < a["created"]:
            raise Invalid(f"{w}: modified before created")
        if (a["label"], s, e) in seen:
            raise Invalid(f"{w}: duplicate span")
        seen.add((a["label"], s, e))
    if anns != sorted(anns, key=lambda a: (a["start"], a["end"], a["label"], a["id"])):
        raise Invalid(f"{where}: annotations not sorted")
    label_of = {a["id"]: a["label"] for a in anns}
    for r in obj["relations"]:
        if list(r) != ["id", "type", "from", "to"]:
            raise Invalid(f"{where} {r['id']}: relation key order")
        if r["from"] not in label_of or r["to"] not in label_of:
            raise Invalid(f"{where} {r['id']}: relation endpoint missing")
        if r["type"] == "speaker" and (label_of[r["from"]] != "quote"
                                       or label_of[r["to"]] not in ENTITY_LABELS):
            raise Invalid(f"{where} {r['id']}: speaker must go quote -> entity")
    rels = obj["relations"]
    if rels != sorted(rels, key=lambda r: (r["type"], r["from"], r["to"], r["id"])):
        raise Invalid(f"{where}: relations not sorted")


def canonical(obj):
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def compare(a, b):
    """Print how two sidecars for the same article differ (for --report)."""
    A = {(x["start"], x["end"]): x for x in a["annotations"]}
    B = {(x["start"], x["end"]): x for x in b["annotations"]}
    same = sum(1 for k in A if k in B and A[k]["label"] == B[k]["label"])
    print(f"    identical spans: {same}")
    la, lb = a.get("document_labels", {}), b.get("document_labels", {})
    for field in sorted(set(la) | set(lb)):
        if la.get(field) != lb.get(field):
            print(f"    article : {field} alice={la.get(field)} bilal={lb.get(field)}")
    for k in sorted(set(A) | set(B)):
        if k in A and k in B:
            if A[k]["label"] != B[k]["label"]:
                print(f"    label   : {A[k]['exact']!r} alice={A[k]['label']} "
                      f"bilal={B[k]['label']}")
            else:
                va, vb = A[k].get("attributes", {}), B[k].get("attributes", {})
                for attr in sorted(set(va) | set(vb)):
                    if va.get(attr) != vb.get(attr):
                        print(f"    {attr:8}: {A[k]['exact'][:40]!r} "
                              f"alice={va.get(attr)} bilal={vb.get(attr)}")
            continue
        x = A.get(k) or B.get(k)
        other = B if k in A else A
        over = [y for y in other.values()
                if y["start"] < x["end"] and x["start"] < y["end"]
                and y["label"] == x["label"]
                and (y["start"], y["end"]) not in (A if k in A else B)]
        who = "alice" if k in A else "bilal"
        if over and who == "alice":
            print(f"    bounds  : {x['label']} alice={x['exact']!r} "
                  f"bilal={over[0]['exact']!r}")
        elif not over:
            print(f"    only {who}: {x['label']} {x['exact']!r}")


def main(argv):
    check = "--check" in argv
    report = "--report" in argv
    unknown = [a for a in argv if a not in ("--check", "--report")]
    if unknown:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    stale, all_ids = [], set()
    labelset = load_label_set()
    for article in ARTICLES:
        path = HERE / article["file"]
        raw, text = read_article(path)
        built = {}
        for annotator in ANNOTATORS:
            obj = build_sidecar(article, annotator, raw, text, labelset)
            verify(obj, raw, text, article["file"])
            out = canonical(obj)
            if json.loads(out) != obj or canonical(json.loads(out)) != out:
                raise Invalid(f"{article['file']}: output is not stable")
            for x in obj["annotations"] + obj["relations"]:
                if (article["file"], x["id"]) in all_ids:
                    raise Invalid(f"{article['file']}: id {x['id']} reused")
                all_ids.add((article["file"], x["id"]))
            side = HERE / f"{article['file']}.{annotator}.gloss.json"
            current = side.read_bytes() if side.exists() else None
            if current != out.encode("utf-8"):
                stale.append(side.name)
                if not check:
                    tmp = side.with_name(side.name + ".tmp")
                    tmp.write_bytes(out.encode("utf-8"))
                    tmp.replace(side)
                    if side.read_bytes() != out.encode("utf-8"):
                        raise Invalid(f"{side.name}: read-back differs")
            built[annotator] = obj
            print(f"{side.name}: {len(obj['annotations'])} annotations, "
                  f"{len(obj['relations'])} relations")
        if report:
            print(f"  {article['file']}: alice vs bilal")
            compare(built["alice"], built["bilal"])
    if check:
        if stale:
            print("stale or missing: " + ", ".join(stale), file=sys.stderr)
            return 1
        print("all sidecars up to date")
    else:
        print(f"wrote {len(stale)} file(s), {len(ARTICLES) * len(ANNOTATORS) - len(stale)} "
              "already up to date")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Invalid as e:
        print(f"make-sidecars: {e}", file=sys.stderr)
        sys.exit(1)
