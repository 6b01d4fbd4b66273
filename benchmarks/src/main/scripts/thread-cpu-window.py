#!/usr/bin/env python3
"""CPU per thread group of each process between two epoch seconds, from thread-cpu.py samples.

Usage: thread-cpu-window.py SAMPLES.jsonl T0 T1 [TOP]."""
import json, sys
rows=[json.loads(l) for l in open(sys.argv[1])]
t0,t1=float(sys.argv[2]),float(sys.argv[3])
a=min(rows,key=lambda r:abs(r['t']-t0)); b=min(rows,key=lambda r:abs(r['t']-t1))
dt=b['t']-a['t']; print(f"window {dt:.0f}s")
for role in b['procs']:
    if role not in a['procs'] or a['procs'][role]['pid']!=b['procs'][role]['pid']: print(role,'pid changed'); continue
    ta=a['procs'][role]['threads']; tb=b['procs'][role]['threads']
    d={k:(tb[k]-ta.get(k,0))/100/dt*100 for k in tb}
    tot=sum(v for v in d.values() if v>0)
    print(f"== {role}: {tot:.1f}% of a core")
    for k,v in sorted(d.items(),key=lambda x:-x[1])[:int(sys.argv[4]) if len(sys.argv)>4 else 12]:
        if v>0.3: print(f"   {v:6.1f}%  {k}")
