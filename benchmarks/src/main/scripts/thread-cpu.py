#!/usr/bin/env python3
"""Samples cumulative CPU ticks per thread of the bench JVM, Cassandra and Kafka every N seconds.

Usage: threadcpu.py OUT.jsonl [interval_s]. Each line: {"t": epoch_s, "procs": {role: {comm: ticks}}}.
Thread names are grouped by comm with digits stripped (e.g. CompactionExecutor:3 -> CompactionExecutor:#).
"""
import json, os, re, sys, time

def roles():
    found = {}
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            cmd = open(f'/proc/{pid}/cmdline', 'rb').read().replace(b'\0', b' ').decode(errors='replace')
        except OSError:
            continue
        if 'java' not in cmd.split(' ')[0]:
            continue
        if 'CassandraDaemon' in cmd or 'cassandra' in cmd.lower() and 'NodeMain' in cmd:
            found.setdefault('cassandra', pid)
        elif 'kafka.Kafka' in cmd or 'KafkaRaftServer' in cmd or 'kafka' in cmd.lower() and 'BrokerMain' in cmd:
            found.setdefault('kafka', pid)
        elif 'io.reelstream.cli' in cmd or 'ReelstreamCli' in cmd:
            found.setdefault('bench', pid)
    return found

def threads(pid):
    out = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            stat = open(f'/proc/{pid}/task/{tid}/stat').read()
            comm = open(f'/proc/{pid}/task/{tid}/comm').read().strip()
        except OSError:
            continue
        fields = stat[stat.rindex(')') + 2:].split()
        ticks = int(fields[11]) + int(fields[12])
        key = re.sub(r'\d+', '#', comm)
        out[key] = out.get(key, 0) + ticks
    return out

out = open(sys.argv[1], 'a')
interval = float(sys.argv[2]) if len(sys.argv) > 2 else 15
while True:
    snap = {'t': time.time(), 'procs': {}}
    for role, pid in roles().items():
        try:
            snap['procs'][role] = {'pid': pid, 'threads': threads(pid)}
        except OSError:
            pass
    out.write(json.dumps(snap) + '\n')
    out.flush()
    time.sleep(interval)
