#!/usr/bin/env python3
# embed-article.py ARTICLE HEADER — write ARTICLE's exact bytes into a C
# header, so the fuzz target carries its article with it and does not
# depend on the directory it is started from.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import sys

with open(sys.argv[1], 'rb') as f:
    data = f.read()

lines = []
for i in range(0, len(data), 12):
    lines.append('  ' + ', '.join('0x%02x' % b for b in data[i:i + 12]) + ',')

with open(sys.argv[2], 'w', encoding='ascii') as out:
    out.write('/* Generated from %s by embed-article.py; do not edit. */\n'
              % sys.argv[1].replace('\\', '/').rsplit('/', 1)[-1])
    out.write('#pragma once\n\n')
    out.write('static const unsigned char fuzz_article_data[] = {\n')
    out.write('\n'.join(lines) + '\n')
    out.write('};\n')
    out.write('#define FUZZ_ARTICLE_NAME "article.txt"\n')
