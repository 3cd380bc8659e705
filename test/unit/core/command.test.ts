import { type Command, parseCommand } from '../../../handlers/index';
import { parseRole, parseSeverity, parseUser } from '../../../src/core/command';
import type { Result, UserError } from '../../../src/core/result';

const context = { playbooks: ['hacked-account', 'data-leak', 'boycott'] };

function parsed(text: string): Command {
  const result: Result<Command> = parseCommand(text, context);
  if (!result.ok)
    throw new Error(`expected ${JSON.stringify(text)} to parse, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function refused(text: string): UserError {
  const result = parseCommand(text, context);
  if (result.ok)
    throw new Error(`expected ${JSON.stringify(text)} to be refused, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('parseSeverity', () => {
  it.each([
    ['sev1', 1],
    ['SEV2', 2],
    ['s3', 3],
    ['4', 4],
  ])('GIVEN %j WHEN read as a severity THEN it is SEV%i', (token, level) => {
    expect(parseSeverity(token)).toBe(level);
  });

  it.each(['sev0', 'sev5', 'sev9', '12', 's0'])(
    'GIVEN the out-of-range level %j WHEN read as a severity THEN it is invalid',
    (token) => {
      expect(parseSeverity(token)).toBe('invalid');
    },
  );

  it.each(['x', 'sev', 'high', 'sev-1', ''])(
    'GIVEN %j WHEN read as a severity THEN it is not one',
    (token) => {
      expect(parseSeverity(token)).toBeNull();
    },
  );
});

describe('parseUser', () => {
  it.each([
    ['<@U123>', 'U123'],
    ['<@U123|ana>', 'U123'],
    ['<@123456789012345678>', '123456789012345678'],
    ['<@!123>', '123'],
    ['<@&123456789012345678>', '&123456789012345678'],
    ['@ana', 'ana'],
    ['@josé.pérez', 'josé.pérez'],
  ])('GIVEN the mention %j WHEN read as a user THEN it is %j', (token, user) => {
    expect(parseUser(token)).toBe(user);
  });

  it.each(['ana', '<@>', '@', '<#C123>', '<@&>', '<@&S0LEGAL>', '<@&123|legal>', '@ana!'])(
    'GIVEN %j WHEN read as a user THEN it is not a mention',
    (token) => {
      expect(parseUser(token)).toBeNull();
    },
  );
});

describe('parseRole', () => {
  it.each([
    ['lead', 'lead'],
    ['LEAD', 'lead'],
    ['líder', 'lead'],
    ['Líder', 'lead'],
    ['comunicación', 'comms'],
    ['approbatrice', 'approver'],
    ['juridique', 'legal'],
    ['jurídico', 'legal'],
    ['RRHH', 'hr'],
    ['rh', 'hr'],
    ['técnico', 'sme'],
    ['atención', 'support'],
  ] as const)('GIVEN the role name %j WHEN read THEN it is the %s role', (token, role) => {
    expect(parseRole(token)).toBe(role);
  });

  it.each(['boss', 'leader', ''])('GIVEN %j WHEN read as a role THEN it is not one', (token) => {
    expect(parseRole(token)).toBeNull();
  });
});

describe('parseCommand', () => {
  describe('help', () => {
    it.each(['', '   ', 'help', 'HELP'])('GIVEN %j WHEN parsed THEN it asks for the help', (text) => {
      expect(parsed(text)).toEqual({ name: 'help' });
    });

    it('GIVEN an unknown subcommand WHEN parsed THEN it is refused with command.unknown naming what was typed', () => {
      expect(refused('resolve now')).toEqual({ key: 'command.unknown', params: { name: 'resolve' } });
    });
  });

  describe('#N', () => {
    it.each([
      ['#3 status', 3],
      ['status #3', 3],
      ['note #12 called the platform', 12],
      ['sev 2 #7', 7],
      ['step done #7', 7],
    ])('GIVEN %j WHEN parsed THEN it targets incident %i', (text, seq) => {
      expect(parsed(text)).toMatchObject({ incident: seq });
    });

    it.each(['note called #4 the platform', 'note called the platform #4', 'step skip 2 see ticket #4'])(
      'GIVEN %j WHEN parsed THEN #4 is part of the text and names no incident',
      (text) => {
        const command = parsed(text);
        expect(command).not.toHaveProperty('incident');
        expect(JSON.stringify(command)).toContain('#4');
      },
    );

    it('GIVEN two #N WHEN parsed THEN the first names the incident and the second stays in the text', () => {
      expect(parsed('note #2 see ticket #99')).toEqual({ name: 'note', incident: 2, text: 'see ticket #99' });
    });

    it('GIVEN no #N WHEN a command is parsed THEN it names no incident (the room decides)', () => {
      expect(parsed('sev 2')).toEqual({ name: 'sev', severity: 2 });
    });
  });

  describe('open', () => {
    it('GIVEN a playbook, a severity and a title WHEN parsed THEN all three are read', () => {
      expect(parsed('open hacked-account sev1 Our account is posting spam')).toEqual({
        name: 'open',
        playbook: 'hacked-account',
        severity: 1,
        title: 'Our account is posting spam',
      });
    });

    it('GIVEN a playbook typed in capitals WHEN parsed THEN the playbook id is found', () => {
      expect(parsed('open Data-Leak Customer emails exposed')).toEqual({
        name: 'open',
        playbook: 'data-leak',
        title: 'Customer emails exposed',
      });
    });

    it('GIVEN a severity and a title but no playbook WHEN parsed THEN the playbook is left to choose', () => {
      expect(parsed('open sev2 Title')).toEqual({ name: 'open', severity: 2, title: 'Title' });
    });

    it('GIVEN only a title WHEN parsed THEN the whole text is the title', () => {
      expect(parsed('open Nos han hackeado')).toEqual({ name: 'open', title: 'Nos han hackeado' });
    });

    it('GIVEN a title with accents and punctuation WHEN parsed THEN it is kept exactly', () => {
      expect(parsed('open ¡Filtración de datos en Ñandú! (urgente)')).toEqual({
        name: 'open',
        title: '¡Filtración de datos en Ñandú! (urgente)',
      });
    });

    it('GIVEN a title whose second word is a number that cannot be a severity WHEN parsed THEN the whole text is the title', () => {
      // "1234" is not a severity (parseSeverity says 'invalid'), so "Flight" cannot be a mistyped playbook id.
      expect(parseCommand('open Flight 1234 delayed', context)).toEqual({
        ok: true,
        value: { name: 'open', title: 'Flight 1234 delayed' },
      });
    });

    it('GIVEN a misspelt playbook id WHEN parsed THEN it is refused with the list of known playbooks', () => {
      expect(refused('open hacked-acount sev1 x')).toEqual({
        key: 'open.unknownPlaybook',
        params: { playbook: 'hacked-acount', playbooks: 'hacked-account, data-leak, boycott' },
      });
    });

    it.each([
      ['open', {}],
      ['open sev1', { severity: 1 }],
      ['open hacked-account', { playbook: 'hacked-account' }],
      ['open hacked-account sev3', { playbook: 'hacked-account', severity: 3 }],
    ])(
      'GIVEN %j WHEN parsed THEN it is an open with an empty title, keeping what was given for the form',
      (text, given) => {
        expect(parsed(text)).toEqual({ name: 'open', title: '', ...given });
      },
    );

    it('GIVEN an out-of-range severity WHEN opening THEN it is refused with sev.invalid', () => {
      expect(refused('open sev7 Fire')).toEqual({ key: 'sev.invalid', params: { value: 'sev7' } });
    });
  });

  describe('status and list', () => {
    it('GIVEN "status" WHEN parsed THEN it asks for the status of the room\'s incident', () => {
      expect(parsed('status')).toEqual({ name: 'status' });
    });

    it('GIVEN "status 5" WHEN parsed THEN it asks for incident 5', () => {
      expect(parsed('status 5')).toEqual({ name: 'status', incident: 5 });
    });

    it.each([
      ['list', false],
      ['list all', true],
      ['list ALL', true],
      ['list open', false],
    ])('GIVEN %j WHEN parsed THEN all is %s', (text, all) => {
      expect(parsed(text)).toEqual({ name: 'list', all });
    });
  });

  describe('note', () => {
    it('GIVEN a note over several lines WHEN parsed THEN its text keeps its spacing and line breaks', () => {
      expect(parsed('note   Called the platform:\n- ticket open\n- no answer yet')).toEqual({
        name: 'note',
        text: 'Called the platform:\n- ticket open\n- no answer yet',
      });
    });

    it('GIVEN "note" alone WHEN parsed THEN it is refused with note.empty', () => {
      expect(refused('note')).toEqual({ key: 'note.empty' });
    });
  });

  describe('role', () => {
    it.each([
      ['role lead <@U123|ana>', 'lead', 'U123'],
      ['role comms <@!123>', 'comms', '123'],
      ['role approver <!subteam^S0LEGAL|@legal>', 'approver', 'S0LEGAL'],
      ['role legal <@&123456789012345678>', 'legal', '&123456789012345678'],
      ['role scribe @ana', 'scribe', 'ana'],
      ['role líder @ana', 'lead', 'ana'],
      ['role juridique @luc', 'legal', 'luc'],
      ['role RRHH @marta', 'hr', 'marta'],
    ] as const)('GIVEN %j WHEN parsed THEN the %s role goes to %s', (text, role, user) => {
      expect(parsed(text)).toEqual({ name: 'role', role, user });
    });

    it('GIVEN "role lead" without a mention WHEN parsed THEN it is refused with role.noUser naming the role', () => {
      expect(refused('role lead')).toEqual({ key: 'role.noUser', params: { role: 'lead', id: 'lead' } });
    });

    it('GIVEN a Spanish role name without a mention WHEN parsed THEN role.noUser gives the role id to type', () => {
      expect(refused('role portavoz ana')).toEqual({
        key: 'role.noUser',
        params: { role: 'comms', id: 'comms' },
      });
    });

    it('GIVEN an unknown role WHEN parsed THEN it is refused with role.unknown quoting it', () => {
      expect(refused('role boss @ana')).toEqual({ key: 'role.unknown', params: { role: 'boss' } });
    });

    it('GIVEN "role" alone WHEN parsed THEN it is refused with role.usage', () => {
      expect(refused('role')).toEqual({ key: 'role.usage' });
    });

    it('GIVEN #N before the role WHEN parsed THEN the role and user are still read', () => {
      expect(parsed('role #2 lead @ana')).toEqual({ name: 'role', incident: 2, role: 'lead', user: 'ana' });
    });
  });

  describe('sev', () => {
    it.each([
      ['sev 2', 2],
      ['sev sev3', 3],
      ['sev2', 2],
      ['SEV1', 1],
      ['sev s4', 4],
    ])('GIVEN %j WHEN parsed THEN the severity is %i', (text, severity) => {
      expect(parsed(text)).toEqual({ name: 'sev', severity });
    });

    it.each([
      ['sev9', '9'],
      ['sev 9', '9'],
      ['sev x', 'x'],
      ['sev 0', '0'],
      ['sev', ''],
    ])('GIVEN %j WHEN parsed THEN it is refused with sev.invalid quoting %j', (text, value) => {
      expect(refused(text)).toEqual({ key: 'sev.invalid', params: { value } });
    });
  });

  describe('step', () => {
    it.each(['step', 'step show'])('GIVEN %j WHEN parsed THEN it shows the current step', (text) => {
      expect(parsed(text)).toEqual({ name: 'step', verb: 'show' });
    });

    it('GIVEN "step done" WHEN parsed THEN the current step is to be marked done', () => {
      expect(parsed('step done')).toEqual({ name: 'step', verb: 'done' });
    });

    it('GIVEN "step done 3" WHEN parsed THEN step 3 (index 2) is to be marked done', () => {
      expect(parsed('step done 3')).toEqual({ name: 'step', verb: 'done', step: 2 });
    });

    it('GIVEN "step done 3 #4" WHEN parsed THEN it is step 3 of incident 4', () => {
      expect(parsed('step done 3 #4')).toEqual({ name: 'step', incident: 4, verb: 'done', step: 2 });
    });

    it('GIVEN "step skip 2 no time" WHEN parsed THEN step 2 is skipped because "no time"', () => {
      expect(parsed('step skip 2 no time')).toEqual({
        name: 'step',
        verb: 'skip',
        step: 1,
        reason: 'no time',
      });
    });

    it('GIVEN "step skip" with a reason but no number WHEN parsed THEN the current step is skipped', () => {
      expect(parsed('step skip not relevant here')).toEqual({
        name: 'step',
        verb: 'skip',
        reason: 'not relevant here',
      });
    });

    it.each(['step skip', 'step skip 2'])(
      'GIVEN %j without a reason WHEN parsed THEN it is refused with step.skipUsage',
      (text) => {
        expect(refused(text)).toEqual({ key: 'step.skipUsage' });
      },
    );

    it('GIVEN "step assign @bob" WHEN parsed THEN the current step goes to bob', () => {
      expect(parsed('step assign @bob')).toEqual({ name: 'step', verb: 'assign', user: 'bob' });
    });

    it('GIVEN "step assign 4 <@U0BOB>" WHEN parsed THEN step 4 goes to U0BOB', () => {
      expect(parsed('step assign 4 <@U0BOB>')).toEqual({
        name: 'step',
        verb: 'assign',
        step: 3,
        user: 'U0BOB',
      });
    });

    it('GIVEN "step assign 2 <@&123456789012345678>" WHEN parsed THEN step 2 goes to that Discord role', () => {
      expect(parsed('step assign 2 <@&123456789012345678>')).toEqual({
        name: 'step',
        verb: 'assign',
        step: 1,
        user: '&123456789012345678',
      });
    });

    it.each(['step assign', 'step assign bob'])(
      'GIVEN %j without a mention WHEN parsed THEN it is refused with step.assignUsage',
      (text) => {
        expect(refused(text)).toEqual({ key: 'step.assignUsage' });
      },
    );

    it('GIVEN an unknown step verb WHEN parsed THEN it is refused with step.usage', () => {
      expect(refused('step finish')).toEqual({ key: 'step.usage' });
    });
  });

  describe('lang', () => {
    it.each([
      ['lang fr', 'fr'],
      ['lang ES', 'es'],
      ['lang en', 'en'],
    ] as const)('GIVEN %j WHEN parsed THEN the language is %s', (text, locale) => {
      expect(parsed(text)).toEqual({ name: 'lang', locale });
    });

    it.each(['lang de', 'lang', 'lang español'])(
      'GIVEN %j WHEN parsed THEN it is refused with lang.usage listing the languages',
      (text) => {
        expect(refused(text)).toEqual({ key: 'lang.usage', params: { locales: 'en, es, fr' } });
      },
    );
  });
});

describe('statement and question commands', () => {
  it.each<[string, Command]>([
    [
      'update We are sorry. Next update at 11:00.',
      { name: 'update', text: 'We are sorry. Next update at 11:00.' },
    ],
    ['update', { name: 'update', text: '' }],
    ['update #3 Line one\nline two', { name: 'update', incident: 3, text: 'Line one\nline two' }],
    ['#3 update see #12', { name: 'update', incident: 3, text: 'see #12' }],
    ['approve S2', { name: 'approve', statement: 2 }],
    ['approve s2 #4', { name: 'approve', statement: 2, incident: 4 }],
    ['approve 7', { name: 'approve', statement: 7 }],
    [
      'reject S1 Too vague, say what to do',
      { name: 'reject', statement: 1, reason: 'Too vague, say what to do' },
    ],
    ['reject S1', { name: 'reject', statement: 1, reason: '' }],
    ['edit #2 S1 New text', { name: 'edit', incident: 2, statement: 1, text: 'New text' }],
    ['edit S1', { name: 'edit', statement: 1, text: '' }],
    ['question Were our passwords leaked?', { name: 'question', text: 'Were our passwords leaked?' }],
    [
      'answer Q1 No: passwords are hashed.',
      { name: 'answer', question: 1, text: 'No: passwords are hashed.' },
    ],
    ['answer q2 S3', { name: 'answer', question: 2, statement: 3, text: '' }],
    ['answer 2 s3: see the email', { name: 'answer', question: 2, statement: 3, text: 'see the email' }],
    ['close', { name: 'close', resolution: '' }],
    [
      'close #4 Account recovered, see #12',
      { name: 'close', incident: 4, resolution: 'Account recovered, see #12' },
    ],
    ['reopen The spam is back', { name: 'reopen', reason: 'The spam is back' }],
  ])('GIVEN %j WHEN parsed THEN it is %j', (text, command) => {
    expect(parsed(text)).toEqual(command);
  });

  it.each([
    ['approve', 'statement.approveUsage'],
    ['approve first', 'statement.approveUsage'],
    ['reject because', 'statement.rejectUsage'],
    ['edit', 'statement.editUsage'],
    ['question', 'question.empty'],
    ['answer Q1', 'question.answerUsage'],
    ['answer yes it was', 'question.answerUsage'],
  ])('GIVEN %j WHEN parsed THEN it is refused with %s', (text, key) => {
    expect(refused(text).key).toBe(key);
  });
});
