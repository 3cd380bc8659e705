import { parseCommand } from '../../../handlers/index';

const context = { playbooks: ['hacked-account'] };
const parse = (text: string) => parseCommand(text, context);

describe('/crisis drill', () => {
  test.each([
    ['drill', { name: 'drill' }],
    ['drill hacked-account', { name: 'drill', playbook: 'hacked-account' }],
    [
      'drill Hacked-Account Buffer-2013',
      { name: 'drill', playbook: 'hacked-account', scenario: 'buffer-2013' },
    ],
    [
      '  drill   hacked-account   stolen-phone ',
      { name: 'drill', playbook: 'hacked-account', scenario: 'stolen-phone' },
    ],
    // Unknown ids parse: the handler answers with the playbooks and scenarios that exist.
    ['drill nope', { name: 'drill', playbook: 'nope' }],
  ])('GIVEN `/crisis %s` WHEN parsed THEN it is %j', (text, command) => {
    expect(parse(text)).toEqual({ ok: true, value: command });
  });

  test('GIVEN more than a playbook and a scenario WHEN parsed THEN the usage is shown', () => {
    expect(parse('drill hacked-account buffer-2013 sev1')).toEqual({
      ok: false,
      error: { key: 'drill.usage' },
    });
  });
});

describe('/crisis delete', () => {
  test.each([
    ['delete #3', 3],
    ['delete 3', 3],
    ['#12 delete', 12],
  ])('GIVEN `/crisis %s` WHEN parsed THEN it deletes #%i', (text, incident) => {
    expect(parse(text)).toEqual({ ok: true, value: { name: 'delete', incident } });
  });

  test.each(['delete', 'delete drill', 'delete #3 now', 'delete 3 4'])(
    'GIVEN `/crisis %s` (no single incident named) WHEN parsed THEN it is refused with the usage',
    (text) => {
      expect(parse(text)).toEqual({ ok: false, error: { key: 'drill.deleteUsage' } });
    },
  );
});
