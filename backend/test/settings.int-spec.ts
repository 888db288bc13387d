import { CLIENT_PERMISSIONS } from '@atrium/shared';
import { JobQueue } from '../src/core/jobs/job-queue';
import { MediaAsset } from '../src/modules/media/entities/media-asset.entity';
import { Factory, TEST_PASSWORD, uniqueEmail } from './support/factories';
import { jpeg, svgWithScript } from './support/media-files';
import { startTestApp, TestApp } from './support/test-app';

describe('Settings: name, time zone, email, password, profile picture', () => {
  let t: TestApp;
  let f: Factory;
  let email: string;
  let token: string;

  const api = (bearer = token) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${bearer}`),
    post: (path: string, body: object) => t.http().post(path).set('Authorization', `Bearer ${bearer}`).send(body),
    patch: (path: string, body: object) => t.http().patch(path).set('Authorization', `Bearer ${bearer}`).send(body),
  });

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    const client = await f.client(await f.agency('Settings Agency'), [...CLIENT_PERMISSIONS], 'Acme');
    email = uniqueEmail('settings');
    await f.clientUser(client, 'member', email);
    token = (await f.signIn(email)).accessToken;
  });
  afterAll(() => t.close());

  it('changes name and time zone, and names a bad zone', async () => {
    const bad = await api().patch('/api/v1/me', { timezone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('timezone');
    expect((await api().patch('/api/v1/me', {})).status).toBe(200);
    const good = await api().patch('/api/v1/me', { name: 'Ada Lovelace', timezone: 'Asia/Tokyo' });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ name: 'Ada Lovelace', timezone: 'Asia/Tokyo' });
    const week = `from=${new Date().toISOString()}&to=${new Date(Date.now() + 7 * 86400_000).toISOString()}`;
    expect((await api().get(`/api/v1/portal/calendar?${week}`)).body.timezone).toBe('Asia/Tokyo');
  });

  it('changes the email only once the new address confirms it', async () => {
    const wrong = await api().post('/api/v1/me/email', {
      newEmail: uniqueEmail('new'),
      currentPassword: 'nope nope nope',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('currentPassword');
    const newEmail = uniqueEmail('new');
    const started = await api().post('/api/v1/me/email', { newEmail, currentPassword: TEST_PASSWORD });
    expect(started.status).toBe(202);
    expect((await api().get('/api/v1/me')).body).toMatchObject({ email, pendingEmail: newEmail });
    expect((await t.emailsTo(email))[0].subject).toMatch(/being changed/);
    const confirmToken = await t.tokenFromEmail(newEmail, '/confirm-email-change');
    expect(
      (
        await t
          .http()
          .post('/api/v1/me/email/confirm')
          .send({ token: 'x'.repeat(43) })
      ).status,
    ).toBe(400);
    const confirmed = await t.http().post('/api/v1/me/email/confirm').send({ token: confirmToken });
    expect(confirmed.status).toBe(200);
    expect((await t.http().post('/api/v1/me/email/confirm').send({ token: confirmToken })).status).toBe(400);
    expect((await t.http().post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD })).status).toBe(401);
    expect((await t.http().post('/api/v1/auth/login').send({ email: newEmail, password: TEST_PASSWORD })).status).toBe(
      200,
    );
    email = newEmail;
  });

  it('changes the password with the current one; other sessions end, this one stays', async () => {
    const other = await f.signIn(email);
    // A reset link mailed before the change must not undo it.
    await t.http().post('/api/v1/auth/forgot-password').send({ email });
    const resetToken = await t.tokenFromEmail(email, '/reset-password');
    const wrong = await api().post('/api/v1/me/password', { currentPassword: 'wrong password', newPassword: 'x' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('currentPassword');
    const weak = await api().post('/api/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'password' });
    expect(weak.body.details[0].field).toBe('newPassword');
    const done = await api().post('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(done.status).toBe(204);
    expect((await api().get('/api/v1/me')).status).toBe(200);
    expect((await api(other.accessToken).get('/api/v1/me')).status).toBe(401);
    const refresh = await t.http().post('/api/v1/auth/refresh').set('Cookie', other.cookie);
    expect(refresh.status).toBe(401);
    const reset = await t
      .http()
      .post('/api/v1/auth/reset-password')
      .send({ token: resetToken, password: 'x'.repeat(20) });
    expect(reset.status).toBe(400);
  });

  it('sets and removes a profile picture; refuses what is not an image', async () => {
    const svg = await t
      .http()
      .put('/api/v1/me/avatar')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', svgWithScript(), { filename: 'me.svg' });
    expect(svg.status).toBe(400);
    expect(svg.body.details[0]).toMatchObject({ field: 'file' });
    const set = await t
      .http()
      .put('/api/v1/me/avatar')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', await jpeg(800, 600), { filename: 'me.jpg' });
    expect(set.status).toBe(200);
    expect(set.body.avatarUrl).toMatch(/^\/api\/v1\/files\//);
    await t.app.get(JobQueue).drain();
    const me = (await api().get('/api/v1/me')).body;
    const picture = await t.http().get(me.avatarUrl);
    expect(picture.status).toBe(200);
    expect(picture.headers['content-type']).toBe('image/webp');
    const removed = await t.http().delete('/api/v1/me/avatar').set('Authorization', `Bearer ${token}`);
    expect(removed.body.avatarUrl).toBeNull();
    expect((await t.http().get(me.avatarUrl)).status).toBe(404);
  });

  it('two pictures set at once leave one picture, not an orphan', async () => {
    const put = async (name: string) =>
      t
        .http()
        .put('/api/v1/me/avatar')
        .set('Authorization', `Bearer ${token}`)
        .attach('file', await jpeg(300, 300), { filename: name });
    const answers = await Promise.all([put('one.jpg'), put('two.jpg'), put('three.jpg')]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    await t.app.get(JobQueue).drain();
    const me = (await api().get('/api/v1/me')).body;
    const pictures = await t.db.getRepository(MediaAsset).findBy({ uploadedByUserId: me.id, purpose: 'avatar' });
    expect(pictures).toHaveLength(1);
    expect(me.avatarUrl).toContain('/api/v1/files/');
    expect((await t.http().get(me.avatarUrl)).status).toBe(200);
  });

  it('a pending email change dies with a password change or a password reset', async () => {
    const client = await f.client(await f.agency(), [...CLIENT_PERMISSIONS]);
    for (const how of ['change', 'reset'] as const) {
      const victim = await f.clientUser(client, 'member');
      const hijacker = await f.signIn(victim.email);
      const intruderEmail = uniqueEmail('intruder');
      const started = await api(hijacker.accessToken).post('/api/v1/me/email', {
        newEmail: intruderEmail,
        currentPassword: TEST_PASSWORD,
      });
      expect(started.status).toBe(202);
      const confirmToken = await t.tokenFromEmail(intruderEmail, '/confirm-email-change');
      const warning = (await t.emailsTo(victim.email))[0];
      expect(warning.textBody).toContain('/forgot');
      if (how === 'change') {
        const own = await f.signIn(victim.email);
        const changed = await api(own.accessToken).post('/api/v1/me/password', {
          currentPassword: TEST_PASSWORD,
          newPassword: 'the rightful owner is back',
        });
        expect(changed.status).toBe(204);
        expect((await api(own.accessToken).get('/api/v1/me')).body.pendingEmail).toBeNull();
      } else {
        await t.http().post('/api/v1/auth/forgot-password').send({ email: victim.email });
        const resetToken = await t.tokenFromEmail(victim.email, '/reset-password');
        const reset = await t
          .http()
          .post('/api/v1/auth/reset-password')
          .send({ token: resetToken, password: 'the rightful owner is back' });
        expect(reset.status).toBe(200);
      }
      const confirmed = await t.http().post('/api/v1/me/email/confirm').send({ token: confirmToken });
      expect(confirmed.status).toBe(400);
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: victim.email, password: 'the rightful owner is back' });
      expect(login.status).toBe(200);
    }
  });
});
