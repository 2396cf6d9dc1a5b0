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
# lines, then two breakdowns of the main thread's CPU samples: those inside
# each run's longest stall (the figure the benchmark reports; the benchmark
# logs each stall's start and end, GLOSS_BENCH_PERF_STALLS, and perf stamps
# its samples with the same clock), and all those from each action until the
# window settled (the file monitors' tail included). Over all runs of the
# steps asked for: list one step with --only for that step alone.
#
# GLOSS_PROFILE_FREQ=HZ: samples a second (default 1000).
# GLOSS_BENCH_KEEP=1: keep perf.data (its path is printed);
# GLOSS_PROFILE_DATA=PATH/perf.data: read such a kept profile again.
#
# GTK's own functions have no symbols without its debug package: "no Gloss
# frame" is then mostly the frame clock's layout (gtk_layout_manager_measure,
# pango) and drawing (gsk_renderer_render), named by their exported callers.
# Deep stacks (json-glib's parser) may be cut short by perf's 32 KB copy of
# the stack, and lose their Gloss frame too.
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


NO_GLOSS = 'GTK/GLib (no Gloss frame)'
ROOTS = ('main', '_start', '__libc_start_call_main', '__libc_start_main_impl',
         'g_main_context_iteration', 'g_main_context_dispatch')


def component_of(path):
    for name, pattern in COMPONENTS:
        if re.search(pattern, path):
            return name
    return 'other'

class Tally:
    """Samples attributed to the innermost Gloss frame."""

    def __init__(self):
        self.total = 0
        self.by_file = collections.Counter()
        self.by_function = collections.Counter()
        self.by_component = collections.Counter()
        self.gtk_symbols = collections.Counter()

    def add(self, frames, file_of):
        self.total += 1
        for ip, sym, dso in frames:
            if dso.endswith('/bench-window') or dso == 'inlined':
                path = file_of(ip, sym)
                # The benchmark is at the root of every sample.
                if path is not None and not path.startswith('tests/'):
                    self.by_file[path] += 1
                    self.by_function['%s (%s)' % (sym, component_of(path))] += 1
                    self.by_component[component_of(path)] += 1
                    return
        self.by_component[NO_GLOSS] += 1
        seen = set()
        for ip, sym, dso in frames:
            if dso.endswith('/bench-window') or dso == 'inlined':
                path = file_of(ip, sym)
                if path is None or path.startswith('tests/'):
                    continue   # the benchmark's own frames, at the root of every sample
            if sym in ROOTS or sym in seen or sym == '[unknown]':
                continue
            seen.add(sym)
            self.gtk_symbols[sym] += 1

    def report(self, title, ms):
        total = max(self.total, 1)
        print('\n%s: %d samples of the main thread (~%.0f ms of CPU)' % (title, self.total, self.total * ms))
        print('\nby component (innermost Gloss frame):')
        for name, n in self.by_component.most_common():
            print('  %-28s %5.1f %%  ~%6.0f ms' % (name, 100.0 * n / total, n * ms))
        print('\nby file:')
        for name, n in self.by_file.most_common(15):
            print('  %-44s %5.1f %%' % (name, 100.0 * n / total))
        print('\nby function (innermost Gloss frame):')
        for name, n in self.by_function.most_common(20):
            print('  %-60s %5.1f %%' % (name, 100.0 * n / total))
        if self.by_component[NO_GLOSS]:
            print('\nin the samples with no Gloss frame, the functions most often on the stack:')
            for name, n in self.gtk_symbols.most_common(20):
                print('  %-50s %5.1f %%' % (name, 100.0 * n / total))


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
    stalls_path = (data or '') + '.stalls'
    if data is None:
        tmp = tempfile.mkdtemp(prefix='gloss-profile-')
        ctl = os.path.join(tmp, 'ctl')
        ack = os.path.join(tmp, 'ack')
        data = os.path.join(tmp, 'perf.data')
        os.mkfifo(ctl)
        os.mkfifo(ack)
        stalls_path = data + '.stalls'
        env = dict(os.environ, GLOSS_BENCH_PERF_CTL=ctl + ',' + ack, GLOSS_BENCH_PERF_STALLS=stalls_path)
        subprocess.run(['perf', 'record', '-q', '-k', 'CLOCK_MONOTONIC', '-o', data, '-F', freq,
                        '--call-graph', 'dwarf,32768',
                        '-D', '-1', '--control', 'fifo:%s,%s' % (ctl, ack), '--',
                        'sh', WRAPPER, binary] + sys.argv[1:], env=env, check=False)

    stalls = []   # (start, end) of each recording's longest stall, µs
    if os.path.exists(stalls_path):
        with open(stalls_path) as f:
            stalls = [tuple(int(x) for x in line.split()) for line in f if line.strip()]

    script = subprocess.Popen(['perf', 'script', '-i', data, '--show-mmap-events',
                               '-F', 'comm,pid,tid,time,ip,sym,dso'],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    mmaps = []   # (start, end, pgoff) of the benchmark's executable
    mmap_re = re.compile(r'\[(0x[0-9a-f]+)\((0x[0-9a-f]+)\) @ (0x[0-9a-f]+|\d+) .*\]: .*?x.* (\S+)$')
    everything = Tally()
    in_stalls = Tally()
    current = None   # (time, frames) of the sample being read, or None when skipped

    def file_of(ip, sym):
        files = by_name.get(sym)
        if files is not None and len(files) == 1:
            return next(iter(files))
        # perf script gives the frames of a known file as offsets in it;
        # a process address is turned into one through the mapping.
        vaddr = ip
        for start, end, pgoff in mmaps:
            if start <= ip < end:
                vaddr = ip - start + pgoff
        i = bisect.bisect_right(addrs, vaddr) - 1
        if ip and files and i >= 0 and by_addr[i][1] in files:
            return by_addr[i][1]
        if files:
            return '|'.join(sorted(files))
        return None

    def finish(sample):
        time_us, frames = sample
        everything.add(frames, file_of)
        if any(a <= time_us <= b for a, b in stalls):
            in_stalls.add(frames, file_of)

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
            # "comm pid/tid time:" header; the main thread only
            m = re.match(r'^(.*?)\s+(\d+)/(\d+)\s+(\d+)\.(\d+):', line)
            if m and m.group(2) == m.group(3) and 'bench-window' in m.group(1):
                current = (int(m.group(4)) * 1000000 + int(m.group(5).ljust(6, '0')[:6]), [])
            else:
                current = None
            continue
        if current is not None:
            m = frame_re.match(line)
            if m:
                sym = re.sub(r'\+0x[0-9a-f]+$', '', m.group(2))
                current[1].append((int(m.group(1), 16), sym, m.group(3)))
    if current is not None:
        finish(current)
    script.wait()

    if everything.total == 0:
        sys.exit('no samples of the main thread (perf failed, or no step was recorded)')
    ms = 1000.0 / float(freq)
    if stalls:
        lengths = sorted((b - a) / 1000.0 for a, b in stalls)
        in_stalls.report('IN THE LONGEST STALL OF EACH RUN (%d stalls, median %.1f ms, longest %.1f ms)'
                         % (len(lengths), lengths[len(lengths) // 2], lengths[-1]), ms)
    everything.report('ALL THE RECORDED TIME (each action until the window settled)', ms)
    if tmp is None:
        pass
    elif os.environ.get('GLOSS_BENCH_KEEP'):
        print('\nperf data kept in', data)
    else:
        os.unlink(data)
        if os.path.exists(stalls_path):
            os.unlink(stalls_path)
        os.unlink(ctl)
        os.unlink(ack)
        os.rmdir(tmp)


if __name__ == '__main__':
    main()
