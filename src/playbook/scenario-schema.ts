import { z } from 'zod';
import { Id, Text } from './schema';

/*
 * A drill scenario: a playbook to practise and the messages the outside world "sends" during the drill
 * (injects), each at a minute from the drill's start. Files live in `playbooks/scenarios/<id>.yaml`.
 */

/** Who an inject seems to come from: one label for every language (`@angry_customer on X`) or three. */
const Source = z.union([z.string().trim().min(1, 'say who the message comes from'), Text]).meta({
  id: 'Source',
  description:
    'Who the message seems to come from, as responders would see it: a handle ("@angry_customer on X"), a person ("TechCrunch reporter") or a system ("monitoring"). One text, or en / es / fr when it needs translating.',
});

export const Inject = z
  .object({
    at: z
      .number()
      .int()
      .min(0)
      .describe('When the message arrives, in minutes from the start of the drill (0: at once).'),
    from: Source,
    text: Text.describe('The message itself, as the outside world would write it.'),
  })
  .strict()
  .meta({
    id: 'Inject',
    description: 'A simulated message from the outside world, posted during the drill.',
  });

export const Scenario = z
  .object({
    id: Id.describe('The scenario id used in `/crisis drill <playbook> <id>`; the file is named after it.'),
    playbook: Id.describe('The id of the playbook the drill practises.'),
    title: Text.describe('Title of the drill incident.'),
    description: Text.describe('What the scenario is about and what it trains, for whoever runs the drill.'),
    severity: z
      .number()
      .int()
      .min(1)
      .max(4)
      .optional()
      .describe('Severity the drill opens with (1 worst, 4 least); unset: the team has to decide.'),
    injects: z
      .array(Inject)
      .min(1, 'a scenario needs at least one inject')
      .describe('The injects, in time order.'),
  })
  .strict()
  .superRefine((scenario, ctx) => {
    scenario.injects.forEach((inject, index) => {
      const previous = scenario.injects[index - 1];
      if (previous && inject.at < previous.at) {
        ctx.addIssue({
          code: 'custom',
          path: ['injects', index, 'at'],
          message: `injects must be in time order: this one (${inject.at}) comes before the previous one (${previous.at})`,
        });
      }
    });
  });

export type Source = z.infer<typeof Source>;
export type Inject = z.infer<typeof Inject>;
export type Scenario = z.infer<typeof Scenario>;
