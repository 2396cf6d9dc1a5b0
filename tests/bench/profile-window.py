#!/usr/bin/env python3
# profile-window.py — where the main thread's time goes in each action of
# the window benchmark, by component (the file of the innermost Gloss frame)
#
# Runs bench-window under `perf record` with the events enabled only while
# a step is recorded (GLOSS_BENCH_PERF_CTL, see bench-window.c), then reads
# the main thread's samples and attributes each to the innermost frame that
# is in Gloss's own code (src/app, src/model): its file and its component.
# Samples with no Gloss frame at all (the frame clock laying out or drawing,
# GTK's own handlers) are GTK's, with the GTK/GLib functions found most
# often in their stacks.
#
# From a build directory, one action at a time (see bench-window --only):
#
#   GLOSS_SCHEMA_DIR=$PWD/data ../tests/bench/profile-window.py \
#       --only=reload --file-runs=3 [--bytes=10000000 --annotations=100000 ...]
#
# Needs perf (kernel.perf_event_paranoid <= 2 for one's own processes) and
# the build's debug information (debugoptimized). Prints the benchmark's own
# lines, then the breakdown. The time is the main thread's CPU from each
# action until the window settled (the file monitors' tail included), over
# all runs of the steps asked for: list one step with --only for a
# breakdown of that step alone.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import bisect
import collections
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
WRAPPER = os.path.join(HERE, '..', 'ui', 'xvfb-test-wrapper.sh')

COMPONENTS = [
    # (component, file name pattern)
    ('window', r'gloss-window|gloss-label-bar|gloss-corpus-(list|row)'),
    ('annotation list', r'gloss-annotation-(list|row)'),
    ('article view', r'gloss-article-view'),
    ('model: session', r'src/model/gloss-session'),
    ('model: sidecar', r'src/model/gloss-sidecar'),
    ('model: annotation set', r'src/model/gloss-annotation-set|src/model/gloss-span-index'),
    ('model: other', r'src/model/'),
    ('app: other', r'src/app/'),
]


def component_of(path):
    for name, pattern in COMPONENTS:
        if re.search(pattern, path):
            return name
    return 'other'


def symbol_files(binary):
    """name -> set of files, and a sorted list of (address, file)."""
    out = subprocess.run(['nm', '-l', '--defined-only', binary],
                         capture_output=True, text=True, check=True).stdout
    by_name = collections.defaultdict(set)
    by_addr = []
    for line in out.splitlines():
        parts = line.split(None, 3)
        if len(parts) < 4 or parts[1] not in 'tTwW':
            continue
        addr, _, name, where = parts
        path = where.rsplit(':', 1)[0]
        if '/src/' not in path and '/tests/' not in path:
            continue
        rel = path[path.find('/src/') + 1:] if '/src/' in path else path[path.find('/tests/') + 1:]
        by_name[name].add(rel)
        by_addr.append((int(addr, 16), rel))
    by_addr.sort()
    return by_name, by_addr


def main():
    binary = os.path.abspath('tests/bench/bench-window')
    if not os.path.exists(binary):
        sys.exit('run from a build directory (tests/bench/bench-window not found)')
    by_name, by_addr = symbol_files(binary)
    addrs = [a for a, _ in by_addr]

    freq = os.environ.get('GLOSS_PROFILE_FREQ', '1000')
    # GLOSS_PROFILE_DATA=perf.data: read a profile kept earlier instead.
    data = os.environ.get('GLOSS_PROFILE_DATA')
    tmp = None
    if data is None:
        tmp = tempfile.mkdtemp(prefix='gloss-profile-')
        ctl = os.path.join(tmp, 'ctl')
        ack = os.path.join(tmp, 'ack')
        data = os.path.join(tmp, 'perf.data')
        os.mkfifo(ctl)
        os.mkfifo(ack)
        env = dict(os.environ, GLOSS_BENCH_PERF_CTL=ctl + ',' + ack)
        subprocess.run(['perf', 'record', '-q', '-o', data, '-F', freq, '--call-graph', 'dwarf,32768',
                        '-D', '-1', '--control', 'fifo:%s,%s' % (ctl, ack), '--',
                        'sh', WRAPPER, binary] + sys.argv[1:], env=env, check=False)

    script = subprocess.Popen(['perf', 'script', '-i', data, '--show-mmap-events',
                               '-F', 'comm,pid,tid,ip,sym,dso'],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    mmaps = []   # (start, end, pgoff) of the benchmark's executable
    mmap_re = re.compile(r'\[(0x[0-9a-f]+)\((0x[0-9a-f]+)\) @ (0x[0-9a-f]+|\d+) .*\]: .*?x.* (\S+)$')
    by_file = collections.Counter()
    by_function = collections.Counter()
    by_component = collections.Counter()
    gtk_symbols = collections.Counter()
    total = 0
    current = None   # frames of the sample being read, or None when skipped

    def file_of(ip, sym):
        files = by_name.get(sym)
        if files is not None and len(files) == 1:
            return next(iter(files))
        for start, end, pgoff in mmaps:
            if start <= ip < end:
                vaddr = ip - start + pgoff
                i = bisect.bisect_right(addrs, vaddr) - 1
                if i >= 0:
                    return by_addr[i][1]
        if files:
            return '|'.join(sorted(files))
        return None

    def finish(frames):
        nonlocal total
        total += 1
        seen = set()
        for ip, sym, dso in frames:
            if dso.endswith('/bench-window'):
                path = file_of(ip, sym)
                # The benchmark is at the root of every sample.
                if path is not None and not path.startswith('tests/'):
                    by_file[path] += 1
                    by_function['%s (%s)' % (sym, component_of(path))] += 1
                    by_component[component_of(path)] += 1
                    return
        by_component['GTK/GLib (no Gloss frame)'] += 1
        for ip, sym, dso in frames:
            if dso.endswith('/bench-window') and (file_of(ip, sym) or '').startswith('tests/'):
                continue   # the benchmark's own frames, at the root of every sample
            if sym in ('main', '_start', '__libc_start_call_main', '__libc_start_main_impl',
                       'g_main_context_iteration', 'g_main_context_dispatch'):
                continue
            if sym not in seen and sym != '[unknown]':
                seen.add(sym)
                gtk_symbols[sym] += 1

    frame_re = re.compile(r'^\s+([0-9a-f]+)\s+(.*?)\s+\((.*)\)$')
    for line in script.stdout:
        if 'PERF_RECORD_MMAP' in line:
            m = mmap_re.search(line.rstrip())
            if m and m.group(4) == binary:
                start = int(m.group(1), 16)
                pgoff = int(m.group(3), 16) if m.group(3).startswith('0x') else int(m.group(3))
                mmaps.append((start, start + int(m.group(2), 16), pgoff))
            continue
        if not line.strip():
            if current is not None:
                finish(current)
            current = None
            continue
        if not line[0].isspace():
            # "comm pid/tid" or "comm pid/tid  ip sym (dso)" header
            m = re.match(r'^(.*?)\s+(\d+)/(\d+)', line)
            current = [] if m and m.group(2) == m.group(3) and 'bench-window' in m.group(1) else None
            continue
        if current is not None:
            m = frame_re.match(line)
            if m:
                sym = re.sub(r'\+0x[0-9a-f]+$', '', m.group(2))
                current.append((int(m.group(1), 16), sym, m.group(3)))
    if current is not None:
        finish(current)
    script.wait()

    if total == 0:
        sys.exit('no samples of the main thread (perf failed, or no step was recorded)')
    ms = 1000.0 / float(freq)
    print('\nThe main thread during the recorded steps: %d samples (~%.0f ms of CPU)' % (total, total * ms))
    print('\nby component (innermost Gloss frame):')
    for name, n in by_component.most_common():
        print('  %-28s %5.1f %%  ~%6.0f ms' % (name, 100.0 * n / total, n * ms))
    print('\nby file:')
    for name, n in by_file.most_common(15):
        print('  %-44s %5.1f %%' % (name, 100.0 * n / total))
    print('\nby function (innermost Gloss frame):')
    for name, n in by_function.most_common(25):
        print('  %-60s %5.1f %%' % (name, 100.0 * n / total))
    n_gtk = by_component['GTK/GLib (no Gloss frame)']
    if n_gtk:
        print('\nin the samples with no Gloss frame, the functions most often on the stack:')
        for name, n in gtk_symbols.most_common(25):
            print('  %-50s %5.1f %%' % (name, 100.0 * n / total))
    if tmp is None:
        pass
    elif os.environ.get('GLOSS_BENCH_KEEP'):
        print('\nperf data kept in', data)
    else:
        os.unlink(data)
        os.unlink(ctl)
        os.unlink(ack)
        os.rmdir(tmp)


if __name__ == '__main__':
    main()
