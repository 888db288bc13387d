/**
 * Sealing a completed contract: sealContract on a 50-page PDF with 10 signers (a drawn signature,
 * a name, a date and a text field each: 40 fields over the pages) and 80 audit events. That is
 * filling the fields, flattening, the certificate and audit pages, and the PAdES signature of the
 * sealed file and of the certificate alone.
 *
 *   npm run bench:contracts-seal
 *   BENCH_ROUNDS=9 BENCH_PAGES=200 npm run bench:contracts-seal
 *
 * Beside it, in the same run, the raw baseline: @cantoo/pdf-lib loading the same 50-page PDF and
 * saving it again (no fields, no pages added, no signature) with the same parse and write settings,
 * which is the least any sealing through pdf-lib must do. Rounds alternate which goes first.
 * Prints median times, their ratio, the output sizes and the process's peak memory: maxRSS from
 * process.resourceUsage(), and the heap sampled every few milliseconds (and after each step).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildTextPdf, signaturePng } from '../backend/src/modules/contracts/pdf/pdf-test-support';
import { sealContract, type SealField, type SealInput } from '../backend/src/modules/contracts/pdf/seal-contract';
import { loadOrCreateSigningIdentity } from '../backend/src/modules/contracts/pdf/signing-identity';
import { loadPdf, OBJECTS_PER_TICK } from '../backend/src/modules/contracts/pdf/pdf-loading';
import { positive, spread } from './bench-support';

const ROUNDS = Math.min(positive('BENCH_ROUNDS', 5), 25);
const PAGES = positive('BENCH_PAGES', 50);
const SIGNERS = 10;
const EVENTS = 80;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

/** The heap's high-water mark: sampled on a timer and after every timed step. */
let heapPeak = 0;
const sampleHeap = () => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-bench-seal-'));
  const sampler = setInterval(sampleHeap, 5);
  try {
    let started = performance.now();
    const identity = await loadOrCreateSigningIdentity({
      p12Path: null,
      passphrase: null,
      dataDir: dir,
      organisation: 'Bench Agency',
    });
    const identityMs = performance.now() - started;
    started = performance.now();
    const original = await buildTextPdf(PAGES);
    const input = contract(original, identity);
    console.log(
      `bench:contracts-seal — ${PAGES} pages (${kb(original.length)}), ${SIGNERS} signers, ${input.fields.length} fields, ` +
        `${EVENTS} events, ${ROUNDS} rounds after a warm-up (Node ${process.version})`,
    );
    console.log(
      `  set-up: signing identity created in ${identityMs.toFixed(0)} ms, fixture PDF built in ${(performance.now() - started).toFixed(0)} ms`,
    );

    const seals: number[] = [];
    const baselines: number[] = [];
    let sizes = { sealed: 0, certificate: 0 };
    for (let round = 0; round <= ROUNDS; round++) {
      const sealFirst = round % 2 === 0;
      let sealMs = 0;
      let rawMs = 0;
      const runSeal = async () => {
        const begin = performance.now();
        const sealed = await sealContract(input);
        sealMs = performance.now() - begin;
        sampleHeap();
        sizes = { sealed: sealed.sealed.length, certificate: sealed.certificate.length };
      };
      const runRaw = async () => {
        const begin = performance.now();
        const doc = await loadPdf(original);
        await doc.save({ useObjectStreams: false, objectsPerTick: OBJECTS_PER_TICK });
        rawMs = performance.now() - begin;
        sampleHeap();
      };
      if (sealFirst) {
        await runSeal();
        await runRaw();
      } else {
        await runRaw();
        await runSeal();
      }
      const label = round === 0 ? 'warm-up' : `round ${round}`;
      console.log(
        `  ${label.padEnd(8)} (${sealFirst ? 'seal' : 'raw'} first): seal ${sealMs.toFixed(0).padStart(5)} ms | raw ${rawMs
          .toFixed(0)
          .padStart(4)} ms | ratio ${(sealMs / rawMs).toFixed(1).padStart(5)}x | load ${loadavg()
          .map((v) => v.toFixed(2))
          .join(' ')}`,
      );
      if (round > 0) {
        seals.push(sealMs);
        baselines.push(rawMs);
      }
    }

    const seal = spread(seals);
    const raw = spread(baselines);
    console.log(
      `\n  seal: median ${seal.median.toFixed(0)} ms, min ${seal.min.toFixed(0)} ms, max ${seal.max.toFixed(0)} ms`,
    );
    console.log(
      `  raw:  median ${raw.median.toFixed(0)} ms, min ${raw.min.toFixed(0)} ms, max ${raw.max.toFixed(0)} ms`,
    );
    console.log(`  ratio seal / raw (medians): ${(seal.median / raw.median).toFixed(1)}x`);
    console.log(
      `  output: sealed ${kb(sizes.sealed)} (original ${kb(original.length)}), certificate alone ${kb(sizes.certificate)}`,
    );
    console.log(
      `  memory: peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}, peak heap used ${mb(heapPeak)} (sampled)`,
    );
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Ten signers, each with a drawn signature, a name, a date and a text field spread over the pages. */
function contract(original: Buffer, identity: SealInput['identity']): SealInput {
  const recipients: SealInput['recipients'] = [];
  const fields: SealField[] = [];
  for (let index = 0; index < SIGNERS; index++) {
    const picture = signaturePng(index + 1);
    const name = `Signer ${index + 1} Łukasz-Zoë`;
    const page = Math.min(PAGES - 1, Math.floor((index * PAGES) / SIGNERS) + 2);
    const row = 0.55 + (index % 4) * 0.1;
    fields.push(
      { page, x: 0.1, y: row, width: 0.3, height: 0.07, kind: 'signature', value: null, image: picture },
      { page, x: 0.45, y: row, width: 0.3, height: 0.03, kind: 'name', value: name, image: null },
      {
        page: PAGES - 1,
        x: 0.1,
        y: 0.05 + index * 0.09,
        width: 0.2,
        height: 0.03,
        kind: 'date',
        value: '1 May 2024',
        image: null,
      },
      {
        page: index % PAGES,
        x: 0.5,
        y: 0.9,
        width: 0.4,
        height: 0.05,
        kind: 'text',
        value: `Reviewed clause ${index + 1} with the agency and agree to it as written.`,
        image: null,
      },
    );
    recipients.push({
      name,
      email: `signer${index + 1}@example.test`,
      role: 'signer',
      step: index + 1,
      status: 'signed',
      signatureImage: picture,
      method: 'drawn',
      typedText: null,
      ip: `203.0.113.${index + 10}`,
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
      timeZone: 'Europe/Warsaw',
      sentAt: new Date('2024-04-29T08:00:00Z'),
      viewedAt: new Date('2024-04-29T09:00:00Z'),
      actedAt: new Date('2024-04-29T09:30:00Z'),
    });
  }
  return {
    original,
    contractId: '6f1c2b8e-5d0a-4f57-9a4e-3c9d8e7b1a20',
    title: 'Bench services agreement',
    brandName: 'Bench Agency Portal',
    verificationUrl: 'https://portal.bench.test/verify/6f1c2b8e',
    originalSha256: '0'.repeat(64),
    completedAt: new Date('2024-05-01T10:00:00Z'),
    fields,
    recipients,
    events: Array.from({ length: EVENTS }, (_, index) => ({
      at: new Date(Date.parse('2024-04-29T08:00:00Z') + index * 60_000),
      type: 'recipient.viewed',
      actorName: recipients[index % SIGNERS].name,
      detail: `Event ${index + 1}`,
      ip: recipients[index % SIGNERS].ip,
    })),
    eventChainHash: 'f'.repeat(64),
    identity,
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
