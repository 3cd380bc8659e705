import { createInterface } from 'node:readline';
import type { Caller, Deps, Reply } from '../app/deps';
import { dispatch } from '../app/dispatch';
import { translator } from '../i18n';
import type { ConsoleChat } from './console-chat';
import { nextField, type PendingForm, question, take } from './form-prompt';
import { consoleText } from './render';
import type { Screen } from './screen';

/** The console's one workspace: sequence numbers and incidents live under it in Redis. */
export const CONSOLE_WORKSPACE = 'console';
/** The console's lobby: where commands are typed outside incident rooms (and triage cards land). */
export const LOBBY = 'general';

/**
 * A terminal chat like Hubot's shell adapter: lines starting with `/crisis` are commands, numbers press
 * the buttons on screen, a form asks its fields one line at a time. Reads a pipe as well as a keyboard
 * and returns at end of input, so transcripts can be scripted.
 */
export async function runConsole(
  deps: Deps & { chat: ConsoleChat },
  io: { input: NodeJS.ReadableStream; screen: Screen; user: string },
): Promise<void> {
  const t = translator(deps.locale, deps.timeZone);
  const { screen } = io;
  // What the console says goes through consoleText: it quotes typed text (a name, an answer).
  const write = (text: string) => screen.print(consoleText(text));
  const caller: Caller = { workspace: CONSOLE_WORKSPACE, user: io.user, room: LOBBY };
  let pending: PendingForm | null = null;
  // In a terminal readline echoes what is typed and draws the prompt: it needs the screen's output.
  const lines = screen.interactive
    ? createInterface({ input: io.input, output: screen.output, terminal: true })
    : createInterface({ input: io.input, terminal: false });
  if (screen.interactive) screen.attach(lines);
  // Ctrl-C at the prompt leaves like /quit (readline would otherwise just pause the input).
  lines.on('SIGINT', () => lines.close());
  const ask = () => {
    const field = pending ? nextField(pending) : undefined;
    if (field) write(question(field, t));
  };
  const prompt = () => screen.prompt(pending ? '> ' : `#${caller.room} ${caller.user}> `);
  const show = (reply: Reply) => {
    for (const card of reply.cards) deps.chat.reply(card);
    if (reply.openedRoom) {
      caller.room = reply.openedRoom;
      write(t('console.room', { room: caller.room }));
    }
    if (reply.form) {
      pending = { form: reply.form, values: {} };
      write(reply.form.title);
      ask();
    }
  };
  /** Answers the form refused are shown and asked again; the others are kept. */
  const reopen = (form: PendingForm, errors: Record<string, string>) => {
    for (const message of Object.values(errors)) write(`⚠ ${message}`);
    const values = Object.fromEntries(Object.entries(form.values).filter(([id]) => !(id in errors)));
    pending = { form: form.form, values };
    ask();
  };

  write(`${t('console.welcome')}\n${t('console.you', { user: caller.user })}`);
  prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    deps.chat.startBatch();
    if (pending && line.startsWith('/')) {
      // A command typed while a form waits abandons the form rather than becoming its answer.
      pending = null;
      write(t('console.formCancelled'));
    }
    if (pending) {
      const form: PendingForm = pending;
      const field = nextField(form);
      const value = field ? take(form, field, raw) : null;
      if (field && value === null) write(t('console.badAnswer'));
      else if (field && typeof value === 'string') form.values[field.id] = value;
      // undefined: a long text goes on, until its line with only ".".
      if (value === undefined) {
        prompt();
        continue;
      }
      if (nextField(form)) {
        ask();
      } else {
        pending = null;
        const { kind, args } = form.form.submit;
        const reply = await dispatch(deps, caller, { type: 'form', kind, args, values: form.values });
        if (reply.fieldErrors) reopen(form, reply.fieldErrors);
        else show(reply);
      }
    } else if (line === '/quit' || line === '/exit') {
      break;
    } else if (line.startsWith('/as ')) {
      caller.user = line.slice(4).trim().replace(/^@/, '') || caller.user;
      write(t('console.as', { user: caller.user }));
    } else if (/^\/crisis(\s|$)/.test(line)) {
      show(await dispatch(deps, caller, { type: 'command', text: line.slice('/crisis'.length) }));
    } else if (/^\d+$/.test(line)) {
      const value = deps.chat.choice(Number(line));
      if (value) show(await dispatch(deps, caller, { type: 'action', value }));
      else write(t('console.noSuchChoice', { choice: line }));
    } else if (line) {
      write(t('console.notACommand'));
    }
    prompt();
  }
  lines.close();
  write(t('console.bye'));
}
