#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Tests of tools/vmbind-text (the text form of fuzz inputs).

usage: test_vmbind_text.py TEST ROOT REPRO WORKDIR
  corpus     every corpus/*.bin and crashes/*.bin: the text form gives the
             same bytes (corpus: all canonical), and the decoded meaning
             equals what 'vmbind_repro -v' prints
  random     random byte strings: text -> binary keeps the meaning
             ('vmbind_repro -v' prints the same trace for both, and the
             --describe view the tool reads agrees with it), canonical inputs come back
             byte for byte, the result is canonical and stable
  errors     hand-written text: errors come as FILE:LINE: error: ...
  constants  the tool's format constants match harness/input.h
"""
import importlib.machinery
import importlib.util
import os
import random
import re
import subprocess
import sys


def load(root):
    path = os.path.join(root, 'tools', 'vmbind-text')
    loader = importlib.machinery.SourceFileLoader('vmbind_text', path)
    spec = importlib.util.spec_from_loader('vmbind_text', loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


FAILS = []
SKIPPED = []


def fail(msg):
    FAILS.append(msg)
    if len(FAILS) <= 30:
        print('FAIL ' + msg)


def _run_repro(repro, paths):
    r = subprocess.run([repro, '-v'] + paths, stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL)
    out = {}
    cur = None
    for line in r.stdout.decode('utf-8', 'replace').split('\n'):
        m = re.match(r'^== (.*) \(\d+ bytes\)$', line)
        if m:
            cur = m.group(1)
            out[cur] = []
        elif cur is not None and re.match(r'^\d+ input\(s\), \d+ with findings$', line):
            cur = None
        elif cur is not None:
            # the verdict line starts with the path; keep it without
            out[cur].append(line[len(cur):] if line.startswith(cur + ': ') else line)
    return out


def has_verdict(lines):
    return any(l.startswith(': FINDING ') or l.startswith(': no finding') for l in lines)


def repro_traces(repro, paths):
    """{file: [lines of its 'vmbind_repro -v' section]}, from one run over
    PATHS (files or directories). Files whose run died (a sanitizer abort
    ends the process and loses its buffered output) are run again one by
    one; those that die alone are left out, with a warning."""
    if not paths:
        return {}
    out = _run_repro(repro, paths)
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(os.path.join(p, n) for n in os.listdir(p) if not n.startswith('.'))
        else:
            files.append(p)
    for f in files:
        if not has_verdict(out.get(f, [])):
            out.update(_run_repro(repro, [f]))
            if not has_verdict(out.get(f, [])):
                print('warning: vmbind_repro died on %s: not compared' % f)
                out.pop(f, None)
                SKIPPED.append(f)
    return out


def decoded_part(lines):
    return [l for l in lines if l.startswith('config:') or re.match(r'^bo\d: ', l) or
            l.startswith('  op ')]


def test_corpus(vt, root, repro, work):
    files = []
    for d in ('corpus', 'crashes'):
        p = os.path.join(root, d)
        if os.path.isdir(p):
            files += sorted(os.path.join(p, n) for n in os.listdir(p) if n.endswith('.bin'))
    if not files:
        fail('no corpus/*.bin or crashes/*.bin')
    traces = repro_traces(repro, files)
    for f in files:
        data = open(f, 'rb').read()
        text = vt.binary_to_text(data)
        fields, items = vt.parse_text(text)
        back = vt.encode(fields)
        _, notes = vt.from_binary(data)
        name = os.path.relpath(f, root)
        if name.startswith('corpus/') and notes:
            fail('%s: not canonical: %s' % (name, '; '.join(notes)))
        if not notes and back != data:
            fail('%s: canonical, but the text form gives other bytes' % name)
        if vt.decoded_lines(vt.decode(back)) != vt.decoded_lines(vt.decode(data)):
            fail('%s: the text form changes the meaning' % name)
        want = decoded_part(traces.get(f, []))
        got = vt.decoded_lines(vt.decode(data))
        if f in SKIPPED:
            continue
        if want != got:
            fail('%s: decode differs from vmbind_repro -v:\n  repro: %s\n  tool:  %s' % (
                name, '\n         '.join(want), '\n         '.join(got)))
        if vt.text_to_text(fields, items) != text:
            fail('%s: re-formatting the text form changes it' % name)
    # the command line, on one file each way
    f = os.path.join(root, 'corpus', 'multi-op-mixed.bin')
    if os.path.exists(f):
        t = os.path.join(work, 'cli.txt')
        b = os.path.join(work, 'cli.bin')
        tool = os.path.join(root, 'tools', 'vmbind-text')
        subprocess.run([tool, 'to-text', f, '-o', t], check=True)
        subprocess.run([tool, 'to-bin', t, '-o', b], check=True)
        if open(b, 'rb').read() != open(f, 'rb').read():
            fail('command line: to-text | to-bin changes %s' % f)
        r = subprocess.run([tool, 'check', f, t], capture_output=True, text=True)
        if r.returncode != 0:
            fail('command line: check failed on %s: %s' % (f, r.stderr))
        r = subprocess.run([tool, 'decode', t], capture_output=True, text=True)
        if r.stdout.split('\n')[:-1] != decoded_part(traces.get(f, [])):
            fail('command line: decode of the text form differs from vmbind_repro -v')
    print('corpus: %d files' % len(files))


def random_inputs(rng):
    """Byte strings: random lengths and bytes, plus a few biased ones."""
    out = []
    for i in range(360):
        n = rng.choice([0, 1, 7, 15, 16, 17, 24, 31, 32, 33, 48, 63, 64, 80, 96, 130, 200, 300])
        out.append(rng.randbytes(n))
    # canonical-looking headers with many records (prev/uniform kinds,
    # deltas, ias above 44 where the uniform kinds wrap in 64 bits)
    for i in range(120):
        h = bytes([rng.randrange(13), rng.randrange(12), rng.randrange(4), 0])
        for _ in range(3):
            h += bytes([rng.randrange(30), rng.randrange(256), rng.randrange(20), rng.randrange(256)])
        recs = b''
        for _ in range(rng.randrange(1, 12)):
            rec = bytearray(rng.randbytes(16))
            rec[0] &= 0x7f
            recs += bytes(rec)
        out.append(h + recs[:len(recs) - rng.choice([0, 0, 0, 1, 5, 15])])
    # more than 4096 records (the rest is ignored)
    out.append(rng.randbytes(16 + 16 * 4099 + 3))
    return out


def test_random(vt, root, repro, work):
    rng = random.Random(20261124)
    inputs = random_inputs(rng)
    a_dir = os.path.join(work, 'orig')
    b_dir = os.path.join(work, 'text-bin')
    for d in (a_dir, b_dir):
        os.makedirs(d, exist_ok=True)
        for n in os.listdir(d):
            os.unlink(os.path.join(d, n))
    names = []
    ncanon = 0
    for i, data in enumerate(inputs):
        name = 'r%03d' % i
        names.append(name)
        text = vt.binary_to_text(data)
        fields, items = vt.parse_text(text)
        back = vt.encode(fields)
        _, notes = vt.from_binary(data)
        if not notes:
            ncanon += 1
            if back != data:
                fail('%s: canonical, but the text form gives other bytes' % name)
        _, notes2 = vt.from_binary(back)
        if notes2:
            fail('%s: the text form gives a non-canonical binary: %s' % (name, notes2))
        if vt.encode(vt.parse_text(vt.binary_to_text(back))[0]) != back:
            fail('%s: binary -> text -> binary is not stable' % name)
        if vt.decode(back) != vt.decode(data):
            fail('%s: the text form decodes differently (vmbind_repro --describe)' % name)
        with open(os.path.join(a_dir, name), 'wb') as fh:
            fh.write(data)
        with open(os.path.join(b_dir, name), 'wb') as fh:
            fh.write(back)
    ta = repro_traces(repro, [a_dir])
    tb = repro_traces(repro, [b_dir])
    for name, data in zip(names, inputs):
        a = ta.get(os.path.join(a_dir, name))
        b = tb.get(os.path.join(b_dir, name))
        if a is None or b is None:
            if not SKIPPED:
                fail('%s: no vmbind_repro trace' % name)
            continue
        if a != b:
            fail('%s: vmbind_repro -v traces differ between the input and its text form' % name)
        got = vt.decoded_lines(vt.decode(data))
        if decoded_part(a) != got:
            fail('%s: decode differs from vmbind_repro -v:\n  repro: %s\n  tool:  %s' % (
                name, '\n         '.join(decoded_part(a)), '\n         '.join(got)))
    print('random: %d inputs (%d canonical as generated)' % (len(inputs), ncanon))


HEADER = 'format 2\nias 48\nwalk coherent\nfail none\n'
ERRORS = [
    # (text, line, substring of the message)
    ('ias 48\n', 1, 'the first statement must be "format 2"'),
    ('# comment\n\nformat 99\n', 3, 'format 99 is not supported'),
    (HEADER + 'map iova=start:0 range=pages:600\n', 5, 'out of range 0..511'),
    (HEADER + 'map iova=start:0x10000\n', 5, 'out of range 0..65535'),
    (HEADER + 'frobnicate\n', 5, 'unknown statement "frobnicate"'),
    (HEADER + 'unmap iova=start:1 bo=1\n', 5, 'bo= is only for map'),
    (HEADER + 'map\nbo 1 size=2^3\n', 6, 'after the first op'),
    (HEADER + 'ias 40\n', 5, '"ias" given twice (first at line 2)'),
    (HEADER + 'map iova=2m:1-200\n', 5, 'out of range -128..127'),
    (HEADER + 'map iova=prev:3\n', 5, 'takes no value'),
    (HEADER + 'map iova=nowhere:3\n', 5, 'unknown iova kind "nowhere"'),
    (HEADER + 'map range=pages:3 bo=3\n', 5, 'bo: 3 is out of range 0..2'),
    (HEADER + 'end_job now\n', 5, 'end_job takes no arguments'),
    ('format 2\nfail nth=3 family=vmalloc\n', 2, 'unknown fail family "vmalloc"'),
    ('format 2\nbo 0 size=4096\n', 2, 'expected size=2^E+X'),
    ('format 2\nbo 0 size=2^30\n', 2, 'size exponent: 30 is out of range 0..29'),
    ('format 2\nbo 3\n', 2, 'expected "bo 0|1|2'),
    ('format 2\nias 49\n', 2, 'ias: 49 is out of range 36..48'),
    (HEADER + 'map range=pages:1\ntruncate 20\n', 6, 'cuts byte 23, which is not zero'),
    (HEADER + 'map\nmap\ntruncate 32\n', 7, 'drops op 1 entirely'),
    (HEADER + 'truncate 99\n', 5, 'longer than the input'),
    ('format 2\nias forty\n', 2, '"forty" is not a number'),
]


def test_errors(vt, root, repro, work):
    tool = os.path.join(root, 'tools', 'vmbind-text')
    for i, (text, line, what) in enumerate(ERRORS):
        path = os.path.join(work, 'bad%02d.txt' % i)
        with open(path, 'w') as fh:
            fh.write(text)
        r = subprocess.run([tool, 'to-bin', path, '-o', os.path.join(work, 'bad.bin')],
                           capture_output=True, text=True)
        want = '%s:%d: error: ' % (path, line)
        first = r.stderr.split('\n')[0]
        if r.returncode != 1 or not first.startswith(want) or what not in first:
            fail('case %d: want exit 1 and "%s...%s", got exit %d: %s' % (
                i, want, what, r.returncode, r.stderr.strip()))
        if r.stdout:
            fail('case %d: output on an error' % i)
    # every error of a file is reported, each with its line
    path = os.path.join(work, 'two-errors.txt')
    with open(path, 'w') as fh:
        fh.write(HEADER + 'map iova=start:0\nmap range=1g:64\nmap\nunmap offset=3\n')
    r = subprocess.run([tool, 'check', path], capture_output=True, text=True)
    lines = [l for l in r.stderr.split('\n') if l]
    if r.returncode != 1 or len(lines) != 2 or not lines[0].startswith(path + ':6: error: ') \
            or not lines[1].startswith(path + ':8: error: '):
        fail('two errors: want lines 6 and 8, got exit %d: %s' % (r.returncode, r.stderr))
    # a valid hand-written file: comments, CRLF, any case, defaults
    path = os.path.join(work, 'hand.txt')
    with open(path, 'wb') as fh:
        fh.write(b'# hand-written\r\nFORMAT 2\r\nias 40   # a comment\r\n'
                 b'fail nth=7\r\n\r\nMAP iova=2m:1-4 range=pages:7 bo=2 offset=3 ro priv\r\n'
                 b'End_Job\r\nunmap iova=prev+1 range=prev-1 cache\r\n')
    r = subprocess.run([tool, 'to-bin', path], capture_output=True)
    want = (bytes([4, 0, 7, 0]) + bytes(12) +
            bytes([0x00 | 4 | 2 << 4 | 0x40, 1]) + (1).to_bytes(4, 'little') + bytes([0xfc]) +
            (7).to_bytes(4, 'little') + bytes([0]) + (3).to_bytes(4, 'little') +
            bytes([3]) + bytes(15) +
            bytes([2 | 8, 5 | 6 << 3]) + bytes(4) + bytes([1]) + bytes(4) + bytes([0xff]) + bytes(4))
    if r.returncode != 0 or r.stdout != want:
        fail('hand-written file: exit %d, bytes %s, want %s (%s)' % (
            r.returncode, r.stdout.hex(), want.hex(), r.stderr.decode()))
    # to-text keeps its comments and adds the missing header statements
    r = subprocess.run([tool, 'to-text', path], capture_output=True, text=True)
    t = r.stdout
    if r.returncode != 0 or '# hand-written' not in t or '# a comment' in t or \
            'walk coherent' not in t or not re.search(r'^bo 2 size=2\^0\+0', t, re.M):
        fail('to-text of a text input: %s' % (t or r.stderr))
    # a binary given to to-bin is refused
    path = os.path.join(work, 'not-text.bin')
    with open(path, 'wb') as fh:
        fh.write(bytes(range(40)))
    r = subprocess.run([tool, 'to-bin', path], capture_output=True, text=True)
    if r.returncode != 1 or 'not a text input' not in r.stderr:
        fail('to-bin of a binary: exit %d: %s' % (r.returncode, r.stderr))
    # a non-canonical binary says so, and check fails on it
    path = os.path.join(work, 'noncanon.bin')
    with open(path, 'wb') as fh:
        fh.write(bytes([200, 0xff]) + bytes(14) + bytes([0x83, 0xc0]) + bytes(7))
    r = subprocess.run([tool, 'to-text', path], capture_output=True, text=True)
    if '# NOT canonical' not in r.stdout or 'ias) is 200' not in r.stdout or \
            'truncate 25' not in r.stdout:
        fail('to-text of a non-canonical input: %s' % r.stdout)
    r = subprocess.run([tool, 'check', path], capture_output=True, text=True)
    if r.returncode != 1 or 'not canonical' not in r.stderr:
        fail('check of a non-canonical input: exit %d: %s' % (r.returncode, r.stderr))
    print('errors: %d cases' % len(ERRORS))


def test_constants(vt, root, repro, work):
    h = open(os.path.join(root, 'harness', 'input.h')).read()
    want = {
        'VMBIND_FORMAT_VERSION': vt.FORMAT_VERSION,
        'VMBIND_HEADER_SIZE': vt.HEADER_SIZE,
        'VMBIND_RECORD_SIZE': vt.RECORD_SIZE,
        'VMBIND_MAX_OPS': vt.MAX_OPS,
        'VMBIND_NR_BOS': vt.NR_BOS,
        'VMBIND_MAX_SG': vt.MAX_SG,
    }
    for k, v in want.items():
        m = re.search(r'#define\s+%s\s+(\w+)' % k, h)
        if not m:
            fail('harness/input.h has no %s' % k)
        elif int(m.group(1), 0) != v:
            fail('%s is %s in harness/input.h, %d in tools/vmbind-text: update the tool '
                 '(and its tests) to the decoder' % (k, m.group(1), v))
    print('constants: %d checked' % len(want))


def main(argv):
    if len(argv) != 5:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    test, root, repro, work = argv[1:]
    os.makedirs(work, exist_ok=True)
    vt = load(root)
    {'corpus': test_corpus, 'random': test_random, 'errors': test_errors,
     'constants': test_constants}[test](vt, root, repro, work)
    if FAILS:
        print('%d failure(s)' % len(FAILS))
        return 1
    print('ok')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
