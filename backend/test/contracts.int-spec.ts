import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import sharp from 'sharp';
import { JobQueue } from '../src/core/jobs/job-queue';
import { Agency } from '../src/core/tenancy/entities/agency.entity';
import type { Client } from '../src/core/tenancy/entities/client.entity';
import { chainIsIntact } from '../src/modules/contracts/contract-events';
import { ContractFlowService } from '../src/modules/contracts/contract-flow.service';
import { ContractSealingService } from '../src/modules/contracts/contract-sealing.service';
import { ContractEvent } from '../src/modules/contracts/entities/contract-event.entity';
import { ContractRecipient } from '../src/modules/contracts/entities/contract-recipient.entity';
import { Contract } from '../src/modules/contracts/entities/contract.entity';
import { Factory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const DAY = 24 * 60 * 60_000;

async function fixturePdf(pages = 2): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    doc.addPage([595, 842]).drawText(`Service agreement, page ${i + 1}`, { x: 60, y: 780, size: 18, font });
  }
  return Buffer.from(await doc.save());
}

let signaturePng = '';
async function makeSignature(): Promise<string> {
  const png = await sharp({
    create: { width: 300, height: 90, channels: 4, background: { r: 20, g: 30, b: 120, alpha: 1 } },
  })
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

function pdfsig(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-sealed-'));
  const file = join(dir, 'sealed.pdf');
  writeFileSync(file, bytes);
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe('Contracts: send for signature, sign in turn, seal, verify', () => {
  let t: TestApp;
  let f: Factory;
  let acme: Client;
  let globex: Client;
  let noSigning: Client;
  let owner: { token: string; email: string; name: string };
  let first: { id: string; token: string; email: string };
  let second: { id: string; token: string; email: string };
  let acmeAdmin: { id: string; token: string };
  let bystander: { id: string; token: string };
  let globexAdmin: string;
  let otherAgencyOwner: string;

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object) => t.http().put(path).set('Authorization', `Bearer ${token}`).send(body),
    pdf: (path: string, bytes: Buffer, type = 'application/pdf') =>
      t.http().post(path).set('Authorization', `Bearer ${token}`).set('Content-Type', type).send(bytes),
    file: (path: string) =>
      t
        .http()
        .get(path)
        .set('Authorization', `Bearer ${token}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        }),
  });
  const agency = () => as(owner.token);

  async function upload(clientId = acme.id, title = 'Service agreement'): Promise<string> {
    const res = await agency().pdf(
      `/api/v1/contracts?clientId=${clientId}&title=${encodeURIComponent(title)}`,
      await fixturePdf(),
    );
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  /** Two signers in sequence (first, then second) and the admin as copy-only. */
  async function sequentialDraft(extra: object = {}): Promise<string> {
    const id = await upload();
    const saved = await agency().put(`/api/v1/contracts/${id}`, {
      title: 'Service agreement',
      message: 'Please sign by Friday.',
      expiresAt: null,
      reminders: null,
      recipients: [
        { userId: first.id, role: 'signer', step: 1 },
        { userId: second.id, role: 'signer', step: 2 },
        { userId: acmeAdmin.id, role: 'copy', step: 1 },
      ],
      fields: [
        { kind: 'signature', recipientIndex: 0, required: true, page: 0, x: 0.1, y: 0.7, width: 0.3, height: 0.06 },
        { kind: 'date', recipientIndex: 0, required: true, page: 0, x: 0.5, y: 0.7, width: 0.2, height: 0.04 },
        {
          kind: 'text',
          recipientIndex: 0,
          required: true,
          label: 'Company',
          page: 1,
          x: 0.1,
          y: 0.2,
          width: 0.4,
          height: 0.04,
        },
        { kind: 'signature', recipientIndex: 1, required: true, page: 1, x: 0.1, y: 0.8, width: 0.3, height: 0.06 },
        {
          kind: 'checkbox',
          recipientIndex: 1,
          required: false,
          label: 'Newsletter',
          page: 1,
          x: 0.6,
          y: 0.8,
          width: 0.04,
          height: 0.03,
        },
      ],
      ...extra,
    });
    expect(saved.status).toBe(200);
    return id;
  }

  const myFields = async (token: string, id: string) => {
    const view = (await as(token).get(`/api/v1/portal/contracts/${id}`)).body;
    const me = view.recipients.find((r: { isMe: boolean }) => r.isMe);
    return view.fields.filter((field: { recipientId: string }) => field.recipientId === me.id);
  };

  beforeAll(async () => {
    t = await startTestApp({
      CONTRACT_POLL_MS: '3600000',
      SIGNING_DIR: mkdtempSync(join(tmpdir(), 'atrium-signing-')),
    });
    f = new Factory(t);
    signaturePng = await makeSignature();
    const theAgency = await f.agency('Contracting Agency');
    acme = await f.client(theAgency, ['contracts.sign'], 'Acme');
    globex = await f.client(theAgency, ['contracts.sign'], 'Globex');
    noSigning = await f.client(theAgency, ['calendar.view'], 'Quiet Co');
    const ownerUser = await f.agencyUser(theAgency, 'owner');
    owner = { token: (await f.signIn(ownerUser.email)).accessToken, email: ownerUser.email, name: ownerUser.name };
    const person = async (client: Client, role: 'admin' | 'member') => {
      const user = await f.clientUser(client, role);
      return { id: user.id, email: user.email, token: (await f.signIn(user.email)).accessToken };
    };
    first = await person(acme, 'member');
    second = await person(acme, 'member');
    acmeAdmin = await person(acme, 'admin');
    bystander = await person(acme, 'member');
    globexAdmin = (await person(globex, 'admin')).token;
    const otherAgency = await f.agency('Other Agency');
    otherAgencyOwner = (await f.signIn((await f.agencyUser(otherAgency, 'owner')).email)).accessToken;
    await f.clientUser(noSigning, 'member');
  });
  afterAll(() => t.close());

  it('refuses files that are not usable PDFs with a reason, and keeps nothing', async () => {
    const notPdf = await agency().pdf(`/api/v1/contracts?clientId=${acme.id}`, Buffer.from('hello, not a pdf'));
    expect(notPdf.status).toBe(400);
    expect(notPdf.body.details[0].messages[0]).toMatch(/not a PDF|isn.t a PDF/i);
    const truncated = (await fixturePdf()).subarray(0, 300);
    const broken = await agency().pdf(`/api/v1/contracts?clientId=${acme.id}`, truncated);
    expect(broken.status).toBe(400);
    const dir = mkdtempSync(join(tmpdir(), 'atrium-enc-'));
    writeFileSync(join(dir, 'in.pdf'), await fixturePdf());
    execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
    const encrypted = await agency().pdf(
      `/api/v1/contracts?clientId=${acme.id}`,
      require('node:fs').readFileSync(join(dir, 'out.pdf')) as Buffer,
    );
    expect(encrypted.status).toBe(400);
    expect(encrypted.body.details[0].messages[0]).toMatch(/password/i);
    const wrongType = await agency().pdf(`/api/v1/contracts?clientId=${acme.id}`, await fixturePdf(), 'text/plain');
    expect(wrongType.status).toBe(415);
    const otherAgencyClient = await as(otherAgencyOwner).pdf(
      `/api/v1/contracts?clientId=${acme.id}`,
      await fixturePdf(),
    );
    expect(otherAgencyClient.status).toBe(404);
    expect(await t.db.getRepository(Contract).countBy({ clientId: acme.id })).toBe(0);
  });

  it('refuses recipients who are not the client’s people, fields for non-signers, and sending what is not ready', async () => {
    const id = await upload();
    const foreign = await agency().put(`/api/v1/contracts/${id}`, {
      title: 'x',
      message: null,
      expiresAt: null,
      reminders: null,
      recipients: [{ userId: (await f.clientUser(globex, 'member')).id, role: 'signer', step: 1 }],
      fields: [],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.details[0].field).toBe('recipients.0.userId');
    const copyField = await agency().put(`/api/v1/contracts/${id}`, {
      title: 'x',
      message: null,
      expiresAt: null,
      reminders: null,
      recipients: [{ userId: first.id, role: 'copy', step: 1 }],
      fields: [{ kind: 'signature', recipientIndex: 0, required: true, page: 0, x: 0, y: 0, width: 0.2, height: 0.05 }],
    });
    expect(copyField.status).toBe(400);
    await agency().put(`/api/v1/contracts/${id}`, {
      title: 'x',
      message: null,
      expiresAt: null,
      reminders: null,
      recipients: [{ userId: first.id, role: 'signer', step: 1 }],
      fields: [{ kind: 'text', recipientIndex: 0, required: false, page: 0, x: 0, y: 0, width: 0.2, height: 0.05 }],
    });
    const notReady = await agency().post(`/api/v1/contracts/${id}/send`);
    expect(notReady.status).toBe(400);
    expect(notReady.body.details[0].messages.join(' ')).toMatch(/Place a signature field for/);
    expect((await agency().get(`/api/v1/contracts/${id}`)).body.status).toBe('draft');
  });

  it('runs two signers in turn, seals a copy pdfsig accepts, and the verification page knows it', async () => {
    const id = await sequentialDraft();
    // Drafts are the agency's: no client user sees them.
    expect((await as(first.token).get(`/api/v1/portal/contracts/${id}`)).status).toBe(404);
    const sent = await agency().post(`/api/v1/contracts/${id}/send`);
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('sent');
    const [toFirst] = await t.emailsTo(first.email);
    expect(toFirst.subject).toBe('Please sign: Service agreement');
    expect(toFirst.textBody).toMatch(/\/magic-link\?token=[A-Za-z0-9_-]+&returnUrl=%2Fportal%2Fcontracts%2F/);
    expect(await t.emailsTo(second.email)).toHaveLength(0);

    // The second signer waits for their turn.
    const early = await as(second.token).post(`/api/v1/portal/contracts/${id}/sign`, {
      values: {},
      signature: { method: 'drawn', image: signaturePng },
    });
    expect(early.status).toBe(409);

    const viewed = await as(first.token).get(`/api/v1/portal/contracts/${id}`);
    expect(viewed.body.status).toBe('viewed');
    expect(viewed.body.awaitingMe).toBe(true);
    const fields = await myFields(first.token, id);
    const company = fields.find((field: { kind: string }) => field.kind === 'text');
    const othersField = (viewed.body.fields as Array<{ id: string; recipientId: string }>).find(
      (field) => !fields.some((mine: { id: string }) => mine.id === field.id),
    );
    const foreignValue = await as(first.token).post(`/api/v1/portal/contracts/${id}/sign`, {
      values: { [company.id]: 'Acme Ltd', [(othersField as { id: string }).id]: 'true' },
      signature: { method: 'drawn', image: signaturePng },
    });
    expect(foreignValue.status).toBe(400);
    const missing = await as(first.token).post(`/api/v1/portal/contracts/${id}/sign`, {
      values: {},
      signature: { method: 'drawn', image: signaturePng },
    });
    expect(missing.status).toBe(400);

    const signed = await as(first.token)
      .post(`/api/v1/portal/contracts/${id}/sign`, {
        values: { [company.id]: 'Acme Ltd' },
        signature: { method: 'drawn', image: signaturePng },
        timeZone: 'Europe/Lisbon',
      })
      .set('User-Agent', 'SignerBrowser/1.0');
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('partially_signed');
    // A second submit changes nothing.
    const again = await as(first.token).post(`/api/v1/portal/contracts/${id}/sign`, {
      values: { [company.id]: 'Other Ltd' },
      signature: { method: 'drawn', image: signaturePng },
    });
    expect(again.status).toBe(200);
    expect(await t.db.getRepository(ContractEvent).countBy({ contractId: id, type: 'signed' })).toBe(1);
    expect((await t.emailsTo(second.email))[0].subject).toBe('Please sign: Service agreement');

    const secondDone = await as(second.token).post(`/api/v1/portal/contracts/${id}/sign`, {
      values: {},
      signature: { method: 'typed', image: signaturePng, typedText: 'Second Signer', font: 'Caveat' },
    });
    expect(secondDone.status).toBe(200);
    expect(secondDone.body.status).toBe('completed');
    await t.app.get(JobQueue).drain();

    const done = (await agency().get(`/api/v1/contracts/${id}`)).body;
    expect(done).toMatchObject({
      status: 'completed',
      sealState: 'sealed',
      downloads: { signed: true, certificate: true },
    });
    for (const address of [first.email, second.email]) {
      expect((await t.emailsTo(address))[0].subject).toBe('Completed: Service agreement');
    }
    // The copy-only recipient gets the signed copy too.
    const copy = await t.db.getRepository(ContractRecipient).findOneByOrFail({ contractId: id, role: 'copy' });
    expect(copy.status).toBe('copied');

    const sealedFile = await as(first.token).file(`/api/v1/portal/contracts/${id}/files/signed`);
    expect(sealedFile.status).toBe(200);
    expect(sealedFile.headers['content-type']).toBe('application/pdf');
    const sealed = sealedFile.body as Buffer;
    const report = pdfsig(sealed);
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('Total document signed');
    const certificate = await agency().file(`/api/v1/contracts/${id}/files/certificate`);
    expect(certificate.status).toBe(200);
    expect(pdfsig(certificate.body as Buffer)).toContain('Signature is Valid');

    const verified = await t
      .http()
      .post('/api/v1/public/contracts/verify')
      .set('Content-Type', 'application/pdf')
      .send(sealed);
    expect(verified.body).toMatchObject({ match: true, title: 'Service agreement' });
    expect(Object.keys(verified.body).sort()).toEqual(['completedAt', 'match', 'sha256', 'title']);
    const changed = Buffer.from(sealed);
    changed[Math.floor(changed.length / 2)] ^= 0x01;
    const tampered = await t
      .http()
      .post('/api/v1/public/contracts/verify')
      .set('Content-Type', 'application/pdf')
      .send(changed);
    expect(tampered.body).toMatchObject({ match: false, title: null, completedAt: null });
    expect((await t.http().get(`/api/v1/public/contracts/verify/${done.finalSha256}`)).body.match).toBe(true);
    expect((await t.http().get('/api/v1/public/contracts/verify/not-a-hash')).status).toBe(400);

    const events = await t.db
      .getRepository(ContractEvent)
      .find({ where: { contractId: id }, order: { sequence: 'ASC' } });
    expect(chainIsIntact(events)).toBe(true);
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      'created',
      'sent',
      'email_sent',
      'viewed',
      'field_filled',
      'signed',
      'completed',
      'sealed',
      'downloaded',
    ]) {
      expect(types).toContain(type);
    }
    const signedEvent = events.find((e) => e.type === 'signed' && e.userAgent === 'SignerBrowser/1.0');
    expect(signedEvent?.ip).toBeTruthy();
    const timeline = await agency().get(`/api/v1/contracts/${id}/events`);
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual(events.map((e) => e.type));
    // Editing the trail breaks the chain.
    events[2].detail = 'edited';
    expect(chainIsIntact(events)).toBe(false);
  });

  it('shows a contract only to its recipients and the client’s admins; everyone else gets 404', async () => {
    const id = await sequentialDraft();
    await agency().post(`/api/v1/contracts/${id}/send`);
    expect((await as(first.token).get(`/api/v1/portal/contracts/${id}`)).status).toBe(200);
    const adminList = await as(acmeAdmin.token).get('/api/v1/portal/contracts');
    expect(adminList.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect(
      (await as(bystander.token).get('/api/v1/portal/contracts')).body.items.map((c: { id: string }) => c.id),
    ).not.toContain(id);
    for (const path of [`/api/v1/portal/contracts/${id}`, `/api/v1/portal/contracts/${id}/files/original`]) {
      expect((await as(bystander.token).get(path)).status).toBe(404);
      expect((await as(globexAdmin).get(path)).status).toBe(404);
    }
    for (const path of [
      `/api/v1/contracts/${id}`,
      `/api/v1/contracts/${id}/files/original`,
      `/api/v1/contracts/${id}/events`,
    ]) {
      expect((await as(otherAgencyOwner).get(path)).status).toBe(404);
    }
    expect((await as(otherAgencyOwner).post(`/api/v1/contracts/${id}/void`, { reason: 'mine now' })).status).toBe(404);
    // Lists never carry another tenant's contracts.
    expect((await as(otherAgencyOwner).get('/api/v1/contracts')).body.items).toEqual([]);
    expect((await as(otherAgencyOwner).get(`/api/v1/contracts?clientId=${acme.id}`)).body.items).toEqual([]);
    expect((await as(globexAdmin).get('/api/v1/portal/contracts')).body.items).toEqual([]);
    // A client user cannot reach the agency's routes at all.
    expect((await as(first.token).get(`/api/v1/contracts/${id}`)).status).toBe(403);
    expect((await as(bystander.token).post(`/api/v1/portal/contracts/${id}/decline`, { reason: 'no' })).status).toBe(
      404,
    );
    // The admin sees it but, not being a signer, cannot sign for anyone.
    expect((await as(acmeAdmin.token).post(`/api/v1/portal/contracts/${id}/sign`, { values: {} })).status).toBe(404);
    // Other recipients' account ids are not shown to client users.
    const seen = (await as(first.token).get(`/api/v1/portal/contracts/${id}`)).body;
    expect(
      seen.recipients
        .filter((r: { isMe: boolean }) => !r.isMe)
        .every((r: { userId: string | null }) => r.userId === null),
    ).toBe(true);
  });

  it('stops on a decline, tells everyone involved with the reason, and refuses signatures after', async () => {
    const id = await sequentialDraft();
    await agency().post(`/api/v1/contracts/${id}/send`);
    const noReason = await as(first.token).post(`/api/v1/portal/contracts/${id}/decline`, { reason: '  ' });
    expect(noReason.status).toBe(400);
    const declined = await as(first.token).post(`/api/v1/portal/contracts/${id}/decline`, {
      reason: 'The price is wrong',
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'The price is wrong' });
    const told = (await t.emailsTo(owner.email)).find((e) => e.subject === 'Declined: Service agreement');
    expect(told?.textBody).toContain('The price is wrong');
    const after = await as(first.token).post(`/api/v1/portal/contracts/${id}/sign`, {
      values: {},
      signature: { method: 'drawn', image: signaturePng },
    });
    expect(after.status).toBe(409);
  });

  it('voids with a reason: those it reached are told, a stamped copy is kept, and nobody can sign', async () => {
    const id = await sequentialDraft();
    await agency().post(`/api/v1/contracts/${id}/send`);
    const voided = await agency().post(`/api/v1/contracts/${id}/void`, { reason: 'Wrong client entity' });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({
      status: 'voided',
      voidReason: 'Wrong client entity',
      downloads: { voided: true },
    });
    const toFirst = (await t.emailsTo(first.email)).find((e) => e.subject === 'Voided: Service agreement');
    expect(toFirst?.textBody).toContain('Wrong client entity');
    // The second signer never received it, so is not told.
    expect((await t.emailsTo(second.email)).some((e) => e.subject.startsWith('Voided'))).toBe(false);
    const stamped = await as(first.token).file(`/api/v1/portal/contracts/${id}/files/voided`);
    expect(stamped.status).toBe(200);
    expect(pdfsig(stamped.body as Buffer)).toContain('Signature is Valid');
    const late = await as(first.token).post(`/api/v1/portal/contracts/${id}/sign`, {
      values: {},
      signature: { method: 'drawn', image: signaturePng },
    });
    expect(late.status).toBe(409);
    expect((await agency().post(`/api/v1/contracts/${id}/void`, { reason: 'again' })).status).toBe(409);
    expect((await as(first.token).get(`/api/v1/portal/contracts/${id}/files/signed`)).status).toBe(404);

    // A stamped copy that could not be made is made by the next sweep.
    const contracts = t.db.getRepository(Contract);
    await contracts.update({ id }, { voidedKey: null, voidedAt: new Date(Date.now() - 10 * 60_000) });
    await t.app.get(ContractSealingService).sweep();
    expect((await contracts.findOneByOrFail({ id })).voidedKey).toBeTruthy();
  });

  it('seals again by itself after a failure, for a day', async () => {
    const id = await sequentialDraft();
    await agency().post(`/api/v1/contracts/${id}/send`);
    await t.db.getRepository(Contract).update(
      { id },
      {
        status: 'completed',
        completedAt: new Date(),
        sealState: 'failed',
        updatedAt: new Date(Date.now() - 10 * 60_000),
      },
    );
    const sealing = t.app.get(ContractSealingService);
    // Too soon after the failure: nothing yet.
    await sealing.sweep(new Date(Date.now() - 9 * 60_000));
    expect((await t.db.getRepository(Contract).findOneByOrFail({ id })).sealState).toBe('failed');
    await sealing.sweep();
    await t.app.get(JobQueue).drain();
    const sealed = await t.db.getRepository(Contract).findOneByOrFail({ id });
    expect(sealed.sealState).toBe('sealed');
    expect(sealed.finalSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reminds on schedule at most the set number of times, then expires the contract', async () => {
    const id = await sequentialDraft({
      expiresAt: new Date(Date.now() + 10 * DAY).toISOString(),
      reminders: { firstAfterDays: 2, everyDays: 1, maxCount: 2 },
    });
    await agency().post(`/api/v1/contracts/${id}/send`);
    const flow = t.app.get(ContractFlowService);
    const reminders = () => t.emailsTo(first.email).then((all) => all.filter((e) => e.subject.startsWith('Reminder')));
    const before = (await reminders()).length;
    await flow.remindDue(new Date(Date.now() + 1 * DAY));
    expect((await reminders()).length).toBe(before);
    await flow.remindDue(new Date(Date.now() + 2 * DAY + 1000));
    expect((await reminders()).length).toBe(before + 1);
    await flow.remindDue(new Date(Date.now() + 3 * DAY + 2000));
    await flow.remindDue(new Date(Date.now() + 4 * DAY + 3000));
    expect((await reminders()).length).toBe(before + 2);
    expect(await flow.expireDue(new Date(Date.now() + 11 * DAY))).toBeGreaterThanOrEqual(1);
    const expired = (await agency().get(`/api/v1/contracts/${id}`)).body;
    expect(expired.status).toBe('expired');
    const late = await as(first.token).post(`/api/v1/portal/contracts/${id}/sign`, {
      values: {},
      signature: { method: 'drawn', image: signaturePng },
    });
    expect(late.status).toBe(409);
  });

  it('runs a group in parallel, then the agency countersigns; a template brings the layout back', async () => {
    const ownerId = (await agency().get('/api/v1/me')).body.id as string;
    const id = await upload();
    const saved = await agency().put(`/api/v1/contracts/${id}`, {
      title: 'Group agreement',
      message: null,
      expiresAt: null,
      reminders: null,
      recipients: [
        { userId: first.id, role: 'signer', step: 1 },
        { userId: second.id, role: 'approver', step: 1 },
        { userId: ownerId, role: 'signer', step: 3 },
      ],
      fields: [
        { kind: 'signature', recipientIndex: 0, required: true, page: 0, x: 0.1, y: 0.7, width: 0.3, height: 0.06 },
        { kind: 'initials', recipientIndex: 0, required: true, page: 1, x: 0.8, y: 0.9, width: 0.1, height: 0.04 },
        { kind: 'signature', recipientIndex: 2, required: true, page: 1, x: 0.5, y: 0.7, width: 0.3, height: 0.06 },
        { kind: 'name', recipientIndex: 2, required: true, page: 1, x: 0.5, y: 0.78, width: 0.3, height: 0.04 },
      ],
    });
    // Steps are renumbered without gaps; the agency user is on the agency's side.
    expect(saved.body.recipients.map((r: { step: number; side: string }) => [r.step, r.side])).toEqual([
      [1, 'client'],
      [1, 'client'],
      [2, 'agency'],
    ]);
    await agency().post(`/api/v1/contracts/${id}/send`);
    // Both of step 1 are asked at once.
    expect((await t.emailsTo(second.email))[0].subject).toBe(
      'Please approve: Service agreement'.replace('Service agreement', 'Group agreement'),
    );
    // The countersigner's turn has not come.
    expect(
      (
        await agency().post(`/api/v1/contracts/${id}/sign`, {
          values: {},
          signature: { method: 'drawn', image: signaturePng },
        })
      ).status,
    ).toBe(409);
    const noInitials = await as(first.token).post(`/api/v1/portal/contracts/${id}/sign`, {
      values: {},
      signature: { method: 'drawn', image: signaturePng },
    });
    expect(noInitials.status).toBe(400);
    expect(noInitials.body.details[0].field).toBe('initials');
    await as(first.token).post(`/api/v1/portal/contracts/${id}/sign`, {
      values: {},
      signature: { method: 'uploaded', image: signaturePng },
      initials: { method: 'typed', image: signaturePng, typedText: 'FS', font: 'Dancing Script' },
    });
    // The approver cannot sign, only approve.
    expect((await as(second.token).post(`/api/v1/portal/contracts/${id}/sign`, { values: {} })).status).toBe(404);
    const approved = await as(second.token).post(`/api/v1/portal/contracts/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.currentStep).toBe(2);
    const countersigned = await agency().post(`/api/v1/contracts/${id}/sign`, {
      values: {},
      signature: { method: 'drawn', image: signaturePng },
    });
    expect(countersigned.status).toBe(200);
    expect(countersigned.body.status).toBe('completed');
    const name = countersigned.body.fields.find((f: { kind: string }) => f.kind === 'name');
    expect(name.value).toBe(owner.name);
    await t.app.get(JobQueue).drain();
    expect((await agency().get(`/api/v1/contracts/${id}`)).body.sealState).toBe('sealed');

    const template = await agency().post(`/api/v1/contracts/${id}/template`, { name: 'Group template' });
    expect(template.status).toBe(201);
    expect(template.body).toMatchObject({ name: 'Group template', recipientSlots: 3, pageCount: 2 });
    const layout = (await agency().get(`/api/v1/contract-templates/${template.body.id}`)).body;
    expect(layout.slots).toEqual([
      { role: 'signer', step: 1 },
      { role: 'approver', step: 1 },
      { role: 'signer', step: 2 },
    ]);
    expect(layout.fields).toHaveLength(4);
    const started = await agency().post('/api/v1/contracts/from-template', {
      templateId: template.body.id,
      clientId: acme.id,
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      status: 'draft',
      title: 'Group template',
      pageCount: 2,
      templateId: template.body.id,
    });
    expect((await as(otherAgencyOwner).get(`/api/v1/contract-templates/${template.body.id}`)).status).toBe(404);
    expect(
      (
        await as(otherAgencyOwner).post('/api/v1/contracts/from-template', {
          templateId: template.body.id,
          clientId: acme.id,
        })
      ).status,
    ).toBe(404);
  });

  it('asks for Contracts to be on for the client, and for the plan to include contracts', async () => {
    const id = await upload(noSigning.id);
    const quietUser = (await t.db.query('SELECT userId FROM client_memberships WHERE clientId = ?', [noSigning.id]))[0]
      .userId as string;
    await agency().put(`/api/v1/contracts/${id}`, {
      title: 'Quiet',
      message: null,
      expiresAt: null,
      reminders: null,
      recipients: [{ userId: quietUser, role: 'signer', step: 1 }],
      fields: [
        { kind: 'signature', recipientIndex: 0, required: true, page: 0, x: 0.1, y: 0.1, width: 0.3, height: 0.06 },
      ],
    });
    const refused = await agency().post(`/api/v1/contracts/${id}/send`);
    expect(refused.status).toBe(400);
    expect(refused.body.details[0].messages.join(' ')).toMatch(/Turn on Contracts/);

    const small = await f.agency('Small Agency');
    await t.db.getRepository(Agency).update({ id: small.id }, { plan: 'starter' });
    const smallOwner = (await f.signIn((await f.agencyUser(small, 'owner')).email)).accessToken;
    const list = await as(smallOwner).get('/api/v1/contracts');
    expect(list.status).toBe(403);
    expect(list.body.message).toMatch(/plan does not include contracts/);
  });
});
