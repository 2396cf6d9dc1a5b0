#!/usr/bin/env python3
# make-seeds.py — write the seed corpus of fuzz-sidecar (corpus/sidecar/)
#
# Valid seeds are canonical sidecars for article.txt, annotator "fuzz":
# sha256 of its exact bytes, offsets in code points, and the same layout as
# gloss_sidecar_serialize() (json.dumps(indent=2, ensure_ascii=False) and a
# newline). Near-valid seeds each break one rule, so the fuzzer starts next
# to every check of the loader. Run it again after editing article.txt:
#
#   python3 tests/fuzz/make-seeds.py
#
# SPDX-License-Identifier: GPL-3.0-or-later

import copy
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'corpus', 'sidecar')
CONTEXT = 32  # GLOSS_CONTEXT_LENGTH

with open(os.path.join(HERE, 'article.txt'), 'rb') as f:
    RAW = f.read()
TEXT = RAW.decode('utf-8')
SHA = hashlib.sha256(RAW).hexdigest()


def span(needle, nth=0):
    """Code-point bounds of the nth occurrence of needle in the article."""
    at = -1
    for _ in range(nth + 1):
        at = TEXT.index(needle, at + 1)
    return at, at + len(needle)


def annotation(ident, label, needle, text=TEXT, **extra):
    start = text.index(needle)
    end = start + len(needle)
    ann = {
        'id': ident,
        'label': label,
        'start': start,
        'end': end,
        'exact': text[start:end],
        'prefix': text[max(0, start - CONTEXT):start],
        'suffix': text[end:end + CONTEXT],
        'note': '',
    }
    ann.update(extra)
    return ann


def sidecar(annotations, relations=(), sha=SHA, length=len(TEXT), **extra):
    doc = {
        'format': 'gloss',
        'version': 1,
        'document': {'file': 'article.txt', 'sha256': sha, 'length': length},
        'annotator': {'id': 'fuzz', 'name': 'Fuzz Example'},
        'annotations': sorted(annotations,
                              key=lambda a: (a['start'], a['end'], a['label'], a['id'])),
        'relations': list(relations),
    }
    doc.update(extra)
    return doc


def dump(doc):
    return json.dumps(doc, indent=2, ensure_ascii=False) + '\n'


STAMP = {'created': '2026-11-26T10:00:00Z', 'modified': '2026-11-26T10:05:00Z'}

QUOTE = annotation('a-quote001', 'quote',
                   '“We cannot keep sandbagging the same streets every winter,”',
                   note='opening quote', **STAMP)
MAYOR = annotation('a-person01', 'person', 'Ines Okafor-Lindqvist', **STAMP)
PLACE = annotation('a-place001', 'location', 'KESTREL BAY')
COUNCIL = annotation('a-org00001', 'organization', 'town council')
CLAIM = annotation('a-claim001', 'claim',
                   'The town council voted 7–2 shortly before midnight on Tuesday')
FAMILY = annotation('a-emoji001', 'misc', 'family 👨\u200d👩\u200d👧')
CAFE = annotation('a-cafe0001', 'misc', 'Cafe\u0301 closed — again?')
TITLE = annotation('a-title001', 'claim',
                   'Harbour council backs €14m flood barrier after late-night vote\r\n')
SPEAKER = {'id': 'r-speaker1', 'type': 'speaker', 'from': 'a-quote001', 'to': 'a-person01'}

seeds = {}

# Valid ----------------------------------------------------------------------

seeds['valid-empty'] = sidecar([])
seeds['valid-full'] = sidecar([QUOTE, MAYOR, PLACE, COUNCIL, CLAIM, FAMILY, CAFE, TITLE],
                              [SPEAKER])

# Unknown keys at every level are kept on save.
extra = sidecar([dict(QUOTE, reviewer={'by': 'gold', 'score': 0.5, 'tags': [1, None, True]}),
                 MAYOR],
                [dict(SPEAKER, confidence=0.75)],
                x_tool={'name': 'other', 'nested': [[[{'deep': [1.5e300, -0.0, 1e-7]}]]]})
extra['document']['encoding'] = 'utf-8'
extra['annotator']['email'] = 'fuzz@example.org'
seeds['valid-extra-keys'] = extra

# A newer format version: opened read-only.
seeds['valid-newer-version'] = dict(sidecar([PLACE]), version=2)

# An unknown label and relation type: warnings, kept.
seeds['valid-unknown-label'] = sidecar(
    [dict(MAYOR, label='spokesperson'), QUOTE],
    [dict(SPEAKER, type='paraphrase')])

# An orphan (kept with its last offsets) next to placed spans.
seeds['valid-orphan'] = sidecar(
    [QUOTE, dict(annotation('a-orphan01', 'claim', 'tidal barrier'),
                 exact='a sea wall', orphaned=True)])

# The article changed since the sidecar was saved: an older version with a
# different headline, so everything after it moved, one quote was edited
# and one span is gone.
OLD = TEXT.replace('Harbour council backs €14m flood barrier after late-night vote',
                   'Council approves flood barrier') \
          .replace('a guess dressed up as a budget', 'a guess dressed up as a plan') \
          .replace('Joe Baptiste', 'Joseph Baptiste')
OLD_SHA = hashlib.sha256(OLD.encode('utf-8')).hexdigest()
seeds['valid-reanchor'] = sidecar(
    [annotation('a-quote001', 'quote', QUOTE['exact'], OLD),
     annotation('a-person01', 'person', 'Ines Okafor-Lindqvist', OLD),
     annotation('a-quote002', 'quote', '“a guess dressed up as a plan”', OLD),
     annotation('a-person02', 'person', 'Joseph Baptiste', OLD),
     annotation('a-emoji001', 'misc', FAMILY['exact'], OLD)],
    [SPEAKER, {'id': 'r-speaker2', 'type': 'speaker', 'from': 'a-quote002', 'to': 'a-person02'}],
    sha=OLD_SHA, length=len(OLD))

# Minimal: the optional keys left out.
minimal = sidecar([{k: v for k, v in PLACE.items() if k in ('id', 'label', 'start', 'end', 'exact')}])
del minimal['relations']
del minimal['annotator']['name']
seeds['valid-minimal'] = minimal

# Objects with many members: the JSON reader checks names for duplicates
# with a hash table past 32 members.
many = sidecar([dict(PLACE, **{'x%02d' % i: i for i in range(36)})],
               x_metadata={'key%02d' % i: 'value %d' % i for i in range(40)})
seeds['valid-many-members'] = many

# Near-valid: one rule broken each -------------------------------------------

emoji_start, emoji_end = span('👨\u200d👩\u200d👧')
seeds['bad-inside-emoji'] = sidecar([dict(FAMILY, end=emoji_start + 2,
                                          exact=TEXT[FAMILY['start']:emoji_start + 2])])

accent_start, accent_end = span('e\u0301')
seeds['bad-inside-accent'] = sidecar([dict(CAFE, end=accent_start + 1,
                                           exact=TEXT[CAFE['start']:accent_start + 1])])

crlf = TEXT.index('\r\n')
seeds['bad-inside-crlf'] = sidecar([dict(TITLE, end=crlf + 1, exact=TEXT[0:crlf + 1])])

seeds['bad-exact-mismatch'] = sidecar([dict(MAYOR, exact='Inès Okafor-Lindqvist')])

seeds['bad-ids-relations'] = sidecar(
    [QUOTE, dict(MAYOR, id='a-quote001')],
    [SPEAKER, dict(SPEAKER, to='a-missing1'), dict(SPEAKER, id='r-self', to='a-quote001')])

seeds['bad-types'] = sidecar([dict(QUOTE, start=str(QUOTE['start']), end=float(QUOTE['end']),
                                   note=None, orphaned='yes', created='yesterday')])

seeds['bad-bounds'] = sidecar([dict(QUOTE, start=-1), dict(MAYOR, id='a-big', end=2 ** 40),
                               dict(PLACE, id='a-empty', end=PLACE['start']),
                               dict(COUNCIL, id='a-reversed', start=COUNCIL['end'], end=COUNCIL['start'])])

bad_doc = sidecar([PLACE])
bad_doc['document'].update({'file': '../article.txt', 'sha256': SHA.upper(), 'length': len(TEXT) + 1})
bad_doc['annotator']['id'] = 'Alice'
bad_doc['format'] = 'gloss-v2'
seeds['bad-header'] = bad_doc

wrong_length = sidecar([PLACE], length=len(TEXT) - 1)
wrong_length['annotator']['id'] = 'alice'
seeds['bad-length-annotator'] = wrong_length

# A duplicate member name after 40 others (the hash-table path).
dup = dump(sidecar([PLACE], x_metadata={'key%02d' % i: i for i in range(40)}))
seeds_raw_dup = dup.replace('"key39": 39', '"key39": 39,\n    "key07": 7')

os.makedirs(OUT, exist_ok=True)
for name, doc in seeds.items():
    with open(os.path.join(OUT, name + '.json'), 'w', encoding='utf-8', newline='') as f:
        f.write(dump(doc))

# Not JSON objects, or not JSON at all.
raw = {
    'raw-top-level-array': '[{"format": "gloss"}]\n',
    'raw-truncated': dump(seeds['valid-full'])[:400],
    'raw-deep-nesting': '{"format": "gloss", "x": ' + '[' * 70 + ']' * 70 + '}\n',
    'raw-duplicate-member-many': seeds_raw_dup,
    'raw-duplicate-member': dump(sidecar([PLACE])).replace('"version": 1,', '"version": 1,\n  "format": "gloss",'),
    'raw-escapes': '{"format": "gl\\u006fss", "version": 1, "document": {"file": "article.txt", '
                   '"sha256": "' + SHA + '", "length": ' + str(len(TEXT)) + '}, '
                   '"annotator": {"id": "fuzz", "name": "\\ud83d\\udc68\\u200d\\t\\"\\\\\\/\\u0001"}, '
                   '"annotations": [], "relations": [], "": {"\\u00e9": 1e999}}',
}
for name, text in raw.items():
    with open(os.path.join(OUT, name + '.json'), 'w', encoding='utf-8', newline='') as f:
        f.write(text)

print('%d seeds in %s (article: %d bytes, %d code points, sha256 %s)'
      % (len(seeds) + len(raw), OUT, len(RAW), len(TEXT), SHA))
