// Writes CMCD traffic of simulated players, encoded by @svta/cml-cmcd (the SVTA Common Media
// Library, CTA-5004 / CTA-5004-B), as contract `cmcd` records (one JSON per line), plus the ground
// truth of every playback. Deterministic for a seed.
//
//   node generate.mjs <out-dir> [playbacks-per-kind] [seed] [base-time-epoch-ms]
//
// Player kinds:
//   v1-query     v1 request mode, CMCD query argument
//   v1-headers   v1 request mode, CMCD-* headers
//   v2-events    v2 event mode only: play-state (ps) events with msd / bsd, time-interval (t)
//                events with bsa / bsda / dfa / pt, batched several reports per POST body
//   v2-requests  v2 request mode (headers) with msd, bsa, bsda, bsd, no play state
//   mixed        v1 query requests plus v2 play-state event reports (the stall is reported by a ps
//                event and flagged again by bs on the next request)
import { encodeCmcd, toCmcdHeaders, toCmcdQuery } from '@svta/cml-cmcd';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KINDS = ['v1-query', 'v1-headers', 'v2-events', 'v2-requests', 'mixed'];
const SEGMENT_MS = 4000;
const BUFFER_TARGET_MS = 20000;
// Playbacks start 3 hours before now (whole minute), so the records are recent for Kafka retention
// and the decoder's clock checks; a fixed base (4th argument, epoch ms) reproduces a run exactly.
const BASE_TIME = Number(process.argv[5] ?? Math.floor((Date.now() - 3 * 3600000) / 60000) * 60000);

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function between(rand, lo, hi) {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/** One simulated playback: a buffer model with back-to-back segment downloads and outages. */
function simulate(kind, index, rand) {
  const sid = `${kind}-${String(index).padStart(3, '0')}`;
  const cid = `title-${between(rand, 1, 50)}`;
  const t0 = BASE_TIME + index * 997 + between(rand, 0, 500);
  const segments = between(rand, 8, 40);
  const fate = rand();
  const quitsBeforeStart = fate < 0.06;
  const reportsStates = kind === 'v2-events' || kind === 'mixed';
  const failsBeforeStart = !quitsBeforeStart && reportsStates && index % 13 === 5;
  const bitrate = [800, 1600, 3200, 6000][between(rand, 0, 3)];
  const requests = []; // { t, data }
  const events = []; // { t, data }
  const truth = { playbackId: sid, kind, started: false, startupMs: null, rebufferCount: 0, rebufferMs: 0, playMs: 0 };

  events.push({ t: t0, data: { e: 'ps', sta: 's' } });
  requests.push({ t: t0, data: { ot: 'm', su: true } });
  let t = t0;
  let buffer = 0;
  let playing = false;
  let playStart = null;
  let starvedSinceReport = false;
  let recovering = false;
  let stalls = 0;
  let stallMs = 0;
  let pendingBsd = [];
  for (let k = 0; k < segments; k++) {
    if (playing && buffer > BUFFER_TARGET_MS - SEGMENT_MS) {
      const wait = buffer - (BUFFER_TARGET_MS - SEGMENT_MS);
      t += wait;
      buffer -= wait;
    }
    requests.push({
      t,
      data: { ot: 'v', d: SEGMENT_MS, br: bitrate, bl: buffer, mtp: bitrate * between(rand, 2, 6),
        su: !playing || recovering, bs: starvedSinceReport },
    });
    starvedSinceReport = false;
    recovering = false;
    if (quitsBeforeStart || failsBeforeStart) {
      const end = t + between(rand, 300, 2500);
      events.push({ t: end, data: failsBeforeStart ? { e: 'ps', sta: 'f' } : { e: 'ps', sta: 'q' } });
      truth.endTime = end;
      return { sid, cid, requests, events, truth: { ...truth, exitBeforeStart: quitsBeforeStart, startFailure: failsBeforeStart } };
    }
    // A starvation during the last download is reported by no later request, so request-only
    // players cannot reveal it (docs/qoe.md, limits): outages hit every download but the last.
    const outage = playing && k < segments - 1 && rand() < 0.12;
    const download = outage ? between(rand, 4000, 15000) : between(rand, 200, 1800);
    const arrival = t + download;
    if (playing && buffer < download) {
      const stallStart = t + buffer;
      stalls++;
      stallMs += arrival - stallStart;
      events.push({ t: stallStart, data: { e: 'ps', sta: 'r' } });
      events.push({ t: arrival, data: { e: 'ps', sta: 'p', bsd: [arrival - stallStart] } });
      pendingBsd.push(arrival - stallStart);
      starvedSinceReport = true;
      recovering = true;
      buffer = 0;
    } else if (playing) {
      buffer -= download;
    }
    t = arrival;
    buffer += SEGMENT_MS;
    if (!playing) {
      playing = true;
      playStart = t;
      events.push({ t, data: { e: 'ps', sta: 'p', msd: playStart - t0 } });
    }
  }
  const end = t + buffer;
  events.push({ t: end, data: { e: 'ps', sta: 'e' } });
  const watched = end - playStart;
  return {
    sid, cid, requests, events, stalls, pendingBsd,
    truth: { ...truth, started: true, startupMs: playStart - t0, rebufferCount: stalls, rebufferMs: stallMs,
      playMs: watched - stallMs, rebufferRatio: stallMs / watched, exitBeforeStart: false, startFailure: false, endTime: end },
  };
}

function wrapper(eventId, eventTime, sid, payload) {
  return { v: 1, eventId, eventTime, userId: `u-${sid}`, cdn: 'cdn-interop', isp: 'isp-x', asn: 64500,
    deviceType: 'TV', country: 'US', ...payload };
}

/** The records of one playback, in the order a collector would receive them. */
function records(kind, p) {
  const out = [];
  const common = { sid: p.sid, cid: p.cid };
  const withRequests = kind !== 'v2-events';
  const withEvents = kind === 'v2-events' || kind === 'mixed';
  if (withRequests) {
    let bsa = 0;
    let bsda = 0;
    const startup = p.truth.startupMs;
    p.requests.forEach((r, i) => {
      const data = { ...common, ...r.data };
      if (!data.bs) delete data.bs;
      if (!data.su) delete data.su;
      let payload;
      if (kind === 'v2-requests') {
        data.sn = i + 1;
        if (data.bs) {
          bsa++;
          const duration = p.pendingBsd[bsa - 1];
          bsda += duration;
          data.bsd = [duration];
        }
        data.bsa = [bsa];
        data.bsda = [bsda];
        if (startup !== null && r.t >= p.requests[0].t + startup && !p.msdSent) {
          data.msd = startup;
          p.msdSent = true;
        }
        payload = { headers: toCmcdHeaders(data, { version: 2 }) };
      } else if (kind === 'v1-headers') {
        payload = { headers: toCmcdHeaders(data, { version: 1 }) };
      } else {
        payload = { query: `https://cdn.example/v/${p.sid}/seg${i}.m4s?${toCmcdQuery(data, { version: 1 })}` };
      }
      out.push({ t: r.t, record: wrapper(`${p.sid}-r${i}`, r.t, p.sid, payload) });
    });
  }
  if (withEvents) {
    const lines = [];
    let sn = 0;
    let bsa = 0;
    let bsda = 0;
    const sorted = [...p.events];
    if (kind === 'v2-events') {
      // time-interval reports every 10 s with the absolute counters
      const first = sorted[0].t;
      const last = sorted[sorted.length - 1].t;
      const stallEnds = sorted.filter((e) => e.data.bsd).map((e) => ({ t: e.t, d: e.data.bsd[0] }));
      for (let t = first + 10000; t < last; t += 10000) {
        const ended = stallEnds.filter((s) => s.t <= t);
        sorted.push({ t, data: { e: 't', bsa: [ended.length], bsda: [ended.reduce((a, s) => a + s.d, 0)], dfa: ended.length * 3, pt: t - first } });
      }
      sorted.sort((a, b) => a.t - b.t);
    }
    sorted.forEach((e) => {
      sn++;
      const data = { ...common, ...e.data, ts: e.t, sn };
      if (kind === 'mixed') delete data.bsd; // mixed players report states only; bs flags requests
      lines.push({ t: e.t, line: encodeCmcd(data, { version: 2, reportingMode: 'event' }) });
    });
    // batch up to 3 reports per POST; the edge receives the batch when its last report is made
    for (let i = 0; i < lines.length; i += 3) {
      const batch = lines.slice(i, i + 3);
      const postTime = batch[batch.length - 1].t;
      out.push({ t: postTime, record: wrapper(`${p.sid}-e${i / 3}`, postTime, p.sid, { body: batch.map((b) => b.line).join('\n') }) });
    }
  }
  return out;
}

const outDir = process.argv[2] ?? 'target/cmcd-interop';
const perKind = Number(process.argv[3] ?? 40);
const seed = Number(process.argv[4] ?? 5004);
const rand = mulberry32(seed);
mkdirSync(outDir, { recursive: true });
const traffic = [];
const truths = [];
let index = 0;
for (const kind of KINDS) {
  for (let i = 0; i < perKind; i++) {
    const playback = simulate(kind, index++, rand);
    truths.push(playback.truth);
    for (const r of records(kind, playback)) traffic.push({ ...r, kind });
  }
}
traffic.sort((a, b) => a.t - b.t);
writeFileSync(join(outDir, 'traffic.jsonl'), traffic.map((r) => JSON.stringify(r.record)).join('\n') + '\n');
writeFileSync(join(outDir, 'truth.jsonl'), truths.map((t) => JSON.stringify(t)).join('\n') + '\n');
console.log(`wrote ${traffic.length} records of ${truths.length} playbacks to ${outDir}`);
