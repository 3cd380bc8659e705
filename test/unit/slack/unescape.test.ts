import { unescapeSlack } from '../../../src/slack/listeners';

describe('unescapeSlack', () => {
  test('GIVEN a command Slack escaped WHEN read THEN calma keeps what the person typed', () => {
    expect(unescapeSlack('open Price &lt; 0 &amp; &quot;free&quot; &gt; rumour')).toBe(
      'open Price < 0 & &quot;free&quot; > rumour',
    );
  });

  test('GIVEN a mention token WHEN read THEN it is left as Slack sent it', () => {
    expect(unescapeSlack('role lead <@U123|ana>')).toBe('role lead <@U123|ana>');
  });
});
