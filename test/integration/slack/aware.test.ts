import { when } from '../../../src/cards/format';
import { translator } from '../../../src/i18n';
import { ana, readable, useSlackWorld } from './slack-world';

/** A team in Kolkata, ana in Bogotá: neither has daylight saving time, so the offsets hold all year. */
const world = useSlackWorld({ timeZone: 'Asia/Kolkata' });
const CHANNEL = 'C1000';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** 21:15 yesterday on a Bogotá clock (UTC-5), as an instant. */
function yesterdayInBogota(): Date {
  const bogota = new Date(Date.now() - 5 * 3_600_000);
  return new Date(
    Date.UTC(bogota.getUTCFullYear(), bogota.getUTCMonth(), bogota.getUTCDate() - 1, 21 + 5, 15),
  );
}

test('GIVEN a data breach in Slack WHEN ana, in Bogotá, types /crisis aware yesterday 21:15 THEN the room reads her moment in the team’s zone and the pinned summary starts the 72-hour countdown from it', async () => {
  const w = world();
  w.fake.seedUser({ id: ana.user, tz: 'America/Bogota', tz_offset: -18_000 });
  const opened = await w.command(ana, 'open data-breach sev1 Customer database exposed');
  const pinned = (await w.fake.waitForCall('pins.add')).args.timestamp;
  await w.responseText(opened.responseId);
  const first = w.fake
    .calls('chat.postMessage')
    .find((c) => c.args.ts === pinned || c.response?.ts === pinned);
  expect(first && readable(first)).toContain(
    // Slack escapes the angle brackets, and shows them.
    'Clock not started: record when we became aware with `/crisis aware &lt;time&gt;`.',
  );

  const aware = yesterdayInBogota();
  await w.command({ ...ana, channel: CHANNEL }, 'aware yesterday 21:15 the DPO confirmed it');

  const team = translator('en', 'Asia/Kolkata');
  const posted = await w.fake.waitForCall('chat.postMessage', (c) =>
    String(c.args.text).includes('recorded when we became aware'),
  );
  expect(posted.args.channel).toBe(CHANNEL);
  const due = new Date(aware.getTime() + 72 * 3_600_000);
  expect(readable(posted)).toContain(
    `<@U0ANA> recorded when we became aware: ${when(aware, team)}. GDPR notification to the authority: due ${when(due, team)}.`,
  );
  const update = await w.fake.waitForCall(
    'chat.update',
    (c) => c.args.ts === pinned && readable(c).includes('h left at'),
  );
  const hours = Math.floor((due.getTime() - Date.now() + 60_000) / 3_600_000);
  expect(readable(update)).toMatch(
    new RegExp(`Due ${escaped(when(due, team))}: (${hours}|${hours + 1}) h left at \\d\\d:\\d\\d UTC\\+5:30`),
  );
});
